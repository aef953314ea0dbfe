// SPDX-License-Identifier: GPL-2.0
/*
 * nfwfp-send: the traffic the selftests need, one packet or connection per
 * call, with the result (or errno name) on stdout.
 *
 *   nfwfp-send udp   ADDR PORT [PAYLOAD]     one datagram
 *   nfwfp-send tcp   ADDR PORT [PAYLOAD]     connect (3 s), send, close
 *   (udp and tcp print "sent", or "sent lport=N" with NFWFP_SEND_LPORT set)
 *   nfwfp-send ping  ADDR                    one ICMP/ICMPv6 echo request
 *   nfwfp-send raw   ADDR PROTO [PAYLOAD]    raw socket, kernel-built header
 *   nfwfp-send hdrincl ADDR PORT [PAYLOAD]   IPv4 IP_HDRINCL: IP+UDP by hand
 *   nfwfp-send frag  ADDR PORT [PAYLOAD]     the same, as a first fragment (MF)
 *   nfwfp-send join  GROUP                   join an IPv4 group (IGMP report)
 *   nfwfp-send uso   ADDR PORT               one UDP GSO send: 3 x 1000 bytes
 *   nfwfp-send icmperr ADDR                  a port unreachable from a raw socket
 *   nfwfp-send recv  ADDR PORT SECONDS       print each UDP payload received
 *   nfwfp-send echo  ADDR PORT SECONDS       the same, and send each one back
 *   nfwfp-send ask   ADDR PORT [PAYLOAD]     from an unconnected socket: send,
 *                                            wait 8 s for one reply, print
 *                                            "reply from ADDR PORT PAYLOAD"
 *
 * ADDR is IPv4 or IPv6, an IPv6 one optionally with %INTERFACE (the scope of
 * a link-local or multicast address). Exit 0 on success, 1 on a failed call.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <net/if.h>
#include <netinet/icmp6.h>
#include <netinet/in.h>
#include <netinet/ip.h>
#include <netinet/ip_icmp.h>
#include <netinet/udp.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static struct sockaddr_storage dst;
static socklen_t dstlen;

static int fail(const char *what)
{
	printf("%s: %s\n", what, strerrorname_np(errno) ? strerrorname_np(errno) : "?");
	return 1;
}

static int parse_addr(const char *arg, int port)
{
	struct sockaddr_in *a4 = (struct sockaddr_in *)&dst;
	struct sockaddr_in6 *a6 = (struct sockaddr_in6 *)&dst;
	char s[INET6_ADDRSTRLEN + IF_NAMESIZE + 1], *zone;

	memset(&dst, 0, sizeof(dst));
	snprintf(s, sizeof(s), "%s", arg);
	zone = strchr(s, '%');
	if (zone) {
		*zone++ = '\0';
		a6->sin6_scope_id = if_nametoindex(zone);
		if (!a6->sin6_scope_id) {
			fprintf(stderr, "bad interface %s\n", zone);
			exit(2);
		}
	}
	if (!zone && inet_pton(AF_INET, s, &a4->sin_addr) == 1) {
		a4->sin_family = AF_INET;
		a4->sin_port = htons(port);
		dstlen = sizeof(*a4);
		return AF_INET;
	}
	if (inet_pton(AF_INET6, s, &a6->sin6_addr) == 1) {
		a6->sin6_family = AF_INET6;
		a6->sin6_port = htons(port);
		dstlen = sizeof(*a6);
		return AF_INET6;
	}
	fprintf(stderr, "bad address %s\n", s);
	exit(2);
}

/*
 * "sent", and with NFWFP_SEND_LPORT set "sent lport=N": the port the
 * socket was bound to, for a test to compare with what a callout saw.
 */
static int sent(int fd)
{
	struct sockaddr_storage a;
	socklen_t alen = sizeof(a);

	if (getenv("NFWFP_SEND_LPORT") && !getsockname(fd, (void *)&a, &alen))
		/* sin6_port is at the same offset as sin_port */
		printf("sent lport=%u\n", ntohs(((struct sockaddr_in *)&a)->sin_port));
	else
		puts("sent");
	close(fd);
	return 0;
}

static int do_udp(int af, const char *payload)
{
	int fd = socket(af, SOCK_DGRAM, 0);

	if (fd < 0)
		return fail("socket");
	if (sendto(fd, payload, strlen(payload), 0, (void *)&dst, dstlen) < 0)
		return fail("sendto");
	return sent(fd);
}

