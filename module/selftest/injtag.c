// SPDX-License-Identifier: GPL-2.0
/*
 * Self-tests of the injection tag in skb->mark (injtag.c): what a packet
 * queued by a hook before nfwfp's brings back. A tag gives back the
 * injection state and the packet's own mark; a mark with bits in the mask
 * that no tag wrote, a tag of an older generation of the same slot and a
 * tag whose slot was taken over by a newer packet are all not injected,
 * and their marks are left as they are. Single-threaded at module load,
 * under the mask given at load (none with mask 0). A mask of few bits has
 * fewer slots and maybe a single generation: the cases it cannot show are
 * left out, never failed.
 */
#include <linux/skbuff.h>
#include <linux/bitops.h>

#include "../inject.h"
#include "selftest.h"

#define ST_SKBS		(BIT(5) + 1)	/* one more than the most tag slots */

static bool st_check(bool cond, const char *tcase, const char *what)
{
	if (!cond)
		pr_err("tag self-test %s: %s\n", tcase, what);
	return cond;
}

static void st_info(struct nfwfp_injinfo *info, u64 handle)
{
	memset(info, 0, sizeof(*info));
	info->hops = 1;
	info->hist[0].handle = handle;
	info->hist[0].ctx = (void *)(unsigned long)(handle * 3);
}

static bool st_same(const struct nfwfp_injinfo *a, const struct nfwfp_injinfo *b)
{
	return a && a->hops == b->hops && a->hist[0].handle == b->hist[0].handle &&
	       a->hist[0].ctx == b->hist[0].ctx;
}

/* A tag gives back the state and the packet's own mark, once. */
static bool st_round_trip(struct sk_buff *skb, u32 mask)
{
	struct nfwfp_injinfo info, copy;
	bool ok;

	st_info(&info, 11);
	skb->mark = 0x5 & ~mask;
	if (!st_check(nfwfp_tag_set(skb, &info) >= 0, "round trip", "no tag"))
		return false;
	ok = st_check(skb->mark & mask, "round trip", "no bits in the mask") &&
	     st_check((skb->mark & ~mask) == (0x5 & ~mask), "round trip",
		      "bits outside the mask changed") &&
	     st_check(nfwfp_tag_maybe(skb), "round trip", "not a candidate");
	ok &= st_check(st_same(nfwfp_tag_claim(skb, &copy), &info), "round trip",
		       "state not given back");
	ok &= st_check(skb->mark == (0x5 & ~mask), "round trip", "own mark not restored");
	skb->mark |= mask;
	ok &= st_check(!nfwfp_tag_claim(skb, &copy), "round trip", "claimed twice");
	return ok;
}

/* An SO_MARK with bits in the mask matches no slot and stays. */
static bool st_own_bits(struct sk_buff *skb, u32 mask)
{
	struct nfwfp_injinfo copy;

	skb->mark = mask | 0x1;
	return st_check(!nfwfp_tag_claim(skb, &copy), "own bits", "taken for a tag") &&
	       st_check(skb->mark == (mask | 0x1), "own bits", "mark changed");
}

/*
 * The same skb tagged again in the same slot: the older tag's generation
 * no longer matches, the newer one does.
 */
static bool st_generation(struct sk_buff *skb, unsigned int slots)
{
	struct nfwfp_injinfo info, copy;
	u32 old, cur = 0;
	int idx, again = -1, i;
	bool ok;

	st_info(&info, 12);
	skb->mark = 0;
	idx = nfwfp_tag_set(skb, &info);
	old = skb->mark;
	nfwfp_tag_release(idx, skb);
	for (i = 0; i <= slots && again != idx; i++) {
		skb->mark = 0;
		again = nfwfp_tag_set(skb, &info);
		cur = skb->mark;
		if (again != idx)
			nfwfp_tag_release(again, skb);
	}
	if (!st_check(again == idx, "generation", "slot never reused"))
		return false;
	ok = st_check(old != cur, "generation", "same mark for two generations");
	skb->mark = old;
	ok &= st_check(!nfwfp_tag_claim(skb, &copy), "generation", "stale tag claimed");
	ok &= st_check(skb->mark == old, "generation", "stale mark changed");
	skb->mark = cur;
	ok &= st_check(st_same(nfwfp_tag_claim(skb, &copy), &info), "generation",
		       "current tag not claimed");
	return ok;
}

/* More queued than slots: exactly one tag was given up, its mark kept. */
static bool st_overflow(struct sk_buff **skbs, unsigned int slots)
{
	struct nfwfp_injinfo info, copy;
	int i, n = slots + 1, claimed = 0, lost = -1;
	u32 marks[ST_SKBS];

	for (i = 0; i < n; i++) {
		st_info(&info, 100 + i);
		skbs[i]->mark = 0;
		nfwfp_tag_set(skbs[i], &info);
		marks[i] = skbs[i]->mark;
	}
	for (i = 0; i < n; i++) {
		st_info(&info, 100 + i);
		if (st_same(nfwfp_tag_claim(skbs[i], &copy), &info))
			claimed++;
		else
			lost = i;
	}
	return st_check(claimed == n - 1, "overflow", "not all but one claimed") &&
	       st_check(lost >= 0 && skbs[lost]->mark == marks[lost], "overflow",
			"the given-up packet's mark changed");
}

bool nfwfp_selftest_tag(void)
{
	struct sk_buff *skbs[ST_SKBS] = { };
	u32 mask = nfwfp_tag_mask();
	unsigned int ibits, gbits;
	bool ok = true;
	int i;

	if (!nfwfp_tag_bits(mask, &ibits, &gbits)) {
		pr_info("tag self-test: mask %#x carries no tag, skipped\n", mask);
		return true;
	}
	for (i = 0; i < ST_SKBS; i++) {
		skbs[i] = alloc_skb(0, GFP_KERNEL);
		if (!skbs[i]) {
			ok = st_check(false, "setup", "no memory");
			goto out;
		}
	}
	ok &= st_round_trip(skbs[0], mask);
	ok &= st_own_bits(skbs[0], mask);
	/* One generation bit: generation 1 only, a reused slot looks the same. */
	if (gbits >= 2)
		ok &= st_generation(skbs[0], BIT(ibits));
	ok &= st_overflow(skbs, BIT(ibits));
out:
	for (i = 0; i < ST_SKBS; i++)
		kfree_skb(skbs[i]);
	return ok;
}
