#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# run.sh MODDIR: `make bench`. Boots the VM once on Debian's kernel with
# the modules of MODDIR (a build without the in-module self-tests), runs
# tests/bench/bench.sh in it (nfwfp.mode=bench), then tests/bench/stats.py
# on its output: the tables on stdout, tests/bench/results.json.
#
# Environment: BENCH_ROUNDS (7), BENCH_SECONDS (2), BENCH_WARMUP_MS (500),
# BENCH_CONFIGS, BENCH_KINDS, BENCH_FILTERS, BENCH_MEMPKTS (see bench.sh),
# BENCH_PROFILE (CONFIG:KIND,...: a perf profile of each, see bench.sh),
# BENCH_OUT (tests/bench/results.json), NFWFP_ACCEL (tcg|kvm: no probe).
# The accelerator is chosen as for the test suite (tests/vm/accel.sh: KVM
# only when a probe boot works); under TCG the figures are labelled
# "emulated: ratios only".
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
vm=$top/tests/vm
. "$vm/lib.sh"

moddir=$1
out=$top/build/bench-vm
json=${BENCH_OUT:-$here/results.json}
rounds=${BENCH_ROUNDS:-7}
secs=${BENCH_SECONDS:-2}
mem=1G

nfwfp_need_pkgs python3 qemu-system-x86
# BENCH_PROFILE: the initramfs gets perf (Debian's linux-perf, the 6.1 one).
[ -z "${BENCH_PROFILE:-}" ] || nfwfp_need_pkgs linux-perf
kernel=$("$vm/debian-kernel.sh" image)
accel=$("$vm/accel.sh" "$kernel")
mkdir -p "$out"
NFWFP_PERF=${BENCH_PROFILE:+1} "$vm/mkinitramfs.sh" debian "$moddir" "$out/initrd.gz"

args="nfwfp.mode=bench${BENCH_CMDLINE:+ $BENCH_CMDLINE}"
for v in ROUNDS SECONDS WARMUP_MS CONFIGS KINDS FILTERS MEMPKTS PROFILE; do
	# Set, even empty (BENCH_FILTERS= turns filter scale off): passed on.
	eval "[ -n \"\${BENCH_$v+x}\" ]" || continue
	eval "val=\$BENCH_$v"
	# shellcheck disable=SC2154 # set by eval
	args="$args nfwfp.bench.${v,,}=${val// /,}"
done
# About 13 configurations x 5 kinds x (seconds + 2.5 s) a round, plus
# module loads, the memory runs and a slow boot; generous, it is a cap.
tmo=$((rounds * 13 * 5 * (secs + 3) * 2 + 1800))

cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n1)
qver=$(qemu-system-x86_64 --version | head -n1)
label=
[ "$accel" = kvm ] || label="emulated: ratios only"
python3 - "$out/meta.json" <<EOF
import json, sys
json.dump({"accelerator": "$accel", "emulated": "$accel" != "kvm",
           "label": "$label", "cpu_model": """$cpu""",
           "host_cpus": $(nproc), "host_kernel": "$(uname -r)",
           "qemu": """$qver""", "vcpus": 2, "guest_memory": "$mem",
           "date": "$(date -u +%Y-%m-%dT%H:%M:%SZ)"}, open(sys.argv[1], "w"))
EOF

log "bench: accel=$accel rounds=$rounds seconds=$secs ($args); up to ${tmo}s"
set +e
"$vm/run.sh" -a "$accel" -m "$mem" -t "$tmo" -e "$args" "$kernel" "$out/initrd.gz" \
	"$out/vm" >&2
vmrc=$?
set -e
python3 "$here/stats.py" "$out/vm/ktap.txt" "$out/meta.json" "$json"
if [ $vmrc != 0 ]; then
	log "bench: the VM run failed (see $out/vm/verdict); the figures above are partial"
	exit 1
fi
