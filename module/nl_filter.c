// SPDX-License-Identifier: GPL-2.0
/*
 * Filters over netlink: NEW/DEL/GET/FLUSH_FILTER and the filter dump.
 *
 * A request is translated into the FWPM_FILTER0 a driver would pass to
 * FwpmFilterAdd0 and handed to the same engine call, so netlink and the
 * kernel API cannot drift apart: one validation, one set of statuses.
 */
#include <linux/slab.h>
#include <linux/sort.h>
#include <linux/inet.h>

#include "nfwfp.h"
#include "netlink.h"

static const struct nla_policy nfwfp_nl_cond_policy[NFWFP_COND_A_MAX + 1] = {
	[NFWFP_COND_A_FIELD]	= { .type = NLA_U16 },
	[NFWFP_COND_A_MATCH]	= NLA_POLICY_MAX(NLA_U8, NFWFP_MATCH_MAX),
	[NFWFP_COND_A_VALUE]	= { .type = NLA_U64 },
	[NFWFP_COND_A_VALUE_HI]	= { .type = NLA_U64 },
	[NFWFP_COND_A_ADDR]	= NLA_POLICY_MIN_LEN(4),
	[NFWFP_COND_A_ADDR_HI]	= NLA_POLICY_MIN_LEN(4),
	[NFWFP_COND_A_PREFIX]	= NLA_POLICY_MAX(NLA_U8, 128),
	[NFWFP_COND_A_PAD]	= { .type = NLA_REJECT },
	[NFWFP_COND_A_MASK]	= { .type = NLA_REJECT },
};

#define NFWFP_NL_FILTER_FLAGS (NFWFP_OBJ_F_DYNAMIC |			\
			       NFWFP_FILTER_F_CLEAR_ACTION_RIGHT |	\
			       NFWFP_FILTER_F_PERMIT_IF_CALLOUT_UNREGISTERED)

const struct nla_policy nfwfp_nl_filter_policy[NFWFP_FILTER_A_MAX + 1] = {
	[NFWFP_FILTER_A_ID]		= { .type = NLA_U64 },
	[NFWFP_FILTER_A_KEY]		= NLA_POLICY_EXACT_LEN(sizeof(GUID)),
	[NFWFP_FILTER_A_NAME]		= { .type = NLA_NUL_STRING, .len = 255 },
	[NFWFP_FILTER_A_LAYER]		= { .type = NLA_U16 },
	[NFWFP_FILTER_A_SUBLAYER]	= NLA_POLICY_EXACT_LEN(sizeof(GUID)),
	[NFWFP_FILTER_A_WEIGHT]		= { .type = NLA_U64 },
	[NFWFP_FILTER_A_WEIGHT_RANGE]	= NLA_POLICY_MAX(NLA_U8, FWPM_WEIGHT_RANGE_MAX),
	[NFWFP_FILTER_A_EFFECTIVE_WEIGHT] = { .type = NLA_REJECT },
	[NFWFP_FILTER_A_ACTION]		= NLA_POLICY_RANGE(NLA_U8, 1, NFWFP_ACTION_MAX),
	[NFWFP_FILTER_A_CALLOUT]	= NLA_POLICY_EXACT_LEN(sizeof(GUID)),
	[NFWFP_FILTER_A_FLAGS]		= NLA_POLICY_MASK(NLA_U32, NFWFP_NL_FILTER_FLAGS),
	[NFWFP_FILTER_A_CONTEXT]	= { .type = NLA_U64 },
	[NFWFP_FILTER_A_CONDS]		= NLA_POLICY_NESTED_ARRAY(nfwfp_nl_cond_policy),
	[NFWFP_FILTER_A_COND]		= { .type = NLA_REJECT },
	[NFWFP_FILTER_A_MATCHED ... NFWFP_FILTER_A_PAD] = { .type = NLA_REJECT },
};

/*
 * The other filter commands take only what they use: anything else is an
 * error that names the attribute, not silently ignored.
 */
const struct nla_policy nfwfp_nl_filter_del_policy[NFWFP_FILTER_A_MAX + 1] = {
	[NFWFP_FILTER_A_ID]		= { .type = NLA_U64 },
	[NFWFP_FILTER_A_KEY]		= NLA_POLICY_EXACT_LEN(sizeof(GUID)),
	[NFWFP_FILTER_A_NAME ... NFWFP_FILTER_A_PAD] = { .type = NLA_REJECT },
};

/* GET: one filter by id or key, or a dump selected by layer and sublayer. */
const struct nla_policy nfwfp_nl_filter_get_policy[NFWFP_FILTER_A_MAX + 1] = {
	[NFWFP_FILTER_A_ID]		= { .type = NLA_U64 },
	[NFWFP_FILTER_A_KEY]		= NLA_POLICY_EXACT_LEN(sizeof(GUID)),
	[NFWFP_FILTER_A_NAME]		= { .type = NLA_REJECT },
	[NFWFP_FILTER_A_LAYER]		= { .type = NLA_U16 },
	[NFWFP_FILTER_A_SUBLAYER]	= NLA_POLICY_EXACT_LEN(sizeof(GUID)),
	[NFWFP_FILTER_A_WEIGHT ... NFWFP_FILTER_A_PAD] = { .type = NLA_REJECT },
};

