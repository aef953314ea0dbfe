// SPDX-License-Identifier: GPL-2.0
/*
 * nfwfp-stream: bulk streams with a hash at each end, to check that data a
 * module re-injects arrives intact and in order.
 *
 *   nfwfp-stream sink   tcp|udp ADDR PORT SECONDS
 *	Bind ADDR:PORT, print "ready", then receive for at most SECONDS.
 *	tcp: accept one connection, read to EOF, print "bytes=N hash=H"
 *	     ("timeout" if nobody connects; "bytes=N hash=H timeout" or
 *	     "bytes=N hash=H error=ERRNO" if the stream does not end cleanly).
 *	udp: stop after SECONDS, or 2 s after the last datagram, and print
 *	     "datagrams=D bytes=N hash=H". With NFWFP_STREAM_PRINT=1 in the
 *	     environment each payload is also printed as "got PAYLOAD".
 *   nfwfp-stream source tcp|tcpfile|udp ADDR PORT BYTES [CHUNK]
 *	Send BYTES bytes of the pattern byte(k) = (k * 131) ^ (k >> 8) ^ (k >> 16)
 *	and print "bytes=N hash=H xhash=X" (X: the hash of each byte ^ 0x5a).
 *	tcp:     connect (5 s), CHUNK-byte writes (16384), shutdown(SHUT_WR),
 *	         read to EOF (20 s), close.
 *	tcpfile: the same from a /tmp file with sendfile(); also prints
 *	         " file_unchanged=0|1" (file content re-hashed afterwards).
 *	udp:     CHUNK-byte datagrams (1000), 200 us apart; k runs on across
 *	         datagrams.
 *
 * NFWFP_STREAM_MARK=N in the environment gives the source socket SO_MARK N.
 * NFWFP_STREAM_OPTS, a comma list, sets more on the source socket, in order:
 *   tos=N    IP_TOS / IPV6_TCLASS (ECN bits included: UDP keeps them)
 *   ttl=N    IP_TTL / IPV6_UNICAST_HOPS
 *   prio=N   SO_PRIORITY (after tos=: IPv4's IP_TOS sets the priority too)
 *   nocheck  UDP: SO_NO_CHECK (IPv4), UDP_NO_CHECK6_TX (IPv6): checksum 0
 *   opts     IPv4: IP_OPTIONS with a record-route option (8 bytes);
 *            IPv6: IPV6_HOPOPTS, one PadN-like option of type 0x1e (8 bytes)
 *   bind=DEV SO_BINDTODEVICE
 *
 * H is FNV-1a 64 (%016llx) over the bytes in stream/arrival order. ADDR is
 * IPv4 or IPv6. Exit 0 on success, 1 on failure ("WHAT: ERRNO"), 2 on usage.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/ip.h>
#include <netinet/udp.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/sendfile.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define FNV_BASIS	0xcbf29ce484222325ULL
#define FNV_PRIME	0x100000001b3ULL
#define ULL(x)		((unsigned long long)(x))

struct stream {
	uint64_t off;		/* bytes so far */
	uint64_t hash;
	uint64_t xhash;		/* over byte ^ 0x5a */
};

static struct sockaddr_storage dst;
static socklen_t dstlen;
static char tmpname[] = "/tmp/nfwfp-stream.XXXXXX";
static int tmpmade;
static unsigned char rbuf[65536], *buf;
static size_t chunk;
static const struct stream stream0 = { 0, FNV_BASIS, FNV_BASIS };

static int fail(const char *what)
{
	printf("%s: %s\n", what, strerrorname_np(errno) ? strerrorname_np(errno) : "?");
	return 1;
}

static void __attribute__((noreturn)) usage(void)
{
	fprintf(stderr, "usage: see the comment in nfwfp-stream.c\n");
	exit(2);
}

static int parse_addr(const char *s, int port)
{
	struct sockaddr_in *a4 = (struct sockaddr_in *)&dst;
	struct sockaddr_in6 *a6 = (struct sockaddr_in6 *)&dst;

	a4->sin_port = htons(port);	/* sin6_port is at the same offset */
	if (inet_pton(AF_INET, s, &a4->sin_addr) == 1) {
		dstlen = sizeof(*a4);
		return a4->sin_family = AF_INET;
	}
	if (inet_pton(AF_INET6, s, &a6->sin6_addr) == 1) {
		dstlen = sizeof(*a6);
		return a6->sin6_family = AF_INET6;
	}
	fprintf(stderr, "bad address %s\n", s);
	exit(2);
}

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
}

