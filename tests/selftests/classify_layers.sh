#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Each kind of outbound packet reaches exactly the WFP layers it reaches on
# Windows, in WFP's order, with the right incoming values and metadata, and
# each verdict has its effect, over veth and over loopback. Two namespaces
# joined by veth; a test callout driver (tests/modules/nfwfp_test_callout.c)
# logs what classifyFn is shown, counts calls made at the wrong IRQL, and
# registers with any of FwpsCalloutRegister0..3 (version=N).
#
# Layer ids: 16/18 OUTBOUND_TRANSPORT_V4/V6, 24/26 DATAGRAM_DATA_V4/V6,
# 32/34 OUTBOUND_ICMP_ERROR_V4/V6. IPv4 addresses are in host order:
# 10.0.0.1 = 167772161, 10.0.0.2 = 167772162, 127.0.0.1 = 2130706433.
#
# Metadata bits: 0x40 SYSTEM_FLAGS, 0x400 TRANSPORT_HEADER_SIZE, 0x800
# COMPARTMENT_ID, 0x8000 TRANSPORT_ENDPOINT_HANDLE (user sockets), 0x20000
# REMOTE_SCOPE_ID (scoped IPv6), 0x4 IP_HEADER_SIZE and 0x800000
# TRANSPORT_HEADER_INCLUDE_HEADER (header-include raw sockets).
. /tests/lib/ktap.sh
. /tests/lib/net.sh

ktap_plan 101

log=/sys/kernel/debug/nfwfp_test_callout/log
stats=/sys/kernel/debug/nfwfp_test_callout/stats
notify=/sys/kernel/debug/nfwfp_test_callout/notify
raw=/usr/bin/nfwfp-raw

callout() {
	rmmod nfwfp_test_callout 2>/dev/null
	insmod /lib/nfwfp/nfwfp_test_callout.ko "$@" && echo clear > $log
}

# line_no PATTERN: number of the first log line matching PATTERN, or 0
line_no() {
	grep -n -E "$1" /tmp/log | head -n1 | cut -d: -f1 | grep . || echo 0
}

snap() {
	sleep 0.5
	cat $log > /tmp/log
	echo clear > $log
}

# in_order DESC P1 P2: a line matching P1 exists and one matching P2 after it
in_order() {
	a=$(line_no "$2")
	b=$(line_no "$3")
	if [ "$a" -gt 0 ] && [ "$b" -gt "$a" ]; then
		ktap_ok "$1"
	else
		sed 's/^/# /' /tmp/log | head -n 20
		ktap_fail "$1" "lines $a, $b"
	fi
}

# has DESC PATTERN / hasnt DESC PATTERN
has() {
	if grep -q -E "$2" /tmp/log; then ktap_ok "$1"; else
		sed 's/^/# /' /tmp/log | head -n 20
		ktap_fail "$1"
	fi
}
hasnt() {
	if grep -q -E "$2" /tmp/log; then
		grep -E "$2" /tmp/log | sed 's/^/# /' | head -n 5
		ktap_fail "$1"
	else
		ktap_ok "$1"
	fi
}

# all DESC SELECT PATTERN: lines match SELECT, and every one also PATTERN
all() {
	n=$(grep -c -E "$2" /tmp/log)
	if [ "$n" -gt 0 ] && ! grep -E "$2" /tmp/log | grep -q -v -E "$3"; then
		ktap_ok "$1"
	else
		grep -E "$2" /tmp/log | sed 's/^/# /' | head -n 10
		ktap_fail "$1" "$n lines"
	fi
}

# sends DESC WANT CMD...: CMD prints WANT
sends() {
	local desc=$1 want=$2 out
	shift 2
	out=$("$@")
	if [ "$out" = "$want" ]; then ktap_ok "$desc"; else
		ktap_fail "$desc" "$out"
	fi
}

insmod /lib/nfwfp/nfwfp.ko
if ! netns_pair; then
	ktap_fail "namespaces and veth"
	ktap_finish
