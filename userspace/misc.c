// SPDX-License-Identifier: GPL-2.0
/*
 * nfwfpctl handle list, stats [show] | reset, config show | set KEY VALUE...
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "nfwfpctl.h"
#include "parse.h"
#include "print.h"

static int parse_handle(const struct nlmsghdr *nlh, void *obj)
{
	return nf_parse_handle(nlh, obj);
}

static int handle_list(struct nfwfpctl *ctl)
{
	struct nf_vec v = { .size = sizeof(struct nf_handle) };
	const struct nf_handle *h;
	struct json_writer w;
	size_t i;

	if (ctl_dump(ctl, NFWFP_CMD_GET_HANDLE, NULL, &v, parse_handle,
		     "list injection handles"))
		return EXIT_RUNTIME;
	json_init(&w, stdout);
	if (ctl->json)
		json_array_begin(&w);
	h = v.v;
	for (i = 0; i < v.n; i++) {
		if (ctl->json)
			print_handle_json(&w, &h[i]);
		else
			print_handle_text(stdout, &h[i]);
	}
	nf_vec_free(&v);
	if (!ctl->json)
		return EXIT_OK;
	json_array_end(&w);
	return json_finish(&w) ? EXIT_RUNTIME : EXIT_OK;
	return EXIT_OK;
}

int cmd_handle(struct nfwfpctl *ctl, int argc, char *argv[])
{
	if (argc == 0 || (argc == 1 && !strcmp(argv[0], "list")))
		return handle_list(ctl);
	usage_error("usage: handle list");
	return EXIT_USAGE;
}

static int stats_cb(const struct nlmsghdr *nlh, void *data)
{
	return nf_parse_stats(nlh, data) ? MNL_CB_ERROR : MNL_CB_OK;
}

static int stats_show(struct nfwfpctl *ctl)
{
	struct nf_vec v = { .size = sizeof(struct nf_counter) };
	const struct nf_counter *c;
	char buf[GENL_MSG_SIZE];
	struct json_writer w;
	size_t i;

	if (ctl_request(ctl, ctl_msg(buf, NFWFP_CMD_GET_STATS, 0), stats_cb,
			&v, "get statistics"))
		return EXIT_RUNTIME;
	c = v.v;
	if (ctl->json) {
		json_init(&w, stdout);
		print_stats_json(&w, c, v.n);
		nf_vec_free(&v);
		return json_finish(&w) ? EXIT_RUNTIME : EXIT_OK;
	}
	for (i = 0; i < v.n; i++)
		printf("%s %" PRIu64 "\n", c[i].name, c[i].value);
	nf_vec_free(&v);
	return EXIT_OK;
}

int cmd_stats(struct nfwfpctl *ctl, int argc, char *argv[])
{
	char buf[GENL_MSG_SIZE];

	if (argc == 0 || (argc == 1 && !strcmp(argv[0], "show")))
		return stats_show(ctl);
	if (argc == 1 && !strcmp(argv[0], "reset"))
		return exit_status(ctl_request(ctl, ctl_msg(buf,
					NFWFP_CMD_RESET_STATS, 0), NULL, NULL,
					"reset statistics"));
	usage_error("usage: stats [show] | stats reset");
	return EXIT_USAGE;
}

static int config_cb(const struct nlmsghdr *nlh, void *data)
{
	return nf_parse_config(nlh, data) ? MNL_CB_ERROR : MNL_CB_OK;
}

static int config_show(struct nfwfpctl *ctl)
{
	struct nf_config c;
	char buf[GENL_MSG_SIZE];
	struct json_writer w;

	memset(&c, 0, sizeof(c));
	if (ctl_request(ctl, ctl_msg(buf, NFWFP_CMD_GET_CONFIG, 0), config_cb,
			&c, "get configuration"))
		return EXIT_RUNTIME;
	if (!ctl->json) {
		print_config_text(stdout, &c);
		return EXIT_OK;
	}
	json_init(&w, stdout);
	print_config_json(&w, &c);
	return json_finish(&w) ? EXIT_RUNTIME : EXIT_OK;
}

/* The UAPI's widths: the budget is a u8, the rest u32. */
static int config_set(struct nfwfpctl *ctl, int argc, char *argv[])
{
	char buf[GENL_MSG_SIZE];
	struct nlmsghdr *nlh;
	uint32_t seen = 0;
	struct nlattr *a;
	uint64_t v;
	int i, attr;

	if (argc == 0 || argc % 2) {
		usage_error("usage: config set KEY VALUE [KEY VALUE]...");
		return EXIT_USAGE;
	}
	nlh = ctl_msg(buf, NFWFP_CMD_SET_CONFIG, 0);
	for (i = 0; i < argc; i += 2) {
		attr = config_attr(argv[i]);
		if (attr < 0 || seen & 1u << attr) {
			usage_error("config set: unknown or repeated key \"%s\"",
				    argv[i]);
			return EXIT_USAGE;
		}
		seen |= 1u << attr;
		if (parse_uint(argv[i + 1], attr == NFWFP_CONFIG_A_INJECT_BUDGET ?
			       UINT8_MAX : UINT32_MAX, &v)) {
			usage_error("%s: \"%s\" is not a number that fits",
				    argv[i], argv[i + 1]);
			return EXIT_USAGE;
		}
		a = mnl_nlmsg_get_payload_tail(nlh);
		if (attr == NFWFP_CONFIG_A_INJECT_BUDGET)
			mnl_attr_put_u8(nlh, (uint16_t)attr, (uint8_t)v);
		else
			mnl_attr_put_u32(nlh, (uint16_t)attr, (uint32_t)v);
		argmap_add(nlh, a, argv[i], argv[i + 1]);
	}
	return exit_status(ctl_request(ctl, nlh, NULL, NULL,
				       "set configuration"));
}

int cmd_config(struct nfwfpctl *ctl, int argc, char *argv[])
{
	if (argc == 0 || (argc == 1 && !strcmp(argv[0], "show")))
		return config_show(ctl);
	if (!strcmp(argv[0], "set"))
		return config_set(ctl, argc - 1, argv + 1);
	usage_error("usage: config show | config set KEY VALUE...");
	return EXIT_USAGE;
}
