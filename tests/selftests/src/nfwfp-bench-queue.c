// SPDX-License-Identifier: GPL-2.0
/*
 * nfwfp-bench-queue: NFQUEUE in its best configuration, the user-space
 * counterpart of the inspect pattern that `make bench` compares nfwfp with
 * (libmnl, no libnetfilter_queue).
 *
 *   nfwfp-bench-queue QNUM accept|xor
 *
 * Binds queue QNUM with the whole packet copied to user space (inspection
 * needs the bytes), NFQA_CFG_F_GSO (GSO packets are queued whole, not
 * segmented), fail-open off (a full queue drops, as an absorbed packet
 * past nfwfp's cap does), a queue of 8192 packets, 16 MiB socket buffers
 * and NETLINK_NO_ENOBUFS. Then it takes every packet waiting (up to 64)
 * and answers them at once:
 *   accept  one NFQNL_MSG_VERDICT_BATCH (NF_ACCEPT up to the highest id);
 *   xor     every byte after the transport header XORed with 0x5a (the
 *           payload rewrite of nfwfp_test_inject modify=1) and the
 *           transport checksum computed over the whole packet (the kernel
 *           marks a mangled packet CHECKSUM_NONE: a partial checksum left
 *           as it is would be dropped at the receiver), one NF_ACCEPT
 *           verdict with NFQA_PAYLOAD per packet, all in one sendto().
 * Prints "ready" once bound; on SIGTERM/SIGINT prints "queued=N" and exits
 * 0. Errors: "WHAT: ERRNO", exit 1; usage: exit 2.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <libmnl/libmnl.h>
#include <linux/netfilter.h>
#include <linux/netfilter/nfnetlink.h>
#include <linux/netfilter/nfnetlink_queue.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define BATCH		64
#define RXBUF		(65536 + 4096)
#define TXBUF		(BATCH * RXBUF)
#define QUEUE_MAXLEN	8192
#define SOCKBUF		(16 << 20)

static struct mnl_socket *nl;
static unsigned int seq;
static uint16_t qnum;
static int xor_mode;
static unsigned long queued;
static volatile sig_atomic_t stop;
static char rx[BATCH][RXBUF];
static char tx[TXBUF];
static size_t tx_len;
static uint32_t max_id;

static int fail(const char *what)
{
	printf("%s: %s\n", what, strerrorname_np(errno) ? strerrorname_np(errno) : "?");
	return 1;
}

static struct nlmsghdr *put_hdr(char *b, int type, int flags)
{
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(b);
	struct nfgenmsg *nfg;

	nlh->nlmsg_type = (NFNL_SUBSYS_QUEUE << 8) | type;
	nlh->nlmsg_flags = NLM_F_REQUEST | flags;
	nlh->nlmsg_seq = ++seq;
	nfg = mnl_nlmsg_put_extra_header(nlh, sizeof(*nfg));
	nfg->nfgen_family = AF_UNSPEC;
	nfg->version = NFNETLINK_V0;
	nfg->res_id = htons(qnum);
	return nlh;
}

/* Send one config message and read its ACK (no packet is queued yet). */
static int config_send(struct nlmsghdr *nlh, const char *what)
{
	char b[MNL_SOCKET_BUFFER_SIZE];
	ssize_t n;

	if (mnl_socket_sendto(nl, nlh, nlh->nlmsg_len) < 0)
		return fail(what);
	n = mnl_socket_recvfrom(nl, b, sizeof(b));
	if (n < 0 || mnl_cb_run(b, n, seq, mnl_socket_get_portid(nl), NULL, NULL) < 0)
		return fail(what);
	return 0;
}

