/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The filter engine: the emulated layers, callouts, sublayers, filters and
 * sessions, and the per-layer snapshots the data path reads.
 *
 * Writers (Fwpm*, FwpsCallout*, netlink) hold nfwfp_engine_mutex; a write
 * transaction additionally owns the global transaction token, so changes
 * made inside it are published to the data path only at commit, all at once.
 * Readers (classify) only ever see a published snapshot, under RCU.
 */
#ifndef _NFWFP_ENGINE_H
#define _NFWFP_ENGINE_H

#include <linux/types.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/rcupdate.h>
#include <linux/percpu.h>

#include "wfp.h"

/* The WFP layers nfwfp presents packets at. */
enum nfwfp_layer {
	NFWFP_L_TRANSPORT_V4,	/* FWPS_LAYER_OUTBOUND_TRANSPORT_V4 */
	NFWFP_L_TRANSPORT_V6,
	NFWFP_L_DATAGRAM_V4,	/* FWPS_LAYER_DATAGRAM_DATA_V4 */
	NFWFP_L_DATAGRAM_V6,
	NFWFP_L_ICMP_ERROR_V4,	/* FWPS_LAYER_OUTBOUND_ICMP_ERROR_V4 */
	NFWFP_L_ICMP_ERROR_V6,
	NFWFP_L_MAX
};

#define NFWFP_MAX_FIELDS 16

/* What a field means, whatever its index in a given layer. */
enum nfwfp_sem {
	NFWFP_SEM_IP_PROTOCOL,
	NFWFP_SEM_IP_LOCAL_ADDRESS,
	NFWFP_SEM_IP_REMOTE_ADDRESS,
	NFWFP_SEM_IP_LOCAL_ADDRESS_TYPE,
	NFWFP_SEM_IP_DESTINATION_ADDRESS_TYPE,
	NFWFP_SEM_IP_LOCAL_PORT,
	NFWFP_SEM_IP_REMOTE_PORT,
	NFWFP_SEM_ICMP_TYPE,
	NFWFP_SEM_ICMP_CODE,
	NFWFP_SEM_IP_LOCAL_INTERFACE,
	NFWFP_SEM_INTERFACE_INDEX,
	NFWFP_SEM_SUB_INTERFACE_INDEX,
	NFWFP_SEM_FLAGS,
	NFWFP_SEM_INTERFACE_TYPE,
	NFWFP_SEM_TUNNEL_TYPE,
	NFWFP_SEM_CURRENT_PROFILE_ID,
	NFWFP_SEM_IPSEC_SECURITY_REALM_ID,
	NFWFP_SEM_NEXTHOP_INTERFACE_PROFILE_ID,
	NFWFP_SEM_INTERFACE_QUARANTINE_EPOCH,
	NFWFP_SEM_COMPARTMENT_ID,
	NFWFP_SEM_DIRECTION,
};

struct nfwfp_field_info {
	const GUID *key;	/* FWPM_CONDITION_* */
	u8 sem;			/* enum nfwfp_sem */
	FWP_DATA_TYPE type;	/* the incoming value's type */
	const char *name;
};

struct nfwfp_layer_info {
	u16 layer_id;		/* FWPS_LAYER_* */
	const GUID *key;	/* FWPM_LAYER_* */
	const char *name;	/* as nfwfpctl spells it */
	u8 family;		/* AF_INET / AF_INET6 */
	u16 num_fields;		/* FWPS_FIELD_<layer>_MAX */
	const struct nfwfp_field_info *fields;
};

extern const struct nfwfp_layer_info nfwfp_layers[NFWFP_L_MAX];
int nfwfp_layer_by_key(const GUID *key);
u32 nfwfp_layer_filters(int layer);

/* A compiled filter condition; see filter.c. */
enum nfwfp_cond_kind {
	NFWFP_COND_NUM,		/* lo */
	NFWFP_COND_NUM_RANGE,	/* lo..hi */
	NFWFP_COND_V4_MASK,	/* lo = address, hi = mask (host order) */
	NFWFP_COND_BYTES,	/* b */
	NFWFP_COND_BYTES_RANGE,	/* b..bhi */
	NFWFP_COND_V6_PREFIX,	/* b / plen */
};

struct nfwfp_cond {
	u16 field;
	u8 match;		/* FWP_MATCH_TYPE */
	u8 kind;		/* enum nfwfp_cond_kind */
	bool or_next;		/* ORed with the next one (same field) */
	u8 plen;
	u64 lo, hi;
	u8 b[16], bhi[16];
	/* What the run-time FWPS_FILTER_CONDITION0 points into. */
	UINT64 u64lo, u64hi;
	FWP_BYTE_ARRAY16 balo, bahi;
	FWP_V4_ADDR_AND_MASK v4m;
	FWP_V6_ADDR_AND_MASK v6m;
	FWP_RANGE0 range;
};

/* Per-CPU counters of a filter, a callout or a sublayer. */
struct nfwfp_filter_stats {
	u64 matched;
	u64 permitted;
	u64 blocked;
	u64 absorbed;
};

/*
 * The counters of one object: bumped per CPU without atomics by classify,
 * so a reset cannot write them; it records their sum as the new zero.
 */
