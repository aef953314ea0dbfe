// SPDX-License-Identifier: GPL-2.0
/*
 * Classify: present an outbound packet at each WFP layer it visits, in WFP's
 * order, run the matching filters and callouts, and arbitrate (wfp_fwpm.md
 * §4). Runs from the LOCAL_OUT hook with BH disabled, which is WFP's
 * DISPATCH_LEVEL: classifyFn never sleeps and per-CPU scratch is safe.
 *
 * Arbitration, per layer: sublayers from the highest weight down; inside a
 * sublayer the matching filters from the highest weight down until one
 * decides (PERMIT or BLOCK; CONTINUE goes on); across sublayers a decision
 * holds the write right (soft) or not (hard). A soft decision may be
 * overridden by a lower sublayer; a hard PERMIT only by a callout's veto
 * (BLOCK returned without the right); a hard BLOCK by nothing. Every
 * sublayer is evaluated, so lower callouts still see the packet.
 */
#include <linux/percpu.h>
#include <linux/slab.h>
#include <linux/netfilter.h>
#include <net/ip.h>
#include <net/ipv6.h>

#include "fault.h"
#include "classify.h"
#include "compartment.h"
#include "counters.h"
#include "index.h"
#include "inject.h"
#include "nbl.h"
#include "ref.h"
#include "trace.h"

#define NFWFP_NEST_MAX 4

struct nfwfp_cls_stack {
	int depth;
	struct nfwfp_cls cls[NFWFP_NEST_MAX];
	/* Injection state read from a mark tag, per nesting level. */
	struct nfwfp_injinfo inj[NFWFP_NEST_MAX + 1];
};

static DEFINE_PER_CPU(struct nfwfp_cls_stack, nfwfp_cls_stack);
static DEFINE_PER_CPU(u64, nfwfp_endpoint_seq);

/*
 * TRANSPORT_ENDPOINT_HANDLE: an id minted per packet of a full user socket,
 * unique (sequence x CPU), never an address. It names the socket only
 * while an NBL of that packet is kept (ref.c holds the socket then), so a
 * stale id can only mean "no socket", never a freed one.
 */
static u64 nfwfp_endpoint_mint(void)
{
	return this_cpu_inc_return(nfwfp_endpoint_seq) * nr_cpu_ids +
	       smp_processor_id();
}
static struct nfwfp_stats __percpu *nfwfp_stats;

#define NFWFP_STAT_INC(field) this_cpu_inc(nfwfp_stats->field)

struct nfwfp_decision {
	const struct nfwfp_filter *f;	/* who decided */
	FWP_ACTION_TYPE action;		/* BLOCK, PERMIT, or CONTINUE: none */
	bool hard;			/* the write right was cleared */
	bool absorb;
	bool callout;
};

static void nfwfp_call_classify(const struct nfwfp_callout_rt *rt,
				struct nfwfp_cls *c, void *layer_data,
				struct nfwfp_filter *f, FWPS_CLASSIFY_OUT0 *out)
{
	switch (rt->version) {
	case 0:
		((FWPS_CALLOUT_CLASSIFY_FN0)rt->classify)(&c->in, &c->meta,
				layer_data, (FWPS_FILTER0 *)&f->fwps, 0, out);
		break;
	case 1:
		((FWPS_CALLOUT_CLASSIFY_FN1)rt->classify)(&c->in, &c->meta,
				layer_data, c, (FWPS_FILTER1 *)&f->fwps, 0, out);
		break;
	case 2:
		((FWPS_CALLOUT_CLASSIFY_FN2)rt->classify)(&c->in, &c->meta,
				layer_data, c, (FWPS_FILTER2 *)&f->fwps, 0, out);
		break;
	default:
		((FWPS_CALLOUT_CLASSIFY_FN3)rt->classify)(&c->in, &c->meta,
				layer_data, c, &f->fwps, 0, out);
		break;
	}
}

