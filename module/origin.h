/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What an indicated packet was, kept for as long as any NBL of its lineage
 * lives: the original of a kept (referenced) NBL and every clone of it
 * share one origin. Injection builds the packet from it (the original IP
 * header and skb metadata, DESIGN.md "Keep the original IP header"),
 * resolves the endpoint handle to the socket it holds and continues the
 * injection history from it.
 */
#ifndef _NFWFP_ORIGIN_H
#define _NFWFP_ORIGIN_H

#include <linux/refcount.h>
#include <linux/skbuff.h>
#include <linux/in6.h>
#include <net/sock.h>

/* Re-injections one lineage may go through (module parameter inject_budget). */
#define NFWFP_INJ_HOPS_MAX	16

/*
 * Injection state of a packet (DESIGN.md "Injection state"): every
 * injection of its lineage, oldest first, with its injectionContext; the
 * last one injected this packet. Handles are named by ids that are never
 * reused, so a history outlives the handles in it. hops == 0: not injected.
 */
struct nfwfp_injinfo {
	u8 hops;
	struct {
		u64 handle;
		void *ctx;
	} hist[NFWFP_INJ_HOPS_MAX];
};

#define NFWFP_ORIGIN_HDRINCL	BIT(0)	/* sent with the sender's own IP header */

struct nfwfp_origin {
	refcount_t refs;
	u32 compartment;		/* where the hook ran */
	u8 family;			/* AF_INET / AF_INET6 (Linux) */
	u8 proto;
	u8 flags;			/* NFWFP_ORIGIN_* */
	u16 l3_len;			/* bytes in l3[] */
	__be16 sport, dport;
	int oif;			/* device the packet was routed to */
	u32 dst_cookie;			/* IPv6: the route's serial, for dst->ops->check */
	int bound_if;			/* the socket's SO_BINDTODEVICE */
	u32 mark;
	u32 priority;
	u32 hash;
	u16 queue_mapping;
	u8 l4_hash:1, sw_hash:1;
	ktime_t tstamp;
	u16 gso_size;
	unsigned int gso_type;
	/* TRANSPORT_ENDPOINT_HANDLE and the socket it names, counted. */
	u64 endpoint;
	struct sock *sk;
	struct hlist_node ep_node;
	struct nfwfp_injinfo inj;
	u8 l3[];			/* the IP header, options, extension headers */
};

/*
 * The origin of the NBL being classified on this CPU, when that is @nbl;
 * NULL if there is no classification of it (self-tests), ERR_PTR(-ENOMEM).
 * BH disabled, indicating CPU.
 */
struct nfwfp_origin *nfwfp_origin_capture(const void *nbl);

static inline struct nfwfp_origin *nfwfp_origin_get(struct nfwfp_origin *o)
{
	if (o)
		refcount_inc(&o->refs);
	return o;
}

void nfwfp_origin_put(struct nfwfp_origin *o);

/* The socket an endpoint handle names while its packet lives, counted. */
struct sock *nfwfp_endpoint_get(u64 endpoint);

#endif /* _NFWFP_ORIGIN_H */
