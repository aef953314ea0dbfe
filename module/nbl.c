// SPDX-License-Identifier: GPL-2.0
/*
 * NET_BUFFER_LIST / NET_BUFFER / MDL over sk_buff, and the NDIS helpers that
 * move an NB's data start (NdisGetDataBuffer, NdisRetreat*, NdisAdvance*).
 *
 * An indicated NBL is a container (struct nfwfp_nbl) that embeds the NBL,
 * its single NB and an MDL array describing the skb in place. The permit
 * path allocates nothing: each CPU owns NFWFP_NBL_LEVELS prebuilt
 * containers, one per nesting level of LOCAL_OUT re-entry (an injected
 * packet or an ICMP error sent from inside a classify), and indicate only
 * rewrites one of them. Deeper nesting, or an skb with more pieces than a
 * slot describes (frag_list), gets a GFP_ATOMIC container, counted.
 *
 * Callouts keep the layerData pointer, so an NBL's address never changes:
 * keeping an indicated NBL hands the container itself over and gives the
 * slot a fresh one, instead of copying the NBL somewhere else.
 *
 * Retreat beyond the backfill prepends a new buffer, never moves data: the
 * new front MDL records the chain it displaced, and advancing past it with
 * FreeMdl puts that chain back exactly.
 */
#include <linux/skbuff.h>
#include <linux/err.h>
#include <linux/slab.h>
#include <linux/percpu.h>
#include <linux/spinlock.h>
#include <linux/list.h>
#include <linux/log2.h>
#include <linux/lockdep.h>
#include <linux/overflow.h>
#include <linux/mm.h>

#define NFWFP_WDK_LINUX_SOCKET_NAMES
#include <ndis.h>

#include "fault.h"
#include "counters.h"
#include "nbl.h"
#include "origin.h"

/* A slot describes the linear area and every page fragment of an skb. */
#define NFWFP_NBL_SLOT_MDLS	(1 + MAX_SKB_FRAGS)
/*
 * Beyond this many pieces the packet cannot be presented (and is dropped
 * if a filter waits for it: classify fails closed). A 64 KiB datagram at
 * IPv4's minimum MTU is some 1400 frag_list members.
 */
#define NFWFP_NBL_MAX_MDLS	2048
/* A retreat never needs more than an IP packet's worth of new headers. */
#define NFWFP_NBL_RETREAT_MAX	(64 * 1024)

#define NFWFP_NBL_MDL_FLAGS	(MDL_SOURCE_IS_NONPAGED_POOL | MDL_MAPPED_TO_SYSTEM_VA)

/* struct nfwfp_nbl.flags: written only on the indicating CPU */
#define NFWFP_NBL_F_SLOT	BIT(0)	/* owned by a per-CPU slot */
#define NFWFP_NBL_F_CACHE	BIT(1)	/* from nfwfp_nbl_cache, else kmalloc */
#define NFWFP_NBL_F_KEPT	BIT(2)	/* handed over from its slot (keep or pin) */
#define NFWFP_NBL_F_ACTIVE	BIT(3)	/* between indicate and indicate_end */

/* struct nfwfp_nbl.state: atomic bits, any CPU */
#define NFWFP_NBL_S_RELEASED	0	/* free_kept / the owner's free was called */
#define NFWFP_NBL_S_KEEPER	1	/* nfwfp_nbl_keep() took the keeper's ref */
#define NFWFP_NBL_S_INJECTING	2	/* an injection of it has not completed */

/* A chain longer than this given to FwpsAllocateNetBuffer... is refused. */
#define NFWFP_NBL_MAX_CHAIN	4096

struct nfwfp_nbl {
	NET_BUFFER_LIST nbl;	/* first: the NBL pointer is the container's */
	NET_BUFFER nb;
	struct sk_buff *skb;
	void *hold;			/* ref.c's state of a referenced NBL */
	/* What the packet was (kept and clone containers), counted. */
	struct nfwfp_origin *origin;
	struct list_head kept_node;	/* on nfwfp_nbl_kept while it lives */
	/*
	 * Not slot-owned only: the running indication's (kept indicated
	 * NBLs), the keeper's, the owner's (clone, allocated) and one per
	 * child (clone of it) still alive.
	 */
	atomic_t refs;
	enum nfwfp_nbl_kind kind;
	struct nfwfp_nbl *parent;	/* pinned: a clone's original */
	void *pool;			/* allocated: alloc.c's pool, referenced */
	unsigned long state;
	unsigned int flags;
	unsigned int level;	/* nesting level it was indicated at */
	unsigned int cpu;
	unsigned int cap;	/* entries in mdl[] */
	/* The indicated position, to detect a callout that did not restore it. */
	MDL *ind_cur;
	ULONG ind_cur_off;
	ULONG ind_off;
	ULONG ind_len;
	MDL mdl[];
};

/*
 * A buffer that NdisRetreatNetBufferDataStart prepended, with what it
 * displaced. @tail describes the rest of the MDL the used data used to start
 * in, so that the used data stays contiguous without touching that MDL.
 */
struct nfwfp_nbl_rmdl {
	MDL mdl;		/* chain head; Process marks it as ours */
	MDL tail;
	MDL *saved_chain;
	MDL *saved_cur;
	ULONG saved_cur_off;
	ULONG saved_off;
	bool undo;		/* made by the NBL-wide retreat now running */
	u8 buf[];
};

struct nfwfp_nbl_pcpu {
	unsigned int depth;
	struct nfwfp_nbl *slot[NFWFP_NBL_LEVELS];
};

static DEFINE_PER_CPU(struct nfwfp_nbl_pcpu, nfwfp_nbl_pcpu);
static DEFINE_PER_CPU(struct nfwfp_nbl_stats, nfwfp_nbl_stat);
static struct kmem_cache *nfwfp_nbl_cache;
/*
 * Every container that is not a slot (kept, clone, allocated), so that
 * unload frees what a buggy callout leaked.
 */
