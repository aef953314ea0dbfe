// SPDX-License-Identifier: GPL-2.0
/*
 * nfwfp_inspect: classify, the worker thread, clone + rewrite + inject, and
 * the completion. See inspect.h.
 */
#include "inspect.h"

/* ---- classify (DISPATCH_LEVEL) ------------------------------------------ */

static void FreePendedPacket(_Inout_ PENDED_PACKET *packet)
{
	if (packet->netBufferList)
		FwpsDereferenceNetBufferList(packet->netBufferList, FALSE);
	if (packet->controlData)
		ExFreePoolWithTag(packet->controlData, INSPECT_POOL_TAG);
	ExFreePoolWithTag(packet, INSPECT_POOL_TAG);
}

/* The remote address of the packet, in network order, from the fields. */
static void FillRemoteAddress(_In_ const FWPS_INCOMING_VALUES *inFixedValues,
			      _Inout_ PENDED_PACKET *packet)
{
	if (packet->addressFamily == AF_INET) {
		packet->ipv4RemoteAddr = RtlUlongByteSwap(inFixedValues->incomingValue[
			FWPS_FIELD_OUTBOUND_TRANSPORT_V4_IP_REMOTE_ADDRESS].value.uint32);
	} else {
		RtlCopyMemory(packet->remoteAddr.byteArray16,
			      inFixedValues->incomingValue[
			FWPS_FIELD_OUTBOUND_TRANSPORT_V6_IP_REMOTE_ADDRESS].value.byteArray16,
			      sizeof(FWP_BYTE_ARRAY16));
	}
}

/* Everything the worker needs to send the packet again later. */
static PENDED_PACKET *AllocateAndInitializePendedPacket(
	_In_ const FWPS_INCOMING_VALUES *inFixedValues,
	_In_ const FWPS_INCOMING_METADATA_VALUES *inMetaValues,
	_In_ NET_BUFFER_LIST *netBufferList)
{
	PENDED_PACKET *packet;

	packet = ExAllocatePool2(POOL_FLAG_NON_PAGED, sizeof(*packet), INSPECT_POOL_TAG);
	if (!packet)
		return NULL;
	packet->addressFamily =
		inFixedValues->layerId == FWPS_LAYER_OUTBOUND_TRANSPORT_V4 ?
		AF_INET : AF_INET6;
	FillRemoteAddress(inFixedValues, packet);
	NT_ASSERT(FWPS_IS_METADATA_FIELD_PRESENT(inMetaValues,
						 FWPS_METADATA_FIELD_COMPARTMENT_ID));
	packet->compartmentId = (COMPARTMENT_ID)inMetaValues->compartmentId;
	if (FWPS_IS_METADATA_FIELD_PRESENT(inMetaValues,
			FWPS_METADATA_FIELD_TRANSPORT_ENDPOINT_HANDLE))
		packet->endpointHandle = inMetaValues->transportEndpointHandle;
	packet->remoteScopeId = inMetaValues->remoteScopeId;
	packet->transportHeaderSize = inMetaValues->transportHeaderSize;
	if (FWPS_IS_METADATA_FIELD_PRESENT(inMetaValues,
			FWPS_METADATA_FIELD_TRANSPORT_CONTROL_DATA) &&
	    inMetaValues->controlDataLength) {
		packet->controlData = ExAllocatePool2(POOL_FLAG_NON_PAGED,
						      inMetaValues->controlDataLength,
						      INSPECT_POOL_TAG);
		if (!packet->controlData) {
			ExFreePoolWithTag(packet, INSPECT_POOL_TAG);
			return NULL;
		}
		RtlCopyMemory(packet->controlData, inMetaValues->controlData,
			      inMetaValues->controlDataLength);
		packet->controlDataLength = inMetaValues->controlDataLength;
	}
	/* TRUE: the payload will be written (the rewrite). */
	FwpsReferenceNetBufferList(netBufferList, TRUE);
	packet->netBufferList = netBufferList;
	return packet;
}

static void Permit(_In_ const FWPS_FILTER *filter, _Inout_ FWPS_CLASSIFY_OUT *classifyOut)
{
	classifyOut->actionType = FWP_ACTION_PERMIT;
	if (filter->flags & FWPS_FILTER_FLAG_CLEAR_ACTION_RIGHT)
		classifyOut->rights &= ~FWPS_RIGHT_ACTION_WRITE;
}

