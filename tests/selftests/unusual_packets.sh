#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Unusual packets reach LOCAL_OUT too (issue 3, item 9): IPv6 extension
# headers, fragments, raw IP headers that lie, packets of kernel sockets (RST,
# timewait ACK), GSO super-packets, datagrams bigger than the MTU and tunnel
# outer packets. Each is either classified with the right values or passed
# untouched and counted in /sys/kernel/debug/nfwfp/stats — never misparsed,
# never a crash (the runner scans the console for splats).
#
# A test callout (tests/modules/nfwfp_test_callout.c, verdict=permit, no
# conditions) logs every classifyFn call: "layer=<id> filter=<id> vals=...
# meta=... ths=... ihs=... hih=... comp=... ep=... dlen=... data=<8 bytes hex>".
# Layer ids: 16/18 OUTBOUND_TRANSPORT_V4/V6, 24/26 DATAGRAM_DATA_V4/V6.
# DATAGRAM_DATA values: protocol, local, remote, local address type, local
# port, remote port, interface luid, index, sub-index, direction, flags,
# interface type, tunnel type, compartment. OUTBOUND_TRANSPORT: protocol,
# local, local address type, remote, local port, remote port, ...
# IPv4 addresses are in host order: 10.0.0.1 = 167772161, 10.0.0.2 =
# 167772162, 10.9.0.1 = 168361985, 10.9.0.2 = 168361986.
# Hand-built packets (nfwfp-raw) use source port 40000 (9c40).
. /tests/lib/ktap.sh
. /tests/lib/net.sh

ktap_plan 62

log=/sys/kernel/debug/nfwfp_test_callout/log
raw=/usr/bin/nfwfp-raw
# meta of a header-include raw packet: SYSTEM_FLAGS | TRANSPORT_HEADER_SIZE |
# COMPARTMENT_ID | TRANSPORT_ENDPOINT_HANDLE | IP_HEADER_SIZE |
# TRANSPORT_HEADER_INCLUDE_HEADER
HI=0x808c44

setup() {
	netns_pair &&
	# nfB accepts a segment routing header whose segments are all done.
	$B sysctl -qw net.ipv6.conf.all.seg6_enabled=1 &&
	$B sysctl -qw net.ipv6.conf.veth1.seg6_enabled=1
}

callout() {
	rmmod nfwfp_test_callout 2>/dev/null
	insmod /lib/nfwfp/nfwfp_test_callout.ko "$@" && echo clear > $log
}

# bg_start OUT CMD...: run CMD in the background, output in OUT, and wait
# (up to 5 s: the debug kernel is slow) until it printed "ready".
bg_start() {
	bg_out=$1
	shift
	: > "$bg_out"
	"$@" > "$bg_out" 2>&1 &
	bg_pid=$!
	i=0
	while ! grep -q ready "$bg_out" && [ $i -lt 50 ]; do
		sleep 0.1
		i=$((i + 1))
	done
}

# wait_for FILE PATTERN: up to 10 s
wait_for() {
	i=0
	while ! grep -q -E "$2" "$1" && [ $i -lt 100 ]; do
		sleep 0.1
		i=$((i + 1))
	done
}

snap() {
	sleep 0.5
	cat $log > /tmp/log
	echo clear > $log
}

show_log() {
	sed 's/^/# /' /tmp/log | head -n 20
}

line_no() {
	grep -n -E "$1" /tmp/log | head -n1 | cut -d: -f1 | grep . || echo 0
}

in_order() {
	a=$(line_no "$2")
	b=$(line_no "$3")
	if [ "$a" -gt 0 ] && [ "$b" -gt "$a" ]; then
		ktap_ok "$1"
	else
		show_log
		ktap_fail "$1" "lines $a, $b"
	fi
}

has() {
	if grep -q -E "$2" /tmp/log; then ktap_ok "$1"; else
		show_log
		ktap_fail "$1"
	fi
}

# count PATTERN: log lines matching
count() {
	grep -c -E "$1" /tmp/log
}

hex() {
	printf %04x "$1"
}