static LIST_HEAD(nfwfp_nbl_kept);
static DEFINE_SPINLOCK(nfwfp_nbl_kept_lock);

/* Their addresses are the ownership marks (see nbl.h). */
static char nfwfp_nbl_cookie;
static char nfwfp_nbl_rmdl_owner;

#define nfwfp_nbl_count(field)	this_cpu_inc(nfwfp_nbl_stat.field)

static void nfwfp_nbl_put(struct nfwfp_nbl *c);

static struct nfwfp_nbl *nfwfp_nbl_c(const NET_BUFFER_LIST *nbl)
{
	return container_of((NET_BUFFER_LIST *)nbl, struct nfwfp_nbl, nbl);
}

bool nfwfp_nbl_is_nfwfp(const NET_BUFFER_LIST *nbl)
{
	return nbl && nbl->NdisReserved[0] == &nfwfp_nbl_cookie &&
	       nbl->NdisReserved[1] == nfwfp_nbl_c(nbl);
}

struct sk_buff *nfwfp_nbl_skb(const NET_BUFFER_LIST *nbl)
{
	return nfwfp_nbl_is_nfwfp(nbl) ? nfwfp_nbl_c(nbl)->skb : NULL;
}

/*
 * A kept NBL whose packet went on down the stack describes the data through
 * the clone that keeps it alive: same memory, so the MDLs stay valid.
 */
void nfwfp_nbl_set_skb(NET_BUFFER_LIST *nbl, struct sk_buff *skb)
{
	nfwfp_nbl_c(nbl)->skb = skb;
}

struct nfwfp_origin *nfwfp_nbl_origin(const NET_BUFFER_LIST *nbl)
{
	return nfwfp_nbl_is_nfwfp(nbl) ? nfwfp_nbl_c(nbl)->origin : NULL;
}

void *nfwfp_nbl_hold(const NET_BUFFER_LIST *nbl)
{
	return nfwfp_nbl_is_nfwfp(nbl) ? READ_ONCE(nfwfp_nbl_c(nbl)->hold) : NULL;
}

void nfwfp_nbl_set_hold(NET_BUFFER_LIST *nbl, void *hold)
{
	WRITE_ONCE(nfwfp_nbl_c(nbl)->hold, hold);
}

static struct nfwfp_nbl_rmdl *nfwfp_rmdl(MDL *mdl)
{
	if (!mdl || mdl->Process != (void *)&nfwfp_nbl_rmdl_owner)
		return NULL;
	return container_of(mdl, struct nfwfp_nbl_rmdl, mdl);
}

static void nfwfp_mdl_set(MDL *mdl, void *va, unsigned int len)
{
	*mdl = (MDL){
		.Size = sizeof(MDL),
		.MdlFlags = NFWFP_NBL_MDL_FLAGS,
		.MappedSystemVa = va,
		.StartVa = (void *)((unsigned long)va & PAGE_MASK),
		.ByteOffset = offset_in_page(va),
		.ByteCount = len,
	};
}

/*
 * The canonical position of a chain offset: a byte at the end of one MDL is
 * the start of the next, except at the very end of the chain.
 */
static void nfwfp_mdl_walk(MDL **mdlp, u64 *offp)
{
	MDL *mdl = *mdlp;
	u64 off = *offp;

	while (mdl && mdl->Next && off >= mdl->ByteCount) {
		off -= mdl->ByteCount;
		mdl = mdl->Next;
	}
	*mdlp = mdl;
	*offp = off;
}

static void nfwfp_nb_locate(NET_BUFFER *nb)
{
	MDL *mdl = nb->MdlChain;
	u64 off = nb->DataOffset;

	nfwfp_mdl_walk(&mdl, &off);
	nb->CurrentMdl = mdl;
	nb->CurrentMdlOffset = off;
}

/* ---- containers ---- */

static struct nfwfp_nbl *nfwfp_nbl_alloc(unsigned int nr_mdls, gfp_t gfp)
{
	struct nfwfp_nbl *c;
	unsigned int flags = 0;

	if (nr_mdls <= NFWFP_NBL_SLOT_MDLS && nfwfp_nbl_cache) {
		nr_mdls = NFWFP_NBL_SLOT_MDLS;
		c = nfwfp_fault(NFWFP_FAULT_NBL) ? NULL :
		    kmem_cache_alloc(nfwfp_nbl_cache, gfp);
		flags = NFWFP_NBL_F_CACHE;
	} else {
		/*
		 * NBL and NB are 16-byte aligned; kmalloc guarantees that
		 * only for power-of-two sizes.
		 */
		c = nfwfp_fault(NFWFP_FAULT_NBL) ? NULL :
		    kmalloc(roundup_pow_of_two(struct_size(c, mdl, nr_mdls)), gfp);
	}
	if (!c)
		return NULL;
	/* Zero NBL and NB: destroy looks for retreat buffers on the NB. */
	memset(c, 0, offsetof(struct nfwfp_nbl, mdl));
	c->flags = flags;
	c->cap = nr_mdls;
	INIT_LIST_HEAD(&c->kept_node);
	return c;
}

/* Free what retreats left on @nb: their buffers and MDLs, never ours. */
static void nfwfp_nb_drop_rmdls(NET_BUFFER *nb)
{
	struct nfwfp_nbl_rmdl *r;

	while ((r = nfwfp_rmdl(nb->MdlChain))) {
		nb->MdlChain = r->saved_chain;
		nb->CurrentMdl = r->saved_cur;
		nb->CurrentMdlOffset = r->saved_cur_off;
		nb->DataOffset = r->saved_off;
		kfree(r);
	}
}

