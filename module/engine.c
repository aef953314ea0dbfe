// SPDX-License-Identifier: GPL-2.0
/*
 * The filter engine's object store: sessions, transactions, sublayers,
 * callout objects and filters, and the per-layer snapshots classify reads.
 *
 * Writers take the global transaction token (one write transaction at a
 * time, as WFP's BFE lock; waiting is bounded by the session's
 * txnWaitTimeoutInMSec) and then nfwfp_engine_mutex for each change. A
 * change is applied to the object lists at once and recorded in the
 * session's undo log; the data path sees it only when the transaction
 * commits and the snapshots of the touched layers are rebuilt and published
 * with RCU. Abort replays the undo log. Outside an explicit transaction,
 * each change is its own transaction.
 */
#include <linux/slab.h>
#include <linux/delay.h>
#include <linux/sort.h>
#include <linux/nls.h>
#include <linux/wait.h>
#include <linux/module.h>
#include <linux/uuid.h>
#include <linux/seq_file.h>

#include "engine.h"
#include "index.h"

DEFINE_MUTEX(nfwfp_engine_mutex);
struct nfwfp_layer_snap __rcu *nfwfp_snaps[NFWFP_L_MAX];
unsigned long nfwfp_layers_active;

static LIST_HEAD(nfwfp_sessions);
LIST_HEAD(nfwfp_sublayers);
LIST_HEAD(nfwfp_filters);
u64 nfwfp_engine_gen;
static u64 nfwfp_seq;
static u64 nfwfp_next_filter_id = 1;
static unsigned long nfwfp_dirty_layers;
/*
 * Publishing must not fail once changes are accepted, or deleted filters
 * would stay visible: every change reserves the snapshot it will need
 * (and fails cleanly when it cannot), commit only consumes the reserve.
 */
static unsigned int nfwfp_layer_count[NFWFP_L_MAX];
static struct nfwfp_layer_snap *nfwfp_spare[NFWFP_L_MAX];

#define NFWFP_SNAP_SLACK 16

static int nfwfp_snap_reserve(int layer, unsigned int n)
{
	struct nfwfp_layer_snap *snap = nfwfp_spare[layer];

	if (!n || (snap && snap->cap >= n))
		return 0;
	n += NFWFP_SNAP_SLACK;
	snap = kvmalloc(size_add(struct_size(snap, f, n),
				 array_size(nfwfp_index_slots(n), sizeof(u32))),
			GFP_KERNEL);
	if (!snap)
		return -ENOMEM;
	snap->cap = n;
	nfwfp_index_init(snap);
	kvfree(nfwfp_spare[layer]);
	nfwfp_spare[layer] = snap;
	return 0;
}

/* The write-transaction token. */
static struct nfwfp_session *nfwfp_txn_owner;
static DECLARE_WAIT_QUEUE_HEAD(nfwfp_txn_wq);

#define NFWFP_TXN_WAIT_DEFAULT_MS	15000	/* WFP's documented default */
#define NFWFP_NAME_MAX			256

enum nfwfp_undo_op {
	NFWFP_UNDO_ADD_SUBLAYER,
	NFWFP_UNDO_DEL_SUBLAYER,
	NFWFP_UNDO_ADD_CALLOUT,
	NFWFP_UNDO_DEL_CALLOUT,
	NFWFP_UNDO_ADD_FILTER,
	NFWFP_UNDO_DEL_FILTER,
};

struct nfwfp_undo {
	struct list_head node;
	enum nfwfp_undo_op op;
	void *obj;
};

/* Display names are UTF-16 from callout drivers; kept as UTF-8. */
static char *nfwfp_name_dup(const wchar_t *w)
{
	size_t len = 0;
	char *s;

	if (!w)
		return NULL;
	while (len < NFWFP_NAME_MAX && w[len])
		len++;
	s = kmalloc(len * 3 + 1, GFP_KERNEL);
	if (!s)
		return NULL;
	len = utf16s_to_utf8s(w, len, UTF16_HOST_ENDIAN, s, len * 3);
	s[len] = '\0';
	return s;
}

static void nfwfp_guid_generate(GUID *g)
{
	guid_t u;

	guid_gen(&u);
	memcpy(g, &u, sizeof(*g));
}

/* ---- snapshots ---------------------------------------------------------- */

int nfwfp_filter_cmp(const void *a, const void *b)
{
	const struct nfwfp_filter *x = *(struct nfwfp_filter * const *)a;
	const struct nfwfp_filter *y = *(struct nfwfp_filter * const *)b;

	if (x->sublayer->weight != y->sublayer->weight)
		return x->sublayer->weight > y->sublayer->weight ? -1 : 1;
	if (x->sublayer != y->sublayer)
		return x->sublayer->seq < y->sublayer->seq ? -1 : 1;
	if (x->weight != y->weight)
		return x->weight > y->weight ? -1 : 1;
	return x->seq < y->seq ? -1 : (x->seq > y->seq);
}

static void nfwfp_publish_layer(int layer)
{
	unsigned int n = nfwfp_layer_count[layer];
	struct nfwfp_layer_snap *snap = NULL, *old;
	struct nfwfp_filter *f;

	if (n) {
		snap = nfwfp_spare[layer];
		nfwfp_spare[layer] = NULL;
		snap->n = 0;
		list_for_each_entry(f, &nfwfp_filters, node)
			if (f->layer == layer)
				snap->f[snap->n++] = f;
		sort(snap->f, n, sizeof(snap->f[0]), nfwfp_filter_cmp, NULL);
		nfwfp_index_build(snap, layer);
	}
	old = rcu_replace_pointer(nfwfp_snaps[layer], snap,
				  lockdep_is_held(&nfwfp_engine_mutex));
	if (n)
		set_bit(layer, &nfwfp_layers_active);
	else
		clear_bit(layer, &nfwfp_layers_active);
	if (old)
		kvfree_rcu(old, rcu);
}

/* Publish every touched layer; the reserve guarantees the memory. */
static void nfwfp_publish(void)
{
	int layer;

	for_each_set_bit(layer, &nfwfp_dirty_layers, NFWFP_L_MAX)
		nfwfp_publish_layer(layer);
	nfwfp_dirty_layers = 0;
}

