/* SPDX-License-Identifier: GPL-2.0 */
/*
 * wdf.h - KMDF is NOT provided. This header has only the registry part a
 * callout driver's packet logic uses: a WDFKEY for the driver's Parameters
 * key and WdfRegistryQueryULong on it, backed by the driver's module
 * parameters (see NfwfpQueryParameterULong in wdm.h). A driver shell opens
 * the key with NfwfpOpenParametersKey(DriverObject, &Key) where WDF code
 * calls WdfDriverOpenParametersRegistryKey; WdfRegistryClose closes it.
 */
#ifndef _NFWFP_WDK_WDF_H
#define _NFWFP_WDK_WDF_H

#include "wdm.h"

typedef struct WDFKEY__ *WDFKEY;

/* A Parameters key is its driver object; nothing to allocate. */
static inline NTSTATUS NfwfpOpenParametersKey(PDRIVER_OBJECT DriverObject,
					      WDFKEY *Key)
{
	if (!DriverObject || !Key)
		return STATUS_INVALID_PARAMETER;
	*Key = (WDFKEY)DriverObject;
	return STATUS_SUCCESS;
}

static inline VOID WdfRegistryClose(WDFKEY Key)
{
	(void)Key;
}

_IRQL_requires_max_(PASSIVE_LEVEL)
static inline NTSTATUS WdfRegistryQueryULong(WDFKEY Key,
					     PCUNICODE_STRING ValueName,
					     PULONG Value)
{
	return NfwfpQueryParameterULong((PDRIVER_OBJECT)Key, ValueName, Value);
}

#endif /* _NFWFP_WDK_WDF_H */