# sent_has DESC PATTERN CMD...: CMD prints "sent" and a logged call matches
sent_has() {
	desc=$1 pat=$2
	shift 2
	out=$("$@" 2>&1)
	snap
	if [ "$out" = sent ] && grep -q -E "$pat" /tmp/log; then
		ktap_ok "$desc"
	else
		ktap_diag "sender: $out"
		show_log
		ktap_fail "$desc"
	fi
}

# not_presented DESC COUNTER DELTA WANT CMD...: CMD prints WANT, COUNTER
# grows by exactly DELTA and nothing from nfA's compartment is presented.
not_presented() {
	desc=$1 counter=$2 delta=$3 want=$4
	shift 4
	before=$(stat "$counter")
	other="$(stat unclassified_no_view)/$(stat nbl_misuse)"
	out=$("$@" 2>&1)
	snap
	after=$(stat "$counter")
	if [ "$out" = "$want" ] && [ "$after" -eq $((before + delta)) ] &&
	   ! grep -q "comp=$compA " /tmp/log; then
		ktap_ok "$desc"
	else
		ktap_diag "sender: $out; $counter $before -> $after;" \
			"unclassified_no_view/nbl_misuse $other ->" \
			"$(stat unclassified_no_view)/$(stat nbl_misuse)"
		show_log
		ktap_fail "$desc"
	fi
}

insmod /lib/nfwfp/nfwfp.ko
if ! setup; then
	ktap_fail "namespaces and veth"
	ktap_finish
fi
callout verdict=permit

# The compartment ids of the two namespaces, from a datagram of each.
$A $send udp 10.0.0.2 7000 x > /dev/null
$B $send udp 10.0.0.1 7000 x > /dev/null
snap
compA=$(sed -n 's/^layer=24 .*vals=17,167772161,.* comp=\([0-9]*\) .*/\1/p' /tmp/log | head -n1)
compB=$(sed -n 's/^layer=24 .*vals=17,167772162,.* comp=\([0-9]*\) .*/\1/p' /tmp/log | head -n1)
if [ -n "$compA" ] && [ -n "$compB" ] && [ "$compA" != "$compB" ]; then
	ktap_ok "compartments of nfA ($compA) and nfB ($compB)"
else
	show_log
	ktap_fail "compartments of nfA and nfB" "'$compA' '$compB'"
	compA=none compB=none
fi

# ---- IPv6 extension headers on UDP (sticky socket options) -----------------
# The parser skips them: the ports are the UDP header's and the data offset
# is the UDP header (6 bytes of payload: UDP length 14 = 000e).
port=7001
for spec in hbh dst hbh,rt,dst; do
	bg_start /tmp/recv $B $raw udprecv fd00::2 $port 4
	out=$($A $raw exthdr fd00::2 $port 40001 $spec)
	wait $bg_pid
	snap
	if [ "$out" != sent ] && [ "$spec" = hbh,rt,dst ]; then
		ktap_skip "udp6 + $spec: presented with the UDP ports and data" "$out"
		ktap_skip "udp6 + $spec: delivered" "$out"
		continue
	fi
	in_order "udp6 + $spec: DATAGRAM_DATA_V6 then OUTBOUND_TRANSPORT_V6, UDP ports and data" \
		"layer=26 .*vals=17,fd00::1,fd00::2,1,40001,$port,.* ths=8 ihs=0 hih=0 comp=$compA ep=[0-9]+ dlen=14 data=9c41$(hex $port)000e" \
		"layer=18 .*vals=17,fd00::1,1,fd00::2,40001,$port,.* ths=8 .*dlen=14 data=9c41$(hex $port)000e"
	ktap_check "udp6 + $spec: delivered" grep -q "got 6 bytes" /tmp/recv
	port=$((port + 1))
done

# ---- IPv6 header-include (IPPROTO_RAW) -------------------------------------
# The user's IPv6 header with its extension headers is the IP header: the
# data offset is the UDP header, ihs = hih = 40 or 48.
sent_has "raw6 hdrincl udp: presented, data at the UDP header" \
	"layer=26 .*vals=17,fd00::1,fd00::2,1,40000,7010,.* meta=$HI ths=8 ihs=40 hih=40 comp=$compA ep=[0-9]+ dlen=13 data=9c401b62000d0000" \
	$A $raw v6 fd00::1 fd00::2 7010 udp
