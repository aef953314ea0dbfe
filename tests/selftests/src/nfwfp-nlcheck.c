// SPDX-License-Identifier: GPL-2.0
/*
 * nfwfp-nlcheck: directed requests to the "nfwfp" generic netlink family
 * (include/uapi/nfwfp.h) that nfwfpctl would never send, to check the
 * kernel's own refusals and the protocol's corner cases. One case per run:
 *
 *   nfwfp-nlcheck join          join the "events" group directly, without
 *                               any request first (NETLINK_ADD_MEMBERSHIP)
 *   nfwfp-nlcheck missing       NEW_FILTER without NFWFP_FILTER_A_LAYER
 *   nfwfp-nlcheck addr-len      a 16-byte address at an IPv4 layer
 *   nfwfp-nlcheck prefix        an IPv4 address with prefix 33
 *   nfwfp-nlcheck weight-range  NFWFP_FILTER_A_WEIGHT and _WEIGHT_RANGE
 *   nfwfp-nlcheck del-builtin   delete the universal sublayer
 *   nfwfp-nlcheck del-other     socket A adds a dynamic sublayer, socket B
 *                               adds a static filter in it, then deletes it
 *   nfwfp-nlcheck extra         deletes and a flush that carry an attribute
 *                               their command does not take
 *   nfwfp-nlcheck txn-config    SET_CONFIG and RESET_STATS on a socket with
 *                               a transaction open, then after its abort
 *   nfwfp-nlcheck dump-intr     dump the filters; after the first part,
 *                               another socket adds and deletes a filter
 *   nfwfp-nlcheck churn MS      add and delete a filter every MS ms until
 *                               killed (a load for listings to race)
 *   nfwfp-nlcheck netns PATH    one socket here and one in the network
 *                               namespace PATH (/run/netns/X), bound to the
 *                               same port id, each add a dynamic sublayer;
 *                               the second closes: only its sublayer goes
 *
 * Each request prints one line, "CASE: ok" or
 * "CASE: errno=NAME msg="..." attr=T miss=M", where T is the type of the
 * attribute the extended ack's offset points at in the request as sent
 * (the innermost: a condition's own attribute) and M the missing attribute
 * NLMSGERR_ATTR_MISS_TYPE names (-1: none). dump-intr prints
 * "dump-intr: objects=N intr=0|1". The test script checks the lines.
 * Exit 0 when every request could be sent and answered, 2 otherwise.
 */
#include <errno.h>
#include <fcntl.h>
#include <libmnl/libmnl.h>
#include <sched.h>
#include <linux/genetlink.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <uapi/nfwfp.h>

#define LAYER_OUT_V4		16	/* FWPS_LAYER_OUTBOUND_TRANSPORT_V4 */
#define FIELD_REMOTE_ADDR	3	/* ..._V4_IP_REMOTE_ADDRESS */

static const uint8_t universal_key[16] = {
	0x03, 0xcc, 0xbe, 0xee, 0xd4, 0xce, 0x80, 0x43,
	0x81, 0x9a, 0x27, 0x34, 0x39, 0x7b, 0x2b, 0x74,
};
/* A key of this program's, for its own objects. */
static const uint8_t own_key[16] = {
	'n', 'l', 'c', 'k', 0, 0, 0x40, 0, 0x80, 0, 0, 0, 0, 0, 0, 1,
};

struct sock {
	struct mnl_socket *nl;
	uint32_t portid, seq;
	uint16_t family;
	uint32_t events_group;
};

/* What the kernel said about one request. */
struct answer {
	int error;		/* 0 or a negative errno */
	char msg[256];
	int attr;		/* type at NLMSGERR_ATTR_OFFS, or -1 */
	int miss;		/* NLMSGERR_ATTR_MISS_TYPE, or -1 */
	unsigned int objects;	/* data messages (dumps) */
	int intr;		/* NLM_F_DUMP_INTR seen */
};

/*
 * Small parts: the kernel sizes the parts of a dump by the largest read
 * the socket has seen, and a few hundred objects then take several.
 */
#define RECV_LEN	8192
static char rbuf[RECV_LEN];

static void die(const char *what)
{
	fprintf(stderr, "nfwfp-nlcheck: %s: %s\n", what, strerror(errno));
	exit(2);
}

/* ---- family resolution ------------------------------------------------------ */