/* What a callout filter decides, after WFP's rules for its action type. */
static void nfwfp_eval_callout(struct nfwfp_filter *f, struct nfwfp_cls *c,
			       void *layer_data, bool right,
			       struct nfwfp_decision *d)
{
	const struct nfwfp_callout_rt *rt = rcu_dereference(f->callout->rt);
	FWPS_CLASSIFY_OUT0 out = {
		.actionType = FWP_ACTION_CONTINUE,
		.rights = right ? FWPS_RIGHT_ACTION_WRITE : 0,
	};
	FWP_ACTION_TYPE a;

	d->callout = true;
	if (!rt) {
		/* Unregistered: inspection is skipped, the others block or permit. */
		if (f->action == FWP_ACTION_CALLOUT_INSPECTION)
			d->action = FWP_ACTION_CONTINUE;
		else if (f->fwps.flags & FWPS_FILTER_FLAG_PERMIT_IF_CALLOUT_UNREGISTERED)
			d->action = FWP_ACTION_PERMIT;
		else
			d->action = FWP_ACTION_BLOCK;
		d->hard = d->action == FWP_ACTION_BLOCK;
		d->callout = false;
		return;
	}
	nfwfp_call_classify(rt, c, layer_data, f, &out);

	a = out.actionType;
	switch (f->action) {
	case FWP_ACTION_CALLOUT_TERMINATING:
		if (a != FWP_ACTION_BLOCK && a != FWP_ACTION_PERMIT)
			a = FWP_ACTION_BLOCK;
		break;
	case FWP_ACTION_CALLOUT_INSPECTION:
		a = FWP_ACTION_CONTINUE;
		break;
	default:
		if (a != FWP_ACTION_BLOCK && a != FWP_ACTION_PERMIT &&
		    a != FWP_ACTION_CONTINUE) {
			nfwfp_count_misuse("classifyFn returned an invalid action");
			a = FWP_ACTION_BLOCK;
		}
		break;
	}
	d->action = a;
	d->hard = !(out.rights & FWPS_RIGHT_ACTION_WRITE) ||
		  (f->fwps.flags & FWPS_FILTER_FLAG_CLEAR_ACTION_RIGHT);
	d->absorb = a == FWP_ACTION_BLOCK &&
		    (out.flags & FWPS_CLASSIFY_OUT_FLAG_ABSORB);
}

static void nfwfp_eval(struct nfwfp_filter *f, struct nfwfp_cls *c,
		       void *layer_data, bool right, struct nfwfp_decision *d)
{
	memset(d, 0, sizeof(*d));
	d->f = f;
	if (f->callout) {
		nfwfp_eval_callout(f, c, layer_data, right, d);
		return;
	}
	d->action = f->action;
	/* A plain block is hard; a plain permit is soft unless told otherwise. */
	d->hard = f->action == FWP_ACTION_BLOCK ||
		  (f->fwps.flags & FWPS_FILTER_FLAG_CLEAR_ACTION_RIGHT);
}

static void nfwfp_count(struct nfwfp_filter_stats __percpu *stats,
			const struct nfwfp_decision *d)
{
	struct nfwfp_filter_stats *st = this_cpu_ptr(stats);

	st->matched++;
	if (d->action == FWP_ACTION_PERMIT)
		st->permitted++;
	else if (d->action == FWP_ACTION_BLOCK)
		st->blocked++;
	if (d->absorb)
		st->absorbed++;
}

/* Arbitration state of one layer: the decision so far, and its rights. */
struct nfwfp_arb {
	FWP_ACTION_TYPE result;
	const struct nfwfp_filter *decider;
	bool right;
	bool absorb;
};

/* A sublayer's decision joins the layer's, by WFP's arbitration rules. */
static void nfwfp_arb_sublayer(struct nfwfp_arb *arb,
			       const struct nfwfp_sublayer *sl,
			       const struct nfwfp_decision *sub)
{
	if (!sl || sub->action == FWP_ACTION_CONTINUE)
		return;
	nfwfp_count(sl->stats.pcpu, sub);
	if (arb->right) {
		arb->result = sub->action;
		arb->right = !sub->hard;
		arb->absorb = sub->absorb;
		arb->decider = sub->f;
	} else if (arb->result == FWP_ACTION_PERMIT &&
		   sub->action == FWP_ACTION_BLOCK && sub->callout) {
		/* A veto: a callout blocks what a hard permit allowed. */
		arb->result = FWP_ACTION_BLOCK;
		arb->absorb = sub->absorb;
		arb->decider = sub->f;
	}
}

