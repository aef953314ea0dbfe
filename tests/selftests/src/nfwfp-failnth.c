// SPDX-License-Identifier: GPL-2.0
/*
 * nfwfp-failnth: the kernel's generic fault injection (failslab,
 * fail_page_alloc) driven by /proc/<pid>/fail-nth over nfwfp's
 * process-context paths, for the fault_nth selftest.
 *
 *   nfwfp-failnth [-m MAX] [-S STATE] insmod [-c BADPARAMS] PATH [PARAMS]
 *	Load the module PATH with PARAMS, failing the Nth fault-injectable
 *	call of the load, for N = START, START + STRIDE, ... until a load
 *	completes before its Nth call. A load that succeeds is unloaded
 *	again (delete_module), unarmed. With -c, START is past the calls the
 *	module loader makes before it parses parameters (three loads with
 *	BADPARAMS, which the loader must refuse, count them; START is one
 *	past the most): among them are module_alloc()'s vmalloc()s, which
 *	print a call trace when they fail, and the runner counts that as a
 *	splat. The driver's init comes after them.
 *   nfwfp-failnth [-m MAX] [-S STATE] batch NFWFPCTL ADDFILE DELFILE
 *	Phase "add": run `NFWFPCTL -f -` with ADDFILE on its standard input,
 *	the child armed once it waits for its input (its transaction is open
 *	by then), for N = 1, 1 + STRIDE, ...; then undo with DELFILE,
 *	unarmed. Phase "del": apply ADDFILE unarmed, DELFILE armed.
 *
 * STATE is a shell command whose output is the state that must hold
 * between attempts (default: cat /sys/kernel/debug/nfwfp/objects). For
 * insmod it must be the same after every attempt as before the first; for
 * batch it must be the state before ADDFILE or after it, nothing between,
 * and match the child's exit status (0: the change is there). A first,
 * unarmed run counts the calls (T) of one whole attempt; STRIDE is chosen
 * so that at most MAX (default 100) attempts cover 1..T.
 *
 * How fail-nth acts (lib/fault-inject.c, 6.1): should_fail_ex() in task
 * context decrements current->fail_nth when it is non-zero and fails the
 * call that brings it to 0, before looking at probability, times, space,
 * interval or the stack filter: none of them matter, probability may stay
 * 0 (no other task sees a fault). What does matter is the filter in front
 * of should_fail_ex(): failslab's and fail_page_alloc's ignore-gfp-wait
 * (sleeping allocations are skipped unless it is N), fail_page_alloc's
 * min-order and ignore-gfp-highmem, failslab's cache-filter; every call
 * that passes it counts, for both attributes, on the one counter. The
 * selftest sets them. Reading fail-nth back non-zero means the operation
 * ended before its Nth call: no fault was injected, the loop is over.
 *
 * Output: "# " diagnostics, then one line per mode or phase:
 *	result MODE calls=T start=S stride=K attempts=A faults=F ok=O
 *	       failed=E committed_unacked=U inconsistent=I completed=0|1
 * faults: attempts whose Nth call was failed; ok/failed: the load or
 * nfwfpctl succeeded or failed; committed_unacked: nfwfpctl failed but
 * its change is all there (the answer to the commit could not be
 * allocated, netlink's ENOBUFS: the transaction itself is whole).
 * Exit 0 when nothing was inconsistent and the last attempt completed.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define BIG		10000000u
#define CHILD_SECS	30

static const char *state_cmd = "cat /sys/kernel/debug/nfwfp/objects";
static unsigned int max_attempts = 100;

struct result {
	unsigned int calls, start, stride;
	unsigned int attempts, faults, ok, failed, unacked, inconsistent;
	int completed;
};

static void die(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fputs("nfwfp-failnth: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	exit(2);
}

static void *xmalloc(size_t n)
{
	void *p = malloc(n);

	if (!p)
		die("out of memory");
	return p;
}

/* The output of sh -c CMD, or NULL when it fails. */
static char *capture(const char *cmd)
{
	size_t len = 0, cap = 4096;
	char *buf = xmalloc(cap);
	FILE *f = popen(cmd, "r");
	size_t n;

	if (!f)
		die("popen: %s", strerror(errno));
	while ((n = fread(buf + len, 1, cap - len - 1, f)) > 0) {
		len += n;
		if (cap - len < 2) {
			cap *= 2;
			buf = realloc(buf, cap);
			if (!buf)
				die("out of memory");
		}
	}
	buf[len] = 0;
	if (pclose(f) != 0) {
		free(buf);
		return NULL;
	}
	return buf;
}

