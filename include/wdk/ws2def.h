/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ws2def.h - Winsock definitions callout drivers see through the WFP API:
 * address families, SCOPE_ID, IN_ADDR, SOCKADDR, WSACMSGHDR.
 *
 * ---------------------------------------------------------------------
 * Windows numbering vs. Linux headers: the rule
 * ---------------------------------------------------------------------
 * Several Winsock names are also Linux names with different values
 * (AF_INET6 is 23 on Windows and 10 on Linux; IP_TOS 3 vs 1, IP_PKTINFO
 * 19 vs 8, IPV6_TCLASS 39 vs 67, ...), and some tags are taken by Linux
 * with other layouts (struct in_addr, struct in_pktinfo, struct sockaddr).
 *
 * 1. ws2def.h first includes <linux/socket.h>, <linux/in.h> and
 *    <linux/in6.h> itself. Whatever order a file uses, the Linux
 *    definitions therefore always come first, and a later #include of them
 *    is a no-op (include guards): every order compiles.
 *
 * 2. The Windows values always exist under the Winsock names with a WS_
 *    prefix (WS_AF_INET6 == 23, WS_IP_TOS == 3, WS_IPV6_TCLASS == 39 ...),
 *    the convention Wine uses for the same clash.
 *
 * 3. Windows mode (the default, for callout drivers): the plain names have
 *    the Windows values. ws2def.h/ws2ipdef.h #undef the Linux macros and
 *    redefine them (AF_INET6, PF_INET6, IP_TOS, IP_TTL, IP_PKTINFO,
 *    IPV6_PKTINFO, IPV6_TCLASS, ...; see the lists below), and add the
 *    Windows-only names (IP_DONTFRAGMENT, IPV6_HDRINCL ...).
 *    Caveat: Linux headers parsed AFTER the WDK headers see the Windows
 *    values too (for instance an inline in <net/ipv6.h> testing
 *    sk_family == AF_INET6). A Windows-mode file that needs such Linux
 *    headers must include them BEFORE the WDK headers.
 *
 * 4. Linux mode: a file that defines NFWFP_WDK_LINUX_SOCKET_NAMES before
 *    including any WDK header (nfwfp's own sources, which talk to both
 *    worlds) keeps the Linux values on the plain names, gets no Windows-only
 *    plain names, and uses the WS_ names for Windows values.
 *
 * IPPROTO_*: Linux and Windows use the same IANA numbers (wfp_api.md §1),
 * and Linux already defines the constants, so only the IPPROTO type is
 * added. SOCKADDR, SOCKADDR_IN, IN_ADDR, IN6_ADDR, IN_PKTINFO, IN6_PKTINFO
 * and WSACMSGHDR are the Windows layouts under the Windows typedef names,
 * with their own struct tags (struct in_addr etc. stay Linux's): use the
 * typedef names in driver code. IN_ADDR has s_addr as a member (no s_addr
 * macro, which would break Linux's struct in_addr); IN6_ADDR also carries
 * Linux's in6_u member so that Linux's s6_addr macro works on it.
 *
 * Values not found in the references (wfp_api.md, wfp_fwpm.md) are marked
 * with their source: the mingw-w64 headers those references themselves cite,
 * read from mingw-w64/mingw-w64 (ws2ipdef.h) and the SDK text of ws2ipdef.h
 * and ws2def.h/mswsock.h.
 */
#ifndef _NFWFP_WDK_WS2DEF_H
#define _NFWFP_WDK_WS2DEF_H

#include <linux/socket.h>
#include <linux/in.h>
#include <linux/in6.h>
#include "ntdef.h"

/* Address families: wfp_api.md §1 (mingw winsock2.h) */
#define WS_AF_UNSPEC	0
#define WS_AF_INET	2
#define WS_AF_INET6	23

#ifndef NFWFP_WDK_LINUX_SOCKET_NAMES
/* AF_UNSPEC (0) and AF_INET (2) already have the Windows values. */
#undef AF_INET6
#define AF_INET6	WS_AF_INET6
#undef PF_INET6
#define PF_INET6	AF_INET6
#endif

typedef USHORT ADDRESS_FAMILY, *PADDRESS_FAMILY;

/* IANA protocol numbers; the constants are Linux's (same values). */
typedef INT IPPROTO, *PIPPROTO;

/* Interface scope (wfp_api.md §4.1, mingw ws2def.h); 4 bytes. */
typedef enum _SCOPE_LEVEL {
	ScopeLevelInterface = 1,
	ScopeLevelLink = 2,
	ScopeLevelSubnet = 3,
	ScopeLevelAdmin = 4,
	ScopeLevelSite = 5,
	ScopeLevelOrganization = 8,
	ScopeLevelGlobal = 14,
	ScopeLevelCount = 16
} SCOPE_LEVEL;	/* values: mingw ws2def.h (not in the references) */

typedef struct _SCOPE_ID {
	union {
		struct {
			ULONG Zone : 28;
			ULONG Level : 4;
		};
		ULONG Value;
	};
} SCOPE_ID, *PSCOPE_ID;

/*
 * IPv4 address, the Windows layout (inaddr.h): S_un.S_un_b.s_b1..s_b4,
 * S_un.S_un_w.s_w1/s_w2, S_un.S_addr, and s_addr (a macro on Windows, a
 * member of an anonymous union here). 4 bytes, network byte order.
 */
typedef struct nfwfp_wdk_in_addr {
	union {
		union {
			struct {
				UCHAR s_b1, s_b2, s_b3, s_b4;
			} S_un_b;
			struct {
				USHORT s_w1, s_w2;
			} S_un_w;
			ULONG S_addr;
		} S_un;
		ULONG s_addr;
	};
} IN_ADDR, *PIN_ADDR, *LPIN_ADDR;

typedef struct nfwfp_wdk_sockaddr {
	ADDRESS_FAMILY sa_family;
	CHAR sa_data[14];
} SOCKADDR, *PSOCKADDR, *LPSOCKADDR;

typedef struct nfwfp_wdk_sockaddr_in {
	ADDRESS_FAMILY sin_family;
	USHORT sin_port;
	IN_ADDR sin_addr;
	CHAR sin_zero[8];
} SOCKADDR_IN, *PSOCKADDR_IN, *LPSOCKADDR_IN;

/*
 * Ancillary data (wfp_api.md §4.2): SIZE_T cmsg_len; INT cmsg_level;
 * INT cmsg_type, then the data at WSA_CMSGDATA_ALIGN. 16 bytes on x64.
 * Level/type values are the Windows ones (IPPROTO_IP/IP_PKTINFO ...).
 */
typedef struct _WSACMSGHDR {
	SIZE_T cmsg_len;
	INT cmsg_level;
	INT cmsg_type;
	/* followed by UCHAR cmsg_data[] */
} WSACMSGHDR, *PWSACMSGHDR, *LPWSACMSGHDR;
typedef WSACMSGHDR CMSGHDR, *PCMSGHDR;

/* sizeof(ULONGLONG) on 64-bit Windows (SDK ntdef.h; not in the references) */
#define MAX_NATURAL_ALIGNMENT	sizeof(ULONGLONG)

/*
 * mingw/SDK ws2def.h (not in the references). WSA_CMSG_FIRSTHDR/NXTHDR need
 * WSAMSG, a user-mode type, and are not provided; nor are the CMSG_*
 * aliases of Vista+, which are Linux macros with Linux semantics.
 */
#define WSA_CMSGHDR_ALIGN(length)					\
	(((length) + TYPE_ALIGNMENT(WSACMSGHDR) - 1) &			\
	 (~(TYPE_ALIGNMENT(WSACMSGHDR) - 1)))
#define WSA_CMSGDATA_ALIGN(length)					\
	(((length) + MAX_NATURAL_ALIGNMENT - 1) &			\
	 (~(MAX_NATURAL_ALIGNMENT - 1)))
#define WSA_CMSG_DATA(cmsg)						\
	((PUCHAR)(cmsg) + WSA_CMSGDATA_ALIGN(sizeof(WSACMSGHDR)))
#define WSA_CMSG_SPACE(length)						\
	(WSA_CMSGDATA_ALIGN(sizeof(WSACMSGHDR) + WSA_CMSGHDR_ALIGN(length)))
#define WSA_CMSG_LEN(length)						\
	(WSA_CMSGDATA_ALIGN(sizeof(WSACMSGHDR)) + (length))
#define CMSGHDR_ALIGN		WSA_CMSGHDR_ALIGN
#define CMSGDATA_ALIGN		WSA_CMSGDATA_ALIGN

#endif /* _NFWFP_WDK_WS2DEF_H */
