#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# run-suite.sh KIND...: the whole test suite, on each kernel KIND named
# (debian: Debian's own 6.1 kernel; debug: the debug kernel built from
# linux-source-6.1 with tests/vm/debug.config).
#
# For each kernel: builds our modules against it, builds the initramfs, boots
# the suite, then boots the harness self-test, which must be judged failed
# (a WARN, and on the debug kernel a leak) for the self-test to pass. The
# host-side unit tests run once. The last line is "N passed, N failed".
#
# Environment: NFWFP_ACCEL (kvm|tcg) skips the KVM probe, NFWFP_ONLY=GLOB
# runs only matching selftests, NFWFP_OUT is where logs go (build/vm).
# NFWFP_SUITE=stress (make check-stress) boots the stress suite instead
# (the tests marked "# nfwfp-suite: stress"), with NFWFP_STRESS_SECS as
# their load duration when set; no host tests and no harness boot, and
# tests/vm/stress-report.sh writes the run's summary and README figures.
set -uo pipefail

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
. "$here/lib.sh"

out=${NFWFP_OUT:-$top/build/vm}
suite=${NFWFP_SUITE:-default}
total_pass=0 total_fail=0
summary=()

# add LABEL PASSED FAILED
add() {
	total_pass=$((total_pass + $2))
	total_fail=$((total_fail + $3))
	summary+=("$(printf '%-28s %4d passed, %d failed' "$1" "$2" "$3")")
}

# host LABEL LOG CMD...: a host-side test program ending in "N passed, N failed"
host() {
	local label=$1 log=$out/$2 line
	shift 2
	mkdir -p "$out"
	log "$label"
	"$@" > "$log" 2>&1
	grep '^not ok' "$log" | sed "s/^/[$label] /" >&2
	line=$(tail -n1 "$log")
	if [[ $line =~ ^([0-9]+)\ passed,\ ([0-9]+)\ failed$ ]]; then
		add "$label" "${BASH_REMATCH[1]}" "${BASH_REMATCH[2]}"
	else
		log "$label did not report; see $log"
		tail -n 20 "$log" >&2
		add "$label" 0 1
	fi
}

# boot_verdict DIR LABEL: fold one boot's verdict into the totals
boot_verdict() {
	local v p f
	v=$(head -n1 "$1/verdict" 2>/dev/null) || v="passed=0 failed=1"
	p=$(sed -n 's/.*passed=\([0-9]*\).*/\1/p' <<<"$v")
	f=$(sed -n 's/.*failed=\([0-9]*\).*/\1/p' <<<"$v")
	add "$2" "${p:-0}" "${f:-1}"
}

