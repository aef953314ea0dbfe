// SPDX-License-Identifier: GPL-2.0
/*
 * nfwfp_redirect: see redirect.h.
 *
 * Parameters (the driver's Parameters key; on Linux, module parameters):
 *   DestinationPort        UDP port whose datagrams are moved (DWORD)
 *   NewDestinationAddress  where they go instead, IPv4 or IPv6 (string)
 *   NewDestinationPort     and to which port (DWORD)
 * A datagram of the other address family than NewDestinationAddress is
 * not touched: there is no filter at its layer.
 */
#define INITGUID
#include "redirect.h"

/* 7a51c0de-2b4e-4f6a-8d3c-1e9f0b7a6c20 .. 22 */
DEFINE_GUID(DD_REDIRECT_CALLOUT_V4,
	    0x7a51c0de, 0x2b4e, 0x4f6a, 0x8d, 0x3c, 0x1e, 0x9f, 0x0b, 0x7a, 0x6c, 0x20);
DEFINE_GUID(DD_REDIRECT_CALLOUT_V6,
	    0x7a51c0de, 0x2b4e, 0x4f6a, 0x8d, 0x3c, 0x1e, 0x9f, 0x0b, 0x7a, 0x6c, 0x21);
DEFINE_GUID(DD_REDIRECT_SUBLAYER,
	    0x7a51c0de, 0x2b4e, 0x4f6a, 0x8d, 0x3c, 0x1e, 0x9f, 0x0b, 0x7a, 0x6c, 0x22);

static HANDLE gInjectionHandle;
static HANDLE gEngineHandle;
static PDEVICE_OBJECT gDeviceObject;
static PIO_WORKITEM gWorkItem;
static UINT32 gCalloutIdV4, gCalloutIdV6;
static LIST_ENTRY gPacketQueue;
static KSPIN_LOCK gPacketQueueLock;
static BOOLEAN gWorkQueued;
static BOOLEAN gDriverUnloading;
static KEVENT gWorkIdle;		/* signaled while no work item is queued */

static UINT16 gDestinationPort;		/* host order */
static UINT16 gNewDestinationPort;	/* host order */
static ADDRESS_FAMILY gNewAddressFamily;
static union {
	IN_ADDR v4;
	IN6_ADDR v6;
} gNewDestinationAddress;		/* network order */

static char *NewDestinationAddress = "";

static void FreeRedirectPacket(_Inout_ REDIRECT_PACKET *packet)
{
	if (packet->netBufferList)
		FwpsDereferenceNetBufferList(packet->netBufferList, FALSE);
	if (packet->controlData)
		ExFreePoolWithTag(packet->controlData, REDIRECT_POOL_TAG);
	ExFreePoolWithTag(packet, REDIRECT_POOL_TAG);
}

static REDIRECT_PACKET *AllocateRedirectPacket(
	_In_ const FWPS_INCOMING_VALUES *inFixedValues,
	_In_ const FWPS_INCOMING_METADATA_VALUES *inMetaValues,
	_In_ NET_BUFFER_LIST *netBufferList)
{
	REDIRECT_PACKET *packet;

	packet = ExAllocatePool2(POOL_FLAG_NON_PAGED, sizeof(*packet), REDIRECT_POOL_TAG);
	if (!packet)
		return NULL;
	packet->addressFamily = inFixedValues->layerId == FWPS_LAYER_DATAGRAM_DATA_V4 ?
				AF_INET : AF_INET6;
	packet->compartmentId = (COMPARTMENT_ID)inMetaValues->compartmentId;
	if (FWPS_IS_METADATA_FIELD_PRESENT(inMetaValues,
			FWPS_METADATA_FIELD_TRANSPORT_ENDPOINT_HANDLE))
		packet->endpointHandle = inMetaValues->transportEndpointHandle;
	packet->remoteScopeId = inMetaValues->remoteScopeId;
	if (FWPS_IS_METADATA_FIELD_PRESENT(inMetaValues,
			FWPS_METADATA_FIELD_TRANSPORT_CONTROL_DATA) &&
	    inMetaValues->controlDataLength) {
		packet->controlData = ExAllocatePool2(POOL_FLAG_NON_PAGED,
						      inMetaValues->controlDataLength,
						      REDIRECT_POOL_TAG);
		if (!packet->controlData) {
			ExFreePoolWithTag(packet, REDIRECT_POOL_TAG);
			return NULL;
		}
		RtlCopyMemory(packet->controlData, inMetaValues->controlData,
			      inMetaValues->controlDataLength);
		packet->controlDataLength = inMetaValues->controlDataLength;
	}
	/* TRUE: the UDP header is rewritten before the clone is sent. */
	FwpsReferenceNetBufferList(netBufferList, TRUE);
	packet->netBufferList = netBufferList;
	return packet;
}

