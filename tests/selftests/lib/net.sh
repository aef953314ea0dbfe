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
#   field FILE NAME  the value of NAME=... on the first line of FILE
#   stream ...       a checked bulk stream from nfA on port 9000 (below)

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
	# The debug kernel is slow (and slower on a loaded host): wait until
	# the socket is bound.
	i=0
	while ! grep -q ready /tmp/recv && [ $i -lt 150 ]; do
		sleep 0.1
		i=$((i + 1))
	done
}

recv_wait() {
	wait $recv_pid
}

# field FILE NAME: the value of NAME=... on the first line of FILE
field() {
	head -n 1 "$1" | tr ' ' '\n' | sed -n "s/^$2=//p"
}

# sink_start NSCMD PROTO ADDR SECS [PORT]: nfwfp-stream's sink on ADDR:PORT
#   (9000) for SECS, run by NSCMD ("$B"); its output goes to /tmp/sink, its
#   pid to $pid. Returns once it listens.
sink_start() {
	: > /tmp/sink
	$1 /usr/bin/nfwfp-stream sink "$2" "$3" "${5:-9000}" "$4" > /tmp/sink &
	pid=$!
	i=0
	while ! grep -q ready /tmp/sink && [ $i -lt 100 ]; do
		sleep 0.1
		i=$((i + 1))
	done
}

# stream DESC SINKNS SINKADDR DSTADDR PROTO MODE BYTES WANT
#   A source in nfA sends BYTES to DSTADDR:9000 (MODE tcp|tcpfile|udp), a
#   sink in SINKNS receives on SINKADDR:9000; the sink's hash must be the
#   source's WANT (hash, or xhash for XORed payloads). On failure the file
#   $stream_diag, if set, is shown.
stream() {
	sink_start "$2" "$5" "$3" 90
	$A /usr/bin/nfwfp-stream source "$6" "$4" 9000 "$7" > /tmp/source
	wait $pid
	sed -i '/^ready$/d' /tmp/sink
	want=$(field /tmp/source "$8")
	if [ -n "$want" ] && [ "$(field /tmp/sink hash)" = "$want" ] &&
	   [ "$(field /tmp/sink bytes)" = "$7" ] &&
	   ! grep -q "file_unchanged=0" /tmp/source; then
		ktap_ok "$1"
	else
		echo "# source: $(cat /tmp/source)"
		echo "# sink: $(cat /tmp/sink)"
		[ -n "$stream_diag" ] && sed 's/^/# /' "$stream_diag"
		ktap_fail "$1"
	fi
}
