// SPDX-License-Identifier: GPL-2.0
/*
 * FwpsInjectTransportSendAsync0 / FwpsInjectTransportSendAsync1: every
 * check that can fail is made here, synchronously, so that a failure
 * leaves the NBL with its caller and no completion follows (wfp_api.md
 * §5.2). What is accepted is copied into a request (the remote address,
 * the control data that takes effect, the header-include header) and
 * queued on the handle; the caller's sendArgs need not outlive the call.
 *
 * Chains: one NBL with one NB per call. An NBL chain or an NB chain is
 * refused with STATUS_INVALID_PARAMETER (the NBLs made by nfwfp's
 * clone and allocate functions always have one NB).
 *
 * Which NBLs: clones (FwpsAllocateCloneNetBufferList0) and NBLs made with
 * FwpsAllocateNetBufferAndNetBufferList0, as WFP requires; an indicated
 * NBL belongs to the stack and is refused.
 */
#include <linux/slab.h>
#include <linux/in.h>
#include <linux/in6.h>
#include <linux/ipv6.h>
#include <linux/ip.h>
#include <net/sock.h>
#include <net/ipv6.h>

#include "fault.h"
#include "compartment.h"
#include "engine.h"
#include "inject.h"
#include "nbl.h"
#include "trace.h"

/* The send parameters of either version. */
struct nfwfp_send_args {
	const UCHAR *remote;
	ULONG scope;
	const WSACMSGHDR *ctl;
	ULONG ctl_len;
	const UCHAR *hdr;
	ULONG hdr_len;
};

static bool nfwfp_ctl_int(const u8 *data, size_t len, int max, int *out)
{
	int v;

	if (len == 1)
		v = data[0];
	else if (len >= sizeof(int))
		memcpy(&v, data, sizeof(v));
	else
		return false;
	if (v < -1 || v > max)
		return false;
	*out = v;
	return true;
}

/*
 * One control message, in Windows numbering only (the API's): Linux's
 * option numbers collide with other Windows options (1 is IP_OPTIONS,
 * 2 IP_HDRINCL, 50 IPV6_ECN), so a file built with Linux socket names
 * passes WS_IP_TOS and friends. Unknown types are ignored, as a socket
 * would.
 */
static bool nfwfp_ctl_one(struct nfwfp_inj_req *r, int level, int type,
			  const u8 *data, size_t len)
{
	struct nfwfp_inj_ctl *ctl = &r->ctl;
	ULONG ifindex;

	if (r->family == AF_INET && level == IPPROTO_IP) {
		switch (type) {
		case WS_IP_TOS:
			return nfwfp_ctl_int(data, len, 255, &ctl->tos);
		case WS_IP_TTL:
			return nfwfp_ctl_int(data, len, 255, &ctl->ttl) && ctl->ttl;
		case WS_IP_PKTINFO:	/* IN_ADDR ipi_addr; ULONG ipi_ifindex */
			if (len < 8)
				return false;
			memcpy(&ctl->src.v4, data, 4);
			memcpy(&ifindex, data + 4, 4);
			ctl->has_src = ctl->src.v4 != 0;
			ctl->ifindex = ifindex;
			return true;
		}
	} else if (r->family == AF_INET6 && level == IPPROTO_IPV6) {
		switch (type) {
		case WS_IPV6_TCLASS:
			return nfwfp_ctl_int(data, len, 255, &ctl->tos);
		case WS_IPV6_HOPLIMIT:
			return nfwfp_ctl_int(data, len, 255, &ctl->ttl) && ctl->ttl;
		case WS_IPV6_PKTINFO:	/* IN6_ADDR ipi6_addr; ULONG ipi6_ifindex */
			if (len < 20)
				return false;
			memcpy(&ctl->src.v6, data, 16);
			memcpy(&ifindex, data + 16, 4);
			ctl->has_src = !ipv6_addr_any(&ctl->src.v6);
			ctl->ifindex = ifindex;
			return true;
		}
	}
	return true;
}

