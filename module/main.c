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
#include "nbl.h"
#include "classify.h"
#include "selftest/selftest.h"

static int __init nfwfp_mod_init(void)
{
	int ret;

	ret = nfwfp_selftests_run();
	if (ret < 0)
		return ret;

	ret = nfwfp_nbl_init();
	if (ret < 0)
		goto err_nbl;
	ret = nfwfp_compartment_init();
	if (ret < 0)
		goto err_compartment;
	ret = nfwfp_owner_init();
	if (ret < 0)
		goto err_owner;
	ret = nfwfp_wdk_work_init();
	if (ret < 0)
		goto err_wdk_work;
	ret = nfwfp_engine_init();
	if (ret < 0)
		goto err_engine;
	ret = nfwfp_classify_init();
	if (ret < 0)
		goto err_classify;
	ret = nfwfp_netcap_init();
	if (ret < 0)
		goto err_netcap;
	ret = nfwfp_inject_init();
	if (ret < 0)
		goto err_inject;
	ret = nfwfp_debugfs_init();
	if (ret < 0)
		goto err_debugfs;
	/* From here on packets are classified (once filters exist). */
	ret = nfwfp_hook_init();
	if (ret < 0)
		goto err_hook;
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
	nfwfp_hook_uninit();
err_hook:
	nfwfp_debugfs_uninit();
err_debugfs:
	nfwfp_inject_uninit();
err_inject:
	nfwfp_netcap_uninit();
err_netcap:
	nfwfp_classify_uninit();
err_classify:
	nfwfp_engine_uninit();
err_engine:
	nfwfp_wdk_work_uninit();
err_wdk_work:
	nfwfp_owner_uninit();
err_owner:
	nfwfp_compartment_uninit();
err_compartment:
	nfwfp_nbl_uninit();
err_nbl:
	return ret;
}

/*
 * Callout drivers hold references on nfwfp through its symbols, so none is
 * loaded now. Stop the control plane, then the hooks (unregistering them
 * waits for every running hook), then free what they used.
 */
static void __exit nfwfp_mod_exit(void)
{
	nfwfp_netlink_uninit();
	nfwfp_hook_uninit();
	nfwfp_debugfs_uninit();
	nfwfp_inject_uninit();
	nfwfp_netcap_uninit();
	nfwfp_classify_uninit();
	nfwfp_engine_uninit();
	nfwfp_wdk_work_uninit();
	nfwfp_owner_uninit();
	nfwfp_compartment_uninit();
	nfwfp_nbl_uninit();
	pr_info("unloaded\n");
}

module_init(nfwfp_mod_init);
module_exit(nfwfp_mod_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Windows Filtering Platform callout and injection API on netfilter");
MODULE_AUTHOR("The nfwfp developers");
MODULE_VERSION(NFWFP_VERSION);
