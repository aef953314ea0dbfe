// SPDX-License-Identifier: GPL-2.0
/*
 * Callouts: FwpsCalloutRegister0..3 / FwpsCalloutUnregisterById0/ByKey0.
 *
 * A callout is one record per key, whether it was registered by a driver
 * (the run-time half, struct nfwfp_callout_rt), added as an object with
 * FwpmCalloutAdd0, or both, in either order; the run-time id is the same for
 * both. classifyFn runs under RCU, so unregistering unpublishes the run-time
 * half and waits for a grace period: once FwpsCalloutUnregister* returns, no
 * classifyFn of that callout is running or will run, and the driver may
 * unload.
 */
#include <linux/slab.h>
#include <linux/module.h>
#include <linux/rcupdate.h>
#include <linux/seq_file.h>

#include "nfwfp.h"
#include "engine.h"

LIST_HEAD(nfwfp_callouts);
static u32 nfwfp_next_callout_id = 1;

struct nfwfp_callout *nfwfp_callout_find(const GUID *key, const u32 *id)
{
	struct nfwfp_callout *c;

	lockdep_assert_held(&nfwfp_engine_mutex);
	list_for_each_entry(c, &nfwfp_callouts, node)
		if (id ? c->id == *id : nfwfp_guid_eq(&c->key, key))
			return c;
	return NULL;
}

struct nfwfp_callout *nfwfp_callout_get_or_create(const GUID *key)
{
	struct nfwfp_callout *c = nfwfp_callout_find(key, NULL);

	if (c)
		return c;
	c = kzalloc(sizeof(*c), GFP_KERNEL);
	if (!c)
		return NULL;
	if (nfwfp_obj_stats_init(&c->stats)) {
		kfree(c);
		return NULL;
	}
	c->key = *key;
	/* Ids are never reused: a stale id can only miss, never hit another. */
	c->id = nfwfp_next_callout_id++;
	c->layer = -1;
	list_add_tail(&c->node, &nfwfp_callouts);
	return c;
}

static void nfwfp_callout_free_rcu(struct rcu_head *head)
{
	struct nfwfp_callout *c = container_of(head, struct nfwfp_callout, rcu);

	free_percpu(c->stats.pcpu);
	kfree(c);
}

void nfwfp_callout_put_if_unused(struct nfwfp_callout *c)
{
	lockdep_assert_held(&nfwfp_engine_mutex);
	if (c->added || c->nfilters ||
	    rcu_access_pointer(c->rt))
		return;
	list_del(&c->node);
	kfree(c->name);
	/* A reader of an old snapshot may still look at it through a filter. */
	call_rcu(&c->rcu, nfwfp_callout_free_rcu);
}

void nfwfp_callouts_delete_session(struct nfwfp_session *s)
{
	struct nfwfp_callout *c, *tmp;

	list_for_each_entry_safe(c, tmp, &nfwfp_callouts, node)
		if (c->added && c->session == s)
			nfwfp_callout_delete_for_session(s, c);
}

static struct nfwfp_callout_rt *nfwfp_rt(struct nfwfp_callout *c)
{
	return rcu_dereference_protected(c->rt,
					 lockdep_is_held(&nfwfp_engine_mutex));
}

/*
 * notifyFn: errors veto an ADD_FILTER and are ignored otherwise; the filter
 * key is NULL for DELETE_FILTER (wfp_api.md §5.6). Runs with the engine
 * mutex held, so a notifyFn must not call Fwpm* itself.
 */
NTSTATUS nfwfp_callout_notify(struct nfwfp_callout *c,
			      FWPS_CALLOUT_NOTIFY_TYPE type,
			      struct nfwfp_filter *f)
{
	struct nfwfp_callout_rt *rt = nfwfp_rt(c);
	const GUID *key = type == FWPS_CALLOUT_NOTIFY_DELETE_FILTER ? NULL : &f->key;
	NTSTATUS st;