const struct nla_policy nfwfp_nl_filter_flush_policy[NFWFP_FILTER_A_MAX + 1] = {
	[NFWFP_FILTER_A_ID ... NFWFP_FILTER_A_NAME] = { .type = NLA_REJECT },
	[NFWFP_FILTER_A_LAYER]		= { .type = NLA_U16 },
	[NFWFP_FILTER_A_SUBLAYER]	= NLA_POLICY_EXACT_LEN(sizeof(GUID)),
	[NFWFP_FILTER_A_WEIGHT ... NFWFP_FILTER_A_PAD] = { .type = NLA_REJECT },
};

static const FWP_ACTION_TYPE nfwfp_nl_actions[] = {
	[NFWFP_ACTION_BLOCK]			= FWP_ACTION_BLOCK,
	[NFWFP_ACTION_PERMIT]			= FWP_ACTION_PERMIT,
	[NFWFP_ACTION_CALLOUT_TERMINATING]	= FWP_ACTION_CALLOUT_TERMINATING,
	[NFWFP_ACTION_CALLOUT_INSPECTION]	= FWP_ACTION_CALLOUT_INSPECTION,
	[NFWFP_ACTION_CALLOUT_UNKNOWN]		= FWP_ACTION_CALLOUT_UNKNOWN,
};

/* ---- request → FWPM_FILTER0 ----------------------------------------------- */

/* The storage one FWPM_FILTER_CONDITION0's pointers point into. */
struct nfwfp_nl_cond_buf {
	UINT64 lo, hi;
	FWP_BYTE_ARRAY16 blo, bhi;
	FWP_V4_ADDR_AND_MASK v4m;
	FWP_V6_ADDR_AND_MASK v6m;
	FWP_RANGE0 range;
};

struct nfwfp_nl_filter_req {
	FWPM_FILTER0 f;
	UINT64 weight;
	u32 ncond;
	FWPM_FILTER_CONDITION0 *mc;
	struct nfwfp_nl_cond_buf *buf;
};

static bool nfwfp_nl_addr_field(const struct nfwfp_field_info *fi)
{
	return fi->sem == NFWFP_SEM_IP_LOCAL_ADDRESS ||
	       fi->sem == NFWFP_SEM_IP_REMOTE_ADDRESS;
}

/* A number of the field's type into @v; false when it does not fit. */
static bool nfwfp_nl_num(FWP_DATA_TYPE t, u64 x, UINT64 *store, FWP_VALUE0 *v)
{
	v->type = t;
	switch (t) {
	case FWP_UINT8:
		v->uint8 = x;
		return x <= U8_MAX;
	case FWP_UINT16:
		v->uint16 = x;
		return x <= U16_MAX;
	case FWP_UINT32:
		v->uint32 = x;
		return x <= U32_MAX;
	default:
		*store = x;
		v->uint64 = store;
		return true;
	}
}

/* A v4 address attribute as the host-order number WFP compares. */
static u32 nfwfp_nl_v4(const struct nlattr *a)
{
	__be32 x;

	memcpy(&x, nla_data(a), 4);
	return ntohl(x);
}

static int nfwfp_nl_addr_len(struct genl_info *info, const struct nlattr *a,
			     unsigned int want)
{
	if (a && nla_len(a) != want) {
		NL_SET_ERR_MSG_ATTR(info->extack, a,
				    "address length does not match the layer's family");
		return -EINVAL;
	}
	return 0;
}

/* FWP_RANGE_TYPE of two values already in buf->range. */
static void nfwfp_nl_set_range(FWPM_FILTER_CONDITION0 *mc,
			       struct nfwfp_nl_cond_buf *b)
{
	mc->conditionValue.type = FWP_RANGE_TYPE;
	mc->conditionValue.rangeValue = &b->range;
}

static int nfwfp_nl_cond_addr(struct genl_info *info, struct nlattr **tb,
			      const struct nfwfp_field_info *fi,
			      FWPM_FILTER_CONDITION0 *mc,
			      struct nfwfp_nl_cond_buf *b)
{
	bool v6 = fi->type == FWP_BYTE_ARRAY16_TYPE;
	struct nlattr *a = tb[NFWFP_COND_A_ADDR], *hi = tb[NFWFP_COND_A_ADDR_HI];
	struct nlattr *plen = tb[NFWFP_COND_A_PREFIX];
	FWP_CONDITION_VALUE0 *v = &mc->conditionValue;
	unsigned int p;