/* ---- object lifetimes --------------------------------------------------- */

static void nfwfp_filter_free_rcu(struct rcu_head *head)
{
	struct nfwfp_filter *f = container_of(head, struct nfwfp_filter, rcu);

	nfwfp_filter_free_conds(f);
	free_percpu(f->stats.pcpu);
	kfree(f->name);
	kfree(f);
}

static void nfwfp_filter_unlink(struct nfwfp_filter *f)
{
	list_del(&f->node);
	nfwfp_layer_count[f->layer]--;
	f->sublayer->nfilters--;
	if (f->callout)
		f->callout->nfilters--;
	set_bit(f->layer, &nfwfp_dirty_layers);
}

static void nfwfp_filter_link(struct nfwfp_filter *f)
{
	list_add_tail(&f->node, &nfwfp_filters);
	nfwfp_layer_count[f->layer]++;
	f->sublayer->nfilters++;
	if (f->callout)
		f->callout->nfilters++;
	set_bit(f->layer, &nfwfp_dirty_layers);
}

static void nfwfp_sublayer_free(struct nfwfp_sublayer *sl)
{
	free_percpu(sl->stats.pcpu);
	kfree(sl->name);
	kfree(sl);
}

static struct nfwfp_sublayer *nfwfp_sublayer_alloc(void)
{
	struct nfwfp_sublayer *sl = kzalloc(sizeof(*sl), GFP_KERNEL);

	if (!sl)
		return NULL;
	if (nfwfp_obj_stats_init(&sl->stats)) {
		kfree(sl);
		return NULL;
	}
	return sl;
}

static void nfwfp_sublayer_free_rcu(struct rcu_head *head)
{
	nfwfp_sublayer_free(container_of(head, struct nfwfp_sublayer, rcu));
}

static int nfwfp_undo_push(struct nfwfp_session *s, enum nfwfp_undo_op op,
			   void *obj)
{
	struct nfwfp_undo *u = kmalloc(sizeof(*u), GFP_KERNEL);

	if (!u)
		return -ENOMEM;
	u->op = op;
	u->obj = obj;
	list_add(&u->node, &s->undo);
	return 0;
}

/* ---- transactions --------------------------------------------------------- */

static bool nfwfp_txn_try(struct nfwfp_session *s)
{
	return !cmpxchg(&nfwfp_txn_owner, NULL, s);
}

static NTSTATUS nfwfp_txn_acquire(struct nfwfp_session *s, bool forever)
{
	u32 ms = s->txn_timeout_ms ?: NFWFP_TXN_WAIT_DEFAULT_MS;
	long left;

	if (forever) {
		wait_event(nfwfp_txn_wq, nfwfp_txn_try(s));
		return STATUS_SUCCESS;
	}

	left = wait_event_killable_timeout(nfwfp_txn_wq, nfwfp_txn_try(s),
					   msecs_to_jiffies(ms));
	if (left > 0)
		return STATUS_SUCCESS;
	return left ? STATUS_CANCELLED : STATUS_FWP_TIMEOUT;
}

static void nfwfp_txn_release(struct nfwfp_session *s)
{
	WRITE_ONCE(nfwfp_txn_owner, NULL);
	wake_up(&nfwfp_txn_wq);
}

NTSTATUS nfwfp_txn_begin(struct nfwfp_session *s, u32 flags)
{
	NTSTATUS st;

	if (flags & ~FWPM_TXN_READ_ONLY)
		return STATUS_FWP_INVALID_FLAGS;
	if (s->in_txn)
		return STATUS_FWP_TXN_IN_PROGRESS;
	/* Readers never block writers: a read-only transaction takes no lock. */
	if (!(flags & FWPM_TXN_READ_ONLY)) {
		st = nfwfp_txn_acquire(s, false);
		if (!NT_SUCCESS(st))
			return st;
	}
	s->in_txn = true;
	s->txn_readonly = flags & FWPM_TXN_READ_ONLY;
	return STATUS_SUCCESS;
}

/*
 * Before publishing: notify and set aside. Nothing is freed yet: a reader
 * of the old snapshot may still look at a deleted filter, its sublayer and
 * its callout until the new snapshot is published and a grace period ends.
 */
static void nfwfp_commit_one(struct nfwfp_undo *u, struct list_head *notify,
			     struct list_head *gone)
{
	struct nfwfp_undo *a;
	struct nfwfp_callout *c;
	struct nfwfp_filter *f;

	switch (u->op) {
	case NFWFP_UNDO_DEL_FILTER:
		f = u->obj;
		/* Added in this transaction too: no ADD_FILTER_POST_COMMIT. */
		list_for_each_entry(a, notify, node) {
			if (a->obj == f) {
				list_del(&a->node);
				kfree(a);
				break;
			}
		}
		if (f->callout)
			nfwfp_callout_notify(f->callout,
					     FWPS_CALLOUT_NOTIFY_DELETE_FILTER, f);
		list_move(&u->node, gone);
		return;
	case NFWFP_UNDO_DEL_SUBLAYER:
		list_move(&u->node, gone);
		return;
	case NFWFP_UNDO_DEL_CALLOUT:
		c = u->obj;
		/* The name was kept only for an abort. */
		if (!c->added) {
			kfree(c->name);
			c->name = NULL;
		}
		list_move(&u->node, gone);
		return;
	case NFWFP_UNDO_ADD_FILTER:
		/* ADD_FILTER_POST_COMMIT goes out once everything is live. */
		list_move(&u->node, notify);
		return;
	default:
		break;
	}
	list_del(&u->node);
	kfree(u);
}

/* After publishing: what was deleted goes once current readers are done. */
static void nfwfp_commit_free(struct list_head *gone)
{
	struct nfwfp_undo *u, *tmp;
	struct nfwfp_filter *f;
	struct nfwfp_sublayer *sl;

	list_for_each_entry_safe(u, tmp, gone, node) {
		switch (u->op) {
		case NFWFP_UNDO_DEL_FILTER:
			f = u->obj;
			call_rcu(&f->rcu, nfwfp_filter_free_rcu);
			break;
		case NFWFP_UNDO_DEL_SUBLAYER:
			sl = u->obj;
			call_rcu(&sl->rcu, nfwfp_sublayer_free_rcu);
			break;
		case NFWFP_UNDO_DEL_CALLOUT:
			nfwfp_callout_put_if_unused(u->obj);
			break;
		default:
			break;
		}
		list_del(&u->node);
		kfree(u);
	}
}

