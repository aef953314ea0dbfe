// SPDX-License-Identifier: GPL-2.0
/*
 * nfwfp-load: many TCP and UDP flows from one process, each checked end to
 * end, for the stress selftests (128 nfwfp-stream processes would cost a
 * TCG guest more than the traffic itself).
 *
 *   nfwfp-load sink   ADDR PORT NTCP NUDP SECONDS
 *	Listen on TCP ADDR:PORT..PORT+NTCP-1 and bind UDP ADDR:PORT..
 *	PORT+NUDP-1, print "ready", receive until every TCP flow has ended
 *	and no datagram came for 3 s, or SECONDS have passed, or SIGUSR1
 *	came. Prints one line
 *	per flow, then the totals:
 *	  tcp PORT bytes=N hash=H		(H as in nfwfp-stream.c)
 *	  udp PORT delivered=N bad=N reordered=N
 *	  sink tcp_ended=N tcp_bytes=N udp_delivered=N udp_bad=N udp_reordered=N
 *   nfwfp-load source ADDR PORT NTCP NUDP SECONDS
 *	Connect the NTCP flows, then for SECONDS (or until SIGUSR1) write the
 *	nfwfp-stream pattern on every TCP flow as fast as it goes and send
 *	NFWFP_LOAD_UDP_PPS datagrams a second (default 1000) round-robin over
 *	the UDP flows; then end every TCP flow (shutdown, read to EOF: the
 *	flows fail once none made progress for 150 s, or after 25 minutes).
 *	  tcp PORT bytes=N hash=H
 *	  udp PORT sent=N
 *	  source tcp_flows=N tcp_bytes=N udp_sent=N udp_send_errors=N end_ms=N
 *   nfwfp-load flood  ADDR PORT SECONDS
 *	Send 64-byte datagrams to ADDR:PORT as fast as possible for SECONDS,
 *	never blocking, from as many sockets as it takes (up to 512); prints
 *	"flood sent=N errors=N sockets=N".
 *
 * A datagram is 512 bytes: flow (u32), sequence (u32), then byte i =
 * flow * 7 + seq + i. The sink counts a datagram whose bytes differ as bad
 * and one whose sequence is below the flow's highest so far as reordered.
 * A datagram sendto() refused (ENOBUFS, ENETDOWN ...) is an error, not
 * sent. Exit 0, or 1 when a flow could not be set up or failed.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/sockios.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define FNV_BASIS	0xcbf29ce484222325ULL
#define FNV_PRIME	0x100000001b3ULL
#define MAXFLOWS	256
#define DGRAM		512
#define CHUNK		16384
#define ULL(x)		((unsigned long long)(x))

struct tcp_flow {
	int fd;
	int ended;		/* sink: EOF seen; source: EOF read back */
	int shut;		/* source: shutdown(SHUT_WR) done */
	uint64_t off;
	uint64_t hash;
};

struct udp_flow {
	int fd;
	uint32_t seq;		/* source: next; sink: highest + 1 */
	uint64_t count;		/* sent or delivered */
	uint64_t bad;
	uint64_t reordered;
};

static struct tcp_flow tcp[MAXFLOWS];
static struct udp_flow udp[MAXFLOWS];
static int ntcp, nudp, base;
static struct sockaddr_storage addr;
static socklen_t addrlen;
static volatile sig_atomic_t stop;
static long long end_ms;		/* source: how long ending the TCP flows took */
static unsigned char buf[65536];

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
}

static void on_usr1(int sig)
{
	(void)sig;
	stop = 1;
}

static void set_port(int port)
{
	/* sin6_port is at the same offset as sin_port */
	((struct sockaddr_in *)&addr)->sin_port = htons(port);
}

