// SPDX-License-Identifier: GPL-2.0
/*
 * The injection API's contract, checked from a callout driver's seat: every
 * synchronous status of FwpsInjectionHandleCreate0/Destroy0 and
 * FwpsInjectTransportSendAsync0/1 that a caller can provoke, the completion
 * (once per NBL, in process context, with the status of the send), Destroy
 * waiting for outstanding injections and STATUS_FWP_INJECT_HANDLE_CLOSING
 * meanwhile. Packets are built from scratch (an allocated NBL with a UDP
 * header and payload, the IP header in headerIncludeHeader) and sent to a
 * kernel UDP socket on loopback in the initial namespace, which checks
 * they arrive.
 *
 * The checks run at load; /sys/kernel/debug/nfwfp_test_inject_api/results
 * has one "PASS desc" or "FAIL desc ..." line each. mode=1 checks the
 * per-handle in-flight cap (nfwfp's inject_max_inflight set to 1 first),
 * mode=2 the backlog cap (inject_max_backlog 0). mode=3 only prepares a
 * handle and a packet: each write to .../nomem injects it once from the
 * writing task, so that the fault injection of that task
 * (/proc/self/fail-nth) can make nfwfp's allocation fail; reading nomem
 * gives the last status and the completions so far.
 */
#include <linux/module.h>
#include <linux/debugfs.h>
#include <linux/seq_file.h>
#include <linux/completion.h>
#include <linux/kthread.h>
#include <linux/delay.h>
#include <linux/net.h>
#include <linux/in.h>
#include <linux/ip.h>
#include <linux/udp.h>
#include <net/net_namespace.h>
#include <net/sock.h>

#include <ntddk.h>
#include <ndis.h>
#include <fwpsk.h>

static int mode;
module_param(mode, int, 0444);

#define PORT		9911
#define PAYLOAD		"nfwfp-api"
#define OUT_SIZE	8192

static char *gOut;
static size_t gOutLen;
static struct dentry *gDir;
static NDIS_HANDLE gPool;
static struct socket *gSock;

static void Result(bool ok, const char *desc, NTSTATUS got, NTSTATUS want)
{
	if (ok)
		gOutLen += scnprintf(gOut + gOutLen, OUT_SIZE - gOutLen, "PASS %s\n", desc);
	else
		gOutLen += scnprintf(gOut + gOutLen, OUT_SIZE - gOutLen,
				     "FAIL %s (got %#x, want %#x)\n", desc, got, want);
}

/* Refusals for a bad argument: nfwfp must count each as misuse. */
static int gInvalid;

static void Check(const char *desc, NTSTATUS got, NTSTATUS want)
{
	if (got == STATUS_INVALID_PARAMETER)
		gInvalid++;
	Result(got == want, desc, got, want);
}

/* One packet from scratch: UDP header and payload; the IP header apart. */
typedef struct _TEST_PACKET {
	UINT8 data[sizeof(struct udphdr) + sizeof(PAYLOAD) - 1];
	struct iphdr ip;
	MDL *mdl;
	NET_BUFFER_LIST *nbl;
	FWPS_TRANSPORT_SEND_PARAMS1 args;
	UINT8 remote[4];
} TEST_PACKET;

static TEST_PACKET *NewPacket(__be32 dst)
{
	TEST_PACKET *p = kzalloc(sizeof(*p), GFP_KERNEL);
	struct udphdr *uh;

	if (!p)
		return NULL;
	uh = (struct udphdr *)p->data;
	uh->source = htons(40000);
	uh->dest = htons(PORT);
	uh->len = htons(sizeof(p->data));
	memcpy(p->data + sizeof(*uh), PAYLOAD, sizeof(PAYLOAD) - 1);
	p->ip.version = 4;
	p->ip.ihl = 5;
	p->ip.ttl = 64;
	p->ip.protocol = IPPROTO_UDP;
	p->ip.saddr = htonl(INADDR_LOOPBACK);
	p->ip.daddr = dst;
	memcpy(p->remote, &dst, 4);
	p->args.remoteAddress = p->remote;
	p->args.headerIncludeHeader = (UCHAR *)&p->ip;
	p->args.headerIncludeHeaderLength = sizeof(p->ip);
	p->mdl = IoAllocateMdl(p->data, sizeof(p->data), FALSE, FALSE, NULL);
	if (!p->mdl) {
		kfree(p);
		return NULL;
	}
	MmBuildMdlForNonPagedPool(p->mdl);
	if (!NT_SUCCESS(FwpsAllocateNetBufferAndNetBufferList0(gPool, 0, 0, p->mdl, 0,
							       sizeof(p->data), &p->nbl))) {
		IoFreeMdl(p->mdl);
		kfree(p);
		return NULL;
	}
	return p;
}

