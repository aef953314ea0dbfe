// SPDX-License-Identifier: GPL-2.0
/*
 * Self-tests of FwpsAllocateCloneNetBufferList0 / FwpsFreeCloneNetBufferList0
 * (clone.c), of NBL and NB pools, MDLs and FwpsAllocateNetBufferAndNetBufferList0
 * (alloc.c), on hand-made skbs indicated as LOCAL_OUT does (BH disabled).
 * The original packet is freed before its clones are read: on the debug
 * kernel KASAN catches a clone that did not keep the data, kmemleak anything
 * not freed.
 */
#include <linux/skbuff.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/bottom_half.h>

#define NFWFP_WDK_LINUX_SOCKET_NAMES
#include <ndis.h>
#include <fwpsk.h>

#include "../engine.h"
#include "../nbl.h"
#include "../ref.h"
#include "selftest.h"

#define ST_LEN		2048

/* Single-threaded at module load. */
static u8 st_a[ST_LEN], st_b[ST_LEN];

static bool st_check(bool cond, const char *tcase, const char *what)
{
	if (!cond)
		pr_err("clone self-test %s: %s\n", tcase, what);
	return cond;
}

/* An outbound skb: @lin linear bytes and a page fragment of @frag bytes. */
static struct sk_buff *st_skb(unsigned int lin, unsigned int frag, u8 seed)
{
	struct sk_buff *skb = alloc_skb(64 + lin, GFP_KERNEL);
	struct page *page;
	unsigned int i;
	u8 *p;

	if (!skb)
		return NULL;
	skb_reserve(skb, 64);
	p = skb_put(skb, lin);
	for (i = 0; i < lin; i++)
		p[i] = seed + i * 7;
	skb_reset_network_header(skb);
	if (frag) {
		page = alloc_page(GFP_KERNEL);
		if (!page) {
			kfree_skb(skb);
			return NULL;
		}
		p = page_address(page);
		for (i = 0; i < frag; i++)
			p[i] = seed + 3 + i * 11;
		skb_add_rx_frag(skb, 0, page, 0, frag, PAGE_SIZE);
	}
	return skb;
}

/* All used bytes of @nbl's first NB into @out; their count, or -1. */
static int st_bytes(NET_BUFFER_LIST *nbl, u8 *out)
{
	NET_BUFFER *nb = nbl->FirstNetBuffer;
	u8 *p;

	if (!nb || nb->DataLength > ST_LEN)
		return -1;
	p = NdisGetDataBuffer(nb, nb->DataLength, out, 1, 0);
	if (!p)
		return -1;
	if (p != out)
		memcpy(out, p, nb->DataLength);
	return nb->DataLength;
}

/* @nbl shows @len bytes equal to @want. */
static bool st_same(NET_BUFFER_LIST *nbl, const u8 *want, int len)
{
	return st_bytes(nbl, st_b) == len && !memcmp(st_b, want, len);
}

/*
 * Clone of an indicated NBL: same bytes at the current offset, own address,
 * parent and child count, survives the original packet and NBL.
 */
