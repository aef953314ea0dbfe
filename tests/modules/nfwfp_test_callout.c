// SPDX-License-Identifier: GPL-2.0
/*
 * A test callout driver, written the way a Windows one is: at load it opens
 * a dynamic engine session and, in one transaction, adds its sublayer and,
 * on each of nfwfp's six layers, registers a callout, adds the callout
 * object and a filter. classifyFn records what it was shown (incoming
 * values, metadata, the first bytes at the NBL's data offset) in a log that
 * user space reads from debugfs, then returns the configured verdict. At
 * unload it closes the session (which removes every object) and
 * unregisters its callouts.
 *
 * Parameters: verdict=permit|block|absorb|continue, action=terminating|
 * inspection|unknown, proto=N and port=N (filter conditions; 0 = any),
 * layers=BITMASK of the six layers (bit order as in nfwfp_test_layers[]),
 * ref=1 (reference every packet and keep it until "release" is written to
 * debugfs held, up to keep=N of them (64); reading held shows each kept
 * NBL's first bytes then and now; past keep, packets are not referenced)
 * or ref=2 (reference and dereference at once, inside classifyFn) or ref=3
 * (misuse: reference once, dereference twice, inside classifyFn), uso=1
 * (register with FWP_CALLOUT_FLAG_ALLOW_USO: UDP GSO packets arrive whole),
 * clone=1 (FwpsAllocateCloneNetBufferList0 of every packet, kept until
 * "free" is written to debugfs clones; reading clones shows each clone's
 * first bytes then and now and its parent's ChildRefCount), clone=2 (the
 * same, Microsoft's way: reference, clone, dereference the original at
 * once) or clone=3 (reference with intendToModify, clone, write 0x1234 over
 * bytes 2-3 of the clone, dereference: the original must not change) or
 * clone=4 (misuse: clone the packet, clone the clone, free the first clone
 * twice while the second is outstanding, then free the second: three
 * counted misuses, nothing freed early, nothing leaked), version=0..3
 * (register with FwpsCalloutRegisterN, with classifyFnN and notifyFnN of
 * that version's signature; 3 by default).
 *
 * Besides the log, debugfs has "stats" (classifyFn calls, those made at
 * another IRQL than DISPATCH_LEVEL or with bottom halves enabled, those made
 * while serving a softirq, a nonzero flowContext or a missing
 * classifyContext) and "notify" (one line per notifyFn call: type, filter
 * id, number of conditions, action type and whether the action names one of
 * this driver's callouts). A scoped remote address (REMOTE_SCOPE_ID) is
 * logged as scope=ZONE/LEVEL at the end of the line.
 */
#include <linux/module.h>
#include <linux/debugfs.h>
#include <linux/seq_file.h>
#include <linux/spinlock.h>

#include <ntddk.h>
#include <ndis.h>
#include <fwpsk.h>
#include <fwpmk.h>

static char *verdict = "permit";
module_param(verdict, charp, 0444);
static char *action = "terminating";
module_param(action, charp, 0444);
static int proto;
module_param(proto, int, 0444);
static int port;
module_param(port, int, 0444);
static int layers = 0x3f;
module_param(layers, int, 0444);
static int ref;
module_param(ref, int, 0444);
static int uso;
module_param(uso, int, 0444);
static int clone;
module_param(clone, int, 0444);
static int version = 3;
module_param(version, int, 0444);

/* What the classifyFn calls looked like (debugfs stats). */
static atomic_t gCalls, gIrqlWrong, gBhEnabled, gSoftirq, gFlowContext,
	gNoContext;

/* notifyFn calls, one line each (debugfs notify). */
#define NOTIFY_LINES 16
static char gNotify[NOTIFY_LINES][96];
static unsigned int gNotifyCount;
static DEFINE_SPINLOCK(gNotifyLock);

/*
 * Referenced NBLs kept until released from debugfs (ref=1): up to keep of
 * them; the flood test keeps more than nfwfp's per-namespace cap.
 */
