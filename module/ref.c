// SPDX-License-Identifier: GPL-2.0
/*
 * FwpsReferenceNetBufferList0 / FwpsDereferenceNetBufferList0: a reference
 * keeps an indicated NBL, its address and its data valid after classifyFn
 * returns, until the matching dereference.
 *
 * The first reference, taken during classify, hands the NBL over from the
 * per-CPU slot (nfwfp_nbl_keep) and creates a hold. The packet's fate is
 * not known yet, so the hold gets its skb when classify ends (classify.c
 * calls nfwfp_hold_verdict()):
 *   - BLOCK+ABSORB: the hold takes the packet itself (NF_STOLEN);
 *   - BLOCK: the hold takes a reference (skb_get) and the stack drops its
 *     own, so the sender still sees EPERM and the data stays;
 *   - PERMIT: the packet goes on and the hold takes an skb_clone(), never
 *     skb_get(): NAT or anything else down the stack must not find a
 *     shared skb. The clone shares the data, so the MDLs stay valid.
 * Classify owns one reference of the hold until then, so a dereference
 * from another CPU can never free it under classify's feet.
 *
 * Each kept packet is charged to its namespace (netcap.c). Past the cap
 * the hold gets no packet: the NBL stays a valid object with no data, an
 * absorbed packet is dropped, a permitted one goes on unkept.
 *
 * Clones (clone.c) take their own skb from here: h->lock orders a clone
 * made on another CPU before the verdict (from the hook's skb, still
 * classify's) against the verdict handing the hold its skb.
 */
#include <linux/skbuff.h>
#include <linux/slab.h>
#include <linux/refcount.h>
#include <linux/spinlock.h>
#include <linux/err.h>
#include <net/sock.h>

#include "fault.h"
#include "classify.h"
#include "nbl.h"
#include "netcap.h"
#include "ref.h"
#include "trace.h"

struct nfwfp_hold {
	NET_BUFFER_LIST *nbl;
	refcount_t refs;
	/*
	 * The callout's references alone: a dereference beyond them is
	 * misuse and must not put classify's reference, which would free
	 * the hold under classify's feet.
	 */
	atomic_t crefs;
	spinlock_t lock;		/* skb against nfwfp_ref_clone_skb() */
	struct sk_buff *skb;		/* NULL until the verdict */
	bool absorbed;			/* a callout absorbed it, this hold owns it */
	bool modify;			/* a reference said it will modify */
	bool handed_on;			/* permitted, or cloned (its data sent on) */
	struct nfwfp_netcap *cap;	/* the charge of a kept packet */
};

/*
 * Absorbed packets whose last reference went without a permit or a clone
 * carrying them on: the callout dropped them. The sender was told they
 * were sent, so no other counter shows them.
 */
static atomic64_t nfwfp_hold_dropped;

u64 nfwfp_ref_dropped(void)
{
	return atomic64_read(&nfwfp_hold_dropped);
}

void nfwfp_ref_reset_stats(void)
{
	atomic64_set(&nfwfp_hold_dropped, 0);
}

static void nfwfp_hold_put(struct nfwfp_hold *h)
{
	if (!refcount_dec_and_test(&h->refs))
		return;
	nfwfp_nbl_set_hold(h->nbl, NULL);
	/* Clones may keep the container alive: no stale skb on it. */
	nfwfp_nbl_set_skb(h->nbl, NULL);
	nfwfp_nbl_free_kept(h->nbl);
	/*
	 * A packet that went on (permitted) or whose data a clone carried on
	 * is consumed; one absorbed or blocked and never cloned is dropped,
	 * and drop monitors (skb:kfree_skb) see only those.
	 */
	if (h->handed_on) {
		consume_skb(h->skb);
	} else {
		if (h->absorbed)
			atomic64_inc(&nfwfp_hold_dropped);
		kfree_skb(h->skb);
	}
	nfwfp_netcap_uncharge(h->cap);
	kfree(h);
}