sent_has "raw6 hdrincl hop-by-hop + udp: the extension header belongs to the IP header" \
	"layer=26 .*vals=17,fd00::1,fd00::2,1,40000,7011,.* meta=$HI ths=8 ihs=48 hih=48 comp=$compA ep=[0-9]+ dlen=13 data=9c401b63000d0000" \
	$A $raw v6 fd00::1 fd00::2 7011 hbhudp
# headerIncludeHeader is a copy of the user's bytes: version 6, next header
# 0 (hop-by-hop) at byte 6, and the hop-by-hop header's next header 17 (UDP)
# at byte 40.
has "raw6 hdrincl hop-by-hop: headerIncludeHeader holds the user's header and its extension" \
	"layer=26 .*,7011,.* hih=48 .* hdr=6[0-9a-f]{11}00[0-9a-f]{66}11[0-9a-f]{14}\$"
# Outbound fragments are never indicated (WFP shows none at these layers).
not_presented "raw6 first fragment (offset 0, M): counted, not presented" \
	skipped_fragment 1 sent $A $raw v6 fd00::1 fd00::2 7012 frag
not_presented "raw6 last fragment (offset 8): counted, not presented" \
	skipped_fragment 1 sent $A $raw v6 fd00::1 fd00::2 7012 fraglater
# An atomic fragment (RFC 6946: offset 0, no M) is a whole datagram behind a
# fragment header, never reassembled (the receiver processes it as it is):
# it is presented, the fragment header being part of the IP header.
sent_has "raw6 atomic fragment (offset 0, no M): a whole datagram, presented" \
	"layer=26 .*vals=17,fd00::1,fd00::2,1,40000,7012,.* meta=$HI ths=8 ihs=48 hih=48 comp=$compA ep=[0-9]+ dlen=13 data=9c401b64000d0000" \
	$A $raw v6 fd00::1 fd00::2 7012 atomic
# The kernel does not check a header-include IPv6 header at all: a lying
# payload length goes out as it is; the packet's real length is presented.
sent_has "raw6 payload length 9999 in a 53-byte packet: presented with the real length" \
	"layer=26 .*vals=17,fd00::1,fd00::2,1,40000,7014,.* meta=$HI ths=8 ihs=40 hih=40 comp=$compA ep=[0-9]+ dlen=13 data=9c401b66000d0000" \
	$A $raw v6 fd00::1 fd00::2 7014 paylen
# Lying or truncated headers: counted as malformed, passed untouched.
not_presented "raw6 hop-by-hop longer than the packet, then protocol 253: malformed" \
	skipped_malformed 1 sent $A $raw v6 fd00::1 fd00::2 7013 hbhtrunc
not_presented "raw6 hop-by-hop longer than the packet, then UDP: malformed" \
	skipped_malformed 1 sent $A $raw v6 fd00::1 fd00::2 7013 hbhtruncudp
not_presented "raw6 version 4 on an IPv6 socket: malformed" \
	skipped_malformed 1 sent $A $raw v6 fd00::1 fd00::2 7013 version4
not_presented "raw6 next header UDP and no UDP header: malformed" \
	skipped_malformed 1 sent $A $raw v6 fd00::1 fd00::2 7013 short

# ---- IPv4 header-include with lies ------------------------------------------
sent_has "raw4 hdrincl udp (control): presented, data at the UDP header" \
	"layer=24 .*vals=17,167772161,167772162,1,40000,7020,.* meta=$HI ths=8 ihs=20 hih=20 comp=$compA ep=[0-9]+ dlen=13 data=9c401b6c000d0000" \
	$A $raw v4 10.0.0.2 7020 udp
sent_has "raw4 hdrincl tcp (control): OUTBOUND_TRANSPORT_V4, 20-byte header" \
	"layer=16 .*vals=6,167772161,1,167772162,40000,7021,.* meta=$HI ths=20 ihs=20 hih=20 comp=$compA ep=[0-9]+ dlen=20 data=9c401b6d00000001" \
	$A $raw v4 10.0.0.2 7021 tcp
