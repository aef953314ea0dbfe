#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The in-module self-tests (module/selftest/) run when nfwfp.ko loads; the
# test build carries them. Each suite must report pass, and none may fail.
. /tests/lib/ktap.sh

suites="packet nbl engine clone tag"
set -- $suites
ktap_plan $(($# + 3))

dmesg -c > /dev/null
ktap_check "nfwfp.ko with self-tests loads" insmod /lib/nfwfp/nfwfp.ko
for s in $suites; do
	ktap_check "$s self-tests pass" \
		sh -c "dmesg | grep -q 'nfwfp: $s self-tests: pass'"
done
if dmesg | grep -q 'self-tests: FAIL\|self-test .*:'; then
	dmesg | grep 'nfwfp' | sed 's/^/# /'
	ktap_fail "no self-test failure reported"
else
	ktap_ok "no self-test failure reported"
fi
rmmod nfwfp

# A mark mask of 3 bits (2 slot-index bits, 1 generation bit) is a valid
# setting: the tag self-tests fit themselves to it.
dmesg -c > /dev/null
if insmod /lib/nfwfp/nfwfp.ko inject_mark_mask=0x7000000 &&
   dmesg | grep -q 'nfwfp: tag self-tests: pass'; then
	ktap_ok "with a 3-bit mark mask nfwfp.ko loads, tag self-tests pass"
else
	dmesg | grep 'nfwfp' | sed 's/^/# /'
	ktap_fail "with a 3-bit mark mask nfwfp.ko loads, tag self-tests pass"
fi
rmmod nfwfp 2>/dev/null
ktap_finish