static int grp_cb(const struct nlattr *a, void *data)
{
	const struct nlattr *in;
	const char *name = NULL;
	uint32_t id = 0;

	mnl_attr_for_each_nested(in, a) {
		if (mnl_attr_get_type(in) == CTRL_ATTR_MCAST_GRP_NAME)
			name = mnl_attr_get_str(in);
		else if (mnl_attr_get_type(in) == CTRL_ATTR_MCAST_GRP_ID)
			id = mnl_attr_get_u32(in);
	}
	if (name && !strcmp(name, NFWFP_MCGRP_EVENTS))
		((struct sock *)data)->events_group = id;
	return MNL_CB_OK;
}

static int fam_attr_cb(const struct nlattr *a, void *data)
{
	struct sock *s = data;

	if (mnl_attr_get_type(a) == CTRL_ATTR_FAMILY_ID)
		s->family = mnl_attr_get_u16(a);
	else if (mnl_attr_get_type(a) == CTRL_ATTR_MCAST_GROUPS)
		mnl_attr_parse_nested(a, grp_cb, s);
	return MNL_CB_OK;
}

static int fam_cb(const struct nlmsghdr *nlh, void *data)
{
	return mnl_attr_parse(nlh, GENL_HDRLEN, fam_attr_cb, data);
}

static struct nlmsghdr *start(void *buf, uint16_t type, uint8_t cmd,
			      uint16_t flags)
{
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(buf);
	struct genlmsghdr *g;

	nlh->nlmsg_type = type;
	nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK | flags;
	g = mnl_nlmsg_put_extra_header(nlh, sizeof(*g));
	g->cmd = cmd;
	g->version = NFWFP_GENL_VERSION;
	return nlh;
}

/* A socket bound to @portid (MNL_SOCKET_AUTOPID: any) with the family. */
static void sock_open_port(struct sock *s, pid_t portid)
{
	char buf[MNL_SOCKET_BUFFER_SIZE];
	struct nlmsghdr *nlh;
	int one = 1, n;

	memset(s, 0, sizeof(*s));
	s->nl = mnl_socket_open(NETLINK_GENERIC);
	if (!s->nl || mnl_socket_bind(s->nl, 0, portid) < 0)
		die("socket");
	mnl_socket_setsockopt(s->nl, NETLINK_EXT_ACK, &one, sizeof(one));
	s->portid = mnl_socket_get_portid(s->nl);
	s->seq = (uint32_t)time(NULL);
	nlh = start(buf, GENL_ID_CTRL, CTRL_CMD_GETFAMILY, 0);
	((struct genlmsghdr *)mnl_nlmsg_get_payload(nlh))->version = 1;
	mnl_attr_put_strz(nlh, CTRL_ATTR_FAMILY_NAME, NFWFP_GENL_NAME);
	nlh->nlmsg_seq = ++s->seq;
	if (mnl_socket_sendto(s->nl, nlh, nlh->nlmsg_len) < 0)
		die("send");
	do {
		n = (int)mnl_socket_recvfrom(s->nl, rbuf, RECV_LEN);
		if (n < 0)
			die("recv");
		n = mnl_cb_run(rbuf, (size_t)n, s->seq, s->portid, fam_cb, s);
	} while (n > 0);
	if (n < 0 || !s->family) {
		fprintf(stderr, "nfwfp-nlcheck: no family \"%s\"\n", NFWFP_GENL_NAME);
		exit(2);
	}
}

static void sock_open(struct sock *s)
{
	sock_open_port(s, MNL_SOCKET_AUTOPID);
}

/* ---- one request, its answer ------------------------------------------------- */

static const struct nlmsghdr *sent_req;

static int ack_attr_cb(const struct nlattr *a, void *data)
{
	struct answer *ans = data;
	const struct nlattr *at;
	uint32_t off;

	switch (mnl_attr_get_type(a)) {
	case NLMSGERR_ATTR_MSG:
		snprintf(ans->msg, sizeof(ans->msg), "%s", mnl_attr_get_str(a));
		break;
	case NLMSGERR_ATTR_OFFS:
		off = mnl_attr_get_u32(a);
		if (off + sizeof(*at) <= sent_req->nlmsg_len) {
			at = (const void *)((const char *)sent_req + off);
			ans->attr = at->nla_type & NLA_TYPE_MASK;
		}
		break;
	case NLMSGERR_ATTR_MISS_TYPE:
		ans->miss = (int)mnl_attr_get_u32(a);
		break;
	}
	return MNL_CB_OK;
}

