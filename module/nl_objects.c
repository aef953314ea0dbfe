// SPDX-License-Identifier: GPL-2.0
/*
 * Sublayers and callout objects over netlink, through the same engine
 * calls as FwpmSubLayerAdd0 / FwpmCalloutAdd0 and their deletes.
 */
#include <linux/slab.h>
#include <linux/uuid.h>

#include "nfwfp.h"
#include "netlink.h"

const struct nla_policy nfwfp_nl_sublayer_policy[NFWFP_SUBLAYER_A_MAX + 1] = {
	[NFWFP_SUBLAYER_A_KEY]		= NLA_POLICY_EXACT_LEN(sizeof(GUID)),
	[NFWFP_SUBLAYER_A_NAME]		= { .type = NLA_NUL_STRING, .len = 255 },
	[NFWFP_SUBLAYER_A_WEIGHT]	= { .type = NLA_U16 },
	[NFWFP_SUBLAYER_A_FLAGS]	= NLA_POLICY_MASK(NLA_U32, NFWFP_OBJ_F_DYNAMIC),
	[NFWFP_SUBLAYER_A_FILTERS ... NFWFP_SUBLAYER_A_PAD] = { .type = NLA_REJECT },
};

const struct nla_policy nfwfp_nl_callout_policy[NFWFP_CALLOUT_A_MAX + 1] = {
	[NFWFP_CALLOUT_A_KEY]		= NLA_POLICY_EXACT_LEN(sizeof(GUID)),
	[NFWFP_CALLOUT_A_ID]		= { .type = NLA_U32 },
	[NFWFP_CALLOUT_A_NAME]		= { .type = NLA_NUL_STRING, .len = 255 },
	[NFWFP_CALLOUT_A_LAYER]		= { .type = NLA_U16 },
	[NFWFP_CALLOUT_A_FLAGS]		= NLA_POLICY_MASK(NLA_U32, NFWFP_OBJ_F_DYNAMIC),
	[NFWFP_CALLOUT_A_OWNER ... NFWFP_CALLOUT_A_PAD] = { .type = NLA_REJECT },
};

/* Delete and get: the key (and a callout's id) only. */
const struct nla_policy nfwfp_nl_sublayer_ref_policy[NFWFP_SUBLAYER_A_MAX + 1] = {
	[NFWFP_SUBLAYER_A_KEY]		= NLA_POLICY_EXACT_LEN(sizeof(GUID)),
	[NFWFP_SUBLAYER_A_NAME ... NFWFP_SUBLAYER_A_PAD] = { .type = NLA_REJECT },
};

const struct nla_policy nfwfp_nl_callout_ref_policy[NFWFP_CALLOUT_A_MAX + 1] = {
	[NFWFP_CALLOUT_A_KEY]		= NLA_POLICY_EXACT_LEN(sizeof(GUID)),
	[NFWFP_CALLOUT_A_ID]		= { .type = NLA_U32 },
	[NFWFP_CALLOUT_A_NAME ... NFWFP_CALLOUT_A_PAD] = { .type = NLA_REJECT },
};

static bool nfwfp_nl_dynamic(struct genl_info *info, int type)
{
	return info->attrs[type] &&
	       (nla_get_u32(info->attrs[type]) & NFWFP_OBJ_F_DYNAMIC);
}

/* ---- sublayers --------------------------------------------------------- */

static int nfwfp_nl_key_reply(struct genl_info *info, u8 cmd, int type,
			      const GUID *key)
{
	struct sk_buff *msg;
	void *hdr;

	msg = nfwfp_nl_reply_new(info, cmd, &hdr);
	if (!msg)
		return -ENOMEM;
	if (nfwfp_nl_put_guid(msg, type, key)) {
		nlmsg_free(msg);
		return -EMSGSIZE;
	}
	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);
}

