// SPDX-License-Identifier: GPL-2.0
/*
 * A Windows-style driver built with NFWFP_DRIVER_ENTRY that checks, from
 * its DriverEntry, the WDK primitives nfwfp.ko implements: system threads
 * and waits on thread objects (with and without timeouts, after the
 * thread's end, PsTerminateSystemThread, handle errors), work items and
 * DPCs (execution context, arguments, target CPU, "already queued", removal,
 * and the pin on this module while they are queued or running), device
 * objects, driver parameters from module parameters, and
 * RtlIpv4/Ipv6StringToAddress[AW] on good and bad strings.
 *
 * /sys/kernel/debug/nfwfp_test_wdk_driver/results has one "PASS desc" or
 * "FAIL desc" line per check. Writing to .../hold queues a work item that
 * blocks until something is written to .../release (the script checks that
 * the module cannot be unloaded meanwhile). With leak=1 the driver
 * registers a callout on its device object (classifyFn from
 * nfwfp_test_owner_lib) and never unregisters it: nfwfp must, because the
 * device object names this module.
 */
#define DBG 1
#include <ntddk.h>
#include <fwpsk.h>
#include <ip2string.h>
#include <fwpmk.h>
#include <wdf.h>

#include <linux/module.h>
#include <linux/debugfs.h>
#include <linux/seq_file.h>
#include <linux/delay.h>
#include <linux/cpumask.h>

#include "nfwfp_test_owner.h"

/* Driver parameters: the Parameters key of this driver. */
static unsigned int BlockTraffic;
module_param(BlockTraffic, uint, 0644);
static int Ratio = -2;
module_param(Ratio, int, 0644);
static bool Verbose = true;
module_param(Verbose, bool, 0644);
static char *Label = "x";
module_param(Label, charp, 0444);
static int leak;
module_param(leak, int, 0444);

#define OUT_SIZE	16384

static char *gOut;
static size_t gOutLen;
static struct dentry *gDir;
static PDEVICE_OBJECT gDevice;
static UINT32 gCalloutId;

/* 9c4f0b52-7a1e-4d63-b2a8-51e0c7d93f14 */
static const GUID gCalloutKey = { 0x9c4f0b52, 0x7a1e, 0x4d63,
	{ 0xb2, 0xa8, 0x51, 0xe0, 0xc7, 0xd9, 0x3f, 0x14 } };

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

static NTSTATUS WaitMs(PVOID Object, LONGLONG Ms)
{
	LARGE_INTEGER Timeout;

	Timeout.QuadPart = -Ms * 10000;	/* relative, 100 ns units */
	return KeWaitForSingleObject(Object, Executive, KernelMode, FALSE,
				     &Timeout);
}

/* Polls until the module's reference count is Want (up to a second). */
static BOOLEAN RefcountBecomes(int Want)
{
	int i;

	for (i = 0; i < 100; i++) {
		if (module_refcount(THIS_MODULE) == Want)
			return TRUE;
		msleep(10);
	}
	return FALSE;
}

/* ------------------------------------------------------------------ */
/* Threads                                                             */
/* ------------------------------------------------------------------ */

static KEVENT gStopThread;
static KIRQL gThreadIrql = 0xff;
static volatile LONG gThreadRan;
static volatile LONG gAfterTerminate;

static KSTART_ROUTINE WaitingThread;
static VOID NTAPI WaitingThread(PVOID Context)
{
	gThreadIrql = KeGetCurrentIrql();
	InterlockedExchange(&gThreadRan, (LONG)(LONG_PTR)Context);
	KeWaitForSingleObject(&gStopThread, Executive, KernelMode, FALSE, NULL);
}

static KSTART_ROUTINE TerminatingThread;
static VOID NTAPI TerminatingThread(PVOID Context)
{
	UNREFERENCED_PARAMETER(Context);
	PsTerminateSystemThread(STATUS_SUCCESS);
	InterlockedExchange(&gAfterTerminate, 1);	/* never reached */
}

static KSTART_ROUTINE QuickThread;
static VOID NTAPI QuickThread(PVOID Context)
{
	InterlockedIncrement((LONG *)Context);
}

/* Windows' pattern: create, reference the object, close the handle. */
static NTSTATUS StartThread(PKSTART_ROUTINE Routine, PVOID Context,
			    PVOID *Thread)
{
	OBJECT_ATTRIBUTES Attributes;
	HANDLE Handle;
	NTSTATUS Status;

	InitializeObjectAttributes(&Attributes, NULL, OBJ_KERNEL_HANDLE, NULL,
				   NULL);
	Status = PsCreateSystemThread(&Handle, THREAD_ALL_ACCESS, &Attributes,
				      NULL, NULL, Routine, Context);
	if (!NT_SUCCESS(Status))
		return Status;
	Status = ObReferenceObjectByHandle(Handle, THREAD_ALL_ACCESS, NULL,
					   KernelMode, Thread, NULL);
	ZwClose(Handle);
	return Status;
}

