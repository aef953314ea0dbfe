// SPDX-License-Identifier: GPL-2.0
/*
 * Netlink sockets as engine sessions. Each socket that changes something
 * gets its own nfwfp_session, made on its first change and closed when the
 * socket is released: its open transaction is aborted and the objects it
 * added as dynamic are deleted, like a dynamic FWPM session's. Requests
 * of one socket run one at a time (ns->lock), as a session is not meant
 * for concurrent use.
 */
#include <linux/slab.h>
#include <linux/mutex.h>
#include <linux/notifier.h>
#include <linux/netlink.h>
#include <linux/refcount.h>

#include "nfwfp.h"
#include "netlink.h"

struct nfwfp_nl_sess {
	struct list_head node;		/* nfwfp_nl_sessions */
	const struct net *net;		/* identity only, never dereferenced */
	u32 portid;
	refcount_t refs;
	struct mutex lock;		/* one request at a time */
	struct nfwfp_session *s;
};

static LIST_HEAD(nfwfp_nl_sessions);
static DEFINE_MUTEX(nfwfp_nl_sessions_mutex);

static struct nfwfp_nl_sess *nfwfp_nl_sess_find(const struct net *net, u32 portid)
{
	struct nfwfp_nl_sess *ns;

	lockdep_assert_held(&nfwfp_nl_sessions_mutex);
	list_for_each_entry(ns, &nfwfp_nl_sessions, node)
		if (ns->net == net && ns->portid == portid)
			return ns;
	return NULL;
}

static struct nfwfp_nl_sess *nfwfp_nl_sess_create(const struct net *net, u32 portid)
{
	struct nfwfp_nl_sess *ns = kzalloc(sizeof(*ns), GFP_KERNEL);
	NTSTATUS st;

	if (!ns)
		return NULL;
	ns->s = nfwfp_session_open(NULL, _RET_IP_, &st);
	if (!ns->s) {
		kfree(ns);
		return NULL;
	}
	ns->s->netlink = true;
	ns->net = net;
	ns->portid = portid;
	refcount_set(&ns->refs, 1);	/* the list's */
	mutex_init(&ns->lock);
	list_add(&ns->node, &nfwfp_nl_sessions);
	return ns;
}

/* The socket's session, locked for this request; NULL without memory. */
struct nfwfp_nl_sess *nfwfp_nl_sess_get(struct genl_info *info)
{
	const struct net *net = genl_info_net(info);
	struct nfwfp_nl_sess *ns;

	mutex_lock(&nfwfp_nl_sessions_mutex);
	ns = nfwfp_nl_sess_find(net, info->snd_portid);
	if (!ns)
		ns = nfwfp_nl_sess_create(net, info->snd_portid);
	if (ns)
		refcount_inc(&ns->refs);
	mutex_unlock(&nfwfp_nl_sessions_mutex);
	if (ns)
		mutex_lock(&ns->lock);
	else
		GENL_SET_ERR_MSG(info, "no memory for the socket's session");
	return ns;
}

/*
 * Whether the socket of @info has a transaction open. Limits and counter
 * resets are not part of the engine's undo log: they would apply at once
 * and outlive an abort, so their ops refuse while this is true.
 */
bool nfwfp_nl_sess_in_txn(struct genl_info *info)
{
	struct nfwfp_nl_sess *ns;
	bool in_txn;

	mutex_lock(&nfwfp_nl_sessions_mutex);
	ns = nfwfp_nl_sess_find(genl_info_net(info), info->snd_portid);
	if (ns)
		refcount_inc(&ns->refs);
	mutex_unlock(&nfwfp_nl_sessions_mutex);
	if (!ns)
		return false;
	mutex_lock(&ns->lock);
	in_txn = ns->s->in_txn;
	nfwfp_nl_sess_put(ns);
	return in_txn;
}

static void nfwfp_nl_sess_free(struct nfwfp_nl_sess *ns)
{
	nfwfp_session_close(ns->s);
	mutex_destroy(&ns->lock);
	kfree(ns);
}

void nfwfp_nl_sess_put(struct nfwfp_nl_sess *ns)
{
	mutex_unlock(&ns->lock);
	if (refcount_dec_and_test(&ns->refs))
		nfwfp_nl_sess_free(ns);
}

struct nfwfp_session *nfwfp_nl_session(struct nfwfp_nl_sess *ns)
{
	return ns->s;
}

/*
 * The socket is gone: nothing of its session may stay. Closing aborts the
 * transaction and deletes the dynamic objects; a request still running
 * holds a reference and the last put closes.
 */
