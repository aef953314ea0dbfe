// SPDX-License-Identifier: GPL-2.0
/*
 * /sys/kernel/debug/nfwfp/stats: every counter of the data path, one
 * "name value" pair per line; /sys/kernel/debug/nfwfp/objects: every
 * sublayer, callout and filter with its counters. For tests and for a quick
 * look: the control plane (netlink) is the supported interface.
 */
#include <linux/debugfs.h>
#include <linux/seq_file.h>

#include "nfwfp.h"
#include "engine.h"
#include "counters.h"
#include "fault.h"

static struct dentry *nfwfp_debugfs_dir;

static int nfwfp_stats_line(void *m, const char *name, u64 value)
{
	seq_printf(m, "%s %llu\n", name, value);
	return 0;
}

static int nfwfp_stats_show(struct seq_file *m, void *v)
{
	return nfwfp_counters_walk(nfwfp_stats_line, m);
}
DEFINE_SHOW_ATTRIBUTE(nfwfp_stats);

static int nfwfp_objects_show(struct seq_file *m, void *v)
{
	nfwfp_engine_show(m);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(nfwfp_objects);

int __init nfwfp_debugfs_init(void)
{
	nfwfp_debugfs_dir = debugfs_create_dir("nfwfp", NULL);
	debugfs_create_file("stats", 0400, nfwfp_debugfs_dir, NULL,
			    &nfwfp_stats_fops);
	debugfs_create_file("objects", 0400, nfwfp_debugfs_dir, NULL,
			    &nfwfp_objects_fops);
	nfwfp_fault_debugfs(nfwfp_debugfs_dir);
	return 0;
}

void nfwfp_debugfs_uninit(void)
{
	debugfs_remove_recursive(nfwfp_debugfs_dir);
}