/*
 * One layer: returns FWP_ACTION_PERMIT or FWP_ACTION_BLOCK, and *absorb.
 * The walk (index.h) skips only filters that cannot match, so each
 * sublayer still sees its matching filters in weight order.
 */
static FWP_ACTION_TYPE nfwfp_classify_layer(const struct nfwfp_layer_snap *snap,
					    struct nfwfp_cls *c, void *layer_data,
					    bool *absorb)
{
	struct nfwfp_arb arb = { .result = FWP_ACTION_NONE_NO_MATCH, .right = true };
	const struct nfwfp_sublayer *sl = NULL;
	struct nfwfp_decision d, sub = { .action = FWP_ACTION_CONTINUE };
	struct nfwfp_walk w;
	int p;

	nfwfp_walk_start(&w, snap, &c->in);
	while ((p = nfwfp_walk_next(&w)) >= 0) {
		struct nfwfp_filter *f = snap->f[p];

		if (f->sublayer != sl) {
			nfwfp_arb_sublayer(&arb, sl, &sub);
			sl = f->sublayer;
			sub.action = FWP_ACTION_CONTINUE;
		}
		if (sub.action != FWP_ACTION_CONTINUE ||
		    !nfwfp_filter_match(f, &c->in))
			continue;
		nfwfp_eval(f, c, layer_data, arb.right, &d);
		trace_classify(c->in.layerId, f, d.action, d.hard, d.absorb, false);
		nfwfp_count(f->stats.pcpu, &d);
		if (d.callout)
			nfwfp_count(f->callout->stats.pcpu, &d);
		if (d.action != FWP_ACTION_CONTINUE)
			sub = d;
	}
	nfwfp_arb_sublayer(&arb, sl, &sub);
	/* No filter decided: WFP lets the packet through (§4.1 rule 27). */
	if (arb.result != FWP_ACTION_BLOCK)
		arb.result = FWP_ACTION_PERMIT;
	*absorb = arb.absorb;
	c->decider = arb.decider;
	c->layer_id = c->in.layerId;
	trace_classify(c->layer_id, arb.decider, arb.result, !arb.right,
		       arb.absorb, true);
	return arb.result;
}

#ifdef NFWFP_SELFTEST
/* One layer's arbitration on hand-made values, as the hook runs it. */
FWP_ACTION_TYPE nfwfp_classify_layer_test(int layer, struct nfwfp_cls *c,
					  void *layer_data, bool *absorb)
{
	const struct nfwfp_layer_snap *snap;
	FWP_ACTION_TYPE verdict = FWP_ACTION_PERMIT;

	*absorb = false;
	local_bh_disable();
	rcu_read_lock();
	snap = rcu_dereference(nfwfp_snaps[layer]);
	if (snap)
		verdict = nfwfp_classify_layer(snap, c, layer_data, absorb);
	rcu_read_unlock();
	local_bh_enable();
	return verdict;
}
#endif

static int nfwfp_path_layers(const struct nfwfp_pkt *pkt, int *layers)
{
	bool v6 = pkt->family == AF_INET6;
	int transport = v6 ? NFWFP_L_TRANSPORT_V6 : NFWFP_L_TRANSPORT_V4;

	switch (pkt->path) {
	case NFWFP_PATH_DATAGRAM:
		layers[0] = v6 ? NFWFP_L_DATAGRAM_V6 : NFWFP_L_DATAGRAM_V4;
		layers[1] = transport;
		return 2;
	case NFWFP_PATH_ICMP_ERROR:
		layers[0] = v6 ? NFWFP_L_ICMP_ERROR_V6 : NFWFP_L_ICMP_ERROR_V4;
		layers[1] = transport;
		return 2;
	default:
		layers[0] = transport;
		return 1;
	}
}

static bool nfwfp_pkt_has_filters(const struct nfwfp_pkt *pkt)
{
	unsigned long active = READ_ONCE(nfwfp_layers_active);
	int layers[2], n, i;

	n = nfwfp_path_layers(pkt, layers);
	for (i = 0; i < n; i++)
		if (test_bit(layers[i], &active))
			return true;
	return false;
}

