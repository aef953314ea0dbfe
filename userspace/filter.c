// SPDX-License-Identifier: GPL-2.0
/*
 * nfwfpctl filter list [layer L] [sublayer S] | show ID|KEY | add ... |
 * delete ID|KEY | flush [layer L] [sublayer S].
 */
#include <stdio.h>
#include <string.h>

#include "args.h"
#include "nfwfpctl.h"
#include "parse.h"
#include "print.h"

static int parse_one(const struct nlmsghdr *nlh, void *obj)
{
	return nf_parse_filter(nlh, obj);
}

/*
 * "layer L" and "sublayer S" select filters for list and flush; they go to
 * the kernel as the dump's (or flush's) LAYER and SUBLAYER attributes.
 */
static int put_selectors(struct nfwfpctl *ctl, struct nlmsghdr *nlh,
			 int argc, char *argv[])
{
	const struct nf_layers *ls;
	const struct nf_layer *l;
	uint8_t key[GUID_LEN];
	bool have_layer = false, have_sublayer = false;
	struct nlattr *a;
	int i, ret;

	for (i = 0; i + 1 < argc; i += 2) {
		a = mnl_nlmsg_get_payload_tail(nlh);
		if (!strcmp(argv[i], "layer") && !have_layer) {
			if (ctl_layers(ctl, &ls))
				return EXIT_RUNTIME;
			l = nf_layer_by_name(ls, argv[i + 1]);
			if (!l) {
				usage_error("layer: no layer \"%s\"", argv[i + 1]);
				return EXIT_USAGE;
			}
			mnl_attr_put_u16(nlh, NFWFP_FILTER_A_LAYER,
					 (uint16_t)l->id);
			have_layer = true;
		} else if (!strcmp(argv[i], "sublayer") && !have_sublayer) {
			ret = resolve_sublayer(ctl, argv[i + 1], key);
			if (ret)
				return ret;
			mnl_attr_put(nlh, NFWFP_FILTER_A_SUBLAYER, GUID_LEN, key);
			have_sublayer = true;
		} else {
			break;
		}
		argmap_add(nlh, a, argv[i], argv[i + 1]);
	}
	if (i != argc) {
		usage_error("expected [layer LAYER] [sublayer SUBLAYER], not \"%s\"",
			    argv[i]);
		return EXIT_USAGE;
	}
	return EXIT_OK;
}

static bool selected(const struct nf_filter *f, const char *which)
{
	uint8_t key[GUID_LEN];
	uint64_t id;

	if (!which)
		return true;
	if (!guid_parse(which, key))
		return !memcmp(key, f->key, GUID_LEN);
	return !parse_u64(which, &id) && id == f->id;
}

static int filter_print(struct nfwfpctl *ctl, const char *which, int argc,
			char *argv[])
{
	struct nf_vec v = { .size = sizeof(struct nf_filter) };
	const struct nf_layers *ls;
	const struct nf_filter *f;
	char buf[GENL_MSG_SIZE];
	struct json_writer w;
	struct nlmsghdr *nlh;
	size_t i, shown = 0;
	int ret;

	if (ctl_layers(ctl, &ls))
		return EXIT_RUNTIME;
	nlh = ctl_msg(buf, NFWFP_CMD_GET_FILTER, NLM_F_DUMP);
	ret = put_selectors(ctl, nlh, argc, argv);
	if (ret)
		return ret;
	if (ctl_dump(ctl, NFWFP_CMD_GET_FILTER, nlh, &v, parse_one,
		     "list filters"))
		return EXIT_RUNTIME;
	json_init(&w, stdout);
	if (ctl->json && !which)
		json_array_begin(&w);
	f = v.v;
	for (i = 0; i < v.n && !(which && shown); i++) {
		if (!selected(&f[i], which))
			continue;
		if (ctl->json)
			print_filter_json(&w, ls, &f[i]);
		else
			print_filter_text(stdout, ls, &f[i], NULL);
		shown++;
	}
	nf_vec_free(&v);
	if (which && !shown) {
		ctl_error("no filter \"%s\" (see '" PROG_NAME " filter list')",
			  which);
		return EXIT_NOTFOUND;
	}
	if (ctl->json) {
		if (!which)
			json_array_end(&w);
		return json_finish(&w) ? EXIT_RUNTIME : EXIT_OK;
	}
	return EXIT_OK;
}