int nfwfp_nl_sublayer_new(struct sk_buff *skb, struct genl_info *info)
{
	FWPM_SUBLAYER0 sl = { };
	struct nfwfp_nl_sess *ns;
	NTSTATUS st;
	guid_t g;
	int err;

	if (GENL_REQ_ATTR_CHECK(info, NFWFP_SUBLAYER_A_NAME))
		return -EINVAL;
	/* Generated here, so that the reply can name it. */
	if (!nfwfp_nl_guid_attr(info, NFWFP_SUBLAYER_A_KEY, &sl.subLayerKey)) {
		guid_gen(&g);
		memcpy(&sl.subLayerKey, &g, sizeof(g));
	}
	if (info->attrs[NFWFP_SUBLAYER_A_WEIGHT])
		sl.weight = nla_get_u16(info->attrs[NFWFP_SUBLAYER_A_WEIGHT]);
	sl.displayData.name = nfwfp_nl_name(info->attrs[NFWFP_SUBLAYER_A_NAME]);
	if (!sl.displayData.name)
		return -ENOMEM;
	ns = nfwfp_nl_sess_get(info);
	if (!ns) {
		kfree(sl.displayData.name);
		return -ENOMEM;
	}
	st = nfwfp_sublayer_add(nfwfp_nl_session(ns), &sl,
				nfwfp_nl_dynamic(info, NFWFP_SUBLAYER_A_FLAGS));
	nfwfp_nl_sess_put(ns);
	kfree(sl.displayData.name);
	err = nfwfp_nl_status(info, st, st == STATUS_FWP_ALREADY_EXISTS ?
					info->attrs[NFWFP_SUBLAYER_A_KEY] : NULL);
	if (err)
		return err;
	return nfwfp_nl_key_reply(info, NFWFP_CMD_NEW_SUBLAYER,
				  NFWFP_SUBLAYER_A_KEY, &sl.subLayerKey);
}

int nfwfp_nl_sublayer_del(struct sk_buff *skb, struct genl_info *info)
{
	struct nfwfp_nl_sess *ns;
	NTSTATUS st;
	GUID key;

	if (GENL_REQ_ATTR_CHECK(info, NFWFP_SUBLAYER_A_KEY))
		return -EINVAL;
	nfwfp_nl_guid_attr(info, NFWFP_SUBLAYER_A_KEY, &key);
	ns = nfwfp_nl_sess_get(info);
	if (!ns)
		return -ENOMEM;
	st = nfwfp_sublayer_delete(nfwfp_nl_session(ns), &key);
	nfwfp_nl_sess_put(ns);
	return nfwfp_nl_status(info, st, info->attrs[NFWFP_SUBLAYER_A_KEY]);
}

int nfwfp_nl_put_sublayer(struct sk_buff *msg, const struct nfwfp_sublayer *sl)
{
	u32 flags = (sl->session ? NFWFP_OBJ_F_DYNAMIC : 0) |
		    (sl->builtin ? NFWFP_OBJ_F_BUILTIN : 0) |
		    (sl->by_kernel && !sl->builtin ? NFWFP_OBJ_F_KERNEL : 0);

	if (nfwfp_nl_put_guid(msg, NFWFP_SUBLAYER_A_KEY, &sl->key) ||
	    (sl->name && nla_put_string(msg, NFWFP_SUBLAYER_A_NAME, sl->name)) ||
	    nla_put_u16(msg, NFWFP_SUBLAYER_A_WEIGHT, sl->weight) ||
	    nla_put_u32(msg, NFWFP_SUBLAYER_A_FLAGS, flags) ||
	    nla_put_u32(msg, NFWFP_SUBLAYER_A_FILTERS, sl->nfilters))
		return -EMSGSIZE;
	return nfwfp_nl_put_counters(msg, &sl->stats, NFWFP_SUBLAYER_A_MATCHED,
				     NFWFP_SUBLAYER_A_PAD);
}

static int nfwfp_nl_put_sublayer_obj(struct sk_buff *msg, void *obj)
{
	return nfwfp_nl_put_sublayer(msg, obj);
}

