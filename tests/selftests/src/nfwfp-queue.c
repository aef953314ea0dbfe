// SPDX-License-Identifier: GPL-2.0
/*
 * nfwfp-queue: a minimal NFQUEUE listener for the selftests (libmnl, no
 * libnetfilter_queue). It binds one queue, accepts every queued packet and
 * counts them.
 *
 *   nfwfp-queue QNUM SECONDS
 *
 * Prints "ready" once the queue is bound (copy mode META: no payload), sends
 * NF_ACCEPT for each packet, and after SECONDS prints "queued=N". With
 * NFWFP_QUEUE_HOLD set it holds every packet (printing "held N" as each
 * comes) until SIGUSR1, then accepts those and the rest. Errors are
 * printed as "<what>: <errno name>". Exit 0 on success, 1 on a failed call,
 * 2 on bad usage.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <libmnl/libmnl.h>
#include <linux/netfilter.h>
#include <linux/netfilter/nfnetlink.h>
#include <linux/netfilter/nfnetlink_queue.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static struct mnl_socket *nl;
static unsigned int portid, seq;
static uint16_t qnum;
static unsigned long queued;
/* Hold mode: ids of the packets not answered yet; release on SIGUSR1. */
#define HOLD_MAX	1024
static uint32_t held[HOLD_MAX];
static unsigned int nheld;
static int holding;
static volatile sig_atomic_t release;

static void on_usr1(int sig)
{
	(void)sig;
	release = 1;
}
static char buf[65536 + 4096];

static int fail(const char *what)
{
	printf("%s: %s\n", what, strerrorname_np(errno) ? strerrorname_np(errno) : "?");
	return 1;
}

/* nlmsghdr + nfgenmsg for the queue subsystem, res_id = queue number. */
static struct nlmsghdr *put_hdr(char *b, int type, int flags, int family)
{
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(b);
	struct nfgenmsg *nfg;

	nlh->nlmsg_type = (NFNL_SUBSYS_QUEUE << 8) | type;
	nlh->nlmsg_flags = NLM_F_REQUEST | flags;
	nlh->nlmsg_seq = ++seq;
	nfg = mnl_nlmsg_put_extra_header(nlh, sizeof(*nfg));
	nfg->nfgen_family = family;
	nfg->version = NFNETLINK_V0;
	nfg->res_id = htons(qnum);
	return nlh;
}

static int send_verdict(uint32_t id_be)
{
	char b[MNL_SOCKET_BUFFER_SIZE];
	struct nlmsghdr *nlh = put_hdr(b, NFQNL_MSG_VERDICT, 0, AF_UNSPEC);
	struct nfqnl_msg_verdict_hdr vh = { .verdict = htonl(NF_ACCEPT), .id = id_be };

	mnl_attr_put(nlh, NFQA_VERDICT_HDR, sizeof(vh), &vh);
	return mnl_socket_sendto(nl, nlh, nlh->nlmsg_len) < 0 ? -1 : 0;
}

/* One queued packet: take the id from NFQA_PACKET_HDR and accept it. */
static int packet_cb(const struct nlmsghdr *nlh, void *data)
{
	struct nlattr *a;

	(void)data;
	if (nlh->nlmsg_type != ((NFNL_SUBSYS_QUEUE << 8) | NFQNL_MSG_PACKET))
		return MNL_CB_OK;
	mnl_attr_for_each(a, nlh, sizeof(struct nfgenmsg)) {
		struct nfqnl_msg_packet_hdr ph;

		if (mnl_attr_get_type(a) != NFQA_PACKET_HDR)
			continue;
		if (mnl_attr_get_payload_len(a) < sizeof(ph))
			break;
		memcpy(&ph, mnl_attr_get_payload(a), sizeof(ph));
		queued++;
		if (holding && nheld < HOLD_MAX) {
			held[nheld++] = ph.packet_id;
			printf("held %u\n", nheld);
			fflush(stdout);
			return MNL_CB_OK;
		}
		if (send_verdict(ph.packet_id))
			return MNL_CB_ERROR;
		return MNL_CB_OK;
	}
	printf("packet: no NFQA_PACKET_HDR\n");
	return MNL_CB_OK;
}

