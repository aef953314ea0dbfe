// SPDX-License-Identifier: GPL-2.0
/*
 * Self-tests of the NBL view over sk_buff (nbl.c) and of the NDIS
 * data-start helpers, on hand-made skbs: linear only, with page fragments,
 * with a frag_list. The indicating calls run with BH disabled, as on the
 * real path. Everything is freed: the debug kernel runs KASAN and kmemleak.
 *
 * They run before the init ladder, so they bring nbl.c up and down
 * themselves.
 */
#include <linux/skbuff.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/bottom_half.h>

#define NFWFP_WDK_LINUX_SOCKET_NAMES
#include <ndis.h>

#include "../nbl.h"
#include "selftest.h"

#define ST_BUF		2048
#define ST_FRAG_OFF	100	/* fragment data does not start on a page boundary */

/* Single-threaded at module load: scratch for gathered and expected bytes. */
static u8 st_got[ST_BUF], st_want[ST_BUF];

static bool st_check(bool cond, const char *tcase, const char *what)
{
	if (!cond)
		pr_err("nbl self-test %s: %s\n", tcase, what);
	return cond;
}

/* An skb as LOCAL_OUT sees it, plus page fragments of the given sizes. */
static struct sk_buff *st_skb(unsigned int headroom, unsigned int lin,
			      const unsigned int *frags, unsigned int nr_frags,
			      u8 seed)
{
	struct sk_buff *skb = alloc_skb(headroom + lin, GFP_KERNEL);
	unsigned int i, j;
	u8 *p;

	if (!skb)
		return NULL;
	skb_reserve(skb, headroom);
	p = skb_put(skb, lin);
	for (i = 0; i < lin; i++)
		p[i] = seed + i * 7;
	skb_reset_network_header(skb);
	for (j = 0; j < nr_frags; j++) {
		struct page *page = alloc_page(GFP_KERNEL);

		if (!page) {
			kfree_skb(skb);
			return NULL;
		}
		p = page_address(page) + ST_FRAG_OFF;
		for (i = 0; i < frags[j]; i++)
			p[i] = seed + 101 * (j + 1) + i * 13;
		skb_add_rx_frag(skb, j, page, ST_FRAG_OFF, frags[j], PAGE_SIZE);
	}
	return skb;
}

/* Append @member to @skb's frag_list, as GSO with frag_list does. */
static void st_skb_chain(struct sk_buff *skb, struct sk_buff *member)
{
	struct sk_buff **pp = &skb_shinfo(skb)->frag_list;

	while (*pp)
		pp = &(*pp)->next;
	*pp = member;
	skb->len += member->len;
	skb->data_len += member->len;
	skb->truesize += member->truesize;
}

/* @len used bytes of @nb, walked from CurrentMdl as a driver walks them. */
static bool st_nb_bytes(const NET_BUFFER *nb, u8 *out, unsigned int len)
{
	MDL *mdl = nb->CurrentMdl;
	ULONG off = nb->CurrentMdlOffset;

	while (len) {
		unsigned int n;
		u8 *va;

		if (!mdl || off > mdl->ByteCount)
			return false;
		va = MmGetSystemAddressForMdlSafe(mdl, NormalPagePriority);
		if (!va)
			return false;
		n = min_t(unsigned int, len, mdl->ByteCount - off);
		memcpy(out, va + off, n);
		out += n;
		len -= n;
		mdl = mdl->Next;
		off = 0;
	}
	return true;
}

/* The used data is the skb's bytes from @skb_off, after @prefix bytes. */
static bool st_nb_data(const NET_BUFFER *nb, const struct sk_buff *skb,
		       unsigned int skb_off, unsigned int prefix)
{
	unsigned int len = nb->DataLength;

	if (len > ST_BUF || len < prefix || skb_off + len - prefix > skb->len ||
	    !st_nb_bytes(nb, st_got, len) ||
	    skb_copy_bits(skb, skb_off, st_want, len - prefix))
		return false;
	return !memcmp(st_got + prefix, st_want, len - prefix);
}