int nfwfp_nl_sublayer_get(struct sk_buff *skb, struct genl_info *info)
{
	struct nfwfp_sublayer *sl, *found = NULL;
	GUID key;

	if (GENL_REQ_ATTR_CHECK(info, NFWFP_SUBLAYER_A_KEY))
		return -EINVAL;
	nfwfp_nl_guid_attr(info, NFWFP_SUBLAYER_A_KEY, &key);
	mutex_lock(&nfwfp_engine_mutex);
	list_for_each_entry(sl, &nfwfp_sublayers, node)
		if (nfwfp_guid_eq(&sl->key, &key))
			found = sl;
	return nfwfp_nl_get_reply(info, NFWFP_CMD_GET_SUBLAYER, found,
				  nfwfp_nl_put_sublayer_obj,
				  "FWP_E_SUBLAYER_NOT_FOUND: no sublayer with this key");
}

int nfwfp_nl_sublayer_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	return nfwfp_nl_dump_list(skb, cb, &nfwfp_sublayers,
				  offsetof(struct nfwfp_sublayer, node),
				  NFWFP_CMD_GET_SUBLAYER, nfwfp_nl_put_sublayer_obj);
}

/* ---- callouts ---------------------------------------------------------- */

int nfwfp_nl_callout_new(struct sk_buff *skb, struct genl_info *info)
{
	FWPM_CALLOUT0 c = { };
	struct nfwfp_nl_sess *ns;
	struct sk_buff *msg;
	NTSTATUS st;
	void *hdr;
	int layer, err;
	u32 id = 0;

	if (GENL_REQ_ATTR_CHECK(info, NFWFP_CALLOUT_A_KEY) ||
	    GENL_REQ_ATTR_CHECK(info, NFWFP_CALLOUT_A_NAME) ||
	    GENL_REQ_ATTR_CHECK(info, NFWFP_CALLOUT_A_LAYER))
		return -EINVAL;
	layer = nfwfp_nl_layer_by_id(nla_get_u16(info->attrs[NFWFP_CALLOUT_A_LAYER]));
	if (layer < 0) {
		NL_SET_ERR_MSG_ATTR(info->extack, info->attrs[NFWFP_CALLOUT_A_LAYER],
				    "nfwfp presents no packets at this layer");
		return -ENOENT;
	}
	nfwfp_nl_guid_attr(info, NFWFP_CALLOUT_A_KEY, &c.calloutKey);
	c.applicableLayer = *nfwfp_layers[layer].key;
	c.displayData.name = nfwfp_nl_name(info->attrs[NFWFP_CALLOUT_A_NAME]);
	if (!c.displayData.name)
		return -ENOMEM;
	ns = nfwfp_nl_sess_get(info);
	if (!ns) {
		kfree(c.displayData.name);
		return -ENOMEM;
	}
	st = nfwfp_callout_add(nfwfp_nl_session(ns), &c,
			       nfwfp_nl_dynamic(info, NFWFP_CALLOUT_A_FLAGS), &id);
	nfwfp_nl_sess_put(ns);
	kfree(c.displayData.name);
	err = nfwfp_nl_status(info, st, st == STATUS_FWP_ALREADY_EXISTS ?
					info->attrs[NFWFP_CALLOUT_A_KEY] : NULL);
	if (err)
		return err;
	msg = nfwfp_nl_reply_new(info, NFWFP_CMD_NEW_CALLOUT, &hdr);
	if (!msg)
		return -ENOMEM;
	if (nla_put_u32(msg, NFWFP_CALLOUT_A_ID, id) ||
	    nfwfp_nl_put_guid(msg, NFWFP_CALLOUT_A_KEY, &c.calloutKey)) {
		nlmsg_free(msg);
		return -EMSGSIZE;
	}
	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);
}

/* KEY or ID, for DEL and GET. */
static int nfwfp_nl_callout_which(struct genl_info *info, GUID *key, u32 *id,
				  bool *by_id)
{
	*by_id = info->attrs[NFWFP_CALLOUT_A_ID];
	if (*by_id) {
		*id = nla_get_u32(info->attrs[NFWFP_CALLOUT_A_ID]);
		return 0;
	}
	if (!nfwfp_nl_guid_attr(info, NFWFP_CALLOUT_A_KEY, key)) {
		GENL_SET_ERR_MSG(info, "NFWFP_CALLOUT_A_KEY or NFWFP_CALLOUT_A_ID required");
		return -EINVAL;
	}
	return 0;
}

