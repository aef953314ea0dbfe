#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# nfwfpctl callout: add, list, show, delete callout objects over netlink,
# by key, display name and id; drivers' registrations in the same dump; and
# every refusal: bad values, unknown names, duplicates, ambiguity, EPERM.
. /tests/lib/ktap.sh
. /tests/lib/ctl.sh

ktap_plan 22
ctl_setup

K1=01234567-89ab-cdef-0123-456789abcdef
K2=11111111-2222-3333-4444-555555555555

run $ctl callout add key $K1 name inspect-v4 layer outbound-transport-v4
expect_rc "callout add" 0
run $ctl callout list
expect "callout list prints the add command back, with an id" 0 \
	"^callout add key $K1 name inspect-v4 layer outbound-transport-v4 # id [0-9]* added "
run $ctl callout show inspect-v4
expect "callout show by name" 0 "^callout add key $K1 "
id=$(echo "$out" | sed -n 's/.* # id \([0-9]*\) .*/\1/p')
run $ctl callout show $K1
expect "callout show by key" 0 "name inspect-v4"
run $ctl callout show "$id"
expect "callout show by id" 0 "name inspect-v4"
run $ctl -j callout list
if [ $rc = 0 ] && echo "$out" | grep -q "^\[.*{\"key\":\"$K1\",\"id\":$id,\"name\":\"inspect-v4\",\"layer\":\"outbound-transport-v4\",\"layer_id\":16,\"flags\":\[\"added\"\]"; then
	ktap_ok "-j callout list"
else
	echo "$out" | sed 's/^/# /'; ktap_fail "-j callout list"
fi

run $ctl callout add key $K1 name again layer outbound-transport-v4
expect "a duplicate key is refused by the kernel, naming the argument" 1 \
	-e 'add callout: .*(argument "key")'
run $ctl callout add key not-a-guid name x layer outbound-transport-v4
expect "a bad GUID is a usage error" 2 'key: "not-a-guid" is not a GUID'
run $ctl callout add key $K2 name x layer inbound-transport-v4
expect "an unknown layer is a usage error" 2 'no layer "inbound-transport-v4"'
run $ctl callout add key $K2 name x
expect "a missing layer is a usage error" 2 'needs key GUID, name NAME and layer LAYER'
run $ctl callout add key $K2 name "$(printf '%0300d' 0)" layer outbound-transport-v4
expect "a name over 255 bytes is refused" 2 'name: given twice or too long'
run $ctl callout show nosuch
expect "show of an unknown name exits 3" 3 'no callout "nosuch"'
run $ctl callout delete nosuch
expect "delete of an unknown name exits 3" 3 'no callout named "nosuch"'
run $ctl callout delete $K2
expect "delete of an unknown key: the kernel's ENOENT, exit 3" 3 'delete callout'

# The test driver registers six callouts, all named "nfwfp test callout".
insmod /lib/nfwfp/nfwfp_test_callout.ko verdict=permit proto=17 port=9999
run $ctl callout list
expect "registered callouts are listed with their owner" 0 \
	-e 'registered.* owner nfwfp_test_callout'
run $ctl callout show "nfwfp test callout"
expect "an ambiguous name is refused" 2 'callouts are named "nfwfp test callout": name it by its key'
rmmod nfwfp_test_callout

run as_nobody "$ctl callout list"
expect "callout list as nobody: EPERM" 1 'permission denied'
run as_nobody "$ctl callout add key $K2 name x layer outbound-transport-v4"
expect "callout add as nobody: EPERM" 1 'permission denied'
run as_nobody "$ctl callout delete $K1"
expect "callout delete as nobody: EPERM" 1 'permission denied'

run $ctl callout delete inspect-v4
expect_rc "callout delete by name" 0
run $ctl callout show $K1
expect "gone after delete" 3 "no callout"
run $ctl callout add key $K2 name byid layer outbound-transport-v6
id=$($ctl callout show byid | sed -n 's/.* # id \([0-9]*\) .*/\1/p')
run $ctl callout delete "$id"
expect_rc "callout delete by id" 0

rmmod nfwfp
ktap_finish