/* Walk WSACMSGHDRs as WSA_CMSG_NXTHDR does; a malformed one is refused. */
static bool nfwfp_ctl_parse(struct nfwfp_inj_req *r, const u8 *p, size_t total)
{
	const size_t hlen = WSA_CMSGDATA_ALIGN(sizeof(WSACMSGHDR));
	size_t off = 0;

	r->ctl.tos = -1;
	r->ctl.ttl = -1;
	if (!p)
		return !total;
	while (off + sizeof(WSACMSGHDR) <= total) {
		const WSACMSGHDR *h = (const WSACMSGHDR *)(p + off);

		if (h->cmsg_len < hlen || h->cmsg_len > total - off)
			return false;
		if (!nfwfp_ctl_one(r, h->cmsg_level, h->cmsg_type, p + off + hlen,
				   h->cmsg_len - hlen))
			return false;
		off += WSA_CMSGHDR_ALIGN(h->cmsg_len);
	}
	return true;
}

static NTSTATUS nfwfp_send_args_take(struct nfwfp_inj_req *r,
				     const struct nfwfp_send_args *a)
{
	if (a->remote) {
		r->has_daddr = true;
		if (r->family == AF_INET)
			memcpy(&r->daddr.v4, a->remote, 4);
		else
			memcpy(&r->daddr.v6, a->remote, 16);
	}
	r->scope_id = a->scope;
	if (!nfwfp_ctl_parse(r, (const u8 *)a->ctl, a->ctl ? a->ctl_len : 0))
		return STATUS_INVALID_PARAMETER;
	if (a->hdr) {
		/* The sender's own IP header: at least a fixed header. */
		if (a->hdr_len < (r->family == AF_INET ? sizeof(struct iphdr) :
							 sizeof(struct ipv6hdr)) ||
		    a->hdr_len > 0xffff)
			return STATUS_INVALID_PARAMETER;
		r->hdr = kmemdup(a->hdr, a->hdr_len, GFP_ATOMIC | __GFP_NOWARN);
		if (!r->hdr)
			return STATUS_NO_MEMORY;
		r->hdr_len = a->hdr_len;
	}
	return STATUS_SUCCESS;
}

/*
 * Where the packet is sent: the compartment given, else the one the packet
 * was indicated in (never the socket's), else the default. A namespace
 * that went (the packet's, or the one the callout kept the id of) leaves
 * an orphan: STATUS_FWP_TCPIP_NOT_READY; an id that never named one is a
 * bad parameter.
 */
static NTSTATUS nfwfp_send_net(struct nfwfp_inj_req *r, COMPARTMENT_ID comp)
{
	u32 id = comp;

	if (comp == NFWFP_COMPARTMENT_UNSPECIFIED)
		id = r->origin ? r->origin->compartment : NFWFP_COMPARTMENT_DEFAULT;
	r->net = nfwfp_compartment_get_net(id);
	if (r->net)
		return STATUS_SUCCESS;
	return nfwfp_compartment_existed(id) ? STATUS_FWP_TCPIP_NOT_READY :
					       STATUS_INVALID_PARAMETER;
}

/*
 * The endpoint's socket when the handle still names one in that netns;
 * else a send without a socket (the handle went stale when the packet's
 * last NBL did).
 */
static void nfwfp_send_sock(struct nfwfp_inj_req *r, UINT64 endpoint)
{
	struct sock *sk = nfwfp_endpoint_get(endpoint);

	/* A dual-stack IPv6 socket sends IPv4 too (v4-mapped peers). */
	if (sk && (!net_eq(sock_net(sk), r->net) ||
		   (sk->sk_family != r->family && sk->sk_family != AF_INET6))) {
		sock_put(sk);
		sk = NULL;
	}
	r->sk = sk;
}

/* What the packet lacks that only the caller could have said. */
static bool nfwfp_send_complete_enough(const struct nfwfp_inj_req *r,
				       const struct nfwfp_send_args *a)
{
	const struct nfwfp_origin *o = r->origin;

	if (o && o->family != r->family)
		return false;
	if (r->nb_has_ip || r->hdr)
		return true;
	if (o)
		return true;
	/* From scratch: the protocol comes from the socket, the address given. */
	return r->sk && r->has_daddr;
}

