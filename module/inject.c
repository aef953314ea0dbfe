// SPDX-License-Identifier: GPL-2.0
/*
 * Injection handles (FwpsInjectionHandleCreate0 / Destroy0) and what
 * happens to an accepted injection: a FIFO per handle, drained by that
 * handle's work item on a dedicated workqueue, so that the injections one
 * thread issues leave in the order it issued them even if it migrates
 * between CPUs (a work item never runs on two CPUs at once). Each request
 * is sent (xmit.c) with BH disabled and completed after local_bh_enable():
 * NET_BUFFER_LIST_STATUS gets the result, completionFn(context, nbl,
 * FALSE) runs exactly once, in process context.
 *
 * A handle is the callout's to destroy. Destroy marks it closing (new
 * injections get STATUS_FWP_INJECT_HANDLE_CLOSING) and waits until every
 * accepted injection has completed, i.e. until its completionFn has
 * returned: the callout may free its completion state right after.
 *
 * Bounds (DESIGN.md "Everything is bounded"): injections in flight per
 * handle and requests waiting for the worker overall are capped; past a
 * cap the call fails synchronously with STATUS_INSUFFICIENT_RESOURCES and
 * the caller keeps its NBL.
 */
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/hashtable.h>
#include <linux/workqueue.h>
#include <linux/wait.h>
#include <linux/mutex.h>
#include <linux/socket.h>
#include <linux/sort.h>

#include "nfwfp.h"
#include "engine.h"
#include "inject.h"
#include "nbl.h"
#include "trace.h"
#include "param.h"

static unsigned int nfwfp_inject_max_inflight = 4096;
module_param_cb(inject_max_inflight, &nfwfp_param_ops_positive,
		&nfwfp_inject_max_inflight, 0644);
MODULE_PARM_DESC(inject_max_inflight, "Injections in flight per handle (default 4096)");

static unsigned int nfwfp_inject_max_backlog = 65536;
module_param_cb(inject_max_backlog, &nfwfp_param_ops_positive,
		&nfwfp_inject_max_backlog, 0644);
MODULE_PARM_DESC(inject_max_backlog, "Injections waiting for the worker, all handles (default 65536)");

unsigned int nfwfp_inject_budget = 8;

static int nfwfp_param_set_budget(const char *val, const struct kernel_param *kp)
{
	return param_set_uint_minmax(val, kp, 1, NFWFP_INJ_HOPS_MAX);
}

static const struct kernel_param_ops nfwfp_param_ops_budget = {
	.set = nfwfp_param_set_budget,
	.get = param_get_uint,
};
module_param_cb(inject_budget, &nfwfp_param_ops_budget, &nfwfp_inject_budget, 0644);
MODULE_PARM_DESC(inject_budget, "Re-injections of one packet lineage before it is dropped (default 8, at most 16)");

struct nfwfp_inj_handle {
	struct hlist_node node;		/* nfwfp_handles, by address */
	u64 id;				/* never reused: injection histories */
	u16 family;			/* AF_UNSPEC, AF_INET, AF_INET6 (Linux) */
	u32 types;			/* FWPS_INJECTION_TYPE_* asked for */
	unsigned long owner_ip;		/* who created it: module unload */
	int cpu;			/* where its work runs: see nfwfp_inject_init */
	spinlock_t lock;		/* fifo, closing, outstanding */
	struct list_head fifo;
	bool closing;
	unsigned int outstanding;	/* accepted, completionFn not returned */
	wait_queue_head_t idle;
	struct work_struct work;
	atomic64_t requested, sent, failed, completed;
};

