/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The global counters, by name, for debugfs and netlink alike; and their
 * reset. Counters bumped per CPU without atomics cannot be written by a
 * reset: it records their current sums as the new zero instead.
 */
#ifndef _NFWFP_COUNTERS_H
#define _NFWFP_COUNTERS_H

#include <linux/types.h>
#include <linux/percpu.h>

/* Sum a per-CPU struct made only of u64 counters into @sum (@size bytes). */
void nfwfp_pcpu_u64_sum(const void __percpu *pcpu, size_t size, u64 *sum);
/* @v -= @base, element-wise, over @size bytes of u64s. */
void nfwfp_u64_sub(u64 *v, const u64 *base, size_t size);

/* Calls @fn for every global counter; returns the first non-zero result. */
int nfwfp_counters_walk(int (*fn)(void *arg, const char *name, u64 value),
			void *arg);
/* Zero every counter: global ones and those of engine objects and handles. */
void nfwfp_counters_reset(void);

#endif /* _NFWFP_COUNTERS_H */
