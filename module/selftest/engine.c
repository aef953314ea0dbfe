// SPDX-License-Identifier: GPL-2.0
/*
 * Self-tests of the filter engine through the exported API: sessions and
 * transactions (engine.c, fwpm.c), callout registration and notifications
 * (callout.c), condition compile and match, weights (filter.c), and the
 * arbitration of one layer (classify.c) with test classifyFns whose answer
 * each filter's rawContext selects.
 *
 * They run before the init ladder, so they bring the engine up and down
 * themselves, and check that a torn-down engine comes back up empty.
 */
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/rcupdate.h>
#include <linux/in.h>
#include <linux/netdevice.h>
#include <net/net_namespace.h>

#include "../engine.h"
#include "../classify.h"
#include "selftest.h"

static unsigned int st_fail;

static void st_assert(bool ok, const char *name, int line)
{
	if (!ok) {
		pr_err("engine self-test %s: failed (line %d)\n", name, line);
		st_fail++;
	}
}

#define ST(cond, name) st_assert(!!(cond), name, __LINE__)

static void st_status(NTSTATUS got, NTSTATUS want, const char *name, int line)
{
	if (got != want) {
		pr_err("engine self-test %s: status %#x, want %#x (line %d)\n",
		       name, got, want, line);
		st_fail++;
	}
}

#define ST_ST(expr, want, name) st_status((expr), (want), name, __LINE__)

static wchar_t st_name[] = { 's', 't', 0 };

/* Keys: sublayers, filters, callouts. */
static GUID st_sl[4], st_fk[16];
static GUID st_co, st_cu, st_cp, st_cr, st_cx;

static void st_keys_init(void)
{
	GUID g = { .Data1 = 0x6e667766, .Data4 = { 0x5e, 0x1f } };
	int i;

	for (i = 0; i < ARRAY_SIZE(st_sl); i++) {
		g.Data2 = 1;
		g.Data3 = i;
		st_sl[i] = g;
	}
	for (i = 0; i < ARRAY_SIZE(st_fk); i++) {
		g.Data2 = 2;
		g.Data3 = i;
		st_fk[i] = g;
	}
	g.Data2 = 3;
	g.Data3 = 0;
	st_co = g;	/* registered */
	g.Data3++;
	st_cu = g;	/* never registered */
	g.Data3++;
	st_cp = g;	/* registered with ENABLE_COMMIT_ADD_NOTIFY */
	g.Data3++;
	st_cr = g;	/* left behind for the teardown test */
	g.Data3++;
	st_cx = g;
}

/* ---- test callouts -------------------------------------------------------- */

/* What the classifyFn does for the filter whose rawContext is the slot. */
struct st_beh {
	FWP_ACTION_TYPE ret;
	bool clear;		/* clears FWPS_RIGHT_ACTION_WRITE */
	bool absorb;
	unsigned int calls;
	u32 rights;		/* the rights it was called with */
};

static struct st_beh st_beh[16];
static int st_order[16];
static unsigned int st_norder;

static void NTAPI st_classify(const FWPS_INCOMING_VALUES0 *in,
			      const FWPS_INCOMING_METADATA_VALUES0 *meta,
			      void *layer_data, const void *ctx,
			      const FWPS_FILTER3 *filter, UINT64 flow,
			      FWPS_CLASSIFY_OUT0 *out)
{
	unsigned int slot = filter->context % ARRAY_SIZE(st_beh);
	struct st_beh *b = &st_beh[slot];

	b->calls++;
	b->rights = out->rights;
	if (st_norder < ARRAY_SIZE(st_order))
		st_order[st_norder++] = slot;
	/* Misbehaves on purpose: writes even without the right. */
	out->actionType = b->ret;
	if (b->clear)
		out->rights &= ~FWPS_RIGHT_ACTION_WRITE;
	if (b->absorb)
		out->flags |= FWPS_CLASSIFY_OUT_FLAG_ABSORB;
}

static unsigned int st_notes[FWPS_CALLOUT_NOTIFY_TYPE_MAX];
static bool st_note_key_null, st_veto;

static NTSTATUS NTAPI st_notify(FWPS_CALLOUT_NOTIFY_TYPE type, const GUID *key,
				FWPS_FILTER3 *filter)
{
	if (type < FWPS_CALLOUT_NOTIFY_TYPE_MAX)
		st_notes[type]++;
	st_note_key_null = !key;
	if (type == FWPS_CALLOUT_NOTIFY_ADD_FILTER && st_veto)
		return STATUS_UNSUCCESSFUL;
	return STATUS_SUCCESS;
}

static NTSTATUS st_register(const GUID *key, u32 flags, UINT32 *id)
{
	FWPS_CALLOUT3 c = {
		.calloutKey = *key,
		.flags = flags,
		.classifyFn = st_classify,
		.notifyFn = st_notify,
	};

	return FwpsCalloutRegister3(NULL, &c, id);
}

/* ---- helpers ---------------------------------------------------------------- */

static HANDLE st_open(bool dynamic, u32 timeout_ms)
{
	FWPM_SESSION0 s = {
		.flags = dynamic ? FWPM_SESSION_FLAG_DYNAMIC : 0,
		.txnWaitTimeoutInMSec = timeout_ms,
	};
	HANDLE h = NULL;

	if (FwpmEngineOpen0(NULL, RPC_C_AUTHN_WINNT, NULL, &s, &h) != STATUS_SUCCESS)
		return NULL;
	return h;
}

static NTSTATUS st_sublayer(HANDLE h, const GUID *key, u16 weight)
{
	FWPM_SUBLAYER0 sl = {
		.subLayerKey = *key,
		.displayData.name = st_name,
		.weight = weight,
	};

	return FwpmSubLayerAdd0(h, &sl, NULL);
}

static NTSTATUS st_callout(HANDLE h, const GUID *key, const GUID *layer, UINT32 *id)
{
	FWPM_CALLOUT0 c = {
		.calloutKey = *key,
		.displayData.name = st_name,
		.applicableLayer = *layer,
	};

	return FwpmCalloutAdd0(h, &c, NULL, id);
}

static void st_filter_init(FWPM_FILTER0 *f, const GUID *key, const GUID *sl,
			   FWP_ACTION_TYPE a, const GUID *callout)
{
	memset(f, 0, sizeof(*f));
	if (key)
		f->filterKey = *key;
	f->displayData.name = st_name;
	f->layerKey = FWPM_LAYER_OUTBOUND_TRANSPORT_V4;
	if (sl)
		f->subLayerKey = *sl;
	f->action.type = a;
	if (callout)
		f->action.calloutKey = *callout;
}

static NTSTATUS st_filter(HANDLE h, const GUID *key, const GUID *sl,
			  FWP_ACTION_TYPE a, const GUID *callout, UINT64 *id)
{
	FWPM_FILTER0 f;

	st_filter_init(&f, key, sl, a, callout);
	return FwpmFilterAdd0(h, &f, NULL, id);
}

static unsigned int st_snap_n(int layer)
{
	const struct nfwfp_layer_snap *snap;
	unsigned int n;

	rcu_read_lock();
	snap = rcu_dereference(nfwfp_snaps[layer]);
	n = snap ? snap->n : 0;
	rcu_read_unlock();
	return n;
}

/* Position of filter @id in the layer's published snapshot, or -1. */
static int st_snap_pos(int layer, u64 id)
{
	const struct nfwfp_layer_snap *snap;
	int pos = -1;
	unsigned int i;

	rcu_read_lock();
	snap = rcu_dereference(nfwfp_snaps[layer]);
	for (i = 0; snap && i < snap->n; i++)
		if (snap->f[i]->id == id)
			pos = i;
	rcu_read_unlock();
	return pos;
}

static struct nfwfp_cls st_cls;
static struct nfwfp_pkt st_pkt;

static void st_pkt4(u8 proto, u32 saddr, u32 daddr, u16 sport, u16 dport,
		    u32 flags)
{
	memset(&st_pkt, 0, sizeof(st_pkt));
	st_pkt.family = AF_INET;
	st_pkt.proto = proto;
	st_pkt.path = NFWFP_PATH_DATAGRAM;
	st_pkt.sport = sport;
	st_pkt.dport = dport;
	st_pkt.l3_len = 20;
	st_pkt.l4_len = 8;
	st_pkt.flags = flags;
	st_pkt.saddr.v4 = htonl(saddr);
	st_pkt.daddr.v4 = htonl(daddr);
	st_cls.pkt = &st_pkt;
	st_cls.dev = NULL;
	st_cls.compartment = 1;
	st_cls.hdr = NULL;
	nfwfp_values_build(&st_cls, NFWFP_L_TRANSPORT_V4);
}

static void st_pkt6(const u8 *daddr)
{
	memset(&st_pkt, 0, sizeof(st_pkt));
	st_pkt.family = AF_INET6;
	st_pkt.proto = IPPROTO_UDP;
	st_pkt.sport = 40000;
	st_pkt.dport = 53;
	st_pkt.l3_len = 40;
	st_pkt.l4_len = 8;
	st_pkt.saddr.v6.s6_addr[0] = 0xfd;
	st_pkt.saddr.v6.s6_addr[15] = 1;
	memcpy(&st_pkt.daddr.v6, daddr, 16);
	st_cls.pkt = &st_pkt;
	st_cls.dev = NULL;
	st_cls.compartment = 1;
	st_cls.hdr = NULL;
	nfwfp_values_build(&st_cls, NFWFP_L_TRANSPORT_V6);
}