#define HELD_MAX 64
static int keep = HELD_MAX;
module_param(keep, int, 0444);
static struct nfwfp_test_held {
	NET_BUFFER_LIST *nbl;
	UINT16 layer;
	UINT8 then[8];
} *gHeld;
static unsigned int gHeldCount;
static DEFINE_SPINLOCK(gHeldLock);

/* Clones kept until freed from debugfs (clone=1..3). */
static struct {
	NET_BUFFER_LIST *nbl;
	UINT16 layer;
	UINT8 then[8];
} gClones[HELD_MAX];
static unsigned int gCloneCount;
static DEFINE_SPINLOCK(gClonesLock);

/* 1f0a3f5e-4b52-4f8a-9c3e-6a1d0b7e2c10 + layer index in the last byte */
#define NFWFP_TEST_KEY(n) { 0x1f0a3f5e, 0x4b52, 0x4f8a, \
	{ 0x9c, 0x3e, 0x6a, 0x1d, 0x0b, 0x7e, 0x2c, 0x10 + (n) } }

static const GUID nfwfp_test_sublayer = NFWFP_TEST_KEY(0x20);

static const struct {
	const GUID *layer;
	UINT16 id;
	BOOLEAN has_port;
	BOOLEAN has_proto;
} nfwfp_test_layers[] = {
	{ &FWPM_LAYER_OUTBOUND_TRANSPORT_V4, FWPS_LAYER_OUTBOUND_TRANSPORT_V4, TRUE, TRUE },
	{ &FWPM_LAYER_OUTBOUND_TRANSPORT_V6, FWPS_LAYER_OUTBOUND_TRANSPORT_V6, TRUE, TRUE },
	{ &FWPM_LAYER_DATAGRAM_DATA_V4, FWPS_LAYER_DATAGRAM_DATA_V4, TRUE, TRUE },
	{ &FWPM_LAYER_DATAGRAM_DATA_V6, FWPS_LAYER_DATAGRAM_DATA_V6, TRUE, TRUE },
	{ &FWPM_LAYER_OUTBOUND_ICMP_ERROR_V4, FWPS_LAYER_OUTBOUND_ICMP_ERROR_V4, FALSE, FALSE },
	{ &FWPM_LAYER_OUTBOUND_ICMP_ERROR_V6, FWPS_LAYER_OUTBOUND_ICMP_ERROR_V6, FALSE, FALSE },
};

#define NFWFP_TEST_N ARRAY_SIZE(nfwfp_test_layers)

static HANDLE gEngineHandle;
static UINT32 gCalloutIds[NFWFP_TEST_N];
static FWP_ACTION_TYPE gVerdict;
static BOOLEAN gAbsorb;

/* The log: a ring of text lines, written from classifyFn (BH context). */
#define LOG_LINES 512
#define LOG_LEN 400
static char (*gLog)[LOG_LEN];
static unsigned int gLogHead, gLogCount;
static DEFINE_SPINLOCK(gLogLock);
static struct dentry *gDebugDir;

static void log_line(const char *line)
{
	unsigned long flags;

	spin_lock_irqsave(&gLogLock, flags);
	strscpy(gLog[gLogHead], line, LOG_LEN);
	gLogHead = (gLogHead + 1) % LOG_LINES;
	if (gLogCount < LOG_LINES)
		gLogCount++;
	spin_unlock_irqrestore(&gLogLock, flags);
}

static int log_show(struct seq_file *m, void *v)
{
	unsigned int i, start, count;
	unsigned long flags;
	char *copy;

	copy = kmalloc_array(LOG_LINES, LOG_LEN, GFP_KERNEL);
	if (!copy)
		return -ENOMEM;
	spin_lock_irqsave(&gLogLock, flags);
	start = (gLogHead + LOG_LINES - gLogCount) % LOG_LINES;
	count = gLogCount;
	for (i = 0; i < count; i++)
		memcpy(copy + i * LOG_LEN, gLog[(start + i) % LOG_LINES], LOG_LEN);
	spin_unlock_irqrestore(&gLogLock, flags);
	for (i = 0; i < count; i++)
		seq_printf(m, "%s\n", copy + i * LOG_LEN);
	kfree(copy);
	return 0;
}