static int configure(void)
{
	struct nfqnl_msg_config_cmd cmd = { .command = NFQNL_CFG_CMD_BIND };
	struct nfqnl_msg_config_params params = {
		.copy_range = htonl(0xffff), .copy_mode = NFQNL_COPY_PACKET,
	};
	char b[MNL_SOCKET_BUFFER_SIZE];
	struct nlmsghdr *nlh;
	int v = SOCKBUF, one = 1;
	int fd = mnl_socket_get_fd(nl);

	if (setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &v, sizeof(v)) ||
	    setsockopt(fd, SOL_SOCKET, SO_SNDBUFFORCE, &v, sizeof(v)))
		return fail("sockbuf");
	if (setsockopt(fd, SOL_NETLINK, NETLINK_NO_ENOBUFS, &one, sizeof(one)))
		return fail("no_enobufs");

	nlh = put_hdr(b, NFQNL_MSG_CONFIG, NLM_F_ACK);
	mnl_attr_put(nlh, NFQA_CFG_CMD, sizeof(cmd), &cmd);
	if (config_send(nlh, "bind"))
		return 1;
	nlh = put_hdr(b, NFQNL_MSG_CONFIG, NLM_F_ACK);
	mnl_attr_put(nlh, NFQA_CFG_PARAMS, sizeof(params), &params);
	mnl_attr_put_u32(nlh, NFQA_CFG_QUEUE_MAXLEN, htonl(QUEUE_MAXLEN));
	mnl_attr_put_u32(nlh, NFQA_CFG_MASK, htonl(NFQA_CFG_F_GSO | NFQA_CFG_F_FAIL_OPEN));
	mnl_attr_put_u32(nlh, NFQA_CFG_FLAGS, htonl(NFQA_CFG_F_GSO));
	return config_send(nlh, "params");
}

/* Offset of the payload after the IP and transport headers, or -1. */
static int payload_offset(const uint8_t *p, int len)
{
	int l3, proto;

	if (len < 20)
		return -1;
	if ((p[0] >> 4) == 4) {
		l3 = (p[0] & 15) * 4;
		proto = p[9];
	} else {
		l3 = 40;
		proto = p[6];
	}
	if (proto == IPPROTO_UDP)
		return l3 + 8 <= len ? l3 + 8 : -1;
	if (proto == IPPROTO_TCP && l3 + 20 <= len)
		return l3 + (p[l3 + 12] >> 4) * 4;
	return -1;
}

static uint32_t sum16(const uint8_t *p, size_t len, uint32_t sum)
{
	size_t i;

	for (i = 0; i + 1 < len; i += 2)
		sum += (p[i] << 8) | p[i + 1];
	if (len & 1)
		sum += p[len - 1] << 8;
	return sum;
}

/* The TCP or UDP checksum of an IPv4 or IPv6 packet, recomputed in place. */
static void l4_checksum(uint8_t *p, int len)
{
	int v4 = (p[0] >> 4) == 4, l3 = v4 ? (p[0] & 15) * 4 : 40;
	int proto = v4 ? p[9] : p[6], at;
	uint32_t sum;

	if (proto != IPPROTO_UDP && proto != IPPROTO_TCP)
		return;
	at = l3 + (proto == IPPROTO_UDP ? 6 : 16);
	if (at + 2 > len)
		return;
	p[at] = p[at + 1] = 0;
	sum = v4 ? sum16(p + 12, 8, 0) : sum16(p + 8, 32, 0);
	sum += proto + (len - l3);
	sum = sum16(p + l3, len - l3, sum);
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	sum = ~sum & 0xffff;
	if (!sum && proto == IPPROTO_UDP)
		sum = 0xffff;
	p[at] = sum >> 8;
	p[at + 1] = sum & 0xff;
}

/* xor mode: the verdict with the rewritten packet, appended to tx. */
static int put_xor_verdict(uint32_t id_be, const uint8_t *pkt, int len)
{
	struct nfqnl_msg_verdict_hdr vh = { .verdict = htonl(NF_ACCEPT), .id = id_be };
	struct nlmsghdr *nlh;
	struct nlattr *a;
	int off = payload_offset(pkt, len), i;
	uint8_t *out;

	if (tx_len + MNL_ALIGN(len) + 256 > sizeof(tx))
		return -1;
	nlh = put_hdr(tx + tx_len, NFQNL_MSG_VERDICT, 0);
	mnl_attr_put(nlh, NFQA_VERDICT_HDR, sizeof(vh), &vh);
	a = (struct nlattr *)((char *)nlh + nlh->nlmsg_len);
	mnl_attr_put(nlh, NFQA_PAYLOAD, len, pkt);
	out = mnl_attr_get_payload(a);
	for (i = off < 0 ? len : off; i < len; i++)
		out[i] ^= 0x5a;
	if (off >= 0)
		l4_checksum(out, len);
	tx_len += nlh->nlmsg_len;
	return 0;
}

