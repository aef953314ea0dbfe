// SPDX-License-Identifier: GPL-2.0
/*
 * nfwfp_inspect: DriverEntry and DriverUnload, the driver's parameters, and
 * the callouts, sublayer and filters it installs. See inspect.h.
 *
 * Parameters (the Windows driver's Parameters registry key; on Linux its
 * module parameters: `modprobe nfwfp_inspect RemotePortToInspect=5001`):
 *   RemoteAddressToInspect  an IPv4 or IPv6 address; empty: any (string)
 *   RemotePortToInspect     a remote port; 0: any (DWORD)
 *   ProtocolToInspect       an IP protocol number; 0: any (DWORD)
 *   BlockTraffic            1: drop the inspected packets (DWORD)
 *   RewriteFind, RewriteReplace
 *                           strings of the same length, at most 64 bytes:
 *                           every occurrence of RewriteFind in an inspected
 *                           payload becomes RewriteReplace (same length, so
 *                           TCP sequence numbers stay right)
 */
#define INITGUID
#include "inspect.h"

/* 2e1d3a17-6a3f-4e5c-9a1b-0c5f3d2e7b10 .. 12 */
DEFINE_GUID(TL_INSPECT_OUTBOUND_TRANSPORT_CALLOUT_V4,
	    0x2e1d3a17, 0x6a3f, 0x4e5c, 0x9a, 0x1b, 0x0c, 0x5f, 0x3d, 0x2e, 0x7b, 0x10);
DEFINE_GUID(TL_INSPECT_OUTBOUND_TRANSPORT_CALLOUT_V6,
	    0x2e1d3a17, 0x6a3f, 0x4e5c, 0x9a, 0x1b, 0x0c, 0x5f, 0x3d, 0x2e, 0x7b, 0x11);
DEFINE_GUID(TL_INSPECT_SUBLAYER,
	    0x2e1d3a17, 0x6a3f, 0x4e5c, 0x9a, 0x1b, 0x0c, 0x5f, 0x3d, 0x2e, 0x7b, 0x12);

INSPECT_CONFIG gConfig;
HANDLE gInjectionHandle;
LIST_ENTRY gPacketQueue;
KSPIN_LOCK gPacketQueueLock;
KEVENT gWorkerEvent;
BOOLEAN gDriverUnloading;

static PDEVICE_OBJECT gDeviceObject;
static HANDLE gEngineHandle;
static UINT32 gCalloutIdV4, gCalloutIdV6;
static PVOID gThreadObj;

/* String parameters: nfwfp backs only DWORD values (see the glue below). */
static char *RemoteAddressToInspect = "";
static char *RewriteFind = "";
static char *RewriteReplace = "";

static NTSTATUS TLInspectLoadConfig(_In_ PDRIVER_OBJECT driverObject)
{
	DECLARE_CONST_UNICODE_STRING(blockName, L"BlockTraffic");
	DECLARE_CONST_UNICODE_STRING(portName, L"RemotePortToInspect");
	DECLARE_CONST_UNICODE_STRING(protocolName, L"ProtocolToInspect");
	PCSTR terminator;
	ULONG value;
	IN6_ADDR v6;
	IN_ADDR v4;

	if (NT_SUCCESS(NfwfpQueryParameterULong(driverObject, &blockName, &value)))
		gConfig.blockTraffic = value != 0;
	if (NT_SUCCESS(NfwfpQueryParameterULong(driverObject, &portName, &value)))
		gConfig.remotePort = (UINT16)value;
	if (NT_SUCCESS(NfwfpQueryParameterULong(driverObject, &protocolName, &value)))
		gConfig.protocol = (UINT8)value;

	if (RemoteAddressToInspect[0]) {
		if (NT_SUCCESS(RtlIpv4StringToAddressA(RemoteAddressToInspect, TRUE,
						       &terminator, &v4)) && !*terminator) {
			gConfig.remoteAddressFamily = AF_INET;
			RtlCopyMemory(gConfig.remoteAddress, &v4, sizeof(v4));
		} else if (NT_SUCCESS(RtlIpv6StringToAddressA(RemoteAddressToInspect,
							      &terminator, &v6)) &&
			   !*terminator) {
			gConfig.remoteAddressFamily = AF_INET6;
			RtlCopyMemory(gConfig.remoteAddress, &v6, sizeof(v6));
		} else {
			DbgPrint("nfwfp_inspect: RemoteAddressToInspect: not an address\n");
			return STATUS_INVALID_PARAMETER;
		}
		gConfig.hasRemoteAddress = TRUE;
	}

	gConfig.rewriteLength = strlen(RewriteFind);
	if (gConfig.rewriteLength != strlen(RewriteReplace) ||
	    gConfig.rewriteLength > sizeof(gConfig.rewriteFind)) {
		DbgPrint("nfwfp_inspect: RewriteFind and RewriteReplace need the same length, at most 64\n");
		return STATUS_INVALID_PARAMETER;
	}
	RtlCopyMemory(gConfig.rewriteFind, RewriteFind, gConfig.rewriteLength);
	RtlCopyMemory(gConfig.rewriteReplace, RewriteReplace, gConfig.rewriteLength);
	return STATUS_SUCCESS;
}

