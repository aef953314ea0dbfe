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

/* GET_INFO takes no attributes: an empty policy makes any attribute an error. */
static const struct nla_policy nfwfp_nl_info_policy[NFWFP_INFO_A_MAX + 1] = {
	[NFWFP_INFO_A_VERSION]		= { .type = NLA_REJECT },
	[NFWFP_INFO_A_GENL_VERSION]	= { .type = NLA_REJECT },
};

static const struct genl_ops nfwfp_genl_ops[] = {
	{
		.cmd	 = NFWFP_CMD_GET_INFO,
		.doit	 = nfwfp_nl_get_info,
		.policy	 = nfwfp_nl_info_policy,
		.maxattr = NFWFP_INFO_A_MAX,
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
	.resv_start_op	= NFWFP_CMD_GET_INFO + 1,
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
