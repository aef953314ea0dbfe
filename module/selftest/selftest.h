/* SPDX-License-Identifier: GPL-2.0 */
/*
 * In-module self-tests, built only into test builds (NFWFP_SELFTEST=1, as
 * `make`, `make check` and `make sparse` build; never make install or DKMS).
 * They run at module load, before anything is registered; a failure fails
 * the load, and each suite prints "nfwfp: <suite> self-tests: pass".
 */
#ifndef _NFWFP_SELFTEST_H
#define _NFWFP_SELFTEST_H

#ifdef NFWFP_SELFTEST
bool nfwfp_selftest_packet(void);
bool nfwfp_selftest_nbl(void);
bool nfwfp_selftest_engine(void);
bool nfwfp_selftest_clone(void);
bool nfwfp_selftest_tag(void);

int nfwfp_selftests_run(void);
#else
static inline int nfwfp_selftests_run(void)
{
	return 0;
}
#endif

#endif /* _NFWFP_SELFTEST_H */
