// SPDX-License-Identifier: GPL-2.0
/*
 * The control plane: generic netlink family "nfwfp" (include/uapi/nfwfp.h).
 *
 * Every operation is GENL_ADMIN_PERM, which netlink_capable() checks against
 * the initial user namespace: a container's root cannot read or change the
 * filters, which are global like WFP's and name other tenants' addresses.
 */
#include <linux/module.h>
#include <net/genetlink.h>
#include <uapi/nfwfp.h>

#include "nfwfp.h"
#include "engine.h"
#include "classify.h"

static struct genl_family nfwfp_genl_family;

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

/* GET_INFO takes no attributes: an empty policy makes any attribute an error. */
static const struct nla_policy nfwfp_nl_info_policy[NFWFP_INFO_A_MAX + 1] = {
	[NFWFP_INFO_A_VERSION]		= { .type = NLA_REJECT },
	[NFWFP_INFO_A_GENL_VERSION]	= { .type = NLA_REJECT },
};

/* The layer dump takes no attributes either. */
static const struct nla_policy nfwfp_nl_layer_policy[NFWFP_LAYER_A_MAX + 1] = {
	[NFWFP_LAYER_A_ID ... NFWFP_LAYER_A_PAD] = { .type = NLA_REJECT },
};

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
};

static struct genl_family nfwfp_genl_family __ro_after_init = {
	.name		= NFWFP_GENL_NAME,
	.version	= NFWFP_GENL_VERSION,
	.netnsok	= true,
	.module		= THIS_MODULE,
	.ops		= nfwfp_genl_ops,
	.n_ops		= ARRAY_SIZE(nfwfp_genl_ops),
	.resv_start_op	= NFWFP_CMD_GET_LAYER + 1,
};

int __init nfwfp_netlink_init(void)
{
	return genl_register_family(&nfwfp_genl_family);
}

void nfwfp_netlink_uninit(void)
{
	genl_unregister_family(&nfwfp_genl_family);
}

MODULE_ALIAS_GENL_FAMILY(NFWFP_GENL_NAME);
