// SPDX-License-Identifier: GPL-2.0
/*
 * Origins of kept NBLs (origin.h) and the endpoint handles they hold.
 *
 * An origin is captured when an indicated NBL leaves its per-CPU slot (the
 * first reference or clone, during classify): that is the only moment the
 * packet, its socket and its injection state are all at hand. Packets that
 * are only looked at never get one.
 *
 * TRANSPORT_ENDPOINT_HANDLE is minted per packet (classify.c); the socket
 * it names is held by the packet's origin, so it resolves while any NBL of
 * that packet lives and becomes unknown after: a stale handle means a send
 * without a socket, never a use-after-free. The ids of live origins sit in
 * a small hash table for FwpsInjectTransportSendAsync of NBLs that do not
 * descend from the packet (built from scratch by the callout).
 */
#include <linux/hashtable.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/ipv6.h>
#include <net/ip6_fib.h>
#include <net/sock.h>

#include "fault.h"
#include "classify.h"
#include "origin.h"

#define NFWFP_EP_BITS	8

static DEFINE_HASHTABLE(nfwfp_ep_table, NFWFP_EP_BITS);
static DEFINE_SPINLOCK(nfwfp_ep_lock);

static void nfwfp_origin_meta(struct nfwfp_origin *o, const struct nfwfp_cls *c)
{
	const struct nfwfp_pkt *pkt = c->pkt;
	const struct sk_buff *skb = c->skb;

	o->compartment = c->compartment;
	o->family = pkt->family;
	o->proto = pkt->proto;
	o->flags = (pkt->flags & NFWFP_PKT_HDRINCL) ? NFWFP_ORIGIN_HDRINCL : 0;
	o->sport = htons(pkt->sport);
	o->dport = htons(pkt->dport);
	o->oif = c->dev ? c->dev->ifindex : 0;
	/*
	 * An IPv6 dst is checked against the serial of the route it came
	 * from, as a socket's cached one is (ip6_dst_store()): taken now, a
	 * route changed while the packet is held fails the check later.
	 */
	if (pkt->family == AF_INET6 && skb_dst(skb))
		o->dst_cookie = rt6_get_cookie((const struct rt6_info *)skb_dst(skb));
	o->bound_if = skb->sk && sk_fullsock(skb->sk) ?
		      READ_ONCE(skb->sk->sk_bound_dev_if) : 0;
	o->mark = skb->mark;
	o->priority = skb->priority;
	o->hash = skb->hash;
	o->l4_hash = skb->l4_hash;
	o->sw_hash = skb->sw_hash;
	o->queue_mapping = skb->queue_mapping;
	o->tstamp = skb->tstamp;
	if (skb_is_gso(skb)) {
		o->gso_size = skb_shinfo(skb)->gso_size;
		o->gso_type = skb_shinfo(skb)->gso_type;
	}
	if (c->inj)
		o->inj = *c->inj;
}

struct nfwfp_origin *nfwfp_origin_capture(const void *nbl)
{
	struct nfwfp_cls *c = nfwfp_cls_current();
	struct nfwfp_origin *o;
	unsigned int l3;

	if (!c || c->cur_nbl != nbl)
		return NULL;
	l3 = c->pkt->l3_len;
	o = nfwfp_fault(NFWFP_FAULT_ORIGIN) ? NULL :
	    kzalloc(struct_size(o, l3, l3), GFP_ATOMIC | __GFP_NOWARN);
	if (!o)
		return ERR_PTR(-ENOMEM);
	if (skb_copy_bits(c->skb, skb_network_offset(c->skb), o->l3, l3)) {
		kfree(o);
		return ERR_PTR(-EINVAL);
	}
	refcount_set(&o->refs, 1);
	o->l3_len = l3;
	nfwfp_origin_meta(o, c);
	INIT_HLIST_NODE(&o->ep_node);
	if (c->endpoint) {
		/* A full socket in its own transmit path: alive, and held now. */
		o->endpoint = c->endpoint;
		o->sk = c->skb->sk;
		sock_hold(o->sk);
		spin_lock_bh(&nfwfp_ep_lock);
		hash_add(nfwfp_ep_table, &o->ep_node, o->endpoint);
		spin_unlock_bh(&nfwfp_ep_lock);
	}
	return o;
}

void nfwfp_origin_put(struct nfwfp_origin *o)
{
	if (!o || !refcount_dec_and_test(&o->refs))
		return;
	if (o->sk) {
		spin_lock_bh(&nfwfp_ep_lock);
		hash_del(&o->ep_node);
		spin_unlock_bh(&nfwfp_ep_lock);
		sock_put(o->sk);
	}
	kfree(o);
}

struct sock *nfwfp_endpoint_get(u64 endpoint)
{
	struct nfwfp_origin *o;
	struct sock *sk = NULL;

	if (!endpoint)
		return NULL;
	spin_lock_bh(&nfwfp_ep_lock);
	hash_for_each_possible(nfwfp_ep_table, o, ep_node, endpoint) {
		if (o->endpoint == endpoint) {
			/* The table's origin holds the socket: a safe hold. */
			sk = o->sk;
			sock_hold(sk);
			break;
		}
	}
	spin_unlock_bh(&nfwfp_ep_lock);
	return sk;
}
