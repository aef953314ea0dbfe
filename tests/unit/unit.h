/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A tiny KUnit-flavoured harness for host-side unit tests of userspace/.
 *
 * A test is a function; EXPECT() records a failed expectation with its file
 * and line and the test goes on, so one run shows every broken case. Each
 * test yields one KTAP result, its diagnostics printed just before it. The
 * last line of output is "N passed, M failed".
 */
#ifndef NFWFP_UNIT_H
#define NFWFP_UNIT_H

#include <stdbool.h>
#include <stddef.h>

struct unit {
	unsigned int expectations;
	unsigned int failures;
	const char *skip;	/* reason, if the test was skipped */
};

struct unit_test {
	const char *name;
	void (*fn)(struct unit *u);
};

struct unit_suite {
	const struct unit_test *tests;
	size_t n;
};

#define UNIT_TEST(fn)	{ #fn, fn }
#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

void unit_expect(struct unit *u, bool ok, const char *file, int line,
		 const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/* EXPECT(u, cond, fmt, ...): the message says what was expected. */
#define EXPECT(u, cond, ...) \
	unit_expect((u), (cond), __FILE__, __LINE__, __VA_ARGS__)

static inline void unit_skip(struct unit *u, const char *reason)
{
	u->skip = reason;
}

extern const struct unit_suite parse_suite;
extern const struct unit_suite json_suite;
extern const struct unit_suite args_suite;
extern const struct unit_suite batch_suite;
extern const struct unit_suite print_suite;

#endif /* NFWFP_UNIT_H */
