#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# FwpsReferenceNetBufferList0 keeps an indicated NBL and its data valid
# after classifyFn returns, whatever the verdict, until the dereference:
# the test callout references every packet (ref=1) and user space compares
# each kept NBL's first bytes at classify time with the same bytes now. A
# referenced and permitted packet is NATed afterwards by an nft rule: the
# kept data must not change (nfwfp gives the stack or the hold an
# skb_clone(), never a shared skb). KASAN and kmemleak on the debug kernel
# watch every step.
. /tests/lib/ktap.sh

ktap_plan 13

dir=/sys/kernel/debug/nfwfp_test_callout
A="ip netns exec nfA"
B="ip netns exec nfB"
send=/usr/bin/nfwfp-send

setup() {
	ip netns add nfA && ip netns add nfB &&
	ip link add veth0 netns nfA type veth peer name veth1 netns nfB &&
	$A ip link set lo up && $B ip link set lo up &&
	$A ip link set veth0 up && $B ip link set veth1 up &&
	$A ip addr add 10.0.0.1/24 dev veth0 &&
	$B ip addr add 10.0.0.2/24 dev veth1
}

callout() {
	rmmod nfwfp_test_callout 2>/dev/null
	insmod /lib/nfwfp/nfwfp_test_callout.ko proto=17 port=9999 "$@"
}

recv_start() {
	: > /tmp/recv
	$B $send recv 10.0.0.2 "$1" 4 > /tmp/recv &
	recv_pid=$!
	i=0
	while ! grep -q ready /tmp/recv && [ $i -lt 50 ]; do
		sleep 0.1
		i=$((i + 1))
	done
}

# held_intact DESC LAYERS: every kept NBL still shows the bytes it showed at
# classify time, and one was kept at each of LAYERS
held_intact() {
	cat $dir/held > /tmp/held
	bad=$(awk '{ split($2, t, "="); split($3, n, "="); if (t[2] != n[2]) print }' /tmp/held)
	missing=
	for l in $2; do
		grep -q "^layer=$l then=[0-9a-f]*270f" /tmp/held || missing="$missing $l"
	done
	if [ -z "$bad" ] && [ -z "$missing" ]; then
		ktap_ok "$1"
	else
		sed 's/^/# /' /tmp/held
		ktap_fail "$1" "changed: $bad missing:$missing"
	fi
}

stat() {
	awk -v n="$1" '$1 == n { print $2 }' /sys/kernel/debug/nfwfp/stats
}

insmod /lib/nfwfp/nfwfp.ko
if ! setup; then
	ktap_fail "namespaces and veth"
	ktap_finish
fi
misuse=$(stat misuse)

callout verdict=permit ref=1
recv_start 9999
$A $send udp 10.0.0.2 9999 permit > /dev/null
wait $recv_pid
ktap_check "reference + permit: the packet is delivered" grep -q "got permit" /tmp/recv
held_intact "reference + permit: kept data intact after the packet left" "24 16"
echo release > $dir/held
ktap_check "release: nothing kept any more" test ! -s $dir/held

# The original packet is NATed after classify: 9999 becomes 7777.
$A nft -f - <<'EOF'
table ip nfwfp_nat {
	chain out {
		type nat hook output priority -100;
		udp dport 9999 dnat to 10.0.0.2:7777
	}
}
EOF
recv_start 7777
$A $send udp 10.0.0.2 9999 natted > /dev/null
wait $recv_pid
ktap_check "reference + permit + NAT: the NATed packet is delivered" \
	grep -q "got natted" /tmp/recv
held_intact "reference + permit + NAT: kept data is the original" "24 16"
echo release > $dir/held
$A nft delete table ip nfwfp_nat

callout verdict=block ref=1
out=$($A $send udp 10.0.0.2 9999 block)
ktap_check "reference + block: the sender still gets EPERM" test "$out" = "sendto: EPERM"
held_intact "reference + block: kept data intact" "24"
echo release > $dir/held

callout verdict=absorb ref=1
recv_start 9999
out=$($A $send udp 10.0.0.2 9999 absorb)
wait $recv_pid
ktap_check "reference + absorb: the sender sees success" test "$out" = "sent"
ktap_check "reference + absorb: nothing delivered" sh -c '! grep -q got /tmp/recv'
held_intact "reference + absorb: kept data intact" "24"

# Unloading the callout driver dereferences what it still holds.
ktap_check "callout unload with references outstanding" rmmod nfwfp_test_callout

callout verdict=permit ref=2
recv_start 9999
$A $send udp 10.0.0.2 9999 quick > /dev/null
wait $recv_pid
ktap_check "dereference inside classifyFn: the packet is delivered" \
	grep -q "got quick" /tmp/recv
ktap_check "no API misuse counted" test "$(stat misuse)" = "$misuse"

rmmod nfwfp_test_callout
ip netns del nfA
ip netns del nfB
rmmod nfwfp
ktap_finish
