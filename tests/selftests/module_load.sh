#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# nfwfp.ko loads and unloads cleanly, repeatedly, and leaves nothing behind.
. /tests/lib/ktap.sh

ko=/lib/nfwfp/nfwfp.ko
cycles=10
# Other tests load nfwfp too: count only this test's loads.
dmesg -c > /dev/null
ktap_plan 7

ktap_check "insmod nfwfp.ko" insmod $ko
ktap_check "nfwfp listed in /proc/modules as Live" \
	grep -q '^nfwfp .* Live ' /proc/modules
ktap_check "module state is live, nothing holds it" \
	sh -c 'test "$(cat /sys/module/nfwfp/initstate)" = live &&
		test "$(cat /sys/module/nfwfp/refcnt)" = 0'
ktap_check "rmmod nfwfp" rmmod nfwfp

if grep -q '^nfwfp ' /proc/modules || [ -e /sys/module/nfwfp ]; then
	ktap_fail "module gone after rmmod"
else
	ktap_ok "module gone after rmmod"
fi

i=0 bad=0
while [ $i -lt $cycles ]; do
	insmod $ko || bad=$((bad + 1))
	rmmod nfwfp || bad=$((bad + 1))
	i=$((i + 1))
done
if [ $bad = 0 ]; then
	ktap_ok "$cycles load/unload cycles"
else
	ktap_fail "$cycles load/unload cycles" "$bad failures"
fi

loaded=$(dmesg | grep -c 'nfwfp: WFP callout and injection API .* loaded')
unloaded=$(dmesg | grep -c 'nfwfp: unloaded')
if [ "$loaded" = $((cycles + 1)) ] && [ "$unloaded" = $((cycles + 1)) ]; then
	ktap_ok "init and exit ran once per cycle"
else
	ktap_fail "init and exit ran once per cycle" "loaded=$loaded unloaded=$unloaded"
fi
ktap_finish
