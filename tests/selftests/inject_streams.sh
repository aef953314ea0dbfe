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
# TCP sent with sendfile(), whose file must not change, also with segments
# lost and retransmitted), a datagram made
# longer (a new NBL from scratch), a redirect through
# sendArgs->remoteAddress, controlData (TOS/TCLASS, TTL/hop limit, PKTINFO source, seen by
# nft at the receiver) and raw header-include injection (v0: the NBL starts
# at the IP header; v1: headerIncludeHeader) must all arrive valid. Through
# an ESP transport SA the callout sees plaintext only and the re-injected
# packet leaves encrypted.
#
# What the re-injected clone keeps (nft counters at both ends): the
# packet's TOS/ECN, TTL/hop limit, DF, IPv4 options, IPv6 hop-by-hop
# header and flow label, and its skb priority. A packet held while its
# route moves to another device leaves on the device the original was
# routed to; an IPv6 one whose route was replaced meanwhile is routed
# again. Linux's AF_INET6 (10) and UNSPECIFIED_COMPARTMENT_ID are
# accepted at injection, an indicated NBL itself is refused. Checksums: a
# zero UDP-over-IPv4 checksum (SO_NO_CHECK) stays zero, a zero
# UDP-over-IPv6 one (UDP_NO_CHECK6_TX) is computed, and junk a callout
# writes into the TCP/UDP checksum field never reaches the receiver.
. /tests/lib/ktap.sh
. /tests/lib/net.sh

ktap_plan 61

stream=/usr/bin/nfwfp-stream
st=/sys/kernel/debug/nfwfp_test_inject/stats

inject() {
	rmmod nfwfp_test_inject 2>/dev/null
	insmod /lib/nfwfp/nfwfp_test_inject.ko port=9000 "$@"
}

cstat() {
	awk -v n="$1" '$1 == n { print $2 }' $st
}

# ctr NS TABLE NAME: the packets of the nft rule with comment NAME
ctr() {
	$1 nft list table inet "$2" |
		sed -n "/comment \"$3\"/s/.*counter packets \([0-9]*\) .*/\1/p"
}