#define NFWFP_HANDLE_BITS 6
static DEFINE_HASHTABLE(nfwfp_handles, NFWFP_HANDLE_BITS);
static DEFINE_MUTEX(nfwfp_handles_mutex);	/* writers of nfwfp_handles */
static atomic64_t nfwfp_handle_seq;
static atomic_t nfwfp_backlog;
static struct workqueue_struct *nfwfp_inject_wq;
static atomic64_t nfwfp_inject_loops;
/*
 * Calls refused synchronously: the NBL stays the caller's, and a callout
 * that absorbed its packet usually drops it then. A drop nfwfp caused
 * must have a counter, even when the callout is the one that frees.
 */
static atomic64_t nfwfp_inject_refused;
/*
 * Transmits the qdisc answered with NET_XMIT_CN: this packet or another
 * was dropped there. Not a failure (net_xmit_eval() says so too), but the
 * drop may be this packet's, and a down device's noop qdisc drops every
 * packet that way and counts none of them.
 */
static atomic64_t nfwfp_inject_congested;

void nfwfp_inject_count_refused(void)
{
	atomic64_inc(&nfwfp_inject_refused);
}
/* Counters of destroyed handles, so that the totals never go down. */
static struct nfwfp_inject_stats nfwfp_retired;

/* The transport-capable handle at @handle; RCU read side. */
static struct nfwfp_inj_handle *nfwfp_handle_find(HANDLE handle)
{
	struct nfwfp_inj_handle *h;

	hash_for_each_possible_rcu(nfwfp_handles, h, node, (unsigned long)handle)
		if (h == handle)
			return h;
	return NULL;
}

u64 nfwfp_inject_handle_id(HANDLE handle)
{
	struct nfwfp_inj_handle *h;
	u64 id;

	rcu_read_lock();
	h = nfwfp_handle_find(handle);
	id = h ? h->id : 0;
	rcu_read_unlock();
	return id;
}

/*
 * Reserve one injection on @handle for a packet of @family: on success the
 * handle cannot go away until nfwfp_inject_unreserve() or the completion.
 */
NTSTATUS nfwfp_inject_reserve(HANDLE handle, u8 family,
			      struct nfwfp_inj_handle **hp)
{
	struct nfwfp_inj_handle *h;
	NTSTATUS st = STATUS_SUCCESS;

	rcu_read_lock();
	h = nfwfp_handle_find(handle);
	if (!h || (h->family != AF_UNSPEC && h->family != family)) {
		rcu_read_unlock();
		return STATUS_INVALID_PARAMETER;
	}
	spin_lock_bh(&h->lock);
	if (h->closing)
		st = STATUS_FWP_INJECT_HANDLE_CLOSING;
	else if (h->outstanding >= READ_ONCE(nfwfp_inject_max_inflight))
		st = STATUS_INSUFFICIENT_RESOURCES;
	else
		h->outstanding++;
	spin_unlock_bh(&h->lock);
	rcu_read_unlock();
	if (st == STATUS_SUCCESS)
		*hp = h;
	return st;
}

void nfwfp_inject_unreserve(struct nfwfp_inj_handle *h)
{
	spin_lock_bh(&h->lock);
	if (!--h->outstanding)
		wake_up_all(&h->idle);
	spin_unlock_bh(&h->lock);
}

u64 nfwfp_inject_id(const struct nfwfp_inj_handle *h)
{
	return h->id;
}

NTSTATUS nfwfp_inject_queue(struct nfwfp_inj_req *r)
{
	struct nfwfp_inj_handle *h = r->h;

	if (atomic_inc_return(&nfwfp_backlog) > READ_ONCE(nfwfp_inject_max_backlog)) {
		atomic_dec(&nfwfp_backlog);
		return STATUS_INSUFFICIENT_RESOURCES;
	}
	r->seq = atomic64_inc_return(&h->requested);
	/* Before it is queued: the worker may complete and free it at once. */
	trace_inject(h->id, r->seq, r->info.hops, STATUS_SUCCESS);
	spin_lock_bh(&h->lock);
	list_add_tail(&r->node, &h->fifo);
	spin_unlock_bh(&h->lock);
	queue_work_on(h->cpu, nfwfp_inject_wq, &h->work);
	return STATUS_SUCCESS;
}

