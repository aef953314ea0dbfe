// SPDX-License-Identifier: GPL-2.0
/*
 * Parsing nfwfp's dump and event messages into the structures of model.h,
 * and looking layers and fields up by name. Every attribute is validated
 * before it is read: a malformed message is an error (EBADMSG), never a
 * silently wrong listing. Attributes this nfwfpctl does not know are
 * skipped, so a newer module still works with it.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "model.h"

void *nf_vec_push(struct nf_vec *vec)
{
	void *p;

	if (vec->n == vec->cap) {
		size_t cap = vec->cap ? vec->cap * 2 : 16;

		p = realloc(vec->v, cap * vec->size);
		if (!p)
			return NULL;
		vec->v = p;
		vec->cap = cap;
	}
	p = (char *)vec->v + vec->n++ * vec->size;
	memset(p, 0, vec->size);
	return p;
}

void nf_vec_free(struct nf_vec *vec)
{
	free(vec->v);
	vec->v = NULL;
	vec->n = vec->cap = 0;
}

static int get_str(const struct nlattr *a, char *dst, size_t size)
{
	if (mnl_attr_validate(a, MNL_TYPE_NUL_STRING) < 0 ||
	    mnl_attr_get_payload_len(a) > size)
		return -1;
	strcpy(dst, mnl_attr_get_str(a));
	return 0;
}

static int get_guid(const struct nlattr *a, uint8_t *dst)
{
	if (mnl_attr_get_payload_len(a) != GUID_LEN)
		return -1;
	memcpy(dst, mnl_attr_get_payload(a), GUID_LEN);
	return 0;
}

/* Read an integer attribute of exactly @bytes bytes into *v. */
static int get_uint(const struct nlattr *a, unsigned int bytes, uint64_t *v)
{
	static const enum mnl_attr_data_type types[] = {
		[1] = MNL_TYPE_U8, [2] = MNL_TYPE_U16, [4] = MNL_TYPE_U32,
		[8] = MNL_TYPE_U64,
	};

	if (mnl_attr_validate(a, types[bytes]) < 0)
		return -1;
	if (bytes == 1)
		*v = mnl_attr_get_u8(a);
	else if (bytes == 2)
		*v = mnl_attr_get_u16(a);
	else if (bytes == 4)
		*v = mnl_attr_get_u32(a);
	else
		*v = mnl_attr_get_u64(a);
	return 0;
}

#define GET_U(a, bytes, lval) ({					\
	uint64_t __v;							\
	int __r = get_uint(a, bytes, &__v);				\
	if (!__r)							\
		(lval) = (__typeof__(lval))__v;				\
	__r; })

static int cb_result(int err)
{
	if (err) {
		errno = EBADMSG;
		return MNL_CB_ERROR;
	}
	return MNL_CB_OK;
}

static int parse_top(const struct nlmsghdr *nlh, mnl_attr_cb_t cb, void *obj)
{
	if (mnl_attr_parse(nlh, GENL_HDRLEN, cb, obj) < 0) {
		errno = EBADMSG;
		return -1;
	}
	return 0;
}

static int field_attr_cb(const struct nlattr *a, void *data)
{
	struct nf_field *f = data;

	switch (mnl_attr_get_type(a)) {
	case NFWFP_FIELD_A_INDEX:
		return cb_result(GET_U(a, 2, f->index));
	case NFWFP_FIELD_A_TYPE:
		return cb_result(GET_U(a, 2, f->type));
	case NFWFP_FIELD_A_NAME:
		return cb_result(get_str(a, f->name, sizeof(f->name)));
	}
	return MNL_CB_OK;
}

static int fields_cb(const struct nlattr *a, void *data)
{
	struct nf_layer *l = data;

	if (l->nfields == NF_FIELDS_MAX)
		return cb_result(-1);
	if (mnl_attr_parse_nested(a, field_attr_cb, &l->fields[l->nfields]) < 0)
		return MNL_CB_ERROR;
	l->nfields++;
	return MNL_CB_OK;
}

static int layer_attr_cb(const struct nlattr *a, void *data)
{
	struct nf_layer *l = data;

	switch (mnl_attr_get_type(a)) {
	case NFWFP_LAYER_A_ID:
		return cb_result(GET_U(a, 2, l->id));
	case NFWFP_LAYER_A_NAME:
		return cb_result(get_str(a, l->name, sizeof(l->name)));
	case NFWFP_LAYER_A_KEY:
		return cb_result(get_guid(a, l->key));
	case NFWFP_LAYER_A_FAMILY:
		return cb_result(GET_U(a, 1, l->family));
	case NFWFP_LAYER_A_FILTERS:
		return cb_result(GET_U(a, 4, l->filters));
	case NFWFP_LAYER_A_CLASSIFIED:
		return cb_result(GET_U(a, 8, l->classified));
	case NFWFP_LAYER_A_BLOCKED:
		return cb_result(GET_U(a, 8, l->blocked));
	case NFWFP_LAYER_A_FIELDS:
		if (mnl_attr_parse_nested(a, fields_cb, l) < 0)
			return cb_result(-1);
		break;
	}
	return MNL_CB_OK;
}

