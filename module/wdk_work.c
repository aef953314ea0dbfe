// SPDX-License-Identifier: GPL-2.0
/*
 * WDK work items (IoAllocateWorkItem, IoQueueWorkItem[Ex], IoFreeWorkItem)
 * and DPCs (KeInitializeDpc, KeInsertQueueDpc, KeRemoveQueueDpc,
 * KeSetTargetProcessorDpc, KeFlushQueuedDpcs).
 *
 * Both run a driver's routine later, from nfwfp's trampolines on nfwfp's
 * own workqueues. While a routine is queued or running, the module whose
 * code it is holds a reference (taken when it is queued, dropped by the
 * trampoline after the routine returns), so the driver cannot be unloaded
 * under it: rmmod answers "in use" until it has run. The trampolines are
 * nfwfp's code and nfwfp's workqueues are destroyed (drained) before nfwfp
 * goes, so nothing runs in freed code.
 *
 * DPCs run on a per-CPU high-priority workqueue, on the CPU they were
 * queued on (or their target), with bottom halves disabled: DISPATCH_LEVEL
 * as KeGetCurrentIrql reports it, no sleeping, no migration.
 */
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/workqueue.h>

#include "nfwfp.h"
#include "wfp.h"

static struct workqueue_struct *nfwfp_work_wq;
static struct workqueue_struct *nfwfp_work_hi_wq;
static struct workqueue_struct *nfwfp_dpc_wq;

/* The owner of a routine is pinned while it is queued or running. */
static struct module *nfwfp_pin_owner(const void *routine)
{
	struct module *owner = nfwfp_module_of(routine);

	/*
	 * Unconditional: the owner is queuing its own routine, so it is
	 * loaded; during its exit (a driver's unload waiting for its work)
	 * the reference only delays nothing, the driver waits itself.
	 */
	if (owner)
		__module_get(owner);
	return owner;
}

/* ------------------------------------------------------------------ */
/* Work items                                                          */
/* ------------------------------------------------------------------ */

struct _IO_WORKITEM {
	struct work_struct work;
	PDEVICE_OBJECT device;
	unsigned long queued;		/* bit 0: queued, not yet started */
	bool ex;
	void *routine;
	PVOID context;
	struct module *owner;
};

static void nfwfp_work_run(struct work_struct *work);

PIO_WORKITEM NTAPI IoAllocateWorkItem(PDEVICE_OBJECT DeviceObject)
{
	PIO_WORKITEM item;

	if (!DeviceObject)
		return NULL;
	item = kzalloc(sizeof(*item), KeGetCurrentIrql() > PASSIVE_LEVEL ?
		       GFP_ATOMIC : GFP_KERNEL);
	if (!item)
		return NULL;
	item->device = DeviceObject;
	INIT_WORK(&item->work, nfwfp_work_run);
	return item;
}
EXPORT_SYMBOL_GPL(IoAllocateWorkItem);

/* The item may be freed by its routine: copy what is needed after. */
static void nfwfp_work_run(struct work_struct *work)
{
	PIO_WORKITEM item = container_of(work, struct _IO_WORKITEM, work);
	struct module *owner = item->owner;
	PVOID context = item->context;
	void *routine = item->routine;

	/* Dequeued before the routine runs: it may queue its item again. */
	clear_bit(0, &item->queued);
	smp_mb__after_atomic();
	if (item->ex)
		((PIO_WORKITEM_ROUTINE_EX)routine)(item->device, context, item);
	else
		((PIO_WORKITEM_ROUTINE)routine)(item->device, context);
	module_put(owner);
}

static void nfwfp_work_queue(PIO_WORKITEM item, void *routine, bool ex,
			     WORK_QUEUE_TYPE type, PVOID context)
{
	struct workqueue_struct *wq;

	if (WARN_ONCE(test_and_set_bit(0, &item->queued),
		      "nfwfp: work item %p queued while still queued\n", item))
		return;
	item->routine = routine;
	item->ex = ex;
	item->context = context;
	item->owner = nfwfp_pin_owner(routine);
	switch (type) {
	case CriticalWorkQueue:
	case HyperCriticalWorkQueue:
	case RealTimeWorkQueue:
	case SuperCriticalWorkQueue:
		wq = nfwfp_work_hi_wq;
		break;
	default:
		wq = nfwfp_work_wq;
		break;
	}
	queue_work(wq, &item->work);
}

