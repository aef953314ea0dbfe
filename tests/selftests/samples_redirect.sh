#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# samples/redirect (nfwfp_redirect.ko), the datagram-data redirect driver
# written the Windows way: UDP datagrams to port 9000 are taken at the
# DATAGRAM_DATA layer and sent to another address and port through
# sendArgs->remoteAddress and a rewritten UDP header. The proof is a round
# trip: an echo server listening only on the new address and port answers,
# and the client, on an unconnected socket, gets the reply from there.
. /tests/lib/ktap.sh
. /tests/lib/net.sh

ktap_plan 9

ko=/lib/nfwfp/nfwfp_redirect.ko

# round_trip DESC SERVERADDR CLIENTDST PAYLOAD
round_trip() {
	: > /tmp/echo
	$B $send echo "$2" 9001 10 > /tmp/echo &
	epid=$!
	i=0
	while ! grep -q ready /tmp/echo && [ $i -lt 50 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	$A $send ask "$3" 9000 "$4" > /tmp/ask 2>&1
	wait $epid
	if grep -qx "reply from $2 9001 $4" /tmp/ask &&
	   grep -q "^got $4\$" /tmp/echo; then
		ktap_ok "$1"
	else
		echo "# client: $(cat /tmp/ask)"
		echo "# server: $(cat /tmp/echo)"
		ktap_fail "$1"
	fi
}

insmod /lib/nfwfp/nfwfp.ko
netns_pair
$B ip addr add 10.0.0.3/24 dev veth1
$B ip addr add fd00::3/64 dev veth1 nodad
# The receiver checks every UDP checksum: the rewrite must leave it right.
$A ethtool -K veth0 tx off > /dev/null
csum_errors() {
	$B cat /proc/net/snmp /proc/net/snmp6 |
		awk '/^Udp: [0-9]/ { n += $8 } /^Udp6InCsumErrors/ { n += $2 } END { print n + 0 }'
}
csum0=$(csum_errors)

ktap_check "a port is required" sh -c "! insmod $ko NewDestinationAddress=10.0.0.3"
ktap_check "load, IPv4" insmod $ko DestinationPort=9000 NewDestinationAddress=10.0.0.3 \
	NewDestinationPort=9001
round_trip "udp round trip through the redirect, IPv4" 10.0.0.3 10.0.0.2 "ping-v4"
round_trip "a second datagram goes the same way" 10.0.0.3 10.0.0.2 "again"
ktap_check "IPv6 is not redirected by an IPv4 rule" sh -c \
	"! /bin/ip netns exec nfA /usr/bin/nfwfp-send ask fd00::2 9000 v6"
rmmod nfwfp_redirect
ktap_check "load, IPv6" insmod $ko DestinationPort=9000 NewDestinationAddress=fd00::3 \
	NewDestinationPort=9001
round_trip "udp round trip through the redirect, IPv6" fd00::3 fd00::2 "ping-v6"
ktap_check "the receiver counted no checksum error" [ "$(csum_errors)" = "$csum0" ]
ktap_check "unload" rmmod nfwfp_redirect

netns_pair_del
ktap_finish
