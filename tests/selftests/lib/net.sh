# SPDX-License-Identifier: GPL-2.0
# Shared set-up for the network selftests. Sourced after ktap.sh.
#
#   A, B             "ip netns exec nfA" / "... nfB"
#   netns_pair       nfA (10.0.0.1, fd00::1) and nfB (10.0.0.2, fd00::2)
#                    joined by veth0/veth1; SYN retries bounded in nfA
#   netns_pair_del   remove both
#   stat NAME        a counter of /sys/kernel/debug/nfwfp/stats
#   recv_start ADDR PORT [SECONDS]  a UDP receiver in nfB, its output in
#                    /tmp/recv; returns once the socket is bound
#   recv_wait        wait for it to end

A="ip netns exec nfA"
B="ip netns exec nfB"
send=/usr/bin/nfwfp-send

netns_pair() {
	ip netns add nfA && ip netns add nfB &&
	ip link add veth0 netns nfA type veth peer name veth1 netns nfB &&
	$A ip link set lo up && $B ip link set lo up &&
	$A ip link set veth0 up && $B ip link set veth1 up &&
	$A ip addr add 10.0.0.1/24 dev veth0 &&
	$B ip addr add 10.0.0.2/24 dev veth1 &&
	$A ip addr add fd00::1/64 dev veth0 nodad &&
	$B ip addr add fd00::2/64 dev veth1 nodad &&
	$A sysctl -qw net.ipv4.tcp_syn_retries=1
}

netns_pair_del() {
	ip netns del nfA
	ip netns del nfB
}

stat() {
	awk -v n="$1" '$1 == n { print $2 }' /sys/kernel/debug/nfwfp/stats
}

recv_start() {
	: > /tmp/recv
	$B $send recv "$1" "$2" "${3:-4}" > /tmp/recv &
	recv_pid=$!
	# The debug kernel is slow: wait until the socket is bound.
	i=0
	while ! grep -q ready /tmp/recv && [ $i -lt 50 ]; do
		sleep 0.1
		i=$((i + 1))
	done
}

recv_wait() {
	wait $recv_pid
}