static void parse_addr(const char *s)
{
	struct sockaddr_in *a4 = (struct sockaddr_in *)&addr;
	struct sockaddr_in6 *a6 = (struct sockaddr_in6 *)&addr;

	if (inet_pton(AF_INET, s, &a4->sin_addr) == 1) {
		a4->sin_family = AF_INET;
		addrlen = sizeof(*a4);
	} else if (inet_pton(AF_INET6, s, &a6->sin6_addr) == 1) {
		a6->sin6_family = AF_INET6;
		addrlen = sizeof(*a6);
	} else {
		fprintf(stderr, "bad address %s\n", s);
		exit(2);
	}
}

static int fail(const char *what, int port)
{
	printf("%s %d: %s\n", what, port, strerrorname_np(errno) ?: "?");
	return 1;
}

static void hash_add(struct tcp_flow *f, const unsigned char *b, size_t n)
{
	uint64_t h = f->hash;
	size_t i;

	for (i = 0; i < n; i++)
		h = (h ^ b[i]) * FNV_PRIME;
	f->hash = h;
	f->off += n;
}

/* The nfwfp-stream pattern from the flow's offset on, accounted. */
static void produce(struct tcp_flow *f, unsigned char *b, size_t n)
{
	uint64_t k = f->off;
	size_t i;

	for (i = 0; i < n; i++, k++)
		b[i] = (uint8_t)((k * 131) ^ (k >> 8) ^ (k >> 16));
	hash_add(f, b, n);
}

static void dgram_fill(unsigned char *b, uint32_t flow, uint32_t seq)
{
	int i;

	memcpy(b, &flow, 4);
	memcpy(b + 4, &seq, 4);
	for (i = 8; i < DGRAM; i++)
		b[i] = (uint8_t)(flow * 7 + seq + i);
}

static int dgram_ok(const unsigned char *b, ssize_t n, uint32_t flow, uint32_t *seq)
{
	uint32_t f;
	int i;

	if (n != DGRAM)
		return 0;
	memcpy(&f, b, 4);
	memcpy(seq, b + 4, 4);
	if (f != flow)
		return 0;
	for (i = 8; i < DGRAM; i++)
		if (b[i] != (uint8_t)(flow * 7 + *seq + i))
			return 0;
	return 1;
}

static int sock_for(int type, int port, int bind_it)
{
	int fd = socket(addr.ss_family, type | SOCK_NONBLOCK, 0), one = 1;
	int rcvbuf = 4 << 20;

	if (fd < 0)
		return -1;
	set_port(port);
	if (!bind_it)
		return fd;
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (type == SOCK_DGRAM &&
	    setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &rcvbuf, sizeof(rcvbuf)) < 0)
		setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &rcvbuf, sizeof(rcvbuf));
	if (bind(fd, (void *)&addr, addrlen) < 0 ||
	    (type == SOCK_STREAM && listen(fd, 1) < 0)) {
		close(fd);
		return -1;
	}
	return fd;
}

static void sink_tcp_read(struct tcp_flow *f)
{
	ssize_t n = recv(f->fd, buf, sizeof(buf), 0);

	if (n > 0) {
		hash_add(f, buf, n);
	} else if (n == 0 || (errno != EAGAIN && errno != EINTR)) {
		f->ended = n == 0 ? 1 : -1;
		close(f->fd);
		f->fd = -1;
	}
}

static void sink_udp_read(int i)
{
	struct udp_flow *u = &udp[i];
	uint32_t seq;
	ssize_t n;

	while ((n = recv(u->fd, buf, sizeof(buf), 0)) >= 0) {
		u->count++;
		if (!dgram_ok(buf, n, i, &seq)) {
			u->bad++;
		} else if (seq < u->seq) {
			u->reordered++;
		} else {
			u->seq = seq + 1;
		}
	}
}

