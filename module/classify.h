/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Classification of one outbound packet at the layers it visits.
 */
#ifndef _NFWFP_CLASSIFY_H
#define _NFWFP_CLASSIFY_H

#include <linux/skbuff.h>
#include <linux/netfilter.h>

#include "drop.h"
#include "engine.h"
#include "origin.h"
#include "packet.h"

#define NFWFP_HDRINCL_INLINE 128

/*
 * Per-packet scratch: what a classifyFn is shown. One per CPU and nesting
 * level (a classify can send, and the send re-enters LOCAL_OUT on this CPU),
 * used only with BH disabled.
 */
struct nfwfp_cls {
	const struct nfwfp_pkt *pkt;
	struct sk_buff *skb;
	const struct net_device *dev;
	const struct net *net;
	u32 compartment;
	u64 endpoint;			/* TRANSPORT_ENDPOINT_HANDLE, 0 if none */
	/* Set when nfwfp injected this packet (injstate.c), else NULL. */
	const struct nfwfp_injinfo *inj;
	FWPS_INCOMING_VALUES0 in;
	FWPS_INCOMING_VALUE0 vals[NFWFP_MAX_FIELDS];
	FWPS_INCOMING_METADATA_VALUES0 meta;
	FWP_BYTE_ARRAY16 local6, remote6;
	UINT64 luid;
	u8 *hdr;			/* headerIncludeHeader copy */
	u8 hdr_inline[NFWFP_HDRINCL_INLINE];
	NET_BUFFER_LIST *cur_nbl;	/* the NBL being classified now */
	struct nfwfp_hold *holds[2];	/* referenced NBLs (ref.c), one per layer */
	int nholds;
	/*
	 * Where the verdict came from, for the tracepoints: the run-time id
	 * of the last layer classified, the filter that decided there (NULL:
	 * none), and why, if the verdict is a drop (enum nfwfp_drop_reason).
	 */
	const struct nfwfp_filter *decider;
	u16 layer_id;
	u8 drop;
};

struct nfwfp_hold;

/* The packet being classified on this CPU (innermost), or NULL. */
struct nfwfp_cls *nfwfp_cls_current(void);
/* The classification on this CPU that indicates @nbl now, or NULL. */
struct nfwfp_cls *nfwfp_cls_of_nbl(const NET_BUFFER_LIST *nbl);

void nfwfp_values_build(struct nfwfp_cls *c, int layer);

#ifdef NFWFP_SELFTEST
FWP_ACTION_TYPE nfwfp_classify_layer_test(int layer, struct nfwfp_cls *c,
					  void *layer_data, bool *absorb);
#endif

unsigned int nfwfp_classify_outbound(struct sk_buff *skb,
				     const struct nf_hook_state *state);

int nfwfp_classify_init(void);
void nfwfp_classify_uninit(void);

/* Counters (debugfs.c reads them). */
enum nfwfp_stat {
	NFWFP_STAT_PRESENTED,		/* packets that reached a layer's filters */
	NFWFP_STAT_PERMITTED,
	NFWFP_STAT_BLOCKED,
	NFWFP_STAT_ABSORBED,
	NFWFP_STAT_NEST_OVERFLOW,	/* nested too deep: dropped if filtered */
	NFWFP_STAT_NO_MEMORY,		/* no view could be made: dropped if filtered */
	NFWFP_STAT_HELD_NO_MEMORY,	/* permitted but kept: no clone for a reference */
	NFWFP_STAT_USO_SEGMENTED,	/* UDP GSO packets segmented before classify */
	__NFWFP_STAT_MAX
};

struct nfwfp_stats {
	u64 stat[__NFWFP_STAT_MAX];
	u64 skip[__NFWFP_SKIP_MAX];
	u64 layer[NFWFP_L_MAX];		/* classifications per layer */
	u64 layer_block[NFWFP_L_MAX];
};

void nfwfp_stats_sum(struct nfwfp_stats *sum);
void nfwfp_stats_reset(void);

#endif /* _NFWFP_CLASSIFY_H */
