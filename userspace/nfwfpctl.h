/* SPDX-License-Identifier: GPL-2.0 */
/*
 * nfwfpctl: shared declarations of the subcommands and their helpers.
 */
#ifndef NFWFPCTL_H
#define NFWFPCTL_H

#include <stdbool.h>
#include <stdio.h>

#include "genl.h"
#include "model.h"

#define PROG_NAME	"nfwfpctl"

/* Exit statuses, documented in nfwfpctl(8). */
enum {
	EXIT_OK		= 0,
	EXIT_RUNTIME	= 1,	/* the kernel or the system said no */
	EXIT_USAGE	= 2,	/* the command line is wrong */
	EXIT_NOTFOUND	= 3,	/* a named object does not exist */
};

/* A name an -f file gave an object it added: later lines may use it. */
struct batch_name {
	bool callout;
	char name[NF_NAME_LEN];
	uint8_t key[GUID_LEN];
};

/**
 * struct config_req - values for SET_CONFIG
 * @c: the values; @c.have says which
 * @word: each as the user wrote it, for error messages
 */
struct config_req {
	struct nf_config c;
	char word[NFWFP_CONFIG_A_MAX + 1][32];
};

/**
 * struct nfwfpctl - what every subcommand runs with
 * @json: print JSON instead of text (-j)
 * @force: do what would otherwise be refused as dangerous (--force)
 * @g: in an -f file, the socket that holds the transaction; else NULL and
 *	each command opens its own
 * @layers: the kernel's layer dump, fetched once, or NULL
 * @names: in an -f file, the objects its lines added, by name
 * @config: in an -f file, the values its config set lines gave, set at
 *	the commit (SET_CONFIG is not transactional)
 * @config_where: "FILE:LINE" of the last of those lines, for messages
 */
struct nfwfpctl {
	bool json;
	bool force;
	struct genl_sock *g;
	struct nf_layers *layers;
	struct nf_vec names;
	struct config_req config;
	char config_where[256];
};

/**
 * struct nfwfpctl_cmd - one entry of a subcommand table
 * @name: what the user types
 * @fn: runs it with the words after @name; returns an exit status
 * @summary: one line for "nfwfpctl help"
 */
struct nfwfpctl_cmd {
	const char *name;
	int (*fn)(struct nfwfpctl *ctl, int argc, char *argv[]);
	const char *summary;
};

int cmd_version(struct nfwfpctl *ctl, int argc, char *argv[]);
int cmd_layer(struct nfwfpctl *ctl, int argc, char *argv[]);
int cmd_callout(struct nfwfpctl *ctl, int argc, char *argv[]);
int cmd_sublayer(struct nfwfpctl *ctl, int argc, char *argv[]);
int cmd_filter(struct nfwfpctl *ctl, int argc, char *argv[]);
int cmd_handle(struct nfwfpctl *ctl, int argc, char *argv[]);
int cmd_stats(struct nfwfpctl *ctl, int argc, char *argv[]);
int cmd_config(struct nfwfpctl *ctl, int argc, char *argv[]);
int cmd_monitor(struct nfwfpctl *ctl, int argc, char *argv[]);

/* kernel.c */
int nfwfp_connect(struct genl_sock *g);
int nfwfp_request(struct genl_sock *g, struct nlmsghdr *nlh, mnl_cb_t cb,
		  void *data, const char *what);
int ctl_sock(struct nfwfpctl *ctl, struct genl_sock **g);
void ctl_sock_done(struct nfwfpctl *ctl, struct genl_sock *g);
int ctl_request(struct nfwfpctl *ctl, struct nlmsghdr *nlh, mnl_cb_t cb,
		void *data, const char *what);
struct nlmsghdr *ctl_msg(void *buf, uint8_t cmd, uint16_t flags);
int exit_status(int err);
void argmap_reset(void);
void argmap_add(const struct nlmsghdr *nlh, const struct nlattr *attr,
		const char *kw, const char *val);
int ctl_layers(struct nfwfpctl *ctl, const struct nf_layers **ls);
int ctl_dump(struct nfwfpctl *ctl, uint8_t cmd, struct nlmsghdr *req,
	     struct nf_vec *vec, int (*parse)(const struct nlmsghdr *, void *),
	     const char *what);
int resolve_callout(struct nfwfpctl *ctl, const char *ref,
		    struct nf_callout *out);
void ctl_remember(struct nfwfpctl *ctl, bool callout, const char *name,
		  const uint8_t *key);
int resolve_sublayer(struct nfwfpctl *ctl, const char *ref, uint8_t *key);

/* main.c */
extern const char *nfwfpctl_where;
void __attribute__((format(printf, 1, 2))) usage_error(const char *fmt, ...);
void __attribute__((format(printf, 1, 2))) ctl_error(const char *fmt, ...);
void __attribute__((format(printf, 1, 2))) ctl_warn(const char *fmt, ...);
int run_toplevel(struct nfwfpctl *ctl, int argc, char *argv[]);

/* misc.c: SET_CONFIG and GET_CONFIG on a socket of their own */
int config_apply(const struct config_req *r, const char *what);
int config_get(struct config_req *r);

/* batch.c */
#define BATCH_MAX_WORDS	256
int batch_split(char *line, char *argv[], int max, const char **err);
int batch_lines(struct nfwfpctl *ctl, FILE *f, const char *path,
		int (*run)(struct nfwfpctl *ctl, int argc, char *argv[]),
		unsigned int *lineno);
int batch_run(struct nfwfpctl *ctl, const char *path);

#endif /* NFWFPCTL_H */
