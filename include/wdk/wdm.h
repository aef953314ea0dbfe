/* SPDX-License-Identifier: GPL-2.0 */
/*
 * wdm.h - the kernel-mode base a callout driver gets from <wdm.h>/<ntddk.h>.
 *
 * Provided: NT base types (ntdef.h), NTSTATUS codes (ntstatus.h), SAL
 * (sal.h), GUIDs (guiddef.h), the MDL (structure, flags, accessors,
 * IoAllocateMdl/IoFreeMdl/MmBuildMdlForNonPagedPool prototypes) that
 * NET_BUFFER describes its data with, and, header-only, the kernel
 * primitives callout drivers are written with (reference/clients_peers.md
 * §1.2-1.4): IRQL (KeGetCurrentIrql, KeRaiseIrql/KeLowerIrql), spin locks
 * (KSPIN_LOCK, KLOCK_QUEUE_HANDLE), events and waits (KEVENT,
 * KeWaitForSingleObject), Interlocked*, LIST_ENTRY helpers, pool
 * (ExAllocatePool2 ...), Rtl memory helpers and byte swaps, system time and
 * performance counter, DbgPrint/DbgPrintEx/KdPrint.
 *
 * IRQL model. Linux has no IRQL; these headers map the two levels a
 * callout driver uses onto what Linux can sleep in:
 *   PASSIVE_LEVEL   process context that may sleep;
 *   DISPATCH_LEVEL  everything else: bottom halves disabled, softirq
 *                   (nfwfp calls classifyFn inside local_bh_disable()),
 *                   preemption or interrupts disabled, hard interrupt,
 *                   RCU read-side critical section.
 * Raising to DISPATCH_LEVEL disables bottom halves (local_bh_disable),
 * which, like DISPATCH_LEVEL, stops the scheduler and every DPC-like
 * (softirq) activity on this CPU but not device interrupts. APC_LEVEL has no
 * Linux counterpart: raising to it changes nothing and it is never reported.
 *
 * Implemented in nfwfp.ko (prototypes here): system threads and thread
 * objects (PsCreateSystemThread, ObReferenceObjectByHandle, ZwClose ...),
 * work items, DPCs, driver and device objects (IoCreateDevice), the driver
 * entry glue NFWFP_DRIVER_ENTRY and driver parameters backed by module
 * parameters (NfwfpQueryParameterULong). Rtl IP string parsing is in
 * ip2string.h.
 *
 * NOT provided (drivers that use them do not compile against these headers
 * today): waits on anything but events and threads, mutexes, semaphores,
 * timers, interlocked lists (ExInterlocked*), lookaside lists, Rtl string
 * helpers, IRPs and I/O dispatch, WDF (wdf.h has only WdfRegistryQueryULong).
 */
#ifndef _NFWFP_WDK_WDM_H
#define _NFWFP_WDK_WDM_H

/*
 * The Linux headers the primitives below are built on come first, before
 * any Windows name exists, so that none of them is parsed with a Windows
 * macro in force.
 */
#include <linux/types.h>
#include <linux/kernel.h>
#include <linux/bug.h>
#include <linux/cache.h>
#include <linux/log2.h>
#include <linux/atomic.h>
#include <linux/preempt.h>
#include <linux/irqflags.h>
#include <linux/bottom_half.h>
#include <linux/spinlock.h>
#include <linux/rcupdate.h>
#include <linux/sched.h>
#include <linux/wait.h>
#include <linux/hrtimer.h>
#include <linux/ktime.h>
#include <linux/timekeeping.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/printk.h>
#include <linux/workqueue.h>
#include <linux/smp.h>
#include <linux/module.h>

#include "sal.h"
#include "ntdef.h"
#include "ntstatus.h"
#include "guiddef.h"

/* IRQL numbers (wfp_api.md §1) */
#define PASSIVE_LEVEL	0
#define LOW_LEVEL	0
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

/*
 * ---------------------------------------------------------------------
 * IRQL
 * ---------------------------------------------------------------------
 */

/*
 * DISPATCH_LEVEL wherever sleeping is not allowed (see the IRQL model at
 * the top): a nonzero preempt count covers hard and soft interrupt context,
 * bottom halves disabled (classifyFn, spin locks below) and preemption
 * disabled; interrupts off and RCU read-side sections (which do not touch
 * the preempt count with PREEMPT_RCU) count too. Kernels without
 * CONFIG_PREEMPT_COUNT do not count plain spin_lock() holders; every lock
 * taken through these headers disables bottom halves, which is counted.
 * Hard interrupt context answers DISPATCH_LEVEL too, not a DIRQL.
 */
static inline KIRQL KeGetCurrentIrql(void)
{
	if (preempt_count() || irqs_disabled() || rcu_preempt_depth())
		return DISPATCH_LEVEL;
	return PASSIVE_LEVEL;
}

/*
 * Raising to DISPATCH_LEVEL (or above: interrupts are never masked) from
 * below it disables bottom halves; lowering below DISPATCH_LEVEL from it
 * enables them again. Raising from DISPATCH_LEVEL changes nothing, so the
 * matching KeLowerIrql(DISPATCH_LEVEL) must not either: the pair stays
 * balanced without any state. Raising to APC_LEVEL changes nothing.
 */
static inline KIRQL KfRaiseIrql(KIRQL NewIrql)
{
	KIRQL OldIrql = KeGetCurrentIrql();

	if (NewIrql >= DISPATCH_LEVEL && OldIrql < DISPATCH_LEVEL)
		local_bh_disable();
	return OldIrql;
}

#define KeRaiseIrql(NewIrql, OldIrql)	(*(OldIrql) = KfRaiseIrql(NewIrql))

static inline KIRQL KeRaiseIrqlToDpcLevel(void)
{
	return KfRaiseIrql(DISPATCH_LEVEL);
}

static inline VOID KeLowerIrql(KIRQL NewIrql)
{
	if (NewIrql < DISPATCH_LEVEL && KeGetCurrentIrql() >= DISPATCH_LEVEL)
		local_bh_enable();
}

/*
 * ---------------------------------------------------------------------
 * Spin locks
 * ---------------------------------------------------------------------
 *
 * A KSPIN_LOCK is a spinlock_t (source compatibility only: its size is not
 * Windows' ULONG_PTR, and a lock must be initialized with
 * KeInitializeSpinLock, not just zeroed). DISPATCH_LEVEL is "bottom halves
 * disabled", so KeAcquireSpinLock and KeAcquireInStackQueuedSpinLock are
 * spin_lock_bh(): classifyFn runs in softirq context (TCP timers, ACKs) as
 * well as in process context, and a lock it shares with a worker thread
 * must keep softirqs off this CPU while held. Like Windows' DISPATCH_LEVEL,
 * this does not mask device interrupts: these locks are not for hard
 * interrupt handlers. Linux's queued spinlock is FIFO-fair, as in-stack
 * queued spin locks are.
 *
 * Acquire and release in pairs of the same kind: KeAcquireSpinLock with
 * KeReleaseSpinLock, the AtDpcLevel/FromDpcLevel forms with each other (a
 * KeRaiseIrql/KeLowerIrql pair around the latter also balances). The
 * OldIrql/NewIrql values are reported and accepted but each release undoes
 * exactly what its acquire did.
 */
typedef spinlock_t KSPIN_LOCK, *PKSPIN_LOCK;

/*
 * A macro, not an inline: spin_lock_init() gives each call site its own
 * lockdep class, so that a driver nesting two of its locks (inspect takes
 * its connection-list lock, then its packet-queue lock) is not reported as
 * recursive locking. Locks initialized at one call site (a loop, a helper)
 * share a class, as with spin_lock_init().
 */
#define KeInitializeSpinLock(SpinLock)	spin_lock_init(SpinLock)

/*
 * The AtDpcLevel forms take a plain spin_lock(); that is only safe when
 * softirqs cannot run on this CPU, so bottom halves (or interrupts) must
 * already be off, which the WDK requires of the caller (DISPATCH_LEVEL).
 * Preemption disabled alone is not enough, although KeGetCurrentIrql()
 * answers DISPATCH_LEVEL there: a softirq can still run on this CPU at
 * interrupt exit and spin on the lock its own CPU holds.
 */