static int err_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct nlmsgerr *e = mnl_nlmsg_get_payload(nlh);
	struct answer *ans = data;
	unsigned int off = sizeof(*e);

	if (!(nlh->nlmsg_flags & NLM_F_CAPPED))
		off += e->msg.nlmsg_len - sizeof(struct nlmsghdr);
	ans->error = e->error;
	if (nlh->nlmsg_flags & NLM_F_ACK_TLVS)
		mnl_attr_parse(nlh, off, ack_attr_cb, ans);
	return MNL_CB_STOP;
}

static int done_cb(const struct nlmsghdr *nlh, void *data)
{
	struct answer *ans = data;

	memcpy(&ans->error, mnl_nlmsg_get_payload(nlh), sizeof(int));
	return MNL_CB_STOP;
}

static int data_cb(const struct nlmsghdr *nlh, void *data)
{
	struct answer *ans = data;

	(void)nlh;
	ans->objects++;
	return MNL_CB_OK;
}

static mnl_cb_t ctl_cbs[NLMSG_MIN_TYPE] = {
	[NLMSG_ERROR] = err_cb,
	[NLMSG_DONE] = done_cb,
};

static void send_req(struct sock *s, struct nlmsghdr *nlh, struct answer *ans)
{
	memset(ans, 0, sizeof(*ans));
	ans->attr = ans->miss = -1;
	nlh->nlmsg_type = s->family;
	nlh->nlmsg_seq = ++s->seq;
	sent_req = nlh;
	if (mnl_socket_sendto(s->nl, nlh, nlh->nlmsg_len) < 0)
		die("send");
}

/*
 * libmnl stops at a message flagged NLM_F_DUMP_INTR (EINTR): note the
 * flag and clear it, to read the dump to its end.
 */
static void take_intr(struct answer *ans, int len)
{
	struct nlmsghdr *nlh = (struct nlmsghdr *)rbuf;

	for (; mnl_nlmsg_ok(nlh, len); nlh = mnl_nlmsg_next(nlh, &len)) {
		if (nlh->nlmsg_flags & NLM_F_DUMP_INTR)
			ans->intr = 1;
		nlh->nlmsg_flags &= ~NLM_F_DUMP_INTR;
	}
}

/* Receive one datagram of answers; 0 when the request is answered. */
static int recv_part(struct sock *s, struct answer *ans)
{
	int n = (int)mnl_socket_recvfrom(s->nl, rbuf, RECV_LEN);

	if (n < 0)
		die("recv");
	take_intr(ans, n);
	n = mnl_cb_run2(rbuf, (size_t)n, s->seq, s->portid, data_cb, ans,
			ctl_cbs, NLMSG_MIN_TYPE);
	if (n < 0)
		die("answer");
	return n;
}

static void request(struct sock *s, struct nlmsghdr *nlh, struct answer *ans)
{
	send_req(s, nlh, ans);
	while (recv_part(s, ans) > 0)
		;
}

static void print(const char *what, const struct answer *ans)
{
	if (!ans->error) {
		printf("%s: ok\n", what);
		return;
	}
	printf("%s: errno=%s msg=\"%s\" attr=%d miss=%d\n", what,
	       strerrorname_np(-ans->error), ans->msg, ans->attr, ans->miss);
}

static void ask(struct sock *s, struct nlmsghdr *nlh, const char *what)
{
	struct answer ans;

	request(s, nlh, &ans);
	print(what, &ans);
}

/* ---- the cases ------------------------------------------------------------ */

/* NEW_FILTER's common part: name and action, and the layer if @layer. */
static struct nlmsghdr *filter_msg(void *buf, int layer, const char *name)
{
	struct nlmsghdr *nlh = start(buf, 0, NFWFP_CMD_NEW_FILTER, 0);

	mnl_attr_put_strz(nlh, NFWFP_FILTER_A_NAME, name);
	if (layer)
		mnl_attr_put_u16(nlh, NFWFP_FILTER_A_LAYER, LAYER_OUT_V4);
	mnl_attr_put_u8(nlh, NFWFP_FILTER_A_ACTION, NFWFP_ACTION_BLOCK);
	return nlh;
}