static bool st_indicated(void)
{
	static const char *tc = "indicated";
	NET_BUFFER_LIST *a, *cl = NULL, *cl2 = NULL, *x = (void *)1, *foreign;
	struct sk_buff *skb;
	bool ok = true;
	int len = -1;

	skb = st_skb(100, 300, 1);
	foreign = kzalloc(sizeof(*foreign), GFP_KERNEL);
	if (!skb || !foreign) {
		ok = st_check(false, tc, "no memory");
		goto out;
	}
	local_bh_disable();
	a = nfwfp_nbl_indicate(skb, 20);
	if (!st_check(a, tc, "indicate failed"))
		goto out_bh;
	/* The clone inherits the current offset, whatever it is now. */
	NdisAdvanceNetBufferDataStart(a->FirstNetBuffer, 8, FALSE, NULL);
	len = st_bytes(a, st_a);
	ok &= st_check(len == 100 + 300 - 28, tc, "original bytes");

	ok &= st_check(FwpsAllocateCloneNetBufferList0(a, NULL, NULL, 1, &x) ==
		       STATUS_INVALID_PARAMETER && !x, tc, "flags != 0 accepted");
	x = (void *)1;
	ok &= st_check(FwpsAllocateCloneNetBufferList0(foreign, NULL, NULL, 0, &x) ==
		       STATUS_INVALID_PARAMETER && !x, tc, "foreign NBL accepted");
	ok &= st_check(FwpsAllocateCloneNetBufferList0(NULL, NULL, NULL, 0, &x) ==
		       STATUS_INVALID_PARAMETER, tc, "NULL NBL accepted");
	ok &= st_check(FwpsAllocateCloneNetBufferList0(a, foreign, NULL, 0, &x) ==
		       STATUS_INVALID_PARAMETER, tc, "foreign pool accepted");

	ok &= st_check(FwpsAllocateCloneNetBufferList0(a, NULL, NULL, 0, &cl) ==
		       STATUS_SUCCESS && cl, tc, "clone failed");
	ok &= st_check(FwpsAllocateCloneNetBufferList0(a, NULL, NULL, 0, &cl2) ==
		       STATUS_SUCCESS && cl2, tc, "second clone failed");
	NdisRetreatNetBufferDataStart(a->FirstNetBuffer, 8, 0, NULL);
	nfwfp_nbl_indicate_end(a);
	local_bh_enable();
	if (!cl || !cl2)
		goto out_free;

	ok &= st_check(cl != a && cl2 != cl && cl->ParentNetBufferList == a &&
		       a->ChildRefCount == 2 && !cl->ChildRefCount, tc,
		       "address, parent or child count");
	ok &= st_check(nfwfp_nbl_kind(cl) == NFWFP_NBL_CLONE && !cl->Next &&
		       cl->FirstNetBuffer && !cl->FirstNetBuffer->Next &&
		       !cl->Context, tc, "clone shape");
	ok &= st_check(st_same(cl, st_a, len), tc, "clone data differs");
	/* Read-only sharing: the same memory, through a cloned skb. */
	ok &= st_check(skb_cloned(nfwfp_nbl_skb(cl)) &&
		       MmGetSystemAddressForMdlSafe(cl->FirstNetBuffer->MdlChain, 0) ==
		       skb->head, tc, "clone does not share the data");

	/* Neither indicated nor held any more: no clone of it. */
	x = (void *)1;
	local_bh_disable();
	ok &= st_check(FwpsAllocateCloneNetBufferList0(a, NULL, NULL, 0, &x) ==
		       STATUS_INVALID_PARAMETER && !x, tc,
		       "clone of an NBL no longer indicated");
	local_bh_enable();

	/* The packet leaves: the clones keep the data. */
	kfree_skb(skb);
	skb = NULL;
	FwpsFreeCloneNetBufferList0(cl2, 0);
	ok &= st_check(a->ChildRefCount == 1, tc, "free did not decrement ChildRefCount");
	ok &= st_check(st_same(cl, st_a, len), tc, "clone data after the packet left");
out_free:
	if (cl)
		FwpsFreeCloneNetBufferList0(cl, 0);
	else if (cl2)
		FwpsFreeCloneNetBufferList0(cl2, 0);
	goto out;
out_bh:
	local_bh_enable();
out:
	kfree(foreign);
	kfree_skb(skb);
	return ok;
}

/*
 * Microsoft's pattern: reference, clone, dereference at once; and a
 * reference with intendToModify gives a clone private, writable data.
 */
