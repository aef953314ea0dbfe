#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# run.sh [options] KERNEL INITRD OUTDIR: boot one test VM and judge it.
#   -a ACCEL     kvm or tcg (default: tests/vm/accel.sh decides)
#   -m MEM       guest memory (default 1G)
#   -t SECONDS   hard timeout (default 900)
#   -e ARGS      extra kernel command line
#
# Writes OUTDIR/console.log (ttyS0: the kernel log), OUTDIR/ktap.log (ttyS1:
# KTAP only) and OUTDIR/verdict. The verdict counts the leaf test results;
# the boot fails on any failed test, a missing result, a timeout, or a kernel
# splat on the console. Prints "N passed, N failed" last; exits 1 on failure.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"

accel= mem=1G tmo=900 extra=
while getopts a:m:t:e: opt; do
	case $opt in
	a) accel=$OPTARG ;;
	m) mem=$OPTARG ;;
	t) tmo=$OPTARG ;;
	e) extra=$OPTARG ;;
	*) die "usage: run.sh [-a accel] [-m mem] [-t secs] [-e cmdline] KERNEL INITRD OUTDIR" ;;
	esac
done
shift $((OPTIND - 1))
[ $# = 3 ] || die "usage: run.sh [options] KERNEL INITRD OUTDIR"
kernel=$1 initrd=$2 out=$3

nfwfp_need_pkgs qemu-system-x86
[ -n "$accel" ] || accel=$("$here/accel.sh" "$kernel")
case $accel in
kvm) accel_args=(-accel kvm -cpu host) ;;
*)   accel_args=(-accel tcg,thread=multi -cpu max) ;;
esac

mkdir -p "$out"
rm -f "$out/console.log" "$out/ktap.log" "$out/verdict"
: > "$out/ktap.log"

# No panic on WARN: the run goes on so one boot reports every splat and
# every result. An oops still ends the VM at once (panic=-1, -no-reboot).
cmdline="console=ttyS0 panic=-1 oops=panic loglevel=7 $extra"

start=$(date +%s)
set +e
{ timeout -k 10 "$tmo" qemu-system-x86_64 "${accel_args[@]}" -smp 2 -m "$mem" \
	-machine q35 -nodefaults -display none -no-reboot -monitor none \
	-serial "file:$out/console.log" -serial "file:$out/ktap.log" \
	-kernel "$kernel" -initrd "$initrd" -append "$cmdline" \
	> "$out/qemu.log" 2>&1; } 2>/dev/null
qrc=$?
set -e
secs=$(( $(date +%s) - start ))

exec "$here/judge.sh" "$out" "$qrc" "$secs" "$accel"