hasnt_tcp24=$(count 'layer=24 .*vals=6,')
ktap_check "raw4 hdrincl tcp: never at DATAGRAM_DATA_V4" test "$hasnt_tcp24" = 0
# raw_send_hdrinc() refuses an IP header shorter than 20 bytes (6.1.y) or
# longer than the packet itself, and rewrites tot_len and the checksum of
# any other: none of these lies reaches LOCAL_OUT.
not_presented "raw4 ihl 4: refused by the kernel (EINVAL)" \
	skipped_malformed 0 "sendto: EINVAL" $A $raw v4 10.0.0.2 7022 ihl4
not_presented "raw4 ihl 15 in a 40-byte packet: refused by the kernel (EINVAL)" \
	skipped_malformed 0 "sendto: EINVAL" $A $raw v4 10.0.0.2 7022 ihlbig
sent_has "raw4 ihl 15 with lying options: options skipped, data at the UDP header" \
	"layer=24 .*vals=17,167772161,167772162,1,40000,7023,.* meta=$HI ths=8 ihs=60 hih=60 comp=$compA ep=[0-9]+ dlen=13 data=9c401b6f000d0000" \
	$A $raw v4 10.0.0.2 7023 opts
has "raw4 ihl 15: headerIncludeHeader holds the user's 60 bytes (version 4, ihl 15, UDP)" \
	"layer=24 .*,7023,.* hih=60 .* hdr=4f[0-9a-f]{16}11[0-9a-f]{100}\$"
# raw_send_hdrinc() rewrites tot_len (and the checksum) when ihl >= 5.
sent_has "raw4 tot_len 9999 in a 33-byte packet: presented with the real length" \
	"layer=24 .*vals=17,167772161,167772162,1,40000,7024,.* meta=$HI ths=8 ihs=20 hih=20 comp=$compA ep=[0-9]+ dlen=13 data=9c401b70000d0000" \
	$A $raw v4 10.0.0.2 7024 totlen
for kind in version6 tcptrunc tcpdoff tcpdoffbig udptrunc icmp1; do
	not_presented "raw4 $kind: malformed, passed untouched" \
		skipped_malformed 1 sent $A $raw v4 10.0.0.2 7025 $kind
done
# 4 bytes of ICMP: type and code are there, the 8-byte header is not (ths 0).
sent_has "raw4 4-byte ICMP echo: presented, type 8 code 0, no header size" \
	"layer=24 .*vals=1,167772161,167772162,1,8,0,.* meta=$HI ths=0 ihs=20 hih=20 comp=$compA ep=[0-9]+ dlen=4 data=( |\$)" \
	$A $raw v4 10.0.0.2 0 icmpshort
sent_has "raw4 protocol 253: presented without ports or header size" \
	"layer=24 .*vals=253,167772161,167772162,1,0,0,.* meta=$HI ths=0 ihs=20 hih=20 comp=$compA ep=[0-9]+ dlen=8 data=6e66776670323533" \
	$A $raw v4 10.0.0.2 0 proto253
in_order "raw4 protocol 253: DATAGRAM_DATA_V4 then OUTBOUND_TRANSPORT_V4" \
	'layer=24 .*vals=253,167772161,167772162,1,0,0,' \
	'layer=16 .*vals=253,167772161,1,167772162,0,0,'

hasnt() {
	if grep -q -E "$2" /tmp/log; then
		grep -E "$2" /tmp/log | sed 's/^/# /' | head -n 5
		ktap_fail "$1"
	else
		ktap_ok "$1"
	fi
}

# ---- packets of kernel sockets ------------------------------------------------
# nfB's stack answers a SYN to a closed port with a RST from its per-netns TCP
# control socket (a kernel socket, no user endpoint): a TCP segment, so
# OUTBOUND_TRANSPORT_V4, in the compartment of the namespace that sends it.
out=$($A $send tcp 10.0.0.2 9 x)
snap
ktap_check "tcp to a closed port: refused" test "$out" = "connect: ECONNREFUSED"
has "kernel RST: OUTBOUND_TRANSPORT_V4 in nfB's compartment, 20-byte header" \
	"layer=16 .*vals=6,167772162,1,167772161,9,[0-9]+,.* meta=0xc40 ths=20 ihs=0 hih=0 comp=$compB ep=[0-9]+ dlen=20 "