static const enum nfwfp_event nfwfp_undo_event[] = {
	[NFWFP_UNDO_ADD_SUBLAYER]	= NFWFP_EV_NEW_SUBLAYER,
	[NFWFP_UNDO_DEL_SUBLAYER]	= NFWFP_EV_DEL_SUBLAYER,
	[NFWFP_UNDO_ADD_CALLOUT]	= NFWFP_EV_NEW_CALLOUT,
	[NFWFP_UNDO_DEL_CALLOUT]	= NFWFP_EV_DEL_CALLOUT,
	[NFWFP_UNDO_ADD_FILTER]		= NFWFP_EV_NEW_FILTER,
	[NFWFP_UNDO_DEL_FILTER]		= NFWFP_EV_DEL_FILTER,
};

static void nfwfp_commit_locked(struct nfwfp_session *s)
{
	struct nfwfp_undo *u, *tmp;
	LIST_HEAD(notify);
	LIST_HEAD(gone);

	/* Every object of the log is still allocated here. */
	list_for_each_entry_reverse(u, &s->undo, node)
		nfwfp_nl_event(nfwfp_undo_event[u->op], u->obj);
	/* Oldest first, so a delete after an add of the same object is right. */
	list_for_each_entry_safe_reverse(u, tmp, &s->undo, node)
		nfwfp_commit_one(u, &notify, &gone);
	nfwfp_publish();
	nfwfp_commit_free(&gone);

	list_for_each_entry_safe(u, tmp, &notify, node) {
		struct nfwfp_filter *f = u->obj;
		struct nfwfp_callout_rt *rt;

		if (f->callout) {
			rt = rcu_dereference_protected(f->callout->rt,
					lockdep_is_held(&nfwfp_engine_mutex));
			if (rt && (rt->flags & FWP_CALLOUT_FLAG_ENABLE_COMMIT_ADD_NOTIFY))
				nfwfp_callout_notify(f->callout,
					FWPS_CALLOUT_NOTIFY_ADD_FILTER_POST_COMMIT, f);
		}
		list_del(&u->node);
		kfree(u);
	}
}

static void nfwfp_abort_one(struct nfwfp_undo *u)
{
	struct nfwfp_sublayer *sl;
	struct nfwfp_callout *c;
	struct nfwfp_filter *f;

	switch (u->op) {
	case NFWFP_UNDO_ADD_FILTER:
		f = u->obj;
		nfwfp_filter_unlink(f);
		/* The callout saw the add; it must see the filter go. */
		if (f->callout)
			nfwfp_callout_notify(f->callout,
					     FWPS_CALLOUT_NOTIFY_DELETE_FILTER, f);
		/* Never published: no reader can hold it. */
		nfwfp_filter_free_rcu(&f->rcu);
		break;
	case NFWFP_UNDO_DEL_FILTER:
		nfwfp_filter_link(u->obj);
		break;
	case NFWFP_UNDO_ADD_SUBLAYER:
		sl = u->obj;
		list_del(&sl->node);
		nfwfp_sublayer_free(sl);
		break;
	case NFWFP_UNDO_DEL_SUBLAYER:
		sl = u->obj;
		list_add_tail(&sl->node, &nfwfp_sublayers);
		break;
	case NFWFP_UNDO_ADD_CALLOUT:
		c = u->obj;
		c->added = false;
		kfree(c->name);
		c->name = NULL;
		c->session = NULL;
		nfwfp_callout_put_if_unused(c);
		break;
	case NFWFP_UNDO_DEL_CALLOUT:
		c = u->obj;
		c->added = true;
		break;
	}
}

static void nfwfp_abort_locked(struct nfwfp_session *s)
{
	struct nfwfp_undo *u, *tmp;

	/* Newest first. */
	list_for_each_entry_safe(u, tmp, &s->undo, node) {
		nfwfp_abort_one(u);
		list_del(&u->node);
		kfree(u);
	}
	/* The published snapshots are exactly the state restored here. */
	nfwfp_dirty_layers = 0;
	nfwfp_engine_gen++;
}

NTSTATUS nfwfp_txn_commit(struct nfwfp_session *s)
{
	if (!s->in_txn)
		return STATUS_FWP_NO_TXN_IN_PROGRESS;
	mutex_lock(&nfwfp_engine_mutex);
	nfwfp_commit_locked(s);
	mutex_unlock(&nfwfp_engine_mutex);
	s->in_txn = false;
	if (!s->txn_readonly)
		nfwfp_txn_release(s);
	return STATUS_SUCCESS;
}

NTSTATUS nfwfp_txn_abort(struct nfwfp_session *s)
{
	if (!s->in_txn)
		return STATUS_FWP_NO_TXN_IN_PROGRESS;
	mutex_lock(&nfwfp_engine_mutex);
	nfwfp_abort_locked(s);
	mutex_unlock(&nfwfp_engine_mutex);
	s->in_txn = false;
	if (!s->txn_readonly)
		nfwfp_txn_release(s);
	return STATUS_SUCCESS;
}

/*
 * Every change runs between nfwfp_change_begin() and nfwfp_change_end():
 * inside the session's transaction, or in an implicit one of its own.
 */
static NTSTATUS nfwfp_change_begin_wait(struct nfwfp_session *s, bool *implicit,
					bool forever)
{
	NTSTATUS st;

	*implicit = !s->in_txn;
	if (*implicit) {
		st = nfwfp_txn_acquire(s, forever);
		if (!NT_SUCCESS(st))
			return st;
	} else if (s->txn_readonly) {
		return STATUS_FWP_INCOMPATIBLE_TXN;
	}
	mutex_lock(&nfwfp_engine_mutex);
	return STATUS_SUCCESS;
}

static NTSTATUS nfwfp_change_begin(struct nfwfp_session *s, bool *implicit)
{
	return nfwfp_change_begin_wait(s, implicit, false);
}

/*
 * Undo what the current change logged after @mark: a change made of several
 * steps (a flush) fails as a whole, inside a transaction too.
 */
