#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# nfwfpctl layer: the layers nfwfp presents packets at, with WFP's ids,
# keys and field indexes, and live counters, over NFWFP_CMD_GET_LAYER.
. /tests/lib/ktap.sh

ctl=/usr/bin/nfwfpctl
ktap_plan 11

insmod /lib/nfwfp/nfwfp.ko

$ctl layer list > /tmp/layers
ids=$(grep -v '^	' /tmp/layers | awk '{ print $1 "=" $3 }' | tr '\n' ' ')
ktap_check "layer list: the six layers with WFP's run-time ids" test "$ids" = \
	"outbound-transport-v4=16 outbound-transport-v6=18 datagram-data-v4=24 datagram-data-v6=26 outbound-icmp-error-v4=32 outbound-icmp-error-v6=34 "
ktap_check "layer list: the management key of OUTBOUND_TRANSPORT_V4" \
	grep -q '^outbound-transport-v4 .* key 09e61aea-d214-46e2-9b21-b26b0b2f28c8 ' /tmp/layers

$ctl layer show datagram-data-v4 > /tmp/dd4
# DATAGRAM_DATA swaps REMOTE_ADDRESS (2) and LOCAL_ADDRESS_TYPE (3) and has
# DIRECTION at 9; FWPS_FIELD_DATAGRAM_DATA_V4_MAX is 14.
ktap_check "layer show: datagram-data-v4 field indexes" sh -c \
	"grep -q '	field 2 remote-addr uint32' /tmp/dd4 &&
	 grep -q '	field 3 local-addr-type uint8' /tmp/dd4 &&
	 grep -q '	field 9 direction uint32' /tmp/dd4 &&
	 test \$(grep -c '	field' /tmp/dd4) = 14"
ktap_check "layer show: v6 addresses are 16-byte arrays" \
	sh -c "$ctl layer show outbound-transport-v6 | grep -q '	field 1 local-addr bytes16'"
ktap_check "layer show by run-time id" \
	sh -c "$ctl layer show 34 | grep -q '^outbound-icmp-error-v6 id 34 family inet6 '"
out=$($ctl layer show nonsense 2>&1)
ktap_check "layer show of an unknown layer fails with a message" \
	sh -c "! $ctl layer show nonsense 2>/dev/null && echo '$out' | grep -q 'no layer \"nonsense\"'"
ktap_check "-j layer list is a JSON array of the layers" \
	sh -c "$ctl -j layer list | grep -q '^\[{\"name\":\"outbound-transport-v4\",\"id\":16,.*\"name\":\"outbound-icmp-error-v6\",\"id\":34,.*}\]$'"

insmod /lib/nfwfp/nfwfp_test_callout.ko verdict=block proto=17 port=9999
ktap_check "filters: the test callout's filter counted on its layer" \
	sh -c "$ctl layer show 24 | grep -q '^datagram-data-v4 .* filters 1 '"
/usr/bin/nfwfp-send udp 127.0.0.1 9999 x > /dev/null
ktap_check "counters: the blocked datagram counted" \
	sh -c "$ctl layer show 24 | grep -q ' classified [1-9][0-9]* blocked [1-9]'"
rmmod nfwfp_test_callout
ktap_check "filters: gone with the callout's dynamic session" \
	sh -c "$ctl layer show 24 | grep -q ' filters 0 '"

ktap_check "layer list as nobody is refused" \
	sh -c "! su -s /bin/sh -c '$ctl layer list' nobody 2>&1 | grep -q outbound"
rmmod nfwfp
ktap_finish
