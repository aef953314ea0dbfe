// SPDX-License-Identifier: GPL-2.0
/*
 * WDK driver glue: the DRIVER_OBJECT behind NFWFP_DRIVER_ENTRY (wdm.h),
 * device objects (IoCreateDevice, IoDeleteDevice) and driver parameters
 * backed by module parameters (NfwfpQueryParameterULong).
 *
 * Every device object nfwfp creates is on one list, so that an address a
 * driver hands to FwpsCalloutRegister as its deviceObject can be checked
 * to be one before it is dereferenced; its owner is the module its
 * DRIVER_OBJECT came from.
 */
#include <linux/module.h>
#include <linux/ctype.h>
#include <linux/moduleparam.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "nfwfp.h"
#include "engine.h"

struct nfwfp_device {
	struct list_head node;
	DEVICE_OBJECT dev;		/* the extension follows */
};

static LIST_HEAD(nfwfp_devices);
static DEFINE_MUTEX(nfwfp_devices_lock);

#define NFWFP_IO_TYPE_DEVICE	3	/* DEVICE_OBJECT.Type */
#define NFWFP_IO_TYPE_DRIVER	4	/* DRIVER_OBJECT.Type */

/* ------------------------------------------------------------------ */
/* Strings                                                             */
/* ------------------------------------------------------------------ */

/* prefix + name as a UTF-16 UNICODE_STRING (both are ASCII). */
static NTSTATUS nfwfp_ustr_make(PUNICODE_STRING s, const char *prefix,
				const char *name)
{
	size_t lp = strlen(prefix), ln = strlen(name), i;
	PWCH buf;

	if ((lp + ln + 1) * sizeof(WCHAR) > MAXUSHORT)
		return STATUS_INVALID_PARAMETER;
	buf = kmalloc_array(lp + ln + 1, sizeof(WCHAR), GFP_KERNEL);
	if (!buf)
		return STATUS_INSUFFICIENT_RESOURCES;
	for (i = 0; i < lp; i++)
		buf[i] = (u8)prefix[i];
	for (i = 0; i < ln; i++)
		buf[lp + i] = (u8)name[i];
	buf[lp + ln] = 0;
	s->Buffer = buf;
	s->Length = (lp + ln) * sizeof(WCHAR);
	s->MaximumLength = s->Length + sizeof(WCHAR);
	return STATUS_SUCCESS;
}

static void nfwfp_ustr_free(PUNICODE_STRING s)
{
	kfree(s->Buffer);
	s->Buffer = NULL;
	s->Length = s->MaximumLength = 0;
}

/* A UNICODE_STRING equal, ignoring ASCII case, to a C string. */
static bool nfwfp_ustr_eq_ascii_ci(PCUNICODE_STRING s, const char *a)
{
	size_t n = s->Length / sizeof(WCHAR), i;

	if (strlen(a) != n)
		return false;
	for (i = 0; i < n; i++) {
		WCHAR c = s->Buffer[i];

		if (c > 0x7f || tolower((u8)c) != tolower((u8)a[i]))
			return false;
	}
	return true;
}

/* ------------------------------------------------------------------ */
/* Device objects                                                      */
/* ------------------------------------------------------------------ */