static void FreePacket(TEST_PACKET *p)
{
	FwpsFreeNetBufferList0(p->nbl);
	IoFreeMdl(p->mdl);
	kfree(p);
}

/* What the completions saw. */
static atomic_t gCompletions;
static atomic_t gBadContext;
static NTSTATUS gLastStatus;
static DECLARE_COMPLETION(gCompleted);
static DECLARE_COMPLETION(gGate);
static bool gGated;
static atomic_t gInGate;		/* completions waiting at the gate */
static HANDLE gSelfDestroy;		/* destroyed from its own completion */
static NTSTATUS gSelfDestroyStatus;

static void NTAPI Complete(void *context, NET_BUFFER_LIST *nbl, BOOLEAN dispatchLevel)
{
	TEST_PACKET *p = context;

	if (p->nbl != nbl || dispatchLevel || !in_task())
		atomic_inc(&gBadContext);
	if (READ_ONCE(gGated)) {
		atomic_inc(&gInGate);
		wait_for_completion(&gGate);
		atomic_dec(&gInGate);
	}
	if (gSelfDestroy)
		gSelfDestroyStatus = FwpsInjectionHandleDestroy0(gSelfDestroy);
	gLastStatus = NET_BUFFER_LIST_STATUS(nbl);
	atomic_inc(&gCompletions);
	complete(&gCompleted);
}

/* The completion has the WDK type of a completionFn (checked at build). */
static const FWPS_INJECT_COMPLETE0 gComplete = Complete;

static NTSTATUS Inject1(HANDLE h, TEST_PACKET *p, UINT64 endpoint)
{
	return FwpsInjectTransportSendAsync1(h, NULL, endpoint, 0, &p->args, AF_INET,
					     DEFAULT_COMPARTMENT_ID, p->nbl, gComplete, p);
}

/* Wait for one completion; false after 5 s. */
static bool WaitCompletion(void)
{
	return wait_for_completion_timeout(&gCompleted, 5 * HZ) != 0;
}

static bool Received(void)
{
	char buf[64];
	struct kvec iov = { buf, sizeof(buf) };
	struct msghdr msg = { .msg_flags = MSG_DONTWAIT };
	int i, n;

	for (i = 0; i < 50; i++) {
		n = kernel_recvmsg(gSock, &msg, &iov, 1, sizeof(buf), MSG_DONTWAIT);
		if (n >= 0)
			return n == sizeof(PAYLOAD) - 1 && !memcmp(buf, PAYLOAD, n);
		msleep(100);
	}
	return false;
}

static int OpenSocket(void)
{
	struct sockaddr_in a = {
		.sin_family = AF_INET,
		.sin_port = htons(PORT),
		.sin_addr.s_addr = htonl(INADDR_LOOPBACK),
	};
	int err;

	err = sock_create_kern(&init_net, AF_INET, SOCK_DGRAM, IPPROTO_UDP, &gSock);
	if (err)
		return err;
	return kernel_bind(gSock, (struct sockaddr *)&a, sizeof(a));
}

static void CheckHandles(void)
{
	HANDLE h = NULL;
	int stack;

	Check("handle: unknown address family", FwpsInjectionHandleCreate0(99, 0, &h),
	      STATUS_INVALID_PARAMETER);
	Check("handle: only unsupported types (NETWORK)",
	      FwpsInjectionHandleCreate0(AF_INET, FWPS_INJECTION_TYPE_NETWORK, &h),
	      STATUS_NOT_SUPPORTED);
	Check("handle: no output pointer", FwpsInjectionHandleCreate0(AF_INET, 0, NULL),
	      STATUS_INVALID_PARAMETER);
	Check("handle: NETWORK|TRANSPORT serves transport",
	      FwpsInjectionHandleCreate0(AF_INET, FWPS_INJECTION_TYPE_NETWORK |
					 FWPS_INJECTION_TYPE_TRANSPORT, &h), STATUS_SUCCESS);
	Check("handle: destroy", FwpsInjectionHandleDestroy0(h), STATUS_SUCCESS);
	Check("handle: destroy again (stale)", FwpsInjectionHandleDestroy0(h),
	      STATUS_INVALID_PARAMETER);
	Check("handle: destroy of something else", FwpsInjectionHandleDestroy0(&stack),
	      STATUS_INVALID_PARAMETER);
	Check("handle: AF_INET6, flags 0", FwpsInjectionHandleCreate0(AF_INET6, 0, &h),
	      STATUS_SUCCESS);
	FwpsInjectionHandleDestroy0(h);
}