static void nfwfp_rollback_to(struct nfwfp_session *s, struct list_head *mark)
{
	struct nfwfp_undo *u;

	while (s->undo.next != mark) {
		u = list_first_entry(&s->undo, struct nfwfp_undo, node);
		nfwfp_abort_one(u);
		list_del(&u->node);
		kfree(u);
	}
}

static void nfwfp_change_end_mark(struct nfwfp_session *s, bool implicit,
				  NTSTATUS st, struct list_head *mark)
{
	nfwfp_engine_gen++;
	if (!NT_SUCCESS(st) && mark)
		nfwfp_rollback_to(s, mark);
	if (implicit) {
		nfwfp_commit_locked(s);
		mutex_unlock(&nfwfp_engine_mutex);
		nfwfp_txn_release(s);
	} else {
		mutex_unlock(&nfwfp_engine_mutex);
	}
}

/* A single-step change that fails has logged nothing. */
static void nfwfp_change_end(struct nfwfp_session *s, bool implicit, NTSTATUS st)
{
	nfwfp_change_end_mark(s, implicit, st, NULL);
}

/* ---- sessions ------------------------------------------------------------- */

struct nfwfp_session *nfwfp_session_open(const FWPM_SESSION0 *tmpl,
					 unsigned long owner_ip, NTSTATUS *status)
{
	struct nfwfp_session *s, *o;

	s = kzalloc(sizeof(*s), GFP_KERNEL);
	if (!s) {
		*status = STATUS_NO_MEMORY;
		return NULL;
	}
	INIT_LIST_HEAD(&s->undo);
	s->owner_ip = owner_ip;
	if (tmpl) {
		s->key = tmpl->sessionKey;
		s->flags = tmpl->flags & FWPM_SESSION_FLAG_DYNAMIC;
		s->txn_timeout_ms = tmpl->txnWaitTimeoutInMSec;
	}
	mutex_lock(&nfwfp_engine_mutex);
	if (nfwfp_guid_is_zero(&s->key)) {
		nfwfp_guid_generate(&s->key);
	} else {
		list_for_each_entry(o, &nfwfp_sessions, node) {
			if (nfwfp_guid_eq(&o->key, &s->key)) {
				mutex_unlock(&nfwfp_engine_mutex);
				kfree(s);
				*status = STATUS_FWP_ALREADY_EXISTS;
				return NULL;
			}
		}
	}
	list_add_tail(&s->node, &nfwfp_sessions);
	mutex_unlock(&nfwfp_engine_mutex);
	*status = STATUS_SUCCESS;
	return s;
}

/* A handle is only dereferenced once it is found among the open sessions. */
struct nfwfp_session *nfwfp_session_lookup(HANDLE h)
{
	struct nfwfp_session *s;

	if (!h)
		return NULL;
	mutex_lock(&nfwfp_engine_mutex);
	list_for_each_entry(s, &nfwfp_sessions, node) {
		if (s == h) {
			mutex_unlock(&nfwfp_engine_mutex);
			return s;
		}
	}
	mutex_unlock(&nfwfp_engine_mutex);
	return NULL;
}

/* A session's close cannot fail: wait for memory rather than leave objects. */
static void nfwfp_undo_push_nofail(struct nfwfp_session *s,
				   enum nfwfp_undo_op op, void *obj)
{
	while (nfwfp_undo_push(s, op, obj))
		msleep(20);
}

/* Dynamic sessions take their objects with them: filters first. */
static void nfwfp_session_delete_objects(struct nfwfp_session *s)
{
	struct nfwfp_sublayer *sl, *stmp;
	struct nfwfp_filter *f, *ftmp;
	int layer;

	/* Fewer filters than now will need no more than the current count. */
	for (layer = 0; layer < NFWFP_L_MAX; layer++)
		while (nfwfp_snap_reserve(layer, nfwfp_layer_count[layer]))
			msleep(20);
	list_for_each_entry_safe(f, ftmp, &nfwfp_filters, node) {
		if (f->session != s)
			continue;
		nfwfp_undo_push_nofail(s, NFWFP_UNDO_DEL_FILTER, f);
		nfwfp_filter_unlink(f);
	}
	nfwfp_callouts_delete_session(s);
	list_for_each_entry_safe(sl, stmp, &nfwfp_sublayers, node) {
		if (sl->session != s || sl->nfilters)
			continue;
		nfwfp_undo_push_nofail(s, NFWFP_UNDO_DEL_SUBLAYER, sl);
		list_del(&sl->node);
	}
}

NTSTATUS nfwfp_session_close(struct nfwfp_session *s)
{
	bool implicit;

	if (s->in_txn)
		nfwfp_txn_abort(s);
	if ((s->flags & FWPM_SESSION_FLAG_DYNAMIC) || s->owns) {
		/*
		 * Closing cannot fail: wait for the token as long as it takes,
		 * or objects would outlive their session.
		 */
		nfwfp_change_begin_wait(s, &implicit, true);
		nfwfp_session_delete_objects(s);
		nfwfp_change_end(s, implicit, STATUS_SUCCESS);
	}
	mutex_lock(&nfwfp_engine_mutex);
	list_del(&s->node);
	mutex_unlock(&nfwfp_engine_mutex);
	kfree(s);
	return STATUS_SUCCESS;
}

/* Sessions whose opener unloaded without closing them. */
void nfwfp_sessions_owner_gone(struct module *mod)
{
	struct nfwfp_session *s;

	for (;;) {
		mutex_lock(&nfwfp_engine_mutex);
		list_for_each_entry(s, &nfwfp_sessions, node)
			if (within_module(s->owner_ip, mod))
				break;
		mutex_unlock(&nfwfp_engine_mutex);
		if (list_entry_is_head(s, &nfwfp_sessions, node))
			return;
		nfwfp_count_misuse("engine session left open by an unloading module");
		nfwfp_session_close(s);
	}
}

/* ---- sublayers ------------------------------------------------------------ */

static struct nfwfp_sublayer *nfwfp_sublayer_find(const GUID *key)
{
	struct nfwfp_sublayer *sl;

	list_for_each_entry(sl, &nfwfp_sublayers, node)
		if (nfwfp_guid_eq(&sl->key, key))
			return sl;
	return NULL;
}

