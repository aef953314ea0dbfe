// SPDX-License-Identifier: GPL-2.0
/*
 * Parsing the words of "callout add", "sublayer add" and "filter add"; see
 * args.h. Keywords may come in any order, each at most once, except
 * conditions: the same field may repeat (the conditions then match if any
 * does, as the UAPI says of consecutive conditions on one field).
 */
#include <arpa/inet.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "args.h"
#include "parse.h"

static int fail(char *err, size_t errlen, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int fail(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
	return -EINVAL;
}

static const char *const match_names[NFWFP_MATCH_MAX + 1] = {
	[NFWFP_MATCH_EQUAL] = "eq",
	[NFWFP_MATCH_GREATER] = "gt",
	[NFWFP_MATCH_LESS] = "lt",
	[NFWFP_MATCH_GREATER_OR_EQUAL] = "ge",
	[NFWFP_MATCH_LESS_OR_EQUAL] = "le",
	[NFWFP_MATCH_RANGE] = "range",
	[NFWFP_MATCH_FLAGS_ALL_SET] = "all-set",
	[NFWFP_MATCH_FLAGS_ANY_SET] = "any-set",
	[NFWFP_MATCH_FLAGS_NONE_SET] = "none-set",
	[NFWFP_MATCH_NOT_EQUAL] = "ne",
};

const char *match_name(unsigned int match)
{
	return match <= NFWFP_MATCH_MAX ? match_names[match] : NULL;
}

/* The operators a user types; "range" is implied by "A-B". */
static int match_parse(const char *s)
{
	unsigned int i;

	for (i = 0; i <= NFWFP_MATCH_MAX; i++)
		if (match_names[i] && i != NFWFP_MATCH_RANGE &&
		    !strcmp(s, match_names[i]))
			return (int)i;
	return -1;
}

static const char *const action_names[] = {
	[NFWFP_ACTION_BLOCK] = "block",
	[NFWFP_ACTION_PERMIT] = "permit",
	[NFWFP_ACTION_CALLOUT_TERMINATING] = "terminating",
	[NFWFP_ACTION_CALLOUT_INSPECTION] = "inspection",
	[NFWFP_ACTION_CALLOUT_UNKNOWN] = "unknown",
};

const char *action_name(unsigned int action)
{
	if (action == NFWFP_ACTION_UNSPEC || action > NFWFP_ACTION_MAX)
		return NULL;
	return action_names[action];
}

/* "proto" is what ip(8) and nft(8) users type for the protocol field. */
const char *cond_keyword(const struct nf_field *fld)
{
	return strcmp(fld->name, "protocol") ? fld->name : "proto";
}

static uint64_t type_max(unsigned int type)
{
	switch (type) {
	case NF_TYPE_UINT8: return UINT8_MAX;
	case NF_TYPE_UINT16: return UINT16_MAX;
	case NF_TYPE_UINT32: return UINT32_MAX;
	default: return UINT64_MAX;
	}
}

static int number_parse(const struct nf_field *fld, const char *s,
			uint64_t *v)
{
	uint8_t proto;
	int ret;

	if (!strcmp(fld->name, "protocol")) {
		ret = parse_ip_proto(s, &proto);
		if (!ret)
			*v = proto;
		return ret;
	}
	return parse_uint(s, type_max(fld->type), v);
}

static int number_cond(const struct nf_field *fld, int op, const char *text,
		       struct nf_cond *c, char *err, size_t errlen)
{
	const char *dash = strchr(text, '-');
	char lo[32];

	c->match = (unsigned int)op;
	if (!dash) {
		if (number_parse(fld, text, &c->value))
			goto bad;
		return 0;
	}
	if (op != NFWFP_MATCH_EQUAL)
		return fail(err, errlen, "%s: a range \"%s\" takes no operator",
			    fld->name, text);
	if ((size_t)(dash - text) >= sizeof(lo))
		goto bad;
	memcpy(lo, text, (size_t)(dash - text));
	lo[dash - text] = '\0';
	if (number_parse(fld, lo, &c->value) ||
	    number_parse(fld, dash + 1, &c->value_hi))
		goto bad;
	if (c->value > c->value_hi)
		return fail(err, errlen, "%s: the range \"%s\" is inverted",
			    fld->name, text);
	c->match = NFWFP_MATCH_RANGE;
	c->has_hi = true;
	return 0;
bad:
	return fail(err, errlen,
		    "%s: \"%s\" is not a number%s or range up to %llu",
		    fld->name, text,
		    strcmp(fld->name, "protocol") ? "" : " or protocol name",
		    (unsigned long long)type_max(fld->type));
}

static int one_addr(int family, const char *s, uint8_t *out)
{
	char text[INET6_ADDRSTRLEN];

	if (strlen(s) >= sizeof(text))
		return -EINVAL;
	strcpy(text, s);
	return inet_pton(family, text, out) == 1 ? 0 : -EINVAL;
}

static int addr_cond(const struct nf_layer *l, const struct nf_field *fld,
		     int op, const char *text, struct nf_cond *c,
		     char *err, size_t errlen)
{
	int family = fld->type == NF_TYPE_BYTES16 ? AF_INET6 : AF_INET;
	const char *fam = family == AF_INET ? "IPv4" : "IPv6";
	const char *dash = strchr(text, '-');
	struct nfwfp_prefix p;
	char lo[INET6_ADDRSTRLEN];

	c->addr_len = family == AF_INET ? 4 : 16;
	c->match = (unsigned int)op;
	if (dash) {
		if (op != NFWFP_MATCH_EQUAL)
			return fail(err, errlen,
				    "%s: a range \"%s\" takes no operator",
				    fld->name, text);
		if ((size_t)(dash - text) >= sizeof(lo))
			goto bad;
		memcpy(lo, text, (size_t)(dash - text));
		lo[dash - text] = '\0';
		if (one_addr(family, lo, c->addr) ||
		    one_addr(family, dash + 1, c->addr_hi))
			goto bad;
		if (memcmp(c->addr, c->addr_hi, c->addr_len) > 0)
			return fail(err, errlen,
				    "%s: the range \"%s\" is inverted",
				    fld->name, text);
		c->match = NFWFP_MATCH_RANGE;
		c->has_hi = true;
		return 0;
	}
	if (parse_prefix(text, &p))
		goto bad;
	if (p.family != family)
		goto bad;
	if (p.host_bits)
		return fail(err, errlen,
			    "%s: \"%s\" has bits set beyond its prefix length",
			    fld->name, text);
	memcpy(c->addr, p.addr.bytes, c->addr_len);
	if (p.len != c->addr_len * 8) {
		if (op != NFWFP_MATCH_EQUAL)
			return fail(err, errlen,
				    "%s: a prefix \"%s\" takes no operator",
				    fld->name, text);
		c->has_prefix = true;
		c->prefix = p.len;
	}
	return 0;
bad:
	return fail(err, errlen,
		    "%s: \"%s\" is not an %s address, prefix or range (layer %s)",
		    fld->name, text, fam, l->name);
}

/**
 * cond_parse() - one condition: FIELD [OP] VALUE
 * @l: the filter's layer
 * @fld: the field, one of @l's
 * @op: the operator word, or NULL for "eq"
 * @text: the value: a number ("80", "0x10"), a range ("80-90"), a protocol
 *	name for the protocol field, an address, a prefix ("10.0.0.0/8") or an
 *	address range ("10.0.0.1-10.0.0.9") for address fields
 * @c: the condition, filled on success
 * @err: message buffer
 * @errlen: its size
 *
 * Return: 0 or -EINVAL.
 */
int cond_parse(const struct nf_layer *l, const struct nf_field *fld,
	       const char *op, const char *text, struct nf_cond *c,
	       char *err, size_t errlen)
{
	int match = NFWFP_MATCH_EQUAL;

	memset(c, 0, sizeof(*c));
	c->field = fld->index;
	if (op) {
		match = match_parse(op);
		if (match < 0)
			return fail(err, errlen, "%s: unknown operator \"%s\"",
				    fld->name, op);
	}
	if (nf_field_is_addr(fld))
		return addr_cond(l, fld, match, text, c, err, errlen);
	return number_cond(fld, match, text, c, err, errlen);
}

/* The parse state of one filter add, shared by its helpers. */
struct fparse {
	const struct nf_layers *ls;
	int argc;
	char **argv;
	int i;
	struct filter_args *fa;
	char *err;
	size_t errlen;
	const struct nf_layer *layer;
	/* conditions wait for the layer, which may come after them */
	unsigned int ncond;
	const char *cfield[NFWFP_FILTER_MAX_CONDS];
	const char *cop[NFWFP_FILTER_MAX_CONDS];
	const char *cval[NFWFP_FILTER_MAX_CONDS];
};

/* The value after keyword argv[i], marking attribute @attr as given. */
static const char *take(struct fparse *p, int attr)
{
	const char *kw = p->argv[p->i];

	if (attr && p->fa->arg[attr]) {
		fail(p->err, p->errlen, "\"%s\" given twice", kw);
		return NULL;
	}
	if (p->i + 1 >= p->argc) {
		fail(p->err, p->errlen, "\"%s\" needs a value", kw);
		return NULL;
	}
	if (attr) {
		p->fa->arg[attr] = kw;
		p->fa->val[attr] = p->argv[p->i + 1];
	}
	p->i += 2;
	return p->argv[p->i - 1];
}

static int flag(struct fparse *p, uint32_t bit)
{
	if (p->fa->f.flags & bit)
		return fail(p->err, p->errlen, "\"%s\" given twice",
			    p->argv[p->i]);
	p->fa->f.flags |= bit;
	p->i++;
	return 0;
}

static int action_words(struct fparse *p)
{
	struct nf_filter *f = &p->fa->f;
	const char *v = take(p, NFWFP_FILTER_A_ACTION);
	const char *kind;

	if (!v)
		return -EINVAL;
	if (!strcmp(v, "block")) {
		f->action = NFWFP_ACTION_BLOCK;
		return 0;
	}
	if (!strcmp(v, "permit")) {
		f->action = NFWFP_ACTION_PERMIT;
		return 0;
	}
	if (strcmp(v, "callout"))
		return fail(p->err, p->errlen,
			    "action: \"%s\" is not block, permit or callout", v);
	if (p->i >= p->argc)
		return fail(p->err, p->errlen,
			    "action callout needs a callout's key or name");
	p->fa->callout_ref = p->argv[p->i++];
	p->fa->arg[NFWFP_FILTER_A_CALLOUT] = "action callout";
	p->fa->val[NFWFP_FILTER_A_CALLOUT] = p->fa->callout_ref;
	f->has_callout = true;
	f->action = NFWFP_ACTION_CALLOUT_TERMINATING;
	kind = p->i < p->argc ? p->argv[p->i] : "";
	if (!strcmp(kind, "terminating")) {
		p->i++;
	} else if (!strcmp(kind, "inspection")) {
		f->action = NFWFP_ACTION_CALLOUT_INSPECTION;
		p->i++;
	} else if (!strcmp(kind, "unknown")) {
		f->action = NFWFP_ACTION_CALLOUT_UNKNOWN;
		p->i++;
	}
	return 0;
}

static int number_word(struct fparse *p, int attr, uint64_t max,
		       uint64_t *out)
{
	const char *kw = p->argv[p->i];
	const char *v = take(p, attr);

	if (!v)
		return -EINVAL;
	if (parse_uint(v, max, out))
		return fail(p->err, p->errlen,
			    "%s: \"%s\" is not a number from 0 to %llu", kw, v,
			    (unsigned long long)max);
	return 0;
}

/*
 * No field value is spelt like a keyword: "remote-port action block" is a
 * forgotten value, better reported as such than as a bad port "action".
 */
static bool is_keyword(const char *w)
{
	static const char *const keywords[] = {
		"layer", "name", "key", "sublayer", "weight", "weight-range",
		"context", "action", "dynamic", "clear-action-right",
		"permit-if-callout-unregistered",
	};
	size_t i;

	for (i = 0; i < sizeof(keywords) / sizeof(keywords[0]); i++)
		if (!strcmp(w, keywords[i]))
			return true;
	return false;
}

/* A word that is neither a keyword nor a flag: FIELD [OP] VALUE. */
static int cond_words(struct fparse *p)
{
	const char *field = p->argv[p->i];
	const char *op = NULL;

	if (p->ncond == NFWFP_FILTER_MAX_CONDS)
		return fail(p->err, p->errlen, "more than %d conditions",
			    NFWFP_FILTER_MAX_CONDS);
	if (p->i + 1 < p->argc && match_parse(p->argv[p->i + 1]) >= 0) {
		op = p->argv[p->i + 1];
		p->i++;
	}
	if (p->i + 1 >= p->argc)
		return fail(p->err, p->errlen,
			    "\"%s\" is not a keyword, or a field without a value",
			    field);
	if (is_keyword(p->argv[p->i + 1]))
		return fail(p->err, p->errlen, "\"%s\" needs a value", field);
	p->cfield[p->ncond] = field;
	p->cop[p->ncond] = op;
	p->cval[p->ncond] = p->argv[p->i + 1];
	p->ncond++;
	p->i += 2;
	return 0;
}

static int one_word(struct fparse *p)
{
	struct filter_args *fa = p->fa;
	struct nf_filter *f = &fa->f;
	const char *w = p->argv[p->i], *v;
	uint64_t n;

	if (!strcmp(w, "layer")) {
		v = take(p, NFWFP_FILTER_A_LAYER);
		if (!v)
			return -EINVAL;
		p->layer = nf_layer_by_name(p->ls, v);
		if (!p->layer)
			return fail(p->err, p->errlen,
				    "layer: no layer \"%s\" (see 'nfwfpctl layer list')",
				    v);
		f->layer = p->layer->id;
	} else if (!strcmp(w, "name")) {
		v = take(p, NFWFP_FILTER_A_NAME);
		if (!v)
			return -EINVAL;
		if (strlen(v) >= sizeof(f->name))
			return fail(p->err, p->errlen, "name: longer than %zu bytes",
				    sizeof(f->name) - 1);
		strcpy(f->name, v);
	} else if (!strcmp(w, "key")) {
		v = take(p, NFWFP_FILTER_A_KEY);
		if (!v)
			return -EINVAL;
		if (guid_parse(v, f->key))
			return fail(p->err, p->errlen, "key: \"%s\" is not a GUID", v);
		f->has_key = true;
	} else if (!strcmp(w, "sublayer")) {
		fa->sublayer_ref = take(p, NFWFP_FILTER_A_SUBLAYER);
		if (!fa->sublayer_ref)
			return -EINVAL;
		f->has_sublayer = true;
	} else if (!strcmp(w, "weight")) {
		if (number_word(p, NFWFP_FILTER_A_WEIGHT, UINT64_MAX, &f->weight))
			return -EINVAL;
		f->has_weight = true;
	} else if (!strcmp(w, "weight-range")) {
		if (number_word(p, NFWFP_FILTER_A_WEIGHT_RANGE, 15, &n))
			return -EINVAL;
		f->weight_range = (unsigned int)n;
		f->has_weight_range = true;
	} else if (!strcmp(w, "context")) {
		if (number_word(p, NFWFP_FILTER_A_CONTEXT, UINT64_MAX, &f->context))
			return -EINVAL;
		f->has_context = true;
	} else if (!strcmp(w, "action")) {
		return action_words(p);
	} else if (!strcmp(w, "dynamic")) {
		return flag(p, NFWFP_OBJ_F_DYNAMIC);
	} else if (!strcmp(w, "clear-action-right")) {
		return flag(p, NFWFP_FILTER_F_CLEAR_ACTION_RIGHT);
	} else if (!strcmp(w, "permit-if-callout-unregistered")) {
		return flag(p, NFWFP_FILTER_F_PERMIT_IF_CALLOUT_UNREGISTERED);
	} else {
		return cond_words(p);
	}
	return 0;
}

static int resolve_conds(struct fparse *p)
{
	struct filter_args *fa = p->fa;
	unsigned int i;

	for (i = 0; i < p->ncond; i++) {
		const char *name = p->cfield[i];
		const struct nf_field *fld;

		if (!strcmp(name, "proto"))
			name = "protocol";
		fld = nf_field_by_name(p->layer, name);
		if (!fld)
			return fail(p->err, p->errlen,
				    "\"%s\" is not a keyword nor a field of layer %s (see 'nfwfpctl layer show %s')",
				    p->cfield[i], p->layer->name, p->layer->name);
		if (cond_parse(p->layer, fld, p->cop[i], p->cval[i],
			       &fa->f.conds[i], p->err, p->errlen))
			return -EINVAL;
		fa->cond_arg[i] = p->cfield[i];
		fa->cond_val[i] = p->cval[i];
	}
	fa->f.nconds = p->ncond;
	return 0;
}

/**
 * filter_args_parse() - the words after "filter add"
 * @ls: the layers, from the kernel's dump
 * @argc: number of words
 * @argv: the words
 * @fa: the result
 * @err: message buffer for a failure
 * @errlen: its size
 *
 * "layer" and "action" are required; without "name" the filter is named
 * "nfwfpctl" (the UAPI requires a name).
 *
 * Return: 0 or -EINVAL.
 */
int filter_args_parse(const struct nf_layers *ls, int argc, char *argv[],
		      struct filter_args *fa, char *err, size_t errlen)
{
	struct fparse p = {
		.ls = ls, .argc = argc, .argv = argv, .fa = fa,
		.err = err, .errlen = errlen,
	};

	memset(fa, 0, sizeof(*fa));
	while (p.i < argc)
		if (one_word(&p))
			return -EINVAL;
	if (!p.layer)
		return fail(err, errlen, "filter add needs \"layer LAYER\"");
	if (!fa->f.action)
		return fail(err, errlen,
			    "filter add needs \"action block|permit|callout CALLOUT\"");
	if (fa->f.has_weight && fa->f.has_weight_range)
		return fail(err, errlen,
			    "\"weight\" and \"weight-range\" exclude each other");
	if (!fa->f.name[0])
		strcpy(fa->f.name, "nfwfpctl");
	return resolve_conds(&p);
}

/**
 * callout_args_parse() - "key GUID name NAME layer LAYER [dynamic]"
 * @ls: the layers
 * @argc: number of words
 * @argv: the words
 * @ca: the result
 * @err: message buffer
 * @errlen: its size
 *
 * Return: 0 or -EINVAL.
 */
int callout_args_parse(const struct nf_layers *ls, int argc, char *argv[],
		       struct callout_args *ca, char *err, size_t errlen)
{
	bool have_key = false, have_name = false, have_layer = false;
	const struct nf_layer *l;
	int i;

	memset(ca, 0, sizeof(*ca));
	for (i = 0; i < argc; i++) {
		const char *w = argv[i];

		if (!strcmp(w, "dynamic")) {
			ca->c.flags |= NFWFP_OBJ_F_DYNAMIC;
			continue;
		}
		if (strcmp(w, "key") && strcmp(w, "name") && strcmp(w, "layer"))
			return fail(err, errlen, "callout add: unknown word \"%s\"", w);
		if (i + 1 >= argc)
			return fail(err, errlen, "\"%s\" needs a value", w);
		i++;
		if (!strcmp(w, "key")) {
			if (have_key || guid_parse(argv[i], ca->c.key))
				return fail(err, errlen,
					    "key: \"%s\" is not a GUID, or given twice",
					    argv[i]);
			have_key = true;
		} else if (!strcmp(w, "name")) {
			if (have_name || strlen(argv[i]) >= sizeof(ca->c.name))
				return fail(err, errlen,
					    "name: given twice or too long");
			strcpy(ca->c.name, argv[i]);
			have_name = true;
		} else {
			l = nf_layer_by_name(ls, argv[i]);
			if (have_layer || !l)
				return fail(err, errlen,
					    "layer: no layer \"%s\", or given twice",
					    argv[i]);
			ca->c.layer = l->id;
			have_layer = true;
		}
	}
	if (!have_key || !have_name || !have_layer)
		return fail(err, errlen,
			    "callout add needs key GUID, name NAME and layer LAYER");
	return 0;
}

/**
 * sublayer_args_parse() - "[key GUID] name NAME [weight N] [dynamic]"
 * @argc: number of words
 * @argv: the words
 * @sa: the result
 * @err: message buffer
 * @errlen: its size
 *
 * Return: 0 or -EINVAL.
 */
int sublayer_args_parse(int argc, char *argv[], struct sublayer_args *sa,
			char *err, size_t errlen)
{
	bool have_name = false, have_weight = false;
	uint64_t n;
	int i;

	memset(sa, 0, sizeof(*sa));
	for (i = 0; i < argc; i++) {
		const char *w = argv[i];

		if (!strcmp(w, "dynamic")) {
			sa->s.flags |= NFWFP_OBJ_F_DYNAMIC;
			continue;
		}
		if (strcmp(w, "key") && strcmp(w, "name") && strcmp(w, "weight"))
			return fail(err, errlen, "sublayer add: unknown word \"%s\"", w);
		if (i + 1 >= argc)
			return fail(err, errlen, "\"%s\" needs a value", w);
		i++;
		if (!strcmp(w, "key")) {
			if (sa->has_key || guid_parse(argv[i], sa->s.key))
				return fail(err, errlen,
					    "key: \"%s\" is not a GUID, or given twice",
					    argv[i]);
			sa->has_key = true;
		} else if (!strcmp(w, "name")) {
			if (have_name || strlen(argv[i]) >= sizeof(sa->s.name))
				return fail(err, errlen,
					    "name: given twice or too long");
			strcpy(sa->s.name, argv[i]);
			have_name = true;
		} else {
			if (have_weight || parse_uint(argv[i], UINT16_MAX, &n))
				return fail(err, errlen,
					    "weight: \"%s\" is not a number from 0 to 65535, or given twice",
					    argv[i]);
			sa->s.weight = (unsigned int)n;
			have_weight = true;
		}
	}
	if (!have_name)
		return fail(err, errlen, "sublayer add needs name NAME");
	return 0;
}
