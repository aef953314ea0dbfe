// SPDX-License-Identifier: GPL-2.0
/*
 * The control plane: generic netlink family "nfwfp" (include/uapi/nfwfp.h).
 *
 * Every operation is GENL_ADMIN_PERM, which netlink_capable() checks against
 * the initial user namespace: a container's root cannot read or change the
 * filters, which are global like WFP's and name other tenants' addresses.
 *
 * parallel_ops: a change may wait up to 15 s for the engine's transaction
 * lock, which another socket's transaction holds until that socket commits;
 * under the global genl_mutex that commit could never run. Requests lock
 * what they touch themselves (engine mutex, the socket's session).
 */
#include <linux/module.h>
#include <linux/nls.h>
#include <linux/slab.h>

#include "nfwfp.h"
#include "netlink.h"
#include "classify.h"

/* Events go out only while the family is registered. */
static bool nfwfp_nl_live;

static int nfwfp_nl_get_info(struct sk_buff *skb, struct genl_info *info)
{
	struct sk_buff *msg;
	void *hdr;

	msg = genlmsg_new(NLMSG_DEFAULT_SIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;

	hdr = genlmsg_put_reply(msg, info, &nfwfp_genl_family, 0,
				NFWFP_CMD_GET_INFO);
	if (!hdr)
		goto nla_put_failure;

	if (nla_put_string(msg, NFWFP_INFO_A_VERSION, NFWFP_VERSION) ||
	    nla_put_u32(msg, NFWFP_INFO_A_GENL_VERSION, NFWFP_GENL_VERSION))
		goto nla_put_failure;

	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);

nla_put_failure:
	nlmsg_free(msg);
	return -EMSGSIZE;
}

static int nfwfp_nl_put_field(struct sk_buff *msg, const struct nfwfp_field_info *fi,
			      u16 index)
{
	struct nlattr *nest = nla_nest_start(msg, index + 1);

	if (!nest ||
	    nla_put_u16(msg, NFWFP_FIELD_A_INDEX, index) ||
	    nla_put_string(msg, NFWFP_FIELD_A_NAME, fi->name) ||
	    nla_put_u16(msg, NFWFP_FIELD_A_TYPE, fi->type) ||
	    nla_put(msg, NFWFP_FIELD_A_KEY, sizeof(*fi->key), fi->key))
		return -EMSGSIZE;
	nla_nest_end(msg, nest);
	return 0;
}

static int nfwfp_nl_put_layer(struct sk_buff *msg, int layer,
			      const struct nfwfp_stats *st)
{
	const struct nfwfp_layer_info *li = &nfwfp_layers[layer];
	struct nlattr *fields;
	u16 i;

	if (nla_put_u16(msg, NFWFP_LAYER_A_ID, li->layer_id) ||
	    nla_put_string(msg, NFWFP_LAYER_A_NAME, li->name) ||
	    nla_put(msg, NFWFP_LAYER_A_KEY, sizeof(*li->key), li->key) ||
	    nla_put_u8(msg, NFWFP_LAYER_A_FAMILY, li->family) ||
	    nla_put_u32(msg, NFWFP_LAYER_A_FILTERS, nfwfp_layer_filters(layer)) ||
	    nla_put_u64_64bit(msg, NFWFP_LAYER_A_CLASSIFIED, st->layer[layer],
			      NFWFP_LAYER_A_PAD) ||
	    nla_put_u64_64bit(msg, NFWFP_LAYER_A_BLOCKED, st->layer_block[layer],
			      NFWFP_LAYER_A_PAD))
		return -EMSGSIZE;
	fields = nla_nest_start(msg, NFWFP_LAYER_A_FIELDS);
	if (!fields)
		return -EMSGSIZE;
	for (i = 0; i < li->num_fields; i++)
		if (nfwfp_nl_put_field(msg, &li->fields[i], i))
			return -EMSGSIZE;
	nla_nest_end(msg, fields);
	return 0;
}