static inline bool nfwfp_wdk_softirq_blocked(void)
{
	return in_softirq() || irqs_disabled();
}

#define NFWFP_WDK_ASSERT_DPC_LEVEL()					\
	WARN_ONCE(!nfwfp_wdk_softirq_blocked(),				\
		  "%s called below DISPATCH_LEVEL (bottom halves enabled)\n", \
		  __func__)

static inline KIRQL KeAcquireSpinLockRaiseToDpc(PKSPIN_LOCK SpinLock)
{
	KIRQL OldIrql = KeGetCurrentIrql();

	spin_lock_bh(SpinLock);
	return OldIrql;
}

#define KeAcquireSpinLock(SpinLock, OldIrql)				\
	(*(OldIrql) = KeAcquireSpinLockRaiseToDpc(SpinLock))

static inline VOID KeReleaseSpinLock(PKSPIN_LOCK SpinLock, KIRQL NewIrql)
{
	(void)NewIrql;
	spin_unlock_bh(SpinLock);
}

static inline VOID KeAcquireSpinLockAtDpcLevel(PKSPIN_LOCK SpinLock)
{
	NFWFP_WDK_ASSERT_DPC_LEVEL();
	spin_lock(SpinLock);
}

/* A macro, so that sparse sees spin_trylock()'s conditional lock. */
#define KeTryToAcquireSpinLockAtDpcLevel(SpinLock)			\
	({								\
		NFWFP_WDK_ASSERT_DPC_LEVEL();				\
		(BOOLEAN)(spin_trylock(SpinLock) ? TRUE : FALSE);	\
	})

static inline VOID KeReleaseSpinLockFromDpcLevel(PKSPIN_LOCK SpinLock)
{
	spin_unlock(SpinLock);
}

/* Layout as in the WDK; the queue entry only records the lock here. */
typedef struct _KSPIN_LOCK_QUEUE {
	struct _KSPIN_LOCK_QUEUE *volatile Next;
	PKSPIN_LOCK volatile Lock;
} KSPIN_LOCK_QUEUE, *PKSPIN_LOCK_QUEUE;

typedef struct _KLOCK_QUEUE_HANDLE {
	KSPIN_LOCK_QUEUE LockQueue;
	KIRQL OldIrql;
} KLOCK_QUEUE_HANDLE, *PKLOCK_QUEUE_HANDLE;

static inline VOID
KeAcquireInStackQueuedSpinLock(PKSPIN_LOCK SpinLock,
			       PKLOCK_QUEUE_HANDLE LockHandle)
{
	LockHandle->LockQueue.Next = NULL;
	LockHandle->LockQueue.Lock = SpinLock;
	LockHandle->OldIrql = KeAcquireSpinLockRaiseToDpc(SpinLock);
}

static inline VOID
KeReleaseInStackQueuedSpinLock(PKLOCK_QUEUE_HANDLE LockHandle)
{
	spin_unlock_bh(LockHandle->LockQueue.Lock);
}

static inline VOID
KeAcquireInStackQueuedSpinLockAtDpcLevel(PKSPIN_LOCK SpinLock,
					 PKLOCK_QUEUE_HANDLE LockHandle)
{
	LockHandle->LockQueue.Next = NULL;
	LockHandle->LockQueue.Lock = SpinLock;
	LockHandle->OldIrql = DISPATCH_LEVEL;
	KeAcquireSpinLockAtDpcLevel(SpinLock);
}

static inline VOID
KeReleaseInStackQueuedSpinLockFromDpcLevel(PKLOCK_QUEUE_HANDLE LockHandle)
{
	spin_unlock(LockHandle->LockQueue.Lock);
}

/*
 * ---------------------------------------------------------------------
 * Interlocked operations
 * ---------------------------------------------------------------------
 *
 * Fully ordered, as on Windows: the kernel's value-returning atomic_t /
 * atomic64_t operations and xchg/cmpxchg, applied to the driver's plain
 * (volatile) LONG, LONG64 and pointer variables, which have the same size
 * and alignment as atomic_t's and atomic64_t's counter.
 */
static_assert(sizeof(atomic_t) == sizeof(LONG), "atomic_t is a LONG");
static_assert(sizeof(atomic64_t) == sizeof(LONG64), "atomic64_t is a LONG64");

#define NFWFP_WDK_A32(p)	((atomic_t *)(p))
#define NFWFP_WDK_A64(p)	((atomic64_t *)(p))

/* Increment, Decrement, Add: the new value. */
static inline LONG InterlockedIncrement(LONG volatile *Addend)
{
	return atomic_inc_return(NFWFP_WDK_A32(Addend));
}

static inline LONG InterlockedDecrement(LONG volatile *Addend)
{
	return atomic_dec_return(NFWFP_WDK_A32(Addend));
}

static inline LONG InterlockedAdd(LONG volatile *Addend, LONG Value)
{
	return atomic_add_return(Value, NFWFP_WDK_A32(Addend));
}

/* Exchange, ExchangeAdd, CompareExchange, And, Or, Xor: the old value. */
static inline LONG InterlockedExchangeAdd(LONG volatile *Addend, LONG Value)
{
	return atomic_fetch_add(Value, NFWFP_WDK_A32(Addend));
}

static inline LONG InterlockedExchange(LONG volatile *Target, LONG Value)
{
	return atomic_xchg(NFWFP_WDK_A32(Target), Value);
}

/* Note the WDK's argument order: the new value comes before the old. */
static inline LONG InterlockedCompareExchange(LONG volatile *Destination,
					      LONG ExChange, LONG Comperand)
{
	return atomic_cmpxchg(NFWFP_WDK_A32(Destination), Comperand, ExChange);
}

static inline LONG InterlockedAnd(LONG volatile *Destination, LONG Value)
{
	return atomic_fetch_and(Value, NFWFP_WDK_A32(Destination));
}

static inline LONG InterlockedOr(LONG volatile *Destination, LONG Value)
{
	return atomic_fetch_or(Value, NFWFP_WDK_A32(Destination));
}

static inline LONG InterlockedXor(LONG volatile *Destination, LONG Value)
{
	return atomic_fetch_xor(Value, NFWFP_WDK_A32(Destination));
}

static inline LONG64 InterlockedIncrement64(LONG64 volatile *Addend)
{
	return atomic64_inc_return(NFWFP_WDK_A64(Addend));
}

static inline LONG64 InterlockedDecrement64(LONG64 volatile *Addend)
{
	return atomic64_dec_return(NFWFP_WDK_A64(Addend));
}

static inline LONG64 InterlockedAdd64(LONG64 volatile *Addend, LONG64 Value)
{
	return atomic64_add_return(Value, NFWFP_WDK_A64(Addend));
}

static inline LONG64 InterlockedExchangeAdd64(LONG64 volatile *Addend,
					      LONG64 Value)
{
	return atomic64_fetch_add(Value, NFWFP_WDK_A64(Addend));
}

static inline LONG64 InterlockedExchange64(LONG64 volatile *Target,
					   LONG64 Value)
{
	return atomic64_xchg(NFWFP_WDK_A64(Target), Value);
}

static inline LONG64 InterlockedCompareExchange64(LONG64 volatile *Destination,
						  LONG64 ExChange,
						  LONG64 Comperand)
{
	return atomic64_cmpxchg(NFWFP_WDK_A64(Destination), Comperand,
				ExChange);
}

static inline PVOID InterlockedExchangePointer(PVOID volatile *Target,
					       PVOID Value)
{
	return xchg((PVOID *)Target, Value);
}

static inline PVOID
InterlockedCompareExchangePointer(PVOID volatile *Destination,
				  PVOID ExChange, PVOID Comperand)
{
	return cmpxchg((PVOID *)Destination, Comperand, ExChange);
}

/*
 * ---------------------------------------------------------------------
 * Time
 * ---------------------------------------------------------------------
 */

/* 1601-01-01 to 1970-01-01 UTC, in 100 ns units */
#define NFWFP_WDK_EPOCH_1601_100NS	116444736000000000LL

