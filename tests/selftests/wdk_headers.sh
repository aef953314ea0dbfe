#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The WDK-header test modules load (their init checks GUID bytes, the NBL
# accessors and a classifyFn called through FWPS_CALLOUT3) and unload.
# They need nothing from nfwfp.ko.
. /tests/lib/ktap.sh

ktap_plan 6

for m in nfwfp_test_wdk nfwfp_test_wdk_mixed; do
	ktap_check "insmod $m.ko" insmod /lib/nfwfp/$m.ko
	ktap_check "$m listed as Live" grep -q "^$m .* Live " /proc/modules
	ktap_check "rmmod $m" rmmod $m
done

dmesg | grep 'nfwfp_test_wdk' | sed 's/^/# /'
ktap_finish