void NTAPI TLInspectTransportClassify(
	_In_ const FWPS_INCOMING_VALUES *inFixedValues,
	_In_ const FWPS_INCOMING_METADATA_VALUES *inMetaValues,
	_Inout_opt_ void *layerData,
	_In_opt_ const void *classifyContext,
	_In_ const FWPS_FILTER *filter,
	_In_ UINT64 flowContext,
	_Inout_ FWPS_CLASSIFY_OUT *classifyOut)
{
	FWPS_PACKET_INJECTION_STATE state;
	KLOCK_QUEUE_HANDLE lockHandle;
	PENDED_PACKET *packet;
	BOOLEAN signal;

	UNREFERENCED_PARAMETER(classifyContext);
	UNREFERENCED_PARAMETER(flowContext);

	if (!(classifyOut->rights & FWPS_RIGHT_ACTION_WRITE))
		return;
	if (!layerData) {
		Permit(filter, classifyOut);
		return;
	}
	/* Our own injections come back through this layer: let them pass. */
	state = FwpsQueryPacketInjectionState(gInjectionHandle, layerData, NULL);
	if (state == FWPS_PACKET_INJECTED_BY_SELF ||
	    state == FWPS_PACKET_PREVIOUSLY_INJECTED_BY_SELF) {
		Permit(filter, classifyOut);
		return;
	}
	packet = AllocateAndInitializePendedPacket(inFixedValues, inMetaValues,
						   layerData);
	if (!packet) {
		/* No memory: block rather than let it pass uninspected. */
		classifyOut->actionType = FWP_ACTION_BLOCK;
		classifyOut->rights &= ~FWPS_RIGHT_ACTION_WRITE;
		return;
	}

	KeAcquireInStackQueuedSpinLock(&gPacketQueueLock, &lockHandle);
	if (gDriverUnloading) {
		KeReleaseInStackQueuedSpinLock(&lockHandle);
		FreePendedPacket(packet);
		Permit(filter, classifyOut);
		return;
	}
	signal = IsListEmpty(&gPacketQueue);
	InsertTailList(&gPacketQueue, &packet->listEntry);
	KeReleaseInStackQueuedSpinLock(&lockHandle);

	/* The packet is ours now: the stack drops its copy silently. */
	classifyOut->actionType = FWP_ACTION_BLOCK;
	classifyOut->rights &= ~FWPS_RIGHT_ACTION_WRITE;
	classifyOut->flags |= FWPS_CLASSIFY_OUT_FLAG_ABSORB;
	if (signal)
		KeSetEvent(&gWorkerEvent, 0, FALSE);
}

NTSTATUS NTAPI TLInspectTransportNotify(
	_In_ FWPS_CALLOUT_NOTIFY_TYPE notifyType,
	_In_ const GUID *filterKey,
	_Inout_ FWPS_FILTER *filter)
{
	UNREFERENCED_PARAMETER(notifyType);
	UNREFERENCED_PARAMETER(filterKey);
	UNREFERENCED_PARAMETER(filter);
	return STATUS_SUCCESS;
}

/* ---- the worker (PASSIVE_LEVEL) ------------------------------------------ */

static void NTAPI TLInspectInjectComplete(_In_ void *context,
					  _Inout_ NET_BUFFER_LIST *netBufferList,
					  _In_ BOOLEAN dispatchLevel)
{
	PENDED_PACKET *packet = context;

	UNREFERENCED_PARAMETER(dispatchLevel);
	FwpsFreeCloneNetBufferList(netBufferList, 0);
	FreePendedPacket(packet);
}

static ULONG MinUlong(ULONG a, ULONG b)
{
	return a < b ? a : b;
}