/* UTC in 100 ns units since 1601-01-01, from the real-time clock. */
static inline VOID KeQuerySystemTime(PLARGE_INTEGER CurrentTime)
{
	CurrentTime->QuadPart = (LONGLONG)div_u64(ktime_get_real_ns(), 100) +
				NFWFP_WDK_EPOCH_1601_100NS;
}

static inline VOID KeQuerySystemTimePrecise(PLARGE_INTEGER CurrentTime)
{
	KeQuerySystemTime(CurrentTime);
}

/* 100 ns units since boot, including (Interrupt) or not (Unbiased) suspend. */
static inline ULONGLONG KeQueryInterruptTime(void)
{
	return div_u64(ktime_get_boottime_ns(), 100);
}

static inline ULONGLONG KeQueryUnbiasedInterruptTime(void)
{
	return div_u64(ktime_get_ns(), 100);
}

/*
 * The monotonic clock at 10 MHz, the frequency Windows 10 reports on most
 * machines: drivers that compute Counter * 1000000 / Frequency keep the
 * range they have on Windows (a 1 GHz counter would overflow that product
 * after about 2.5 hours of uptime).
 */
#define NFWFP_WDK_PERFORMANCE_FREQUENCY	10000000LL

static inline LARGE_INTEGER
KeQueryPerformanceCounter(PLARGE_INTEGER PerformanceFrequency)
{
	LARGE_INTEGER Counter;

	if (PerformanceFrequency)
		PerformanceFrequency->QuadPart = NFWFP_WDK_PERFORMANCE_FREQUENCY;
	Counter.QuadPart = (LONGLONG)div_u64(ktime_get_ns(), 100);
	return Counter;
}

/*
 * ---------------------------------------------------------------------
 * Events and waits
 * ---------------------------------------------------------------------
 *
 * A KEVENT keeps its state in a DISPATCHER_HEADER whose wait list is a
 * wait_queue_head_t; the wait queue's lock guards SignalState, so setting,
 * resetting and the test-and-consume of a waiter are atomic with respect
 * to each other. NotificationEvent stays signaled until cleared and wakes
 * every waiter; SynchronizationEvent wakes one waiter, which consumes the
 * signal (auto-reset), and a set without waiters stays pending for the next
 * wait. Waits sleep in TASK_IDLE: uninterruptible like a KernelMode,
 * non-alertable wait, without tripping the hung-task detector for a worker
 * that waits for work for minutes. Events and thread objects (from
 * ObReferenceObjectByHandle on a PsCreateSystemThread handle, signaled
 * for good when the thread ends) can be waited on.
 */
typedef LONG KPRIORITY;
typedef CCHAR KPROCESSOR_MODE;

#define IO_NO_INCREMENT		0
#define EVENT_INCREMENT		1

typedef enum _MODE {
	KernelMode,
	UserMode,
	MaximumMode
} MODE;

typedef enum _EVENT_TYPE {
	NotificationEvent,
	SynchronizationEvent
} EVENT_TYPE;

/* The first wait reasons of the WDK's KWAIT_REASON; drivers use Executive. */
typedef enum _KWAIT_REASON {
	Executive,
	FreePage,
	PageIn,
	PoolAllocation,
	DelayExecution,
	Suspended,
	UserRequest,
	WrExecutive,
	WrFreePage,
	WrPageIn,
	WrPoolAllocation,
	WrDelayExecution,
	WrSuspended,
	WrUserRequest
} KWAIT_REASON;

/* DISPATCHER_HEADER.Type (the WDK's KOBJECTS numbering) */
#define EventNotificationObject		0
#define EventSynchronizationObject	1
#define ThreadObject			6

typedef struct _DISPATCHER_HEADER {
	UCHAR Type;
	LONG SignalState;
	wait_queue_head_t WaitListHead;
} DISPATCHER_HEADER, *PDISPATCHER_HEADER;

typedef struct _KEVENT {
	DISPATCHER_HEADER Header;
} KEVENT, *PKEVENT, *PRKEVENT;

static inline VOID KeInitializeEvent(PRKEVENT Event, EVENT_TYPE Type,
				     BOOLEAN State)
{
	Event->Header.Type = Type == SynchronizationEvent ?
		EventSynchronizationObject : EventNotificationObject;
	Event->Header.SignalState = State ? 1 : 0;
	init_waitqueue_head(&Event->Header.WaitListHead);
}

/*
 * The previous state. Increment (a priority boost) and Wait (the caller
 * waits next, holding the dispatcher lock on Windows) have no effect here.
 */
static inline LONG KeSetEvent(PRKEVENT Event, KPRIORITY Increment,
			      BOOLEAN Wait)
{
	wait_queue_head_t *wq = &Event->Header.WaitListHead;
	unsigned long flags;
	LONG PreviousState;

	(void)Increment;
	(void)Wait;
	spin_lock_irqsave(&wq->lock, flags);
	PreviousState = Event->Header.SignalState;
	Event->Header.SignalState = 1;
	if (Event->Header.Type == EventSynchronizationObject)
		wake_up_locked(wq);
	else
		wake_up_all_locked(wq);
	spin_unlock_irqrestore(&wq->lock, flags);
	return PreviousState;
}

static inline LONG KeResetEvent(PRKEVENT Event)
{
	wait_queue_head_t *wq = &Event->Header.WaitListHead;
	unsigned long flags;
	LONG PreviousState;

	spin_lock_irqsave(&wq->lock, flags);
	PreviousState = Event->Header.SignalState;
	Event->Header.SignalState = 0;
	spin_unlock_irqrestore(&wq->lock, flags);
	return PreviousState;
}

static inline VOID KeClearEvent(PRKEVENT Event)
{
	KeResetEvent(Event);
}

static inline LONG KeReadStateEvent(PRKEVENT Event)
{
	return READ_ONCE(Event->Header.SignalState);
}

/*
 * Longer relative timeouts than this (about 3.2 years, in 100 ns units)
 * are waited for as if infinite.
 */
#define NFWFP_WDK_MAX_TIMEOUT_100NS	1000000000000000LL

/*
 * A WDK timeout as a CLOCK_MONOTONIC deadline: NULL is infinite
 * (KTIME_MAX), negative is relative (100 ns units), positive is an
 * absolute system time (KeQuerySystemTime units, converted once: a later
 * change of the wall clock does not move it), zero polls (0). An hrtimer,
 * not jiffies: jiffies can lag the clock and catch up during the wait,
 * which would end it early, and Windows waits at least as long as asked.
 */
static inline ktime_t nfwfp_wdk_deadline(const LARGE_INTEGER *Timeout)
{
	LONGLONG t;

	if (!Timeout)
		return KTIME_MAX;
	t = Timeout->QuadPart;
	if (t > 0) {
		LARGE_INTEGER Now;

		KeQuerySystemTime(&Now);
		if (t <= Now.QuadPart)
			return 0;
		t = Now.QuadPart - t;
	}
	if (t == 0)
		return 0;
	if (t < -NFWFP_WDK_MAX_TIMEOUT_100NS)
		return KTIME_MAX;
	return ktime_add_ns(ktime_get(), (u64)-t * 100);
}

/*
 * STATUS_SUCCESS when the event or thread was (or became) signaled,
 * consuming the signal of a SynchronizationEvent; STATUS_TIMEOUT when the timeout passed
 * first. A zero timeout polls and may be used at DISPATCH_LEVEL; any other
 * wait must be at PASSIVE_LEVEL (might_sleep() checks). WaitReason,
 * WaitMode and Alertable have no effect: waits are never alerted.
 */
