#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# judge.sh OUTDIR QEMU_RC SECONDS ACCEL: the verdict of one boot.
#
# Counts leaf KTAP results in OUTDIR/ktap.log (a test script's own results,
# or the script itself when it printed none), adds a failure for every
# planned-but-missing result, for a timeout, for a run that never reached
# its end, and for every kernel splat on the console (tests/vm/splats.txt).
# Writes OUTDIR/verdict ("passed=N failed=N skipped=N" and one "reason:" line
# per problem), prints the failures and "N passed, N failed", exits 0 only
# when nothing failed.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
out=$1 qrc=$2 secs=$3 accel=$4

tr -d '\r' < "$out/ktap.log" > "$out/ktap.txt"
tr -d '\r' < "$out/console.log" > "$out/console.txt" 2>/dev/null || : > "$out/console.txt"

awk '
function leafres(line, ok,   d) {
	d = line
	if (d ~ /# SKIP/) { skipped++; return }
	if (ok) passed++; else { failed++; print "reason: failed: " cur " :: " line }
}
/^KTAP version|^TAP version/ { next }
/^1\.\.[0-9]+$/ { plan = substr($0, 4) + 0; next }
/^# Subtest: / { cur = substr($0, 12); leaves = 0; leaf_failed = 0; last = tmo = ""; next }
/^  # nfwfp-init: timeout/ { tmo = "; " substr($0, 17); next }
/^  (not )?ok [0-9]+/ {
	s = substr($0, 3)
	ok = (s ~ /^ok /)
	leaves++
	last = s
	if (!ok) leaf_failed++
	leafres(s, ok)
	next
}
/^  1\.\.[0-9]+$/ { next }
/^(not )?ok [0-9]+/ {
	seen++
	ok = ($0 ~ /^ok /)
	if (leaves == 0)
		leafres($0, ok)
	else if (!ok && leaf_failed == 0) {
		failed++
		print "reason: failed: " $0 " (after its own results passed; last: " last tmo ")"
	}
	leaves = 0
	next
}
/^Bail out!/ { failed++; print "reason: " $0; next }
/^# nfwfp-vm: done/ { done = 1; next }
END {
	if (plan == "") { failed++; print "reason: no KTAP plan: the VM never ran the tests" }
	else if (seen < plan) {
		failed += plan - seen
		print "reason: " plan - seen " planned result(s) missing"
	}
	if (!done) { failed++; print "reason: the run did not reach its end" }
	printf "passed=%d failed=%d skipped=%d\n", passed, failed, skipped
}' "$out/ktap.txt" > "$out/verdict.tmp"

extra_fail=0
{
	if [ "$qrc" = 124 ] || [ "$qrc" = 137 ]; then
		echo "reason: timeout after ${secs}s"
	elif [ "$qrc" != 0 ]; then
		echo "reason: qemu exited with $qrc: $(tail -n3 "$out/qemu.log" | tr '\n' ' ')"
	fi
	grep -v '^#' "$here/splats.txt" | grep -v '^$' > "$out/splats.re"
	if grep -n -E -f "$out/splats.re" "$out/console.txt" > "$out/splats.found"; then
		head -n 20 "$out/splats.found" | sed 's/^/reason: splat: console.log:/'
	fi
} > "$out/extra.tmp"
extra_fail=$(grep -c '^reason:' "$out/extra.tmp" || true)

grep '^reason:' "$out/verdict.tmp" > "$out/reasons" || true
cat "$out/extra.tmp" >> "$out/reasons"
read -r passed failed skipped < <(tail -n1 "$out/verdict.tmp" |
	sed 's/passed=\([0-9]*\) failed=\([0-9]*\) skipped=\([0-9]*\)/\1 \2 \3/')
# A splat or a timeout is one failure each, however many lines it printed.
[ "$extra_fail" -gt 0 ] && [ -s "$out/splats.found" ] &&
	extra_fail=$(( $(grep -vc '^reason: splat' "$out/extra.tmp" || true) + 1 ))
failed=$((failed + extra_fail))

{
	echo "passed=$passed failed=$failed skipped=$skipped seconds=$secs accel=$accel"
	cat "$out/reasons"
} > "$out/verdict"
rm -f "$out/verdict.tmp" "$out/extra.tmp"

sed 's/^/  /' "$out/reasons"
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