static int sink(int secs)
{
	int lfd[MAXFLOWS], i, ended = 0, rc = 0;
	long long end = now_ms() + secs * 1000LL, last = 0;
	struct pollfd p[3 * MAXFLOWS];
	uint64_t tb = 0, ud = 0, ub = 0, ur = 0;

	for (i = 0; i < ntcp; i++) {
		lfd[i] = sock_for(SOCK_STREAM, base + i, 1);
		if (lfd[i] < 0)
			return fail("listen", base + i);
		tcp[i].fd = -1;
		tcp[i].hash = FNV_BASIS;
	}
	for (i = 0; i < nudp; i++) {
		udp[i].fd = sock_for(SOCK_DGRAM, base + i, 1);
		if (udp[i].fd < 0)
			return fail("bind", base + i);
	}
	puts("ready");
	while (!stop && now_ms() < end) {
		int n = 0, quiet = last && now_ms() - last > 3000;

		if (ended == ntcp && (!nudp || quiet))
			break;
		for (i = 0; i < ntcp; i++) {
			p[n++] = (struct pollfd){ .fd = lfd[i], .events = POLLIN };
			p[n++] = (struct pollfd){ .fd = tcp[i].fd, .events = POLLIN };
		}
		for (i = 0; i < nudp; i++)
			p[n++] = (struct pollfd){ .fd = udp[i].fd, .events = POLLIN };
		if (poll(p, n, 200) <= 0)
			continue;
		for (i = 0; i < ntcp; i++) {
			if ((p[2 * i].revents & POLLIN) && tcp[i].fd < 0 && !tcp[i].ended) {
				tcp[i].fd = accept4(lfd[i], NULL, NULL, SOCK_NONBLOCK);
				if (tcp[i].fd >= 0) {
					close(lfd[i]);
					lfd[i] = -1;
				}
			}
			if (p[2 * i + 1].revents && tcp[i].fd >= 0) {
				sink_tcp_read(&tcp[i]);
				if (tcp[i].ended)
					ended++;
			}
		}
		for (i = 0; i < nudp; i++)
			if (p[2 * ntcp + i].revents & POLLIN) {
				sink_udp_read(i);
				last = now_ms();
			}
	}
	for (i = 0; i < ntcp; i++) {
		printf("tcp %d bytes=%llu hash=%016llx%s\n", base + i, ULL(tcp[i].off),
		       ULL(tcp[i].hash), tcp[i].ended == 1 ? "" : " unended");
		tb += tcp[i].off;
		rc |= tcp[i].ended != 1;
	}
	for (i = 0; i < nudp; i++) {
		printf("udp %d delivered=%llu bad=%llu reordered=%llu\n", base + i,
		       ULL(udp[i].count), ULL(udp[i].bad), ULL(udp[i].reordered));
		ud += udp[i].count;
		ub += udp[i].bad;
		ur += udp[i].reordered;
	}
	printf("sink tcp_ended=%d tcp_bytes=%llu udp_delivered=%llu udp_bad=%llu udp_reordered=%llu\n",
	       ended, ULL(tb), ULL(ud), ULL(ub), ULL(ur));
	return rc;
}

static int connect_all(void)
{
	long long end = now_ms() + 10000;
	struct pollfd p;
	int i, err;
	socklen_t len;

	for (i = 0; i < ntcp; i++) {
		tcp[i].hash = FNV_BASIS;
		tcp[i].fd = sock_for(SOCK_STREAM, base + i, 0);
		if (tcp[i].fd < 0 ||
		    (connect(tcp[i].fd, (void *)&addr, addrlen) < 0 && errno != EINPROGRESS))
			return fail("connect", base + i);
	}
	for (i = 0; i < ntcp; i++) {
		p = (struct pollfd){ .fd = tcp[i].fd, .events = POLLOUT };
		err = 0;
		len = sizeof(err);
		if (poll(&p, 1, end - now_ms()) <= 0) {
			errno = ETIMEDOUT;
			return fail("connect", base + i);
		}
		getsockopt(tcp[i].fd, SOL_SOCKET, SO_ERROR, &err, &len);
		if (err) {
			errno = err;
			return fail("connect", base + i);
		}
	}
	return 0;
}

static uint64_t udp_errors;