	if (!a) {
		NL_SET_ERR_MSG_ATTR(info->extack, tb[NFWFP_COND_A_VALUE],
				    "address fields take NFWFP_COND_A_ADDR");
		return -EINVAL;
	}
	if (nfwfp_nl_addr_len(info, a, v6 ? 16 : 4) ||
	    nfwfp_nl_addr_len(info, hi, v6 ? 16 : 4))
		return -EINVAL;
	if (plen) {
		p = nla_get_u8(plen);
		if (p > (v6 ? 128 : 32)) {
			NL_SET_ERR_MSG_ATTR(info->extack, plen, "prefix too long");
			return -ERANGE;
		}
		if (v6) {
			memcpy(b->v6m.addr, nla_data(a), 16);
			b->v6m.prefixLength = p;
			v->type = FWP_V6_ADDR_MASK;
			v->v6AddrMask = &b->v6m;
		} else {
			b->v4m.addr = nfwfp_nl_v4(a);
			b->v4m.mask = p ? ~0U << (32 - p) : 0;
			v->type = FWP_V4_ADDR_MASK;
			v->v4AddrMask = &b->v4m;
		}
		return 0;
	}
	if (v6) {
		memcpy(b->blo.byteArray16, nla_data(a), 16);
		if (hi) {
			memcpy(b->bhi.byteArray16, nla_data(hi), 16);
			b->range.valueLow.type = FWP_BYTE_ARRAY16_TYPE;
			b->range.valueLow.byteArray16 = &b->blo;
			b->range.valueHigh.type = FWP_BYTE_ARRAY16_TYPE;
			b->range.valueHigh.byteArray16 = &b->bhi;
			nfwfp_nl_set_range(mc, b);
		} else {
			v->type = FWP_BYTE_ARRAY16_TYPE;
			v->byteArray16 = &b->blo;
		}
		return 0;
	}
	if (hi) {
		nfwfp_nl_num(FWP_UINT32, nfwfp_nl_v4(a), &b->lo, &b->range.valueLow);
		nfwfp_nl_num(FWP_UINT32, nfwfp_nl_v4(hi), &b->hi, &b->range.valueHigh);
		nfwfp_nl_set_range(mc, b);
	} else {
		v->type = FWP_UINT32;
		v->uint32 = nfwfp_nl_v4(a);
	}
	return 0;
}

/* The same number as an FWP_CONDITION_VALUE0 (a union of its own). */
static void nfwfp_nl_cond_value(FWP_CONDITION_VALUE0 *cv, const FWP_VALUE0 *v)
{
	cv->type = v->type;
	switch (v->type) {
	case FWP_UINT8:
		cv->uint8 = v->uint8;
		break;
	case FWP_UINT16:
		cv->uint16 = v->uint16;
		break;
	case FWP_UINT32:
		cv->uint32 = v->uint32;
		break;
	default:
		cv->uint64 = v->uint64;
		break;
	}
}

static int nfwfp_nl_cond_num(struct genl_info *info, struct nlattr **tb,
			     const struct nfwfp_field_info *fi,
			     FWPM_FILTER_CONDITION0 *mc,
			     struct nfwfp_nl_cond_buf *b)
{
	struct nlattr *a = tb[NFWFP_COND_A_VALUE], *hi = tb[NFWFP_COND_A_VALUE_HI];
	FWP_VALUE0 lo;
	bool fits;

	if (!a || tb[NFWFP_COND_A_ADDR] || tb[NFWFP_COND_A_ADDR_HI] ||
	    tb[NFWFP_COND_A_PREFIX]) {
		NL_SET_ERR_MSG_ATTR(info->extack, a ?: tb[NFWFP_COND_A_FIELD],
				    "number fields take NFWFP_COND_A_VALUE (and VALUE_HI) only");
		return -EINVAL;
	}
	if (hi) {
		fits = nfwfp_nl_num(fi->type, nla_get_u64(a), &b->lo, &b->range.valueLow) &&
		       nfwfp_nl_num(fi->type, nla_get_u64(hi), &b->hi, &b->range.valueHigh);
		nfwfp_nl_set_range(mc, b);
	} else {
		fits = nfwfp_nl_num(fi->type, nla_get_u64(a), &b->lo, &lo);
		nfwfp_nl_cond_value(&mc->conditionValue, &lo);
	}
	if (!fits) {
		NL_SET_ERR_MSG_ATTR(info->extack, hi ?: a,
				    "value does not fit the field's type");
		return -ERANGE;
	}
	return 0;
}

static int nfwfp_nl_cond(struct genl_info *info, const struct nfwfp_layer_info *li,
			 const struct nlattr *nest, FWPM_FILTER_CONDITION0 *mc,
			 struct nfwfp_nl_cond_buf *b)
{
	struct nlattr *tb[NFWFP_COND_A_MAX + 1];
	const struct nfwfp_field_info *fi;
	u16 field;
	int err;

	if (nla_type(nest) != NFWFP_FILTER_A_COND) {
		NL_SET_ERR_MSG_ATTR(info->extack, nest,
				    "NFWFP_FILTER_A_CONDS holds NFWFP_FILTER_A_COND nests only");
		return -EINVAL;
	}
	/* The policy was checked by the core (NLA_POLICY_NESTED_ARRAY). */
	err = nla_parse_nested(tb, NFWFP_COND_A_MAX, nest, nfwfp_nl_cond_policy,
			       info->extack);
	if (err)
		return err;
	if (!tb[NFWFP_COND_A_FIELD] || !tb[NFWFP_COND_A_MATCH]) {
		NL_SET_ERR_MSG_ATTR(info->extack, nest,
				    "a condition needs NFWFP_COND_A_FIELD and NFWFP_COND_A_MATCH");
		return -EINVAL;
	}
	field = nla_get_u16(tb[NFWFP_COND_A_FIELD]);
	if (field >= li->num_fields) {
		NL_SET_ERR_MSG_ATTR(info->extack, tb[NFWFP_COND_A_FIELD],
				    "the layer has no field with this index");
		return -ERANGE;
	}
	fi = &li->fields[field];
	mc->fieldKey = *fi->key;
	mc->matchType = nla_get_u8(tb[NFWFP_COND_A_MATCH]);
	if (nfwfp_nl_addr_field(fi))
		return nfwfp_nl_cond_addr(info, tb, fi, mc, b);
	return nfwfp_nl_cond_num(info, tb, fi, mc, b);
}

