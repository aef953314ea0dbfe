// SPDX-License-Identifier: GPL-2.0
/*
 * Talking to nfwfp.ko. Every subcommand connects and reports failures
 * through these functions, so the messages for the common cases (module
 * missing, caller not privileged, the kernel refusing one argument) are
 * worded once and the same everywhere.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
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
		ctl_error("the nfwfp module is not loaded "
			  "(generic netlink family \"%s\" not found)",
			  NFWFP_GENL_NAME);
	else if (ret)
		ctl_error("cannot talk to the kernel: %s", strerror(-ret));
	return ret;
}

/*
 * Which words of the command line each attribute of the request came from,
 * so an error offset from the kernel names the argument the user typed
 * rather than a byte count. Innermost wins: a condition inside CONDS.
 */
#define ARGMAP_MAX	(NFWFP_FILTER_MAX_CONDS + 32)

static struct {
	unsigned int n;
	struct {
		uint32_t start, end;
		const char *kw, *val;
	} e[ARGMAP_MAX];
} argmap;

void argmap_reset(void)
{
	argmap.n = 0;
}

/**
 * argmap_add() - note that @attr of @nlh came from the words @kw @val
 * @nlh: the request being built
 * @attr: an attribute in it, complete (a nest after mnl_attr_nest_end())
 * @kw: the keyword
 * @val: its value, or NULL
 */
void argmap_add(const struct nlmsghdr *nlh, const struct nlattr *attr,
		const char *kw, const char *val)
{
	uint32_t start = (uint32_t)((const char *)attr - (const char *)nlh);

	if (argmap.n == ARGMAP_MAX || !kw)
		return;
	argmap.e[argmap.n].start = start;
	argmap.e[argmap.n].end = start + attr->nla_len;
	argmap.e[argmap.n].kw = kw;
	argmap.e[argmap.n].val = val;
	argmap.n++;
}

static int argmap_find(uint32_t offset)
{
	uint32_t best_len = UINT32_MAX;
	int best = -1;
	unsigned int i;

	for (i = 0; i < argmap.n; i++) {
		uint32_t len = argmap.e[i].end - argmap.e[i].start;

		if (offset >= argmap.e[i].start && offset < argmap.e[i].end &&
		    len < best_len) {
			best = (int)i;
			best_len = len;
		}
	}
	return best;
}

static void report_error(const struct genl_sock *g, const char *what, int err)
{
	const struct genl_ext_ack *ea = &g->ext_ack;
	char where[256] = "";
	int arg = -1;

	/*
	 * GENL_ADMIN_PERM is checked with netlink_capable(), i.e. against the
	 * initial user namespace: root in a container gets EPERM too, and
	 * "Operation not permitted" alone would not tell them why.
	 */
	if (err == -EPERM && !ea->msg[0]) {
		ctl_error("%s: permission denied: CAP_NET_ADMIN in the initial "
			  "user namespace is required", what);
		return;
	}
	if (ea->has_offset)
		arg = argmap_find(ea->offset);
	if (arg >= 0)
		snprintf(where, sizeof(where), " (argument \"%s%s%s\")",
			 argmap.e[arg].kw, argmap.e[arg].val ? " " : "",
			 argmap.e[arg].val ? argmap.e[arg].val : "");
	else if (ea->attr_type >= 0)
		snprintf(where, sizeof(where), " (attribute %d at offset %u)",
			 ea->attr_type, ea->offset);
	else if (ea->has_offset)
		snprintf(where, sizeof(where), " (at offset %u)", ea->offset);
	if (ea->has_miss_type)
		snprintf(where + strlen(where), sizeof(where) - strlen(where),
			 " (missing attribute %u)", ea->miss_type);
	ctl_error("%s: %s%s%s%s", what, strerror(-err), ea->msg[0] ? ": " : "",
		  ea->msg, where);
}

