// SPDX-License-Identifier: GPL-2.0
/*
 * nfwfp-bench: the traffic of `make bench`, measured at the receiving end.
 *
 *   nfwfp-bench [options] MODE CLIENT_NS SERVER_NS ADDR PORT
 *
 * The program forks: the child enters SERVER_NS (a file such as
 * /run/netns/nfB, or "-" to stay) and serves, the parent enters
 * CLIENT_NS and sends to ADDR:PORT (IPv4). Both run on the VM's one
 * CLOCK_MONOTONIC, so the parent hands the child the measurement window:
 * WARMUP ms after start, for DURATION ms. Only what happens inside the
 * window counts.
 *
 *   udp    datagrams of SIZE bytes as fast as the stack takes them
 *          (sendmmsg, 32 a call); the server counts arrivals in the window.
 *          Prints "mode=udp size=S pps=P sent=N recv=N".
 *   tcp    one connection, 64 KiB writes; the server counts bytes in the
 *          window. Prints "mode=tcp bps=B bytes=N" (bytes per second).
 *   udprr  one SIZE-byte request at a time, echoed by the server; the
 *   tcprr  client times each round trip (CLOCK_MONOTONIC) that starts in
 *          the window. TCP: one connection, TCP_NODELAY. Prints
 *          "mode=M n=N lost=L p50_us=X p99_us=Y".
 *   count  udp, but stop after COUNT datagrams (-n) and no window: for the
 *          memory measurements. Prints "mode=count sent=N".
 *
 * Options: -w WARMUP_MS (500), -d DURATION_MS (2000), -s SIZE (64),
 * -n COUNT, -c CPU (both processes on that CPU: a round trip then needs no
 * wake-up of an idle CPU, which under TCG waits for the next timer tick). Exit 0 on success, 1 on a failed call ("WHAT: ERRNO"), 2 on
 * bad usage.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define BATCH	32
#define TCP_BUF	65536

struct window {
	int64_t start, end;	/* ns, CLOCK_MONOTONIC */
};

static struct sockaddr_in dst;
static int size = 64, warmup_ms = 500, duration_ms = 2000;
static long count;
static int cpu = -1;

static int64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static int fail(const char *what)
{
	printf("%s: %s\n", what, strerrorname_np(errno) ? strerrorname_np(errno) : "?");
	fflush(stdout);
	return 1;
}

static int enter_ns(const char *path)
{
	int fd, r;

	if (!strcmp(path, "-"))
		return 0;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	r = setns(fd, CLONE_NEWNET);
	close(fd);
	return r;
}

static void set_timeout(int s, int ms)
{
	struct timeval tv = { .tv_sec = ms / 1000, .tv_usec = (ms % 1000) * 1000 };

	setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
}

static int big_buffers(int s)
{
	int v = 8 << 20;

	/* FORCE: past rmem_max, so the sink never drops what the stack delivered. */
	if (setsockopt(s, SOL_SOCKET, SO_RCVBUFFORCE, &v, sizeof(v)))
		setsockopt(s, SOL_SOCKET, SO_RCVBUF, &v, sizeof(v));
	return 0;
}

static int read_full(int fd, void *buf, size_t len)
{
	size_t got = 0;

	while (got < len) {
		ssize_t n = read(fd, (char *)buf + got, len - got);

		if (n <= 0)
			return -1;
		got += n;
	}
	return 0;
}

/* ---- server side (child) ---- */

/*
 * Datagrams that arrive in the window; the count mode (an open window)
 * ends 1 s after the last datagram.
 */
static int64_t serve_udp(int s, const struct window *w)
{
	static char bufs[BATCH][2048];
	struct mmsghdr msgs[BATCH];
	struct iovec iov[BATCH];
	int64_t n = 0, last = now_ns();
	int i;

	for (i = 0; i < BATCH; i++) {
		iov[i] = (struct iovec){ bufs[i], sizeof(bufs[i]) };
		msgs[i] = (struct mmsghdr){ .msg_hdr = { .msg_iov = &iov[i], .msg_iovlen = 1 } };
	}
	set_timeout(s, 100);
	for (;;) {
		int r = recvmmsg(s, msgs, BATCH, MSG_WAITFORONE, NULL);
		int64_t t = now_ns();

		if (r > 0 && t >= w->start && t < w->end)
			n += r;
		if (r > 0)
			last = t;
		if (t >= w->end + 200000000LL || (n && t - last > 1000000000LL))
			return n;
		if (r < 0 && errno != EAGAIN && errno != EINTR)
			return -1;
	}
}

static int64_t serve_tcp(int l, const struct window *w)
{
	static char buf[TCP_BUF * 4];
	int64_t n = 0;
	int s = accept(l, NULL, NULL);

	if (s < 0)
		return -1;
	for (;;) {
		ssize_t r = read(s, buf, sizeof(buf));
		int64_t t = now_ns();

		if (r <= 0)
			break;
		if (t >= w->start && t < w->end)
			n += r;
	}
	close(s);
	return n;
}