static bool st_referenced(bool modify)
{
	const char *tc = modify ? "modify" : "reference";
	NET_BUFFER_LIST *a, *cl = NULL, *cc = NULL;
	struct sk_buff *skb;
	u8 *p, *orig;
	bool ok = true;
	int len = -1;

	skb = st_skb(200, 0, 5);
	if (!skb)
		return st_check(false, tc, "no memory");
	local_bh_disable();
	a = nfwfp_nbl_indicate(skb, 20);
	if (!st_check(a && nfwfp_ref_test_hold(a, modify), tc, "indicate/reference")) {
		if (a)
			nfwfp_nbl_indicate_end(a);
		local_bh_enable();
		kfree_skb(skb);
		return false;
	}
	len = st_bytes(a, st_a);
	ok &= st_check(FwpsAllocateCloneNetBufferList0(a, NULL, NULL, 0, &cl) ==
		       STATUS_SUCCESS && cl, tc, "clone failed");
	FwpsDereferenceNetBufferList0(a, TRUE);
	nfwfp_nbl_indicate_end(a);
	local_bh_enable();
	if (!cl) {
		kfree_skb(skb);
		return false;
	}

	ok &= st_check(st_same(cl, st_a, len), tc, "clone data differs");
	ok &= st_check(skb_cloned(nfwfp_nbl_skb(cl)) == !modify, tc,
		       modify ? "modify clone shares its skb" : "clone is a copy");
	if (modify) {
		/* Writes through the clone reach no one else. */
		p = NdisGetDataBuffer(cl->FirstNetBuffer, 16, NULL, 1, 0);
		orig = skb->data + 20;
		ok &= st_check(p && p != orig, tc, "modify clone data not private");
		if (p && p != orig) {
			memset(p, 0xa5, 16);
			ok &= st_check(!memcmp(orig, st_a, 16) && p[0] == 0xa5, tc,
				       "write through the clone changed the original");
		}
	}
	/* The packet is gone; the original NBL is dereferenced. */
	kfree_skb(skb);
	if (!modify)
		ok &= st_check(st_same(cl, st_a, len), tc, "clone data after the packet left");

	/* A clone of a clone shares the clone's data and names it parent. */
	ok &= st_check(FwpsAllocateCloneNetBufferList0(cl, NULL, NULL, 0, &cc) ==
		       STATUS_SUCCESS && cc && cc->ParentNetBufferList == cl &&
		       cl->ChildRefCount == 1, tc, "clone of a clone");
	if (cc) {
		ok &= st_bytes(cc, st_a) == len && st_same(cl, st_a, len);
		FwpsFreeCloneNetBufferList0(cc, 0);
		ok &= st_check(!cl->ChildRefCount, tc, "clone of a clone: child count");
	}
	FwpsFreeCloneNetBufferList0(cl, 0);
	return ok;
}

static NET_BUFFER_LIST_POOL_PARAMETERS st_params(BOOLEAN nb, ULONG data_size)
{
	NET_BUFFER_LIST_POOL_PARAMETERS prm = {
		.Header = {
			.Type = NDIS_OBJECT_TYPE_DEFAULT,
			.Revision = NET_BUFFER_LIST_POOL_PARAMETERS_REVISION_1,
			.Size = NDIS_SIZEOF_NET_BUFFER_LIST_POOL_PARAMETERS_REVISION_1,
		},
		.ProtocolId = NDIS_PROTOCOL_ID_DEFAULT,
		.fAllocateNetBuffer = nb,
		.ContextSize = 0,
		.PoolTag = 0x7466776e,	/* "nwft" */
		.DataSize = data_size,
	};
	return prm;
}

