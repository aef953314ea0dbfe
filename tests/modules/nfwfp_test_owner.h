/* SPDX-License-Identifier: GPL-2.0 */
/* What nfwfp_test_owner_lib exports to nfwfp_test_owner. */
#ifndef _NFWFP_TEST_OWNER_H
#define _NFWFP_TEST_OWNER_H

#include <ntddk.h>
#include <fwpsk.h>

void NTAPI NfwfpTestLibClassify(const FWPS_INCOMING_VALUES0 *inFixedValues,
				const FWPS_INCOMING_METADATA_VALUES0 *inMetaValues,
				void *layerData, const FWPS_FILTER0 *filter,
				UINT64 flowContext, FWPS_CLASSIFY_OUT0 *classifyOut);
NTSTATUS NTAPI NfwfpTestLibNotify(FWPS_CALLOUT_NOTIFY_TYPE notifyType,
				  const GUID *filterKey, FWPS_FILTER0 *filter);

#endif