static void CheckBadCalls(HANDLE h, HANDLE h6, TEST_PACKET *p, TEST_PACKET *q)
{
	FWPS_TRANSPORT_SEND_PARAMS1 args = p->args;
	UINT8 ctl[32] = { 0 };
	WSACMSGHDR *cm = (WSACMSGHDR *)ctl;

	Check("inject: flags not 0", FwpsInjectTransportSendAsync1(h, NULL, 0, 1, &p->args,
	      AF_INET, DEFAULT_COMPARTMENT_ID, p->nbl, Complete, p), STATUS_INVALID_PARAMETER);
	Check("inject: no completionFn", FwpsInjectTransportSendAsync1(h, NULL, 0, 0,
	      &p->args, AF_INET, DEFAULT_COMPARTMENT_ID, p->nbl, NULL, p),
	      STATUS_INVALID_PARAMETER);
	Check("inject: unknown address family", FwpsInjectTransportSendAsync1(h, NULL, 0, 0,
	      &p->args, 99, DEFAULT_COMPARTMENT_ID, p->nbl, Complete, p),
	      STATUS_INVALID_PARAMETER);
	Check("inject: no NBL", FwpsInjectTransportSendAsync1(h, NULL, 0, 0, &p->args,
	      AF_INET, DEFAULT_COMPARTMENT_ID, NULL, Complete, p), STATUS_INVALID_PARAMETER);
	p->nbl->Next = q->nbl;
	Check("inject: NBL chain", Inject1(h, p, 0), STATUS_INVALID_PARAMETER);
	p->nbl->Next = NULL;
	/* Two NBs in one NBL (q's lent for the call): one NB per NBL only. */
	p->nbl->FirstNetBuffer->Next = q->nbl->FirstNetBuffer;
	Check("inject: NB chain (two NBs in the NBL)", Inject1(h, p, 0),
	      STATUS_INVALID_PARAMETER);
	p->nbl->FirstNetBuffer->Next = NULL;
	Check("inject: IPv4 on an IPv6 handle", Inject1(h6, p, 0), STATUS_INVALID_PARAMETER);
	Check("inject: unknown compartment", FwpsInjectTransportSendAsync1(h, NULL, 0, 0,
	      &p->args, AF_INET, 0x7fffffff, p->nbl, Complete, p), STATUS_INVALID_PARAMETER);
	Check("inject: from scratch without header or endpoint",
	      FwpsInjectTransportSendAsync1(h, NULL, 0, 0, NULL, AF_INET,
					    DEFAULT_COMPARTMENT_ID, p->nbl, Complete, p),
	      STATUS_INVALID_PARAMETER);
	args.headerIncludeHeaderLength = 8;
	Check("inject: header-include header too short",
	      FwpsInjectTransportSendAsync1(h, NULL, 0, 0, &args, AF_INET,
					    DEFAULT_COMPARTMENT_ID, p->nbl, Complete, p),
	      STATUS_INVALID_PARAMETER);
	/* Refused by its length alone: nothing past the real 20 bytes is read. */
	args.headerIncludeHeaderLength = 0x10000;
	Check("inject: header-include header over 64 KiB",
	      FwpsInjectTransportSendAsync1(h, NULL, 0, 0, &args, AF_INET,
					    DEFAULT_COMPARTMENT_ID, p->nbl, Complete, p),
	      STATUS_INVALID_PARAMETER);
	args = p->args;
	cm->cmsg_len = 200;
	cm->cmsg_level = IPPROTO_IP;
	cm->cmsg_type = IP_TTL;
	args.controlData = cm;
	args.controlDataLength = sizeof(ctl);
	Check("inject: controlData longer than its buffer",
	      FwpsInjectTransportSendAsync1(h, NULL, 0, 0, &args, AF_INET,
					    DEFAULT_COMPARTMENT_ID, p->nbl, Complete, p),
	      STATUS_INVALID_PARAMETER);
	Result(FwpsQueryPacketInjectionState0(h, p->nbl, NULL) == FWPS_PACKET_NOT_INJECTED,
	       "query: an NBL built from scratch is not injected", 0, 0);
	Check("nothing completed after synchronous failures", atomic_read(&gCompletions), 0);
}

