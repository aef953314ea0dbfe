/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ndis.h - the NDIS 6 packet descriptors WFP hands to callouts:
 * NET_BUFFER_LIST, NET_BUFFER, their accessors, NBL pools, and the
 * NdisGetDataBuffer / NdisRetreat* / NdisAdvance* helpers (prototypes; the
 * functions are in nfwfp.ko).
 *
 * Layouts and field names are the WDK's (reference/wfp_api.md §4.11), so
 * that nfwfp can embed these structures in its own containers and drivers
 * can walk them; nothing Linux-specific is added to them. As in the WDK's
 * nbl.h, the reserved arrays are MEMORY_ALLOCATION_ALIGNMENT-aligned and the
 * headers contain an SLIST_HEADER, which makes both structures 16-byte
 * aligned on x64.
 *
 * NDIS_SUPPORT_NDIS630 (and the earlier levels) default to 1: nfwfp presents
 * the NDIS 6.30 (Windows 8+) layouts, which FWPS_INCOMING_METADATA_VALUES0
 * depends on. A driver may define them to 0 before including this header.
 */
#ifndef _NFWFP_WDK_NDIS_H
#define _NFWFP_WDK_NDIS_H

#include "wdm.h"

#ifndef NDIS_SUPPORT_NDIS6
#define NDIS_SUPPORT_NDIS6	1
#endif
#ifndef NDIS_SUPPORT_NDIS61
#define NDIS_SUPPORT_NDIS61	1
#endif
#ifndef NDIS_SUPPORT_NDIS620
#define NDIS_SUPPORT_NDIS620	1
#endif
#ifndef NDIS_SUPPORT_NDIS630
#define NDIS_SUPPORT_NDIS630	1
#endif

/* wfp_api.md §1 (mingw ndis.h) */
typedef int NDIS_STATUS, *PNDIS_STATUS;
typedef PVOID NDIS_HANDLE, *PNDIS_HANDLE;
typedef PHYSICAL_ADDRESS NDIS_PHYSICAL_ADDRESS, *PNDIS_PHYSICAL_ADDRESS;

/* wfp_api.md §2.1 (mingw ndis.h) */
#define NDIS_STATUS_SUCCESS		((NDIS_STATUS)STATUS_SUCCESS)
#define NDIS_STATUS_PENDING		((NDIS_STATUS)STATUS_PENDING)
#define NDIS_STATUS_FAILURE		((NDIS_STATUS)STATUS_UNSUCCESSFUL)
#define NDIS_STATUS_RESOURCES		((NDIS_STATUS)STATUS_INSUFFICIENT_RESOURCES)
#define NDIS_STATUS_NOT_SUPPORTED	((NDIS_STATUS)STATUS_NOT_SUPPORTED)
#define NDIS_STATUS_INVALID_PARAMETER	((NDIS_STATUS)STATUS_INVALID_PARAMETER)
#define NDIS_STATUS_INVALID_LENGTH	((NDIS_STATUS)0xC0010014L)
#define NDIS_STATUS_BUFFER_TOO_SHORT	((NDIS_STATUS)0xC0010016L)

/*
 * 16 on 64-bit Windows. Not in the references; source: the WDK nbl.h copies
 * seen in public repositories (DECLSPEC_ALIGN(MEMORY_ALLOCATION_ALIGNMENT)
 * on the NBL reserved arrays) and third-party headers giving 16 for _WIN64.
 */
#define MEMORY_ALLOCATION_ALIGNMENT	16

/* Hyper-V switch ids of FWPS_INCOMING_METADATA_VALUES0 (NDIS 6.30). */
typedef UINT32 NDIS_SWITCH_PORT_ID, *PNDIS_SWITCH_PORT_ID;
typedef USHORT NDIS_SWITCH_NIC_INDEX, *PNDIS_SWITCH_NIC_INDEX;

typedef struct _NDIS_OBJECT_HEADER {
	UCHAR Type;
	UCHAR Revision;
	USHORT Size;
} NDIS_OBJECT_HEADER, *PNDIS_OBJECT_HEADER;

/* wfp_api.md §2.8 */
#define NDIS_OBJECT_TYPE_DEFAULT			0x80
#define NDIS_PROTOCOL_ID_DEFAULT			0x00
#define NET_BUFFER_LIST_POOL_PARAMETERS_REVISION_1	1
#define NET_BUFFER_POOL_PARAMETERS_REVISION_1		1
#define NDIS_CLONE_FLAGS_RESERVED			0x00000001
#define NDIS_CLONE_FLAGS_USE_ORIGINAL_MDLS		0x00000002

