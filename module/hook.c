// SPDX-License-Identifier: GPL-2.0
/*
 * The LOCAL_OUT hooks, IPv4 and IPv6, in every network namespace, at
 * priority -500: before defrag (-400), raw (-300), conntrack (-200) and
 * every nft/iptables chain, so each of those sees a packet exactly once,
 * in the form nfwfp's callouts let through.
 *
 * With no filter on any layer of the family, a packet costs one load and a
 * test: no lock, no allocation, no parsing.
 */
#include <linux/netfilter.h>
#include <linux/netfilter_ipv4.h>
#include <linux/netfilter_ipv6.h>
#include <net/net_namespace.h>

#include "nfwfp.h"
#include "classify.h"
#include "inject.h"

#define NFWFP_HOOK_PRIORITY (-500)

static const unsigned long nfwfp_family_layers[] = {
	[NFPROTO_IPV4] = BIT(NFWFP_L_TRANSPORT_V4) | BIT(NFWFP_L_DATAGRAM_V4) |
			 BIT(NFWFP_L_ICMP_ERROR_V4),
	[NFPROTO_IPV6] = BIT(NFWFP_L_TRANSPORT_V6) | BIT(NFWFP_L_DATAGRAM_V6) |
			 BIT(NFWFP_L_ICMP_ERROR_V6),
};

static unsigned int nfwfp_hook(void *priv, struct sk_buff *skb,
			       const struct nf_hook_state *state)
{
	/* An injected packet is always seen: its mark may carry the tag. */
	if (likely(!(READ_ONCE(nfwfp_layers_active) &
		     nfwfp_family_layers[state->pf])) &&
	    likely(!nfwfp_inject_maybe(skb)))
		return NF_ACCEPT;
	return nfwfp_classify_outbound(skb, state);
}

static const struct nf_hook_ops nfwfp_hook_ops[] = {
	{
		.hook		= nfwfp_hook,
		.pf		= NFPROTO_IPV4,
		.hooknum	= NF_INET_LOCAL_OUT,
		.priority	= NFWFP_HOOK_PRIORITY,
	},
	{
		.hook		= nfwfp_hook,
		.pf		= NFPROTO_IPV6,
		.hooknum	= NF_INET_LOCAL_OUT,
		.priority	= NFWFP_HOOK_PRIORITY,
	},
};

static int __net_init nfwfp_hook_net_init(struct net *net)
{
	return nf_register_net_hooks(net, nfwfp_hook_ops,
				     ARRAY_SIZE(nfwfp_hook_ops));
}

static void __net_exit nfwfp_hook_net_exit(struct net *net)
{
	nf_unregister_net_hooks(net, nfwfp_hook_ops, ARRAY_SIZE(nfwfp_hook_ops));
}

static struct pernet_operations nfwfp_hook_net_ops = {
	.init = nfwfp_hook_net_init,
	.exit = nfwfp_hook_net_exit,
};

int __init nfwfp_hook_init(void)
{
	return register_pernet_subsys(&nfwfp_hook_net_ops);
}

/* Returns with no hook running: unregistering synchronizes the net. */
void nfwfp_hook_uninit(void)
{
	unregister_pernet_subsys(&nfwfp_hook_net_ops);
}
