/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ntddk.h - as in the WDK, a superset of wdm.h; nothing beyond wdm.h is
 * provided yet. The kernel primitives callout drivers use (IRQL, spin
 * locks, events, lists, pool, Rtl, time, DbgPrint, threads, work items,
 * DPCs, driver and device objects) are in wdm.h, where the WDK declares
 * them; wdm.h also lists what is missing.
 */
#ifndef _NFWFP_WDK_NTDDK_H
#define _NFWFP_WDK_NTDDK_H

#include "wdm.h"

#endif /* _NFWFP_WDK_NTDDK_H */
