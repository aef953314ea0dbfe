// SPDX-License-Identifier: GPL-2.0
/*
 * Injection state (DESIGN.md "Injection state"): how the LOCAL_OUT hook
 * knows that the packet in front of it is one nfwfp injected, and
 * FwpsQueryPacketInjectionState0.
 *
 * The worker sends with BH disabled and publishes "the packet being
 * injected now" in a per-CPU pointer for the duration of ip_local_out():
 * nfwfp's hook runs first at LOCAL_OUT, synchronously on this CPU, and
 * consumes it if the skb is the same, so a later pass of the same skb (a
 * tunnel re-entering LOCAL_OUT) is not mistaken for an injection. The
 * mark tag (injtag.c) covers a packet that a hook before nfwfp's queued:
 * only such hooks can see it, and nfwfp's hook restores the packet's own
 * mark before any other.
 *
 * The query answers from the NBL's lineage: an NBL being indicated now
 * reads the classification's state, a kept NBL or a clone its origin's.
 */
#include <linux/percpu.h>

#include "classify.h"
#include "inject.h"
#include "nbl.h"

struct nfwfp_inj_cur {
	const struct sk_buff *skb;
	const struct nfwfp_injinfo *info;
	u32 own_mark;
	int tag;			/* injtag.c slot, or -1 */
};

static DEFINE_PER_CPU(struct nfwfp_inj_cur, nfwfp_inj_cur);

void nfwfp_inject_publish(struct sk_buff *skb, const struct nfwfp_injinfo *info)
{
	struct nfwfp_inj_cur *cur = this_cpu_ptr(&nfwfp_inj_cur);

	lockdep_assert_in_softirq();
	cur->own_mark = skb->mark;
	/* The mark too, in case the packet reaches the hook later. */
	cur->tag = nfwfp_tag_set(skb, info);
	cur->info = info;
	cur->skb = skb;
}

void nfwfp_inject_unpublish(void)
{
	this_cpu_write(nfwfp_inj_cur.skb, NULL);
}

bool nfwfp_inject_maybe(const struct sk_buff *skb)
{
	/* A stale CPU read can only miss: this skb is published on this CPU. */
	return raw_cpu_read(nfwfp_inj_cur.skb) == skb || nfwfp_tag_maybe(skb);
}

const struct nfwfp_injinfo *nfwfp_inject_claim(struct sk_buff *skb,
					       struct nfwfp_injinfo *copy)
{
	struct nfwfp_inj_cur *cur = this_cpu_ptr(&nfwfp_inj_cur);

	if (cur->skb != skb)
		return nfwfp_tag_claim(skb, copy);
	/* Consumed on first sight; the packet gets its own mark back. */
	cur->skb = NULL;
	if (cur->tag >= 0)
		nfwfp_tag_release(cur->tag, skb);
	skb->mark = cur->own_mark;
	return cur->info;
}

static const struct nfwfp_injinfo *nfwfp_injinfo_of(const NET_BUFFER_LIST *nbl)
{
	const struct nfwfp_origin *o = nfwfp_nbl_origin(nbl);
	const struct nfwfp_cls *c;

	if (o)
		return &o->inj;
	c = nfwfp_cls_of_nbl(nbl);
	return c ? c->inj : NULL;
}

FWPS_PACKET_INJECTION_STATE NTAPI
FwpsQueryPacketInjectionState0(HANDLE injectionHandle,
			       const NET_BUFFER_LIST *netBufferList,
			       HANDLE *injectionContext)
{
	const struct nfwfp_injinfo *info;
	u64 id;
	int i;

	if (injectionContext)
		*injectionContext = NULL;
	if (!netBufferList || !nfwfp_nbl_is_nfwfp(netBufferList)) {
		nfwfp_count_misuse("injection state of an NBL nfwfp did not make");
		return FWPS_PACKET_NOT_INJECTED;
	}
	info = nfwfp_injinfo_of(netBufferList);
	if (!info || !info->hops)
		return FWPS_PACKET_NOT_INJECTED;
	id = nfwfp_inject_handle_id(injectionHandle);
	for (i = info->hops - 1; i >= 0; i--) {
		if (!id || info->hist[i].handle != id)
			continue;
		if (injectionContext)
			*injectionContext = info->hist[i].ctx;
		return i == info->hops - 1 ? FWPS_PACKET_INJECTED_BY_SELF :
		       FWPS_PACKET_PREVIOUSLY_INJECTED_BY_SELF;
	}
	return FWPS_PACKET_INJECTED_BY_OTHER;
}
EXPORT_SYMBOL_GPL(FwpsQueryPacketInjectionState0);
