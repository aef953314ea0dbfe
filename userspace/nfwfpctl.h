/* SPDX-License-Identifier: GPL-2.0 */
/*
 * nfwfpctl: shared declarations of the subcommands and their helpers.
 */
#ifndef NFWFPCTL_H
#define NFWFPCTL_H

#include <stdbool.h>

#include "genl.h"

#define PROG_NAME	"nfwfpctl"

/* Exit statuses, documented in nfwfpctl(8). */
enum {
	EXIT_OK		= 0,
	EXIT_RUNTIME	= 1,	/* the kernel or the system said no */
	EXIT_USAGE	= 2,	/* the command line is wrong */
};

/**
 * struct nfwfpctl - options that apply to every subcommand
 * @json: print JSON instead of text (-j)
 */
struct nfwfpctl {
	bool json;
};

/**
 * struct nfwfpctl_cmd - one entry of a subcommand table
 * @name: what the user types
 * @fn: runs it with the words after @name; returns an exit status
 * @summary: one line for "nfwfpctl help"
 */
struct nfwfpctl_cmd {
	const char *name;
	int (*fn)(const struct nfwfpctl *ctl, int argc, char *argv[]);
	const char *summary;
};

int cmd_version(const struct nfwfpctl *ctl, int argc, char *argv[]);
int cmd_layer(const struct nfwfpctl *ctl, int argc, char *argv[]);

/* kernel.c */
int nfwfp_connect(struct genl_sock *g);
int nfwfp_request(struct genl_sock *g, struct nlmsghdr *nlh, mnl_cb_t cb,
		  void *data, const char *what);

/* main.c */
void __attribute__((format(printf, 1, 2))) usage_error(const char *fmt, ...);

#endif /* NFWFPCTL_H */
