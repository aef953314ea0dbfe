// SPDX-License-Identifier: GPL-2.0
/*
 * nfwfp-raw: the unusual packets the selftests send — hand-built IP headers
 * that lie, IPv6 extension headers and fragments, big datagrams, bulk TCP
 * and connections closed in a chosen order. One packet kind per call; the
 * result (or "<call>: <ERRNO name>") on stdout.
 *
 *   nfwfp-raw v4 DST PORT KIND       IPv4 IP_HDRINCL (IPPROTO_RAW), KIND:
 *       udp         a sane IP+UDP header (the control)
 *       tcp         a sane IP+TCP header, doff 5
 *       ihl4        ihl = 4 (less than the 20-byte minimum; 6.1.y refuses it)
 *       ihlbig      ihl = 15 in a 40-byte packet (the kernel refuses it)
 *       opts        ihl = 15 with lying options (0x44, length 255), then UDP
 *       totlen      tot_len = 9999 in a 33-byte packet
 *       version6    version nibble 6 on an IPv4 raw socket
 *       tcptrunc    protocol 6 with 10 bytes of TCP header
 *       tcpdoff     a 20-byte TCP header with doff = 4
 *       tcpdoffbig  a 20-byte TCP header with doff = 15
 *       udptrunc    protocol 17 with 4 bytes of UDP header
 *       icmp1       protocol 1 with 1 byte of ICMP
 *       icmpshort   protocol 1 with a 4-byte echo request
 *       proto253    protocol 253 (experimental), 8 bytes of payload "nfwfp253"
 *     The UDP/TCP source port is 40000, the destination PORT.
 *
 *   nfwfp-raw v6 SRC DST PORT KIND   IPv6 IPPROTO_RAW (always header-include):
 *       udp         IPv6 + UDP
 *       paylen      IPv6 + UDP with payload length 9999 (a lie)
 *       hbhudp      IPv6 + hop-by-hop (8 bytes) + UDP
 *       frag        IPv6 + fragment header (offset 0, M=1) + UDP: a first fragment
 *       fraglater   offset 8, M=0: a last fragment (no UDP header in it)
 *       atomic      offset 0, M=0: an "atomic fragment" (RFC 6946) + UDP
 *       hbhtrunc    hop-by-hop claiming 2048 bytes, then protocol 253
 *       hbhtruncudp hop-by-hop claiming 2048 bytes, then UDP
 *       version4    version nibble 4 on an IPv6 raw socket
 *       short       nexthdr 17 and no UDP header at all
 *
 *   nfwfp-raw exthdr DST PORT LPORT SPEC   UDP over IPv6 from LPORT with sticky
 *       extension headers, SPEC a comma list of hbh, dst, rt (a segment
 *       routing header whose only segment is DST)
 *   nfwfp-raw udpbig DST PORT SIZE   one UDP datagram of SIZE bytes, DF off
 *   nfwfp-raw udprecv ADDR PORT SECS "ready", then "got N bytes" per datagram
 *   nfwfp-raw tcpsend DST PORT BYTES connect, send BYTES of a pattern, close:
 *                                    "sent N sum=X"
 *   nfwfp-raw tcprecv ADDR PORT SECS accept one connection, read to EOF:
 *                                    "ready", then "received N sum=X"
 *   nfwfp-raw tcpclose DST PORT LPORT   from LPORT: connect, send, close first
 *   nfwfp-raw tcphold ADDR PORT FILE SECS  accept one connection, read to EOF,
 *                                    close only once FILE exists: "ready",
 *                                    "eof", "closed"
 *   nfwfp-raw tcpsink ADDR PORT SECS accept and drain connections until SECS
 *
 * Exit 0 on success, 1 on a failed call, 2 on bad usage.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static struct sockaddr_storage dst;
static socklen_t dstlen;

static int fail(const char *what)
{
	const char *name = strerrorname_np(errno);

	printf("%s: %s\n", what, name ? name : "?");
	return 1;
}

static void usage(void)
{
	fprintf(stderr, "usage: see the comment in nfwfp-raw.c\n");
	exit(2);
}

static int parse_addr(const char *s, int port, struct sockaddr_storage *ss,
		      socklen_t *len)
{
	struct sockaddr_in *a4 = (struct sockaddr_in *)ss;
	struct sockaddr_in6 *a6 = (struct sockaddr_in6 *)ss;

	memset(ss, 0, sizeof(*ss));
	if (inet_pton(AF_INET, s, &a4->sin_addr) == 1) {
		a4->sin_family = AF_INET;
		a4->sin_port = htons(port);
		*len = sizeof(*a4);
		return AF_INET;
	}
	if (inet_pton(AF_INET6, s, &a6->sin6_addr) == 1) {
		a6->sin6_family = AF_INET6;
		a6->sin6_port = htons(port);
		*len = sizeof(*a6);
		return AF_INET6;
	}
	fprintf(stderr, "bad address %s\n", s);
	exit(2);
}

static void put16(uint8_t *p, unsigned int v)
{
	p[0] = v >> 8;
	p[1] = v & 0xff;
}

/* A UDP header from 40000 to @port for @plen payload bytes; checksum 0. */
static void udp_hdr(uint8_t *p, int port, unsigned int plen)
{
	put16(p, 40000);
	put16(p + 2, port);
	put16(p + 4, 8 + plen);
	put16(p + 6, 0);
}

