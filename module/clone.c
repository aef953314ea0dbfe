// SPDX-License-Identifier: GPL-2.0
/*
 * FwpsAllocateCloneNetBufferList0 / FwpsFreeCloneNetBufferList0
 * (wfp_api.md §5.5, §7.2).
 *
 * A clone is a new NBL (its own container and address) describing the same
 * bytes as the original's first NB at its current offset and length. It
 * keeps the data alive on its own, so a callout may dereference the
 * original right after cloning (Microsoft's pattern): the clone owns an skb
 * of its own, an skb_clone() of the packet (the hook's skb while the
 * original is being indicated, the hold's skb once a referenced original
 * has its verdict). A NAT or anything else down the stack then finds a
 * cloned skb and unshares before writing, and the clone keeps the bytes the
 * callout was shown.
 *
 * Sharing is read-only, as the documentation makes it: if the original was
 * referenced with intendToModify, the clone gets a private skb_copy() and
 * the callout may write through it. Writing through a clone of an original
 * that nobody declared modifiable changes bytes other skbs still share;
 * that is misuse C cannot catch.
 *
 * The clone also pins the original's container (nbl.c), so that
 * ParentNetBufferList and its ChildRefCount stay valid until the clone is
 * freed, whenever the original is dereferenced. An indicated original that
 * was not referenced is handed over from its per-CPU slot for that, as a
 * reference does (DESIGN.md: an NBL's address never changes).
 *
 * Both calls work at any context up to DISPATCH_LEVEL: GFP_ATOMIC only.
 */
#include <linux/skbuff.h>
#include <linux/err.h>

#define NFWFP_WDK_LINUX_SOCKET_NAMES
#include <ndis.h>
#include <fwpsk.h>

#include "fault.h"
#include "engine.h"
#include "nbl.h"
#include "ref.h"

#define NFWFP_CLONE_GFP	GFP_ATOMIC

static NTSTATUS nfwfp_clone_status(long err)
{
	return err == -ENOMEM ? STATUS_NO_MEMORY : STATUS_INVALID_PARAMETER;
}

/* A clone of @orig over a new skb of its packet (see the top comment). */
static NET_BUFFER_LIST *nfwfp_clone_skb(NET_BUFFER_LIST *orig)
{
	unsigned int head_off, len;
	struct sk_buff *skb, *lin;
	NET_BUFFER_LIST *clone;

	if (nfwfp_nbl_kind(orig) == NFWFP_NBL_INDICATED)
		skb = nfwfp_ref_clone_skb(orig, NFWFP_CLONE_GFP);
	else
		/* A clone's skb is its own while the callout owns the clone. */
		skb = (nfwfp_fault(NFWFP_FAULT_CLONE_SKB) ? NULL :
		       skb_clone(nfwfp_nbl_skb(orig), NFWFP_CLONE_GFP | __GFP_NOWARN)) ?:
		      ERR_PTR(-ENOMEM);
	if (IS_ERR(skb))
		return ERR_CAST(skb);

	if (!nfwfp_nbl_skb_range(orig, &head_off, &len)) {
		/*
		 * The NB starts in a buffer a retreat prepended, which no
		 * skb describes: a copy. The data of @orig stays valid while
		 * @skb holds the packet.
		 */
		lin = nfwfp_nb_copy_skb(orig->FirstNetBuffer, 0, NFWFP_CLONE_GFP);
		consume_skb(skb);
		if (IS_ERR(lin))
			return ERR_CAST(lin);
		skb = lin;
		head_off = skb_headroom(skb);
		len = skb->len;
	}
	clone = nfwfp_nbl_wrap(skb, head_off, len, orig, NFWFP_CLONE_GFP);
	if (IS_ERR(clone))
		kfree_skb(skb);
	return clone;
}

NTSTATUS NTAPI
FwpsAllocateCloneNetBufferList0(NET_BUFFER_LIST *originalNetBufferList,
				NDIS_HANDLE netBufferListPoolHandle,
				NDIS_HANDLE netBufferPoolHandle,
				ULONG allocateCloneFlags,
				NET_BUFFER_LIST **netBufferList)
{
	NET_BUFFER_LIST *orig = originalNetBufferList, *clone;

	if (!netBufferList) {
		nfwfp_count_misuse("clone allocation without an output pointer");
		return STATUS_INVALID_PARAMETER;
	}
	*netBufferList = NULL;
	if (allocateCloneFlags)
		return STATUS_INVALID_PARAMETER;
	/*
	 * A foreign NBL, or one already freed: a status, never a guess.
	 * netBufferPoolHandle must be an NB pool (NdisAllocateNetBufferPool)
	 * but is not used: the clone's NB is part of its container.
	 */
	if (!nfwfp_nbl_is_nfwfp(orig) || !orig->FirstNetBuffer ||
	    (netBufferListPoolHandle && !nfwfp_pool_valid(netBufferListPoolHandle)) ||
	    (netBufferPoolHandle && !nfwfp_nb_pool_valid(netBufferPoolHandle)))
		return STATUS_INVALID_PARAMETER;

	/* The clone's reference on the original; dropped when it is freed. */
	if (!nfwfp_nbl_pin(orig))
		return nfwfp_nbl_kind(orig) == NFWFP_NBL_INDICATED &&
		       nfwfp_nbl_indicated_here(orig) ?
		       STATUS_NO_MEMORY : STATUS_INVALID_PARAMETER;

	if (nfwfp_nbl_kind(orig) == NFWFP_NBL_ALLOCATED ||
	    (nfwfp_nbl_kind(orig) == NFWFP_NBL_CLONE && !nfwfp_nbl_skb(orig)))
		/* No skb behind it: new descriptors of the same memory. */
		clone = nfwfp_nbl_wrap_mdls(orig->FirstNetBuffer, orig, NFWFP_CLONE_GFP);
	else
		clone = nfwfp_clone_skb(orig);
	if (IS_ERR(clone)) {
		nfwfp_nbl_unpin(orig);
		return nfwfp_clone_status(PTR_ERR(clone));
	}
	*netBufferList = clone;
	return STATUS_SUCCESS;
}
EXPORT_SYMBOL_GPL(FwpsAllocateCloneNetBufferList0);

void NTAPI FwpsFreeCloneNetBufferList0(NET_BUFFER_LIST *netBufferList,
				       ULONG freeCloneFlags)
{
	if (!netBufferList || !nfwfp_nbl_is_nfwfp(netBufferList) ||
	    nfwfp_nbl_kind(netBufferList) != NFWFP_NBL_CLONE) {
		nfwfp_count_misuse("clone free of an NBL that is not a clone");
		return;
	}
	/* NDIS: free the children first; the container waits for them. */
	if (READ_ONCE(netBufferList->ChildRefCount))
		nfwfp_count_misuse("clone freed with clones of it outstanding");
	if (!nfwfp_nbl_release(netBufferList, NFWFP_NBL_CLONE))
		nfwfp_count_misuse("clone freed twice");
}
EXPORT_SYMBOL_GPL(FwpsFreeCloneNetBufferList0);