static char *state(void)
{
	char *s = capture(state_cmd);

	if (!s)
		die("-S %s fails", state_cmd);
	return s;
}

static void show_state(const char *what, const char *s)
{
	const char *p = s, *nl;

	printf("# %s:\n", what);
	while (*p) {
		nl = strchrnul(p, '\n');
		printf("#   %.*s\n", (int)(nl - p), p);
		p = *nl ? nl + 1 : nl;
	}
}

/* fail-nth through an fd opened in advance: opening it would count. */
static void arm(int fd, unsigned int n)
{
	char b[16];
	int len = snprintf(b, sizeof(b), "%u", n);

	if (pwrite(fd, b, len, 0) != len)
		die("write fail-nth: %s", strerror(errno));
}

static unsigned int armed(int fd)
{
	char b[16];
	ssize_t n = pread(fd, b, sizeof(b) - 1, 0);

	if (n <= 0)
		die("read fail-nth: %s", strerror(errno));
	b[n] = 0;
	return strtoul(b, NULL, 10);
}

static unsigned int stride_for(unsigned int calls, unsigned int start)
{
	unsigned int span = calls >= start ? calls - start + 1 : 1;

	return span > max_attempts ? (span + max_attempts - 1) / max_attempts : 1;
}

static void print_result(const char *mode, const struct result *r)
{
	printf("result %s calls=%u start=%u stride=%u attempts=%u faults=%u ok=%u failed=%u committed_unacked=%u inconsistent=%u completed=%d\n",
	       mode, r->calls, r->start, r->stride, r->attempts, r->faults,
	       r->ok, r->failed, r->unacked, r->inconsistent, r->completed);
	fflush(stdout);
}

/* ---- insmod ----------------------------------------------------------------- */

static const char *modname(const char *path)
{
	const char *b = strrchr(path, '/');
	char *name = strdup(b ? b + 1 : path), *p;

	if (!name)
		die("out of memory");
	p = strstr(name, ".ko");
	if (p)
		*p = 0;
	for (p = name; *p; p++)
		if (*p == '-')
			*p = '_';
	return name;
}

/*
 * init_module(2) from a buffer, not finit_module(2): the kernel copies the
 * buffer with __GFP_NOWARN, while reading the file vmalloc()s without it,
 * and a failed vmalloc() prints a call trace the runner counts as a splat.
 */
static int load(const void *img, size_t len, const char *params)
{
	return syscall(SYS_init_module, img, len, params) ? errno : 0;
}

static int unload(const char *name)
{
	int i;

	for (i = 0; i < 50; i++) {
		if (!syscall(SYS_delete_module, name, O_NONBLOCK))
			return 0;
		if (errno != EAGAIN && errno != EBUSY)
			break;
		usleep(100000);
	}
	return errno;
}

