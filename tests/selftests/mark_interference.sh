#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# skb->mark users and nfwfp's injection tag (inject_mark_mask, default
# 0x7f000000) side by side, through the inspect pattern (nfwfp_test_inject
# absorbs and re-injects everything to port 9000):
#  - a socket whose SO_MARK lies inside the mask: its packets are not taken
#    for injected ones, are re-injected once each, and leave with that mark;
#  - a rule before nfwfp's hook that sets a mark inside the mask, and one
#    after it that clears marks: the same, no loop;
#  - policy routing on that fwmark to a second link: the re-injected packets
#    take the marked route too, none leaks onto the default one.
. /tests/lib/ktap.sh
. /tests/lib/net.sh

ktap_plan 11

ist=/sys/kernel/debug/nfwfp_test_inject/stats
istat() { awk -v n="$1" '$1 == n { print $2 }' $ist; }
inject() {
	rmmod nfwfp_test_inject 2>/dev/null
	insmod /lib/nfwfp/nfwfp_test_inject.ko port=9000 "$@"
}
# counted CHAIN: the packets the one counter of nft chain inet marks CHAIN saw
counted() {
	$A nft list chain inet marks "$1" | sed -n 's/.*counter packets \([0-9]*\) .*/\1/p'
}
# clean DESC N: every one of N originals re-injected once, recognised as ours
clean() {
	if [ "$(istat pended)" = "$2" ] && [ "$(istat injected)" = "$2" ] &&
	   [ "$(istat seen_self)" = "$2" ]; then
		ktap_ok "$1"
	else
		sed 's/^/# /' $ist
		ktap_fail "$1"
	fi
}
txpackets() { $A cat /sys/class/net/$1/statistics/tx_packets; }

insmod /lib/nfwfp/nfwfp.ko
netns_pair
stream_diag=$ist

# Egress: what leaves nfA, by mark.
$A nft -f - <<'NFT'
table inet marks {
	chain post {
		type filter hook postrouting priority 0;
		udp dport 9000 meta mark 0x7f000005 counter
	}
}
NFT

# 1. SO_MARK inside the mask.
inject
NFWFP_STREAM_MARK=0x7f000005 stream "SO_MARK inside the mask: the UDP stream arrives intact" \
	"$B" 10.0.0.2 10.0.0.2 udp udp 50000 hash
clean "each datagram re-injected once, recognised as injected by self" 50
ktap_check "they left with the socket's mark" [ "$(counted post)" = 50 ]
inject
NFWFP_STREAM_MARK=0x7f000005 stream "SO_MARK inside the mask: the TCP stream arrives intact" \
	"$B" 10.0.0.2 10.0.0.2 tcp tcp 300000 hash

# 2. Rules before and after nfwfp's hook (-500) that set and clear marks.
$A nft -f - <<'NFT'
table inet marks {
	chain early {
		type filter hook output priority -600;
		udp dport 9000 meta mark set 0x7f00000a
	}
	chain late {
		type filter hook output priority 0;
		udp dport 9000 meta mark 0x7f00000a counter meta mark set 0
	}
}
NFT
inject
stream "a mark set before nfwfp, cleared after it: the stream arrives intact" \
	"$B" 10.0.0.2 10.0.0.2 udp udp 30000 hash
clean "each datagram re-injected once, no loop" 30
ktap_check "the chain after nfwfp saw each one once with the early mark" \
	[ "$(counted late)" = 30 ]
$A nft delete chain inet marks early
$A nft delete chain inet marks late

# 3. Policy routing on the fwmark: a second link, only for marked packets.
ip link add veth2 netns nfA type veth peer name veth3 netns nfB
$A ip link set veth2 up
$B ip link set veth3 up
$A ip addr add 10.0.1.1/24 dev veth2
$B ip addr add 10.0.1.2/24 dev veth3
$B sysctl -qw net.ipv4.conf.all.rp_filter=0 net.ipv4.conf.veth3.rp_filter=0
$A ip route add 10.0.0.2/32 dev veth2 table 100
$A ip rule add fwmark 0x7f000005 table 100
inject
tx0=$(txpackets veth0)
tx2=$(txpackets veth2)
NFWFP_STREAM_MARK=0x7f000005 stream "fwmark policy routing: the stream arrives over the marked link" \
	"$B" 10.0.0.2 10.0.0.2 udp udp 40000 hash
clean "each datagram re-injected once" 40
ktap_check "all 40 re-injected datagrams took the marked route" \
	[ $(($(txpackets veth2) - tx2)) -ge 40 ]
ktap_check "none leaked onto the default link" [ $(($(txpackets veth0) - tx0)) -lt 5 ]

$A ip rule del fwmark 0x7f000005 table 100
rmmod nfwfp_test_inject
netns_pair_del
ktap_finish