int nf_parse_layer(const struct nlmsghdr *nlh, struct nf_layer *l)
{
	memset(l, 0, sizeof(*l));
	return parse_top(nlh, layer_attr_cb, l);
}

static int callout_attr_cb(const struct nlattr *a, void *data)
{
	struct nf_callout *c = data;

	switch (mnl_attr_get_type(a)) {
	case NFWFP_CALLOUT_A_KEY:
		return cb_result(get_guid(a, c->key));
	case NFWFP_CALLOUT_A_ID:
		return cb_result(GET_U(a, 4, c->id));
	case NFWFP_CALLOUT_A_NAME:
		return cb_result(get_str(a, c->name, sizeof(c->name)));
	case NFWFP_CALLOUT_A_LAYER:
		return cb_result(GET_U(a, 2, c->layer));
	case NFWFP_CALLOUT_A_FLAGS:
		return cb_result(GET_U(a, 4, c->flags));
	case NFWFP_CALLOUT_A_OWNER:
		return cb_result(get_str(a, c->owner, sizeof(c->owner)));
	case NFWFP_CALLOUT_A_FILTERS:
		return cb_result(GET_U(a, 4, c->filters));
	case NFWFP_CALLOUT_A_CLASSIFIED:
		return cb_result(GET_U(a, 8, c->classified));
	case NFWFP_CALLOUT_A_PERMITTED:
		return cb_result(GET_U(a, 8, c->permitted));
	case NFWFP_CALLOUT_A_BLOCKED:
		return cb_result(GET_U(a, 8, c->blocked));
	case NFWFP_CALLOUT_A_ABSORBED:
		return cb_result(GET_U(a, 8, c->absorbed));
	}
	return MNL_CB_OK;
}

int nf_parse_callout(const struct nlmsghdr *nlh, struct nf_callout *c)
{
	memset(c, 0, sizeof(*c));
	return parse_top(nlh, callout_attr_cb, c);
}

static int sublayer_attr_cb(const struct nlattr *a, void *data)
{
	struct nf_sublayer *s = data;

	switch (mnl_attr_get_type(a)) {
	case NFWFP_SUBLAYER_A_KEY:
		return cb_result(get_guid(a, s->key));
	case NFWFP_SUBLAYER_A_NAME:
		return cb_result(get_str(a, s->name, sizeof(s->name)));
	case NFWFP_SUBLAYER_A_WEIGHT:
		return cb_result(GET_U(a, 2, s->weight));
	case NFWFP_SUBLAYER_A_FLAGS:
		return cb_result(GET_U(a, 4, s->flags));
	case NFWFP_SUBLAYER_A_FILTERS:
		return cb_result(GET_U(a, 4, s->filters));
	case NFWFP_SUBLAYER_A_MATCHED:
		return cb_result(GET_U(a, 8, s->matched));
	case NFWFP_SUBLAYER_A_PERMITTED:
		return cb_result(GET_U(a, 8, s->permitted));
	case NFWFP_SUBLAYER_A_BLOCKED:
		return cb_result(GET_U(a, 8, s->blocked));
	case NFWFP_SUBLAYER_A_ABSORBED:
		return cb_result(GET_U(a, 8, s->absorbed));
	}
	return MNL_CB_OK;
}

int nf_parse_sublayer(const struct nlmsghdr *nlh, struct nf_sublayer *s)
{
	memset(s, 0, sizeof(*s));
	return parse_top(nlh, sublayer_attr_cb, s);
}

static int get_addr(const struct nlattr *a, uint8_t *dst, unsigned int *len)
{
	unsigned int n = mnl_attr_get_payload_len(a);

	if (n != 4 && n != 16)
		return -1;
	memcpy(dst, mnl_attr_get_payload(a), n);
	*len = n;
	return 0;
}