/* cb->args[0]: the next layer to send. */
static int nfwfp_nl_dump_layers(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct nfwfp_stats *st;
	int layer = cb->args[0];
	void *hdr;

	st = kmalloc(sizeof(*st), GFP_KERNEL);
	if (!st)
		return -ENOMEM;
	nfwfp_stats_sum(st);
	for (; layer < NFWFP_L_MAX; layer++) {
		hdr = genlmsg_put(skb, NETLINK_CB(cb->skb).portid,
				  cb->nlh->nlmsg_seq, &nfwfp_genl_family,
				  NLM_F_MULTI, NFWFP_CMD_GET_LAYER);
		if (!hdr)
			break;
		if (nfwfp_nl_put_layer(skb, layer, st)) {
			genlmsg_cancel(skb, hdr);
			break;
		}
		genlmsg_end(skb, hdr);
	}
	kfree(st);
	/* Not even one layer fits: an empty skb would end the dump early. */
	if (layer == cb->args[0] && layer < NFWFP_L_MAX)
		return -EMSGSIZE;
	cb->args[0] = layer;
	return skb->len;
}

/* ---- helpers shared by the object files --------------------------------- */

int nfwfp_nl_layer_by_id(u16 id)
{
	int i;

	for (i = 0; i < NFWFP_L_MAX; i++)
		if (nfwfp_layers[i].layer_id == id)
			return i;
	return -1;
}

struct nlattr *nfwfp_nl_guid_attr(struct genl_info *info, int type, GUID *out)
{
	struct nlattr *a = info->attrs[type];

	if (a)
		nla_memcpy(out, a, sizeof(*out));
	return a;
}

int nfwfp_nl_put_guid(struct sk_buff *msg, int type, const GUID *g)
{
	return nla_put(msg, type, sizeof(*g), g);
}

/* MATCHED, PERMITTED, BLOCKED, ABSORBED are consecutive in every object. */
int nfwfp_nl_put_counters(struct sk_buff *msg, const struct nfwfp_obj_stats *st,
			  int matched, int pad)
{
	struct nfwfp_filter_stats sum;

	nfwfp_obj_stats_read(st, &sum);
	return nla_put_u64_64bit(msg, matched, sum.matched, pad) ||
	       nla_put_u64_64bit(msg, matched + 1, sum.permitted, pad) ||
	       nla_put_u64_64bit(msg, matched + 2, sum.blocked, pad) ||
	       nla_put_u64_64bit(msg, matched + 3, sum.absorbed, pad) ? -EMSGSIZE : 0;
}

wchar_t *nfwfp_nl_name(const struct nlattr *attr)
{
	int len = nla_len(attr), n;
	wchar_t *w;

	/* UTF-16 never needs more units than UTF-8 has bytes. */
	w = kcalloc(len + 1, sizeof(*w), GFP_KERNEL);
	if (!w)
		return NULL;
	n = utf8s_to_utf16s(nla_data(attr), strnlen(nla_data(attr), len),
			    UTF16_HOST_ENDIAN, w, len);
	w[n < 0 ? 0 : n] = 0;
	return w;
}

struct sk_buff *nfwfp_nl_reply_new(struct genl_info *info, u8 cmd, void **hdr)
{
	struct sk_buff *msg = genlmsg_new(NLMSG_DEFAULT_SIZE, GFP_KERNEL);

	if (!msg)
		return NULL;
	*hdr = genlmsg_put_reply(msg, info, &nfwfp_genl_family, 0, cmd);
	if (!*hdr) {
		nlmsg_free(msg);
		return NULL;
	}
	return msg;
}

int nfwfp_nl_get_reply(struct genl_info *info, u8 cmd, void *obj,
		       nfwfp_nl_put_fn put, const char *missing)
{
	struct sk_buff *msg;
	void *hdr;
	int err;

	lockdep_assert_held(&nfwfp_engine_mutex);
	if (!obj) {
		mutex_unlock(&nfwfp_engine_mutex);
		nfwfp_nl_msg(info, NULL, missing);
		return -ENOENT;
	}
	msg = nfwfp_nl_reply_new(info, cmd, &hdr);
	err = msg ? put(msg, obj) : -ENOMEM;
	mutex_unlock(&nfwfp_engine_mutex);
	if (err) {
		nlmsg_free(msg);
		return err;
	}
	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);
}

