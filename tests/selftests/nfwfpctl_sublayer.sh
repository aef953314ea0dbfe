#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# nfwfpctl sublayer: add with and without a key, list/show/delete by key
# and name, a listing that loads back with -f, and the refusals.
. /tests/lib/ktap.sh
. /tests/lib/ctl.sh

ktap_plan 16
ctl_setup

S1=aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee

run $ctl sublayer add key $S1 name "my sublayer" weight 100
expect_rc "sublayer add with a key and a quoted name" 0
run $ctl sublayer add name generated
expect_rc "sublayer add without a key" 0
run $ctl sublayer list
expect "sublayer list prints the add command back" 0 \
	-F "sublayer add key $S1 name \"my sublayer\" weight 100 #"
run $ctl sublayer show generated
expect "the module made a key for the other" 0 \
	'^sublayer add key [0-9a-f-]\{36\} name generated weight 0 #'
run $ctl sublayer show $S1
expect "sublayer show by key" 0 'name "my sublayer"'
run $ctl -j sublayer show "my sublayer"
expect "-j sublayer show" 0 "^{\"key\":\"$S1\",\"name\":\"my sublayer\",\"weight\":100,"

run $ctl sublayer add key $S1 name dup
expect "a duplicate key is refused, naming the argument" 1 '(argument "key")'
run $ctl sublayer add name w weight 65536
expect "a weight over 65535 is a usage error" 2 'weight: "65536"'
run $ctl sublayer add weight 3
expect "a missing name is a usage error" 2 'needs name NAME'
run $ctl sublayer delete nosuch
expect "delete of an unknown name exits 3" 3 'no sublayer named "nosuch"'

# A listing loads back: delete both, apply the saved listing, compare.
$ctl sublayer list | grep -v builtin > /tmp/sl.nf
before=$($ctl sublayer list | grep -v builtin | sed 's/ #.*//' | sort)
$ctl sublayer delete $S1 && $ctl sublayer delete generated
run $ctl sublayer show generated
expect "deleted" 3 'no sublayer'
run $ctl -f /tmp/sl.nf
expect_rc "the listing loads back with -f" 0
after=$($ctl sublayer list | grep -v builtin | sed 's/ #.*//' | sort)
if [ -n "$before" ] && [ "$before" = "$after" ]; then
	ktap_ok "the same sublayers again"
else
	ktap_diag "before: $before"; ktap_diag "after: $after"
	ktap_fail "the same sublayers again"
fi

# A sublayer that holds a filter cannot go.
$ctl filter add layer outbound-transport-v4 sublayer generated remote-port 1 action block
run $ctl sublayer delete generated
expect "a sublayer with a filter is busy" 1 'delete sublayer: Device or resource busy'
$ctl filter flush sublayer generated

run as_nobody "$ctl sublayer list"
expect "sublayer list as nobody: EPERM" 1 'permission denied'
run as_nobody "$ctl sublayer add name x"
expect "sublayer add as nobody: EPERM" 1 'permission denied'

$ctl sublayer delete generated
$ctl sublayer delete $S1
rmmod nfwfp
ktap_finish
