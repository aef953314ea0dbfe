// SPDX-License-Identifier: GPL-2.0
/*
 * nfwfpctl -f FILE: apply a file of commands as one transaction, like
 * nft -f. Each line is a command as it would follow "nfwfpctl" on the
 * command line ("filter add layer ..."); '#' starts a comment; words may be
 * quoted as a shell quotes them ("a name", 'a name', \" inside "...").
 *
 * Every line goes out on one socket between NFWFP_CMD_TXN_BEGIN and
 * NFWFP_CMD_TXN_COMMIT, as it is read: the first line that fails aborts the
 * transaction and nothing the file did stays. If nfwfpctl dies mid-file the
 * socket closes, and the kernel aborts the transaction itself.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nfwfpctl.h"

/* Read one word starting at *p into itself; advance *p past it. */
static int split_word(char **p, char **word, const char **err)
{
	char *in = *p, *out = *p;
	char quote = 0;

	*word = out;
	for (; *in; in++) {
		if (quote == '\'') {
			if (*in == '\'')
				quote = 0;
			else
				*out++ = *in;
		} else if (quote == '"') {
			if (*in == '"')
				quote = 0;
			else if (*in == '\\' && in[1] && strchr("\"\\$`", in[1]))
				*out++ = *++in;
			else
				*out++ = *in;
		} else if (*in == '\'' || *in == '"') {
			quote = *in;
		} else if (*in == '\\' && in[1]) {
			*out++ = *++in;
		} else if (*in == ' ' || *in == '\t' || *in == '\n' ||
			   *in == '\r') {
			break;
		} else {
			*out++ = *in;
		}
	}
	if (quote) {
		*err = "unterminated quote";
		return -EINVAL;
	}
	*p = *in ? in + 1 : in;
	*out = '\0';
	return 0;
}

/**
 * batch_split() - split a line of an -f file into words, in place
 * @line: the line; modified
 * @argv: receives pointers into @line
 * @max: room in @argv
 * @err: set to the reason on failure
 *
 * Blanks separate words; a '#' at the start of a word starts a comment that
 * runs to the end of the line; quotes group, as in sh(1).
 *
 * Return: the number of words, or -EINVAL.
 */
int batch_split(char *line, char *argv[], int max, const char **err)
{
	char *p = line;
	int argc = 0;

	for (;;) {
		while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
			p++;
		if (!*p || *p == '#')
			return argc;
		if (argc == max) {
			*err = "too many words";
			return -EINVAL;
		}
		if (split_word(&p, &argv[argc], err))
			return -EINVAL;
		argc++;
	}
}

static int txn(struct nfwfpctl *ctl, uint8_t cmd, const char *what)
{
	char buf[GENL_MSG_SIZE];

	return ctl_request(ctl, ctl_msg(buf, cmd, 0), NULL, NULL, what);
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

static int run_lines(struct nfwfpctl *ctl, FILE *f, const char *path)
{
	static char where[512];
	char *argv[BATCH_MAX_WORDS];
	const char *err = NULL;
	unsigned int lineno = 0;
	char *line = NULL;
	size_t cap = 0;
	int argc, ret = EXIT_OK;

	while (getline(&line, &cap, f) >= 0) {
		lineno++;
		snprintf(where, sizeof(where), "%s:%u", path, lineno);
		nfwfpctl_where = where;
		argc = batch_split(line, argv, BATCH_MAX_WORDS, &err);
		if (argc < 0) {
			usage_error("%s", err);
			ret = EXIT_USAGE;
			break;
		}
		if (argc == 0)
			continue;
		ret = run_toplevel(ctl, argc, argv);
		if (ret)
			break;
	}
	if (!ret && ferror(f)) {
		ctl_error("reading: %s", strerror(errno));
		ret = EXIT_RUNTIME;
	}
	free(line);
	return ret;
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
	ret = run_lines(ctl, f, path);
	nfwfpctl_where = path;
	if (ret) {
		/* Errors of the abort itself add nothing for the user. */
		txn(ctl, NFWFP_CMD_TXN_ABORT, "abort transaction");
		ctl_error("nothing was changed");
	} else if (txn(ctl, NFWFP_CMD_TXN_COMMIT, "commit transaction")) {
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