static IO_WORKITEM_ROUTINE DDRedirectWorker;

static void NTAPI DDRedirectClassify(
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
	REDIRECT_PACKET *packet;
	BOOLEAN queueWork = FALSE;

	UNREFERENCED_PARAMETER(classifyContext);
	UNREFERENCED_PARAMETER(filter);
	UNREFERENCED_PARAMETER(flowContext);

	if (!(classifyOut->rights & FWPS_RIGHT_ACTION_WRITE))
		return;
	classifyOut->actionType = FWP_ACTION_PERMIT;
	if (!layerData)
		return;
	state = FwpsQueryPacketInjectionState(gInjectionHandle, layerData, NULL);
	if (state == FWPS_PACKET_INJECTED_BY_SELF ||
	    state == FWPS_PACKET_PREVIOUSLY_INJECTED_BY_SELF)
		return;
	packet = AllocateRedirectPacket(inFixedValues, inMetaValues, layerData);
	if (!packet)
		return;		/* no memory: it goes where it was sent */

	KeAcquireInStackQueuedSpinLock(&gPacketQueueLock, &lockHandle);
	if (gDriverUnloading) {
		KeReleaseInStackQueuedSpinLock(&lockHandle);
		FreeRedirectPacket(packet);
		return;
	}
	InsertTailList(&gPacketQueue, &packet->listEntry);
	if (!gWorkQueued) {
		gWorkQueued = TRUE;
		KeClearEvent(&gWorkIdle);
		queueWork = TRUE;
	}
	KeReleaseInStackQueuedSpinLock(&lockHandle);
	if (queueWork)
		IoQueueWorkItem(gWorkItem, DDRedirectWorker, DelayedWorkQueue, NULL);

	classifyOut->actionType = FWP_ACTION_BLOCK;
	classifyOut->rights &= ~FWPS_RIGHT_ACTION_WRITE;
	classifyOut->flags |= FWPS_CLASSIFY_OUT_FLAG_ABSORB;
}

static NTSTATUS NTAPI DDRedirectNotify(_In_ FWPS_CALLOUT_NOTIFY_TYPE notifyType,
				       _In_ const GUID *filterKey,
				       _Inout_ FWPS_FILTER *filter)
{
	UNREFERENCED_PARAMETER(notifyType);
	UNREFERENCED_PARAMETER(filterKey);
	UNREFERENCED_PARAMETER(filter);
	return STATUS_SUCCESS;
}

static void NTAPI DDRedirectInjectComplete(_In_ void *context,
					   _Inout_ NET_BUFFER_LIST *netBufferList,
					   _In_ BOOLEAN dispatchLevel)
{
	UNREFERENCED_PARAMETER(dispatchLevel);
	FwpsFreeCloneNetBufferList(netBufferList, 0);
	FreeRedirectPacket(context);
}