/* A TCP header from 40000 to @port: SYN, window 1024, @doff words. */
static void tcp_hdr(uint8_t *p, int port, unsigned int doff)
{
	memset(p, 0, 20);
	put16(p, 40000);
	put16(p + 2, port);
	p[7] = 1;			/* seq 1 */
	p[12] = doff << 4;
	p[13] = 0x02;			/* SYN */
	put16(p + 14, 1024);
}

static int send_raw(int af, const uint8_t *pkt, size_t len)
{
	int fd = socket(af, SOCK_RAW, IPPROTO_RAW);

	if (fd < 0)
		return fail("socket");
	if (sendto(fd, pkt, len, 0, (void *)&dst, dstlen) < 0)
		return fail("sendto");
	puts("sent");
	return 0;
}

static int do_v4(int port, const char *kind)
{
	uint8_t pkt[256] = { 0 };
	size_t len;

	if (dst.ss_family != AF_INET)
		usage();
	((struct sockaddr_in *)&dst)->sin_port = 0;
	pkt[0] = 0x45;
	pkt[8] = 64;					/* ttl */
	pkt[9] = 17;
	memcpy(pkt + 16, &((struct sockaddr_in *)&dst)->sin_addr, 4);
	/* saddr 0: the kernel fills it in when ihl >= 5 */
	memcpy(pkt + 28, "nfwfp", 5);
	udp_hdr(pkt + 20, port, 5);
	len = 33;
	if (!strcmp(kind, "udp")) {
		/* as built */
	} else if (!strcmp(kind, "tcp")) {
		pkt[9] = 6;
		tcp_hdr(pkt + 20, port, 5);
		len = 40;
	} else if (!strcmp(kind, "ihl4")) {
		pkt[0] = 0x44;
		len = 40;
	} else if (!strcmp(kind, "ihlbig")) {
		pkt[0] = 0x4f;
		len = 40;
	} else if (!strcmp(kind, "opts")) {
		pkt[0] = 0x4f;
		memset(pkt + 20, 0, 40);
		pkt[20] = 0x44;				/* timestamp ... */
		pkt[21] = 0xff;				/* ... of 255 bytes */
		udp_hdr(pkt + 60, port, 5);
		memcpy(pkt + 68, "nfwfp", 5);
		len = 73;
	} else if (!strcmp(kind, "totlen")) {
		put16(pkt + 2, 9999);
	} else if (!strcmp(kind, "version6")) {
		pkt[0] = 0x65;
	} else if (!strcmp(kind, "tcptrunc")) {
		pkt[9] = 6;
		tcp_hdr(pkt + 20, port, 5);
		len = 30;
	} else if (!strcmp(kind, "tcpdoff")) {
		pkt[9] = 6;
		tcp_hdr(pkt + 20, port, 4);
		len = 40;
	} else if (!strcmp(kind, "tcpdoffbig")) {
		pkt[9] = 6;
		tcp_hdr(pkt + 20, port, 15);
		len = 40;
	} else if (!strcmp(kind, "udptrunc")) {
		len = 24;
	} else if (!strcmp(kind, "icmp1")) {
		pkt[9] = 1;
		pkt[20] = 8;
		len = 21;
	} else if (!strcmp(kind, "icmpshort")) {
		pkt[9] = 1;
		memset(pkt + 20, 0, 4);
		pkt[20] = 8;
		len = 24;
	} else if (!strcmp(kind, "proto253")) {
		pkt[9] = 253;
		memcpy(pkt + 20, "nfwfp253", 8);
		len = 28;
	} else {
		usage();
	}
	return send_raw(AF_INET, pkt, len);
}