/* The first interface condition of @r, which the engine refused, or CONDS. */
static const struct nlattr *nfwfp_nl_iface_cond(struct genl_info *info,
						const struct nfwfp_nl_filter_req *r)
{
	const struct nlattr *conds = info->attrs[NFWFP_FILTER_A_CONDS], *nest;
	int rem;
	u32 i = 0;

	if (!conds)
		return NULL;
	nla_for_each_nested(nest, conds, rem) {
		if (i < r->ncond && nfwfp_is_iface_field(&r->mc[i].fieldKey))
			return nest;
		i++;
	}
	return conds;
}

static int nfwfp_nl_conds(struct genl_info *info, const struct nfwfp_layer_info *li,
			  struct nfwfp_nl_filter_req *r)
{
	const struct nlattr *conds = info->attrs[NFWFP_FILTER_A_CONDS], *nest;
	int rem, err;
	u32 i = 0;

	if (!conds)
		return 0;
	nla_for_each_nested(nest, conds, rem)
		r->ncond++;
	if (r->ncond > NFWFP_FILTER_MAX_CONDS) {
		NL_SET_ERR_MSG_ATTR(info->extack, conds, "more than 64 conditions");
		return -E2BIG;
	}
	r->mc = kcalloc(r->ncond, sizeof(*r->mc), GFP_KERNEL);
	r->buf = kcalloc(r->ncond, sizeof(*r->buf), GFP_KERNEL);
	if (!r->mc || !r->buf)
		return -ENOMEM;
	nla_for_each_nested(nest, conds, rem) {
		err = nfwfp_nl_cond(info, li, nest, &r->mc[i], &r->buf[i]);
		if (err)
			return err;
		i++;
	}
	r->f.numFilterConditions = r->ncond;
	r->f.filterCondition = r->mc;
	return 0;
}

static int nfwfp_nl_filter_action(struct genl_info *info, struct nfwfp_nl_filter_req *r)
{
	struct nlattr *callout = info->attrs[NFWFP_FILTER_A_CALLOUT];
	u8 a = nla_get_u8(info->attrs[NFWFP_FILTER_A_ACTION]);

	r->f.action.type = nfwfp_nl_actions[a];
	if (!(r->f.action.type & FWP_ACTION_FLAG_CALLOUT) != !callout) {
		NL_SET_ERR_MSG_ATTR(info->extack, callout ?: info->attrs[NFWFP_FILTER_A_ACTION],
				    "NFWFP_FILTER_A_CALLOUT goes with the callout actions, and only with them");
		return -EINVAL;
	}
	if (callout)
		nla_memcpy(&r->f.action.calloutKey, callout, sizeof(GUID));
	return 0;
}

static int nfwfp_nl_filter_weight(struct genl_info *info, struct nfwfp_nl_filter_req *r)
{
	struct nlattr *w = info->attrs[NFWFP_FILTER_A_WEIGHT];
	struct nlattr *range = info->attrs[NFWFP_FILTER_A_WEIGHT_RANGE];

	if (w && range) {
		NL_SET_ERR_MSG_ATTR(info->extack, range,
				    "NFWFP_FILTER_A_WEIGHT and NFWFP_FILTER_A_WEIGHT_RANGE exclude each other");
		return -EINVAL;
	}
	if (w) {
		r->weight = nla_get_u64(w);
		r->f.weight.type = FWP_UINT64;
		r->f.weight.uint64 = &r->weight;
	} else if (range) {
		r->f.weight.type = FWP_UINT8;
		r->f.weight.uint8 = nla_get_u8(range);
	}
	return 0;
}

