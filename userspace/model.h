/* SPDX-License-Identifier: GPL-2.0 */
/*
 * nfwfp's objects as nfwfpctl holds them: what a dump message or an event
 * says about a layer, callout, sublayer, filter or injection handle, and
 * what a command line says about a new one. Parsed by model.c, printed by
 * print.c, built into requests by the command files.
 */
#ifndef NFWFPCTL_MODEL_H
#define NFWFPCTL_MODEL_H

#include <libmnl/libmnl.h>
#include <linux/genetlink.h>
#include <stdbool.h>
#include <stdint.h>
#include <uapi/nfwfp.h>

#include "guid.h"

#define NF_NAME_LEN	256	/* the UAPI's 255 bytes and a NUL */
#define NF_LAYERS_MAX	16
#define NF_FIELDS_MAX	32

/* FWP_DATA_TYPE values the layer dump reports. */
enum {
	NF_TYPE_UINT8	= 1,
	NF_TYPE_UINT16	= 2,
	NF_TYPE_UINT32	= 3,
	NF_TYPE_UINT64	= 4,
	NF_TYPE_BYTES16	= 11,
};

struct nf_field {
	unsigned int index;
	unsigned int type;
	char name[64];
};

struct nf_layer {
	unsigned int id;
	unsigned int family;
	char name[64];
	uint8_t key[GUID_LEN];
	uint32_t filters;
	uint64_t classified, blocked;
	unsigned int nfields;
	struct nf_field fields[NF_FIELDS_MAX];
};

struct nf_layers {
	unsigned int n;
	struct nf_layer l[NF_LAYERS_MAX];
};

struct nf_callout {
	uint8_t key[GUID_LEN];
	uint32_t id;
	char name[NF_NAME_LEN];
	unsigned int layer;
	uint32_t flags;
	char owner[64];
	uint32_t filters;
	uint64_t classified, permitted, blocked, absorbed;
};

struct nf_sublayer {
	uint8_t key[GUID_LEN];
	char name[NF_NAME_LEN];
	unsigned int weight;
	uint32_t flags;
	uint32_t filters;
	uint64_t matched, permitted, blocked, absorbed;
};

/**
 * struct nf_cond - one condition
 * @field: the field's index in its layer
 * @match: &enum nfwfp_match
 * @addr_len: 0 for a number condition, 4 or 16 for an address one
 * @has_hi: @value_hi / @addr_hi are set (a range)
 * @has_prefix: @prefix is set
 */
struct nf_cond {
	unsigned int field;
	unsigned int match;
	uint64_t value, value_hi;
	unsigned int addr_len;
	uint8_t addr[16], addr_hi[16];
	bool has_hi;
	bool has_prefix;
	unsigned int prefix;
};

struct nf_filter {
	uint64_t id;
	bool has_key;
	uint8_t key[GUID_LEN];
	char name[NF_NAME_LEN];
	unsigned int layer;
	bool has_sublayer;
	uint8_t sublayer[GUID_LEN];
	bool has_weight, has_weight_range;
	uint64_t weight;
	unsigned int weight_range;
	uint64_t effective_weight;
	unsigned int action;
	bool has_callout;
	uint8_t callout[GUID_LEN];
	uint32_t flags;
	bool has_context;
	uint64_t context;
	unsigned int nconds;
	struct nf_cond conds[NFWFP_FILTER_MAX_CONDS];
	uint64_t matched, permitted, blocked, absorbed;
};

struct nf_handle {
	uint64_t id;
	unsigned int family;
	uint32_t flags;
	char owner[64];
	uint64_t requested, sent, failed, completed;
	uint32_t outstanding;
};

struct nf_counter {
	char name[64];
	uint64_t value;
};

/**
 * struct nf_config - limits and the mark mask; @have has bit N set when
 *	attribute N (&enum nfwfp_config_attr) is present
 */
struct nf_config {
	uint32_t have;
	uint64_t v[NFWFP_CONFIG_A_MAX + 1];
};

/* A growable array of one of the above. */
struct nf_vec {
	void *v;
	size_t n, cap, size;
};

void *nf_vec_push(struct nf_vec *vec);
void nf_vec_free(struct nf_vec *vec);

int nf_parse_layer(const struct nlmsghdr *nlh, struct nf_layer *l);
int nf_parse_callout(const struct nlmsghdr *nlh, struct nf_callout *c);
int nf_parse_sublayer(const struct nlmsghdr *nlh, struct nf_sublayer *s);
int nf_parse_filter(const struct nlmsghdr *nlh, struct nf_filter *f);
int nf_parse_handle(const struct nlmsghdr *nlh, struct nf_handle *h);
int nf_parse_stats(const struct nlmsghdr *nlh, struct nf_vec *counters);
int nf_parse_config(const struct nlmsghdr *nlh, struct nf_config *c);

const struct nf_layer *nf_layer_by_id(const struct nf_layers *ls,
				      unsigned int id);
const struct nf_layer *nf_layer_by_name(const struct nf_layers *ls,
					const char *name);
const struct nf_field *nf_field_by_index(const struct nf_layer *l,
					 unsigned int index);
const struct nf_field *nf_field_by_name(const struct nf_layer *l,
					const char *name);
bool nf_field_is_addr(const struct nf_field *f);

#endif /* NFWFPCTL_MODEL_H */
