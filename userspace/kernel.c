// SPDX-License-Identifier: GPL-2.0
/*
 * Talking to nfwfp.ko. Every subcommand connects and reports failures
 * through these two functions, so the messages for the common cases (module
 * missing, caller not privileged) are worded once and the same everywhere.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <uapi/nfwfp.h>

#include "nfwfpctl.h"

/**
 * nfwfp_connect() - open a socket to the nfwfp generic netlink family
 * @g: the socket; genl_close() it when done
 *
 * Prints why on failure.
 *
 * Return: 0 or a negative errno.
 */
int nfwfp_connect(struct genl_sock *g)
{
	int ret = genl_open(g, NFWFP_GENL_NAME);

	if (ret == -ENOENT)
		fprintf(stderr, PROG_NAME ": the nfwfp module is not loaded "
			"(generic netlink family \"%s\" not found)\n",
			NFWFP_GENL_NAME);
	else if (ret)
		fprintf(stderr, PROG_NAME ": cannot talk to the kernel: %s\n",
			strerror(-ret));
	return ret;
}

static void report_error(const struct genl_sock *g, const char *what, int err)
{
	const struct genl_ext_ack *ea = &g->ext_ack;

	/*
	 * GENL_ADMIN_PERM is checked with netlink_capable(), i.e. against the
	 * initial user namespace: root in a container gets EPERM too, and
	 * "Operation not permitted" alone would not tell them why.
	 */
	if (err == -EPERM) {
		fprintf(stderr, PROG_NAME ": permission denied: CAP_NET_ADMIN "
			"in the initial user namespace is required\n");
		return;
	}

	fprintf(stderr, PROG_NAME ": %s: %s", what, strerror(-err));
	if (ea->msg[0])
		fprintf(stderr, ": %s", ea->msg);
	if (ea->attr_type >= 0)
		fprintf(stderr, " (attribute %d at offset %u)", ea->attr_type,
			ea->offset);
	else if (ea->has_offset)
		fprintf(stderr, " (at offset %u)", ea->offset);
	if (ea->has_miss_type)
		fprintf(stderr, " (missing attribute %u)", ea->miss_type);
	fputc('\n', stderr);
}

/**
 * nfwfp_request() - genl_request() that explains failures to the user
 * @g: a socket from nfwfp_connect()
 * @nlh: the request
 * @cb: reply callback, see genl_request()
 * @data: passed to @cb
 * @what: what the request does, for messages ("get module info")
 *
 * Prints the error, with the kernel's extended ack, on failure, and the
 * kernel's warning, if it sent one, on success.
 *
 * Return: 0 or a negative errno.
 */
int nfwfp_request(struct genl_sock *g, struct nlmsghdr *nlh, mnl_cb_t cb,
		  void *data, const char *what)
{
	int ret = genl_request(g, nlh, cb, data);

	if (ret)
		report_error(g, what, ret);
	else if (g->ext_ack.msg[0])
		fprintf(stderr, PROG_NAME ": warning: %s: %s\n", what,
			g->ext_ack.msg);
	return ret;
}
