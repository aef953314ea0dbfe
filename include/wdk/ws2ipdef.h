/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ws2ipdef.h - IPv4/IPv6 Winsock definitions: IN6_ADDR, SOCKADDR_IN6,
 * SOCKADDR_INET, IN_PKTINFO, IN6_PKTINFO and the IPPROTO_IP / IPPROTO_IPV6
 * socket-option numbers that appear as cmsg_type in the control data
 * (FWPS_TRANSPORT_SEND_PARAMS1.controlData).
 *
 * Windows vs. Linux numbering follows the rule at the top of ws2def.h:
 * WS_<name> always holds the Windows value; the plain names hold it too
 * unless NFWFP_WDK_LINUX_SOCKET_NAMES is defined.
 *
 * Option numbers and the IN_PKTINFO/IN6_PKTINFO layouts are not in the
 * references; source: mingw-w64 mingw-w64-headers/include/ws2ipdef.h (the
 * header wfp_api.md cites) and the SDK ws2ipdef.h text
 * (C_ASSERT(sizeof(IN_PKTINFO) == 8), C_ASSERT(sizeof(IN6_PKTINFO) == 20)).
 */
#ifndef _NFWFP_WDK_WS2IPDEF_H
#define _NFWFP_WDK_WS2IPDEF_H

#include "ws2def.h"

/* options at level IPPROTO_IP (mingw ws2ipdef.h) */
#define WS_IP_OPTIONS             1
#define WS_IP_HDRINCL             2
#define WS_IP_TOS                 3
#define WS_IP_TTL                 4
#define WS_IP_MULTICAST_IF        9
#define WS_IP_MULTICAST_TTL       10
#define WS_IP_MULTICAST_LOOP      11
#define WS_IP_ADD_MEMBERSHIP      12
#define WS_IP_DROP_MEMBERSHIP     13
#define WS_IP_DONTFRAGMENT        14
#define WS_IP_PKTINFO             19
#define WS_IP_HOPLIMIT            21
#define WS_IP_RECVTTL             21
#define WS_IP_UNICAST_IF          31
#define WS_IP_TCLASS              39
#define WS_IP_RECVTOS             40
#define WS_IP_ECN                 50
#define WS_IP_PKTINFO_EX          51

/* options at level IPPROTO_IPV6 (mingw ws2ipdef.h) */
#define WS_IPV6_HOPOPTS           1
#define WS_IPV6_HDRINCL           2
#define WS_IPV6_UNICAST_HOPS      4
#define WS_IPV6_MULTICAST_IF      9
#define WS_IPV6_MULTICAST_HOPS    10
#define WS_IPV6_MULTICAST_LOOP    11
#define WS_IPV6_ADD_MEMBERSHIP    12
#define WS_IPV6_DROP_MEMBERSHIP   13
#define WS_IPV6_DONTFRAG          14
#define WS_IPV6_PKTINFO           19
#define WS_IPV6_HOPLIMIT          21
#define WS_IPV6_CHECKSUM          26
#define WS_IPV6_V6ONLY            27
#define WS_IPV6_UNICAST_IF        31
#define WS_IPV6_RTHDR             32
#define WS_IPV6_TCLASS            39
#define WS_IPV6_RECVTCLASS        40
#define WS_IPV6_ECN               50
#define WS_IPV6_PKTINFO_EX        51
#define WS_IPV6_JOIN_GROUP         WS_IPV6_ADD_MEMBERSHIP
#define WS_IPV6_LEAVE_GROUP        WS_IPV6_DROP_MEMBERSHIP

#ifndef NFWFP_WDK_LINUX_SOCKET_NAMES
#undef IP_OPTIONS
#define IP_OPTIONS                WS_IP_OPTIONS
#undef IP_HDRINCL
#define IP_HDRINCL                WS_IP_HDRINCL
#undef IP_TOS
#define IP_TOS                    WS_IP_TOS
#undef IP_TTL
#define IP_TTL                    WS_IP_TTL
#undef IP_MULTICAST_IF
#define IP_MULTICAST_IF           WS_IP_MULTICAST_IF
#undef IP_MULTICAST_TTL
#define IP_MULTICAST_TTL          WS_IP_MULTICAST_TTL
#undef IP_MULTICAST_LOOP
#define IP_MULTICAST_LOOP         WS_IP_MULTICAST_LOOP
#undef IP_ADD_MEMBERSHIP
#define IP_ADD_MEMBERSHIP         WS_IP_ADD_MEMBERSHIP
#undef IP_DROP_MEMBERSHIP
#define IP_DROP_MEMBERSHIP        WS_IP_DROP_MEMBERSHIP
#undef IP_DONTFRAGMENT
#define IP_DONTFRAGMENT           WS_IP_DONTFRAGMENT
#undef IP_PKTINFO
#define IP_PKTINFO                WS_IP_PKTINFO
#undef IP_HOPLIMIT
#define IP_HOPLIMIT               WS_IP_HOPLIMIT
#undef IP_RECVTTL
#define IP_RECVTTL                WS_IP_RECVTTL
#undef IP_UNICAST_IF
#define IP_UNICAST_IF             WS_IP_UNICAST_IF
#undef IP_TCLASS
#define IP_TCLASS                 WS_IP_TCLASS
#undef IP_RECVTOS
#define IP_RECVTOS                WS_IP_RECVTOS
#undef IP_ECN
#define IP_ECN                    WS_IP_ECN
#undef IP_PKTINFO_EX
#define IP_PKTINFO_EX             WS_IP_PKTINFO_EX

