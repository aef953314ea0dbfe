/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ntddk.h - as in the WDK, a superset of wdm.h; nothing beyond wdm.h is
 * provided yet (see the list of missing primitives in wdm.h).
 */
#ifndef _NFWFP_WDK_NTDDK_H
#define _NFWFP_WDK_NTDDK_H

#include "wdm.h"

#endif /* _NFWFP_WDK_NTDDK_H */
