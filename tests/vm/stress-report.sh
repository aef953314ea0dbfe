#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# stress-report.sh DIR KERNEL [README]: the figures of one stress-suite boot
# (DIR holds run.sh's ktap.txt, console.txt, verdict, splats.found) as
# DIR/summary.json, and, when README is given, its "Reliability" section
# rewritten between the stress-report markers from them. The figures are
# the "# figure NAME=VALUE" lines the stress_* selftests print (see
# tests/selftests/lib/stress.sh), the verdict's counts, the splats the
# judge found and the leaks kmemleak reported.
set -euo pipefail

[ $# -ge 2 ] || { echo "usage: stress-report.sh DIR KERNEL [README]" >&2; exit 2; }
dir=$1 kernel=$2 readme=${3:-}
begin='<!-- stress-report:begin -->'
end='<!-- stress-report:end -->'

[ -f "$dir/ktap.txt" ] && [ -f "$dir/verdict" ] || { echo "no run in $dir" >&2; exit 1; }
v=$(head -n1 "$dir/verdict")
num() { sed -n "s/.*\<$1=\([0-9]*\).*/\1/p" <<<"$v"; }
passed=$(num passed) failed=$(num failed) seconds=$(num seconds)
accel=$(sed -n 's/.*accel=\([a-z]*\).*/\1/p' <<<"$v")
release=$(sed -n 's/^# kernel \([^ ]*\).*/\1/p' "$dir/ktap.txt" | head -n1)
splats=$(wc -l < "$dir/splats.found" 2>/dev/null || echo 0)
leaks=$(grep -c 'unreferenced object 0x' "$dir/console.txt" || true)
scanned=$(grep -q '^# kmemleak: scanned' "$dir/ktap.txt" && echo true || echo false)
date=$(date -u -r "$dir/verdict" +%Y-%m-%dT%H:%MZ)
tests=$({ grep -E '^(not )?ok [0-9]+ ' "$dir/ktap.txt" || true; } | sed 's/^\(not ok\|ok\) [0-9]* \([^ ]*\).*/\2=\1/' |
	sed 's/=not ok$/=fail/; s/=ok$/=pass/')

# NAME=VALUE pairs, in the order the tests printed them.
figures=$(sed -n 's/^ *# figure \([a-z0-9_]*\)=\([0-9]*\)$/\1 \2/p' "$dir/ktap.txt")
fig() { awk -v n="$1" '$1 == n { v = $2 } END { printf "%.0f\n", v + 0 }' <<<"$figures"; }

{
	printf '{"kernel":"%s","release":"%s","date":"%s","accel":"%s","seconds":%d,' \
		"$kernel" "$release" "$date" "$accel" "${seconds:-0}"
	printf '"passed":%d,"failed":%d,"splats":%d,"leaks":%d,"kmemleak":%s,' \
		"${passed:-0}" "${failed:-0}" "$splats" "$leaks" "$scanned"
	printf '"tests":{'
	sep=
	while IFS='=' read -r t r; do
		[ -n "$t" ] || continue
		printf '%s"%s":"%s"' "$sep" "$t" "$r"
		sep=,
	done <<<"$tests"
	printf '},"figures":{'
	sep=
	while read -r n val; do
		[ -n "$n" ] || continue
		printf '%s"%s":%s' "$sep" "$n" "$val"
		sep=,
	done <<<"$figures"
	printf '}}\n'
} > "$dir/summary.json"
echo "stress summary: $dir/summary.json"

[ -n "$readme" ] || exit 0
grep -qF "$begin" "$readme" && grep -qF "$end" "$readme" ||
	{ echo "$readme has no stress-report markers" >&2; exit 1; }

st() { grep -o "$1=[a-z]*" <<<"$tests" | cut -d= -f2 | grep . || echo "not run"; }
mb() { awk -v b="$1" 'BEGIN { printf "%.1f", b / 1048576 }'; }
section=$(mktemp)
trap 'rm -f "$section"' EXIT
cat > "$section" <<EOT
$begin
Last \`make check-stress\` run: $date, kernel $kernel ($release), $accel, 2 vCPUs,
${seconds:-0} s in all; $passed checks passed, $failed failed; **splats: $splats, leaks: $leaks**
(kmemleak scanned: $scanned). Written by \`tests/vm/stress-report.sh\` from the run
(\`build/vm/$kernel-stress/suite/summary.json\`).

| test | figures |
|---|---|
| stress_load ($(st stress_load)) | $(fig load_tcp_flows) TCP + $(fig load_udp_flows) UDP flows for $(fig load_seconds) s through samples/inspect: $(mb "$(fig load_tcp_bytes)") MiB of TCP, every byte in order; $(fig load_udp_sent) datagrams sent, $(fig load_udp_delivered) delivered, $(fig load_udp_lost) lost, $(fig load_udp_named) named by drop counters, $(fig load_udp_reordered) reordered; $(fig load_packets_inspected) packets absorbed, $(fig load_inject_refused) of them refused re-injection by inspect's in-flight cap (counted, dropped), the rest re-injected; $(fig load_inject_failed) injections failed |
| stress_flood ($(st stress_flood)) | unprivileged UDP flood for $(fig flood_seconds) s: $(fig flood_sent) datagrams; held at most $(fig flood_held_max) (cap $(fig flood_held_cap)), $(fig flood_over_cap) dropped over the cap; slab +$(fig flood_slab_growth_kb) kB at most, +$(fig flood_slab_left_kb) kB after; slowest ping or shell command $(fig flood_worst_response_ms) ms |
| stress_fuzz ($(st stress_fuzz)) | nfwfp-fuzz during $(fig fuzz_load_seconds) s of 16 TCP + 16 UDP flows through samples/inspect (seed $(fig fuzz_seed)): $(fig fuzz_messages) messages, $(fig fuzz_objects) objects made, every answer as the contract says; $(mb "$(fig fuzz_tcp_bytes)") MiB of TCP in order, $(fig fuzz_udp_sent) datagrams sent, $(fig fuzz_udp_delivered) delivered, $(fig fuzz_udp_lost) lost, $(fig fuzz_udp_named) named; $(fig fuzz_packets_inspected) packets absorbed and re-injected |
| stress_churn ($(st stress_churn)) | $(fig churn_cycles) cycles x $(fig churn_kinds) kinds of churn in $(fig churn_seconds) s under 16 + 16 flows: $(mb "$(fig churn_tcp_bytes)") MiB of TCP intact, $(fig churn_udp_sent) datagrams sent, $(fig churn_udp_lost) lost, $(fig churn_udp_named) named, $(fig churn_mask_busy_retries) mark-mask changes refused, $(fig churn_inject_failed) injections failed |
$end
EOT
awk -v b="$begin" -v e="$end" -v f="$section" '
	$0 == b { while ((getline l < f) > 0) print l; skip = 1; next }
	$0 == e { skip = 0; next }
	!skip' "$readme" > "$readme.tmp"
mv "$readme.tmp" "$readme"
echo "stress figures written to $readme"
