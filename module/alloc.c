// SPDX-License-Identifier: GPL-2.0
/*
 * NBL pools, MDLs over driver buffers and NBLs made from scratch
 * (wfp_api.md §5.5, §6): NdisAllocateNetBufferListPool /
 * NdisFreeNetBufferListPool, NdisAllocateNetBufferPool /
 * NdisFreeNetBufferPool, IoAllocateMdl / MmBuildMdlForNonPagedPool /
 * IoFreeMdl, FwpsAllocateNetBufferAndNetBufferList0 / FwpsFreeNetBufferList0.
 *
 * An allocated NBL's NB points at the caller's MDL chain itself, as on
 * Windows: the caller owns the MDLs and the memory behind them and frees
 * them after FwpsFreeNetBufferList0. nfwfp keeps no pointer to them past
 * that call, and no skb exists yet: injection copies the bytes out of the
 * MDLs (DESIGN.md, Lifetimes).
 *
 * A pool is a real object: it remembers its parameters, and each NBL made
 * from it holds a reference, so that freeing a pool too early is counted
 * misuse instead of a use-after-free. NET_BUFFER pools are the same object
 * of another kind: drivers pass them as FwpsAllocateCloneNetBufferList0's
 * netBufferPoolHandle, where nfwfp checks them but needs none (a clone's
 * NB is part of its NBL), and one kind is never taken for the other.
 *
 * Everything here may run up to DISPATCH_LEVEL: GFP_ATOMIC only.
 */
#include <linux/slab.h>
#include <linux/refcount.h>
#include <linux/overflow.h>
#include <linux/err.h>
#include <linux/mm.h>

#define NFWFP_WDK_LINUX_SOCKET_NAMES
#include <ndis.h>
#include <fwpsk.h>

#include "fault.h"
#include "engine.h"
#include "nbl.h"

#define NFWFP_ALLOC_GFP	(GFP_ATOMIC | __GFP_NOWARN)

enum nfwfp_pool_kind { NFWFP_POOL_NBL, NFWFP_POOL_NB };

struct nfwfp_pool {
	const void *cookie;	/* &nfwfp_pool_cookie until the pool is freed */
	enum nfwfp_pool_kind kind;
	refcount_t refs;	/* the owner's, and one per NBL made from it */
	atomic_t outstanding;	/* NBLs not freed yet */
	NDIS_HANDLE ndis;	/* NdisHandle, not used */
	USHORT context_size;
	BOOLEAN allocate_nb;
	UCHAR protocol_id;
	ULONG tag;
	ULONG data_size;
};

/* Its address marks a live pool: a stale handle gets a status, not a guess. */
static char nfwfp_pool_cookie;

static bool nfwfp_pool_is(NDIS_HANDLE pool, enum nfwfp_pool_kind kind)
{
	const struct nfwfp_pool *p = pool;

	return p && READ_ONCE(p->cookie) == &nfwfp_pool_cookie && p->kind == kind;
}

bool nfwfp_pool_valid(NDIS_HANDLE pool)
{
	return nfwfp_pool_is(pool, NFWFP_POOL_NBL);
}

bool nfwfp_nb_pool_valid(NDIS_HANDLE pool)
{
	return nfwfp_pool_is(pool, NFWFP_POOL_NB);
}

static bool nfwfp_pool_header_ok(const NDIS_OBJECT_HEADER *h, UCHAR revision,
				 USHORT size)
{
	return h->Type == NDIS_OBJECT_TYPE_DEFAULT && h->Revision >= revision &&
	       h->Size >= size;
}

/* The owner's reference goes; the last NBL made from it frees it. */
static void nfwfp_pool_free(struct nfwfp_pool *p, const char *outstanding)
{
	WRITE_ONCE(p->cookie, NULL);
	/* NDIS: every NBL goes back first. Ours keep the object alive. */
	if (atomic_read(&p->outstanding))
		nfwfp_count_misuse(outstanding);
	if (refcount_dec_and_test(&p->refs))
		kfree(p);
}

void nfwfp_pool_put(void *pool)
{
	struct nfwfp_pool *p = pool;

	if (!p)
		return;
	atomic_dec(&p->outstanding);
	if (refcount_dec_and_test(&p->refs))
		kfree(p);
}

/* A pool of @kind with what both kinds record; not valid until its cookie is set. */
static struct nfwfp_pool *nfwfp_pool_new(enum nfwfp_pool_kind kind, NDIS_HANDLE ndis,
					 ULONG tag, ULONG data_size)
{
	struct nfwfp_pool *p = kzalloc(sizeof(*p), NFWFP_ALLOC_GFP);

	if (!p)
		return NULL;
	p->kind = kind;
	p->ndis = ndis;
	p->tag = tag;
	p->data_size = data_size;
	refcount_set(&p->refs, 1);
	return p;
}