struct nfwfp_obj_stats {
	struct nfwfp_filter_stats __percpu *pcpu;
	struct nfwfp_filter_stats base;		/* engine mutex */
};

struct nfwfp_callout_rt;
struct nfwfp_session;

/* A callout, known by key from FwpmCalloutAdd0 and/or FwpsCalloutRegister. */
struct nfwfp_callout {
	struct list_head node;
	GUID key;
	u32 id;
	/* management object (FwpmCalloutAdd0) */
	bool added;
	bool by_kernel;			/* added by a driver's FWPM session */
	int layer;			/* applicable layer, enum nfwfp_layer */
	u32 mflags;
	struct nfwfp_session *session;
	char *name;
	unsigned int nfilters;		/* filters whose action names it */
	/* run-time registration (FwpsCalloutRegister*); NULL when not */
	struct nfwfp_callout_rt __rcu *rt;
	struct nfwfp_obj_stats stats;	/* classifyFn calls */
	struct rcu_head rcu;
};

struct nfwfp_callout_rt {
	u8 version;			/* 0..3: which FWPS_CALLOUTx */
	u32 flags;			/* FWP_CALLOUT_FLAG_* */
	void *classify;			/* FWPS_CALLOUT_CLASSIFY_FNx */
	void *notify;			/* FWPS_CALLOUT_NOTIFY_FNx */
	FWPS_CALLOUT_FLOW_DELETE_NOTIFY_FN0 flow_delete;
	/* deviceObject: the driver it belongs to, when that holds it. */
	const void *device_object;
	/* the module of an IoCreateDevice device object, else NULL */
	struct module *device_owner;
	struct rcu_head rcu;
};

struct nfwfp_sublayer {
	struct list_head node;
	struct rcu_head rcu;
	GUID key;
	u16 weight;
	u32 mflags;
	u64 seq;			/* creation order breaks weight ties */
	bool builtin;
	bool by_kernel;			/* added by a driver's FWPM session */
	struct nfwfp_session *session;
	char *name;
	unsigned int nfilters;
	struct nfwfp_obj_stats stats;	/* decisions it made */
};

struct nfwfp_filter {
	struct list_head node;
	GUID key;
	u64 id;
	int layer;			/* enum nfwfp_layer */
	struct nfwfp_sublayer *sublayer;
	u64 weight;			/* effective weight */
	u64 seq;
	u32 mflags;			/* FWPM_FILTER_FLAG_* */
	bool by_kernel;			/* added by a driver's FWPM session */
	FWP_ACTION_TYPE action;
	struct nfwfp_callout *callout;	/* callout actions only */
	struct nfwfp_session *session;
	char *name;
	u32 ncond;
	struct nfwfp_cond *conds;
	FWPS_FILTER_CONDITION0 *fwps_conds;
	FWPS_FILTER3 fwps;		/* what classifyFn/notifyFn see */
	struct nfwfp_obj_stats stats;
	struct rcu_head rcu;
};

/* What the data path reads: one sorted, immutable array per layer. */
struct nfwfp_layer_snap {
	unsigned int n;
	unsigned int cap;		/* reserved before a change is accepted */
	/* The filter index (index.c); key_bits 0: none, walk them all. */
	u8 key_bits;
	u16 key_field;
	u32 *pos;			/* keyed positions by bucket, then the rest */
	u32 *bucket;			/* bucket h: pos[bucket[h]..bucket[h + 1]) */
	struct rcu_head rcu;
	struct nfwfp_filter *f[];	/* sublayer weight desc, then filter weight desc */
};

extern struct nfwfp_layer_snap __rcu *nfwfp_snaps[NFWFP_L_MAX];
/* Bit per enum nfwfp_layer with at least one filter: the hook's early exit. */
extern unsigned long nfwfp_layers_active;

/* Sessions (FwpmEngineOpen0 handles and netlink sockets). */
struct nfwfp_session {
	struct list_head node;
	GUID key;
	u32 flags;			/* FWPM_SESSION_FLAG_* */
	u32 txn_timeout_ms;
	bool in_txn;
	bool txn_readonly;
	bool owns;			/* added an object as dynamic (netlink) */
	bool netlink;			/* a netlink socket's, not a driver's */
	struct list_head undo;		/* struct nfwfp_undo, newest first */
	unsigned long owner_ip;		/* where FwpmEngineOpen0 was called */
};

extern struct mutex nfwfp_engine_mutex;
/*
 * The object lists, for readers that hold nfwfp_engine_mutex (netlink
 * dumps); nfwfp_engine_gen changes whenever any of them may have.
 */
extern struct list_head nfwfp_sublayers, nfwfp_filters, nfwfp_callouts;
extern u64 nfwfp_engine_gen;
int nfwfp_filter_cmp(const void *a, const void *b);

/* Object counters (engine.c): read net of the last reset; reset all. */
int nfwfp_obj_stats_init(struct nfwfp_obj_stats *st);
void nfwfp_obj_stats_read(const struct nfwfp_obj_stats *st,
			  struct nfwfp_filter_stats *sum);