/* The injection history of the new packet: the lineage's plus this one. */
static void nfwfp_send_history(struct nfwfp_inj_req *r, HANDLE injectionContext)
{
	if (r->origin)
		r->info = r->origin->inj;
	if (r->info.hops < NFWFP_INJ_HOPS_MAX) {
		r->info.hist[r->info.hops].handle = nfwfp_inject_id(r->h);
		r->info.hist[r->info.hops].ctx = injectionContext;
	}
	/* Past the array, hops still counts: the worker drops the packet. */
	if (r->info.hops < U8_MAX)
		r->info.hops++;
}

static NTSTATUS nfwfp_send_prepare(struct nfwfp_inj_req *r, HANDLE injectionContext,
				   UINT64 endpoint, const struct nfwfp_send_args *a,
				   COMPARTMENT_ID comp, bool v0)
{
	NTSTATUS st;

	r->origin = nfwfp_origin_get(nfwfp_nbl_origin(r->nbl));
	st = nfwfp_send_net(r, comp);
	if (st)
		return st;
	nfwfp_send_sock(r, endpoint);
	if (a) {
		st = nfwfp_send_args_take(r, a);
		if (st)
			return st;
	} else {
		r->ctl.tos = -1;
		r->ctl.ttl = -1;
		/* v0, raw header-include: the callout retreated to its header. */
		r->nb_has_ip = v0 && r->origin &&
			       (r->origin->flags & NFWFP_ORIGIN_HDRINCL);
	}
	if (!nfwfp_send_complete_enough(r, a))
		return STATUS_INVALID_PARAMETER;
	nfwfp_send_history(r, injectionContext);
	return STATUS_SUCCESS;
}

static bool nfwfp_send_nbl_ok(NET_BUFFER_LIST *nbl)
{
	if (!nbl || !nfwfp_nbl_is_nfwfp(nbl) || nbl->Next)
		return false;
	if (nfwfp_nbl_kind(nbl) == NFWFP_NBL_INDICATED)
		return false;
	return nbl->FirstNetBuffer && !nbl->FirstNetBuffer->Next &&
	       NET_BUFFER_DATA_LENGTH(nbl->FirstNetBuffer) &&
	       NET_BUFFER_DATA_LENGTH(nbl->FirstNetBuffer) <= 0xffff;
}

static NTSTATUS nfwfp_inject_send(HANDLE injectionHandle, HANDLE injectionContext,
				  UINT64 endpointHandle, UINT32 flags,
				  const struct nfwfp_send_args *args,
				  ADDRESS_FAMILY addressFamily, COMPARTMENT_ID compartmentId,
				  NET_BUFFER_LIST *nbl, FWPS_INJECT_COMPLETE0 completionFn,
				  HANDLE completionContext, bool v0)
{
	struct nfwfp_inj_handle *h;
	struct nfwfp_inj_req *r;
	u8 family;
	NTSTATUS st;

	if (addressFamily == WS_AF_INET)
		family = AF_INET;
	else if (addressFamily == WS_AF_INET6 || addressFamily == AF_INET6)
		family = AF_INET6;
	else
		return STATUS_INVALID_PARAMETER;
	if (flags || !completionFn || !nfwfp_send_nbl_ok(nbl))
		return STATUS_INVALID_PARAMETER;
	if (args && args->hdr && nbl->FirstNetBuffer->Next)
		return STATUS_INVALID_PARAMETER;

	st = nfwfp_inject_reserve(injectionHandle, family, &h);
	if (st)
		return st;
	r = nfwfp_fault(NFWFP_FAULT_INJECT_REQ) ? NULL :
	    kzalloc(sizeof(*r), GFP_ATOMIC | __GFP_NOWARN);
	if (!r) {
		nfwfp_inject_unreserve(h);
		return STATUS_NO_MEMORY;
	}
	r->h = h;
	r->nbl = nbl;
	r->fn = completionFn;
	r->fn_ctx = completionContext;
	r->family = family;
	st = nfwfp_send_prepare(r, injectionContext, endpointHandle, args,
				compartmentId, v0);
	if (!st && !nfwfp_nbl_inject_begin(nbl))
		st = STATUS_INVALID_PARAMETER;	/* already in flight, or freed */
	if (!st) {
		st = nfwfp_inject_queue(r);
		if (st) {
			nfwfp_nbl_inject_end(nbl);
			nfwfp_nbl_unpin(nbl);
		}
	}
	if (st) {
		nfwfp_inject_req_free(r);
		nfwfp_inject_unreserve(h);
	}
	return st;
}