static inline NTSTATUS KeWaitForSingleObject(PVOID Object,
					     KWAIT_REASON WaitReason,
					     KPROCESSOR_MODE WaitMode,
					     BOOLEAN Alertable,
					     PLARGE_INTEGER Timeout)
{
	PDISPATCHER_HEADER Header = Object;
	wait_queue_head_t *wq = &Header->WaitListHead;
	const bool sync = Header->Type == EventSynchronizationObject;
	ktime_t deadline = nfwfp_wdk_deadline(Timeout);
	bool timed_out = !deadline;
	unsigned long flags;
	NTSTATUS status;
	DEFINE_WAIT(wait);

	(void)WaitReason;
	(void)WaitMode;
	(void)Alertable;
	if (WARN_ONCE(Header->Type > EventSynchronizationObject &&
		      Header->Type != ThreadObject,
		      "KeWaitForSingleObject: %p is not a KEVENT or thread\n",
		      Object))
		return STATUS_INVALID_PARAMETER;
	if (!timed_out)
		might_sleep();
	if (sync)
		wait.flags |= WQ_FLAG_EXCLUSIVE;

	/*
	 * The state is tested and the waiter added or removed under the
	 * wait-queue lock, so a set either finds this waiter queued or is
	 * seen by the test; a synchronization event's exclusive wake-up can
	 * never be spent on a waiter that is leaving.
	 */
	spin_lock_irqsave(&wq->lock, flags);
	for (;;) {
		if (Header->SignalState) {
			if (sync)
				Header->SignalState = 0;
			status = STATUS_SUCCESS;
			break;
		}
		if (timed_out) {
			status = STATUS_TIMEOUT;
			break;
		}
		if (list_empty(&wait.entry)) {
			if (sync)
				__add_wait_queue_entry_tail(wq, &wait);
			else
				__add_wait_queue(wq, &wait);
		}
		set_current_state(TASK_IDLE);
		spin_unlock_irqrestore(&wq->lock, flags);
		if (deadline == KTIME_MAX)
			schedule();
		else
			timed_out = !schedule_hrtimeout(&deadline, HRTIMER_MODE_ABS);
		spin_lock_irqsave(&wq->lock, flags);
	}
	/* A wake-up removes the entry (autoremove_wake_function). */
	if (!list_empty(&wait.entry))
		list_del_init(&wait.entry);
	__set_current_state(TASK_RUNNING);
	spin_unlock_irqrestore(&wq->lock, flags);
	return status;
}

/*
 * ---------------------------------------------------------------------
 * Doubly and singly linked lists (LIST_ENTRY is in ntdef.h)
 * ---------------------------------------------------------------------
 *
 * The WDK's inline functions, with its integrity checks (on by default
 * since Windows 8): a corrupted neighbour link fails the operation through
 * CHECK_DATA_CORRUPTION, which is BUG() on kernels built with
 * CONFIG_BUG_ON_DATA_CORRUPTION (the WDK fast-fails) and otherwise a
 * warning, the list left as it was and FALSE or NULL returned.
 */
#define NFWFP_WDK_LIST_CORRUPT(cond, entry)				\
	CHECK_DATA_CORRUPTION(cond, "LIST_ENTRY corruption at %p (Flink %p, Blink %p)\n", \
			      (entry), (entry)->Flink, (entry)->Blink)

static inline VOID InitializeListHead(PLIST_ENTRY ListHead)
{
	ListHead->Flink = ListHead;
	ListHead->Blink = ListHead;
}

static inline BOOLEAN IsListEmpty(const LIST_ENTRY *ListHead)
{
	return READ_ONCE(ListHead->Flink) == ListHead;
}

/* TRUE when the list the entry was on is now empty. */
static inline BOOLEAN RemoveEntryList(PLIST_ENTRY Entry)
{
	PLIST_ENTRY PrevEntry = Entry->Blink;
	PLIST_ENTRY NextEntry = Entry->Flink;

	if (NFWFP_WDK_LIST_CORRUPT(PrevEntry->Flink != Entry ||
				   NextEntry->Blink != Entry, Entry))
		return FALSE;
	PrevEntry->Flink = NextEntry;
	NextEntry->Blink = PrevEntry;
	return PrevEntry == NextEntry;
}

/* On an empty list both return the head itself, as in the WDK. */
static inline PLIST_ENTRY RemoveHeadList(PLIST_ENTRY ListHead)
{
	PLIST_ENTRY Entry = ListHead->Flink;
	PLIST_ENTRY NextEntry = Entry->Flink;

	if (NFWFP_WDK_LIST_CORRUPT(Entry->Blink != ListHead ||
				   NextEntry->Blink != Entry, ListHead))
		return NULL;
	ListHead->Flink = NextEntry;
	NextEntry->Blink = ListHead;
	return Entry;
}

static inline PLIST_ENTRY RemoveTailList(PLIST_ENTRY ListHead)
{
	PLIST_ENTRY Entry = ListHead->Blink;
	PLIST_ENTRY PrevEntry = Entry->Blink;

	if (NFWFP_WDK_LIST_CORRUPT(Entry->Flink != ListHead ||
				   PrevEntry->Flink != Entry, ListHead))
		return NULL;
	ListHead->Blink = PrevEntry;
	PrevEntry->Flink = ListHead;
	return Entry;
}

static inline VOID InsertTailList(PLIST_ENTRY ListHead, PLIST_ENTRY Entry)
{
	PLIST_ENTRY PrevEntry = ListHead->Blink;

	if (NFWFP_WDK_LIST_CORRUPT(PrevEntry->Flink != ListHead, ListHead))
		return;
	Entry->Flink = ListHead;
	Entry->Blink = PrevEntry;
	PrevEntry->Flink = Entry;
	ListHead->Blink = Entry;
}

static inline VOID InsertHeadList(PLIST_ENTRY ListHead, PLIST_ENTRY Entry)
{
	PLIST_ENTRY NextEntry = ListHead->Flink;

	if (NFWFP_WDK_LIST_CORRUPT(NextEntry->Blink != ListHead, ListHead))
		return;
	Entry->Flink = NextEntry;
	Entry->Blink = ListHead;
	NextEntry->Blink = Entry;
	ListHead->Flink = Entry;
}

/* ListToAppend is the first entry of a list without a head. */
static inline VOID AppendTailList(PLIST_ENTRY ListHead,
				  PLIST_ENTRY ListToAppend)
{
	PLIST_ENTRY ListEnd = ListHead->Blink;

	ListHead->Blink->Flink = ListToAppend;
	ListHead->Blink = ListToAppend->Blink;
	ListToAppend->Blink->Flink = ListHead;
	ListToAppend->Blink = ListEnd;
}

static inline PSINGLE_LIST_ENTRY PopEntryList(PSINGLE_LIST_ENTRY ListHead)
{
	PSINGLE_LIST_ENTRY FirstEntry = ListHead->Next;

	if (FirstEntry)
		ListHead->Next = FirstEntry->Next;
	return FirstEntry;
}

static inline VOID PushEntryList(PSINGLE_LIST_ENTRY ListHead,
				 PSINGLE_LIST_ENTRY Entry)
{
	Entry->Next = ListHead->Next;
	ListHead->Next = Entry;
}

/*
 * ---------------------------------------------------------------------
 * Pool
 * ---------------------------------------------------------------------
 *
 * Every pool is kmalloc(): Linux kernel memory is never paged out and is
 * not executable, so paged, non-paged and NX pools are the same thing. The
 * allocation sleeps (GFP_KERNEL) only at PASSIVE_LEVEL, as Windows pool
 * allocation may block only there, and is GFP_ATOMIC otherwise. Failure is
 * reported by NULL alone (no allocation-failure splat), also for
 * POOL_FLAG_RAISE_ON_FAILURE (no exceptions here) and for the "must
 * succeed" pool types. Sizes are limited to kmalloc's (KMALLOC_MAX_SIZE,
 * 4 MiB on x86-64). Tags are accepted and ignored; kmemleak and KASAN
 * track allocations instead.
 */
typedef ULONG64 POOL_FLAGS;

