// SPDX-License-Identifier: GPL-2.0
/*
 * The kernel primitives of include/wdk/wdm.h, used the way a callout
 * driver uses them, with the semantics checked: IRQL answers in process
 * context, with bottom halves off, under spin locks and in softirq (a timer
 * callback); when the AtDpcLevel lock forms' warning fires; spin locks and
 * in-stack queued spin locks contended from two CPUs (two must be online)
 * and from a timer softirq at the same time (the total must be exact,
 * and lockdep on the debug kernel must accept the locking); notification
 * and synchronization events (all waiters woken, exactly one woken and the
 * signal consumed), wait timeouts (relative, absolute, zero), Interlocked*,
 * LIST_ENTRY helpers, pool (zeroed, aligned, allocatable at DISPATCH_LEVEL,
 * failing quietly), Rtl memory helpers, system time, performance counter
 * and DbgPrint.
 *
 * The checks run at load; /sys/kernel/debug/nfwfp_test_wdk_prims/results
 * has one "PASS desc" or "FAIL desc" line each. Nothing of nfwfp.ko is
 * used: the primitives are header-only.
 */
#define DBG 1		/* a checked build: KdPrint prints, NT_ASSERT checks */
#include <ntddk.h>

#include <linux/module.h>
#include <linux/debugfs.h>
#include <linux/seq_file.h>
#include <linux/kthread.h>
#include <linux/delay.h>
#include <linux/timer.h>
#include <linux/cpumask.h>

/* How long each contention run lasts (both CPUs and the timer at once). */
static int run_ms = 400;
module_param(run_ms, int, 0444);

C_ASSERT(FIELD_OFFSET(LIST_ENTRY, Blink) == sizeof(PVOID));
C_ASSERT(STATUS_TIMEOUT == 0x102);

#define OUT_SIZE	16384
#define TAG		('pmiW')

static char *gOut;
static size_t gOutLen;
static struct dentry *gDir;

static __printf(2, 3) void Check(BOOLEAN ok, const char *fmt, ...)
{
	va_list args;

	gOutLen += scnprintf(gOut + gOutLen, OUT_SIZE - gOutLen, "%s ",
			     ok ? "PASS" : "FAIL");
	va_start(args, fmt);
	gOutLen += vscnprintf(gOut + gOutLen, OUT_SIZE - gOutLen, fmt, args);
	va_end(args);
	gOutLen += scnprintf(gOut + gOutLen, OUT_SIZE - gOutLen, "\n");
}

/* Elapsed milliseconds since Start, from KeQueryPerformanceCounter. */
static LONGLONG ElapsedMs(LARGE_INTEGER Start)
{
	LARGE_INTEGER Freq, Now = KeQueryPerformanceCounter(&Freq);

	return (Now.QuadPart - Start.QuadPart) * 1000 / Freq.QuadPart;
}

/* Threads: started bound to a CPU, parked until kthread_stop(). */
static int ParkUntilStopped(void)
{
	for (;;) {
		set_current_state(TASK_IDLE);
		if (kthread_should_stop())
			break;
		schedule();
	}
	__set_current_state(TASK_RUNNING);
	return 0;
}

static struct task_struct *StartThread(int (*Fn)(void *), void *Context, int Cpu)
{
	struct task_struct *t = kthread_create(Fn, Context, "wdk_prims/%d", Cpu);

	if (IS_ERR(t))
		return NULL;
	kthread_bind(t, Cpu % num_online_cpus());
	wake_up_process(t);
	return t;
}

/* Poll until *Counter reaches Want, for at most Ms milliseconds. */
static LONG WaitCount(volatile LONG *Counter, LONG Want, int Ms)
{
	while (READ_ONCE(*Counter) < Want && Ms > 0) {
		msleep(20);
		Ms -= 20;
	}
	return READ_ONCE(*Counter);
}

/* ------------------------------------------------------------------ */
/* IRQL                                                                */