/* The conditions of the filter at a layer of @family, in @conditions. */
static UINT32 TLInspectConditions(_In_ ADDRESS_FAMILY family,
				  _Out_writes_(3) FWPM_FILTER_CONDITION *conditions,
				  _Out_ FWP_BYTE_ARRAY16 *v6Address)
{
	UINT32 n = 0;

	if (gConfig.hasRemoteAddress) {
		conditions[n].fieldKey = FWPM_CONDITION_IP_REMOTE_ADDRESS;
		conditions[n].matchType = FWP_MATCH_EQUAL;
		if (family == AF_INET) {
			UINT32 address;

			RtlCopyMemory(&address, gConfig.remoteAddress, sizeof(address));
			conditions[n].conditionValue.type = FWP_UINT32;
			conditions[n].conditionValue.uint32 = RtlUlongByteSwap(address);
		} else {
			RtlCopyMemory(v6Address->byteArray16, gConfig.remoteAddress, 16);
			conditions[n].conditionValue.type = FWP_BYTE_ARRAY16_TYPE;
			conditions[n].conditionValue.byteArray16 = v6Address;
		}
		n++;
	}
	if (gConfig.remotePort) {
		conditions[n].fieldKey = FWPM_CONDITION_IP_REMOTE_PORT;
		conditions[n].matchType = FWP_MATCH_EQUAL;
		conditions[n].conditionValue.type = FWP_UINT16;
		conditions[n].conditionValue.uint16 = gConfig.remotePort;
		n++;
	}
	if (gConfig.protocol) {
		conditions[n].fieldKey = FWPM_CONDITION_IP_PROTOCOL;
		conditions[n].matchType = FWP_MATCH_EQUAL;
		conditions[n].conditionValue.type = FWP_UINT8;
		conditions[n].conditionValue.uint8 = gConfig.protocol;
		n++;
	}
	return n;
}

