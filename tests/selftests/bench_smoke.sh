#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# make bench must not rot: its VM side (/bench/bench.sh with nfwfp-bench,
# nfwfp-bench-queue and nfwfp_bench.ko) runs one short round of every
# configuration, and prints for each configuration and traffic kind a
# positive figure in the format tests/bench/stats.py reads; the inspect
# configurations re-inject what they took, NFQUEUE serves its queue, and
# the memory figures are there. No figure is judged: timing is not a test.
. /tests/lib/ktap.sh
. /tests/lib/net.sh

# The programs are the same on both kernels, and make bench boots Debian's:
# checking them once keeps the debug suite within CI's time.
case "$(uname -r)" in
*debug*) ktap_skip_all "make bench runs on Debian's kernel; checked there" ;;
esac

ktap_plan 8

out=/tmp/bench_smoke.out
BENCH_ROUNDS=1 BENCH_SECONDS=1 BENCH_WARMUP_MS=200 BENCH_FILTERS="10 100" \
	BENCH_MEMPKTS=5000 sh /bench/bench.sh > $out 2>&1
rc=$?

if [ $rc = 0 ] && ! grep -q '^not ok' $out; then
	ktap_ok "bench.sh: every configuration set up and measured"
else
	grep -E '^not ok|^# [a-z]+: ' $out | head -n 20 | sed 's/^/# /'
	ktap_fail "bench.sh: every configuration set up and measured" "exit=$rc"
fi

# figure CFG KIND METRIC: the value printed for it, if it is a positive number
figure() {
	sed -n "s/^# bench r=1 cfg=$1 kind=$2 .*$3=\([0-9][0-9.]*\).*/\1/p" $out |
		awk '$1 > 0'
}

missing=
for c in c1 c2 c3 c4a c4b c5 c6 c6b; do
	for m in udp64:pps udp1400:pps tcp:bps udprr:p50_us udprr:p99_us \
		 tcprr:p50_us tcprr:p99_us; do
		[ -n "$(figure $c "${m%%:*}" "${m#*:}")" ] || missing="$missing $c/$m"
	done
done
for f in f10 f100; do
	[ -n "$(figure $f udp64 pps)" ] || missing="$missing $f/udp64:pps"
done
if [ -z "$missing" ]; then
	ktap_ok "a positive figure for every configuration, kind and metric"
else
	ktap_fail "a positive figure for every configuration, kind and metric" "missing:$missing"
fi

# check CFG: the inspect driver re-injected packets, none failed
injected() {
	line=$(grep "^# bench-check r=1 cfg=$1 kind=udp64 " $out)
	inj=$(echo "$line" | tr ' ' '\n' | sed -n 's/^injected=//p')
	failed=$(echo "$line" | tr ' ' '\n' | sed -n 's/^inject_failed=//p')
	[ "${inj:-0}" -gt 0 ] && [ -n "$failed" ]
}
for c in c4a c4b c5; do
	if injected $c; then
		ktap_ok "$c: the inspect pattern re-injected the traffic"
	else
		ktap_fail "$c: the inspect pattern re-injected the traffic"
	fi
done

for c in c6 c6b; do
	if grep -q "^# bench-check r=1 cfg=$c kind=all queued=[1-9]" $out; then
		ktap_ok "$c: the NFQUEUE program answered the traffic"
	else
		ktap_fail "$c: the NFQUEUE program answered the traffic"
	fi
done

mem=$(grep '^# bench-mem' $out | tr '\n' ' ')
if echo "$mem" | grep -q 'inflight_bytes_per_pkt=[0-9]' &&
   echo "$mem" | grep -q 'growth_slab_kb=-*[0-9]' &&
   echo "$mem" | grep -q 'held_after=0'; then
	ktap_ok "memory: in-flight cost and slab growth measured, nothing held after"
else
	ktap_diag "$mem"
	ktap_fail "memory: in-flight cost and slab growth measured, nothing held after"
fi

ktap_finish
