/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The WDK headers as nfwfp's own files see them: Linux socket numbering on
 * the plain names (AF_INET6 = 10), the Windows values as WS_* (see the
 * comment at the top of include/wdk/ws2def.h). Include after Linux headers.
 */
#ifndef _NFWFP_WFP_H
#define _NFWFP_WFP_H

#define NFWFP_WDK_LINUX_SOCKET_NAMES
#include <ntddk.h>
#include <ndis.h>
#include <fwpsk.h>
#include <fwpmk.h>

#endif /* _NFWFP_WFP_H */
