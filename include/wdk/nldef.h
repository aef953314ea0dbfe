/* SPDX-License-Identifier: GPL-2.0 */
/*
 * nldef.h - network-layer definitions: NL_ADDRESS_TYPE, the value of the
 * ..._IP_LOCAL_ADDRESS_TYPE and ..._IP_DESTINATION_ADDRESS_TYPE incoming
 * fields (FWP_UINT8); wfp_api.md §3.7 (mingw nldef.h).
 */
#ifndef _NFWFP_WDK_NLDEF_H
#define _NFWFP_WDK_NLDEF_H

#include "ntdef.h"

typedef enum _NL_ADDRESS_TYPE {
	NlatUnspecified = 0,
	NlatUnicast = 1,
	NlatAnycast = 2,
	NlatMulticast = 3,
	NlatBroadcast = 4,
	NlatInvalid = 5
} NL_ADDRESS_TYPE, *PNL_ADDRESS_TYPE;

#endif /* _NFWFP_WDK_NLDEF_H */