static int do_tcp(int af, const char *payload)
{
	int fd = socket(af, SOCK_STREAM, 0), err = 0;
	struct pollfd p = { .events = POLLOUT };
	socklen_t len = sizeof(err);

	if (fd < 0)
		return fail("socket");
	fcntl(fd, F_SETFL, O_NONBLOCK);
	if (connect(fd, (void *)&dst, dstlen) < 0 && errno != EINPROGRESS)
		return fail("connect");
	p.fd = fd;
	if (poll(&p, 1, 3000) <= 0) {
		errno = ETIMEDOUT;
		return fail("connect");
	}
	getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len);
	if (err) {
		errno = err;
		return fail("connect");
	}
	fcntl(fd, F_SETFL, 0);
	if (send(fd, payload, strlen(payload), 0) < 0)
		return fail("send");
	shutdown(fd, SHUT_WR);
	return sent(fd);
}

static int do_ping(int af)
{
	unsigned char buf[16] = { 0 };
	int fd;

	if (af == AF_INET) {
		fd = socket(AF_INET, SOCK_RAW, IPPROTO_ICMP);
		buf[0] = ICMP_ECHO;
	} else {
		fd = socket(AF_INET6, SOCK_RAW, IPPROTO_ICMPV6);
		buf[0] = ICMP6_ECHO_REQUEST;
	}
	if (fd < 0)
		return fail("socket");
	if (af == AF_INET) {
		/* RFC 1071 checksum over the 16-byte message. */
		unsigned int sum = 0, i;

		for (i = 0; i < sizeof(buf); i += 2)
			sum += buf[i] << 8 | buf[i + 1];
		sum = (sum >> 16) + (sum & 0xffff);
		sum = ~(sum + (sum >> 16)) & 0xffff;
		buf[2] = sum >> 8;
		buf[3] = sum & 0xff;
	}
	if (sendto(fd, buf, sizeof(buf), 0, (void *)&dst, dstlen) < 0)
		return fail("sendto");
	puts("sent");
	return 0;
}

/* An ICMP error a user raw socket sends: not the stack's own (WFP: datagram). */
static int do_icmperr(int af)
{
	unsigned char buf[8] = { 0 };
	int fd;

	if (af == AF_INET) {
		fd = socket(AF_INET, SOCK_RAW, IPPROTO_ICMP);
		buf[0] = ICMP_DEST_UNREACH;
		buf[1] = ICMP_PORT_UNREACH;
		buf[2] = 0xfc;		/* checksum of 03 03 00 00 ... */
		buf[3] = 0xfc;
	} else {
		/* The kernel fills in the ICMPv6 checksum. */
		fd = socket(AF_INET6, SOCK_RAW, IPPROTO_ICMPV6);
		buf[0] = ICMP6_DST_UNREACH;
		buf[1] = ICMP6_DST_UNREACH_NOPORT;
	}
	if (fd < 0)
		return fail("socket");
	if (sendto(fd, buf, sizeof(buf), 0, (void *)&dst, dstlen) < 0)
		return fail("sendto");
	puts("sent");
	return 0;
}

static int do_raw(int af, int proto, const char *payload)
{
	int fd = socket(af, SOCK_RAW, proto);

	if (fd < 0)
		return fail("socket");
	((struct sockaddr_in *)&dst)->sin_port = 0;
	if (sendto(fd, payload, strlen(payload), 0, (void *)&dst, dstlen) < 0)
		return fail("sendto");
	return sent(fd);
}

static int do_hdrincl(int port, const char *payload, int frag)
{
	unsigned char pkt[1500] = { 0 };
	struct iphdr *ip = (void *)pkt;
	struct udphdr *udp = (void *)(pkt + 24);	/* 4 bytes of options */
	size_t plen = strlen(payload);
	int fd = socket(AF_INET, SOCK_RAW, IPPROTO_RAW);

	if (fd < 0)
		return fail("socket");
	ip->version = 4;
	ip->ihl = 6;
	ip->ttl = 64;
	ip->protocol = IPPROTO_UDP;
	if (frag)
		ip->frag_off = htons(IP_MF);
	ip->daddr = ((struct sockaddr_in *)&dst)->sin_addr.s_addr;
	pkt[20] = 1; pkt[21] = 1; pkt[22] = 1; pkt[23] = 0;	/* NOP NOP NOP EOL */
	udp->source = htons(40000);
	udp->dest = htons(port);
	udp->len = htons(8 + plen);
	memcpy(pkt + 32, payload, plen);
	if (sendto(fd, pkt, 32 + plen, 0, (void *)&dst, dstlen) < 0)
		return fail("sendto");
	puts("sent");
	return 0;
}

#ifndef UDP_SEGMENT
#define UDP_SEGMENT 103
#endif

static int do_uso(int af)
{
	int fd = socket(af, SOCK_DGRAM, 0), gso = 1000;
	char buf[3000];

	if (fd < 0)
		return fail("socket");
	if (setsockopt(fd, IPPROTO_UDP, UDP_SEGMENT, &gso, sizeof(gso)) < 0)
		return fail("UDP_SEGMENT");
	memset(buf, 'u', sizeof(buf));
	if (sendto(fd, buf, sizeof(buf), 0, (void *)&dst, dstlen) < 0)
		return fail("sendto");
	puts("sent");
	return 0;
}