static void TestIrql(void)
{
	KLOCK_QUEUE_HANDLE LockHandle;
	KSPIN_LOCK Lock;
	KIRQL Old, Now;
	BOOLEAN Blocked;
	unsigned long flags;

	KeInitializeSpinLock(&Lock);
	Check(KeGetCurrentIrql() == PASSIVE_LEVEL, "IRQL: PASSIVE_LEVEL in process context");

	local_bh_disable();
	Now = KeGetCurrentIrql();
	local_bh_enable();
	Check(Now == DISPATCH_LEVEL, "IRQL: DISPATCH_LEVEL with bottom halves disabled");

	preempt_disable();
	Now = KeGetCurrentIrql();
	preempt_enable();
	Check(Now == DISPATCH_LEVEL, "IRQL: DISPATCH_LEVEL with preemption disabled");

	local_irq_save(flags);
	Now = KeGetCurrentIrql();
	local_irq_restore(flags);
	Check(Now == DISPATCH_LEVEL, "IRQL: DISPATCH_LEVEL with interrupts disabled");

	rcu_read_lock();
	Now = KeGetCurrentIrql();
	rcu_read_unlock();
	Check(Now == DISPATCH_LEVEL, "IRQL: DISPATCH_LEVEL in an RCU read-side section");

	KeAcquireSpinLock(&Lock, &Old);
	Now = KeGetCurrentIrql();
	Check(Old == PASSIVE_LEVEL && Now == DISPATCH_LEVEL && in_softirq(),
	      "IRQL: KeAcquireSpinLock raises PASSIVE -> DISPATCH, BH off (old %u, now %u)",
	      Old, Now);
	KeReleaseSpinLock(&Lock, Old);
	Check(KeGetCurrentIrql() == PASSIVE_LEVEL && !in_softirq(),
	      "IRQL: KeReleaseSpinLock returns to PASSIVE, BH on");

	KeAcquireInStackQueuedSpinLock(&Lock, &LockHandle);
	Now = KeGetCurrentIrql();
	KeReleaseInStackQueuedSpinLock(&LockHandle);
	Check(LockHandle.OldIrql == PASSIVE_LEVEL && Now == DISPATCH_LEVEL &&
	      KeGetCurrentIrql() == PASSIVE_LEVEL && !in_softirq(),
	      "IRQL: in-stack queued spin lock raises to DISPATCH and back");

	KeRaiseIrql(DISPATCH_LEVEL, &Old);
	Now = KeGetCurrentIrql();
	Check(Old == PASSIVE_LEVEL && Now == DISPATCH_LEVEL && in_softirq(),
	      "IRQL: KeRaiseIrql(DISPATCH_LEVEL) disables bottom halves");
	KeAcquireSpinLockAtDpcLevel(&Lock);
	KeReleaseSpinLockFromDpcLevel(&Lock);
	KeLowerIrql(Old);
	Check(KeGetCurrentIrql() == PASSIVE_LEVEL && !in_softirq(),
	      "IRQL: KeLowerIrql(PASSIVE_LEVEL) enables them again");

	Old = KeRaiseIrqlToDpcLevel();
	Now = KeGetCurrentIrql();
	KeLowerIrql(Old);
	Check(Old == PASSIVE_LEVEL && Now == DISPATCH_LEVEL && !in_softirq(),
	      "IRQL: KeRaiseIrqlToDpcLevel and back");

	/* Raising from DISPATCH_LEVEL and lowering to it: no change. */
	local_bh_disable();
	KeRaiseIrql(DISPATCH_LEVEL, &Old);
	KeLowerIrql(Old);
	Now = KeGetCurrentIrql();
	local_bh_enable();
	Check(Old == DISPATCH_LEVEL && Now == DISPATCH_LEVEL && !in_softirq(),
	      "IRQL: raise/lower at DISPATCH_LEVEL keeps bottom halves balanced");

	KeRaiseIrql(APC_LEVEL, &Old);
	Now = KeGetCurrentIrql();
	KeLowerIrql(Old);
	Check(Old == PASSIVE_LEVEL && Now == PASSIVE_LEVEL && !in_softirq(),
	      "IRQL: APC_LEVEL changes nothing (reported PASSIVE, balanced)");

	/* A KeAcquireSpinLock released the DPC-level way, then lowered. */
	KeAcquireSpinLock(&Lock, &Old);
	KeReleaseSpinLockFromDpcLevel(&Lock);
	Now = KeGetCurrentIrql();
	KeLowerIrql(Old);
	Check(Now == DISPATCH_LEVEL && KeGetCurrentIrql() == PASSIVE_LEVEL && !in_softirq(),
	      "IRQL: KeAcquireSpinLock + FromDpcLevel release + KeLowerIrql balance");

	/*
	 * The condition KeAcquireSpinLockAtDpcLevel and its relatives warn
	 * on: they need softirqs blocked, which a caller at PASSIVE_LEVEL or
	 * with only preemption off has not done.
	 */
	Check(!nfwfp_wdk_softirq_blocked(),
	      "AtDpcLevel check: fires at PASSIVE_LEVEL (softirqs can run)");
	preempt_disable();
	Blocked = nfwfp_wdk_softirq_blocked();
	preempt_enable();
	Check(!Blocked, "AtDpcLevel check: fires with only preemption disabled");
	local_bh_disable();
	Blocked = nfwfp_wdk_softirq_blocked();
	local_bh_enable();
	Check(Blocked, "AtDpcLevel check: quiet with bottom halves disabled");
	local_irq_save(flags);
	Blocked = nfwfp_wdk_softirq_blocked();
	local_irq_restore(flags);
	Check(Blocked, "AtDpcLevel check: quiet with interrupts disabled");
	KeRaiseIrql(DISPATCH_LEVEL, &Old);
	Blocked = nfwfp_wdk_softirq_blocked();
	KeLowerIrql(Old);
	Check(Blocked, "AtDpcLevel check: quiet after KeRaiseIrql(DISPATCH_LEVEL)");

	/* KeTryToAcquireSpinLockAtDpcLevel: fails while held. */
	KeRaiseIrql(DISPATCH_LEVEL, &Old);
	{
		BOOLEAN First = FALSE, Second = FALSE;

		/* The kernel's trylock pattern, which sparse can follow. */
		if (KeTryToAcquireSpinLockAtDpcLevel(&Lock)) {
			First = TRUE;
			KeReleaseSpinLockFromDpcLevel(&Lock);
		}
		KeAcquireSpinLockAtDpcLevel(&Lock);
		if (KeTryToAcquireSpinLockAtDpcLevel(&Lock)) {
			Second = TRUE;
			KeReleaseSpinLockFromDpcLevel(&Lock);
		}
		KeReleaseSpinLockFromDpcLevel(&Lock);
		Check(First && !Second, "KeTryToAcquireSpinLockAtDpcLevel: free then held");
	}
	KeLowerIrql(Old);
}

/* ------------------------------------------------------------------ */
/* Spin lock contention: two CPUs and a timer softirq                  */

enum { COUNT_SPIN, COUNT_QUEUED, COUNT_DPC, COUNT_INTERLOCKED, COUNT_NONE };
static const char *const gModeName[] = {
	"KeAcquireSpinLock", "KeAcquireInStackQueuedSpinLock",
	"raise + AtDpcLevel (nested locks)", "Interlocked*", "no lock (control)",
};

static KSPIN_LOCK gCountLock;
static KSPIN_LOCK gInnerLock;
static LONG64 gCounter;		/* under gCountLock */
static LONG64 gInnerCounter;	/* under gInnerLock */
static LONG64 gTimerBumps;	/* under gCountLock */
static volatile LONG gLong;
static volatile LONG64 gLong64;
static volatile LONG gCas;
static volatile LONG gThreadsDone;
static volatile LONG gReady;
static BOOLEAN gGo;
static unsigned long gDeadline;
static LONG64 gIterations[2];
static BOOLEAN gTickRun;
static struct timer_list gTickTimer;
static KIRQL gTickIrql = 0xff;
static BOOLEAN gTickInSoftirq;
static BOOLEAN gTickSoftirqBlocked;
static BOOLEAN gTickAllocOk;
static KIRQL gTickLockIrql = 0xff;

/* A read-modify-write with a window: lost updates show without a lock. */
static void Bump(LONG64 *Counter)
{
	LONG64 v = READ_ONCE(*Counter);

	cpu_relax();
	WRITE_ONCE(*Counter, v + 1);
}

