// SPDX-License-Identifier: GPL-2.0
/*
 * An inspect-style callout driver, written the way Microsoft's TLInspect
 * sample is: at OUTBOUND_TRANSPORT_V4/V6, classifyFn lets through what its
 * own injection handle injected, and takes everything else out of the send
 * path (reference, BLOCK + ABSORB); a worker later clones the packet,
 * dereferences the original, optionally changes the clone, and injects it
 * with FwpsInjectTransportSendAsync1 (or 0); the completion frees the
 * clone. User space reads the counters from debugfs.
 *
 * Parameters:
 *   proto=N, port=N      filter conditions (IP protocol, remote port; 0 any)
 *   modify=0             inject the clone unchanged
 *   modify=1             XOR every payload byte with 0x5a (same length)
 *   intend_modify=0|1    intendToModify of the reference taken at classify
 *                        (default: 1 with modify=1, else 0)
 *   modify=2             UDP: a new NBL (FwpsAllocateNetBufferAndNetBufferList0
 *                        over our own buffer) with "+WFP" appended; the
 *                        original stays referenced until the completion,
 *                        which frees the buffer and dereferences it
 *   modify=3             UDP: the same with the bytes unchanged
 *   late_deref=1         the clone path keeps the original referenced until
 *                        the completion too (default: dereferenced at once)
 *   scribble=1           write junk into the clone's TCP/UDP checksum field
 *                        (intend_modify defaults to 1 then)
 *   af_linux=1           pass Linux's AF_INET6 (10) for IPv6, not WDK's 23
 *   unspec_comp=1        pass UNSPECIFIED_COMPARTMENT_ID, not the metadata's
 *   try_indicated=1      also try to inject the indicated NBL itself once,
 *                        from classifyFn (must be refused: indicated_status)
 *   redirect=ADDR        sendArgs->remoteAddress (IPv4 or IPv6 text)
 *   tos=N, ttl=N         controlData: IP_TOS/IPV6_TCLASS, IP_TTL/IPV6_HOPLIMIT
 *   src=ADDR             controlData: IP_PKTINFO/IPV6_PKTINFO with this source
 *   version=0|1          FwpsInjectTransportSendAsync0 or ...1
 *   delay_ms=N           hold each packet N ms before injecting
 *   weight=N             the sublayer's weight (two instances: order)
 *   inject_all=1         re-inject packets other handles injected too
 *                        (the loop test: only BY_SELF/PREVIOUSLY pass)
 *   inject_all=2         re-inject even its own (a looping driver: nfwfp's
 *                        re-injection budget must stop it)
 *
 * Every injection passes an injectionContext that names the instance; the
 * context read back with the state is checked (context_mismatch).
 *
 * Raw header-include packets are injected the two documented ways: with
 * version=1 the sender's IP header goes in sendArgs->headerIncludeHeader;
 * with version=0 the clone is retreated to the IP header and sendArgs is
 * NULL.
 *
 * The same source builds nfwfp_test_inject2 (INSTANCE 2) with its own keys,
 * so that two such drivers can run at once.
 */
#include <linux/module.h>
#include <linux/debugfs.h>
#include <linux/seq_file.h>
#include <linux/spinlock.h>
#include <linux/workqueue.h>
#include <linux/inet.h>
#include <linux/slab.h>

#include <ntddk.h>
#include <ndis.h>
#include <fwpsk.h>
#include <fwpmk.h>

#ifndef INSTANCE
#define INSTANCE 1
#endif