int nfwfp_nl_callout_del(struct sk_buff *skb, struct genl_info *info)
{
	struct nfwfp_nl_sess *ns;
	NTSTATUS st;
	bool by_id;
	GUID key;
	u32 id;
	int err;

	err = nfwfp_nl_callout_which(info, &key, &id, &by_id);
	if (err)
		return err;
	ns = nfwfp_nl_sess_get(info);
	if (!ns)
		return -ENOMEM;
	st = nfwfp_callout_delete(nfwfp_nl_session(ns), by_id ? NULL : &key,
				  by_id ? &id : NULL);
	nfwfp_nl_sess_put(ns);
	return nfwfp_nl_status(info, st, NULL);
}

static u32 nfwfp_nl_callout_flags(struct nfwfp_callout *c)
{
	u32 flags = 0;

	if (c->added)
		flags |= NFWFP_OBJ_F_ADDED |
			 (c->session ? NFWFP_OBJ_F_DYNAMIC : 0) |
			 (c->by_kernel ? NFWFP_OBJ_F_KERNEL : 0);
	if (rcu_access_pointer(c->rt))
		flags |= NFWFP_OBJ_F_REGISTERED;
	return flags;
}

/* The module a registration belongs to, by its classifyFn's address. */
static int nfwfp_nl_put_owner(struct sk_buff *msg, struct nfwfp_callout *c)
{
	struct nfwfp_callout_rt *rt;

	rt = rcu_dereference_protected(c->rt, lockdep_is_held(&nfwfp_engine_mutex));
	if (!rt)
		return 0;
	return nfwfp_nl_put_module_of(msg, NFWFP_CALLOUT_A_OWNER,
				      (unsigned long)rt->classify);
}

int nfwfp_nl_put_callout(struct sk_buff *msg, struct nfwfp_callout *c)
{
	if (nfwfp_nl_put_guid(msg, NFWFP_CALLOUT_A_KEY, &c->key) ||
	    nla_put_u32(msg, NFWFP_CALLOUT_A_ID, c->id) ||
	    (c->name && nla_put_string(msg, NFWFP_CALLOUT_A_NAME, c->name)) ||
	    (c->added && c->layer >= 0 &&
	     nla_put_u16(msg, NFWFP_CALLOUT_A_LAYER, nfwfp_layers[c->layer].layer_id)) ||
	    nla_put_u32(msg, NFWFP_CALLOUT_A_FLAGS, nfwfp_nl_callout_flags(c)) ||
	    nfwfp_nl_put_owner(msg, c) ||
	    nla_put_u32(msg, NFWFP_CALLOUT_A_FILTERS, c->nfilters))
		return -EMSGSIZE;
	return nfwfp_nl_put_counters(msg, &c->stats, NFWFP_CALLOUT_A_CLASSIFIED,
				     NFWFP_CALLOUT_A_PAD);
}

static int nfwfp_nl_put_callout_obj(struct sk_buff *msg, void *obj)
{
	return nfwfp_nl_put_callout(msg, obj);
}

int nfwfp_nl_callout_get(struct sk_buff *skb, struct genl_info *info)
{
	bool by_id;
	GUID key;
	u32 id;
	int err;

	err = nfwfp_nl_callout_which(info, &key, &id, &by_id);
	if (err)
		return err;
	mutex_lock(&nfwfp_engine_mutex);
	return nfwfp_nl_get_reply(info, NFWFP_CMD_GET_CALLOUT,
				  nfwfp_callout_find(&key, by_id ? &id : NULL),
				  nfwfp_nl_put_callout_obj,
				  "FWP_E_CALLOUT_NOT_FOUND: no callout with this key or id");
}

int nfwfp_nl_callout_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	return nfwfp_nl_dump_list(skb, cb, &nfwfp_callouts,
				  offsetof(struct nfwfp_callout, node),
				  NFWFP_CMD_GET_CALLOUT, nfwfp_nl_put_callout_obj);
}
