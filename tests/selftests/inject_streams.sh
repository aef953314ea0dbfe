#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The inspect pattern end to end: nfwfp_test_inject (Microsoft's TLInspect
# way: reference at classify, BLOCK + ABSORB, clone and dereference in a
# worker, FwpsInjectTransportSendAsync, free in the completion) takes every
# packet to port 9000 out of the send path and re-injects it. TCP and UDP
# streams over veth and loopback, IPv4 and IPv6, must reach a receiver in
# the other namespace intact (length and FNV-1a hash of the bytes), and
# every injection must complete successfully, exactly once.
#
# Modified packets: with the sender's veth TX checksum offload off the
# receiver verifies every checksum, so a payload rewrite (XOR, same length;
# TCP sent with sendfile(), whose file must not change), a datagram made
# longer (a new NBL from scratch), a redirect through
# sendArgs->remoteAddress, controlData (TOS/TCLASS, TTL/hop limit, PKTINFO source, seen by
# nft at the receiver) and raw header-include injection (v0: the NBL starts
# at the IP header; v1: headerIncludeHeader) must all arrive valid. Through
# an ESP transport SA the callout sees plaintext only and the re-injected
# packet leaves encrypted.
. /tests/lib/ktap.sh
. /tests/lib/net.sh

ktap_plan 36

stream=/usr/bin/nfwfp-stream
st=/sys/kernel/debug/nfwfp_test_inject/stats

inject() {
	rmmod nfwfp_test_inject 2>/dev/null
	insmod /lib/nfwfp/nfwfp_test_inject.ko port=9000 "$@"
}

cstat() {
	awk -v n="$1" '$1 == n { print $2 }' $st
}

# injections_clean DESC: every accepted injection completed, successfully
injections_clean() {
	inj=$(cstat injected)
	if [ "$inj" -gt 0 ] && [ "$(cstat completed_ok)" = "$inj" ] &&
	   [ "$(cstat completed)" = "$inj" ] && [ "$(cstat inject_failed)" = 0 ]; then
		ktap_ok "$1"
	else
		sed 's/^/# /' $st
		ktap_fail "$1"
	fi
}

stream_diag=$st

insmod /lib/nfwfp/nfwfp.ko
netns_pair

# Unchanged streams, over veth and over loopback.
inject
stream "tcp over veth, IPv4" "$B" 10.0.0.2 10.0.0.2 tcp tcp 1000000 hash
stream "tcp over veth, IPv6" "$B" fd00::2 fd00::2 tcp tcp 1000000 hash
stream "udp over veth, IPv4" "$B" 10.0.0.2 10.0.0.2 udp udp 200000 hash
stream "udp over veth, IPv6" "$B" fd00::2 fd00::2 udp udp 200000 hash
stream "tcp over loopback, IPv4" "$A" 127.0.0.1 127.0.0.1 tcp tcp 1000000 hash
stream "tcp over loopback, IPv6" "$A" ::1 ::1 tcp tcp 1000000 hash
stream "udp over loopback, IPv4" "$A" 127.0.0.1 127.0.0.1 udp udp 200000 hash
stream "udp over loopback, IPv6" "$A" ::1 ::1 udp udp 200000 hash
injections_clean "every injection completed once, successfully"
ktap_check "the packets were seen again as injected by self" \
	[ "$(cstat seen_self)" -gt 0 ]

# The injected packet belongs to the endpoint's socket (nft's meta skuid
# needs skb->sk), also for a dual-stack IPv6 socket sending to an IPv4 peer.
$A nft -f - <<'EOF'
table inet own {
	chain out {
		type filter hook output priority 0;
		udp dport 9000 meta skuid 0 counter
	}
}
EOF
stream "udp from a dual-stack socket to a v4-mapped peer" "$B" 10.0.0.2 ::ffff:10.0.0.2 udp udp 100000 hash
ktap_check "injected packets are owned by their socket" \
	sh -c "! /bin/ip netns exec nfA nft list chain inet own out | grep -q 'counter packets 0 '"
$A nft delete table inet own

# From here the receiver verifies every checksum.
$A ethtool -K veth0 tx off > /dev/null
csum_errors() {
	$B cat /proc/net/snmp /proc/net/snmp6 |
		awk '/^Udp: [0-9]/ { n += $8 } /^Udp6InCsumErrors/ { n += $2 } END { print n + 0 }'
}
csum0=$(csum_errors)

inject modify=1
stream "tcp payload rewritten (sendfile), IPv4" "$B" 10.0.0.2 10.0.0.2 tcp tcpfile 500000 xhash
stream "tcp payload rewritten (sendfile), IPv6" "$B" fd00::2 fd00::2 tcp tcpfile 500000 xhash
stream "udp payload rewritten, IPv4" "$B" 10.0.0.2 10.0.0.2 udp udp 100000 xhash
stream "udp payload rewritten, IPv6" "$B" fd00::2 fd00::2 udp udp 100000 xhash
injections_clean "rewritten packets completed once, successfully"
ktap_check "the receiver counted no checksum error" [ "$(csum_errors)" = "$csum0" ]

