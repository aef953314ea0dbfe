#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# PID 1 of the test VM (busybox sh). Mounts the pseudo file systems, loads the
# kernel modules the tests need, runs every selftest and reports KTAP on the
# second serial port (/dev/ttyS1) so that printk from other CPUs can never
# garble a result line. The console (ttyS0) carries only the kernel log and
# diagnostics; the host scans it for splats. Then the VM powers off.
#
# Kernel command line:
#   nfwfp.mode=suite      run /tests/*.sh (default)
#   nfwfp.mode=harness    harness self-test: misbehave on purpose
#   nfwfp.mode=bench      run /bench/bench.sh (make bench, tests/bench/)
#   nfwfp.only=GLOB       run only tests whose name matches GLOB
#   nfwfp.bench.NAME=VAL  exported as BENCH_NAME=VAL (upper case) for bench
#   nfwfp.suite=stress    run only the tests marked "# nfwfp-suite: stress"
#                         (make check-stress); the default suite skips them

export PATH=/bin:/sbin:/usr/bin:/usr/sbin
export LD_LIBRARY_PATH=/lib:/lib64:/usr/lib

mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev 2>/dev/null
mkdir -p /dev/pts /dev/shm /tmp /run
mount -t tmpfs tmpfs /tmp
mount -t tmpfs tmpfs /run
mount -t debugfs debugfs /sys/kernel/debug
mount -t tracefs tracefs /sys/kernel/tracing 2>/dev/null
ln -sf /proc/self/fd /dev/fd