/* Context: the mode times two plus the thread's index. */
static int CountThread(void *Context)
{
	ULONG Mode = (ULONG)(ULONG_PTR)Context / 2;
	ULONG Index = (ULONG)(ULONG_PTR)Context % 2;
	KLOCK_QUEUE_HANDLE Outer, Inner;
	KIRQL Irql;
	LONG64 i;
	LONG Old;

	/* Both threads start together and count until the same deadline. */
	InterlockedIncrement(&gReady);
	while (!READ_ONCE(gGo))
		cond_resched();
	for (i = 0; i < 1000 || time_before(jiffies, READ_ONCE(gDeadline)); i++) {
		switch (Mode) {
		case COUNT_SPIN:
			KeAcquireSpinLock(&gCountLock, &Irql);
			Bump(&gCounter);
			KeReleaseSpinLock(&gCountLock, Irql);
			break;
		case COUNT_QUEUED:
			KeAcquireInStackQueuedSpinLock(&gCountLock, &Outer);
			Bump(&gCounter);
			KeReleaseInStackQueuedSpinLock(&Outer);
			break;
		case COUNT_DPC:
			/* inspect's nesting: connection lock, then queue lock */
			KeRaiseIrql(DISPATCH_LEVEL, &Irql);
			KeAcquireInStackQueuedSpinLockAtDpcLevel(&gCountLock, &Outer);
			KeAcquireInStackQueuedSpinLockAtDpcLevel(&gInnerLock, &Inner);
			Bump(&gCounter);
			Bump(&gInnerCounter);
			KeReleaseInStackQueuedSpinLockFromDpcLevel(&Inner);
			KeReleaseInStackQueuedSpinLockFromDpcLevel(&Outer);
			KeLowerIrql(Irql);
			break;
		case COUNT_INTERLOCKED:
			InterlockedIncrement(&gLong);
			InterlockedAdd64(&gLong64, 3);
			do {
				Old = gCas;
			} while (InterlockedCompareExchange(&gCas, Old + 1, Old) != Old);
			break;
		default:
			Bump(&gCounter);
			break;
		}
		if (!(i & 255))
			cond_resched();
	}
	gIterations[Index] = i;
	InterlockedIncrement(&gThreadsDone);
	return ParkUntilStopped();
}

static void TickTimer(struct timer_list *t)
{
	KLOCK_QUEUE_HANDLE LockHandle;
	KIRQL Irql;
	PVOID p;

	if (gTickIrql == 0xff) {
		gTickIrql = KeGetCurrentIrql();
		gTickInSoftirq = in_serving_softirq() != 0;
		gTickSoftirqBlocked = nfwfp_wdk_softirq_blocked();
		/* GFP_KERNEL here would splat on the debug kernel. */
		p = ExAllocatePool2(POOL_FLAG_NON_PAGED, 128, TAG);
		gTickAllocOk = p != NULL;
		if (p)
			ExFreePoolWithTag(p, TAG);
	}
	KeAcquireInStackQueuedSpinLockAtDpcLevel(&gCountLock, &LockHandle);
	Bump(&gCounter);
	gTimerBumps++;
	KeReleaseInStackQueuedSpinLockFromDpcLevel(&LockHandle);

	KeAcquireSpinLock(&gCountLock, &Irql);
	Bump(&gCounter);
	gTimerBumps++;
	KeReleaseSpinLock(&gCountLock, Irql);
	gTickLockIrql = Irql;

	if (READ_ONCE(gTickRun))
		mod_timer(&gTickTimer, jiffies + 1);
}

/* Two threads on two CPUs in Mode; the timer ticks meanwhile if Tick. */
static BOOLEAN RunCount(ULONG Mode, BOOLEAN Tick)
{
	struct task_struct *t[2];
	LONG Done;
	int i;

	gCounter = 0;
	gInnerCounter = 0;
	gTimerBumps = 0;
	gThreadsDone = 0;
	gReady = 0;
	gGo = FALSE;
	for (i = 0; i < 2; i++)
		t[i] = StartThread(CountThread, (void *)(ULONG_PTR)(Mode * 2 + i), i);
	WaitCount(&gReady, (t[0] != NULL) + (t[1] != NULL), 5000);
	WRITE_ONCE(gDeadline, jiffies + msecs_to_jiffies(run_ms));
	if (Tick) {
		WRITE_ONCE(gTickRun, TRUE);
		mod_timer(&gTickTimer, jiffies + 1);
	}
	WRITE_ONCE(gGo, TRUE);
	Done = WaitCount(&gThreadsDone, (t[0] != NULL) + (t[1] != NULL), 600000);
	if (Tick) {
		WRITE_ONCE(gTickRun, FALSE);
		del_timer_sync(&gTickTimer);
	}
	for (i = 0; i < 2; i++)
		if (t[i])
			kthread_stop(t[i]);
	if (!t[0] || !t[1] || Done != 2) {
		Check(FALSE, "%s: two counting threads ran (%d done)", gModeName[Mode], Done);
		return FALSE;
	}
	return TRUE;
}