NDIS_HANDLE NTAPI
NdisAllocateNetBufferListPool(NDIS_HANDLE NdisHandle,
			      NET_BUFFER_LIST_POOL_PARAMETERS const *Parameters)
{
	const NET_BUFFER_LIST_POOL_PARAMETERS *prm = Parameters;
	struct nfwfp_pool *p;

	/* The NDIS object header rules: NULL is the documented failure. */
	if (!prm ||
	    !nfwfp_pool_header_ok(&prm->Header, NET_BUFFER_LIST_POOL_PARAMETERS_REVISION_1,
				  NDIS_SIZEOF_NET_BUFFER_LIST_POOL_PARAMETERS_REVISION_1) ||
	    prm->ContextSize % MEMORY_ALLOCATION_ALIGNMENT)
		return NULL;
	p = nfwfp_pool_new(NFWFP_POOL_NBL, NdisHandle, prm->PoolTag, prm->DataSize);
	if (!p)
		return NULL;
	p->context_size = prm->ContextSize;
	p->allocate_nb = prm->fAllocateNetBuffer;
	p->protocol_id = prm->ProtocolId;
	/* Valid (the cookie) only once it is complete. */
	WRITE_ONCE(p->cookie, &nfwfp_pool_cookie);
	return p;
}
EXPORT_SYMBOL_GPL(NdisAllocateNetBufferListPool);

VOID NTAPI NdisFreeNetBufferListPool(NDIS_HANDLE PoolHandle)
{
	struct nfwfp_pool *p = PoolHandle;

	if (!nfwfp_pool_valid(p)) {
		nfwfp_count_misuse("NdisFreeNetBufferListPool of something that is no NBL pool");
		return;
	}
	nfwfp_pool_free(p, "NdisFreeNetBufferListPool with NBLs outstanding");
}
EXPORT_SYMBOL_GPL(NdisFreeNetBufferListPool);

NDIS_HANDLE NTAPI
NdisAllocateNetBufferPool(NDIS_HANDLE NdisHandle,
			  NET_BUFFER_POOL_PARAMETERS const *Parameters)
{
	const NET_BUFFER_POOL_PARAMETERS *prm = Parameters;
	struct nfwfp_pool *p;

	if (!prm ||
	    !nfwfp_pool_header_ok(&prm->Header, NET_BUFFER_POOL_PARAMETERS_REVISION_1,
				  NDIS_SIZEOF_NET_BUFFER_POOL_PARAMETERS_REVISION_1))
		return NULL;
	p = nfwfp_fault(NFWFP_FAULT_ALLOC_NBL) ? NULL :
	    nfwfp_pool_new(NFWFP_POOL_NB, NdisHandle, prm->PoolTag, prm->DataSize);
	if (!p)
		return NULL;
	WRITE_ONCE(p->cookie, &nfwfp_pool_cookie);
	return p;
}
EXPORT_SYMBOL_GPL(NdisAllocateNetBufferPool);

VOID NTAPI NdisFreeNetBufferPool(NDIS_HANDLE PoolHandle)
{
	struct nfwfp_pool *p = PoolHandle;

	if (!nfwfp_nb_pool_valid(p)) {
		nfwfp_count_misuse("NdisFreeNetBufferPool of something that is no NB pool");
		return;
	}
	/* No NET_BUFFER is ever made from it: nothing can be outstanding. */
	nfwfp_pool_free(p, "NdisFreeNetBufferPool with NBs outstanding");
}
EXPORT_SYMBOL_GPL(NdisFreeNetBufferPool);

/*
 * An MDL describing a driver buffer, not yet mapped: MmBuildMdlForNonPagedPool
 * does that. There are no IRPs here, so an Irp is refused.
 */
PMDL NTAPI IoAllocateMdl(PVOID VirtualAddress, ULONG Length,
			 BOOLEAN SecondaryBuffer, BOOLEAN ChargeQuota, PIRP Irp)
{
	MDL *mdl;

	if (Irp) {
		nfwfp_count_misuse("IoAllocateMdl with an IRP");
		return NULL;
	}
	mdl = nfwfp_fault(NFWFP_FAULT_ALLOC_NBL) ? NULL :
	      kzalloc(sizeof(*mdl), NFWFP_ALLOC_GFP);
	if (!mdl)
		return NULL;
	mdl->Size = sizeof(*mdl);
	/* Marks it as IoAllocateMdl's, for IoFreeMdl (Windows does too). */
	mdl->MdlFlags = MDL_ALLOCATED_FIXED_SIZE;
	mdl->StartVa = (void *)((unsigned long)VirtualAddress & PAGE_MASK);
	mdl->ByteOffset = offset_in_page(VirtualAddress);
	mdl->ByteCount = Length;
	return mdl;
}
EXPORT_SYMBOL_GPL(IoAllocateMdl);