/* The default packet: UDP 10.1.2.3:40000 -> 192.168.1.20:53. */
static void st_pkt_default(void)
{
	st_pkt4(IPPROTO_UDP, 0x0a010203, 0xc0a80114, 40000, 53, 0);
}

/* ---- sessions, transactions, objects ------------------------------------- */

static void st_sessions(void)
{
	const int L = NFWFP_L_TRANSPORT_V4;
	HANDLE h, h2;
	UINT64 fid;
	int i;

	/* Closing a dynamic session takes its objects with it. */
	for (i = 0; i < 2; i++) {
		h = st_open(true, 0);
		ST(h, "dynamic session opens");
		if (!h)
			return;
		ST_ST(st_sublayer(h, &st_sl[0], 10), STATUS_SUCCESS,
		      "dynamic sublayer add (again after close)");
		ST_ST(st_callout(h, &st_co, &FWPM_LAYER_OUTBOUND_TRANSPORT_V4, NULL),
		      STATUS_SUCCESS, "dynamic callout add (again after close)");
		ST_ST(st_filter(h, &st_fk[0], &st_sl[0],
				FWP_ACTION_CALLOUT_TERMINATING, &st_co, &fid),
		      STATUS_SUCCESS, "dynamic filter add (again after close)");
		ST(st_snap_pos(L, fid) == 0, "implicit transaction publishes");
		ST(test_bit(L, &nfwfp_layers_active), "layer marked active");
		ST_ST(FwpmEngineClose0(h), STATUS_SUCCESS, "close dynamic session");
		ST(st_snap_n(L) == 0, "close removes the dynamic filter");
		ST(!test_bit(L, &nfwfp_layers_active), "layer inactive after close");
	}

	/* Invalid handles get a status, not a dereference. */
	ST_ST(FwpmTransactionBegin0((HANDLE)&st_fail, 0), STATUS_INVALID_PARAMETER,
	      "begin with an invalid handle");
	ST_ST(st_filter(NULL, &st_fk[0], NULL, FWP_ACTION_BLOCK, NULL, NULL),
	      STATUS_INVALID_PARAMETER, "filter add with a NULL handle");
	ST_ST(FwpmEngineClose0((HANDLE)&st_fail), STATUS_INVALID_PARAMETER,
	      "close of an invalid handle");

	h = st_open(true, 0);
	h2 = st_open(true, 1);
	ST(h && h2, "two sessions open");
	if (!h || !h2)
		goto out;

	/* Transaction state errors. */
	ST_ST(FwpmTransactionCommit0(h), STATUS_FWP_NO_TXN_IN_PROGRESS,
	      "commit without a transaction");
	ST_ST(FwpmTransactionAbort0(h), STATUS_FWP_NO_TXN_IN_PROGRESS,
	      "abort without a transaction");
	ST_ST(FwpmTransactionBegin0(h, 0), STATUS_SUCCESS, "begin");
	ST_ST(FwpmTransactionBegin0(h, 0), STATUS_FWP_TXN_IN_PROGRESS,
	      "begin twice");
	/* Another session waits for the token, here 1 ms. */
	ST_ST(st_sublayer(h2, &st_sl[1], 1), STATUS_FWP_TIMEOUT,
	      "write while another session's transaction is open");

	/* Abort leaves nothing. */
	ST_ST(st_sublayer(h, &st_sl[0], 10), STATUS_SUCCESS, "txn sublayer add");
	ST_ST(st_callout(h, &st_co, &FWPM_LAYER_OUTBOUND_TRANSPORT_V4, NULL),
	      STATUS_SUCCESS, "txn callout add");
	ST_ST(st_filter(h, &st_fk[0], &st_sl[0], FWP_ACTION_CALLOUT_TERMINATING,
			&st_co, &fid), STATUS_SUCCESS, "txn filter add");
	ST(st_snap_n(L) == 0, "filter invisible before commit");
	ST(!test_bit(L, &nfwfp_layers_active), "layer inactive before commit");
	ST_ST(FwpmTransactionAbort0(h), STATUS_SUCCESS, "abort");
	ST(st_snap_n(L) == 0, "nothing published by an aborted transaction");
	ST_ST(FwpmTransactionCommit0(h), STATUS_FWP_NO_TXN_IN_PROGRESS,
	      "commit after abort");

	/* The same keys again: nothing was left behind; commit publishes. */
	ST_ST(FwpmTransactionBegin0(h, 0), STATUS_SUCCESS, "begin again");
	ST_ST(st_sublayer(h, &st_sl[0], 10), STATUS_SUCCESS,
	      "sublayer re-add after abort");
	ST_ST(st_callout(h, &st_co, &FWPM_LAYER_OUTBOUND_TRANSPORT_V4, NULL),
	      STATUS_SUCCESS, "callout re-add after abort");
	ST_ST(st_filter(h, &st_fk[0], &st_sl[0], FWP_ACTION_CALLOUT_TERMINATING,
			&st_co, &fid), STATUS_SUCCESS, "filter re-add after abort");
	ST(st_snap_pos(L, fid) < 0, "filter invisible before commit (2)");
	ST_ST(FwpmTransactionCommit0(h), STATUS_SUCCESS, "commit");
	ST(st_snap_pos(L, fid) == 0, "commit publishes the filter");

	/* Duplicates and references. */
	ST_ST(st_sublayer(h, &st_sl[0], 10), STATUS_FWP_ALREADY_EXISTS,
	      "duplicate sublayer key");
	ST_ST(st_callout(h, &st_co, &FWPM_LAYER_OUTBOUND_TRANSPORT_V4, NULL),
	      STATUS_FWP_ALREADY_EXISTS, "duplicate callout key");
	ST_ST(st_filter(h, &st_fk[0], &st_sl[0], FWP_ACTION_BLOCK, NULL, NULL),
	      STATUS_FWP_ALREADY_EXISTS, "duplicate filter key");
	ST_ST(FwpmSubLayerDeleteByKey0(h, &st_sl[0]), STATUS_FWP_IN_USE,
	      "delete of a sublayer in use");
	ST_ST(FwpmCalloutDeleteByKey0(h, &st_co), STATUS_FWP_IN_USE,
	      "delete of a callout in use");
	ST_ST(st_sublayer(h2, &st_sl[1], 1), STATUS_SUCCESS,
	      "other session writes once the token is free");
	ST_ST(FwpmSubLayerDeleteByKey0(h2, &st_sl[0]), STATUS_FWP_WRONG_SESSION,
	      "delete of another dynamic session's sublayer");
	ST_ST(st_filter(h2, &st_fk[1], &st_sl[0], FWP_ACTION_BLOCK, NULL, NULL),
	      STATUS_FWP_LIFETIME_MISMATCH,
	      "filter in another dynamic session's sublayer");

	/* Deleted in a transaction, then aborted: all of it is back. */
	ST_ST(FwpmTransactionBegin0(h, 0), STATUS_SUCCESS, "begin (delete)");
	ST_ST(FwpmFilterDeleteById0(h, fid), STATUS_SUCCESS, "txn filter delete");
	ST_ST(FwpmCalloutDeleteByKey0(h, &st_co), STATUS_SUCCESS,
	      "txn callout delete");
	ST_ST(FwpmSubLayerDeleteByKey0(h, &st_sl[0]), STATUS_SUCCESS,
	      "txn sublayer delete");
	ST_ST(st_callout(h, &st_co, &FWPM_LAYER_OUTBOUND_TRANSPORT_V4, NULL),
	      STATUS_FWP_IN_USE, "re-add of a callout deleted in the open txn");
	ST(st_snap_pos(L, fid) == 0, "delete invisible before commit");
	ST_ST(FwpmTransactionAbort0(h), STATUS_SUCCESS, "abort (delete)");
	ST(st_snap_pos(L, fid) == 0, "aborted delete keeps the filter");
	ST_ST(FwpmSubLayerDeleteByKey0(h, &st_sl[0]), STATUS_FWP_IN_USE,
	      "restored sublayer still in use");
	ST_ST(FwpmCalloutDeleteByKey0(h, &st_co), STATUS_FWP_IN_USE,
	      "restored callout still in use");

	/* Deleted for real: the same keys are free again. */
	ST_ST(FwpmFilterDeleteByKey0(h, &st_fk[0]), STATUS_SUCCESS, "filter delete");
	ST_ST(FwpmFilterDeleteByKey0(h, &st_fk[0]), STATUS_FWP_FILTER_NOT_FOUND,
	      "filter delete twice");
	ST(st_snap_n(L) == 0, "delete published");
	ST_ST(FwpmCalloutDeleteByKey0(h, &st_co), STATUS_SUCCESS, "callout delete");
	ST_ST(FwpmCalloutDeleteByKey0(h, &st_co), STATUS_FWP_CALLOUT_NOT_FOUND,
	      "callout delete twice");
	ST_ST(st_callout(h, &st_co, &FWPM_LAYER_OUTBOUND_TRANSPORT_V4, NULL),
	      STATUS_SUCCESS, "callout re-add after committed delete");
	ST_ST(FwpmSubLayerDeleteByKey0(h, &st_sl[0]), STATUS_SUCCESS,
	      "sublayer delete");

	/* A read-only transaction refuses writes. */
	ST_ST(FwpmTransactionBegin0(h, FWPM_TXN_READ_ONLY), STATUS_SUCCESS,
	      "read-only begin");
	ST_ST(st_sublayer(h, &st_sl[0], 10), STATUS_FWP_INCOMPATIBLE_TXN,
	      "write in a read-only transaction");
	ST_ST(FwpmTransactionCommit0(h), STATUS_SUCCESS, "read-only commit");

	/* Validation. */
	ST_ST(st_callout(h, &st_cx, &FWPM_LAYER_ALE_AUTH_CONNECT_V4, NULL),
	      STATUS_NOT_SUPPORTED, "callout on an unemulated layer");
	{
		FWPM_FILTER0 f;
		FWPM_SUBLAYER0 sl = { .subLayerKey = st_sl[2] };
		FWPM_CALLOUT0 c = {
			.calloutKey = st_cx,
			.applicableLayer = FWPM_LAYER_OUTBOUND_TRANSPORT_V4,
		};

		st_filter_init(&f, &st_fk[1], NULL, FWP_ACTION_BLOCK, NULL);
		f.layerKey = FWPM_LAYER_ALE_AUTH_CONNECT_V4;
		ST_ST(FwpmFilterAdd0(h, &f, NULL, NULL), STATUS_NOT_SUPPORTED,
		      "filter on an unemulated layer");
		f.layerKey = FWPM_LAYER_OUTBOUND_TRANSPORT_V4;
		f.displayData.name = NULL;
		ST_ST(FwpmFilterAdd0(h, &f, NULL, NULL),
		      STATUS_FWP_NULL_DISPLAY_NAME, "filter without a name");
		ST_ST(FwpmSubLayerAdd0(h, &sl, NULL), STATUS_FWP_NULL_DISPLAY_NAME,
		      "sublayer without a name");
		ST_ST(FwpmCalloutAdd0(h, &c, NULL, NULL),
		      STATUS_FWP_NULL_DISPLAY_NAME, "callout without a name");
		f.displayData.name = st_name;
		f.action.type = FWP_ACTION_CONTINUE;
		ST_ST(FwpmFilterAdd0(h, &f, NULL, NULL),
		      STATUS_FWP_INVALID_ACTION_TYPE, "filter action CONTINUE");
		f.action.type = FWP_ACTION_BLOCK;
		f.flags = FWPM_FILTER_FLAG_PERMIT_IF_CALLOUT_UNREGISTERED;
		ST_ST(FwpmFilterAdd0(h, &f, NULL, NULL), STATUS_FWP_INVALID_FLAGS,
		      "PERMIT_IF_CALLOUT_UNREGISTERED on a plain filter");
		f.flags = 0;
		f.subLayerKey = st_sl[3];
		ST_ST(FwpmFilterAdd0(h, &f, NULL, NULL),
		      STATUS_FWP_SUBLAYER_NOT_FOUND, "filter in an unknown sublayer");
		ST_ST(st_filter(h, &st_fk[1], NULL, FWP_ACTION_CALLOUT_TERMINATING,
				&st_cx, NULL), STATUS_FWP_CALLOUT_NOT_FOUND,
		      "filter naming an unknown callout");
		ST(st_snap_n(L) == 0, "no failed add was published");
	}
out:
	if (h2)
		FwpmEngineClose0(h2);
	if (h)
		FwpmEngineClose0(h);
	ST(st_snap_n(L) == 0, "everything gone after the sessions");
}

