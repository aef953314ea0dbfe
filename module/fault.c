// SPDX-License-Identifier: GPL-2.0
/*
 * The fault points of fault.h: per site a countdown to the failing hit and
 * a number of hits to fail from there, both atomic, so a site fires exactly
 * as armed whichever CPU and context hit it.
 */
#include <linux/debugfs.h>
#include <linux/seq_file.h>
#include <linux/uaccess.h>
#include <linux/string.h>
#include <linux/kernel.h>

#include "nfwfp.h"
#include "fault.h"

DEFINE_STATIC_KEY_FALSE(nfwfp_fault_armed);

static const char *const nfwfp_fault_names[__NFWFP_FAULT_MAX] = {
	[NFWFP_FAULT_NBL]		= "nbl",
	[NFWFP_FAULT_NBL_RETREAT]	= "nbl_retreat",
	[NFWFP_FAULT_HOLD]		= "hold",
	[NFWFP_FAULT_HOLD_CLONE]	= "hold_clone",
	[NFWFP_FAULT_CLONE_SKB]		= "clone_skb",
	[NFWFP_FAULT_ALLOC_NBL]		= "alloc_nbl",
	[NFWFP_FAULT_ORIGIN]		= "origin",
	[NFWFP_FAULT_HDRINCL]		= "hdrincl",
	[NFWFP_FAULT_USO_SEGMENT]	= "uso_segment",
	[NFWFP_FAULT_INJECT_REQ]	= "inject_req",
	[NFWFP_FAULT_XMIT_SKB]		= "xmit_skb",
	[NFWFP_FAULT_XMIT_HEADROOM]	= "xmit_headroom",
};

struct nfwfp_fault_state {
	atomic_t skip;		/* hits still to pass before failing */
	atomic_t times;		/* failures still to give */
	atomic64_t hits, failed;
};

static struct nfwfp_fault_state nfwfp_faults[__NFWFP_FAULT_MAX];
static DEFINE_MUTEX(nfwfp_fault_mutex);	/* arming and the static key */

bool nfwfp_fault_hit(enum nfwfp_fault_site site)
{
	struct nfwfp_fault_state *f = &nfwfp_faults[site];

	atomic64_inc(&f->hits);
	if (atomic_read(&f->times) <= 0)
		return false;
	/* Exactly the NTH hit and the TIMES - 1 after it, under any race. */
	if (atomic_dec_if_positive(&f->skip) >= 0)
		return false;
	if (atomic_dec_if_positive(&f->times) < 0)
		return false;
	atomic64_inc(&f->failed);
	return true;
}

u64 nfwfp_faults_injected(void)
{
	u64 n = 0;
	int i;

	for (i = 0; i < __NFWFP_FAULT_MAX; i++)
		n += atomic64_read(&nfwfp_faults[i].failed);
	return n;
}

static void nfwfp_fault_disarm_all(void)
{
	int i;

	for (i = 0; i < __NFWFP_FAULT_MAX; i++) {
		atomic_set(&nfwfp_faults[i].times, 0);
		atomic_set(&nfwfp_faults[i].skip, 0);
	}
	if (static_key_enabled(&nfwfp_fault_armed))
		static_branch_disable(&nfwfp_fault_armed);
}

static int nfwfp_fault_arm(char *spec)
{
	unsigned int nth, times = 1;
	char *name = strsep(&spec, ":");
	int site;

	site = name ? match_string(nfwfp_fault_names, __NFWFP_FAULT_MAX, name) : -EINVAL;
	if (site < 0 || !spec)
		return -EINVAL;
	if (sscanf(spec, "%u:%u", &nth, &times) < 1 || !nth || !times)
		return -EINVAL;
	atomic_set(&nfwfp_faults[site].times, 0);
	atomic_set(&nfwfp_faults[site].skip, nth - 1);
	atomic_set(&nfwfp_faults[site].times, times);
	if (!static_key_enabled(&nfwfp_fault_armed))
		static_branch_enable(&nfwfp_fault_armed);
	return 0;
}

static ssize_t nfwfp_fault_write(struct file *file, const char __user *ubuf,
				 size_t len, loff_t *ppos)
{
	char buf[64];
	int err;

	if (len >= sizeof(buf))
		return -EINVAL;
	if (copy_from_user(buf, ubuf, len))
		return -EFAULT;
	buf[len] = '\0';
	strim(buf);
	mutex_lock(&nfwfp_fault_mutex);
	if (!strcmp(buf, "off")) {
		nfwfp_fault_disarm_all();
		err = 0;
	} else {
		err = nfwfp_fault_arm(buf);
	}
	mutex_unlock(&nfwfp_fault_mutex);
	return err ?: len;
}

static int nfwfp_fault_show(struct seq_file *m, void *v)
{
	int i;

	for (i = 0; i < __NFWFP_FAULT_MAX; i++) {
		struct nfwfp_fault_state *f = &nfwfp_faults[i];

		seq_printf(m, "%s hits=%llu failed=%llu armed=%d/%d\n",
			   nfwfp_fault_names[i], atomic64_read(&f->hits),
			   atomic64_read(&f->failed), atomic_read(&f->skip) + 1,
			   atomic_read(&f->times));
	}
	return 0;
}

static int nfwfp_fault_open(struct inode *inode, struct file *file)
{
	return single_open(file, nfwfp_fault_show, NULL);
}

static const struct file_operations nfwfp_fault_fops = {
	.owner		= THIS_MODULE,
	.open		= nfwfp_fault_open,
	.read		= seq_read,
	.llseek		= seq_lseek,
	.release	= single_release,
	.write		= nfwfp_fault_write,
};

void nfwfp_fault_debugfs(struct dentry *dir)
{
	debugfs_create_file("fail_at", 0600, dir, NULL, &nfwfp_fault_fops);
}
