// SPDX-License-Identifier: GPL-2.0
/*
 * A classifyFn that lives in a library module, used by nfwfp_test_owner:
 * the registration then belongs to the driver whose device object it
 * names, not to the module whose code classifyFn is.
 */
#include <linux/module.h>

#include "nfwfp_test_owner.h"

void NTAPI NfwfpTestLibClassify(const FWPS_INCOMING_VALUES0 *inFixedValues,
				const FWPS_INCOMING_METADATA_VALUES0 *inMetaValues,
				void *layerData, const FWPS_FILTER0 *filter,
				UINT64 flowContext, FWPS_CLASSIFY_OUT0 *classifyOut)
{
	UNREFERENCED_PARAMETER(inFixedValues);
	UNREFERENCED_PARAMETER(inMetaValues);
	UNREFERENCED_PARAMETER(layerData);
	UNREFERENCED_PARAMETER(filter);
	UNREFERENCED_PARAMETER(flowContext);
	if (classifyOut->rights & FWPS_RIGHT_ACTION_WRITE)
		classifyOut->actionType = FWP_ACTION_PERMIT;
}
EXPORT_SYMBOL_GPL(NfwfpTestLibClassify);

NTSTATUS NTAPI NfwfpTestLibNotify(FWPS_CALLOUT_NOTIFY_TYPE notifyType,
				  const GUID *filterKey, FWPS_FILTER0 *filter)
{
	UNREFERENCED_PARAMETER(notifyType);
	UNREFERENCED_PARAMETER(filterKey);
	UNREFERENCED_PARAMETER(filter);
	return STATUS_SUCCESS;
}
EXPORT_SYMBOL_GPL(NfwfpTestLibNotify);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("nfwfp test: a classifyFn in a library module");