static int cond_attr_cb(const struct nlattr *a, void *data)
{
	struct nf_cond *c = data;
	unsigned int len;

	switch (mnl_attr_get_type(a)) {
	case NFWFP_COND_A_FIELD:
		return cb_result(GET_U(a, 2, c->field));
	case NFWFP_COND_A_MATCH:
		return cb_result(GET_U(a, 1, c->match));
	case NFWFP_COND_A_VALUE:
		return cb_result(GET_U(a, 8, c->value));
	case NFWFP_COND_A_VALUE_HI:
		c->has_hi = true;
		return cb_result(GET_U(a, 8, c->value_hi));
	case NFWFP_COND_A_ADDR:
		return cb_result(get_addr(a, c->addr, &c->addr_len));
	case NFWFP_COND_A_ADDR_HI:
		c->has_hi = true;
		return cb_result(get_addr(a, c->addr_hi, &len));
	case NFWFP_COND_A_PREFIX:
		c->has_prefix = true;
		return cb_result(GET_U(a, 1, c->prefix));
	}
	return MNL_CB_OK;
}

static int conds_cb(const struct nlattr *a, void *data)
{
	struct nf_filter *f = data;

	if (mnl_attr_get_type(a) != NFWFP_FILTER_A_COND)
		return MNL_CB_OK;
	if (f->nconds == NFWFP_FILTER_MAX_CONDS)
		return cb_result(-1);
	if (mnl_attr_parse_nested(a, cond_attr_cb, &f->conds[f->nconds]) < 0)
		return cb_result(-1);
	f->nconds++;
	return MNL_CB_OK;
}

static int filter_attr_cb(const struct nlattr *a, void *data)
{
	struct nf_filter *f = data;

	switch (mnl_attr_get_type(a)) {
	case NFWFP_FILTER_A_ID:
		return cb_result(GET_U(a, 8, f->id));
	case NFWFP_FILTER_A_KEY:
		f->has_key = true;
		return cb_result(get_guid(a, f->key));
	case NFWFP_FILTER_A_NAME:
		return cb_result(get_str(a, f->name, sizeof(f->name)));
	case NFWFP_FILTER_A_LAYER:
		return cb_result(GET_U(a, 2, f->layer));
	case NFWFP_FILTER_A_SUBLAYER:
		f->has_sublayer = true;
		return cb_result(get_guid(a, f->sublayer));
	case NFWFP_FILTER_A_WEIGHT:
		f->has_weight = true;
		return cb_result(GET_U(a, 8, f->weight));
	case NFWFP_FILTER_A_WEIGHT_RANGE:
		f->has_weight_range = true;
		return cb_result(GET_U(a, 1, f->weight_range));
	case NFWFP_FILTER_A_EFFECTIVE_WEIGHT:
		return cb_result(GET_U(a, 8, f->effective_weight));
	case NFWFP_FILTER_A_ACTION:
		return cb_result(GET_U(a, 1, f->action));
	case NFWFP_FILTER_A_CALLOUT:
		f->has_callout = true;
		return cb_result(get_guid(a, f->callout));
	case NFWFP_FILTER_A_FLAGS:
		return cb_result(GET_U(a, 4, f->flags));
	case NFWFP_FILTER_A_CONTEXT:
		f->has_context = true;
		return cb_result(GET_U(a, 8, f->context));
	case NFWFP_FILTER_A_CONDS:
		if (mnl_attr_parse_nested(a, conds_cb, f) < 0)
			return cb_result(-1);
		break;
	case NFWFP_FILTER_A_MATCHED:
		return cb_result(GET_U(a, 8, f->matched));
	case NFWFP_FILTER_A_PERMITTED:
		return cb_result(GET_U(a, 8, f->permitted));
	case NFWFP_FILTER_A_BLOCKED:
		return cb_result(GET_U(a, 8, f->blocked));
	case NFWFP_FILTER_A_ABSORBED:
		return cb_result(GET_U(a, 8, f->absorbed));
	}
	return MNL_CB_OK;
}

int nf_parse_filter(const struct nlmsghdr *nlh, struct nf_filter *f)
{
	memset(f, 0, sizeof(*f));
	return parse_top(nlh, filter_attr_cb, f);
}

static int handle_attr_cb(const struct nlattr *a, void *data)
{
	struct nf_handle *h = data;

	switch (mnl_attr_get_type(a)) {
	case NFWFP_HANDLE_A_ID:
		return cb_result(GET_U(a, 8, h->id));
	case NFWFP_HANDLE_A_FAMILY:
		return cb_result(GET_U(a, 1, h->family));
	case NFWFP_HANDLE_A_FLAGS:
		return cb_result(GET_U(a, 4, h->flags));
	case NFWFP_HANDLE_A_OWNER:
		return cb_result(get_str(a, h->owner, sizeof(h->owner)));
	case NFWFP_HANDLE_A_REQUESTED:
		return cb_result(GET_U(a, 8, h->requested));
	case NFWFP_HANDLE_A_SENT:
		return cb_result(GET_U(a, 8, h->sent));
	case NFWFP_HANDLE_A_FAILED:
		return cb_result(GET_U(a, 8, h->failed));
	case NFWFP_HANDLE_A_COMPLETED:
		return cb_result(GET_U(a, 8, h->completed));
	case NFWFP_HANDLE_A_OUTSTANDING:
		return cb_result(GET_U(a, 4, h->outstanding));
	}
	return MNL_CB_OK;
}