void nfwfp_inject_req_free(struct nfwfp_inj_req *r)
{
	if (r->sk)
		sock_put(r->sk);
	if (r->net)
		put_net(r->net);
	nfwfp_origin_put(r->origin);
	kfree(r->hdr);
	kfree(r);
}

/*
 * The kernel's answer as an NTSTATUS for NET_BUFFER_LIST_STATUS. Windows
 * does not document its completion codes; these follow the names.
 */
static NTSTATUS nfwfp_errno_status(int err)
{
	switch (err) {
	case 0:
		return STATUS_SUCCESS;
	case -ENETUNREACH:
		return STATUS_NETWORK_UNREACHABLE;
	case -EHOSTUNREACH:
		return STATUS_HOST_UNREACHABLE;
	case -ENOMEM:
		return STATUS_NO_MEMORY;
	case -ENOBUFS:
		return STATUS_INSUFFICIENT_RESOURCES;
	case -EPERM:
	case -EACCES:
		return STATUS_ACCESS_DENIED;
	case -ENODEV:
	case -ENETDOWN:
	case -ENXIO:
		return STATUS_DEVICE_NOT_READY;
	case -ESHUTDOWN:
		return STATUS_FWP_TCPIP_NOT_READY;
	case -EINVAL:
	case -EMSGSIZE:
	case -EPROTO:
		return STATUS_INVALID_PARAMETER;
	case -ELOOP:
		return STATUS_FWP_DROP_NOICMP;
	default:
		return STATUS_UNSUCCESSFUL;
	}
}

static void nfwfp_inject_complete(struct nfwfp_inj_req *r, int err)
{
	struct nfwfp_inj_handle *h = r->h;
	NET_BUFFER_LIST *nbl = r->nbl;
	FWPS_INJECT_COMPLETE0 fn = r->fn;
	void *ctx = r->fn_ctx;
	NTSTATUS status;

	if (err == NET_XMIT_CN) {
		atomic64_inc(&nfwfp_inject_congested);
		err = 0;
	}
	status = nfwfp_errno_status(err);
	atomic64_inc(err ? &h->failed : &h->sent);
	if (err == -ELOOP)
		atomic64_inc(&nfwfp_inject_loops);
	if (err)
		trace_drop(err == -ELOOP ? NFWFP_DROP_LOOP : NFWFP_DROP_XMIT,
			   0, NULL, h->id, status);
	trace_complete(h->id, r->seq, status, err);
	nfwfp_inject_req_free(r);
	NET_BUFFER_LIST_STATUS(nbl) = status;
	/* The NBL is the callout's again from here; it may free it in fn. */
	nfwfp_nbl_inject_end(nbl);
	fn(ctx, nbl, FALSE);
	nfwfp_nbl_unpin(nbl);
	atomic64_inc(&h->completed);
	nfwfp_inject_unreserve(h);
}

/*
 * One run sends at most this many, then queues itself again behind the
 * other work of its CPU: a FIFO that a busy sender keeps filling would
 * otherwise hold the per-CPU pool for ever (cond_resched() yields the CPU,
 * not the pool), and work such as expedited RCU grace periods behind it
 * would starve.
 */
#define NFWFP_INJECT_BATCH	64

static void nfwfp_inject_work(struct work_struct *work)
{
	struct nfwfp_inj_handle *h = container_of(work, struct nfwfp_inj_handle, work);
	struct nfwfp_inj_req *r;
	unsigned int n;
	int err;

	for (n = 0; n < NFWFP_INJECT_BATCH; n++) {
		spin_lock_bh(&h->lock);
		r = list_first_entry_or_null(&h->fifo, struct nfwfp_inj_req, node);
		if (r)
			list_del(&r->node);
		spin_unlock_bh(&h->lock);
		if (!r)
			return;
		atomic_dec(&nfwfp_backlog);
		err = r->info.hops > min(nfwfp_inject_budget, NFWFP_INJ_HOPS_MAX) ?
		      -ELOOP : nfwfp_xmit(r);
		nfwfp_inject_complete(r, err);
		cond_resched();
	}
	/* More waiting: go on after the rest of this CPU's work. */
	spin_lock_bh(&h->lock);
	if (!list_empty(&h->fifo))
		queue_work_on(h->cpu, nfwfp_inject_wq, &h->work);
	spin_unlock_bh(&h->lock);
}