/* One remote-address condition: ADDR of @len bytes, PREFIX if >= 0. */
static void put_addr_cond(struct nlmsghdr *nlh, size_t len, int prefix)
{
	static const uint8_t addr[16] = { 10 };
	struct nlattr *conds, *cond;

	conds = mnl_attr_nest_start(nlh, NFWFP_FILTER_A_CONDS);
	cond = mnl_attr_nest_start(nlh, NFWFP_FILTER_A_COND);
	mnl_attr_put_u16(nlh, NFWFP_COND_A_FIELD, FIELD_REMOTE_ADDR);
	mnl_attr_put_u8(nlh, NFWFP_COND_A_MATCH, NFWFP_MATCH_EQUAL);
	mnl_attr_put(nlh, NFWFP_COND_A_ADDR, len, addr);
	if (prefix >= 0)
		mnl_attr_put_u8(nlh, NFWFP_COND_A_PREFIX, (uint8_t)prefix);
	mnl_attr_nest_end(nlh, cond);
	mnl_attr_nest_end(nlh, conds);
}

static void case_join(void)
{
	struct sock s;

	sock_open(&s);
	if (!s.events_group) {
		printf("join: no events group\n");
		exit(2);
	}
	if (mnl_socket_setsockopt(s.nl, NETLINK_ADD_MEMBERSHIP, &s.events_group,
				  sizeof(s.events_group)) < 0)
		printf("join: errno=%s\n", strerrorname_np(errno));
	else
		printf("join: ok\n");
}

static void case_filter(const char *what)
{
	char buf[MNL_SOCKET_BUFFER_SIZE];
	struct nlmsghdr *nlh;
	struct sock s;

	sock_open(&s);
	if (!strcmp(what, "missing")) {
		nlh = filter_msg(buf, 0, "nlcheck");
	} else if (!strcmp(what, "addr-len")) {
		nlh = filter_msg(buf, 1, "nlcheck");
		put_addr_cond(nlh, 16, -1);
	} else if (!strcmp(what, "prefix")) {
		nlh = filter_msg(buf, 1, "nlcheck");
		put_addr_cond(nlh, 4, 33);
	} else {
		nlh = filter_msg(buf, 1, "nlcheck");
		mnl_attr_put_u64(nlh, NFWFP_FILTER_A_WEIGHT, 5);
		mnl_attr_put_u8(nlh, NFWFP_FILTER_A_WEIGHT_RANGE, 3);
	}
	ask(&s, nlh, what);
}

static struct nlmsghdr *sublayer_msg(void *buf, uint8_t cmd, const uint8_t *key)
{
	struct nlmsghdr *nlh = start(buf, 0, cmd, 0);

	mnl_attr_put(nlh, NFWFP_SUBLAYER_A_KEY, 16, key);
	return nlh;
}

static void case_del_builtin(void)
{
	char buf[MNL_SOCKET_BUFFER_SIZE];
	struct sock s;

	sock_open(&s);
	ask(&s, sublayer_msg(buf, NFWFP_CMD_DEL_SUBLAYER, universal_key),
	    "del-builtin");
}

/*
 * Each command takes only its own attributes: one it does not use is an
 * error on that attribute, never ignored (a delete that carried a name
 * must not delete whatever its id says).
 */
static void case_extra(void)
{
	char buf[MNL_SOCKET_BUFFER_SIZE];
	struct nlmsghdr *nlh;
	struct sock s;

	sock_open(&s);
	nlh = start(buf, 0, NFWFP_CMD_DEL_FILTER, 0);
	mnl_attr_put_u64(nlh, NFWFP_FILTER_A_ID, 1);
	mnl_attr_put_strz(nlh, NFWFP_FILTER_A_NAME, "nlcheck");
	ask(&s, nlh, "extra: del filter with a name");
	nlh = start(buf, 0, NFWFP_CMD_FLUSH_FILTER, 0);
	mnl_attr_put_u16(nlh, NFWFP_FILTER_A_LAYER, LAYER_OUT_V4);
	mnl_attr_put_u8(nlh, NFWFP_FILTER_A_ACTION, NFWFP_ACTION_BLOCK);
	ask(&s, nlh, "extra: flush with an action");
	nlh = sublayer_msg(buf, NFWFP_CMD_DEL_SUBLAYER, own_key);
	mnl_attr_put_u16(nlh, NFWFP_SUBLAYER_A_WEIGHT, 1);
	ask(&s, nlh, "extra: del sublayer with a weight");
	nlh = start(buf, 0, NFWFP_CMD_DEL_CALLOUT, 0);
	mnl_attr_put_u32(nlh, NFWFP_CALLOUT_A_ID, 1);
	mnl_attr_put_u16(nlh, NFWFP_CALLOUT_A_LAYER, LAYER_OUT_V4);
	ask(&s, nlh, "extra: del callout with a layer");
}

