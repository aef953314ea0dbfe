// SPDX-License-Identifier: GPL-2.0
/*
 * nfwfpctl callout list | show KEY|NAME | add ... | delete KEY|NAME|ID:
 * callout objects (FwpmCalloutAdd0's) and drivers' registrations
 * (FwpsCalloutRegister's), which the kernel dumps together.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "args.h"
#include "nfwfpctl.h"
#include "parse.h"
#include "print.h"

static int parse_one(const struct nlmsghdr *nlh, void *obj)
{
	return nf_parse_callout(nlh, obj);
}

static size_t count_named(const struct nf_callout *c, size_t n,
			  const char *name)
{
	size_t i, found = 0;

	for (i = 0; i < n; i++)
		found += !strcmp(c[i].name, name);
	return found;
}

/* Every callout, or the one @which names (key, unique name, or id). */
static int callout_print(struct nfwfpctl *ctl, const char *which)
{
	struct nf_vec v = { .size = sizeof(struct nf_callout) };
	const struct nf_layers *ls;
	const struct nf_callout *c;
	struct json_writer w;
	uint8_t key[GUID_LEN];
	bool by_key = which && !guid_parse(which, key);
	size_t i, shown = 0;
	char id[16];
	int ret;

	if (ctl_layers(ctl, &ls) ||
	    ctl_dump(ctl, NFWFP_CMD_GET_CALLOUT, NULL, &v, parse_one,
		     "list callouts"))
		return EXIT_RUNTIME;
	c = v.v;
	if (which && !by_key && count_named(c, v.n, which) > 1) {
		ctl_error("%zu callouts are named \"%s\": name it by its key",
			  count_named(c, v.n, which), which);
		nf_vec_free(&v);
		return EXIT_USAGE;
	}
	json_init(&w, stdout);
	if (ctl->json && !which)
		json_array_begin(&w);
	for (i = 0; i < v.n; i++) {
		snprintf(id, sizeof(id), "%u", c[i].id);
		if (which && (by_key ? memcmp(key, c[i].key, GUID_LEN) :
			      strcmp(which, c[i].name) && strcmp(which, id)))
			continue;
		if (which && shown)
			break;
		if (ctl->json)
			print_callout_json(&w, ls, &c[i]);
		else
			print_callout_text(stdout, ls, &c[i], NULL);
		shown++;
	}
	nf_vec_free(&v);
	ret = EXIT_OK;
	if (which && !shown) {
		ctl_error("no callout \"%s\" (see '" PROG_NAME " callout list')",
			  which);
		return EXIT_NOTFOUND;
	}
	if (ctl->json) {
		if (!which)
			json_array_end(&w);
		ret = json_finish(&w) ? EXIT_RUNTIME : EXIT_OK;
	}
	return ret;
}

static int callout_add(struct nfwfpctl *ctl, int argc, char *argv[])
{
	const struct nf_layers *ls;
	struct callout_args ca;
	char buf[GENL_MSG_SIZE], err[ARGS_ERR_LEN];
	struct nlmsghdr *nlh;
	struct nlattr *a;
	int ret;

	if (ctl_layers(ctl, &ls))
		return EXIT_RUNTIME;
	if (callout_args_parse(ls, argc, argv, &ca, err, sizeof(err))) {
		usage_error("%s", err);
		return EXIT_USAGE;
	}
	nlh = ctl_msg(buf, NFWFP_CMD_NEW_CALLOUT, 0);
	a = mnl_nlmsg_get_payload_tail(nlh);
	mnl_attr_put(nlh, NFWFP_CALLOUT_A_KEY, GUID_LEN, ca.c.key);
	argmap_add(nlh, a, "key", NULL);
	a = mnl_nlmsg_get_payload_tail(nlh);
	mnl_attr_put_strz(nlh, NFWFP_CALLOUT_A_NAME, ca.c.name);
	argmap_add(nlh, a, "name", ca.c.name);
	a = mnl_nlmsg_get_payload_tail(nlh);
	mnl_attr_put_u16(nlh, NFWFP_CALLOUT_A_LAYER, (uint16_t)ca.c.layer);
	argmap_add(nlh, a, "layer", NULL);
	if (ca.c.flags) {
		a = mnl_nlmsg_get_payload_tail(nlh);
		mnl_attr_put_u32(nlh, NFWFP_CALLOUT_A_FLAGS, ca.c.flags);
		argmap_add(nlh, a, "dynamic", NULL);
	}
	ret = ctl_request(ctl, nlh, NULL, NULL, "add callout");
	if (!ret)
		ctl_remember(ctl, true, ca.c.name, ca.c.key);
	return exit_status(ret);
}

static int callout_delete(struct nfwfpctl *ctl, const char *ref)
{
	char buf[GENL_MSG_SIZE];
	struct nf_callout c;
	struct nlmsghdr *nlh;
	struct nlattr *a;
	uint32_t id;
	int ret;

	nlh = ctl_msg(buf, NFWFP_CMD_DEL_CALLOUT, 0);
	a = mnl_nlmsg_get_payload_tail(nlh);
	if (!guid_parse(ref, c.key)) {
		mnl_attr_put(nlh, NFWFP_CALLOUT_A_KEY, GUID_LEN, c.key);
	} else if (!parse_u32(ref, &id)) {
		mnl_attr_put_u32(nlh, NFWFP_CALLOUT_A_ID, id);
	} else {
		ret = resolve_callout(ctl, ref, &c);
		if (ret)
			return ret;
		mnl_attr_put(nlh, NFWFP_CALLOUT_A_KEY, GUID_LEN, c.key);
	}
	argmap_add(nlh, a, "callout", ref);
	return exit_status(ctl_request(ctl, nlh, NULL, NULL, "delete callout"));
}

int cmd_callout(struct nfwfpctl *ctl, int argc, char *argv[])
{
	const char *sub = argc ? argv[0] : "list";

	if (!strcmp(sub, "list") && argc <= 1)
		return callout_print(ctl, NULL);
	if (!strcmp(sub, "show") && argc == 2)
		return callout_print(ctl, argv[1]);
	if (!strcmp(sub, "add"))
		return callout_add(ctl, argc - 1, argv + 1);
	if (!strcmp(sub, "delete") && argc == 2)
		return callout_delete(ctl, argv[1]);
	usage_error("usage: callout list | show KEY|NAME|ID | add key GUID name NAME layer LAYER [dynamic] | delete KEY|NAME|ID");
	return EXIT_USAGE;
}