struct st_nb_pos {
	MDL *chain, *cur;
	ULONG cur_off, off, len;
};

static void st_pos(const NET_BUFFER *nb, struct st_nb_pos *p)
{
	*p = (struct st_nb_pos){ nb->MdlChain, nb->CurrentMdl,
				 nb->CurrentMdlOffset, nb->DataOffset,
				 nb->DataLength };
}

static bool st_pos_eq(const NET_BUFFER *nb, const struct st_nb_pos *p)
{
	return nb->MdlChain == p->chain && nb->CurrentMdl == p->cur &&
	       nb->CurrentMdlOffset == p->cur_off && nb->DataOffset == p->off &&
	       nb->DataLength == p->len;
}

/* Everything indicate promises about the view of @skb from @data_off. */
static bool st_view(const char *tcase, NET_BUFFER_LIST *nbl,
		    struct sk_buff *skb, unsigned int data_off)
{
	const NET_BUFFER *nb;
	bool ok = true, mapped = true;
	MDL *mdl, *cur;
	u64 total = 0, off;

	if (!st_check(nbl, tcase, "indicate returned NULL"))
		return false;
	nb = nbl->FirstNetBuffer;
	ok &= st_check(nfwfp_nbl_is_nfwfp(nbl) && nfwfp_nbl_skb(nbl) == skb,
		       tcase, "not recognised as nfwfp's / wrong skb");
	ok &= st_check(!nbl->Next && !nbl->ParentNetBufferList &&
		       !NET_BUFFER_LIST_STATUS(nbl) && nb && !nb->Next,
		       tcase, "NBL fields");
	if (!nb)
		return false;
	ok &= st_check(nb->DataOffset == skb_headroom(skb) + data_off &&
		       nb->DataLength == skb->len - data_off,
		       tcase, "DataOffset/DataLength");
	ok &= st_check(nb->MdlChain && nb->MdlChain->MappedSystemVa == skb->head,
		       tcase, "MDL 0 does not start at skb->head");

	for (mdl = nb->MdlChain; mdl; mdl = mdl->Next) {
		total += mdl->ByteCount;
		mapped &= MmGetSystemAddressForMdlSafe(mdl, NormalPagePriority) ==
			  mdl->MappedSystemVa &&
			  MmGetMdlVirtualAddress(mdl) == mdl->MappedSystemVa &&
			  !mdl->Process;
	}
	ok &= st_check(mapped, tcase, "MDL mapping fields");
	ok &= st_check(total == (u64)nb->DataOffset + nb->DataLength, tcase,
		       "MDL chain size is not DataOffset + DataLength");

	/* CurrentMdl/CurrentMdlOffset locate byte DataOffset of the chain. */
	cur = nb->MdlChain;
	off = nb->DataOffset;
	while (cur && cur->Next && off >= cur->ByteCount) {
		off -= cur->ByteCount;
		cur = cur->Next;
	}
	ok &= st_check(nb->CurrentMdl == cur && nb->CurrentMdlOffset == off,
		       tcase, "CurrentMdl/CurrentMdlOffset");
	ok &= st_check(st_nb_data(nb, skb, data_off, 0), tcase,
		       "MDL chain bytes differ from the skb");
	return ok;
}

