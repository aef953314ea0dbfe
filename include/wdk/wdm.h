/* SPDX-License-Identifier: GPL-2.0 */
/*
 * wdm.h - the kernel-mode base a callout driver gets from <wdm.h>/<ntddk.h>.
 *
 * Provided: NT base types (ntdef.h), NTSTATUS codes (ntstatus.h), SAL
 * (sal.h), GUIDs (guiddef.h), IRQL numbers, and the MDL (structure, flags,
 * accessors, IoAllocateMdl/IoFreeMdl/MmBuildMdlForNonPagedPool prototypes)
 * that NET_BUFFER describes its data with.
 *
 * NOT provided yet (a separate piece of work; drivers that use them do not
 * compile against these headers today): KeGetCurrentIrql, spin locks
 * (KSPIN_LOCK, KLOCK_QUEUE_HANDLE, KeAcquireInStackQueuedSpinLock ...),
 * events and waits (KEVENT, KeWaitForSingleObject ...), system threads
 * (PsCreateSystemThread ...), object references (ObReferenceObjectByHandle
 * ...), list helpers (InitializeListHead, InsertTailList ...; the LIST_ENTRY
 * structure is in ntdef.h), pool allocation (ExAllocatePool2,
 * ExFreePoolWithTag ...), Rtl memory/string/byte-swap helpers, interlocked
 * operations, DPCs, work items, DbgPrint/KdPrint, WDF.
 */
#ifndef _NFWFP_WDK_WDM_H
#define _NFWFP_WDK_WDM_H

#include "sal.h"
#include "ntdef.h"
#include "ntstatus.h"
#include "guiddef.h"

/* IRQL numbers (wfp_api.md §1) */
#define PASSIVE_LEVEL	0
#define APC_LEVEL	1
#define DISPATCH_LEVEL	2

/*
 * Memory descriptor list (wfp_api.md §4.11). nfwfp's MDLs always describe
 * mapped kernel memory: MappedSystemVa is valid whenever MdlFlags has
 * MDL_MAPPED_TO_SYSTEM_VA or MDL_SOURCE_IS_NONPAGED_POOL.
 */
typedef struct _MDL {
	struct _MDL *Next;
	CSHORT Size;
	CSHORT MdlFlags;
	struct _EPROCESS *Process;
	PVOID MappedSystemVa;
	PVOID StartVa;
	ULONG ByteCount;
	ULONG ByteOffset;
} MDL, *PMDL;

/* MdlFlags (wfp_api.md §2.8) */
#define MDL_MAPPED_TO_SYSTEM_VA		0x0001
#define MDL_SOURCE_IS_NONPAGED_POOL	0x0004
#define MDL_ALLOCATED_FIXED_SIZE	0x0008	/* set by IoAllocateMdl */

/* MmGetSystemAddressForMdlSafe priority (wfp_api.md §2.8) */
typedef enum _MM_PAGE_PRIORITY {
	LowPagePriority = 0,
	NormalPagePriority = 16,
	HighPagePriority = 32
} MM_PAGE_PRIORITY;

/* OR-ed into the priority (Win8+) */
#define MdlMappingNoWrite	0x80000000
#define MdlMappingNoExecute	0x40000000

#define MmGetMdlByteCount(Mdl)		((Mdl)->ByteCount)
#define MmGetMdlByteOffset(Mdl)		((Mdl)->ByteOffset)
#define MmGetMdlVirtualAddress(Mdl)					\
	((PVOID)((PCHAR)((Mdl)->StartVa) + (Mdl)->ByteOffset))

/*
 * A macro in the WDK that maps the pages on demand. Here an inline: every
 * MDL nfwfp hands out (and every MDL built by IoAllocateMdl +
 * MmBuildMdlForNonPagedPool) is already mapped, so this returns
 * MappedSystemVa; an MDL that is not mapped yields NULL, the documented
 * "mapping failed" answer, never a mapping attempt.
 */
static inline PVOID MmGetSystemAddressForMdlSafe(PMDL Mdl, ULONG Priority)
{
	(void)Priority;
	if (Mdl->MdlFlags & (MDL_MAPPED_TO_SYSTEM_VA |
			     MDL_SOURCE_IS_NONPAGED_POOL))
		return Mdl->MappedSystemVa;
	return NULL;
}

/*
 * Byte swaps (wdm.h): WFP gives IPv4 addresses in host order, the
 * injection functions want network order.
 */
static inline USHORT RtlUshortByteSwap(USHORT Source)
{
	return __builtin_bswap16(Source);
}

static inline ULONG RtlUlongByteSwap(ULONG Source)
{
	return __builtin_bswap32(Source);
}

static inline ULONGLONG RtlUlonglongByteSwap(ULONGLONG Source)
{
	return __builtin_bswap64(Source);
}

/* wfp_api.md §6 */
_IRQL_requires_max_(DISPATCH_LEVEL)
PMDL NTAPI IoAllocateMdl(_In_opt_ PVOID VirtualAddress, _In_ ULONG Length,
			 _In_ BOOLEAN SecondaryBuffer, _In_ BOOLEAN ChargeQuota,
			 _Inout_opt_ PIRP Irp);

_IRQL_requires_max_(DISPATCH_LEVEL)
VOID NTAPI IoFreeMdl(_In_ PMDL Mdl);

_IRQL_requires_max_(DISPATCH_LEVEL)
VOID NTAPI MmBuildMdlForNonPagedPool(_Inout_ PMDL MemoryDescriptorList);

#endif /* _NFWFP_WDK_WDM_H */