static int log_open(struct inode *inode, struct file *file)
{
	return single_open_size(file, log_show, NULL, LOG_LINES * (LOG_LEN + 1));
}

static ssize_t log_write(struct file *file, const char __user *buf, size_t len,
			 loff_t *ppos)
{
	unsigned long flags;

	spin_lock_irqsave(&gLogLock, flags);
	gLogHead = 0;
	gLogCount = 0;
	spin_unlock_irqrestore(&gLogLock, flags);
	return len;
}

static const struct file_operations log_fops = {
	.owner = THIS_MODULE,
	.open = log_open,
	.read = seq_read,
	.llseek = seq_lseek,
	.release = single_release,
	.write = log_write,
};

/* Each kept NBL: its first bytes at classify time and now. */
static int held_show(struct seq_file *m, void *v)
{
	UINT8 storage[8], *now;
	unsigned int i;

	spin_lock_bh(&gHeldLock);
	for (i = 0; i < gHeldCount; i++) {
		now = NdisGetDataBuffer(NET_BUFFER_LIST_FIRST_NB(gHeld[i].nbl),
					sizeof(storage), storage, 1, 0);
		seq_printf(m, "layer=%u then=%8phN now=%8phN\n", gHeld[i].layer,
			   gHeld[i].then, now ? now : (UINT8 *)"--------");
	}
	spin_unlock_bh(&gHeldLock);
	return 0;
}

static int held_open(struct inode *inode, struct file *file)
{
	return single_open(file, held_show, NULL);
}

static void held_release_all(void)
{
	unsigned int i;

	spin_lock_bh(&gHeldLock);
	for (i = 0; i < gHeldCount; i++)
		FwpsDereferenceNetBufferList0(gHeld[i].nbl, TRUE);
	gHeldCount = 0;
	spin_unlock_bh(&gHeldLock);
}

static ssize_t held_write(struct file *file, const char __user *buf, size_t len,
			  loff_t *ppos)
{
	held_release_all();
	return len;
}

static const struct file_operations held_fops = {
	.owner = THIS_MODULE,
	.open = held_open,
	.read = seq_read,
	.llseek = seq_lseek,
	.release = single_release,
	.write = held_write,
};

/* Each clone: its first bytes at classify time and now, its parent's count. */
static int clones_show(struct seq_file *m, void *v)
{
	UINT8 storage[8], *now;
	NET_BUFFER_LIST *nbl;
	unsigned int i;

	spin_lock_bh(&gClonesLock);
	for (i = 0; i < gCloneCount; i++) {
		nbl = gClones[i].nbl;
		now = NdisGetDataBuffer(NET_BUFFER_LIST_FIRST_NB(nbl),
					sizeof(storage), storage, 1, 0);
		seq_printf(m, "layer=%u then=%8phN now=%8phN children=%d\n",
			   gClones[i].layer, gClones[i].then,
			   now ? now : (UINT8 *)"--------",
			   nbl->ParentNetBufferList ?
			   nbl->ParentNetBufferList->ChildRefCount : -1);
	}
	spin_unlock_bh(&gClonesLock);
	return 0;
}

static int clones_open(struct inode *inode, struct file *file)
{
	return single_open(file, clones_show, NULL);
}

static void clones_free_all(void)
{
	unsigned int i;

	spin_lock_bh(&gClonesLock);
	for (i = 0; i < gCloneCount; i++)
		FwpsFreeCloneNetBufferList0(gClones[i].nbl, 0);
	gCloneCount = 0;
	spin_unlock_bh(&gClonesLock);
}

static ssize_t clones_write(struct file *file, const char __user *buf,
			    size_t len, loff_t *ppos)
{
	clones_free_all();
	return len;
}

static const struct file_operations clones_fops = {
	.owner = THIS_MODULE,
	.open = clones_open,
	.read = seq_read,
	.llseek = seq_lseek,
	.release = single_release,
	.write = clones_write,
};