run_kernel() {
	local kind=$1 kdir image mem initrd dir accel cmdline
	case $kind in
	debian)
		kdir=$("$here/debian-kernel.sh" kdir) || return 1
		image=$("$here/debian-kernel.sh" image)
		mem=1G
		;;
	debug)
		kdir=$("$here/debug-kernel.sh") || return 1
		image=$kdir/arch/x86/boot/bzImage
		mem=2G
		;;
	*) die "unknown kernel '$kind' (debian or debug)" ;;
	esac
	dir=$out/$kind
	[ "$suite" = default ] || dir=$out/$kind-$suite
	mkdir -p "$dir"
	log "[$kind] building modules against $kdir"
	make -s -C "$top" kmodules TAG="$kind" KDIR="$kdir" > "$dir/build.log" 2>&1 || {
		cat "$dir/build.log" >&2
		return 1
	}
	initrd=$dir/initrd.gz
	"$here/mkinitramfs.sh" "$kind" "$top/build/$kind" "$initrd" || return 1
	accel=$("$here/accel.sh" "$image")
	cmdline=${NFWFP_ONLY:+nfwfp.only=$NFWFP_ONLY}
	if [ "$suite" != default ]; then
		cmdline="$cmdline nfwfp.suite=$suite${NFWFP_STRESS_SECS:+ nfwfp.stress_secs=$NFWFP_STRESS_SECS}"
		# The debug kernel's loads trace their drops (lib/stress.sh),
		# with raw addresses to resolve (a test VM).
		[ "$kind" = debug ] && cmdline="$cmdline nfwfp.drop_trace=1 no_hash_pointers"
		log "[$kind] booting the $suite suite ($accel)"
		"$here/run.sh" -a "$accel" -m "$mem" -t 7200 -e "$cmdline" \
			"$image" "$initrd" "$dir/suite" | sed "s/^/[$kind] /" >&2
		boot_verdict "$dir/suite" "$kind: $suite selftests"
		stress_dirs+=("$kind=$dir/suite")
		return 0
	fi
	log "[$kind] booting the suite ($accel, $(qemu-system-x86_64 --version | head -n1))"
	"$here/run.sh" -a "$accel" -m "$mem" -t 3600 ${cmdline:+-e "$cmdline"} \
		"$image" "$initrd" "$dir/suite" | sed "s/^/[$kind] /" >&2
	boot_verdict "$dir/suite" "$kind: selftests"

	log "[$kind] harness self-test: this boot must be judged failed"
	"$here/run.sh" -a "$accel" -m "$mem" -t 600 -e nfwfp.mode=harness \
		"$image" "$initrd" "$dir/harness" > "$dir/harness.out" 2>&1
	harness_check "$kind" "$dir/harness"
}

# The self-test boot loads a module that WARNs (and leaks where kmemleak
# exists): the runner must have failed it for exactly those reasons.
harness_check() {
	local kind=$1 d=$2 p=0 f=0
	if grep -q '^reason: splat: .*WARNING: .*nfwfp_test_harness' "$d/verdict" ||
	   grep -q '^reason: splat: .*deliberate warning' "$d/verdict"; then
		p=$((p + 1))
	else
		log "[$kind] harness self-test: the WARN was not caught"
		f=$((f + 1))
	fi
	if grep -q 'kmemleak: scanned' "$d/ktap.txt"; then
		if grep -q '^reason: splat: .*unreferenced object' "$d/verdict"; then
			p=$((p + 1))
		else
			log "[$kind] harness self-test: the leak was not caught"
			f=$((f + 1))
		fi
	fi
	# And nothing else: the self-test boot itself must have run to its end.
	if grep -q '^reason: the run did not reach its end\|^reason: timeout' "$d/verdict"; then
		log "[$kind] harness self-test boot did not complete"
		f=$((f + 1))
	fi
	add "$kind: harness self-test" $p $f
}

[ $# -gt 0 ] || set -- debian
stress_dirs=()
if [ "$suite" = default ]; then
	host "host: build gates" build.log "$top/tests/host/build.sh"
	host "host: API coverage table" coverage.log "$top/tests/host/coverage.sh"
	host "host: nfwfpctl command line" cli.log "$top/tests/host/cli.sh"
	host "host: unit tests" unit.log make -s -C "$top/tests/unit" run
	host "host: install, DKMS" install.log "$top/tests/host/install.sh"
	# Microsoft's inspect sample is not ours to ship: compiled only from a copy
	# named by NFWFP_MS_SAMPLE_DIR, skipped (0 passed, 0 failed) without one.
	host "host: Microsoft inspect sample" inspect_sample.log "$top/tests/host/inspect_sample.sh"
	host "host: bench statistics" bench.log "$top/tests/host/bench.sh"
fi
for k in "$@"; do
	if ! run_kernel "$k"; then
		add "$k: build/boot" 0 1
	fi
done
for d in "${stress_dirs[@]}"; do
	"$here/stress-report.sh" "${d#*=}" "${d%%=*}" "$top/README.md" ||
		add "${d%%=*}: stress report" 0 1
done

echo
echo "nfwfp test summary (logs in $out):"
printf '  %s\n' "${summary[@]}"
echo "$total_pass passed, $total_fail failed"
[ "$total_fail" = 0 ]