# A timewait ACK: nfA closes first (from port 45678 = b26e) and its peer
# holds its end open. Once nfA's FIN is acknowledged, the orphaned socket is
# replaced by a timewait sock in FIN_WAIT2 (/proc/net/tcp: st 05, timer 3).
# The peer's FIN then reaches only that timewait sock, which answers with an
# ACK sent from the netns' TCP control socket (tcp_v4_timewait_ack()).
tw_state() {
	$A cat /proc/net/tcp | awk '$2 ~ /:B26E$/ { print $4 "/" substr($6, 1, 2) }'
}
rm -f /tmp/go
bg_start /tmp/hold $B $raw tcphold 10.0.0.2 7100 /tmp/go 30
$A $raw tcpclose 10.0.0.2 7100 45678 > /dev/null
wait_for /tmp/hold eof
i=0
while [ "$(tw_state)" != 05/03 ] && [ $i -lt 50 ]; do
	sleep 0.1
	i=$((i + 1))
done
ktap_check "timewait: nfA's closed socket is a timewait sock in FIN_WAIT2" \
	test "$(tw_state)" = 05/03
snap
touch /tmp/go
wait_for /tmp/hold closed
wait $bg_pid
snap
has "timewait ACK: OUTBOUND_TRANSPORT_V4 in nfA's compartment, a bare ACK" \
	"layer=16 .*vals=6,167772161,1,167772162,45678,7100,.* meta=0xc40 ths=(20|32) ihs=0 hih=0 comp=$compA ep=[0-9]+ dlen=(20|32) "
ktap_check "timewait: the sock is now in TIME_WAIT" test "$(tw_state)" = 06/03

# ---- GSO: a TCP super-packet is one NB (WFP's LSO) -----------------------------
# veth has TSO on: TCP builds super-packets bigger than the MTU, which are
# segmented only after LOCAL_OUT. Only nfA's segments to port 7200 are
# logged (OUTBOUND_TRANSPORT_V4, remote port 7200).
callout verdict=permit layers=1 proto=6 port=7200
bg_start /tmp/recv $B $raw tcprecv 10.0.0.2 7200 60
out=$($A $raw tcpsend 10.0.0.2 7200 1048576)
wait $bg_pid
snap
got=$(sed -n 's/^received //p' /tmp/recv)
ktap_diag "sender: $out; receiver: $got"
ktap_check "gso: the receiver got every byte (size and checksum)" \
	test "sent $got" = "$out" -a "${out#sent 1048576 }" != "$out"
max=$(awk '/vals=6,167772161,1,167772162,[0-9]+,7200,/ {
	for (i = 1; i <= NF; i++) if ($i ~ /^dlen=/) { d = substr($i, 6) + 0; if (d > m) m = d }
} END { print m + 0 }' /tmp/log)
ktap_check "gso: a super-packet is presented whole (largest dlen $max > MTU 1500)" \
	test "$max" -gt 1500
lines=$(wc -l < /tmp/log)
if [ "$lines" -lt 512 ]; then
	payload=$(awk '/vals=6,167772161,1,167772162,[0-9]+,7200,/ {
		for (i = 1; i <= NF; i++) {
			if ($i ~ /^dlen=/) d = substr($i, 6) + 0
			if ($i ~ /^ths=/) t = substr($i, 5) + 0
		}
		s += d - t
	} END { print s + 0 }' /tmp/log)
	ktap_check "gso: every payload byte presented ($payload in $lines NBs)" \
		test "$payload" -ge 1048576
else
	ktap_skip "gso: every payload byte presented" "the log ring overflowed"
fi
callout verdict=permit

# ---- a datagram bigger than the MTU ----------------------------------------------
# ip_append_data() queues it as one packet (a frag_list); it is fragmented
# by ip_output()/ip6_output(), after LOCAL_OUT: presented once, whole.
bg_start /tmp/recv $B $raw udprecv 10.0.0.2 7300 4
out=$($A $raw udpbig 10.0.0.2 7300 3000)
wait $bg_pid
snap
ktap_check "udp4 3000 bytes, DF off: presented once at DATAGRAM_DATA_V4" \
	test "$out/$(count 'layer=24 .*vals=17,167772161,167772162,1,[0-9]+,7300,')" = sent/1
has "udp4 3000 bytes: whole (dlen 3008), data at the UDP header" \
	"layer=24 .*vals=17,167772161,167772162,1,[0-9]+,7300,.* ths=8 ihs=0 hih=0 comp=$compA ep=[0-9]+ dlen=3008 data=[0-9a-f]{4}1c840bc0"
