#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# demo.sh: `make demo`. Builds nfwfp, its samples and nfwfpctl against
# Debian's kernel, boots the VM with only the demo selftest
# (tests/selftests/demo.sh) and prints its transcript: commands, their
# output, and a checkmark or a cross for each claim. Exit 0 only if every
# check held and the VM run (boot, demo, power-off) took at most
# NFWFP_DEMO_LIMIT seconds (120: README's promise; the build before it is
# not counted, it depends on what the machine has already built). The last
# line is "N passed, N failed" (the VM's checks and the time limit), as CI
# reads it. Logs in build/demo.
set -uo pipefail

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
. "$here/lib.sh"

out=$top/build/demo
mkdir -p "$out"
start=$(date +%s)

kdir=$("$here/debian-kernel.sh" kdir) || die "no Debian kernel"
image=$("$here/debian-kernel.sh" image)
log "building nfwfp and the samples against $kdir"
make -s -C "$top" kmodules TAG=debian KDIR="$kdir" > "$out/build.log" 2>&1 ||
	{ cat "$out/build.log" >&2; die "build failed"; }
make -s -C "$top" nfwfpctl tests-user >> "$out/build.log" 2>&1 ||
	{ cat "$out/build.log" >&2; die "build failed"; }
"$here/mkinitramfs.sh" debian "$top/build/debian" "$out/initrd.gz" > /dev/null ||
	die "initramfs failed"
limit=${NFWFP_DEMO_LIMIT:-120}
accel=$("$here/accel.sh" "$image")
log "booting the VM ($accel)"
vm_start=$(date +%s)
"$here/run.sh" -a "$accel" -m 1G -t 600 -e "nfwfp.only=demo" \
	"$image" "$out/initrd.gz" "$out/vm" > "$out/run.log" 2>&1
vm_secs=$(($(date +%s) - vm_start))

# The transcript: diagnostics as text, results as marks.
sed -n '/^  1\.\./,/^ok \|^not ok /p' "$out/vm/ktap.txt" |
	sed -e '/^  1\.\./d' -e '/^ok \|^not ok /d' \
	    -e 's/^  # \{0,1\}//' \
	    -e 's/^  ok [0-9]* \(.*\)/  [ok]   \1/' \
	    -e 's/^  not ok [0-9]* \(.*\)/  [FAIL] \1/'

verdict=$(head -n1 "$out/vm/verdict" 2>/dev/null)
echo
echo "demo: ${verdict:-no verdict} (VM run $vm_secs s, $(($(date +%s) - start)) s" \
	"with the build; logs in $out)"
grep '^reason:' "$out/vm/verdict" 2>/dev/null
pass=$(sed -n 's/.*passed=\([0-9]*\).*/\1/p' <<<"$verdict")
fail=$(sed -n 's/.*failed=\([0-9]*\).*/\1/p' <<<"$verdict")
pass=${pass:-0} fail=${fail:-1}
[ "$pass" -gt 0 ] || fail=$((fail + 1))
if [ "$vm_secs" -le "$limit" ]; then
	pass=$((pass + 1))
else
	echo "demo: the VM run took $vm_secs s, more than the $limit s promised"
	fail=$((fail + 1))
fi
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
