// SPDX-License-Identifier: GPL-2.0
/*
 * nfwfpctl sublayer list | show [KEY|NAME] | add ... | delete KEY|NAME.
 */
#include <stdio.h>
#include <string.h>

#include "args.h"
#include "nfwfpctl.h"
#include "print.h"

static int parse_one(const struct nlmsghdr *nlh, void *obj)
{
	return nf_parse_sublayer(nlh, obj);
}

static int sublayer_print(struct nfwfpctl *ctl, const char *which)
{
	struct nf_vec v = { .size = sizeof(struct nf_sublayer) };
	const struct nf_sublayer *s;
	struct json_writer w;
	uint8_t key[GUID_LEN];
	bool by_key = which && !guid_parse(which, key);
	size_t i, shown = 0;

	if (ctl_dump(ctl, NFWFP_CMD_GET_SUBLAYER, NULL, &v, parse_one,
		     "list sublayers"))
		return EXIT_RUNTIME;
	s = v.v;
	for (i = 0; which && !by_key && i < v.n; i++)
		shown += !strcmp(which, s[i].name);
	if (shown > 1) {
		ctl_error("%zu sublayers are named \"%s\": name it by its key",
			  shown, which);
		nf_vec_free(&v);
		return EXIT_USAGE;
	}
	shown = 0;
	json_init(&w, stdout);
	if (ctl->json && !which)
		json_array_begin(&w);
	for (i = 0; i < v.n && !(which && shown); i++) {
		if (which && (by_key ? memcmp(key, s[i].key, GUID_LEN) :
			      strcmp(which, s[i].name)))
			continue;
		if (ctl->json)
			print_sublayer_json(&w, &s[i]);
		else
			print_sublayer_text(stdout, &s[i], NULL);
		shown++;
	}
	nf_vec_free(&v);
	if (which && !shown) {
		ctl_error("no sublayer \"%s\" (see '" PROG_NAME
			  " sublayer list')", which);
		return EXIT_NOTFOUND;
	}
	if (ctl->json) {
		if (!which)
			json_array_end(&w);
		return json_finish(&w) ? EXIT_RUNTIME : EXIT_OK;
	}
	return EXIT_OK;
}

static int reply_cb(const struct nlmsghdr *nlh, void *data)
{
	struct nf_sublayer s;

	if (nf_parse_sublayer(nlh, &s))
		return MNL_CB_ERROR;
	memcpy(data, s.key, GUID_LEN);
	return MNL_CB_OK;
}

static int sublayer_add(struct nfwfpctl *ctl, int argc, char *argv[])
{
	char buf[GENL_MSG_SIZE], err[ARGS_ERR_LEN];
	struct sublayer_args sa;
	struct nlmsghdr *nlh;
	struct nlattr *a;
	int ret;

	if (sublayer_args_parse(argc, argv, &sa, err, sizeof(err))) {
		usage_error("%s", err);
		return EXIT_USAGE;
	}
	nlh = ctl_msg(buf, NFWFP_CMD_NEW_SUBLAYER, 0);
	if (sa.has_key) {
		a = mnl_nlmsg_get_payload_tail(nlh);
		mnl_attr_put(nlh, NFWFP_SUBLAYER_A_KEY, GUID_LEN, sa.s.key);
		argmap_add(nlh, a, "key", NULL);
	}
	a = mnl_nlmsg_get_payload_tail(nlh);
	mnl_attr_put_strz(nlh, NFWFP_SUBLAYER_A_NAME, sa.s.name);
	argmap_add(nlh, a, "name", sa.s.name);
	a = mnl_nlmsg_get_payload_tail(nlh);
	mnl_attr_put_u16(nlh, NFWFP_SUBLAYER_A_WEIGHT, (uint16_t)sa.s.weight);
	argmap_add(nlh, a, "weight", NULL);
	if (sa.s.flags) {
		a = mnl_nlmsg_get_payload_tail(nlh);
		mnl_attr_put_u32(nlh, NFWFP_SUBLAYER_A_FLAGS, sa.s.flags);
		argmap_add(nlh, a, "dynamic", NULL);
	}
	ret = ctl_request(ctl, nlh, reply_cb, sa.s.key, "add sublayer");
	if (!ret)
		ctl_remember(ctl, false, sa.s.name, sa.s.key);
	return exit_status(ret);
}

static int sublayer_delete(struct nfwfpctl *ctl, const char *ref)
{
	char buf[GENL_MSG_SIZE];
	uint8_t key[GUID_LEN];
	struct nlmsghdr *nlh;
	struct nlattr *a;
	int ret = resolve_sublayer(ctl, ref, key);

	if (ret)
		return ret;
	nlh = ctl_msg(buf, NFWFP_CMD_DEL_SUBLAYER, 0);
	a = mnl_nlmsg_get_payload_tail(nlh);
	mnl_attr_put(nlh, NFWFP_SUBLAYER_A_KEY, GUID_LEN, key);
	argmap_add(nlh, a, "sublayer", ref);
	return exit_status(ctl_request(ctl, nlh, NULL, NULL, "delete sublayer"));
}

int cmd_sublayer(struct nfwfpctl *ctl, int argc, char *argv[])
{
	const char *sub = argc ? argv[0] : "list";

	if ((!strcmp(sub, "list") || !strcmp(sub, "show")) && argc <= 1)
		return sublayer_print(ctl, NULL);
	if (!strcmp(sub, "show") && argc == 2)
		return sublayer_print(ctl, argv[1]);
	if (!strcmp(sub, "add"))
		return sublayer_add(ctl, argc - 1, argv + 1);
	if (!strcmp(sub, "delete") && argc == 2)
		return sublayer_delete(ctl, argv[1]);
	usage_error("usage: sublayer list | show [KEY|NAME] | add [key GUID] name NAME [weight N] [dynamic] | delete KEY|NAME");
	return EXIT_USAGE;
}
