#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The WDK primitives nfwfp.ko implements, from a driver written with
# NFWFP_DRIVER_ENTRY (nfwfp_test_wdk_driver, which checks at load and lists
# PASS/FAIL lines): its DriverEntry runs with a driver object and registry
# path, IoCreateDevice, driver parameters from module parameters; system
# threads and waits on thread objects (timeouts, after the end,
# PsTerminateSystemThread, handle errors); work items and DPCs (IRQL,
# arguments, CPU, already queued, removal, the module pinned while queued
# or running); RtlIpv4/Ipv6StringToAddress on good and bad strings. Then,
# from here: a held work item makes rmmod fail until released; rmmod runs
# DriverUnload; a callout left registered on the driver's IoCreateDevice
# device object is unregistered by nfwfp when the driver goes.
. /tests/lib/ktap.sh
. /tests/lib/net.sh

m=nfwfp_test_wdk_driver
dir=/sys/kernel/debug/$m
key=9c4f0b52-7a1e-4d63-b2a8-51e0c7d93f14
objects=/sys/kernel/debug/nfwfp/objects

grep -q '^nfwfp ' /proc/modules || insmod /lib/nfwfp/nfwfp.ko
insmod /lib/nfwfp/nfwfp_test_owner_lib.ko

dmesg -c > /dev/null
insmod /lib/nfwfp/$m.ko BlockTraffic=7 leak=1 && cat $dir/results > /tmp/drv
loaded=$?

ktap_plan $(($(cat /tmp/drv 2>/dev/null | grep -c '^\(PASS\|FAIL\) ') + 13))
ktap_check "insmod $m (DriverEntry succeeded), results read" [ $loaded = 0 -a -s /tmp/drv ]
while read -r verdict desc; do
	case $verdict in
	PASS) ktap_ok "$desc" ;;
	FAIL) ktap_fail "$desc" ;;
	*) ktap_diag "$desc" ;;
	esac
done < /tmp/drv
ktap_check "DriverEntry ran (kernel log)" sh -c "dmesg | grep -q '$m: DriverEntry ran'"
ktap_check "BlockTraffic=7 reached the driver as Parameters\\BlockTraffic" \
	grep -q 'PASS Parameters.BlockTraffic is the module parameter, any case (7)' /tmp/drv

refcnt() { cat /sys/module/$m/refcnt; }
r0=$(refcnt)
echo 1 > $dir/hold
ktap_check "a queued or running work item holds the driver (refcnt $r0 -> $(refcnt))" \
	[ "$(refcnt)" -gt "$r0" ]
ktap_check "rmmod is refused while it runs" sh -c "! rmmod $m 2>/dev/null"
ktap_check "the driver is still loaded" grep -q "^$m " /proc/modules
echo 1 > $dir/release
i=0
while [ "$(refcnt)" != "$r0" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
ktap_check "released when the routine returns (refcnt $(refcnt))" [ "$(refcnt)" = "$r0" ]

ktap_check "the callout is registered on the device object" \
	grep -q "callout .*key=$key .*registered=1" $objects
m0=$(stat misuse)
ktap_check "rmmod $m" rmmod $m
ktap_check "rmmod ran DriverUnload, which deleted the device" \
	sh -c "dmesg | grep -q '$m: DriverUnload ran, device list empty'"
ktap_check "nfwfp unregistered the callout the driver left (its device names it)" \
	sh -c "! grep -q 'key=$key .*registered=1' $objects"
ktap_check "and counted the misuse once" [ "$(stat misuse)" = $((m0 + 1)) ]
rmmod nfwfp_test_owner_lib
ktap_check "nfwfp unloads after them" rmmod nfwfp
dmesg | grep "$m" | sed 's/^/# /'
ktap_finish