static int do_v6(const char *src, int port, const char *kind)
{
	uint8_t pkt[256] = { 0 };
	uint8_t *l4 = pkt + 40;
	size_t len;

	if (dst.ss_family != AF_INET6)
		usage();
	((struct sockaddr_in6 *)&dst)->sin6_port = 0;
	pkt[0] = 0x60;
	pkt[6] = 17;					/* next header */
	pkt[7] = 64;					/* hop limit */
	if (inet_pton(AF_INET6, src, pkt + 8) != 1)
		usage();
	memcpy(pkt + 24, &((struct sockaddr_in6 *)&dst)->sin6_addr, 16);

	if (!strcmp(kind, "udp") || !strcmp(kind, "version4") ||
	    !strcmp(kind, "short") || !strcmp(kind, "paylen")) {
		if (!strcmp(kind, "version4"))
			pkt[0] = 0x40;
		if (!strcmp(kind, "short")) {
			len = 40;
			goto out;
		}
	} else if (!strcmp(kind, "hbhudp")) {
		pkt[6] = 0;				/* hop-by-hop */
		l4[0] = 17;
		l4[1] = 0;				/* 8 bytes */
		l4[2] = 1;				/* PadN */
		l4[3] = 4;
		l4 += 8;
	} else if (!strcmp(kind, "hbhtrunc") || !strcmp(kind, "hbhtruncudp")) {
		pkt[6] = 0;
		l4[0] = !strcmp(kind, "hbhtrunc") ? 253 : 17;
		l4[1] = 255;				/* (255 + 1) * 8 bytes */
		l4[2] = 1;
		l4[3] = 4;
		l4 += 8;
	} else if (!strcmp(kind, "frag") || !strcmp(kind, "fraglater") ||
		   !strcmp(kind, "atomic")) {
		pkt[6] = 44;				/* fragment */
		l4[0] = 17;
		if (!strcmp(kind, "frag"))
			put16(l4 + 2, 1);		/* offset 0, M */
		else if (!strcmp(kind, "fraglater"))
			put16(l4 + 2, 1 << 3);		/* offset 1 (8 bytes), no M */
		l4[7] = 0x42;				/* identification */
		l4 += 8;
	} else {
		usage();
	}
	udp_hdr(l4, port, 5);
	memcpy(l4 + 8, "nfwfp", 5);
	len = l4 + 13 - pkt;
out:
	put16(pkt + 4, strcmp(kind, "paylen") ? len - 40 : 9999);
	return send_raw(AF_INET6, pkt, len);
}

static int do_exthdr(int lport, const char *spec)
{
	/* Destination options and hop-by-hop: one option of type 0x1e (skip
	 * when unknown), 4 bytes of data: 8 bytes in all. */
	uint8_t opt[8] = { 0, 0, 0x1e, 4, 'n', 'f', 'w', 'p' };
	uint8_t srh[24] = { 0, 2, 4, 0, 0, 0, 0, 0 };
	struct sockaddr_in6 src = { .sin6_family = AF_INET6 };
	int fd;

	if (dst.ss_family != AF_INET6)
		usage();
	fd = socket(AF_INET6, SOCK_DGRAM, 0);
	if (fd < 0)
		return fail("socket");
	src.sin6_port = htons(lport);
	if (bind(fd, (void *)&src, sizeof(src)) < 0)
		return fail("bind");
	if (strstr(spec, "hbh") &&
	    setsockopt(fd, IPPROTO_IPV6, IPV6_HOPOPTS, opt, sizeof(opt)) < 0)
		return fail("setsockopt IPV6_HOPOPTS");
	if (strstr(spec, "dst") &&
	    setsockopt(fd, IPPROTO_IPV6, IPV6_DSTOPTS, opt, sizeof(opt)) < 0)
		return fail("setsockopt IPV6_DSTOPTS");
	if (strstr(spec, "rt")) {
		/* SRH (type 4), segments_left 0, last entry 0: one segment. */
		memcpy(srh + 8, &((struct sockaddr_in6 *)&dst)->sin6_addr, 16);
		if (setsockopt(fd, IPPROTO_IPV6, IPV6_RTHDR, srh, sizeof(srh)) < 0)
			return fail("setsockopt IPV6_RTHDR");
	}
	if (sendto(fd, "exthdr", 6, 0, (void *)&dst, dstlen) < 0)
		return fail("sendto");
	puts("sent");
	return 0;
}