/* clone=4: the frees NDIS forbids, each refused or deferred and counted. */
static void clone_misuse(NET_BUFFER_LIST *nbl)
{
	NET_BUFFER_LIST *a = NULL, *b = NULL;

	if (!NT_SUCCESS(FwpsAllocateCloneNetBufferList0(nbl, NULL, NULL, 0, &a)))
		return;
	if (NT_SUCCESS(FwpsAllocateCloneNetBufferList0(a, NULL, NULL, 0, &b))) {
		FwpsFreeCloneNetBufferList0(a, 0);	/* b outstanding */
		FwpsFreeCloneNetBufferList0(a, 0);	/* again, b outstanding */
		FwpsFreeCloneNetBufferList0(b, 0);
	} else {
		FwpsFreeCloneNetBufferList0(a, 0);
	}
}

/* The clone modes, inside classifyFn (see the top comment). */
static void clone_packet(NET_BUFFER_LIST *nbl, UINT16 layer, const UINT8 *data)
{
	NET_BUFFER_LIST *cl = NULL;
	UINT8 *p;

	if (clone == 4) {
		clone_misuse(nbl);
		return;
	}

	spin_lock(&gClonesLock);
	if (gCloneCount < HELD_MAX) {
		if (clone >= 2)
			FwpsReferenceNetBufferList0(nbl, clone == 3);
		if (NT_SUCCESS(FwpsAllocateCloneNetBufferList0(nbl, NULL, NULL, 0, &cl))) {
			if (clone == 3) {
				p = NdisGetDataBuffer(NET_BUFFER_LIST_FIRST_NB(cl),
						      4, NULL, 1, 0);
				if (p) {
					p[2] = 0x12;
					p[3] = 0x34;
				}
			}
			gClones[gCloneCount].nbl = cl;
			gClones[gCloneCount].layer = layer;
			memcpy(gClones[gCloneCount].then, data, 8);
			gCloneCount++;
		}
		/* "Because the clone references the original, undo the reference." */
		if (clone >= 2)
			FwpsDereferenceNetBufferList0(nbl, TRUE);
	}
	spin_unlock(&gClonesLock);
}

static int stats_show(struct seq_file *m, void *v)
{
	seq_printf(m, "calls=%d irql_wrong=%d bh_enabled=%d softirq=%d flow_context=%d no_context=%d\n",
		   atomic_read(&gCalls), atomic_read(&gIrqlWrong),
		   atomic_read(&gBhEnabled), atomic_read(&gSoftirq),
		   atomic_read(&gFlowContext), atomic_read(&gNoContext));
	return 0;
}

static int stats_open(struct inode *inode, struct file *file)
{
	return single_open(file, stats_show, NULL);
}

static const struct file_operations stats_fops = {
	.owner = THIS_MODULE,
	.open = stats_open,
	.read = seq_read,
	.llseek = seq_lseek,
	.release = single_release,
};

static int notify_show(struct seq_file *m, void *v)
{
	unsigned int i;

	spin_lock_bh(&gNotifyLock);
	for (i = 0; i < gNotifyCount; i++)
		seq_printf(m, "%s\n", gNotify[i]);
	spin_unlock_bh(&gNotifyLock);
	return 0;
}

static int notify_open(struct inode *inode, struct file *file)
{
	return single_open(file, notify_show, NULL);
}

static const struct file_operations notify_fops = {
	.owner = THIS_MODULE,
	.open = notify_open,
	.read = seq_read,
	.llseek = seq_lseek,
	.release = single_release,
};

static int value_str(char *p, size_t n, const FWP_VALUE0 *v)
{
	const UINT8 *b;

	switch (v->type) {
	case FWP_UINT8:
		return scnprintf(p, n, "%u", v->uint8);
	case FWP_UINT16:
		return scnprintf(p, n, "%u", v->uint16);
	case FWP_UINT32:
		return scnprintf(p, n, "%u", v->uint32);
	case FWP_UINT64:
		return scnprintf(p, n, "%llu", v->uint64 ? *v->uint64 : 0);
	case FWP_BYTE_ARRAY16_TYPE:
		b = v->byteArray16->byteArray16;
		return scnprintf(p, n, "%pI6c", b);
	case FWP_EMPTY:
		return scnprintf(p, n, "-");
	default:
		return scnprintf(p, n, "?%d", v->type);
	}
}

