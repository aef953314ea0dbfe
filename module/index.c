// SPDX-License-Identifier: GPL-2.0
/*
 * The filter index of a layer snapshot; see index.h.
 *
 * Built at publish, under the engine mutex, in memory the snapshot's
 * reservation already holds: a counting sort of the keyed filters into
 * buckets, which keeps each bucket (and the rest) in arbitration order.
 */
#include <linux/hash.h>
#include <linux/log2.h>
#include <linux/string.h>

#include "index.h"

/*
 * Below this many keyed filters a walk of all of them costs about what a
 * hash and a merge do: no index.
 */
#define NFWFP_INDEX_MIN 8

void nfwfp_index_init(struct nfwfp_layer_snap *snap)
{
	snap->key_bits = 0;
	snap->pos = (u32 *)&snap->f[snap->cap];
	snap->bucket = snap->pos + snap->cap;
}

/*
 * The value @f is keyed by on @field: its one condition on the field, when
 * that is a number compared FWP_MATCH_EQUAL. Several conditions on one field
 * (ORed, or ANDed groups) or any other match type: not keyed.
 */
static bool nfwfp_filter_key(const struct nfwfp_filter *f, u16 field, u64 *key)
{
	const struct nfwfp_cond *hit = NULL;
	u32 i;

	for (i = 0; i < f->ncond; i++) {
		if (f->conds[i].field != field)
			continue;
		if (hit)
			return false;
		hit = &f->conds[i];
	}
	if (!hit || hit->kind != NFWFP_COND_NUM || hit->match != FWP_MATCH_EQUAL)
		return false;
	*key = hit->lo;
	return true;
}

/* The field most filters of @snap could be keyed by, and how many. */
static u32 nfwfp_index_pick(const struct nfwfp_layer_snap *snap, int layer,
			    u16 *field)
{
	u32 count[NFWFP_MAX_FIELDS] = {};
	u16 nf = nfwfp_layers[layer].num_fields, fld;
	unsigned int p;
	u32 i, best = 0;
	u64 key;

	for (p = 0; p < snap->n; p++) {
		const struct nfwfp_filter *f = snap->f[p];

		for (i = 0; i < f->ncond; i++) {
			fld = f->conds[i].field;
			if (fld < nf && nfwfp_filter_key(f, fld, &key))
				count[fld]++;
		}
	}
	for (fld = 0; fld < nf; fld++) {
		if (count[fld] > best) {
			best = count[fld];
			*field = fld;
		}
	}
	return best;
}

static u32 nfwfp_index_hash(const struct nfwfp_layer_snap *snap, u64 key)
{
	return hash_64(key, snap->key_bits);
}

void nfwfp_index_build(struct nfwfp_layer_snap *snap, int layer)
{
	u32 nkeyed, nb, h, r, *bucket = snap->bucket, *pos = snap->pos;
	unsigned int p;
	u16 field = 0;
	u64 key;

	snap->key_bits = 0;
	nkeyed = nfwfp_index_pick(snap, layer, &field);
	if (nkeyed < NFWFP_INDEX_MIN)
		return;
	/* About one key per bucket; at most 2 * cap + 1 slots (index.h). */
	snap->key_bits = ilog2(roundup_pow_of_two(nkeyed));
	snap->key_field = field;
	nb = 1U << snap->key_bits;

	/* Count per bucket, in bucket[h + 1]; then starts, by prefix sums. */
	memset(bucket, 0, (nb + 1) * sizeof(*bucket));
	for (p = 0; p < snap->n; p++)
		if (nfwfp_filter_key(snap->f[p], field, &key))
			bucket[nfwfp_index_hash(snap, key) + 1]++;
	for (h = 1; h <= nb; h++)
		bucket[h] += bucket[h - 1];
	/* Fill in ascending position: bucket[h] ends as the start of h + 1. */
	r = nkeyed;
	for (p = 0; p < snap->n; p++) {
		if (nfwfp_filter_key(snap->f[p], field, &key))
			pos[bucket[nfwfp_index_hash(snap, key)]++] = p;
		else
			pos[r++] = p;
	}
	for (h = nb; h > 0; h--)
		bucket[h] = bucket[h - 1];
	bucket[0] = 0;
}

void nfwfp_walk_start(struct nfwfp_walk *w, const struct nfwfp_layer_snap *snap,
		      const FWPS_INCOMING_VALUES0 *in)
{
	u32 nb, h;
	u64 key;

	w->all = !snap->key_bits;
	w->i = 0;
	w->n = snap->n;
	if (w->all)
		return;
	nb = 1U << snap->key_bits;
	w->b = snap->pos + snap->bucket[nb];
	w->b_end = snap->pos + snap->n;
	/* No number in the field: no keyed filter can match. */
	if (snap->key_field >= in->valueCount ||
	    !nfwfp_incoming_num(&in->incomingValue[snap->key_field].value, &key)) {
		w->a = w->a_end = w->b;
		return;
	}
	h = nfwfp_index_hash(snap, key);
	w->a = snap->pos + snap->bucket[h];
	w->a_end = snap->pos + snap->bucket[h + 1];
}