typedef struct _NET_BUFFER NET_BUFFER, *PNET_BUFFER;
typedef struct _NET_BUFFER_LIST NET_BUFFER_LIST, *PNET_BUFFER_LIST;
typedef struct _NET_BUFFER_LIST_CONTEXT NET_BUFFER_LIST_CONTEXT,
	*PNET_BUFFER_LIST_CONTEXT;
typedef const NET_BUFFER_LIST *PCNET_BUFFER_LIST;
typedef const NET_BUFFER *PCNET_BUFFER;
typedef struct _NET_BUFFER_SHARED_MEMORY NET_BUFFER_SHARED_MEMORY,
	*PNET_BUFFER_SHARED_MEMORY;
typedef struct _SCATTER_GATHER_LIST SCATTER_GATHER_LIST,
	*PSCATTER_GATHER_LIST;

typedef union _NET_BUFFER_DATA_LENGTH {
	ULONG DataLength;
	SIZE_T stDataLength;
} NET_BUFFER_DATA_LENGTH, *PNET_BUFFER_DATA_LENGTH;

typedef struct _NET_BUFFER_DATA {
	PNET_BUFFER Next;
	PMDL CurrentMdl;
	ULONG CurrentMdlOffset;
	NET_BUFFER_DATA_LENGTH NbDataLength;
	PMDL MdlChain;
	ULONG DataOffset;
} NET_BUFFER_DATA, *PNET_BUFFER_DATA;

typedef union _NET_BUFFER_HEADER {
	NET_BUFFER_DATA NetBufferData;
	SLIST_HEADER Link;
} NET_BUFFER_HEADER, *PNET_BUFFER_HEADER;

/*
 * Used data starts DataOffset bytes into the MDL chain (at CurrentMdl +
 * CurrentMdlOffset) and is DataLength bytes long; the bytes before it are
 * backfill (wfp_api.md §4.11).
 */
struct _NET_BUFFER {
	union {
		struct {
			PNET_BUFFER Next;
			PMDL CurrentMdl;
			ULONG CurrentMdlOffset;
			union {
				ULONG DataLength;
				SIZE_T stDataLength;
			};
			PMDL MdlChain;
			ULONG DataOffset;
		};
		SLIST_HEADER Link;
		NET_BUFFER_HEADER NetBufferHeader;
	};
	USHORT ChecksumBias;
	USHORT Reserved;
	NDIS_HANDLE NdisPoolHandle;
	DECLSPEC_ALIGN(MEMORY_ALLOCATION_ALIGNMENT) PVOID NdisReserved[2];
	DECLSPEC_ALIGN(MEMORY_ALLOCATION_ALIGNMENT) PVOID ProtocolReserved[6];
	DECLSPEC_ALIGN(MEMORY_ALLOCATION_ALIGNMENT) PVOID MiniportReserved[4];
	NDIS_PHYSICAL_ADDRESS DataPhysicalAddress;
#if NDIS_SUPPORT_NDIS620
	union {
		PNET_BUFFER_SHARED_MEMORY SharedMemoryInfo;
		PSCATTER_GATHER_LIST ScatterGatherList;
	};
#endif
};

struct _NET_BUFFER_LIST_CONTEXT {
	PNET_BUFFER_LIST_CONTEXT Next;
	USHORT Size;
	USHORT Offset;
	DECLSPEC_ALIGN(MEMORY_ALLOCATION_ALIGNMENT) UCHAR ContextData[];
};

typedef struct _NET_BUFFER_LIST_DATA {
	PNET_BUFFER_LIST Next;
	PNET_BUFFER FirstNetBuffer;
} NET_BUFFER_LIST_DATA, *PNET_BUFFER_LIST_DATA;

typedef union _NET_BUFFER_LIST_HEADER {
	NET_BUFFER_LIST_DATA NetBufferListData;
	SLIST_HEADER Link;
} NET_BUFFER_LIST_HEADER, *PNET_BUFFER_LIST_HEADER;

/*
 * NET_BUFFER_LIST_INFO ids. wfp_api.md §4.11 lists the names in order; the
 * values, with their aliases, are those of the WDK nbl.h copies (an alias
 * shares the previous id). Later NDIS versions append more ids after
 * WfpNetBufferListInfo; they are not sourced here, so NetBufferListInfo[]
 * is shorter than on Windows (nothing depends on its length but nfwfp).
 */