	if (!rt || !rt->notify)
		return STATUS_SUCCESS;
	switch (rt->version) {
	case 0:
		st = ((FWPS_CALLOUT_NOTIFY_FN0)rt->notify)(type, key,
						(FWPS_FILTER0 *)&f->fwps);
		break;
	case 1:
		st = ((FWPS_CALLOUT_NOTIFY_FN1)rt->notify)(type, key,
						(FWPS_FILTER1 *)&f->fwps);
		break;
	case 2:
		st = ((FWPS_CALLOUT_NOTIFY_FN2)rt->notify)(type, key,
						(FWPS_FILTER2 *)&f->fwps);
		break;
	default:
		st = ((FWPS_CALLOUT_NOTIFY_FN3)rt->notify)(type, key, &f->fwps);
		break;
	}
	return type == FWPS_CALLOUT_NOTIFY_ADD_FILTER ? st : STATUS_SUCCESS;
}

NTSTATUS nfwfp_callout_register(u8 version, const GUID *key, u32 flags,
				void *classify, void *notify,
				FWPS_CALLOUT_FLOW_DELETE_NOTIFY_FN0 flow_delete,
				void *device_object, u32 *id)
{
	struct nfwfp_callout_rt *rt;
	struct nfwfp_callout *c;

	might_sleep();
	if (!key || !classify)
		return STATUS_INVALID_PARAMETER;
	/* Flows (ALE) are not emulated: no flow would ever carry a context. */
	if (flags & FWP_CALLOUT_FLAG_CONDITIONAL_ON_FLOW)
		return STATUS_NOT_SUPPORTED;
	rt = kzalloc(sizeof(*rt), GFP_KERNEL);
	if (!rt)
		return STATUS_NO_MEMORY;
	rt->version = version;
	rt->flags = flags;
	rt->classify = classify;
	rt->notify = notify;
	rt->flow_delete = flow_delete;
	rt->device_object = device_object;
	rt->device_owner = nfwfp_wdk_device_owner(device_object);

	mutex_lock(&nfwfp_engine_mutex);
	c = nfwfp_callout_get_or_create(key);
	if (!c || nfwfp_rt(c)) {
		mutex_unlock(&nfwfp_engine_mutex);
		kfree(rt);
		return c ? STATUS_FWP_ALREADY_EXISTS : STATUS_NO_MEMORY;
	}
	rcu_assign_pointer(c->rt, rt);
	nfwfp_engine_gen++;
	if (id)
		*id = c->id;
	mutex_unlock(&nfwfp_engine_mutex);
	return STATUS_SUCCESS;
}

static struct nfwfp_callout_rt *nfwfp_callout_unpublish(struct nfwfp_callout *c)
{
	struct nfwfp_callout_rt *rt = nfwfp_rt(c);

	RCU_INIT_POINTER(c->rt, NULL);
	nfwfp_engine_gen++;
	nfwfp_callout_put_if_unused(c);
	return rt;
}

NTSTATUS nfwfp_callout_unregister(const GUID *key, const u32 *id)
{
	struct nfwfp_callout_rt *rt = NULL;
	struct nfwfp_callout *c;

	might_sleep();
	if (!key && !id)
		return STATUS_INVALID_PARAMETER;
	mutex_lock(&nfwfp_engine_mutex);
	c = nfwfp_callout_find(key, id);
	if (c)
		rt = nfwfp_callout_unpublish(c);
	mutex_unlock(&nfwfp_engine_mutex);
	if (!rt)
		return STATUS_FWP_CALLOUT_NOT_FOUND;
	/* Every classifyFn that could still see rt has returned after this. */
	synchronize_rcu();
	kfree(rt);
	return STATUS_SUCCESS;
}

/*
 * A callout driver unloaded without unregistering: do it for it. The
 * registration belongs to the module whose IoCreateDevice made its device
 * object, or whose memory holds it (the driver's own, static), else to the module whose code classifyFn is
 * (deviceObject NULL or allocated); a classifyFn in a going module is
 * unregistered in any case, its code is about to disappear.
 */
void nfwfp_callout_owner_gone(struct module *mod)
{
	struct nfwfp_callout_rt *rt, *gone[16];
	struct nfwfp_callout *c, *tmp;
	unsigned int n, i;

	do {
		n = 0;
		mutex_lock(&nfwfp_engine_mutex);
		list_for_each_entry_safe(c, tmp, &nfwfp_callouts, node) {
			rt = nfwfp_rt(c);
			if (!rt || (rt->device_owner != mod &&
				    !within_module((unsigned long)rt->device_object, mod) &&
				    !within_module((unsigned long)rt->classify, mod)))
				continue;
			gone[n++] = nfwfp_callout_unpublish(c);
			nfwfp_count_misuse("callout left registered by an unloading module");
			if (n == ARRAY_SIZE(gone))
				break;
		}
		mutex_unlock(&nfwfp_engine_mutex);
		if (!n)
			break;
		synchronize_rcu();
		for (i = 0; i < n; i++)
			kfree(gone[i]);
	} while (n == ARRAY_SIZE(gone));
}

