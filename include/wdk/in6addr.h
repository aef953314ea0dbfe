/* SPDX-License-Identifier: GPL-2.0 */
/*
 * in6addr.h - IN6_ADDR. The WDK declares it here; nfwfp keeps it with the
 * other address types in ws2ipdef.h, so including either works.
 */
#ifndef _NFWFP_WDK_IN6ADDR_H
#define _NFWFP_WDK_IN6ADDR_H

#include "ws2ipdef.h"

#endif /* _NFWFP_WDK_IN6ADDR_H */