/* Linear skb: GetDataBuffer, advance/retreat inside and beyond the backfill. */
static bool st_linear(void)
{
	static const char *tc = "linear";
	struct nfwfp_nbl_stats before, after;
	struct st_nb_pos pos, pos2;
	NET_BUFFER_LIST *nbl;
	struct sk_buff *skb;
	u8 storage[16], *p;
	unsigned int a, i;
	NET_BUFFER *nb;
	ULONG delta;
	bool ok;

	skb = st_skb(64, 100, NULL, 0, 1);
	if (!skb)
		return st_check(false, tc, "no memory");
	nfwfp_nbl_get_stats(&before);
	local_bh_disable();
	nbl = nfwfp_nbl_indicate(skb, 20);
	ok = st_view(tc, nbl, skb, 20);
	if (!nbl)
		goto out;
	nb = nbl->FirstNetBuffer;
	st_pos(nb, &pos);

	/* Contiguous: a pointer into the packet, with or without Storage. */
	p = skb->data + 20;
	ok &= st_check(NdisGetDataBuffer(nb, 8, NULL, 1, 0) == p &&
		       NdisGetDataBuffer(nb, 8, storage, 1, 0) == p &&
		       NdisGetDataBuffer(nb, 8, NULL, 0, 0) == p &&
		       NdisGetDataBuffer(nb, 80, NULL, 1, 0) == p,
		       tc, "contiguous GetDataBuffer is not in the packet");
	ok &= st_check(!NdisGetDataBuffer(nb, 81, NULL, 1, 0) &&
		       !NdisGetDataBuffer(nb, 81, st_got, 1, 0),
		       tc, "GetDataBuffer beyond DataLength");

	/* Alignment: met -> the packet; not met -> Storage or NULL. */
	a = (unsigned long)p & 3;
	ok &= st_check(NdisGetDataBuffer(nb, 8, NULL, 4, a) == p, tc,
		       "aligned GetDataBuffer");
	ok &= st_check(!NdisGetDataBuffer(nb, 8, NULL, 4, (a + 1) & 3), tc,
		       "misaligned GetDataBuffer without Storage");
	ok &= st_check(NdisGetDataBuffer(nb, 8, storage, 4, (a + 1) & 3) == storage &&
		       !memcmp(storage, p, 8), tc,
		       "misaligned GetDataBuffer with Storage");
	ok &= st_check(!NdisGetDataBuffer(nb, 8, storage, 3, 0) &&
		       !NdisGetDataBuffer(nb, 8, storage, 4, 4), tc,
		       "invalid AlignMultiple/AlignOffset accepted");

	/* Advance then retreat restores every field. */
	NdisAdvanceNetBufferDataStart(nb, 8, FALSE, NULL);
	ok &= st_check(nb->DataOffset == pos.off + 8 && nb->DataLength == pos.len - 8 &&
		       nb->CurrentMdl == pos.cur &&
		       nb->CurrentMdlOffset == pos.cur_off + 8 &&
		       NdisGetDataBuffer(nb, 4, NULL, 1, 0) == p + 8,
		       tc, "advance by 8");
	ok &= st_check(NdisRetreatNetBufferDataStart(nb, 8, 0, NULL) ==
		       NDIS_STATUS_SUCCESS && st_pos_eq(nb, &pos),
		       tc, "advance + retreat does not restore the NB");

	/* Within the backfill: the IP header, in place, nothing allocated. */
	ok &= st_check(NdisRetreatNetBufferDataStart(nb, 20, 0, NULL) ==
		       NDIS_STATUS_SUCCESS && nb->MdlChain == pos.chain &&
		       NdisGetDataBuffer(nb, 20, NULL, 1, 0) == skb->data &&
		       st_nb_data(nb, skb, 0, 0),
		       tc, "retreat into the IP header");
	NdisAdvanceNetBufferDataStart(nb, 20, TRUE, NULL);
	ok &= st_check(st_pos_eq(nb, &pos), tc, "retreat + advance does not restore");

	/* Beyond the backfill: a zeroed front buffer, the packet untouched. */
	delta = pos.off + 10;
	ok &= st_check(NdisRetreatNetBufferDataStart(nb, delta, 16, NULL) ==
		       NDIS_STATUS_SUCCESS, tc, "retreat beyond the backfill failed");
	p = NdisGetDataBuffer(nb, delta, NULL, 1, 0);
	ok &= st_check(nb->MdlChain != pos.chain && nb->CurrentMdl == nb->MdlChain &&
		       nb->CurrentMdlOffset == 16 && nb->DataOffset == 16 &&
		       nb->DataLength == pos.len + delta && p &&
		       (p < skb->head || p >= skb_end_pointer(skb)),
		       tc, "fields after retreat beyond the backfill");
	if (p) {
		for (i = 0; i < delta; i++)
			ok &= st_check(!p[i], tc, "retreat buffer not zeroed");
		memset(p, 0xa5, delta);
		ok &= st_check(st_nb_data(nb, skb, 20, delta), tc,
			       "data after retreat beyond the backfill");
		for (i = 0; i < delta; i++)
			ok &= st_check(st_got[i] == 0xa5, tc, "front buffer bytes");
	}
	NdisAdvanceNetBufferDataStart(nb, delta, TRUE, NULL);
	ok &= st_check(st_pos_eq(nb, &pos) && st_nb_data(nb, skb, 20, 0), tc,
		       "advance with FreeMdl does not restore the NB");

	/* FreeMdl FALSE keeps the front buffer until an advance that frees. */
	ok &= st_check(NdisRetreatNetBufferDataStart(nb, delta, 0, NULL) ==
		       NDIS_STATUS_SUCCESS, tc, "second retreat beyond the backfill");
	st_pos(nb, &pos2);
	NdisAdvanceNetBufferDataStart(nb, delta, FALSE, NULL);
	ok &= st_check(nb->MdlChain == pos2.chain && nb->DataOffset == delta &&
		       st_nb_data(nb, skb, 20, 0), tc,
		       "advance without FreeMdl freed the front buffer");
	NdisAdvanceNetBufferDataStart(nb, 0, TRUE, NULL);
	ok &= st_check(st_pos_eq(nb, &pos), tc, "advance 0 with FreeMdl");

	/* Retreat too large for any buffer: RESOURCES, nothing changed. */
	ok &= st_check(NdisRetreatNetBufferDataStart(nb, 200000, 0, NULL) ==
		       NDIS_STATUS_RESOURCES && st_pos_eq(nb, &pos), tc,
		       "oversized retreat");

	/* NBL-wide, within the backfill. */
	ok &= st_check(NdisRetreatNetBufferListDataStart(nbl, 20, 0, NULL, NULL) ==
		       NDIS_STATUS_SUCCESS && nb->DataOffset == pos.off - 20,
		       tc, "NBL retreat");
	NdisAdvanceNetBufferListDataStart(nbl, 20, FALSE, NULL);
	ok &= st_check(st_pos_eq(nb, &pos), tc, "NBL advance");

	/* A callout that does not restore: counted, its buffer freed at end. */
	ok &= st_check(NdisRetreatNetBufferDataStart(nb, delta, 0, NULL) ==
		       NDIS_STATUS_SUCCESS, tc, "retreat left at classify end");
	nfwfp_nbl_indicate_end(nbl);
	nfwfp_nbl_get_stats(&after);
	ok &= st_check(after.unrestored == before.unrestored + 1, tc,
		       "unrestored NB not counted");
	ok &= st_check(!nfwfp_nbl_is_nfwfp(nbl), tc,
		       "slot still looks like an NBL after indicate_end");
out:
	local_bh_enable();
	kfree_skb(skb);
	return ok;
}

