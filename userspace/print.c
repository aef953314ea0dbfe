// SPDX-License-Identifier: GPL-2.0
/*
 * Printing nfwfp's objects; see print.h. The text and JSON forms carry the
 * same facts; JSON names are the UAPI's attribute names in lower case.
 */
#include <arpa/inet.h>
#include <inttypes.h>
#include <string.h>

#include "args.h"
#include "parse.h"
#include "print.h"

/*
 * A word the -f loader reads back as it was: bare when it is made of
 * characters no shell or loader treats specially, else double-quoted.
 */
void print_word(FILE *f, const char *s)
{
	const char *p;

	if (*s && strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
			 "0123456789._:/@+=,-") == strlen(s)) {
		fputs(s, f);
		return;
	}
	fputc('"', f);
	for (p = s; *p; p++) {
		if (*p == '"' || *p == '\\' || *p == '$' || *p == '`')
			fputc('\\', f);
		fputc(*p, f);
	}
	fputc('"', f);
}

static const char *family_name(unsigned int family)
{
	switch (family) {
	case AF_INET: return "inet";
	case AF_INET6: return "inet6";
	default: return "unspec";
	}
}

static const char *type_name(unsigned int type)
{
	switch (type) {
	case NF_TYPE_UINT8: return "uint8";
	case NF_TYPE_UINT16: return "uint16";
	case NF_TYPE_UINT32: return "uint32";
	case NF_TYPE_UINT64: return "uint64";
	case NF_TYPE_BYTES16: return "bytes16";
	default: return "other";
	}
}

void print_layer_text(FILE *f, const struct nf_layer *l)
{
	char key[GUID_STRLEN];
	unsigned int i;

	guid_format(l->key, key, sizeof(key));
	fprintf(f, "%s id %u family %s key %s filters %u classified %" PRIu64
		" blocked %" PRIu64 "\n", l->name, l->id, family_name(l->family),
		key, l->filters, l->classified, l->blocked);
	for (i = 0; i < l->nfields; i++)
		fprintf(f, "\tfield %u %s %s\n", l->fields[i].index,
			l->fields[i].name, type_name(l->fields[i].type));
}

static void member_guid(struct json_writer *w, const char *name,
			const uint8_t *k)
{
	char key[GUID_STRLEN];

	guid_format(k, key, sizeof(key));
	json_member_string(w, name, key);
}

void print_layer_json(struct json_writer *w, const struct nf_layer *l)
{
	unsigned int i;

	json_object_begin(w);
	json_member_string(w, "name", l->name);
	json_member_u64(w, "id", l->id);
	json_member_string(w, "family", family_name(l->family));
	member_guid(w, "key", l->key);
	json_member_u64(w, "filters", l->filters);
	json_member_u64(w, "classified", l->classified);
	json_member_u64(w, "blocked", l->blocked);
	json_key(w, "fields");
	json_array_begin(w);
	for (i = 0; i < l->nfields; i++) {
		json_object_begin(w);
		json_member_u64(w, "index", l->fields[i].index);
		json_member_string(w, "name", l->fields[i].name);
		json_member_string(w, "type", type_name(l->fields[i].type));
		json_object_end(w);
	}
	json_array_end(w);
	json_object_end(w);
}

/* The layer's name, or its number when this nfwfpctl does not know it. */
static void print_layer_ref(FILE *f, const struct nf_layers *ls,
			    unsigned int id)
{
	const struct nf_layer *l = nf_layer_by_id(ls, id);

	if (l)
		fputs(l->name, f);
	else
		fprintf(f, "%u", id);
}

static void member_layer(struct json_writer *w, const struct nf_layers *ls,
			 unsigned int id)
{
	const struct nf_layer *l = nf_layer_by_id(ls, id);

	json_member_string(w, "layer", l ? l->name : "");
	json_member_u64(w, "layer_id", id);
}

static const struct {
	uint32_t bit;
	const char *name;
} flag_names[] = {
	{ NFWFP_OBJ_F_DYNAMIC, "dynamic" },
	{ NFWFP_OBJ_F_BUILTIN, "builtin" },
	{ NFWFP_OBJ_F_ADDED, "added" },
	{ NFWFP_OBJ_F_REGISTERED, "registered" },
	{ NFWFP_OBJ_F_KERNEL, "kernel" },
	{ NFWFP_FILTER_F_CLEAR_ACTION_RIGHT, "clear-action-right" },
	{ NFWFP_FILTER_F_PERMIT_IF_CALLOUT_UNREGISTERED,
	  "permit-if-callout-unregistered" },
};