VOID NTAPI IoFreeMdl(PMDL Mdl)
{
	if (!Mdl)
		return;
	/* nfwfp's own MDLs (NBL views, retreat buffers) never carry the mark. */
	if (!(Mdl->MdlFlags & MDL_ALLOCATED_FIXED_SIZE)) {
		nfwfp_count_misuse("IoFreeMdl of an MDL IoAllocateMdl did not make");
		return;
	}
	kfree(Mdl);
}
EXPORT_SYMBOL_GPL(IoFreeMdl);

/*
 * Kernel memory is always mapped: the MDL's system address is its virtual
 * address, so MmGetSystemAddressForMdlSafe needs no mapping later.
 */
VOID NTAPI MmBuildMdlForNonPagedPool(PMDL MemoryDescriptorList)
{
	MDL *mdl = MemoryDescriptorList;

	if (!mdl) {
		nfwfp_count_misuse("MmBuildMdlForNonPagedPool(NULL)");
		return;
	}
	mdl->MappedSystemVa = (u8 *)mdl->StartVa + mdl->ByteOffset;
	mdl->MdlFlags |= MDL_SOURCE_IS_NONPAGED_POOL;
}
EXPORT_SYMBOL_GPL(MmBuildMdlForNonPagedPool);

/*
 * poolHandle may be NULL (the default pool); a pool must have been made
 * with fAllocateNetBuffer and DataSize 0. The NBL's context, if any, has
 * contextSize used bytes after contextBackFill unused ones
 * (NET_BUFFER_LIST_CONTEXT_DATA_START = ContextData + Offset).
 */
NTSTATUS NTAPI
FwpsAllocateNetBufferAndNetBufferList0(NDIS_HANDLE poolHandle, USHORT contextSize,
				       USHORT contextBackFill, PMDL mdlChain,
				       ULONG dataOffset, SIZE_T dataLength,
				       struct _NET_BUFFER_LIST **netBufferList)
{
	struct nfwfp_pool *p = poolHandle;
	PNET_BUFFER_LIST_CONTEXT ctx = NULL;
	unsigned int ctx_size = (unsigned int)contextSize + contextBackFill;
	NET_BUFFER_LIST *nbl;

	if (!netBufferList) {
		nfwfp_count_misuse("FwpsAllocateNetBufferAndNetBufferList0 without an output pointer");
		return STATUS_INVALID_PARAMETER;
	}
	*netBufferList = NULL;
	if ((p && (!nfwfp_pool_valid(p) || !p->allocate_nb || p->data_size)) ||
	    contextSize % MEMORY_ALLOCATION_ALIGNMENT ||
	    contextBackFill % MEMORY_ALLOCATION_ALIGNMENT || ctx_size > U16_MAX ||
	    dataLength > MAXULONG || (!mdlChain && (dataOffset || dataLength)))
		return STATUS_INVALID_PARAMETER;

	if (ctx_size) {
		ctx = nfwfp_fault(NFWFP_FAULT_ALLOC_NBL) ? NULL :
		      kzalloc(struct_size(ctx, ContextData, ctx_size), NFWFP_ALLOC_GFP);
		if (!ctx)
			return STATUS_NO_MEMORY;
		ctx->Size = ctx_size;
		ctx->Offset = contextBackFill;
	}
	if (p) {
		/* Dropped with the NBL, through nfwfp_pool_put(). */
		refcount_inc(&p->refs);
		atomic_inc(&p->outstanding);
	}
	nbl = nfwfp_nbl_new(mdlChain, dataOffset, dataLength, p, ctx, NFWFP_ALLOC_GFP);
	if (IS_ERR(nbl)) {
		kfree(ctx);
		nfwfp_pool_put(p);
		return PTR_ERR(nbl) == -ENOMEM ? STATUS_NO_MEMORY : STATUS_INVALID_PARAMETER;
	}
	*netBufferList = nbl;
	return STATUS_SUCCESS;
}
EXPORT_SYMBOL_GPL(FwpsAllocateNetBufferAndNetBufferList0);

void NTAPI FwpsFreeNetBufferList0(NET_BUFFER_LIST *netBufferList)
{
	if (!netBufferList || !nfwfp_nbl_is_nfwfp(netBufferList) ||
	    nfwfp_nbl_kind(netBufferList) != NFWFP_NBL_ALLOCATED) {
		nfwfp_count_misuse("NBL free of an NBL FwpsAllocateNetBufferAndNetBufferList0 did not make");
		return;
	}
	/* NDIS: clones first. The container waits for them (nbl.c). */
	if (READ_ONCE(netBufferList->ChildRefCount))
		nfwfp_count_misuse("allocated NBL freed with clones of it outstanding");
	if (!nfwfp_nbl_release(netBufferList, NFWFP_NBL_ALLOCATED))
		nfwfp_count_misuse("allocated NBL freed twice");
}
EXPORT_SYMBOL_GPL(FwpsFreeNetBufferList0);
