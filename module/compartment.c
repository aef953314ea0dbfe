// SPDX-License-Identifier: GPL-2.0
/*
 * netns <-> COMPARTMENT_ID. The id lives in nfwfp's pernet data; the reverse
 * map is an xarray from id to struct net, cleared in pre_exit so that a
 * dying namespace can no longer be looked up while its teardown runs.
 */
#include <linux/xarray.h>
#include <net/netns/generic.h>

#include "nfwfp.h"
#include "compartment.h"

struct nfwfp_compartment {
	u32 id;
};

static unsigned int nfwfp_compartment_net_id __read_mostly;
static DEFINE_XARRAY_ALLOC1(nfwfp_compartments);
/*
 * The next id for a namespace other than init_net. Namespaces are set up
 * concurrently (copy_net_ns() holds pernet_ops_rwsem only for reading).
 */
static u32 nfwfp_compartment_next = NFWFP_COMPARTMENT_DEFAULT + 1;
static DEFINE_MUTEX(nfwfp_compartment_lock);

u32 nfwfp_compartment_of(const struct net *net)
{
	const struct nfwfp_compartment *c = net_generic(net, nfwfp_compartment_net_id);

	return c->id;
}

/**
 * nfwfp_compartment_get_net - the namespace of a compartment id, referenced
 * @id: a COMPARTMENT_ID
 *
 * Return: the netns with a reference the caller must put_net(), or NULL when
 * no live namespace has this id.
 */
struct net *nfwfp_compartment_get_net(u32 id)
{
	struct net *net;

	rcu_read_lock();
	net = xa_load(&nfwfp_compartments, id);
	if (net)
		net = maybe_get_net(net);
	rcu_read_unlock();
	return net;
}

/*
 * Whether @id ever named a namespace while nfwfp is loaded (ids are never
 * reused): an id that did, and names none now, is a namespace that went.
 */
bool nfwfp_compartment_existed(u32 id)
{
	return id == NFWFP_COMPARTMENT_DEFAULT ||
	       (id > NFWFP_COMPARTMENT_DEFAULT && id < READ_ONCE(nfwfp_compartment_next));
}

static int __net_init nfwfp_compartment_net_init(struct net *net)
{
	struct nfwfp_compartment *c = net_generic(net, nfwfp_compartment_net_id);
	u32 id;
	int ret;

	if (net_eq(net, &init_net)) {
		id = NFWFP_COMPARTMENT_DEFAULT;
		ret = xa_insert(&nfwfp_compartments, id, net, GFP_KERNEL);
	} else {
		/* Monotonic: xa_alloc_cyclic() would reuse freed ids. */
		mutex_lock(&nfwfp_compartment_lock);
		ret = xa_alloc(&nfwfp_compartments, &id, net,
			       XA_LIMIT(nfwfp_compartment_next, U32_MAX - 1),
			       GFP_KERNEL);
		if (!ret)
			WRITE_ONCE(nfwfp_compartment_next, id + 1);
		mutex_unlock(&nfwfp_compartment_lock);
	}
	if (ret)
		return ret;
	c->id = id;
	return 0;
}

static void __net_exit nfwfp_compartment_net_pre_exit(struct net *net)
{
	xa_erase(&nfwfp_compartments, nfwfp_compartment_of(net));
}

static struct pernet_operations nfwfp_compartment_net_ops = {
	.init		= nfwfp_compartment_net_init,
	.pre_exit	= nfwfp_compartment_net_pre_exit,
	.id		= &nfwfp_compartment_net_id,
	.size		= sizeof(struct nfwfp_compartment),
};

int __init nfwfp_compartment_init(void)
{
	return register_pernet_subsys(&nfwfp_compartment_net_ops);
}

void nfwfp_compartment_uninit(void)
{
	unregister_pernet_subsys(&nfwfp_compartment_net_ops);
	WARN_ON_ONCE(!xa_empty(&nfwfp_compartments));
	xa_destroy(&nfwfp_compartments);
}