/**
 * nfwfp_request() - genl_request() that explains failures to the user
 * @g: a socket from nfwfp_connect()
 * @nlh: the request
 * @cb: reply callback, see genl_request()
 * @data: passed to @cb
 * @what: what the request does, for messages ("get module info")
 *
 * Prints the error, with the kernel's extended ack and the argument it
 * blames, on failure, and the kernel's warning, if it sent one, on success.
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
		ctl_warn("%s: %s", what, g->ext_ack.msg);
	argmap_reset();
	return ret;
}

/* The exit status for a request that failed with @err. */
int exit_status(int err)
{
	if (!err)
		return EXIT_OK;
	return err == -ENOENT ? EXIT_NOTFOUND : EXIT_RUNTIME;
}

/**
 * ctl_sock() - the socket a command sends on
 * @ctl: the context: in an -f file its socket holds the transaction
 * @g: set to the socket; give it back with ctl_sock_done()
 *
 * Return: 0 or a negative errno (printed).
 */
int ctl_sock(struct nfwfpctl *ctl, struct genl_sock **g)
{
	int ret;

	if (ctl->g) {
		*g = ctl->g;
		return 0;
	}
	*g = malloc(sizeof(**g));
	if (!*g) {
		ctl_error("out of memory");
		return -ENOMEM;
	}
	ret = nfwfp_connect(*g);
	if (ret) {
		free(*g);
		*g = NULL;
	}
	return ret;
}

void ctl_sock_done(struct nfwfpctl *ctl, struct genl_sock *g)
{
	if (!g || g == ctl->g)
		return;
	genl_close(g);
	free(g);
}

/*
 * A request to nfwfp; ctl_request() fills in the family id of the socket it
 * goes out on, so requests can be built before one is open.
 */
struct nlmsghdr *ctl_msg(void *buf, uint8_t cmd, uint16_t flags)
{
	static struct genl_sock unbound;

	return genl_msg_start(&unbound, buf, cmd, NFWFP_GENL_VERSION, flags);
}

/**
 * ctl_request() - send a request built on @ctl's socket
 * @ctl: the context
 * @nlh: the request, built with ctl_msg() on the socket ctl_sock() gave
 * @cb: reply callback
 * @data: for @cb
 * @what: for messages
 *
 * Return: 0 or a negative errno (printed).
 */
static int request_intr(struct nfwfpctl *ctl, struct nlmsghdr *nlh,
			mnl_cb_t cb, void *data, const char *what, bool *intr)
{
	struct genl_sock *g;
	int ret = ctl_sock(ctl, &g);

	if (ret)
		return ret;
	/* The family id was resolved by whichever socket built @nlh. */
	nlh->nlmsg_type = g->family_id;
	ret = nfwfp_request(g, nlh, cb, data, what);
	if (intr)
		*intr = g->dump_intr;
	ctl_sock_done(ctl, g);
	return ret;
}

int ctl_request(struct nfwfpctl *ctl, struct nlmsghdr *nlh, mnl_cb_t cb,
		void *data, const char *what)
{
	return request_intr(ctl, nlh, cb, data, what, NULL);
}

/*
 * A dump the objects changed under (NLM_F_DUMP_INTR) may have skipped or
 * repeated some: a listing saved from it would not load back what is
 * there. Start over, as iproute2 and nft do; if the objects never hold
 * still long enough, say so rather than print a partial list.
 */
#define DUMP_TRIES	8

/*
 * Test hook, not documented: NFWFPCTL_TEST_DUMP_TRIES=N tries N times, so
 * a test can see an interrupted dump reported rather than retried.
 */
static int dump_tries(void)
{
	const char *e = getenv("NFWFPCTL_TEST_DUMP_TRIES");
	int n = e ? atoi(e) : 0;

	return n > 0 ? n : DUMP_TRIES;
}