static int packet_cb(const struct nlmsghdr *nlh, void *data)
{
	struct nlattr *a, *payload = NULL;
	struct nfqnl_msg_packet_hdr ph;
	int have = 0;

	(void)data;
	if (nlh->nlmsg_type != ((NFNL_SUBSYS_QUEUE << 8) | NFQNL_MSG_PACKET))
		return MNL_CB_OK;
	mnl_attr_for_each(a, nlh, sizeof(struct nfgenmsg)) {
		if (mnl_attr_get_type(a) == NFQA_PACKET_HDR &&
		    mnl_attr_get_payload_len(a) >= sizeof(ph)) {
			memcpy(&ph, mnl_attr_get_payload(a), sizeof(ph));
			have = 1;
		} else if (mnl_attr_get_type(a) == NFQA_PAYLOAD) {
			payload = a;
		}
	}
	if (!have)
		return MNL_CB_OK;
	queued++;
	if (!xor_mode) {
		if (ntohl(ph.packet_id) > max_id)
			max_id = ntohl(ph.packet_id);
		return MNL_CB_OK;
	}
	if (!payload)
		return MNL_CB_ERROR;
	return put_xor_verdict(ph.packet_id, mnl_attr_get_payload(payload),
			       mnl_attr_get_payload_len(payload)) ? MNL_CB_ERROR : MNL_CB_OK;
}

static int flush_verdicts(void)
{
	if (!xor_mode && max_id) {
		struct nfqnl_msg_verdict_hdr vh = {
			.verdict = htonl(NF_ACCEPT), .id = htonl(max_id),
		};
		struct nlmsghdr *nlh = put_hdr(tx, NFQNL_MSG_VERDICT_BATCH, 0);

		mnl_attr_put(nlh, NFQA_VERDICT_HDR, sizeof(vh), &vh);
		tx_len = nlh->nlmsg_len;
		max_id = 0;
	}
	if (tx_len && mnl_socket_sendto(nl, tx, tx_len) < 0)
		return -1;
	tx_len = 0;
	return 0;
}

static void on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

int main(int argc, char **argv)
{
	struct sigaction sa = { .sa_handler = on_signal };
	char *end;
	long q;

	setvbuf(stdout, NULL, _IOLBF, 0);
	if (argc != 3 || (strcmp(argv[2], "accept") && strcmp(argv[2], "xor")))
		goto usage;
	q = strtol(argv[1], &end, 0);
	if (*end || !*argv[1] || q < 0 || q > 65535)
		goto usage;
	qnum = q;
	xor_mode = !strcmp(argv[2], "xor");
	/* No SA_RESTART: the blocking recv returns EINTR on the signal. */
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);

	nl = mnl_socket_open(NETLINK_NETFILTER);
	if (!nl)
		return fail("socket");
	if (mnl_socket_bind(nl, 0, MNL_SOCKET_AUTOPID) < 0)
		return fail("bind");
	if (configure())
		return 1;
	printf("ready\n");

	while (!stop) {
		ssize_t len[BATCH];
		int n = 0, i;

		/* Block for the first packet, then take what else is waiting. */
		while (n < BATCH) {
			len[n] = recv(mnl_socket_get_fd(nl), rx[n], RXBUF,
				      n ? MSG_DONTWAIT : 0);
			if (len[n] < 0)
				break;
			n++;
		}
		if (!n && errno != EINTR && errno != EAGAIN)
			return fail("recv");
		for (i = 0; i < n; i++)
			if (mnl_cb_run(rx[i], len[i], 0, 0, packet_cb, NULL) < 0)
				return fail("packet");
		if (flush_verdicts())
			return fail("verdict");
	}
	printf("queued=%lu\n", queued);
	mnl_socket_close(nl);
	return 0;

usage:
	fprintf(stderr, "usage: nfwfp-bench-queue QNUM accept|xor\n");
	return 2;
}
