#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The wdm.h kernel primitives from a driver's seat (nfwfp_test_wdk_prims,
# which checks at load and lists PASS/FAIL lines): KeGetCurrentIrql in
# process context, with bottom halves off, under spin locks and in softirq;
# KeRaiseIrql/KeLowerIrql balance; the condition the AtDpcLevel lock forms
# warn on (softirqs not blocked: at PASSIVE_LEVEL or with only preemption
# off); spin locks and in-stack queued spin locks contended from two CPUs
# (at least 2 must be online) and a timer softirq (exact totals); Interlocked*;
# notification events wake every waiter and stay signaled, synchronization
# events wake exactly one and reset; relative, absolute and zero wait
# timeouts; LIST_ENTRY helpers; zeroed, aligned, atomic-context pool;
# RtlCompareMemory's count; system time and performance counter;
# DbgPrint/DbgPrintEx/KdPrint in the kernel log. On a lockdep kernel the
# driver's locks must be known to lockdep (one class per
# KeInitializeSpinLock call site) and lockdep must still be on afterwards.
# It needs nothing from nfwfp.ko.
. /tests/lib/ktap.sh

m=nfwfp_test_wdk_prims
res=/sys/kernel/debug/$m/results

dmesg -c > /dev/null
insmod /lib/nfwfp/$m.ko && cat $res > /tmp/prims
loaded=$?

ktap_plan $(($(cat /tmp/prims 2>/dev/null | grep -c '^\(PASS\|FAIL\) ') + 7))
ktap_check "insmod $m, results read" [ $loaded = 0 -a -s /tmp/prims ]
while read -r verdict desc; do
	case $verdict in
	PASS) ktap_ok "$desc" ;;
	FAIL) ktap_fail "$desc" ;;
	*) ktap_diag "$desc" ;;
	esac
done < /tmp/prims

dmesg > /tmp/prims.log
for what in "DbgPrint 42" "DbgPrintEx info" "KdPrint 7"; do
	ktap_check "kernel log has the $what line" \
		grep -q "nfwfp_test_wdk_prims: $what" /tmp/prims.log
done

# Lock classes vanish with the module: look before rmmod.
if [ -r /proc/lockdep ]; then
	ktap_check "lockdep knows &gCountLock and &gInnerLock (a class per call site)" \
		sh -c 'grep -q " &gCountLock$" /proc/lockdep && grep -q " &gInnerLock$" /proc/lockdep'
	ktap_check "lockdep still on (no lock splat)" \
		grep -q "debug_locks: *1" /proc/lockdep_stats
else
	ktap_skip "lockdep knows the driver's locks" "no lockdep in this kernel"
	ktap_skip "lockdep still on" "no lockdep in this kernel"
fi

ktap_check "rmmod $m" rmmod $m
sed 's/^/# /' /tmp/prims.log | grep nfwfp_test_wdk_prims
ktap_finish
