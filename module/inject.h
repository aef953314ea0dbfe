/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Transport send injection: handles (inject.c), requests and their
 * completion (inject.c), the synchronous API (inject_send.c), building and
 * sending the packet (xmit.c), the injection state the hook reads back
 * (injstate.c).
 */
#ifndef _NFWFP_INJECT_H
#define _NFWFP_INJECT_H

#include <linux/list.h>
#include <linux/skbuff.h>
#include <linux/in6.h>
#include <net/net_namespace.h>

#define NFWFP_WDK_LINUX_SOCKET_NAMES
#include <ndis.h>
#include <fwpsk.h>

#include "origin.h"

struct nfwfp_inj_handle;

/* controlData that takes effect on the wire; -1 / 0: not given. */
struct nfwfp_inj_ctl {
	int tos;			/* IP_TOS / IPV6_TCLASS */
	int ttl;			/* IP_TTL / IPV6_HOPLIMIT */
	int ifindex;			/* IP_PKTINFO / IPV6_PKTINFO */
	bool has_src;
	union {
		__be32 v4;
		struct in6_addr v6;
	} src;				/* PKTINFO source address */
};

/* One accepted FwpsInjectTransportSendAsync call for one NBL. */
struct nfwfp_inj_req {
	struct list_head node;		/* on the handle's FIFO */
	struct nfwfp_inj_handle *h;
	u64 seq;			/* the handle's request number, from 1 */
	NET_BUFFER_LIST *nbl;
	FWPS_INJECT_COMPLETE0 fn;
	void *fn_ctx;
	struct net *net;		/* counted */
	struct sock *sk;		/* the endpoint's socket, counted, or NULL */
	struct nfwfp_origin *origin;	/* the NBL's lineage, counted, or NULL */
	u8 family;			/* Linux AF_INET / AF_INET6 */
	bool has_daddr;
	bool nb_has_ip;			/* hdrincl v0: the NB starts at the IP header */
	union {
		__be32 v4;
		struct in6_addr v6;
	} daddr;
	u32 scope_id;
	struct nfwfp_inj_ctl ctl;
	u8 *hdr;			/* v1 headerIncludeHeader, a private copy */
	u32 hdr_len;
	struct nfwfp_injinfo info;	/* what the hook will read back */
};

/* inject.c */
NTSTATUS nfwfp_inject_reserve(HANDLE handle, u8 family,
			      struct nfwfp_inj_handle **hp);
void nfwfp_inject_unreserve(struct nfwfp_inj_handle *h);
/* The id of a live handle, 0 if @handle is none. */
u64 nfwfp_inject_handle_id(HANDLE handle);
u64 nfwfp_inject_id(const struct nfwfp_inj_handle *h);
/* Hand a request of a reserved handle to its worker; r->h set. */
NTSTATUS nfwfp_inject_queue(struct nfwfp_inj_req *r);
void nfwfp_inject_req_free(struct nfwfp_inj_req *r);
void nfwfp_inject_owner_gone(struct module *mod);
extern unsigned int nfwfp_inject_budget;

struct nfwfp_inject_stats {
	u64 handles;
	u64 requested, sent, failed, completed, outstanding;
	u64 backlog;
	u64 loops;		/* lineages dropped past inject_budget */
	u64 refused;		/* calls refused with a status */
	u64 congested;		/* sent, the qdisc answered NET_XMIT_CN */
};

void nfwfp_inject_get_stats(struct nfwfp_inject_stats *st);
void nfwfp_inject_count_refused(void);
void nfwfp_inject_reset_stats(void);

/*
 * xmit.c: build and send the packet; 0, NET_XMIT_CN (sent, the qdisc
 * reported congestion) or a -errno. Process context.
 */
int nfwfp_xmit(struct nfwfp_inj_req *r);

/* injstate.c: the injection tag the hook reads back; BH disabled. */
void nfwfp_inject_publish(struct sk_buff *skb, const struct nfwfp_injinfo *info);
void nfwfp_inject_unpublish(void);
/* Cheap, any context: could @skb be an injected packet? */
bool nfwfp_inject_maybe(const struct sk_buff *skb);
/*
 * The injection state of @skb if nfwfp injected it (then its own mark is
 * restored), else NULL. @copy: storage for a state read from the mark tag,
 * valid while the caller classifies.
 */
const struct nfwfp_injinfo *nfwfp_inject_claim(struct sk_buff *skb,
					       struct nfwfp_injinfo *copy);

/* injtag.c */
int nfwfp_tag_set(struct sk_buff *skb, const struct nfwfp_injinfo *info);
void nfwfp_tag_release(int idx, const struct sk_buff *skb);
bool nfwfp_tag_maybe(const struct sk_buff *skb);
const struct nfwfp_injinfo *nfwfp_tag_claim(struct sk_buff *skb,
					    struct nfwfp_injinfo *copy);
u32 nfwfp_tag_mask(void);
/* How @mask splits into slot-index and generation bits; false if too few. */
bool nfwfp_tag_bits(u32 mask, unsigned int *ibits, unsigned int *gbits);
/* -EINVAL for a one-bit mask, -EBUSY while injections are in flight. */
int nfwfp_tag_change_mask(u32 mask);
bool nfwfp_inject_ready(void);

/* The limits (module parameters; netlink's GET/SET_CONFIG). */
struct nfwfp_inject_limits {
	u32 max_inflight;
	u32 max_backlog;
	u32 budget;
};

void nfwfp_inject_get_limits(struct nfwfp_inject_limits *l);
void nfwfp_inject_set_limits(const struct nfwfp_inject_limits *l);

/* One handle as the control plane shows it. */
struct nfwfp_handle_info {
	u64 id;
	u16 family;
	bool closing;
	unsigned long owner_ip;
	u64 requested, sent, failed, completed;
	u32 outstanding;
};

/* Every live handle, by id; kvfree() the array. Returns the count or -errno. */
int nfwfp_inject_handles_snapshot(struct nfwfp_handle_info **out);

#endif /* _NFWFP_INJECT_H */