/* Required flags (the low 32 bits): unknown ones fail the allocation. */
#define POOL_FLAG_REQUIRED_START	0x0000000000000001ULL
#define POOL_FLAG_USE_QUOTA		0x0000000000000001ULL	/* no effect */
#define POOL_FLAG_UNINITIALIZED		0x0000000000000002ULL
#define POOL_FLAG_SESSION		0x0000000000000004ULL	/* no effect */
#define POOL_FLAG_CACHE_ALIGNED		0x0000000000000008ULL
#define POOL_FLAG_RESERVED1		0x0000000000000010ULL
#define POOL_FLAG_RAISE_ON_FAILURE	0x0000000000000020ULL
#define POOL_FLAG_NON_PAGED		0x0000000000000040ULL
#define POOL_FLAG_NON_PAGED_EXECUTE	0x0000000000000080ULL
#define POOL_FLAG_PAGED			0x0000000000000100ULL
#define POOL_FLAG_RESERVED2		0x0000000000000200ULL
#define POOL_FLAG_RESERVED3		0x0000000000000400ULL
#define POOL_FLAG_LAST_KNOWN_REQUIRED	POOL_FLAG_RESERVED3
#define POOL_FLAG_REQUIRED_END		0x0000000080000000ULL
/* Optional flags (the high 32 bits): ignored when not understood. */
#define POOL_FLAG_OPTIONAL_START	0x0000000100000000ULL
#define POOL_FLAG_SPECIAL_POOL		0x0000000100000000ULL
#define POOL_FLAG_OPTIONAL_END		0x8000000000000000ULL

typedef enum _POOL_TYPE {
	NonPagedPool,
	NonPagedPoolExecute = NonPagedPool,
	PagedPool,
	NonPagedPoolMustSucceed = NonPagedPool + 2,
	DontUseThisType,
	NonPagedPoolCacheAligned = NonPagedPool + 4,
	PagedPoolCacheAligned,
	NonPagedPoolCacheAlignedMustS = NonPagedPool + 6,
	MaxPoolType,
	NonPagedPoolBase = 0,
	NonPagedPoolBaseMustSucceed = NonPagedPoolBase + 2,
	NonPagedPoolBaseCacheAligned = NonPagedPoolBase + 4,
	NonPagedPoolBaseCacheAlignedMustS = NonPagedPoolBase + 6,
	NonPagedPoolSession = 32,
	PagedPoolSession = NonPagedPoolSession + 1,
	NonPagedPoolMustSucceedSession = PagedPoolSession + 1,
	DontUseThisTypeSession = NonPagedPoolMustSucceedSession + 1,
	NonPagedPoolCacheAlignedSession = DontUseThisTypeSession + 1,
	PagedPoolCacheAlignedSession = NonPagedPoolCacheAlignedSession + 1,
	NonPagedPoolCacheAlignedMustSSession = PagedPoolCacheAlignedSession + 1,
	NonPagedPoolNx = 512,
	NonPagedPoolNxCacheAligned = NonPagedPoolNx + 4,
	NonPagedPoolSessionNx = NonPagedPoolNx + 32
} POOL_TYPE;

/* In a POOL_TYPE, bit 2 asks for a cache-aligned block. */
#define NFWFP_WDK_POOL_TYPE_CACHE_ALIGNED	4

static inline PVOID nfwfp_wdk_pool_alloc(SIZE_T NumberOfBytes, bool zero,
					 bool cache_aligned)
{
	gfp_t gfp = KeGetCurrentIrql() > PASSIVE_LEVEL ? GFP_ATOMIC : GFP_KERNEL;

	gfp |= __GFP_NOWARN;
	if (zero)
		gfp |= __GFP_ZERO;
	/*
	 * kmalloc aligns power-of-two sizes naturally (and larger blocks
	 * to a page): a power of two of at least a cache line is aligned.
	 */
	if (cache_aligned && NumberOfBytes <= KMALLOC_MAX_CACHE_SIZE)
		NumberOfBytes = roundup_pow_of_two(max_t(SIZE_T, NumberOfBytes,
							 L1_CACHE_BYTES));
	return kmalloc(NumberOfBytes, gfp);
}

#define NFWFP_WDK_POOL_FLAGS_TYPE					\
	(POOL_FLAG_NON_PAGED | POOL_FLAG_NON_PAGED_EXECUTE | POOL_FLAG_PAGED)
#define NFWFP_WDK_POOL_FLAGS_KNOWN					\
	(POOL_FLAG_USE_QUOTA | POOL_FLAG_UNINITIALIZED | POOL_FLAG_SESSION | \
	 POOL_FLAG_CACHE_ALIGNED | POOL_FLAG_RAISE_ON_FAILURE |		\
	 NFWFP_WDK_POOL_FLAGS_TYPE)

/*
 * DriverEntry's "request NX non-paged pool" (wdm.h): kmalloc memory is
 * never executable on Linux, so there is nothing to opt into.
 */
#define DrvRtPoolNxOptIn	0x00000001
static inline VOID ExInitializeDriverRuntime(_In_ ULONG RuntimeFlags)
{
}

/*
 * Zeroed unless POOL_FLAG_UNINITIALIZED. Exactly one pool type flag is
 * required, and an unknown required flag fails, as on Windows.
 */
static inline PVOID ExAllocatePool2(POOL_FLAGS Flags, SIZE_T NumberOfBytes,
				    ULONG Tag)
{
	(void)Tag;
	if (hweight64(Flags & NFWFP_WDK_POOL_FLAGS_TYPE) != 1 ||
	    (Flags & (POOL_FLAG_OPTIONAL_START - 1) & ~NFWFP_WDK_POOL_FLAGS_KNOWN))
		return NULL;
	return nfwfp_wdk_pool_alloc(NumberOfBytes,
				    !(Flags & POOL_FLAG_UNINITIALIZED),
				    Flags & POOL_FLAG_CACHE_ALIGNED);
}

/* Deprecated since Windows 10 2004, still common: NOT zeroed. */
static inline PVOID ExAllocatePoolWithTag(POOL_TYPE PoolType,
					  SIZE_T NumberOfBytes, ULONG Tag)
{
	(void)Tag;
	return nfwfp_wdk_pool_alloc(NumberOfBytes, false,
				    PoolType & NFWFP_WDK_POOL_TYPE_CACHE_ALIGNED);
}

static inline PVOID ExAllocatePool(POOL_TYPE PoolType, SIZE_T NumberOfBytes)
{
	return ExAllocatePoolWithTag(PoolType, NumberOfBytes, 0);
}

static inline PVOID ExAllocatePoolZero(POOL_TYPE PoolType,
				       SIZE_T NumberOfBytes, ULONG Tag)
{
	(void)Tag;
	return nfwfp_wdk_pool_alloc(NumberOfBytes, true,
				    PoolType & NFWFP_WDK_POOL_TYPE_CACHE_ALIGNED);
}

static inline VOID ExFreePoolWithTag(PVOID P, ULONG Tag)
{
	(void)Tag;
	kfree(P);
}

static inline VOID ExFreePool(PVOID P)
{
	kfree(P);
}

/*
 * ---------------------------------------------------------------------
 * Rtl memory helpers (macros over the C library in the WDK; inline
 * functions here, which type-check their arguments the same way)
 * ---------------------------------------------------------------------
 */
static inline VOID RtlCopyMemory(VOID *Destination, const VOID *Source,
				 SIZE_T Length)
{
	memcpy(Destination, Source, Length);
}

static inline VOID RtlMoveMemory(VOID *Destination, const VOID *Source,
				 SIZE_T Length)
{
	memmove(Destination, Source, Length);
}

static inline VOID RtlFillMemory(VOID *Destination, SIZE_T Length,
				 UCHAR Fill)
{
	memset(Destination, Fill, Length);
}

static inline VOID RtlZeroMemory(VOID *Destination, SIZE_T Length)
{
	memset(Destination, 0, Length);
}

/* Not optimized away even when the buffer is dead afterwards. */
static inline PVOID RtlSecureZeroMemory(PVOID Ptr, SIZE_T Cnt)
{
	memzero_explicit(Ptr, Cnt);
	return Ptr;
}

static inline BOOLEAN RtlEqualMemory(const VOID *Source1, const VOID *Source2,
				     SIZE_T Length)
{
	return memcmp(Source1, Source2, Length) == 0;
}

/* The number of leading bytes that are equal, not memcmp's sign. */
static inline SIZE_T RtlCompareMemory(const VOID *Source1, const VOID *Source2,
				      SIZE_T Length)
{
	const UCHAR *a = Source1, *b = Source2;
	SIZE_T i;

	for (i = 0; i < Length && a[i] == b[i]; i++)
		;
	return i;
}

