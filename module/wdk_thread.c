// SPDX-License-Identifier: GPL-2.0
/*
 * WDK system threads, their objects and handles: PsCreateSystemThread,
 * PsTerminateSystemThread, ObReferenceObjectByHandle, ObReferenceObject,
 * ObDereferenceObject, ZwClose.
 *
 * A thread object starts with a DISPATCHER_HEADER of Type ThreadObject, so
 * that the header-only KeWaitForSingleObject waits for it as for a
 * notification event: the thread's end signals it for good, under the wait
 * queue's lock, and wakes every waiter. References: one for the handle, one
 * for the running thread, one per ObReferenceObject*; the last put frees
 * the object, so waiting after the thread ended returns at once and
 * nothing outlives the last reference.
 *
 * The thread's code after its start routine is nfwfp's (the trampoline
 * below), so the driver may unload as soon as its wait returns. nfwfp
 * itself is pinned by every running thread and released by the thread's
 * last instruction (module_put_and_kthread_exit). Threads do not pin the
 * driver: its unload routine is what stops and waits for them, as on
 * Windows, and it could not run if they did.
 */
#include <linux/kthread.h>
#include <linux/module.h>
#include <linux/refcount.h>
#include <linux/slab.h>
#include <linux/xarray.h>

#include "wfp.h"

struct nfwfp_thread {
	DISPATCHER_HEADER header;	/* first: KeWaitForSingleObject's view */
	refcount_t ref;
	PKSTART_ROUTINE start;
	PVOID context;
	NTSTATUS exit_status;
};

/* What *PsThreadType points to; only its address matters. */
static struct { int unused; } nfwfp_thread_type;
static POBJECT_TYPE nfwfp_thread_type_ptr = (POBJECT_TYPE)&nfwfp_thread_type;
POBJECT_TYPE *PsThreadType = &nfwfp_thread_type_ptr;
EXPORT_SYMBOL_GPL(PsThreadType);

/*
 * Kernel handles: the index in nfwfp_handles, shifted by two and with the
 * sign bit set as Windows kernel handles have, so that NULL, small integers
 * and pointers are never valid handles.
 */
static DEFINE_XARRAY_ALLOC1(nfwfp_handles);
#define NFWFP_KERNEL_HANDLE_BIT	(1UL << 31)
#define NFWFP_HANDLE_MAX	(U32_MAX >> 3)

static HANDLE nfwfp_handle_encode(u32 id)
{
	return (HANDLE)(ULONG_PTR)(long)(int)(NFWFP_KERNEL_HANDLE_BIT | (id << 2));
}

static bool nfwfp_handle_decode(HANDLE h, u32 *id)
{
	ULONG_PTR v = (ULONG_PTR)h;

	if ((long)v != (long)(int)(v & U32_MAX) || !(v & NFWFP_KERNEL_HANDLE_BIT) ||
	    (v & 3))
		return false;
	*id = (v & ~NFWFP_KERNEL_HANDLE_BIT & U32_MAX) >> 2;
	return true;
}

static struct nfwfp_thread *nfwfp_thread_of(PVOID object)
{
	struct nfwfp_thread *t = object;

	if (WARN_ONCE(!t || t->header.Type != ThreadObject,
		      "nfwfp: %p is not a thread object\n", object))
		return NULL;
	return t;
}

static void nfwfp_thread_put(struct nfwfp_thread *t)
{
	if (refcount_dec_and_test(&t->ref))
		kfree(t);
}

static void nfwfp_thread_signal(struct nfwfp_thread *t, NTSTATUS status)
{
	wait_queue_head_t *wq = &t->header.WaitListHead;
	unsigned long flags;

	spin_lock_irqsave(&wq->lock, flags);
	t->exit_status = status;
	t->header.SignalState = 1;
	wake_up_all_locked(wq);
	spin_unlock_irqrestore(&wq->lock, flags);
}

static void __noreturn nfwfp_thread_end(struct nfwfp_thread *t, NTSTATUS status)
{
	nfwfp_thread_signal(t, status);
	nfwfp_thread_put(t);
	module_put_and_kthread_exit(0);
}

static int nfwfp_thread_main(void *data)
{
	struct nfwfp_thread *t = data;

	t->start(t->context);
	nfwfp_thread_end(t, STATUS_SUCCESS);
}