static int do_insmod(int argc, char **argv)
{
	const char *bad = NULL, *path, *params, *name;
	unsigned int n, left, i, used;
	struct result r = { 0 };
	char *base, *now;
	struct stat st;
	int fd, mfd, e;
	void *img;

	if (argc > 2 && !strcmp(argv[1], "-c")) {
		bad = argv[2];
		argc -= 2;
		argv += 2;
	}
	if (argc < 2)
		die("insmod: PATH missing");
	path = argv[1];
	params = argc > 2 ? argv[2] : "";
	name = modname(path);

	mfd = open(path, O_RDONLY);
	if (mfd < 0 || fstat(mfd, &st))
		die("%s: %s", path, strerror(errno));
	img = xmalloc(st.st_size);
	if (read(mfd, img, st.st_size) != st.st_size)
		die("%s: short read", path);
	close(mfd);
	fd = open("/proc/thread-self/fail-nth", O_RDWR);
	if (fd < 0)
		die("/proc/thread-self/fail-nth: %s", strerror(errno));

	base = state();

	/* One whole load and unload, unarmed but counted. */
	arm(fd, BIG);
	e = load(img, st.st_size, params);
	left = armed(fd);
	arm(fd, 0);
	if (e)
		die("%s: an unarmed load fails: %s", path, strerror(e));
	r.calls = BIG - left;
	e = unload(name);
	if (e)
		die("%s: cannot unload: %s", name, strerror(e));
	now = state();
	if (strcmp(now, base)) {
		show_state("before", base);
		show_state("after an unarmed load and unload", now);
		die("an unarmed load and unload changed the state");
	}
	free(now);

	r.start = 1;
	if (bad) {
		/* The loader's own calls before it parses parameters. */
		for (i = 0; i < 3; i++) {
			arm(fd, BIG);
			e = load(img, st.st_size, bad);
			left = armed(fd);
			arm(fd, 0);
			if (e != EINVAL)
				die("-c %s: the load does not fail with EINVAL (%s)",
				    bad, strerror(e));
			used = BIG - left;
			if (used + 1 > r.start)
				r.start = used + 1;
		}
	}
	r.stride = stride_for(r.calls, r.start);
	printf("# %s: %u fault-injectable calls to load, from %u every %u\n",
	       name, r.calls, r.start, r.stride);
	fflush(stdout);

	for (n = r.start; r.attempts < max_attempts + 20; n += r.stride) {
		r.attempts++;
		arm(fd, n);
		e = load(img, st.st_size, params);
		left = armed(fd);
		arm(fd, 0);
		if (!left)
			r.faults++;
		if (!e) {
			r.ok++;
			e = unload(name);
			if (e) {
				printf("# n=%u: loaded, but delete_module fails: %s\n",
				       n, strerror(e));
				r.inconsistent++;
				break;
			}
		} else {
			r.failed++;
			if (left) {
				printf("# n=%u: the load fails (%s) with no fault injected\n",
				       n, strerror(e));
				r.inconsistent++;
			}
		}
		now = state();
		if (strcmp(now, base)) {
			printf("# n=%u: the load %s (%s) and left something behind\n",
			       n, e ? "failed" : "succeeded", strerror(e));
			show_state("before", base);
			show_state("after", now);
			r.inconsistent++;
			free(now);
			break;
		}
		free(now);
		if (left) {
			r.completed = 1;
			break;
		}
	}
	print_result("insmod", &r);
	return r.inconsistent || !r.completed;
}

/* ---- batch ------------------------------------------------------------------ */

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "r");
	char *s = xmalloc(65536);
	size_t n;

	if (!f)
		die("%s: %s", path, strerror(errno));
	n = fread(s, 1, 65535, f);
	s[n] = 0;
	fclose(f);
	return s;
}

/* nfwfpctl's messages, as diagnostics */
static void show_err(unsigned int n, const char *what, const char *err)
{
	const char *p = err ? err : "", *nl;

	printf("# n=%u: %s\n", n, what);
	while (*p) {
		nl = strchrnul(p, '\n');
		printf("#   %.*s\n", (int)(nl - p), p);
		p = *nl ? nl + 1 : nl;
	}
}