/* Frees what @c owns; its parent is the caller's business (nfwfp_nbl_put). */
static void nfwfp_nbl_destroy(struct nfwfp_nbl *c)
{
	nfwfp_nb_drop_rmdls(&c->nb);
	/* A stale pointer must not pass nfwfp_nbl_is_nfwfp(). */
	c->nbl.NdisReserved[0] = NULL;
	nfwfp_origin_put(c->origin);
	c->origin = NULL;
	if (c->kind == NFWFP_NBL_CLONE && c->skb)
		consume_skb(c->skb);
	if (c->kind == NFWFP_NBL_ALLOCATED) {
		kfree(c->nbl.Context);
		nfwfp_pool_put(c->pool);
	}
	if (c->flags & NFWFP_NBL_F_CACHE)
		kmem_cache_free(nfwfp_nbl_cache, c);
	else
		kfree(c);
}

/* MDLs needed for @skb; 0 if it cannot be described. */
static unsigned int nfwfp_nbl_count_mdls(const struct sk_buff *skb)
{
	unsigned int n = 1 + skb_shinfo(skb)->nr_frags;
	const struct sk_buff *frag;

	skb_walk_frags(skb, frag) {
		/* frag_list members do not nest in the output path */
		if (skb_has_frag_list(frag))
			return 0;
		n += 1 + skb_shinfo(frag)->nr_frags;
		if (n > NFWFP_NBL_MAX_MDLS)
			return 0;
	}
	return n;
}

static bool nfwfp_nbl_add_frags(struct nfwfp_nbl *c, unsigned int *n,
				const struct sk_buff *skb)
{
	int i;

	for (i = 0; i < skb_shinfo(skb)->nr_frags; i++) {
		const skb_frag_t *frag = &skb_shinfo(skb)->frags[i];
		void *va = skb_frag_address_safe(frag);

		if (!va)
			return false;
		nfwfp_mdl_set(&c->mdl[(*n)++], va, skb_frag_size(frag));
	}
	return true;
}

static bool nfwfp_nbl_build(struct nfwfp_nbl *c, struct sk_buff *skb,
			    unsigned int data_off)
{
	NET_BUFFER *nb = &c->nb;
	struct sk_buff *frag;
	unsigned int i, n = 0;

	/* The headroom and the IP header are backfill before DataOffset. */
	nfwfp_mdl_set(&c->mdl[n++], skb->head, skb_headroom(skb) + skb_headlen(skb));
	if (!nfwfp_nbl_add_frags(c, &n, skb))
		return false;
	skb_walk_frags(skb, frag) {
		if (skb_headlen(frag))
			nfwfp_mdl_set(&c->mdl[n++], frag->data, skb_headlen(frag));
		if (!nfwfp_nbl_add_frags(c, &n, frag))
			return false;
	}
	for (i = 0; i + 1 < n; i++)
		c->mdl[i].Next = &c->mdl[i + 1];

	memset(&c->nbl, 0, sizeof(c->nbl));
	memset(&c->nb, 0, sizeof(c->nb));
	c->nbl.FirstNetBuffer = nb;
	c->nbl.NdisReserved[0] = &nfwfp_nbl_cookie;
	c->nbl.NdisReserved[1] = c;
	c->hold = NULL;
	nb->MdlChain = &c->mdl[0];
	nb->DataOffset = skb_headroom(skb) + data_off;
	nb->stDataLength = skb->len - data_off;
	nfwfp_nb_locate(nb);

	c->skb = skb;
	c->ind_cur = nb->CurrentMdl;
	c->ind_cur_off = nb->CurrentMdlOffset;
	c->ind_off = nb->DataOffset;
	c->ind_len = nb->DataLength;
	return true;
}

NET_BUFFER_LIST *nfwfp_nbl_indicate(struct sk_buff *skb, unsigned int data_off)
{
	struct nfwfp_nbl_pcpu *pc;
	struct nfwfp_nbl *c = NULL;
	unsigned int level, nr;

	lockdep_assert_in_softirq();
	if (unlikely(data_off > skb->len)) {
		nfwfp_nbl_count(misuse);
		return NULL;
	}
	nr = nfwfp_nbl_count_mdls(skb);
	if (unlikely(!nr)) {
		nfwfp_nbl_count(unsupported);
		return NULL;
	}

	pc = this_cpu_ptr(&nfwfp_nbl_pcpu);
	level = pc->depth;
	if (likely(level < NFWFP_NBL_LEVELS)) {
		c = pc->slot[level];
		if (unlikely(c && nr > c->cap))
			c = NULL;
	}
	if (unlikely(!c)) {
		c = nfwfp_nbl_alloc(nr, GFP_ATOMIC | __GFP_NOWARN);
		if (!c) {
			nfwfp_nbl_count(nomem);
			return NULL;
		}
		nfwfp_nbl_count(overflow);
	}

	if (unlikely(!nfwfp_nbl_build(c, skb, data_off))) {
		if (!(c->flags & NFWFP_NBL_F_SLOT))
			nfwfp_nbl_destroy(c);
		nfwfp_nbl_count(unsupported);
		return NULL;
	}
	c->level = level;
	c->cpu = smp_processor_id();
	c->flags |= NFWFP_NBL_F_ACTIVE;
	pc->depth = level + 1;
	return &c->nbl;
}