static void TestThreads(void)
{
	LARGE_INTEGER Zero = { .QuadPart = 0 };
	OBJECT_ATTRIBUTES Attributes;
	LONG Quick = 0;
	PVOID Thread, Other;
	HANDLE Handle;
	NTSTATUS Status;
	int i;

	KeInitializeEvent(&gStopThread, NotificationEvent, FALSE);
	Status = StartThread(WaitingThread, (PVOID)5, &Thread);
	Check(NT_SUCCESS(Status), "PsCreateSystemThread + ObReferenceObjectByHandle + ZwClose: %#x",
	      Status);
	if (!NT_SUCCESS(Status))
		return;
	for (i = 0; i < 100 && !gThreadRan; i++)
		msleep(10);
	Check(gThreadRan == 5, "the thread runs its start routine with its context");
	Check(gThreadIrql == PASSIVE_LEVEL, "a system thread runs at PASSIVE_LEVEL (%u)",
	      gThreadIrql);
	Status = WaitMs(Thread, 50);
	Check(Status == STATUS_TIMEOUT,
	      "waiting 50 ms on a running thread's object times out (%#x)", Status);
	Status = KeWaitForSingleObject(Thread, Executive, KernelMode, FALSE, &Zero);
	Check(Status == STATUS_TIMEOUT, "a zero-timeout poll of a running thread: STATUS_TIMEOUT");
	KeSetEvent(&gStopThread, IO_NO_INCREMENT, FALSE);
	Status = KeWaitForSingleObject(Thread, Executive, KernelMode, FALSE, NULL);
	Check(Status == STATUS_SUCCESS, "waiting without timeout returns when the thread ends");
	Status = KeWaitForSingleObject(Thread, Executive, KernelMode, FALSE, &Zero);
	Check(Status == STATUS_SUCCESS, "the ended thread's object stays signaled");
	Check(ObReferenceObject(Thread) == 2 && ObDereferenceObject(Thread) == 1,
	      "ObReferenceObject/ObDereferenceObject count the references");
	ObDereferenceObject(Thread);

	/* Waiting after the thread is gone returns at once. */
	Status = StartThread(QuickThread, &Quick, &Thread);
	if (NT_SUCCESS(Status)) {
		for (i = 0; i < 100 && !READ_ONCE(Quick); i++)
			msleep(10);
		msleep(50);
		Status = WaitMs(Thread, 1);
		Check(Status == STATUS_SUCCESS && Quick == 1,
		      "a wait after the thread ended returns at once");
		ObDereferenceObject(Thread);
	} else {
		Check(FALSE, "start a short thread: %#x", Status);
	}

	/* PsTerminateSystemThread ends the thread where it is called. */
	Status = StartThread(TerminatingThread, NULL, &Thread);
	if (NT_SUCCESS(Status)) {
		Status = WaitMs(Thread, 5000);
		Check(Status == STATUS_SUCCESS && !gAfterTerminate,
		      "PsTerminateSystemThread ends the thread and signals it");
		ObDereferenceObject(Thread);
	} else {
		Check(FALSE, "start a terminating thread: %#x", Status);
	}
	Check(PsTerminateSystemThread(STATUS_SUCCESS) == STATUS_INVALID_PARAMETER,
	      "PsTerminateSystemThread outside a system thread: STATUS_INVALID_PARAMETER");

	/* Handles: the object type, closed and bogus handles. */
	InitializeObjectAttributes(&Attributes, NULL, OBJ_KERNEL_HANDLE, NULL, NULL);
	Status = PsCreateSystemThread(&Handle, SYNCHRONIZE, &Attributes, NULL,
				      NULL, QuickThread, &Quick);
	Check(NT_SUCCESS(Status), "PsCreateSystemThread with SYNCHRONIZE access");
	if (!NT_SUCCESS(Status))
		return;
	Status = ObReferenceObjectByHandle(Handle, SYNCHRONIZE, *PsThreadType,
					   KernelMode, &Thread, NULL);
	Check(NT_SUCCESS(Status), "ObReferenceObjectByHandle(*PsThreadType)");
	Status = ObReferenceObjectByHandle(Handle, SYNCHRONIZE,
					   (POBJECT_TYPE)&Quick, KernelMode,
					   &Other, NULL);
	Check(Status == STATUS_OBJECT_TYPE_MISMATCH && !Other,
	      "another object type: STATUS_OBJECT_TYPE_MISMATCH");
	Check(ZwClose(Handle) == STATUS_SUCCESS, "ZwClose");
	Check(ZwClose(Handle) == STATUS_INVALID_HANDLE,
	      "ZwClose of a closed handle: STATUS_INVALID_HANDLE");
	Status = ObReferenceObjectByHandle(Handle, SYNCHRONIZE, NULL, KernelMode,
					   &Other, NULL);
	Check(Status == STATUS_INVALID_HANDLE, "referencing a closed handle: STATUS_INVALID_HANDLE");
	Status = ObReferenceObjectByHandle((HANDLE)0x1234, SYNCHRONIZE, NULL,
					   KernelMode, &Other, NULL);
	Check(Status == STATUS_INVALID_HANDLE, "a made-up handle: STATUS_INVALID_HANDLE");
	Check(WaitMs(Thread, 5000) == STATUS_SUCCESS && Quick == 2,
	      "the object outlives its handle and is signaled at the end");
	ObDereferenceObject(Thread);
}