static bool st_pools(void)
{
	static const char *tc = "pools";
	NET_BUFFER_LIST_POOL_PARAMETERS prm;
	NDIS_HANDLE pool, nonb, sized;
	NET_BUFFER_LIST *nbl = (void *)1;
	bool ok = true;
	MDL *mdl;
	u8 buf[32];

	ok &= st_check(!NdisAllocateNetBufferListPool(NULL, NULL), tc, "NULL params");
	prm = st_params(TRUE, 0);
	prm.Header.Type = 0;
	ok &= st_check(!NdisAllocateNetBufferListPool(NULL, &prm), tc, "bad type");
	prm = st_params(TRUE, 0);
	prm.Header.Revision = 0;
	ok &= st_check(!NdisAllocateNetBufferListPool(NULL, &prm), tc, "bad revision");
	prm = st_params(TRUE, 0);
	prm.Header.Size = 4;
	ok &= st_check(!NdisAllocateNetBufferListPool(NULL, &prm), tc, "bad size");
	prm = st_params(TRUE, 0);
	prm.ContextSize = 8;
	ok &= st_check(!NdisAllocateNetBufferListPool(NULL, &prm), tc, "unaligned context");

	prm = st_params(TRUE, 0);
	prm.ContextSize = 16;
	pool = NdisAllocateNetBufferListPool(NULL, &prm);
	prm = st_params(FALSE, 0);
	nonb = NdisAllocateNetBufferListPool(NULL, &prm);
	prm = st_params(TRUE, 2048);
	sized = NdisAllocateNetBufferListPool(NULL, &prm);
	ok &= st_check(pool && nonb && sized, tc, "valid pools refused");

	mdl = IoAllocateMdl(buf, sizeof(buf), FALSE, FALSE, NULL);
	if (mdl)
		MmBuildMdlForNonPagedPool(mdl);
	ok &= st_check(mdl, tc, "IoAllocateMdl");
	if (mdl && nonb && sized) {
		ok &= st_check(FwpsAllocateNetBufferAndNetBufferList0(nonb, 0, 0, mdl, 0, 8, &nbl) ==
			       STATUS_INVALID_PARAMETER && !nbl, tc,
			       "pool without NBs accepted");
		ok &= st_check(FwpsAllocateNetBufferAndNetBufferList0(sized, 0, 0, mdl, 0, 8, &nbl) ==
			       STATUS_INVALID_PARAMETER, tc, "pool with DataSize accepted");
	}
	IoFreeMdl(mdl);
	if (sized)
		NdisFreeNetBufferListPool(sized);
	if (nonb)
		NdisFreeNetBufferListPool(nonb);
	if (pool)
		NdisFreeNetBufferListPool(pool);
	return ok;
}

static NET_BUFFER_POOL_PARAMETERS st_nb_params(void)
{
	NET_BUFFER_POOL_PARAMETERS prm = {
		.Header = {
			.Type = NDIS_OBJECT_TYPE_DEFAULT,
			.Revision = NET_BUFFER_POOL_PARAMETERS_REVISION_1,
			.Size = NDIS_SIZEOF_NET_BUFFER_POOL_PARAMETERS_REVISION_1,
		},
		.PoolTag = 0x7466776e,
		.DataSize = 0,
	};
	return prm;
}

