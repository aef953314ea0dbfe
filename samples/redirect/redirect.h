/* SPDX-License-Identifier: GPL-2.0 */
/*
 * nfwfp_redirect: a UDP redirect callout driver in the style of WFP's
 * datagram-data proxy sample (network/trans/ddproxy): outbound datagrams
 * to DestinationPort are taken at the DATAGRAM_DATA layer, their UDP
 * destination port rewritten, and sent to NewDestinationAddress /
 * NewDestinationPort with sendArgs->remoteAddress. The work is done by an
 * IO work item, queued when the queue goes from empty to non-empty.
 *
 * Only the module glue at the end of redirect.c is Linux.
 */
#ifndef _REDIRECT_H_
#define _REDIRECT_H_

#include <ntddk.h>
#include <ndis.h>
#include <fwpsk.h>
#include <fwpmk.h>
#include <ip2string.h>

#define REDIRECT_POOL_TAG	'rdeR'

/* As DD_proxy.h spells it: the UDP header, fields in network order. */
typedef struct UDP_HEADER_ {
	UINT16 srcPort;
	UINT16 destPort;
	UINT16 length;
	UINT16 checksum;
} UDP_HEADER;

typedef struct _REDIRECT_PACKET {
	LIST_ENTRY listEntry;
	ADDRESS_FAMILY addressFamily;
	NET_BUFFER_LIST *netBufferList;		/* the referenced original */
	UINT64 endpointHandle;
	COMPARTMENT_ID compartmentId;
	SCOPE_ID remoteScopeId;
	WSACMSGHDR *controlData;
	ULONG controlDataLength;
} REDIRECT_PACKET;

#endif /* _REDIRECT_H_ */