/*
 * WFP calls classifyFn at DISPATCH_LEVEL: on Linux, with bottom halves
 * disabled (in_softirq()), whether the packet was sent from a task or from
 * a softirq (a TCP ACK, an ICMP error).
 */
static void note_context(const void *classifyContext, UINT64 flowContext)
{
	atomic_inc(&gCalls);
	if (KeGetCurrentIrql() != DISPATCH_LEVEL)
		atomic_inc(&gIrqlWrong);
	if (!in_softirq())
		atomic_inc(&gBhEnabled);
	if (in_serving_softirq())
		atomic_inc(&gSoftirq);
	if (flowContext)
		atomic_inc(&gFlowContext);
	if (version >= 1 && !classifyContext)
		atomic_inc(&gNoContext);
}

/* The body of every classifyFn version: filterId is all it needs of filter. */
static void Classify(const FWPS_INCOMING_VALUES0 *inFixedValues,
		     const FWPS_INCOMING_METADATA_VALUES0 *inMetaValues,
		     void *layerData, const void *classifyContext,
		     UINT64 filterId, UINT64 flowContext,
		     FWPS_CLASSIFY_OUT0 *classifyOut)
{
	NET_BUFFER_LIST *nbl = layerData;
	NET_BUFFER *nb = nbl ? NET_BUFFER_LIST_FIRST_NB(nbl) : NULL;
	UINT8 storage[8], *data = NULL;
	char line[LOG_LEN];
	UINT32 i, len;
	int n;

	note_context(classifyContext, flowContext);

	n = scnprintf(line, sizeof(line), "layer=%u filter=%llu vals=",
		      inFixedValues->layerId, filterId);
	for (i = 0; i < inFixedValues->valueCount; i++) {
		n += value_str(line + n, sizeof(line) - n,
			       &inFixedValues->incomingValue[i].value);
		if (i + 1 < inFixedValues->valueCount)
			n += scnprintf(line + n, sizeof(line) - n, ",");
	}
	n += scnprintf(line + n, sizeof(line) - n,
		       " meta=%#x ths=%u ihs=%u hih=%u comp=%u ep=%llu",
		       inMetaValues->currentMetadataValues,
		       inMetaValues->transportHeaderSize,
		       inMetaValues->ipHeaderSize,
		       inMetaValues->headerIncludeHeaderLength,
		       inMetaValues->compartmentId,
		       inMetaValues->transportEndpointHandle);
	if (nb) {
		len = NET_BUFFER_DATA_LENGTH(nb);
		if (len >= sizeof(storage))
			data = NdisGetDataBuffer(nb, sizeof(storage), storage, 1, 0);
		n += scnprintf(line + n, sizeof(line) - n, " dlen=%u data=", len);
		if (data)
			n += scnprintf(line + n, sizeof(line) - n, "%8phN", data);
	}
	if (inMetaValues->currentMetadataValues & FWPS_METADATA_FIELD_REMOTE_SCOPE_ID)
		n += scnprintf(line + n, sizeof(line) - n, " scope=%u/%u",
			       inMetaValues->remoteScopeId.Zone,
			       inMetaValues->remoteScopeId.Level);
	/* The private copy of a header-include header, as bytes. */
	if (inMetaValues->headerIncludeHeader && inMetaValues->headerIncludeHeaderLength)
		n += scnprintf(line + n, sizeof(line) - n, " hdr=%*phN",
			       (int)min_t(UINT32, inMetaValues->headerIncludeHeaderLength, 64),
			       inMetaValues->headerIncludeHeader);
	log_line(line);

	if (ref == 2 && nbl) {
		FwpsReferenceNetBufferList0(nbl, FALSE);
		FwpsDereferenceNetBufferList0(nbl, TRUE);
	} else if (ref == 3 && nbl) {
		FwpsReferenceNetBufferList0(nbl, FALSE);
		FwpsDereferenceNetBufferList0(nbl, TRUE);
		FwpsDereferenceNetBufferList0(nbl, TRUE);
	} else if (ref == 1 && nbl && data) {
		spin_lock(&gHeldLock);
		if (gHeldCount < (unsigned int)keep) {
			FwpsReferenceNetBufferList0(nbl, FALSE);
			gHeld[gHeldCount].nbl = nbl;
			gHeld[gHeldCount].layer = inFixedValues->layerId;
			memcpy(gHeld[gHeldCount].then, data, 8);
			gHeldCount++;
		}
		spin_unlock(&gHeldLock);
	}

	if (clone && nbl && data)
		clone_packet(nbl, inFixedValues->layerId, data);

	/* As Microsoft's samples: decide only with the right to. */
	if (!(classifyOut->rights & FWPS_RIGHT_ACTION_WRITE))
		return;
	classifyOut->actionType = gVerdict;
	if (gVerdict == FWP_ACTION_BLOCK) {
		classifyOut->rights &= ~FWPS_RIGHT_ACTION_WRITE;
		if (gAbsorb)
			classifyOut->flags |= FWPS_CLASSIFY_OUT_FLAG_ABSORB;
	}
}

