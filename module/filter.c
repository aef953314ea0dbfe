// SPDX-License-Identifier: GPL-2.0
/*
 * Filter conditions and weights: FWPM_FILTER_CONDITION0 arrays are checked
 * against the layer's schema once, at FwpmFilterAdd0, and compiled into
 * struct nfwfp_cond so that matching a packet is a few compares with no
 * pointer chasing into caller memory. Consecutive conditions on the same
 * field are ORed, the rest ANDed, as Windows 7+ does.
 */
#include <linux/slab.h>
#include <linux/string.h>

#include "engine.h"

static bool nfwfp_is_num_type(FWP_DATA_TYPE t)
{
	return t == FWP_UINT8 || t == FWP_UINT16 || t == FWP_UINT32 ||
	       t == FWP_UINT64;
}

static bool nfwfp_is_addr_field(const GUID *key)
{
	return nfwfp_guid_eq(key, &FWPM_CONDITION_IP_LOCAL_ADDRESS) ||
	       nfwfp_guid_eq(key, &FWPM_CONDITION_IP_REMOTE_ADDRESS);
}

bool nfwfp_is_iface_field(const GUID *key)
{
	return nfwfp_guid_eq(key, &FWPM_CONDITION_INTERFACE_INDEX) ||
	       nfwfp_guid_eq(key, &FWPM_CONDITION_SUB_INTERFACE_INDEX) ||
	       nfwfp_guid_eq(key, &FWPM_CONDITION_IP_LOCAL_INTERFACE);
}

/* A numeric value of type @t from an FWP_VALUE0/FWP_CONDITION_VALUE0 body. */
static NTSTATUS nfwfp_num_of(FWP_DATA_TYPE t, UINT8 u8, UINT16 u16, UINT32 u32,
			     const UINT64 *p64, u64 *out)
{
	switch (t) {
	case FWP_UINT8:
		*out = u8;
		return STATUS_SUCCESS;
	case FWP_UINT16:
		*out = u16;
		return STATUS_SUCCESS;
	case FWP_UINT32:
		*out = u32;
		return STATUS_SUCCESS;
	case FWP_UINT64:
		if (!p64)
			return STATUS_FWP_NULL_POINTER;
		*out = *p64;
		return STATUS_SUCCESS;
	default:
		return STATUS_FWP_TYPE_MISMATCH;
	}
}

static NTSTATUS nfwfp_value_num(const FWP_VALUE0 *v, FWP_DATA_TYPE want, u64 *out)
{
	if (v->type != want)
		return STATUS_FWP_TYPE_MISMATCH;
	return nfwfp_num_of(v->type, v->uint8, v->uint16, v->uint32, v->uint64, out);
}

static bool nfwfp_num_match_ok(FWP_MATCH_TYPE m)
{
	switch (m) {
	case FWP_MATCH_EQUAL:
	case FWP_MATCH_GREATER:
	case FWP_MATCH_LESS:
	case FWP_MATCH_GREATER_OR_EQUAL:
	case FWP_MATCH_LESS_OR_EQUAL:
	case FWP_MATCH_FLAGS_ALL_SET:
	case FWP_MATCH_FLAGS_ANY_SET:
	case FWP_MATCH_FLAGS_NONE_SET:
	case FWP_MATCH_NOT_EQUAL:
		return true;
	default:
		return false;
	}
}

static bool nfwfp_bytes_match_ok(FWP_MATCH_TYPE m)
{
	switch (m) {
	case FWP_MATCH_EQUAL:
	case FWP_MATCH_GREATER:
	case FWP_MATCH_LESS:
	case FWP_MATCH_GREATER_OR_EQUAL:
	case FWP_MATCH_LESS_OR_EQUAL:
	case FWP_MATCH_NOT_EQUAL:
		return true;
	default:
		return false;
	}
}

