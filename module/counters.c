// SPDX-License-Identifier: GPL-2.0
/*
 * The global counters by name: /sys/kernel/debug/nfwfp/stats and
 * NFWFP_CMD_GET_STATS read the same walk, so the two never disagree.
 */
#include <linux/slab.h>
#include <linux/kernel.h>
#include <linux/mutex.h>

#include "nfwfp.h"
#include "counters.h"
#include "classify.h"
#include "nbl.h"
#include "inject.h"
#include "netcap.h"
#include "ref.h"
#include "fault.h"

/* One reset at a time: each records sums as the new zero. */
static DEFINE_MUTEX(nfwfp_counters_mutex);

void nfwfp_pcpu_u64_sum(const void __percpu *pcpu, size_t size, u64 *sum)
{
	size_t i, n = size / sizeof(u64);
	int cpu;

	memset(sum, 0, size);
	for_each_possible_cpu(cpu) {
		const u64 *p = per_cpu_ptr(pcpu, cpu);

		/* Plain u64s, bumped by their own CPU only: a sum is enough. */
		for (i = 0; i < n; i++)
			sum[i] += READ_ONCE(p[i]);
	}
}

void nfwfp_u64_sub(u64 *v, const u64 *base, size_t size)
{
	size_t i;

	for (i = 0; i < size / sizeof(u64); i++)
		v[i] -= base[i];
}

static const char *const nfwfp_stat_names[__NFWFP_STAT_MAX] = {
	[NFWFP_STAT_PRESENTED]		= "presented",
	[NFWFP_STAT_PERMITTED]		= "permitted",
	[NFWFP_STAT_BLOCKED]		= "blocked",
	[NFWFP_STAT_ABSORBED]		= "absorbed",
	[NFWFP_STAT_NEST_OVERFLOW]	= "unclassified_nested_too_deep",
	[NFWFP_STAT_NO_MEMORY]		= "unclassified_no_view",
	[NFWFP_STAT_HELD_NO_MEMORY]	= "kept_not_sent_no_memory",
	[NFWFP_STAT_USO_SEGMENTED]	= "uso_segmented",
};

static const char *const nfwfp_skip_names[__NFWFP_SKIP_MAX] = {
	[NFWFP_SKIP_NONE]	= "not_skipped",
	[NFWFP_SKIP_FRAGMENT]	= "skipped_fragment",
	[NFWFP_SKIP_XFRM]	= "skipped_xfrm",
	[NFWFP_SKIP_ND]		= "skipped_nd",
	[NFWFP_SKIP_MLD]	= "skipped_mld",
	[NFWFP_SKIP_IGMP]	= "skipped_igmp",
	[NFWFP_SKIP_MALFORMED]	= "skipped_malformed",
};

struct nfwfp_counter_set {
	struct nfwfp_stats cls;
	struct nfwfp_nbl_stats nbl;
	struct nfwfp_inject_stats inj;
	struct nfwfp_netcap_stats cap;
};

static int nfwfp_walk_layers(const struct nfwfp_stats *st,
			     int (*fn)(void *, const char *, u64), void *arg)
{
	char name[32];
	int i, err;

	for (i = 0; i < NFWFP_L_MAX; i++) {
		snprintf(name, sizeof(name), "layer_%u_classified",
			 nfwfp_layers[i].layer_id);
		err = fn(arg, name, st->layer[i]);
		if (err)
			return err;
		snprintf(name, sizeof(name), "layer_%u_blocked",
			 nfwfp_layers[i].layer_id);
		err = fn(arg, name, st->layer_block[i]);
		if (err)
			return err;
	}
	return 0;
}

/* The counters of the other subsystems, in the order they are shown. */
static int nfwfp_walk_rest(const struct nfwfp_counter_set *c,
			   int (*fn)(void *, const char *, u64), void *arg)
{
	const struct {
		const char *name;
		u64 value;
	} rest[] = {
		{ "nbl_overflow", c->nbl.overflow },
		{ "nbl_nomem", c->nbl.nomem },
		{ "nbl_unsupported", c->nbl.unsupported },
		{ "nbl_unrestored", c->nbl.unrestored },
		{ "nbl_misuse", c->nbl.misuse },
		{ "nbl_kept", c->nbl.kept },
		{ "inject_handles", c->inj.handles },
		{ "inject_requested", c->inj.requested },
		{ "inject_sent", c->inj.sent },
		{ "inject_failed", c->inj.failed },
		{ "inject_congested", c->inj.congested },
		{ "inject_completed", c->inj.completed },
		{ "inject_outstanding", c->inj.outstanding },
		{ "inject_backlog", c->inj.backlog },
		{ "inject_loop_dropped", c->inj.loops },
		{ "inject_refused", c->inj.refused },
		{ "held", c->cap.held },
		{ "held_over_cap", c->cap.over },
		{ "held_dropped", nfwfp_ref_dropped() },
		{ "held_max_per_netns", c->cap.max },
		{ "misuse", nfwfp_misuse_count() },
		{ "faults_injected", nfwfp_faults_injected() },
	};
	unsigned int i;
	int err;

	for (i = 0; i < ARRAY_SIZE(rest); i++) {
		err = fn(arg, rest[i].name, rest[i].value);
		if (err)
			return err;
	}
	return 0;
}

int nfwfp_counters_walk(int (*fn)(void *arg, const char *name, u64 value),
			void *arg)
{
	struct nfwfp_counter_set *c = kmalloc(sizeof(*c), GFP_KERNEL);
	int i, err = 0;

	if (!c)
		return -ENOMEM;
	nfwfp_stats_sum(&c->cls);
	nfwfp_nbl_get_stats(&c->nbl);
	nfwfp_inject_get_stats(&c->inj);
	nfwfp_netcap_get_stats(&c->cap);

	for (i = 0; i < __NFWFP_STAT_MAX && !err; i++)
		err = fn(arg, nfwfp_stat_names[i], c->cls.stat[i]);
	for (i = 1; i < __NFWFP_SKIP_MAX && !err; i++)
		err = fn(arg, nfwfp_skip_names[i], c->cls.skip[i]);
	if (!err)
		err = nfwfp_walk_layers(&c->cls, fn, arg);
	if (!err)
		err = nfwfp_walk_rest(c, fn, arg);
	kfree(c);
	return err;
}

void nfwfp_counters_reset(void)
{
	mutex_lock(&nfwfp_counters_mutex);
	nfwfp_stats_reset();
	nfwfp_nbl_reset_stats();
	nfwfp_inject_reset_stats();
	nfwfp_netcap_reset_stats();
	nfwfp_ref_reset_stats();
	nfwfp_misuse_reset();
	nfwfp_engine_reset_stats();
	mutex_unlock(&nfwfp_counters_mutex);
}