/* NET_BUFFER pools: validated, and never taken for NBL pools or back. */
static bool st_nb_pools(void)
{
	static const char *tc = "nb pools";
	NET_BUFFER_LIST_POOL_PARAMETERS lprm = st_params(TRUE, 0);
	NET_BUFFER_POOL_PARAMETERS prm;
	NET_BUFFER_LIST *nbl = (void *)1;
	NDIS_HANDLE nbp, nblp;
	bool ok = true;
	u64 misuse;

	ok &= st_check(!NdisAllocateNetBufferPool(NULL, NULL), tc, "NULL params");
	prm = st_nb_params();
	prm.Header.Type = 0;
	ok &= st_check(!NdisAllocateNetBufferPool(NULL, &prm), tc, "bad type");
	prm = st_nb_params();
	prm.Header.Revision = 0;
	ok &= st_check(!NdisAllocateNetBufferPool(NULL, &prm), tc, "bad revision");
	prm = st_nb_params();
	prm.Header.Size = 8;
	ok &= st_check(!NdisAllocateNetBufferPool(NULL, &prm), tc, "bad size");

	prm = st_nb_params();
	nbp = NdisAllocateNetBufferPool(NULL, &prm);
	prm.DataSize = 2048;
	prm.Header.Size += 4;		/* a later revision's size is fine */
	NdisFreeNetBufferPool(NdisAllocateNetBufferPool(NULL, &prm));
	nblp = NdisAllocateNetBufferListPool(NULL, &lprm);
	if (!st_check(nbp && nblp, tc, "valid pools refused"))
		goto out;

	misuse = nfwfp_misuse_count();
	/* The wrong kind: a status or counted misuse, and the pool survives. */
	ok &= st_check(FwpsAllocateNetBufferAndNetBufferList0(nbp, 0, 0, NULL, 0, 0, &nbl) ==
		       STATUS_INVALID_PARAMETER && !nbl, tc, "NB pool taken as an NBL pool");
	NdisFreeNetBufferListPool(nbp);
	NdisFreeNetBufferPool(nblp);
	ok &= st_check(nfwfp_misuse_count() == misuse + 2, tc, "wrong-kind frees not counted");
	ok &= st_check(nfwfp_nb_pool_valid(nbp) && nfwfp_pool_valid(nblp) &&
		       !nfwfp_pool_valid(nbp) && !nfwfp_nb_pool_valid(nblp), tc,
		       "a wrong-kind free changed a pool");
out:
	if (nbp)
		NdisFreeNetBufferPool(nbp);
	if (nblp)
		NdisFreeNetBufferListPool(nblp);
	return ok;
}