NTSTATUS NTAPI PsCreateSystemThread(PHANDLE ThreadHandle, ULONG DesiredAccess,
				    POBJECT_ATTRIBUTES ObjectAttributes,
				    HANDLE ProcessHandle, PCLIENT_ID ClientId,
				    PKSTART_ROUTINE StartRoutine,
				    PVOID StartContext)
{
	struct task_struct *task;
	struct nfwfp_thread *t;
	u32 id;
	int err;

	might_sleep();
	if (!ThreadHandle || !StartRoutine ||
	    (ProcessHandle && ProcessHandle != NtCurrentProcess()))
		return STATUS_INVALID_PARAMETER;
	t = kzalloc(sizeof(*t), GFP_KERNEL);
	if (!t)
		return STATUS_INSUFFICIENT_RESOURCES;
	t->header.Type = ThreadObject;
	init_waitqueue_head(&t->header.WaitListHead);
	refcount_set(&t->ref, 2);	/* the handle's and the thread's */
	t->start = StartRoutine;
	t->context = StartContext;
	t->exit_status = STATUS_PENDING;

	err = xa_alloc(&nfwfp_handles, &id, t, XA_LIMIT(1, NFWFP_HANDLE_MAX),
		       GFP_KERNEL);
	if (err) {
		kfree(t);
		return STATUS_INSUFFICIENT_RESOURCES;
	}
	__module_get(THIS_MODULE);	/* dropped by the thread's exit */
	task = kthread_create(nfwfp_thread_main, t, "%ps", StartRoutine);
	if (IS_ERR(task)) {
		module_put(THIS_MODULE);
		xa_erase(&nfwfp_handles, id);
		kfree(t);
		return STATUS_INSUFFICIENT_RESOURCES;
	}
	if (ClientId) {
		ClientId->UniqueProcess = NULL;
		ClientId->UniqueThread = (HANDLE)(ULONG_PTR)task_pid_nr(task);
	}
	*ThreadHandle = nfwfp_handle_encode(id);
	wake_up_process(task);
	return STATUS_SUCCESS;
}
EXPORT_SYMBOL_GPL(PsCreateSystemThread);

NTSTATUS NTAPI PsTerminateSystemThread(NTSTATUS ExitStatus)
{
	if (!(current->flags & PF_KTHREAD) ||
	    kthread_func(current) != nfwfp_thread_main)
		return STATUS_INVALID_PARAMETER;
	nfwfp_thread_end(kthread_data(current), ExitStatus);
}
EXPORT_SYMBOL_GPL(PsTerminateSystemThread);

NTSTATUS NTAPI ObReferenceObjectByHandle(HANDLE Handle, ACCESS_MASK DesiredAccess,
					 POBJECT_TYPE ObjectType,
					 KPROCESSOR_MODE AccessMode,
					 PVOID *Object,
					 POBJECT_HANDLE_INFORMATION HandleInformation)
{
	struct nfwfp_thread *t;
	u32 id;

	if (!Object)
		return STATUS_INVALID_PARAMETER;
	*Object = NULL;
	if (ObjectType && ObjectType != *PsThreadType)
		return STATUS_OBJECT_TYPE_MISMATCH;
	if (!nfwfp_handle_decode(Handle, &id))
		return STATUS_INVALID_HANDLE;
	/* ZwClose erases under the same lock before it drops its reference. */
	xa_lock(&nfwfp_handles);
	t = xa_load(&nfwfp_handles, id);
	if (t)
		refcount_inc(&t->ref);
	xa_unlock(&nfwfp_handles);
	if (!t)
		return STATUS_INVALID_HANDLE;
	if (HandleInformation) {
		HandleInformation->HandleAttributes = OBJ_KERNEL_HANDLE;
		HandleInformation->GrantedAccess = THREAD_ALL_ACCESS;
	}
	*Object = t;
	return STATUS_SUCCESS;
}
EXPORT_SYMBOL_GPL(ObReferenceObjectByHandle);

LONG_PTR NTAPI ObfReferenceObject(PVOID Object)
{
	struct nfwfp_thread *t = nfwfp_thread_of(Object);

	if (!t)
		return 0;
	refcount_inc(&t->ref);
	return refcount_read(&t->ref);
}
EXPORT_SYMBOL_GPL(ObfReferenceObject);

LONG_PTR NTAPI ObfDereferenceObject(PVOID Object)
{
	struct nfwfp_thread *t = nfwfp_thread_of(Object);
	LONG_PTR left;

	if (!t)
		return 0;
	left = refcount_read(&t->ref) - 1;
	nfwfp_thread_put(t);
	return left;
}
EXPORT_SYMBOL_GPL(ObfDereferenceObject);

NTSTATUS NTAPI ZwClose(HANDLE Handle)
{
	struct nfwfp_thread *t;
	u32 id;

	if (!nfwfp_handle_decode(Handle, &id))
		return STATUS_INVALID_HANDLE;
	t = xa_erase(&nfwfp_handles, id);
	if (!t)
		return STATUS_INVALID_HANDLE;
	nfwfp_thread_put(t);
	return STATUS_SUCCESS;
}
EXPORT_SYMBOL_GPL(ZwClose);