NTSTATUS NTAPI IoCreateDevice(PDRIVER_OBJECT DriverObject,
			      ULONG DeviceExtensionSize,
			      PUNICODE_STRING DeviceName, DEVICE_TYPE DeviceType,
			      ULONG DeviceCharacteristics, BOOLEAN Exclusive,
			      PDEVICE_OBJECT *DeviceObject)
{
	struct nfwfp_device *d;
	size_t size;

	might_sleep();
	if (!DriverObject || !DeviceObject)
		return STATUS_INVALID_PARAMETER;
	*DeviceObject = NULL;
	size = ALIGN(sizeof(*d), 16);
	if (DeviceExtensionSize > KMALLOC_MAX_SIZE - size)
		return STATUS_INSUFFICIENT_RESOURCES;
	d = kzalloc(size + DeviceExtensionSize, GFP_KERNEL);
	if (!d)
		return STATUS_INSUFFICIENT_RESOURCES;
	d->dev.Type = NFWFP_IO_TYPE_DEVICE;
	d->dev.Size = sizeof(DEVICE_OBJECT) + DeviceExtensionSize;
	d->dev.ReferenceCount = 0;
	d->dev.DriverObject = DriverObject;
	d->dev.Flags = DO_DEVICE_INITIALIZING | (Exclusive ? DO_EXCLUSIVE : 0);
	d->dev.Characteristics = DeviceCharacteristics;
	d->dev.DeviceType = DeviceType;
	d->dev.StackSize = 1;
	if (DeviceExtensionSize)
		d->dev.DeviceExtension = (u8 *)d + size;

	mutex_lock(&nfwfp_devices_lock);
	d->dev.NextDevice = DriverObject->DeviceObject;
	DriverObject->DeviceObject = &d->dev;
	list_add(&d->node, &nfwfp_devices);
	mutex_unlock(&nfwfp_devices_lock);
	*DeviceObject = &d->dev;
	return STATUS_SUCCESS;
}
EXPORT_SYMBOL_GPL(IoCreateDevice);

VOID NTAPI IoDeleteDevice(PDEVICE_OBJECT DeviceObject)
{
	struct nfwfp_device *d = container_of(DeviceObject, struct nfwfp_device, dev);
	PDEVICE_OBJECT *link;

	might_sleep();
	mutex_lock(&nfwfp_devices_lock);
	for (link = &DeviceObject->DriverObject->DeviceObject; *link;
	     link = &(*link)->NextDevice) {
		if (*link == DeviceObject) {
			*link = DeviceObject->NextDevice;
			break;
		}
	}
	list_del(&d->node);
	mutex_unlock(&nfwfp_devices_lock);
	kfree(d);
}
EXPORT_SYMBOL_GPL(IoDeleteDevice);

/*
 * The module a device object made by IoCreateDevice belongs to, or NULL if
 * device_object is not one (a driver's own static blob, say). Only an
 * identity: used by FwpsCalloutRegister to know whose callout it is.
 */
struct module *nfwfp_wdk_device_owner(const void *device_object)
{
	struct module *owner = NULL;
	struct nfwfp_device *d;

	if (!device_object)
		return NULL;
	mutex_lock(&nfwfp_devices_lock);
	list_for_each_entry(d, &nfwfp_devices, node) {
		if (&d->dev == device_object) {
			owner = d->dev.DriverObject->NfwfpModule;
			break;
		}
	}
	mutex_unlock(&nfwfp_devices_lock);
	return owner;
}

/* ------------------------------------------------------------------ */
/* Driver objects                                                      */
/* ------------------------------------------------------------------ */

int nfwfp_ntstatus_to_errno(NTSTATUS Status)
{
	if (NT_SUCCESS(Status))
		return 0;
	switch (Status) {
	case STATUS_NO_MEMORY:
	case STATUS_INSUFFICIENT_RESOURCES:
		return -ENOMEM;
	case STATUS_NOT_SUPPORTED:
		return -EOPNOTSUPP;
	case STATUS_ACCESS_DENIED:
		return -EACCES;
	default:
		return -EINVAL;
	}
}
EXPORT_SYMBOL_GPL(nfwfp_ntstatus_to_errno);

/* Devices the driver left behind: it leaked them; do not leak them here. */
static void nfwfp_driver_delete_devices(PDRIVER_OBJECT drv, const char *when)
{
	while (drv->DeviceObject) {
		nfwfp_count_misuse(when);
		IoDeleteDevice(drv->DeviceObject);
	}
}