static int nfwfp_nl_release(struct notifier_block *nb, unsigned long event,
			    void *ptr)
{
	struct netlink_notify *n = ptr;
	struct nfwfp_nl_sess *ns;

	if (event != NETLINK_URELEASE || n->protocol != NETLINK_GENERIC)
		return NOTIFY_DONE;
	mutex_lock(&nfwfp_nl_sessions_mutex);
	ns = nfwfp_nl_sess_find(n->net, n->portid);
	if (ns)
		list_del(&ns->node);
	mutex_unlock(&nfwfp_nl_sessions_mutex);
	if (ns && refcount_dec_and_test(&ns->refs))
		nfwfp_nl_sess_free(ns);
	return NOTIFY_DONE;
}

static struct notifier_block nfwfp_nl_release_nb = {
	.notifier_call = nfwfp_nl_release,
};

int nfwfp_nl_sessions_init(void)
{
	return netlink_register_notifier(&nfwfp_nl_release_nb);
}

/* The family is unregistered: no request runs, every session can go. */
void nfwfp_nl_sessions_uninit(void)
{
	struct nfwfp_nl_sess *ns, *tmp;

	netlink_unregister_notifier(&nfwfp_nl_release_nb);
	list_for_each_entry_safe(ns, tmp, &nfwfp_nl_sessions, node) {
		list_del(&ns->node);
		nfwfp_nl_sess_free(ns);
	}
}

/* ---- engine statuses as errnos ----------------------------------------- */

static const struct {
	NTSTATUS st;
	int err;
	const char *msg;
} nfwfp_nl_statuses[] = {
	{ STATUS_FWP_ALREADY_EXISTS, -EEXIST,
	  "FWP_E_ALREADY_EXISTS: an object with this key exists" },
	{ STATUS_FWP_CALLOUT_NOT_FOUND, -ENOENT,
	  "FWP_E_CALLOUT_NOT_FOUND: no callout object with this key or id" },
	{ STATUS_FWP_FILTER_NOT_FOUND, -ENOENT,
	  "FWP_E_FILTER_NOT_FOUND: no filter with this key or id" },
	{ STATUS_FWP_SUBLAYER_NOT_FOUND, -ENOENT,
	  "FWP_E_SUBLAYER_NOT_FOUND: no sublayer with this key" },
	{ STATUS_FWP_CONDITION_NOT_FOUND, -EINVAL,
	  "FWP_E_CONDITION_NOT_FOUND: the layer has no such field" },
	{ STATUS_FWP_IN_USE, -EBUSY,
	  "FWP_E_IN_USE: filters still refer to the object" },
	{ STATUS_FWP_BUILTIN_OBJECT, -EPERM,
	  "FWP_E_BUILTIN_OBJECT: built-in objects cannot be deleted" },
	{ STATUS_FWP_WRONG_SESSION, -EPERM,
	  "FWP_E_WRONG_SESSION: another socket or session owns the object" },
	{ STATUS_FWP_DYNAMIC_SESSION_IN_PROGRESS, -EPERM,
	  "FWP_E_DYNAMIC_SESSION_IN_PROGRESS: a dynamic session cannot delete static objects" },
	{ STATUS_FWP_LIFETIME_MISMATCH, -EINVAL,
	  "FWP_E_LIFETIME_MISMATCH: a static object cannot refer to a dynamic one" },
	{ STATUS_FWP_INCOMPATIBLE_LAYER, -EINVAL,
	  "FWP_E_INCOMPATIBLE_LAYER: the callout applies to another layer" },
	{ STATUS_FWP_INCOMPATIBLE_TXN, -EPERM,
	  "FWP_E_INCOMPATIBLE_TXN: the socket's transaction is read-only" },
	{ STATUS_FWP_TXN_IN_PROGRESS, -EBUSY,
	  "FWP_E_TXN_IN_PROGRESS: the socket has a transaction open" },
	{ STATUS_FWP_NO_TXN_IN_PROGRESS, -ENOENT,
	  "FWP_E_NO_TXN_IN_PROGRESS: the socket has no transaction open" },
	{ STATUS_FWP_TIMEOUT, -ETIMEDOUT,
	  "FWP_E_TIMEOUT: another writer held the engine's transaction lock" },
	{ STATUS_CANCELLED, -EINTR,
	  "interrupted while waiting for the engine's transaction lock" },
	{ STATUS_FWP_INVALID_ACTION_TYPE, -EINVAL,
	  "FWP_E_INVALID_ACTION_TYPE: unknown action" },
	{ STATUS_FWP_INVALID_FLAGS, -EINVAL,
	  "FWP_E_INVALID_FLAGS: flags not valid for this object or action" },
	{ STATUS_FWP_INVALID_NET_MASK, -EINVAL,
	  "FWP_E_INVALID_NET_MASK: bad prefix length or mask" },
	{ STATUS_FWP_INVALID_RANGE, -EINVAL,
	  "FWP_E_INVALID_RANGE: the range's low end is above its high end" },
	{ STATUS_FWP_INVALID_WEIGHT, -EINVAL,
	  "FWP_E_INVALID_WEIGHT: bad weight" },
	{ STATUS_FWP_MATCH_TYPE_MISMATCH, -EINVAL,
	  "FWP_E_MATCH_TYPE_MISMATCH: the match type does not apply to this value" },
	{ STATUS_FWP_TYPE_MISMATCH, -EINVAL,
	  "FWP_E_TYPE_MISMATCH: the value does not fit the field's type" },
	{ STATUS_FWP_OUT_OF_BOUNDS, -ERANGE,
	  "FWP_E_OUT_OF_BOUNDS: value out of bounds" },
	{ STATUS_FWP_NULL_DISPLAY_NAME, -EINVAL,
	  "FWP_E_NULL_DISPLAY_NAME: a name is required" },
	{ STATUS_FWP_CALLOUT_NOTIFICATION_FAILED, -ECANCELED,
	  "FWP_E_CALLOUT_NOTIFICATION_FAILED: the callout refused the filter" },
	{ STATUS_FWP_INVALID_PARAMETER, -EINVAL,
	  "FWP_E_INVALID_PARAMETER: invalid parameter" },
	{ STATUS_NOT_SUPPORTED, -EOPNOTSUPP,
	  "not supported by nfwfp" },
	{ STATUS_NO_MEMORY, -ENOMEM, "out of memory" },
	{ STATUS_INVALID_PARAMETER, -EINVAL, "invalid parameter" },
};