VOID NTAPI IoQueueWorkItem(PIO_WORKITEM IoWorkItem,
			   PIO_WORKITEM_ROUTINE WorkerRoutine,
			   WORK_QUEUE_TYPE QueueType, PVOID Context)
{
	nfwfp_work_queue(IoWorkItem, WorkerRoutine, false, QueueType, Context);
}
EXPORT_SYMBOL_GPL(IoQueueWorkItem);

VOID NTAPI IoQueueWorkItemEx(PIO_WORKITEM IoWorkItem,
			     PIO_WORKITEM_ROUTINE_EX WorkerRoutine,
			     WORK_QUEUE_TYPE QueueType, PVOID Context)
{
	nfwfp_work_queue(IoWorkItem, WorkerRoutine, true, QueueType, Context);
}
EXPORT_SYMBOL_GPL(IoQueueWorkItemEx);

/* Freeing a queued item is a driver bug: leak it rather than corrupt. */
VOID NTAPI IoFreeWorkItem(PIO_WORKITEM IoWorkItem)
{
	if (WARN_ONCE(test_bit(0, &IoWorkItem->queued),
		      "nfwfp: work item %p freed while queued\n", IoWorkItem))
		return;
	kfree(IoWorkItem);
}
EXPORT_SYMBOL_GPL(IoFreeWorkItem);

/* ------------------------------------------------------------------ */
/* DPCs                                                                */
/* ------------------------------------------------------------------ */

static void nfwfp_dpc_run(struct work_struct *work)
{
	PRKDPC dpc = container_of(work, KDPC, NfwfpWork);
	PKDEFERRED_ROUTINE routine;
	PVOID context, arg1, arg2;
	struct module *owner;
	unsigned long flags;

	/*
	 * Dequeue first, as Windows does: the routine may queue its DPC
	 * again, and KeRemoveQueueDpc on it from now on answers FALSE.
	 */
	spin_lock_irqsave(&dpc->NfwfpLock, flags);
	if (!dpc->NfwfpQueued) {
		spin_unlock_irqrestore(&dpc->NfwfpLock, flags);
		return;
	}
	dpc->NfwfpQueued = FALSE;
	routine = dpc->DeferredRoutine;
	context = dpc->DeferredContext;
	arg1 = dpc->SystemArgument1;
	arg2 = dpc->SystemArgument2;
	owner = dpc->NfwfpOwner;
	spin_unlock_irqrestore(&dpc->NfwfpLock, flags);

	local_bh_disable();
	routine(dpc, context, arg1, arg2);
	local_bh_enable();
	module_put(owner);
}

static void nfwfp_dpc_init(PRKDPC dpc, UCHAR type, PKDEFERRED_ROUTINE routine,
			   PVOID context)
{
	memset(dpc, 0, sizeof(*dpc));
	dpc->Type = type;
	dpc->Importance = MediumImportance;
	dpc->DeferredRoutine = routine;
	dpc->DeferredContext = context;
	INIT_WORK(&dpc->NfwfpWork, nfwfp_dpc_run);
	spin_lock_init(&dpc->NfwfpLock);
	/* An identity only; pinned at each KeInsertQueueDpc. */
	dpc->NfwfpOwner = nfwfp_module_of(routine);
}

VOID NTAPI KeInitializeDpc(PRKDPC Dpc, PKDEFERRED_ROUTINE DeferredRoutine,
			   PVOID DeferredContext)
{
	nfwfp_dpc_init(Dpc, DpcObject, DeferredRoutine, DeferredContext);
}
EXPORT_SYMBOL_GPL(KeInitializeDpc);

VOID NTAPI KeInitializeThreadedDpc(PRKDPC Dpc, PKDEFERRED_ROUTINE DeferredRoutine,
				   PVOID DeferredContext)
{
	nfwfp_dpc_init(Dpc, ThreadedDpcObject, DeferredRoutine, DeferredContext);
}
EXPORT_SYMBOL_GPL(KeInitializeThreadedDpc);

