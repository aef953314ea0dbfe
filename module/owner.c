// SPDX-License-Identifier: GPL-2.0
/*
 * Callout-module lifetimes. A callout driver normally unregisters its
 * callouts and closes its engine sessions in its exit function. If it does
 * not, nothing of it may stay behind once its code is gone: when a module
 * goes, nfwfp unregisters the callouts whose classifyFn lives in it and
 * closes the sessions it opened (a dynamic session's objects go with it),
 * and counts the misuse. MODULE_STATE_GOING is notified after the module's
 * exit function and before its memory is freed. The notifier also keeps
 * the list of loaded modules that modtrack.c looks addresses up in.
 */
#include <linux/module.h>
#include <linux/notifier.h>
#include <linux/atomic.h>

#include "nfwfp.h"
#include "engine.h"
#include "inject.h"

static atomic64_t nfwfp_misuse_total = ATOMIC64_INIT(0);

void nfwfp_count_misuse(const char *what)
{
	atomic64_inc(&nfwfp_misuse_total);
	pr_notice_ratelimited("API misuse: %s\n", what);
}

u64 nfwfp_misuse_count(void)
{
	return atomic64_read(&nfwfp_misuse_total);
}

void nfwfp_misuse_reset(void)
{
	atomic64_set(&nfwfp_misuse_total, 0);
}

static int nfwfp_module_notify(struct notifier_block *nb, unsigned long state,
			       void *data)
{
	struct module *mod = data;

	if (mod == THIS_MODULE)
		return NOTIFY_DONE;
	if (state == MODULE_STATE_COMING) {
		nfwfp_modtrack_coming(mod);
		return NOTIFY_OK;
	}
	if (state != MODULE_STATE_GOING)
		return NOTIFY_DONE;
	/* Handles first: their completions may still run the module's code. */
	nfwfp_inject_owner_gone(mod);
	nfwfp_sessions_owner_gone(mod);
	nfwfp_callout_owner_gone(mod);
	nfwfp_modtrack_going(mod);
	return NOTIFY_OK;
}

static struct notifier_block nfwfp_module_nb = {
	.notifier_call = nfwfp_module_notify,
};

int __init nfwfp_owner_init(void)
{
	return register_module_notifier(&nfwfp_module_nb);
}

void nfwfp_owner_uninit(void)
{
	unregister_module_notifier(&nfwfp_module_nb);
	nfwfp_modtrack_uninit();
}
