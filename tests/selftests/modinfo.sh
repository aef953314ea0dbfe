#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# nfwfp.ko carries the metadata users, modprobe and DKMS rely on.
. /tests/lib/ktap.sh

ko=/lib/nfwfp/nfwfp.ko
field() { modinfo -F "$1" $ko; }

ktap_plan 8

# GPL: the API is built on GPL-only symbols and exported GPL-only.
ktap_check "license is GPL" test "$(field license)" = GPL
ktap_check "version matches the source tree's VERSION" \
	test "$(field version)" = "$(cat /etc/nfwfp-version)"
ktap_check "description present" test -n "$(field description)"
ktap_check "author present" test -n "$(field author)"
ktap_check "srcversion present" test -n "$(field srcversion)"
# vermagic starts with the release the module was built for: the running one.
ktap_check "vermagic matches the running kernel" \
	sh -c "modinfo -F vermagic $ko | grep -q '^$(uname -r) '"
# The alias lets `modprobe` (and genetlink's autoload) find us by family.
ktap_check "generic netlink family alias" \
	sh -c "modinfo -F alias $ko | grep -qx net-pf-16-proto-16-family-nfwfp"
ktap_check "no dependency outside the kernel image" test -z "$(field depends)"
ktap_finish