/* Linear + 2 page fragments: MDL boundaries. */
static bool st_frags(void)
{
	static const unsigned int frags[] = { 100, 200 };
	static const char *tc = "frags";
	struct st_nb_pos pos;
	NET_BUFFER_LIST *nbl;
	struct sk_buff *skb;
	u8 storage[16];
	NET_BUFFER *nb;
	bool ok;

	skb = st_skb(64, 40, frags, 2, 2);
	if (!skb)
		return st_check(false, tc, "no memory");
	local_bh_disable();
	nbl = nfwfp_nbl_indicate(skb, 20);
	ok = st_view(tc, nbl, skb, 20);
	if (!nbl)
		goto out;
	nb = nbl->FirstNetBuffer;
	st_pos(nb, &pos);
	ok &= st_check(nb->MdlChain->Next && nb->MdlChain->Next->Next &&
		       !nb->MdlChain->Next->Next->Next &&
		       nb->MdlChain->Next->ByteCount == 100, tc, "3 MDLs");

	/* Across the linear/fragment boundary. */
	NdisAdvanceNetBufferDataStart(nb, 30, FALSE, NULL);
	ok &= st_check(nb->CurrentMdl == pos.chain->Next && nb->CurrentMdlOffset == 10 &&
		       st_nb_data(nb, skb, 50, 0), tc, "advance into a fragment");
	ok &= st_check(NdisRetreatNetBufferDataStart(nb, 30, 0, NULL) ==
		       NDIS_STATUS_SUCCESS && st_pos_eq(nb, &pos), tc,
		       "retreat out of a fragment does not restore");

	/* 8 bytes spanning the boundary: copied, never in place. */
	NdisAdvanceNetBufferDataStart(nb, 16, FALSE, NULL);
	skb_copy_bits(skb, 36, st_want, 8);
	ok &= st_check(NdisGetDataBuffer(nb, 8, storage, 1, 0) == storage &&
		       !memcmp(storage, st_want, 8), tc,
		       "spanning GetDataBuffer does not copy to Storage");
	ok &= st_check(!NdisGetDataBuffer(nb, 8, NULL, 1, 0), tc,
		       "spanning GetDataBuffer without Storage");
	ok &= st_check(NdisGetDataBuffer(nb, 4, NULL, 1, 0) == skb->data + 36, tc,
		       "GetDataBuffer up to the boundary");
	NdisRetreatNetBufferDataStart(nb, 16, 0, NULL);
	ok &= st_check(st_pos_eq(nb, &pos), tc, "restore after spanning");
	nfwfp_nbl_indicate_end(nbl);

	/* Data starting inside, at and past the fragments. */
	nbl = nfwfp_nbl_indicate(skb, 50);
	ok &= st_view("frags off 50", nbl, skb, 50);
	if (nbl) {
		nb = nbl->FirstNetBuffer;
		st_pos(nb, &pos);
		ok &= st_check(nb->CurrentMdl == nb->MdlChain->Next &&
			       nb->CurrentMdlOffset == 10, tc, "data starts in fragment 0");
		/* Beyond the backfill from inside a fragment: a tail MDL. */
		ok &= st_check(NdisRetreatNetBufferDataStart(nb, 200, 8, NULL) ==
			       NDIS_STATUS_SUCCESS && nb->DataOffset == 8 &&
			       st_nb_data(nb, skb, 50, 200), tc,
			       "retreat beyond the backfill from a fragment");
		NdisAdvanceNetBufferDataStart(nb, 200, TRUE, NULL);
		ok &= st_check(st_pos_eq(nb, &pos), tc, "advance back into the fragment");
		nfwfp_nbl_indicate_end(nbl);
	}
	nbl = nfwfp_nbl_indicate(skb, 40);
	ok &= st_view("frags off 40", nbl, skb, 40);
	if (nbl) {
		nb = nbl->FirstNetBuffer;
		ok &= st_check(nb->CurrentMdl == nb->MdlChain->Next &&
			       !nb->CurrentMdlOffset, tc,
			       "data at the boundary is not at the fragment's start");
		nfwfp_nbl_indicate_end(nbl);
	}
	nbl = nfwfp_nbl_indicate(skb, skb->len);
	ok &= st_view("frags off len", nbl, skb, skb->len);
	if (nbl) {
		nb = nbl->FirstNetBuffer;
		ok &= st_check(!nb->CurrentMdl->Next &&
			       nb->CurrentMdlOffset == nb->CurrentMdl->ByteCount &&
			       NdisGetDataBuffer(nb, 0, NULL, 1, 0) &&
			       !NdisGetDataBuffer(nb, 1, storage, 1, 0), tc,
			       "empty used data");
		nfwfp_nbl_indicate_end(nbl);
	}
	ok &= st_check(!nfwfp_nbl_indicate(skb, skb->len + 1), tc,
		       "data_off beyond the packet accepted");
out:
	local_bh_enable();
	kfree_skb(skb);
	return ok;
}