/* The first reference of an NBL that is being classified right now. */
static struct nfwfp_hold *nfwfp_hold_create(NET_BUFFER_LIST *nbl)
{
	struct nfwfp_cls *c = nfwfp_cls_current();
	struct nfwfp_hold *h;

	if (!c || c->cur_nbl != nbl || c->nholds == ARRAY_SIZE(c->holds))
		return NULL;
	h = nfwfp_fault(NFWFP_FAULT_HOLD) ? NULL :
	    kzalloc(sizeof(*h), GFP_ATOMIC | __GFP_NOWARN);
	if (!h)
		return NULL;
	if (!nfwfp_nbl_keep(nbl)) {
		kfree(h);
		return NULL;
	}
	h->nbl = nbl;
	spin_lock_init(&h->lock);
	refcount_set(&h->refs, 1);	/* classify's, until the verdict */
	nfwfp_nbl_set_hold(nbl, h);
	c->holds[c->nholds++] = h;
	return h;
}

void NTAPI FwpsReferenceNetBufferList0(NET_BUFFER_LIST *netBufferList,
				       BOOLEAN intendToModify)
{
	struct nfwfp_hold *h;

	if (!netBufferList || !nfwfp_nbl_is_nfwfp(netBufferList)) {
		nfwfp_count_misuse("reference on an NBL nfwfp did not make");
		return;
	}
	h = nfwfp_nbl_hold(netBufferList);
	if (!h)
		h = nfwfp_hold_create(netBufferList);
	if (!h || !refcount_inc_not_zero(&h->refs)) {
		/*
		 * Outside classify, or no memory: the callout will find the
		 * NBL gone after classifyFn returns. Counted; the API has no
		 * status to return.
		 */
		nfwfp_count_misuse("reference failed: NBL not indicated now, or no memory");
		return;
	}
	atomic_inc(&h->crefs);
	if (intendToModify)
		WRITE_ONCE(h->modify, true);
}
EXPORT_SYMBOL_GPL(FwpsReferenceNetBufferList0);

void NTAPI FwpsDereferenceNetBufferList0(NET_BUFFER_LIST *netBufferList,
					 BOOLEAN dispatchLevel)
{
	struct nfwfp_hold *h = netBufferList ? nfwfp_nbl_hold(netBufferList) : NULL;

	if (!h || !atomic_add_unless(&h->crefs, -1, 0)) {
		nfwfp_count_misuse("dereference without a reference");
		return;
	}
	nfwfp_hold_put(h);
}
EXPORT_SYMBOL_GPL(FwpsDereferenceNetBufferList0);

/*
 * Classify is over for this packet: give each hold its skb (see above) and
 * drop classify's reference. @verdict is NF_ACCEPT, NF_DROP or NF_STOLEN
 * (absorbed: the caller's reference goes to the last hold). Returns the
 * verdict to use: a PERMIT whose clone cannot be allocated keeps the
 * packet for its holds and becomes NF_STOLEN (counted by the caller).
 */
unsigned int nfwfp_hold_verdict(struct nfwfp_cls *c, struct sk_buff *skb,
				unsigned int verdict)
{
	/* What classify decided, before a failed clone turns ACCEPT into STOLEN. */
	const bool absorb = verdict == NF_STOLEN;
	bool consumed = false;
	int i, n = c->nholds;

	for (i = 0; i < n; i++) {
		struct nfwfp_hold *h = c->holds[i];
		struct sk_buff *held = NULL;
		bool owner = false;

		h->cap = nfwfp_netcap_charge(c->net);
		if (!h->cap) {
			/* Past the namespace's cap: a valid NBL with no data. */
			spin_lock(&h->lock);
			nfwfp_nbl_empty(h->nbl);
			spin_unlock(&h->lock);
			nfwfp_hold_put(h);
			continue;
		}
		if (verdict == NF_ACCEPT) {
			held = nfwfp_fault(NFWFP_FAULT_HOLD_CLONE) ? NULL :
			       skb_clone(skb, GFP_ATOMIC | __GFP_NOWARN);
			if (!held)
				verdict = NF_STOLEN;
		}
		if (!held) {
			/* Absorbed: the first hold takes the packet itself. */
			owner = verdict == NF_STOLEN && !consumed;
			held = owner ? skb : skb_get(skb);
			consumed |= owner;
		}
		/*
		 * TCP hands LOCAL_OUT a dst that only its RCU section keeps
		 * alive (skb_dst_set_noref); a held packet outlives that.
		 */
		skb_dst_force(held);
		spin_lock(&h->lock);
		h->skb = held;
		h->absorbed = absorb && owner;
		h->handed_on |= verdict == NF_ACCEPT;
		nfwfp_nbl_set_skb(h->nbl, held);
		spin_unlock(&h->lock);
		nfwfp_hold_put(h);
	}
	c->nholds = 0;
	/* Absorbed and kept by none (every hold past the cap): dropped. */
	if (verdict == NF_STOLEN && !consumed) {
		trace_drop(NFWFP_DROP_NETCAP, c->layer_id, c->decider, 0, 0);
		kfree_skb(skb);
	}
	return verdict;
}