/* Weights: FWP_EMPTY, range index, explicit; and the order they give. */
static void st_weights(void)
{
	const int L = NFWFP_L_TRANSPORT_V4;
	UINT64 w64 = 7ULL << 60, id[4];
	FWPM_FILTER0 f;
	HANDLE h;

	h = st_open(true, 0);
	ST(h, "weights: session");
	if (!h)
		return;
	ST_ST(st_sublayer(h, &st_sl[0], 10), STATUS_SUCCESS, "weights: sublayer");

	st_filter_init(&f, &st_fk[0], &st_sl[0], FWP_ACTION_PERMIT, NULL);
	f.weight.type = FWP_EMPTY;
	ST_ST(FwpmFilterAdd0(h, &f, NULL, &id[0]), STATUS_SUCCESS, "weight FWP_EMPTY");
	st_filter_init(&f, &st_fk[1], &st_sl[0], FWP_ACTION_PERMIT, NULL);
	f.weight.type = FWP_UINT8;
	f.weight.uint8 = 15;
	ST_ST(FwpmFilterAdd0(h, &f, NULL, &id[1]), STATUS_SUCCESS, "weight FWP_UINT8 15");
	f.filterKey = st_fk[2];
	f.weight.uint8 = 16;
	ST_ST(FwpmFilterAdd0(h, &f, NULL, NULL), STATUS_FWP_INVALID_WEIGHT,
	      "weight FWP_UINT8 16");
	f.weight.type = FWP_UINT32;
	f.weight.uint32 = 1;
	ST_ST(FwpmFilterAdd0(h, &f, NULL, NULL), STATUS_FWP_INVALID_WEIGHT,
	      "weight FWP_UINT32");
	f.weight.type = FWP_UINT64;
	f.weight.uint64 = &w64;
	ST_ST(FwpmFilterAdd0(h, &f, NULL, &id[2]), STATUS_SUCCESS, "weight FWP_UINT64");
	f.filterKey = st_fk[3];
	f.weight.type = FWP_UINT8;
	f.weight.uint8 = 3;
	ST_ST(FwpmFilterAdd0(h, &f, NULL, &id[3]), STATUS_SUCCESS, "weight FWP_UINT8 3");

	ST(st_snap_pos(L, id[1]) == 0, "weight order: range 15 first");
	ST(st_snap_pos(L, id[2]) == 1, "weight order: explicit 7<<60 second");
	ST(st_snap_pos(L, id[3]) == 2, "weight order: range 3 third");
	ST(st_snap_pos(L, id[0]) == 3, "weight order: automatic last");
	rcu_read_lock();
	{
		const struct nfwfp_layer_snap *snap = rcu_dereference(nfwfp_snaps[L]);

		if (snap && snap->n == 4) {
			ST(snap->f[0]->weight >> 60 == 15, "range 15 in the top bits");
			ST(snap->f[1]->weight == w64, "explicit weight kept");
			ST(snap->f[2]->weight >> 60 == 3, "range 3 in the top bits");
			ST(snap->f[3]->weight < 1ULL << 60,
			   "automatic weight below 2^60");
			ST(snap->f[0]->fwps.weight.type == FWP_UINT64 &&
			   *snap->f[0]->fwps.weight.uint64 == snap->f[0]->weight,
			   "FWPS_FILTER weight is the effective weight");
		} else {
			ST(false, "weights: four filters published");
		}
	}
	rcu_read_unlock();
	FwpmEngineClose0(h);
}

/* ---- callouts and notifications ------------------------------------------- */