/* 0 is no valid generation for nl_dump_check_consistent(). */
static unsigned int nfwfp_nl_dump_seq(void)
{
	return (u32)nfwfp_engine_gen | 0x80000000;
}

/*
 * cb->args[0]: objects already sent. A change between two parts may skip
 * or repeat an object; the dump then says NLM_F_DUMP_INTR and the reader
 * starts over.
 */
int nfwfp_nl_dump_list(struct sk_buff *skb, struct netlink_callback *cb,
		       struct list_head *head, size_t off, u8 cmd,
		       nfwfp_nl_put_fn put)
{
	long idx = 0, start = cb->args[0];
	struct list_head *pos;
	void *hdr;
	int err = 0;

	mutex_lock(&nfwfp_engine_mutex);
	cb->seq = nfwfp_nl_dump_seq();
	list_for_each(pos, head) {
		if (idx++ < start)
			continue;
		hdr = genlmsg_put(skb, NETLINK_CB(cb->skb).portid, cb->nlh->nlmsg_seq,
				  &nfwfp_genl_family, NLM_F_MULTI, cmd);
		if (!hdr) {
			err = -EMSGSIZE;
			break;
		}
		genl_dump_check_consistent(cb, hdr);
		err = put(skb, (char *)pos - off);
		if (err) {
			genlmsg_cancel(skb, hdr);
			break;
		}
		genlmsg_end(skb, hdr);
		cb->args[0]++;
	}
	mutex_unlock(&nfwfp_engine_mutex);
	if (err && cb->args[0] == start)
		return err;
	return skb->len;
}

/* ---- events ------------------------------------------------------------- */

enum nfwfp_nl_mcgrp { NFWFP_NL_MCGRP_EVENTS };

static const struct genl_multicast_group nfwfp_nl_mcgrps[] = {
	[NFWFP_NL_MCGRP_EVENTS] = { .name = NFWFP_MCGRP_EVENTS,
				    .flags = GENL_MCAST_CAP_NET_ADMIN },
};

static const u8 nfwfp_nl_event_cmd[] = {
	[NFWFP_EV_NEW_SUBLAYER]	= NFWFP_CMD_NEW_SUBLAYER,
	[NFWFP_EV_DEL_SUBLAYER]	= NFWFP_CMD_DEL_SUBLAYER,
	[NFWFP_EV_NEW_CALLOUT]	= NFWFP_CMD_NEW_CALLOUT,
	[NFWFP_EV_DEL_CALLOUT]	= NFWFP_CMD_DEL_CALLOUT,
	[NFWFP_EV_NEW_FILTER]	= NFWFP_CMD_NEW_FILTER,
	[NFWFP_EV_DEL_FILTER]	= NFWFP_CMD_DEL_FILTER,
};

static int nfwfp_nl_event_put(struct sk_buff *msg, enum nfwfp_event ev,
			      const void *obj)
{
	switch (ev) {
	case NFWFP_EV_NEW_SUBLAYER:
	case NFWFP_EV_DEL_SUBLAYER:
		return nfwfp_nl_put_sublayer(msg, obj);
	case NFWFP_EV_NEW_CALLOUT:
	case NFWFP_EV_DEL_CALLOUT:
		return nfwfp_nl_put_callout(msg, (struct nfwfp_callout *)obj);
	default:
		return nfwfp_nl_put_filter(msg, obj);
	}
}

/*
 * At commit, engine mutex held. Objects are global, so are their events:
 * every namespace's listeners (CAP_NET_ADMIN) get them. A lost event (no
 * memory) is not worth failing a commit that cannot fail.
 */