/* Round robin over the online CPUs (one going offline: its work moves). */
static int nfwfp_inject_pick_cpu(void)
{
	static atomic_t next;
	unsigned int n = (unsigned int)atomic_inc_return(&next) % num_online_cpus();
	int cpu;

	for_each_online_cpu(cpu)
		if (!n--)
			return cpu;
	return raw_smp_processor_id();
}

static u16 nfwfp_inject_family(ADDRESS_FAMILY af)
{
	switch (af) {
	case WS_AF_UNSPEC:
		return AF_UNSPEC;
	case WS_AF_INET:
		return AF_INET;
	case WS_AF_INET6:
	case AF_INET6:		/* Linux numbering from Linux-native callers */
		return AF_INET6;
	default:
		return AF_MAX;
	}
}

static NTSTATUS nfwfp_handle_create(ADDRESS_FAMILY addressFamily, UINT32 flags,
				    HANDLE *injectionHandle, unsigned long owner_ip)
{
	struct nfwfp_inj_handle *h;
	u16 family;

	if (!injectionHandle)
		return STATUS_INVALID_PARAMETER;
	*injectionHandle = NULL;
	family = nfwfp_inject_family(addressFamily);
	if (family == AF_MAX)
		return STATUS_INVALID_PARAMETER;
	/* 0 means transport, stream and forward; only transport exists here. */
	if (flags && !(flags & FWPS_INJECTION_TYPE_TRANSPORT))
		return STATUS_NOT_SUPPORTED;
	h = kzalloc(sizeof(*h), GFP_KERNEL);
	if (!h)
		return STATUS_NO_MEMORY;
	h->id = atomic64_inc_return(&nfwfp_handle_seq);
	h->family = family;
	h->types = flags;
	h->owner_ip = owner_ip;
	h->cpu = nfwfp_inject_pick_cpu();
	spin_lock_init(&h->lock);
	INIT_LIST_HEAD(&h->fifo);
	init_waitqueue_head(&h->idle);
	INIT_WORK(&h->work, nfwfp_inject_work);
	mutex_lock(&nfwfp_handles_mutex);
	hash_add_rcu(nfwfp_handles, &h->node, (unsigned long)h);
	mutex_unlock(&nfwfp_handles_mutex);
	*injectionHandle = h;
	return STATUS_SUCCESS;
}

NTSTATUS NTAPI FwpsInjectionHandleCreate0(ADDRESS_FAMILY addressFamily,
					  UINT32 flags, HANDLE *injectionHandle)
{
	NTSTATUS st;

	might_sleep();
	st = nfwfp_handle_create(addressFamily, flags, injectionHandle, _RET_IP_);
	if (st == STATUS_INVALID_PARAMETER)
		nfwfp_count_misuse("injection handle: invalid parameter");
	return st;
}
EXPORT_SYMBOL_GPL(FwpsInjectionHandleCreate0);

/* Closing: refuse new injections, wait for the accepted ones, unlist, free. */
static void nfwfp_handle_destroy(struct nfwfp_inj_handle *h)
{
	spin_lock_bh(&h->lock);
	h->closing = true;
	spin_unlock_bh(&h->lock);
	wait_event(h->idle, !READ_ONCE(h->outstanding));
	/* The worker may still be between its last completion and its exit. */
	flush_work(&h->work);
	mutex_lock(&nfwfp_handles_mutex);
	hash_del_rcu(&h->node);
	nfwfp_retired.requested += atomic64_read(&h->requested);
	nfwfp_retired.sent += atomic64_read(&h->sent);
	nfwfp_retired.failed += atomic64_read(&h->failed);
	nfwfp_retired.completed += atomic64_read(&h->completed);
	mutex_unlock(&nfwfp_handles_mutex);
	/* Lookups (reserve, query) run under RCU. */
	synchronize_rcu();
	kfree(h);
}