/* headerIncludeHeader: a private copy of the sender's own IP header. */
static bool nfwfp_copy_hdrincl(struct nfwfp_cls *c, struct sk_buff *skb)
{
	unsigned int len = c->pkt->l3_len;

	if (nfwfp_fault(NFWFP_FAULT_HDRINCL))
		return false;
	c->hdr = len <= sizeof(c->hdr_inline) ? c->hdr_inline :
						kmalloc(len, GFP_ATOMIC);
	if (!c->hdr)
		return false;
	return !skb_copy_bits(skb, skb_network_offset(skb), c->hdr, len);
}

static void nfwfp_cls_release(struct nfwfp_cls *c)
{
	if (c->hdr && c->hdr != c->hdr_inline)
		kfree(c->hdr);
	c->hdr = NULL;
}

/*
 * The layers of one packet, in order; a BLOCK at the first layer means the
 * packet never reaches the second.
 */
static FWP_ACTION_TYPE nfwfp_classify_pkt(struct sk_buff *skb,
					  struct nfwfp_cls *c, bool *absorb)
{
	unsigned long active = READ_ONCE(nfwfp_layers_active);
	FWP_ACTION_TYPE verdict = FWP_ACTION_PERMIT;
	int layers[2], n, i;

	*absorb = false;
	n = nfwfp_path_layers(c->pkt, layers);
	for (i = 0; i < n && verdict == FWP_ACTION_PERMIT; i++) {
		const struct nfwfp_layer_snap *snap;
		NET_BUFFER_LIST *nbl;

		if (!test_bit(layers[i], &active))
			continue;
		snap = rcu_dereference(nfwfp_snaps[layers[i]]);
		if (!snap)
			continue;
		nbl = nfwfp_nbl_indicate(skb, skb_network_offset(skb) +
					      c->pkt->l3_len);
		if (!nbl) {
			/*
			 * Filters wait for this packet and cannot see it:
			 * fail closed, or a block filter could be bypassed.
			 */
			NFWFP_STAT_INC(stat[NFWFP_STAT_NO_MEMORY]);
			c->layer_id = nfwfp_layers[layers[i]].layer_id;
			c->decider = NULL;
			c->drop = NFWFP_DROP_NOMEM;
			verdict = FWP_ACTION_BLOCK;
			break;
		}
		nfwfp_values_build(c, layers[i]);
		NFWFP_STAT_INC(stat[NFWFP_STAT_PRESENTED]);
		NFWFP_STAT_INC(layer[layers[i]]);
		c->cur_nbl = nbl;
		verdict = nfwfp_classify_layer(snap, c, nbl, absorb);
		c->cur_nbl = NULL;
		nfwfp_nbl_indicate_end(nbl);
		if (verdict == FWP_ACTION_BLOCK)
			NFWFP_STAT_INC(layer_block[layers[i]]);
	}
	return verdict;
}

/*
 * UDP GSO (USO): WFP hands a callout a USO super-packet only if it said it
 * can take one (FWP_CALLOUT_FLAG_ALLOW_USO); otherwise the packet is
 * segmented first. True when some matching callout filter did not say so.
 */
static bool nfwfp_uso_must_segment(struct nfwfp_cls *c)
{
	unsigned long active = READ_ONCE(nfwfp_layers_active);
	struct nfwfp_walk w;
	int layers[2], n, i, p;

	n = nfwfp_path_layers(c->pkt, layers);
	for (i = 0; i < n; i++) {
		const struct nfwfp_layer_snap *snap;

		if (!test_bit(layers[i], &active))
			continue;
		snap = rcu_dereference(nfwfp_snaps[layers[i]]);
		if (!snap)
			continue;
		nfwfp_values_build(c, layers[i]);
		nfwfp_walk_start(&w, snap, &c->in);
		while ((p = nfwfp_walk_next(&w)) >= 0) {
			struct nfwfp_filter *f = snap->f[p];
			const struct nfwfp_callout_rt *rt;

			if (!f->callout || !nfwfp_filter_match(f, &c->in))
				continue;
			rt = rcu_dereference(f->callout->rt);
			if (rt && !(rt->flags & FWP_CALLOUT_FLAG_ALLOW_USO))
				return true;
		}
	}
	return false;
}