static void source_udp_one(int i)
{
	struct udp_flow *u = &udp[i];

	dgram_fill(buf, i, u->seq);
	if (send(u->fd, buf, DGRAM, 0) == DGRAM) {
		u->seq++;
		u->count++;
	} else {
		udp_errors++;
	}
}

/*
 * TCP: a flow writes only what the socket takes whole (a CHUNK, never a
 * part), so the stream offset and hash stay exact without undoing.
 */
static int source_tcp_write(int i)
{
	struct tcp_flow *f = &tcp[i];
	uint64_t off = f->off, hash = f->hash;
	ssize_t n;

	produce(f, buf, CHUNK);
	n = send(f->fd, buf, CHUNK, MSG_NOSIGNAL | MSG_DONTWAIT);
	if (n == CHUNK)
		return 0;
	if (n < 0 && errno != EAGAIN)
		return fail("write", base + i);
	if (n < 0) {
		f->off = off;
		f->hash = hash;
		return 0;
	}
	/* A part went: account exactly that part. */
	f->off = off;
	f->hash = hash;
	hash_add(f, buf, n);
	return 0;
}

/* Bytes a flow still has to get acknowledged (unsent + unacked). */
static long outq(int fd)
{
	int n = 0;

	return ioctl(fd, SIOCOUTQ, &n) < 0 ? 0 : n;
}

/*
 * End every TCP flow and read each to EOF. The wait is bounded by progress,
 * not by a fixed time: an overloaded inspect driver drains the flows slowly
 * and a segment it refused is retransmitted after a backed-off RTO (up to
 * TCP_RTO_MAX, 120 s), so the flows fail only when none of them moved for
 * END_STALL_MS, or after END_MAX_MS in all.
 */
#define END_STALL_MS	150000
#define END_MAX_MS	1500000

static int source_end(void)
{
	long long start = now_ms(), moved = start, now;
	long queued = -1;
	int i, left = ntcp, rc = 0;
	struct pollfd p[MAXFLOWS];

	for (i = 0; i < ntcp; i++)
		if (shutdown(tcp[i].fd, SHUT_WR) < 0)
			rc = fail("shutdown", base + i);
	while (left && (now = now_ms()) - moved < END_STALL_MS && now - start < END_MAX_MS) {
		long q = 0;

		for (i = 0; i < ntcp; i++) {
			p[i] = (struct pollfd){ .fd = tcp[i].ended ? -1 : tcp[i].fd,
						.events = POLLIN };
			if (!tcp[i].ended)
				q += outq(tcp[i].fd);
		}
		if (queued < 0 || q < queued)
			moved = now;
		queued = q;
		if (poll(p, ntcp, 200) <= 0)
			continue;
		for (i = 0; i < ntcp; i++) {
			ssize_t n;

			if (!p[i].revents)
				continue;
			n = recv(tcp[i].fd, buf, sizeof(buf), MSG_DONTWAIT);
			if (n > 0 || (n < 0 && errno == EAGAIN))
				continue;
			tcp[i].ended = n == 0 ? 1 : -1;
			left--;
			moved = now_ms();
		}
	}
	end_ms = now_ms() - start;
	for (i = 0; i < ntcp; i++) {
		if (tcp[i].ended != 1) {
			printf("tcp %d: did not end cleanly (%ld bytes unacknowledged)\n",
			       base + i, outq(tcp[i].fd));
			rc = 1;
		}
		close(tcp[i].fd);
	}
	return rc;
}