/* ------------------------------------------------------------------ */
/* Work items                                                          */
/* ------------------------------------------------------------------ */

static KEVENT gWorkDone;
static KEVENT gRelease;
static KIRQL gWorkIrql = 0xff;
static PDEVICE_OBJECT gWorkDevice;
static PVOID gWorkContext;
static PIO_WORKITEM gWorkItemSeen;

static IO_WORKITEM_ROUTINE WorkRoutine;
static VOID NTAPI WorkRoutine(PDEVICE_OBJECT DeviceObject, PVOID Context)
{
	gWorkIrql = KeGetCurrentIrql();
	gWorkDevice = DeviceObject;
	gWorkContext = Context;
	KeSetEvent(&gWorkDone, IO_NO_INCREMENT, FALSE);
}

/* Frees its own item, as drivers commonly do. */
static IO_WORKITEM_ROUTINE_EX WorkRoutineEx;
static VOID NTAPI WorkRoutineEx(PVOID IoObject, PVOID Context,
				PIO_WORKITEM IoWorkItem)
{
	gWorkDevice = IoObject;
	gWorkContext = Context;
	gWorkItemSeen = IoWorkItem;
	IoFreeWorkItem(IoWorkItem);
	KeSetEvent(&gWorkDone, IO_NO_INCREMENT, FALSE);
}

static IO_WORKITEM_ROUTINE BlockingRoutine;
static VOID NTAPI BlockingRoutine(PDEVICE_OBJECT DeviceObject, PVOID Context)
{
	UNREFERENCED_PARAMETER(DeviceObject);
	KeSetEvent(&gWorkDone, IO_NO_INCREMENT, FALSE);
	KeWaitForSingleObject(&gRelease, Executive, KernelMode, FALSE, NULL);
	IoFreeWorkItem(Context);
}

static void TestWorkItems(void)
{
	PIO_WORKITEM Item, ItemEx;
	WORK_QUEUE_TYPE Queue = DelayedWorkQueue;
	int Base = module_refcount(THIS_MODULE);
	NTSTATUS Status;

	KeInitializeEvent(&gWorkDone, SynchronizationEvent, FALSE);
	KeInitializeEvent(&gRelease, NotificationEvent, FALSE);
	Check(IoAllocateWorkItem(NULL) == NULL, "IoAllocateWorkItem(NULL) fails");
	Item = IoAllocateWorkItem(gDevice);
	Check(Item != NULL, "IoAllocateWorkItem");
	if (!Item)
		return;
	IoQueueWorkItem(Item, WorkRoutine, DelayedWorkQueue, (PVOID)7);
	Status = WaitMs(&gWorkDone, 5000);
	Check(Status == STATUS_SUCCESS && gWorkIrql == PASSIVE_LEVEL &&
	      gWorkDevice == gDevice && gWorkContext == (PVOID)7,
	      "a DelayedWorkQueue item runs at PASSIVE_LEVEL with its device and context");
	Check(RefcountBecomes(Base), "the module is released after the routine");
	IoQueueWorkItem(Item, WorkRoutine, CriticalWorkQueue, (PVOID)8);
	Status = WaitMs(&gWorkDone, 5000);
	Check(Status == STATUS_SUCCESS && gWorkContext == (PVOID)8,
	      "the same item queued again (CriticalWorkQueue) runs again");
	RefcountBecomes(Base);

	/* Pinned while running: the routine blocks until released. */
	IoQueueWorkItem(Item, BlockingRoutine, DelayedWorkQueue, Item);
	Status = WaitMs(&gWorkDone, 5000);
	Check(Status == STATUS_SUCCESS && module_refcount(THIS_MODULE) == Base + 1,
	      "a running work item holds its module (refcount %d, base %d)",
	      module_refcount(THIS_MODULE), Base);
	KeSetEvent(&gRelease, IO_NO_INCREMENT, FALSE);
	Check(RefcountBecomes(Base), "and releases it when its routine returns");

	ItemEx = IoAllocateWorkItem(gDevice);
	if (!ItemEx)
		return;
	IoQueueWorkItemEx(ItemEx, WorkRoutineEx, Queue, (PVOID)9);
	Status = WaitMs(&gWorkDone, 5000);
	Check(Status == STATUS_SUCCESS && gWorkDevice == gDevice &&
	      gWorkContext == (PVOID)9 && gWorkItemSeen == ItemEx,
	      "IoQueueWorkItemEx passes the item; the routine may free it");
	Check(RefcountBecomes(Base), "no reference is left behind");
}

