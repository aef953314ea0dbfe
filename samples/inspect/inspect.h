/* SPDX-License-Identifier: GPL-2.0 */
/*
 * nfwfp_inspect: a transport inspection callout driver written the way
 * Windows callout drivers are (compare network/trans/inspect in Microsoft's
 * Windows-driver-samples): classify references, blocks and absorbs each
 * outbound packet to the inspected peer and queues it; a system thread
 * clones it, optionally rewrites its payload, and injects the clone with
 * FwpsInjectTransportSendAsync; the completion frees the clone and releases
 * the original. With BlockTraffic the thread drops the packets instead.
 *
 * Only the module glue at the end of driver.c is Linux; everything else
 * uses the WDK's names and nfwfp's include/wdk.
 */
#ifndef _INSPECT_H_
#define _INSPECT_H_

#include <ntddk.h>
#include <ndis.h>
#include <fwpsk.h>
#include <fwpmk.h>
#include <ip2string.h>

#define INSPECT_POOL_TAG	'psnI'

/* One absorbed outbound packet on its way through the worker. */
typedef struct _PENDED_PACKET {
	LIST_ENTRY listEntry;
	ADDRESS_FAMILY addressFamily;
	NET_BUFFER_LIST *netBufferList;		/* the referenced original */
	NET_BUFFER_LIST *clone;
	UINT64 endpointHandle;
	COMPARTMENT_ID compartmentId;
	SCOPE_ID remoteScopeId;
	union {
		FWP_BYTE_ARRAY16 remoteAddr;	/* network order */
		UINT32 ipv4RemoteAddr;
	};
	UINT32 transportHeaderSize;
	WSACMSGHDR *controlData;		/* a deep copy */
	ULONG controlDataLength;
} PENDED_PACKET;

/* Configuration, from the driver's parameters (driver.c). */
typedef struct _INSPECT_CONFIG {
	BOOLEAN blockTraffic;
	BOOLEAN hasRemoteAddress;
	ADDRESS_FAMILY remoteAddressFamily;
	UINT8 remoteAddress[16];		/* network order */
	UINT16 remotePort;			/* host order; 0: any */
	UINT8 protocol;				/* 0: any */
	/* Payload rewrite: every occurrence of find becomes replace. */
	SIZE_T rewriteLength;
	UINT8 rewriteFind[64];
	UINT8 rewriteReplace[64];
} INSPECT_CONFIG;

extern INSPECT_CONFIG gConfig;
extern HANDLE gInjectionHandle;
extern LIST_ENTRY gPacketQueue;
extern KSPIN_LOCK gPacketQueueLock;
extern KEVENT gWorkerEvent;
extern BOOLEAN gDriverUnloading;

void NTAPI TLInspectTransportClassify(
	_In_ const FWPS_INCOMING_VALUES *inFixedValues,
	_In_ const FWPS_INCOMING_METADATA_VALUES *inMetaValues,
	_Inout_opt_ void *layerData,
	_In_opt_ const void *classifyContext,
	_In_ const FWPS_FILTER *filter,
	_In_ UINT64 flowContext,
	_Inout_ FWPS_CLASSIFY_OUT *classifyOut);

NTSTATUS NTAPI TLInspectTransportNotify(
	_In_ FWPS_CALLOUT_NOTIFY_TYPE notifyType,
	_In_ const GUID *filterKey,
	_Inout_ FWPS_FILTER *filter);

KSTART_ROUTINE TLInspectWorker;

#endif /* _INSPECT_H_ */