/* Every datagram of the clone gets the new port; UDP's checksum is redone. */
static void DDRedirectRewritePorts(_Inout_ NET_BUFFER_LIST *clone)
{
	NET_BUFFER *netBuffer;
	UDP_HEADER *udpHeader;

	for (netBuffer = NET_BUFFER_LIST_FIRST_NB(clone); netBuffer;
	     netBuffer = NET_BUFFER_NEXT_NB(netBuffer)) {
		/* Outbound data starts at the UDP header here. */
		udpHeader = NdisGetDataBuffer(netBuffer, sizeof(UDP_HEADER), NULL,
					      sizeof(UINT16), 0);
		if (!udpHeader)
			continue;
		udpHeader->destPort = RtlUshortByteSwap(gNewDestinationPort);
		udpHeader->checksum = 0;
	}
}

static NTSTATUS DDRedirectSend(_Inout_ REDIRECT_PACKET *packet)
{
	FWPS_TRANSPORT_SEND_PARAMS sendArgs = { 0 };
	NET_BUFFER_LIST *clone;
	NTSTATUS status;

	status = FwpsAllocateCloneNetBufferList(packet->netBufferList, NULL, NULL, 0,
						&clone);
	if (!NT_SUCCESS(status))
		return status;
	DDRedirectRewritePorts(clone);
	sendArgs.remoteAddress = (UINT8 *)&gNewDestinationAddress;
	sendArgs.remoteScopeId = packet->remoteScopeId;
	sendArgs.controlData = packet->controlData;
	sendArgs.controlDataLength = packet->controlDataLength;
	status = FwpsInjectTransportSendAsync(gInjectionHandle, NULL,
					      packet->endpointHandle, 0, &sendArgs,
					      packet->addressFamily, packet->compartmentId,
					      clone, DDRedirectInjectComplete, packet);
	if (!NT_SUCCESS(status))
		FwpsFreeCloneNetBufferList(clone, 0);
	return status;
}

static VOID NTAPI DDRedirectWorker(_In_ PDEVICE_OBJECT deviceObject, _In_opt_ PVOID context)
{
	KLOCK_QUEUE_HANDLE lockHandle;
	REDIRECT_PACKET *packet;

	UNREFERENCED_PARAMETER(deviceObject);
	UNREFERENCED_PARAMETER(context);
	for (;;) {
		KeAcquireInStackQueuedSpinLock(&gPacketQueueLock, &lockHandle);
		if (IsListEmpty(&gPacketQueue)) {
			/* The next classify queues the item again. */
			gWorkQueued = FALSE;
			KeSetEvent(&gWorkIdle, 0, FALSE);
			KeReleaseInStackQueuedSpinLock(&lockHandle);
			return;
		}
		packet = CONTAINING_RECORD(RemoveHeadList(&gPacketQueue),
					   REDIRECT_PACKET, listEntry);
		KeReleaseInStackQueuedSpinLock(&lockHandle);
		if (!NT_SUCCESS(DDRedirectSend(packet)))
			FreeRedirectPacket(packet);
	}
}

static NTSTATUS DDRedirectAddFilter(_In_ const GUID *layerKey, _In_ const GUID *calloutKey)
{
	FWPM_FILTER_CONDITION conditions[2] = { 0 };
	FWPM_FILTER filter = { 0 };

	conditions[0].fieldKey = FWPM_CONDITION_IP_PROTOCOL;
	conditions[0].matchType = FWP_MATCH_EQUAL;
	conditions[0].conditionValue.type = FWP_UINT8;
	conditions[0].conditionValue.uint8 = IPPROTO_UDP;
	conditions[1].fieldKey = FWPM_CONDITION_IP_REMOTE_PORT;
	conditions[1].matchType = FWP_MATCH_EQUAL;
	conditions[1].conditionValue.type = FWP_UINT16;
	conditions[1].conditionValue.uint16 = gDestinationPort;

	filter.layerKey = *layerKey;
	filter.displayData.name = L"Datagram-Data Redirect Filter";
	filter.action.type = FWP_ACTION_CALLOUT_TERMINATING;
	filter.action.calloutKey = *calloutKey;
	filter.filterCondition = conditions;
	filter.numFilterConditions = 2;
	filter.subLayerKey = DD_REDIRECT_SUBLAYER;
	filter.weight.type = FWP_EMPTY;
	return FwpmFilterAdd(gEngineHandle, &filter, NULL, NULL);
}