/* Written from the script: queue an item that blocks until released. */
static ssize_t hold_write(struct file *f, const char __user *buf, size_t n,
			  loff_t *pos)
{
	PIO_WORKITEM Item = IoAllocateWorkItem(gDevice);

	if (!Item)
		return -ENOMEM;
	KeClearEvent(&gRelease);
	IoQueueWorkItem(Item, BlockingRoutine, DelayedWorkQueue, Item);
	return n;
}

static ssize_t release_write(struct file *f, const char __user *buf, size_t n,
			     loff_t *pos)
{
	KeSetEvent(&gRelease, IO_NO_INCREMENT, FALSE);
	return n;
}

static const struct file_operations hold_fops = {
	.owner = THIS_MODULE,
	.write = hold_write,
};

static const struct file_operations release_fops = {
	.owner = THIS_MODULE,
	.write = release_write,
};

/* ------------------------------------------------------------------ */
/* DPCs                                                                */
/* ------------------------------------------------------------------ */

static KDPC gDpc;
static KEVENT gDpcDone;
static volatile LONG gDpcRuns;
static KIRQL gDpcIrql = 0xff;
static BOOLEAN gDpcBhOff;
static ULONG gDpcCpu;
static PVOID gDpcArgs[3];
static KSPIN_LOCK gDpcLock;

static KDEFERRED_ROUTINE DpcRoutine;
static VOID NTAPI DpcRoutine(PKDPC Dpc, PVOID Context, PVOID Arg1, PVOID Arg2)
{
	UNREFERENCED_PARAMETER(Dpc);
	gDpcIrql = KeGetCurrentIrql();
	gDpcBhOff = in_softirq() != 0;
	gDpcCpu = KeGetCurrentProcessorNumber();
	/* DISPATCH_LEVEL: the AtDpcLevel lock forms are allowed here. */
	KeAcquireSpinLockAtDpcLevel(&gDpcLock);
	gDpcArgs[0] = Context;
	gDpcArgs[1] = Arg1;
	gDpcArgs[2] = Arg2;
	KeReleaseSpinLockFromDpcLevel(&gDpcLock);
	InterlockedIncrement(&gDpcRuns);
	KeSetEvent(&gDpcDone, IO_NO_INCREMENT, FALSE);
}

static void TestDpcs(void)
{
	int Base = module_refcount(THIS_MODULE);
	BOOLEAN First, Second, Removed, Again;
	LONG Runs;
	int Held, Cpu, Target;

	KeInitializeSpinLock(&gDpcLock);
	KeInitializeEvent(&gDpcDone, SynchronizationEvent, FALSE);
	KeInitializeDpc(&gDpc, DpcRoutine, (PVOID)11);

	/*
	 * With bottom halves off on this CPU, the DPC queued to this CPU
	 * cannot run yet: queued, not running.
	 */
	local_bh_disable();
	Cpu = smp_processor_id();
	First = KeInsertQueueDpc(&gDpc, (PVOID)12, (PVOID)13);
	Second = KeInsertQueueDpc(&gDpc, (PVOID)14, (PVOID)15);
	Held = module_refcount(THIS_MODULE);
	local_bh_enable();
	Check(First && !Second, "KeInsertQueueDpc: TRUE, then FALSE while queued");
	Check(Held == Base + 1, "a queued DPC holds its module (refcount %d, base %d)",
	      Held, Base);
	Check(WaitMs(&gDpcDone, 5000) == STATUS_SUCCESS, "the DPC runs");
	Check(gDpcIrql == DISPATCH_LEVEL && gDpcBhOff,
	      "its routine runs at DISPATCH_LEVEL, bottom halves off (IRQL %u)", gDpcIrql);
	Check(gDpcCpu == Cpu, "on the CPU it was queued on (%u, %d)", gDpcCpu, Cpu);
	Check(gDpcArgs[0] == (PVOID)11 && gDpcArgs[1] == (PVOID)12 &&
	      gDpcArgs[2] == (PVOID)13,
	      "with its context and the first insertion's arguments");
	Check(RefcountBecomes(Base), "and releases its module after running");
	msleep(20);
	Check(gDpcRuns == 1, "once per successful insertion (%d)", gDpcRuns);

	/* Removal before it runs. */
	local_bh_disable();
	First = KeInsertQueueDpc(&gDpc, NULL, NULL);
	Removed = KeRemoveQueueDpc(&gDpc);
	Again = KeRemoveQueueDpc(&gDpc);
	Held = module_refcount(THIS_MODULE);
	local_bh_enable();
	Runs = gDpcRuns;
	msleep(50);
	Check(First && Removed && !Again && Held == Base && gDpcRuns == Runs,
	      "KeRemoveQueueDpc: TRUE for a queued DPC, which then never runs; FALSE after");

	/* A target processor. */
	Target = cpumask_last(cpu_online_mask);
	KeSetTargetProcessorDpc(&gDpc, (CCHAR)Target);
	Check(KeInsertQueueDpc(&gDpc, NULL, NULL), "insert a DPC targeted at CPU %d", Target);
	KeFlushQueuedDpcs();
	Check(gDpcRuns == Runs + 1 && gDpcCpu == Target,
	      "KeFlushQueuedDpcs returns after it ran, on the target CPU (%u)", gDpcCpu);
	KeWaitForSingleObject(&gDpcDone, Executive, KernelMode, FALSE, NULL);
	RefcountBecomes(Base);

	/* Threaded DPCs and importance: accepted, and run as ordinary DPCs. */
	KeInitializeThreadedDpc(&gDpc, DpcRoutine, (PVOID)13);
	KeSetImportanceDpc(&gDpc, HighImportance);
	Runs = gDpcRuns;
	Check(KeInsertQueueDpc(&gDpc, (PVOID)14, NULL), "insert a threaded DPC of high importance");
	Check(WaitMs(&gDpcDone, 5000) == STATUS_SUCCESS && gDpcRuns == Runs + 1 &&
	      gDpcArgs[0] == (PVOID)13 && gDpcArgs[1] == (PVOID)14 && gDpcIrql == DISPATCH_LEVEL,
	      "it runs once at DISPATCH_LEVEL with its context and arguments");
	RefcountBecomes(Base);
}

