// SPDX-License-Identifier: GPL-2.0
/*
 * nfwfpctl -f FILE: apply a file of commands as one transaction, like
 * nft -f (batchfile.c reads it).
 *
 * Every line goes out on one socket between NFWFP_CMD_TXN_BEGIN and
 * NFWFP_CMD_TXN_COMMIT, as it is read: the first line that fails aborts the
 * transaction and nothing the file did stays. If nfwfpctl dies mid-file the
 * socket closes, and the kernel aborts the transaction itself.
 *
 * config set lines are the exception: limits and the mark mask are not
 * transactional (the kernel refuses SET_CONFIG on a socket with a
 * transaction open), so their values are gathered and set in one request,
 * on a socket of their own, after the last line and just before the
 * commit. Refused, they abort the transaction; if the commit then fails,
 * the old values are set back. stats reset is refused in a file.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nfwfpctl.h"

static int txn(struct nfwfpctl *ctl, uint8_t cmd, const char *what)
{
	char buf[GENL_MSG_SIZE];

	return ctl_request(ctl, ctl_msg(buf, cmd, 0), NULL, NULL, what);
}

/*
 * Set the values the file's config set lines gave; @old receives what
 * they replace, to set back if the commit fails.
 */
static int batch_config(struct nfwfpctl *ctl, struct config_req *old)
{
	int ret;

	old->c.have = 0;
	if (!ctl->config.c.have)
		return 0;
	nfwfpctl_where = ctl->config_where;
	ret = config_get(old);
	if (!ret)
		ret = config_apply(&ctl->config, "set configuration");
	old->c.have = ret ? 0 : old->c.have & ctl->config.c.have;
	return ret;
}

static void batch_config_undo(const struct config_req *old)
{
	if (old->c.have && config_apply(old, "set the configuration back"))
		ctl_error("the configuration was changed and could not be set back");
}

/*
 * Test hook, not documented: NFWFPCTL_TEST_HOLD set makes nfwfpctl keep
 * the socket open after the commit until its standard input ends, so a
 * test can see dynamic objects live and then gone.
 */
static void test_hold(void)
{
	char b[64];

	if (!getenv("NFWFPCTL_TEST_HOLD"))
		return;
	fprintf(stderr, PROG_NAME ": committed, holding\n");
	while (fread(b, 1, sizeof(b), stdin) > 0)
		;
}

/**
 * batch_run() - apply the commands of @path, all or nothing
 * @ctl: the context
 * @path: the file, or "-" for standard input
 *
 * Return: an exit status; on failure nothing was changed.
 */
int batch_run(struct nfwfpctl *ctl, const char *path)
{
	FILE *f = strcmp(path, "-") ? fopen(path, "r") : stdin;
	struct config_req old = { 0 };
	unsigned int lineno;
	struct genl_sock *g;
	int ret;

	if (!f) {
		ctl_error("%s: %s", path, strerror(errno));
		return EXIT_RUNTIME;
	}
	if (ctl_sock(ctl, &g)) {
		ret = EXIT_RUNTIME;
		goto out;
	}
	ctl->g = g;
	ret = txn(ctl, NFWFP_CMD_TXN_BEGIN, "begin transaction");
	if (ret) {
		ret = EXIT_RUNTIME;
		goto close;
	}
	ret = batch_lines(ctl, f, path, run_toplevel, &lineno);
	if (!ret && batch_config(ctl, &old))
		ret = EXIT_RUNTIME;
	nfwfpctl_where = path;
	if (ret) {
		/* Errors of the abort itself add nothing for the user. */
		txn(ctl, NFWFP_CMD_TXN_ABORT, "abort transaction");
		ctl_error("nothing was changed");
	} else if (txn(ctl, NFWFP_CMD_TXN_COMMIT, "commit transaction")) {
		batch_config_undo(&old);
		ret = EXIT_RUNTIME;
	} else {
		test_hold();
	}
close:
	ctl->g = NULL;
	ctl_sock_done(ctl, g);
out:
	nfwfpctl_where = NULL;
	if (f != stdin)
		fclose(f);
	nf_vec_free(&ctl->names);
	return ret;
}
