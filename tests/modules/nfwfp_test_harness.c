// SPDX-License-Identifier: GPL-2.0
/*
 * Misbehaves on purpose so the VM runner can prove its verdicts: a run that
 * loads this module with warn=1 or leak=1 must be judged failed. It is only
 * ever loaded by the harness self-test boot (tests/vm/run.sh --selftest).
 */
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/bug.h>

static bool warn;
module_param(warn, bool, 0444);
MODULE_PARM_DESC(warn, "trigger a WARN_ON at load");

static bool leak;
module_param(leak, bool, 0444);
MODULE_PARM_DESC(leak, "leak an allocation kmemleak can see");

/* Reachable only until init returns: then nothing points at it any more. */
static void *nfwfp_test_leaked;

static int __init nfwfp_test_harness_init(void)
{
	if (leak) {
		nfwfp_test_leaked = kmalloc(1024, GFP_KERNEL);
		if (!nfwfp_test_leaked)
			return -ENOMEM;
		pr_info("nfwfp_test_harness: leaking %p on purpose\n",
			nfwfp_test_leaked);
		nfwfp_test_leaked = NULL;
	}
	WARN(warn, "nfwfp_test_harness: deliberate warning\n");
	return 0;
}

static void __exit nfwfp_test_harness_exit(void)
{
}

module_init(nfwfp_test_harness_init);
module_exit(nfwfp_test_harness_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("nfwfp harness self-test: deliberate WARN and leak");