static NTSTATUS nfwfp_compile_range(struct nfwfp_cond *c, FWP_DATA_TYPE ft,
				    const FWP_RANGE0 *r)
{
	NTSTATUS st;

	if (!r)
		return STATUS_FWP_NULL_POINTER;
	if (c->match != FWP_MATCH_RANGE)
		return STATUS_FWP_MATCH_TYPE_MISMATCH;
	if (r->valueLow.type != ft || r->valueHigh.type != ft)
		return STATUS_FWP_TYPE_MISMATCH;
	if (ft == FWP_BYTE_ARRAY16_TYPE) {
		if (!r->valueLow.byteArray16 || !r->valueHigh.byteArray16)
			return STATUS_FWP_NULL_POINTER;
		memcpy(c->b, r->valueLow.byteArray16->byteArray16, 16);
		memcpy(c->bhi, r->valueHigh.byteArray16->byteArray16, 16);
		if (memcmp(c->b, c->bhi, 16) > 0)
			return STATUS_FWP_INVALID_RANGE;
		c->kind = NFWFP_COND_BYTES_RANGE;
		return STATUS_SUCCESS;
	}
	st = nfwfp_value_num(&r->valueLow, ft, &c->lo);
	if (!NT_SUCCESS(st))
		return st;
	st = nfwfp_value_num(&r->valueHigh, ft, &c->hi);
	if (!NT_SUCCESS(st))
		return st;
	if (c->lo > c->hi)
		return STATUS_FWP_INVALID_RANGE;
	c->kind = NFWFP_COND_NUM_RANGE;
	return STATUS_SUCCESS;
}

/* Value of a condition on a numeric field (ports, protocol, v4 address, ...). */
static NTSTATUS nfwfp_compile_num(struct nfwfp_cond *c, FWP_DATA_TYPE ft,
				  const GUID *key, const FWP_CONDITION_VALUE0 *v)
{
	if (v->type == FWP_RANGE_TYPE)
		return nfwfp_compile_range(c, ft, v->rangeValue);
	if (v->type == FWP_V4_ADDR_MASK && ft == FWP_UINT32 &&
	    nfwfp_is_addr_field(key)) {
		if (!v->v4AddrMask)
			return STATUS_FWP_NULL_POINTER;
		if (c->match != FWP_MATCH_EQUAL && c->match != FWP_MATCH_NOT_EQUAL)
			return STATUS_FWP_MATCH_TYPE_MISMATCH;
		c->lo = v->v4AddrMask->addr;
		c->hi = v->v4AddrMask->mask;
		c->kind = NFWFP_COND_V4_MASK;
		return STATUS_SUCCESS;
	}
	if (v->type != ft)
		return STATUS_FWP_TYPE_MISMATCH;
	if (!nfwfp_num_match_ok(c->match))
		return STATUS_FWP_MATCH_TYPE_MISMATCH;
	c->kind = NFWFP_COND_NUM;
	return nfwfp_num_of(v->type, v->uint8, v->uint16, v->uint32, v->uint64,
			    &c->lo);
}

static NTSTATUS nfwfp_compile_bytes(struct nfwfp_cond *c,
				    const FWP_CONDITION_VALUE0 *v)
{
	switch (v->type) {
	case FWP_RANGE_TYPE:
		return nfwfp_compile_range(c, FWP_BYTE_ARRAY16_TYPE, v->rangeValue);
	case FWP_V6_ADDR_MASK:
		if (!v->v6AddrMask)
			return STATUS_FWP_NULL_POINTER;
		if (c->match != FWP_MATCH_EQUAL && c->match != FWP_MATCH_NOT_EQUAL)
			return STATUS_FWP_MATCH_TYPE_MISMATCH;
		if (v->v6AddrMask->prefixLength > 128)
			return STATUS_FWP_INVALID_NET_MASK;
		memcpy(c->b, v->v6AddrMask->addr, 16);
		c->plen = v->v6AddrMask->prefixLength;
		c->kind = NFWFP_COND_V6_PREFIX;
		return STATUS_SUCCESS;
	case FWP_BYTE_ARRAY16_TYPE:
		if (!v->byteArray16)
			return STATUS_FWP_NULL_POINTER;
		if (!nfwfp_bytes_match_ok(c->match))
			return STATUS_FWP_MATCH_TYPE_MISMATCH;
		memcpy(c->b, v->byteArray16->byteArray16, 16);
		c->kind = NFWFP_COND_BYTES;
		return STATUS_SUCCESS;
	default:
		return STATUS_FWP_TYPE_MISMATCH;
	}
}

