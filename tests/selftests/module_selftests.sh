#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The in-module self-tests (module/selftest/) run when nfwfp.ko loads; the
# test build carries them. Each suite must report pass, and none may fail.
. /tests/lib/ktap.sh

suites="packet nbl engine clone tag"
set -- $suites
ktap_plan $(($# + 2))

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
ktap_finish