/* Put attribute @attr with the words that gave it, for error messages. */
#define PUT(put, attr, ...) do {					\
	struct nlattr *__a = mnl_nlmsg_get_payload_tail(nlh);		\
	put(nlh, attr, __VA_ARGS__);					\
	argmap_add(nlh, __a, fa->arg[attr], fa->val[attr]);		\
} while (0)

static void put_cond(struct nlmsghdr *nlh, const struct nf_cond *c)
{
	mnl_attr_put_u16(nlh, NFWFP_COND_A_FIELD, (uint16_t)c->field);
	mnl_attr_put_u8(nlh, NFWFP_COND_A_MATCH, (uint8_t)c->match);
	if (c->addr_len) {
		mnl_attr_put(nlh, NFWFP_COND_A_ADDR, c->addr_len, c->addr);
		if (c->has_hi)
			mnl_attr_put(nlh, NFWFP_COND_A_ADDR_HI, c->addr_len,
				     c->addr_hi);
		if (c->has_prefix)
			mnl_attr_put_u8(nlh, NFWFP_COND_A_PREFIX,
					(uint8_t)c->prefix);
		return;
	}
	mnl_attr_put_u64(nlh, NFWFP_COND_A_VALUE, c->value);
	if (c->has_hi)
		mnl_attr_put_u64(nlh, NFWFP_COND_A_VALUE_HI, c->value_hi);
}

static void put_filter(struct nlmsghdr *nlh, const struct filter_args *fa)
{
	const struct nf_filter *f = &fa->f;
	struct nlattr *conds, *cond;
	unsigned int i;

	PUT(mnl_attr_put_strz, NFWFP_FILTER_A_NAME, f->name);
	PUT(mnl_attr_put_u16, NFWFP_FILTER_A_LAYER, (uint16_t)f->layer);
	if (f->has_key)
		PUT(mnl_attr_put, NFWFP_FILTER_A_KEY, GUID_LEN, f->key);
	if (f->has_sublayer)
		PUT(mnl_attr_put, NFWFP_FILTER_A_SUBLAYER, GUID_LEN,
		    f->sublayer);
	if (f->has_weight)
		PUT(mnl_attr_put_u64, NFWFP_FILTER_A_WEIGHT, f->weight);
	if (f->has_weight_range)
		PUT(mnl_attr_put_u8, NFWFP_FILTER_A_WEIGHT_RANGE,
		    (uint8_t)f->weight_range);
	PUT(mnl_attr_put_u8, NFWFP_FILTER_A_ACTION, (uint8_t)f->action);
	if (f->has_callout)
		PUT(mnl_attr_put, NFWFP_FILTER_A_CALLOUT, GUID_LEN, f->callout);
	if (f->flags)
		PUT(mnl_attr_put_u32, NFWFP_FILTER_A_FLAGS, f->flags);
	if (f->has_context)
		PUT(mnl_attr_put_u64, NFWFP_FILTER_A_CONTEXT, f->context);
	if (!f->nconds)
		return;
	conds = mnl_attr_nest_start(nlh, NFWFP_FILTER_A_CONDS);
	for (i = 0; i < f->nconds; i++) {
		cond = mnl_attr_nest_start(nlh, NFWFP_FILTER_A_COND);
		put_cond(nlh, &f->conds[i]);
		mnl_attr_nest_end(nlh, cond);
		argmap_add(nlh, cond, fa->cond_arg[i], fa->cond_val[i]);
	}
	mnl_attr_nest_end(nlh, conds);
}

/*
 * A terminating callout filter whose callout no driver registered blocks
 * what it matches (unless permit-if-callout-unregistered): a filter with
 * no condition would cut the machine off, so it takes --force.
 */
static int check_callout(struct nfwfpctl *ctl, struct filter_args *fa)
{
	const struct nf_filter *f = &fa->f;
	struct nf_callout c;
	int ret;

	if (!f->has_callout)
		return EXIT_OK;
	ret = resolve_callout(ctl, fa->callout_ref, &c);
	if (ret)
		return ret;
	memcpy(fa->f.callout, c.key, GUID_LEN);
	if (f->action == NFWFP_ACTION_CALLOUT_INSPECTION ||
	    (c.flags & NFWFP_OBJ_F_REGISTERED) ||
	    (f->flags & NFWFP_FILTER_F_PERMIT_IF_CALLOUT_UNREGISTERED))
		return EXIT_OK;
	if (!f->nconds && !ctl->force) {
		ctl_error("callout \"%s\" is not registered: this filter would "
			  "block all traffic at its layer; add conditions, "
			  "permit-if-callout-unregistered, or use --force",
			  fa->callout_ref);
		return EXIT_USAGE;
	}
	ctl_warn("callout \"%s\" is not registered: the filter blocks what it "
		 "matches until a driver registers it", fa->callout_ref);
	return EXIT_OK;
}