static int stdin_wait(pid_t pid)
{
	char p[64], b[128];
	int fd, i;
	ssize_t n;

	snprintf(p, sizeof(p), "/proc/%d/syscall", pid);
	for (i = 0; i < CHILD_SECS * 100; i++) {
		fd = open(p, O_RDONLY);
		if (fd < 0)
			return -1;
		n = read(fd, b, sizeof(b) - 1);
		close(fd);
		if (n > 0) {
			b[n] = 0;
			/* read(2) (syscall 0) on fd 0 */
			if (!strncmp(b, "0 0x0 ", 6))
				return 0;
		}
		usleep(10000);
	}
	return -1;
}

/*
 * Run NFWFPCTL -f - with TEXT on its standard input, armed with N (0: not
 * armed). Returns its wait status, or -1 when it hung or stopped early;
 * *left is what remained of fail-nth when it exited.
 */
static int run_ctl(const char *ctl, const char *text, unsigned int n,
		   unsigned int *left, char **err)
{
	int in[2], errfd, afd = -1, status, i;
	char p[64];
	siginfo_t si;
	pid_t pid;

	*left = 0;
	errfd = open("/tmp/nfwfp-failnth.err", O_RDWR | O_CREAT | O_TRUNC, 0600);
	if (errfd < 0 || pipe(in))
		die("pipe: %s", strerror(errno));
	pid = fork();
	if (pid < 0)
		die("fork: %s", strerror(errno));
	if (!pid) {
		dup2(in[0], 0);
		dup2(errfd, 1);
		dup2(errfd, 2);
		close(in[0]);
		close(in[1]);
		close(errfd);
		execl(ctl, ctl, "-f", "-", (char *)NULL);
		_exit(127);
	}
	close(in[0]);
	if (stdin_wait(pid)) {
		printf("# %s never waited for its input\n", ctl);
		kill(pid, SIGKILL);
		close(in[1]);
		waitpid(pid, NULL, 0);
		close(errfd);
		return -1;
	}
	snprintf(p, sizeof(p), "/proc/%d/fail-nth", pid);
	afd = open(p, O_RDWR);
	if (afd < 0)
		die("%s: %s", p, strerror(errno));
	arm(afd, n);
	if (write(in[1], text, strlen(text)) != (ssize_t)strlen(text))
		die("write to %s: %s", ctl, strerror(errno));
	close(in[1]);

	/* Exited but not reaped: its fail-nth can still be read. */
	for (i = 0; i < CHILD_SECS * 100; i++) {
		memset(&si, 0, sizeof(si));
		if (waitid(P_PID, pid, &si, WEXITED | WNOHANG | WNOWAIT))
			die("waitid: %s", strerror(errno));
		if (si.si_pid == pid)
			break;
		usleep(10000);
	}
	if (si.si_pid != pid) {
		printf("# %s armed with %u hangs\n", ctl, n);
		kill(pid, SIGKILL);
	} else {
		*left = armed(afd);
	}
	close(afd);
	waitpid(pid, &status, 0);
	if (err) {
		char buf[512];
		ssize_t len = pread(errfd, buf, sizeof(buf) - 1, 0);

		buf[len > 0 ? len : 0] = 0;
		*err = strdup(buf);
	}
	close(errfd);
	return si.si_pid == pid ? status : -1;
}

/* Apply TEXT unarmed; it must work. */
static void apply(const char *ctl, const char *text, const char *what)
{
	unsigned int left;
	char *err = NULL;
	int st = run_ctl(ctl, text, 0, &left, &err);

	if (st != 0)
		die("unarmed %s fails (status %#x): %s", what, st, err ? err : "");
	free(err);
}

static const char *desc(int st)
{
	static char b[64];

	if (st == -1)
		return "hung";
	if (WIFSIGNALED(st))
		snprintf(b, sizeof(b), "killed by signal %d", WTERMSIG(st));
	else
		snprintf(b, sizeof(b), "exit %d", WEXITSTATUS(st));
	return b;
}

/*
 * One phase: DO under faults, from state FROM towards state TO. After each
 * attempt the state is FROM or TO; UNDO (to FROM) and REDO (to TO) put it
 * back for the next one.
 */