static void TestContention(void)
{
	LONG64 Want;

	/*
	 * The threads are bound to CPUs 0 and 1 modulo the online count: on
	 * one CPU they would take turns and the totals prove nothing. The VM
	 * has two.
	 */
	Check(num_online_cpus() >= 2, "contention: at least 2 CPUs online (%u)",
	      num_online_cpus());
	KeInitializeSpinLock(&gCountLock);
	KeInitializeSpinLock(&gInnerLock);
	timer_setup(&gTickTimer, TickTimer, 0);

	if (RunCount(COUNT_SPIN, TRUE)) {
		Want = gIterations[0] + gIterations[1];
		Check(gCounter == Want + gTimerBumps && gTimerBumps > 0,
		      "%s: 2 CPUs + timer softirq, total exact (%lld = %lld + %lld)",
		      gModeName[COUNT_SPIN], gCounter, Want, gTimerBumps);
	}
	if (RunCount(COUNT_QUEUED, TRUE)) {
		Want = gIterations[0] + gIterations[1];
		Check(gCounter == Want + gTimerBumps && gTimerBumps > 0,
		      "%s: 2 CPUs + timer softirq, total exact (%lld = %lld + %lld)",
		      gModeName[COUNT_QUEUED], gCounter, Want, gTimerBumps);
	}
	if (RunCount(COUNT_DPC, TRUE)) {
		Want = gIterations[0] + gIterations[1];
		Check(gCounter == Want + gTimerBumps && gInnerCounter == Want &&
		      gTimerBumps > 0,
		      "%s: 2 CPUs + timer softirq, totals exact (%lld = %lld + %lld, inner %lld)",
		      gModeName[COUNT_DPC], gCounter, Want, gTimerBumps, gInnerCounter);
	}
	gLong = 0;
	gLong64 = 0;
	gCas = 0;
	if (RunCount(COUNT_INTERLOCKED, FALSE)) {
		Want = gIterations[0] + gIterations[1];
		Check(gLong == Want && gLong64 == 3 * Want && gCas == Want,
		      "%s: 2 CPUs, totals exact (%d, %lld, cas %d of %lld)",
		      gModeName[COUNT_INTERLOCKED], gLong, gLong64, gCas, Want);
	}
	/* Only shows that the counting can lose updates; never a failure. */
	if (RunCount(COUNT_NONE, FALSE)) {
		Want = gIterations[0] + gIterations[1];
		gOutLen += scnprintf(gOut + gOutLen, OUT_SIZE - gOutLen,
				     "# %s: %lld of %lld (lost %lld)\n",
				     gModeName[COUNT_NONE], gCounter, Want, Want - gCounter);
	}

	Check(gTickIrql == DISPATCH_LEVEL && gTickInSoftirq,
	      "IRQL: DISPATCH_LEVEL in a timer callback (softirq) (%u, %d)",
	      gTickIrql, gTickInSoftirq);
	Check(gTickSoftirqBlocked,
	      "AtDpcLevel check: quiet in a timer callback (softirq)");
	Check(gTickLockIrql == DISPATCH_LEVEL,
	      "KeAcquireSpinLock in softirq reports old IRQL DISPATCH_LEVEL");
	Check(gTickAllocOk, "ExAllocatePool2 in softirq succeeds (GFP_ATOMIC)");
}

/* ------------------------------------------------------------------ */
/* Events                                                              */

typedef struct _WAITER {
	PKEVENT Event;
	LARGE_INTEGER Timeout;
	NTSTATUS Status;
	struct task_struct *Task;
} WAITER;

static volatile LONG gWoken;

static int WaiterThread(void *Context)
{
	WAITER *w = Context;

	w->Status = KeWaitForSingleObject(w->Event, Executive, KernelMode, FALSE,
					  &w->Timeout);
	InterlockedIncrement(&gWoken);
	return ParkUntilStopped();
}

/* Waiters queued on the event (the wait list, read under its lock). */
static int Queued(PKEVENT Event)
{
	wait_queue_head_t *wq = &Event->Header.WaitListHead;
	struct list_head *pos;
	unsigned long flags;
	int n = 0;

	spin_lock_irqsave(&wq->lock, flags);
	list_for_each(pos, &wq->head)
		n++;
	spin_unlock_irqrestore(&wq->lock, flags);
	return n;
}

static int WaitQueued(PKEVENT Event, int Want)
{
	int Ms = 5000;

	while (Queued(Event) < Want && Ms > 0) {
		msleep(20);
		Ms -= 20;
	}
	return Queued(Event);
}

/* Three waiters with a 20 s timeout (a failing test must not hang). */
static void StartWaiters(WAITER *w, PKEVENT Event)
{
	int i;

	gWoken = 0;
	for (i = 0; i < 3; i++) {
		w[i].Event = Event;
		w[i].Timeout.QuadPart = -20LL * 10000000;
		w[i].Status = STATUS_PENDING;
		w[i].Task = StartThread(WaiterThread, &w[i], i);
	}
}

static void StopWaiters(WAITER *w)
{
	int i;

	for (i = 0; i < 3; i++)
		if (w[i].Task)
			kthread_stop(w[i].Task);
}

static LARGE_INTEGER Zero;

static NTSTATUS Poll(PKEVENT Event)
{
	return KeWaitForSingleObject(Event, Executive, KernelMode, FALSE, &Zero);
}

static void TestNotificationEvent(void)
{
	WAITER w[3];
	KEVENT Event;
	LONG Prev;
	int n;

	KeInitializeEvent(&Event, NotificationEvent, FALSE);
	Check(KeReadStateEvent(&Event) == 0 && Poll(&Event) == STATUS_TIMEOUT,
	      "NotificationEvent: initially not signaled, poll times out");
	StartWaiters(w, &Event);
	n = WaitQueued(&Event, 3);
	Check(n == 3 && gWoken == 0, "NotificationEvent: 3 waiters block (%d queued)", n);
	Prev = KeSetEvent(&Event, IO_NO_INCREMENT, FALSE);
	n = WaitCount(&gWoken, 3, 5000);
	Check(Prev == 0 && n == 3 && w[0].Status == STATUS_SUCCESS &&
	      w[1].Status == STATUS_SUCCESS && w[2].Status == STATUS_SUCCESS,
	      "NotificationEvent: one KeSetEvent wakes all 3 waiters (%d woken)", n);
	StopWaiters(w);
	Check(KeReadStateEvent(&Event) == 1 && Poll(&Event) == STATUS_SUCCESS &&
	      Poll(&Event) == STATUS_SUCCESS && KeReadStateEvent(&Event) == 1,
	      "NotificationEvent: stays signaled after the waits");
	Prev = KeSetEvent(&Event, IO_NO_INCREMENT, FALSE);
	Check(Prev == 1, "KeSetEvent returns the previous state (1)");
	Prev = KeResetEvent(&Event);
	Check(Prev == 1 && KeReadStateEvent(&Event) == 0 && KeResetEvent(&Event) == 0,
	      "KeResetEvent returns the previous state and clears");
	KeSetEvent(&Event, IO_NO_INCREMENT, FALSE);
	KeClearEvent(&Event);
	Check(KeReadStateEvent(&Event) == 0 && Poll(&Event) == STATUS_TIMEOUT,
	      "KeClearEvent clears");
	KeInitializeEvent(&Event, NotificationEvent, TRUE);
	Check(KeReadStateEvent(&Event) == 1 && Poll(&Event) == STATUS_SUCCESS,
	      "KeInitializeEvent(..., TRUE): initially signaled");
}