/* Account n bytes of buf to the stream. */
static void stream_add(struct stream *s, const unsigned char *buf, size_t n)
{
	uint64_t h = s->hash, x = s->xhash;
	size_t i;

	for (i = 0; i < n; i++) {
		h = (h ^ buf[i]) * FNV_PRIME;
		x = (x ^ (buf[i] ^ 0x5a)) * FNV_PRIME;
	}
	s->hash = h;
	s->xhash = x;
	s->off += n;
}

/* Fill buf with the next n pattern bytes and account them. */
static void stream_produce(struct stream *s, unsigned char *buf, size_t n)
{
	uint64_t k = s->off;
	size_t i;

	for (i = 0; i < n; i++, k++)
		buf[i] = (uint8_t)((k * 131) ^ (k >> 8) ^ (k >> 16));
	stream_add(s, buf, n);
}

/* Read fd to EOF, accounting to s; -1 with errno (ETIMEDOUT) on failure. */
static int drain(int fd, long long end, struct stream *s)
{
	for (;;) {
		struct pollfd p = { .fd = fd, .events = POLLIN };
		long long left = end - now_ms();
		ssize_t n;

		if (left <= 0 || poll(&p, 1, left) == 0) {
			errno = ETIMEDOUT;
			return -1;
		}
		n = recv(fd, rbuf, sizeof(rbuf), MSG_DONTWAIT);
		if (n < 0 && errno == EAGAIN)
			continue;
		if (n <= 0)
			return n;
		stream_add(s, rbuf, n);
	}
}

/* A bound (and listening) socket; prints "ready". */
#ifndef UDP_NO_CHECK6_TX
#define UDP_NO_CHECK6_TX 101
#endif

/* One NFWFP_STREAM_OPTS item on fd; -1 (errno set) if it failed. */
static int source_opt(int fd, int af, const char *o)
{
	static const unsigned char rr[8] = { IPOPT_NOP, IPOPT_RR, 7, 4 };
	static const unsigned char hbh[8] = { 0, 0, 0x1e, 4, 'n', 'f', 'w', 'p' };
	int v = strchr(o, '=') ? atoi(strchr(o, '=') + 1) : 1;
	int v6 = af == AF_INET6;

	if (!strncmp(o, "tos=", 4))
		return setsockopt(fd, v6 ? IPPROTO_IPV6 : IPPROTO_IP,
				  v6 ? IPV6_TCLASS : IP_TOS, &v, sizeof(v));
	if (!strncmp(o, "ttl=", 4))
		return setsockopt(fd, v6 ? IPPROTO_IPV6 : IPPROTO_IP,
				  v6 ? IPV6_UNICAST_HOPS : IP_TTL, &v, sizeof(v));
	if (!strncmp(o, "prio=", 5))
		return setsockopt(fd, SOL_SOCKET, SO_PRIORITY, &v, sizeof(v));
	if (!strcmp(o, "nocheck"))
		return v6 ? setsockopt(fd, IPPROTO_UDP, UDP_NO_CHECK6_TX, &v, sizeof(v)) :
			    setsockopt(fd, SOL_SOCKET, SO_NO_CHECK, &v, sizeof(v));
	if (!strcmp(o, "opts"))
		return v6 ? setsockopt(fd, IPPROTO_IPV6, IPV6_HOPOPTS, hbh, sizeof(hbh)) :
			    setsockopt(fd, IPPROTO_IP, IP_OPTIONS, rr, sizeof(rr));
	if (!strncmp(o, "bind=", 5))
		return setsockopt(fd, SOL_SOCKET, SO_BINDTODEVICE, o + 5, strlen(o + 5));
	errno = EINVAL;
	return -1;
}

/*
 * A source socket; NFWFP_STREAM_MARK=N in the environment sets SO_MARK,
 * NFWFP_STREAM_OPTS the rest.
 */
