// SPDX-License-Identifier: GPL-2.0
/*
 * The callout driver of `make bench` (tests/bench/): the smallest callouts
 * a benchmark configuration needs, and filters by the thousand.
 *
 * Parameters:
 *   callout=1   a callout whose classifyFn only permits, on a filter with
 *               no condition at OUTBOUND_TRANSPORT_V4 and _V6: every
 *               outbound packet is classified and calls it (configuration
 *               3, "a permit callout on every outbound packet")
 *   filters=N   N BLOCK filters at OUTBOUND_TRANSPORT_V4 that never match
 *               the benchmark's traffic (IP_REMOTE_PORT == 10000 + i), in
 *               one transaction through FwpmFilterAdd0: what classifying
 *               a packet costs with N filters on its layer (filter scale)
 *
 * Everything is in a dynamic session, so unloading removes it.
 */
#include <linux/module.h>

#include <ntddk.h>
#include <ndis.h>
#include <fwpsk.h>
#include <fwpmk.h>

static int callout;
module_param(callout, int, 0444);
static int filters;
module_param(filters, int, 0444);

#define BENCH_MAX_FILTERS 50000

/* 3e1b7a52-0c4d-4f6e-9a21-7d5c8b0e6f00 + the object in the last byte */
#define BENCH_KEY(n) { 0x3e1b7a52, 0x0c4d, 0x4f6e, \
	{ 0x9a, 0x21, 0x7d, 0x5c, 0x8b, 0x0e, 0x6f, (n) } }

static const GUID gSubLayerKey = BENCH_KEY(0x10);
static HANDLE gEngineHandle;
static UINT32 gCalloutIds[2];

static void NTAPI PermitClassify(const FWPS_INCOMING_VALUES0 *inFixedValues,
				 const FWPS_INCOMING_METADATA_VALUES0 *inMetaValues,
				 void *layerData, const void *classifyContext,
				 const FWPS_FILTER3 *filter, UINT64 flowContext,
				 FWPS_CLASSIFY_OUT0 *classifyOut)
{
	UNREFERENCED_PARAMETER(inFixedValues);
	UNREFERENCED_PARAMETER(inMetaValues);
	UNREFERENCED_PARAMETER(layerData);
	UNREFERENCED_PARAMETER(classifyContext);
	UNREFERENCED_PARAMETER(filter);
	UNREFERENCED_PARAMETER(flowContext);
	if (classifyOut->rights & FWPS_RIGHT_ACTION_WRITE)
		classifyOut->actionType = FWP_ACTION_PERMIT;
}

static NTSTATUS NTAPI PermitNotify(FWPS_CALLOUT_NOTIFY_TYPE notifyType,
				   const GUID *filterKey, FWPS_FILTER3 *filter)
{
	UNREFERENCED_PARAMETER(notifyType);
	UNREFERENCED_PARAMETER(filterKey);
	UNREFERENCED_PARAMETER(filter);
	return STATUS_SUCCESS;
}

static NTSTATUS AddPermitCallout(UINT32 i, const GUID *layerKey)
{
	FWPS_CALLOUT3 sCallout = { 0 };
	FWPM_CALLOUT0 mCallout = { 0 };
	FWPM_FILTER0 filter = { 0 };
	GUID key = BENCH_KEY(i);
	NTSTATUS status;

	sCallout.calloutKey = key;
	sCallout.classifyFn = PermitClassify;
	sCallout.notifyFn = PermitNotify;
	status = FwpsCalloutRegister3(NULL, &sCallout, &gCalloutIds[i]);
	if (!NT_SUCCESS(status))
		return status;
	mCallout.calloutKey = key;
	mCallout.displayData.name = L"nfwfp bench permit callout";
	mCallout.applicableLayer = *layerKey;
	status = FwpmCalloutAdd0(gEngineHandle, &mCallout, NULL, NULL);
	if (!NT_SUCCESS(status))
		return status;
	filter.layerKey = *layerKey;
	filter.displayData.name = L"nfwfp bench permit filter";
	filter.action.type = FWP_ACTION_CALLOUT_TERMINATING;
	filter.action.calloutKey = key;
	filter.subLayerKey = gSubLayerKey;
	filter.weight.type = FWP_EMPTY;
	return FwpmFilterAdd0(gEngineHandle, &filter, NULL, NULL);
}

/* N filters the benchmark's ports (5201 and ephemeral ones) never match. */
static NTSTATUS AddIdleFilters(int n)
{
	FWPM_FILTER_CONDITION0 cond = { 0 };
	FWPM_FILTER0 filter = { 0 };
	NTSTATUS status = STATUS_SUCCESS;
	int i;

	cond.fieldKey = FWPM_CONDITION_IP_REMOTE_PORT;
	cond.matchType = FWP_MATCH_EQUAL;
	cond.conditionValue.type = FWP_UINT16;
	filter.layerKey = FWPM_LAYER_OUTBOUND_TRANSPORT_V4;
	filter.displayData.name = L"nfwfp bench idle filter";
	filter.action.type = FWP_ACTION_BLOCK;
	filter.subLayerKey = gSubLayerKey;
	filter.weight.type = FWP_EMPTY;
	filter.numFilterConditions = 1;
	filter.filterCondition = &cond;
	for (i = 0; i < n && NT_SUCCESS(status); i++) {
		cond.conditionValue.uint16 = 10000 + i;
		status = FwpmFilterAdd0(gEngineHandle, &filter, NULL, NULL);
		cond_resched();
	}
	return status;
}

static NTSTATUS RegisterAll(void)
{
	FWPM_SESSION0 session = { 0 };
	FWPM_SUBLAYER0 subLayer = { 0 };
	NTSTATUS status;

	session.flags = FWPM_SESSION_FLAG_DYNAMIC;
	status = FwpmEngineOpen0(NULL, RPC_C_AUTHN_WINNT, NULL, &session, &gEngineHandle);
	if (!NT_SUCCESS(status))
		return status;
	status = FwpmTransactionBegin0(gEngineHandle, 0);
	if (!NT_SUCCESS(status))
		return status;
	subLayer.subLayerKey = gSubLayerKey;
	subLayer.displayData.name = L"nfwfp bench sublayer";
	subLayer.weight = 0x200;
	status = FwpmSubLayerAdd0(gEngineHandle, &subLayer, NULL);
	if (NT_SUCCESS(status) && callout)
		status = AddPermitCallout(0, &FWPM_LAYER_OUTBOUND_TRANSPORT_V4);
	if (NT_SUCCESS(status) && callout)
		status = AddPermitCallout(1, &FWPM_LAYER_OUTBOUND_TRANSPORT_V6);
	if (NT_SUCCESS(status))
		status = AddIdleFilters(filters);
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
}

static int __init nfwfp_bench_init(void)
{
	NTSTATUS status;

	if (filters < 0 || filters > BENCH_MAX_FILTERS)
		return -EINVAL;
	status = RegisterAll();
	if (!NT_SUCCESS(status)) {
		pr_err("registration failed: %#x\n", status);
		UnregisterAll();
		return -EINVAL;
	}
	return 0;
}

static void __exit nfwfp_bench_exit(void)
{
	UnregisterAll();
}

module_init(nfwfp_bench_init);
module_exit(nfwfp_bench_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("nfwfp benchmark callouts: a permit callout, idle filters");