static void TestSynchronizationEvent(void)
{
	WAITER w[3];
	KEVENT Event;
	LONG Prev;
	int n, q;

	KeInitializeEvent(&Event, SynchronizationEvent, FALSE);
	StartWaiters(w, &Event);
	n = WaitQueued(&Event, 3);
	Check(n == 3 && gWoken == 0, "SynchronizationEvent: 3 waiters block (%d queued)", n);
	Prev = KeSetEvent(&Event, IO_NO_INCREMENT, FALSE);
	WaitCount(&gWoken, 1, 5000);
	msleep(300);		/* time for a wrong second wake-up to show */
	n = gWoken;
	q = Queued(&Event);
	Check(Prev == 0 && n == 1 && q == 2 && KeReadStateEvent(&Event) == 0,
	      "SynchronizationEvent: one KeSetEvent wakes exactly one waiter and resets (%d woken, %d queued)",
	      n, q);
	KeSetEvent(&Event, IO_NO_INCREMENT, FALSE);
	WaitCount(&gWoken, 2, 5000);
	msleep(300);
	n = gWoken;
	Check(n == 2 && KeReadStateEvent(&Event) == 0,
	      "SynchronizationEvent: a second KeSetEvent wakes the second (%d woken)", n);
	KeSetEvent(&Event, IO_NO_INCREMENT, FALSE);
	n = WaitCount(&gWoken, 3, 5000);
	Check(n == 3 && w[0].Status == STATUS_SUCCESS && w[1].Status == STATUS_SUCCESS &&
	      w[2].Status == STATUS_SUCCESS && KeReadStateEvent(&Event) == 0,
	      "SynchronizationEvent: the third wakes the last, all STATUS_SUCCESS");
	StopWaiters(w);

	/* Without waiters the signal stays until one wait consumes it. */
	Prev = KeSetEvent(&Event, IO_NO_INCREMENT, FALSE);
	Check(Prev == 0 && KeReadStateEvent(&Event) == 1,
	      "SynchronizationEvent: set without waiters stays signaled");
	Prev = KeSetEvent(&Event, IO_NO_INCREMENT, FALSE);
	Check(Prev == 1 && Poll(&Event) == STATUS_SUCCESS && KeReadStateEvent(&Event) == 0 &&
	      Poll(&Event) == STATUS_TIMEOUT,
	      "SynchronizationEvent: two sets, one wait satisfied (not counted), then timeout");
	KeInitializeEvent(&Event, SynchronizationEvent, TRUE);
	Check(Poll(&Event) == STATUS_SUCCESS && Poll(&Event) == STATUS_TIMEOUT,
	      "SynchronizationEvent: initially signaled, one poll consumes it");
}

static KEVENT gTimerEvent;
static struct timer_list gSetTimer;
static KIRQL gSetIrql = 0xff;
static LONG gSetPrev = -1;

static void SetTimer(struct timer_list *t)
{
	gSetIrql = KeGetCurrentIrql();
	gSetPrev = KeSetEvent(&gTimerEvent, IO_NO_INCREMENT, FALSE);
}

static void TestTimeouts(void)
{
	LARGE_INTEGER Start, Timeout;
	KEVENT Event;
	NTSTATUS Status;
	LONGLONG Ms;
	KIRQL Old;

	KeInitializeEvent(&Event, NotificationEvent, FALSE);

	Timeout.QuadPart = -100LL * 10000;	/* 100 ms, relative */
	Start = KeQueryPerformanceCounter(NULL);
	Status = KeWaitForSingleObject(&Event, Executive, KernelMode, FALSE, &Timeout);
	Ms = ElapsedMs(Start);
	Check(Status == STATUS_TIMEOUT && Ms >= 100 && Ms < 3000,
	      "KeWaitForSingleObject: relative 100 ms -> STATUS_TIMEOUT after %lld ms", Ms);

	KeQuerySystemTime(&Timeout);
	Timeout.QuadPart += 80LL * 10000;	/* absolute: now + 80 ms */
	Start = KeQueryPerformanceCounter(NULL);
	Status = KeWaitForSingleObject(&Event, Executive, KernelMode, FALSE, &Timeout);
	Ms = ElapsedMs(Start);
	Check(Status == STATUS_TIMEOUT && Ms >= 70 && Ms < 3000,
	      "KeWaitForSingleObject: absolute now + 80 ms -> STATUS_TIMEOUT after %lld ms", Ms);

	Start = KeQueryPerformanceCounter(NULL);
	Status = Poll(&Event);
	Ms = ElapsedMs(Start);
	Check(Status == STATUS_TIMEOUT && Ms < 50,
	      "KeWaitForSingleObject: zero timeout polls (%lld ms)", Ms);

	/* Polling is allowed at DISPATCH_LEVEL (no might_sleep splat). */
	KeRaiseIrql(DISPATCH_LEVEL, &Old);
	Status = Poll(&Event);
	KeSetEvent(&Event, IO_NO_INCREMENT, FALSE);
	Status = Status == STATUS_TIMEOUT ? Poll(&Event) : STATUS_UNSUCCESSFUL;
	KeLowerIrql(Old);
	Check(Status == STATUS_SUCCESS, "KeWaitForSingleObject: zero-timeout poll at DISPATCH_LEVEL");

	/* Set from a timer (softirq) 50 ms later, waited for with 10 s. */
	KeInitializeEvent(&gTimerEvent, SynchronizationEvent, FALSE);
	timer_setup(&gSetTimer, SetTimer, 0);
	Timeout.QuadPart = -10LL * 10000000;
	Start = KeQueryPerformanceCounter(NULL);
	mod_timer(&gSetTimer, jiffies + msecs_to_jiffies(50));
	Status = KeWaitForSingleObject(&gTimerEvent, Executive, KernelMode, FALSE, &Timeout);
	Ms = ElapsedMs(Start);
	del_timer_sync(&gSetTimer);
	Check(Status == STATUS_SUCCESS && Ms >= 40 && Ms < 10000 && gSetPrev == 0 &&
	      gSetIrql == DISPATCH_LEVEL,
	      "KeSetEvent from a timer softirq ends a 10 s wait after %lld ms", Ms);

	/* The infinite wait (NULL timeout) on a signaled event. */
	KeSetEvent(&gTimerEvent, IO_NO_INCREMENT, FALSE);
	Status = KeWaitForSingleObject(&gTimerEvent, Executive, KernelMode, FALSE, NULL);
	Check(Status == STATUS_SUCCESS && KeReadStateEvent(&gTimerEvent) == 0,
	      "KeWaitForSingleObject: NULL timeout on a signaled event");
}