static int do_udpbig(int size)
{
	int fd = socket(dst.ss_family, SOCK_DGRAM, 0), val = 4 << 20;
	char *buf = malloc(size);

	if (fd < 0 || !buf)
		return fail("socket");
	/* Room for a datagram queued as hundreds of fragment-sized skbs. */
	setsockopt(fd, SOL_SOCKET, SO_SNDBUFFORCE, &val, sizeof(val));
	memset(buf, 'b', size);
	if (dst.ss_family == AF_INET) {
		val = IP_PMTUDISC_DONT;
		setsockopt(fd, IPPROTO_IP, IP_MTU_DISCOVER, &val, sizeof(val));
	} else {
		val = IPV6_PMTUDISC_DONT;
		setsockopt(fd, IPPROTO_IPV6, IPV6_MTU_DISCOVER, &val, sizeof(val));
	}
	if (sendto(fd, buf, size, 0, (void *)&dst, dstlen) < 0)
		return fail("sendto");
	puts("sent");
	return 0;
}

static int bound(int type)
{
	int fd = socket(dst.ss_family, type, 0), one = 1;

	if (fd < 0)
		return fail("socket"), -1;
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (bind(fd, (void *)&dst, dstlen) < 0)
		return fail("bind"), -1;
	if (type == SOCK_STREAM && listen(fd, 16) < 0)
		return fail("listen"), -1;
	return fd;
}

/* Wait up to @ms for @fd to be readable. */
static int readable(int fd, int ms)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };

	return poll(&p, 1, ms) > 0;
}

static int do_udprecv(int secs)
{
	static char buf[65536];
	time_t end = time(NULL) + secs;
	int fd = bound(SOCK_DGRAM), size = 4 << 20;

	if (fd < 0)
		return 1;
	/* Room for a reassembled 64 KB datagram of many small fragments. */
	setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &size, sizeof(size));
	puts("ready");
	while (time(NULL) < end) {
		ssize_t n;

		if (!readable(fd, 200))
			continue;
		n = recv(fd, buf, sizeof(buf), 0);
		if (n >= 0)
			printf("got %zd bytes\n", n);
	}
	return 0;
}

/* The pattern a bulk sender sends: byte i is (i * 7 + i / 251) & 0xff. */
static uint8_t pattern(uint64_t i)
{
	return (i * 7 + i / 251) & 0xff;
}

/* FNV-1a over the stream */
static uint32_t fnv(uint32_t h, const uint8_t *p, size_t n)
{
	while (n--) {
		h ^= *p++;
		h *= 16777619u;
	}
	return h;
}

static int connect_dst(int lport)
{
	int fd = socket(dst.ss_family, SOCK_STREAM, 0), one = 1;

	if (fd < 0)
		return fail("socket"), -1;
	if (lport) {
		struct sockaddr_storage src = { .ss_family = dst.ss_family };

		setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
		((struct sockaddr_in *)&src)->sin_port = htons(lport);
		if (bind(fd, (void *)&src, dstlen) < 0)
			return fail("bind"), -1;
	}
	if (connect(fd, (void *)&dst, dstlen) < 0)
		return fail("connect"), -1;
	return fd;
}

static int do_tcpsend(long bytes)
{
	static uint8_t buf[65536];
	uint32_t h = 2166136261u;
	long off = 0;
	int fd = connect_dst(0);

	if (fd < 0)
		return 1;
	while (off < bytes) {
		size_t n = bytes - off < (long)sizeof(buf) ? (size_t)(bytes - off) : sizeof(buf);
		ssize_t w;
		size_t i;

		for (i = 0; i < n; i++)
			buf[i] = pattern(off + i);
		w = send(fd, buf, n, 0);
		if (w < 0)
			return fail("send");
		h = fnv(h, buf, w);
		off += w;
	}
	shutdown(fd, SHUT_WR);
	/* Wait for the receiver's close so that every byte was acknowledged. */
	while (readable(fd, 10000) && recv(fd, buf, sizeof(buf), 0) > 0)
		;
	close(fd);
	printf("sent %ld sum=%08x\n", off, h);
	return 0;
}

