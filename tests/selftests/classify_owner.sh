#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# A callout registration belongs to the driver whose device object it
# names (else to the module of its classifyFn): nfwfp_test_owner registers
# with its own device object and a classifyFn from another module, and
# unloads without unregistering; nfwfp must unregister it when the driver
# goes (counted as misuse), not wait for the classifyFn's module. With a
# NULL device object (nodev=1), the classifyFn's own module is the owner:
# it unloads while UDP flows through its callout's filter, nfwfp
# unregisters the callout before the code goes, and the filter, left
# without its callout, blocks.
. /tests/lib/ktap.sh
. /tests/lib/net.sh

ktap_plan 13

key=2b7d1c90-5e4f-4a31-8d26-0c9e7f3a5b10
objects=/sys/kernel/debug/nfwfp/objects

registered() {
	grep -q "callout .*key=$key .*registered=1" $objects
}

insmod /lib/nfwfp/nfwfp.ko
insmod /lib/nfwfp/nfwfp_test_owner_lib.ko
ktap_check "a driver registers with its device object" \
	insmod /lib/nfwfp/nfwfp_test_owner.ko leak=1
ktap_check "the registration is there" registered
m0=$(stat misuse)
rmmod nfwfp_test_owner
ktap_check "unloading the driver unregistered it" sh -c "! grep -q 'key=$key .*registered=1' $objects"
ktap_check "and counted the misuse" [ "$(stat misuse)" = $((m0 + 1)) ]
insmod /lib/nfwfp/nfwfp_test_owner.ko leak=0
rmmod nfwfp_test_owner
ktap_check "a driver that unregisters itself is no misuse" [ "$(stat misuse)" = $((m0 + 1)) ]

netns_pair || ktap_diag "namespaces and veth failed"
ktap_check "a driver registers with a NULL device object and its own classifyFn" \
	insmod /lib/nfwfp/nfwfp_test_owner.ko nodev=1 leak=1
ktap_check "the registration is there" registered
out=$($A $send udp 127.0.0.1 9998 x)
ktap_check "its filter calls it: the datagram is permitted" test "$out" = sent
m0=$(stat misuse)
# /bin/ip, not the ip() function: $! must be the loop itself, to stop it.
/bin/ip netns exec nfA sh -c "while :; do $send udp 127.0.0.1 9998 x; done" > /tmp/owner_sends 2>&1 &
loop=$!
sleep 1
rmmod nfwfp_test_owner
sleep 1
kill $loop
wait $loop 2>/dev/null
ktap_check "unloading it unregistered the callout found by its classifyFn" \
	sh -c "! grep -q 'key=$key .*registered=1' $objects"
ktap_check "and counted the misuse" [ "$(stat misuse)" = $((m0 + 1)) ]
out=$($A $send udp 127.0.0.1 9998 x)
ktap_check "the filter left without its callout blocks" test "$out" = "sendto: EPERM"
ktap_check "UDP flowed through the callout until the unload, then was blocked" \
	sh -c "grep -q '^sent' /tmp/owner_sends && grep -q EPERM /tmp/owner_sends"
netns_pair_del

rmmod nfwfp_test_owner_lib
ktap_check "nfwfp unloads after them" rmmod nfwfp
ktap_finish