/* ------------------------------------------------------------------ */
/* Interlocked, lists, pool, Rtl, time, debug output                   */

static void TestInterlocked(void)
{
	volatile LONG x = 5, z = 0;
	volatile LONG64 y = 1LL << 40;
	int a, b, c;
	PVOID volatile p = &a;
	LONG r1, r2, r3, r4, r5, r6, r7;
	LONG64 s1, s2, s3, s4, s5;
	PVOID q1, q2, q3;

	r1 = InterlockedIncrement(&x);			/* 6 */
	r2 = InterlockedDecrement(&x);			/* 5 */
	r3 = InterlockedAdd(&x, 10);			/* 15 */
	r4 = InterlockedExchangeAdd(&x, 5);		/* 15, x 20 */
	r5 = InterlockedExchange(&x, 7);		/* 20, x 7 */
	r6 = InterlockedCompareExchange(&x, 9, 7);	/* 7, x 9 */
	r7 = InterlockedCompareExchange(&x, 1, 7);	/* 9, x 9 */
	Check(r1 == 6 && r2 == 5 && r3 == 15 && r4 == 15 && r5 == 20 && r6 == 7 &&
	      r7 == 9 && x == 9,
	      "Interlocked: Increment/Decrement/Add return the new value, Exchange*/CompareExchange the old");
	r1 = InterlockedOr(&x, 0x30);			/* 9, x 0x39 */
	r2 = InterlockedAnd(&x, 0x11);			/* 0x39, x 0x11 */
	r3 = InterlockedXor(&x, 0x01);			/* 0x11, x 0x10 */
	r4 = InterlockedDecrement(&z);
	Check(r1 == 9 && r2 == 0x39 && r3 == 0x11 && x == 0x10 && r4 == -1,
	      "Interlocked: Or/And/Xor return the old value; Decrement below zero");

	s1 = InterlockedIncrement64(&y);
	s2 = InterlockedAdd64(&y, 1LL << 41);
	s3 = InterlockedCompareExchange64(&y, 5, (3LL << 40) + 1);
	s4 = InterlockedExchange64(&y, -1);
	s5 = InterlockedExchangeAdd64(&y, 2);
	Check(s1 == (1LL << 40) + 1 && s2 == (3LL << 40) + 1 && s3 == s2 && s4 == 5 &&
	      s5 == -1 && y == 1 && InterlockedDecrement64(&y) == 0,
	      "Interlocked 64-bit variants beyond 32 bits");

	q1 = InterlockedExchangePointer(&p, &b);
	q2 = InterlockedCompareExchangePointer(&p, &c, &b);
	q3 = InterlockedCompareExchangePointer(&p, &a, &b);
	Check(q1 == &a && q2 == &b && q3 == &c && p == &c,
	      "InterlockedExchangePointer / InterlockedCompareExchangePointer");
}

typedef struct _ITEM {
	ULONG Value;
	LIST_ENTRY Link;
	SINGLE_LIST_ENTRY SLink;
} ITEM;

/* The list's values, head to tail, as digits; checks the Blink chain. */
static ULONG ListValues(PLIST_ENTRY Head)
{
	PLIST_ENTRY e;
	ULONG v = 0, back = 0, place = 1;

	for (e = Head->Flink; e != Head; e = e->Flink)
		v = v * 10 + CONTAINING_RECORD(e, ITEM, Link)->Value;
	for (e = Head->Blink; e != Head; e = e->Blink, place *= 10)
		back += CONTAINING_RECORD(e, ITEM, Link)->Value * place;
	return v == back ? v : 0xffffffff;
}

static void TestLists(void)
{
	ITEM it[5] = { { 1 }, { 2 }, { 3 }, { 4 }, { 5 } };
	LIST_ENTRY Head, Other;
	SINGLE_LIST_ENTRY SHead = { NULL };
	PLIST_ENTRY e1, e2;
	BOOLEAN r1, r2;
	ULONG v;

	InitializeListHead(&Head);
	Check(IsListEmpty(&Head) && Head.Flink == &Head && Head.Blink == &Head,
	      "InitializeListHead / IsListEmpty");
	InsertTailList(&Head, &it[0].Link);
	InsertTailList(&Head, &it[1].Link);
	InsertHeadList(&Head, &it[2].Link);
	v = ListValues(&Head);
	Check(v == 312 && !IsListEmpty(&Head),
	      "InsertTailList 1, 2, InsertHeadList 3: order 3 1 2 both ways (%u)", v);
	e1 = RemoveHeadList(&Head);
	e2 = RemoveTailList(&Head);
	Check(e1 == &it[2].Link && e2 == &it[1].Link && ListValues(&Head) == 1,
	      "RemoveHeadList / RemoveTailList return the ends");
	InsertTailList(&Head, &it[3].Link);
	r1 = RemoveEntryList(&it[0].Link);
	r2 = RemoveEntryList(&it[3].Link);
	Check(!r1 && r2 && IsListEmpty(&Head),
	      "RemoveEntryList: FALSE while entries remain, TRUE when the list became empty");
	Check(RemoveHeadList(&Head) == &Head && IsListEmpty(&Head),
	      "RemoveHeadList on an empty list returns the head");

	/* AppendTailList: a headless list 4 5 after 1 */
	InsertTailList(&Head, &it[0].Link);
	InitializeListHead(&Other);
	InsertTailList(&Other, &it[3].Link);
	InsertTailList(&Other, &it[4].Link);
	RemoveEntryList(&Other);	/* 4 <-> 5 without a head */
	AppendTailList(&Head, &it[3].Link);
	v = ListValues(&Head);
	Check(v == 145, "AppendTailList (%u)", v);

	PushEntryList(&SHead, &it[0].SLink);
	PushEntryList(&SHead, &it[1].SLink);
	Check(PopEntryList(&SHead) == &it[1].SLink && PopEntryList(&SHead) == &it[0].SLink &&
	      !PopEntryList(&SHead), "PushEntryList / PopEntryList: LIFO, NULL when empty");
}