/* The FWPS_FILTER_CONDITION0 a callout sees: same values, nfwfp's storage. */
static void nfwfp_cond_runtime(struct nfwfp_cond *c, FWP_DATA_TYPE ft,
			       FWPS_FILTER_CONDITION0 *rc)
{
	FWP_CONDITION_VALUE0 *v = &rc->conditionValue;

	rc->fieldId = c->field;
	rc->matchType = c->match;
	switch (c->kind) {
	case NFWFP_COND_NUM:
		v->type = ft;
		if (ft == FWP_UINT8)
			v->uint8 = c->lo;
		else if (ft == FWP_UINT16)
			v->uint16 = c->lo;
		else if (ft == FWP_UINT32)
			v->uint32 = c->lo;
		c->u64lo = c->lo;
		if (ft == FWP_UINT64)
			v->uint64 = &c->u64lo;
		break;
	case NFWFP_COND_NUM_RANGE:
	case NFWFP_COND_BYTES_RANGE:
		v->type = FWP_RANGE_TYPE;
		v->rangeValue = &c->range;
		c->range.valueLow.type = ft;
		c->range.valueHigh.type = ft;
		if (c->kind == NFWFP_COND_BYTES_RANGE) {
			memcpy(c->balo.byteArray16, c->b, 16);
			memcpy(c->bahi.byteArray16, c->bhi, 16);
			c->range.valueLow.byteArray16 = &c->balo;
			c->range.valueHigh.byteArray16 = &c->bahi;
		} else if (ft == FWP_UINT64) {
			c->u64lo = c->lo;
			c->u64hi = c->hi;
			c->range.valueLow.uint64 = &c->u64lo;
			c->range.valueHigh.uint64 = &c->u64hi;
		} else {
			c->range.valueLow.uint32 = c->lo;
			c->range.valueHigh.uint32 = c->hi;
			if (ft == FWP_UINT8) {
				c->range.valueLow.uint8 = c->lo;
				c->range.valueHigh.uint8 = c->hi;
			} else if (ft == FWP_UINT16) {
				c->range.valueLow.uint16 = c->lo;
				c->range.valueHigh.uint16 = c->hi;
			}
		}
		break;
	case NFWFP_COND_V4_MASK:
		v->type = FWP_V4_ADDR_MASK;
		c->v4m.addr = c->lo;
		c->v4m.mask = c->hi;
		v->v4AddrMask = &c->v4m;
		break;
	case NFWFP_COND_BYTES:
		v->type = FWP_BYTE_ARRAY16_TYPE;
		memcpy(c->balo.byteArray16, c->b, 16);
		v->byteArray16 = &c->balo;
		break;
	case NFWFP_COND_V6_PREFIX:
		v->type = FWP_V6_ADDR_MASK;
		memcpy(c->v6m.addr, c->b, 16);
		c->v6m.prefixLength = c->plen;
		v->v6AddrMask = &c->v6m;
		break;
	}
}

static NTSTATUS nfwfp_compile_one(const struct nfwfp_layer_info *li,
				  const FWPM_FILTER_CONDITION0 *mc,
				  struct nfwfp_cond *c)
{
	const struct nfwfp_field_info *fi = NULL;
	u16 i;

	for (i = 0; i < li->num_fields; i++) {
		if (nfwfp_guid_eq(&mc->fieldKey, li->fields[i].key)) {
			fi = &li->fields[i];
			break;
		}
	}
	if (!fi)
		return STATUS_FWP_CONDITION_NOT_FOUND;
	if ((u32)mc->matchType >= FWP_MATCH_TYPE_MAX)
		return STATUS_FWP_MATCH_TYPE_MISMATCH;
	c->field = i;
	c->match = mc->matchType;
	if (nfwfp_is_num_type(fi->type))
		return nfwfp_compile_num(c, fi->type, fi->key, &mc->conditionValue);
	return nfwfp_compile_bytes(c, &mc->conditionValue);
}