static int accept_one(int lfd, int secs)
{
	int fd;

	if (!readable(lfd, secs * 1000)) {
		errno = ETIMEDOUT;
		return fail("accept"), -1;
	}
	fd = accept(lfd, NULL, NULL);
	if (fd < 0)
		return fail("accept"), -1;
	return fd;
}

static int do_tcprecv(int secs)
{
	static uint8_t buf[65536];
	uint32_t h = 2166136261u;
	long total = 0;
	int lfd = bound(SOCK_STREAM), fd;
	ssize_t n;

	if (lfd < 0)
		return 1;
	puts("ready");
	fd = accept_one(lfd, secs);
	if (fd < 0)
		return 1;
	while (readable(fd, secs * 1000) && (n = recv(fd, buf, sizeof(buf), 0)) > 0) {
		h = fnv(h, buf, n);
		total += n;
	}
	close(fd);
	printf("received %ld sum=%08x\n", total, h);
	return 0;
}

static int do_tcpclose(int lport)
{
	int fd = connect_dst(lport);

	if (fd < 0)
		return 1;
	if (send(fd, "x", 1, 0) < 0)
		return fail("send");
	close(fd);
	puts("sent");
	return 0;
}

static int do_tcphold(const char *file, int secs)
{
	time_t end = time(NULL) + secs;
	struct stat st;
	char buf[512];
	int lfd = bound(SOCK_STREAM), fd;

	if (lfd < 0)
		return 1;
	puts("ready");
	fd = accept_one(lfd, secs);
	if (fd < 0)
		return 1;
	while (readable(fd, secs * 1000) && recv(fd, buf, sizeof(buf), 0) > 0)
		;
	puts("eof");
	while (stat(file, &st) < 0 && time(NULL) < end)
		usleep(50000);
	close(fd);
	puts("closed");
	return 0;
}

static int do_tcpsink(int secs)
{
	time_t end = time(NULL) + secs;
	char buf[4096];
	int lfd = bound(SOCK_STREAM);

	if (lfd < 0)
		return 1;
	puts("ready");
	while (time(NULL) < end) {
		int fd;

		if (!readable(lfd, 200))
			continue;
		fd = accept(lfd, NULL, NULL);
		if (fd < 0)
			continue;
		while (readable(fd, 1000) && recv(fd, buf, sizeof(buf), 0) > 0)
			;
		close(fd);
	}
	return 0;
}

int main(int argc, char **argv)
{
	const char *mode;

	if (argc < 4)
		usage();
	mode = argv[1];
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (!strcmp(mode, "v4") && argc == 5) {
		parse_addr(argv[2], 0, &dst, &dstlen);
		return do_v4(atoi(argv[3]), argv[4]);
	}
	if (!strcmp(mode, "v6") && argc == 6) {
		parse_addr(argv[3], 0, &dst, &dstlen);
		return do_v6(argv[2], atoi(argv[4]), argv[5]);
	}
	if (argc < 5)
		usage();
	parse_addr(argv[2], atoi(argv[3]), &dst, &dstlen);
	if (!strcmp(mode, "exthdr") && argc == 6)
		return do_exthdr(atoi(argv[4]), argv[5]);
	if (!strcmp(mode, "udpbig"))
		return do_udpbig(atoi(argv[4]));
	if (!strcmp(mode, "udprecv"))
		return do_udprecv(atoi(argv[4]));
	if (!strcmp(mode, "tcpsend"))
		return do_tcpsend(atol(argv[4]));
	if (!strcmp(mode, "tcprecv"))
		return do_tcprecv(atoi(argv[4]));
	if (!strcmp(mode, "tcpclose"))
		return do_tcpclose(atoi(argv[4]));
	if (!strcmp(mode, "tcphold") && argc == 6)
		return do_tcphold(argv[4], atoi(argv[5]));
	if (!strcmp(mode, "tcpsink"))
		return do_tcpsink(atoi(argv[4]));
	usage();
	return 2;
}