static int proto;
module_param(proto, int, 0444);
static int port;
module_param(port, int, 0444);
static int modify;
module_param(modify, int, 0444);
static int intend_modify = -1;
module_param(intend_modify, int, 0444);
static char *redirect = "";
module_param(redirect, charp, 0444);
static char *src = "";
module_param(src, charp, 0444);
static int tos = -1;
module_param(tos, int, 0444);
static int ttl = -1;
module_param(ttl, int, 0444);
static int version = 1;
module_param(version, int, 0444);
static int delay_ms;
module_param(delay_ms, int, 0444);
static int weight = 0x100;
module_param(weight, int, 0444);
static int inject_all;
module_param(inject_all, int, 0444);
static int late_deref;
module_param(late_deref, int, 0444);
static int scribble;
module_param(scribble, int, 0444);
static int af_linux;
module_param(af_linux, int, 0444);
static int unspec_comp;
module_param(unspec_comp, int, 0444);
static int try_indicated;
module_param(try_indicated, int, 0444);

/* Linux's AF_INET6, which nfwfp accepts besides the WDK's 23. */
#define LINUX_AF_INET6	10

/* 6c0f2a41-93d5-4e1b-a7c2-58e0d1f4b3a0 + instance and layer in the last bytes */
#define TEST_KEY(n) { 0x6c0f2a41, 0x93d5, 0x4e1b, \
	{ 0xa7, 0xc2, 0x58, 0xe0, 0xd1, 0xf4, 0x10 * INSTANCE, 0xa0 + (n) } }

static const GUID gSubLayerKey = TEST_KEY(0x10);

typedef struct _PENDED_PACKET {
	struct list_head link;
	NET_BUFFER_LIST *original;	/* referenced in classifyFn */
	NET_BUFFER_LIST *injected;	/* the clone or the new NBL */
	ADDRESS_FAMILY af;
	UINT64 endpointHandle;
	COMPARTMENT_ID compartmentId;
	SCOPE_ID remoteScopeId;
	UINT32 transportHeaderSize;
	UINT8 protocol;
	UINT8 remoteAddress[16];
	UINT8 *buffer;			/* modify=2 */
	MDL *mdl;
	UINT8 *headerInclude;		/* raw header-include senders */
	ULONG headerIncludeLength;
	UINT32 ipHeaderSize;
	UINT8 controlData[2 * 24 + 40];
	ULONG controlDataLength;
	FWPS_TRANSPORT_SEND_PARAMS1 sendArgs;
} PENDED_PACKET;

static HANDLE gEngineHandle;
static HANDLE gInjectionHandle;
static NDIS_HANDLE gNblPool;
static UINT32 gCalloutIds[2];
static UINT8 gRedirect[16];
static ADDRESS_FAMILY gRedirectAf;
static UINT8 gSource[16];
static ADDRESS_FAMILY gSourceAf;

static LIST_HEAD(gPendedList);
static DEFINE_SPINLOCK(gPendedLock);
static BOOLEAN gClosing;
static struct delayed_work gWorker;
static struct dentry *gDebugDir;

static atomic64_t gPended, gInjected, gInjectFailed, gCompleted, gCompletedOk;
static atomic64_t gSelf, gPrevious, gOther, gNotInjected, gCloneFailed;
static atomic64_t gContextMismatch;
static atomic_t gLastSyncStatus, gLastCompletionStatus;
static atomic_t gIndicatedStatus, gIndicatedTried;

#define INJECTION_CONTEXT ((HANDLE)(0xc0ffee00UL + INSTANCE))