/* Interface indexes are per namespace: they mean nothing without one. */
static NTSTATUS nfwfp_check_iface_scope(const FWPM_FILTER0 *fm)
{
	bool iface = false, compartment = false;
	u32 i;

	for (i = 0; i < fm->numFilterConditions; i++) {
		const FWPM_FILTER_CONDITION0 *mc = &fm->filterCondition[i];

		if (nfwfp_is_iface_field(&mc->fieldKey))
			iface = true;
		if (nfwfp_guid_eq(&mc->fieldKey, &FWPM_CONDITION_COMPARTMENT_ID) &&
		    mc->matchType == FWP_MATCH_EQUAL)
			compartment = true;
	}
	return iface && !compartment ? STATUS_FWP_INVALID_PARAMETER :
				       STATUS_SUCCESS;
}

/*
 * Weights (wfp_fwpm.md §1.6): FWP_EMPTY lets the engine choose, FWP_UINT8
 * picks one of 16 ranges (the top 4 bits) and lets the engine choose the
 * rest, FWP_UINT64 is taken as is. Windows does not document how it
 * chooses; nfwfp gives more specific filters (more fields constrained) the
 * higher automatic weight, and ties go to the older filter.
 */
static NTSTATUS nfwfp_filter_weight(struct nfwfp_filter *f, const FWPM_FILTER0 *fm)
{
	u64 fields = 0, autow;
	u32 i;

	for (i = 0; i < f->ncond; i++)
		fields += !f->conds[i].or_next;
	autow = min_t(u64, fields, 0xff) << 52;

	switch (fm->weight.type) {
	case FWP_EMPTY:
		f->weight = autow;
		return STATUS_SUCCESS;
	case FWP_UINT8:
		if (fm->weight.uint8 > FWPM_WEIGHT_RANGE_MAX)
			return STATUS_FWP_INVALID_WEIGHT;
		f->weight = (u64)fm->weight.uint8 << FWPM_AUTO_WEIGHT_BITS | autow;
		return STATUS_SUCCESS;
	case FWP_UINT64:
		if (!fm->weight.uint64)
			return STATUS_FWP_NULL_POINTER;
		f->weight = *fm->weight.uint64;
		return STATUS_SUCCESS;
	default:
		return STATUS_FWP_INVALID_WEIGHT;
	}
}

/**
 * nfwfp_filter_compile - check and compile an FWPM_FILTER0's conditions
 * @f: the filter being built; f->layer is set
 * @fm: the caller's filter
 *
 * Fills f->conds, f->fwps_conds, f->ncond and f->weight.
 */
NTSTATUS nfwfp_filter_compile(struct nfwfp_filter *f, const FWPM_FILTER0 *fm)
{
	const struct nfwfp_layer_info *li = &nfwfp_layers[f->layer];
	NTSTATUS st;
	u32 i;

	if (fm->numFilterConditions && !fm->filterCondition)
		return STATUS_FWP_NULL_POINTER;
	if (fm->numFilterConditions > 256)
		return STATUS_FWP_OUT_OF_BOUNDS;
	st = nfwfp_check_iface_scope(fm);
	if (!NT_SUCCESS(st))
		return st;

	f->ncond = fm->numFilterConditions;
	if (f->ncond) {
		f->conds = kcalloc(f->ncond, sizeof(*f->conds), GFP_KERNEL);
		f->fwps_conds = kcalloc(f->ncond, sizeof(*f->fwps_conds), GFP_KERNEL);
		if (!f->conds || !f->fwps_conds) {
			nfwfp_filter_free_conds(f);
			return STATUS_NO_MEMORY;
		}
	}
	for (i = 0; i < f->ncond; i++) {
		st = nfwfp_compile_one(li, &fm->filterCondition[i], &f->conds[i]);
		if (!NT_SUCCESS(st)) {
			nfwfp_filter_free_conds(f);
			return st;
		}
		if (i && f->conds[i - 1].field == f->conds[i].field)
			f->conds[i - 1].or_next = true;
	}
	for (i = 0; i < f->ncond; i++)
		nfwfp_cond_runtime(&f->conds[i], li->fields[f->conds[i].field].type,
				   &f->fwps_conds[i]);
	st = nfwfp_filter_weight(f, fm);
	if (!NT_SUCCESS(st))
		nfwfp_filter_free_conds(f);
	return st;
}

void nfwfp_filter_free_conds(struct nfwfp_filter *f)
{
	kfree(f->conds);
	kfree(f->fwps_conds);
	f->conds = NULL;
	f->fwps_conds = NULL;
	f->ncond = 0;
}