/* The session an object added by @s as @dynamic belongs to. */
static struct nfwfp_session *nfwfp_owner(struct nfwfp_session *s, bool dynamic)
{
	if (!dynamic)
		return NULL;
	s->owns = true;
	return s;
}

static NTSTATUS nfwfp_sublayer_add_locked(struct nfwfp_session *s,
					  const FWPM_SUBLAYER0 *in, bool dynamic)
{
	struct nfwfp_sublayer *sl;

	if (!in->displayData.name)
		return STATUS_FWP_NULL_DISPLAY_NAME;
	if (!nfwfp_guid_is_zero(&in->subLayerKey) &&
	    nfwfp_sublayer_find(&in->subLayerKey))
		return STATUS_FWP_ALREADY_EXISTS;
	sl = nfwfp_sublayer_alloc();
	if (!sl)
		return STATUS_NO_MEMORY;
	sl->name = nfwfp_name_dup(in->displayData.name);
	if (!sl->name || nfwfp_undo_push(s, NFWFP_UNDO_ADD_SUBLAYER, sl)) {
		nfwfp_sublayer_free(sl);
		return STATUS_NO_MEMORY;
	}
	sl->key = in->subLayerKey;
	if (nfwfp_guid_is_zero(&sl->key))
		nfwfp_guid_generate(&sl->key);
	sl->weight = in->weight;
	sl->mflags = in->flags;
	sl->seq = ++nfwfp_seq;
	sl->session = nfwfp_owner(s, dynamic);
	sl->by_kernel = !s->netlink;
	list_add_tail(&sl->node, &nfwfp_sublayers);
	return STATUS_SUCCESS;
}

NTSTATUS nfwfp_sublayer_add(struct nfwfp_session *s, const FWPM_SUBLAYER0 *in,
			    bool dynamic)
{
	bool implicit;
	NTSTATUS st;

	st = nfwfp_change_begin(s, &implicit);
	if (!NT_SUCCESS(st))
		return st;
	st = nfwfp_sublayer_add_locked(s, in, dynamic);
	nfwfp_change_end(s, implicit, st);
	return st;
}

/* WFP's object rules for deleting an object a session may not own. */
static NTSTATUS nfwfp_may_delete(struct nfwfp_session *s,
				 struct nfwfp_session *owner)
{
	if (!(s->flags & FWPM_SESSION_FLAG_DYNAMIC))
		return STATUS_SUCCESS;
	if (!owner)
		return STATUS_FWP_DYNAMIC_SESSION_IN_PROGRESS;
	return owner == s ? STATUS_SUCCESS : STATUS_FWP_WRONG_SESSION;
}

static NTSTATUS nfwfp_sublayer_delete_locked(struct nfwfp_session *s,
					     const GUID *key)
{
	struct nfwfp_sublayer *sl = nfwfp_sublayer_find(key);
	NTSTATUS st;

	if (!sl)
		return STATUS_FWP_SUBLAYER_NOT_FOUND;
	if (sl->builtin)
		return STATUS_FWP_BUILTIN_OBJECT;
	st = nfwfp_may_delete(s, sl->session);
	if (!NT_SUCCESS(st))
		return st;
	if (sl->nfilters)
		return STATUS_FWP_IN_USE;
	if (nfwfp_undo_push(s, NFWFP_UNDO_DEL_SUBLAYER, sl))
		return STATUS_NO_MEMORY;
	list_del(&sl->node);
	return STATUS_SUCCESS;
}

NTSTATUS nfwfp_sublayer_delete(struct nfwfp_session *s, const GUID *key)
{
	bool implicit;
	NTSTATUS st;

	st = nfwfp_change_begin(s, &implicit);
	if (!NT_SUCCESS(st))
		return st;
	st = nfwfp_sublayer_delete_locked(s, key);
	nfwfp_change_end(s, implicit, st);
	return st;
}

/* ---- callout objects ------------------------------------------------------ */

static NTSTATUS nfwfp_callout_add_locked(struct nfwfp_session *s,
					 const FWPM_CALLOUT0 *in, bool dynamic,
					 u32 *id)
{
	struct nfwfp_callout *c;
	int layer;

	if (!in->displayData.name)
		return STATUS_FWP_NULL_DISPLAY_NAME;
	if (in->flags & FWPM_CALLOUT_FLAG_REGISTERED)
		return STATUS_FWP_INVALID_FLAGS;
	layer = nfwfp_layer_by_key(&in->applicableLayer);
	if (layer < 0)
		return STATUS_NOT_SUPPORTED;
	c = nfwfp_callout_get_or_create(&in->calloutKey);
	if (!c)
		return STATUS_NO_MEMORY;
	if (c->added)
		return STATUS_FWP_ALREADY_EXISTS;
	/*
	 * Deleted in the open transaction: an abort must restore that
	 * object as it was, so it cannot be re-added before the commit.
	 */
	if (c->name)
		return STATUS_FWP_IN_USE;
	c->name = nfwfp_name_dup(in->displayData.name);
	if (!c->name || nfwfp_undo_push(s, NFWFP_UNDO_ADD_CALLOUT, c)) {
		kfree(c->name);
		c->name = NULL;
		nfwfp_callout_put_if_unused(c);
		return STATUS_NO_MEMORY;
	}
	c->added = true;
	c->layer = layer;
	c->mflags = in->flags;
	c->session = nfwfp_owner(s, dynamic);
	c->by_kernel = !s->netlink;
	if (id)
		*id = c->id;
	return STATUS_SUCCESS;
}

NTSTATUS nfwfp_callout_add(struct nfwfp_session *s, const FWPM_CALLOUT0 *in,
			   bool dynamic, u32 *id)
{
	bool implicit;
	NTSTATUS st;

	st = nfwfp_change_begin(s, &implicit);
	if (!NT_SUCCESS(st))
		return st;
	st = nfwfp_callout_add_locked(s, in, dynamic, id);
	nfwfp_change_end(s, implicit, st);
	return st;
}

static NTSTATUS nfwfp_callout_delete_obj(struct nfwfp_session *s,
					 struct nfwfp_callout *c)
{
	NTSTATUS st;

