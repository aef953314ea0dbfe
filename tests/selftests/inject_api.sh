#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The injection API's contract from a driver's seat (nfwfp_test_inject_api,
# which checks at load and lists PASS/FAIL lines): every synchronous status
# a caller can provoke (INVALID_PARAMETER for each bad argument, a stale or
# foreign handle, an unknown compartment, an NBL already in flight;
# NOT_SUPPORTED; FWP_INJECT_HANDLE_CLOSING while Destroy waits;
# INSUFFICIENT_RESOURCES at the in-flight and backlog caps, set through
# nfwfp's module parameters), no completion after a synchronous failure,
# one completion per accepted NBL in process context with the send's
# status (success, network unreachable), Destroy returning only after its
# injections completed.
. /tests/lib/ktap.sh

res=/sys/kernel/debug/nfwfp_test_inject_api/results
par=/sys/module/nfwfp/parameters

# run MODE: load the checker, keep its lines in /tmp/api.MODE
run() {
	insmod /lib/nfwfp/nfwfp_test_inject_api.ko mode="$1" &&
		cat $res > /tmp/api.$1 && rmmod nfwfp_test_inject_api
}

insmod /lib/nfwfp/nfwfp.ko
run 0
echo 1 > $par/inject_max_inflight
run 1
echo 4096 > $par/inject_max_inflight
echo 0 > $par/inject_max_backlog
run 2
echo 65536 > $par/inject_max_backlog

cat /tmp/api.0 /tmp/api.1 /tmp/api.2 > /tmp/api 2>/dev/null
ktap_plan $(($(wc -l < /tmp/api) + 2))
while read -r verdict desc; do
	if [ "$verdict" = PASS ]; then
		ktap_ok "$desc"
	else
		ktap_fail "$desc"
	fi
done < /tmp/api
ktap_check "all three runs reported" [ -s /tmp/api.0 -a -s /tmp/api.1 -a -s /tmp/api.2 ]
ktap_check "nothing outstanding at nfwfp" \
	[ "$(awk '$1 == "inject_outstanding" { print $2 }' /sys/kernel/debug/nfwfp/stats)" = 0 ]
rmmod nfwfp
ktap_finish
