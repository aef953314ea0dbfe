/* SPDX-License-Identifier: GPL-2.0 */
/*
 * NET_BUFFER_LIST / NET_BUFFER / MDL views over an sk_buff.
 *
 * nfwfp_nbl_indicate() presents an outbound skb to classifyFn as one NBL
 * with one NB whose MDL chain covers the packet: MDL 0 is the linear area
 * from skb->head (headroom and IP header are backfill before DataOffset),
 * then one MDL per page fragment, then the frag_list members. The view does
 * not copy the data and, on the normal path, allocates nothing: it lives in
 * a per-CPU slot chosen by the nesting level (an injected packet or an ICMP
 * error can re-enter LOCAL_OUT on the same CPU from inside a classify).
 *
 * The NBL's address never changes (DESIGN.md): nfwfp_nbl_keep() hands the
 * indicated object itself to a keeper and gives the slot a fresh one.
 *
 * skb lifetime is the caller's business: nothing here takes or drops an
 * skb reference, not even for a kept NBL. Whoever keeps an NBL must also
 * keep its skb alive (nfwfp_nbl_skb()) until nfwfp_nbl_free_kept().
 *
 * Ownership marks. The NBLs made here carry a cookie in
 * NdisReserved[0..1] (nfwfp_nbl_is_nfwfp() reads nothing outside the NBL),
 * and an MDL that NdisRetreatNetBufferDataStart allocated is recognised by
 * its Process field; both are NDIS-private fields that drivers never use.
 */
#ifndef _NFWFP_NBL_H
#define _NFWFP_NBL_H

#include <linux/skbuff.h>

/* Linux values on the plain socket names (see include/wdk/ws2def.h). */
#ifndef NFWFP_WDK_LINUX_SOCKET_NAMES
#define NFWFP_WDK_LINUX_SOCKET_NAMES
#endif
#include <ndis.h>

/* Nesting levels served from the per-CPU slots; deeper ones allocate. */
#define NFWFP_NBL_LEVELS	4

int nfwfp_nbl_init(void);
void nfwfp_nbl_uninit(void);

/*
 * Called with BH disabled; never sleeps. @data_off: where the used data
 * starts, counted from skb->data. NULL when the view cannot be built (no
 * memory for an overflow object, unmappable fragment): the caller passes the
 * packet untouched and counts it.
 */
NET_BUFFER_LIST *nfwfp_nbl_indicate(struct sk_buff *skb, unsigned int data_off);

/*
 * Classification of the packet is over; same CPU, BH still disabled,
 * innermost indication first. A callout must restore the indicated NB before
 * classifyFn returns; if it did not, the offsets are put back and any MDL a
 * retreat allocated is freed here (counted as misuse). A kept NBL is not
 * touched: it may already be in use elsewhere.
 */
void nfwfp_nbl_indicate_end(NET_BUFFER_LIST *nbl);

/*
 * Hand an indicated NBL over to a keeper, between indicate and indicate_end,
 * on the indicating CPU. The NBL keeps its address and outlives
 * indicate_end; the per-CPU slot gets a fresh object (GFP_ATOMIC). Returns
 * @nbl, or NULL (nothing changed) if @nbl is not an indicated nfwfp NBL or
 * there is no memory. Keeping an already kept NBL returns it unchanged.
 */
NET_BUFFER_LIST *nfwfp_nbl_keep(NET_BUFFER_LIST *nbl);

/*
 * Free a kept NBL and any MDL a retreat left on it; any context but NMI.
 * Before indicate_end it is freed there instead.
 */
void nfwfp_nbl_free_kept(NET_BUFFER_LIST *nbl);

/*
 * What a container is. Indicated NBLs describe the hook's skb (not owned);
 * clones own an skb of their own (or, cloned from an allocated NBL, copies
 * of its MDL descriptors); allocated NBLs describe the caller's MDL chain.
 */
enum nfwfp_nbl_kind {
	NFWFP_NBL_INDICATED,
	NFWFP_NBL_CLONE,
	NFWFP_NBL_ALLOCATED,
};

enum nfwfp_nbl_kind nfwfp_nbl_kind(const NET_BUFFER_LIST *nbl);

/*
 * True while @nbl is being indicated on this CPU (between indicate and
 * indicate_end, BH disabled): its skb is the one in the hook.
 */
bool nfwfp_nbl_indicated_here(const NET_BUFFER_LIST *nbl);

/*
 * A child's (clone's) reference on @nbl, so that ParentNetBufferList stays
 * valid however the parent is released. An indicated NBL that is not kept
 * yet is handed over from its slot, as by nfwfp_nbl_keep(); that needs the
 * indicating CPU during the indication. False: no memory, or @nbl is
 * already gone. Dropped when the child is finally freed.
 */
bool nfwfp_nbl_pin(NET_BUFFER_LIST *nbl);
/* Drop a pin whose child was never made, or an injection's. */
void nfwfp_nbl_unpin(NET_BUFFER_LIST *nbl);