static void st_callouts(void)
{
	const int L = NFWFP_L_TRANSPORT_V4;
	UINT32 rid = 0, aid = 0;
	UINT64 fid;
	HANDLE h;

	/* Registration errors. */
	ST_ST(st_register(&st_co, 0, NULL), STATUS_FWP_ALREADY_EXISTS,
	      "register the same key twice");
	ST_ST(st_register(&st_cx, FWP_CALLOUT_FLAG_CONDITIONAL_ON_FLOW, NULL),
	      STATUS_NOT_SUPPORTED, "FWP_CALLOUT_FLAG_CONDITIONAL_ON_FLOW");
	ST_ST(FwpsCalloutUnregisterByKey0(&st_cx), STATUS_FWP_CALLOUT_NOT_FOUND,
	      "unregister an unknown key");
	ST_ST(FwpsCalloutUnregisterById0(0xfffffff0), STATUS_FWP_CALLOUT_NOT_FOUND,
	      "unregister an unknown id");

	h = st_open(true, 0);
	ST(h, "callouts: session");
	if (!h)
		return;

	/* Register first, add second, and the other way round: one id. */
	ST_ST(st_register(&st_cx, 0, &rid), STATUS_SUCCESS, "register before add");
	ST_ST(st_callout(h, &st_cx, &FWPM_LAYER_OUTBOUND_TRANSPORT_V4, &aid),
	      STATUS_SUCCESS, "add after register");
	ST(rid && rid == aid, "same callout id, register then add");
	ST_ST(FwpsCalloutUnregisterById0(rid), STATUS_SUCCESS, "unregister by id");
	ST_ST(FwpsCalloutUnregisterById0(rid), STATUS_FWP_CALLOUT_NOT_FOUND,
	      "unregister twice");
	ST_ST(FwpmCalloutDeleteById0(h, aid), STATUS_SUCCESS, "delete by id");
	ST_ST(st_callout(h, &st_cx, &FWPM_LAYER_OUTBOUND_TRANSPORT_V4, &aid),
	      STATUS_SUCCESS, "add before register");
	ST_ST(st_register(&st_cx, 0, &rid), STATUS_SUCCESS, "register after add");
	ST(rid && rid == aid, "same callout id, add then register");
	ST_ST(FwpsCalloutUnregisterByKey0(&st_cx), STATUS_SUCCESS,
	      "unregister by key");

	ST_ST(st_sublayer(h, &st_sl[0], 10), STATUS_SUCCESS, "notify: sublayer");
	ST_ST(st_callout(h, &st_co, &FWPM_LAYER_OUTBOUND_TRANSPORT_V4, NULL),
	      STATUS_SUCCESS, "notify: callout");
	ST_ST(st_callout(h, &st_cp, &FWPM_LAYER_OUTBOUND_TRANSPORT_V4, NULL),
	      STATUS_SUCCESS, "notify: commit-notify callout");

	/* notifyFn vetoes the add: nothing is left of the filter. */
	memset(st_notes, 0, sizeof(st_notes));
	st_veto = true;
	ST_ST(st_filter(h, &st_fk[0], &st_sl[0], FWP_ACTION_CALLOUT_TERMINATING,
			&st_co, &fid), STATUS_FWP_CALLOUT_NOTIFICATION_FAILED,
	      "ADD_FILTER veto");
	st_veto = false;
	ST(st_notes[FWPS_CALLOUT_NOTIFY_ADD_FILTER] == 1, "vetoed ADD_FILTER seen");
	ST(st_snap_n(L) == 0, "vetoed filter absent");
	ST_ST(FwpmSubLayerDeleteByKey0(h, &st_sl[0]), STATUS_SUCCESS,
	      "vetoed filter holds no sublayer reference");
	ST_ST(FwpmCalloutDeleteByKey0(h, &st_co), STATUS_SUCCESS,
	      "vetoed filter holds no callout reference");
	ST_ST(st_sublayer(h, &st_sl[0], 10), STATUS_SUCCESS, "notify: sublayer again");
	ST_ST(st_callout(h, &st_co, &FWPM_LAYER_OUTBOUND_TRANSPORT_V4, NULL),
	      STATUS_SUCCESS, "notify: callout again");

	/* ADD_FILTER, no POST_COMMIT without the flag; DELETE_FILTER, NULL key. */
	memset(st_notes, 0, sizeof(st_notes));
	ST_ST(st_filter(h, &st_fk[0], &st_sl[0], FWP_ACTION_CALLOUT_TERMINATING,
			&st_co, &fid), STATUS_SUCCESS, "add after a veto, same key");
	ST(st_notes[FWPS_CALLOUT_NOTIFY_ADD_FILTER] == 1 && !st_note_key_null,
	   "ADD_FILTER with the filter key");
	ST(st_notes[FWPS_CALLOUT_NOTIFY_ADD_FILTER_POST_COMMIT] == 0,
	   "no ADD_FILTER_POST_COMMIT without ENABLE_COMMIT_ADD_NOTIFY");
	ST_ST(FwpmFilterDeleteById0(h, fid), STATUS_SUCCESS, "notify: delete");
	ST(st_notes[FWPS_CALLOUT_NOTIFY_DELETE_FILTER] == 1 && st_note_key_null,
	   "DELETE_FILTER with a NULL key");

	/* With the flag: POST_COMMIT at commit, not at add. */
	memset(st_notes, 0, sizeof(st_notes));
	ST_ST(FwpmTransactionBegin0(h, 0), STATUS_SUCCESS, "notify: begin");
	ST_ST(st_filter(h, &st_fk[1], &st_sl[0], FWP_ACTION_CALLOUT_INSPECTION,
			&st_cp, &fid), STATUS_SUCCESS, "notify: commit-notify add");
	ST(st_notes[FWPS_CALLOUT_NOTIFY_ADD_FILTER] == 1 &&
	   st_notes[FWPS_CALLOUT_NOTIFY_ADD_FILTER_POST_COMMIT] == 0,
	   "ADD_FILTER at add, POST_COMMIT not yet");
	ST_ST(FwpmTransactionCommit0(h), STATUS_SUCCESS, "notify: commit");
	ST(st_notes[FWPS_CALLOUT_NOTIFY_ADD_FILTER_POST_COMMIT] == 1 &&
	   !st_note_key_null, "ADD_FILTER_POST_COMMIT at commit");

	/* Added and deleted in one transaction: no POST_COMMIT, a DELETE. */
	memset(st_notes, 0, sizeof(st_notes));
	ST_ST(FwpmTransactionBegin0(h, 0), STATUS_SUCCESS, "notify: begin (2)");
	ST_ST(st_filter(h, &st_fk[2], &st_sl[0], FWP_ACTION_CALLOUT_INSPECTION,
			&st_cp, &fid), STATUS_SUCCESS, "notify: add in txn");
	ST_ST(FwpmFilterDeleteById0(h, fid), STATUS_SUCCESS, "notify: delete in txn");
	ST_ST(FwpmTransactionCommit0(h), STATUS_SUCCESS, "notify: commit (2)");
	ST(st_notes[FWPS_CALLOUT_NOTIFY_ADD_FILTER_POST_COMMIT] == 0,
	   "no POST_COMMIT for a filter deleted before the commit");
	ST(st_notes[FWPS_CALLOUT_NOTIFY_DELETE_FILTER] == 1,
	   "DELETE_FILTER for a filter added and deleted in one txn");

	/* Aborted add: the callout saw ADD_FILTER, it sees DELETE_FILTER. */
	memset(st_notes, 0, sizeof(st_notes));
	ST_ST(FwpmTransactionBegin0(h, 0), STATUS_SUCCESS, "notify: begin (3)");
	ST_ST(st_filter(h, &st_fk[3], &st_sl[0], FWP_ACTION_CALLOUT_INSPECTION,
			&st_cp, NULL), STATUS_SUCCESS, "notify: add then abort");
	ST_ST(FwpmTransactionAbort0(h), STATUS_SUCCESS, "notify: abort");
	ST(st_notes[FWPS_CALLOUT_NOTIFY_DELETE_FILTER] == 1 &&
	   st_notes[FWPS_CALLOUT_NOTIFY_ADD_FILTER_POST_COMMIT] == 0,
	   "aborted add: DELETE_FILTER, no POST_COMMIT");

	/* Closing the session deletes its filters: DELETE_FILTER for each. */
	memset(st_notes, 0, sizeof(st_notes));
	FwpmEngineClose0(h);
	ST(st_notes[FWPS_CALLOUT_NOTIFY_DELETE_FILTER] == 1,
	   "DELETE_FILTER at session close");
	ST(st_snap_n(L) == 0, "callouts: all gone");
}

/* ---- conditions ------------------------------------------------------------- */

static FWPM_FILTER_CONDITION0 st_cnum(const GUID *field, FWP_MATCH_TYPE m,
				      FWP_DATA_TYPE t, u32 v)
{
	FWPM_FILTER_CONDITION0 c = {
		.fieldKey = *field,
		.matchType = m,
		.conditionValue.type = t,
	};

	if (t == FWP_UINT8)
		c.conditionValue.uint8 = v;
	else if (t == FWP_UINT16)
		c.conditionValue.uint16 = v;
	else
		c.conditionValue.uint32 = v;
	return c;
}

static HANDLE st_ch;
static unsigned int st_cseq;

static NTSTATUS st_cadd(int layer, FWPM_FILTER_CONDITION0 *c, u32 n, u64 *id)
{
	FWPM_FILTER0 f;

	st_filter_init(&f, NULL, NULL, FWP_ACTION_BLOCK, NULL);
	f.layerKey = *nfwfp_layers[layer].key;
	f.numFilterConditions = n;
	f.filterCondition = c;
	f.rawContext = ++st_cseq;
	*id = 0;
	return FwpmFilterAdd0(st_ch, &f, NULL, id);
}

/* Does published filter @id match the values in st_cls? */
static int st_cmatch(int layer, u64 id)
{
	const struct nfwfp_layer_snap *snap;
	int ret = -1;
	unsigned int i;

	rcu_read_lock();
	snap = rcu_dereference(nfwfp_snaps[layer]);
	for (i = 0; snap && i < snap->n; i++)
		if (snap->f[i]->id == id)
			ret = nfwfp_filter_match(snap->f[i], &st_cls.in);
	rcu_read_unlock();
	return ret;
}

static u16 st_cflags(int layer, u64 id)
{
	const struct nfwfp_layer_snap *snap;
	u16 flags = 0xffff;
	unsigned int i;

	rcu_read_lock();
	snap = rcu_dereference(nfwfp_snaps[layer]);
	for (i = 0; snap && i < snap->n; i++)
		if (snap->f[i]->id == id)
			flags = snap->f[i]->fwps.flags;
	rcu_read_unlock();
	return flags;
}

#define T4 NFWFP_L_TRANSPORT_V4
#define T6 NFWFP_L_TRANSPORT_V6