static int dump_consistent(struct nfwfpctl *ctl, struct nlmsghdr *nlh,
			   mnl_cb_t cb, void *data, void (*reset)(void *data),
			   const char *what)
{
	int i, ret, tries = dump_tries();
	bool intr;

	for (i = 0; i < tries; i++) {
		ret = request_intr(ctl, nlh, cb, data, what, &intr);
		if (ret || !intr)
			return ret;
		reset(data);
	}
	ctl_error("%s: the objects changed during each of %d tries to list them; try again",
		  what, tries);
	return -EAGAIN;
}

struct dump_ctx {
	struct nf_vec *vec;
	int (*parse)(const struct nlmsghdr *nlh, void *obj);
};

static void dump_reset(void *data)
{
	struct dump_ctx *d = data;

	nf_vec_free(d->vec);
}

static int dump_cb(const struct nlmsghdr *nlh, void *data)
{
	struct dump_ctx *d = data;
	void *obj = nf_vec_push(d->vec);

	if (!obj) {
		errno = ENOMEM;
		return MNL_CB_ERROR;
	}
	if (d->parse(nlh, obj)) {
		errno = EBADMSG;
		return MNL_CB_ERROR;
	}
	return MNL_CB_OK;
}

/**
 * ctl_dump() - dump every object of a kind into @vec
 * @ctl: the context
 * @cmd: the GET command
 * @req: a request built with ctl_msg(NLM_F_DUMP) with its selectors, or
 *	NULL for a plain dump
 * @vec: receives the objects; its ->size must be set
 * @parse: parses one message into one element
 * @what: for messages
 *
 * Return: 0 or a negative errno (printed).
 */
int ctl_dump(struct nfwfpctl *ctl, uint8_t cmd, struct nlmsghdr *req,
	     struct nf_vec *vec, int (*parse)(const struct nlmsghdr *, void *),
	     const char *what)
{
	struct dump_ctx d = { .vec = vec, .parse = parse };
	char buf[GENL_MSG_SIZE];

	if (!req)
		req = ctl_msg(buf, cmd, NLM_F_DUMP);
	return dump_consistent(ctl, req, dump_cb, &d, dump_reset, what);
}

static void layer_reset(void *data)
{
	struct nf_layers *ls = data;

	ls->n = 0;
}

static int layer_cb(const struct nlmsghdr *nlh, void *data)
{
	struct nf_layers *ls = data;

	if (ls->n == NF_LAYERS_MAX) {
		errno = EOVERFLOW;
		return MNL_CB_ERROR;
	}
	if (nf_parse_layer(nlh, &ls->l[ls->n]))
		return MNL_CB_ERROR;
	ls->n++;
	return MNL_CB_OK;
}

/**
 * ctl_layers() - the kernel's layers, dumped once per run
 * @ctl: the context
 * @ls: set to the layers
 *
 * Return: 0 or a negative errno (printed).
 */
int ctl_layers(struct nfwfpctl *ctl, const struct nf_layers **ls)
{
	char buf[GENL_MSG_SIZE];
	struct nlmsghdr *nlh;
	int ret;

	if (!ctl->layers) {
		ctl->layers = calloc(1, sizeof(*ctl->layers));
		if (!ctl->layers)
			return -ENOMEM;
		nlh = ctl_msg(buf, NFWFP_CMD_GET_LAYER, NLM_F_DUMP);
		ret = dump_consistent(ctl, nlh, layer_cb, ctl->layers,
				      layer_reset, "list layers");
		if (ret) {
			free(ctl->layers);
			ctl->layers = NULL;
			return ret;
		}
	}
	*ls = ctl->layers;
	return 0;
}

static int parse_callout(const struct nlmsghdr *nlh, void *obj)
{
	return nf_parse_callout(nlh, obj);
}

static int parse_sublayer(const struct nlmsghdr *nlh, void *obj)
{
	return nf_parse_sublayer(nlh, obj);
}

/* A name an earlier line of the -f file gave. */
static const struct batch_name *batch_lookup(struct nfwfpctl *ctl,
					     bool callout, const char *name)
{
	const struct batch_name *b = ctl->names.v;
	size_t i;

	for (i = ctl->names.n; i-- > 0; )
		if (b[i].callout == callout && !strcmp(b[i].name, name))
			return &b[i];
	return NULL;
}

