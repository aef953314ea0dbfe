// SPDX-License-Identifier: GPL-2.0
/*
 * A driver that registers a callout with its own device object and a
 * classifyFn from nfwfp_test_owner_lib, and (leak=1) unloads without
 * unregistering it: nfwfp must unregister it when this module goes,
 * because the device object names this module as the owner.
 *
 * nodev=1: register with a NULL device object and this module's own
 * classifyFn instead, so that only the classifyFn's address names the
 * owner, and add (in a non-dynamic session, so it outlives the module) a
 * callout filter on DATAGRAM_DATA_V4 for UDP to port 9998 that the
 * selftest sends traffic through while the module unloads.
 */
#include <linux/module.h>

#include <fwpmk.h>

#include "nfwfp_test_owner.h"

static int leak = 1;
module_param(leak, int, 0444);
static int nodev;
module_param(nodev, int, 0444);

/* What DriverEntry gets from IoCreateDevice on Windows: the driver's own. */
static struct {
	UINT64 opaque[8];
} gDeviceObject;

/* 2b7d1c90-5e4f-4a31-8d26-0c9e7f3a5b10 (+1 in the last byte: the filter) */
static const GUID gCalloutKey = { 0x2b7d1c90, 0x5e4f, 0x4a31,
	{ 0x8d, 0x26, 0x0c, 0x9e, 0x7f, 0x3a, 0x5b, 0x10 } };
static const GUID gFilterKey = { 0x2b7d1c90, 0x5e4f, 0x4a31,
	{ 0x8d, 0x26, 0x0c, 0x9e, 0x7f, 0x3a, 0x5b, 0x11 } };
static UINT32 gCalloutId;

/* nodev=1: permit. Its address is all that ties the registration to us. */
static void NTAPI OwnerClassify(const FWPS_INCOMING_VALUES0 *inFixedValues,
				const FWPS_INCOMING_METADATA_VALUES0 *inMetaValues,
				void *layerData, const FWPS_FILTER0 *filter,
				UINT64 flowContext, FWPS_CLASSIFY_OUT0 *classifyOut)
{
	if (classifyOut->rights & FWPS_RIGHT_ACTION_WRITE)
		classifyOut->actionType = FWP_ACTION_PERMIT;
}

/* The callout object and its filter, in a session that leaves them behind. */
static NTSTATUS AddFilter(void)
{
	FWPM_FILTER_CONDITION0 cond[2] = { 0 };
	FWPM_CALLOUT0 mCallout = { 0 };
	FWPM_FILTER0 filter = { 0 };
	HANDLE engine;
	NTSTATUS status;

	status = FwpmEngineOpen0(NULL, RPC_C_AUTHN_WINNT, NULL, NULL, &engine);
	if (!NT_SUCCESS(status))
		return status;
	mCallout.calloutKey = gCalloutKey;
	mCallout.displayData.name = L"nfwfp owner test callout";
	mCallout.applicableLayer = FWPM_LAYER_DATAGRAM_DATA_V4;
	status = FwpmCalloutAdd0(engine, &mCallout, NULL, NULL);
	if (NT_SUCCESS(status)) {
		cond[0].fieldKey = FWPM_CONDITION_IP_PROTOCOL;
		cond[0].matchType = FWP_MATCH_EQUAL;
		cond[0].conditionValue.type = FWP_UINT8;
		cond[0].conditionValue.uint8 = IPPROTO_UDP;
		cond[1].fieldKey = FWPM_CONDITION_IP_REMOTE_PORT;
		cond[1].matchType = FWP_MATCH_EQUAL;
		cond[1].conditionValue.type = FWP_UINT16;
		cond[1].conditionValue.uint16 = 9998;
		filter.filterKey = gFilterKey;
		filter.layerKey = FWPM_LAYER_DATAGRAM_DATA_V4;
		filter.displayData.name = L"nfwfp owner test filter";
		filter.action.type = FWP_ACTION_CALLOUT_TERMINATING;
		filter.action.calloutKey = gCalloutKey;
		filter.numFilterConditions = 2;
		filter.filterCondition = cond;
		status = FwpmFilterAdd0(engine, &filter, NULL, NULL);
	}
	FwpmEngineClose0(engine);
	return status;
}

static int __init nfwfp_test_owner_init(void)
{
	FWPS_CALLOUT0 callout = { 0 };
	NTSTATUS status;

	callout.calloutKey = gCalloutKey;
	if (nodev) {
		callout.classifyFn = OwnerClassify;
		status = FwpsCalloutRegister0(NULL, &callout, &gCalloutId);
		if (NT_SUCCESS(status)) {
			status = AddFilter();
			if (!NT_SUCCESS(status))
				FwpsCalloutUnregisterById0(gCalloutId);
		}
	} else {
		callout.classifyFn = NfwfpTestLibClassify;
		callout.notifyFn = NfwfpTestLibNotify;
		status = FwpsCalloutRegister0(&gDeviceObject, &callout, &gCalloutId);
	}
	return NT_SUCCESS(status) ? 0 : -EINVAL;
}

static void __exit nfwfp_test_owner_exit(void)
{
	if (!leak)
		FwpsCalloutUnregisterById0(gCalloutId);
}

module_init(nfwfp_test_owner_init);
module_exit(nfwfp_test_owner_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("nfwfp test: a callout owned through its device object");