# udp_got DESC DSTADDR SINKADDR PAYLOAD EXPECTED [SENDMODE]
udp_got() {
	: > /tmp/recv
	$B env NFWFP_STREAM_PRINT=1 $stream sink udp "$3" 9000 6 > /tmp/recv &
	pid=$!
	i=0
	while ! grep -q ready /tmp/recv && [ $i -lt 100 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	$A $send "${6:-udp}" "$2" 9000 "$4" > /dev/null
	wait $pid
	if grep -qx "got $5" /tmp/recv; then
		ktap_ok "$1"
	else
		sed 's/^/# /' /tmp/recv
		sed 's/^/# /' $st
		ktap_fail "$1"
	fi
}

inject modify=2
udp_got "udp datagram made longer (new NBL), IPv4" 10.0.0.2 10.0.0.2 hello hello+WFP
udp_got "udp datagram made longer (new NBL), IPv6" fd00::2 fd00::2 hello6 hello6+WFP

$B ip addr add 10.0.0.3/24 dev veth1
$B ip addr add fd00::3/64 dev veth1 nodad
inject redirect=10.0.0.3
stream "udp redirected by remoteAddress, IPv4" "$B" 10.0.0.3 10.0.0.2 udp udp 20000 hash
inject redirect=fd00::3
stream "udp redirected by remoteAddress, IPv6" "$B" fd00::3 fd00::2 udp udp 20000 hash

# controlData: TOS 0x20 (DSCP cs1) and TTL 33 on the wire.
$B nft -f - <<'EOF'
table inet wire {
	chain in {
		type filter hook input priority 0;
		udp dport 9000 ip dscp cs1 ip ttl 33 counter
		udp dport 9000 ip6 dscp cs1 ip6 hoplimit 33 counter
	}
}
EOF
inject tos=32 ttl=33
udp_got "controlData IP_TOS and IP_TTL" 10.0.0.2 10.0.0.2 ctl4 ctl4
udp_got "controlData IPV6_TCLASS and IPV6_HOPLIMIT" fd00::2 fd00::2 ctl6 ctl6
ktap_check "TOS/TCLASS and TTL/hop limit were on the wire" \
	[ "$($B nft list chain inet wire in | grep -c 'counter packets 1 ')" = 2 ]
$B nft delete table inet wire

# controlData IP_PKTINFO / IPV6_PKTINFO: the source address on the wire.
$A ip addr add 10.0.0.5/24 dev veth0
$A ip addr add fd00::5/64 dev veth0 nodad
$B nft -f - <<'EOF'
table inet wire {
	chain in {
		type filter hook input priority 0;
		udp dport 9000 ip saddr 10.0.0.5 counter
		udp dport 9000 ip6 saddr fd00::5 counter
	}
}
EOF
inject src=10.0.0.5
udp_got "controlData IP_PKTINFO" 10.0.0.2 10.0.0.2 pkt4 pkt4
inject src=fd00::5
udp_got "controlData IPV6_PKTINFO" fd00::2 fd00::2 pkt6 pkt6
ktap_check "the PKTINFO source addresses were on the wire" \
	[ "$($B nft list chain inet wire in | grep -c 'counter packets 1 ')" = 2 ]
$B nft delete table inet wire

# Raw header-include (IPv4 IP_HDRINCL sockets).
inject version=0
udp_got "hdrincl re-injected with sendArgs NULL (v0)" 10.0.0.2 10.0.0.2 raw0 raw0 hdrincl
inject version=1
udp_got "hdrincl re-injected with headerIncludeHeader (v1)" 10.0.0.2 10.0.0.2 raw1 raw1 hdrincl
injections_clean "every injection since completed once, successfully"
ktap_check "the receiver counted no checksum error, in all" [ "$(csum_errors)" = "$csum0" ]

# IPsec (the API page's remark): with a transport-mode SA the callout sees
# each datagram once, in plaintext (the ESP packet is never presented), and
# the re-injected datagram leaves encrypted.
key=0x0123456789abcdef0123456789abcdef
auth=0x0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
sa="src 10.0.0.1 dst 10.0.0.2 proto esp spi 0x1001 mode transport"
if { $A ip xfrm state add $sa auth 'hmac(sha256)' $auth enc 'cbc(aes)' $key &&
     $B ip xfrm state add $sa auth 'hmac(sha256)' $auth enc 'cbc(aes)' $key &&
     $A ip xfrm policy add src 10.0.0.1/32 dst 10.0.0.2/32 proto 17 dport 9000 \
	dir out tmpl src 10.0.0.1 dst 10.0.0.2 proto esp mode transport; } 2>/tmp/err; then
	$B nft -f - <<'NFT'
table inet nfwfp_esp {
	chain in {
		type filter hook input priority 0;
		ip protocol 50 counter
	}
}
NFT
	inject
	x0=$(stat skipped_xfrm)
	stream "ipsec: a stream through an ESP transport SA, re-injected" \
		"$B" 10.0.0.2 10.0.0.2 udp udp 20000 hash
	ktap_check "ipsec: the callout saw each datagram once, in plaintext" \
		[ "$(cstat pended)" = 20 -a "$(cstat injected)" = 20 ]
	esp_left() {
		n=$($B nft list chain inet nfwfp_esp in | sed -n 's/.*counter packets \([0-9]*\) .*/\1/p')
		x=$(($(stat skipped_xfrm) - x0))
		echo "ESP packets at nfB: $n, skipped_xfrm: +$x"
		[ "$n" = 20 ] && [ "$x" = 20 ]
	}
	ktap_check "ipsec: each re-injected datagram left as ESP, never presented" esp_left
	$A ip xfrm policy flush
	$A ip xfrm state flush
	$B ip xfrm state flush
else
	for t in stream plaintext encrypted; do
		ktap_skip "ipsec: $t" "no ESP SA: $(head -n1 /tmp/err)"
	done
fi

rmmod nfwfp_test_inject
netns_pair_del
ktap_check "nothing outstanding at nfwfp" [ "$(stat inject_outstanding)" = 0 ]
rmmod nfwfp
ktap_finish