/*
 * The skb of a new clone of @nbl, an indicated NBL: an skb_clone() of the
 * packet (shared data, read-only), or a private skb_copy() when a reference
 * said it will modify, so that writes through the clone reach no one else.
 * The packet is the hook's skb while @nbl is indicated on this CPU or its
 * hold has no verdict yet, else the hold's skb. ERR_PTR(-EINVAL) when @nbl
 * is neither being indicated here nor referenced (its data may be gone),
 * ERR_PTR(-ENOMEM).
 */
struct sk_buff *nfwfp_ref_clone_skb(NET_BUFFER_LIST *nbl, gfp_t gfp)
{
	struct nfwfp_hold *h = nfwfp_nbl_hold(nbl);
	struct sk_buff *skb, *n;

	gfp |= __GFP_NOWARN;
	if (h) {
		spin_lock_bh(&h->lock);
		/* Before the verdict the hook's skb is classify's: not freed yet. */
		skb = h->skb ?: nfwfp_nbl_skb(nbl);
		if (!skb)
			n = ERR_PTR(-EINVAL);
		else if (nfwfp_fault(NFWFP_FAULT_CLONE_SKB))
			n = NULL;
		else if (READ_ONCE(h->modify))
			n = skb_copy(skb, gfp);
		else
			n = skb_clone(skb, gfp);
		if (!IS_ERR_OR_NULL(n)) {
			/* Before the verdict the dst may be classify's (noref). */
			rcu_read_lock();
			skb_dst_force(n);
			rcu_read_unlock();
			h->handed_on = true;
		}
		spin_unlock_bh(&h->lock);
		return n ?: ERR_PTR(-ENOMEM);
	}
	if (!nfwfp_nbl_indicated_here(nbl))
		return ERR_PTR(-EINVAL);
	skb = nfwfp_nbl_skb(nbl);
	if (!skb)
		n = ERR_PTR(-EINVAL);
	else
		n = nfwfp_fault(NFWFP_FAULT_CLONE_SKB) ? NULL : skb_clone(skb, gfp);
	if (!IS_ERR_OR_NULL(n))
		skb_dst_force(n);	/* in classify: under the hook's RCU */
	return n ?: ERR_PTR(-ENOMEM);
}

#ifdef NFWFP_SELFTEST
/*
 * A hold as a first reference during classify makes it (intendToModify =
 * @modify), without a classify: the self-tests' one reference, dropped by
 * FwpsDereferenceNetBufferList0. Same CPU and BH rules as keep.
 */
bool nfwfp_ref_test_hold(NET_BUFFER_LIST *nbl, bool modify)
{
	struct nfwfp_hold *h = kzalloc(sizeof(*h), GFP_ATOMIC);

	if (!h)
		return false;
	if (!nfwfp_nbl_keep(nbl)) {
		kfree(h);
		return false;
	}
	h->nbl = nbl;
	spin_lock_init(&h->lock);
	refcount_set(&h->refs, 1);
	atomic_set(&h->crefs, 1);
	h->modify = modify;
	nfwfp_nbl_set_hold(nbl, h);
	return true;
}
#endif