/* Echo SIZE-byte requests until the client is gone or the window is over. */
static int64_t serve_rr(int s, int tcp, const struct window *w)
{
	static char buf[65536];
	struct sockaddr_in from;
	int64_t n = 0;

	if (tcp) {
		int one = 1;

		s = accept(s, NULL, NULL);
		if (s < 0)
			return -1;
		setsockopt(s, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
	}
	if (!tcp)
		set_timeout(s, 200);
	while (now_ns() < w->end + 1500000000LL) {
		socklen_t fl = sizeof(from);

		if (tcp) {
			if (read_full(s, buf, size))
				break;
			if (write(s, buf, size) != size)
				break;
		} else {
			ssize_t r = recvfrom(s, buf, sizeof(buf), 0,
					     (struct sockaddr *)&from, &fl);

			if (r < 0 && (errno == EAGAIN || errno == EINTR))
				continue;
			if (r <= 0)
				break;
			sendto(s, buf, r, 0, (struct sockaddr *)&from, fl);
		}
		n++;
	}
	return n;
}

static int server(const char *mode, const char *ns, int ready_fd, int win_fd, int res_fd)
{
	int tcp = !strcmp(mode, "tcp") || !strcmp(mode, "tcprr");
	int s, one = 1;
	struct window w;
	int64_t n;
	char c = 'r';

	if (enter_ns(ns))
		return fail("setns server");
	s = socket(AF_INET, tcp ? SOCK_STREAM : SOCK_DGRAM, 0);
	if (s < 0)
		return fail("socket server");
	setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	big_buffers(s);
	if (bind(s, (struct sockaddr *)&dst, sizeof(dst)))
		return fail("bind");
	if (tcp && listen(s, 4))
		return fail("listen");
	if (write(ready_fd, &c, 1) != 1 || read_full(win_fd, &w, sizeof(w)))
		return 1;
	if (!strcmp(mode, "udp") || !strcmp(mode, "count"))
		n = serve_udp(s, &w);
	else if (!strcmp(mode, "tcp"))
		n = serve_tcp(s, &w);
	else
		n = serve_rr(s, tcp, &w);
	if (n < 0)
		return fail("serve");
	return write(res_fd, &n, sizeof(n)) == sizeof(n) ? 0 : 1;
}

/* ---- client side (parent) ---- */

static int64_t blast_udp(int s, const struct window *w, long limit)
{
	static char payload[65536];
	struct mmsghdr msgs[BATCH];
	struct iovec iov = { payload, 0 };
	int64_t sent = 0;
	int i;

	iov.iov_len = size;
	for (i = 0; i < BATCH; i++)
		msgs[i] = (struct mmsghdr){ .msg_hdr = { .msg_iov = &iov, .msg_iovlen = 1 } };
	while (limit ? sent < limit : now_ns() < w->end) {
		int b = limit && limit - sent < BATCH ? (int)(limit - sent) : BATCH;
		int r = sendmmsg(s, msgs, b, 0);

		if (r > 0)
			sent += r;
		else if (errno != ENOBUFS && errno != EAGAIN && errno != EINTR &&
			 errno != ECONNREFUSED)
			return -1;
	}
	return sent;
}

static int64_t bulk_tcp(int s, const struct window *w)
{
	static char buf[TCP_BUF];
	int64_t sent = 0;

	while (now_ns() < w->end) {
		ssize_t r = write(s, buf, sizeof(buf));

		if (r < 0)
			return -1;
		sent += r;
	}
	return sent;
}

static int cmp64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return x < y ? -1 : x > y;
}

/* Nearest-rank percentile of sorted v[0..n). */
static double pct(const int64_t *v, long n, double p)
{
	long k = (long)(p / 100.0 * n + 0.999999);

	if (k < 1)
		k = 1;
	if (k > n)
		k = n;
	return v[k - 1] / 1000.0;
}

static int rr(int s, int tcp, const struct window *w)
{
	static char req[65536], resp[65536];
	long n = 0, lost = 0, cap = 1 << 20;
	int64_t *rtt = malloc(cap * sizeof(*rtt));

	if (!rtt)
		return fail("malloc");
	set_timeout(s, 1000);
	while (now_ns() < w->end) {
		int64_t t0 = now_ns(), t1;

		if (send(s, req, size, 0) != size)
			return fail("send");
		if (tcp ? read_full(s, resp, size) : recv(s, resp, sizeof(resp), 0) < 0) {
			if (tcp || (errno != EAGAIN && errno != EINTR))
				return fail("recv");
			lost++;
			continue;
		}
		t1 = now_ns();
		if (t0 >= w->start && n < cap)
			rtt[n++] = t1 - t0;
	}
	if (!n) {
		printf("rr: no round trip in the window\n");
		return 1;
	}
	qsort(rtt, n, sizeof(*rtt), cmp64);
	printf("mode=%s n=%ld lost=%ld p50_us=%.1f p99_us=%.1f\n", tcp ? "tcprr" : "udprr",
	       n, lost, pct(rtt, n, 50), pct(rtt, n, 99));
	free(rtt);
	return 0;
}