static int source_socket(int af, int type)
{
	const char *mark = getenv("NFWFP_STREAM_MARK");
	const char *opts = getenv("NFWFP_STREAM_OPTS");
	int fd = socket(af, type, 0);
	char *list, *o, *save;
	unsigned int m;

	if (fd >= 0 && mark) {
		m = strtoul(mark, NULL, 0);
		if (setsockopt(fd, SOL_SOCKET, SO_MARK, &m, sizeof(m)) < 0) {
			close(fd);
			return -1;
		}
	}
	if (fd < 0 || !opts || !*opts)
		return fd;
	list = strdup(opts);
	for (o = strtok_r(list, ",", &save); o; o = strtok_r(NULL, ",", &save)) {
		if (source_opt(fd, af, o) < 0) {
			fprintf(stderr, "option %s: %s\n", o, strerror(errno));
			free(list);
			close(fd);
			return -1;
		}
	}
	free(list);
	return fd;
}

static int bound_socket(int af, int type)
{
	int fd = socket(af, type, 0), one = 1, rcvbuf = 4 << 20;

	if (fd < 0)
		return -1;
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	/* As root, SO_RCVBUFFORCE is not capped by net.core.rmem_max. */
	if (type == SOCK_DGRAM &&
	    setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &rcvbuf, sizeof(rcvbuf)) < 0)
		setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &rcvbuf, sizeof(rcvbuf));
	if (bind(fd, (void *)&dst, dstlen) < 0)
		return -1;
	if (type == SOCK_STREAM && listen(fd, 1) < 0)
		return -1;
	puts("ready");
	fflush(stdout);
	return fd;
}

static int sink_tcp(int af, long long end)
{
	int lfd = bound_socket(af, SOCK_STREAM), fd, ret;
	struct pollfd p = { .fd = lfd, .events = POLLIN };
	struct stream s = stream0;
	char tail[64] = "";

	if (lfd < 0)
		return fail("bind");
	if (poll(&p, 1, end - now_ms()) <= 0) {
		puts("timeout");
		return 1;
	}
	fd = accept(lfd, NULL, NULL);
	if (fd < 0)
		return fail("accept");
	close(lfd);
	ret = drain(fd, end, &s) < 0;
	if (ret && errno == ETIMEDOUT)
		strcpy(tail, " timeout");
	else if (ret)
		snprintf(tail, sizeof(tail), " error=%s", strerrorname_np(errno) ?: "?");
	printf("bytes=%llu hash=%016llx%s\n", ULL(s.off), ULL(s.hash), tail);
	close(fd);
	return ret;
}

static int sink_udp(int af, long long end)
{
	const char *env = getenv("NFWFP_STREAM_PRINT");
	int fd = bound_socket(af, SOCK_DGRAM), show = env && !strcmp(env, "1");
	unsigned long long dgrams = 0;
	long long last = 0;
	struct stream s = stream0;

	if (fd < 0)
		return fail("bind");
	for (;;) {
		struct pollfd p = { .fd = fd, .events = POLLIN };
		long long now = now_ms(), left = end - now;
		ssize_t n;

		if (dgrams && last + 2000 - now < left)
			left = last + 2000 - now;
		if (left <= 0)
			break;
		if (poll(&p, 1, left) <= 0)
			continue;
		n = recv(fd, rbuf, sizeof(rbuf), MSG_DONTWAIT);
		if (n < 0)
			continue;
		last = now_ms();
		dgrams++;
		stream_add(&s, rbuf, n);
		if (show)
			printf("got %.*s\n", (int)n, (char *)rbuf);
	}
	printf("datagrams=%llu bytes=%llu hash=%016llx\n", dgrams, ULL(s.off), ULL(s.hash));
	return 0;
}

/* Non-blocking connect with a 5 s limit; -1 with errno on failure. */
static int tcp_connect(int af)
{
	int fd = source_socket(af, SOCK_STREAM), err = 0;
	struct pollfd p = { .events = POLLOUT };
	socklen_t len = sizeof(err);
	struct timeval tv = { .tv_sec = 20 };

	if (fd < 0)
		return -1;
	fcntl(fd, F_SETFL, O_NONBLOCK);
	if (connect(fd, (void *)&dst, dstlen) < 0 && errno != EINPROGRESS)
		return -1;
	p.fd = fd;
	if (poll(&p, 1, 5000) <= 0) {
		errno = ETIMEDOUT;
		return -1;
	}
	getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len);
	if (err) {
		errno = err;
		return -1;
	}
	fcntl(fd, F_SETFL, 0);
	/* A stalled stream fails with EAGAIN rather than hanging. */
	setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
	return fd;
}