#define N_FLAGS (sizeof(flag_names) / sizeof(flag_names[0]))

/* The flags in @mask that are set, as words. */
static void print_flags(FILE *f, uint32_t flags, uint32_t mask)
{
	size_t i;

	for (i = 0; i < N_FLAGS; i++)
		if (flags & mask & flag_names[i].bit)
			fprintf(f, " %s", flag_names[i].name);
}

static void member_flags(struct json_writer *w, uint32_t flags)
{
	size_t i;

	json_key(w, "flags");
	json_array_begin(w);
	for (i = 0; i < N_FLAGS; i++)
		if (flags & flag_names[i].bit)
			json_string(w, flag_names[i].name);
	json_array_end(w);
}

/* Objects a netlink "add" cannot make again are listed as comments. */
static bool not_addable(uint32_t flags)
{
	return flags & (NFWFP_OBJ_F_BUILTIN | NFWFP_OBJ_F_KERNEL);
}

/*
 * "OBJECT add" in a listing, "# OBJECT add" for what cannot be added back,
 * "new OBJECT" / "del OBJECT" in monitor's events (@verb).
 */
static void print_head(FILE *f, bool comment, const char *verb,
		       const char *object)
{
	if (verb)
		fprintf(f, "%s %s", verb, object);
	else
		fprintf(f, "%s%s add", comment ? "# " : "", object);
}

static void print_key(FILE *f, const char *kw, const uint8_t *k)
{
	char key[GUID_STRLEN];

	guid_format(k, key, sizeof(key));
	fprintf(f, " %s %s", kw, key);
}

void print_callout_text(FILE *f, const struct nf_layers *ls,
			const struct nf_callout *c, const char *verb)
{
	bool comment = !verb && (not_addable(c->flags) ||
				 !(c->flags & NFWFP_OBJ_F_ADDED));

	print_head(f, comment, verb, "callout");
	print_key(f, "key", c->key);
	fputs(" name ", f);
	print_word(f, c->name);
	fputs(" layer ", f);
	print_layer_ref(f, ls, c->layer);
	print_flags(f, c->flags, NFWFP_OBJ_F_DYNAMIC);
	fprintf(f, " # id %u", c->id);
	print_flags(f, c->flags, ~(uint32_t)NFWFP_OBJ_F_DYNAMIC);
	if (c->owner[0]) {
		fputs(" owner ", f);
		print_word(f, c->owner);
	}
	fprintf(f, " filters %u classified %" PRIu64 " permitted %" PRIu64
		" blocked %" PRIu64 " absorbed %" PRIu64 "\n", c->filters,
		c->classified, c->permitted, c->blocked, c->absorbed);
}

void print_callout_json(struct json_writer *w, const struct nf_layers *ls,
			const struct nf_callout *c)
{
	json_object_begin(w);
	member_guid(w, "key", c->key);
	json_member_u64(w, "id", c->id);
	json_member_string(w, "name", c->name);
	member_layer(w, ls, c->layer);
	member_flags(w, c->flags);
	json_member_string(w, "owner", c->owner);
	json_member_u64(w, "filters", c->filters);
	json_member_u64(w, "classified", c->classified);
	json_member_u64(w, "permitted", c->permitted);
	json_member_u64(w, "blocked", c->blocked);
	json_member_u64(w, "absorbed", c->absorbed);
	json_object_end(w);
}

void print_sublayer_text(FILE *f, const struct nf_sublayer *s,
			 const char *verb)
{
	bool comment = !verb && not_addable(s->flags);

	print_head(f, comment, verb, "sublayer");
	print_key(f, "key", s->key);
	fputs(" name ", f);
	print_word(f, s->name);
	fprintf(f, " weight %u", s->weight);
	print_flags(f, s->flags, NFWFP_OBJ_F_DYNAMIC);
	fputs(" #", f);
	print_flags(f, s->flags, ~(uint32_t)NFWFP_OBJ_F_DYNAMIC);
	fprintf(f, " filters %u matched %" PRIu64 " permitted %" PRIu64
		" blocked %" PRIu64 " absorbed %" PRIu64 "\n", s->filters,
		s->matched, s->permitted, s->blocked, s->absorbed);
}