static NTSTATUS DDRedirectRegisterCallout(_In_ const GUID *layerKey,
					  _In_ const GUID *calloutKey,
					  _In_ ADDRESS_FAMILY family,
					  _Out_ UINT32 *calloutId)
{
	FWPS_CALLOUT sCallout = { 0 };
	FWPM_CALLOUT mCallout = { 0 };
	NTSTATUS status;

	sCallout.calloutKey = *calloutKey;
	sCallout.classifyFn = DDRedirectClassify;
	sCallout.notifyFn = DDRedirectNotify;
	status = FwpsCalloutRegister(gDeviceObject, &sCallout, calloutId);
	if (!NT_SUCCESS(status))
		return status;
	mCallout.calloutKey = *calloutKey;
	mCallout.displayData.name = family == AF_INET ?
		L"Datagram-Data Redirect Callout (v4)" :
		L"Datagram-Data Redirect Callout (v6)";
	mCallout.applicableLayer = *layerKey;
	status = FwpmCalloutAdd(gEngineHandle, &mCallout, NULL, NULL);
	if (!NT_SUCCESS(status) || family != gNewAddressFamily)
		return status;
	return DDRedirectAddFilter(layerKey, calloutKey);
}

static NTSTATUS DDRedirectRegister(void)
{
	FWPM_SESSION session = { 0 };
	FWPM_SUBLAYER subLayer = { 0 };
	NTSTATUS status;

	session.flags = FWPM_SESSION_FLAG_DYNAMIC;
	status = FwpmEngineOpen(NULL, RPC_C_AUTHN_WINNT, NULL, &session, &gEngineHandle);
	if (!NT_SUCCESS(status))
		return status;
	status = FwpmTransactionBegin(gEngineHandle, 0);
	if (!NT_SUCCESS(status))
		return status;
	subLayer.subLayerKey = DD_REDIRECT_SUBLAYER;
	subLayer.displayData.name = L"Datagram-Data Redirect Sub-Layer";
	subLayer.weight = 0;
	status = FwpmSubLayerAdd(gEngineHandle, &subLayer, NULL);
	if (NT_SUCCESS(status))
		status = DDRedirectRegisterCallout(&FWPM_LAYER_DATAGRAM_DATA_V4,
						   &DD_REDIRECT_CALLOUT_V4, AF_INET,
						   &gCalloutIdV4);
	if (NT_SUCCESS(status))
		status = DDRedirectRegisterCallout(&FWPM_LAYER_DATAGRAM_DATA_V6,
						   &DD_REDIRECT_CALLOUT_V6, AF_INET6,
						   &gCalloutIdV6);
	if (!NT_SUCCESS(status)) {
		FwpmTransactionAbort(gEngineHandle);
		return status;
	}
	return FwpmTransactionCommit(gEngineHandle);
}

static NTSTATUS DDRedirectLoadConfig(_In_ PDRIVER_OBJECT driverObject)
{
	DECLARE_CONST_UNICODE_STRING(portName, L"DestinationPort");
	DECLARE_CONST_UNICODE_STRING(newPortName, L"NewDestinationPort");
	PCSTR terminator;
	ULONG value;

	if (!NT_SUCCESS(NfwfpQueryParameterULong(driverObject, &portName, &value)) ||
	    !value || value > 0xffff)
		return STATUS_INVALID_PARAMETER;
	gDestinationPort = (UINT16)value;
	if (!NT_SUCCESS(NfwfpQueryParameterULong(driverObject, &newPortName, &value)) ||
	    !value || value > 0xffff)
		return STATUS_INVALID_PARAMETER;
	gNewDestinationPort = (UINT16)value;
	if (NT_SUCCESS(RtlIpv4StringToAddressA(NewDestinationAddress, TRUE, &terminator,
					       &gNewDestinationAddress.v4)) && !*terminator)
		gNewAddressFamily = AF_INET;
	else if (NT_SUCCESS(RtlIpv6StringToAddressA(NewDestinationAddress, &terminator,
						    &gNewDestinationAddress.v6)) &&
		 !*terminator)
		gNewAddressFamily = AF_INET6;
	else
		return STATUS_INVALID_PARAMETER;
	return STATUS_SUCCESS;
}

