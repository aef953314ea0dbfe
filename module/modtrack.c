// SPDX-License-Identifier: GPL-2.0
/*
 * Which module an address belongs to. The kernel does not export
 * __module_address() or __module_text_address() to modules, so nfwfp keeps
 * its own list of the modules loaded after it (the module notifier reports
 * each one as it comes and goes). Every module that calls nfwfp is loaded
 * after nfwfp, so the routines drivers hand to work items and DPCs are
 * always in a listed module; an address in the kernel image or in a module
 * loaded before nfwfp (a library the driver links against) has no owner
 * here.
 */
#include <linux/module.h>
#include <linux/rculist.h>
#include <linux/slab.h>

#include "nfwfp.h"

struct nfwfp_tracked_module {
	struct list_head node;
	struct module *mod;
	struct rcu_head rcu;
};

static LIST_HEAD(nfwfp_tracked);
static DEFINE_SPINLOCK(nfwfp_tracked_lock);

void nfwfp_modtrack_coming(struct module *mod)
{
	struct nfwfp_tracked_module *t = kmalloc(sizeof(*t), GFP_KERNEL);

	if (!t) {
		pr_warn("cannot track module %s: its work items and DPCs will not pin it\n",
			mod->name);
		return;
	}
	t->mod = mod;
	spin_lock(&nfwfp_tracked_lock);
	list_add_rcu(&t->node, &nfwfp_tracked);
	spin_unlock(&nfwfp_tracked_lock);
}

/*
 * Called for MODULE_STATE_GOING, after the module's exit function: nothing
 * of it may be queued any more. free_module() waits for an RCU grace
 * period before the memory goes, so a lookup that found it under RCU may
 * still take a reference on it.
 */
void nfwfp_modtrack_going(struct module *mod)
{
	struct nfwfp_tracked_module *t;

	spin_lock(&nfwfp_tracked_lock);
	list_for_each_entry(t, &nfwfp_tracked, node) {
		if (t->mod == mod) {
			list_del_rcu(&t->node);
			kfree_rcu(t, rcu);
			break;
		}
	}
	spin_unlock(&nfwfp_tracked_lock);
}

/*
 * The module whose code or data addr is in, or NULL. The result is only an
 * identity: the caller must know the module cannot go meanwhile (it is the
 * caller's own, or the caller pins it with nfwfp_module_get_of()).
 */
struct module *nfwfp_module_of(const void *addr)
{
	struct nfwfp_tracked_module *t;
	struct module *found = NULL;

	rcu_read_lock();
	list_for_each_entry_rcu(t, &nfwfp_tracked, node) {
		if (within_module((unsigned long)addr, t->mod)) {
			found = t->mod;
			break;
		}
	}
	rcu_read_unlock();
	return found;
}

void nfwfp_modtrack_uninit(void)
{
	struct nfwfp_tracked_module *t, *tmp;

	/* No module can depend on nfwfp now; forget the rest. */
	spin_lock(&nfwfp_tracked_lock);
	list_for_each_entry_safe(t, tmp, &nfwfp_tracked, node) {
		list_del_rcu(&t->node);
		kfree_rcu(t, rcu);
	}
	spin_unlock(&nfwfp_tracked_lock);
}