static int phase(const char *mode, const char *ctl, const char *redo,
		 const char *undo, const char *from, const char *to)
{
	struct result r = { 0 };
	unsigned int n, left;
	char *now, *err;
	int st;

	st = run_ctl(ctl, redo, BIG, &left, NULL);
	if (st != 0)
		die("%s: the unarmed run fails (%s)", mode, desc(st));
	r.calls = BIG - left;
	apply(ctl, undo, "undo");
	r.start = 1;
	r.stride = stride_for(r.calls, r.start);
	printf("# %s: %u fault-injectable calls, every %u\n", mode, r.calls,
	       r.stride);
	fflush(stdout);

	for (n = r.start; r.attempts < max_attempts + 20; n += r.stride) {
		r.attempts++;
		err = NULL;
		st = run_ctl(ctl, redo, n, &left, &err);
		if (!left)
			r.faults++;
		now = state();
		if (st == -1 || WIFSIGNALED(st)) {
			printf("# n=%u: nfwfpctl %s\n", n, desc(st));
			r.inconsistent++;
		} else if (st == 0) {
			r.ok++;
			if (strcmp(now, to)) {
				printf("# n=%u: nfwfpctl succeeded, the change is not all there\n", n);
				show_state("now", now);
				r.inconsistent++;
			}
		} else {
			r.failed++;
			if (!strcmp(now, to)) {
				/* Committed; the answer was lost (its allocation failed). */
				r.unacked++;
				show_err(n, "failed but committed", err);
			} else if (strcmp(now, from)) {
				show_err(n, "failed, the state is half changed", err);
				show_state("now", now);
				r.inconsistent++;
			}
			if (left) {
				show_err(n, "failed with no fault injected", err);
				r.inconsistent++;
			}
		}
		free(err);
		if (r.inconsistent) {
			free(now);
			break;
		}
		if (!strcmp(now, to))
			apply(ctl, undo, "undo");
		free(now);
		if (left) {
			r.completed = 1;
			break;
		}
	}
	print_result(mode, &r);
	return r.inconsistent || !r.completed;
}

static int do_batch(int argc, char **argv)
{
	char *add, *del, *empty, *full, *now;
	const char *ctl;
	int ret;

	if (argc != 4)
		die("batch: NFWFPCTL ADDFILE DELFILE");
	ctl = argv[1];
	add = slurp(argv[2]);
	del = slurp(argv[3]);

	empty = state();
	apply(ctl, add, "add");
	full = state();
	if (!strcmp(empty, full))
		die("the add batch changes nothing the state shows");
	apply(ctl, del, "delete");
	now = state();
	if (strcmp(now, empty)) {
		show_state("before", empty);
		show_state("after add and delete", now);
		die("add then delete does not give the state back");
	}
	free(now);

	ret = phase("batch-add", ctl, add, del, empty, full);
	if (!ret) {
		apply(ctl, add, "add");
		ret = phase("batch-del", ctl, del, add, full, empty);
		apply(ctl, del, "delete");
	}
	return ret;
}

int main(int argc, char **argv)
{
	int c;

	setvbuf(stdout, NULL, _IOLBF, 0);
	while ((c = getopt(argc, argv, "+m:S:")) != -1) {
		switch (c) {
		case 'm':
			max_attempts = strtoul(optarg, NULL, 0);
			if (!max_attempts)
				die("-m: at least 1");
			break;
		case 'S':
			state_cmd = optarg;
			break;
		default:
			return 2;
		}
	}
	argc -= optind;
	argv += optind;
	if (argc < 1)
		die("usage: nfwfp-failnth [-m MAX] [-S STATE] insmod [-c BADPARAMS] PATH [PARAMS] | batch NFWFPCTL ADDFILE DELFILE");
	if (!strcmp(argv[0], "insmod"))
		return do_insmod(argc, argv);
	if (!strcmp(argv[0], "batch"))
		return do_batch(argc, argv);
	die("unknown mode %s", argv[0]);
	return 2;
}