static int nfwfp_nl_filter_parse(struct genl_info *info, struct nfwfp_nl_filter_req *r)
{
	struct nlattr **tb = info->attrs;
	u32 flags = 0;
	int layer, err;

	if (GENL_REQ_ATTR_CHECK(info, NFWFP_FILTER_A_NAME) ||
	    GENL_REQ_ATTR_CHECK(info, NFWFP_FILTER_A_LAYER) ||
	    GENL_REQ_ATTR_CHECK(info, NFWFP_FILTER_A_ACTION))
		return -EINVAL;
	layer = nfwfp_nl_layer_by_id(nla_get_u16(tb[NFWFP_FILTER_A_LAYER]));
	if (layer < 0) {
		NL_SET_ERR_MSG_ATTR(info->extack, tb[NFWFP_FILTER_A_LAYER],
				    "nfwfp presents no packets at this layer");
		return -ENOENT;
	}
	r->f.layerKey = *nfwfp_layers[layer].key;
	if (tb[NFWFP_FILTER_A_KEY])
		nla_memcpy(&r->f.filterKey, tb[NFWFP_FILTER_A_KEY], sizeof(GUID));
	if (tb[NFWFP_FILTER_A_SUBLAYER])
		nla_memcpy(&r->f.subLayerKey, tb[NFWFP_FILTER_A_SUBLAYER], sizeof(GUID));
	if (tb[NFWFP_FILTER_A_FLAGS])
		flags = nla_get_u32(tb[NFWFP_FILTER_A_FLAGS]);
	if (flags & NFWFP_FILTER_F_CLEAR_ACTION_RIGHT)
		r->f.flags |= FWPM_FILTER_FLAG_CLEAR_ACTION_RIGHT;
	if (flags & NFWFP_FILTER_F_PERMIT_IF_CALLOUT_UNREGISTERED)
		r->f.flags |= FWPM_FILTER_FLAG_PERMIT_IF_CALLOUT_UNREGISTERED;
	if (tb[NFWFP_FILTER_A_CONTEXT])
		r->f.rawContext = nla_get_u64(tb[NFWFP_FILTER_A_CONTEXT]);
	err = nfwfp_nl_filter_action(info, r);
	if (!err)
		err = nfwfp_nl_filter_weight(info, r);
	if (!err)
		err = nfwfp_nl_conds(info, &nfwfp_layers[layer], r);
	if (err)
		return err;
	r->f.displayData.name = nfwfp_nl_name(tb[NFWFP_FILTER_A_NAME]);
	return r->f.displayData.name ? 0 : -ENOMEM;
}

static void nfwfp_nl_filter_req_free(struct nfwfp_nl_filter_req *r)
{
	kfree(r->f.displayData.name);
	kfree(r->mc);
	kfree(r->buf);
	kfree(r);
}

/* The filter @id's key and weight, for the reply. */
static int nfwfp_nl_filter_reply(struct genl_info *info, u64 id)
{
	struct nfwfp_filter *f;
	struct sk_buff *msg;
	void *hdr;
	int err = -ENOENT;

	msg = nfwfp_nl_reply_new(info, NFWFP_CMD_NEW_FILTER, &hdr);
	if (!msg)
		return -ENOMEM;
	mutex_lock(&nfwfp_engine_mutex);
	list_for_each_entry(f, &nfwfp_filters, node) {
		if (f->id != id)
			continue;
		err = nla_put_u64_64bit(msg, NFWFP_FILTER_A_ID, f->id, NFWFP_FILTER_A_PAD) ||
		      nfwfp_nl_put_guid(msg, NFWFP_FILTER_A_KEY, &f->key) ||
		      nla_put_u64_64bit(msg, NFWFP_FILTER_A_EFFECTIVE_WEIGHT, f->weight,
					NFWFP_FILTER_A_PAD) ? -EMSGSIZE : 0;
		break;
	}
	mutex_unlock(&nfwfp_engine_mutex);
	if (err) {
		/* Gone already: deleted by another writer after our commit. */
		nlmsg_free(msg);
		return err == -ENOENT ? 0 : err;
	}
	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);
}

/* The attribute an engine refusal of a new filter is about, if one. */
static const struct nlattr *nfwfp_nl_filter_blame(struct genl_info *info, NTSTATUS st)
{
	switch (st) {
	case STATUS_FWP_ALREADY_EXISTS:
		return info->attrs[NFWFP_FILTER_A_KEY];
	case STATUS_FWP_SUBLAYER_NOT_FOUND:
	case STATUS_FWP_LIFETIME_MISMATCH:
		return info->attrs[NFWFP_FILTER_A_SUBLAYER] ?:
		       info->attrs[NFWFP_FILTER_A_CALLOUT];
	case STATUS_FWP_CALLOUT_NOT_FOUND:
	case STATUS_FWP_INCOMPATIBLE_LAYER:
	case STATUS_FWP_CALLOUT_NOTIFICATION_FAILED:
		return info->attrs[NFWFP_FILTER_A_CALLOUT];
	case STATUS_FWP_INVALID_WEIGHT:
		return info->attrs[NFWFP_FILTER_A_WEIGHT] ?:
		       info->attrs[NFWFP_FILTER_A_WEIGHT_RANGE];
	case STATUS_FWP_INVALID_FLAGS:
		return info->attrs[NFWFP_FILTER_A_FLAGS];
	case STATUS_FWP_CONDITION_NOT_FOUND:
	case STATUS_FWP_MATCH_TYPE_MISMATCH:
	case STATUS_FWP_TYPE_MISMATCH:
	case STATUS_FWP_INVALID_RANGE:
	case STATUS_FWP_INVALID_NET_MASK:
		return info->attrs[NFWFP_FILTER_A_CONDS];
	default:
		return NULL;
	}
}