/* A send that works, v1 and v0, with a stale endpoint (socketless). */
static void CheckSends(HANDLE h, TEST_PACKET *p)
{
	NTSTATUS st;

	reinit_completion(&gCompleted);
	Check("inject v1 from scratch (stale endpoint: no socket)", Inject1(h, p, 12345),
	      STATUS_SUCCESS);
	Result(WaitCompletion(), "completion called", 0, 0);
	Check("completion status", gLastStatus, STATUS_SUCCESS);
	Result(Received(), "the datagram arrived", 0, 0);

	reinit_completion(&gCompleted);
	st = FwpsInjectTransportSendAsync0(h, NULL, 0, 0,
					   (FWPS_TRANSPORT_SEND_PARAMS0 *)&p->args, AF_INET,
					   DEFAULT_COMPARTMENT_ID, p->nbl, Complete, p);
	Check("inject v0 with a destination", st, STATUS_INVALID_PARAMETER);
	Check("completions so far", atomic_read(&gCompletions), 1);
	Check("completions in process context, dispatchLevel FALSE, this NBL",
	      atomic_read(&gBadContext), 0);
}

/* Destroy from the handle's own completion would wait for itself. */
static void CheckSelfDestroy(TEST_PACKET *p)
{
	HANDLE h;

	if (!NT_SUCCESS(FwpsInjectionHandleCreate0(AF_INET, 0, &h)))
		return Result(false, "self-destroy: handle", 0, 0);
	gSelfDestroy = h;
	reinit_completion(&gCompleted);
	Check("self-destroy: accepted", Inject1(h, p, 0), STATUS_SUCCESS);
	Result(WaitCompletion(), "self-destroy: completion called", 0, 0);
	gSelfDestroy = NULL;
	Check("self-destroy: refused inside the completion", gSelfDestroyStatus,
	      STATUS_INVALID_DEVICE_STATE);
	Received();
	Check("self-destroy: destroy afterwards", FwpsInjectionHandleDestroy0(h),
	      STATUS_SUCCESS);
}

static void CheckUnroutable(HANDLE h)
{
	TEST_PACKET *u = NewPacket(htonl(0xc6336401));	/* 198.51.100.1 */
	int before = atomic_read(&gCompletions);

	if (!u) {
		Result(false, "unroutable: packet", 0, 0);
		return;
	}
	u->ip.saddr = 0;
	reinit_completion(&gCompleted);
	Check("unroutable: accepted", Inject1(h, u, 0), STATUS_SUCCESS);
	Result(WaitCompletion(), "unroutable: completion called", 0, 0);
	Check("unroutable: completion status", gLastStatus, STATUS_NETWORK_UNREACHABLE);
	msleep(200);
	Check("unroutable: completed once", atomic_read(&gCompletions) - before, 1);
	FreePacket(u);
}

struct destroyer {
	HANDLE h;
	bool started;
	NTSTATUS status;
	int completions_when_done;
	struct completion done;
};

static int DestroyThread(void *arg)
{
	struct destroyer *d = arg;

	WRITE_ONCE(d->started, true);
	d->status = FwpsInjectionHandleDestroy0(d->h);
	d->completions_when_done = atomic_read(&gCompletions);
	complete(&d->done);
	return 0;
}

/*
 * An injection whose completion is held back: the same NBL cannot be
 * injected again meanwhile; Destroy waits for it, and injections during
 * the wait get STATUS_FWP_INJECT_HANDLE_CLOSING.  p goes behind r in the
 * handle's FIFO, and r's completion blocks the one worker at the gate, so
 * p is certainly still in flight when it is offered again (p's own
 * completion might already have started, and returned p to us, otherwise).
 */