static void st_conditions(void)
{
	FWPM_FILTER_CONDITION0 c[3];
	FWP_V4_ADDR_AND_MASK m4 = { .addr = 0xc0a80100, .mask = 0xffffff00 };
	FWP_V6_ADDR_AND_MASK m6 = { .addr = { 0xfd, 0x00, 0x00, 0x01 },
				    .prefixLength = 32 };
	FWP_RANGE0 r = {
		.valueLow = { .type = FWP_UINT16, .uint16 = 40000 },
		.valueHigh = { .type = FWP_UINT16, .uint16 = 40010 },
	};
	u8 a6[16] = { 0xfd, 0x00, 0x00, 0x01, [15] = 2 };
	u64 id;

	st_ch = st_open(true, 0);
	ST(st_ch, "conditions: session");
	if (!st_ch)
		return;

	/* Exact. */
	c[0] = st_cnum(&FWPM_CONDITION_IP_REMOTE_PORT, FWP_MATCH_EQUAL, FWP_UINT16, 53);
	ST_ST(st_cadd(T4, c, 1, &id), STATUS_SUCCESS, "cond: port equal");
	st_pkt_default();
	ST(st_cmatch(T4, id) == 1, "cond: port 53 == 53");
	st_pkt4(IPPROTO_UDP, 0x0a010203, 0xc0a80114, 40000, 54, 0);
	ST(st_cmatch(T4, id) == 0, "cond: port 54 != 53");

	/* <, >, <=, NOT_EQUAL. */
	c[0] = st_cnum(&FWPM_CONDITION_IP_REMOTE_PORT, FWP_MATCH_LESS, FWP_UINT16, 54);
	ST_ST(st_cadd(T4, c, 1, &id), STATUS_SUCCESS, "cond: less");
	st_pkt_default();
	ST(st_cmatch(T4, id) == 1, "cond: 53 < 54");
	st_pkt4(IPPROTO_UDP, 0x0a010203, 0xc0a80114, 40000, 54, 0);
	ST(st_cmatch(T4, id) == 0, "cond: !(54 < 54)");
	c[0] = st_cnum(&FWPM_CONDITION_IP_REMOTE_PORT, FWP_MATCH_GREATER, FWP_UINT16, 53);
	ST_ST(st_cadd(T4, c, 1, &id), STATUS_SUCCESS, "cond: greater");
	ST(st_cmatch(T4, id) == 1, "cond: 54 > 53");
	st_pkt_default();
	ST(st_cmatch(T4, id) == 0, "cond: !(53 > 53)");
	c[0] = st_cnum(&FWPM_CONDITION_IP_REMOTE_PORT, FWP_MATCH_LESS_OR_EQUAL,
		       FWP_UINT16, 53);
	ST_ST(st_cadd(T4, c, 1, &id), STATUS_SUCCESS, "cond: less or equal");
	ST(st_cmatch(T4, id) == 1, "cond: 53 <= 53");
	c[0] = st_cnum(&FWPM_CONDITION_IP_PROTOCOL, FWP_MATCH_NOT_EQUAL, FWP_UINT8,
		       IPPROTO_TCP);
	ST_ST(st_cadd(T4, c, 1, &id), STATUS_SUCCESS, "cond: not equal");
	ST(st_cmatch(T4, id) == 1, "cond: udp != tcp");
	st_pkt4(IPPROTO_TCP, 0x0a010203, 0xc0a80114, 40000, 53, 0);
	ST(st_cmatch(T4, id) == 0, "cond: !(tcp != tcp)");

	/* IPv4 prefix, host order. */
	c[0].fieldKey = FWPM_CONDITION_IP_REMOTE_ADDRESS;
	c[0].matchType = FWP_MATCH_EQUAL;
	c[0].conditionValue.type = FWP_V4_ADDR_MASK;
	c[0].conditionValue.v4AddrMask = &m4;
	ST_ST(st_cadd(T4, c, 1, &id), STATUS_SUCCESS, "cond: v4 prefix");
	st_pkt_default();
	ST(st_cmatch(T4, id) == 1, "cond: 192.168.1.20 in 192.168.1.0/24");
	st_pkt4(IPPROTO_UDP, 0x0a010203, 0xc0a80214, 40000, 53, 0);
	ST(st_cmatch(T4, id) == 0, "cond: 192.168.2.20 not in 192.168.1.0/24");
	c[0].matchType = FWP_MATCH_NOT_EQUAL;
	ST_ST(st_cadd(T4, c, 1, &id), STATUS_SUCCESS, "cond: v4 prefix not equal");
	ST(st_cmatch(T4, id) == 1, "cond: 192.168.2.20 outside 192.168.1.0/24");
	c[0].matchType = FWP_MATCH_LESS;
	ST_ST(st_cadd(T4, c, 1, &id), STATUS_FWP_MATCH_TYPE_MISMATCH,
	      "cond: v4 prefix with LESS");

	/* IPv6 prefix, whole and partial bytes. */
	c[0].matchType = FWP_MATCH_EQUAL;
	c[0].conditionValue.type = FWP_V6_ADDR_MASK;
	c[0].conditionValue.v6AddrMask = &m6;
	ST_ST(st_cadd(T6, c, 1, &id), STATUS_SUCCESS, "cond: v6 prefix");
	st_pkt6(a6);
	ST(st_cmatch(T6, id) == 1, "cond: fd00:1::2 in fd00:1::/32");
	a6[3] = 2;
	st_pkt6(a6);
	ST(st_cmatch(T6, id) == 0, "cond: fd00:2::2 not in fd00:1::/32");
	m6.addr[3] = 1;
	m6.addr[4] = 0x80;
	m6.prefixLength = 33;
	ST_ST(st_cadd(T6, c, 1, &id), STATUS_SUCCESS, "cond: v6 prefix /33");
	a6[3] = 1;
	a6[4] = 0xc0;
	st_pkt6(a6);
	ST(st_cmatch(T6, id) == 1, "cond: fd00:1:c000::2 in fd00:1:8000::/33");
	a6[4] = 0x40;
	st_pkt6(a6);
	ST(st_cmatch(T6, id) == 0, "cond: fd00:1:4000::2 not in fd00:1:8000::/33");
	m6.prefixLength = 129;
	ST_ST(st_cadd(T6, c, 1, &id), STATUS_FWP_INVALID_NET_MASK,
	      "cond: v6 prefix /129");
	c[0].conditionValue.v4AddrMask = &m4;
	c[0].conditionValue.type = FWP_V4_ADDR_MASK;
	ST_ST(st_cadd(T6, c, 1, &id), STATUS_FWP_TYPE_MISMATCH,
	      "cond: v4 mask on a v6 address");

	/* Port range. */
	c[0].fieldKey = FWPM_CONDITION_IP_LOCAL_PORT;
	c[0].matchType = FWP_MATCH_RANGE;
	c[0].conditionValue.type = FWP_RANGE_TYPE;
	c[0].conditionValue.rangeValue = &r;
	ST_ST(st_cadd(T4, c, 1, &id), STATUS_SUCCESS, "cond: port range");
	st_pkt4(IPPROTO_UDP, 1, 2, 40000, 53, 0);
	ST(st_cmatch(T4, id) == 1, "cond: 40000 in 40000-40010");
	st_pkt4(IPPROTO_UDP, 1, 2, 40010, 53, 0);
	ST(st_cmatch(T4, id) == 1, "cond: 40010 in 40000-40010");
	st_pkt4(IPPROTO_UDP, 1, 2, 39999, 53, 0);
	ST(st_cmatch(T4, id) == 0, "cond: 39999 not in 40000-40010");
	st_pkt4(IPPROTO_UDP, 1, 2, 40011, 53, 0);
	ST(st_cmatch(T4, id) == 0, "cond: 40011 not in 40000-40010");
	c[0].matchType = FWP_MATCH_EQUAL;
	ST_ST(st_cadd(T4, c, 1, &id), STATUS_FWP_MATCH_TYPE_MISMATCH,
	      "cond: range value with EQUAL");
	c[0].matchType = FWP_MATCH_RANGE;
	r.valueLow.uint16 = 40011;
	ST_ST(st_cadd(T4, c, 1, &id), STATUS_FWP_INVALID_RANGE,
	      "cond: range low > high");
	r.valueLow.type = FWP_UINT32;
	ST_ST(st_cadd(T4, c, 1, &id), STATUS_FWP_TYPE_MISMATCH,
	      "cond: range of the wrong type");

	/* Flags. */
	c[0] = st_cnum(&FWPM_CONDITION_FLAGS, FWP_MATCH_FLAGS_ALL_SET, FWP_UINT32,
		       FWP_CONDITION_FLAG_IS_LOOPBACK | FWP_CONDITION_FLAG_IS_RAW_ENDPOINT);
	ST_ST(st_cadd(T4, c, 1, &id), STATUS_SUCCESS, "cond: flags all set");
	st_pkt4(IPPROTO_UDP, 1, 2, 1, 2, NFWFP_PKT_LOOPBACK | NFWFP_PKT_RAW);
	ST(st_cmatch(T4, id) == 1, "cond: all set, both set");
	st_pkt4(IPPROTO_UDP, 1, 2, 1, 2, NFWFP_PKT_LOOPBACK);
	ST(st_cmatch(T4, id) == 0, "cond: all set, one set");
	c[0].matchType = FWP_MATCH_FLAGS_ANY_SET;
	ST_ST(st_cadd(T4, c, 1, &id), STATUS_SUCCESS, "cond: flags any set");
	ST(st_cmatch(T4, id) == 1, "cond: any set, one set");
	st_pkt4(IPPROTO_UDP, 1, 2, 1, 2, 0);
	ST(st_cmatch(T4, id) == 0, "cond: any set, none set");
	c[0].matchType = FWP_MATCH_FLAGS_NONE_SET;
	ST_ST(st_cadd(T4, c, 1, &id), STATUS_SUCCESS, "cond: flags none set");
	ST(st_cmatch(T4, id) == 1, "cond: none set, none set");
	st_pkt4(IPPROTO_UDP, 1, 2, 1, 2, NFWFP_PKT_RAW);
	ST(st_cmatch(T4, id) == 0, "cond: none set, one set");

	/* OR on one field, AND across fields. */
	c[0] = st_cnum(&FWPM_CONDITION_IP_REMOTE_PORT, FWP_MATCH_EQUAL, FWP_UINT16, 80);
	c[1] = st_cnum(&FWPM_CONDITION_IP_REMOTE_PORT, FWP_MATCH_EQUAL, FWP_UINT16, 53);
	ST_ST(st_cadd(T4, c, 2, &id), STATUS_SUCCESS, "cond: or");
	st_pkt_default();
	ST(st_cmatch(T4, id) == 1, "cond: 53 in {80, 53}");
	ST(st_cflags(T4, id) & FWPS_FILTER_FLAG_OR_CONDITIONS,
	   "cond: FWPS_FILTER_FLAG_OR_CONDITIONS");
	st_pkt4(IPPROTO_UDP, 1, 2, 1, 80, 0);
	ST(st_cmatch(T4, id) == 1, "cond: 80 in {80, 53}");
	st_pkt4(IPPROTO_UDP, 1, 2, 1, 81, 0);
	ST(st_cmatch(T4, id) == 0, "cond: 81 not in {80, 53}");
	c[2] = c[1];
	c[1] = c[0];
	c[0] = st_cnum(&FWPM_CONDITION_IP_PROTOCOL, FWP_MATCH_EQUAL, FWP_UINT8,
		       IPPROTO_UDP);
	ST_ST(st_cadd(T4, c, 3, &id), STATUS_SUCCESS, "cond: and + or");
	ST(st_cflags(T4, id) & FWPS_FILTER_FLAG_OR_CONDITIONS,
	   "cond: OR_CONDITIONS when the OR group is not first");
	st_pkt_default();
	ST(st_cmatch(T4, id) == 1, "cond: udp and 53");
	st_pkt4(IPPROTO_TCP, 0x0a010203, 0xc0a80114, 40000, 53, 0);
	ST(st_cmatch(T4, id) == 0, "cond: tcp and 53");
	st_pkt4(IPPROTO_UDP, 0x0a010203, 0xc0a80114, 40000, 54, 0);
	ST(st_cmatch(T4, id) == 0, "cond: udp and 54");
	ST_ST(st_cadd(T4, c, 1, &id), STATUS_SUCCESS, "cond: one condition");
	ST(!(st_cflags(T4, id) & FWPS_FILTER_FLAG_OR_CONDITIONS),
	   "cond: no OR_CONDITIONS without an OR");

	/* Refused conditions. */
	c[0] = st_cnum(&FWPM_CONDITION_IP_REMOTE_PORT, FWP_MATCH_EQUAL, FWP_UINT32, 53);
	ST_ST(st_cadd(T4, c, 1, &id), STATUS_FWP_TYPE_MISMATCH,
	      "cond: UINT32 value for a UINT16 field");
	c[0] = st_cnum(&FWPM_CONDITION_IP_REMOTE_PORT, FWP_MATCH_PREFIX, FWP_UINT16, 53);
	ST_ST(st_cadd(T4, c, 1, &id), STATUS_FWP_MATCH_TYPE_MISMATCH,
	      "cond: PREFIX on a port");
	c[0] = st_cnum(&FWPM_CONDITION_DIRECTION, FWP_MATCH_EQUAL, FWP_UINT32,
		       FWP_DIRECTION_OUTBOUND);
	ST_ST(st_cadd(T4, c, 1, &id), STATUS_FWP_CONDITION_NOT_FOUND,
	      "cond: DIRECTION at OUTBOUND_TRANSPORT");
	ST_ST(st_cadd(NFWFP_L_DATAGRAM_V4, c, 1, &id), STATUS_SUCCESS,
	      "cond: DIRECTION at DATAGRAM_DATA");
	c[0] = st_cnum(&FWPM_CONDITION_INTERFACE_INDEX, FWP_MATCH_EQUAL, FWP_UINT32, 2);
	ST_ST(st_cadd(T4, c, 1, &id), STATUS_FWP_INVALID_PARAMETER,
	      "cond: interface index without a compartment");
	c[1] = st_cnum(&FWPM_CONDITION_COMPARTMENT_ID, FWP_MATCH_EQUAL, FWP_UINT32, 1);
	ST_ST(st_cadd(T4, c, 2, &id), STATUS_SUCCESS,
	      "cond: interface index with a compartment");

	FwpmEngineClose0(st_ch);
	ST(st_snap_n(T4) == 0 && st_snap_n(T6) == 0 &&
	   st_snap_n(NFWFP_L_DATAGRAM_V4) == 0, "conditions: all gone");
}