static NTSTATUS TLInspectRegisterCallout(_In_ const GUID *layerKey,
					 _In_ const GUID *calloutKey,
					 _In_ ADDRESS_FAMILY family,
					 _In_ PCWSTR name,
					 _Out_ UINT32 *calloutId)
{
	FWPS_CALLOUT sCallout = { 0 };
	FWPM_CALLOUT mCallout = { 0 };
	FWPM_FILTER filter = { 0 };
	FWPM_FILTER_CONDITION conditions[3] = { 0 };
	FWP_BYTE_ARRAY16 v6Address;
	NTSTATUS status;

	sCallout.calloutKey = *calloutKey;
	sCallout.classifyFn = TLInspectTransportClassify;
	sCallout.notifyFn = TLInspectTransportNotify;
	status = FwpsCalloutRegister(gDeviceObject, &sCallout, calloutId);
	if (!NT_SUCCESS(status))
		return status;

	mCallout.calloutKey = *calloutKey;
	mCallout.displayData.name = (wchar_t *)name;
	mCallout.displayData.description = L"Inspects and re-injects outbound packets";
	mCallout.applicableLayer = *layerKey;
	status = FwpmCalloutAdd(gEngineHandle, &mCallout, NULL, NULL);
	if (!NT_SUCCESS(status))
		return status;

	/* No filter on a layer whose family the inspected address is not of. */
	if (gConfig.hasRemoteAddress && gConfig.remoteAddressFamily != family)
		return STATUS_SUCCESS;
	filter.layerKey = *layerKey;
	filter.displayData.name = (wchar_t *)name;
	filter.displayData.description = L"Outbound traffic to the inspected peer";
	filter.action.type = FWP_ACTION_CALLOUT_TERMINATING;
	filter.action.calloutKey = *calloutKey;
	filter.filterCondition = conditions;
	filter.numFilterConditions = TLInspectConditions(family, conditions, &v6Address);
	filter.subLayerKey = TL_INSPECT_SUBLAYER;
	filter.weight.type = FWP_EMPTY;
	return FwpmFilterAdd(gEngineHandle, &filter, NULL, NULL);
}

static NTSTATUS TLInspectRegisterCallouts(void)
{
	FWPM_SESSION session = { 0 };
	FWPM_SUBLAYER subLayer = { 0 };
	NTSTATUS status;

	/* Dynamic: everything added here goes when the session closes. */
	session.flags = FWPM_SESSION_FLAG_DYNAMIC;
	status = FwpmEngineOpen(NULL, RPC_C_AUTHN_WINNT, NULL, &session, &gEngineHandle);
	if (!NT_SUCCESS(status))
		return status;
	status = FwpmTransactionBegin(gEngineHandle, 0);
	if (!NT_SUCCESS(status))
		return status;

	subLayer.subLayerKey = TL_INSPECT_SUBLAYER;
	subLayer.displayData.name = L"Transport Inspect Sub-Layer";
	subLayer.displayData.description = L"Sub-Layer for use by Transport Inspect callouts";
	/* Below FWPM_SUBLAYER_UNIVERSAL, as Microsoft's sample asks. */
	subLayer.weight = 0;
	status = FwpmSubLayerAdd(gEngineHandle, &subLayer, NULL);
	if (NT_SUCCESS(status))
		status = TLInspectRegisterCallout(&FWPM_LAYER_OUTBOUND_TRANSPORT_V4,
						  &TL_INSPECT_OUTBOUND_TRANSPORT_CALLOUT_V4,
						  AF_INET, L"Transport Inspect Callout (v4)",
						  &gCalloutIdV4);
	if (NT_SUCCESS(status))
		status = TLInspectRegisterCallout(&FWPM_LAYER_OUTBOUND_TRANSPORT_V6,
						  &TL_INSPECT_OUTBOUND_TRANSPORT_CALLOUT_V6,
						  AF_INET6, L"Transport Inspect Callout (v6)",
						  &gCalloutIdV6);
	if (!NT_SUCCESS(status)) {
		FwpmTransactionAbort(gEngineHandle);
		return status;
	}
	return FwpmTransactionCommit(gEngineHandle);
}

static void TLInspectUnregisterCallouts(void)
{
	if (gEngineHandle) {
		FwpmEngineClose(gEngineHandle);
		gEngineHandle = NULL;
	}
	if (gCalloutIdV4)
		FwpsCalloutUnregisterById(gCalloutIdV4);
	if (gCalloutIdV6)
		FwpsCalloutUnregisterById(gCalloutIdV6);
}

