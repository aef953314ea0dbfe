/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The filter index of a layer snapshot: what keeps classification flat when
 * a layer holds thousands of filters.
 *
 * Firewalls add filters by the thousand that differ in one value (a port,
 * an address, a protocol). When enough of a layer's filters have a single
 * FWP_MATCH_EQUAL condition on the same numeric field, the snapshot keys
 * them by that value in a hash table; the others ("the rest") stay in a
 * list. Both hold positions in the snapshot's sorted array, ascending, so
 * a packet walks its bucket and the rest merged, in arbitration order, and
 * never looks at a filter whose key differs from its own value: those could
 * not match, and a filter that cannot match decides nothing. A bucket may
 * hold other keys (collisions); every filter walked is still matched whole.
 *
 * The index lives in the snapshot's own allocation, reserved before a
 * change is accepted, so building it at publish cannot fail.
 */
#ifndef _NFWFP_INDEX_H
#define _NFWFP_INDEX_H

#include "engine.h"

/* u32 slots an index needs after f[cap]: positions, then buckets. */
static inline size_t nfwfp_index_slots(unsigned int cap)
{
	return (size_t)cap + 2 * (size_t)cap + 1;
}

void nfwfp_index_init(struct nfwfp_layer_snap *snap);
void nfwfp_index_build(struct nfwfp_layer_snap *snap, int layer);

/* Positions of a snapshot to visit for one packet, in ascending order. */
struct nfwfp_walk {
	const u32 *a, *a_end;		/* the packet's bucket */
	const u32 *b, *b_end;		/* the rest */
	unsigned int i, n;		/* no index: every position */
	bool all;
};

void nfwfp_walk_start(struct nfwfp_walk *w, const struct nfwfp_layer_snap *snap,
		      const FWPS_INCOMING_VALUES0 *in);

/* The next position, or -1 at the end. */
static inline int nfwfp_walk_next(struct nfwfp_walk *w)
{
	if (w->all)
		return w->i < w->n ? (int)w->i++ : -1;
	if (w->a < w->a_end && (w->b == w->b_end || *w->a < *w->b))
		return *w->a++;
	if (w->b < w->b_end)
		return *w->b++;
	return -1;
}

#endif