void print_sublayer_json(struct json_writer *w, const struct nf_sublayer *s)
{
	json_object_begin(w);
	member_guid(w, "key", s->key);
	json_member_string(w, "name", s->name);
	json_member_u64(w, "weight", s->weight);
	member_flags(w, s->flags);
	json_member_u64(w, "filters", s->filters);
	json_member_u64(w, "matched", s->matched);
	json_member_u64(w, "permitted", s->permitted);
	json_member_u64(w, "blocked", s->blocked);
	json_member_u64(w, "absorbed", s->absorbed);
	json_object_end(w);
}

static bool is_proto(const struct nf_field *fld)
{
	return fld && !strcmp(fld->name, "protocol");
}

static bool is_flags_match(unsigned int match)
{
	return match == NFWFP_MATCH_FLAGS_ALL_SET ||
	       match == NFWFP_MATCH_FLAGS_ANY_SET ||
	       match == NFWFP_MATCH_FLAGS_NONE_SET;
}

/* A number as cond_parse() reads it back. */
static void format_number(char *buf, size_t size, const struct nf_field *fld,
			  unsigned int match, uint64_t v)
{
	const char *name = is_proto(fld) && v <= 255 ?
			   ip_proto_name((uint8_t)v) : NULL;

	if (name && match != NFWFP_MATCH_RANGE)
		snprintf(buf, size, "%s", name);
	else if (is_flags_match(match))
		snprintf(buf, size, "0x%" PRIx64, v);
	else
		snprintf(buf, size, "%" PRIu64, v);
}

static void format_addr(char *buf, size_t size, const uint8_t *a,
			unsigned int len)
{
	if (!inet_ntop(len == 4 ? AF_INET : AF_INET6, a, buf, (socklen_t)size))
		snprintf(buf, size, "?");
}

/* The value of @c in cond_parse()'s syntax. */
static void format_cond_value(char *buf, size_t size,
			      const struct nf_field *fld,
			      const struct nf_cond *c)
{
	char lo[64], hi[64];

	if (c->addr_len) {
		format_addr(lo, sizeof(lo), c->addr, c->addr_len);
		if (c->has_hi) {
			format_addr(hi, sizeof(hi), c->addr_hi, c->addr_len);
			snprintf(buf, size, "%s-%s", lo, hi);
		} else if (c->has_prefix) {
			snprintf(buf, size, "%s/%u", lo, c->prefix);
		} else {
			snprintf(buf, size, "%s", lo);
		}
		return;
	}
	format_number(lo, sizeof(lo), fld, c->match, c->value);
	if (c->match == NFWFP_MATCH_RANGE) {
		format_number(hi, sizeof(hi), fld, c->match, c->value_hi);
		snprintf(buf, size, "%s-%s", lo, hi);
	} else {
		snprintf(buf, size, "%s", lo);
	}
}

static void print_cond_text(FILE *f, const struct nf_layer *l,
			    const struct nf_cond *c)
{
	const struct nf_field *fld = l ? nf_field_by_index(l, c->field) : NULL;
	char value[128];

	format_cond_value(value, sizeof(value), fld, c);
	if (fld)
		fprintf(f, " %s", cond_keyword(fld));
	else
		fprintf(f, " field-%u", c->field);
	if (c->match != NFWFP_MATCH_EQUAL && c->match != NFWFP_MATCH_RANGE)
		fprintf(f, " %s", match_name(c->match) ?: "?");
	fprintf(f, " %s", value);
}

static void print_action_text(FILE *f, const struct nf_filter *flt)
{
	char key[GUID_STRLEN];

	switch (flt->action) {
	case NFWFP_ACTION_BLOCK:
	case NFWFP_ACTION_PERMIT:
		fprintf(f, " action %s", action_name(flt->action));
		break;
	default:
		guid_format(flt->callout, key, sizeof(key));
		fprintf(f, " action callout %s %s", key,
			action_name(flt->action) ?: "?");
	}
}

