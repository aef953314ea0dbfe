#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# nfwfpctl's live counters with traffic: an injecting driver's handle
# (requested, sent, failed, completed, outstanding, owner), its callout's
# and its filter's counters, in text and JSON, and all of them zero after
# stats reset.
. /tests/lib/ktap.sh
. /tests/lib/ctl.sh
. /tests/lib/net.sh

ktap_plan 12
ctl_setup
netns_pair || ktap_skip_all "cannot make the network namespaces"

# Three datagrams through the TLInspect-style driver: each is absorbed at
# outbound-transport-v4, cloned and injected on the driver's handle.
# The debug kernel is slow: the receiver lives 60 s, killed once it has all.
send3() {
	recv_start 10.0.0.2 9000 60
	for d in one two three; do
		$A $send udp 10.0.0.2 9000 $d > /dev/null
	done
	i=0
	while [ "$(grep -c got /tmp/recv)" -lt 3 ] && [ $i -lt 600 ]; do
		sleep 0.1; i=$((i + 1))
	done
	kill $recv_pid 2>/dev/null
	wait $recv_pid 2>/dev/null
	sleep 0.5
}

# The counters of the driver's callout at the v4 layer (name, then four
# numbers: classified permitted blocked absorbed).
callout_v4() {
	$ctl callout list | grep ' layer outbound-transport-v4 .* owner nfwfp_test_inject ' |
		sed -n 's/.* classified \([0-9]*\) permitted \([0-9]*\) blocked \([0-9]*\) absorbed \([0-9]*\)$/\1 \2 \3 \4/p'
}

filter_v4() {
	$ctl filter list layer outbound-transport-v4 | grep 'remote-port 9000 ' |
		sed -n 's/.* matched \([0-9]*\) permitted \([0-9]*\) blocked \([0-9]*\) absorbed \([0-9]*\)$/\1 \2 \3 \4/p'
}

insmod /lib/nfwfp/nfwfp_test_inject.ko port=9000
send3
[ "$(grep -c got /tmp/recv)" = 3 ] && ktap_ok "three datagrams arrived, re-injected" || {
	sed 's/^/# recv: /' /tmp/recv
	ktap_fail "three datagrams arrived, re-injected"
}
run $ctl handle list
expect "handle list: the driver's handle, three injections sent and completed" 0 \
	-x 'handle [0-9]* family unspec owner nfwfp_test_inject requested 3 sent 3 failed 0 completed 3 outstanding 0'
run $ctl -j handle list
expect "-j handle list: the same numbers" 0 \
	-x '\[{"id":[0-9]*,"family":"unspec","owner":"nfwfp_test_inject","requested":3,"sent":3,"failed":0,"completed":3,"outstanding":0,"closing":false}\]'

# classifyFn ran for the three originals (block + absorb) and for the
# three injected clones, which it permits as its own.
c=$(callout_v4)
ktap_diag "callout: classified permitted blocked absorbed = $c"
[ "$c" = "6 3 3 3" ] && ktap_ok "callout counters: 6 classified, 3 permitted, 3 blocked, 3 absorbed" ||
	ktap_fail "callout counters: 6 classified, 3 permitted, 3 blocked, 3 absorbed" "$c"
run $ctl -j callout list
expect "-j callout list: the same counters" 0 \
	'"owner":"nfwfp_test_inject","filters":1,"classified":6,"permitted":3,"blocked":3,"absorbed":3'
f=$(filter_v4)
ktap_diag "filter: matched permitted blocked absorbed = $f"
[ "$f" = "6 3 3 3" ] && ktap_ok "filter counters: 6 matched, 3 permitted, 3 blocked, 3 absorbed" ||
	ktap_fail "filter counters: 6 matched, 3 permitted, 3 blocked, 3 absorbed" "$f"

run $ctl stats reset
expect_rc "stats reset" 0
c=$(callout_v4)
[ "$c" = "0 0 0 0" ] && ktap_ok "the callout's counters are zero after the reset" ||
	ktap_fail "the callout's counters are zero after the reset" "$c"
f=$(filter_v4)
[ "$f" = "0 0 0 0" ] && ktap_ok "so are the filter's" || ktap_fail "so are the filter's" "$f"
run $ctl handle list
expect "and the handle's" 0 -x 'handle [0-9]* family unspec owner nfwfp_test_inject requested 0 sent 0 failed 0 completed 0 outstanding 0'
rmmod nfwfp_test_inject

# An unroutable redirect: the injection is accepted and fails to send.
insmod /lib/nfwfp/nfwfp_test_inject.ko port=9000 redirect=192.0.2.1
$A $send udp 10.0.0.2 9000 lost > /dev/null
sleep 1
run $ctl handle list
expect "an unroutable redirect counts as failed, and completes" 0 \
	-x 'handle [0-9]* family unspec owner nfwfp_test_inject requested 1 sent 0 failed 1 completed 1 outstanding 0'
run $ctl -j handle list
expect "-j: the same" 0 '"requested":1,"sent":0,"failed":1,"completed":1,"outstanding":0'
rmmod nfwfp_test_inject

netns_pair_del
rmmod nfwfp
ktap_finish
