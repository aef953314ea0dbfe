/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The words of "callout add", "sublayer add" and "filter add", turned into
 * the objects of model.h. Pure: layers and fields come from the caller (the
 * kernel's layer dump), callouts and sublayers stay as the text the user
 * gave, for the caller to resolve against their dumps.
 *
 * Each parser returns 0, or -EINVAL with a message in @err naming the word
 * at fault (the caller prints it and exits with EXIT_USAGE).
 */
#ifndef NFWFPCTL_ARGS_H
#define NFWFPCTL_ARGS_H

#include <stddef.h>

#include "model.h"

#define ARGS_ERR_LEN	256

/**
 * struct filter_args - a parsed "filter add"
 * @f: the filter; f.layer, conditions, action, weight... are set
 * @sublayer_ref: the sublayer as typed (GUID or name), or NULL
 * @callout_ref: the callout as typed, for callout actions, or NULL
 * @arg: for each &enum nfwfp_filter_attr, the keyword that set it (for
 *	error messages), or NULL
 * @cond_arg: the field name each condition was given by; @cond_val, its value
 */
struct filter_args {
	struct nf_filter f;
	const char *sublayer_ref;
	const char *callout_ref;
	const char *arg[NFWFP_FILTER_A_MAX + 1];
	const char *val[NFWFP_FILTER_A_MAX + 1];
	const char *cond_arg[NFWFP_FILTER_MAX_CONDS];
	const char *cond_val[NFWFP_FILTER_MAX_CONDS];
};

int filter_args_parse(const struct nf_layers *ls, int argc, char *argv[],
		      struct filter_args *fa, char *err, size_t errlen);

/**
 * struct callout_args - a parsed "callout add"
 * @c: key, name, layer and flags
 */
struct callout_args {
	struct nf_callout c;
};

int callout_args_parse(const struct nf_layers *ls, int argc, char *argv[],
		       struct callout_args *ca, char *err, size_t errlen);

/**
 * struct sublayer_args - a parsed "sublayer add"
 * @s: name, weight, flags, and the key if @has_key
 */
struct sublayer_args {
	struct nf_sublayer s;
	bool has_key;
};

int sublayer_args_parse(int argc, char *argv[], struct sublayer_args *sa,
			char *err, size_t errlen);

int cond_parse(const struct nf_layer *l, const struct nf_field *fld,
	       const char *op, const char *text, struct nf_cond *c,
	       char *err, size_t errlen);
const char *match_name(unsigned int match);
const char *action_name(unsigned int action);

/* Text "filter add" lines name conditions' fields the same way back. */
const char *cond_keyword(const struct nf_field *fld);

#endif /* NFWFPCTL_ARGS_H */