/* ------------------------------------------------------------------ */
/* RtlIpv4/6StringToAddress                                            */
/* ------------------------------------------------------------------ */

struct Ipv4Case {
	const WCHAR *S;
	BOOLEAN Strict;
	NTSTATUS Status;
	UINT8 Addr[4];
	int End;		/* index *Terminator points to */
};

static const struct Ipv4Case gIpv4Cases[] = {
	{ L"192.168.1.10", TRUE, STATUS_SUCCESS, { 192, 168, 1, 10 }, 12 },
	{ L"0.0.0.0", TRUE, STATUS_SUCCESS, { 0, 0, 0, 0 }, 7 },
	{ L"255.255.255.255", TRUE, STATUS_SUCCESS, { 255, 255, 255, 255 }, 15 },
	{ L"10.1.2.3:80", TRUE, STATUS_SUCCESS, { 10, 1, 2, 3 }, 8 },
	{ L"10.1.2.3 x", TRUE, STATUS_SUCCESS, { 10, 1, 2, 3 }, 8 },
	{ L"1.2.3", TRUE, STATUS_INVALID_PARAMETER, { 0 }, -1 },
	{ L"1.2.3.256", TRUE, STATUS_INVALID_PARAMETER, { 0 }, -1 },
	{ L"1.2.3.4.5", TRUE, STATUS_INVALID_PARAMETER, { 0 }, -1 },
	{ L"1.2.3.", TRUE, STATUS_INVALID_PARAMETER, { 0 }, -1 },
	{ L"01.2.3.4", TRUE, STATUS_INVALID_PARAMETER, { 0 }, -1 },
	{ L"0x1.2.3.4", TRUE, STATUS_INVALID_PARAMETER, { 0 }, -1 },
	{ L"", TRUE, STATUS_INVALID_PARAMETER, { 0 }, 0 },
	{ L" 1.2.3.4", TRUE, STATUS_INVALID_PARAMETER, { 0 }, 0 },
	{ L"a.b.c.d", FALSE, STATUS_INVALID_PARAMETER, { 0 }, 0 },
	{ L"0x7f.1", FALSE, STATUS_SUCCESS, { 127, 0, 0, 1 }, 6 },
	{ L"010.0.0.1", FALSE, STATUS_SUCCESS, { 8, 0, 0, 1 }, 9 },
	{ L"127.1", FALSE, STATUS_SUCCESS, { 127, 0, 0, 1 }, 5 },
	{ L"1.2.65535", FALSE, STATUS_SUCCESS, { 1, 2, 255, 255 }, 9 },
	{ L"3232235786", FALSE, STATUS_SUCCESS, { 192, 168, 1, 10 }, 10 },
	{ L"1.2.65536", FALSE, STATUS_INVALID_PARAMETER, { 0 }, -1 },
	{ L"4294967296", FALSE, STATUS_INVALID_PARAMETER, { 0 }, -1 },
};

struct Ipv6Case {
	const WCHAR *S;
	NTSTATUS Status;
	UINT8 Addr[16];
	int End;
};