NTSTATUS nfwfp_driver_load(PDRIVER_OBJECT DriverObject, struct module *Module,
			   PDRIVER_INITIALIZE DriverEntry)
{
	UNICODE_STRING registry_path;
	NTSTATUS status;

	might_sleep();
	memset(DriverObject, 0, sizeof(*DriverObject));
	DriverObject->Type = NFWFP_IO_TYPE_DRIVER;
	DriverObject->Size = sizeof(*DriverObject);
	DriverObject->DriverInit = DriverEntry;
	DriverObject->NfwfpModule = Module;
	DriverObject->DriverStart = Module->core_layout.base;
	DriverObject->DriverSize = Module->core_layout.size;
	status = nfwfp_ustr_make(&DriverObject->DriverName, "\\Driver\\",
				 Module->name);
	if (!NT_SUCCESS(status))
		return status;
	status = nfwfp_ustr_make(&registry_path,
				 "\\Registry\\Machine\\System\\CurrentControlSet\\Services\\",
				 Module->name);
	if (!NT_SUCCESS(status))
		goto fail;

	status = DriverEntry(DriverObject, &registry_path);
	/* Valid during DriverEntry only, as on Windows. */
	nfwfp_ustr_free(&registry_path);
	if (!NT_SUCCESS(status))
		goto fail;
	/* No unload routine: the driver cannot be unloaded (Windows too). */
	if (!DriverObject->DriverUnload)
		__module_get(Module);
	return STATUS_SUCCESS;

fail:
	nfwfp_driver_delete_devices(DriverObject,
				    "device left by a DriverEntry that failed");
	nfwfp_ustr_free(&DriverObject->DriverName);
	return status;
}
EXPORT_SYMBOL_GPL(nfwfp_driver_load);

VOID nfwfp_driver_unload(PDRIVER_OBJECT DriverObject)
{
	might_sleep();
	if (DriverObject->DriverUnload)
		DriverObject->DriverUnload(DriverObject);
	nfwfp_driver_delete_devices(DriverObject,
				    "device left by DriverUnload");
	nfwfp_ustr_free(&DriverObject->DriverName);
}
EXPORT_SYMBOL_GPL(nfwfp_driver_unload);

/* ------------------------------------------------------------------ */
/* Parameters                                                          */
/* ------------------------------------------------------------------ */

/* A parameter's value through its own get(): any integer or bool type. */
static NTSTATUS nfwfp_param_ulong(const struct kernel_param *kp, PULONG Value)
{
	char *buf;
	long long v;
	bool b;
	int len;

	if (!kp->ops->get)
		return STATUS_OBJECT_TYPE_MISMATCH;
	buf = kzalloc(PAGE_SIZE, GFP_KERNEL);
	if (!buf)
		return STATUS_INSUFFICIENT_RESOURCES;
	kernel_param_lock(kp->mod);
	len = kp->ops->get(buf, kp);
	kernel_param_unlock(kp->mod);
	if (len > 0 && buf[len - 1] == '\n')
		buf[len - 1] = '\0';
	if (len > 0 && !kstrtoll(buf, 0, &v) && v >= S32_MIN && v <= U32_MAX) {
		*Value = (ULONG)v;
	} else if (len > 0 && (kp->ops == &param_ops_bool ||
			       kp->ops == &param_ops_invbool) && !kstrtobool(buf, &b)) {
		*Value = b;
	} else {
		kfree(buf);
		return STATUS_OBJECT_TYPE_MISMATCH;
	}
	kfree(buf);
	return STATUS_SUCCESS;
}

NTSTATUS NTAPI NfwfpQueryParameterULong(PDRIVER_OBJECT DriverObject,
					PCUNICODE_STRING ValueName, PULONG Value)
{
	struct module *mod;
	unsigned int i;

	might_sleep();
	if (!DriverObject || !DriverObject->NfwfpModule || !ValueName ||
	    !ValueName->Buffer || !Value)
		return STATUS_INVALID_PARAMETER;
	mod = DriverObject->NfwfpModule;
	for (i = 0; i < mod->num_kp; i++)
		if (nfwfp_ustr_eq_ascii_ci(ValueName, mod->kp[i].name))
			return nfwfp_param_ulong(&mod->kp[i], Value);
	return STATUS_OBJECT_NAME_NOT_FOUND;
}
EXPORT_SYMBOL_GPL(NfwfpQueryParameterULong);
