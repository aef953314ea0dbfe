#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# nfwfpctl filter: add with every kind of condition, list/show/delete/
# flush, a filter that really blocks (its counters), the --force rule for
# unregistered terminating callouts, kernel errors naming the argument,
# a listing that loads back, and EPERM for nobody.
. /tests/lib/ktap.sh
. /tests/lib/ctl.sh

ktap_plan 33
ctl_setup

F1=f1f1f1f1-0000-4000-8000-000000000001
C1=c1c1c1c1-0000-4000-8000-000000000001
S1=5b5b5b5b-0000-4000-8000-000000000001
L4=outbound-transport-v4

run $ctl filter add layer $L4 name every key $F1 proto tcp remote-addr 10.0.0.0/8 \
	local-addr 192.0.2.1-192.0.2.9 remote-port 80-90 local-port ge 1024 \
	flags any-set 0x40 weight 10 context 0x10 \
	clear-action-right action permit
expect_rc "filter add with every kind of condition" 0
run $ctl filter show $F1
# Without "sublayer" the filter is in the universal sublayer, listed by key.
expect "filter show by key: the add command back, every condition" 0 \
	-e "^filter add layer $L4 name every key $F1 sublayer [0-9a-f-]\{36\} weight 10 proto tcp remote-addr 10.0.0.0/8 local-addr 192.0.2.1-192.0.2.9 remote-port 80-90 local-port ge 1024 flags any-set 0x40 action permit context 16 clear-action-right # id "
id=$(echo "$out" | sed -n 's/.* # id \([0-9]*\) .*/\1/p')
run $ctl filter show "$id"
expect "filter show by id" 0 -F "key $F1"
run $ctl -j filter show "$id"
expect "-j filter show: conditions as objects" 0 \
	-F '"conditions":[{"field":"protocol","field_index":0,"match":"eq","value":6},{"field":"remote-addr"'
run $ctl filter add layer outbound-transport-v6 remote-addr 2001:db8::/32 action block
expect_rc "an IPv6 prefix at a v6 layer" 0
run $ctl filter list layer outbound-transport-v6
expect "filter list layer selects that layer" 0 -F 'filter add layer outbound-transport-v6 name nfwfpctl'
if [ $rc = 0 ] && ! echo "$out" | grep -q "$L4"; then ktap_ok "and no other"; else ktap_fail "and no other"; fi

# What the command line catches (exit 2) ...
run $ctl filter add layer $L4 remote-port 65536 action block
expect "a port over 65535" 2 'remote-port: "65536"'
run $ctl filter add layer $L4 remote-addr 2001:db8::1 action block
expect "an IPv6 address at a v4 layer" 2 'not an IPv4 address'
run $ctl filter add layer $L4 icmp-type 3 action block
expect "a field the layer does not have" 2 'not a keyword nor a field of layer outbound-transport-v4'
run $ctl filter add layer $L4 remote-port 80
expect "a missing action" 2 'needs "action'
run $ctl filter add layer nowhere action block
expect "an unknown layer" 2 'no layer "nowhere"'
# ... what does not exist (exit 3) ...
run $ctl filter add layer $L4 sublayer nosuch action block
expect "an unknown sublayer name" 3 'no sublayer named "nosuch"'
run $ctl filter add layer $L4 action callout nosuch
expect "an unknown callout name" 3 'no callout named "nosuch"'
run $ctl filter delete 999999
expect "delete of an unknown id: ENOENT" 3 'delete filter'
run $ctl filter show 999999
expect "show of an unknown id" 3 'no filter "999999"'
# ... and what the kernel refuses, with the argument it blames.
run $ctl filter add layer $L4 key $F1 action block
expect "a duplicate key" 1 -F 'add filter: File exists: FWP_E_ALREADY_EXISTS'
run $ctl filter add layer $L4 sublayer $S1 action block
expect "a sublayer key nobody added: ENOENT" 3 -F 'add filter: No such file or directory: FWP_E_SUBLAYER_NOT_FOUND'
run $ctl filter add layer $L4 action callout $C1 inspection
expect "a callout key nobody added: ENOENT" 3 -F 'FWP_E_CALLOUT_NOT_FOUND'
run $ctl filter add layer $L4 proto udp local-interface 1 action block
expect "an interface index without a compartment: refused, that condition blamed" 1 \
	-F 'need a compartment-id condition: interface indexes are per namespace (argument "local-interface 1")'

# A terminating callout no driver registered blocks what it matches.
$ctl callout add key $C1 name unreg layer $L4
run $ctl filter add layer $L4 action callout unreg
expect "unregistered terminating callout, no condition: needs --force" 2 'use --force'
run $ctl filter add layer $L4 action callout unreg unknown
expect "the same for an unknown-kind callout action" 2 'use --force'
run $ctl filter add layer $L4 remote-port 7 action callout unreg
expect "with a condition: added, with a warning" 0 'warning: callout "unreg" is not registered'
run $ctl --force filter add layer $L4 name forced action callout unreg
expect_rc "with --force: added" 0
run $ctl filter add layer $L4 action callout unreg inspection
expect_rc "an inspection callout needs nothing" 0

# A filter that blocks: UDP to port 9999 at datagram-data-v4.
$ctl filter flush
$ctl filter add layer datagram-data-v4 name udp9999 proto udp remote-port 9999 action block
/usr/bin/nfwfp-send udp 127.0.0.1 9999 x > /dev/null 2>&1
run $ctl filter show "$($ctl filter list | sed -n 's/.* # id \([0-9]*\) .*/\1/p')"
expect "the block filter matched and blocked the datagram" 0 ' matched [1-9][0-9]* permitted 0 blocked [1-9]'

# A listing loads back with -f, with its weights and conditions.
$ctl filter add layer $L4 name two proto udp local-addr 127.0.0.1 action permit
$ctl filter list > /tmp/filters.nf
before=$(sed 's/ #.*//' /tmp/filters.nf | sort)
$ctl filter flush
run count_filters
expect "filter flush deletes them all" 0 -x 0
run $ctl -f /tmp/filters.nf
expect_rc "the listing loads back" 0
after=$($ctl filter list | sed 's/ #.*//' | sort)
if [ -n "$before" ] && [ "$before" = "$after" ]; then
	ktap_ok "the same filters again"
else
	ktap_diag "before: $before"; ktap_diag "after: $after"
	ktap_fail "the same filters again"
fi

$ctl filter delete "$($ctl filter list layer datagram-data-v4 | sed -n 's/.* # id \([0-9]*\) .*/\1/p')"
run $ctl filter list layer datagram-data-v4
expect "filter delete by id" 0 -v -F 'udp9999'
run $ctl filter flush layer $L4
run $ctl filter list
expect "filter flush layer" 0 -v -F "$L4"

run as_nobody "$ctl filter list"
expect "filter list as nobody: EPERM" 1 'permission denied'
run as_nobody "$ctl filter add layer $L4 action block"
expect "filter add as nobody: EPERM" 1 'permission denied'

$ctl filter flush
$ctl callout delete $C1
rmmod nfwfp
ktap_finish