void nfwfp_nl_event(enum nfwfp_event ev, const void *obj)
{
	struct sk_buff *msg;
	void *hdr;

	if (!READ_ONCE(nfwfp_nl_live))
		return;
	msg = genlmsg_new(NLMSG_DEFAULT_SIZE, GFP_KERNEL);
	if (!msg)
		return;
	hdr = genlmsg_put(msg, 0, 0, &nfwfp_genl_family, 0, nfwfp_nl_event_cmd[ev]);
	if (!hdr || nfwfp_nl_event_put(msg, ev, obj)) {
		nlmsg_free(msg);
		return;
	}
	genlmsg_end(msg, hdr);
	rcu_read_lock();
	genlmsg_multicast_allns(&nfwfp_genl_family, msg, 0, NFWFP_NL_MCGRP_EVENTS);
	rcu_read_unlock();
}

/* GET_INFO takes no attributes: an empty policy makes any attribute an error. */
static const struct nla_policy nfwfp_nl_info_policy[NFWFP_INFO_A_MAX + 1] = {
	[NFWFP_INFO_A_VERSION]		= { .type = NLA_REJECT },
	[NFWFP_INFO_A_GENL_VERSION]	= { .type = NLA_REJECT },
};

/* The layer dump takes no attributes either. */
static const struct nla_policy nfwfp_nl_layer_policy[NFWFP_LAYER_A_MAX + 1] = {
	[NFWFP_LAYER_A_ID ... NFWFP_LAYER_A_PAD] = { .type = NLA_REJECT },
};

/* Commands without attributes. */
static const struct nla_policy nfwfp_nl_none_policy[NFWFP_STATS_A_MAX + 1] = {
	[NFWFP_STATS_A_COUNTER] = { .type = NLA_REJECT },
};

#define NFWFP_NL_DO(c, fn, pol, max) {						.cmd = (c), .doit = (fn), .policy = (pol), .maxattr = (max),		.flags = GENL_ADMIN_PERM }
#define NFWFP_NL_GET(c, fn, dump, pol, max) {					.cmd = (c), .doit = (fn), .dumpit = (dump), .policy = (pol),		.maxattr = (max), .flags = GENL_ADMIN_PERM }

