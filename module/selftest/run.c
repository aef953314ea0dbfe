// SPDX-License-Identifier: GPL-2.0
/*
 * Runs every in-module self-test suite; see selftest.h.
 */
#include <linux/kernel.h>
#include <linux/printk.h>

#include "selftest.h"

static const struct {
	const char *name;
	bool (*run)(void);
} nfwfp_selftests[] = {
	{ "packet", nfwfp_selftest_packet },
	{ "nbl", nfwfp_selftest_nbl },
	{ "engine", nfwfp_selftest_engine },
	{ "clone", nfwfp_selftest_clone },
	{ "tag", nfwfp_selftest_tag },
};

int nfwfp_selftests_run(void)
{
	bool ok = true;
	int i;

	for (i = 0; i < ARRAY_SIZE(nfwfp_selftests); i++) {
		if (nfwfp_selftests[i].run()) {
			pr_info("%s self-tests: pass\n", nfwfp_selftests[i].name);
		} else {
			pr_err("%s self-tests: FAIL\n", nfwfp_selftests[i].name);
			ok = false;
		}
	}
	return ok ? 0 : -ENOTRECOVERABLE;
}