	if (!c || !c->added)
		return STATUS_FWP_CALLOUT_NOT_FOUND;
	st = nfwfp_may_delete(s, c->session);
	if (!NT_SUCCESS(st))
		return st;
	if (c->nfilters)
		return STATUS_FWP_IN_USE;
	if (nfwfp_undo_push(s, NFWFP_UNDO_DEL_CALLOUT, c))
		return STATUS_NO_MEMORY;
	c->added = false;
	return STATUS_SUCCESS;
}

/* Called back by nfwfp_callouts_delete_session() for each of its callouts. */
void nfwfp_callout_delete_for_session(struct nfwfp_session *s,
				      struct nfwfp_callout *c)
{
	nfwfp_callout_delete_obj(s, c);
}

NTSTATUS nfwfp_callout_delete(struct nfwfp_session *s, const GUID *key,
			      const u32 *id)
{
	bool implicit;
	NTSTATUS st;

	st = nfwfp_change_begin(s, &implicit);
	if (!NT_SUCCESS(st))
		return st;
	st = nfwfp_callout_delete_obj(s, nfwfp_callout_find(key, id));
	nfwfp_change_end(s, implicit, st);
	return st;
}

/* ---- filters ---------------------------------------------------------------- */

static struct nfwfp_filter *nfwfp_filter_find(const GUID *key, const u64 *id)
{
	struct nfwfp_filter *f;

	list_for_each_entry(f, &nfwfp_filters, node)
		if (id ? f->id == *id : nfwfp_guid_eq(&f->key, key))
			return f;
	return NULL;
}

#define NFWFP_FILTER_FLAGS_OK (FWPM_FILTER_FLAG_CLEAR_ACTION_RIGHT |	\
			       FWPM_FILTER_FLAG_PERMIT_IF_CALLOUT_UNREGISTERED | \
			       FWPM_FILTER_FLAG_PERSISTENT)

static NTSTATUS nfwfp_filter_check(const FWPM_FILTER0 *in)
{
	FWP_ACTION_TYPE a = in->action.type;

	if (!in->displayData.name)
		return STATUS_FWP_NULL_DISPLAY_NAME;
	if (in->reserved)
		return STATUS_FWP_RESERVED;
	/* Persistence and provider contexts need a BFE store nfwfp lacks. */
	if (in->flags & ~NFWFP_FILTER_FLAGS_OK & ~FWPM_FILTER_FLAG_PERSISTENT)
		return (in->flags & FWPM_FILTER_FLAG_DISABLED) ?
		       STATUS_FWP_INVALID_FLAGS : STATUS_NOT_SUPPORTED;
	if (in->flags & FWPM_FILTER_FLAG_PERSISTENT)
		return STATUS_NOT_SUPPORTED;
	if (a != FWP_ACTION_BLOCK && a != FWP_ACTION_PERMIT &&
	    a != FWP_ACTION_CALLOUT_TERMINATING &&
	    a != FWP_ACTION_CALLOUT_INSPECTION &&
	    a != FWP_ACTION_CALLOUT_UNKNOWN)
		return STATUS_FWP_INVALID_ACTION_TYPE;
	if ((in->flags & FWPM_FILTER_FLAG_PERMIT_IF_CALLOUT_UNREGISTERED) &&
	    a != FWP_ACTION_CALLOUT_TERMINATING && a != FWP_ACTION_CALLOUT_UNKNOWN)
		return STATUS_FWP_INVALID_FLAGS;
	return STATUS_SUCCESS;
}

/* The run-time filter (FWPS_FILTER0..3 share this layout). */
static void nfwfp_filter_runtime(struct nfwfp_filter *f, const FWPM_FILTER0 *in)
{
	FWPS_FILTER3 *r = &f->fwps;
	u32 i;

	r->filterId = f->id;
	r->weight.type = FWP_UINT64;
	r->weight.uint64 = &f->weight;
	r->subLayerWeight = f->sublayer->weight;
	r->flags = 0;
	if (in->flags & FWPM_FILTER_FLAG_CLEAR_ACTION_RIGHT)
		r->flags |= FWPS_FILTER_FLAG_CLEAR_ACTION_RIGHT;
	if (in->flags & FWPM_FILTER_FLAG_PERMIT_IF_CALLOUT_UNREGISTERED)
		r->flags |= FWPS_FILTER_FLAG_PERMIT_IF_CALLOUT_UNREGISTERED;
	for (i = 0; i < f->ncond; i++)
		if (f->conds[i].or_next)
			r->flags |= FWPS_FILTER_FLAG_OR_CONDITIONS;
	r->numFilterConditions = f->ncond;
	r->filterCondition = f->fwps_conds;
	r->action.type = f->action;
	r->action.calloutId = f->callout ? f->callout->id : 0;
	r->context = in->rawContext;
	r->providerContext = NULL;
}

static NTSTATUS nfwfp_filter_bind(struct nfwfp_filter *f, const FWPM_FILTER0 *in)
{
	const GUID *slkey = &in->subLayerKey;

	if (nfwfp_guid_is_zero(slkey))
		slkey = &FWPM_SUBLAYER_UNIVERSAL;
	f->sublayer = nfwfp_sublayer_find(slkey);
	if (!f->sublayer)
		return STATUS_FWP_SUBLAYER_NOT_FOUND;
	/* No object may refer to one that can die first (object rules). */
	if (f->sublayer->session && f->sublayer->session != f->session)
		return STATUS_FWP_LIFETIME_MISMATCH;
	if (!(f->action & FWP_ACTION_FLAG_CALLOUT))
		return STATUS_SUCCESS;
	f->callout = nfwfp_callout_find(&in->action.calloutKey, NULL);
	if (!f->callout || !f->callout->added)
		return STATUS_FWP_CALLOUT_NOT_FOUND;
	if (f->callout->layer != f->layer)
		return STATUS_FWP_INCOMPATIBLE_LAYER;
	if (f->callout->session && f->callout->session != f->session)
		return STATUS_FWP_LIFETIME_MISMATCH;
	return STATUS_SUCCESS;
}