mode=suite
only='*'
suite=default
for arg in $(cat /proc/cmdline); do
	case "$arg" in
	nfwfp.mode=*) mode=${arg#nfwfp.mode=} ;;
	nfwfp.only=*) only=${arg#nfwfp.only=} ;;
	nfwfp.bench.*=*)
		kv=${arg#nfwfp.bench.}
		export "BENCH_$(echo "${kv%%=*}" | tr a-z A-Z)=${kv#*=}"
		;;
	nfwfp.suite=*) suite=${arg#nfwfp.suite=} ;;
	esac
done

stty -F /dev/ttyS1 raw -echo 2>/dev/null
exec 3>/dev/ttyS1
ktap() { echo "$*" >&3; }

hostname nfwfp-vm
ip link set lo up

# Boot-time objects are not ours: start the leak detector from a clean slate.
kmemleak=/sys/kernel/debug/kmemleak
[ -w $kmemleak ] && echo clear > $kmemleak

# Modules from the VM kernel's own tree, in dependency order (see mkinitramfs).
while read -r ko; do
	insmod "$ko" || echo "nfwfp-init: insmod $ko failed"
done < /etc/nfwfp-modules

# The kernel's version and the accelerator are echoed to KTAP as diagnostics.
ktap "KTAP version 1"
ktap "# kernel $(uname -r) $(uname -v)"

# A test that failed or timed out must not take the next ones with it:
# remove whatever it left (namespaces, test modules, nfwfp).
cleanup() {
	for ns in $(/bin/ip netns list 2>/dev/null | cut -d' ' -f1); do
		/bin/ip netns del "$ns"
	done
	for m in $(cut -d' ' -f1 /proc/modules | grep '^nfwfp_test_'); do
		rmmod "$m" 2>/dev/null
	done
	grep -q '^nfwfp ' /proc/modules && rmmod nfwfp 2>/dev/null
	pkill -f nfwfp-send 2>/dev/null
	pkill -f nfwfp-load 2>/dev/null
	# Each test starts with an empty /tmp: a FIFO nfwfpctl_batch left at
	# /tmp/hold once made unusual_packets block opening it for writing.
	rm -rf /tmp/* /tmp/.[!.]* 2>/dev/null
}

# session_procs SID: the processes of session SID
session_procs() {
	for d in /proc/[0-9]*; do
		# fields after "(comm) ": state ppid pgrp session
		s=$(sed 's/.*) //' "$d/stat" 2>/dev/null | cut -d' ' -f4)
		[ "$s" = "$1" ] && echo "${d#/proc/}"
	done
}

# timed_out SID SECS: a test ran out of time. Say so in its KTAP, show on
# the console what each of its processes waits in (and every blocked task),
# then kill all of them: a test's leftover child must not hold the next one.
timed_out() {
	ktap "  # nfwfp-init: timeout after $2 s; killing session $1"
	echo "nfwfp-init: timeout after $2 s; processes of the test:"
	for p in $(session_procs "$1"); do
		echo "nfwfp-init: pid $p: $(tr '\0' ' ' < /proc/$p/cmdline 2>/dev/null)" \
			"state $(sed 's/.*) //' /proc/$p/stat 2>/dev/null | cut -d' ' -f1)" \
			"wchan $(cat /proc/$p/wchan 2>/dev/null)"
		sed "s/^/nfwfp-init:   /" /proc/$p/stack 2>/dev/null
	done
	# TCP and UDP memory are accounted globally: show the pressure
	echo "nfwfp-init: $(tr '\n' ' ' < /proc/net/sockstat)"
	echo w > /proc/sysrq-trigger 2>/dev/null
	: > /tmp/.timedout
	for p in $(session_procs "$1"); do
		kill -KILL "$p" 2>/dev/null
	done
}

# Each line as it comes: busybox sed buffers its output, so a hung test's
# last results would sit in sed and the KTAP log would end early.
indent() {
	while IFS= read -r l || [ -n "$l" ]; do
		echo "  $l"
	done
}

# run_one SCRIPT SECS: one test, in a session of its own so that a timeout
# finds and kills all of it, not only its shell.
run_one() {
	rm -f /tmp/.tsid /tmp/.timedout
	setsid sh -c 'echo $$ > /tmp/.tsid; exec sh "$0"' "$1" 2>&1 | indent >&3 &
	pl=$!
	(
		n=0
		while [ $n -lt "$2" ]; do
			sleep 1
			n=$((n + 1))
		done
		timed_out "$(cat /tmp/.tsid)" "$2"
	) &
	wd=$!
	wait $pl
	kill $wd 2>/dev/null
	wait $wd 2>/dev/null
	# A background process the test did not stop (its output redirected,
	# so the pipe above did not wait for it) would go on into the next
	# tests: classify_owner's sender loop once did, in a deleted netns.
	for p in $(session_procs "$(cat /tmp/.tsid 2>/dev/null)"); do
		echo "nfwfp-init: killing pid $p left by $(basename "$1"):" \
			"$(tr '\0' ' ' < /proc/$p/cmdline 2>/dev/null)"
		kill -KILL "$p" 2>/dev/null
	done
}

run_tests() {
	tests=$(ls "$1"/*.sh 2>/dev/null | while read -r t; do
		name=$(basename "$t" .sh)
		s=$(sed -n 's/^# nfwfp-suite: *\([a-z]*\)$/\1/p' "$t" | head -n 1)
		[ "${s:-default}" = "$suite" ] || continue
		case "$name" in $only) echo "$t" ;; esac
	done)
	n=0
	for t in $tests; do n=$((n + 1)); done
	ktap "1..$n"
	i=0
	for t in $tests; do
		i=$((i + 1))
		name=$(basename "$t" .sh)
		echo "nfwfp-init: running $name"
		ktap "# Subtest: $name"
		# A test may ask for more time: "# nfwfp-timeout: SECONDS".
		limit=$(sed -n 's/^# nfwfp-timeout: *\([0-9][0-9]*\)$/\1/p' "$t" | head -n 1)
		run_one "$t" "${limit:-${NFWFP_TEST_TIMEOUT:-600}}"
		# busybox sh has no PIPESTATUS: the test leaves its status behind.
		rc=$(cat /tmp/.rc 2>/dev/null || echo 137)
		# a test that wrote its status but left a process holding its
		# output until the watchdog fired still failed
		[ -e /tmp/.timedout ] && rc=137
		rm -f /tmp/.rc /tmp/.timedout
		cleanup
		if [ "$rc" = 0 ]; then
			ktap "ok $i $name"
		elif [ "$rc" = 4 ]; then
			ktap "ok $i $name # SKIP"
		else
			ktap "not ok $i $name # exit=$rc"
		fi
	done
}

harness_selftest() {
	# Misbehave exactly the way a buggy callout would; the host must judge
	# this boot failed. The KTAP itself passes, so only the scans can.
	ktap "1..1"
	ktap "# Subtest: harness"
	args="warn=1"
	[ -e $kmemleak ] && args="$args leak=1"
	if insmod /lib/nfwfp/nfwfp_test_harness.ko $args; then
		ktap "ok 1 harness # loaded with $args"
	else
		ktap "not ok 1 harness # insmod failed"
	fi
	rmmod nfwfp_test_harness
}

case "$mode" in
suite)   run_tests /tests ;;
bench)   run_tests /bench ;;
harness) harness_selftest ;;
*)       ktap "Bail out! unknown nfwfp.mode=$mode" ;;
esac

# Leak scan: kmemleak only reports objects older than 5 s, and an object is
# reported once it was found unreferenced; scan twice after they have aged.
if [ -w $kmemleak ]; then
	sleep 6
	echo scan > $kmemleak
	sleep 2
	echo scan > $kmemleak
	# debugfs files have no size: read the report, empty or not.
	echo "nfwfp-init: kmemleak report follows"
	cat $kmemleak
	echo "nfwfp-init: kmemleak scan done"
	ktap "# kmemleak: scanned"
fi

ktap "# nfwfp-vm: done"
sync
poweroff -f
