// SPDX-License-Identifier: GPL-2.0
/*
 * Run-time state over netlink: injection handles, the global counters and
 * their reset, the limits and the injection mark mask.
 */
#include <linux/slab.h>
#include <linux/kallsyms.h>

#include "nfwfp.h"
#include "netlink.h"
#include "counters.h"
#include "inject.h"
#include "netcap.h"

/* ---- handles --------------------------------------------------------------- */

/* The module an address belongs to, from "%ps": "name [module]". */
int nfwfp_nl_put_module_of(struct sk_buff *msg, int type, unsigned long ip)
{
	char sym[KSYM_SYMBOL_LEN], *mod, *end;

	snprintf(sym, sizeof(sym), "%ps", (void *)ip);
	mod = strchr(sym, '[');
	end = mod ? strchr(mod, ']') : NULL;
	if (!end)
		return nla_put_string(msg, type, "kernel");
	*end = '\0';
	return nla_put_string(msg, type, mod + 1);
}

static int nfwfp_nl_put_handle(struct sk_buff *msg, const struct nfwfp_handle_info *hi)
{
	return nla_put_u64_64bit(msg, NFWFP_HANDLE_A_ID, hi->id, NFWFP_HANDLE_A_PAD) ||
	       nla_put_u8(msg, NFWFP_HANDLE_A_FAMILY, hi->family) ||
	       nla_put_u32(msg, NFWFP_HANDLE_A_FLAGS,
			   hi->closing ? NFWFP_HANDLE_F_CLOSING : 0) ||
	       nfwfp_nl_put_module_of(msg, NFWFP_HANDLE_A_OWNER, hi->owner_ip) ||
	       nla_put_u64_64bit(msg, NFWFP_HANDLE_A_REQUESTED, hi->requested,
				 NFWFP_HANDLE_A_PAD) ||
	       nla_put_u64_64bit(msg, NFWFP_HANDLE_A_SENT, hi->sent, NFWFP_HANDLE_A_PAD) ||
	       nla_put_u64_64bit(msg, NFWFP_HANDLE_A_FAILED, hi->failed,
				 NFWFP_HANDLE_A_PAD) ||
	       nla_put_u64_64bit(msg, NFWFP_HANDLE_A_COMPLETED, hi->completed,
				 NFWFP_HANDLE_A_PAD) ||
	       nla_put_u32(msg, NFWFP_HANDLE_A_OUTSTANDING, hi->outstanding) ?
	       -EMSGSIZE : 0;
}

/* cb->args[0]: the id after which to go on (ids only grow). */
int nfwfp_nl_handle_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct nfwfp_handle_info *arr;
	int n, i, sent = 0;
	void *hdr;

	n = nfwfp_inject_handles_snapshot(&arr);
	if (n < 0)
		return n;
	for (i = 0; i < n; i++) {
		if (arr[i].id <= (u64)cb->args[0])
			continue;
		hdr = genlmsg_put(skb, NETLINK_CB(cb->skb).portid, cb->nlh->nlmsg_seq,
				  &nfwfp_genl_family, NLM_F_MULTI, NFWFP_CMD_GET_HANDLE);
		if (!hdr)
			break;
		if (nfwfp_nl_put_handle(skb, &arr[i])) {
			genlmsg_cancel(skb, hdr);
			break;
		}
		genlmsg_end(skb, hdr);
		cb->args[0] = arr[i].id;
		sent++;
	}
	kvfree(arr);
	if (!sent && i < n)
		return -EMSGSIZE;
	return skb->len;
}

/* ---- counters -------------------------------------------------------------- */

static int nfwfp_nl_put_counter(void *arg, const char *name, u64 value)
{
	struct sk_buff *msg = arg;
	struct nlattr *nest = nla_nest_start(msg, NFWFP_STATS_A_COUNTER);

	if (!nest || nla_put_string(msg, NFWFP_COUNTER_A_NAME, name) ||
	    nla_put_u64_64bit(msg, NFWFP_COUNTER_A_VALUE, value, NFWFP_COUNTER_A_PAD))
		return -EMSGSIZE;
	nla_nest_end(msg, nest);
	return 0;
}

int nfwfp_nl_stats_get(struct sk_buff *skb, struct genl_info *info)
{
	struct sk_buff *msg;
	void *hdr;
	int err;

	msg = genlmsg_new(2 * NLMSG_DEFAULT_SIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	hdr = genlmsg_put_reply(msg, info, &nfwfp_genl_family, 0, NFWFP_CMD_GET_STATS);
	err = hdr ? nfwfp_counters_walk(nfwfp_nl_put_counter, msg) : -EMSGSIZE;
	if (err) {
		nlmsg_free(msg);
		return err;
	}
	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);
}

/*
 * Neither a reset nor a limit can be undone by an abort: refuse them on a
 * socket with a transaction open rather than apply them at once.
 */