static int do_join(void)
{
	struct ip_mreqn mr = { .imr_ifindex = 0 };
	int fd = socket(AF_INET, SOCK_DGRAM, 0);

	if (fd < 0)
		return fail("socket");
	mr.imr_multiaddr = ((struct sockaddr_in *)&dst)->sin_addr;
	if (setsockopt(fd, IPPROTO_IP, IP_ADD_MEMBERSHIP, &mr, sizeof(mr)) < 0)
		return fail("join");
	usleep(300000);
	puts("joined");
	return 0;
}

static void print_peer(const struct sockaddr_storage *ss, const char *what,
		       const char *payload)
{
	char a[INET6_ADDRSTRLEN] = "?";
	int port = 0;

	if (ss->ss_family == AF_INET) {
		const struct sockaddr_in *s4 = (const void *)ss;

		inet_ntop(AF_INET, &s4->sin_addr, a, sizeof(a));
		port = ntohs(s4->sin_port);
	} else if (ss->ss_family == AF_INET6) {
		const struct sockaddr_in6 *s6 = (const void *)ss;

		inet_ntop(AF_INET6, &s6->sin6_addr, a, sizeof(a));
		port = ntohs(s6->sin6_port);
	}
	printf("%s %s %d %s\n", what, a, port, payload);
}

static int do_ask(int af, const char *payload)
{
	int fd = socket(af, SOCK_DGRAM, 0);
	struct pollfd p = { .fd = fd, .events = POLLIN };
	struct sockaddr_storage from;
	socklen_t fromlen = sizeof(from);
	char buf[2048];
	ssize_t n;

	if (fd < 0)
		return fail("socket");
	/* sendto, never connect: a reply from another address must get in. */
	if (sendto(fd, payload, strlen(payload), 0, (void *)&dst, dstlen) < 0)
		return fail("sendto");
	if (poll(&p, 1, 8000) <= 0)
		return fail("no reply");
	n = recvfrom(fd, buf, sizeof(buf) - 1, 0, (void *)&from, &fromlen);
	if (n < 0)
		return fail("recvfrom");
	buf[n] = '\0';
	print_peer(&from, "reply from", buf);
	return 0;
}

static int do_recv(int af, int secs, int echo)
{
	int fd = socket(af, SOCK_DGRAM, 0), one = 1;
	time_t end = time(NULL) + secs;
	char buf[2048];

	if (fd < 0)
		return fail("socket");
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (bind(fd, (void *)&dst, dstlen) < 0)
		return fail("bind");
	puts("ready");
	fflush(stdout);
	while (time(NULL) < end) {
		struct pollfd p = { .fd = fd, .events = POLLIN };
		ssize_t n;

		if (poll(&p, 1, 200) <= 0)
			continue;
		struct sockaddr_storage from;
		socklen_t fromlen = sizeof(from);

		n = recvfrom(fd, buf, sizeof(buf) - 1, 0, (void *)&from, &fromlen);
		if (n < 0)
			continue;
		buf[n] = '\0';
		printf("got %s\n", buf);
		if (echo && sendto(fd, buf, n, 0, (void *)&from, fromlen) == n)
			print_peer(&from, "echoed to", buf);
		fflush(stdout);
	}
	return 0;
}

int main(int argc, char **argv)
{
	const char *payload;
	int af;

	if (argc < 3) {
		fprintf(stderr, "usage: see the comment in nfwfp-send.c\n");
		return 2;
	}
	af = parse_addr(argv[2], argc > 3 ? atoi(argv[3]) : 0);
	payload = argc > 4 ? argv[4] : "nfwfp";
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (!strcmp(argv[1], "udp"))
		return do_udp(af, payload);
	if (!strcmp(argv[1], "tcp"))
		return do_tcp(af, payload);
	if (!strcmp(argv[1], "ping"))
		return do_ping(af);
	if (!strcmp(argv[1], "raw"))
		return do_raw(af, atoi(argv[3]), payload);
	if (!strcmp(argv[1], "hdrincl"))
		return do_hdrincl(atoi(argv[3]), payload, 0);
	if (!strcmp(argv[1], "frag"))
		return do_hdrincl(atoi(argv[3]), payload, 1);
	if (!strcmp(argv[1], "join"))
		return do_join();
	if (!strcmp(argv[1], "uso"))
		return do_uso(af);
	if (!strcmp(argv[1], "icmperr"))
		return do_icmperr(af);
	if (!strcmp(argv[1], "recv"))
		return do_recv(af, argc > 4 ? atoi(argv[4]) : 5, 0);
	if (!strcmp(argv[1], "echo"))
		return do_recv(af, argc > 4 ? atoi(argv[4]) : 5, 1);
	if (!strcmp(argv[1], "ask"))
		return do_ask(af, payload);
	fprintf(stderr, "unknown mode %s\n", argv[1]);
	return 2;
}
