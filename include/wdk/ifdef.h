/* SPDX-License-Identifier: GPL-2.0 */
/* ifdef.h - interface index types (wfp_api.md §1, mingw ifdef.h). */
#ifndef _NFWFP_WDK_IFDEF_H
#define _NFWFP_WDK_IFDEF_H

#include "ntdef.h"

typedef ULONG NET_IFINDEX, *PNET_IFINDEX;
typedef NET_IFINDEX IF_INDEX, *PIF_INDEX;

#endif /* _NFWFP_WDK_IFDEF_H */