/* frag_list: small (fits a slot) and large (overflow container). */
static bool st_frag_list(void)
{
	static const unsigned int f1[] = { 50 }, f2[] = { 20, 30 };
	static const char *tc = "frag_list";
	struct nfwfp_nbl_stats before, after;
	struct sk_buff *skb, *big, *m;
	NET_BUFFER_LIST *nbl;
	u8 storage[32];
	NET_BUFFER *nb;
	bool ok = true;
	int i;

	skb = st_skb(64, 40, NULL, 0, 3);
	big = st_skb(64, 40, f2, 2, 4);
	if (!skb || !big)
		goto nomem;
	m = st_skb(16, 30, f1, 1, 5);
	if (!m)
		goto nomem;
	st_skb_chain(skb, m);
	m = st_skb(16, 20, NULL, 0, 6);
	if (!m)
		goto nomem;
	st_skb_chain(skb, m);
	for (i = 0; i < 8; i++) {
		m = st_skb(16, i ? 10 : 0, f2, 2, 7 + i);
		if (!m)
			goto nomem;
		st_skb_chain(big, m);
	}

	nfwfp_nbl_get_stats(&before);
	local_bh_disable();
	nbl = nfwfp_nbl_indicate(skb, 20);
	ok &= st_view(tc, nbl, skb, 20);
	if (nbl) {
		nb = nbl->FirstNetBuffer;
		/* 20 linear bytes left: 16 more span into the first member. */
		NdisAdvanceNetBufferDataStart(nb, 14, FALSE, NULL);
		skb_copy_bits(skb, 34, st_want, 16);
		ok &= st_check(NdisGetDataBuffer(nb, 16, storage, 1, 0) == storage &&
			       !memcmp(storage, st_want, 16), tc,
			       "GetDataBuffer across the frag_list boundary");
		NdisRetreatNetBufferDataStart(nb, 14, 0, NULL);
		nfwfp_nbl_indicate_end(nbl);
	}
	nfwfp_nbl_get_stats(&after);
	ok &= st_check(after.overflow == before.overflow, tc,
		       "small frag_list did not fit a slot");

	nbl = nfwfp_nbl_indicate(big, 20);
	ok &= st_view("frag_list big", nbl, big, 20);
	if (nbl)
		nfwfp_nbl_indicate_end(nbl);
	nfwfp_nbl_get_stats(&after);
	ok &= st_check(after.overflow == before.overflow + 1, tc,
		       "large frag_list did not use an overflow container");
	local_bh_enable();
out:
	kfree_skb(skb);
	kfree_skb(big);
	return ok;
nomem:
	ok = st_check(false, tc, "no memory");
	goto out;
}