void nfwfp_nbl_indicate_end(NET_BUFFER_LIST *nbl)
{
	struct nfwfp_nbl *c = nfwfp_nbl_c(nbl);
	NET_BUFFER *nb = &c->nb;

	lockdep_assert_in_softirq();
	/* Indications end innermost first; the level pops back to ours. */
	this_cpu_write(nfwfp_nbl_pcpu.depth, c->level);
	/* From now on the hook's skb is no longer ours to look at. */
	c->flags &= ~NFWFP_NBL_F_ACTIVE;

	if (c->flags & NFWFP_NBL_F_KEPT) {
		nfwfp_nbl_put(c);
		return;
	}

	if (unlikely(nb->MdlChain != &c->mdl[0] || nb->CurrentMdl != c->ind_cur ||
		     nb->CurrentMdlOffset != c->ind_cur_off ||
		     nb->DataOffset != c->ind_off || nb->DataLength != c->ind_len ||
		     nb->Next || c->nbl.FirstNetBuffer != nb)) {
		/* classifyFn must restore the indicated NB before it returns. */
		nfwfp_nbl_count(unrestored);
		nfwfp_nb_drop_rmdls(nb);
	}

	if (c->flags & NFWFP_NBL_F_SLOT) {
		/* Rebuilt by the next indicate; until then it is no NBL. */
		c->nbl.NdisReserved[0] = NULL;
		c->skb = NULL;
	} else {
		nfwfp_nbl_destroy(c);
	}
}

/*
 * Drop one reference; the last one unlists and frees @c, then drops the
 * reference @c held on its parent (a loop, not recursion: clones of clones
 * can be chained by a callout).
 */
static void nfwfp_nbl_put(struct nfwfp_nbl *c)
{
	struct nfwfp_nbl *parent;
	LONG old;

	while (c && atomic_dec_and_test(&c->refs)) {
		spin_lock_bh(&nfwfp_nbl_kept_lock);
		list_del_init(&c->kept_node);
		spin_unlock_bh(&nfwfp_nbl_kept_lock);
		parent = c->parent;
		nfwfp_nbl_destroy(c);
		if (parent) {
			/* Children of one parent may be freed on several CPUs. */
			old = READ_ONCE(parent->nbl.ChildRefCount);
			while (!try_cmpxchg(&parent->nbl.ChildRefCount, &old, old - 1))
				;
		}
		c = parent;
	}
}

/* Add @c to the live list with the owner's reference. */
static void nfwfp_nbl_live(struct nfwfp_nbl *c)
{
	atomic_set(&c->refs, 1);
	spin_lock_bh(&nfwfp_nbl_kept_lock);
	list_add(&c->kept_node, &nfwfp_nbl_kept);
	spin_unlock_bh(&nfwfp_nbl_kept_lock);
}

/*
 * Take @c out of its per-CPU slot: the slot gets a fresh container and @c
 * keeps its address, with the running indication's reference. Only on the
 * indicating CPU during the indication, which owns the slot.
 */
static bool nfwfp_nbl_handover(struct nfwfp_nbl *c)
{
	struct nfwfp_origin *origin;
	struct nfwfp_nbl_pcpu *pc;
	struct nfwfp_nbl *fresh;

	/* The packet is at hand only now: remember what it was. */
	origin = nfwfp_origin_capture(&c->nbl);
	if (IS_ERR(origin)) {
		nfwfp_nbl_count(nomem);
		return false;
	}
	if (c->flags & NFWFP_NBL_F_SLOT) {
		fresh = nfwfp_nbl_alloc(NFWFP_NBL_SLOT_MDLS, GFP_ATOMIC | __GFP_NOWARN);
		if (!fresh) {
			nfwfp_origin_put(origin);
			nfwfp_nbl_count(nomem);
			return false;
		}
		fresh->flags |= NFWFP_NBL_F_SLOT;
		pc = this_cpu_ptr(&nfwfp_nbl_pcpu);
		pc->slot[c->level] = fresh;
		c->flags &= ~NFWFP_NBL_F_SLOT;
	}
	c->origin = origin;
	nfwfp_nbl_live(c);
	c->flags |= NFWFP_NBL_F_KEPT;
	nfwfp_nbl_count(kept);
	return true;
}

enum nfwfp_nbl_kind nfwfp_nbl_kind(const NET_BUFFER_LIST *nbl)
{
	return nfwfp_nbl_c(nbl)->kind;
}

bool nfwfp_nbl_indicated_here(const NET_BUFFER_LIST *nbl)
{
	const struct nfwfp_nbl *c;

	if (!nfwfp_nbl_is_nfwfp(nbl) || !in_softirq())
		return false;
	c = nfwfp_nbl_c(nbl);
	/* flags and cpu are written by the indicating CPU only: ours here. */
	return c->kind == NFWFP_NBL_INDICATED && c->cpu == raw_smp_processor_id() &&
	       (READ_ONCE(c->flags) & NFWFP_NBL_F_ACTIVE);
}

NET_BUFFER_LIST *nfwfp_nbl_keep(NET_BUFFER_LIST *nbl)
{
	struct nfwfp_nbl *c;

	if (!nfwfp_nbl_is_nfwfp(nbl) || nfwfp_nbl_c(nbl)->kind != NFWFP_NBL_INDICATED) {
		nfwfp_nbl_count(misuse);
		return NULL;
	}
	c = nfwfp_nbl_c(nbl);
	if (!(READ_ONCE(c->flags) & NFWFP_NBL_F_KEPT)) {
		/* Only the indicating CPU, during the indication, owns the slot. */
		if (!nfwfp_nbl_indicated_here(nbl)) {
			nfwfp_nbl_count(misuse);
			return NULL;
		}
		if (!nfwfp_nbl_handover(c))
			return NULL;
	}
	/* One keeper (ref.c's hold): keeping again changes nothing. */
	if (!test_and_set_bit(NFWFP_NBL_S_KEEPER, &c->state))
		atomic_inc(&c->refs);
	return nbl;
}