/*
 * Engine teardown: every filter is gone, so each callout is only an object
 * or a registration nobody undid; drop both.
 */
void nfwfp_callouts_uninit(void)
{
	struct nfwfp_callout *c, *tmp;
	struct nfwfp_callout_rt *rt;

	lockdep_assert_held(&nfwfp_engine_mutex);
	list_for_each_entry_safe(c, tmp, &nfwfp_callouts, node) {
		rt = nfwfp_rt(c);
		if (rt)
			kfree_rcu(rt, rcu);
		RCU_INIT_POINTER(c->rt, NULL);
		c->added = false;
		WARN_ON(c->nfilters);
		c->nfilters = 0;
		nfwfp_callout_put_if_unused(c);
	}
}

void nfwfp_callouts_show(struct seq_file *m)
{
	struct nfwfp_callout *c;

	lockdep_assert_held(&nfwfp_engine_mutex);
	list_for_each_entry(c, &nfwfp_callouts, node) {
		seq_printf(m, "callout id=%u key=%pUl layer=%s added=%d registered=%d filters=%u",
			   c->id, &c->key,
			   c->layer >= 0 ? nfwfp_layers[c->layer].name : "-",
			   c->added, !!rcu_access_pointer(c->rt), c->nfilters);
		nfwfp_callout_show_stats(m, c);
	}
}

/* The exported API. The callout structs differ only in function types. */

NTSTATUS NTAPI FwpsCalloutRegister0(void *deviceObject, const FWPS_CALLOUT0 *callout,
				    UINT32 *calloutId)
{
	if (!callout)
		return STATUS_INVALID_PARAMETER;
	return nfwfp_callout_register(0, &callout->calloutKey, callout->flags,
				      callout->classifyFn, callout->notifyFn,
				      callout->flowDeleteFn, deviceObject, calloutId);
}
EXPORT_SYMBOL_GPL(FwpsCalloutRegister0);

NTSTATUS NTAPI FwpsCalloutRegister1(void *deviceObject, const FWPS_CALLOUT1 *callout,
				    UINT32 *calloutId)
{
	if (!callout)
		return STATUS_INVALID_PARAMETER;
	return nfwfp_callout_register(1, &callout->calloutKey, callout->flags,
				      callout->classifyFn, callout->notifyFn,
				      callout->flowDeleteFn, deviceObject, calloutId);
}
EXPORT_SYMBOL_GPL(FwpsCalloutRegister1);

NTSTATUS NTAPI FwpsCalloutRegister2(void *deviceObject, const FWPS_CALLOUT2 *callout,
				    UINT32 *calloutId)
{
	if (!callout)
		return STATUS_INVALID_PARAMETER;
	return nfwfp_callout_register(2, &callout->calloutKey, callout->flags,
				      callout->classifyFn, callout->notifyFn,
				      callout->flowDeleteFn, deviceObject, calloutId);
}
EXPORT_SYMBOL_GPL(FwpsCalloutRegister2);

NTSTATUS NTAPI FwpsCalloutRegister3(void *deviceObject, const FWPS_CALLOUT3 *callout,
				    UINT32 *calloutId)
{
	if (!callout)
		return STATUS_INVALID_PARAMETER;
	return nfwfp_callout_register(3, &callout->calloutKey, callout->flags,
				      callout->classifyFn, callout->notifyFn,
				      callout->flowDeleteFn, deviceObject, calloutId);
}
EXPORT_SYMBOL_GPL(FwpsCalloutRegister3);

NTSTATUS NTAPI FwpsCalloutUnregisterById0(const UINT32 calloutId)
{
	return nfwfp_callout_unregister(NULL, &calloutId);
}
EXPORT_SYMBOL_GPL(FwpsCalloutUnregisterById0);

NTSTATUS NTAPI FwpsCalloutUnregisterByKey0(const GUID *calloutKey)
{
	if (!calloutKey)
		return STATUS_INVALID_PARAMETER;
	return nfwfp_callout_unregister(calloutKey, NULL);
}
EXPORT_SYMBOL_GPL(FwpsCalloutUnregisterByKey0);