static NTSTATUS nfwfp_filter_add_locked(struct nfwfp_session *s,
					const FWPM_FILTER0 *in, bool dynamic,
					u64 *id)
{
	struct nfwfp_filter *f;
	NTSTATUS st;

	st = nfwfp_filter_check(in);
	if (!NT_SUCCESS(st))
		return st;
	if (!nfwfp_guid_is_zero(&in->filterKey) &&
	    nfwfp_filter_find(&in->filterKey, NULL))
		return STATUS_FWP_ALREADY_EXISTS;
	f = kzalloc(sizeof(*f), GFP_KERNEL);
	if (!f)
		return STATUS_NO_MEMORY;
	f->layer = nfwfp_layer_by_key(&in->layerKey);
	f->action = in->action.type;
	f->mflags = in->flags;
	f->session = dynamic ? s : NULL;
	f->by_kernel = !s->netlink;
	st = f->layer < 0 ? STATUS_NOT_SUPPORTED : nfwfp_filter_bind(f, in);
	if (NT_SUCCESS(st))
		st = nfwfp_filter_compile(f, in);
	if (!NT_SUCCESS(st))
		goto err_free;
	st = STATUS_NO_MEMORY;
	f->name = nfwfp_name_dup(in->displayData.name);
	if (!f->name || nfwfp_obj_stats_init(&f->stats))
		goto err_free;
	f->key = in->filterKey;
	if (nfwfp_guid_is_zero(&f->key))
		nfwfp_guid_generate(&f->key);
	f->id = nfwfp_next_filter_id;
	f->seq = ++nfwfp_seq;
	nfwfp_filter_runtime(f, in);

	if (nfwfp_snap_reserve(f->layer, nfwfp_layer_count[f->layer] + 1)) {
		st = STATUS_NO_MEMORY;
		goto err_free;
	}
	if (f->callout) {
		st = nfwfp_callout_notify(f->callout, FWPS_CALLOUT_NOTIFY_ADD_FILTER, f);
		if (!NT_SUCCESS(st)) {
			st = STATUS_FWP_CALLOUT_NOTIFICATION_FAILED;
			goto err_free;
		}
	}
	if (nfwfp_undo_push(s, NFWFP_UNDO_ADD_FILTER, f)) {
		if (f->callout)
			nfwfp_callout_notify(f->callout,
					     FWPS_CALLOUT_NOTIFY_DELETE_FILTER, f);
		st = STATUS_NO_MEMORY;
		goto err_free;
	}
	nfwfp_next_filter_id++;
	nfwfp_owner(s, dynamic);
	nfwfp_filter_link(f);
	if (id)
		*id = f->id;
	return STATUS_SUCCESS;

err_free:
	nfwfp_filter_free_rcu(&f->rcu);
	return st;
}

NTSTATUS nfwfp_filter_add(struct nfwfp_session *s, const FWPM_FILTER0 *in,
			  bool dynamic, u64 *id)
{
	bool implicit;
	NTSTATUS st;

	st = nfwfp_change_begin(s, &implicit);
	if (!NT_SUCCESS(st))
		return st;
	st = nfwfp_filter_add_locked(s, in, dynamic, id);
	nfwfp_change_end(s, implicit, st);
	return st;
}

static NTSTATUS nfwfp_filter_delete_obj(struct nfwfp_session *s,
					struct nfwfp_filter *f)
{
	NTSTATUS st;

	if (!f)
		return STATUS_FWP_FILTER_NOT_FOUND;
	st = nfwfp_may_delete(s, f->session);
	if (!NT_SUCCESS(st))
		return st;
	if (nfwfp_snap_reserve(f->layer, nfwfp_layer_count[f->layer]) ||
	    nfwfp_undo_push(s, NFWFP_UNDO_DEL_FILTER, f))
		return STATUS_NO_MEMORY;
	nfwfp_filter_unlink(f);
	return STATUS_SUCCESS;
}

NTSTATUS nfwfp_filter_delete(struct nfwfp_session *s, const GUID *key,
			     const u64 *id)
{
	bool implicit;
	NTSTATUS st;

	st = nfwfp_change_begin(s, &implicit);
	if (!NT_SUCCESS(st))
		return st;
	st = nfwfp_filter_delete_obj(s, nfwfp_filter_find(key, id));
	nfwfp_change_end(s, implicit, st);
	return st;
}

static bool nfwfp_flush_wants(struct nfwfp_session *s, struct nfwfp_filter *f,
			      int layer, const GUID *sublayer)
{
	if (layer >= 0 && f->layer != layer)
		return false;
	if (sublayer && !nfwfp_guid_eq(&f->sublayer->key, sublayer))
		return false;
	/* What other sessions own dynamically stays theirs. */
	return !f->session || f->session == s;
}

NTSTATUS nfwfp_filter_flush(struct nfwfp_session *s, int layer,
			    const GUID *sublayer, u32 *deleted)
{
	struct nfwfp_filter *f, *tmp;
	struct list_head *mark;
	NTSTATUS st = STATUS_SUCCESS;
	bool implicit;
	u32 n = 0;

	st = nfwfp_change_begin(s, &implicit);
	if (!NT_SUCCESS(st))
		return st;
	mark = s->undo.next;
	list_for_each_entry_safe(f, tmp, &nfwfp_filters, node) {
		if (!nfwfp_flush_wants(s, f, layer, sublayer))
			continue;
		st = nfwfp_filter_delete_obj(s, f);
		if (!NT_SUCCESS(st))
			break;
		n++;
	}
	nfwfp_change_end_mark(s, implicit, st, mark);
	*deleted = NT_SUCCESS(st) ? n : 0;
	return st;
}

/* Filters on a layer now (committed or not). */
u32 nfwfp_layer_filters(int layer)
{
	u32 n;

	mutex_lock(&nfwfp_engine_mutex);
	n = nfwfp_layer_count[layer];
	mutex_unlock(&nfwfp_engine_mutex);
	return n;
}

/* ---- debugfs ---------------------------------------------------------------- */

int nfwfp_obj_stats_init(struct nfwfp_obj_stats *st)
{
	memset(&st->base, 0, sizeof(st->base));
	st->pcpu = alloc_percpu(struct nfwfp_filter_stats);
	return st->pcpu ? 0 : -ENOMEM;
}