static void NTAPI TestClassify0(const FWPS_INCOMING_VALUES0 *inFixedValues,
				const FWPS_INCOMING_METADATA_VALUES0 *inMetaValues,
				void *layerData, const FWPS_FILTER0 *filter,
				UINT64 flowContext, FWPS_CLASSIFY_OUT0 *classifyOut)
{
	Classify(inFixedValues, inMetaValues, layerData, NULL, filter->filterId,
		 flowContext, classifyOut);
}

static void NTAPI TestClassify1(const FWPS_INCOMING_VALUES0 *inFixedValues,
				const FWPS_INCOMING_METADATA_VALUES0 *inMetaValues,
				void *layerData, const void *classifyContext,
				const FWPS_FILTER1 *filter, UINT64 flowContext,
				FWPS_CLASSIFY_OUT0 *classifyOut)
{
	Classify(inFixedValues, inMetaValues, layerData, classifyContext,
		 filter->filterId, flowContext, classifyOut);
}

static void NTAPI TestClassify2(const FWPS_INCOMING_VALUES0 *inFixedValues,
				const FWPS_INCOMING_METADATA_VALUES0 *inMetaValues,
				void *layerData, const void *classifyContext,
				const FWPS_FILTER2 *filter, UINT64 flowContext,
				FWPS_CLASSIFY_OUT0 *classifyOut)
{
	Classify(inFixedValues, inMetaValues, layerData, classifyContext,
		 filter->filterId, flowContext, classifyOut);
}

static void NTAPI TestClassify(const FWPS_INCOMING_VALUES0 *inFixedValues,
			       const FWPS_INCOMING_METADATA_VALUES0 *inMetaValues,
			       void *layerData, const void *classifyContext,
			       const FWPS_FILTER3 *filter, UINT64 flowContext,
			       FWPS_CLASSIFY_OUT0 *classifyOut)
{
	Classify(inFixedValues, inMetaValues, layerData, classifyContext,
		 filter->filterId, flowContext, classifyOut);
}

static BOOLEAN OurCallout(UINT32 id)
{
	UINT32 i;

	for (i = 0; i < NFWFP_TEST_N; i++)
		if (gCalloutIds[i] && gCalloutIds[i] == id)
			return TRUE;
	return FALSE;
}

/* Every notifyFn version: what it was told about the filter. */
static NTSTATUS Notify(FWPS_CALLOUT_NOTIFY_TYPE notifyType, UINT64 filterId,
		       UINT32 conditions, const FWPS_ACTION0 *action)
{
	spin_lock_bh(&gNotifyLock);
	if (gNotifyCount < NOTIFY_LINES)
		scnprintf(gNotify[gNotifyCount++], sizeof(gNotify[0]),
			  "notify type=%u filter=%llu conds=%u action=%#x ours=%d",
			  notifyType, filterId, conditions, action->type,
			  OurCallout(action->calloutId));
	spin_unlock_bh(&gNotifyLock);
	return STATUS_SUCCESS;
}

static NTSTATUS NTAPI TestNotify0(FWPS_CALLOUT_NOTIFY_TYPE notifyType,
				  const GUID *filterKey, FWPS_FILTER0 *filter)
{
	return Notify(notifyType, filter->filterId, filter->numFilterConditions,
		      &filter->action);
}