/* Write n bytes of b to fd, or sendfile() them in chunks from in at *off. */
static int send_all(int fd, const unsigned char *b, int in, off_t *off, uint64_t n)
{
	while (n) {
		size_t len = n < chunk ? n : chunk;
		ssize_t r = in < 0 ? write(fd, b, len) : sendfile(fd, in, off, len);

		if (r < 0 && errno == EINTR)
			continue;
		if (r == 0)
			errno = ENODATA;
		if (r <= 0)
			return -1;
		if (in < 0)
			b += r;
		n -= r;
	}
	return 0;
}

/* Send the pattern stream up to bytes to fd: writes, or datagrams 200 us apart. */
static int send_pattern(int fd, struct stream *s, uint64_t bytes, int dgram)
{
	while (s->off < bytes) {
		size_t n = bytes - s->off < chunk ? bytes - s->off : chunk;

		stream_produce(s, buf, n);
		if (!dgram && send_all(fd, buf, -1, NULL, n) < 0)
			return -1;
		if (dgram && sendto(fd, buf, n, 0, (void *)&dst, dstlen) < 0)
			return -1;
		if (dgram)
			usleep(200);
	}
	return 0;
}

static uint64_t file_hash(int fd)
{
	struct stream s = stream0;
	ssize_t n;

	while ((n = pread(fd, buf, chunk, s.off)) > 0)
		stream_add(&s, buf, n);
	return n < 0 ? 0 : s.hash;
}

static int source_tcp(int af, uint64_t bytes, int file)
{
	struct stream s = stream0, in = stream0;
	int fd, tfd = -1;
	off_t off = 0;

	if (file) {
		tfd = mkstemp(tmpname);
		tmpmade = tfd >= 0;
		if (tfd < 0 || send_pattern(tfd, &s, bytes, 0) < 0)
			return fail("tmpfile");
	}
	fd = tcp_connect(af);
	if (fd < 0)
		return fail("connect");
	if (file ? send_all(fd, buf, tfd, &off, bytes) : send_pattern(fd, &s, bytes, 0))
		return fail(file ? "sendfile" : "write");
	if (shutdown(fd, SHUT_WR) < 0)
		return fail("shutdown");
	if (drain(fd, now_ms() + 20000, &in) < 0)
		return fail("read");
	close(fd);
	printf("bytes=%llu hash=%016llx xhash=%016llx", ULL(s.off), ULL(s.hash), ULL(s.xhash));
	if (file)
		printf(" file_unchanged=%d", file_hash(tfd) == s.hash);
	putchar('\n');
	return 0;
}

static int source_udp(int af, uint64_t bytes)
{
	int fd = source_socket(af, SOCK_DGRAM);
	struct stream s = stream0;

	if (fd < 0)
		return fail("socket");
	if (send_pattern(fd, &s, bytes, 1) < 0)
		return fail("sendto");
	printf("bytes=%llu hash=%016llx xhash=%016llx\n", ULL(s.off), ULL(s.hash), ULL(s.xhash));
	return 0;
}

static void cleanup(void)
{
	if (tmpmade)
		unlink(tmpname);
}

int main(int argc, char **argv)
{
	const char *mode, *proto;
	unsigned long long bytes;
	long n = 0;
	int af;

	if (argc < 6 || argc > 7)
		usage();
	mode = argv[1];
	proto = argv[2];
	af = parse_addr(argv[3], atoi(argv[4]));
	setvbuf(stdout, NULL, _IOLBF, 0);
	signal(SIGPIPE, SIG_IGN);
	atexit(cleanup);
	if (!strcmp(mode, "sink") && argc == 6) {
		long long end = now_ms() + atoi(argv[5]) * 1000LL;

		if (!strcmp(proto, "tcp"))
			return sink_tcp(af, end);
		if (!strcmp(proto, "udp"))
			return sink_udp(af, end);
		usage();
	}
	if (strcmp(mode, "source"))
		usage();
	bytes = strtoull(argv[5], NULL, 0);
	if (argc == 7 && ((n = atol(argv[6])) <= 0 || n > (16 << 20)))
		usage();
	chunk = n ?: !strcmp(proto, "udp") ? 1000 : 16384;
	buf = malloc(chunk);
	if (!buf)
		return fail("malloc");
	if (!strcmp(proto, "tcp") || !strcmp(proto, "tcpfile"))
		return source_tcp(af, bytes, proto[3] == 'f');
	if (!strcmp(proto, "udp"))
		return source_udp(af, bytes);
	usage();
}