static const struct genl_ops nfwfp_genl_ops[] = {
	{
		.cmd	 = NFWFP_CMD_GET_INFO,
		.doit	 = nfwfp_nl_get_info,
		.policy	 = nfwfp_nl_info_policy,
		.maxattr = NFWFP_INFO_A_MAX,
		.flags	 = GENL_ADMIN_PERM,
	},
	{
		.cmd	 = NFWFP_CMD_GET_LAYER,
		.dumpit	 = nfwfp_nl_dump_layers,
		.policy	 = nfwfp_nl_layer_policy,
		.maxattr = NFWFP_LAYER_A_MAX,
		.flags	 = GENL_ADMIN_PERM,
	},
	NFWFP_NL_DO(NFWFP_CMD_NEW_CALLOUT, nfwfp_nl_callout_new,
		    nfwfp_nl_callout_policy, NFWFP_CALLOUT_A_MAX),
	NFWFP_NL_DO(NFWFP_CMD_DEL_CALLOUT, nfwfp_nl_callout_del,
		    nfwfp_nl_callout_ref_policy, NFWFP_CALLOUT_A_MAX),
	NFWFP_NL_GET(NFWFP_CMD_GET_CALLOUT, nfwfp_nl_callout_get,
		     nfwfp_nl_callout_dump, nfwfp_nl_callout_ref_policy,
		     NFWFP_CALLOUT_A_MAX),
	NFWFP_NL_DO(NFWFP_CMD_NEW_SUBLAYER, nfwfp_nl_sublayer_new,
		    nfwfp_nl_sublayer_policy, NFWFP_SUBLAYER_A_MAX),
	NFWFP_NL_DO(NFWFP_CMD_DEL_SUBLAYER, nfwfp_nl_sublayer_del,
		    nfwfp_nl_sublayer_ref_policy, NFWFP_SUBLAYER_A_MAX),
	NFWFP_NL_GET(NFWFP_CMD_GET_SUBLAYER, nfwfp_nl_sublayer_get,
		     nfwfp_nl_sublayer_dump, nfwfp_nl_sublayer_ref_policy,
		     NFWFP_SUBLAYER_A_MAX),
	NFWFP_NL_DO(NFWFP_CMD_NEW_FILTER, nfwfp_nl_filter_new,
		    nfwfp_nl_filter_policy, NFWFP_FILTER_A_MAX),
	NFWFP_NL_DO(NFWFP_CMD_DEL_FILTER, nfwfp_nl_filter_del,
		    nfwfp_nl_filter_del_policy, NFWFP_FILTER_A_MAX),
	{
		.cmd	 = NFWFP_CMD_GET_FILTER,
		.doit	 = nfwfp_nl_filter_get,
		.start	 = nfwfp_nl_filter_dump_start,
		.dumpit	 = nfwfp_nl_filter_dump,
		.done	 = nfwfp_nl_filter_dump_done,
		.policy	 = nfwfp_nl_filter_get_policy,
		.maxattr = NFWFP_FILTER_A_MAX,
		.flags	 = GENL_ADMIN_PERM,
	},
	NFWFP_NL_DO(NFWFP_CMD_FLUSH_FILTER, nfwfp_nl_filter_flush,
		    nfwfp_nl_filter_flush_policy, NFWFP_FILTER_A_MAX),
	NFWFP_NL_GET(NFWFP_CMD_GET_HANDLE, NULL, nfwfp_nl_handle_dump,
		     nfwfp_nl_none_policy, NFWFP_STATS_A_MAX),
	NFWFP_NL_DO(NFWFP_CMD_GET_STATS, nfwfp_nl_stats_get,
		    nfwfp_nl_none_policy, NFWFP_STATS_A_MAX),
	NFWFP_NL_DO(NFWFP_CMD_RESET_STATS, nfwfp_nl_stats_reset,
		    nfwfp_nl_none_policy, NFWFP_STATS_A_MAX),
	NFWFP_NL_DO(NFWFP_CMD_GET_CONFIG, nfwfp_nl_config_get,
		    nfwfp_nl_none_policy, NFWFP_STATS_A_MAX),
	NFWFP_NL_DO(NFWFP_CMD_SET_CONFIG, nfwfp_nl_config_set,
		    nfwfp_nl_config_policy, NFWFP_CONFIG_A_MAX),
	NFWFP_NL_DO(NFWFP_CMD_TXN_BEGIN, nfwfp_nl_txn_begin,
		    nfwfp_nl_txn_policy, NFWFP_TXN_A_MAX),
	NFWFP_NL_DO(NFWFP_CMD_TXN_COMMIT, nfwfp_nl_txn_commit,
		    nfwfp_nl_none_policy, NFWFP_STATS_A_MAX),
	NFWFP_NL_DO(NFWFP_CMD_TXN_ABORT, nfwfp_nl_txn_abort,
		    nfwfp_nl_none_policy, NFWFP_STATS_A_MAX),
};

struct genl_family nfwfp_genl_family __ro_after_init = {
	.name		= NFWFP_GENL_NAME,
	.version	= NFWFP_GENL_VERSION,
	.netnsok	= true,
	.parallel_ops	= true,
	.module		= THIS_MODULE,
	.ops		= nfwfp_genl_ops,
	.n_ops		= ARRAY_SIZE(nfwfp_genl_ops),
	.mcgrps		= nfwfp_nl_mcgrps,
	.n_mcgrps	= ARRAY_SIZE(nfwfp_nl_mcgrps),
	.resv_start_op	= NFWFP_CMD_GET_LAYER + 1,
};

int __init nfwfp_netlink_init(void)
{
	int err = nfwfp_nl_sessions_init();

	if (err)
		return err;
	err = genl_register_family(&nfwfp_genl_family);
	if (err) {
		nfwfp_nl_sessions_uninit();
		return err;
	}
	WRITE_ONCE(nfwfp_nl_live, true);
	return 0;
}

void nfwfp_netlink_uninit(void)
{
	WRITE_ONCE(nfwfp_nl_live, false);
	genl_unregister_family(&nfwfp_genl_family);
	nfwfp_nl_sessions_uninit();
}

MODULE_ALIAS_GENL_FAMILY(NFWFP_GENL_NAME);