static NTSTATUS NTAPI TestNotify1(FWPS_CALLOUT_NOTIFY_TYPE notifyType,
				  const GUID *filterKey, FWPS_FILTER1 *filter)
{
	return Notify(notifyType, filter->filterId, filter->numFilterConditions,
		      &filter->action);
}

static NTSTATUS NTAPI TestNotify2(FWPS_CALLOUT_NOTIFY_TYPE notifyType,
				  const GUID *filterKey, FWPS_FILTER2 *filter)
{
	return Notify(notifyType, filter->filterId, filter->numFilterConditions,
		      &filter->action);
}

static NTSTATUS NTAPI TestNotify(FWPS_CALLOUT_NOTIFY_TYPE notifyType,
				 const GUID *filterKey, FWPS_FILTER3 *filter)
{
	return Notify(notifyType, filter->filterId, filter->numFilterConditions,
		      &filter->action);
}

/* FwpsCalloutRegister0..3, as a driver written against that version. */
static NTSTATUS RegisterCallout(const GUID *key, UINT32 flags, UINT32 *id)
{
	FWPS_CALLOUT0 c0 = { *key, flags, TestClassify0, TestNotify0, NULL };
	FWPS_CALLOUT1 c1 = { *key, flags, TestClassify1, TestNotify1, NULL };
	FWPS_CALLOUT2 c2 = { *key, flags, TestClassify2, TestNotify2, NULL };
	FWPS_CALLOUT3 c3 = { *key, flags, TestClassify, TestNotify, NULL };

	switch (version) {
	case 0:
		return FwpsCalloutRegister0(NULL, &c0, id);
	case 1:
		return FwpsCalloutRegister1(NULL, &c1, id);
	case 2:
		return FwpsCalloutRegister2(NULL, &c2, id);
	default:
		return FwpsCalloutRegister3(NULL, &c3, id);
	}
}

static NTSTATUS AddLayer(UINT32 i, FWP_ACTION_TYPE filterAction)
{
	FWPM_CALLOUT0 mCallout = { 0 };
	FWPM_FILTER0 filter = { 0 };
	FWPM_FILTER_CONDITION0 cond[2];
	GUID key = NFWFP_TEST_KEY(i);
	UINT32 n = 0;
	NTSTATUS status;

	status = RegisterCallout(&key, uso ? FWP_CALLOUT_FLAG_ALLOW_USO : 0,
				 &gCalloutIds[i]);
	if (!NT_SUCCESS(status))
		return status;

	mCallout.calloutKey = key;
	mCallout.displayData.name = L"nfwfp test callout";
	mCallout.applicableLayer = *nfwfp_test_layers[i].layer;
	status = FwpmCalloutAdd0(gEngineHandle, &mCallout, NULL, NULL);
	if (!NT_SUCCESS(status))
		return status;

	if (proto && nfwfp_test_layers[i].has_proto) {
		cond[n].fieldKey = FWPM_CONDITION_IP_PROTOCOL;
		cond[n].matchType = FWP_MATCH_EQUAL;
		cond[n].conditionValue.type = FWP_UINT8;
		cond[n].conditionValue.uint8 = proto;
		n++;
	}
	if (port && nfwfp_test_layers[i].has_port) {
		cond[n].fieldKey = FWPM_CONDITION_IP_REMOTE_PORT;
		cond[n].matchType = FWP_MATCH_EQUAL;
		cond[n].conditionValue.type = FWP_UINT16;
		cond[n].conditionValue.uint16 = port;
		n++;
	}
	filter.layerKey = *nfwfp_test_layers[i].layer;
	filter.displayData.name = L"nfwfp test filter";
	filter.action.type = filterAction;
	filter.action.calloutKey = key;
	filter.subLayerKey = nfwfp_test_sublayer;
	filter.weight.type = FWP_EMPTY;
	filter.numFilterConditions = n;
	filter.filterCondition = n ? cond : NULL;
	return FwpmFilterAdd0(gEngineHandle, &filter, NULL, NULL);
}