static const struct Ipv6Case gIpv6Cases[] = {
	{ L"::", STATUS_SUCCESS, { 0 }, 2 },
	{ L"::1", STATUS_SUCCESS, { [15] = 1 }, 3 },
	{ L"2001:db8::8:800:200c:417a", STATUS_SUCCESS,
	  { 0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 8, 8, 0, 0x20, 0x0c, 0x41, 0x7a }, 25 },
	{ L"1:2:3:4:5:6:7:8", STATUS_SUCCESS,
	  { 0, 1, 0, 2, 0, 3, 0, 4, 0, 5, 0, 6, 0, 7, 0, 8 }, 15 },
	{ L"FE80::1%4", STATUS_SUCCESS, { 0xfe, 0x80, [15] = 1 }, 7 },
	{ L"::ffff:192.168.1.10", STATUS_SUCCESS,
	  { [10] = 0xff, [11] = 0xff, [12] = 192, [13] = 168, [14] = 1, [15] = 10 }, 19 },
	{ L"1:2:3:4:5:6:7::", STATUS_SUCCESS,
	  { 0, 1, 0, 2, 0, 3, 0, 4, 0, 5, 0, 6, 0, 7, 0, 0 }, 15 },
	{ L"1::2::3", STATUS_INVALID_PARAMETER, { 0 }, -1 },
	{ L"12345::", STATUS_INVALID_PARAMETER, { 0 }, -1 },
	{ L":1::", STATUS_INVALID_PARAMETER, { 0 }, -1 },
	{ L"1:2:3:4:5:6:7", STATUS_INVALID_PARAMETER, { 0 }, -1 },
	{ L"1:2:3:4:5:6:7:8:9", STATUS_INVALID_PARAMETER, { 0 }, -1 },
	{ L"1:2:3:4:5:6:7:8::", STATUS_INVALID_PARAMETER, { 0 }, -1 },
	{ L"1:", STATUS_INVALID_PARAMETER, { 0 }, -1 },
	{ L"1.2.3.4", STATUS_INVALID_PARAMETER, { 0 }, -1 },
	{ L"::1.2.3.256", STATUS_INVALID_PARAMETER, { 0 }, -1 },
	{ L"1:2:3:4:5:6:7:1.2.3.4", STATUS_INVALID_PARAMETER, { 0 }, -1 },
	{ L"g::", STATUS_INVALID_PARAMETER, { 0 }, 0 },
	{ L"", STATUS_INVALID_PARAMETER, { 0 }, 0 },
};

static void TestIpStrings(void)
{
	const WCHAR *Term;
	const CHAR *TermA;
	IN6_ADDR Addr6;
	IN_ADDR Addr;
	NTSTATUS Status;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(gIpv4Cases); i++) {
		const struct Ipv4Case *c = &gIpv4Cases[i];

		Term = NULL;
		Status = RtlIpv4StringToAddressW(c->S, c->Strict, &Term, &Addr);
		Check(Status == c->Status &&
		      (!NT_SUCCESS(Status) || !memcmp(&Addr, c->Addr, 4)) &&
		      Term && (c->End < 0 || Term == c->S + c->End),
		      "RtlIpv4StringToAddressW case %zu (strict %u): %#x, terminator at %td",
		      i, c->Strict, Status, Term ? Term - c->S : -1);
	}
	for (i = 0; i < ARRAY_SIZE(gIpv6Cases); i++) {
		const struct Ipv6Case *c = &gIpv6Cases[i];

		Term = NULL;
		Status = RtlIpv6StringToAddressW(c->S, &Term, &Addr6);
		Check(Status == c->Status &&
		      (!NT_SUCCESS(Status) || !memcmp(&Addr6, c->Addr, 16)) &&
		      Term && (c->End < 0 || Term == c->S + c->End),
		      "RtlIpv6StringToAddressW case %zu: %#x, terminator at %td",
		      i, Status, Term ? Term - c->S : -1);
	}
	Status = RtlIpv4StringToAddressA("10.20.30.40/8", TRUE, &TermA, &Addr);
	Check(Status == STATUS_SUCCESS && Addr.S_un.S_un_b.s_b4 == 40 &&
	      *TermA == '/', "RtlIpv4StringToAddressA, terminator at '/'");
	Status = RtlIpv6StringToAddressA("fe80::abcd]:80", &TermA, &Addr6);
	Check(Status == STATUS_SUCCESS && Addr6.u.Byte[14] == 0xab &&
	      *TermA == ']', "RtlIpv6StringToAddressA, terminator at ']'");
	Check(RtlIpv4StringToAddressA(NULL, TRUE, &TermA, &Addr) ==
	      STATUS_INVALID_PARAMETER, "a NULL string: STATUS_INVALID_PARAMETER");
}

/* ------------------------------------------------------------------ */
/* Driver object, device, parameters                                   */
/* ------------------------------------------------------------------ */

/* A UNICODE_STRING equal to an ASCII C string. */
static BOOLEAN UnicodeIs(PCUNICODE_STRING U, const char *A)
{
	size_t i, n = strlen(A);

	if (U->Length != n * sizeof(WCHAR))
		return FALSE;
	for (i = 0; i < n; i++)
		if (U->Buffer[i] != (UCHAR)A[i])
			return FALSE;
	return TRUE;
}

