// SPDX-License-Identifier: GPL-2.0
/*
 * The harness's runner: every suite, every test, KTAP on stdout, then the
 * "N passed, M failed" line that `make run` and CI read. Exits 1 if a test
 * failed.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "unit.h"

static const struct unit_suite *const suites[] = {
	&parse_suite,
	&json_suite,
	&args_suite,
	&batch_suite,
	&print_suite,
};

void unit_expect(struct unit *u, bool ok, const char *file, int line,
		 const char *fmt, ...)
{
	va_list ap;

	u->expectations++;
	if (ok)
		return;
	u->failures++;
	printf("# %s:%d: expected ", file, line);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
}

int main(void)
{
	unsigned int passed = 0, failed = 0, expectations = 0, n = 0;
	size_t total = 0, s, i;

	/* Diagnostics must not overtake results when stdout is a pipe. */
	setvbuf(stdout, NULL, _IOLBF, 0);

	for (s = 0; s < ARRAY_SIZE(suites); s++)
		total += suites[s]->n;
	printf("KTAP version 1\n1..%zu\n", total);

	for (s = 0; s < ARRAY_SIZE(suites); s++) {
		for (i = 0; i < suites[s]->n; i++) {
			const struct unit_test *test = &suites[s]->tests[i];
			struct unit u = { 0 };

			test->fn(&u);
			expectations += u.expectations;
			n++;
			if (u.failures) {
				failed++;
				printf("not ok %u %s # %u of %u expectations failed\n",
				       n, test->name, u.failures, u.expectations);
			} else if (u.skip) {
				passed++;
				printf("ok %u %s # SKIP %s\n", n, test->name, u.skip);
			} else {
				passed++;
				printf("ok %u %s\n", n, test->name);
			}
		}
	}
	printf("# %u expectations checked\n", expectations);
	printf("%u passed, %u failed\n", passed, failed);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
