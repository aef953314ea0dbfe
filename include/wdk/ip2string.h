/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ip2string.h - IPv4/IPv6 text to address (the functions are in
 * nfwfp.ko, module/wdk_ipstr.c), with the Windows semantics:
 *
 * RtlIpv4StringToAddress[AW]: Strict TRUE accepts only four dotted
 * decimal parts of 0-255 without leading zeros; Strict FALSE also accepts
 * the inet_aton forms (a, a.b, a.b.c; octal with a leading 0, hex with 0x),
 * the last part filling the remaining bytes. Addr is in network byte order.
 *
 * RtlIpv6StringToAddress[AW]: RFC 4291 text (hex groups of at most four
 * digits, one "::", an IPv4 dotted quad in the last 32 bits).
 *
 * Parsing stops at the first character that cannot continue the address,
 * and *Terminator points to it, on success and on failure alike: "1.2.3.4:80"
 * and "fe80::1%4" succeed with *Terminator at ':' and '%'. A caller that
 * wants the whole string to be an address checks that *Terminator is the
 * terminating NUL. Anything that is not a complete address is
 * STATUS_INVALID_PARAMETER (also a ninth IPv6 group or a fifth IPv4 part).
 *
 * The address arguments are the Windows layouts IN_ADDR and IN6_ADDR (see
 * ws2def.h: struct in_addr is Linux's here, pass an IN_ADDR).
 */
#ifndef _NFWFP_WDK_IP2STRING_H
#define _NFWFP_WDK_IP2STRING_H

#include "ntdef.h"
#include "ws2ipdef.h"

NTSTATUS NTAPI RtlIpv4StringToAddressW(_In_ PCWSTR S, _In_ BOOLEAN Strict,
				       _Out_ LPCWSTR *Terminator,
				       _Out_ IN_ADDR *Addr);
NTSTATUS NTAPI RtlIpv4StringToAddressA(_In_ PCSTR S, _In_ BOOLEAN Strict,
				       _Out_ PCSTR *Terminator,
				       _Out_ IN_ADDR *Addr);
NTSTATUS NTAPI RtlIpv6StringToAddressW(_In_ PCWSTR S,
				       _Out_ PCWSTR *Terminator,
				       _Out_ IN6_ADDR *Addr);
NTSTATUS NTAPI RtlIpv6StringToAddressA(_In_ PCSTR S, _Out_ PCSTR *Terminator,
				       _Out_ IN6_ADDR *Addr);

#ifdef UNICODE
#define RtlIpv4StringToAddress	RtlIpv4StringToAddressW
#define RtlIpv6StringToAddress	RtlIpv6StringToAddressW
#else
#define RtlIpv4StringToAddress	RtlIpv4StringToAddressA
#define RtlIpv6StringToAddress	RtlIpv6StringToAddressA
#endif

#endif /* _NFWFP_WDK_IP2STRING_H */
