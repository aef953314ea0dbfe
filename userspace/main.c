// SPDX-License-Identifier: GPL-2.0
/*
 * nfwfpctl: configure nfwfp, the Windows Filtering Platform callout and
 * injection API on netfilter, over its generic netlink family.
 *
 *	nfwfpctl [OPTIONS] OBJECT COMMAND [ARGS]
 *	nfwfpctl [OPTIONS] -f FILE
 *
 * Like wg(8), every object lives in its own file and is found through a
 * table; each object's function dispatches on its commands.
 */
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nfwfpctl.h"

/* In an -f file, "FILE:LINE", which prefixes every message. */
const char *nfwfpctl_where;

static int cmd_help(struct nfwfpctl *ctl, int argc, char *argv[]);

static const struct nfwfpctl_cmd commands[] = {
	{ "version", cmd_version,
	  "show the versions of nfwfpctl and of the loaded nfwfp module" },
	{ "layer", cmd_layer,
	  "the WFP layers nfwfp presents packets at (list | show NAME)" },
	{ "callout", cmd_callout,
	  "callouts (list | show | add | delete)" },
	{ "sublayer", cmd_sublayer,
	  "sublayers (list | show | add | delete)" },
	{ "filter", cmd_filter,
	  "filters (list | show | add | delete | flush)" },
	{ "handle", cmd_handle, "injection handles (list)" },
	{ "stats", cmd_stats, "global counters (show | reset)" },
	{ "config", cmd_config, "limits and the mark mask (show | set)" },
	{ "monitor", cmd_monitor, "print events as objects come and go" },
	{ "help", cmd_help, "show this help" },
};

#define N_COMMANDS (sizeof(commands) / sizeof(commands[0]))

static void print_usage(FILE *f)
{
	size_t i;

	fprintf(f, "Usage: " PROG_NAME " [OPTIONS] OBJECT COMMAND [ARGS]\n"
		"       " PROG_NAME " [OPTIONS] -f FILE\n"
		"\n"
		"Configure nfwfp, the WFP callout and injection API on netfilter.\n"
		"\n"
		"Objects and commands:\n");
	for (i = 0; i < N_COMMANDS; i++)
		fprintf(f, "  %-10s %s\n", commands[i].name, commands[i].summary);
	fprintf(f, "\n"
		"Options:\n"
		"  -j, --json     print JSON instead of text\n"
		"  -f, --file F   apply the commands of F (- for stdin) atomically\n"
		"      --force    add a filter that would block everything\n"
		"  -V, --version  print nfwfpctl's version\n"
		"  -h, --help     show this help\n"
		"\n"
		"See nfwfpctl(8).\n");
}

static void vmessage(const char *kind, const char *fmt, va_list ap)
{
	/* Keep stdout and stderr in order when both go to one file. */
	fflush(stdout);
	fputs(PROG_NAME ": ", stderr);
	if (nfwfpctl_where)
		fprintf(stderr, "%s: ", nfwfpctl_where);
	fputs(kind, stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
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

	va_start(ap, fmt);
	vmessage("", fmt, ap);
	va_end(ap);
	if (!nfwfpctl_where)
		fputs("Try '" PROG_NAME " help'.\n", stderr);
}

/* An error other than usage: "nfwfpctl: [FILE:LINE: ]message". */
void ctl_error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmessage("", fmt, ap);
	va_end(ap);
}

void ctl_warn(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmessage("warning: ", fmt, ap);
	va_end(ap);
}

static int cmd_help(struct nfwfpctl *ctl, int argc, char *argv[])
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

/**
 * run_toplevel() - run "OBJECT COMMAND [ARGS]"
 * @ctl: the context
 * @argc: number of words, at least 1
 * @argv: the words
 *
 * Return: an exit status.
 */
int run_toplevel(struct nfwfpctl *ctl, int argc, char *argv[])
{
	size_t i;

	for (i = 0; i < N_COMMANDS; i++)
		if (!strcmp(argv[0], commands[i].name))
			return commands[i].fn(ctl, argc - 1, argv + 1);
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

enum { OPT_FORCE = 256 };

int main(int argc, char *argv[])
{
	static const struct option longopts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "file", required_argument, NULL, 'f' },
		{ "force", no_argument, NULL, OPT_FORCE },
		{ "version", no_argument, NULL, 'V' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct nfwfpctl ctl = {
		.names = { .size = sizeof(struct batch_name) },
	};
	const char *file = NULL;
	int c, ret;

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
	while ((c = getopt_long(argc, argv, "+jf:Vh", longopts, NULL)) != -1) {
		switch (c) {
		case 'j':
			ctl.json = true;
			break;
		case 'f':
			file = optarg;
			break;
		case OPT_FORCE:
			ctl.force = true;
			break;
		case 'V':
			printf(PROG_NAME " %s\n", NFWFP_VERSION);
			return finish(EXIT_OK);
		case 'h':
			print_usage(stdout);
			return finish(EXIT_OK);
		default:
			/* getopt_long() has said what is wrong. */
			fputs("Try '" PROG_NAME " help'.\n", stderr);
			return EXIT_USAGE;
		}
	}

	if (file && optind != argc) {
		usage_error("-f FILE takes no command");
		return EXIT_USAGE;
	}
	if (file)
		ret = batch_run(&ctl, file);
	else if (optind == argc) {
		print_usage(stderr);
		return EXIT_USAGE;
	} else {
		ret = run_toplevel(&ctl, argc - optind, argv + optind);
	}
	free(ctl.layers);
	return finish(ret);
}