static void TLInspectStopWorker(void)
{
	KLOCK_QUEUE_HANDLE lockHandle;

	KeAcquireInStackQueuedSpinLock(&gPacketQueueLock, &lockHandle);
	gDriverUnloading = TRUE;
	KeSetEvent(&gWorkerEvent, 0, FALSE);
	KeReleaseInStackQueuedSpinLock(&lockHandle);
	if (gThreadObj) {
		KeWaitForSingleObject(gThreadObj, Executive, KernelMode, FALSE, NULL);
		ObDereferenceObject(gThreadObj);
		gThreadObj = NULL;
	}
}

static VOID NTAPI DriverUnload(_In_ PDRIVER_OBJECT driverObject)
{
	UNREFERENCED_PARAMETER(driverObject);
	/* No new packets first, then the queue drained, then the rest. */
	TLInspectUnregisterCallouts();
	TLInspectStopWorker();
	if (gInjectionHandle)
		FwpsInjectionHandleDestroy(gInjectionHandle);
	if (gDeviceObject)
		IoDeleteDevice(gDeviceObject);
}

static NTSTATUS TLInspectStartWorker(void)
{
	HANDLE threadHandle;
	NTSTATUS status;

	status = PsCreateSystemThread(&threadHandle, THREAD_ALL_ACCESS, NULL, NULL,
				      NULL, TLInspectWorker, NULL);
	if (!NT_SUCCESS(status))
		return status;
	status = ObReferenceObjectByHandle(threadHandle, 0, NULL, KernelMode,
					   &gThreadObj, NULL);
	ZwClose(threadHandle);
	return status;
}

static NTSTATUS NTAPI DriverEntry(_In_ PDRIVER_OBJECT driverObject,
				  _In_ PUNICODE_STRING registryPath)
{
	NTSTATUS status;

	UNREFERENCED_PARAMETER(registryPath);
	status = TLInspectLoadConfig(driverObject);
	if (!NT_SUCCESS(status))
		return status;

	InitializeListHead(&gPacketQueue);
	KeInitializeSpinLock(&gPacketQueueLock);
	KeInitializeEvent(&gWorkerEvent, NotificationEvent, FALSE);
	driverObject->DriverUnload = DriverUnload;

	status = IoCreateDevice(driverObject, 0, NULL, FILE_DEVICE_NETWORK,
				FILE_DEVICE_SECURE_OPEN, FALSE, &gDeviceObject);
	if (NT_SUCCESS(status))
		status = FwpsInjectionHandleCreate(AF_UNSPEC, FWPS_INJECTION_TYPE_TRANSPORT,
						   &gInjectionHandle);
	if (NT_SUCCESS(status))
		status = TLInspectStartWorker();
	if (NT_SUCCESS(status))
		status = TLInspectRegisterCallouts();
	if (!NT_SUCCESS(status))
		DriverUnload(driverObject);
	return status;
}

/* ---- Linux module glue ------------------------------------------------------ */

NFWFP_DRIVER_ENTRY(DriverEntry);

/* The DWORD parameters NfwfpQueryParameterULong reads. */
static uint BlockTraffic;
module_param(BlockTraffic, uint, 0444);
MODULE_PARM_DESC(BlockTraffic, "1: drop the inspected packets instead of re-injecting them");
static uint RemotePortToInspect;
module_param(RemotePortToInspect, uint, 0444);
MODULE_PARM_DESC(RemotePortToInspect, "remote port of the traffic to inspect (0: any)");
static uint ProtocolToInspect;
module_param(ProtocolToInspect, uint, 0444);
MODULE_PARM_DESC(ProtocolToInspect, "IP protocol of the traffic to inspect (0: any)");
module_param(RemoteAddressToInspect, charp, 0444);
MODULE_PARM_DESC(RemoteAddressToInspect, "IPv4 or IPv6 address of the peer to inspect (empty: any)");
module_param(RewriteFind, charp, 0444);
MODULE_PARM_DESC(RewriteFind, "bytes to replace in inspected payloads");
module_param(RewriteReplace, charp, 0444);
MODULE_PARM_DESC(RewriteReplace, "their replacement, of the same length");

MODULE_DESCRIPTION("Transport inspect callout driver, in the style of WFP's sample");
MODULE_LICENSE("GPL");
