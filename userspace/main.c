// SPDX-License-Identifier: GPL-2.0
/*
 * nfwfpctl: configure nfwfp, the Windows Filtering Platform callout and
 * injection API on netfilter, over its generic netlink family.
 *
 *	nfwfpctl [OPTIONS] COMMAND [ARGS]
 *
 * Like wg(8), every subcommand lives in its own file and is found through a
 * table; commands that act on an object ("filter add") will be a table entry
 * whose function dispatches on a table of its own, with run_command().
 */
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "nfwfpctl.h"

static int cmd_help(const struct nfwfpctl *ctl, int argc, char *argv[]);

static const struct nfwfpctl_cmd commands[] = {
	{ "version", cmd_version,
	  "show the versions of nfwfpctl and of the loaded nfwfp module" },
	{ "layer", cmd_layer,
	  "list the WFP layers nfwfp presents packets at (list | show NAME)" },
	{ "help", cmd_help, "show this help" },
};

#define N_COMMANDS (sizeof(commands) / sizeof(commands[0]))

static void print_usage(FILE *f)
{
	size_t i;

	fprintf(f, "Usage: " PROG_NAME " [OPTIONS] COMMAND [ARGS]\n"
		"\n"
		"Configure nfwfp, the WFP callout and injection API on netfilter.\n"
		"\n"
		"Commands:\n");
	for (i = 0; i < N_COMMANDS; i++)
		fprintf(f, "  %-10s %s\n", commands[i].name, commands[i].summary);
	fprintf(f, "\n"
		"Options:\n"
		"  -j, --json  print JSON instead of text\n"
		"  -h, --help  show this help\n"
		"\n"
		"See nfwfpctl(8).\n");
}

/**
 * usage_error() - complain about the command line
 * @fmt: what is wrong, printf-style, without a trailing newline
 *
 * The caller then returns EXIT_USAGE.
 */
void usage_error(const char *fmt, ...)
{
	va_list ap;

	fputs(PROG_NAME ": ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputs("\nTry '" PROG_NAME " help'.\n", stderr);
}

static int cmd_help(const struct nfwfpctl *ctl, int argc, char *argv[])
{
	(void)ctl;
	(void)argv;
	if (argc > 0) {
		usage_error("help takes no arguments");
		return EXIT_USAGE;
	}
	print_usage(stdout);
	return EXIT_OK;
}

/* Run the entry of @table named by argv[0] with the words after it. */
static int run_command(const struct nfwfpctl_cmd *table, size_t n,
		       const struct nfwfpctl *ctl, int argc, char *argv[])
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!strcmp(argv[0], table[i].name))
			return table[i].fn(ctl, argc - 1, argv + 1);
	usage_error("unknown object or command \"%s\"", argv[0]);
	return EXIT_USAGE;
}

/*
 * A full disk or a closed pipe must not pass for success: scripts read our
 * output. stdio only reports write errors at flush time.
 */
static int finish(int status)
{
	if (fflush(stdout) || ferror(stdout)) {
		fprintf(stderr, PROG_NAME ": error writing to standard output\n");
		return status == EXIT_OK ? EXIT_RUNTIME : status;
	}
	return status;
}

int main(int argc, char *argv[])
{
	static const struct option longopts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct nfwfpctl ctl = { 0 };
	int c;

	/*
	 * getopt(3) names the program after argv[0] in its messages; make
	 * that "nfwfpctl", whatever path we were run by, like ours. The "+"
	 * stops at the first command word: what follows belongs to it.
	 * With argc == 0, argv[0] is the terminating NULL: leave it be.
	 */
	if (argc < 1) {
		print_usage(stderr);
		return EXIT_USAGE;
	}
	argv[0] = PROG_NAME;
	while ((c = getopt_long(argc, argv, "+jh", longopts, NULL)) != -1) {
		switch (c) {
		case 'j':
			ctl.json = true;
			break;
		case 'h':
			print_usage(stdout);
			return finish(EXIT_OK);
		default:
			/* getopt_long() has said what is wrong. */
			fputs("Try '" PROG_NAME " help'.\n", stderr);
			return EXIT_USAGE;
		}
	}

	if (optind == argc) {
		print_usage(stderr);
		return EXIT_USAGE;
	}
	return finish(run_command(commands, N_COMMANDS, &ctl, argc - optind,
				  argv + optind));
}