typedef enum _NDIS_NET_BUFFER_LIST_INFO {
	TcpIpChecksumNetBufferListInfo,
	TcpOffloadBytesTransferred = TcpIpChecksumNetBufferListInfo,
	IPsecOffloadV1NetBufferListInfo,
	IPsecOffloadV2NetBufferListInfo = IPsecOffloadV1NetBufferListInfo,
	TcpLargeSendNetBufferListInfo,
	TcpReceiveNoPush = TcpLargeSendNetBufferListInfo,
	ClassificationHandleNetBufferListInfo,
	Ieee8021QNetBufferListInfo,
	NetBufferListCancelId,
	MediaSpecificInformation,
	NetBufferListFrameType,
	NetBufferListProtocolId = NetBufferListFrameType,
	NetBufferListHashValue,
	NetBufferListHashInfo,
	WfpNetBufferListInfo,
	MaxNetBufferListInfo
} NDIS_NET_BUFFER_LIST_INFO, *PNDIS_NET_BUFFER_LIST_INFO;

struct _NET_BUFFER_LIST {
	union {
		struct {
			PNET_BUFFER_LIST Next;
			PNET_BUFFER FirstNetBuffer;
		};
		SLIST_HEADER Link;
		NET_BUFFER_LIST_HEADER NetBufferListHeader;
	};
	PNET_BUFFER_LIST_CONTEXT Context;
	PNET_BUFFER_LIST ParentNetBufferList;	/* set on clones */
	NDIS_HANDLE NdisPoolHandle;
	DECLSPEC_ALIGN(MEMORY_ALLOCATION_ALIGNMENT) PVOID NdisReserved[2];
	DECLSPEC_ALIGN(MEMORY_ALLOCATION_ALIGNMENT) PVOID ProtocolReserved[4];
	DECLSPEC_ALIGN(MEMORY_ALLOCATION_ALIGNMENT) PVOID MiniportReserved[2];
	PVOID Scratch;
	NDIS_HANDLE SourceHandle;
	ULONG NblFlags;
	LONG ChildRefCount;		/* outstanding clones */
	ULONG Flags;
	union {
		NDIS_STATUS Status;	/* injection result, for completionFn */
		ULONG NdisReserved2;
	};
	PVOID NetBufferListInfo[MaxNetBufferListInfo];
};

/* Accessors, exactly as the WDK's nblaccessors (wfp_api.md §6) */
#define NET_BUFFER_LIST_FIRST_NB(_NBL)		((_NBL)->FirstNetBuffer)
#define NET_BUFFER_LIST_NEXT_NBL(_NBL)		((_NBL)->Next)
#define NET_BUFFER_NEXT_NB(_NB)			((_NB)->Next)
#define NET_BUFFER_DATA_LENGTH(_NB)		((_NB)->DataLength)
#define NET_BUFFER_DATA_OFFSET(_NB)		((_NB)->DataOffset)
#define NET_BUFFER_CURRENT_MDL(_NB)		((_NB)->CurrentMdl)
#define NET_BUFFER_CURRENT_MDL_OFFSET(_NB)	((_NB)->CurrentMdlOffset)
#define NET_BUFFER_FIRST_MDL(_NB)		((_NB)->MdlChain)
#define NET_BUFFER_LIST_STATUS(_NBL)		((_NBL)->Status)
#define NET_BUFFER_LIST_INFO(_NBL, _Id)		((_NBL)->NetBufferListInfo[(_Id)])

/*
 * MDL allocator/free hooks of the retreat/advance calls; drivers pass NULL
 * (function types, used as NET_BUFFER_ALLOCATE_MDL *, as in nblapi.h).
 */
typedef PMDL NTAPI NET_BUFFER_ALLOCATE_MDL(_Inout_ PULONG BufferSize);
typedef VOID NTAPI NET_BUFFER_FREE_MDL(_In_ PMDL Mdl);

/* wfp_api.md §4.11 (nblapi.h copy) */
typedef struct _NET_BUFFER_LIST_POOL_PARAMETERS {
	NDIS_OBJECT_HEADER Header;
	UCHAR ProtocolId;		/* NDIS_PROTOCOL_ID_DEFAULT */
	BOOLEAN fAllocateNetBuffer;	/* TRUE: each NBL comes with one NB */
	USHORT ContextSize;		/* multiple of MEMORY_ALLOCATION_ALIGNMENT */
	ULONG PoolTag;
	ULONG DataSize;			/* 0 for FwpsAllocateNetBufferAndNetBufferList0 */
} NET_BUFFER_LIST_POOL_PARAMETERS, *PNET_BUFFER_LIST_POOL_PARAMETERS;