static int source(int secs)
{
	const char *env = getenv("NFWFP_LOAD_UDP_PPS");
	long pps = env ? atol(env) : 1000;
	long long start, end, now;
	uint64_t due = 0, done = 0, tb = 0, us = 0;
	struct pollfd p[MAXFLOWS];
	int i, rc;

	if (connect_all())
		return 1;
	for (i = 0; i < nudp; i++) {
		udp[i].fd = sock_for(SOCK_DGRAM, base + i, 0);
		if (udp[i].fd < 0 || connect(udp[i].fd, (void *)&addr, addrlen) < 0)
			return fail("udp connect", base + i);
	}
	puts("connected");
	start = now_ms();
	end = start + secs * 1000LL;
	while (!stop && (now = now_ms()) < end) {
		for (i = 0; i < ntcp; i++)
			p[i] = (struct pollfd){ .fd = tcp[i].fd, .events = POLLOUT };
		/* Wake at least every 10 ms for the UDP pacing. */
		poll(p, ntcp, nudp ? 10 : 200);
		for (i = 0; i < ntcp; i++)
			if ((p[i].revents & POLLOUT) && source_tcp_write(i))
				return 1;
		if (!nudp)
			continue;
		due = (uint64_t)(now_ms() - start) * pps / 1000;
		for (; done < due; done++)
			source_udp_one(done % nudp);
	}
	rc = source_end();
	for (i = 0; i < ntcp; i++) {
		printf("tcp %d bytes=%llu hash=%016llx\n", base + i, ULL(tcp[i].off),
		       ULL(tcp[i].hash));
		tb += tcp[i].off;
	}
	for (i = 0; i < nudp; i++) {
		printf("udp %d sent=%llu\n", base + i, ULL(udp[i].count));
		us += udp[i].count;
	}
	printf("source tcp_flows=%d tcp_bytes=%llu udp_sent=%llu udp_send_errors=%llu end_ms=%lld\n",
	       ntcp, ULL(tb), ULL(us), ULL(udp_errors), end_ms);
	return rc;
}

/*
 * A kept datagram stays charged to its socket's send buffer: one socket
 * stops (EAGAIN) once its buffer is pinned, so the flood moves on to a new
 * socket, up to FLOOD_SOCKS of them, the way a hostile sender would.
 */
#define FLOOD_SOCKS	512

static int flood(int secs)
{
	static int fds[FLOOD_SOCKS];
	unsigned long long sent = 0, errors = 0;
	long long end = now_ms() + secs * 1000LL;
	int nfd = 0, cur = 0;

	memset(buf, 'f', 64);
	while (!stop) {
		if (cur == nfd && nfd < FLOOD_SOCKS) {
			fds[nfd] = socket(addr.ss_family, SOCK_DGRAM, 0);
			if (fds[nfd] < 0)
				return fail("socket", nfd);
			nfd++;
		}
		if (sendto(fds[cur], buf, 64, MSG_DONTWAIT, (void *)&addr, addrlen) == 64) {
			sent++;
		} else {
			errors++;
			cur = (cur + 1) % FLOOD_SOCKS;
			if (cur > nfd)
				cur = 0;
		}
		if (!((sent + errors) & 255) && now_ms() >= end)
			break;
	}
	printf("flood sent=%llu errors=%llu sockets=%d\n", sent, errors, nfd);
	return 0;
}

int main(int argc, char **argv)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	signal(SIGPIPE, SIG_IGN);
	signal(SIGUSR1, on_usr1);
	if (argc == 5 && !strcmp(argv[1], "flood")) {
		parse_addr(argv[2]);
		set_port(atoi(argv[3]));
		return flood(atoi(argv[4]));
	}
	if (argc != 7)
		goto usage;
	parse_addr(argv[2]);
	base = atoi(argv[3]);
	ntcp = atoi(argv[4]);
	nudp = atoi(argv[5]);
	if (ntcp < 0 || nudp < 0 || ntcp > MAXFLOWS || nudp > MAXFLOWS ||
	    base <= 0 || base + MAXFLOWS > 65535)
		goto usage;
	if (!strcmp(argv[1], "sink"))
		return sink(atoi(argv[6]));
	if (!strcmp(argv[1], "source"))
		return source(atoi(argv[6]));
usage:
	fprintf(stderr, "usage: see the comment in nfwfp-load.c\n");
	return 2;
}