ktap_check "udp4 3000 bytes: delivered" grep -q "got 3000 bytes" /tmp/recv

bg_start /tmp/recv $B $raw udprecv fd00::2 7301 4
out=$($A $raw udpbig fd00::2 7301 3000)
wait $bg_pid
snap
ktap_check "udp6 3000 bytes: presented once at DATAGRAM_DATA_V6" \
	test "$out/$(count 'layer=26 .*vals=17,fd00::1,fd00::2,1,[0-9]+,7301,')" = sent/1
has "udp6 3000 bytes: whole (dlen 3008), data at the UDP header" \
	"layer=26 .*vals=17,fd00::1,fd00::2,1,[0-9]+,7301,.* ths=8 ihs=0 hih=0 comp=$compA ep=[0-9]+ dlen=3008 data=[0-9a-f]{4}1c850bc0"
ktap_check "udp6 3000 bytes: delivered" grep -q "got 3000 bytes" /tmp/recv

# ---- tunnel outer packets: ipip ----------------------------------------------------
# The inner datagram is sent by the user's socket on ipip0 and presented
# there (interface type 131 = tunnel). ipip_tunnel_xmit() then builds the
# outer IPv4 header and sends it through ip_local_out() again: a second
# LOCAL_OUT traversal, of an IP-in-IP packet (protocol 4) on veth0. It is
# not TCP and not an ICMP error, so it is a datagram of protocol 4 at
# DATAGRAM_DATA_V4 then OUTBOUND_TRANSPORT_V4 — what WFP shows for a raw IP
# protocol — with no ports and no transport header size; the data offset is
# the inner IP header. skb->sk is still the user's UDP socket (iptunnel_xmit
# keeps it within one netns), which is not a raw socket: no raw flag.
tun_tests="inner outer order delivered"
if { $A ip link add ipip0 type ipip local 10.0.0.1 remote 10.0.0.2 &&
     $B ip link add ipip0 type ipip local 10.0.0.2 remote 10.0.0.1 &&
     $A ip link set ipip0 up && $B ip link set ipip0 up &&
     $A ip addr add 10.9.0.1/30 dev ipip0 &&
     $B ip addr add 10.9.0.2/30 dev ipip0; } 2>/tmp/err; then
	bg_start /tmp/recv $B $raw udprecv 10.9.0.2 7400 4
	$A $send udp 10.9.0.2 7400 tunnel > /dev/null
	wait $bg_pid
	snap
	has "ipip: the inner datagram at DATAGRAM_DATA_V4 on the tunnel interface" \
		"layer=24 .*vals=17,168361985,168361986,1,[0-9]+,7400,[0-9]+,[0-9]+,[0-9]+,0,0,131,1,$compA meta=0x8c40 ths=8 ihs=0 hih=0 comp=$compA ep=[0-9]+ dlen=14 "
	has "ipip: the outer packet at DATAGRAM_DATA_V4, protocol 4, data at the inner IP header" \
		"layer=24 .*vals=4,167772161,167772162,1,0,0,[0-9]+,[0-9]+,[0-9]+,0,0,6,0,$compA meta=0xc40 ths=0 ihs=0 hih=0 comp=$compA ep=[0-9]+ dlen=34 data=45[0-9a-f]{2}0022"
	in_order "ipip: inner, then outer at DATAGRAM_DATA_V4 then OUTBOUND_TRANSPORT_V4" \
		'layer=24 .*vals=17,168361985,168361986,' \
		'layer=24 .*vals=4,167772161,167772162,'
	ktap_check "ipip: delivered through the tunnel" grep -q "got 6 bytes" /tmp/recv
	has "ipip: the outer packet at OUTBOUND_TRANSPORT_V4 too" \
		'layer=16 .*vals=4,167772161,1,167772162,0,0,'
	$A ip link del ipip0
	$B ip link del ipip0
else
	for t in $tun_tests outer16; do
		# Both kernels have it (built in, or in the initramfs).
		ktap_fail "ipip: $t" "no ipip tunnel: $(head -n1 /tmp/err)"
	done
fi

