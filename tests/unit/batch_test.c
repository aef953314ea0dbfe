// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of userspace/batchfile.c: how a line of an -f file splits
 * into words, comments and quotes, and that a failing line stops the file
 * with its number in the message.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "layers_fake.h"
#include "nfwfpctl.h"
#include "unit.h"

static int split(const char *text, char *argv[], const char **e)
{
	static char line[512];

	snprintf(line, sizeof(line), "%s", text);
	return batch_split(line, argv, 16, e);
}

static void split_words(struct unit *u)
{
	char *argv[16];
	const char *e;

	EXPECT(u, split("filter add  layer\tx\n", argv, &e) == 4 &&
	       !strcmp(argv[3], "x"), "blanks and tabs separate, newline ends");
	EXPECT(u, split("", argv, &e) == 0, "empty line");
	EXPECT(u, split("   \t\r\n", argv, &e) == 0, "blank line");
	EXPECT(u, split("# filter add", argv, &e) == 0, "comment line");
	EXPECT(u, split("  # indented comment", argv, &e) == 0,
	       "indented comment");
	EXPECT(u, split("sublayer add name s # id 5 filters 0", argv, &e) == 4,
	       "a trailing comment (a listing's counters) is dropped");
	EXPECT(u, split("name a#b", argv, &e) == 2 && !strcmp(argv[1], "a#b"),
	       "'#' inside a word is not a comment");
}

static void split_quotes(struct unit *u)
{
	char *argv[16];
	const char *e;

	EXPECT(u, split("name \"my sublayer\" weight 1", argv, &e) == 4 &&
	       !strcmp(argv[1], "my sublayer"), "double quotes group");
	EXPECT(u, split("name 'it''s' x", argv, &e) == 3 &&
	       !strcmp(argv[1], "its"), "single quotes, adjacent");
	EXPECT(u, split("name \"a \\\"q\\\" \\\\ \\$x\"", argv, &e) == 2 &&
	       !strcmp(argv[1], "a \"q\" \\ $x"), "escapes inside double quotes: %s",
	       argv[1]);
	EXPECT(u, split("name \"# not a comment\"", argv, &e) == 2 &&
	       !strcmp(argv[1], "# not a comment"), "'#' quoted");
	EXPECT(u, split("name \"\"", argv, &e) == 2 && !strcmp(argv[1], ""),
	       "an empty quoted word is a word");
	EXPECT(u, split("name \"open", argv, &e) == -EINVAL &&
	       !strcmp(e, "unterminated quote"), "unterminated quote refused");
	EXPECT(u, split("a b c d e f g h i j k l m n o p q", argv, &e) == -EINVAL,
	       "too many words refused");
}

/* A runner that fails on the word "bad" and records what it ran. */
static unsigned int ran;
static char ran_words[8][64];

static int fake_run(struct nfwfpctl *ctl, int argc, char *argv[])
{
	(void)ctl;
	if (ran < 8)
		snprintf(ran_words[ran], sizeof(ran_words[0]), "%s/%d", argv[0],
			 argc);
	ran++;
	if (!strcmp(argv[0], "bad")) {
		ctl_error("%s is bad", argv[0]);
		return EXIT_NOTFOUND;
	}
	return EXIT_OK;
}

static int run_text(const char *text, unsigned int *lineno)
{
	struct nfwfpctl ctl = { 0 };
	FILE *f = fmemopen((void *)text, strlen(text), "r");
	int ret;

	ran = 0;
	stub_errors = 0;
	stub_last_where[0] = '\0';
	ret = batch_lines(&ctl, f, "rules.nf", fake_run, lineno);
	fclose(f);
	nfwfpctl_where = NULL;
	return ret;
}

static void lines_run_in_order(struct unit *u)
{
	unsigned int lineno;

	EXPECT(u, run_text("# header\n\nfilter add x\n  sublayer add y z # c\n"
			   "callout list", &lineno) == EXIT_OK,
	       "comments and blank lines skipped");
	EXPECT(u, ran == 3 && !strcmp(ran_words[0], "filter/3") &&
	       !strcmp(ran_words[1], "sublayer/4") &&
	       !strcmp(ran_words[2], "callout/2"),
	       "three commands, the last without a newline; ran %u", ran);
	EXPECT(u, lineno == 5, "five lines read; got %u", lineno);
}

static void lines_stop_at_failure(struct unit *u)
{
	unsigned int lineno;
	int ret = run_text("good 1\n# comment\nbad 3\ngood 4\n", &lineno);

	EXPECT(u, ret == EXIT_NOTFOUND, "the failing line's status; got %d", ret);
	EXPECT(u, ran == 2, "nothing after the failing line runs; ran %u", ran);
	EXPECT(u, lineno == 3 && !strcmp(stub_last_where, "rules.nf:3"),
	       "the error names rules.nf:3; got \"%s\"", stub_last_where);
	ret = run_text("good\n\ngood \"unterminated\n", &lineno);
	EXPECT(u, ret == EXIT_USAGE && lineno == 3 &&
	       !strcmp(stub_last_where, "rules.nf:3") &&
	       strstr(stub_last_error, "unterminated quote"),
	       "a quoting error is a usage error at its line; got %d %s %s", ret,
	       stub_last_where, stub_last_error);
}

static const struct unit_test tests[] = {
	UNIT_TEST(split_words),
	UNIT_TEST(split_quotes),
	UNIT_TEST(lines_run_in_order),
	UNIT_TEST(lines_stop_at_failure),
};

const struct unit_suite batch_suite = { tests, ARRAY_SIZE(tests) };