NTSTATUS NTAPI FwpsInjectionHandleDestroy0(HANDLE injectionHandle)
{
	struct nfwfp_inj_handle *h;
	bool first = false;

	might_sleep();
	rcu_read_lock();
	h = nfwfp_handle_find(injectionHandle);
	if (h && current_work() == &h->work) {
		/* From its own completionFn: waiting would wait for itself. */
		rcu_read_unlock();
		nfwfp_count_misuse("injection handle destroyed from its own completion");
		return STATUS_INVALID_DEVICE_STATE;
	}
	if (h) {
		/* A second, concurrent destroy of the same handle is misuse. */
		spin_lock_bh(&h->lock);
		first = !h->closing;
		h->closing = true;
		spin_unlock_bh(&h->lock);
	}
	rcu_read_unlock();
	if (!h || !first) {
		nfwfp_count_misuse("destroy of an injection handle that is none, or closing");
		return STATUS_INVALID_PARAMETER;
	}
	nfwfp_handle_destroy(h);
	return STATUS_SUCCESS;
}
EXPORT_SYMBOL_GPL(FwpsInjectionHandleDestroy0);

/* A callout module went without destroying its handles: do it for it. */
void nfwfp_inject_owner_gone(struct module *mod)
{
	struct nfwfp_inj_handle *h;
	unsigned int bkt;

	for (;;) {
		bool found = false;

		mutex_lock(&nfwfp_handles_mutex);
		hash_for_each(nfwfp_handles, bkt, h, node) {
			if (!within_module(h->owner_ip, mod))
				continue;
			spin_lock_bh(&h->lock);
			found = !h->closing;
			h->closing = true;
			spin_unlock_bh(&h->lock);
			if (found)
				break;
		}
		mutex_unlock(&nfwfp_handles_mutex);
		if (!found)
			break;
		nfwfp_count_misuse("injection handle left open by an unloading module");
		nfwfp_handle_destroy(h);
	}
}

void nfwfp_inject_get_stats(struct nfwfp_inject_stats *st)
{
	struct nfwfp_inj_handle *h;
	unsigned int bkt;

	mutex_lock(&nfwfp_handles_mutex);
	*st = nfwfp_retired;
	hash_for_each(nfwfp_handles, bkt, h, node) {
		st->handles++;
		st->requested += atomic64_read(&h->requested);
		st->sent += atomic64_read(&h->sent);
		st->failed += atomic64_read(&h->failed);
		st->completed += atomic64_read(&h->completed);
		st->outstanding += READ_ONCE(h->outstanding);
	}
	mutex_unlock(&nfwfp_handles_mutex);
	st->backlog = atomic_read(&nfwfp_backlog);
	st->loops = atomic64_read(&nfwfp_inject_loops);
	st->refused = atomic64_read(&nfwfp_inject_refused);
	st->congested = atomic64_read(&nfwfp_inject_congested);
}

void nfwfp_inject_get_limits(struct nfwfp_inject_limits *l)
{
	l->max_inflight = READ_ONCE(nfwfp_inject_max_inflight);
	l->max_backlog = READ_ONCE(nfwfp_inject_max_backlog);
	l->budget = READ_ONCE(nfwfp_inject_budget);
}

/* Checked by the caller; each limit is read once where it applies. */
void nfwfp_inject_set_limits(const struct nfwfp_inject_limits *l)
{
	WRITE_ONCE(nfwfp_inject_max_inflight, l->max_inflight);
	WRITE_ONCE(nfwfp_inject_max_backlog, l->max_backlog);
	WRITE_ONCE(nfwfp_inject_budget, l->budget);
}