/*
 * Socket A's dynamic sublayer: a static filter of socket B cannot live in
 * it; B is no dynamic FWPM session, so (as in WFP) it may delete it.
 */
static void case_del_other(void)
{
	char buf[MNL_SOCKET_BUFFER_SIZE];
	struct nlmsghdr *nlh;
	struct sock a, b;

	sock_open(&a);
	sock_open(&b);
	nlh = sublayer_msg(buf, NFWFP_CMD_NEW_SUBLAYER, own_key);
	mnl_attr_put_strz(nlh, NFWFP_SUBLAYER_A_NAME, "nlcheck-dynamic");
	mnl_attr_put_u32(nlh, NFWFP_SUBLAYER_A_FLAGS, NFWFP_OBJ_F_DYNAMIC);
	ask(&a, nlh, "del-other: add dynamic on socket A");
	nlh = filter_msg(buf, 1, "nlcheck-static");
	mnl_attr_put(nlh, NFWFP_FILTER_A_SUBLAYER, 16, own_key);
	ask(&b, nlh, "del-other: static filter in it on socket B");
	ask(&b, sublayer_msg(buf, NFWFP_CMD_DEL_SUBLAYER, own_key),
	    "del-other: delete on socket B");
	ask(&a, sublayer_msg(buf, NFWFP_CMD_DEL_SUBLAYER, own_key),
	    "del-other: delete on socket A");
}

static void case_txn_config(void)
{
	char buf[MNL_SOCKET_BUFFER_SIZE];
	struct nlmsghdr *nlh;
	struct sock s;

	sock_open(&s);
	ask(&s, start(buf, 0, NFWFP_CMD_TXN_BEGIN, 0), "txn-config: begin");
	nlh = start(buf, 0, NFWFP_CMD_SET_CONFIG, 0);
	mnl_attr_put_u8(nlh, NFWFP_CONFIG_A_INJECT_BUDGET, 5);
	ask(&s, nlh, "txn-config: set in txn");
	ask(&s, start(buf, 0, NFWFP_CMD_RESET_STATS, 0),
	    "txn-config: reset in txn");
	ask(&s, start(buf, 0, NFWFP_CMD_TXN_ABORT, 0), "txn-config: abort");
	nlh = start(buf, 0, NFWFP_CMD_SET_CONFIG, 0);
	mnl_attr_put_u8(nlh, NFWFP_CONFIG_A_INJECT_BUDGET, 5);
	ask(&s, nlh, "txn-config: set after abort");
}

/*
 * The first part of a dump is queued when the request is sent; the rest
 * is made as the reader asks for it. A change between the parts must be
 * flagged.
 */
static void case_dump_intr(void)
{
	char buf[MNL_SOCKET_BUFFER_SIZE], buf2[MNL_SOCKET_BUFFER_SIZE];
	struct answer ans, a2;
	struct nlmsghdr *nlh;
	struct sock s, w;
	int more;

	sock_open(&s);
	sock_open(&w);
	send_req(&s, start(buf, 0, NFWFP_CMD_GET_FILTER, NLM_F_DUMP), &ans);
	more = recv_part(&s, &ans);
	nlh = filter_msg(buf2, 1, "nlcheck-intr");
	mnl_attr_put(nlh, NFWFP_FILTER_A_KEY, 16, own_key);
	request(&w, nlh, &a2);
	print("dump-intr: add", &a2);
	nlh = start(buf2, 0, NFWFP_CMD_DEL_FILTER, 0);
	mnl_attr_put(nlh, NFWFP_FILTER_A_KEY, 16, own_key);
	request(&w, nlh, &a2);
	print("dump-intr: delete", &a2);
	while (more > 0)
		more = recv_part(&s, &ans);
	if (ans.error)
		print("dump-intr", &ans);
	printf("dump-intr: objects=%u intr=%d\n", ans.objects, ans.intr);
}