int nfwfp_nl_filter_new(struct sk_buff *skb, struct genl_info *info)
{
	struct nfwfp_nl_filter_req *r = kzalloc(sizeof(*r), GFP_KERNEL);
	struct nfwfp_nl_sess *ns;
	NTSTATUS st;
	bool dynamic;
	u64 id = 0;
	int err;

	if (!r)
		return -ENOMEM;
	err = nfwfp_nl_filter_parse(info, r);
	if (err)
		goto out;
	dynamic = info->attrs[NFWFP_FILTER_A_FLAGS] &&
		  (nla_get_u32(info->attrs[NFWFP_FILTER_A_FLAGS]) & NFWFP_OBJ_F_DYNAMIC);
	ns = nfwfp_nl_sess_get(info);
	if (!ns) {
		err = -ENOMEM;
		goto out;
	}
	st = nfwfp_filter_add(nfwfp_nl_session(ns), &r->f, dynamic, &id);
	nfwfp_nl_sess_put(ns);
	if (st == STATUS_FWP_INVALID_PARAMETER) {
		/* The one engine check behind it (filter.c). */
		NL_SET_ERR_MSG_ATTR(info->extack, nfwfp_nl_iface_cond(info, r),
				    "interface conditions need a compartment-id condition: interface indexes are per namespace");
		err = -EINVAL;
	} else {
		err = nfwfp_nl_status(info, st, nfwfp_nl_filter_blame(info, st));
	}
	if (!err)
		err = nfwfp_nl_filter_reply(info, id);
out:
	nfwfp_nl_filter_req_free(r);
	return err;
}

/* ID or KEY, for DEL and GET. */
static int nfwfp_nl_filter_which(struct genl_info *info, GUID *key, u64 *id,
				 bool *by_id)
{
	*by_id = info->attrs[NFWFP_FILTER_A_ID];
	if (*by_id) {
		*id = nla_get_u64(info->attrs[NFWFP_FILTER_A_ID]);
		return 0;
	}
	if (!nfwfp_nl_guid_attr(info, NFWFP_FILTER_A_KEY, key)) {
		GENL_SET_ERR_MSG(info, "NFWFP_FILTER_A_ID or NFWFP_FILTER_A_KEY required");
		return -EINVAL;
	}
	return 0;
}

int nfwfp_nl_filter_del(struct sk_buff *skb, struct genl_info *info)
{
	struct nfwfp_nl_sess *ns;
	NTSTATUS st;
	bool by_id;
	GUID key;
	u64 id;
	int err;

	err = nfwfp_nl_filter_which(info, &key, &id, &by_id);
	if (err)
		return err;
	ns = nfwfp_nl_sess_get(info);
	if (!ns)
		return -ENOMEM;
	st = nfwfp_filter_delete(nfwfp_nl_session(ns), by_id ? NULL : &key,
				 by_id ? &id : NULL);
	nfwfp_nl_sess_put(ns);
	return nfwfp_nl_status(info, st, NULL);
}

int nfwfp_nl_filter_flush(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *la = info->attrs[NFWFP_FILTER_A_LAYER];
	struct nfwfp_nl_sess *ns;
	GUID sublayer;
	bool by_sublayer;
	int layer = -1;
	NTSTATUS st;
	u32 n;

	if (la) {
		layer = nfwfp_nl_layer_by_id(nla_get_u16(la));
		if (layer < 0) {
			NL_SET_ERR_MSG_ATTR(info->extack, la,
					    "nfwfp presents no packets at this layer");
			return -ENOENT;
		}
	}
	by_sublayer = nfwfp_nl_guid_attr(info, NFWFP_FILTER_A_SUBLAYER, &sublayer);
	ns = nfwfp_nl_sess_get(info);
	if (!ns)
		return -ENOMEM;
	st = nfwfp_filter_flush(nfwfp_nl_session(ns), layer,
				by_sublayer ? &sublayer : NULL, &n);
	nfwfp_nl_sess_put(ns);
	return nfwfp_nl_status(info, st, NULL);
}

/* ---- filter → message -------------------------------------------------- */

static u8 nfwfp_nl_action_of(FWP_ACTION_TYPE t)
{
	u8 a;

	for (a = 1; a < ARRAY_SIZE(nfwfp_nl_actions); a++)
		if (nfwfp_nl_actions[a] == t)
			return a;
	return NFWFP_ACTION_UNSPEC;
}

static int nfwfp_nl_put_v4(struct sk_buff *msg, int type, u64 host)
{
	__be32 a = htonl((u32)host);

	return nla_put(msg, type, sizeof(a), &a);
}

/* A v4 mask as a prefix length, or -1 when it is no prefix. */
static int nfwfp_nl_mask_plen(u32 mask)
{
	int p = hweight32(mask);

	return (p ? ~0U << (32 - p) : 0) == mask ? p : -1;
}