void nfwfp_nbl_free_kept(NET_BUFFER_LIST *nbl)
{
	struct nfwfp_nbl *c;

	if (!nfwfp_nbl_is_nfwfp(nbl)) {
		nfwfp_nbl_count(misuse);
		return;
	}
	c = nfwfp_nbl_c(nbl);
	if (c->kind != NFWFP_NBL_INDICATED || !test_bit(NFWFP_NBL_S_KEEPER, &c->state) ||
	    test_and_set_bit(NFWFP_NBL_S_RELEASED, &c->state)) {
		nfwfp_nbl_count(misuse);
		return;
	}
	nfwfp_nbl_put(c);
}

bool nfwfp_nbl_pin(NET_BUFFER_LIST *nbl)
{
	struct nfwfp_nbl *c = nfwfp_nbl_c(nbl);

	if (c->kind == NFWFP_NBL_INDICATED && !(READ_ONCE(c->flags) & NFWFP_NBL_F_KEPT)) {
		if (!nfwfp_nbl_indicated_here(nbl) || !nfwfp_nbl_handover(c))
			return false;
		atomic_inc(&c->refs);
		return true;
	}
	return atomic_inc_not_zero(&c->refs);
}

struct sk_buff *nfwfp_nb_copy_skb(NET_BUFFER *nb, unsigned int room, gfp_t gfp)
{
	unsigned int len = NET_BUFFER_DATA_LENGTH(nb);
	struct sk_buff *skb;
	u8 *dst, *src;

	skb = nfwfp_fault(NFWFP_FAULT_XMIT_SKB) ? NULL :
	      alloc_skb(room + len, gfp | __GFP_NOWARN);
	if (!skb)
		return ERR_PTR(-ENOMEM);
	skb_reserve(skb, room);
	dst = skb_put(skb, len);
	src = NdisGetDataBuffer(nb, len, dst, 1, 0);
	if (!src) {
		kfree_skb(skb);
		return ERR_PTR(-EINVAL);
	}
	if (src != dst)
		memcpy(dst, src, len);
	return skb;
}

void nfwfp_nbl_empty(NET_BUFFER_LIST *nbl)
{
	struct nfwfp_nbl *c = nfwfp_nbl_c(nbl);
	NET_BUFFER *nb = &c->nb;

	nfwfp_nb_drop_rmdls(nb);
	nb->MdlChain = NULL;
	nb->CurrentMdl = NULL;
	nb->CurrentMdlOffset = 0;
	nb->DataOffset = 0;
	nb->stDataLength = 0;
	c->skb = NULL;
}

bool nfwfp_nbl_inject_begin(NET_BUFFER_LIST *nbl)
{
	struct nfwfp_nbl *c = nfwfp_nbl_c(nbl);

	if (test_bit(NFWFP_NBL_S_RELEASED, &c->state) ||
	    test_and_set_bit(NFWFP_NBL_S_INJECTING, &c->state))
		return false;
	/* Kept until the completion returns, whatever the callout frees. */
	if (!atomic_inc_not_zero(&c->refs)) {
		clear_bit(NFWFP_NBL_S_INJECTING, &c->state);
		return false;
	}
	return true;
}

void nfwfp_nbl_inject_end(NET_BUFFER_LIST *nbl)
{
	clear_bit(NFWFP_NBL_S_INJECTING, &nfwfp_nbl_c(nbl)->state);
}

void nfwfp_nbl_unpin(NET_BUFFER_LIST *nbl)
{
	nfwfp_nbl_put(nfwfp_nbl_c(nbl));
}

bool nfwfp_nbl_release(NET_BUFFER_LIST *nbl, enum nfwfp_nbl_kind kind)
{
	struct nfwfp_nbl *c;

	if (!nfwfp_nbl_is_nfwfp(nbl))
		return false;
	c = nfwfp_nbl_c(nbl);
	if (c->kind != kind || test_and_set_bit(NFWFP_NBL_S_RELEASED, &c->state))
		return false;
	if (kind == NFWFP_NBL_ALLOCATED) {
		/*
		 * The caller frees its MDLs right after this, while a pin
		 * (an injection completing) may keep the container: let go
		 * of them now.
		 */
		nfwfp_nb_drop_rmdls(&c->nb);
		c->nb.MdlChain = NULL;
		c->nb.CurrentMdl = NULL;
	}
	nfwfp_nbl_put(c);
	return true;
}

/* NBL and NB of a non-indicated container; its NB is the only one. */
static void nfwfp_nbl_init_hdr(struct nfwfp_nbl *c, enum nfwfp_nbl_kind kind,
			       NET_BUFFER_LIST *parent)
{
	memset(&c->nbl, 0, sizeof(c->nbl));
	memset(&c->nb, 0, sizeof(c->nb));
	c->nbl.FirstNetBuffer = &c->nb;
	c->nbl.NdisReserved[0] = &nfwfp_nbl_cookie;
	c->nbl.NdisReserved[1] = c;
	c->kind = kind;
	c->cpu = raw_smp_processor_id();
	if (parent) {
		LONG old = READ_ONCE(parent->ChildRefCount);

		while (!try_cmpxchg(&parent->ChildRefCount, &old, old + 1))
			;
		c->parent = nfwfp_nbl_c(parent);
		c->nbl.ParentNetBufferList = parent;
		/* A clone is the same packet: it continues the lineage. */
		c->origin = nfwfp_origin_get(c->parent->origin);
	}
}