static NTSTATUS RegisterAll(void)
{
	FWPM_SESSION0 session = { 0 };
	FWPM_SUBLAYER0 subLayer = { 0 };
	FWP_ACTION_TYPE filterAction = FWP_ACTION_CALLOUT_TERMINATING;
	NTSTATUS status;
	UINT32 i;

	if (!strcmp(action, "inspection"))
		filterAction = FWP_ACTION_CALLOUT_INSPECTION;
	else if (!strcmp(action, "unknown"))
		filterAction = FWP_ACTION_CALLOUT_UNKNOWN;

	session.flags = FWPM_SESSION_FLAG_DYNAMIC;
	status = FwpmEngineOpen0(NULL, RPC_C_AUTHN_WINNT, NULL, &session,
				 &gEngineHandle);
	if (!NT_SUCCESS(status))
		return status;
	status = FwpmTransactionBegin0(gEngineHandle, 0);
	if (!NT_SUCCESS(status))
		return status;

	subLayer.subLayerKey = nfwfp_test_sublayer;
	subLayer.displayData.name = L"nfwfp test sublayer";
	subLayer.weight = 0;
	status = FwpmSubLayerAdd0(gEngineHandle, &subLayer, NULL);
	for (i = 0; NT_SUCCESS(status) && i < NFWFP_TEST_N; i++)
		if (layers & (1 << i))
			status = AddLayer(i, filterAction);
	if (!NT_SUCCESS(status)) {
		FwpmTransactionAbort0(gEngineHandle);
		return status;
	}
	return FwpmTransactionCommit0(gEngineHandle);
}

static void UnregisterAll(void)
{
	UINT32 i;

	if (gEngineHandle)
		FwpmEngineClose0(gEngineHandle);
	gEngineHandle = NULL;
	for (i = 0; i < NFWFP_TEST_N; i++)
		if (gCalloutIds[i])
			FwpsCalloutUnregisterById0(gCalloutIds[i]);
}

static int __init nfwfp_test_callout_init(void)
{
	NTSTATUS status;

	if (!strcmp(verdict, "block")) {
		gVerdict = FWP_ACTION_BLOCK;
	} else if (!strcmp(verdict, "absorb")) {
		gVerdict = FWP_ACTION_BLOCK;
		gAbsorb = TRUE;
	} else if (!strcmp(verdict, "continue")) {
		gVerdict = FWP_ACTION_CONTINUE;
	} else {
		gVerdict = FWP_ACTION_PERMIT;
	}
	if (keep < 1 || keep > 1 << 20 || version < 0 || version > 3)
		return -EINVAL;
	gLog = kcalloc(LOG_LINES, LOG_LEN, GFP_KERNEL);
	gHeld = kvcalloc(keep, sizeof(*gHeld), GFP_KERNEL);
	if (!gLog || !gHeld) {
		kfree(gLog);
		kvfree(gHeld);
		return -ENOMEM;
	}
	gDebugDir = debugfs_create_dir("nfwfp_test_callout", NULL);
	debugfs_create_file("log", 0600, gDebugDir, NULL, &log_fops);
	debugfs_create_file("held", 0600, gDebugDir, NULL, &held_fops);
	debugfs_create_file("clones", 0600, gDebugDir, NULL, &clones_fops);
	debugfs_create_file("stats", 0400, gDebugDir, NULL, &stats_fops);
	debugfs_create_file("notify", 0400, gDebugDir, NULL, &notify_fops);

	status = RegisterAll();
	if (!NT_SUCCESS(status)) {
		pr_err("nfwfp_test_callout: registration failed: %#x\n", status);
		UnregisterAll();
		debugfs_remove_recursive(gDebugDir);
		kfree(gLog);
		kvfree(gHeld);
		return -EINVAL;
	}
	return 0;
}

static void __exit nfwfp_test_callout_exit(void)
{
	UnregisterAll();
	held_release_all();
	clones_free_all();
	debugfs_remove_recursive(gDebugDir);
	kfree(gLog);
	kvfree(gHeld);
}

module_init(nfwfp_test_callout_init);
module_exit(nfwfp_test_callout_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("nfwfp test callout: records what classifyFn is shown");