static void CheckClosing(TEST_PACKET *r, TEST_PACKET *p, TEST_PACKET *q)
{
	struct destroyer d = { };
	struct task_struct *t;
	NTSTATUS st;
	int i, before;

	init_completion(&d.done);
	if (!NT_SUCCESS(FwpsInjectionHandleCreate0(AF_INET, 0, &d.h)))
		return Result(false, "closing: handle", 0, 0);
	reinit_completion(&gGate);
	WRITE_ONCE(gGated, true);
	before = atomic_read(&gCompletions);
	Check("closing: blocker accepted", Inject1(d.h, r, 0), STATUS_SUCCESS);
	Check("closing: first injection accepted", Inject1(d.h, p, 0), STATUS_SUCCESS);
	Check("closing: the same NBL again, in flight", Inject1(d.h, p, 0),
	      STATUS_INVALID_PARAMETER);
	t = kthread_run(DestroyThread, &d, "nfwfp-test-destroy");
	if (IS_ERR(t)) {
		complete_all(&gGate);
		return Result(false, "closing: thread", 0, 0);
	}
	/* Destroy marks the handle closing first, then waits. */
	for (i = 0; i < 100 && !READ_ONCE(d.started); i++)
		msleep(10);
	msleep(100);
	st = Inject1(d.h, q, 0);
	Check("closing: inject while Destroy waits", st, STATUS_FWP_INJECT_HANDLE_CLOSING);
	msleep(300);
	Result(!completion_done(&d.done), "closing: Destroy still waits", 0, 0);
	WRITE_ONCE(gGated, false);
	complete_all(&gGate);
	wait_for_completion(&d.done);
	Check("closing: Destroy returned", d.status, STATUS_SUCCESS);
	Result(d.completions_when_done > before,
	       "closing: the completion ran before Destroy returned", 0, 0);
	Check("closing: inject on the destroyed handle", Inject1(d.h, q, 0),
	      STATUS_INVALID_PARAMETER);
}

/*
 * mode 2, inject_max_backlog = 1: r's completion holds the handle's worker
 * at the gate, so p waits in the queue (the backlog is full) and q is
 * refused.
 */
static void CheckBacklogCap(HANDLE h, TEST_PACKET *p, TEST_PACKET *q)
{
	TEST_PACKET *r = NewPacket(htonl(INADDR_LOOPBACK));
	int i;

	if (!r)
		return Result(false, "backlog cap: packet", 0, 0);
	reinit_completion(&gGate);
	WRITE_ONCE(gGated, true);
	Check("backlog cap: first accepted", Inject1(h, r, 0), STATUS_SUCCESS);
	for (i = 0; i < 500 && !atomic_read(&gInGate); i++)
		msleep(10);
	Result(atomic_read(&gInGate), "backlog cap: the worker waits in a completion", 0, 0);
	Check("backlog cap: one queued behind it", Inject1(h, p, 0), STATUS_SUCCESS);
	Check("backlog cap reached", Inject1(h, q, 0), STATUS_INSUFFICIENT_RESOURCES);
	WRITE_ONCE(gGated, false);
	complete_all(&gGate);
	Result(WaitCompletion(), "backlog cap: completions ran", 0, 0);
	msleep(200);
	FreePacket(r);
}

/* mode 1/2: the caps (nfwfp's parameters set by the test script). */
static void CheckCaps(HANDLE h, TEST_PACKET *p, TEST_PACKET *q)
{
	if (mode == 2)
		return CheckBacklogCap(h, p, q);
	reinit_completion(&gGate);
	WRITE_ONCE(gGated, true);
	Check("in-flight cap: first accepted", Inject1(h, p, 0), STATUS_SUCCESS);
	Check("in-flight cap reached", Inject1(h, q, 0), STATUS_INSUFFICIENT_RESOURCES);
	WRITE_ONCE(gGated, false);
	complete_all(&gGate);
	Result(WaitCompletion(), "in-flight cap: the first completed", 0, 0);
}

static void RunAll(void)
{
	NET_BUFFER_LIST_POOL_PARAMETERS prm = { 0 };
	HANDLE h = NULL, h6 = NULL;
	TEST_PACKET *p = NULL, *q = NULL, *r = NULL;

	prm.Header.Type = NDIS_OBJECT_TYPE_DEFAULT;
	prm.Header.Revision = NET_BUFFER_LIST_POOL_PARAMETERS_REVISION_1;
	prm.Header.Size = NDIS_SIZEOF_NET_BUFFER_LIST_POOL_PARAMETERS_REVISION_1;
	prm.fAllocateNetBuffer = TRUE;
	gPool = NdisAllocateNetBufferListPool(NULL, &prm);
	if (gPool) {
		p = NewPacket(htonl(INADDR_LOOPBACK));
		q = NewPacket(htonl(INADDR_LOOPBACK));
		r = NewPacket(htonl(INADDR_LOOPBACK));
	}
	if (!p || !q || !r || OpenSocket() ||
	    !NT_SUCCESS(FwpsInjectionHandleCreate0(AF_INET, FWPS_INJECTION_TYPE_TRANSPORT, &h)) ||
	    !NT_SUCCESS(FwpsInjectionHandleCreate0(AF_INET6, 0, &h6))) {
		Result(false, "set-up", 0, 0);
		goto out;
	}
	if (mode) {
		CheckCaps(h, p, q);
		goto out;
	}
	CheckHandles();
	CheckBadCalls(h, h6, p, q);
	CheckSends(h, p);
	CheckSelfDestroy(p);
	CheckUnroutable(h);
	CheckClosing(r, p, q);
out:
	if (h)
		FwpsInjectionHandleDestroy0(h);
	if (h6)
		FwpsInjectionHandleDestroy0(h6);
	if (p)
		FreePacket(p);
	if (q)
		FreePacket(q);
	if (r)
		FreePacket(r);
	if (gSock)
		sock_release(gSock);
	if (gPool)
		NdisFreeNetBufferListPool(gPool);
}