static int stats_show(struct seq_file *m, void *v)
{
	seq_printf(m, "pended %lld\ninjected %lld\ninject_failed %lld\n"
		   "completed %lld\ncompleted_ok %lld\nclone_failed %lld\n"
		   "seen_self %lld\nseen_previous %lld\nseen_other %lld\n"
		   "seen_not_injected %lld\nlast_sync_status %#x\n"
		   "last_completion_status %#x\ncontext_mismatch %lld\n"
		   "indicated_status %#x\n",
		   atomic64_read(&gPended), atomic64_read(&gInjected),
		   atomic64_read(&gInjectFailed), atomic64_read(&gCompleted),
		   atomic64_read(&gCompletedOk), atomic64_read(&gCloneFailed),
		   atomic64_read(&gSelf), atomic64_read(&gPrevious),
		   atomic64_read(&gOther), atomic64_read(&gNotInjected),
		   atomic_read(&gLastSyncStatus), atomic_read(&gLastCompletionStatus),
		   atomic64_read(&gContextMismatch), atomic_read(&gIndicatedStatus));
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(stats);

static void FreePendedPacket(PENDED_PACKET *p)
{
	if (p->original)
		FwpsDereferenceNetBufferList0(p->original, FALSE);
	kfree(p->buffer);
	kfree(p->headerInclude);
	if (p->mdl)
		IoFreeMdl(p->mdl);
	kfree(p);
}

static void NTAPI InjectComplete(void *context, NET_BUFFER_LIST *nbl,
				 BOOLEAN dispatchLevel)
{
	PENDED_PACKET *p = context;
	NTSTATUS status = NET_BUFFER_LIST_STATUS(nbl);

	UNREFERENCED_PARAMETER(dispatchLevel);
	atomic64_inc(&gCompleted);
	if (NT_SUCCESS(status))
		atomic64_inc(&gCompletedOk);
	atomic_set(&gLastCompletionStatus, status);
	if (p->buffer)
		FwpsFreeNetBufferList0(nbl);
	else
		FwpsFreeCloneNetBufferList0(nbl, 0);
	FreePendedPacket(p);
}

/* XOR the payload (after the transport header) of the first NB. */
static void XorPayload(NET_BUFFER *nb, UINT32 skip)
{
	MDL *mdl = NET_BUFFER_CURRENT_MDL(nb);
	ULONG off = NET_BUFFER_CURRENT_MDL_OFFSET(nb);
	ULONG left = NET_BUFFER_DATA_LENGTH(nb);

	for (; mdl && left; mdl = mdl->Next, off = 0) {
		UINT8 *va = MmGetSystemAddressForMdlSafe(mdl, NormalPagePriority);
		ULONG n = min(left, MmGetMdlByteCount(mdl) - off), i;

		for (i = 0; i < n; i++) {
			if (skip) {
				skip--;
				continue;
			}
			va[off + i] ^= 0x5a;
		}
		left -= n;
	}
}

/* scribble=1: junk over the checksum field, at @off in the first NB. */
static void Scribble(NET_BUFFER *nb, ULONG off)
{
	static const UINT8 junk[2] = { 0xbe, 0xef };
	MDL *mdl = NET_BUFFER_CURRENT_MDL(nb);
	ULONG moff = NET_BUFFER_CURRENT_MDL_OFFSET(nb), i = 0;

	if (NET_BUFFER_DATA_LENGTH(nb) < off + sizeof(junk))
		return;
	for (; mdl && i < sizeof(junk); mdl = mdl->Next, moff = 0) {
		UINT8 *va = MmGetSystemAddressForMdlSafe(mdl, NormalPagePriority);
		ULONG n = MmGetMdlByteCount(mdl) - moff;

		/* Skip whole MDLs before the field, then write across. */
		if (off >= n) {
			off -= n;
			continue;
		}
		for (; off < n && i < sizeof(junk); off++)
			va[moff + off] = junk[i++];
		off = 0;
	}
}

/*
 * modify=2: the UDP datagram with "+WFP" appended, in a new NBL;
 * modify=3: the same bytes, unchanged.
 */
static NTSTATUS BuildAppended(PENDED_PACKET *p)
{
	NET_BUFFER *nb = NET_BUFFER_LIST_FIRST_NB(p->original);
	ULONG len = NET_BUFFER_DATA_LENGTH(nb);
	ULONG extra = modify == 2 ? 4 : 0;
	UINT8 *data;

	p->buffer = kmalloc(len + 4, GFP_KERNEL);
	if (!p->buffer)
		return STATUS_NO_MEMORY;
	data = NdisGetDataBuffer(nb, len, p->buffer, 1, 0);
	if (!data)
		return STATUS_INVALID_PARAMETER;
	if (data != p->buffer)
		memcpy(p->buffer, data, len);
	memcpy(p->buffer + len, "+WFP", extra);
	p->mdl = IoAllocateMdl(p->buffer, len + extra, FALSE, FALSE, NULL);
	if (!p->mdl)
		return STATUS_NO_MEMORY;
	MmBuildMdlForNonPagedPool(p->mdl);
	return FwpsAllocateNetBufferAndNetBufferList0(gNblPool, 0, 0, p->mdl, 0,
						      len + extra, &p->injected);
}

static void AddControlData(PENDED_PACKET *p, INT level, INT type,
			   const void *data, ULONG length)
{
	WSACMSGHDR *h = (WSACMSGHDR *)(p->controlData + p->controlDataLength);

	h->cmsg_len = WSA_CMSG_LEN(length);
	h->cmsg_level = level;
	h->cmsg_type = type;
	memcpy(WSA_CMSG_DATA(h), data, length);
	p->controlDataLength += WSA_CMSG_SPACE(length);
}

static void AddPktInfo(PENDED_PACKET *p)
{
	IN6_PKTINFO i6 = { 0 };
	IN_PKTINFO i4 = { 0 };

	if (p->af == AF_INET) {
		memcpy(&i4.ipi_addr, gSource, 4);
		AddControlData(p, IPPROTO_IP, IP_PKTINFO, &i4, sizeof(i4));
	} else {
		memcpy(&i6.ipi6_addr, gSource, 16);
		AddControlData(p, IPPROTO_IPV6, IPV6_PKTINFO, &i6, sizeof(i6));
	}
}

static FWPS_TRANSPORT_SEND_PARAMS1 *SendArgs(PENDED_PACKET *p)
{
	FWPS_TRANSPORT_SEND_PARAMS1 *a = &p->sendArgs;
	BOOLEAN v4 = p->af == AF_INET;

	if (tos >= 0)
		AddControlData(p, v4 ? IPPROTO_IP : IPPROTO_IPV6,
			       v4 ? IP_TOS : IPV6_TCLASS, &tos, sizeof(tos));
	if (ttl >= 0)
		AddControlData(p, v4 ? IPPROTO_IP : IPPROTO_IPV6,
			       v4 ? IP_TTL : IPV6_HOPLIMIT, &ttl, sizeof(ttl));
	if (gSourceAf == p->af)
		AddPktInfo(p);
	a->remoteAddress = p->remoteAddress;
	if (gRedirectAf == p->af)
		a->remoteAddress = gRedirect;
	a->remoteScopeId = p->remoteScopeId;
	a->controlData = p->controlDataLength ? (WSACMSGHDR *)p->controlData : NULL;
	a->controlDataLength = p->controlDataLength;
	a->headerIncludeHeader = p->headerInclude;
	a->headerIncludeHeaderLength = p->headerIncludeLength;
	return a;
}

static NTSTATUS Inject(PENDED_PACKET *p)
{
	FWPS_TRANSPORT_SEND_PARAMS1 *a = SendArgs(p);
	ADDRESS_FAMILY af = p->af == AF_INET6 && af_linux ? LINUX_AF_INET6 : p->af;
	COMPARTMENT_ID comp = unspec_comp ? UNSPECIFIED_COMPARTMENT_ID : p->compartmentId;

	if (version == 0 && p->headerInclude) {
		/* v0 has no header field: the NBL itself starts at the header. */
		if (NdisRetreatNetBufferDataStart(NET_BUFFER_LIST_FIRST_NB(p->injected),
						  p->ipHeaderSize, 0, NULL) != NDIS_STATUS_SUCCESS)
			return STATUS_NO_MEMORY;
		return FwpsInjectTransportSendAsync0(gInjectionHandle, INJECTION_CONTEXT,
			p->endpointHandle, 0, NULL, af, comp,
			p->injected, InjectComplete, p);
	}
	if (version == 0)
		return FwpsInjectTransportSendAsync0(gInjectionHandle, INJECTION_CONTEXT,
			p->endpointHandle, 0, (FWPS_TRANSPORT_SEND_PARAMS0 *)a,
			af, comp, p->injected, InjectComplete, p);
	return FwpsInjectTransportSendAsync1(gInjectionHandle, INJECTION_CONTEXT,
		p->endpointHandle, 0, a, af, comp, p->injected,
		InjectComplete, p);
}

static void ProcessPended(PENDED_PACKET *p)
{
	NTSTATUS status;

	if ((modify == 2 || modify == 3) && p->protocol == IPPROTO_UDP) {
		status = BuildAppended(p);
	} else {
		status = FwpsAllocateCloneNetBufferList0(p->original, NULL, NULL, 0,
							 &p->injected);
		if (NT_SUCCESS(status)) {
			/* The clone keeps the data: undo the reference at once. */
			if (!late_deref) {
				FwpsDereferenceNetBufferList0(p->original, FALSE);
				p->original = NULL;
			}
			if (modify == 1)
				XorPayload(NET_BUFFER_LIST_FIRST_NB(p->injected),
					   p->transportHeaderSize);
			if (scribble && (p->protocol == IPPROTO_TCP ||
					 p->protocol == IPPROTO_UDP))
				Scribble(NET_BUFFER_LIST_FIRST_NB(p->injected),
					 p->protocol == IPPROTO_TCP ? 16 : 6);
		}
	}
	if (!NT_SUCCESS(status)) {
		atomic64_inc(&gCloneFailed);
		if (p->injected && p->buffer)
			FwpsFreeNetBufferList0(p->injected);
		FreePendedPacket(p);
		return;
	}
	status = Inject(p);
	atomic_set(&gLastSyncStatus, status);
	if (!NT_SUCCESS(status)) {
		/* Not injected: the NBL is still ours. */
		atomic64_inc(&gInjectFailed);
		if (p->buffer)
			FwpsFreeNetBufferList0(p->injected);
		else
			FwpsFreeCloneNetBufferList0(p->injected, 0);
		FreePendedPacket(p);
		return;
	}
	atomic64_inc(&gInjected);
}

static void Worker(struct work_struct *work)
{
	PENDED_PACKET *p;

	for (;;) {
		spin_lock_bh(&gPendedLock);
		p = list_first_entry_or_null(&gPendedList, PENDED_PACKET, link);
		if (p)
			list_del(&p->link);
		spin_unlock_bh(&gPendedLock);
		if (!p)
			break;
		ProcessPended(p);
	}
}

static void FillPended(PENDED_PACKET *p, const FWPS_INCOMING_VALUES0 *in,
		       const FWPS_INCOMING_METADATA_VALUES0 *meta)
{
	BOOLEAN v4 = in->layerId == FWPS_LAYER_OUTBOUND_TRANSPORT_V4;
	UINT32 a;

	p->af = v4 ? AF_INET : AF_INET6;
	if (v4) {
		a = RtlUlongByteSwap(in->incomingValue[
			FWPS_FIELD_OUTBOUND_TRANSPORT_V4_IP_REMOTE_ADDRESS].value.uint32);
		memcpy(p->remoteAddress, &a, 4);
		p->protocol = in->incomingValue[
			FWPS_FIELD_OUTBOUND_TRANSPORT_V4_IP_PROTOCOL].value.uint8;
	} else {
		memcpy(p->remoteAddress, in->incomingValue[
			FWPS_FIELD_OUTBOUND_TRANSPORT_V6_IP_REMOTE_ADDRESS].value.byteArray16, 16);
		p->protocol = in->incomingValue[
			FWPS_FIELD_OUTBOUND_TRANSPORT_V6_IP_PROTOCOL].value.uint8;
	}
	if (FWPS_IS_METADATA_FIELD_PRESENT(meta, FWPS_METADATA_FIELD_TRANSPORT_ENDPOINT_HANDLE))
		p->endpointHandle = meta->transportEndpointHandle;
	if (FWPS_IS_METADATA_FIELD_PRESENT(meta, FWPS_METADATA_FIELD_REMOTE_SCOPE_ID))
		p->remoteScopeId = meta->remoteScopeId;
	p->compartmentId = FWPS_IS_METADATA_FIELD_PRESENT(meta, FWPS_METADATA_FIELD_COMPARTMENT_ID) ?
			   (COMPARTMENT_ID)meta->compartmentId : UNSPECIFIED_COMPARTMENT_ID;
	p->transportHeaderSize = meta->transportHeaderSize;
	if (FWPS_IS_METADATA_FIELD_PRESENT(meta, FWPS_METADATA_FIELD_TRANSPORT_HEADER_INCLUDE_HEADER) &&
	    meta->headerIncludeHeaderLength) {
		/* "Deep-copy it in classifyFn" (the header is gone after it). */
		p->headerInclude = kmemdup(meta->headerIncludeHeader,
					   meta->headerIncludeHeaderLength, GFP_ATOMIC);
		if (p->headerInclude)
			p->headerIncludeLength = meta->headerIncludeHeaderLength;
		p->ipHeaderSize = meta->ipHeaderSize;
	}
}

static void NTAPI InspectClassify(const FWPS_INCOMING_VALUES0 *inFixedValues,
				  const FWPS_INCOMING_METADATA_VALUES0 *inMetaValues,
				  void *layerData, const void *classifyContext,
				  const FWPS_FILTER3 *filter, UINT64 flowContext,
				  FWPS_CLASSIFY_OUT0 *classifyOut)
{
	NET_BUFFER_LIST *nbl = layerData;
	FWPS_PACKET_INJECTION_STATE state;
	HANDLE context = NULL;
	PENDED_PACKET *p;

	UNREFERENCED_PARAMETER(classifyContext);
	UNREFERENCED_PARAMETER(filter);
	UNREFERENCED_PARAMETER(flowContext);

	if (!(classifyOut->rights & FWPS_RIGHT_ACTION_WRITE))
		return;
	state = FwpsQueryPacketInjectionState0(gInjectionHandle, nbl, &context);
	if ((state == FWPS_PACKET_INJECTED_BY_SELF ||
	     state == FWPS_PACKET_PREVIOUSLY_INJECTED_BY_SELF) ?
	    context != INJECTION_CONTEXT : context != NULL)
		atomic64_inc(&gContextMismatch);
	switch (state) {
	case FWPS_PACKET_INJECTED_BY_SELF:
		atomic64_inc(&gSelf);
		if (inject_all == 2)
			break;
		classifyOut->actionType = FWP_ACTION_PERMIT;
		return;
	case FWPS_PACKET_PREVIOUSLY_INJECTED_BY_SELF:
		atomic64_inc(&gPrevious);
		if (inject_all == 2)
			break;
		classifyOut->actionType = FWP_ACTION_PERMIT;
		return;
	case FWPS_PACKET_INJECTED_BY_OTHER:
		atomic64_inc(&gOther);
		if (!inject_all) {
			classifyOut->actionType = FWP_ACTION_PERMIT;
			return;
		}
		break;
	default:
		atomic64_inc(&gNotInjected);
		break;
	}

	p = kzalloc(sizeof(*p), GFP_ATOMIC);
	if (!p) {
		classifyOut->actionType = FWP_ACTION_BLOCK;
		classifyOut->rights &= ~FWPS_RIGHT_ACTION_WRITE;
		return;
	}
	FillPended(p, inFixedValues, inMetaValues);
	if (try_indicated && !atomic_xchg(&gIndicatedTried, 1))
		atomic_set(&gIndicatedStatus, FwpsInjectTransportSendAsync1(gInjectionHandle,
			INJECTION_CONTEXT, p->endpointHandle, 0, NULL, p->af,
			p->compartmentId, nbl, InjectComplete, p));
	FwpsReferenceNetBufferList0(nbl, intend_modify >= 0 ? intend_modify :
				    modify == 1 || scribble);
	p->original = nbl;

	spin_lock(&gPendedLock);
	if (gClosing) {
		spin_unlock(&gPendedLock);
		FreePendedPacket(p);
		classifyOut->actionType = FWP_ACTION_PERMIT;
		return;
	}
	list_add_tail(&p->link, &gPendedList);
	spin_unlock(&gPendedLock);
	atomic64_inc(&gPended);
	queue_delayed_work(system_wq, &gWorker, msecs_to_jiffies(delay_ms));

	classifyOut->actionType = FWP_ACTION_BLOCK;
	classifyOut->flags |= FWPS_CLASSIFY_OUT_FLAG_ABSORB;
	classifyOut->rights &= ~FWPS_RIGHT_ACTION_WRITE;
}

static NTSTATUS NTAPI InspectNotify(FWPS_CALLOUT_NOTIFY_TYPE notifyType,
				    const GUID *filterKey, FWPS_FILTER3 *filter)
{
	UNREFERENCED_PARAMETER(notifyType);
	UNREFERENCED_PARAMETER(filterKey);
	UNREFERENCED_PARAMETER(filter);
	return STATUS_SUCCESS;
}

static NTSTATUS AddLayer(UINT32 i, const GUID *layerKey)
{
	FWPS_CALLOUT3 sCallout = { 0 };
	FWPM_CALLOUT0 mCallout = { 0 };
	FWPM_FILTER0 filter = { 0 };
	FWPM_FILTER_CONDITION0 cond[2];
	GUID key = TEST_KEY(i);
	UINT32 n = 0;
	NTSTATUS status;

	sCallout.calloutKey = key;
	sCallout.classifyFn = InspectClassify;
	sCallout.notifyFn = InspectNotify;
	status = FwpsCalloutRegister3(NULL, &sCallout, &gCalloutIds[i]);
	if (!NT_SUCCESS(status))
		return status;
	mCallout.calloutKey = key;
	mCallout.displayData.name = L"nfwfp test inspect callout";
	mCallout.applicableLayer = *layerKey;
	status = FwpmCalloutAdd0(gEngineHandle, &mCallout, NULL, NULL);
	if (!NT_SUCCESS(status))
		return status;
	if (proto) {
		cond[n].fieldKey = FWPM_CONDITION_IP_PROTOCOL;
		cond[n].matchType = FWP_MATCH_EQUAL;
		cond[n].conditionValue.type = FWP_UINT8;
		cond[n].conditionValue.uint8 = proto;
		n++;
	}
	if (port) {
		cond[n].fieldKey = FWPM_CONDITION_IP_REMOTE_PORT;
		cond[n].matchType = FWP_MATCH_EQUAL;
		cond[n].conditionValue.type = FWP_UINT16;
		cond[n].conditionValue.uint16 = port;
		n++;
	}
	filter.layerKey = *layerKey;
	filter.displayData.name = L"nfwfp test inspect filter";
	filter.action.type = FWP_ACTION_CALLOUT_TERMINATING;
	filter.action.calloutKey = key;
	filter.subLayerKey = gSubLayerKey;
	filter.weight.type = FWP_EMPTY;
	filter.numFilterConditions = n;
	filter.filterCondition = n ? cond : NULL;
	return FwpmFilterAdd0(gEngineHandle, &filter, NULL, NULL);
}

static NTSTATUS RegisterAll(void)
{
	FWPM_SESSION0 session = { 0 };
	FWPM_SUBLAYER0 subLayer = { 0 };
	NET_BUFFER_LIST_POOL_PARAMETERS poolParams = { 0 };
	NTSTATUS status;

	status = FwpsInjectionHandleCreate0(AF_UNSPEC, FWPS_INJECTION_TYPE_TRANSPORT,
					    &gInjectionHandle);
	if (!NT_SUCCESS(status))
		return status;
	poolParams.Header.Type = NDIS_OBJECT_TYPE_DEFAULT;
	poolParams.Header.Revision = NET_BUFFER_LIST_POOL_PARAMETERS_REVISION_1;
	poolParams.Header.Size = NDIS_SIZEOF_NET_BUFFER_LIST_POOL_PARAMETERS_REVISION_1;
	poolParams.fAllocateNetBuffer = TRUE;
	poolParams.PoolTag = 0x6e777466;	/* 'nwft' */
	gNblPool = NdisAllocateNetBufferListPool(NULL, &poolParams);
	if (!gNblPool)
		return STATUS_NO_MEMORY;

	session.flags = FWPM_SESSION_FLAG_DYNAMIC;
	status = FwpmEngineOpen0(NULL, RPC_C_AUTHN_WINNT, NULL, &session, &gEngineHandle);
	if (!NT_SUCCESS(status))
		return status;
	status = FwpmTransactionBegin0(gEngineHandle, 0);
	if (!NT_SUCCESS(status))
		return status;
	subLayer.subLayerKey = gSubLayerKey;
	subLayer.displayData.name = L"nfwfp test inspect sublayer";
	subLayer.weight = weight;
	status = FwpmSubLayerAdd0(gEngineHandle, &subLayer, NULL);
	if (NT_SUCCESS(status))
		status = AddLayer(0, &FWPM_LAYER_OUTBOUND_TRANSPORT_V4);
	if (NT_SUCCESS(status))
		status = AddLayer(1, &FWPM_LAYER_OUTBOUND_TRANSPORT_V6);
	if (!NT_SUCCESS(status)) {
		FwpmTransactionAbort0(gEngineHandle);
		return status;
	}
	return FwpmTransactionCommit0(gEngineHandle);
}

static void UnregisterAll(void)
{
	UINT32 i;

	if (gEngineHandle)
		FwpmEngineClose0(gEngineHandle);
	gEngineHandle = NULL;
	for (i = 0; i < ARRAY_SIZE(gCalloutIds); i++)
		if (gCalloutIds[i])
			FwpsCalloutUnregisterById0(gCalloutIds[i]);
	/* No classifyFn runs now: drain what was pended, then the handle. */
	spin_lock_bh(&gPendedLock);
	gClosing = TRUE;
	spin_unlock_bh(&gPendedLock);
	flush_delayed_work(&gWorker);
	Worker(NULL);
	if (gInjectionHandle)
		FwpsInjectionHandleDestroy0(gInjectionHandle);
	gInjectionHandle = NULL;
	if (gNblPool)
		NdisFreeNetBufferListPool(gNblPool);
	gNblPool = NULL;
}

static ADDRESS_FAMILY ParseAddress(const char *text, UINT8 *addr)
{
	if (in4_pton(text, -1, addr, -1, NULL))
		return AF_INET;
	if (in6_pton(text, -1, addr, -1, NULL))
		return AF_INET6;
	return AF_UNSPEC;
}

static int __init nfwfp_test_inject_init(void)
{
	NTSTATUS status;

	gRedirectAf = ParseAddress(redirect, gRedirect);
	gSourceAf = ParseAddress(src, gSource);
	INIT_DELAYED_WORK(&gWorker, Worker);
	gDebugDir = debugfs_create_dir(KBUILD_MODNAME, NULL);
	debugfs_create_file("stats", 0400, gDebugDir, NULL, &stats_fops);
	status = RegisterAll();
	if (!NT_SUCCESS(status)) {
		pr_err("registration failed: %#x\n", status);
		UnregisterAll();
		debugfs_remove_recursive(gDebugDir);
		return -EINVAL;
	}
	return 0;
}

static void __exit nfwfp_test_inject_exit(void)
{
	UnregisterAll();
	debugfs_remove_recursive(gDebugDir);
}

module_init(nfwfp_test_inject_init);
module_exit(nfwfp_test_inject_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("nfwfp test callout: Microsoft's inspect pattern with injection");