# ---- IPsec: the ESP outer packet of a transport-mode SA -----------------------------
# The user's datagram is presented (xfrm_output() comes after LOCAL_OUT);
# the ESP packet the transform builds traverses LOCAL_OUT again with
# IPSKB_XFRM_TRANSFORMED set: WFP never shows it, nfwfp counts it.
key=0x0123456789abcdef0123456789abcdef
auth=0x0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
sa="src 10.0.0.1 dst 10.0.0.2 proto esp spi 0x1000 mode transport"
# (proto 17: the initramfs has no /etc/protocols to resolve "udp")
if { $A ip xfrm state add $sa auth 'hmac(sha256)' $auth enc 'cbc(aes)' $key &&
     $B ip xfrm state add $sa auth 'hmac(sha256)' $auth enc 'cbc(aes)' $key &&
     $A ip xfrm policy add src 10.0.0.1/32 dst 10.0.0.2/32 proto 17 dport 7500 \
	dir out tmpl src 10.0.0.1 dst 10.0.0.2 proto esp mode transport; } 2>/tmp/err; then
	bg_start /tmp/recv $B $raw udprecv 10.0.0.2 7500 4
	before=$(stat skipped_xfrm)
	$A $send udp 10.0.0.2 7500 esp > /dev/null
	wait $bg_pid
	snap
	after=$(stat skipped_xfrm)
	has "esp: the inner datagram is presented with its ports" \
		"layer=24 .*vals=17,167772161,167772162,1,[0-9]+,7500,.* ths=8 ihs=0 hih=0 comp=$compA ep=[0-9]+ dlen=11 "
	ktap_check "esp: the ESP packet is counted in skipped_xfrm ($before -> $after)" \
		test "$after" -eq $((before + 1))
	hasnt "esp: the ESP packet is never presented" 'vals=50,'
	ktap_check "esp: delivered (decrypted by nfB)" grep -q "got 3 bytes" /tmp/recv
	$A ip xfrm policy flush
	$A ip xfrm state flush
	$B ip xfrm state flush
else
	for t in inner counted not-presented delivered; do
		# Both kernels have it (built in, or in the initramfs).
		ktap_fail "esp: $t" "no ESP SA (authenc, echainiv?): $(head -n1 /tmp/err)"
	done
fi

# ---- a datagram of many fragments ------------------------------------------------------
# At MTU 200 a 65000-byte datagram is queued as ~370 frag_list members: it is
# still one packet at LOCAL_OUT and must be presented, whole, like any other.
# (Last: below 1280 the MTU takes IPv6 off veth0.)
$A ip link set veth0 mtu 200
bg_start /tmp/recv $B $raw udprecv 10.0.0.2 7302 8
before="$(stat unclassified_no_view)/$(stat nbl_unsupported)"
out=$($A $raw udpbig 10.0.0.2 7302 65000)
wait $bg_pid
snap
ktap_diag "sender: $out; receiver: $(grep got /tmp/recv)"
ktap_diag "unclassified_no_view/nbl_unsupported: $before -> $(stat unclassified_no_view)/$(stat nbl_unsupported)"
has "udp4 65000 bytes at MTU 200: presented once, whole (dlen 65008)" \
	"layer=24 .*vals=17,167772161,167772162,1,[0-9]+,7302,.* ths=8 ihs=0 hih=0 comp=$compA ep=[0-9]+ dlen=65008 "
ktap_check "udp4 65000 bytes at MTU 200: delivered" grep -q "got 65000 bytes" /tmp/recv
# ... and a block filter blocks it like any other datagram.
callout verdict=block proto=17 port=7303
bg_start /tmp/recv $B $raw udprecv 10.0.0.2 7303 5
out=$($A $raw udpbig 10.0.0.2 7303 65000)
wait $bg_pid
ktap_diag "sender: $out; receiver: $(grep got /tmp/recv)"
ktap_check "udp4 65000 bytes at MTU 200, block filter: EPERM, nothing delivered" \
	test "$out" = "sendto: EPERM" -a -z "$(grep got /tmp/recv)"
$A ip link set veth0 mtu 1500

ip netns del nfA
ip netns del nfB
rmmod nfwfp_test_callout
ktap_check "nfwfp unloads after all of it" rmmod nfwfp
ktap_finish