/*
 * Segment a USO packet and send each segment through LOCAL_OUT from the
 * start: each is then classified on its own, and every other hook sees
 * each segment once (nfwfp runs first, so none saw the super-packet).
 */
static unsigned int nfwfp_uso_segment(struct sk_buff *skb,
				      const struct nf_hook_state *state)
{
	struct sk_buff *segs, *seg, *next;
	bool sent = false;
	int err;

	segs = nfwfp_fault(NFWFP_FAULT_USO_SEGMENT) ? ERR_PTR(-ENOMEM) :
	       skb_gso_segment(skb, 0);
	if (IS_ERR_OR_NULL(segs)) {
		NFWFP_STAT_INC(stat[NFWFP_STAT_NO_MEMORY]);
		trace_drop(NFWFP_DROP_NOMEM, 0, NULL, 0, 0);
		return NF_DROP;
	}
	skb_list_walk_safe(segs, seg, next) {
		skb_mark_not_on_list(seg);
		if (state->pf == NFPROTO_IPV4)
			err = ip_local_out(state->net, state->sk, seg);
		else
			err = ip6_local_out(state->net, state->sk, seg);
		if (!err || err == NET_XMIT_CN)
			sent = true;
	}
	NFWFP_STAT_INC(stat[NFWFP_STAT_USO_SEGMENTED]);
	/* If every segment was refused, the sender hears it. */
	if (!sent)
		return NF_DROP;
	consume_skb(skb);
	return NF_STOLEN;
}

/* A packet no filter can see: dropped if one of its layers has filters. */
static unsigned int nfwfp_unclassified(const struct nfwfp_pkt *pkt,
				       enum nfwfp_drop_reason why)
{
	if (!nfwfp_pkt_has_filters(pkt))
		return NF_ACCEPT;
	trace_drop(why, 0, NULL, 0, 0);
	return NF_DROP;
}

/* What the verdict did to the packet, for the tracepoints. */
static void nfwfp_trace_verdict(const struct nfwfp_cls *c, unsigned int nfv)
{
	if (nfv == NF_STOLEN)
		trace_absorb(c->layer_id, c->decider, c->nholds);
	else if (nfv == NF_DROP)
		trace_drop(c->drop, c->layer_id, c->decider, 0, 0);
}

