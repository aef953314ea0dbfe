// SPDX-License-Identifier: GPL-2.0
/*
 * nfwfpctl layer list | show NAME: the WFP layers nfwfp presents packets
 * at, with their run-time ids, management keys, fields (the names filter
 * conditions use) and counters (NFWFP_CMD_GET_LAYER dump).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <uapi/nfwfp.h>

#include "json.h"
#include "nfwfpctl.h"

#define LAYERS_MAX	16
#define FIELDS_MAX	32
#define NAME_MAX_LEN	64

struct field {
	unsigned int index;
	unsigned int type;
	char name[NAME_MAX_LEN];
};

struct layer {
	unsigned int id;
	unsigned int family;
	char name[NAME_MAX_LEN];
	unsigned char key[16];
	uint32_t filters;
	uint64_t classified, blocked;
	unsigned int nfields;
	struct field fields[FIELDS_MAX];
};

struct layers {
	unsigned int n;
	struct layer l[LAYERS_MAX];
};

static int copy_str(char *dst, const struct nlattr *a)
{
	if (mnl_attr_validate(a, MNL_TYPE_NUL_STRING) < 0 ||
	    mnl_attr_get_payload_len(a) > NAME_MAX_LEN)
		return -1;
	strcpy(dst, mnl_attr_get_str(a));
	return 0;
}

static int field_attr_cb(const struct nlattr *a, void *data)
{
	struct field *f = data;

	switch (mnl_attr_get_type(a)) {
	case NFWFP_FIELD_A_INDEX:
		if (mnl_attr_validate(a, MNL_TYPE_U16) < 0)
			return MNL_CB_ERROR;
		f->index = mnl_attr_get_u16(a);
		break;
	case NFWFP_FIELD_A_TYPE:
		if (mnl_attr_validate(a, MNL_TYPE_U16) < 0)
			return MNL_CB_ERROR;
		f->type = mnl_attr_get_u16(a);
		break;
	case NFWFP_FIELD_A_NAME:
		if (copy_str(f->name, a))
			return MNL_CB_ERROR;
		break;
	}
	return MNL_CB_OK;
}

static int fields_cb(const struct nlattr *a, void *data)
{
	struct layer *l = data;

	if (l->nfields == FIELDS_MAX)
		return MNL_CB_ERROR;
	if (mnl_attr_parse_nested(a, field_attr_cb, &l->fields[l->nfields]) < 0)
		return MNL_CB_ERROR;
	l->nfields++;
	return MNL_CB_OK;
}

static int layer_attr_cb(const struct nlattr *a, void *data)
{
	struct layer *l = data;

	switch (mnl_attr_get_type(a)) {
	case NFWFP_LAYER_A_ID:
		if (mnl_attr_validate(a, MNL_TYPE_U16) < 0)
			return MNL_CB_ERROR;
		l->id = mnl_attr_get_u16(a);
		break;
	case NFWFP_LAYER_A_NAME:
		if (copy_str(l->name, a))
			return MNL_CB_ERROR;
		break;
	case NFWFP_LAYER_A_KEY:
		if (mnl_attr_get_payload_len(a) != sizeof(l->key))
			return MNL_CB_ERROR;
		memcpy(l->key, mnl_attr_get_payload(a), sizeof(l->key));
		break;
	case NFWFP_LAYER_A_FAMILY:
		if (mnl_attr_validate(a, MNL_TYPE_U8) < 0)
			return MNL_CB_ERROR;
		l->family = mnl_attr_get_u8(a);
		break;
	case NFWFP_LAYER_A_FILTERS:
		if (mnl_attr_validate(a, MNL_TYPE_U32) < 0)
			return MNL_CB_ERROR;
		l->filters = mnl_attr_get_u32(a);
		break;
	case NFWFP_LAYER_A_CLASSIFIED:
	case NFWFP_LAYER_A_BLOCKED:
		if (mnl_attr_validate(a, MNL_TYPE_U64) < 0)
			return MNL_CB_ERROR;
		if (mnl_attr_get_type(a) == NFWFP_LAYER_A_CLASSIFIED)
			l->classified = mnl_attr_get_u64(a);
		else
			l->blocked = mnl_attr_get_u64(a);
		break;
	case NFWFP_LAYER_A_FIELDS:
		if (mnl_attr_parse_nested(a, fields_cb, l) < 0)
			return MNL_CB_ERROR;
		break;
	}
	return MNL_CB_OK;
}

static int layer_cb(const struct nlmsghdr *nlh, void *data)
{
	struct layers *ls = data;

	if (ls->n == LAYERS_MAX) {
		errno = EOVERFLOW;
		return MNL_CB_ERROR;
	}
	memset(&ls->l[ls->n], 0, sizeof(ls->l[0]));
	if (mnl_attr_parse(nlh, GENL_HDRLEN, layer_attr_cb, &ls->l[ls->n]) < 0) {
		errno = EBADMSG;
		return MNL_CB_ERROR;
	}
	ls->n++;
	return MNL_CB_OK;
}

static int get_layers(struct layers *ls)
{
	char buf[GENL_MSG_SIZE];
	struct genl_sock g;
	struct nlmsghdr *nlh;
	int ret;

	ret = nfwfp_connect(&g);
	if (ret)
		return ret;
	nlh = genl_msg_start(&g, buf, NFWFP_CMD_GET_LAYER, NFWFP_GENL_VERSION,
			     NLM_F_DUMP);
	ret = nfwfp_request(&g, nlh, layer_cb, ls, "list layers");
	genl_close(&g);
	return ret;
}

static const char *type_name(unsigned int type)
{
	switch (type) {
	case 1: return "uint8";
	case 2: return "uint16";
	case 3: return "uint32";
	case 4: return "uint64";
	case 11: return "bytes16";
	default: return "other";
	}
}

/* A GUID's text form from its in-memory bytes (Data1..3 little endian). */
static void guid_str(const unsigned char *k, char *s, size_t n)
{
	snprintf(s, n,
		 "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
		 k[3], k[2], k[1], k[0], k[5], k[4], k[7], k[6], k[8], k[9],
		 k[10], k[11], k[12], k[13], k[14], k[15]);
}

