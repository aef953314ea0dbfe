#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Churn while traffic flows on both vCPUs (issue 3, item 5 and "Done when"):
# the test callout module is unloaded and reloaded (its exit closes its
# dynamic session, which deletes its filters, and unregisters its callouts
# while classifyFn may be running on the other CPU), its verdict toggled
# between permit and block, and the namespaces are deleted and re-created
# (their hooks unregistered while packets are in flight). Finally nfwfp
# itself is unloaded while the traffic is idle. Every step must succeed and
# the traffic must flow again afterwards; splats are the runner's to find.
#
# Traffic: background loops in nfA, each one nfwfp-send per iteration in
# whatever namespace is called nfA at that moment: UDP and TCP to a closed
# port of nfB (so nfB's stack answers with ICMP port unreachable and RST from
# its kernel sockets) over IPv4, UDP over IPv6, and ICMP echo.
. /tests/lib/ktap.sh
. /tests/lib/net.sh

ktap_plan 16

log=/sys/kernel/debug/nfwfp_test_callout/log
CYCLES=10

# step CMD...: run one churn step; a failure is counted and shown
failed=0
step() {
	if ! "$@" > /tmp/step.err 2>&1; then
		failed=$((failed + 1))
		ktap_diag "step failed: $* : $(head -n1 /tmp/step.err)"
	fi
}

# ---- traffic ------------------------------------------------------------------
# loop NAME ARGS...: nfwfp-send ARGS in nfA until /tmp/stop exists; the
# number of sends that went through is kept in /tmp/ok.NAME. A send "went
# through" when the datagram left (sent) or the SYN was answered (refused).
loop() {
	name=$1
	shift
	n=0
	# ... or until the test itself is gone (init kills it on a timeout)
	while [ ! -e /tmp/stop ] && kill -0 $$ 2>/dev/null; do
		case "$($A $send "$@" 2>/dev/null)" in
		sent | "connect: ECONNREFUSED")
			n=$((n + 1))
			echo $n > /tmp/ok.$name
			;;
		*)
			# blocked, or no nfA right now: do not spin (the debug
			# kernel's netns cleanup needs the CPUs)
			sleep 0.2
			;;
		esac
	done
}

loops="udp4 udp6 tcp4 ping4"
start_traffic() {
	rm -f /tmp/stop /tmp/ok.*
	loop udp4 udp 10.0.0.2 9 churn &
	p1=$!
	loop udp6 udp fd00::2 9 churn &
	p2=$!
	loop tcp4 tcp 10.0.0.2 9 churn &
	p3=$!
	loop ping4 ping 10.0.0.2 &
	p4=$!
}

stop_traffic() {
	touch /tmp/stop
	wait $p1 $p2 $p3 $p4
}

# ok_count NAME: (a read racing the loop's rewrite may see an empty file)
ok_count() {
	v=$(cat /tmp/ok.$1 2>/dev/null)
	echo "${v:-0}"
}

# flowing DESC: every loop gets at least one more send through within 30 s
# (a TCP loop blocked before may still be waiting out its 3 s connect)
flowing() {
	for l in $loops; do
		eval "before_$l=$(ok_count $l)"
	done
	end=$(($(date +%s) + 30))
	while [ "$(date +%s)" -lt $end ]; do
		stuck=
		for l in $loops; do
			eval "b=\$before_$l"
			[ "$(ok_count $l)" -gt "$b" ] || stuck="$stuck $l"
		done
		[ -z "$stuck" ] && break
		sleep 0.3
	done
	if [ -z "$stuck" ]; then ktap_ok "$1"; else ktap_fail "$1" "stuck:$stuck"; fi
}

# comp_of_nfA: the compartment of nfA's next UDP datagram (up to 20 s)
comp_of_nfA() {
	echo clear > $log
	i=0
	while [ $i -lt 100 ]; do
		sleep 0.2
		comp=$(sed -n 's/.*vals=17,167772161,.* comp=\([0-9]*\) .*/\1/p' $log | tail -n1)
		[ -n "$comp" ] && break
		i=$((i + 1))
	done
	echo "$comp"
}