#define ST_NEST 5

/* Re-entry on one CPU: distinct views, slots reused, no allocation. */
static bool st_nesting(void)
{
	static const char *tc = "nesting";
	struct nfwfp_nbl_stats before, after;
	NET_BUFFER_LIST *nbl[ST_NEST], *again;
	struct sk_buff *skb[ST_NEST] = { };
	bool ok = true;
	int i, j;

	for (i = 0; i < ST_NEST; i++) {
		skb[i] = st_skb(64, 60 + i, NULL, 0, 10 + i);
		if (!skb[i]) {
			ok = st_check(false, tc, "no memory");
			goto out;
		}
	}
	nfwfp_nbl_get_stats(&before);
	local_bh_disable();
	for (i = 0; i < ST_NEST; i++)
		nbl[i] = nfwfp_nbl_indicate(skb[i], i);
	for (i = 0; i < ST_NEST; i++) {
		ok &= st_view(tc, nbl[i], skb[i], i);
		for (j = 0; j < i; j++)
			ok &= st_check(nbl[i] != nbl[j], tc, "two levels share an NBL");
	}
	for (i = ST_NEST - 1; i >= 0; i--)
		if (nbl[i])
			nfwfp_nbl_indicate_end(nbl[i]);
	again = nfwfp_nbl_indicate(skb[0], 0);
	ok &= st_check(again == nbl[0], tc, "level 0 slot not reused");
	if (again)
		nfwfp_nbl_indicate_end(again);
	local_bh_enable();
	nfwfp_nbl_get_stats(&after);
	ok &= st_check(after.overflow == before.overflow + ST_NEST - NFWFP_NBL_LEVELS &&
		       after.nomem == before.nomem, tc,
		       "only levels beyond the slots may allocate");
out:
	for (i = 0; i < ST_NEST; i++)
		kfree_skb(skb[i]);
	return ok;
}