void print_filter_text(FILE *f, const struct nf_layers *ls,
		       const struct nf_filter *flt, const char *verb)
{
	const struct nf_layer *l = nf_layer_by_id(ls, flt->layer);
	bool comment = !verb && not_addable(flt->flags);
	unsigned int i;

	print_head(f, comment, verb, "filter");
	fputs(" layer ", f);
	print_layer_ref(f, ls, flt->layer);
	fputs(" name ", f);
	print_word(f, flt->name);
	print_key(f, "key", flt->key);
	if (flt->has_sublayer)
		print_key(f, "sublayer", flt->sublayer);
	fprintf(f, " weight %" PRIu64, flt->effective_weight);
	for (i = 0; i < flt->nconds; i++)
		print_cond_text(f, l, &flt->conds[i]);
	print_action_text(f, flt);
	if (flt->has_context)
		fprintf(f, " context %" PRIu64, flt->context);
	print_flags(f, flt->flags, NFWFP_OBJ_F_DYNAMIC |
		    NFWFP_FILTER_F_CLEAR_ACTION_RIGHT |
		    NFWFP_FILTER_F_PERMIT_IF_CALLOUT_UNREGISTERED);
	fprintf(f, " # id %" PRIu64, flt->id);
	print_flags(f, flt->flags, NFWFP_OBJ_F_BUILTIN | NFWFP_OBJ_F_KERNEL);
	fprintf(f, " matched %" PRIu64 " permitted %" PRIu64 " blocked %"
		PRIu64 " absorbed %" PRIu64 "\n", flt->matched, flt->permitted,
		flt->blocked, flt->absorbed);
}

static void print_cond_json(struct json_writer *w, const struct nf_layer *l,
			    const struct nf_cond *c)
{
	const struct nf_field *fld = l ? nf_field_by_index(l, c->field) : NULL;
	char a[64];

	json_object_begin(w);
	json_member_string(w, "field", fld ? fld->name : "");
	json_member_u64(w, "field_index", c->field);
	json_member_string(w, "match", match_name(c->match) ?: "");
	if (c->addr_len) {
		format_addr(a, sizeof(a), c->addr, c->addr_len);
		json_member_string(w, "addr", a);
		if (c->has_hi) {
			format_addr(a, sizeof(a), c->addr_hi, c->addr_len);
			json_member_string(w, "addr_hi", a);
		}
		if (c->has_prefix)
			json_member_u64(w, "prefix", c->prefix);
	} else {
		json_member_u64(w, "value", c->value);
		if (c->match == NFWFP_MATCH_RANGE)
			json_member_u64(w, "value_hi", c->value_hi);
	}
	json_object_end(w);
}

void print_filter_json(struct json_writer *w, const struct nf_layers *ls,
		       const struct nf_filter *flt)
{
	const struct nf_layer *l = nf_layer_by_id(ls, flt->layer);
	unsigned int i;

	json_object_begin(w);
	json_member_u64(w, "id", flt->id);
	member_guid(w, "key", flt->key);
	json_member_string(w, "name", flt->name);
	member_layer(w, ls, flt->layer);
	if (flt->has_sublayer)
		member_guid(w, "sublayer", flt->sublayer);
	json_member_u64(w, "weight", flt->effective_weight);
	json_member_string(w, "action", action_name(flt->action) ?: "");
	if (flt->has_callout)
		member_guid(w, "callout", flt->callout);
	if (flt->has_context)
		json_member_u64(w, "context", flt->context);
	member_flags(w, flt->flags);
	json_key(w, "conditions");
	json_array_begin(w);
	for (i = 0; i < flt->nconds; i++)
		print_cond_json(w, l, &flt->conds[i]);
	json_array_end(w);
	json_member_u64(w, "matched", flt->matched);
	json_member_u64(w, "permitted", flt->permitted);
	json_member_u64(w, "blocked", flt->blocked);
	json_member_u64(w, "absorbed", flt->absorbed);
	json_object_end(w);
}

