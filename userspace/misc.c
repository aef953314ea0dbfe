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
	if (argc == 1 && !strcmp(argv[0], "reset") && ctl->g) {
		/* An abort could not undo it; the kernel would refuse it. */
		usage_error("stats reset is not transactional; run it outside -f");
		return EXIT_USAGE;
	}
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
static int config_parse(int argc, char *argv[], struct config_req *r)
{
	uint64_t v;
	int i, attr;

	if (argc == 0 || argc % 2) {
		usage_error("usage: config set KEY VALUE [KEY VALUE]...");
		return EXIT_USAGE;
	}
	for (i = 0; i < argc; i += 2) {
		attr = config_attr(argv[i]);
		if (attr < 0 || r->c.have & 1u << attr) {
			usage_error("config set: unknown or repeated key \"%s\"",
				    argv[i]);
			return EXIT_USAGE;
		}
		if (parse_uint(argv[i + 1], attr == NFWFP_CONFIG_A_INJECT_BUDGET ?
			       UINT8_MAX : UINT32_MAX, &v)) {
			usage_error("%s: \"%s\" is not a number that fits",
				    argv[i], argv[i + 1]);
			return EXIT_USAGE;
		}
		r->c.have |= 1u << attr;
		r->c.v[attr] = v;
		snprintf(r->word[attr], sizeof(r->word[attr]), "%s", argv[i + 1]);
	}
	return EXIT_OK;
}

/* A SET_CONFIG request for the values @r has; errors name their words. */
static struct nlmsghdr *config_msg(void *buf, const struct config_req *r)
{
	struct nlmsghdr *nlh = ctl_msg(buf, NFWFP_CMD_SET_CONFIG, 0);
	struct nlattr *a;
	uint16_t i;

	for (i = 1; i <= NFWFP_CONFIG_A_MAX; i++) {
		if (!(r->c.have & 1u << i))
			continue;
		a = mnl_nlmsg_get_payload_tail(nlh);
		if (i == NFWFP_CONFIG_A_INJECT_BUDGET)
			mnl_attr_put_u8(nlh, i, (uint8_t)r->c.v[i]);
		else
			mnl_attr_put_u32(nlh, i, (uint32_t)r->c.v[i]);
		argmap_add(nlh, a, config_name(i), r->word[i]);
	}
	return nlh;
}

/*
 * In an -f file the values are gathered (a later line wins) and batch.c
 * sets them at the commit: the kernel refuses SET_CONFIG on the socket
 * that holds the transaction, since an abort could not undo it.
 */
static int config_set(struct nfwfpctl *ctl, int argc, char *argv[])
{
	struct config_req r = { 0 };
	char buf[GENL_MSG_SIZE];
	unsigned int i;
	int ret = config_parse(argc, argv, &r);

	if (ret)
		return ret;
	if (ctl->g) {
		for (i = 1; i <= NFWFP_CONFIG_A_MAX; i++) {
			if (!(r.c.have & 1u << i))
				continue;
			ctl->config.c.v[i] = r.c.v[i];
			memcpy(ctl->config.word[i], r.word[i], sizeof(r.word[i]));
		}
		ctl->config.c.have |= r.c.have;
		snprintf(ctl->config_where, sizeof(ctl->config_where), "%s",
			 nfwfpctl_where ? nfwfpctl_where : "");
		return EXIT_OK;
	}
	return exit_status(ctl_request(ctl, config_msg(buf, &r), NULL, NULL,
				       "set configuration"));
}

/* A request on a socket of its own, outside any transaction. */
static int request_alone(struct nlmsghdr *nlh, mnl_cb_t cb, void *data,
			 const char *what)
{
	struct genl_sock g;
	int ret = nfwfp_connect(&g);

	if (ret)
		return ret;
	nlh->nlmsg_type = g.family_id;
	ret = nfwfp_request(&g, nlh, cb, data, what);
	genl_close(&g);
	return ret;
}

/**
 * config_apply() - set the values @r has, outside any transaction
 * @r: the values
 * @what: for messages
 *
 * Return: 0 or a negative errno (printed).
 */
int config_apply(const struct config_req *r, const char *what)
{
	char buf[GENL_MSG_SIZE];

	return request_alone(config_msg(buf, r), NULL, NULL, what);
}

/**
 * config_get() - the kernel's current values
 * @r: receives them, with their words as config show prints them
 *
 * Return: 0 or a negative errno (printed).
 */
int config_get(struct config_req *r)
{
	char buf[GENL_MSG_SIZE];
	unsigned int i;
	int ret;

	memset(r, 0, sizeof(*r));
	ret = request_alone(ctl_msg(buf, NFWFP_CMD_GET_CONFIG, 0), config_cb,
			    &r->c, "get configuration");
	for (i = 1; !ret && i <= NFWFP_CONFIG_A_MAX; i++)
		snprintf(r->word[i], sizeof(r->word[i]), "%" PRIu64, r->c.v[i]);
	return ret;
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