static unsigned int nfwfp_classify_bh(struct sk_buff *skb,
				      const struct nf_hook_state *state)
{
	struct nfwfp_cls_stack *stack = this_cpu_ptr(&nfwfp_cls_stack);
	const struct nfwfp_injinfo *inj;
	unsigned int nfv, held;
	FWP_ACTION_TYPE verdict;
	struct nfwfp_cls *c;
	struct nfwfp_pkt pkt;
	enum nfwfp_skip skip;
	bool absorb;

	/* First: an injected packet's own mark comes back before all else. */
	inj = nfwfp_inject_claim(skb, &stack->inj[stack->depth]);
	skip = nfwfp_pkt_parse(skb, state->pf, state->out, &pkt);
	if (skip != NFWFP_SKIP_NONE) {
		NFWFP_STAT_INC(skip[skip]);
		return NF_ACCEPT;
	}
	if (stack->depth >= NFWFP_NEST_MAX) {
		NFWFP_STAT_INC(stat[NFWFP_STAT_NEST_OVERFLOW]);
		return nfwfp_unclassified(&pkt, NFWFP_DROP_NEST);
	}
	c = &stack->cls[stack->depth++];
	c->pkt = &pkt;
	c->skb = skb;
	c->dev = state->out;
	c->net = state->net;
	c->endpoint = (pkt.flags & NFWFP_PKT_FULLSK) ? nfwfp_endpoint_mint() : 0;
	c->inj = inj;
	c->compartment = nfwfp_compartment_of(state->net);
	c->hdr = NULL;
	c->cur_nbl = NULL;
	c->nholds = 0;
	c->decider = NULL;
	c->layer_id = 0;
	c->drop = NFWFP_DROP_BLOCK;
	if ((pkt.flags & NFWFP_PKT_HDRINCL) && !nfwfp_copy_hdrincl(c, skb)) {
		nfwfp_cls_release(c);
		stack->depth--;
		NFWFP_STAT_INC(stat[NFWFP_STAT_NO_MEMORY]);
		return nfwfp_unclassified(&pkt, NFWFP_DROP_NOMEM);
	}
	if (skb_is_gso(skb) && (skb_shinfo(skb)->gso_type & SKB_GSO_UDP_L4) &&
	    nfwfp_uso_must_segment(c)) {
		nfwfp_cls_release(c);
		stack->depth--;
		return nfwfp_uso_segment(skb, state);
	}
	verdict = nfwfp_classify_pkt(skb, c, &absorb);
	nfv = verdict == FWP_ACTION_PERMIT ? NF_ACCEPT :
	      absorb ? NF_STOLEN : NF_DROP;
	if (nfv == NF_ACCEPT)
		NFWFP_STAT_INC(stat[NFWFP_STAT_PERMITTED]);
	else if (nfv == NF_STOLEN)
		NFWFP_STAT_INC(stat[NFWFP_STAT_ABSORBED]);
	else
		NFWFP_STAT_INC(stat[NFWFP_STAT_BLOCKED]);
	nfwfp_trace_verdict(c, nfv);

	if (c->nholds) {
		/* Referenced NBLs take their share of the packet. */
		held = nfwfp_hold_verdict(c, skb, nfv);
		if (held != nfv)
			NFWFP_STAT_INC(stat[NFWFP_STAT_HELD_NO_MEMORY]);
		nfv = held;
	} else if (nfv == NF_STOLEN) {
		/* Absorbed: gone without a trace; the sender sees success. */
		consume_skb(skb);
	}
	nfwfp_cls_release(c);
	stack->depth--;
	return nfv;
}

struct nfwfp_cls *nfwfp_cls_current(void)
{
	struct nfwfp_cls_stack *stack = this_cpu_ptr(&nfwfp_cls_stack);

	return stack->depth ? &stack->cls[stack->depth - 1] : NULL;
}

struct nfwfp_cls *nfwfp_cls_of_nbl(const NET_BUFFER_LIST *nbl)
{
	struct nfwfp_cls_stack *stack;
	int i;

	if (!in_softirq())
		return NULL;
	stack = this_cpu_ptr(&nfwfp_cls_stack);
	for (i = stack->depth - 1; i >= 0; i--)
		if (stack->cls[i].cur_nbl == nbl)
			return &stack->cls[i];
	return NULL;
}

/**
 * nfwfp_classify_outbound - the LOCAL_OUT verdict for one packet
 * @skb: the packet; data at the IP header
 * @state: the hook state (rcu_read_lock() held by nf_hook)
 */
unsigned int nfwfp_classify_outbound(struct sk_buff *skb,
				     const struct nf_hook_state *state)
{
	unsigned int verdict;

	/* WFP's DISPATCH_LEVEL: sendmsg paths reach LOCAL_OUT with BH on. */
	local_bh_disable();
	verdict = nfwfp_classify_bh(skb, state);
	local_bh_enable();
	return verdict;
}

/* The sums at the last reset (counters.c serializes resets). */
static struct nfwfp_stats nfwfp_stats_base;

void nfwfp_stats_sum(struct nfwfp_stats *sum)
{
	nfwfp_pcpu_u64_sum(nfwfp_stats, sizeof(*sum), (u64 *)sum);
	nfwfp_u64_sub((u64 *)sum, (const u64 *)&nfwfp_stats_base, sizeof(*sum));
}

void nfwfp_stats_reset(void)
{
	nfwfp_pcpu_u64_sum(nfwfp_stats, sizeof(nfwfp_stats_base),
			   (u64 *)&nfwfp_stats_base);
}

int __init nfwfp_classify_init(void)
{
	nfwfp_stats = alloc_percpu(struct nfwfp_stats);
	return nfwfp_stats ? 0 : -ENOMEM;
}

void nfwfp_classify_uninit(void)
{
	free_percpu(nfwfp_stats);
}