# same NS TABLE ALL PART: the counter PART counted every packet ALL did
same() {
	a=$(ctr "$1" "$2" "$3")
	b=$(ctr "$1" "$2" "$4")
	echo "# $2: $3 $a, $4 $b"
	[ "$a" -gt 0 ] && [ "$a" = "$b" ]
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

# The clone keeps the packet's own header and metadata: the sender sets
# TOS 0x22 (DSCP cs1, ECT(0)), TTL 77, IP options / a hop-by-hop header
# and SO_PRIORITY 5; every datagram must show them at nfB, and the
# priority at nfA's postrouting.
$B nft -f - <<'EOF'
table inet hdr {
	chain in {
		type filter hook input priority 0;
		meta nfproto ipv4 udp dport 9000 counter comment "all4"
		udp dport 9000 ip dscp cs1 ip ecn ect0 ip ttl 77 ip hdrlength 7 ip frag-off & 0x4000 != 0 counter comment "kept4"
		meta nfproto ipv6 udp dport 9000 counter comment "all6"
		udp dport 9000 ip6 dscp cs1 ip6 ecn ect0 ip6 hoplimit 77 ip6 nexthdr 0 ip6 flowlabel != 0 counter comment "kept6"
	}
}
EOF
$A nft -f - <<'EOF'
table inet hdr {
	chain post {
		type filter hook postrouting priority 0;
		udp dport 9000 counter comment "sent"
		udp dport 9000 meta priority 0:5 counter comment "prio"
	}
}
EOF
inject
export NFWFP_STREAM_OPTS=tos=34,ttl=77,opts,prio=5
stream "udp with TOS, TTL, IP options, priority, IPv4" "$B" 10.0.0.2 10.0.0.2 udp udp 50000 hash
stream "udp with TCLASS, hop limit, hop-by-hop header, priority, IPv6" "$B" fd00::2 fd00::2 udp udp 50000 hash
unset NFWFP_STREAM_OPTS
ktap_check "IPv4: TOS/ECN, TTL, DF and options kept on every datagram" same "$B" hdr all4 kept4
ktap_check "IPv6: TCLASS/ECN, hop limit, hop-by-hop header and flow label kept" \
	same "$B" hdr all6 kept6
ktap_check "the skb priority kept" same "$A" hdr sent prio
$A nft delete table inet hdr
$B nft delete table inet hdr

# Send parameters: Linux's AF_INET6 and UNSPECIFIED_COMPARTMENT_ID (the
# netns the packet was indicated in, nfA: init_net has no route to nfB).
inject af_linux=1 unspec_comp=1 try_indicated=1
stream "udp, addressFamily 10 (Linux AF_INET6), UNSPECIFIED compartment" \
	"$B" fd00::2 fd00::2 udp udp 20000 hash
stream "tcp, UNSPECIFIED compartment, IPv4" "$B" 10.0.0.2 10.0.0.2 tcp tcp 200000 hash
injections_clean "those injections completed once, successfully"
ktap_check "injecting the indicated NBL itself is refused (INVALID_PARAMETER)" \
	[ "$(cstat indicated_status)" = 0xc000000d ]

# Routing: a datagram to 10.0.9.2 (nfB's lo) leaves nfA by veth2 and is
# held 1.5 s, during which its route moves to veth0. The held route is
# stale; the re-routed packet keeps the original's device.
ip link add veth2 netns nfA type veth peer name veth3 netns nfB
$A ip link set veth2 up
$B ip link set veth3 up
$A ip addr add 10.0.1.1/24 dev veth2
$B ip addr add 10.0.1.2/24 dev veth3
$B ip addr add 10.0.9.2/32 dev lo
$B sysctl -qw net.ipv4.conf.all.rp_filter=0
$B sysctl -qw net.ipv4.conf.veth3.rp_filter=0
inject delay_ms=1500
# moved DESC OPTS
moved() {
	$B nft delete table inet via 2>/dev/null
	$B nft -f - <<'EOF'
table inet via {
	chain in {
		type filter hook input priority 0;
		iifname "veth1" udp dport 9000 counter comment "veth1"
		iifname "veth3" udp dport 9000 counter comment "veth3"
	}
}
EOF
	$A ip route replace 10.0.9.2/32 via 10.0.1.2 dev veth2
	sink_start "$B" udp 10.0.9.2 10
	NFWFP_STREAM_OPTS="$2" $A $stream source udp 10.0.9.2 9000 1000 > /tmp/source
	$A ip route replace 10.0.9.2/32 via 10.0.0.2 dev veth0
	wait $pid
	if grep -q "bytes=1000 " /tmp/sink && [ "$(ctr "$B" via veth3)" = 1 ] &&
	   [ "$(ctr "$B" via veth1)" = 0 ]; then
		ktap_ok "$1"
	else
		echo "# sink: $(cat /tmp/sink); via veth3 $(ctr "$B" via veth3), via veth1 $(ctr "$B" via veth1)"
		sed 's/^/# /' $st
		ktap_fail "$1"
	fi
}
moved "held while its route moved: left on the original's device" ""
moved "the same from a socket bound to veth2 (SO_BINDTODEVICE)" bind=veth2
$B nft delete table inet via
# IPv6: the held dst is checked against its route's serial. A prohibit
# route more specific than the one the datagram was routed by appears
# while it is held (the old route, and so its dst, stays): re-routed, it
# fails (ACCESS_DENIED) instead of leaving by the stale route. (A route
# deleted or replaced kills its dsts itself: dst_dev_put().)
$A ip -6 addr add fd01::1/64 dev veth2 nodad
$B ip -6 addr add fd01::2/64 dev veth3 nodad
$B ip -6 addr add fd09::2/128 dev lo
$A ip -6 route replace fd09::/64 via fd01::2 dev veth2
# Held 5 s: the route must be in place before the worker wakes, even on a
# slow, loaded debug kernel.
inject delay_ms=5000
sink_start "$B" udp fd09::2 9
$A $stream source udp fd09::2 9000 1000 > /tmp/source
$A ip -6 route add prohibit fd09::2/128
wait $pid
if grep -q "bytes=0 " /tmp/sink && [ "$(cstat completed)" -gt 0 ] &&
   [ "$(cstat completed_ok)" = 0 ] &&
   [ "$(cstat last_completion_status)" = 0xc0000022 ]; then
	ktap_ok "IPv6 held while a prohibit route appeared over its own: re-routed, ACCESS_DENIED"
else
	echo "# sink: $(cat /tmp/sink)"
	sed 's/^/# /' $st
	ktap_fail "IPv6 held while a prohibit route appeared over its own: re-routed, ACCESS_DENIED"
fi
$A ip -6 route del prohibit fd09::2/128
$A ip -6 route del fd09::/64
$A ip route del 10.0.9.2/32
$A ip link del veth2

# From here the receiver verifies every checksum.
$A ethtool -K veth0 tx off > /dev/null
csum_errors() {
	$B cat /proc/net/snmp /proc/net/snmp6 |
		awk '/^Udp: [0-9]/ { n += $8 } /^Udp6InCsumErrors/ { n += $2 }
		     /^Tcp: [0-9]/ { n += $16 } END { print n + 0 }'
}
csum0=$(csum_errors)

inject modify=1
stream "tcp payload rewritten (sendfile), IPv4" "$B" 10.0.0.2 10.0.0.2 tcp tcpfile 500000 xhash
stream "tcp payload rewritten (sendfile), IPv6" "$B" fd00::2 fd00::2 tcp tcpfile 500000 xhash
stream "udp payload rewritten, IPv4" "$B" 10.0.0.2 10.0.0.2 udp udp 100000 xhash
stream "udp payload rewritten, IPv6" "$B" fd00::2 fd00::2 udp udp 100000 xhash
# Segments lost after the rewrite are retransmitted from the sender's
# pages: rewritten once more from the file's bytes, never twice.
retrans() {
	$A cat /proc/net/snmp | awk '$1 == "Tcp:" && $2 ~ /^[0-9]/ { print $13 }'
}
r0=$(retrans)
# Without GSO, netem drops single segments, not 64 KiB at once.
$A ethtool -K veth0 gso off > /dev/null
$A tc qdisc add dev veth0 root netem loss 10%
stream "tcp payload rewritten (sendfile), 10% lost and retransmitted" \
	"$B" 10.0.0.2 10.0.0.2 tcp tcpfile 500000 xhash
$A tc -s qdisc show dev veth0 | sed -n 's/^/# /;/dropped/p'
$A tc qdisc del dev veth0 root
$A ethtool -K veth0 gso on > /dev/null
echo "# RetransSegs before $r0, after $(retrans)"
# A qdisc that answers NET_XMIT_CN (fq_codel dropping from the flow it
# queues for, behind a 8 kbit/s tbf): the injections complete with
# STATUS_SUCCESS, as the stack's own sends do, and are counted congested.
cong0=$(stat inject_congested)
$A tc qdisc add dev veth0 root handle 1: tbf rate 8kbit burst 1600 limit 100000
$A tc qdisc add dev veth0 parent 1: fq_codel limit 2
sink_start "$B" udp 10.0.0.2 3
$A $stream source udp 10.0.0.2 9000 20000 > /tmp/source
wait $pid
$A tc qdisc del dev veth0 root
ktap_check "a qdisc's congestion answer is counted (inject_congested), not failed" \
	[ "$(stat inject_congested)" -gt "$cong0" -a "$(cstat inject_failed)" = 0 ]
ktap_check "... segments were retransmitted" [ "$(retrans)" -gt "$r0" ]
injections_clean "rewritten packets completed once, successfully"
ktap_check "the receiver counted no checksum error" [ "$(csum_errors)" = "$csum0" ]

# Zero UDP checksums: "none" over IPv4 stays none; over IPv6 (where the
# receiver drops a zero one) it is computed.
$B nft -f - <<'EOF'
table inet ck {
	chain in {
		type filter hook input priority 0;
		meta nfproto ipv4 udp dport 9000 counter comment "all4"
		meta nfproto ipv4 udp dport 9000 udp checksum 0 counter comment "zero4"
		meta nfproto ipv6 udp dport 9000 counter comment "all6"
		meta nfproto ipv6 udp dport 9000 udp checksum 0 counter comment "zero6"
	}
}
EOF
inject
export NFWFP_STREAM_OPTS=nocheck
stream "udp without a checksum (SO_NO_CHECK), IPv4" "$B" 10.0.0.2 10.0.0.2 udp udp 20000 hash
stream "udp with a zero checksum (UDP_NO_CHECK6_TX), IPv6" "$B" fd00::2 fd00::2 udp udp 20000 hash
unset NFWFP_STREAM_OPTS
ktap_check "the zero UDP-over-IPv4 checksum stayed zero" same "$B" ck all4 zero4
ktap_check "the zero UDP-over-IPv6 checksum was computed" \
	[ "$(ctr "$B" ck all6)" -gt 0 -a "$(ctr "$B" ck zero6)" = 0 ]
$B nft delete table inet ck

# A callout that writes junk into the checksum field.
inject scribble=1
stream "tcp, checksum field scribbled, IPv4" "$B" 10.0.0.2 10.0.0.2 tcp tcp 300000 hash
stream "tcp, checksum field scribbled, IPv6" "$B" fd00::2 fd00::2 tcp tcp 300000 hash
stream "udp, checksum field scribbled, IPv4" "$B" 10.0.0.2 10.0.0.2 udp udp 50000 hash
stream "udp, checksum field scribbled, IPv6" "$B" fd00::2 fd00::2 udp udp 50000 hash
injections_clean "scribbled packets completed once, successfully"
ktap_check "no checksum error at the receiver after the scribbles" [ "$(csum_errors)" = "$csum0" ]

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
		ktap_fail "ipsec: $t" "no ESP SA: $(head -n1 /tmp/err)"
	done
fi

rmmod nfwfp_test_inject
netns_pair_del
ktap_check "nothing outstanding at nfwfp" [ "$(stat inject_outstanding)" = 0 ]
rmmod nfwfp
ktap_finish