#define NDIS_SIZEOF_NET_BUFFER_LIST_POOL_PARAMETERS_REVISION_1		\
	RTL_SIZEOF_THROUGH_FIELD(NET_BUFFER_LIST_POOL_PARAMETERS, DataSize)

/* nblapi.h: the pool NdisAllocateNetBufferPool makes NET_BUFFERs from. */
typedef struct _NET_BUFFER_POOL_PARAMETERS {
	NDIS_OBJECT_HEADER Header;
	ULONG PoolTag;
	ULONG DataSize;			/* 0: the caller supplies the MDLs */
} NET_BUFFER_POOL_PARAMETERS, *PNET_BUFFER_POOL_PARAMETERS;

#define NDIS_SIZEOF_NET_BUFFER_POOL_PARAMETERS_REVISION_1		\
	RTL_SIZEOF_THROUGH_FIELD(NET_BUFFER_POOL_PARAMETERS, DataSize)

/* Prototypes, wfp_api.md §6 (DDI docs and the nblapi.h copy) */
_IRQL_requires_max_(DISPATCH_LEVEL)
_Must_inspect_result_
PVOID NTAPI NdisGetDataBuffer(_In_ NET_BUFFER *NetBuffer,
			      _In_ ULONG BytesNeeded,
			      _Out_writes_bytes_all_opt_(BytesNeeded) PVOID Storage,
			      _In_ ULONG AlignMultiple,
			      _In_ ULONG AlignOffset);

_IRQL_requires_max_(DISPATCH_LEVEL)
NDIS_STATUS NTAPI
NdisRetreatNetBufferDataStart(_In_ NET_BUFFER *NetBuffer,
			      _In_ ULONG DataOffsetDelta,
			      _In_ ULONG DataBackFill,
			      _In_opt_ NET_BUFFER_ALLOCATE_MDL *AllocateMdlHandler);

_IRQL_requires_max_(DISPATCH_LEVEL)
VOID NTAPI
NdisAdvanceNetBufferDataStart(_In_ NET_BUFFER *NetBuffer,
			      _In_ ULONG DataOffsetDelta,
			      _In_ BOOLEAN FreeMdl,
			      _In_opt_ NET_BUFFER_FREE_MDL *FreeMdlHandler);

_IRQL_requires_max_(DISPATCH_LEVEL)
NDIS_STATUS NTAPI
NdisRetreatNetBufferListDataStart(_In_ NET_BUFFER_LIST *NetBufferList,
				  _In_ ULONG DataOffsetDelta,
				  _In_ ULONG DataBackFill,
				  _In_opt_ NET_BUFFER_ALLOCATE_MDL *AllocateMdlHandler,
				  _In_opt_ NET_BUFFER_FREE_MDL *FreeMdlHandler);

_IRQL_requires_max_(DISPATCH_LEVEL)
VOID NTAPI
NdisAdvanceNetBufferListDataStart(_In_ NET_BUFFER_LIST *NetBufferList,
				  _In_ ULONG DataOffsetDelta,
				  _In_ BOOLEAN FreeMdl,
				  _In_opt_ NET_BUFFER_FREE_MDL *FreeMdlMdlHandler);

_IRQL_requires_max_(DISPATCH_LEVEL)
NDIS_HANDLE NTAPI
NdisAllocateNetBufferListPool(_In_opt_ NDIS_HANDLE NdisHandle,
			      _In_ NET_BUFFER_LIST_POOL_PARAMETERS const *Parameters);

_IRQL_requires_max_(DISPATCH_LEVEL)
VOID NTAPI NdisFreeNetBufferListPool(_In_ NDIS_HANDLE PoolHandle);

_IRQL_requires_max_(DISPATCH_LEVEL)
NDIS_HANDLE NTAPI
NdisAllocateNetBufferPool(_In_opt_ NDIS_HANDLE NdisHandle,
			  _In_ NET_BUFFER_POOL_PARAMETERS const *Parameters);

_IRQL_requires_max_(DISPATCH_LEVEL)
VOID NTAPI NdisFreeNetBufferPool(_In_ NDIS_HANDLE PoolHandle);

#endif /* _NFWFP_WDK_NDIS_H */
