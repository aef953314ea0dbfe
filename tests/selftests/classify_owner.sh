#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# A callout registration belongs to the driver whose device object it
# names (else to the module of its classifyFn): nfwfp_test_owner registers
# with its own device object and a classifyFn from another module, and
# unloads without unregistering; nfwfp must unregister it when the driver
# goes (counted as misuse), not wait for the classifyFn's module.
. /tests/lib/ktap.sh
. /tests/lib/net.sh

ktap_plan 6

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
rmmod nfwfp_test_owner_lib
ktap_check "nfwfp unloads after them" rmmod nfwfp
ktap_finish