#undef IPV6_HOPOPTS
#define IPV6_HOPOPTS              WS_IPV6_HOPOPTS
#undef IPV6_HDRINCL
#define IPV6_HDRINCL              WS_IPV6_HDRINCL
#undef IPV6_UNICAST_HOPS
#define IPV6_UNICAST_HOPS         WS_IPV6_UNICAST_HOPS
#undef IPV6_MULTICAST_IF
#define IPV6_MULTICAST_IF         WS_IPV6_MULTICAST_IF
#undef IPV6_MULTICAST_HOPS
#define IPV6_MULTICAST_HOPS       WS_IPV6_MULTICAST_HOPS
#undef IPV6_MULTICAST_LOOP
#define IPV6_MULTICAST_LOOP       WS_IPV6_MULTICAST_LOOP
#undef IPV6_ADD_MEMBERSHIP
#define IPV6_ADD_MEMBERSHIP       WS_IPV6_ADD_MEMBERSHIP
#undef IPV6_DROP_MEMBERSHIP
#define IPV6_DROP_MEMBERSHIP      WS_IPV6_DROP_MEMBERSHIP
#undef IPV6_DONTFRAG
#define IPV6_DONTFRAG             WS_IPV6_DONTFRAG
#undef IPV6_PKTINFO
#define IPV6_PKTINFO              WS_IPV6_PKTINFO
#undef IPV6_HOPLIMIT
#define IPV6_HOPLIMIT             WS_IPV6_HOPLIMIT
#undef IPV6_CHECKSUM
#define IPV6_CHECKSUM             WS_IPV6_CHECKSUM
#undef IPV6_V6ONLY
#define IPV6_V6ONLY               WS_IPV6_V6ONLY
#undef IPV6_UNICAST_IF
#define IPV6_UNICAST_IF           WS_IPV6_UNICAST_IF
#undef IPV6_RTHDR
#define IPV6_RTHDR                WS_IPV6_RTHDR
#undef IPV6_TCLASS
#define IPV6_TCLASS               WS_IPV6_TCLASS
#undef IPV6_RECVTCLASS
#define IPV6_RECVTCLASS           WS_IPV6_RECVTCLASS
#undef IPV6_ECN
#define IPV6_ECN                  WS_IPV6_ECN
#undef IPV6_PKTINFO_EX
#define IPV6_PKTINFO_EX           WS_IPV6_PKTINFO_EX
#undef IPV6_JOIN_GROUP
#define IPV6_JOIN_GROUP           WS_IPV6_JOIN_GROUP
#undef IPV6_LEAVE_GROUP
#define IPV6_LEAVE_GROUP          WS_IPV6_LEAVE_GROUP
#endif /* !NFWFP_WDK_LINUX_SOCKET_NAMES */

/*
 * IPv6 address, the Windows layout (in6addr.h): u.Byte[16] / u.Word[8],
 * 16 bytes, 2-byte aligned. The in6_u member makes Linux's s6_addr and
 * s6_addr16 macros work on it as well.
 */
typedef struct nfwfp_wdk_in6_addr {
	union {
		union {
			UCHAR Byte[16];
			USHORT Word[8];
		} u;
		union {
			__u8 u6_addr8[16];
			__be16 u6_addr16[8];
		} in6_u;
	};
} IN6_ADDR, *PIN6_ADDR, *LPIN6_ADDR;

#define s6_bytes	u.Byte
#define s6_words	u.Word

typedef struct nfwfp_wdk_sockaddr_in6 {
	ADDRESS_FAMILY sin6_family;
	USHORT sin6_port;
	ULONG sin6_flowinfo;
	IN6_ADDR sin6_addr;
	union {
		ULONG sin6_scope_id;
		SCOPE_ID sin6_scope_struct;
	};
} SOCKADDR_IN6, *PSOCKADDR_IN6, *LPSOCKADDR_IN6;

/* wfp_api.md §4.7 (mingw ws2ipdef.h) */
typedef union _SOCKADDR_INET {
	SOCKADDR_IN Ipv4;
	SOCKADDR_IN6 Ipv6;
	ADDRESS_FAMILY si_family;
} SOCKADDR_INET, *PSOCKADDR_INET;

/* IP_PKTINFO: local source address and interface of a send. */
typedef struct nfwfp_wdk_in_pktinfo {
	IN_ADDR ipi_addr;
	ULONG ipi_ifindex;
} IN_PKTINFO, *PIN_PKTINFO;
C_ASSERT(sizeof(IN_PKTINFO) == 8);

/* IPV6_PKTINFO */
typedef struct nfwfp_wdk_in6_pktinfo {
	IN6_ADDR ipi6_addr;
	ULONG ipi6_ifindex;
} IN6_PKTINFO, *PIN6_PKTINFO;
C_ASSERT(sizeof(IN6_PKTINFO) == 20);

#endif /* _NFWFP_WDK_WS2IPDEF_H */