static VOID NTAPI DriverUnload(_In_ PDRIVER_OBJECT driverObject)
{
	KLOCK_QUEUE_HANDLE lockHandle;

	UNREFERENCED_PARAMETER(driverObject);
	if (gEngineHandle)
		FwpmEngineClose(gEngineHandle);
	if (gCalloutIdV4)
		FwpsCalloutUnregisterById(gCalloutIdV4);
	if (gCalloutIdV6)
		FwpsCalloutUnregisterById(gCalloutIdV6);
	/* No classify runs any more: wait for the work item to drain the queue. */
	KeAcquireInStackQueuedSpinLock(&gPacketQueueLock, &lockHandle);
	gDriverUnloading = TRUE;
	KeReleaseInStackQueuedSpinLock(&lockHandle);
	KeWaitForSingleObject(&gWorkIdle, Executive, KernelMode, FALSE, NULL);
	if (gInjectionHandle)
		FwpsInjectionHandleDestroy(gInjectionHandle);
	if (gWorkItem)
		IoFreeWorkItem(gWorkItem);
	if (gDeviceObject)
		IoDeleteDevice(gDeviceObject);
}

static NTSTATUS NTAPI DriverEntry(_In_ PDRIVER_OBJECT driverObject,
				  _In_ PUNICODE_STRING registryPath)
{
	NTSTATUS status;

	UNREFERENCED_PARAMETER(registryPath);
	status = DDRedirectLoadConfig(driverObject);
	if (!NT_SUCCESS(status)) {
		DbgPrint("nfwfp_redirect: DestinationPort, NewDestinationAddress and NewDestinationPort are required\n");
		return status;
	}
	InitializeListHead(&gPacketQueue);
	KeInitializeSpinLock(&gPacketQueueLock);
	KeInitializeEvent(&gWorkIdle, NotificationEvent, TRUE);
	driverObject->DriverUnload = DriverUnload;

	status = IoCreateDevice(driverObject, 0, NULL, FILE_DEVICE_NETWORK,
				FILE_DEVICE_SECURE_OPEN, FALSE, &gDeviceObject);
	if (NT_SUCCESS(status)) {
		gWorkItem = IoAllocateWorkItem(gDeviceObject);
		if (!gWorkItem)
			status = STATUS_INSUFFICIENT_RESOURCES;
	}
	if (NT_SUCCESS(status))
		status = FwpsInjectionHandleCreate(AF_UNSPEC, FWPS_INJECTION_TYPE_TRANSPORT,
						   &gInjectionHandle);
	if (NT_SUCCESS(status))
		status = DDRedirectRegister();
	if (!NT_SUCCESS(status))
		DriverUnload(driverObject);
	return status;
}

/* ---- Linux module glue ------------------------------------------------------ */

NFWFP_DRIVER_ENTRY(DriverEntry);

static uint DestinationPort;
module_param(DestinationPort, uint, 0444);
MODULE_PARM_DESC(DestinationPort, "UDP destination port whose datagrams are redirected");
static uint NewDestinationPort;
module_param(NewDestinationPort, uint, 0444);
MODULE_PARM_DESC(NewDestinationPort, "the port they go to instead");
module_param(NewDestinationAddress, charp, 0444);
MODULE_PARM_DESC(NewDestinationAddress, "the IPv4 or IPv6 address they go to instead");

MODULE_DESCRIPTION("UDP redirect callout driver, in the style of WFP's datagram-data proxy");
MODULE_LICENSE("GPL");