static int nfwfp_handle_info_cmp(const void *a, const void *b)
{
	const struct nfwfp_handle_info *x = a, *y = b;

	return x->id < y->id ? -1 : x->id > y->id;
}

static void nfwfp_handle_info_fill(struct nfwfp_handle_info *hi,
				   struct nfwfp_inj_handle *h)
{
	hi->id = h->id;
	hi->family = h->family;
	hi->owner_ip = h->owner_ip;
	hi->requested = atomic64_read(&h->requested);
	hi->sent = atomic64_read(&h->sent);
	hi->failed = atomic64_read(&h->failed);
	hi->completed = atomic64_read(&h->completed);
	spin_lock_bh(&h->lock);
	hi->closing = h->closing;
	hi->outstanding = h->outstanding;
	spin_unlock_bh(&h->lock);
}

int nfwfp_inject_handles_snapshot(struct nfwfp_handle_info **out)
{
	struct nfwfp_handle_info *arr;
	struct nfwfp_inj_handle *h;
	unsigned int bkt;
	int n = 0;

	mutex_lock(&nfwfp_handles_mutex);
	hash_for_each(nfwfp_handles, bkt, h, node)
		n++;
	arr = kvmalloc_array(max(n, 1), sizeof(*arr), GFP_KERNEL);
	if (!arr) {
		mutex_unlock(&nfwfp_handles_mutex);
		return -ENOMEM;
	}
	n = 0;
	hash_for_each(nfwfp_handles, bkt, h, node)
		nfwfp_handle_info_fill(&arr[n++], h);
	mutex_unlock(&nfwfp_handles_mutex);
	sort(arr, n, sizeof(*arr), nfwfp_handle_info_cmp, NULL);
	*out = arr;
	return n;
}

/* Gauges (handles, outstanding, backlog) keep their values. */
void nfwfp_inject_reset_stats(void)
{
	struct nfwfp_inj_handle *h;
	unsigned int bkt;

	mutex_lock(&nfwfp_handles_mutex);
	memset(&nfwfp_retired, 0, sizeof(nfwfp_retired));
	hash_for_each(nfwfp_handles, bkt, h, node) {
		atomic64_set(&h->requested, 0);
		atomic64_set(&h->sent, 0);
		atomic64_set(&h->failed, 0);
		atomic64_set(&h->completed, 0);
	}
	atomic64_set(&nfwfp_inject_loops, 0);
	atomic64_set(&nfwfp_inject_refused, 0);
	atomic64_set(&nfwfp_inject_congested, 0);
	mutex_unlock(&nfwfp_handles_mutex);
}

/* Module parameters are set before init: nothing to be busy with then. */
bool nfwfp_inject_ready(void)
{
	return READ_ONCE(nfwfp_inject_wq);
}

int __init nfwfp_inject_init(void)
{
	/*
	 * Per CPU, each handle's work always on its own CPU: packets a handle
	 * sends from two CPUs can land in two CPUs' receive backlogs (veth,
	 * loopback) and be delivered out of order; from one CPU they keep
	 * the order they were injected in. Handles are spread over the CPUs.
	 * WQ_CPU_INTENSIVE: sending is long work that must not hold back the
	 * other work items of that CPU's pool (with the batch limit above).
	 * WQ_MEM_RECLAIM: completions must progress under memory pressure.
	 */
	nfwfp_inject_wq = alloc_workqueue("nfwfp_inject",
					  WQ_MEM_RECLAIM | WQ_CPU_INTENSIVE, 0);
	return nfwfp_inject_wq ? 0 : -ENOMEM;
}

/* Every dependent module is gone, so every handle is destroyed. */
void nfwfp_inject_uninit(void)
{
	destroy_workqueue(nfwfp_inject_wq);
}