static int nfwfp_nl_not_in_txn(struct genl_info *info)
{
	if (!nfwfp_nl_sess_in_txn(info))
		return 0;
	GENL_SET_ERR_MSG(info,
			 "not transactional: the socket has a transaction open; apply it outside the transaction (outside nfwfpctl -f)");
	return -EBUSY;
}

int nfwfp_nl_stats_reset(struct sk_buff *skb, struct genl_info *info)
{
	int err = nfwfp_nl_not_in_txn(info);

	if (err)
		return err;
	nfwfp_counters_reset();
	return 0;
}

/* ---- limits and the mark mask ------------------------------------------- */

/* SET_CONFIG reads, changes and writes back several values. */
static DEFINE_MUTEX(nfwfp_nl_config_mutex);

const struct nla_policy nfwfp_nl_config_policy[NFWFP_CONFIG_A_MAX + 1] = {
	[NFWFP_CONFIG_A_INJECT_MAX_INFLIGHT]	= NLA_POLICY_MIN(NLA_U32, 1),
	[NFWFP_CONFIG_A_INJECT_MAX_BACKLOG]	= NLA_POLICY_MIN(NLA_U32, 1),
	[NFWFP_CONFIG_A_INJECT_BUDGET]		= NLA_POLICY_RANGE(NLA_U8, 1, 16),
	[NFWFP_CONFIG_A_HELD_MAX_PER_NETNS]	= NLA_POLICY_MIN(NLA_U32, 1),
	[NFWFP_CONFIG_A_INJECT_MARK_MASK]	= { .type = NLA_U32 },
};

int nfwfp_nl_config_get(struct sk_buff *skb, struct genl_info *info)
{
	struct nfwfp_inject_limits l;
	struct sk_buff *msg;
	void *hdr;

	msg = nfwfp_nl_reply_new(info, NFWFP_CMD_GET_CONFIG, &hdr);
	if (!msg)
		return -ENOMEM;
	nfwfp_inject_get_limits(&l);
	if (nla_put_u32(msg, NFWFP_CONFIG_A_INJECT_MAX_INFLIGHT, l.max_inflight) ||
	    nla_put_u32(msg, NFWFP_CONFIG_A_INJECT_MAX_BACKLOG, l.max_backlog) ||
	    nla_put_u8(msg, NFWFP_CONFIG_A_INJECT_BUDGET, min_t(u32, l.budget, 16)) ||
	    nla_put_u32(msg, NFWFP_CONFIG_A_HELD_MAX_PER_NETNS, nfwfp_netcap_max()) ||
	    nla_put_u32(msg, NFWFP_CONFIG_A_INJECT_MARK_MASK, nfwfp_tag_mask())) {
		nlmsg_free(msg);
		return -EMSGSIZE;
	}
	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);
}

static int nfwfp_nl_set_mask(struct genl_info *info, const struct nlattr *a)
{
	u32 mask = nla_get_u32(a);
	int err;

	if (mask == nfwfp_tag_mask())
		return 0;
	err = nfwfp_tag_change_mask(mask);
	if (err == -EINVAL)
		NL_SET_ERR_MSG_ATTR(info->extack, a,
				    "a mark mask needs 0 or at least 2 bits");
	else if (err)
		NL_SET_ERR_MSG_ATTR(info->extack, a,
				    "a packet tagged under the mask before the current one is still queued; the mark mask cannot change now");
	return err;
}

int nfwfp_nl_config_set(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr **tb = info->attrs;
	struct nfwfp_inject_limits l;
	struct nlattr *mask = tb[NFWFP_CONFIG_A_INJECT_MARK_MASK];
	int err = nfwfp_nl_not_in_txn(info);

	if (err)
		return err;
	/* The policy checked the limits; only the mask can still be refused. */
	mutex_lock(&nfwfp_nl_config_mutex);
	if (mask) {
		err = nfwfp_nl_set_mask(info, mask);
		if (err) {
			mutex_unlock(&nfwfp_nl_config_mutex);
			return err;
		}
	}
	nfwfp_inject_get_limits(&l);
	if (tb[NFWFP_CONFIG_A_INJECT_MAX_INFLIGHT])
		l.max_inflight = nla_get_u32(tb[NFWFP_CONFIG_A_INJECT_MAX_INFLIGHT]);
	if (tb[NFWFP_CONFIG_A_INJECT_MAX_BACKLOG])
		l.max_backlog = nla_get_u32(tb[NFWFP_CONFIG_A_INJECT_MAX_BACKLOG]);
	if (tb[NFWFP_CONFIG_A_INJECT_BUDGET])
		l.budget = nla_get_u8(tb[NFWFP_CONFIG_A_INJECT_BUDGET]);
	nfwfp_inject_set_limits(&l);
	if (tb[NFWFP_CONFIG_A_HELD_MAX_PER_NETNS])
		nfwfp_netcap_set_max(nla_get_u32(tb[NFWFP_CONFIG_A_HELD_MAX_PER_NETNS]));
	mutex_unlock(&nfwfp_nl_config_mutex);
	return 0;
}