/*
 * ---------------------------------------------------------------------
 * Debug output
 * ---------------------------------------------------------------------
 *
 * DbgPrint and DbgPrintEx write to the kernel log with printk, so the
 * format is printk's: Windows-only conversions (%wZ, %ws, %S, %I64d ...)
 * are compile errors under the format check, never garbage. DbgPrint is
 * KERN_DEBUG (Windows shows it only when the default filter allows);
 * DbgPrintEx maps DPFLTR_ERROR_LEVEL, _WARNING_LEVEL, _INFO_LEVEL to
 * KERN_ERR, KERN_WARNING, KERN_INFO and every other level or mask to
 * KERN_DEBUG; the component id is not filtered on. KdPrint/KdPrintEx print
 * in checked builds (DBG=1) and compile to nothing otherwise, as in the
 * WDK, while still type-checking their arguments.
 */
#define DPFLTR_ERROR_LEVEL	0
#define DPFLTR_WARNING_LEVEL	1
#define DPFLTR_TRACE_LEVEL	2
#define DPFLTR_INFO_LEVEL	3
#define DPFLTR_MASK		0x80000000

/* The component ids callout drivers use (dpfilter.h) */
typedef enum _DPFLTR_TYPE {
	DPFLTR_IHVDRIVER_ID = 77,
	DPFLTR_IHVVIDEO_ID = 78,
	DPFLTR_IHVAUDIO_ID = 79,
	DPFLTR_IHVNETWORK_ID = 80,
	DPFLTR_IHVSTREAMING_ID = 81,
	DPFLTR_IHVBUS_ID = 82,
	DPFLTR_DEFAULT_ID = 101
} DPFLTR_TYPE;

/*
 * KERN_DEBUG through printk() itself: pr_debug() would compile out (or
 * hide behind dynamic debug), and a driver's pr_fmt() must not prefix it.
 */
static inline void nfwfp_wdk_printk_debug(struct va_format *vaf)
{
	printk(KERN_DEBUG "%pV", vaf);
}

static inline __printf(1, 2) ULONG DbgPrint(PCSTR Format, ...)
{
	struct va_format vaf;
	va_list args;

	va_start(args, Format);
	vaf.fmt = Format;
	vaf.va = &args;
	nfwfp_wdk_printk_debug(&vaf);
	va_end(args);
	return STATUS_SUCCESS;
}

static inline __printf(3, 4) ULONG DbgPrintEx(ULONG ComponentId, ULONG Level,
					      PCSTR Format, ...)
{
	struct va_format vaf;
	va_list args;

	(void)ComponentId;
	va_start(args, Format);
	vaf.fmt = Format;
	vaf.va = &args;
	switch (Level) {
	case DPFLTR_ERROR_LEVEL:
		pr_err("%pV", &vaf);
		break;
	case DPFLTR_WARNING_LEVEL:
		pr_warn("%pV", &vaf);
		break;
	case DPFLTR_INFO_LEVEL:
		pr_info("%pV", &vaf);
		break;
	default:
		nfwfp_wdk_printk_debug(&vaf);
		break;
	}
	va_end(args);
	return STATUS_SUCCESS;
}

#if defined(DBG) && DBG
#define KdPrint(_x_)		(DbgPrint _x_)
#define KdPrintEx(_x_)		(DbgPrintEx _x_)
#else
#define KdPrint(_x_)		((void)(0 && DbgPrint _x_))
#define KdPrintEx(_x_)		((void)(0 && DbgPrintEx _x_))
#endif

/*
 * ---------------------------------------------------------------------
 * Processors
 * ---------------------------------------------------------------------
 *
 * The number of the CPU the caller runs on; stable only where the caller
 * cannot migrate (DISPATCH_LEVEL), as on Windows.
 */
static inline ULONG KeGetCurrentProcessorNumber(void)
{
	return raw_smp_processor_id();
}

static inline ULONG KeGetCurrentProcessorNumberEx(PVOID ProcNumber)
{
	WARN_ON_ONCE(ProcNumber);	/* PROCESSOR_NUMBER is not provided */
	return raw_smp_processor_id();
}

/* Every possible CPU has a number below this. */
static inline ULONG KeQueryMaximumProcessorCount(void)
{
	return nr_cpu_ids;
}

static inline ULONG KeQueryActiveProcessorCount(PVOID ActiveProcessors)
{
	WARN_ON_ONCE(ActiveProcessors);	/* KAFFINITY is not provided */
	return num_online_cpus();
}

/*
 * ---------------------------------------------------------------------
 * Objects, handles and system threads (module/wdk_thread.c)
 * ---------------------------------------------------------------------
 *
 * PsCreateSystemThread starts a kernel thread (a kthread named after the
 * start routine) and returns a kernel handle to its thread object; the
 * thread object is a DISPATCHER_HEADER (Type ThreadObject) that becomes
 * signaled for good when the start routine returns or the thread calls
 * PsTerminateSystemThread, so KeWaitForSingleObject on it waits for the
 * thread's end. Thread objects are reference counted: the handle holds one
 * reference (ZwClose drops it), ObReferenceObjectByHandle/ObReferenceObject
 * take one more (ObDereferenceObject drops it), the running thread holds
 * one; the object is freed with the last. The only object type is the
 * thread: handles of other kinds (files, keys, processes) do not exist.
 */
typedef ULONG ACCESS_MASK, *PACCESS_MASK;

#define DELETE				0x00010000L
#define READ_CONTROL			0x00020000L
#define WRITE_DAC			0x00040000L
#define WRITE_OWNER			0x00080000L
#define SYNCHRONIZE			0x00100000L
#define STANDARD_RIGHTS_REQUIRED	0x000F0000L
#define STANDARD_RIGHTS_ALL		0x001F0000L
#define GENERIC_READ			0x80000000L
#define GENERIC_WRITE			0x40000000L
#define GENERIC_EXECUTE			0x20000000L
#define GENERIC_ALL			0x10000000L
#define THREAD_TERMINATE		0x0001
#define THREAD_SUSPEND_RESUME		0x0002
#define THREAD_QUERY_INFORMATION	0x0040
#define THREAD_SET_INFORMATION		0x0020
#define THREAD_ALL_ACCESS		(STANDARD_RIGHTS_REQUIRED | SYNCHRONIZE | 0xFFFF)

/* OBJECT_ATTRIBUTES.Attributes */
#define OBJ_INHERIT			0x00000002L
#define OBJ_PERMANENT			0x00000010L
#define OBJ_EXCLUSIVE			0x00000020L
#define OBJ_CASE_INSENSITIVE		0x00000040L
#define OBJ_OPENIF			0x00000080L
#define OBJ_OPENLINK			0x00000100L
#define OBJ_KERNEL_HANDLE		0x00000200L
#define OBJ_FORCE_ACCESS_CHECK		0x00000400L

typedef struct _OBJECT_ATTRIBUTES {
	ULONG Length;
	HANDLE RootDirectory;
	PUNICODE_STRING ObjectName;
	ULONG Attributes;
	PVOID SecurityDescriptor;
	PVOID SecurityQualityOfService;
} OBJECT_ATTRIBUTES, *POBJECT_ATTRIBUTES;
typedef const OBJECT_ATTRIBUTES *PCOBJECT_ATTRIBUTES;

#define InitializeObjectAttributes(p, n, a, r, s)			\
	do {								\
		(p)->Length = sizeof(OBJECT_ATTRIBUTES);		\
		(p)->RootDirectory = (r);				\
		(p)->Attributes = (a);					\
		(p)->ObjectName = (n);					\
		(p)->SecurityDescriptor = (s);				\
		(p)->SecurityQualityOfService = NULL;			\
	} while (0)

typedef struct _CLIENT_ID {
	HANDLE UniqueProcess;
	HANDLE UniqueThread;
} CLIENT_ID, *PCLIENT_ID;

typedef struct _OBJECT_HANDLE_INFORMATION {
	ULONG HandleAttributes;
	ACCESS_MASK GrantedAccess;
} OBJECT_HANDLE_INFORMATION, *POBJECT_HANDLE_INFORMATION;

typedef struct _OBJECT_TYPE *POBJECT_TYPE;

