/* SPDX-License-Identifier: GPL-2.0 */
/*
 * nfwfp's tracepoints, for perf, trace-cmd, bpftrace and tracefs:
 *
 *   nfwfp:classify  a filter decided at a layer (final=0), or a layer's
 *                   arbitrated verdict and the filter that decided it
 *                   (final=1; filter=0 when none did: permit)
 *   nfwfp:absorb    a packet left the send path: BLOCK + ABSORB
 *   nfwfp:inject    a FwpsInjectTransportSendAsync call, accepted
 *                   (status=0x0) or refused (its NTSTATUS)
 *   nfwfp:complete  an accepted injection completes with this
 *                   NET_BUFFER_LIST_STATUS
 *   nfwfp:drop      nfwfp dropped a packet itself, and why (drop.h)
 *
 * Layers are run-time ids (FWPS_LAYER_*: 16 outbound transport v4, ...),
 * 0 when the event is not at a layer. Filters and callouts are their
 * engine ids, injection handles their ids (never reused), an injection
 * the handle's id and its request number on that handle. No kernel
 * address is recorded. The arguments are what the caller has at hand;
 * anything derived is computed here, only while the event is enabled.
 */
#undef TRACE_SYSTEM
#define TRACE_SYSTEM nfwfp

#if !defined(_NFWFP_TRACE_H) || defined(TRACE_HEADER_MULTI_READ)
#define _NFWFP_TRACE_H

#include <linux/tracepoint.h>

#include "drop.h"
#include "engine.h"

/* FWP_ACTION_BLOCK, _PERMIT, _CONTINUE (trace.c checks the values). */
#define nfwfp_show_action(a)					\
	__print_symbolic(a, { 0x1001, "block" }, { 0x1002, "permit" },	\
			 { 0x2006, "continue" })

#undef EM
#undef EMe
#define EM(a, b) TRACE_DEFINE_ENUM(a);
#define EMe(a, b) TRACE_DEFINE_ENUM(a);
NFWFP_DROP_REASONS
#undef EM
#undef EMe
#define EM(a, b) { a, #b },
#define EMe(a, b) { a, #b }

#define nfwfp_filter_id(f) ((f) ? (f)->id : 0)
#define nfwfp_callout_id(f) ((f) && (f)->callout ? (f)->callout->id : 0)

TRACE_EVENT(classify,
	TP_PROTO(u16 layer, const struct nfwfp_filter *f, u32 action,
		 bool hard, bool absorb, bool final),
	TP_ARGS(layer, f, action, hard, absorb, final),
	TP_STRUCT__entry(
		__field(u64, filter)
		__field(u32, callout)
		__field(u32, action)
		__field(u16, layer)
		__field(u8, hard)
		__field(u8, absorb)
		__field(u8, final)
	),
	TP_fast_assign(
		__entry->filter = nfwfp_filter_id(f);
		__entry->callout = nfwfp_callout_id(f);
		__entry->action = action;
		__entry->layer = layer;
		__entry->hard = hard;
		__entry->absorb = absorb;
		__entry->final = final;
	),
	TP_printk("layer=%u filter=%llu callout=%u action=%s hard=%u absorb=%u final=%u",
		  __entry->layer, __entry->filter, __entry->callout,
		  nfwfp_show_action(__entry->action), __entry->hard,
		  __entry->absorb, __entry->final)
);

TRACE_EVENT(absorb,
	TP_PROTO(u16 layer, const struct nfwfp_filter *f, unsigned int refs),
	TP_ARGS(layer, f, refs),
	TP_STRUCT__entry(
		__field(u64, filter)
		__field(u32, callout)
		__field(u16, layer)
		__field(u8, referenced)
	),
	TP_fast_assign(
		__entry->filter = nfwfp_filter_id(f);
		__entry->callout = nfwfp_callout_id(f);
		__entry->layer = layer;
		__entry->referenced = refs;
	),
	TP_printk("layer=%u filter=%llu callout=%u referenced=%u",
		  __entry->layer, __entry->filter, __entry->callout,
		  __entry->referenced)
);

TRACE_EVENT(inject,
	TP_PROTO(u64 handle, u64 req, u8 hops, u32 status),
	TP_ARGS(handle, req, hops, status),
	TP_STRUCT__entry(
		__field(u64, handle)
		__field(u64, req)
		__field(u32, status)
		__field(u8, hops)
	),
	TP_fast_assign(
		__entry->handle = handle;
		__entry->req = req;
		__entry->status = status;
		__entry->hops = hops;
	),
	TP_printk("handle=%llu req=%llu hops=%u status=0x%x",
		  __entry->handle, __entry->req, __entry->hops, __entry->status)
);

TRACE_EVENT(complete,
	TP_PROTO(u64 handle, u64 req, u32 status, int err),
	TP_ARGS(handle, req, status, err),
	TP_STRUCT__entry(
		__field(u64, handle)
		__field(u64, req)
		__field(u32, status)
		__field(int, err)
	),
	TP_fast_assign(
		__entry->handle = handle;
		__entry->req = req;
		__entry->status = status;
		__entry->err = err;
	),
	TP_printk("handle=%llu req=%llu status=0x%x err=%d",
		  __entry->handle, __entry->req, __entry->status, __entry->err)
);

TRACE_EVENT(drop,
	TP_PROTO(enum nfwfp_drop_reason reason, u16 layer,
		 const struct nfwfp_filter *f, u64 handle, u32 status),
	TP_ARGS(reason, layer, f, handle, status),
	TP_STRUCT__entry(
		__field(u64, filter)
		__field(u64, handle)
		__field(u32, callout)
		__field(u32, status)
		__field(u16, layer)
		__field(u8, reason)
	),
	TP_fast_assign(
		__entry->filter = nfwfp_filter_id(f);
		__entry->handle = handle;
		__entry->callout = nfwfp_callout_id(f);
		__entry->status = status;
		__entry->layer = layer;
		__entry->reason = reason;
	),
	TP_printk("reason=%s layer=%u filter=%llu callout=%u handle=%llu status=0x%x",
		  __print_symbolic(__entry->reason, NFWFP_DROP_REASONS),
		  __entry->layer, __entry->filter, __entry->callout,
		  __entry->handle, __entry->status)
);

#endif /* _NFWFP_TRACE_H */

/* An out-of-tree module: define_trace.h finds this file through -I$(src). */
#undef TRACE_INCLUDE_PATH
#define TRACE_INCLUDE_PATH .
#undef TRACE_INCLUDE_FILE
#define TRACE_INCLUDE_FILE trace
#include <trace/define_trace.h>