NET_BUFFER_LIST *nfwfp_nbl_wrap(struct sk_buff *skb, unsigned int head_off,
				unsigned int len, NET_BUFFER_LIST *parent,
				gfp_t gfp)
{
	unsigned int nr, size = skb_headroom(skb) + skb->len;
	struct nfwfp_nbl *c;

	if (head_off > size || len > size - head_off)
		return ERR_PTR(-EINVAL);
	nr = nfwfp_nbl_count_mdls(skb);
	if (!nr)
		return ERR_PTR(-EOPNOTSUPP);
	c = nfwfp_nbl_alloc(nr, gfp | __GFP_NOWARN);
	if (!c) {
		nfwfp_nbl_count(nomem);
		return ERR_PTR(-ENOMEM);
	}
	if (!nfwfp_nbl_build(c, skb, 0)) {
		c->skb = NULL;		/* not consumed on failure */
		nfwfp_nbl_destroy(c);
		return ERR_PTR(-EOPNOTSUPP);
	}
	nfwfp_nbl_init_hdr(c, NFWFP_NBL_CLONE, parent);
	/* The original's current position, whatever it retreated to. */
	c->nb.MdlChain = &c->mdl[0];
	c->nb.DataOffset = head_off;
	c->nb.stDataLength = len;
	nfwfp_nb_locate(&c->nb);
	c->skb = skb;
	nfwfp_nbl_live(c);
	return &c->nbl;
}

NET_BUFFER_LIST *nfwfp_nbl_wrap_mdls(const NET_BUFFER *nb,
				     NET_BUFFER_LIST *parent, gfp_t gfp)
{
	struct nfwfp_nbl *c;
	unsigned int i, n = 0;
	MDL *m;

	for (m = nb->MdlChain; m; m = m->Next)
		if (++n > NFWFP_NBL_MAX_MDLS)
			return ERR_PTR(-EOPNOTSUPP);
	c = nfwfp_nbl_alloc(n, gfp | __GFP_NOWARN);
	if (!c) {
		nfwfp_nbl_count(nomem);
		return ERR_PTR(-ENOMEM);
	}
	nfwfp_nbl_init_hdr(c, NFWFP_NBL_CLONE, parent);
	for (i = 0, m = nb->MdlChain; m; m = m->Next, i++) {
		c->mdl[i] = *m;
		/* A retreat buffer stays the original's: never freed by us. */
		c->mdl[i].Process = NULL;
		c->mdl[i].Next = m->Next ? &c->mdl[i + 1] : NULL;
	}
	c->nb.MdlChain = n ? &c->mdl[0] : NULL;
	c->nb.DataOffset = nb->DataOffset;
	c->nb.stDataLength = nb->DataLength;
	nfwfp_nb_locate(&c->nb);
	nfwfp_nbl_live(c);
	return &c->nbl;
}

NET_BUFFER_LIST *nfwfp_nbl_new(MDL *mdl, ULONG data_off, SIZE_T data_len,
			       void *pool, NET_BUFFER_LIST_CONTEXT *ctx,
			       gfp_t gfp)
{
	struct nfwfp_nbl *c;
	unsigned int n = 0;
	u64 total = 0;
	MDL *m;

	/* Bounded: a cyclic chain from a buggy caller must not hang us. */
	for (m = mdl; m; m = m->Next) {
		if (++n > NFWFP_NBL_MAX_CHAIN)
			return ERR_PTR(-EINVAL);
		total += m->ByteCount;
	}
	if ((u64)data_off + data_len > total)
		return ERR_PTR(-EINVAL);
	/* No MDL array: the NB points at the caller's chain itself. */
	c = nfwfp_nbl_alloc(0, gfp | __GFP_NOWARN);
	if (!c) {
		nfwfp_nbl_count(nomem);
		return ERR_PTR(-ENOMEM);
	}
	nfwfp_nbl_init_hdr(c, NFWFP_NBL_ALLOCATED, NULL);
	c->nb.MdlChain = mdl;
	c->nb.DataOffset = data_off;
	c->nb.stDataLength = data_len;
	nfwfp_nb_locate(&c->nb);
	c->nbl.Context = ctx;
	c->nbl.NdisPoolHandle = pool;
	c->nb.NdisPoolHandle = pool;
	c->pool = pool;
	nfwfp_nbl_live(c);
	return &c->nbl;
}

bool nfwfp_nbl_skb_range(const NET_BUFFER_LIST *nbl, unsigned int *head_off,
			 unsigned int *len)
{
	const struct nfwfp_nbl *c = nfwfp_nbl_c(nbl);
	const NET_BUFFER *nb = nbl->FirstNetBuffer;

	if (!c->skb || nb != &c->nb || nb->MdlChain != &c->mdl[0])
		return false;
	*head_off = nb->DataOffset;
	*len = nb->DataLength;
	return true;
}

/* The sums at the last reset (counters.c serializes resets). */
static struct nfwfp_nbl_stats nfwfp_nbl_stat_base;

void nfwfp_nbl_get_stats(struct nfwfp_nbl_stats *st)
{
	nfwfp_pcpu_u64_sum(&nfwfp_nbl_stat, sizeof(*st), (u64 *)st);
	nfwfp_u64_sub((u64 *)st, (const u64 *)&nfwfp_nbl_stat_base, sizeof(*st));
}

void nfwfp_nbl_reset_stats(void)
{
	nfwfp_pcpu_u64_sum(&nfwfp_nbl_stat, sizeof(nfwfp_nbl_stat_base),
			   (u64 *)&nfwfp_nbl_stat_base);
}

/* ---- NDIS helpers (wfp_api.md §6) ---- */

/*
 * Advance @nb by @delta; pop at most @max_pops retreat buffers that the new
 * data start has left entirely, restoring the chain each one displaced.
 */