/* An NBL from scratch over a 2-MDL chain of driver buffers. */
static bool st_allocated(void)
{
	static const char *tc = "allocate";
	NET_BUFFER_LIST_POOL_PARAMETERS prm = st_params(TRUE, 0);
	NET_BUFFER_LIST *nbl = NULL, *x = (void *)1, *cl = NULL;
	MDL *m1 = NULL, *m2 = NULL, own = { 0 };
	NET_BUFFER_POOL_PARAMETERS nbprm = st_nb_params();
	NDIS_HANDLE pool, nbpool;
	u8 *b1, *b2;
	bool ok = true;
	u64 misuse;
	int i;

	pool = NdisAllocateNetBufferListPool(NULL, &prm);
	nbpool = NdisAllocateNetBufferPool(NULL, &nbprm);
	b1 = kmalloc(100, GFP_KERNEL);
	b2 = kmalloc(200, GFP_KERNEL);
	if (b1 && b2) {
		for (i = 0; i < 100; i++)
			b1[i] = i;
		for (i = 0; i < 200; i++)
			b2[i] = 100 + i;
		m1 = IoAllocateMdl(b1, 100, FALSE, FALSE, NULL);
		m2 = IoAllocateMdl(b2, 200, FALSE, FALSE, NULL);
	}
	if (!st_check(pool && nbpool && m1 && m2, tc, "no memory"))
		goto out;
	MmBuildMdlForNonPagedPool(m1);
	MmBuildMdlForNonPagedPool(m2);
	m1->Next = m2;
	ok &= st_check(MmGetSystemAddressForMdlSafe(m1, NormalPagePriority) == b1 &&
		       MmGetMdlVirtualAddress(m2) == b2 && m1->ByteCount == 100 &&
		       m1->ByteOffset == offset_in_page(b1) &&
		       (m1->MdlFlags & MDL_SOURCE_IS_NONPAGED_POOL), tc, "MDL fields");

	ok &= st_check(FwpsAllocateNetBufferAndNetBufferList0(pool, 0, 0, m1, 60, 300, &x) ==
		       STATUS_INVALID_PARAMETER && !x, tc, "range beyond the chain");
	ok &= st_check(FwpsAllocateNetBufferAndNetBufferList0(pool, 8, 0, m1, 0, 8, &x) ==
		       STATUS_INVALID_PARAMETER, tc, "unaligned context size");
	ok &= st_check(FwpsAllocateNetBufferAndNetBufferList0(pool, 0, 0, NULL, 4, 0, &x) ==
		       STATUS_INVALID_PARAMETER, tc, "offset without a chain");
	ok &= st_check(FwpsAllocateNetBufferAndNetBufferList0(NULL, 0, 0, NULL, 0, 0, &x) ==
		       STATUS_SUCCESS && x && !x->FirstNetBuffer->MdlChain, tc,
		       "empty NBL, default pool");
	if (x != (void *)1 && x)
		FwpsFreeNetBufferList0(x);

	ok &= st_check(FwpsAllocateNetBufferAndNetBufferList0(pool, 16, 32, m1, 60, 150, &nbl) ==
		       STATUS_SUCCESS && nbl, tc, "allocate failed");
	if (!nbl)
		goto out;
	ok &= st_check(nbl->FirstNetBuffer->MdlChain == m1 &&
		       nbl->FirstNetBuffer->DataOffset == 60 &&
		       nbl->FirstNetBuffer->DataLength == 150 &&
		       nbl->FirstNetBuffer->CurrentMdl == m1 &&
		       nbl->FirstNetBuffer->CurrentMdlOffset == 60 &&
		       nbl->NdisPoolHandle == pool && !nbl->ParentNetBufferList, tc,
		       "NB fields");
	ok &= st_check(nbl->Context && nbl->Context->Size == 48 &&
		       nbl->Context->Offset == 32, tc, "context");
	/* The used data: b1[60..99] then b2[0..109], i.e. 60..209. */
	for (i = 0; i < 150; i++)
		st_a[i] = 60 + i;
	ok &= st_check(st_same(nbl, st_a, 150), tc, "NdisGetDataBuffer bytes");

	/*
	 * A clone of it: new descriptors over the same memory. The pools are
	 * passed the way WFPSampler does; an NBL pool is no NB pool.
	 */
	local_bh_disable();
	ok &= st_check(FwpsAllocateCloneNetBufferList0(nbl, pool, pool, 0, &x) ==
		       STATUS_INVALID_PARAMETER && !x, tc, "NBL pool taken as an NB pool");
	ok &= st_check(FwpsAllocateCloneNetBufferList0(nbl, pool, nbpool, 0, &cl) ==
		       STATUS_SUCCESS && cl && cl->ParentNetBufferList == nbl &&
		       nbl->ChildRefCount == 1, tc, "clone of an allocated NBL");
	local_bh_enable();
	if (cl) {
		ok &= st_check(st_same(cl, st_a, 150) &&
			       cl->FirstNetBuffer->MdlChain != m1, tc, "clone's data");
		FwpsFreeCloneNetBufferList0(cl, 0);
		ok &= st_check(!nbl->ChildRefCount, tc, "clone freed: child count");
	}

	/* Misuse is counted, never a crash. */
	misuse = nfwfp_misuse_count();
	FwpsFreeCloneNetBufferList0(nbl, 0);
	IoFreeMdl(&own);
	NdisFreeNetBufferListPool(pool);	/* NBL outstanding: counted, still freed */
	pool = NULL;
	ok &= st_check(nfwfp_misuse_count() == misuse + 3, tc, "misuse not counted");
	FwpsFreeNetBufferList0(nbl);
out:
	IoFreeMdl(m1);
	IoFreeMdl(m2);
	kfree(b1);
	kfree(b2);
	if (pool)
		NdisFreeNetBufferListPool(pool);
	if (nbpool)
		NdisFreeNetBufferPool(nbpool);
	return ok;
}

bool nfwfp_selftest_clone(void)
{
	bool ok = true;

	if (nfwfp_nbl_init())
		return st_check(false, "init", "nfwfp_nbl_init failed");
	ok &= st_indicated();
	ok &= st_referenced(false);
	ok &= st_referenced(true);
	ok &= st_pools();
	ok &= st_nb_pools();
	ok &= st_allocated();
	nfwfp_nbl_uninit();
	return ok;
}