void nfwfp_engine_reset_stats(void);

/* Events: called at commit for each change that became visible (netlink.c). */
enum nfwfp_event {
	NFWFP_EV_NEW_SUBLAYER,
	NFWFP_EV_DEL_SUBLAYER,
	NFWFP_EV_NEW_CALLOUT,
	NFWFP_EV_DEL_CALLOUT,
	NFWFP_EV_NEW_FILTER,
	NFWFP_EV_DEL_FILTER,
};
void nfwfp_nl_event(enum nfwfp_event ev, const void *obj);

int nfwfp_engine_init(void);
void nfwfp_engine_uninit(void);

struct seq_file;
void nfwfp_engine_show(struct seq_file *m);
void nfwfp_callouts_show(struct seq_file *m);
void nfwfp_callout_show_stats(struct seq_file *m, struct nfwfp_callout *c);

/* Transactions: every change runs inside one, explicit or implicit. */
NTSTATUS nfwfp_txn_begin(struct nfwfp_session *s, u32 flags);
NTSTATUS nfwfp_txn_commit(struct nfwfp_session *s);
NTSTATUS nfwfp_txn_abort(struct nfwfp_session *s);

struct nfwfp_session *nfwfp_session_open(const FWPM_SESSION0 *tmpl,
					 unsigned long owner_ip, NTSTATUS *status);
NTSTATUS nfwfp_session_close(struct nfwfp_session *s);
struct nfwfp_session *nfwfp_session_lookup(HANDLE h);

/*
 * @dynamic: the object belongs to @s and goes when @s closes (always so for
 * a dynamic FWPM session; per object for netlink sockets).
 */
NTSTATUS nfwfp_sublayer_add(struct nfwfp_session *s, const FWPM_SUBLAYER0 *sl,
			    bool dynamic);
NTSTATUS nfwfp_sublayer_delete(struct nfwfp_session *s, const GUID *key);
NTSTATUS nfwfp_callout_add(struct nfwfp_session *s, const FWPM_CALLOUT0 *c,
			   bool dynamic, u32 *id);
NTSTATUS nfwfp_callout_delete(struct nfwfp_session *s, const GUID *key,
			      const u32 *id);
/* An interface-index condition field: meaningful only with a compartment. */
bool nfwfp_is_iface_field(const GUID *key);
NTSTATUS nfwfp_filter_add(struct nfwfp_session *s, const FWPM_FILTER0 *f,
			  bool dynamic, u64 *id);
NTSTATUS nfwfp_filter_delete(struct nfwfp_session *s, const GUID *key,
			     const u64 *id);
/* Delete every filter of @layer (-1: any) and @sublayer (NULL: any). */
NTSTATUS nfwfp_filter_flush(struct nfwfp_session *s, int layer,
			    const GUID *sublayer, u32 *deleted);

/* Run-time callouts (callout.c). */
NTSTATUS nfwfp_callout_register(u8 version, const GUID *key, u32 flags,
				void *classify, void *notify,
				FWPS_CALLOUT_FLOW_DELETE_NOTIFY_FN0 flow_delete,
				void *device_object, u32 *id);
NTSTATUS nfwfp_callout_unregister(const GUID *key, const u32 *id);
void nfwfp_callout_owner_gone(struct module *mod);
void nfwfp_callouts_uninit(void);
struct nfwfp_callout *nfwfp_callout_find(const GUID *key, const u32 *id);
struct nfwfp_callout *nfwfp_callout_get_or_create(const GUID *key);
void nfwfp_callout_put_if_unused(struct nfwfp_callout *c);
void nfwfp_callouts_delete_session(struct nfwfp_session *s);
void nfwfp_callout_delete_for_session(struct nfwfp_session *s,
				      struct nfwfp_callout *c);
NTSTATUS nfwfp_callout_notify(struct nfwfp_callout *c,
			      FWPS_CALLOUT_NOTIFY_TYPE type,
			      struct nfwfp_filter *f);

/* Conditions and weights (filter.c). */
NTSTATUS nfwfp_filter_compile(struct nfwfp_filter *f, const FWPM_FILTER0 *fm);
void nfwfp_filter_free_conds(struct nfwfp_filter *f);
bool nfwfp_filter_match(const struct nfwfp_filter *f,
			const FWPS_INCOMING_VALUES0 *in);
bool nfwfp_incoming_num(const FWP_VALUE0 *v, u64 *out);

/* Misuse the C API cannot prevent is answered with a status and counted. */
void nfwfp_count_misuse(const char *what);
u64 nfwfp_misuse_count(void);
void nfwfp_misuse_reset(void);

void nfwfp_sessions_owner_gone(struct module *mod);

static inline bool nfwfp_session_dynamic(const struct nfwfp_session *s)
{
	return s->flags & FWPM_SESSION_FLAG_DYNAMIC;
}

static inline bool nfwfp_guid_is_zero(const GUID *g)
{
	return !memchr_inv(g, 0, sizeof(*g));
}

static inline bool nfwfp_guid_eq(const GUID *a, const GUID *b)
{
	return !memcmp(a, b, sizeof(*a));
}

#endif /* _NFWFP_ENGINE_H */