callout_load() {
	insmod /lib/nfwfp/nfwfp_test_callout.ko "$@"
}

ktap_check "nfwfp loads" insmod /lib/nfwfp/nfwfp.ko
if ! netns_pair; then
	ktap_fail "namespaces and veth"
	ktap_finish
fi
ktap_check "the test callout loads (permit, every layer)" callout_load verdict=permit

t0=$(date +%s)
elapsed() {
	ktap_diag "$1 done after $(($(date +%s) - t0)) s"
}

# ---- 1: unload and reload the callout module under traffic --------------------
start_traffic
sleep 1
p0=$(stat presented)
failed=0
c=0
while [ $c -lt $CYCLES ]; do
	step rmmod nfwfp_test_callout
	sleep 0.2
	step callout_load verdict=permit
	sleep 0.4
	c=$((c + 1))
done
ktap_check "reload: $CYCLES unload/reload cycles under traffic, every step succeeded" \
	test $failed = 0
elapsed "reload cycles"
flowing "reload: every traffic loop still gets through"
ktap_check "reload: packets were presented meanwhile ($p0 -> $(stat presented))" \
	test "$(stat presented)" -gt "$p0"

# ---- 2: toggle the verdict: block, permit, ... permit -------------------------------
b0=$(stat blocked)
failed=0
c=0
while [ $c -lt $CYCLES ]; do
	if [ $((c % 2)) = 0 ]; then v=block; else v=permit; fi
	step rmmod nfwfp_test_callout
	step callout_load verdict=$v
	sleep 0.5
	# The debug kernel sends slowly: let a block window see a packet.
	i=0
	while [ $v = block ] && [ "$(stat blocked)" = "$b0" ] && [ $i -lt 100 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	c=$((c + 1))
done
elapsed "toggle cycles"
ktap_check "toggle: $CYCLES permit/block reloads under traffic, every step succeeded" \
	test $failed = 0
ktap_check "toggle: the block verdicts blocked packets ($b0 -> $(stat blocked))" \
	test "$(stat blocked)" -gt "$b0"
# The last reload was verdict=permit.
flowing "toggle: after the last permit every traffic loop gets through again"

# ---- 3: delete and re-create the namespaces under traffic ---------------------------
# The loops keep entering "nfA": a deleted namespace dies when its last
# process leaves it, its hooks unregistered while the other CPU classifies.
compA0=$(comp_of_nfA)
# A namespace's cleanup is very slow on the debug kernel under TCG (a cycle
# took ~100 s there): the cycles stop after 90 s, 1 at least, to stay within
# init's 300 s per test.
failed=0
c=0
tn=$(date +%s)
while [ $c -lt $CYCLES ] && { [ $c -lt 1 ] || [ $(($(date +%s) - tn)) -lt 90 ]; }; do
	step ip netns del nfA
	step ip netns del nfB
	step netns_pair
	sleep 0.3
	c=$((c + 1))
done
elapsed "netns cycles"
ktap_check "netns: $c delete/re-create cycles under traffic, every step succeeded" \
	test $failed = 0
flowing "netns: every traffic loop gets through in the new namespaces"
compA1=$(comp_of_nfA)
# Compartment ids are allocated monotonically, never reused while loaded.
ktap_check "netns: the last nfA has a new compartment id ($compA0 -> $compA1)" \
	test -n "$compA0" -a -n "$compA1" -a "${compA1:-0}" -gt "${compA0:-0}"

# ---- 4: unload everything while the traffic is idle ----------------------------------
stop_traffic
elapsed "traffic"
ktap_check "the traffic loops stop" true
ktap_check "the test callout unloads" rmmod nfwfp_test_callout
presented=$(stat presented)
ktap_check "stats: packets were presented ($presented)" test "${presented:-0}" -gt 0
ktap_check "nfwfp unloads" rmmod nfwfp

# Without nfwfp the namespaces still carry traffic.
recv_start 10.0.0.2 9999 8
$A $send udp 10.0.0.2 9999 after > /dev/null
recv_wait
ktap_check "after unload: a datagram is delivered" grep -q "got after" /tmp/recv

ip netns del nfA
ip netns del nfB
ktap_finish
