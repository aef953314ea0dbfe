// SPDX-License-Identifier: GPL-2.0
/*
 * The asynchronous half of the injection tag (DESIGN.md "Injection
 * state"): bits of skb->mark under a configurable mask name a slot of a
 * small table that holds the injection's state, the packet's own mark and
 * a generation. The per-CPU pointer (injstate.c) answers whenever nfwfp's
 * hook runs inside the worker's ip_local_out(); the mark answers when it
 * does not, because a hook registered before -500 queued the packet
 * (NFQUEUE) and it comes back later, on any CPU. The hook takes the slot
 * and restores the packet's own mark before anything after it runs.
 *
 * A slot is recognised by its index and generation in the mark and by the
 * skb's address; a packet that carries bits in the mask on its own (an
 * SO_MARK) matches no slot and keeps its mark. A new tag takes a free
 * slot; with all 32 taken (more injected packets queued at once), the
 * oldest tag is given up and its packet, when it comes back, is
 * classified as a packet of its own. Mask 0 turns the fallback off.
 *
 * The mask may change under load: each slot remembers the mask its tag was
 * written under, and the hook reads a tag under the current mask, then under
 * the one before it. A change waits for every transmit that may still be
 * writing a tag under an older mask (they run with BH disabled: an RCU grace
 * period), so at the next change the slots tagged under the previous mask
 * are all known; while one of them is still queued, that change is refused.
 */
#include <linux/module.h>
#include <linux/spinlock.h>
#include <linux/bitops.h>

#include "inject.h"

/* Default: clear of kube-proxy (0xc000), wg-quick (0xca6c), Tailscale (0xff0000). */
static unsigned int nfwfp_mark_mask = 0x7f000000;
/* The mask before the current one: tags written under it are still read. */
static unsigned int nfwfp_prev_mask;

static int nfwfp_param_set_mask(const char *val, const struct kernel_param *kp)
{
	unsigned int mask;
	int err = kstrtouint(val, 0, &mask);

	return err ?: nfwfp_tag_change_mask(mask);
}

static const struct kernel_param_ops nfwfp_param_ops_mask = {
	.set = nfwfp_param_set_mask,
	.get = param_get_uint,
};
module_param_cb(inject_mark_mask, &nfwfp_param_ops_mask, &nfwfp_mark_mask, 0644);
MODULE_PARM_DESC(inject_mark_mask,
		 "skb->mark bits that carry the injection tag while a packet is queued (0: none)");

/* Up to 32 slots; at least 2 generation bits when the mask has them. */
#define NFWFP_TAG_IBITS		5
#define NFWFP_TAG_SLOTS		(1 << NFWFP_TAG_IBITS)

struct nfwfp_tag {
	spinlock_t lock;
	const struct sk_buff *skb;	/* NULL: free */
	u32 gen;			/* 1 .. 2^gbits - 1, never 0 */
	u32 mask;			/* the mask the tag was written under */
	u32 own_mark;
	struct nfwfp_injinfo info;
};

/* Initialised statically: the self-tests use them before nfwfp_inject_init(). */
static struct nfwfp_tag nfwfp_tags[NFWFP_TAG_SLOTS] = {
	[0 ... NFWFP_TAG_SLOTS - 1] = { .lock = __SPIN_LOCK_UNLOCKED(nfwfp_tags.lock) },
};
static atomic_t nfwfp_tag_next;

/* Index bits and generation bits a mask holds; false if too few. */
bool nfwfp_tag_bits(u32 mask, unsigned int *ibits, unsigned int *gbits)
{
	unsigned int n = hweight32(mask);

	if (n < 2)
		return false;
	*ibits = min_t(unsigned int, NFWFP_TAG_IBITS, n > 3 ? n - 2 : n - 1);
	*gbits = min_t(unsigned int, n - *ibits, 16);
	return true;
}

/* Spread the low bits of @v over the set bits of @mask (PDEP). */
static u32 nfwfp_deposit(u32 v, u32 mask)
{
	unsigned long m = mask;
	u32 out = 0;
	int bit;

	for_each_set_bit(bit, &m, 32) {
		if (v & 1)
			out |= BIT(bit);
		v >>= 1;
	}
	return out;
}

/* Gather the bits of @x under @mask into the low bits (PEXT). */
static u32 nfwfp_extract(u32 x, u32 mask)
{
	unsigned long m = mask;
	u32 out = 0;
	int bit, i = 0;

	for_each_set_bit(bit, &m, 32) {
		if (x & BIT(bit))
			out |= BIT(i);
		i++;
	}
	return out;
}

/*
 * A free slot if there is one (a queued packet keeps its slot until it
 * comes back), else the next in turn: the oldest tag is given up.
 */
static unsigned int nfwfp_tag_pick(unsigned int slots)
{
	unsigned int start = (u32)atomic_inc_return(&nfwfp_tag_next), i;

	for (i = 0; i < slots; i++) {
		unsigned int idx = (start + i) & (slots - 1);

		if (!READ_ONCE(nfwfp_tags[idx].skb))
			return idx;
	}
	return start & (slots - 1);
}