static void nfwfp_nb_advance(NET_BUFFER *nb, ULONG delta, unsigned int max_pops)
{
	struct nfwfp_nbl_rmdl *r;
	bool popped = false, exact = false;
	MDL *mdl;
	u64 off;

	if (unlikely(delta > nb->DataLength)) {
		nfwfp_nbl_count(misuse);
		delta = nb->DataLength;
	}
	nb->DataOffset += delta;
	nb->DataLength -= delta;

	while (max_pops && (r = nfwfp_rmdl(nb->MdlChain)) &&
	       nb->DataOffset >= r->mdl.ByteCount) {
		off = nb->DataOffset - r->mdl.ByteCount;
		nb->MdlChain = r->saved_chain;
		nb->DataOffset = r->saved_off + off;
		exact = !off;
		if (exact) {
			nb->CurrentMdl = r->saved_cur;
			nb->CurrentMdlOffset = r->saved_cur_off;
		}
		kfree(r);
		popped = true;
		max_pops--;
	}
	if (popped) {
		if (!exact)
			nfwfp_nb_locate(nb);
		return;
	}

	mdl = nb->CurrentMdl;
	off = (u64)nb->CurrentMdlOffset + delta;
	nfwfp_mdl_walk(&mdl, &off);
	nb->CurrentMdl = mdl;
	nb->CurrentMdlOffset = off;
}

static NDIS_STATUS nfwfp_nb_retreat(NET_BUFFER *nb, ULONG delta, ULONG backfill,
				    bool undo)
{
	struct nfwfp_nbl_rmdl *r;
	MDL *cur = nb->CurrentMdl;
	ULONG cur_off = nb->CurrentMdlOffset;
	u8 *va = NULL;
	u64 size;

	if (unlikely(delta > MAXULONG - nb->DataLength || !cur ||
		     cur_off > cur->ByteCount)) {
		nfwfp_nbl_count(misuse);
		return NDIS_STATUS_FAILURE;
	}
	if (delta <= nb->DataOffset) {
		nb->DataOffset -= delta;
		nb->DataLength += delta;
		if (delta <= nb->CurrentMdlOffset)
			nb->CurrentMdlOffset -= delta;
		else
			nfwfp_nb_locate(nb);
		return NDIS_STATUS_SUCCESS;
	}

	/* Not enough backfill: a new buffer in front, nothing moves. */
	size = (u64)delta + backfill;
	if (size > NFWFP_NBL_RETREAT_MAX) {
		nfwfp_nbl_count(nomem);
		return NDIS_STATUS_RESOURCES;
	}
	if (cur_off && cur_off < cur->ByteCount) {
		va = MmGetSystemAddressForMdlSafe(cur, NormalPagePriority);
		if (!va) {
			nfwfp_nbl_count(misuse);
			return NDIS_STATUS_FAILURE;
		}
	}
	/* Zeroed: whatever the callout does not write must not leak. */
	r = nfwfp_fault(NFWFP_FAULT_NBL_RETREAT) ? NULL :
	    kzalloc(struct_size(r, buf, size), GFP_ATOMIC | __GFP_NOWARN);
	if (!r) {
		nfwfp_nbl_count(nomem);
		return NDIS_STATUS_RESOURCES;
	}
	nfwfp_mdl_set(&r->mdl, r->buf, size);
	r->mdl.Process = (void *)&nfwfp_nbl_rmdl_owner;
	if (!cur_off) {
		r->mdl.Next = cur;
	} else if (va) {
		nfwfp_mdl_set(&r->tail, va + cur_off, cur->ByteCount - cur_off);
		r->tail.Next = cur->Next;
		r->mdl.Next = &r->tail;
	} else {
		r->mdl.Next = cur->Next;
	}
	r->saved_chain = nb->MdlChain;
	r->saved_cur = cur;
	r->saved_cur_off = cur_off;
	r->saved_off = nb->DataOffset;
	r->undo = undo;

	nb->MdlChain = &r->mdl;
	nb->CurrentMdl = &r->mdl;
	nb->CurrentMdlOffset = backfill;
	nb->DataOffset = backfill;
	nb->DataLength += delta;
	return NDIS_STATUS_SUCCESS;
}

PVOID NTAPI NdisGetDataBuffer(NET_BUFFER *NetBuffer, ULONG BytesNeeded,
			      PVOID Storage, ULONG AlignMultiple, ULONG AlignOffset)
{
	MDL *mdl;
	ULONG off, chunk;
	u8 *va, *dst = Storage;

	if (!AlignMultiple)
		AlignMultiple = 1;
	if (unlikely(!NetBuffer || !is_power_of_2(AlignMultiple) ||
		     AlignOffset >= AlignMultiple)) {
		nfwfp_nbl_count(misuse);
		return NULL;
	}
	if (BytesNeeded > NetBuffer->DataLength)
		return NULL;
	mdl = NetBuffer->CurrentMdl;
	off = NetBuffer->CurrentMdlOffset;
	if (!mdl || off > mdl->ByteCount)
		return NULL;
	va = MmGetSystemAddressForMdlSafe(mdl, NormalPagePriority);
	if (!va)
		return NULL;
	va += off;
	if (BytesNeeded <= mdl->ByteCount - off &&
	    !(((unsigned long)va - AlignOffset) & (AlignMultiple - 1)))
		return va;
	if (!Storage)
		return NULL;

	for (;;) {
		chunk = min(BytesNeeded, mdl->ByteCount - off);
		memcpy(dst, va, chunk);
		dst += chunk;
		BytesNeeded -= chunk;
		if (!BytesNeeded)
			return Storage;
		mdl = mdl->Next;
		if (!mdl)
			return NULL;
		va = MmGetSystemAddressForMdlSafe(mdl, NormalPagePriority);
		if (!va)
			return NULL;
		off = 0;
	}
}
EXPORT_SYMBOL_GPL(NdisGetDataBuffer);

/*
 * AllocateMdlHandler / FreeMdlHandler are accepted and not called: retreat
 * buffers are always nfwfp's own, so that they can be recognised and freed
 * wherever they end up (advance, indicate end, free of a kept NBL).
 */