/* Hand-over: same address, outlives indicate_end, slot gets a fresh one. */
static bool st_keep(void)
{
	static const char *tc = "keep";
	NET_BUFFER_LIST *a, *b, *nest[ST_NEST], *foreign;
	struct sk_buff *skb, *skb2;
	bool ok = true;
	int i;

	skb = st_skb(64, 80, NULL, 0, 20);
	skb2 = st_skb(64, 80, NULL, 0, 21);
	foreign = kzalloc(sizeof(*foreign), GFP_KERNEL);
	if (!skb || !skb2 || !foreign) {
		ok = st_check(false, tc, "no memory");
		goto out;
	}

	local_bh_disable();
	ok &= st_check(!nfwfp_nbl_is_nfwfp(foreign) && !nfwfp_nbl_is_nfwfp(NULL) &&
		       !nfwfp_nbl_keep(foreign) && !nfwfp_nbl_skb(foreign), tc,
		       "a foreign NBL is accepted");

	a = nfwfp_nbl_indicate(skb, 20);
	ok &= st_view(tc, a, skb, 20);
	if (!a)
		goto out_bh;
	ok &= st_check(nfwfp_nbl_keep(a) == a && nfwfp_nbl_keep(a) == a, tc,
		       "keep does not return the same NBL");
	nfwfp_nbl_indicate_end(a);
	ok &= st_view("keep after indicate_end", a, skb, 20);

	b = nfwfp_nbl_indicate(skb2, 10);
	ok &= st_check(b && b != a, tc, "the slot did not take a fresh NBL");
	ok &= st_view("keep, next indication", b, skb2, 10);
	ok &= st_view("keep, kept NBL intact", a, skb, 20);
	if (b)
		nfwfp_nbl_indicate_end(b);
	ok &= st_check(b && !nfwfp_nbl_keep(b), tc,
		       "keep accepted after indicate_end");

	/* A keeper may leave a retreat buffer; free_kept frees it. */
	ok &= st_check(NdisRetreatNetBufferDataStart(a->FirstNetBuffer, 200, 0, NULL) ==
		       NDIS_STATUS_SUCCESS, tc, "retreat on a kept NBL");
	nfwfp_nbl_free_kept(a);

	/* Released before indicate_end: freed there. */
	a = nfwfp_nbl_indicate(skb, 0);
	ok &= st_check(a && nfwfp_nbl_keep(a) == a, tc, "keep, release early");
	if (a) {
		nfwfp_nbl_free_kept(a);
		ok &= st_view("keep, released early", a, skb, 0);
		nfwfp_nbl_indicate_end(a);
	}

	/* An overflow container (level 4) can be kept too. */
	for (i = 0; i < ST_NEST; i++)
		nest[i] = nfwfp_nbl_indicate(skb2, i);
	a = nest[ST_NEST - 1];
	ok &= st_check(a && nfwfp_nbl_keep(a) == a, tc, "keep at level 4");
	for (i = ST_NEST - 1; i >= 0; i--)
		if (nest[i])
			nfwfp_nbl_indicate_end(nest[i]);
	if (a) {
		ok &= st_view("keep at level 4", a, skb2, ST_NEST - 1);
		nfwfp_nbl_free_kept(a);
	}
out_bh:
	local_bh_enable();
out:
	kfree(foreign);
	kfree_skb(skb);
	kfree_skb(skb2);
	return ok;
}