static bool nfwfp_num_cmp(u8 match, u64 v, u64 c)
{
	switch (match) {
	case FWP_MATCH_EQUAL:		return v == c;
	case FWP_MATCH_NOT_EQUAL:	return v != c;
	case FWP_MATCH_GREATER:		return v > c;
	case FWP_MATCH_LESS:		return v < c;
	case FWP_MATCH_GREATER_OR_EQUAL: return v >= c;
	case FWP_MATCH_LESS_OR_EQUAL:	return v <= c;
	case FWP_MATCH_FLAGS_ALL_SET:	return (v & c) == c;
	case FWP_MATCH_FLAGS_ANY_SET:	return v & c;
	case FWP_MATCH_FLAGS_NONE_SET:	return !(v & c);
	}
	return false;
}

static bool nfwfp_bytes_cmp(u8 match, const u8 *v, const u8 *c)
{
	int r = memcmp(v, c, 16);

	switch (match) {
	case FWP_MATCH_EQUAL:		return r == 0;
	case FWP_MATCH_NOT_EQUAL:	return r != 0;
	case FWP_MATCH_GREATER:		return r > 0;
	case FWP_MATCH_LESS:		return r < 0;
	case FWP_MATCH_GREATER_OR_EQUAL: return r >= 0;
	case FWP_MATCH_LESS_OR_EQUAL:	return r <= 0;
	}
	return false;
}

static bool nfwfp_prefix_eq(const u8 *a, const u8 *b, u8 plen)
{
	u8 bytes = plen / 8, bits = plen % 8;

	if (memcmp(a, b, bytes))
		return false;
	if (!bits)
		return true;
	return !((a[bytes] ^ b[bytes]) & (0xff00 >> bits));
}

/* The number an incoming value holds; false when it holds none. */
bool nfwfp_incoming_num(const FWP_VALUE0 *v, u64 *out)
{
	return nfwfp_is_num_type(v->type) &&
	       NT_SUCCESS(nfwfp_num_of(v->type, v->uint8, v->uint16, v->uint32,
				       v->uint64, out));
}

static bool nfwfp_cond_match(const struct nfwfp_cond *c, const FWP_VALUE0 *v)
{
	const u8 *bytes;
	u64 num;
	bool eq;

	switch (c->kind) {
	case NFWFP_COND_NUM:
	case NFWFP_COND_NUM_RANGE:
	case NFWFP_COND_V4_MASK:
		if (!nfwfp_incoming_num(v, &num))
			return false;
		if (c->kind == NFWFP_COND_NUM)
			return nfwfp_num_cmp(c->match, num, c->lo);
		if (c->kind == NFWFP_COND_NUM_RANGE)
			return num >= c->lo && num <= c->hi;
		eq = (num & c->hi) == (c->lo & c->hi);
		return c->match == FWP_MATCH_EQUAL ? eq : !eq;
	default:
		if (v->type != FWP_BYTE_ARRAY16_TYPE || !v->byteArray16)
			return false;
		bytes = v->byteArray16->byteArray16;
		if (c->kind == NFWFP_COND_BYTES)
			return nfwfp_bytes_cmp(c->match, bytes, c->b);
		if (c->kind == NFWFP_COND_BYTES_RANGE)
			return memcmp(bytes, c->b, 16) >= 0 &&
			       memcmp(bytes, c->bhi, 16) <= 0;
		eq = nfwfp_prefix_eq(bytes, c->b, c->plen);
		return c->match == FWP_MATCH_EQUAL ? eq : !eq;
	}
}

/* All field groups must match; within a group, any condition. */
bool nfwfp_filter_match(const struct nfwfp_filter *f,
			const FWPS_INCOMING_VALUES0 *in)
{
	bool group = false;
	u32 i;

	for (i = 0; i < f->ncond; i++) {
		const struct nfwfp_cond *c = &f->conds[i];

		if (!group && c->field < in->valueCount)
			group = nfwfp_cond_match(c, &in->incomingValue[c->field].value);
		if (c->or_next)
			continue;
		if (!group)
			return false;
		group = false;
	}
	return true;
}
