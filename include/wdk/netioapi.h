/* SPDX-License-Identifier: GPL-2.0 */
/*
 * netioapi.h - the one NETIO type the WFP metadata uses:
 * IP_ADDRESS_PREFIX (wfp_api.md §4.7, mingw netioapi.h), 32 bytes.
 */
#ifndef _NFWFP_WDK_NETIOAPI_H
#define _NFWFP_WDK_NETIOAPI_H

#include "ws2ipdef.h"
#include "ifdef.h"
#include "nldef.h"

typedef struct _IP_ADDRESS_PREFIX {
	SOCKADDR_INET Prefix;
	UINT8 PrefixLength;
} IP_ADDRESS_PREFIX, *PIP_ADDRESS_PREFIX;

#endif /* _NFWFP_WDK_NETIOAPI_H */