static void nfwfp_obj_stats_raw(const struct nfwfp_obj_stats *st,
				struct nfwfp_filter_stats *sum)
{
	int cpu;

	memset(sum, 0, sizeof(*sum));
	for_each_possible_cpu(cpu) {
		const struct nfwfp_filter_stats *p = per_cpu_ptr(st->pcpu, cpu);

		sum->matched += READ_ONCE(p->matched);
		sum->permitted += READ_ONCE(p->permitted);
		sum->blocked += READ_ONCE(p->blocked);
		sum->absorbed += READ_ONCE(p->absorbed);
	}
}

void nfwfp_obj_stats_read(const struct nfwfp_obj_stats *st,
			  struct nfwfp_filter_stats *sum)
{
	nfwfp_obj_stats_raw(st, sum);
	sum->matched -= st->base.matched;
	sum->permitted -= st->base.permitted;
	sum->blocked -= st->base.blocked;
	sum->absorbed -= st->base.absorbed;
}

static void nfwfp_obj_stats_reset(struct nfwfp_obj_stats *st)
{
	nfwfp_obj_stats_raw(st, &st->base);
}

void nfwfp_engine_reset_stats(void)
{
	struct nfwfp_sublayer *sl;
	struct nfwfp_callout *c;
	struct nfwfp_filter *f;

	mutex_lock(&nfwfp_engine_mutex);
	list_for_each_entry(sl, &nfwfp_sublayers, node)
		nfwfp_obj_stats_reset(&sl->stats);
	list_for_each_entry(c, &nfwfp_callouts, node)
		nfwfp_obj_stats_reset(&c->stats);
	list_for_each_entry(f, &nfwfp_filters, node)
		nfwfp_obj_stats_reset(&f->stats);
	mutex_unlock(&nfwfp_engine_mutex);
}

static void nfwfp_show_stats(struct seq_file *m,
			     const struct nfwfp_obj_stats *stats)
{
	struct nfwfp_filter_stats sum;

	nfwfp_obj_stats_read(stats, &sum);
	seq_printf(m, " matched=%llu permitted=%llu blocked=%llu absorbed=%llu\n",
		   sum.matched, sum.permitted, sum.blocked, sum.absorbed);
}

/* Every object with its counters, for /sys/kernel/debug/nfwfp/objects. */
void nfwfp_engine_show(struct seq_file *m)
{
	struct nfwfp_sublayer *sl;
	struct nfwfp_filter *f;

	mutex_lock(&nfwfp_engine_mutex);
	list_for_each_entry(sl, &nfwfp_sublayers, node) {
		seq_printf(m, "sublayer key=%pUl weight=%u filters=%u name=\"%s\"",
			   &sl->key, sl->weight, sl->nfilters, sl->name);
		nfwfp_show_stats(m, &sl->stats);
	}
	nfwfp_callouts_show(m);
	list_for_each_entry(f, &nfwfp_filters, node) {
		seq_printf(m, "filter id=%llu layer=%s sublayer=%pUl weight=%#llx action=%#x callout=%u conditions=%u",
			   f->id, nfwfp_layers[f->layer].name, &f->sublayer->key,
			   f->weight, f->action, f->callout ? f->callout->id : 0,
			   f->ncond);
		nfwfp_show_stats(m, &f->stats);
	}
	mutex_unlock(&nfwfp_engine_mutex);
}

void nfwfp_callout_show_stats(struct seq_file *m, struct nfwfp_callout *c)
{
	nfwfp_show_stats(m, &c->stats);
}

/* ---- init ------------------------------------------------------------------- */

/*
 * Every layer inherits the built-in sublayers. Windows does not document
 * their weights; UNIVERSAL must weigh more than 0 (transport callouts are
 * told to stay below it) and INSPECTION is "the lowest weighted".
 */
static const struct {
	const GUID *key;
	u16 weight;
	const char *name;
} nfwfp_builtin_sublayers[] = {
	{ &FWPM_SUBLAYER_UNIVERSAL, 0x8000, "universal" },
	{ &FWPM_SUBLAYER_INSPECTION, 0, "inspection" },
};

int nfwfp_engine_init(void)
{
	struct nfwfp_sublayer *sl;
	int i;

	for (i = 0; i < ARRAY_SIZE(nfwfp_builtin_sublayers); i++) {
		sl = nfwfp_sublayer_alloc();
		if (sl)
			sl->name = kstrdup(nfwfp_builtin_sublayers[i].name, GFP_KERNEL);
		if (!sl || !sl->name) {
			if (sl)
				nfwfp_sublayer_free(sl);
			nfwfp_engine_uninit();
			return -ENOMEM;
		}
		sl->key = *nfwfp_builtin_sublayers[i].key;
		sl->weight = nfwfp_builtin_sublayers[i].weight;
		sl->builtin = true;
		sl->seq = ++nfwfp_seq;
		list_add_tail(&sl->node, &nfwfp_sublayers);
	}
	return 0;
}

/*
 * Module unload: every callout driver and session is gone by now (they
 * hold references on nfwfp), so only the built-in objects and objects of
 * sessions nobody closed remain.
 */
void nfwfp_engine_uninit(void)
{
	struct nfwfp_sublayer *sl, *stmp;
	struct nfwfp_filter *f, *ftmp;
	struct nfwfp_session *s, *tmp;
	int layer;

	list_for_each_entry_safe(s, tmp, &nfwfp_sessions, node)
		nfwfp_session_close(s);
	mutex_lock(&nfwfp_engine_mutex);
	list_for_each_entry_safe(f, ftmp, &nfwfp_filters, node) {
		nfwfp_filter_unlink(f);
		call_rcu(&f->rcu, nfwfp_filter_free_rcu);
	}
	for (layer = 0; layer < NFWFP_L_MAX; layer++) {
		nfwfp_publish_layer(layer);
		kvfree(nfwfp_spare[layer]);
		nfwfp_spare[layer] = NULL;
	}
	nfwfp_dirty_layers = 0;
	nfwfp_callouts_uninit();
	list_for_each_entry_safe(sl, stmp, &nfwfp_sublayers, node) {
		list_del(&sl->node);
		nfwfp_sublayer_free(sl);
	}
	mutex_unlock(&nfwfp_engine_mutex);
	rcu_barrier();
}