static void TestParameters(PDRIVER_OBJECT DriverObject)
{
	DECLARE_CONST_UNICODE_STRING(Block, L"blocktraffic");
	DECLARE_CONST_UNICODE_STRING(RatioName, L"Ratio");
	DECLARE_CONST_UNICODE_STRING(VerboseName, L"Verbose");
	DECLARE_CONST_UNICODE_STRING(LabelName, L"Label");
	DECLARE_CONST_UNICODE_STRING(Missing, L"Missing");
	ULONG Value = 0;
	NTSTATUS Status;
	WDFKEY Key;

	Status = NfwfpQueryParameterULong(DriverObject, &Block, &Value);
	Check(Status == STATUS_SUCCESS && Value == BlockTraffic,
	      "Parameters\\BlockTraffic is the module parameter, any case (%u)", Value);
	Status = NfwfpQueryParameterULong(DriverObject, &RatioName, &Value);
	Check(Status == STATUS_SUCCESS && Value == (ULONG)Ratio,
	      "an int parameter reads as its 32-bit pattern (%#x)", Value);
	Status = NfwfpQueryParameterULong(DriverObject, &VerboseName, &Value);
	Check(Status == STATUS_SUCCESS && Value == 1, "a bool parameter reads as 1");
	Status = NfwfpQueryParameterULong(DriverObject, &LabelName, &Value);
	Check(Status == STATUS_OBJECT_TYPE_MISMATCH,
	      "a string parameter: STATUS_OBJECT_TYPE_MISMATCH");
	Status = NfwfpQueryParameterULong(DriverObject, &Missing, &Value);
	Check(Status == STATUS_OBJECT_NAME_NOT_FOUND,
	      "no such parameter: STATUS_OBJECT_NAME_NOT_FOUND");

	/* The WDF form over the same values. */
	Status = NfwfpOpenParametersKey(DriverObject, &Key);
	Check(Status == STATUS_SUCCESS, "NfwfpOpenParametersKey");
	if (NT_SUCCESS(Status)) {
		Value = 0;
		Status = WdfRegistryQueryULong(Key, &Block, &Value);
		Check(Status == STATUS_SUCCESS && Value == BlockTraffic,
		      "WdfRegistryQueryULong reads the same parameter (%u)", Value);
		WdfRegistryClose(Key);
	}
}

/* ------------------------------------------------------------------ */
/* FwpsCalloutRegister1/2: the other structure versions                */
/* ------------------------------------------------------------------ */

/* Registered without a filter: WFP never calls them. */
static VOID NTAPI Classify1(const FWPS_INCOMING_VALUES0 *InFixedValues,
			    const FWPS_INCOMING_METADATA_VALUES0 *InMetaValues,
			    void *LayerData, const void *ClassifyContext,
			    const FWPS_FILTER1 *Filter, UINT64 FlowContext,
			    FWPS_CLASSIFY_OUT0 *ClassifyOut)
{
	ClassifyOut->actionType = FWP_ACTION_CONTINUE;
}

static NTSTATUS NTAPI Notify1(FWPS_CALLOUT_NOTIFY_TYPE NotifyType, const GUID *FilterKey,
			      FWPS_FILTER1 *Filter)
{
	return STATUS_SUCCESS;
}

static VOID NTAPI Classify2(const FWPS_INCOMING_VALUES0 *InFixedValues,
			    const FWPS_INCOMING_METADATA_VALUES0 *InMetaValues,
			    void *LayerData, const void *ClassifyContext,
			    const FWPS_FILTER2 *Filter, UINT64 FlowContext,
			    FWPS_CLASSIFY_OUT0 *ClassifyOut)
{
	ClassifyOut->actionType = FWP_ACTION_CONTINUE;
}

static NTSTATUS NTAPI Notify2(FWPS_CALLOUT_NOTIFY_TYPE NotifyType, const GUID *FilterKey,
			      FWPS_FILTER2 *Filter)
{
	return STATUS_SUCCESS;
}

static void TestCalloutVersions(void)
{
	FWPS_CALLOUT1 C1 = { .calloutKey = gCalloutKey, .classifyFn = Classify1,
			     .notifyFn = Notify1 };
	FWPS_CALLOUT2 C2 = { .calloutKey = gCalloutKey, .classifyFn = Classify2,
			     .notifyFn = Notify2 };
	UINT32 Id1 = 0, Id2 = 0;
	NTSTATUS S1, S2;

	C1.calloutKey.Data1 ^= 1;
	C2.calloutKey.Data1 ^= 2;
	S1 = FwpsCalloutRegister1(gDevice, &C1, &Id1);
	S2 = FwpsCalloutRegister2(gDevice, &C2, &Id2);
	Check(S1 == STATUS_SUCCESS && S2 == STATUS_SUCCESS && Id1 && Id2 && Id1 != Id2 &&
	      Id1 != gCalloutId && Id2 != gCalloutId,
	      "FwpsCalloutRegister1 / FwpsCalloutRegister2: own run-time ids (%u, %u; %#x, %#x)",
	      Id1, Id2, S1, S2);
	Check(FwpsCalloutRegister1(gDevice, &C1, NULL) == STATUS_FWP_ALREADY_EXISTS,
	      "FwpsCalloutRegister1 of a registered key: STATUS_FWP_ALREADY_EXISTS");
	Check((!Id1 || FwpsCalloutUnregisterById0(Id1) == STATUS_SUCCESS) &&
	      (!Id2 || FwpsCalloutUnregisterByKey0(&C2.calloutKey) == STATUS_SUCCESS),
	      "and unregister (by id, by key)");
}