static int add_reply_cb(const struct nlmsghdr *nlh, void *data)
{
	return nf_parse_filter(nlh, data) ? MNL_CB_ERROR : MNL_CB_OK;
}

static int filter_add(struct nfwfpctl *ctl, int argc, char *argv[])
{
	char buf[GENL_MSG_SIZE], err[ARGS_ERR_LEN];
	static struct filter_args fa;
	static struct nf_filter reply;
	const struct nf_layers *ls;
	struct json_writer w;
	struct nlmsghdr *nlh;
	int ret;

	if (ctl_layers(ctl, &ls))
		return EXIT_RUNTIME;
	if (filter_args_parse(ls, argc, argv, &fa, err, sizeof(err))) {
		usage_error("%s", err);
		return EXIT_USAGE;
	}
	if (fa.sublayer_ref) {
		ret = resolve_sublayer(ctl, fa.sublayer_ref, fa.f.sublayer);
		if (ret)
			return ret;
	}
	ret = check_callout(ctl, &fa);
	if (ret)
		return ret;
	nlh = ctl_msg(buf, NFWFP_CMD_NEW_FILTER, 0);
	put_filter(nlh, &fa);
	ret = ctl_request(ctl, nlh, add_reply_cb, &reply, "add filter");
	if (ret)
		return exit_status(ret);
	if (!ctl->json)
		return EXIT_OK;
	json_init(&w, stdout);
	json_object_begin(&w);
	json_member_u64(&w, "id", reply.id);
	if (reply.has_key) {
		char key[GUID_STRLEN];

		guid_format(reply.key, key, sizeof(key));
		json_member_string(&w, "key", key);
	}
	json_member_u64(&w, "weight", reply.effective_weight);
	json_object_end(&w);
	return json_finish(&w) ? EXIT_RUNTIME : EXIT_OK;
}

static int filter_delete(struct nfwfpctl *ctl, const char *ref)
{
	char buf[GENL_MSG_SIZE];
	uint8_t key[GUID_LEN];
	struct nlmsghdr *nlh;
	struct nlattr *a;
	uint64_t id;

	nlh = ctl_msg(buf, NFWFP_CMD_DEL_FILTER, 0);
	a = mnl_nlmsg_get_payload_tail(nlh);
	if (!guid_parse(ref, key)) {
		mnl_attr_put(nlh, NFWFP_FILTER_A_KEY, GUID_LEN, key);
	} else if (!parse_u64(ref, &id)) {
		mnl_attr_put_u64(nlh, NFWFP_FILTER_A_ID, id);
	} else {
		usage_error("filter delete: \"%s\" is neither a filter id nor a key",
			    ref);
		return EXIT_USAGE;
	}
	argmap_add(nlh, a, "filter", ref);
	return exit_status(ctl_request(ctl, nlh, NULL, NULL, "delete filter"));
}

static int filter_flush(struct nfwfpctl *ctl, int argc, char *argv[])
{
	char buf[GENL_MSG_SIZE];
	struct nlmsghdr *nlh;
	int ret;

	nlh = ctl_msg(buf, NFWFP_CMD_FLUSH_FILTER, 0);
	ret = put_selectors(ctl, nlh, argc, argv);
	if (ret)
		return ret;
	return exit_status(ctl_request(ctl, nlh, NULL, NULL, "flush filters"));
}

int cmd_filter(struct nfwfpctl *ctl, int argc, char *argv[])
{
	const char *sub = argc ? argv[0] : "list";

	if (!strcmp(sub, "list"))
		return filter_print(ctl, NULL, argc ? argc - 1 : 0, argv + 1);
	if (!strcmp(sub, "show") && argc == 2)
		return filter_print(ctl, argv[1], 0, NULL);
	if (!strcmp(sub, "add"))
		return filter_add(ctl, argc - 1, argv + 1);
	if (!strcmp(sub, "delete") && argc == 2)
		return filter_delete(ctl, argv[1]);
	if (!strcmp(sub, "flush"))
		return filter_flush(ctl, argc - 1, argv + 1);
	usage_error("usage: filter list [layer L] [sublayer S] | show ID|KEY | add ... | delete ID|KEY | flush [layer L] [sublayer S]");
	return EXIT_USAGE;
}
