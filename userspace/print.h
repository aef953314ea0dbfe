/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Text and JSON forms of nfwfp's objects. The text form of a callout,
 * sublayer or filter is the command that adds it ("filter add layer ...")
 * followed by its run-time state as a comment, so a listing loads back
 * with nfwfpctl -f. Objects that cannot be added back (built in, added by
 * a kernel driver, registered but not added) are printed as comments.
 * With a @verb ("new", "del": monitor's events) the line starts
 * "VERB OBJECT" instead of "OBJECT add".
 */
#ifndef NFWFPCTL_PRINT_H
#define NFWFPCTL_PRINT_H

#include <stdio.h>

#include "json.h"
#include "model.h"

void print_word(FILE *f, const char *s);

void print_layer_text(FILE *f, const struct nf_layer *l);
void print_layer_json(struct json_writer *w, const struct nf_layer *l);

void print_callout_text(FILE *f, const struct nf_layers *ls,
			const struct nf_callout *c, const char *verb);
void print_callout_json(struct json_writer *w, const struct nf_layers *ls,
			const struct nf_callout *c);

void print_sublayer_text(FILE *f, const struct nf_sublayer *s,
			 const char *verb);
void print_sublayer_json(struct json_writer *w, const struct nf_sublayer *s);

void print_filter_text(FILE *f, const struct nf_layers *ls,
		       const struct nf_filter *flt, const char *verb);
void print_filter_json(struct json_writer *w, const struct nf_layers *ls,
		       const struct nf_filter *flt);

void print_handle_text(FILE *f, const struct nf_handle *h);
void print_handle_json(struct json_writer *w, const struct nf_handle *h);

void print_config_text(FILE *f, const struct nf_config *c);
void print_config_json(struct json_writer *w, const struct nf_config *c);

const char *config_name(unsigned int attr);
int config_attr(const char *name);

/*
 * monitor -j: one document per event, {"event": EVENT, "object": OBJECT,
 * OBJECT: ...}; the caller prints the object with its print_*_json() and
 * ends with json_object_end() and json_finish().
 */
void print_event_json_begin(struct json_writer *w, FILE *f, const char *event,
			    const char *object);

void print_stats_json(struct json_writer *w, const struct nf_counter *c,
		      size_t n);
void print_version_json(struct json_writer *w, const char *tool,
			const char *module, uint32_t genl_version);

#endif /* NFWFPCTL_PRINT_H */