fi

# ---- permit: what each kind of packet shows ----------------------------
callout verdict=permit

recv_start 10.0.0.2 9999
out=$(NFWFP_SEND_LPORT=1 $A $send udp 10.0.0.2 9999 hello)
recv_wait
snap
# DATAGRAM_DATA_V4: proto, local, remote, local type, lport, rport, ...
# meta 0x8c40 = SYSTEM_FLAGS | TRANSPORT_HEADER_SIZE | COMPARTMENT_ID |
# TRANSPORT_ENDPOINT_HANDLE (a user socket sent it)
in_order "udp4: DATAGRAM_DATA_V4 then OUTBOUND_TRANSPORT_V4" \
	'layer=24 .*vals=17,167772161,167772162,1,[0-9]+,9999,' \
	'layer=16 .*vals=17,167772161,1,167772162,[0-9]+,9999,'
has "udp4: metadata bits, transport header size, data at the UDP header" \
	'layer=24 .*meta=0x8c40 ths=8 ihs=0 hih=0 comp=[1-9][0-9]* ep=[1-9][0-9]* dlen=13 data=[0-9a-f]{4}270f000d'
ktap_check "udp4: permitted datagram delivered" grep -q "got hello" /tmp/recv
# The socket's own port; veth0's index and NET_LUID (IF_TYPE_ETHERNET_CSMACD
# 6 in bits 48-63, the index in 24-47).
lport=${out#sent lport=}
ifx=$($A cat /sys/class/net/veth0/ifindex)
has "udp4: local port is the socket's, interface index and LUID are veth0's" \
	"layer=24 .*vals=17,167772161,167772162,1,$lport,9999,$(((6 << 48) | (ifx << 24))),$ifx,"
all "udp4: the same metadata bits at OUTBOUND_TRANSPORT_V4" \
	'layer=16 .*vals=17,167772161,1,167772162,[0-9]+,9999,' ' meta=0x8c40 ths=8 '
obj=/sys/kernel/debug/nfwfp/objects
ktap_check "counters: the datagram-data filter counted its matches" \
	grep -q -E '^filter .* layer=datagram-data-v4 .* matched=[1-9][0-9]* permitted=[1-9]' $obj
ktap_check "counters: its callout counted its calls" \
	grep -q -E '^callout .* layer=datagram-data-v4 added=1 registered=1 filters=1 matched=[1-9]' $obj
ktap_check "counters: the callout's sublayer counted its decisions" \
	grep -q -E '^sublayer .* weight=0 filters=6 .* permitted=[1-9]' $obj

$B sh -c 'nc -l -p 8080 > /tmp/tcp_recv &'
sleep 0.3
out=$(NFWFP_SEND_LPORT=1 $A $send tcp 10.0.0.2 8080 hi)
snap
has "tcp4: segments at OUTBOUND_TRANSPORT_V4, from the socket's own port" \
	"layer=16 .*vals=6,167772161,1,167772162,${out#sent lport=},8080,"
hasnt "tcp4: never at DATAGRAM_DATA_V4" 'layer=24 .*vals=6,'
has "tcp4: transport header size of a SYN with options" \
	'layer=16 .*vals=6,167772161,1,167772162,[0-9]+,8080,.* ths=(2[0-9]|3[0-9]|40) '
all "tcp4: every segment of a user socket: metadata bits, endpoint handle" \
	'layer=16 .*vals=6,167772161,1,167772162,[0-9]+,8080,' \
	' meta=0x8c40 ths=[0-9]+ ihs=0 hih=0 comp=[1-9][0-9]* ep=[1-9]'

$B sh -c 'nc -l -p 8086 > /dev/null &'
sleep 0.3
$A $send tcp fd00::2 8086 hi > /dev/null
snap
has "tcp6: segments at OUTBOUND_TRANSPORT_V6" \
	'layer=18 .*vals=6,fd00::1,1,fd00::2,[0-9]+,8086,'
hasnt "tcp6: never at DATAGRAM_DATA_V6" 'layer=26 .*vals=6,'
all "tcp6: every segment of a user socket: metadata bits, endpoint handle" \
	'layer=18 .*vals=6,fd00::1,1,fd00::2,[0-9]+,8086,' \
	' meta=0x8c40 ths=[0-9]+ ihs=0 hih=0 comp=[1-9][0-9]* ep=[1-9]'

recv_start fd00::2 9999
$A $send udp fd00::2 9999 hello6 > /dev/null
recv_wait
snap
in_order "udp6: DATAGRAM_DATA_V6 then OUTBOUND_TRANSPORT_V6" \
	'layer=26 .*vals=17,fd00::1,fd00::2,1,[0-9]+,9999,' \
	'layer=18 .*vals=17,fd00::1,1,fd00::2,[0-9]+,9999,'
ktap_check "udp6: permitted datagram delivered" grep -q "got hello6" /tmp/recv
all "udp6: metadata bits at DATAGRAM_DATA_V6 (no scope: a global address)" \
	'layer=26 .*vals=17,fd00::1,fd00::2,1,[0-9]+,9999,' \
	' meta=0x8c40 ths=8 ihs=0 hih=0 comp=[1-9][0-9]* ep=[1-9][0-9]* dlen=14 data=[0-9a-f]{4}270f000e'
all "udp6: ... and at OUTBOUND_TRANSPORT_V6" \
	'layer=18 .*vals=17,fd00::1,1,fd00::2,[0-9]+,9999,' ' meta=0x8c40 ths=8 '

$A $send ping 10.0.0.2 > /dev/null
snap
# For ICMP the port fields carry type (8: echo) and code.
in_order "ping4: DATAGRAM_DATA_V4 then OUTBOUND_TRANSPORT_V4, type as port" \
	'layer=24 .*vals=1,167772161,167772162,1,8,0,' \
	'layer=16 .*vals=1,167772161,1,167772162,8,0,'
has "ping4: raw socket flag" 'layer=24 .*vals=1,167772161,167772162,1,8,0,[0-9]+,[0-9]+,[0-9]+,0,16,'
# A raw socket without header-include: a user endpoint, no IP header bits.
all "ping4: metadata bits of a raw socket without header-include" \
	'layer=(24|16) .*vals=1,167772161,' ' meta=0x8c40 ths=8 ihs=0 hih=0 .* ep=[1-9]'

$A $send ping fd00::2 > /dev/null
snap
in_order "ping6: DATAGRAM_DATA_V6 then OUTBOUND_TRANSPORT_V6" \
	'layer=26 .*vals=58,fd00::1,fd00::2,1,128,0,' \
	'layer=18 .*vals=58,fd00::1,1,fd00::2,128,0,'
all "ping6: metadata bits of a raw socket without header-include" \
	'layer=(26|18) .*vals=58,fd00::1,' ' meta=0x8c40 ths=8 ihs=0 hih=0 .* ep=[1-9]'

# A datagram to a closed port: nfB's stack answers with port unreachable.
$A $send udp 10.0.0.2 9 x > /dev/null
snap
in_order "icmp4 error from the stack: OUTBOUND_ICMP_ERROR_V4 then transport" \
	'layer=32 .*vals=167772162,167772161,1,[0-9]+,3,3,' \
	'layer=16 .*vals=1,167772162,1,167772161,3,3,'
hasnt "icmp4 error from the stack: not at DATAGRAM_DATA_V4" \
	'layer=24 .*vals=1,167772162,167772161,1,3,'
# The stack's own socket is no endpoint: no TRANSPORT_ENDPOINT_HANDLE.
has "icmp4 error from the stack: metadata without an endpoint handle" \
	'layer=32 .*vals=167772162,167772161,1,[0-9]+,3,3,.* meta=0xc40 ths=8 .* ep=0 '

$A $send udp fd00::2 9 x > /dev/null
snap
in_order "icmp6 error from the stack: OUTBOUND_ICMP_ERROR_V6 then transport" \
	'layer=34 .*vals=fd00::2,fd00::1,1,[0-9]+,1,4,' \
	'layer=18 .*vals=58,fd00::2,1,fd00::1,1,4,'
hasnt "icmp6 error from the stack: not at DATAGRAM_DATA_V6" \
	'layer=26 .*vals=58,fd00::2,fd00::1,1,1,'
all "icmp6 error from the stack: metadata without an endpoint handle" \
	'layer=(34|18) .*fd00::2,(1,)?fd00::1,' ' meta=0xc40 ths=8 .* ep=0 '

# An ICMP error a user raw socket sends is a datagram like any other.
$A $send icmperr 10.0.0.2 > /dev/null
snap
in_order "icmp4 error from a raw socket: DATAGRAM_DATA_V4 then transport" \
	'layer=24 .*vals=1,167772161,167772162,1,3,3,' \
	'layer=16 .*vals=1,167772161,1,167772162,3,3,'
hasnt "icmp4 error from a raw socket: not at OUTBOUND_ICMP_ERROR_V4" \
	'layer=32 .*vals=167772161,167772162,'

$A $send icmperr fd00::2 > /dev/null
snap
in_order "icmp6 error from a raw socket: DATAGRAM_DATA_V6 then transport" \
	'layer=26 .*vals=58,fd00::1,fd00::2,1,1,4,' \
	'layer=18 .*vals=58,fd00::1,1,fd00::2,1,4,'
hasnt "icmp6 error from a raw socket: not at OUTBOUND_ICMP_ERROR_V6" \
	'layer=34 .*vals=fd00::1,fd00::2,'

# Neighbour discovery and MLD ran all along: never presented.
cat $log >> /tmp/log
hasnt "ND and MLD are never presented" \
	'layer=(26|18) .*vals=58,[^,]*,[^,]*,[0-9]+,(13[0-7]|143),'

# A new address joins its solicited-node group (MLD) and runs DAD (ND) now,
# while the callout's filters are active.
$A ip addr add fd00::100/64 dev veth0
sleep 2
ktap_check "ND packets counted as not presented" test "$(stat skipped_nd)" -gt 0
ktap_check "MLD packets counted as not presented" test "$(stat skipped_mld)" -gt 0

frags=$(stat skipped_fragment)
$A $send frag 10.0.0.2 9999 fragment > /dev/null
snap
hasnt "an IP fragment is never presented" 'vals=17,[0-9]+,167772162,1,40000,9999,'
ktap_check "an IP fragment is counted and passed" \
	test "$(stat skipped_fragment)" -gt "$frags"

igmp=$(stat skipped_igmp)
$A ip route add 224.0.0.0/4 dev veth0
$A $send join 239.1.2.3 > /dev/null
ktap_check "IGMP is counted and passed" test "$(stat skipped_igmp)" -gt "$igmp"

recv_start 10.0.0.2 9999
$A $send hdrincl 10.0.0.2 9999 raw > /dev/null
recv_wait
snap
# + IP_HEADER_SIZE (0x4) and TRANSPORT_HEADER_INCLUDE_HEADER (0x800000);
# the data starts after the sender's 24-byte IP header, at its UDP header.
has "hdrincl4: IP header size, header copy, data after the user's header" \
	'layer=24 .*vals=17,[0-9]+,167772162,1,40000,9999,.* meta=0x808c44 ths=8 ihs=24 hih=24 .*data=9c40270f'
has "hdrincl4: raw endpoint flag" \
	'layer=24 .*vals=17,[0-9]+,167772162,1,40000,9999,[0-9]+,[0-9]+,[0-9]+,0,16,'

$A $send udp 127.0.0.1 9999 lo > /dev/null
snap
# FLAGS: loopback (1); INTERFACE_TYPE 24: software loopback
has "loopback: flag and interface type" \
	'layer=24 .*vals=17,2130706433,2130706433,1,[0-9]+,9999,[0-9]+,1,1,0,1,24,'
$A $send udp ::1 9999 lo6 > /dev/null
snap
in_order "loopback6: DATAGRAM_DATA_V6 then transport, flag and interface type" \
	'layer=26 .*vals=17,::1,::1,1,[0-9]+,9999,[0-9]+,1,1,0,1,24,' \
	'layer=18 .*vals=17,::1,1,::1,[0-9]+,9999,'

# ---- loopback: every kind of packet, over 127.0.0.1 and ::1 ----------------
# OUTBOUND_TRANSPORT: ..., INTERFACE_INDEX 1, SUB_INTERFACE_INDEX 1,
# DESTINATION_ADDRESS_TYPE 1, FLAGS loopback (1), INTERFACE_TYPE 24.
LO4=2130706433
$A sh -c 'nc -l -p 8090 > /dev/null &'
sleep 0.3
$A $send tcp 127.0.0.1 8090 hi > /dev/null
snap
# The server's SYN-ACK comes from a request socket, no full socket: no
# endpoint handle.
all "lo tcp4: the client's segments at OUTBOUND_TRANSPORT_V4, loopback, endpoint" \
	"layer=16 .*vals=6,$LO4,1,$LO4,[0-9]+,8090," \
	"vals=6,$LO4,1,$LO4,[0-9]+,8090,[0-9]+,1,1,1,1,24,.* meta=0x8c40 "
all "lo tcp4: the server's segments at OUTBOUND_TRANSPORT_V4, loopback" \
	"layer=16 .*vals=6,$LO4,1,$LO4,8090,[0-9]+," \
	"vals=6,$LO4,1,$LO4,8090,[0-9]+,[0-9]+,1,1,1,1,24,.* meta=0x(8c40|c40) "
has "lo tcp4: ... with an endpoint handle once established" \
	"layer=16 .*vals=6,$LO4,1,$LO4,8090,[0-9]+,.* meta=0x8c40 "
hasnt "lo tcp4: never at DATAGRAM_DATA_V4" 'layer=24 .*vals=6,'

$A sh -c 'nc -l -p 8091 > /dev/null &'
sleep 0.3
$A $send tcp ::1 8091 hi > /dev/null
snap
all "lo tcp6: the client's segments at OUTBOUND_TRANSPORT_V6, loopback, endpoint" \
	'layer=18 .*vals=6,::1,1,::1,[0-9]+,8091,' \
	'vals=6,::1,1,::1,[0-9]+,8091,[0-9]+,1,1,1,1,24,.* meta=0x8c40 '
all "lo tcp6: the server's segments at OUTBOUND_TRANSPORT_V6, loopback" \
	'layer=18 .*vals=6,::1,1,::1,8091,[0-9]+,' \
	'vals=6,::1,1,::1,8091,[0-9]+,[0-9]+,1,1,1,1,24,.* meta=0x(8c40|c40) '
has "lo tcp6: ... with an endpoint handle once established" \
	'layer=18 .*vals=6,::1,1,::1,8091,[0-9]+,.* meta=0x8c40 '
hasnt "lo tcp6: never at DATAGRAM_DATA_V6" 'layer=26 .*vals=6,'

$A $send ping 127.0.0.1 > /dev/null
snap
in_order "lo ping4: DATAGRAM_DATA_V4 then OUTBOUND_TRANSPORT_V4" \
	"layer=24 .*vals=1,$LO4,$LO4,1,8,0,[0-9]+,1,1,0,17,24,.* meta=0x8c40 " \
	"layer=16 .*vals=1,$LO4,1,$LO4,8,0,"
$A $send ping ::1 > /dev/null
snap
in_order "lo ping6: DATAGRAM_DATA_V6 then OUTBOUND_TRANSPORT_V6" \
	'layer=26 .*vals=58,::1,::1,1,128,0,[0-9]+,1,1,0,17,24,.* meta=0x8c40 ' \
	'layer=18 .*vals=58,::1,1,::1,128,0,'

$A $send udp 127.0.0.1 9 x > /dev/null
snap
in_order "lo icmp4 error from the stack: OUTBOUND_ICMP_ERROR_V4 then transport" \
	"layer=32 .*vals=$LO4,$LO4,1,[0-9]+,3,3,1,1,24,.* meta=0xc40 .* ep=0 " \
	"layer=16 .*vals=1,$LO4,1,$LO4,3,3,"
hasnt "lo icmp4 error from the stack: not at DATAGRAM_DATA_V4" \
	"layer=24 .*vals=1,$LO4,$LO4,1,3,"
$A $send udp ::1 9 x > /dev/null
snap
in_order "lo icmp6 error from the stack: OUTBOUND_ICMP_ERROR_V6 then transport" \
	'layer=34 .*vals=::1,::1,1,[0-9]+,1,4,1,1,24,.* meta=0xc40 .* ep=0 ' \
	'layer=18 .*vals=58,::1,1,::1,1,4,'
hasnt "lo icmp6 error from the stack: not at DATAGRAM_DATA_V6" \
	'layer=26 .*vals=58,::1,::1,1,1,'

$A $send icmperr 127.0.0.1 > /dev/null
snap
in_order "lo icmp4 error from a raw socket: DATAGRAM_DATA_V4 then transport" \
	"layer=24 .*vals=1,$LO4,$LO4,1,3,3,.* meta=0x8c40 " \
	"layer=16 .*vals=1,$LO4,1,$LO4,3,3,"
# Only the loopback flow: nfB's reassembly of the lone fragment sent above
# expires 30 s later and answers with a time exceeded of its own, at layer 32.
hasnt "lo icmp4 error from a raw socket: not at OUTBOUND_ICMP_ERROR_V4" \
	"layer=32 .*vals=$LO4,$LO4,"
$A $send icmperr ::1 > /dev/null
snap
in_order "lo icmp6 error from a raw socket: DATAGRAM_DATA_V6 then transport" \
	'layer=26 .*vals=58,::1,::1,1,1,4,.* meta=0x8c40 ' \
	'layer=18 .*vals=58,::1,1,::1,1,4,'
hasnt "lo icmp6 error from a raw socket: not at OUTBOUND_ICMP_ERROR_V6" \
	'layer=34 .*vals=::1,::1,'

$A $send hdrincl 127.0.0.1 9999 raw > /dev/null
snap
in_order "lo hdrincl4: DATAGRAM_DATA_V4 then transport, header-include metadata" \
	"layer=24 .*vals=17,$LO4,$LO4,1,40000,9999,[0-9]+,1,1,0,17,24,.* meta=0x808c44 ths=8 ihs=24 hih=24 .*data=9c40270f" \
	"layer=16 .*vals=17,$LO4,1,$LO4,40000,9999,.* meta=0x808c44 ths=8 ihs=24 hih=24 "
$A $raw v6 ::1 ::1 7020 udp > /dev/null
snap
in_order "lo hdrincl6: DATAGRAM_DATA_V6 then transport, header-include metadata" \
	'layer=26 .*vals=17,::1,::1,1,40000,7020,[0-9]+,1,1,0,17,24,.* meta=0x808c44 ths=8 ihs=40 hih=40 .*data=9c401b6c' \
	'layer=18 .*vals=17,::1,1,::1,40000,7020,.* meta=0x808c44 ths=8 ihs=40 hih=40 '

# ---- REMOTE_SCOPE_ID: scoped IPv6 destinations --------------------------
# The zone is the interface index, the level link (2) for fe80::/10 and
# ff02::/16.
$A ip addr add fe80::a/64 dev veth0 nodad
$B ip addr add fe80::b/64 dev veth1 nodad
ifA=$($A ip -o link show veth0 | cut -d: -f1)
recv_start fe80::b%veth1 9999
$A $send udp fe80::b%veth0 9999 scoped > /dev/null
recv_wait
snap
has "scope: link-local destination at DATAGRAM_DATA_V6, zone = ifindex, level link" \
	"layer=26 .*vals=17,fe80:[^,]*,fe80::b,1,[0-9]+,9999,[0-9]+,$ifA,$ifA,.* meta=0x28c40 ths=8 .* scope=$ifA/2\$"
has "scope: ... and at OUTBOUND_TRANSPORT_V6" \
	"layer=18 .*vals=17,fe80:[^,]*,1,fe80::b,[0-9]+,9999,[0-9]+,$ifA,$ifA,.* meta=0x28c40 ths=8 .* scope=$ifA/2\$"
ktap_check "scope: the link-local datagram is delivered" grep -q "got scoped" /tmp/recv
$A $send udp ff02::1%veth0 9999 mc > /dev/null
snap
has "scope: link-scope multicast destination, zone = ifindex, level link" \
	"layer=26 .*vals=17,[^,]*,ff02::1,[0-9]+,[0-9]+,9999,[0-9]+,$ifA,$ifA,.* meta=0x28c40 ths=8 .* scope=$ifA/2\$"

# ---- IRQL: WFP calls classifyFn at DISPATCH_LEVEL --------------------------
# Everything sent so far, from tasks and from softirqs (TCP handshakes,
# ACKs and the stack's ICMP errors are sent while a received packet is
# processed), through the same callout.
ktap_check "irql: classifyFn always at DISPATCH_LEVEL, bottom halves disabled" \
	grep -q -E '^calls=[1-9][0-9]* irql_wrong=0 bh_enabled=0 ' $stats
ktap_check "irql: ... including for packets sent from a softirq" \
	grep -q -E ' softirq=[1-9]' $stats
ktap_check "irql: no flowContext, a classifyContext every time" \
	grep -q -E ' flow_context=0 no_context=0$' $stats
cat $stats | sed 's/^/# /'

# UDP GSO: segmented before classify unless the callout allows USO.
recv_start 10.0.0.2 9999
$A $send uso 10.0.0.2 9999 > /dev/null
recv_wait
snap
n=$(grep -c -E 'layer=24 .*vals=17,167772161,167772162,1,[0-9]+,9999,.* dlen=1008 ' /tmp/log)
ktap_check "uso: three segments presented without ALLOW_USO" test "$n" = 3
ktap_check "uso: the receiver gets three datagrams" test "$(grep -c got /tmp/recv)" = 3
callout verdict=permit uso=1
recv_start 10.0.0.2 9999
$A $send uso 10.0.0.2 9999 > /dev/null
recv_wait
snap
has "uso: one super-packet presented with ALLOW_USO" \
	'layer=24 .*vals=17,167772161,167772162,1,[0-9]+,9999,.* dlen=3008 '
ktap_check "uso: ... and the receiver still gets three datagrams" \
	test "$(grep -c got /tmp/recv)" = 3

# ---- verdicts ---------------------------------------------------------------
callout verdict=block proto=17 port=9999
recv_start 10.0.0.2 9999
out=$($A $send udp 10.0.0.2 9999 blocked)
recv_wait
ktap_check "block: the UDP sender gets EPERM" test "$out" = "sendto: EPERM"
ktap_check "block: nothing delivered" sh -c '! grep -q got /tmp/recv'
sends "block: the IPv4 header-include sender gets EPERM" "sendto: EPERM" \
	$A $send hdrincl 10.0.0.2 9999 blocked
sends "block: the IPv6 header-include sender gets EPERM" "sendto: EPERM" \
	$A $raw v6 fd00::1 fd00::2 9999 udp

callout verdict=block proto=1
sends "block: the ICMP echo sender gets EPERM" "sendto: EPERM" $A $send ping 10.0.0.2
sends "block: the ICMP error raw sender gets EPERM" "sendto: EPERM" \
	$A $send icmperr 10.0.0.2
callout verdict=block proto=58
sends "block: the ICMPv6 echo sender gets EPERM" "sendto: EPERM" $A $send ping fd00::2
sends "block: the ICMPv6 error raw sender gets EPERM" "sendto: EPERM" \
	$A $send icmperr fd00::2

callout verdict=block proto=6 port=8081
# Count what reaches nfB for port 8081: a blocked SYN never does.
$B nft -f - <<'EOF'
table inet nfwfp_syn {
	chain in {
		type filter hook input priority 0;
		tcp dport 8081 counter
	}
}
EOF
out=$($A $send tcp 10.0.0.2 8081 x)
ktap_check "block: a TCP connect fails" test "$out" = "connect: ETIMEDOUT"
syns=$($B nft list table inet nfwfp_syn)
if echo "$syns" | grep -q 'dport 8081 counter packets 0 '; then
	ktap_ok "block: no SYN reached the receiver"
else
	echo "$syns" | sed 's/^/# /'
	ktap_fail "block: no SYN reached the receiver"
fi
# The control: without the block, the SYN arrives (and is refused).
rmmod nfwfp_test_callout
out=$($A $send tcp 10.0.0.2 8081 x)
syns=$($B nft list table inet nfwfp_syn)
if [ "$out" = "connect: ECONNREFUSED" ] &&
   echo "$syns" | grep -q 'dport 8081 counter packets [1-9]'; then
	ktap_ok "block: ... while an unblocked SYN is counted there"
else
	echo "$out: $syns" | sed "s/^/# /"
	ktap_fail "block: ... while an unblocked SYN is counted there"
fi
$B nft delete table inet nfwfp_syn

callout verdict=absorb proto=17 port=9999
recv_start 10.0.0.2 9999
out=$($A $send udp 10.0.0.2 9999 absorbed)
recv_wait
ktap_check "absorb: the sender sees success" test "$out" = "sent"
ktap_check "absorb: nothing delivered" sh -c '! grep -q got /tmp/recv'

# ---- classifyFn0/1/2 and notifyFn0/1/2 ------------------------------------
# A driver written against FwpsCalloutRegister0, 1 or 2: notifyFn is told
# of its filter (ADD_FILTER, two conditions, a terminating callout action
# naming its callout); classifyFn sees that filter's id, the datagram's
# values and data, flowContext 0 (and, from version 1, a classifyContext);
# a block verdict blocks.
for v in 0 1 2; do
	callout verdict=permit proto=17 port=9999 layers=4 version=$v
	id=$(sed -n 's/^notify type=0 filter=\([0-9]*\) conds=2 action=0x5003 ours=1$/\1/p' $notify)
	ktap_check "version $v: notifyFn told of the filter" test -n "$id"
	recv_start 10.0.0.2 9999
	$A $send udp 10.0.0.2 9999 v$v > /dev/null
	recv_wait
	snap
	has "version $v: classifyFn shown the filter, values and data" \
		"^layer=24 filter=$id vals=17,167772161,167772162,1,[0-9]+,9999,.* meta=0x8c40 ths=8 .* dlen=10 data=[0-9a-f]{4}270f000a"
	ktap_check "version $v: permitted, delivered, right context" sh -c \
		"grep -q 'got v$v' /tmp/recv && grep -q -E '^calls=[1-9][0-9]* irql_wrong=0 bh_enabled=0 .* flow_context=0 no_context=0$' $stats"
	callout verdict=block proto=17 port=9999 layers=4 version=$v
	sends "version $v: a block verdict gives EPERM" "sendto: EPERM" \
		$A $send udp 10.0.0.2 9999 x
done

rmmod nfwfp_test_callout
recv_start 10.0.0.2 9999
$A $send udp 10.0.0.2 9999 after > /dev/null
recv_wait
ktap_check "callout gone: traffic flows again" grep -q "got after" /tmp/recv

netns_pair_del
rmmod nfwfp
ktap_finish