/* NBL-wide retreat over two NBs: success, and undo of the ones done. */
static bool st_nbl_wide(void)
{
	static const char *tc = "NBL-wide";
	NET_BUFFER_LIST *big, *small;
	struct st_nb_pos pb, ps;
	struct sk_buff *s1, *s2;
	NET_BUFFER *nbb, *nbs;
	bool ok = true;
	ULONG len;

	s1 = st_skb(128, 60, NULL, 0, 30);	/* backfill 128 */
	s2 = st_skb(16, 60, NULL, 0, 31);	/* backfill 16 */
	if (!s1 || !s2) {
		ok = st_check(false, tc, "no memory");
		goto out;
	}
	local_bh_disable();
	big = nfwfp_nbl_indicate(s1, 0);
	small = nfwfp_nbl_indicate(s2, 0);
	if (!big || !small) {
		ok = st_check(false, tc, "indicate failed");
		goto out_end;
	}
	nbb = big->FirstNetBuffer;
	nbs = small->FirstNetBuffer;
	st_pos(nbb, &pb);
	st_pos(nbs, &ps);

	/* One NB retreats in place, the other needs a new buffer. */
	nbb->Next = nbs;
	ok &= st_check(NdisRetreatNetBufferListDataStart(big, 100, 0, NULL, NULL) ==
		       NDIS_STATUS_SUCCESS && nbb->MdlChain == pb.chain &&
		       nbs->MdlChain != ps.chain && st_nb_data(nbs, s2, 0, 100),
		       tc, "retreat");
	NdisAdvanceNetBufferListDataStart(big, 100, TRUE, NULL);
	ok &= st_check(st_pos_eq(nbb, &pb) && st_pos_eq(nbs, &ps), tc, "advance");

	/* The second NB fails (its length would overflow): the first is undone. */
	len = nbs->DataLength;
	nbs->DataLength = MAXULONG - 50;
	ok &= st_check(NdisRetreatNetBufferListDataStart(big, 100, 0, NULL, NULL) ==
		       NDIS_STATUS_FAILURE && st_pos_eq(nbb, &pb), tc,
		       "failed retreat not undone (in place)");
	nbs->DataLength = len;
	nbb->Next = NULL;

	/* Same with an allocating first NB: its buffer is freed again. */
	nbs->Next = nbb;
	len = nbb->DataLength;
	nbb->DataLength = MAXULONG - 50;
	ok &= st_check(NdisRetreatNetBufferListDataStart(small, 100, 0, NULL, NULL) ==
		       NDIS_STATUS_FAILURE && st_pos_eq(nbs, &ps), tc,
		       "failed retreat not undone (allocated)");
	nbb->DataLength = len;
	nbs->Next = NULL;
out_end:
	if (small)
		nfwfp_nbl_indicate_end(small);
	if (big)
		nfwfp_nbl_indicate_end(big);
	local_bh_enable();
out:
	kfree_skb(s1);
	kfree_skb(s2);
	return ok;
}

bool nfwfp_selftest_nbl(void)
{
	bool ok = true;

	if (nfwfp_nbl_init())
		return st_check(false, "init", "nfwfp_nbl_init failed");
	ok &= st_linear();
	ok &= st_frags();
	ok &= st_frag_list();
	ok &= st_nesting();
	ok &= st_keep();
	ok &= st_nbl_wide();
	nfwfp_nbl_uninit();
	return ok;
}