NDIS_STATUS NTAPI
NdisRetreatNetBufferDataStart(NET_BUFFER *NetBuffer, ULONG DataOffsetDelta,
			      ULONG DataBackFill,
			      NET_BUFFER_ALLOCATE_MDL *AllocateMdlHandler)
{
	if (unlikely(!NetBuffer)) {
		nfwfp_nbl_count(misuse);
		return NDIS_STATUS_FAILURE;
	}
	return nfwfp_nb_retreat(NetBuffer, DataOffsetDelta, DataBackFill, false);
}
EXPORT_SYMBOL_GPL(NdisRetreatNetBufferDataStart);

VOID NTAPI
NdisAdvanceNetBufferDataStart(NET_BUFFER *NetBuffer, ULONG DataOffsetDelta,
			      BOOLEAN FreeMdl, NET_BUFFER_FREE_MDL *FreeMdlHandler)
{
	if (unlikely(!NetBuffer)) {
		nfwfp_nbl_count(misuse);
		return;
	}
	nfwfp_nb_advance(NetBuffer, DataOffsetDelta, FreeMdl ? UINT_MAX : 0);
}
EXPORT_SYMBOL_GPL(NdisAdvanceNetBufferDataStart);

NDIS_STATUS NTAPI
NdisRetreatNetBufferListDataStart(NET_BUFFER_LIST *NetBufferList,
				  ULONG DataOffsetDelta, ULONG DataBackFill,
				  NET_BUFFER_ALLOCATE_MDL *AllocateMdlHandler,
				  NET_BUFFER_FREE_MDL *FreeMdlHandler)
{
	NDIS_STATUS status = NDIS_STATUS_SUCCESS;
	struct nfwfp_nbl_rmdl *r;
	NET_BUFFER *nb, *done;

	if (unlikely(!NetBufferList)) {
		nfwfp_nbl_count(misuse);
		return NDIS_STATUS_FAILURE;
	}
	for (nb = NetBufferList->FirstNetBuffer; nb; nb = nb->Next) {
		status = nfwfp_nb_retreat(nb, DataOffsetDelta, DataBackFill, true);
		if (status != NDIS_STATUS_SUCCESS)
			break;
	}
	/*
	 * All or nothing: on failure the NBs already retreated are advanced
	 * back, freeing exactly the buffers this call allocated.
	 */
	for (done = NetBufferList->FirstNetBuffer; done != nb; done = done->Next) {
		r = nfwfp_rmdl(done->MdlChain);
		if (status != NDIS_STATUS_SUCCESS)
			nfwfp_nb_advance(done, DataOffsetDelta, r && r->undo ? 1 : 0);
		else if (r)
			r->undo = false;
	}
	return status;
}
EXPORT_SYMBOL_GPL(NdisRetreatNetBufferListDataStart);

VOID NTAPI
NdisAdvanceNetBufferListDataStart(NET_BUFFER_LIST *NetBufferList,
				  ULONG DataOffsetDelta, BOOLEAN FreeMdl,
				  NET_BUFFER_FREE_MDL *FreeMdlMdlHandler)
{
	NET_BUFFER *nb;

	if (unlikely(!NetBufferList)) {
		nfwfp_nbl_count(misuse);
		return;
	}
	for (nb = NetBufferList->FirstNetBuffer; nb; nb = nb->Next)
		nfwfp_nb_advance(nb, DataOffsetDelta, FreeMdl ? UINT_MAX : 0);
}
EXPORT_SYMBOL_GPL(NdisAdvanceNetBufferListDataStart);

/* ---- init / uninit ---- */

int nfwfp_nbl_init(void)
{
	struct nfwfp_nbl *c;
	int cpu, i;

	nfwfp_nbl_cache = kmem_cache_create("nfwfp_nbl",
					    struct_size(c, mdl, NFWFP_NBL_SLOT_MDLS),
					    __alignof__(struct nfwfp_nbl), 0, NULL);
	if (!nfwfp_nbl_cache)
		return -ENOMEM;
	for_each_possible_cpu(cpu) {
		struct nfwfp_nbl_pcpu *pc = per_cpu_ptr(&nfwfp_nbl_pcpu, cpu);

		pc->depth = 0;
		for (i = 0; i < NFWFP_NBL_LEVELS; i++) {
			c = nfwfp_nbl_alloc(NFWFP_NBL_SLOT_MDLS, GFP_KERNEL);
			if (!c) {
				nfwfp_nbl_uninit();
				return -ENOMEM;
			}
			c->flags |= NFWFP_NBL_F_SLOT;
			pc->slot[i] = c;
		}
	}
	return 0;
}

/* Hooks are gone and no callout can run: nothing is in use any more. */
void nfwfp_nbl_uninit(void)
{
	struct nfwfp_nbl *c, *tmp;
	unsigned int leaked = 0;
	LIST_HEAD(kept);
	int cpu, i;

	for_each_possible_cpu(cpu) {
		struct nfwfp_nbl_pcpu *pc = per_cpu_ptr(&nfwfp_nbl_pcpu, cpu);

		for (i = 0; i < NFWFP_NBL_LEVELS; i++) {
			if (pc->slot[i])
				nfwfp_nbl_destroy(pc->slot[i]);
			pc->slot[i] = NULL;
		}
		pc->depth = 0;
	}

	spin_lock_bh(&nfwfp_nbl_kept_lock);
	list_splice_init(&nfwfp_nbl_kept, &kept);
	spin_unlock_bh(&nfwfp_nbl_kept_lock);
	list_for_each_entry_safe(c, tmp, &kept, kept_node) {
		list_del(&c->kept_node);
		nfwfp_nbl_destroy(c);
		leaked++;
	}
	if (leaked)
		pr_warn("freed %u kept, cloned or allocated NBLs that were never released\n",
			leaked);

	kmem_cache_destroy(nfwfp_nbl_cache);
	nfwfp_nbl_cache = NULL;
}