int nf_parse_handle(const struct nlmsghdr *nlh, struct nf_handle *h)
{
	memset(h, 0, sizeof(*h));
	return parse_top(nlh, handle_attr_cb, h);
}

static int counter_attr_cb(const struct nlattr *a, void *data)
{
	struct nf_counter *c = data;

	switch (mnl_attr_get_type(a)) {
	case NFWFP_COUNTER_A_NAME:
		return cb_result(get_str(a, c->name, sizeof(c->name)));
	case NFWFP_COUNTER_A_VALUE:
		return cb_result(GET_U(a, 8, c->value));
	}
	return MNL_CB_OK;
}

static int stats_attr_cb(const struct nlattr *a, void *data)
{
	struct nf_counter *c;

	if (mnl_attr_get_type(a) != NFWFP_STATS_A_COUNTER)
		return MNL_CB_OK;
	c = nf_vec_push(data);
	if (!c) {
		errno = ENOMEM;
		return MNL_CB_ERROR;
	}
	if (mnl_attr_parse_nested(a, counter_attr_cb, c) < 0)
		return cb_result(-1);
	return MNL_CB_OK;
}

int nf_parse_stats(const struct nlmsghdr *nlh, struct nf_vec *counters)
{
	return mnl_attr_parse(nlh, GENL_HDRLEN, stats_attr_cb, counters) < 0 ?
	       -1 : 0;
}

/* The byte width of each config attribute, as the UAPI declares it. */
static const uint8_t config_width[NFWFP_CONFIG_A_MAX + 1] = {
	[NFWFP_CONFIG_A_INJECT_MAX_INFLIGHT] = 4,
	[NFWFP_CONFIG_A_INJECT_MAX_BACKLOG] = 4,
	[NFWFP_CONFIG_A_INJECT_BUDGET] = 1,
	[NFWFP_CONFIG_A_HELD_MAX_PER_NETNS] = 4,
	[NFWFP_CONFIG_A_INJECT_MARK_MASK] = 4,
};

static int config_attr_cb(const struct nlattr *a, void *data)
{
	struct nf_config *c = data;
	unsigned int t = mnl_attr_get_type(a);

	if (t > NFWFP_CONFIG_A_MAX || !config_width[t])
		return MNL_CB_OK;
	c->have |= 1u << t;
	return cb_result(get_uint(a, config_width[t], &c->v[t]));
}

int nf_parse_config(const struct nlmsghdr *nlh, struct nf_config *c)
{
	memset(c, 0, sizeof(*c));
	return parse_top(nlh, config_attr_cb, c);
}

const struct nf_layer *nf_layer_by_id(const struct nf_layers *ls,
				      unsigned int id)
{
	unsigned int i;

	for (i = 0; i < ls->n; i++)
		if (ls->l[i].id == id)
			return &ls->l[i];
	return NULL;
}

const struct nf_layer *nf_layer_by_name(const struct nf_layers *ls,
					const char *name)
{
	unsigned int i;

	for (i = 0; i < ls->n; i++)
		if (!strcmp(ls->l[i].name, name))
			return &ls->l[i];
	return NULL;
}

const struct nf_field *nf_field_by_index(const struct nf_layer *l,
					 unsigned int index)
{
	unsigned int i;

	for (i = 0; i < l->nfields; i++)
		if (l->fields[i].index == index)
			return &l->fields[i];
	return NULL;
}

const struct nf_field *nf_field_by_name(const struct nf_layer *l,
					const char *name)
{
	unsigned int i;

	for (i = 0; i < l->nfields; i++)
		if (!strcmp(l->fields[i].name, name))
			return &l->fields[i];
	return NULL;
}

/*
 * WFP types an IPv4 address field FWP_UINT32, like any number; its name
 * tells it apart ("local-addr", "remote-addr"). A 16-byte array is an IPv6
 * address at every layer nfwfp has.
 */
bool nf_field_is_addr(const struct nf_field *f)
{
	size_t n = strlen(f->name);

	if (f->type == NF_TYPE_BYTES16)
		return true;
	return f->type == NF_TYPE_UINT32 && n > 5 &&
	       !strcmp(f->name + n - 5, "-addr");
}