/* The thread object type, for ObReferenceObjectByHandle(..., *PsThreadType ...) */
extern POBJECT_TYPE *PsThreadType;

/* The process a system thread belongs to: always the kernel's here. */
#define NtCurrentProcess()	((HANDLE)(LONG_PTR)-1)
#define ZwCurrentProcess()	NtCurrentProcess()

typedef VOID NTAPI KSTART_ROUTINE(_In_ PVOID StartContext);
typedef KSTART_ROUTINE *PKSTART_ROUTINE;

/*
 * DesiredAccess and ObjectAttributes are accepted and not enforced (every
 * handle is a kernel handle with all access); ProcessHandle must be NULL
 * or NtCurrentProcess(): every thread is a kernel thread. PASSIVE_LEVEL.
 */
_IRQL_requires_max_(PASSIVE_LEVEL)
NTSTATUS NTAPI PsCreateSystemThread(_Out_ PHANDLE ThreadHandle,
				    _In_ ULONG DesiredAccess,
				    _In_opt_ POBJECT_ATTRIBUTES ObjectAttributes,
				    _In_opt_ HANDLE ProcessHandle,
				    _Out_opt_ PCLIENT_ID ClientId,
				    _In_ PKSTART_ROUTINE StartRoutine,
				    _In_opt_ PVOID StartContext);

/* Ends the calling system thread; does not return when called from one. */
_IRQL_requires_max_(PASSIVE_LEVEL)
NTSTATUS NTAPI PsTerminateSystemThread(_In_ NTSTATUS ExitStatus);

/*
 * ObjectType NULL or *PsThreadType; DesiredAccess and AccessMode are not
 * checked. STATUS_INVALID_HANDLE for a handle that is not open.
 */
_IRQL_requires_max_(APC_LEVEL)
NTSTATUS NTAPI ObReferenceObjectByHandle(_In_ HANDLE Handle,
					 _In_ ACCESS_MASK DesiredAccess,
					 _In_opt_ POBJECT_TYPE ObjectType,
					 _In_ KPROCESSOR_MODE AccessMode,
					 _Out_ PVOID *Object,
					 _Out_opt_ POBJECT_HANDLE_INFORMATION HandleInformation);

/* Return the new reference count, as on Windows (debugging use only). */
LONG_PTR NTAPI ObfReferenceObject(_In_ PVOID Object);
LONG_PTR NTAPI ObfDereferenceObject(_In_ PVOID Object);
#define ObReferenceObject(Object)	ObfReferenceObject(Object)
#define ObDereferenceObject(Object)	ObfDereferenceObject(Object)

_IRQL_requires_max_(PASSIVE_LEVEL)
NTSTATUS NTAPI ZwClose(_In_ HANDLE Handle);
#define NtClose ZwClose

/*
 * ---------------------------------------------------------------------
 * Deferred procedure calls (module/wdk_work.c)
 * ---------------------------------------------------------------------
 *
 * A DPC runs its routine once per successful KeInsertQueueDpc, soon, on
 * the CPU it was queued on (or the one KeSetTargetProcessorDpc chose), at
 * DISPATCH_LEVEL: from a per-CPU high-priority workqueue worker with
 * bottom halves disabled, so KeGetCurrentIrql answers DISPATCH_LEVEL and
 * the routine may not sleep. While it is queued or running, the module
 * whose code the routine is cannot be unloaded (rmmod answers "in use").
 * Threaded DPCs are the same as ordinary ones. The fields after
 * SystemArgument2 are nfwfp's: a KDPC must be initialized with
 * KeInitializeDpc, not copied.
 */
typedef struct _KDPC KDPC, *PKDPC, *PRKDPC;

typedef VOID NTAPI KDEFERRED_ROUTINE(_In_ struct _KDPC *Dpc,
				     _In_opt_ PVOID DeferredContext,
				     _In_opt_ PVOID SystemArgument1,
				     _In_opt_ PVOID SystemArgument2);
typedef KDEFERRED_ROUTINE *PKDEFERRED_ROUTINE;

typedef enum _KDPC_IMPORTANCE {
	LowImportance,
	MediumImportance,
	HighImportance,
	MediumHighImportance
} KDPC_IMPORTANCE;

/* KDPC.Type */
#define DpcObject		0x13
#define ThreadedDpcObject	0x18

struct _KDPC {
	UCHAR Type;
	UCHAR Importance;
	volatile USHORT Number;		/* target CPU + 1; 0: the queuing CPU */
	PKDEFERRED_ROUTINE DeferredRoutine;
	PVOID DeferredContext;
	PVOID SystemArgument1;
	PVOID SystemArgument2;
	/* nfwfp's */
	struct work_struct NfwfpWork;
	spinlock_t NfwfpLock;		/* guards NfwfpQueued and the arguments */
	BOOLEAN NfwfpQueued;
	struct module *NfwfpOwner;	/* the module of DeferredRoutine */
};

VOID NTAPI KeInitializeDpc(_Out_ PRKDPC Dpc,
			   _In_ PKDEFERRED_ROUTINE DeferredRoutine,
			   _In_opt_ PVOID DeferredContext);
VOID NTAPI KeInitializeThreadedDpc(_Out_ PRKDPC Dpc,
				   _In_ PKDEFERRED_ROUTINE DeferredRoutine,
				   _In_opt_ PVOID DeferredContext);
/* FALSE (and nothing changes) when the DPC is already queued. Any IRQL. */
BOOLEAN NTAPI KeInsertQueueDpc(_Inout_ PRKDPC Dpc,
			       _In_opt_ PVOID SystemArgument1,
			       _In_opt_ PVOID SystemArgument2);
/* TRUE when the DPC was queued and now will not run. Any IRQL. */
BOOLEAN NTAPI KeRemoveQueueDpc(_Inout_ PRKDPC Dpc);
VOID NTAPI KeSetTargetProcessorDpc(_Inout_ PRKDPC Dpc, _In_ CCHAR Number);
VOID NTAPI KeSetImportanceDpc(_Inout_ PRKDPC Dpc,
			      _In_ KDPC_IMPORTANCE Importance);
/* Waits until every DPC queued before the call has run. PASSIVE_LEVEL. */
_IRQL_requires_max_(PASSIVE_LEVEL)
VOID NTAPI KeFlushQueuedDpcs(void);

/*
 * ---------------------------------------------------------------------
 * Driver and device objects, work items (module/wdk_driver.c,
 * module/wdk_work.c)
 * ---------------------------------------------------------------------
 */
typedef ULONG DEVICE_TYPE;

#define FILE_DEVICE_NETWORK		0x00000012
#define FILE_DEVICE_UNKNOWN		0x00000022
#define FILE_DEVICE_SECURE_OPEN		0x00000100
#define FILE_AUTOGENERATED_DEVICE_NAME	0x00000080

/* DEVICE_OBJECT.Flags */
#define DO_BUFFERED_IO			0x00000004
#define DO_EXCLUSIVE			0x00000008
#define DO_DIRECT_IO			0x00000010
#define DO_DEVICE_INITIALIZING		0x00000080

#define IRP_MJ_CREATE			0x00
#define IRP_MJ_CLOSE			0x02
#define IRP_MJ_DEVICE_CONTROL		0x0e
#define IRP_MJ_CLEANUP			0x12
#define IRP_MJ_MAXIMUM_FUNCTION		0x1b

typedef NTSTATUS NTAPI DRIVER_INITIALIZE(_In_ struct _DRIVER_OBJECT *DriverObject,
					 _In_ PUNICODE_STRING RegistryPath);
typedef DRIVER_INITIALIZE *PDRIVER_INITIALIZE;
typedef VOID NTAPI DRIVER_UNLOAD(_In_ struct _DRIVER_OBJECT *DriverObject);
typedef DRIVER_UNLOAD *PDRIVER_UNLOAD;
typedef NTSTATUS NTAPI DRIVER_DISPATCH(_In_ struct _DEVICE_OBJECT *DeviceObject,
				       _Inout_ struct _IRP *Irp);
typedef DRIVER_DISPATCH *PDRIVER_DISPATCH;

/*
 * The WDK's fields that mean something here; no IRP is ever sent, so the
 * dispatch table is kept but never called.
 */