static void print_text(const struct layer *l)
{
	char key[40];
	unsigned int i;

	guid_str(l->key, key, sizeof(key));
	printf("%s id %u family %s key %s filters %u classified %llu blocked %llu\n",
	       l->name, l->id, l->family == 2 ? "inet" : "inet6", key, l->filters,
	       (unsigned long long)l->classified, (unsigned long long)l->blocked);
	for (i = 0; i < l->nfields; i++)
		printf("\tfield %u %s %s\n", l->fields[i].index,
		       l->fields[i].name, type_name(l->fields[i].type));
}

static void print_json(struct json_writer *w, const struct layer *l)
{
	char key[40];
	unsigned int i;

	guid_str(l->key, key, sizeof(key));
	json_object_begin(w);
	json_member_string(w, "name", l->name);
	json_member_u64(w, "id", l->id);
	json_member_string(w, "family", l->family == 2 ? "inet" : "inet6");
	json_member_string(w, "key", key);
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

/* list: every layer; show NAME: one, by name or run-time id. */
static int layer_print(const struct nfwfpctl *ctl, const char *which)
{
	struct layers *ls = calloc(1, sizeof(*ls));
	struct json_writer w;
	unsigned int i, shown = 0;
	int ret = EXIT_OK;

	if (!ls) {
		fprintf(stderr, PROG_NAME ": out of memory\n");
		return EXIT_RUNTIME;
	}
	if (get_layers(ls)) {
		free(ls);
		return EXIT_RUNTIME;
	}
	if (ctl->json) {
		json_init(&w, stdout);
		if (!which)
			json_array_begin(&w);
	}
	for (i = 0; i < ls->n; i++) {
		char id[16];

		snprintf(id, sizeof(id), "%u", ls->l[i].id);
		if (which && strcmp(which, ls->l[i].name) && strcmp(which, id))
			continue;
		if (ctl->json)
			print_json(&w, &ls->l[i]);
		else
			print_text(&ls->l[i]);
		shown++;
	}
	if (ctl->json) {
		if (!which)
			json_array_end(&w);
		if (shown || !which)
			ret = json_finish(&w) ? EXIT_RUNTIME : EXIT_OK;
	}
	if (which && !shown) {
		fprintf(stderr, PROG_NAME ": no layer \"%s\" (see '" PROG_NAME
			" layer list')\n", which);
		ret = EXIT_RUNTIME;
	}
	free(ls);
	return ret;
}

int cmd_layer(const struct nfwfpctl *ctl, int argc, char *argv[])
{
	if (argc == 0 || (!strcmp(argv[0], "list") && argc == 1))
		return layer_print(ctl, NULL);
	if (!strcmp(argv[0], "show") && argc == 2)
		return layer_print(ctl, argv[1]);
	usage_error("usage: layer list | layer show NAME|ID");
	return EXIT_USAGE;
}