static BOOLEAN AllZero(const UCHAR *p, SIZE_T n)
{
	return memchr_inv(p, 0, n) == NULL;
}

static void TestPool(void)
{
	static const SIZE_T Sizes[] = { 64, 200, 512, 3000 };
	BOOLEAN Zeroed = TRUE, ZeroedToo = TRUE, Aligned = TRUE, Bad;
	PVOID p, q[8];
	KSPIN_LOCK Lock;
	KIRQL Irql;
	int i;

	/* Dirty a block, free it, allocate the same size again (reused). */
	for (i = 0; i < ARRAY_SIZE(Sizes); i++) {
		p = ExAllocatePoolWithTag(NonPagedPoolNx, Sizes[i], TAG);
		if (!p) {
			Zeroed = FALSE;
			break;
		}
		RtlFillMemory(p, Sizes[i], 0xa5);
		ExFreePoolWithTag(p, TAG);
		p = ExAllocatePool2(POOL_FLAG_NON_PAGED, Sizes[i], TAG);
		Zeroed = Zeroed && p && AllZero(p, Sizes[i]);
		if (p) {
			RtlFillMemory(p, Sizes[i], 0x5a);
			ExFreePoolWithTag(p, TAG);
		}
		p = ExAllocatePoolZero(NonPagedPoolNx, Sizes[i], TAG);
		ZeroedToo = ZeroedToo && p && AllZero(p, Sizes[i]);
		ExFreePool(p);
	}
	Check(Zeroed, "ExAllocatePool2(POOL_FLAG_NON_PAGED) returns zeroed memory");
	Check(ZeroedToo, "ExAllocatePoolZero returns zeroed memory");

	p = ExAllocatePool2(POOL_FLAG_NON_PAGED | POOL_FLAG_UNINITIALIZED, 100, TAG);
	Check(p != NULL, "ExAllocatePool2(POOL_FLAG_UNINITIALIZED)");
	ExFreePoolWithTag(p, TAG);
	{
		POOL_TYPE Type = NonPagedPool;

		p = ExAllocatePool(Type, 100);
		Check(p != NULL, "ExAllocatePool (untagged)");
		ExFreePool(p);
	}
	p = ExAllocatePool2(POOL_FLAG_PAGED | POOL_FLAG_SPECIAL_POOL, 100, TAG);
	Check(p != NULL, "ExAllocatePool2: paged pool, unknown optional flag ignored");
	ExFreePoolWithTag(p, TAG);

	Bad = ExAllocatePool2(0, 100, TAG) == NULL &&
	      ExAllocatePool2(POOL_FLAG_NON_PAGED | POOL_FLAG_PAGED, 100, TAG) == NULL &&
	      ExAllocatePool2(POOL_FLAG_NON_PAGED | POOL_FLAG_RESERVED1, 100, TAG) == NULL;
	Check(Bad, "ExAllocatePool2: no or two pool types, unknown required flag -> NULL");
	p = ExAllocatePool2(POOL_FLAG_NON_PAGED, 64 << 20, TAG);
	Check(p == NULL, "ExAllocatePool2: 64 MiB fails with NULL, quietly");
	ExFreePool(p);

	for (i = 0; i < ARRAY_SIZE(q); i++) {
		q[i] = ExAllocatePool2(POOL_FLAG_NON_PAGED | POOL_FLAG_CACHE_ALIGNED, 72, TAG);
		Aligned = Aligned && q[i] && IS_ALIGNED((ULONG_PTR)q[i], L1_CACHE_BYTES);
	}
	for (i = 0; i < ARRAY_SIZE(q); i++)
		ExFreePoolWithTag(q[i], TAG);
	for (i = 0; i < ARRAY_SIZE(q); i++) {
		q[i] = ExAllocatePoolWithTag(NonPagedPoolCacheAligned, 72, TAG);
		Aligned = Aligned && q[i] && IS_ALIGNED((ULONG_PTR)q[i], L1_CACHE_BYTES);
	}
	for (i = 0; i < ARRAY_SIZE(q); i++)
		ExFreePoolWithTag(q[i], TAG);
	Check(Aligned, "POOL_FLAG_CACHE_ALIGNED / NonPagedPoolCacheAligned: %d-byte aligned",
	      L1_CACHE_BYTES);

	KeInitializeSpinLock(&Lock);
	KeAcquireSpinLock(&Lock, &Irql);
	p = ExAllocatePool2(POOL_FLAG_NON_PAGED, 4096, TAG);
	KeReleaseSpinLock(&Lock, Irql);
	Check(p != NULL, "ExAllocatePool2 under a spin lock (DISPATCH_LEVEL, GFP_ATOMIC)");
	ExFreePoolWithTag(p, TAG);
}

static void TestRtl(void)
{
	UCHAR a[8] = "abcdefg", b[8] = "abcxefg", c[16];
	SIZE_T n1, n2, n3, n4;

	n1 = RtlCompareMemory(a, b, 7);
	n2 = RtlCompareMemory(a, a, 7);
	n3 = RtlCompareMemory(a, b, 0);
	n4 = RtlCompareMemory(b, a, 3);
	Check(n1 == 3 && n2 == 7 && n3 == 0 && n4 == 3,
	      "RtlCompareMemory returns the count of leading equal bytes (%zu %zu %zu %zu)",
	      n1, n2, n3, n4);
	Check(RtlEqualMemory(a, a, 8) && !RtlEqualMemory(a, b, 8) && RtlEqualMemory(a, b, 3),
	      "RtlEqualMemory");
	RtlFillMemory(c, sizeof(c), 0x77);
	RtlCopyMemory(c, a, 4);
	Check(!memcmp(c, "abcd\x77\x77", 6), "RtlCopyMemory / RtlFillMemory");
	RtlCopyMemory(c, "0123456789", 10);
	RtlMoveMemory(c + 2, c, 6);
	Check(!memcmp(c, "0101234589", 10), "RtlMoveMemory with overlap");
	RtlZeroMemory(c + 1, 4);
	Check(c[0] == '0' && AllZero(c + 1, 4) && c[5] == '3', "RtlZeroMemory");
	RtlSecureZeroMemory(c, sizeof(c));
	Check(AllZero(c, sizeof(c)), "RtlSecureZeroMemory");
	Check(RtlUlongByteSwap(0x11223344) == 0x44332211 && RtlUshortByteSwap(0x1122) == 0x2211,
	      "RtlUlongByteSwap / RtlUshortByteSwap");
	Check(RtlUlonglongByteSwap(0x1122334455667788ULL) == 0x8877665544332211ULL,
	      "RtlUlonglongByteSwap");
}