typedef struct _DEVICE_OBJECT {
	CSHORT Type;
	USHORT Size;
	LONG ReferenceCount;
	struct _DRIVER_OBJECT *DriverObject;
	struct _DEVICE_OBJECT *NextDevice;
	struct _DEVICE_OBJECT *AttachedDevice;
	struct _IRP *CurrentIrp;
	ULONG Flags;
	ULONG Characteristics;
	PVOID DeviceExtension;
	DEVICE_TYPE DeviceType;
	CCHAR StackSize;
	ULONG AlignmentRequirement;
} DEVICE_OBJECT;

typedef struct _DRIVER_OBJECT {
	CSHORT Type;
	CSHORT Size;
	PDEVICE_OBJECT DeviceObject;	/* the driver's devices, newest first */
	ULONG Flags;
	PVOID DriverStart;
	ULONG DriverSize;
	PVOID DriverSection;
	PVOID DriverExtension;
	UNICODE_STRING DriverName;	/* \Driver\<module name> */
	PUNICODE_STRING HardwareDatabase;
	PVOID FastIoDispatch;
	PDRIVER_INITIALIZE DriverInit;
	PVOID DriverStartIo;
	PDRIVER_UNLOAD DriverUnload;
	PDRIVER_DISPATCH MajorFunction[IRP_MJ_MAXIMUM_FUNCTION + 1];
	/* nfwfp's */
	struct module *NfwfpModule;
} DRIVER_OBJECT;

/*
 * A device object with a zeroed extension, linked into DriverObject's
 * list; its owner, for FwpsCalloutRegister and work items, is the
 * driver's module. DeviceName is not published anywhere (there is no
 * object namespace) and may be NULL. PASSIVE_LEVEL.
 */
_IRQL_requires_max_(PASSIVE_LEVEL)
NTSTATUS NTAPI IoCreateDevice(_In_ PDRIVER_OBJECT DriverObject,
			      _In_ ULONG DeviceExtensionSize,
			      _In_opt_ PUNICODE_STRING DeviceName,
			      _In_ DEVICE_TYPE DeviceType,
			      _In_ ULONG DeviceCharacteristics,
			      _In_ BOOLEAN Exclusive,
			      _Out_ PDEVICE_OBJECT *DeviceObject);

/* Frees at once: no work item of the device may still be queued. */
_IRQL_requires_max_(PASSIVE_LEVEL)
VOID NTAPI IoDeleteDevice(_In_ PDEVICE_OBJECT DeviceObject);

/*
 * Driver entry glue. In a driver whose DriverEntry has the Windows
 * signature, write once, at file scope:
 *
 *     NFWFP_DRIVER_ENTRY(DriverEntry);
 *
 * It becomes the module's module_init/module_exit: loading the module runs
 * DriverEntry(DriverObject, RegistryPath) at PASSIVE_LEVEL with a zeroed
 * DRIVER_OBJECT (DriverName \Driver\<module>, RegistryPath
 * \Registry\Machine\System\CurrentControlSet\Services\<module>, valid
 * during the call only); a failure status fails the load (the devices
 * left are deleted) and DriverUnload is not called. rmmod calls the
 * DriverUnload routine DriverEntry stored in DriverObject->DriverUnload,
 * then deletes the devices it left (a misuse, logged). A driver that
 * leaves DriverUnload NULL cannot be unloaded, as on Windows: its module
 * stays referenced. MODULE_LICENSE stays the driver's.
 */
NTSTATUS nfwfp_driver_load(PDRIVER_OBJECT DriverObject, struct module *Module,
			   PDRIVER_INITIALIZE DriverEntry);
VOID nfwfp_driver_unload(PDRIVER_OBJECT DriverObject);
int nfwfp_ntstatus_to_errno(NTSTATUS Status);

#define NFWFP_DRIVER_ENTRY(Entry)					\
	static DRIVER_OBJECT nfwfp_driver_object;			\
	static int __init nfwfp_driver_module_init(void)		\
	{								\
		return nfwfp_ntstatus_to_errno(				\
			nfwfp_driver_load(&nfwfp_driver_object,		\
					  THIS_MODULE, Entry));		\
	}								\
	static void __exit nfwfp_driver_module_exit(void)		\
	{								\
		nfwfp_driver_unload(&nfwfp_driver_object);		\
	}								\
	module_init(nfwfp_driver_module_init);				\
	module_exit(nfwfp_driver_module_exit)

/*
 * Driver parameters. The Windows registry key
 * HKLM\System\CurrentControlSet\Services\<driver>\Parameters is the
 * driver module's module parameters: a REG_DWORD value named V is the
 * module parameter V (compared case-insensitively, as registry names are),
 * of any integer or bool type, set with `insmod drv.ko V=1`, modprobe.d or
 * /sys/module/<driver>/parameters/V. STATUS_OBJECT_NAME_NOT_FOUND when the
 * module has no such parameter, STATUS_OBJECT_TYPE_MISMATCH when it is not
 * an integer that fits 32 bits. PASSIVE_LEVEL. wdf.h maps
 * WdfRegistryQueryULong onto it.
 */
_IRQL_requires_max_(PASSIVE_LEVEL)
NTSTATUS NTAPI NfwfpQueryParameterULong(_In_ PDRIVER_OBJECT DriverObject,
					_In_ PCUNICODE_STRING ValueName,
					_Out_ PULONG Value);

/*
 * Work items run their routine at PASSIVE_LEVEL in a workqueue worker
 * (DelayedWorkQueue and the other normal queues: an unbound workqueue;
 * CriticalWorkQueue, HyperCriticalWorkQueue, RealTime and SuperCritical: a
 * high-priority unbound one). While a work item is queued or running, the
 * module whose code its routine is cannot be unloaded. Queuing an item
 * that is already queued is a driver bug: it warns and does nothing.
 * IoFreeWorkItem may be called from the item's own routine.
 */
typedef enum _WORK_QUEUE_TYPE {
	CriticalWorkQueue,
	DelayedWorkQueue,
	HyperCriticalWorkQueue,
	NormalWorkQueue,
	BackgroundWorkQueue,
	RealTimeWorkQueue,
	SuperCriticalWorkQueue,
	MaximumWorkQueue,
	CustomPriorityWorkQueue = 32
} WORK_QUEUE_TYPE;

typedef struct _IO_WORKITEM IO_WORKITEM, *PIO_WORKITEM;

typedef VOID NTAPI IO_WORKITEM_ROUTINE(_In_ PDEVICE_OBJECT DeviceObject,
				       _In_opt_ PVOID Context);
typedef IO_WORKITEM_ROUTINE *PIO_WORKITEM_ROUTINE;
typedef VOID NTAPI IO_WORKITEM_ROUTINE_EX(_In_ PVOID IoObject,
					  _In_opt_ PVOID Context,
					  _In_ PIO_WORKITEM IoWorkItem);
typedef IO_WORKITEM_ROUTINE_EX *PIO_WORKITEM_ROUTINE_EX;

/* NULL when DeviceObject is NULL or memory is short. */
_IRQL_requires_max_(DISPATCH_LEVEL)
PIO_WORKITEM NTAPI IoAllocateWorkItem(_In_ PDEVICE_OBJECT DeviceObject);
_IRQL_requires_max_(DISPATCH_LEVEL)
VOID NTAPI IoQueueWorkItem(_Inout_ PIO_WORKITEM IoWorkItem,
			   _In_ PIO_WORKITEM_ROUTINE WorkerRoutine,
			   _In_ WORK_QUEUE_TYPE QueueType,
			   _In_opt_ PVOID Context);
_IRQL_requires_max_(DISPATCH_LEVEL)
VOID NTAPI IoQueueWorkItemEx(_Inout_ PIO_WORKITEM IoWorkItem,
			     _In_ PIO_WORKITEM_ROUTINE_EX WorkerRoutine,
			     _In_ WORK_QUEUE_TYPE QueueType,
			     _In_opt_ PVOID Context);
_IRQL_requires_max_(DISPATCH_LEVEL)
VOID NTAPI IoFreeWorkItem(_In_ PIO_WORKITEM IoWorkItem);

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