BOOLEAN NTAPI KeInsertQueueDpc(PRKDPC Dpc, PVOID SystemArgument1,
			       PVOID SystemArgument2)
{
	unsigned long flags;
	int cpu;

	spin_lock_irqsave(&Dpc->NfwfpLock, flags);
	if (Dpc->NfwfpQueued) {
		spin_unlock_irqrestore(&Dpc->NfwfpLock, flags);
		return FALSE;
	}
	Dpc->NfwfpQueued = TRUE;
	Dpc->SystemArgument1 = SystemArgument1;
	Dpc->SystemArgument2 = SystemArgument2;
	if (Dpc->NfwfpOwner)
		__module_get(Dpc->NfwfpOwner);
	/* Interrupts are off: this is the CPU the caller runs on. */
	cpu = Dpc->Number ? Dpc->Number - 1 : smp_processor_id();
	if (!cpu_online(cpu))
		cpu = smp_processor_id();
	/*
	 * If the previous run is still executing (it already dequeued),
	 * the work is requeued and runs again after it.
	 */
	queue_work_on(cpu, nfwfp_dpc_wq, &Dpc->NfwfpWork);
	spin_unlock_irqrestore(&Dpc->NfwfpLock, flags);
	return TRUE;
}
EXPORT_SYMBOL_GPL(KeInsertQueueDpc);

/*
 * TRUE only when the pending run was cancelled before it started: after
 * that nothing of nfwfp touches the KDPC again, and the driver may free it.
 */
BOOLEAN NTAPI KeRemoveQueueDpc(PRKDPC Dpc)
{
	struct module *owner = NULL;
	unsigned long flags;
	BOOLEAN removed = FALSE;

	spin_lock_irqsave(&Dpc->NfwfpLock, flags);
	if (Dpc->NfwfpQueued && cancel_work(&Dpc->NfwfpWork)) {
		Dpc->NfwfpQueued = FALSE;
		owner = Dpc->NfwfpOwner;
		removed = TRUE;
	}
	spin_unlock_irqrestore(&Dpc->NfwfpLock, flags);
	if (removed)
		module_put(owner);
	return removed;
}
EXPORT_SYMBOL_GPL(KeRemoveQueueDpc);

VOID NTAPI KeSetTargetProcessorDpc(PRKDPC Dpc, CCHAR Number)
{
	Dpc->Number = (USHORT)(UCHAR)Number + 1;
}
EXPORT_SYMBOL_GPL(KeSetTargetProcessorDpc);

VOID NTAPI KeSetImportanceDpc(PRKDPC Dpc, KDPC_IMPORTANCE Importance)
{
	Dpc->Importance = Importance;
}
EXPORT_SYMBOL_GPL(KeSetImportanceDpc);

VOID NTAPI KeFlushQueuedDpcs(void)
{
	might_sleep();
	flush_workqueue(nfwfp_dpc_wq);
}
EXPORT_SYMBOL_GPL(KeFlushQueuedDpcs);

int __init nfwfp_wdk_work_init(void)
{
	nfwfp_work_wq = alloc_workqueue("nfwfp_work", WQ_UNBOUND, 0);
	nfwfp_work_hi_wq = alloc_workqueue("nfwfp_work_hi",
					   WQ_UNBOUND | WQ_HIGHPRI, 0);
	nfwfp_dpc_wq = alloc_workqueue("nfwfp_dpc", WQ_HIGHPRI, 0);
	if (!nfwfp_work_wq || !nfwfp_work_hi_wq || !nfwfp_dpc_wq) {
		nfwfp_wdk_work_uninit();
		return -ENOMEM;
	}
	return 0;
}

void nfwfp_wdk_work_uninit(void)
{
	if (nfwfp_dpc_wq)
		destroy_workqueue(nfwfp_dpc_wq);
	if (nfwfp_work_hi_wq)
		destroy_workqueue(nfwfp_work_hi_wq);
	if (nfwfp_work_wq)
		destroy_workqueue(nfwfp_work_wq);
	nfwfp_dpc_wq = nfwfp_work_hi_wq = nfwfp_work_wq = NULL;
}
