// SPDX-License-Identifier: GPL-2.0
/*
 * Packets a callout keeps past classify (absorbed and referenced, or
 * referenced and permitted with a clone of the data) are counted per
 * network namespace. Unprivileged traffic matching a pending callout's
 * filter could otherwise pin unbounded memory: past the cap, the packet is
 * dropped and counted, and the callout's NBL stays a valid object with no
 * data (ref.c). The count lives in a small object of its own, so that a
 * packet held past its namespace's teardown still has somewhere to give
 * its charge back.
 */
#include <linux/module.h>
#include <linux/refcount.h>
#include <linux/slab.h>
#include <net/netns/generic.h>

#include "nfwfp.h"
#include "param.h"
#include "netcap.h"

static unsigned int nfwfp_held_max = 8192;
module_param_cb(held_max_per_netns, &nfwfp_param_ops_positive, &nfwfp_held_max, 0644);
MODULE_PARM_DESC(held_max_per_netns,
		 "Packets callouts may keep per network namespace (default 8192)");

struct nfwfp_netcap {
	refcount_t refs;	/* the namespace's, and one per charge */
	atomic_t held;
};

struct nfwfp_netcap_net {
	struct nfwfp_netcap *cap;
};

static unsigned int nfwfp_netcap_net_id __read_mostly;
static atomic64_t nfwfp_netcap_held;
static atomic64_t nfwfp_netcap_over;

static void nfwfp_netcap_put(struct nfwfp_netcap *cap)
{
	if (refcount_dec_and_test(&cap->refs))
		kfree(cap);
}

struct nfwfp_netcap *nfwfp_netcap_charge(const struct net *net)
{
	struct nfwfp_netcap_net *nn = net_generic(net, nfwfp_netcap_net_id);
	struct nfwfp_netcap *cap = nn->cap;

	if (atomic_inc_return(&cap->held) > READ_ONCE(nfwfp_held_max)) {
		atomic_dec(&cap->held);
		atomic64_inc(&nfwfp_netcap_over);
		return NULL;
	}
	refcount_inc(&cap->refs);
	atomic64_inc(&nfwfp_netcap_held);
	return cap;
}

void nfwfp_netcap_uncharge(struct nfwfp_netcap *cap)
{
	if (!cap)
		return;
	atomic_dec(&cap->held);
	atomic64_dec(&nfwfp_netcap_held);
	nfwfp_netcap_put(cap);
}

void nfwfp_netcap_get_stats(struct nfwfp_netcap_stats *st)
{
	st->held = atomic64_read(&nfwfp_netcap_held);
	st->over = atomic64_read(&nfwfp_netcap_over);
	st->max = READ_ONCE(nfwfp_held_max);
}

u32 nfwfp_netcap_max(void)
{
	return READ_ONCE(nfwfp_held_max);
}

void nfwfp_netcap_set_max(u32 max)
{
	WRITE_ONCE(nfwfp_held_max, max);
}

void nfwfp_netcap_reset_stats(void)
{
	atomic64_set(&nfwfp_netcap_over, 0);
}

static int __net_init nfwfp_netcap_net_init(struct net *net)
{
	struct nfwfp_netcap_net *nn = net_generic(net, nfwfp_netcap_net_id);

	nn->cap = kzalloc(sizeof(*nn->cap), GFP_KERNEL);
	if (!nn->cap)
		return -ENOMEM;
	refcount_set(&nn->cap->refs, 1);
	return 0;
}

static void __net_exit nfwfp_netcap_net_exit(struct net *net)
{
	struct nfwfp_netcap_net *nn = net_generic(net, nfwfp_netcap_net_id);

	nfwfp_netcap_put(nn->cap);
}

static struct pernet_operations nfwfp_netcap_net_ops = {
	.init	= nfwfp_netcap_net_init,
	.exit	= nfwfp_netcap_net_exit,
	.id	= &nfwfp_netcap_net_id,
	.size	= sizeof(struct nfwfp_netcap_net),
};

int __init nfwfp_netcap_init(void)
{
	return register_pernet_subsys(&nfwfp_netcap_net_ops);
}

void nfwfp_netcap_uninit(void)
{
	unregister_pernet_subsys(&nfwfp_netcap_net_ops);
}
