// SPDX-License-Identifier: GPL-2.0
/*
 * nfwfp: the Windows Filtering Platform callout and packet-injection API on
 * netfilter. This file is only the init/exit ladder: each subsystem brings
 * itself up in main order and goes down in exactly the reverse order, so a
 * failure half way unwinds what was built and nothing else.
 */
#include <linux/module.h>
#include <linux/init.h>

#include "nfwfp.h"
#include "selftest/selftest.h"

static int __init nfwfp_mod_init(void)
{
	int ret;

	ret = nfwfp_selftests_run();
	if (ret < 0)
		return ret;

	ret = nfwfp_compartment_init();
	if (ret < 0)
		goto err_compartment;

	/*
	 * The control plane comes last: once the family is registered,
	 * user space can reach every subsystem below it.
	 */
	ret = nfwfp_netlink_init();
	if (ret < 0)
		goto err_netlink;

	pr_info("WFP callout and injection API %s loaded\n", NFWFP_VERSION);
	return 0;

err_netlink:
	nfwfp_compartment_uninit();
err_compartment:
	return ret;
}

static void __exit nfwfp_mod_exit(void)
{
	nfwfp_netlink_uninit();
	nfwfp_compartment_uninit();
	pr_info("unloaded\n");
}

module_init(nfwfp_mod_init);
module_exit(nfwfp_mod_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Windows Filtering Platform callout and injection API on netfilter");
MODULE_AUTHOR("The nfwfp developers");
MODULE_VERSION(NFWFP_VERSION);