static int nfwfp_nl_put_cond_value(struct sk_buff *msg, const struct nfwfp_cond *c,
				   bool addr)
{
	int p;

	switch (c->kind) {
	case NFWFP_COND_NUM:
		return addr ? nfwfp_nl_put_v4(msg, NFWFP_COND_A_ADDR, c->lo) :
		       nla_put_u64_64bit(msg, NFWFP_COND_A_VALUE, c->lo, NFWFP_COND_A_PAD);
	case NFWFP_COND_NUM_RANGE:
		if (addr)
			return nfwfp_nl_put_v4(msg, NFWFP_COND_A_ADDR, c->lo) ||
			       nfwfp_nl_put_v4(msg, NFWFP_COND_A_ADDR_HI, c->hi);
		return nla_put_u64_64bit(msg, NFWFP_COND_A_VALUE, c->lo, NFWFP_COND_A_PAD) ||
		       nla_put_u64_64bit(msg, NFWFP_COND_A_VALUE_HI, c->hi, NFWFP_COND_A_PAD);
	case NFWFP_COND_V4_MASK:
		p = nfwfp_nl_mask_plen(c->hi);
		if (nfwfp_nl_put_v4(msg, NFWFP_COND_A_ADDR, c->lo))
			return -EMSGSIZE;
		return p < 0 ? nfwfp_nl_put_v4(msg, NFWFP_COND_A_MASK, c->hi) :
			       nla_put_u8(msg, NFWFP_COND_A_PREFIX, p);
	case NFWFP_COND_BYTES:
		return nla_put(msg, NFWFP_COND_A_ADDR, 16, c->b);
	case NFWFP_COND_BYTES_RANGE:
		return nla_put(msg, NFWFP_COND_A_ADDR, 16, c->b) ||
		       nla_put(msg, NFWFP_COND_A_ADDR_HI, 16, c->bhi);
	default:	/* NFWFP_COND_V6_PREFIX */
		return nla_put(msg, NFWFP_COND_A_ADDR, 16, c->b) ||
		       nla_put_u8(msg, NFWFP_COND_A_PREFIX, c->plen);
	}
}

static int nfwfp_nl_put_conds(struct sk_buff *msg, const struct nfwfp_filter *f)
{
	const struct nfwfp_layer_info *li = &nfwfp_layers[f->layer];
	struct nlattr *conds, *nest;
	u32 i;

	if (!f->ncond)
		return 0;
	conds = nla_nest_start(msg, NFWFP_FILTER_A_CONDS);
	if (!conds)
		return -EMSGSIZE;
	for (i = 0; i < f->ncond; i++) {
		const struct nfwfp_cond *c = &f->conds[i];

		nest = nla_nest_start(msg, NFWFP_FILTER_A_COND);
		if (!nest || nla_put_u16(msg, NFWFP_COND_A_FIELD, c->field) ||
		    nla_put_u8(msg, NFWFP_COND_A_MATCH, c->match) ||
		    nfwfp_nl_put_cond_value(msg, c,
				nfwfp_nl_addr_field(&li->fields[c->field]) &&
				li->fields[c->field].type == FWP_UINT32))
			return -EMSGSIZE;
		nla_nest_end(msg, nest);
	}
	nla_nest_end(msg, conds);
	return 0;
}

static u32 nfwfp_nl_filter_flags(const struct nfwfp_filter *f)
{
	u32 flags = 0;

	if (f->session)
		flags |= NFWFP_OBJ_F_DYNAMIC;
	if (f->by_kernel)
		flags |= NFWFP_OBJ_F_KERNEL;
	if (f->mflags & FWPM_FILTER_FLAG_CLEAR_ACTION_RIGHT)
		flags |= NFWFP_FILTER_F_CLEAR_ACTION_RIGHT;
	if (f->mflags & FWPM_FILTER_FLAG_PERMIT_IF_CALLOUT_UNREGISTERED)
		flags |= NFWFP_FILTER_F_PERMIT_IF_CALLOUT_UNREGISTERED;
	return flags;
}

int nfwfp_nl_put_filter(struct sk_buff *msg, const struct nfwfp_filter *f)
{
	if (nla_put_u64_64bit(msg, NFWFP_FILTER_A_ID, f->id, NFWFP_FILTER_A_PAD) ||
	    nfwfp_nl_put_guid(msg, NFWFP_FILTER_A_KEY, &f->key) ||
	    (f->name && nla_put_string(msg, NFWFP_FILTER_A_NAME, f->name)) ||
	    nla_put_u16(msg, NFWFP_FILTER_A_LAYER, nfwfp_layers[f->layer].layer_id) ||
	    nfwfp_nl_put_guid(msg, NFWFP_FILTER_A_SUBLAYER, &f->sublayer->key) ||
	    nla_put_u64_64bit(msg, NFWFP_FILTER_A_EFFECTIVE_WEIGHT, f->weight,
			      NFWFP_FILTER_A_PAD) ||
	    nla_put_u8(msg, NFWFP_FILTER_A_ACTION, nfwfp_nl_action_of(f->action)) ||
	    (f->callout && nfwfp_nl_put_guid(msg, NFWFP_FILTER_A_CALLOUT, &f->callout->key)) ||
	    nla_put_u32(msg, NFWFP_FILTER_A_FLAGS, nfwfp_nl_filter_flags(f)) ||
	    nla_put_u64_64bit(msg, NFWFP_FILTER_A_CONTEXT, f->fwps.context,
			      NFWFP_FILTER_A_PAD) ||
	    nfwfp_nl_put_conds(msg, f))
		return -EMSGSIZE;
	return nfwfp_nl_put_counters(msg, &f->stats, NFWFP_FILTER_A_MATCHED,
				     NFWFP_FILTER_A_PAD);
}

static int nfwfp_nl_put_filter_obj(struct sk_buff *msg, void *obj)
{
	return nfwfp_nl_put_filter(msg, obj);
}

