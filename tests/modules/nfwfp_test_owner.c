// SPDX-License-Identifier: GPL-2.0
/*
 * A driver that registers a callout with its own device object and a
 * classifyFn from nfwfp_test_owner_lib, and (leak=1) unloads without
 * unregistering it: nfwfp must unregister it when this module goes,
 * because the device object names this module as the owner.
 */
#include <linux/module.h>

#include "nfwfp_test_owner.h"

static int leak = 1;
module_param(leak, int, 0444);

/* What DriverEntry gets from IoCreateDevice on Windows: the driver's own. */
static struct {
	UINT64 opaque[8];
} gDeviceObject;

/* 2b7d1c90-5e4f-4a31-8d26-0c9e7f3a5b10 */
static const GUID gCalloutKey = { 0x2b7d1c90, 0x5e4f, 0x4a31,
	{ 0x8d, 0x26, 0x0c, 0x9e, 0x7f, 0x3a, 0x5b, 0x10 } };
static UINT32 gCalloutId;

static int __init nfwfp_test_owner_init(void)
{
	FWPS_CALLOUT0 callout = { 0 };
	NTSTATUS status;

	callout.calloutKey = gCalloutKey;
	callout.classifyFn = NfwfpTestLibClassify;
	callout.notifyFn = NfwfpTestLibNotify;
	status = FwpsCalloutRegister0(&gDeviceObject, &callout, &gCalloutId);
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