static int results_show(struct seq_file *m, void *v)
{
	seq_write(m, gOut, gOutLen);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(results);

static int invalid_show(struct seq_file *m, void *v)
{
	seq_printf(m, "%d\n", gInvalid);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(invalid);

/* mode=3: STATUS_NO_MEMORY, with the writer's fault injection. */
static HANDLE gNomemHandle;
static TEST_PACKET *gNomemPacket;
static NTSTATUS gNomemStatus = STATUS_PENDING;

static ssize_t nomem_write(struct file *file, const char __user *buf, size_t len,
			   loff_t *ppos)
{
	/* Nothing allocates here before nfwfp does. */
	gNomemStatus = Inject1(gNomemHandle, gNomemPacket, 0);
	if (NT_SUCCESS(gNomemStatus) && WaitCompletion())
		Received();
	return len;
}

static int nomem_show(struct seq_file *m, void *v)
{
	seq_printf(m, "status=%#x completions=%d\n", gNomemStatus,
		   atomic_read(&gCompletions));
	return 0;
}

static int nomem_open(struct inode *inode, struct file *file)
{
	return single_open(file, nomem_show, NULL);
}

static const struct file_operations nomem_fops = {
	.owner = THIS_MODULE,
	.open = nomem_open,
	.read = seq_read,
	.llseek = seq_lseek,
	.release = single_release,
	.write = nomem_write,
};

static int NomemPrepare(void)
{
	NET_BUFFER_LIST_POOL_PARAMETERS prm = { 0 };

	prm.Header.Type = NDIS_OBJECT_TYPE_DEFAULT;
	prm.Header.Revision = NET_BUFFER_LIST_POOL_PARAMETERS_REVISION_1;
	prm.Header.Size = NDIS_SIZEOF_NET_BUFFER_LIST_POOL_PARAMETERS_REVISION_1;
	prm.fAllocateNetBuffer = TRUE;
	gPool = NdisAllocateNetBufferListPool(NULL, &prm);
	if (!gPool)
		return -ENOMEM;
	gNomemPacket = NewPacket(htonl(INADDR_LOOPBACK));
	if (!gNomemPacket || OpenSocket() ||
	    !NT_SUCCESS(FwpsInjectionHandleCreate0(AF_INET, 0, &gNomemHandle)))
		return -ENOMEM;
	reinit_completion(&gCompleted);
	return 0;
}

static void NomemRelease(void)
{
	if (gNomemHandle)
		FwpsInjectionHandleDestroy0(gNomemHandle);
	if (gNomemPacket)
		FreePacket(gNomemPacket);
	if (gSock)
		sock_release(gSock);
	if (gPool)
		NdisFreeNetBufferListPool(gPool);
}

static int __init nfwfp_test_inject_api_init(void)
{
	gOut = kzalloc(OUT_SIZE, GFP_KERNEL);
	if (!gOut)
		return -ENOMEM;
	gDir = debugfs_create_dir(KBUILD_MODNAME, NULL);
	if (mode == 3) {
		if (NomemPrepare()) {
			NomemRelease();
			debugfs_remove_recursive(gDir);
			kfree(gOut);
			return -ENOMEM;
		}
		debugfs_create_file("nomem", 0600, gDir, NULL, &nomem_fops);
		return 0;
	}
	RunAll();
	debugfs_create_file("results", 0400, gDir, NULL, &results_fops);
	debugfs_create_file("invalid", 0400, gDir, NULL, &invalid_fops);
	return 0;
}

static void __exit nfwfp_test_inject_api_exit(void)
{
	if (mode == 3)
		NomemRelease();
	debugfs_remove_recursive(gDir);
	kfree(gOut);
}

module_init(nfwfp_test_inject_api_init);
module_exit(nfwfp_test_inject_api_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("nfwfp test: the injection API's statuses and completion contract");