static int client(const char *mode, const char *ns, const struct window *w, int res_fd)
{
	int tcp = !strcmp(mode, "tcp") || !strcmp(mode, "tcprr");
	double secs = (w->end - w->start) / 1e9;
	int64_t sent, got = -1;
	int s, one = 1, rc = 0;

	if (enter_ns(ns))
		return fail("setns client");
	s = socket(AF_INET, tcp ? SOCK_STREAM : SOCK_DGRAM, 0);
	if (s < 0)
		return fail("socket client");
	if (tcp)
		setsockopt(s, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
	if (connect(s, (struct sockaddr *)&dst, sizeof(dst)))
		return fail("connect");
	if (!strcmp(mode, "udprr") || !strcmp(mode, "tcprr")) {
		rc = rr(s, tcp, w);
		close(s);
		return rc;
	}
	if (!strcmp(mode, "tcp"))
		sent = bulk_tcp(s, w);
	else
		sent = blast_udp(s, w, !strcmp(mode, "count") ? count : 0);
	if (sent < 0)
		return fail("send");
	close(s);
	if (read_full(res_fd, &got, sizeof(got)))
		return fail("result");
	if (!strcmp(mode, "udp"))
		printf("mode=udp size=%d pps=%.0f sent=%lld recv=%lld\n", size, got / secs,
		       (long long)sent, (long long)got);
	else if (!strcmp(mode, "tcp"))
		printf("mode=tcp bps=%.0f bytes=%lld\n", got / secs, (long long)got);
	else
		printf("mode=count sent=%lld recv=%lld\n", (long long)sent, (long long)got);
	return 0;
}

static int usage(void)
{
	fprintf(stderr, "usage: nfwfp-bench [-w MS] [-d MS] [-s SIZE] [-n COUNT] [-c CPU] "
		"udp|tcp|udprr|tcprr|count CLIENT_NS SERVER_NS ADDR PORT\n");
	return 2;
}

int main(int argc, char **argv)
{
	int ready[2], win[2], res[2], opt, status, rc;
	const char *mode;
	struct window w;
	pid_t pid;
	char c;

	setvbuf(stdout, NULL, _IOLBF, 0);
	while ((opt = getopt(argc, argv, "w:d:s:n:c:")) != -1) {
		switch (opt) {
		case 'c':
			cpu = atoi(optarg);
			break;
		case 'w':
			warmup_ms = atoi(optarg);
			break;
		case 'd':
			duration_ms = atoi(optarg);
			break;
		case 's':
			size = atoi(optarg);
			break;
		case 'n':
			count = atol(optarg);
			break;
		default:
			return usage();
		}
	}
	if (argc - optind != 5 || warmup_ms < 0 || duration_ms <= 0 || size < 1 ||
	    size > 65000 || count < 0)
		return usage();
	mode = argv[optind];
	if (strcmp(mode, "udp") && strcmp(mode, "tcp") && strcmp(mode, "udprr") &&
	    strcmp(mode, "tcprr") && strcmp(mode, "count"))
		return usage();
	if (!strcmp(mode, "count") && !count)
		return usage();
	dst.sin_family = AF_INET;
	dst.sin_port = htons(atoi(argv[optind + 4]));
	if (inet_pton(AF_INET, argv[optind + 3], &dst.sin_addr) != 1)
		return usage();

	if (cpu >= 0) {
		cpu_set_t set;

		CPU_ZERO(&set);
		CPU_SET(cpu, &set);
		if (sched_setaffinity(0, sizeof(set), &set))
			return fail("affinity");
	}
	if (pipe(ready) || pipe(win) || pipe(res))
		return fail("pipe");
	pid = fork();
	if (pid < 0)
		return fail("fork");
	if (pid == 0) {
		close(ready[0]);
		close(win[1]);
		close(res[0]);
		_exit(server(mode, argv[optind + 2], ready[1], win[0], res[1]));
	}
	/* Only the child holds the write ends: its death is EOF here. */
	close(ready[1]);
	close(win[0]);
	close(res[1]);
	if (read(ready[0], &c, 1) != 1) {
		waitpid(pid, NULL, 0);
		printf("server: did not start\n");
		return 1;
	}
	w.start = now_ns() + warmup_ms * 1000000LL;
	w.end = w.start + duration_ms * 1000000LL;
	if (!strcmp(mode, "count"))
		w.start = 0, w.end = INT64_MAX - 1000000000LL;
	if (write(win[1], &w, sizeof(w)) != sizeof(w))
		return fail("pipe");
	rc = client(mode, argv[optind + 1], &w, res[0]);
	if (rc)
		kill(pid, SIGKILL);
	waitpid(pid, &status, 0);
	if (!rc && (!WIFEXITED(status) || WEXITSTATUS(status)))
		rc = 1;
	return rc;
}