/*
 * An injection takes @nbl (a clone or an allocated NBL the owner has not
 * freed) until its completion: pinned, and refused for a second injection
 * meanwhile. False if it is already being injected or was freed. The pin
 * is dropped with nfwfp_nbl_unpin() after inject_end and the completion.
 */
bool nfwfp_nbl_inject_begin(NET_BUFFER_LIST *nbl);
/*
 * The used bytes of @nb copied into a new linear skb with @room bytes of
 * headroom: ERR_PTR(-ENOMEM), or -EINVAL when the MDLs do not hold them.
 */
struct sk_buff *nfwfp_nb_copy_skb(NET_BUFFER *nb, unsigned int room, gfp_t gfp);

/*
 * A kept NBL loses its data (the packet was dropped): no MDL, length 0,
 * no skb. The container stays valid for its keepers.
 */
void nfwfp_nbl_empty(NET_BUFFER_LIST *nbl);
void nfwfp_nbl_inject_end(NET_BUFFER_LIST *nbl);

/*
 * A clone container over @skb, which it owns from then on (freed with it):
 * the MDLs describe @skb as an indication does (MDL 0 from skb->head), and
 * the used data is @len bytes at @head_off counted from skb->head. Its
 * parent is @parent, already pinned by the caller (pin moves to the clone;
 * the parent's ChildRefCount goes up). Any context but NMI.
 * ERR_PTR(-ENOMEM), -EINVAL (range outside the skb) or -EOPNOTSUPP (skb
 * that cannot be described); on error @skb is NOT consumed.
 */
NET_BUFFER_LIST *nfwfp_nbl_wrap(struct sk_buff *skb, unsigned int head_off,
				unsigned int len, NET_BUFFER_LIST *parent,
				gfp_t gfp);

/*
 * A clone container with copies of @nb's MDL descriptors (same memory, no
 * skb): cloning an NBL that has no skb behind it. Same parent rule.
 */
NET_BUFFER_LIST *nfwfp_nbl_wrap_mdls(const NET_BUFFER *nb,
				     NET_BUFFER_LIST *parent, gfp_t gfp);

/*
 * An allocated container whose NB describes the caller's chain @mdl
 * (not copied: the caller owns it). @pool is alloc.c's, already referenced
 * (released with the NBL through nfwfp_pool_put()); @ctx its context, kfree'd.
 */
NET_BUFFER_LIST *nfwfp_nbl_new(MDL *mdl, ULONG data_off, SIZE_T data_len,
			       void *pool, NET_BUFFER_LIST_CONTEXT *ctx,
			       gfp_t gfp);

/*
 * The owner frees a clone or an allocated NBL (@kind must match). False,
 * counted as misuse, if @nbl is not one or was freed already. The container
 * lives on while children of it still exist.
 */
bool nfwfp_nbl_release(NET_BUFFER_LIST *nbl, enum nfwfp_nbl_kind kind);

/*
 * The first NB's used data as a position in its skb view: @head_off from
 * skb->head, @len bytes. False when the NB no longer starts in that view
 * (a retreat prepended a buffer) or @nbl has no skb.
 */
bool nfwfp_nbl_skb_range(const NET_BUFFER_LIST *nbl, unsigned int *head_off,
			 unsigned int *len);

/* alloc.c: drop an allocated NBL's pool reference; is @pool a live pool. */
void nfwfp_pool_put(void *pool);
bool nfwfp_pool_valid(NDIS_HANDLE pool);
bool nfwfp_nb_pool_valid(NDIS_HANDLE pool);

struct sk_buff *nfwfp_nbl_skb(const NET_BUFFER_LIST *nbl);
/* The packet a kept NBL or clone descends from (origin.h); may be NULL. */
struct nfwfp_origin *nfwfp_nbl_origin(const NET_BUFFER_LIST *nbl);
void nfwfp_nbl_set_skb(NET_BUFFER_LIST *nbl, struct sk_buff *skb);
/* An opaque pointer for ref.c; NULL when the NBL was indicated. */
void *nfwfp_nbl_hold(const NET_BUFFER_LIST *nbl);
void nfwfp_nbl_set_hold(NET_BUFFER_LIST *nbl, void *hold);
bool nfwfp_nbl_is_nfwfp(const NET_BUFFER_LIST *nbl);

/* Event counters, summed over all CPUs. */
struct nfwfp_nbl_stats {
	u64 overflow;	/* views allocated: nesting or MDL count beyond a slot */
	u64 nomem;	/* allocation failures (indicate, keep, retreat) */
	u64 unsupported; /* skbs not described: unmapped fragment, nested frag_list */
	u64 unrestored;	/* NBs a callout left retreated/advanced at classify end */
	u64 misuse;	/* invalid arguments to the NDIS helpers or keep */
	u64 kept;	/* NBLs handed over by nfwfp_nbl_keep() or a clone */
};

void nfwfp_nbl_get_stats(struct nfwfp_nbl_stats *st);
void nfwfp_nbl_reset_stats(void);

#endif /* _NFWFP_NBL_H */