/*
 * A refused call leaves the NBL with its caller; the event says why. A bad
 * argument is the caller's bug, counted as misuse; the other refusals
 * (closing, no memory, a limit, a namespace gone) are the system's state.
 */
static void nfwfp_trace_refused(HANDLE injectionHandle, NTSTATUS st)
{
	if (!st)
		return;
	nfwfp_inject_count_refused();
	if (st == STATUS_INVALID_PARAMETER)
		nfwfp_count_misuse("injection refused: invalid parameter");
	if (trace_inject_enabled())
		trace_inject(nfwfp_inject_handle_id(injectionHandle), 0, 0, st);
}

NTSTATUS NTAPI
FwpsInjectTransportSendAsync0(HANDLE injectionHandle, HANDLE injectionContext,
			      UINT64 endpointHandle, UINT32 flags,
			      FWPS_TRANSPORT_SEND_PARAMS0 *sendArgs,
			      ADDRESS_FAMILY addressFamily, COMPARTMENT_ID compartmentId,
			      NET_BUFFER_LIST *netBufferList,
			      FWPS_INJECT_COMPLETE0 completionFn,
			      HANDLE completionContext)
{
	struct nfwfp_send_args a = {};
	NTSTATUS st;

	if (sendArgs) {
		a.remote = sendArgs->remoteAddress;
		a.scope = sendArgs->remoteScopeId.Value;
		a.ctl = sendArgs->controlData;
		a.ctl_len = sendArgs->controlDataLength;
	}
	st = nfwfp_inject_send(injectionHandle, injectionContext, endpointHandle,
			       flags, sendArgs ? &a : NULL, addressFamily,
			       compartmentId, netBufferList, completionFn,
			       completionContext, true);
	nfwfp_trace_refused(injectionHandle, st);
	return st;
}
EXPORT_SYMBOL_GPL(FwpsInjectTransportSendAsync0);

NTSTATUS NTAPI
FwpsInjectTransportSendAsync1(HANDLE injectionHandle, HANDLE injectionContext,
			      UINT64 endpointHandle, UINT32 flags,
			      FWPS_TRANSPORT_SEND_PARAMS1 *sendArgs,
			      ADDRESS_FAMILY addressFamily, COMPARTMENT_ID compartmentId,
			      NET_BUFFER_LIST *netBufferList,
			      FWPS_INJECT_COMPLETE0 completionFn,
			      HANDLE completionContext)
{
	struct nfwfp_send_args a = {};
	NTSTATUS st;

	if (sendArgs) {
		a.remote = sendArgs->remoteAddress;
		a.scope = sendArgs->remoteScopeId.Value;
		a.ctl = sendArgs->controlData;
		a.ctl_len = sendArgs->controlDataLength;
		a.hdr = sendArgs->headerIncludeHeader;
		a.hdr_len = sendArgs->headerIncludeHeaderLength;
	}
	st = nfwfp_inject_send(injectionHandle, injectionContext, endpointHandle,
			       flags, sendArgs ? &a : NULL, addressFamily,
			       compartmentId, netBufferList, completionFn,
			       completionContext, false);
	nfwfp_trace_refused(injectionHandle, st);
	return st;
}
EXPORT_SYMBOL_GPL(FwpsInjectTransportSendAsync1);