#define IE4 NFWFP_L_ICMP_ERROR_V4

/* Values of st_pkt again at @layer, as sent through @dev in @compartment. */
static void st_rebuild(int layer, struct net_device *dev, u32 compartment)
{
	st_cls.dev = dev;
	st_cls.compartment = compartment;
	nfwfp_values_build(&st_cls, layer);
}

/* An ICMP error the stack sends: @type/@code at OUTBOUND_ICMP_ERROR_V4. */
static void st_pkt_icmperr(u8 type, u8 code)
{
	st_pkt4(IPPROTO_ICMP, 0x0a010203, 0xc0a80114, 0, 0, 0);
	st_pkt.path = NFWFP_PATH_ICMP_ERROR;
	st_pkt.icmp_type = type;
	st_pkt.icmp_code = code;
	st_rebuild(IE4, NULL, 1);
}

/* Conditions on ICMP type/code, address types, interface and compartment. */
static void st_conditions_fields(void)
{
	struct net_device *lo = init_net.loopback_dev;
	FWPM_FILTER_CONDITION0 c[2];
	u64 id;

	st_ch = st_open(true, 0);
	ST(st_ch, "conditions 2: session");
	if (!st_ch)
		return;

	/* ICMP type and code: the port fields' GUIDs, by another name. */
	c[0] = st_cnum(&FWPM_CONDITION_ICMP_TYPE, FWP_MATCH_EQUAL, FWP_UINT16, 3);
	c[1] = st_cnum(&FWPM_CONDITION_ICMP_CODE, FWP_MATCH_EQUAL, FWP_UINT16, 3);
	ST_ST(st_cadd(IE4, c, 2, &id), STATUS_SUCCESS, "cond: icmp type and code");
	st_pkt_icmperr(3, 3);
	ST(st_cmatch(IE4, id) == 1, "cond: port unreachable is type 3 code 3");
	st_pkt_icmperr(3, 1);
	ST(st_cmatch(IE4, id) == 0, "cond: host unreachable is not code 3");
	st_pkt_icmperr(11, 3);
	ST(st_cmatch(IE4, id) == 0, "cond: time exceeded is not type 3");

	/* Address types: unicast (1) and multicast (3). */
	c[0] = st_cnum(&FWPM_CONDITION_IP_DESTINATION_ADDRESS_TYPE, FWP_MATCH_EQUAL,
		       FWP_UINT8, NlatMulticast);
	ST_ST(st_cadd(T4, c, 1, &id), STATUS_SUCCESS, "cond: destination type");
	st_pkt4(IPPROTO_UDP, 0x0a010203, 0xef010203, 40000, 53, 0);
	ST(st_cmatch(T4, id) == 1, "cond: 239.1.2.3 is multicast");
	st_pkt_default();
	ST(st_cmatch(T4, id) == 0, "cond: 192.168.1.20 is not multicast");
	c[0] = st_cnum(&FWPM_CONDITION_IP_LOCAL_ADDRESS_TYPE, FWP_MATCH_EQUAL,
		       FWP_UINT8, NlatUnicast);
	ST_ST(st_cadd(T4, c, 1, &id), STATUS_SUCCESS, "cond: local type");
	ST(st_cmatch(T4, id) == 1, "cond: 10.1.2.3 is unicast");
	st_pkt4(IPPROTO_UDP, 0, 0xc0a80114, 40000, 53, 0);
	ST(st_cmatch(T4, id) == 0, "cond: 0.0.0.0 is not unicast");

	/* Compartment alone. */
	c[0] = st_cnum(&FWPM_CONDITION_COMPARTMENT_ID, FWP_MATCH_EQUAL, FWP_UINT32, 7);
	ST_ST(st_cadd(T4, c, 1, &id), STATUS_SUCCESS, "cond: compartment");
	st_pkt_default();
	st_rebuild(T4, NULL, 7);
	ST(st_cmatch(T4, id) == 1, "cond: compartment 7 == 7");
	st_rebuild(T4, NULL, 8);
	ST(st_cmatch(T4, id) == 0, "cond: compartment 8 != 7");

	/* An interface is (compartment, ifindex): both must match. */
	c[0] = st_cnum(&FWPM_CONDITION_INTERFACE_INDEX, FWP_MATCH_EQUAL, FWP_UINT32,
		       lo->ifindex);
	c[1] = st_cnum(&FWPM_CONDITION_COMPARTMENT_ID, FWP_MATCH_EQUAL, FWP_UINT32, 7);
	ST_ST(st_cadd(T4, c, 2, &id), STATUS_SUCCESS, "cond: interface");
	st_rebuild(T4, lo, 7);
	ST(st_cmatch(T4, id) == 1, "cond: lo in compartment 7");
	st_rebuild(T4, lo, 8);
	ST(st_cmatch(T4, id) == 0, "cond: lo in compartment 8");
	st_rebuild(T4, NULL, 7);
	ST(st_cmatch(T4, id) == 0, "cond: no interface in compartment 7");

	/* >= on a port. */
	c[0] = st_cnum(&FWPM_CONDITION_IP_REMOTE_PORT, FWP_MATCH_GREATER_OR_EQUAL,
		       FWP_UINT16, 53);
	ST_ST(st_cadd(T4, c, 1, &id), STATUS_SUCCESS, "cond: greater or equal");
	st_pkt_default();
	ST(st_cmatch(T4, id) == 1, "cond: 53 >= 53");
	st_pkt4(IPPROTO_UDP, 0x0a010203, 0xc0a80114, 40000, 54, 0);
	ST(st_cmatch(T4, id) == 1, "cond: 54 >= 53");
	st_pkt4(IPPROTO_UDP, 0x0a010203, 0xc0a80114, 40000, 52, 0);
	ST(st_cmatch(T4, id) == 0, "cond: !(52 >= 53)");

	FwpmEngineClose0(st_ch);
	ST(st_snap_n(T4) == 0 && st_snap_n(IE4) == 0, "conditions 2: all gone");
	st_pkt_default();
}

/* ---- arbitration ------------------------------------------------------------ */

/* One filter of an arbitration case; its slot is its index. */
struct st_af {
	u8 sl;			/* st_sl[] index */
	u8 weight;		/* weight range 0..15 */
	FWP_ACTION_TYPE type;
	bool unreg;		/* the never-registered callout */
	u32 flags;		/* FWPM_FILTER_FLAG_* */
	FWP_ACTION_TYPE ret;	/* what the classifyFn returns */
	bool clear, absorb;
};