int nfwfp_nl_filter_get(struct sk_buff *skb, struct genl_info *info)
{
	struct nfwfp_filter *f, *found = NULL;
	bool by_id;
	GUID key;
	u64 id;
	int err;

	err = nfwfp_nl_filter_which(info, &key, &id, &by_id);
	if (err)
		return err;
	mutex_lock(&nfwfp_engine_mutex);
	list_for_each_entry(f, &nfwfp_filters, node) {
		if (by_id ? f->id == id : nfwfp_guid_eq(&f->key, &key)) {
			found = f;
			break;
		}
	}
	return nfwfp_nl_get_reply(info, NFWFP_CMD_GET_FILTER, found,
				  nfwfp_nl_put_filter_obj,
				  "FWP_E_FILTER_NOT_FOUND: no filter with this key or id");
}

/* ---- the dump ---------------------------------------------------------- */

/*
 * The filters to send, in arbitration order, gathered on the first call.
 * The pointers stay valid while nfwfp_engine_gen is unchanged (every change
 * bumps it under the engine mutex); if it moves, the dump ends flagged
 * NLM_F_DUMP_INTR and the reader starts over.
 */
struct nfwfp_nl_filter_dump {
	u64 gen;
	unsigned int n, pos;
	struct nfwfp_filter *f[];
};

static bool nfwfp_nl_dump_wants(const struct nfwfp_filter *f, int layer,
				const struct nlattr *sublayer)
{
	if (layer >= 0 && f->layer != layer)
		return false;
	return !sublayer || !memcmp(&f->sublayer->key, nla_data(sublayer), sizeof(GUID));
}

static int nfwfp_nl_filter_order(const void *a, const void *b)
{
	const struct nfwfp_filter *x = *(struct nfwfp_filter * const *)a;
	const struct nfwfp_filter *y = *(struct nfwfp_filter * const *)b;

	if (x->layer != y->layer)
		return x->layer < y->layer ? -1 : 1;
	return nfwfp_filter_cmp(a, b);
}

static struct nfwfp_nl_filter_dump *nfwfp_nl_filter_gather(struct netlink_callback *cb)
{
	struct nlattr **tb = genl_dumpit_info(cb)->attrs;
	struct nlattr *la = tb[NFWFP_FILTER_A_LAYER];
	struct nfwfp_nl_filter_dump *d;
	struct nfwfp_filter *f;
	unsigned int n = 0;
	int layer = -1;

	lockdep_assert_held(&nfwfp_engine_mutex);
	if (la) {
		layer = nfwfp_nl_layer_by_id(nla_get_u16(la));
		if (layer < 0)
			return ERR_PTR(-ENOENT);
	}
	list_for_each_entry(f, &nfwfp_filters, node)
		n++;
	d = kvmalloc(struct_size(d, f, n), GFP_KERNEL);
	if (!d)
		return ERR_PTR(-ENOMEM);
	d->gen = nfwfp_engine_gen;
	d->n = 0;
	d->pos = 0;
	list_for_each_entry(f, &nfwfp_filters, node)
		if (nfwfp_nl_dump_wants(f, layer, tb[NFWFP_FILTER_A_SUBLAYER]))
			d->f[d->n++] = f;
	sort(d->f, d->n, sizeof(d->f[0]), nfwfp_nl_filter_order, NULL);
	return d;
}

int nfwfp_nl_filter_dump_start(struct netlink_callback *cb)
{
	cb->args[0] = 0;
	return 0;
}

static int nfwfp_nl_filter_dump_one(struct sk_buff *skb, struct netlink_callback *cb,
				    const struct nfwfp_filter *f)
{
	void *hdr = genlmsg_put(skb, NETLINK_CB(cb->skb).portid, cb->nlh->nlmsg_seq,
				&nfwfp_genl_family, NLM_F_MULTI, NFWFP_CMD_GET_FILTER);

	if (!hdr)
		return -EMSGSIZE;
	genl_dump_check_consistent(cb, hdr);
	if (nfwfp_nl_put_filter(skb, f)) {
		genlmsg_cancel(skb, hdr);
		return -EMSGSIZE;
	}
	genlmsg_end(skb, hdr);
	return 0;
}

int nfwfp_nl_filter_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct nfwfp_nl_filter_dump *d = (void *)cb->args[0];
	unsigned int start;
	int err = 0;

	mutex_lock(&nfwfp_engine_mutex);
	/* 0 is no valid generation for nl_dump_check_consistent(). */
	cb->seq = (u32)nfwfp_engine_gen | 0x80000000;
	if (!d) {
		d = nfwfp_nl_filter_gather(cb);
		if (IS_ERR(d)) {
			mutex_unlock(&nfwfp_engine_mutex);
			return PTR_ERR(d);
		}
		cb->args[0] = (long)d;
	}
	if (d->gen != nfwfp_engine_gen) {
		/* Changed under us: end here, NLMSG_DONE says interrupted. */
		mutex_unlock(&nfwfp_engine_mutex);
		return 0;
	}
	start = d->pos;
	while (d->pos < d->n) {
		err = nfwfp_nl_filter_dump_one(skb, cb, d->f[d->pos]);
		if (err)
			break;
		d->pos++;
	}
	mutex_unlock(&nfwfp_engine_mutex);
	/* Not even one filter fits: an empty skb would end the dump early. */
	if (err && d->pos == start)
		return err;
	return skb->len;
}

int nfwfp_nl_filter_dump_done(struct netlink_callback *cb)
{
	kvfree((void *)cb->args[0]);
	return 0;
}