/* The payload after the transport header, copied out, rewritten, put back. */
static void RewritePayload(_Inout_ NET_BUFFER *netBuffer, _In_ UINT32 headerSize)
{
	ULONG length = NET_BUFFER_DATA_LENGTH(netBuffer), i, copied = 0;
	ULONG offset = NET_BUFFER_CURRENT_MDL_OFFSET(netBuffer);
	SIZE_T n = gConfig.rewriteLength;
	MDL *mdl = NET_BUFFER_CURRENT_MDL(netBuffer);
	UINT8 *data;

	if (length <= headerSize || length - headerSize < n)
		return;
	data = ExAllocatePool2(POOL_FLAG_NON_PAGED, length, INSPECT_POOL_TAG);
	if (!data)
		return;
	for (; mdl && copied < length; mdl = mdl->Next, offset = 0) {
		ULONG chunk = MinUlong(MmGetMdlByteCount(mdl) - offset, length - copied);

		RtlCopyMemory(data + copied, (UINT8 *)MmGetSystemAddressForMdlSafe(
				mdl, NormalPagePriority) + offset, chunk);
		copied += chunk;
	}
	for (i = headerSize; i + n <= length; i++) {
		if (RtlEqualMemory(data + i, gConfig.rewriteFind, n)) {
			RtlCopyMemory(data + i, gConfig.rewriteReplace, n);
			i += n - 1;
		}
	}
	/* Back into the same buffers: the length does not change. */
	mdl = NET_BUFFER_CURRENT_MDL(netBuffer);
	offset = NET_BUFFER_CURRENT_MDL_OFFSET(netBuffer);
	for (copied = 0; mdl && copied < length; mdl = mdl->Next, offset = 0) {
		ULONG chunk = MinUlong(MmGetMdlByteCount(mdl) - offset, length - copied);

		RtlCopyMemory((UINT8 *)MmGetSystemAddressForMdlSafe(mdl, NormalPagePriority) +
			      offset, data + copied, chunk);
		copied += chunk;
	}
	ExFreePoolWithTag(data, INSPECT_POOL_TAG);
}

static NTSTATUS TLInspectCloneReinjectOutbound(_Inout_ PENDED_PACKET *packet)
{
	FWPS_TRANSPORT_SEND_PARAMS sendArgs = { 0 };
	NET_BUFFER *netBuffer;
	NTSTATUS status;

	status = FwpsAllocateCloneNetBufferList(packet->netBufferList, NULL, NULL, 0,
						&packet->clone);
	if (!NT_SUCCESS(status))
		return status;
	if (gConfig.rewriteLength)
		for (netBuffer = NET_BUFFER_LIST_FIRST_NB(packet->clone); netBuffer;
		     netBuffer = NET_BUFFER_NEXT_NB(netBuffer))
			RewritePayload(netBuffer, packet->transportHeaderSize);

	sendArgs.remoteAddress = (UINT8 *)&packet->remoteAddr;
	sendArgs.remoteScopeId = packet->remoteScopeId;
	sendArgs.controlData = packet->controlData;
	sendArgs.controlDataLength = packet->controlDataLength;
	status = FwpsInjectTransportSendAsync(gInjectionHandle, NULL,
					      packet->endpointHandle, 0, &sendArgs,
					      packet->addressFamily,
					      packet->compartmentId, packet->clone,
					      TLInspectInjectComplete, packet);
	if (!NT_SUCCESS(status)) {
		FwpsFreeCloneNetBufferList(packet->clone, 0);
		packet->clone = NULL;
	}
	return status;
}

/* The next queued packet, or NULL (then the event is cleared). */
static PENDED_PACKET *TLInspectDequeue(void)
{
	KLOCK_QUEUE_HANDLE lockHandle;
	PENDED_PACKET *packet = NULL;

	KeAcquireInStackQueuedSpinLock(&gPacketQueueLock, &lockHandle);
	if (!IsListEmpty(&gPacketQueue))
		packet = CONTAINING_RECORD(RemoveHeadList(&gPacketQueue),
					   PENDED_PACKET, listEntry);
	else if (!gDriverUnloading)
		KeClearEvent(&gWorkerEvent);
	KeReleaseInStackQueuedSpinLock(&lockHandle);
	return packet;
}

VOID NTAPI TLInspectWorker(_In_ PVOID StartContext)
{
	PENDED_PACKET *packet;

	UNREFERENCED_PARAMETER(StartContext);
	for (;;) {
		KeWaitForSingleObject(&gWorkerEvent, Executive, KernelMode, FALSE, NULL);
		while ((packet = TLInspectDequeue()) != NULL) {
			/* Blocked traffic is dropped: the absorbed original goes. */
			if (gConfig.blockTraffic ||
			    !NT_SUCCESS(TLInspectCloneReinjectOutbound(packet)))
				FreePendedPacket(packet);
		}
		if (gDriverUnloading)
			break;
	}
	PsTerminateSystemThread(STATUS_SUCCESS);
}