static void TestTime(void)
{
	LARGE_INTEGER Now, Freq, C1, C2;
	LONGLONG Secs, Unix = ktime_get_real_seconds();
	ULONGLONG I1, I2;

	KeQuerySystemTime(&Now);
	Secs = div_s64(Now.QuadPart, 10000000) - 11644473600LL;
	Check(abs(Secs - Unix) <= 2 && Now.QuadPart > 132223104000000000LL,
	      "KeQuerySystemTime: 100 ns units since 1601 (%lld, unix %lld)", Secs, Unix);
	C1 = KeQueryPerformanceCounter(&Freq);
	I1 = KeQueryInterruptTime();
	/* An hrtimer sleep: msleep() counts jiffies, which can lag and catch up. */
	usleep_range(20 * USEC_PER_MSEC, 21 * USEC_PER_MSEC);
	C2 = KeQueryPerformanceCounter(NULL);
	I2 = KeQueryUnbiasedInterruptTime();
	Check(Freq.QuadPart == 10000000 && C2.QuadPart - C1.QuadPart >= 20 * 10000 &&
	      C2.QuadPart - C1.QuadPart < 100 * 10000000LL,
	      "KeQueryPerformanceCounter: 10 MHz, 20 ms sleep = %lld ticks",
	      C2.QuadPart - C1.QuadPart);
	Check(I1 > 0 && I2 > 0 && KeQueryInterruptTime() >= I1 + 20 * 10000,
	      "KeQueryInterruptTime / KeQueryUnbiasedInterruptTime advance");
	KeQuerySystemTimePrecise(&C1);
	Check(C1.QuadPart >= Now.QuadPart && C1.QuadPart - Now.QuadPart < 600 * 10000000LL,
	      "KeQuerySystemTimePrecise: the same clock as KeQuerySystemTime");
}

/* The wait statuses have Windows's values (drivers compare them to numbers). */
static void TestStatusValues(void)
{
	Check(STATUS_WAIT_0 == 0 && STATUS_ABANDONED_WAIT_0 == 0x80 &&
	      STATUS_USER_APC == 0xc0 && STATUS_ALERTED == 0x101 && STATUS_TIMEOUT == 0x102,
	      "STATUS_WAIT_0, STATUS_ABANDONED_WAIT_0, STATUS_USER_APC, STATUS_ALERTED, STATUS_TIMEOUT");
}

static void TestProcessors(void)
{
	ULONG Cpu, CpuEx;

	preempt_disable();
	Cpu = KeGetCurrentProcessorNumber();
	CpuEx = KeGetCurrentProcessorNumberEx(NULL);
	preempt_enable();
	Check(Cpu == CpuEx && Cpu < nr_cpu_ids,
	      "KeGetCurrentProcessorNumber / KeGetCurrentProcessorNumberEx (%u)", Cpu);
	Check(KeQueryMaximumProcessorCount() == nr_cpu_ids &&
	      KeQueryActiveProcessorCount(NULL) == num_online_cpus(),
	      "KeQueryMaximumProcessorCount / KeQueryActiveProcessorCount (%u, %u)",
	      KeQueryMaximumProcessorCount(), KeQueryActiveProcessorCount(NULL));
}

static void TestDebugOutput(void)
{
	ULONG r1, r2;

	r1 = DbgPrint("nfwfp_test_wdk_prims: DbgPrint %d\n", 42);
	r2 = DbgPrintEx(DPFLTR_IHVNETWORK_ID, DPFLTR_INFO_LEVEL,
			"nfwfp_test_wdk_prims: DbgPrintEx %s\n", "info");
	KdPrint(("nfwfp_test_wdk_prims: KdPrint %u\n", 7u));
	KdPrintEx((DPFLTR_IHVNETWORK_ID, DPFLTR_WARNING_LEVEL,
		   "nfwfp_test_wdk_prims: KdPrintEx %s\n", "warning"));
	NT_ASSERT(r1 == STATUS_SUCCESS);
	ASSERT(r2 == STATUS_SUCCESS);
	Check(r1 == STATUS_SUCCESS && r2 == STATUS_SUCCESS, "DbgPrint / DbgPrintEx return STATUS_SUCCESS");
}

static int results_show(struct seq_file *m, void *v)
{
	seq_write(m, gOut, gOutLen);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(results);

static int __init nfwfp_test_wdk_prims_init(void)
{
	gOut = kzalloc(OUT_SIZE, GFP_KERNEL);
	if (!gOut)
		return -ENOMEM;
	TestIrql();
	TestInterlocked();
	TestLists();
	TestRtl();
	TestTime();
	TestDebugOutput();
	TestStatusValues();
	TestProcessors();
	TestPool();
	TestTimeouts();
	TestNotificationEvent();
	TestSynchronizationEvent();
	TestContention();
	gDir = debugfs_create_dir(KBUILD_MODNAME, NULL);
	debugfs_create_file("results", 0400, gDir, NULL, &results_fops);
	return 0;
}

static void __exit nfwfp_test_wdk_prims_exit(void)
{
	debugfs_remove_recursive(gDir);
	kfree(gOut);
}

module_init(nfwfp_test_wdk_prims_init);
module_exit(nfwfp_test_wdk_prims_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("nfwfp test: wdm.h kernel primitives (IRQL, locks, events, lists, pool, Rtl)");
