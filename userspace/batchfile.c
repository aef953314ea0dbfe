// SPDX-License-Identifier: GPL-2.0
/*
 * Reading the commands of an nfwfpctl -f file; batch.c runs them in a
 * transaction. Each line is a command as it would follow "nfwfpctl" on the
 * command line ("filter add layer ..."); '#' starts a comment; words may be
 * quoted as a shell quotes them ("a name", 'a name', \" inside "...").
 * Lines are read and run one at a time, so a file can be a FIFO.
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

/**
 * batch_lines() - run each command of an -f file, until one fails
 * @ctl: the context, handed to @run
 * @f: the file
 * @path: its name, for messages ("FILE:LINE: ...")
 * @run: runs one command's words; returns an exit status
 * @lineno: set to the number of the last line read
 *
 * Return: EXIT_OK, or the exit status of the line that failed.
 */
int batch_lines(struct nfwfpctl *ctl, FILE *f, const char *path,
		int (*run)(struct nfwfpctl *ctl, int argc, char *argv[]),
		unsigned int *lineno)
{
	static char where[512];
	char *argv[BATCH_MAX_WORDS];
	const char *err = NULL;
	char *line = NULL;
	size_t cap = 0;
	int argc, ret = EXIT_OK;

	*lineno = 0;
	while (getline(&line, &cap, f) >= 0) {
		++*lineno;
		snprintf(where, sizeof(where), "%s:%u", path, *lineno);
		nfwfpctl_where = where;
		argc = batch_split(line, argv, BATCH_MAX_WORDS, &err);
		if (argc < 0) {
			usage_error("%s", err);
			ret = EXIT_USAGE;
			break;
		}
		if (argc == 0)
			continue;
		ret = run(ctl, argc, argv);
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