void print_handle_text(FILE *f, const struct nf_handle *h)
{
	fprintf(f, "handle %" PRIu64 " family %s owner ", h->id,
		family_name(h->family));
	print_word(f, h->owner[0] ? h->owner : "-");
	fprintf(f, " requested %" PRIu64 " sent %" PRIu64 " failed %" PRIu64
		" completed %" PRIu64 " outstanding %u%s\n", h->requested,
		h->sent, h->failed, h->completed, h->outstanding,
		h->flags & NFWFP_HANDLE_F_CLOSING ? " closing" : "");
}

void print_handle_json(struct json_writer *w, const struct nf_handle *h)
{
	json_object_begin(w);
	json_member_u64(w, "id", h->id);
	json_member_string(w, "family", family_name(h->family));
	json_member_string(w, "owner", h->owner);
	json_member_u64(w, "requested", h->requested);
	json_member_u64(w, "sent", h->sent);
	json_member_u64(w, "failed", h->failed);
	json_member_u64(w, "completed", h->completed);
	json_member_u64(w, "outstanding", h->outstanding);
	json_key(w, "closing");
	json_bool(w, h->flags & NFWFP_HANDLE_F_CLOSING);
	json_object_end(w);
}

/* The module parameters' names, which SET_CONFIG's values are. */
static const char *const config_names[NFWFP_CONFIG_A_MAX + 1] = {
	[NFWFP_CONFIG_A_INJECT_MAX_INFLIGHT] = "inject_max_inflight",
	[NFWFP_CONFIG_A_INJECT_MAX_BACKLOG] = "inject_max_backlog",
	[NFWFP_CONFIG_A_INJECT_BUDGET] = "inject_budget",
	[NFWFP_CONFIG_A_HELD_MAX_PER_NETNS] = "held_max_per_netns",
	[NFWFP_CONFIG_A_INJECT_MARK_MASK] = "inject_mark_mask",
};

const char *config_name(unsigned int attr)
{
	return attr <= NFWFP_CONFIG_A_MAX ? config_names[attr] : NULL;
}

/* The attribute of a config name; '-' may stand for '_'. */
int config_attr(const char *name)
{
	unsigned int i;
	size_t j;

	for (i = 1; i <= NFWFP_CONFIG_A_MAX; i++) {
		const char *c = config_names[i];

		if (!c || strlen(c) != strlen(name))
			continue;
		for (j = 0; c[j]; j++)
			if (c[j] != name[j] && !(c[j] == '_' && name[j] == '-'))
				break;
		if (!c[j])
			return (int)i;
	}
	return -1;
}

void print_config_text(FILE *f, const struct nf_config *c)
{
	unsigned int i;

	fputs("config set", f);
	for (i = 1; i <= NFWFP_CONFIG_A_MAX; i++) {
		if (!(c->have & 1u << i))
			continue;
		if (i == NFWFP_CONFIG_A_INJECT_MARK_MASK)
			fprintf(f, " %s 0x%08" PRIx64, config_names[i], c->v[i]);
		else
			fprintf(f, " %s %" PRIu64, config_names[i], c->v[i]);
	}
	fputc('\n', f);
}

void print_config_json(struct json_writer *w, const struct nf_config *c)
{
	unsigned int i;

	json_object_begin(w);
	for (i = 1; i <= NFWFP_CONFIG_A_MAX; i++)
		if (c->have & 1u << i)
			json_member_u64(w, config_names[i], c->v[i]);
	json_object_end(w);
}

/* The global counters: one object, a member per counter. */
void print_event_json_begin(struct json_writer *w, FILE *f, const char *event,
			    const char *object)
{
	json_init(w, f);
	json_object_begin(w);
	json_member_string(w, "event", event);
	json_member_string(w, "object", object);
	json_key(w, object);
}

void print_stats_json(struct json_writer *w, const struct nf_counter *c,
		      size_t n)
{
	size_t i;

	json_object_begin(w);
	for (i = 0; i < n; i++)
		json_member_u64(w, c[i].name, c[i].value);
	json_object_end(w);
}

/* nfwfpctl -j version: @tool is nfwfpctl's version, @module the module's. */
void print_version_json(struct json_writer *w, const char *tool,
			const char *module, uint32_t genl_version)
{
	json_object_begin(w);
	json_member_string(w, "nfwfpctl", tool);
	json_member_string(w, "module", module);
	json_member_u64(w, "genl_version", genl_version);
	json_object_end(w);
}