/* Receive until the ACK for seq s; packets arriving meanwhile are accepted. */
static int wait_ack(unsigned int s)
{
	for (;;) {
		ssize_t n = mnl_socket_recvfrom(nl, buf, sizeof(buf));
		int ret;

		if (n < 0 && errno == ENOBUFS)
			continue;
		if (n < 0)
			return -1;
		ret = mnl_cb_run(buf, n, s, portid, packet_cb, NULL);
		if (ret <= MNL_CB_STOP)
			return ret;
	}
}

static int config(const char *what, uint8_t cmd, uint16_t pf, int mode, int quiet)
{
	char b[MNL_SOCKET_BUFFER_SIZE];
	struct nlmsghdr *nlh = put_hdr(b, NFQNL_MSG_CONFIG, NLM_F_ACK, AF_UNSPEC);

	if (cmd != NFQNL_CFG_CMD_NONE) {
		struct nfqnl_msg_config_cmd c = { .command = cmd, .pf = htons(pf) };

		mnl_attr_put(nlh, NFQA_CFG_CMD, sizeof(c), &c);
	}
	if (mode >= 0) {
		struct nfqnl_msg_config_params p = {
			.copy_range = htonl(0), .copy_mode = mode,
		};

		mnl_attr_put(nlh, NFQA_CFG_PARAMS, sizeof(p), &p);
	}
	if (mnl_socket_sendto(nl, nlh, nlh->nlmsg_len) < 0)
		return quiet ? 0 : fail(what);
	if (wait_ack(seq) < 0)
		return quiet ? 0 : fail(what);
	return 0;
}

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
}

int main(int argc, char **argv)
{
	static const uint16_t pfs[] = { AF_INET, AF_INET6 };
	long long end;
	char *e1, *e2;
	long q, secs;
	size_t i;

	setvbuf(stdout, NULL, _IOLBF, 0);
	if (argc != 3)
		goto usage;
	q = strtol(argv[1], &e1, 0);
	secs = strtol(argv[2], &e2, 0);
	if (*e1 || *e2 || !*argv[1] || !*argv[2] || q < 0 || q > 65535 || secs < 0)
		goto usage;
	qnum = q;

	nl = mnl_socket_open(NETLINK_NETFILTER);
	if (!nl)
		return fail("socket");
	if (mnl_socket_bind(nl, 0, MNL_SOCKET_AUTOPID) < 0)
		return fail("bind");
	portid = mnl_socket_get_portid(nl);

	/* Legacy per-family (un)bind: a no-op on current kernels; errors ignored. */
	for (i = 0; i < sizeof(pfs) / sizeof(pfs[0]); i++) {
		config("pf_unbind", NFQNL_CFG_CMD_PF_UNBIND, pfs[i], -1, 1);
		config("pf_bind", NFQNL_CFG_CMD_PF_BIND, pfs[i], -1, 1);
	}
	if (config("queue_bind", NFQNL_CFG_CMD_BIND, 0, -1, 0))
		return 1;
	if (config("copy_mode", NFQNL_CFG_CMD_NONE, 0, NFQNL_COPY_META, 0))
		return 1;
	holding = !!getenv("NFWFP_QUEUE_HOLD");
	signal(SIGUSR1, on_usr1);
	printf("ready\n");
	fflush(stdout);

	end = now_ms() + secs * 1000LL;
	for (;;) {
		struct pollfd p = { .fd = mnl_socket_get_fd(nl), .events = POLLIN };
		long long left = end - now_ms();
		ssize_t n;
		int r;

		if (left <= 0)
			break;
		if (release && holding) {
			holding = 0;
			while (nheld)
				if (send_verdict(held[--nheld]))
					return fail("verdict");
			printf("released\n");
			fflush(stdout);
		}
		r = poll(&p, 1, left > 60000 ? 60000 : (int)left);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return fail("poll");
		if (r == 0)
			continue;
		n = mnl_socket_recvfrom(nl, buf, sizeof(buf));
		if (n < 0 && errno == ENOBUFS)
			continue;
		if (n < 0)
			return fail("recv");
		/* seq/portid 0: no checks; an NLMSG_ERROR (failed verdict) is -1. */
		if (mnl_cb_run(buf, n, 0, 0, packet_cb, NULL) < 0)
			return fail("verdict");
	}
	printf("queued=%lu\n", queued);
	mnl_socket_close(nl);
	return 0;

usage:
	fprintf(stderr, "usage: nfwfp-queue QNUM SECONDS\n");
	return 2;
}