int nfwfp_tag_set(struct sk_buff *skb, const struct nfwfp_injinfo *info)
{
	u32 mask = READ_ONCE(nfwfp_mark_mask);
	unsigned int ibits, gbits, idx;
	struct nfwfp_tag *t;
	u32 gen;

	if (!nfwfp_tag_bits(mask, &ibits, &gbits))
		return -1;
	idx = nfwfp_tag_pick(BIT(ibits));
	t = &nfwfp_tags[idx];
	spin_lock_bh(&t->lock);
	gen = t->gen + 1;
	if (gen >= BIT(gbits))
		gen = 1;
	t->gen = gen;
	t->mask = mask;
	WRITE_ONCE(t->skb, skb);
	t->own_mark = skb->mark;
	t->info = *info;
	spin_unlock_bh(&t->lock);
	skb->mark = (skb->mark & ~mask) | nfwfp_deposit(idx | gen << ibits, mask);
	return idx;
}

void nfwfp_tag_release(int idx, const struct sk_buff *skb)
{
	struct nfwfp_tag *t = &nfwfp_tags[idx];

	spin_lock_bh(&t->lock);
	if (t->skb == skb)
		t->skb = NULL;
	spin_unlock_bh(&t->lock);
}

bool nfwfp_tag_maybe(const struct sk_buff *skb)
{
	return skb->mark & (READ_ONCE(nfwfp_mark_mask) | READ_ONCE(nfwfp_prev_mask));
}

/* The tag of @skb if it was written under @mask. */
static const struct nfwfp_injinfo *nfwfp_tag_claim_under(struct sk_buff *skb, u32 mask,
							 struct nfwfp_injinfo *copy)
{
	const struct nfwfp_injinfo *info = NULL;
	unsigned int ibits, gbits;
	struct nfwfp_tag *t;
	u32 v;

	if (!(skb->mark & mask) || !nfwfp_tag_bits(mask, &ibits, &gbits))
		return NULL;
	v = nfwfp_extract(skb->mark, mask);
	t = &nfwfp_tags[v & (BIT(ibits) - 1)];
	spin_lock_bh(&t->lock);
	if (t->skb == skb && t->mask == mask &&
	    t->gen == (v >> ibits & (BIT(gbits) - 1))) {
		*copy = t->info;
		skb->mark = t->own_mark;
		t->skb = NULL;
		info = copy;
	}
	spin_unlock_bh(&t->lock);
	return info;
}

const struct nfwfp_injinfo *nfwfp_tag_claim(struct sk_buff *skb,
					    struct nfwfp_injinfo *copy)
{
	u32 mask = READ_ONCE(nfwfp_mark_mask), prev;
	const struct nfwfp_injinfo *info;

	/* Pairs with nfwfp_tag_change_mask(): a new mask comes with its prev. */
	smp_rmb();
	prev = READ_ONCE(nfwfp_prev_mask);
	info = nfwfp_tag_claim_under(skb, mask, copy);
	if (!info && prev && prev != mask)
		info = nfwfp_tag_claim_under(skb, prev, copy);
	return info;
}

u32 nfwfp_tag_mask(void)
{
	return READ_ONCE(nfwfp_mark_mask);
}

/* Is a packet tagged under @mask still queued somewhere? */
static bool nfwfp_tag_queued_under(u32 mask)
{
	bool queued = false;
	unsigned int i;

	for (i = 0; i < NFWFP_TAG_SLOTS && !queued; i++) {
		struct nfwfp_tag *t = &nfwfp_tags[i];

		spin_lock_bh(&t->lock);
		queued = t->skb && t->mask == mask;
		spin_unlock_bh(&t->lock);
	}
	return queued;
}

/*
 * The current mask becomes the previous one, still read by the hook. The
 * one before it is forgotten, so a packet still queued with a tag under it
 * would come back unrecognised, with foreign bits in its mark: -EBUSY
 * then (it takes a hook before nfwfp's holding a re-injection across two
 * changes). Injections in flight do not matter: they are tagged when they
 * are sent, under whatever mask is current then.
 */
int nfwfp_tag_change_mask(u32 mask)
{
	static DEFINE_MUTEX(lock);
	u32 cur;
	int err = 0;

	if (hweight32(mask) == 1)
		return -EINVAL;
	mutex_lock(&lock);
	cur = READ_ONCE(nfwfp_mark_mask);
	if (mask == cur)
		goto out;
	if (nfwfp_prev_mask && nfwfp_prev_mask != cur &&
	    nfwfp_tag_queued_under(nfwfp_prev_mask)) {
		err = -EBUSY;
		goto out;
	}
	WRITE_ONCE(nfwfp_prev_mask, cur);
	smp_wmb();	/* the hook that sees the new mask sees its prev */
	WRITE_ONCE(nfwfp_mark_mask, mask);
	/*
	 * A transmit that read the old mask writes its slot with BH
	 * disabled: after a grace period every slot tagged under a mask
	 * older than @cur is visible to the next change's check.
	 */
	synchronize_rcu();
out:
	mutex_unlock(&lock);
	return err;
}