static void case_churn(long ms)
{
	char buf[MNL_SOCKET_BUFFER_SIZE];
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000 };
	struct nlmsghdr *nlh;
	struct answer ans;
	struct sock s;

	sock_open(&s);
	for (;;) {
		nlh = filter_msg(buf, 1, "nlcheck-churn");
		mnl_attr_put(nlh, NFWFP_FILTER_A_KEY, 16, own_key);
		request(&s, nlh, &ans);
		nlh = start(buf, 0, NFWFP_CMD_DEL_FILTER, 0);
		mnl_attr_put(nlh, NFWFP_FILTER_A_KEY, 16, own_key);
		request(&s, nlh, &ans);
		nanosleep(&ts, NULL);
	}
}

static int sublayer_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct nlattr *a;

	mnl_attr_for_each(a, nlh, GENL_HDRLEN)
		if (mnl_attr_get_type(a) == NFWFP_SUBLAYER_A_NAME &&
		    !strncmp(mnl_attr_get_str(a), "nlcheck-ns-", 11))
			printf("netns: listed %s\n", mnl_attr_get_str(a));
	return data_cb(nlh, data);
}

/* Session identity is (netns, port id): the same port id elsewhere is another socket. */
static void case_netns(const char *path)
{
	char buf[MNL_SOCKET_BUFFER_SIZE];
	uint8_t key2[16];
	struct nlmsghdr *nlh;
	struct answer ans;
	struct sock a, b;
	int fd, n;

	sock_open_port(&a, 4242);
	fd = open(path, O_RDONLY);
	if (fd < 0 || setns(fd, CLONE_NEWNET) < 0)
		die(path);
	sock_open_port(&b, 4242);
	memcpy(key2, own_key, 16);
	key2[15] = 2;
	nlh = sublayer_msg(buf, NFWFP_CMD_NEW_SUBLAYER, own_key);
	mnl_attr_put_strz(nlh, NFWFP_SUBLAYER_A_NAME, "nlcheck-ns-here");
	mnl_attr_put_u32(nlh, NFWFP_SUBLAYER_A_FLAGS, NFWFP_OBJ_F_DYNAMIC);
	ask(&a, nlh, "netns: add on the first socket");
	nlh = sublayer_msg(buf, NFWFP_CMD_NEW_SUBLAYER, key2);
	mnl_attr_put_strz(nlh, NFWFP_SUBLAYER_A_NAME, "nlcheck-ns-there");
	mnl_attr_put_u32(nlh, NFWFP_SUBLAYER_A_FLAGS, NFWFP_OBJ_F_DYNAMIC);
	ask(&b, nlh, "netns: add on the second, same port id");
	mnl_socket_close(b.nl);
	/* The release notifier runs as the socket goes; let it finish. */
	usleep(200000);
	send_req(&a, start(buf, 0, NFWFP_CMD_GET_SUBLAYER, NLM_F_DUMP), &ans);
	do {
		n = (int)mnl_socket_recvfrom(a.nl, rbuf, RECV_LEN);
		if (n < 0)
			die("recv");
		n = mnl_cb_run2(rbuf, (size_t)n, a.seq, a.portid, sublayer_cb,
				&ans, ctl_cbs, NLMSG_MIN_TYPE);
	} while (n > 0);
	if (n < 0 || ans.error)
		die("dump");
	printf("netns: done\n");
}

int main(int argc, char *argv[])
{
	const char *c = argc == 2 ? argv[1] : "";

	if (argc == 3 && !strcmp(argv[1], "churn"))
		case_churn(atol(argv[2]));
	if (argc == 3 && !strcmp(argv[1], "netns")) {
		case_netns(argv[2]);
		return 0;
	}

	setvbuf(stdout, NULL, _IOLBF, 0);
	if (!strcmp(c, "join"))
		case_join();
	else if (!strcmp(c, "missing") || !strcmp(c, "addr-len") ||
		 !strcmp(c, "prefix") || !strcmp(c, "weight-range"))
		case_filter(c);
	else if (!strcmp(c, "del-builtin"))
		case_del_builtin();
	else if (!strcmp(c, "del-other"))
		case_del_other();
	else if (!strcmp(c, "extra"))
		case_extra();
	else if (!strcmp(c, "txn-config"))
		case_txn_config();
	else if (!strcmp(c, "dump-intr"))
		case_dump_intr();
	else {
		fputs("usage: nfwfp-nlcheck CASE, one of: join missing addr-len prefix\n"
		      "  weight-range del-builtin del-other extra txn-config dump-intr\n"
		      "  churn MS, netns PATH\n", stderr);
		return 2;
	}
	return 0;
}