/*
 * Sets up sublayer weights @slw and filters @af in a fresh dynamic session
 * (filters added lowest slot last, so order comes from weights alone),
 * classifies the default packet and checks the verdict.
 */
static void st_arb(const char *name, const u16 *slw, int nsl,
		   const struct st_af *af, int nf, FWP_ACTION_TYPE want,
		   bool want_absorb)
{
	FWP_ACTION_TYPE got;
	FWPM_FILTER0 f;
	bool absorb;
	HANDLE h;
	int i;

	memset(st_beh, 0, sizeof(st_beh));
	memset(st_order, 0xff, sizeof(st_order));
	st_norder = 0;
	h = st_open(true, 0);
	if (!h) {
		pr_err("engine self-test %s: no session\n", name);
		st_fail++;
		return;
	}
	if (st_callout(h, &st_co, &FWPM_LAYER_OUTBOUND_TRANSPORT_V4, NULL) ||
	    st_callout(h, &st_cu, &FWPM_LAYER_OUTBOUND_TRANSPORT_V4, NULL))
		goto setup_failed;
	for (i = 0; i < nsl; i++)
		if (st_sublayer(h, &st_sl[i], slw[i]))
			goto setup_failed;
	for (i = nf - 1; i >= 0; i--) {
		st_filter_init(&f, &st_fk[i], &st_sl[af[i].sl], af[i].type,
			       af[i].unreg ? &st_cu : &st_co);
		f.weight.type = FWP_UINT8;
		f.weight.uint8 = af[i].weight;
		f.flags = af[i].flags;
		f.rawContext = i;
		st_beh[i].ret = af[i].ret;
		st_beh[i].clear = af[i].clear;
		st_beh[i].absorb = af[i].absorb;
		if (FwpmFilterAdd0(h, &f, NULL, NULL))
			goto setup_failed;
	}
	st_pkt_default();
	got = nfwfp_classify_layer_test(NFWFP_L_TRANSPORT_V4, &st_cls, NULL, &absorb);
	if (got != want || absorb != want_absorb) {
		pr_err("engine self-test %s: verdict %#x absorb %d, want %#x absorb %d\n",
		       name, got, absorb, want, want_absorb);
		st_fail++;
	}
	FwpmEngineClose0(h);
	return;

setup_failed:
	pr_err("engine self-test %s: setup failed\n", name);
	st_fail++;
	FwpmEngineClose0(h);
}

#define B FWP_ACTION_BLOCK
#define P FWP_ACTION_PERMIT
#define C FWP_ACTION_CONTINUE
#define CT FWP_ACTION_CALLOUT_TERMINATING
#define CI FWP_ACTION_CALLOUT_INSPECTION
#define CU FWP_ACTION_CALLOUT_UNKNOWN
#define HARD FWPM_FILTER_FLAG_CLEAR_ACTION_RIGHT

static void st_arbitration(void)
{
	static const u16 one[] = { 100 }, two[] = { 20, 10 }, up[] = { 10, 20 };
	bool absorb;

	/* Nothing at all, and nothing matching. */
	st_pkt_default();
	ST(nfwfp_classify_layer_test(T4, &st_cls, NULL, &absorb) == P && !absorb,
	   "arb: empty layer permits");
	{
		FWPM_FILTER_CONDITION0 c = st_cnum(&FWPM_CONDITION_IP_REMOTE_PORT,
						   FWP_MATCH_EQUAL, FWP_UINT16, 80);
		u64 id;

		st_ch = st_open(true, 0);
		ST(st_ch && st_cadd(T4, &c, 1, &id) == STATUS_SUCCESS,
		   "arb: non-matching block added");
		st_pkt_default();
		ST(nfwfp_classify_layer_test(T4, &st_cls, NULL, &absorb) == P,
		   "arb: no matching filter permits");
		st_pkt4(IPPROTO_UDP, 0x0a010203, 0xc0a80114, 40000, 80, 0);
		ST(nfwfp_classify_layer_test(T4, &st_cls, NULL, &absorb) == B,
		   "arb: the matching block blocks");
		if (st_ch)
			FwpmEngineClose0(st_ch);
	}

	/* Weights inside a sublayer; the first decision ends it. */
	{
		static const struct st_af af[] = {
			{ 0, 12, CU, .ret = C },
			{ 0, 8, CU, .ret = P },
			{ 0, 4, CU, .ret = B },
		};

		st_arb("arb: weights in a sublayer", one, 1, af, 3, P, false);
		ST(st_norder == 2 && st_order[0] == 0 && st_order[1] == 1,
		   "arb: highest weight first, CONTINUE passes on");
		ST(st_beh[2].calls == 0, "arb: lower filter not called after PERMIT");
	}
	/* Sublayers by weight, every one evaluated. */
	{
		static const struct st_af af[] = {
			{ 0, 15, CI, .ret = C },
			{ 1, 0, CI, .ret = C },
		};

		st_arb("arb: sublayer order", up, 2, af, 2, P, false);
		ST(st_norder == 2 && st_order[0] == 1 && st_order[1] == 0,
		   "arb: heavier sublayer first, filter weight aside");
	}
	/* CONTINUE from an upper sublayer leaves the decision to a lower one. */
	{
		static const struct st_af af[] = {
			{ 0, 0, CU, .ret = C },
			{ 1, 0, B },
		};

		st_arb("arb: CONTINUE passes on to the next sublayer", two, 2, af, 2,
		       B, false);
		ST(st_beh[0].calls == 1, "arb: continuing callout called");
	}
	/* Inspection cannot decide. */
	{
		static const struct st_af af[] = {
			{ 0, 10, CI, .ret = B, .clear = true },
			{ 0, 5, CU, .ret = P },
		};

		st_arb("arb: inspection BLOCK treated as CONTINUE", one, 1, af, 2,
		       P, false);
		ST(st_beh[0].calls == 1 && st_beh[1].calls == 1,
		   "arb: filter after an inspection callout called");
		st_arb("arb: lone inspection BLOCK permits", one, 1, af, 1, P, false);
	}
	/* A terminating callout must decide: CONTINUE is BLOCK. */
	{
		static const struct st_af af[] = {
			{ 0, 10, CT, .ret = C },
			{ 0, 5, CU, .ret = P },
		};

		st_arb("arb: terminating CONTINUE is BLOCK", one, 1, af, 2, B, false);
		ST(st_beh[1].calls == 0, "arb: nothing after the terminating callout");
	}
	/* Soft permit, overridden by a lower sublayer's block. */
	{
		static const struct st_af af[] = { { 0, 0, P }, { 1, 0, B } };

		st_arb("arb: soft permit overridden", two, 2, af, 2, B, false);
	}
	/* Hard permits: a plain lower block does not override them. */
	{
		static const struct st_af af[] = {
			{ 0, 0, CU, .ret = P, .clear = true },
			{ 1, 0, B },
		};

		st_arb("arb: hard permit (callout clears the right)", two, 2, af, 2,
		       P, false);
	}
	{
		static const struct st_af af[] = { { 0, 0, P, .flags = HARD }, { 1, 0, B } };

		st_arb("arb: hard permit (CLEAR_ACTION_RIGHT)", two, 2, af, 2, P, false);
	}
	{
		static const struct st_af af[] = {
			{ 0, 0, CU, .ret = P, .flags = HARD },
			{ 1, 0, B },
		};

		st_arb("arb: hard permit (callout filter with CLEAR_ACTION_RIGHT)",
		       two, 2, af, 2, P, false);
	}
	/* ... but a callout's veto does. */
	{
		static const struct st_af af[] = {
			{ 0, 0, P, .flags = HARD },
			{ 1, 0, CU, .ret = B },
		};

		st_arb("arb: callout veto of a hard permit", two, 2, af, 2, B, false);
		ST(st_beh[1].calls == 1 && !(st_beh[1].rights & FWPS_RIGHT_ACTION_WRITE),
		   "arb: vetoing callout called without the right");
	}
	/* Hard block: nothing lower permits, lower callouts still called. */
	{
		static const struct st_af af[] = {
			{ 0, 0, B },
			{ 1, 0, CU, .ret = P },
		};

		st_arb("arb: hard block not overridden", two, 2, af, 2, B, false);
		ST(st_beh[1].calls == 1 && !(st_beh[1].rights & FWPS_RIGHT_ACTION_WRITE),
		   "arb: lower callout called with the right cleared");
	}
	{
		static const struct st_af af[] = { { 0, 0, B }, { 1, 0, P } };

		st_arb("arb: hard block over a lower plain permit", two, 2, af, 2,
		       B, false);
	}
	/* A callout block is soft unless the callout clears the right. */
	{
		static const struct st_af af[] = {
			{ 0, 0, CU, .ret = B, .absorb = true },
			{ 1, 0, P },
		};

		st_arb("arb: soft callout block overridden (absorb dropped)", two, 2,
		       af, 2, P, false);
	}
	{
		static const struct st_af af[] = {
			{ 0, 0, CU, .ret = B, .clear = true, .absorb = true },
			{ 1, 0, P },
		};

		st_arb("arb: hard callout block with absorb", two, 2, af, 2, B, true);
	}
	{
		static const struct st_af af[] = { { 0, 0, CT, .ret = P, .absorb = true } };

		st_arb("arb: absorb ignored on PERMIT", one, 1, af, 1, P, false);
	}
	/* Unregistered callouts. */
	{
		static const struct st_af af[] = {
			{ 0, 10, CT, .unreg = true },
			{ 0, 5, CU, .ret = P },
		};

		st_arb("arb: unregistered terminating callout blocks", one, 1, af, 2,
		       B, false);
		ST(st_beh[1].calls == 0, "arb: nothing after an unregistered block");
	}
	{
		static const struct st_af af[] = {
			{ 0, 10, CU, .unreg = true },
		};

		st_arb("arb: unregistered unknown callout blocks", one, 1, af, 1,
		       B, false);
	}
	{
		static const struct st_af af[] = {
			{ 0, 10, CT, .unreg = true,
			  .flags = FWPM_FILTER_FLAG_PERMIT_IF_CALLOUT_UNREGISTERED },
			{ 0, 5, CU, .ret = B },
		};

		st_arb("arb: PERMIT_IF_CALLOUT_UNREGISTERED permits", one, 1, af, 2,
		       P, false);
		ST(st_beh[1].calls == 0, "arb: nothing after an unregistered permit");
	}
	{
		static const struct st_af af[] = {
			{ 0, 10, CI, .unreg = true },
			{ 0, 5, CU, .ret = P },
		};

		st_arb("arb: unregistered inspection callout skipped", one, 1, af, 2,
		       P, false);
		ST(st_beh[1].calls == 1, "arb: filter after a skipped inspection called");
	}
	{
		static const struct st_af af[] = { { 0, 10, CI, .unreg = true } };

		st_arb("arb: lone unregistered inspection permits", one, 1, af, 1,
		       P, false);
	}
}

