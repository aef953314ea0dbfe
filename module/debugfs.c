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
#include "classify.h"
#include "nbl.h"
#include "inject.h"
#include "netcap.h"

static struct dentry *nfwfp_debugfs_dir;

static const char *const nfwfp_stat_names[__NFWFP_STAT_MAX] = {
	[NFWFP_STAT_PRESENTED]		= "presented",
	[NFWFP_STAT_PERMITTED]		= "permitted",
	[NFWFP_STAT_BLOCKED]		= "blocked",
	[NFWFP_STAT_ABSORBED]		= "absorbed",
	[NFWFP_STAT_NEST_OVERFLOW]	= "unclassified_nested_too_deep",
	[NFWFP_STAT_NO_MEMORY]		= "unclassified_no_view",
	[NFWFP_STAT_HELD_NO_MEMORY]	= "kept_not_sent_no_memory",
	[NFWFP_STAT_USO_SEGMENTED]	= "uso_segmented",
};

static const char *const nfwfp_skip_names[__NFWFP_SKIP_MAX] = {
	[NFWFP_SKIP_NONE]	= "not_skipped",
	[NFWFP_SKIP_FRAGMENT]	= "skipped_fragment",
	[NFWFP_SKIP_XFRM]	= "skipped_xfrm",
	[NFWFP_SKIP_ND]		= "skipped_nd",
	[NFWFP_SKIP_MLD]	= "skipped_mld",
	[NFWFP_SKIP_IGMP]	= "skipped_igmp",
	[NFWFP_SKIP_MALFORMED]	= "skipped_malformed",
};

static int nfwfp_stats_show(struct seq_file *m, void *v)
{
	struct nfwfp_netcap_stats cap;
	struct nfwfp_inject_stats inj;
	struct nfwfp_nbl_stats nbl;
	struct nfwfp_stats st;
	int i;

	nfwfp_stats_sum(&st);
	for (i = 0; i < __NFWFP_STAT_MAX; i++)
		seq_printf(m, "%s %llu\n", nfwfp_stat_names[i], st.stat[i]);
	for (i = 1; i < __NFWFP_SKIP_MAX; i++)
		seq_printf(m, "%s %llu\n", nfwfp_skip_names[i], st.skip[i]);
	for (i = 0; i < NFWFP_L_MAX; i++) {
		seq_printf(m, "layer_%u_classified %llu\n",
			   nfwfp_layers[i].layer_id, st.layer[i]);
		seq_printf(m, "layer_%u_blocked %llu\n",
			   nfwfp_layers[i].layer_id, st.layer_block[i]);
	}
	nfwfp_nbl_get_stats(&nbl);
	seq_printf(m, "nbl_overflow %llu\nnbl_nomem %llu\nnbl_unsupported %llu\n"
		   "nbl_unrestored %llu\nnbl_misuse %llu\nnbl_kept %llu\n",
		   nbl.overflow, nbl.nomem, nbl.unsupported, nbl.unrestored,
		   nbl.misuse, nbl.kept);
	nfwfp_inject_get_stats(&inj);
	seq_printf(m, "inject_handles %llu\ninject_requested %llu\ninject_sent %llu\n"
		   "inject_failed %llu\ninject_completed %llu\ninject_outstanding %llu\n"
		   "inject_backlog %llu\ninject_loop_dropped %llu\n",
		   inj.handles, inj.requested, inj.sent, inj.failed, inj.completed,
		   inj.outstanding, inj.backlog, inj.loops);
	nfwfp_netcap_get_stats(&cap);
	seq_printf(m, "held %llu\nheld_over_cap %llu\nheld_max_per_netns %u\n",
		   cap.held, cap.over, cap.max);
	seq_printf(m, "misuse %llu\n", nfwfp_misuse_count());
	return 0;
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
	return 0;
}

void nfwfp_debugfs_uninit(void)
{
	debugfs_remove_recursive(nfwfp_debugfs_dir);
}