/**
 * resolve_callout() - a callout named by key or display name
 * @ctl: the context
 * @ref: a GUID or a name
 * @out: the callout as the kernel dumps it; only its key when the kernel
 *	does not know it (an -f file added it, or a GUID nobody added)
 *
 * Return: an exit status; the error is printed.
 */
int resolve_callout(struct nfwfpctl *ctl, const char *ref,
		    struct nf_callout *out)
{
	struct nf_vec v = { .size = sizeof(struct nf_callout) };
	const struct nf_callout *c;
	const struct batch_name *b;
	uint8_t key[GUID_LEN] = { 0 };
	bool by_key = !guid_parse(ref, key);
	size_t i, found = 0;

	memset(out, 0, sizeof(*out));
	memcpy(out->key, key, GUID_LEN);
	if (!by_key) {
		b = batch_lookup(ctl, true, ref);
		if (b) {
			memcpy(out->key, b->key, GUID_LEN);
			return EXIT_OK;
		}
	}
	if (ctl_dump(ctl, NFWFP_CMD_GET_CALLOUT, NULL, &v, parse_callout,
		     "list callouts"))
		return EXIT_RUNTIME;
	c = v.v;
	for (i = 0; i < v.n; i++) {
		if (by_key ? memcmp(c[i].key, out->key, GUID_LEN) :
			     strcmp(c[i].name, ref))
			continue;
		if (found++ == 0)
			*out = c[i];
	}
	nf_vec_free(&v);
	if (found > 1) {
		ctl_error("%zu callouts are named \"%s\": name it by its key",
			  found, ref);
		return EXIT_USAGE;
	}
	if (!found && !by_key) {
		ctl_error("no callout named \"%s\" (see '" PROG_NAME
			  " callout list')", ref);
		return EXIT_NOTFOUND;
	}
	return EXIT_OK;
}

/**
 * resolve_sublayer() - a sublayer's key from its key or display name
 * @ctl: the context
 * @ref: a GUID or a name
 * @key: the key
 *
 * Return: an exit status; the error is printed.
 */
int resolve_sublayer(struct nfwfpctl *ctl, const char *ref, uint8_t *key)
{
	struct nf_vec v = { .size = sizeof(struct nf_sublayer) };
	const struct batch_name *b;
	const struct nf_sublayer *s;
	size_t i, found = 0;

	if (!guid_parse(ref, key))
		return EXIT_OK;
	b = batch_lookup(ctl, false, ref);
	if (b) {
		memcpy(key, b->key, GUID_LEN);
		return EXIT_OK;
	}
	if (ctl_dump(ctl, NFWFP_CMD_GET_SUBLAYER, NULL, &v, parse_sublayer,
		     "list sublayers"))
		return EXIT_RUNTIME;
	s = v.v;
	for (i = 0; i < v.n; i++)
		if (!strcmp(s[i].name, ref) && found++ == 0)
			memcpy(key, s[i].key, GUID_LEN);
	nf_vec_free(&v);
	if (found > 1) {
		ctl_error("%zu sublayers are named \"%s\": name it by its key",
			  found, ref);
		return EXIT_USAGE;
	}
	if (!found) {
		ctl_error("no sublayer named \"%s\" (see '" PROG_NAME
			  " sublayer list')", ref);
		return EXIT_NOTFOUND;
	}
	return EXIT_OK;
}

/* In an -f file, later lines may name what this one added. */
void ctl_remember(struct nfwfpctl *ctl, bool callout, const char *name,
		     const uint8_t *key)
{
	struct batch_name *b;

	if (!ctl->g)
		return;
	b = nf_vec_push(&ctl->names);
	if (!b)
		return;
	b->callout = callout;
	snprintf(b->name, sizeof(b->name), "%s", name);
	memcpy(b->key, key, GUID_LEN);
}