#undef B
#undef P
#undef C
#undef CT
#undef CI
#undef CU
#undef HARD

/* ---- the filter index --------------------------------------------------------- */

static NTSTATUS st_iadd(u8 weight, FWP_ACTION_TYPE a, FWPM_FILTER_CONDITION0 *c,
			u32 n)
{
	FWPM_FILTER0 f;

	st_filter_init(&f, NULL, NULL, a, NULL);
	f.weight.type = FWP_UINT8;
	f.weight.uint8 = weight;
	f.numFilterConditions = n;
	f.filterCondition = c;
	return FwpmFilterAdd0(st_ch, &f, NULL, NULL);
}

static FWP_ACTION_TYPE st_iverdict(u16 port)
{
	bool absorb;

	st_pkt4(IPPROTO_UDP, 0x0a010203, 0xc0a80114, 40000, port, 0);
	return nfwfp_classify_layer_test(T4, &st_cls, NULL, &absorb);
}

/*
 * Forty filters keyed on the remote port (odd ports permit, even block),
 * between filters the index cannot key: a range above them in weight, an
 * OR of two ports, a catch-all block below. The verdicts are the ones a
 * walk of every filter gives, so the index skips only what cannot match
 * and keeps arbitration order between a bucket and the rest.
 */
static void st_index(void)
{
	const u16 rport = FWPS_FIELD_OUTBOUND_TRANSPORT_V4_IP_REMOTE_PORT;
	FWPM_FILTER_CONDITION0 c[2];
	const struct nfwfp_layer_snap *snap;
	bool ok = true;
	u8 bits = 0;
	u16 field = 0;
	int i;

	st_ch = st_open(true, 0);
	if (!st_ch || FwpmTransactionBegin0(st_ch, 0)) {
		ST(false, "index: session");
		return;
	}
	for (i = 0; i < 40; i++) {
		c[0] = st_cnum(&FWPM_CONDITION_IP_REMOTE_PORT, FWP_MATCH_EQUAL,
			       FWP_UINT16, 1000 + i);
		ok &= !st_iadd(5, i % 2 ? FWP_ACTION_PERMIT : FWP_ACTION_BLOCK, c, 1);
	}
	c[0] = st_cnum(&FWPM_CONDITION_IP_REMOTE_PORT, FWP_MATCH_GREATER_OR_EQUAL,
		       FWP_UINT16, 1030);
	ok &= !st_iadd(10, FWP_ACTION_BLOCK, c, 1);
	c[0] = st_cnum(&FWPM_CONDITION_IP_REMOTE_PORT, FWP_MATCH_EQUAL,
		       FWP_UINT16, 2000);
	c[1] = st_cnum(&FWPM_CONDITION_IP_REMOTE_PORT, FWP_MATCH_EQUAL,
		       FWP_UINT16, 2001);
	ok &= !st_iadd(7, FWP_ACTION_BLOCK, c, 2);
	ok &= !st_iadd(0, FWP_ACTION_BLOCK, NULL, 0);
	ok &= !FwpmTransactionCommit0(st_ch);
	ST(ok, "index: 43 filters added");

	rcu_read_lock();
	snap = rcu_dereference(nfwfp_snaps[T4]);
	if (snap) {
		bits = snap->key_bits;
		field = snap->key_field;
	}
	rcu_read_unlock();
	ST(bits && field == rport, "index: keyed on the remote port");
	ST(st_iverdict(1001) == FWP_ACTION_PERMIT, "index: a bucket's permit before the catch-all");
	ST(st_iverdict(1002) == FWP_ACTION_BLOCK, "index: a bucket's block");
	ST(st_iverdict(1031) == FWP_ACTION_BLOCK,
	   "index: the rest's heavier range before a bucket");
	ST(st_iverdict(2001) == FWP_ACTION_BLOCK, "index: an OR of keys is in the rest");
	ST(st_iverdict(5000) == FWP_ACTION_BLOCK, "index: no bucket, the rest decides");
	FwpmEngineClose0(st_ch);
	ST(st_snap_n(T4) == 0, "index: all gone");
}

/* ---- teardown --------------------------------------------------------------- */

/*
 * Leave static objects, an open session and a registration behind, tear
 * the engine down, and bring it up again: it must be empty.
 */
static void st_teardown(void)
{
	const int L = NFWFP_L_TRANSPORT_V4;
	HANDLE h;
	int i;

	h = st_open(false, 0);
	ST(h, "teardown: static session");
	if (h) {
		ST_ST(st_sublayer(h, &st_sl[0], 10), STATUS_SUCCESS,
		      "teardown: static sublayer");
		ST_ST(st_callout(h, &st_cr, &FWPM_LAYER_OUTBOUND_TRANSPORT_V4, NULL),
		      STATUS_SUCCESS, "teardown: static callout");
		ST_ST(st_filter(h, &st_fk[0], &st_sl[0], FWP_ACTION_CALLOUT_TERMINATING,
				&st_cr, NULL), STATUS_SUCCESS,
		      "teardown: static filter");
		ST_ST(FwpmEngineClose0(h), STATUS_SUCCESS,
		      "teardown: close static session");
		ST(st_snap_n(L) == 1, "static filter outlives its session");
	}
	ST_ST(st_register(&st_cr, 0, NULL), STATUS_SUCCESS,
	      "teardown: registration left behind");
	h = st_open(true, 0);
	ST(h && FwpmTransactionBegin0(h, 0) == STATUS_SUCCESS &&
	   st_sublayer(h, &st_sl[1], 1) == STATUS_SUCCESS,
	   "teardown: dynamic session left in a transaction");

	nfwfp_engine_uninit();
	for (i = 0; i < NFWFP_L_MAX; i++)
		ST(!rcu_access_pointer(nfwfp_snaps[i]), "teardown: no snapshot");
	ST(!nfwfp_layers_active, "teardown: no layer active");
	if (nfwfp_engine_init()) {
		ST(false, "teardown: engine init again");
		return;
	}
	ST_ST(st_register(&st_cr, 0, NULL), STATUS_SUCCESS,
	      "teardown: registration gone");
	ST_ST(FwpsCalloutUnregisterByKey0(&st_cr), STATUS_SUCCESS,
	      "teardown: unregister");
	h = st_open(false, 0);
	ST(h, "teardown: session after init");
	if (h) {
		ST_ST(st_sublayer(h, &st_sl[0], 10), STATUS_SUCCESS,
		      "teardown: sublayer gone");
		ST_ST(st_sublayer(h, &st_sl[1], 10), STATUS_SUCCESS,
		      "teardown: dynamic sublayer gone");
		ST_ST(st_callout(h, &st_cr, &FWPM_LAYER_OUTBOUND_TRANSPORT_V4, NULL),
		      STATUS_SUCCESS, "teardown: callout object gone");
		ST_ST(FwpmTransactionBegin0(h, 0), STATUS_SUCCESS,
		      "teardown: transaction token free");
		ST_ST(FwpmTransactionAbort0(h), STATUS_SUCCESS, "teardown: abort");
		/* Left for the final uninit to clean up. */
	}
	ST(st_snap_n(L) == 0, "teardown: no filter after init");
}

bool nfwfp_selftest_engine(void)
{
	UINT32 id;

	st_fail = 0;
	if (nfwfp_engine_init()) {
		pr_err("engine self-test init: failed\n");
		return false;
	}
	st_keys_init();
	ST_ST(st_register(&st_co, 0, &id), STATUS_SUCCESS, "register test callout");
	ST_ST(st_register(&st_cp, FWP_CALLOUT_FLAG_ENABLE_COMMIT_ADD_NOTIFY, &id),
	      STATUS_SUCCESS, "register commit-notify callout");

	st_sessions();
	st_weights();
	st_callouts();
	st_conditions();
	st_conditions_fields();
	st_arbitration();
	st_index();

	ST_ST(FwpsCalloutUnregisterByKey0(&st_co), STATUS_SUCCESS,
	      "unregister test callout");
	ST_ST(FwpsCalloutUnregisterByKey0(&st_cp), STATUS_SUCCESS,
	      "unregister commit-notify callout");
	st_teardown();
	nfwfp_engine_uninit();
	return !st_fail;
}