int nfwfp_nl_status(struct genl_info *info, NTSTATUS st,
		    const struct nlattr *attr)
{
	unsigned int i;

	if (NT_SUCCESS(st))
		return 0;
	for (i = 0; i < ARRAY_SIZE(nfwfp_nl_statuses); i++) {
		if (nfwfp_nl_statuses[i].st != st)
			continue;
		nfwfp_nl_msg(info, attr, nfwfp_nl_statuses[i].msg);
		return nfwfp_nl_statuses[i].err;
	}
	GENL_SET_ERR_MSG(info, "the engine refused the change");
	return -EINVAL;
}

/* ---- the socket's transaction ------------------------------------------- */

const struct nla_policy nfwfp_nl_txn_policy[NFWFP_TXN_A_MAX + 1] = {
	[NFWFP_TXN_A_FLAGS] = NLA_POLICY_MASK(NLA_U32, NFWFP_TXN_F_READ_ONLY),
};

int nfwfp_nl_txn_begin(struct sk_buff *skb, struct genl_info *info)
{
	u32 flags = 0;
	struct nfwfp_nl_sess *ns;
	NTSTATUS st;

	if (info->attrs[NFWFP_TXN_A_FLAGS])
		flags = nla_get_u32(info->attrs[NFWFP_TXN_A_FLAGS]);
	ns = nfwfp_nl_sess_get(info);
	if (!ns)
		return -ENOMEM;
	st = nfwfp_txn_begin(ns->s, flags & NFWFP_TXN_F_READ_ONLY ?
				    FWPM_TXN_READ_ONLY : 0);
	nfwfp_nl_sess_put(ns);
	return nfwfp_nl_status(info, st, NULL);
}

static int nfwfp_nl_txn_end(struct genl_info *info, bool commit)
{
	struct nfwfp_nl_sess *ns = nfwfp_nl_sess_get(info);
	NTSTATUS st;

	if (!ns)
		return -ENOMEM;
	st = commit ? nfwfp_txn_commit(ns->s) : nfwfp_txn_abort(ns->s);
	nfwfp_nl_sess_put(ns);
	return nfwfp_nl_status(info, st, NULL);
}

int nfwfp_nl_txn_commit(struct sk_buff *skb, struct genl_info *info)
{
	return nfwfp_nl_txn_end(info, true);
}

int nfwfp_nl_txn_abort(struct sk_buff *skb, struct genl_info *info)
{
	return nfwfp_nl_txn_end(info, false);
}