static NTSTATUS CreateDevice(PDRIVER_OBJECT DriverObject)
{
	NTSTATUS Status;
	UCHAR *Ext;
	ULONG i;
	BOOLEAN Zero = TRUE;

	Status = IoCreateDevice(DriverObject, 64, NULL, FILE_DEVICE_NETWORK,
				FILE_DEVICE_SECURE_OPEN, FALSE, &gDevice);
	Check(NT_SUCCESS(Status), "IoCreateDevice");
	if (!NT_SUCCESS(Status))
		return Status;
	Ext = gDevice->DeviceExtension;
	for (i = 0; i < 64; i++)
		Zero &= Ext[i] == 0;
	Check(Ext && Zero, "the device extension is zeroed");
	Check(gDevice->DriverObject == DriverObject &&
	      DriverObject->DeviceObject == gDevice &&
	      gDevice->DeviceType == FILE_DEVICE_NETWORK,
	      "the device is linked to its driver object");
	gDevice->Flags &= ~DO_DEVICE_INITIALIZING;
	return STATUS_SUCCESS;
}

static int results_show(struct seq_file *m, void *v)
{
	seq_write(m, gOut, gOutLen);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(results);

static DRIVER_UNLOAD DriverUnload;
static VOID NTAPI DriverUnload(PDRIVER_OBJECT DriverObject)
{
	debugfs_remove_recursive(gDir);
	if (!leak)
		FwpsCalloutUnregisterById0(gCalloutId);
	IoDeleteDevice(gDevice);
	DbgPrint("nfwfp_test_wdk_driver: DriverUnload ran, device list %s\n",
		 DriverObject->DeviceObject ? "not empty" : "empty");
	kfree(gOut);
}

static DRIVER_INITIALIZE DriverEntry;
static NTSTATUS NTAPI DriverEntry(PDRIVER_OBJECT DriverObject,
				  PUNICODE_STRING RegistryPath)
{
	FWPS_CALLOUT0 Callout = { 0 };
	NTSTATUS Status;

	/* As Microsoft's samples start DriverEntry (a no-op here). */
	ExInitializeDriverRuntime(DrvRtPoolNxOptIn);
	gOut = kzalloc(OUT_SIZE, GFP_KERNEL);
	if (!gOut)
		return STATUS_INSUFFICIENT_RESOURCES;
	Check(KeGetCurrentIrql() == PASSIVE_LEVEL, "DriverEntry runs at PASSIVE_LEVEL");
	Check(UnicodeIs(RegistryPath,
			"\\Registry\\Machine\\System\\CurrentControlSet\\Services\\nfwfp_test_wdk_driver"),
	      "DriverEntry's RegistryPath names the module's Services key");
	Check(UnicodeIs(&DriverObject->DriverName, "\\Driver\\nfwfp_test_wdk_driver"),
	      "the driver object's name is \\Driver\\<module>");
	Check(DriverObject->DeviceObject == NULL && DriverObject->DriverUnload == NULL,
	      "the driver object starts empty");
	Status = CreateDevice(DriverObject);
	if (!NT_SUCCESS(Status)) {
		kfree(gOut);
		return Status;
	}
	TestParameters(DriverObject);
	TestThreads();
	TestWorkItems();
	TestDpcs();
	TestIpStrings();

	Callout.calloutKey = gCalloutKey;
	Callout.classifyFn = NfwfpTestLibClassify;
	Callout.notifyFn = NfwfpTestLibNotify;
	Status = FwpsCalloutRegister0(gDevice, &Callout, &gCalloutId);
	Check(NT_SUCCESS(Status), "FwpsCalloutRegister0 with the IoCreateDevice device object");
	TestCalloutVersions();
	Check(FwpmBfeStateGet0() == FWPM_SERVICE_RUNNING,
	      "FwpmBfeStateGet0: FWPM_SERVICE_RUNNING while nfwfp is loaded");

	gDir = debugfs_create_dir("nfwfp_test_wdk_driver", NULL);
	debugfs_create_file("results", 0444, gDir, NULL, &results_fops);
	debugfs_create_file("hold", 0200, gDir, NULL, &hold_fops);
	debugfs_create_file("release", 0200, gDir, NULL, &release_fops);

	DriverObject->DriverUnload = DriverUnload;
	DbgPrint("nfwfp_test_wdk_driver: DriverEntry ran\n");
	return STATUS_SUCCESS;
}

NFWFP_DRIVER_ENTRY(DriverEntry);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("nfwfp test: a DriverEntry driver using nfwfp's WDK primitives");
