#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# nfwfp-timeout: 14400
#
# The VM side of `make bench` (busybox sh, run by tests/vm/init.sh in
# nfwfp.mode=bench, or by the bench_smoke selftest). Two namespaces over
# veth (lib/net.sh: nfA 10.0.0.1 sends, nfB 10.0.0.2 receives); in every
# round each configuration is set up, each traffic kind measured with
# nfwfp-bench, and the configuration torn down. The order of the
# configurations rotates from round to round, so no configuration always
# runs first or last. Raw figures are KTAP diagnostics, one per metric:
#
#   # bench r=ROUND cfg=CONFIG kind=KIND METRIC=VALUE...
#   # bench-check r=ROUND cfg=CONFIG kind=KIND COUNTER=VALUE...
#   # bench-mem inflight_pkts=N inflight_slab_kb=K ... | growth_pkts=N ...
#
# and each measurement is a KTAP result (failed when the program failed).
# tests/bench/stats.py turns them into medians, confidence intervals,
# ratios and results.json.
#
# Environment (tests/vm/init.sh sets them from nfwfp.bench.NAME=VALUE):
#   BENCH_ROUNDS (7), BENCH_SECONDS (2), BENCH_WARMUP_MS (500),
#   BENCH_CONFIGS (c1 c2 c3 c4a c4b c5 c6 c6b), BENCH_KINDS (udp64 udp1400
#   tcp udprr tcprr), BENCH_FILTERS (10 1000 10000: filter-scale configs
#   f10 f1000 f10000, udp64 only), BENCH_MEMPKTS (1000000; 0: no memory
#   measurements), BENCH_PROFILE (CONFIG:KIND,...: after the rounds, a
#   perf profile of KIND on CONFIG; needs perf in the initramfs, which
#   tests/bench/run.sh adds). Lists are separated by commas or spaces.
. /tests/lib/ktap.sh
. /tests/lib/net.sh

list() { echo "$1" | tr ',' ' '; }
rounds=${BENCH_ROUNDS:-7}
secs=${BENCH_SECONDS:-2}
warm=${BENCH_WARMUP_MS:-500}
configs=$(list "${BENCH_CONFIGS:-c1 c2 c3 c4a c4b c5 c6 c6b}")
kinds=$(list "${BENCH_KINDS:-udp64 udp1400 tcp udprr tcprr}")
fscale=$(list "${BENCH_FILTERS-10 1000 10000}")
mempkts=${BENCH_MEMPKTS:-1000000}
profile=$(list "${BENCH_PROFILE:-}")
PORT=5201
NA=/run/netns/nfA
NB=/run/netns/nfB
bench=/usr/bin/nfwfp-bench
queue=/usr/bin/nfwfp-bench-queue
istats=/sys/kernel/debug/nfwfp_test_inject/stats
for f in $fscale; do configs="$configs f$f"; done

unload() {
	for m in nfwfp_bench nfwfp_test_inject nfwfp; do
		grep -q "^$m " /proc/modules && rmmod $m
	done
	return 0
}

load() {
	insmod /lib/nfwfp/nfwfp.ko || return 1
	# shellcheck disable=SC2086 # $2: the module's parameters, split
	[ $# = 0 ] || insmod "/lib/nfwfp/$1.ko" $2
}

# NFQUEUE: the inspected traffic (to PORT, as nfwfp_test_inject's filter)
# goes through queue 0, served by nfwfp-bench-queue in nfA.
queue_start() {
	$A nft -f - <<-EOF || return 1
	table ip nfwfpbench {
		chain out {
			type filter hook output priority 0;
			th dport $PORT queue num 0
		}
	}
	EOF
	: > /tmp/queue.out
	# /bin/ip itself, not the ip() function: $! must be the program.
	/bin/ip netns exec nfA $queue 0 "$1" > /tmp/queue.out 2>&1 &
	queue_pid=$!
	i=0
	while ! grep -q ready /tmp/queue.out && [ $i -lt 300 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	grep -q ready /tmp/queue.out && return 0
	sed 's/^/# queue: /' /tmp/queue.out
	return 1
}

queue_stop() {
	[ -n "$queue_pid" ] || return 0
	kill "$queue_pid" 2>/dev/null
	wait "$queue_pid" 2>/dev/null
	queue_pid=
	# Whether NFQUEUE did its work: the packets its program answered.
	ktap_diag "bench-check r=$r cfg=$c kind=all $(grep '^queued=' /tmp/queue.out)"
	$A nft delete table ip nfwfpbench 2>/dev/null
	return 0
}

setup() {
	case $1 in
	c1) ;;
	c2) load ;;
	c3) load nfwfp_bench callout=1 ;;
	c4a) load nfwfp_test_inject "port=$PORT modify=0" ;;
	c4b) load nfwfp_test_inject "port=$PORT modify=0 intend_modify=1" ;;
	c5) load nfwfp_test_inject "port=$PORT modify=1" ;;
	c6) queue_start accept ;;
	c6b) queue_start xor ;;
	f*) load nfwfp_bench "filters=${1#f}" ;;
	*) return 1 ;;
	esac
}

teardown() {
	queue_stop
	unload
}

# kinds_of CONFIG: the filter-scale configurations measure udp64 only.
kinds_of() {
	case $1 in
	f*) echo udp64 ;;
	*) echo "$kinds" ;;
	esac
}

# Under TCG a vCPU that idles wakes up at its next timer tick (4 ms), so
# a round trip that wakes a task on the other vCPU measures the tick. The
# request/response kinds therefore run everything on CPU 0: nfwfp-bench's
# two ends (-c 0), the NFQUEUE program and the unbound workqueues (nfwfp's
# injection worker).
wq_mask=/sys/devices/virtual/workqueue/cpumask
one_cpu() {
	wq_saved=$(cat $wq_mask)
	echo 1 > $wq_mask
	[ -z "$queue_pid" ] || taskset -p 1 "$queue_pid" > /dev/null
}

all_cpus() {
	echo "$wq_saved" > $wq_mask
	[ -z "$queue_pid" ] || taskset -p "$wq_saved" "$queue_pid" > /dev/null
}

# measure ROUND CONFIG KIND
measure() {
	case $3 in
	udp64) args="-s 64 udp" ;;
	udp1400) args="-s 1400 udp" ;;
	tcp) args="tcp" ;;
	udprr) args="-c 0 -s 64 udprr" ;;
	tcprr) args="-c 0 -s 64 tcprr" ;;
	*) ktap_fail "r=$1 cfg=$2 kind=$3" "unknown kind"; return ;;
	esac
	case $3 in *rr) one_cpu ;; esac
	# shellcheck disable=SC2086 # args is a word list
	out=$($bench -w "$warm" -d $((secs * 1000)) $args $NA $NB 10.0.0.2 $PORT 2>&1)
	rc=$?
	case $3 in *rr) all_cpus ;; esac
	if [ $rc = 0 ] && echo "$out" | grep -q '^mode='; then
		fields=$(echo "$out" | tr ' ' '\n' | grep -E '^(pps|bps|p50_us|p99_us)=' |
			 tr '\n' ' ')
		ktap_diag "bench r=$1 cfg=$2 kind=$3 $fields"
		ktap_ok "r=$1 cfg=$2 kind=$3"
	else
		echo "$out" | sed 's/^/# /'
		ktap_fail "r=$1 cfg=$2 kind=$3"
	fi
	# Whether the configuration did its work: the driver's own counters.
	case $2 in
	c4*|c5)
		ktap_diag "bench-check r=$1 cfg=$2 kind=$3" \
			"$(awk '$1 ~ /^(pended|injected|inject_failed|completed_ok)$/ {
				printf "%s=%s ", $1, $2 }' $istats)"
		;;
	esac
}

slab_kb() {
	awk -v f="$1:" '$1 == f { print $2 }' /proc/meminfo
}

settle() {
	sleep 2
	sync
	echo 3 > /proc/sys/vm/drop_caches
	sleep 1
}

# Slab memory of packets the inspect pattern holds (absorbed, referenced,
# pended: the driver's worker is 5 s late), per packet.
mem_inflight() {
	rmmod nfwfp_test_inject 2>/dev/null
	insmod /lib/nfwfp/nfwfp_test_inject.ko port=$PORT modify=0 delay_ms=5000 || return 1
	settle
	s0=$(slab_kb Slab)
	u0=$(slab_kb SUnreclaim)
	$bench -n 2000 count $NA $NB 10.0.0.2 $PORT > /tmp/count.out 2>&1 &
	cpid=$!
	sleep 2
	held=$(awk '$1 == "pended" { print $2 }' $istats)
	inj=$(awk '$1 == "injected" { print $2 }' $istats)
	s1=$(slab_kb Slab)
	u1=$(slab_kb SUnreclaim)
	wait $cpid
	rmmod nfwfp_test_inject
	[ "$inj" = 0 ] && [ "$held" -gt 0 ] || return 1
	ktap_diag "bench-mem inflight_pkts=$held inflight_slab_kb=$((s1 - s0))" \
		"inflight_sunreclaim_kb=$((u1 - u0))" \
		"inflight_bytes_per_pkt=$(((s1 - s0) * 1024 / held))"
}

# Slab before and after MEMPKTS packets through the inspect pattern, after
# a warm-up that fills the caches.
mem_growth() {
	rmmod nfwfp_test_inject 2>/dev/null
	insmod /lib/nfwfp/nfwfp_test_inject.ko port=$PORT modify=0 || return 1
	$bench -n $((mempkts / 10)) count $NA $NB 10.0.0.2 $PORT > /dev/null 2>&1 || return 1
	settle
	s0=$(slab_kb Slab)
	u0=$(slab_kb SUnreclaim)
	out=$($bench -n "$mempkts" count $NA $NB 10.0.0.2 $PORT 2>&1) || return 1
	settle
	s1=$(slab_kb Slab)
	u1=$(slab_kb SUnreclaim)
	ktap_diag "bench-mem growth_pkts=$mempkts growth_slab_kb=$((s1 - s0))" \
		"growth_sunreclaim_kb=$((u1 - u0))" \
		"$(echo "$out" | tr ' ' '\n' | grep '^recv=' | sed 's/^/growth_/')" \
		"$(awk '$1 ~ /^(injected|completed_ok|inject_failed)$/ {
			printf "growth_%s=%s ", $1, $2 }' $istats)" \
		"held_after=$(stat held)"
	rmmod nfwfp_test_inject
}

# profile CONFIG KIND: perf samples of the whole VM (cpu-clock: TCG has no
# PMU) while KIND runs on CONFIG, as diagnostics: the busiest symbols by
# self time, then by time with their callees, each per task. Not a figure.
profile_one() {
	local c=$1 k=$2 d=/tmp/perf
	command -v perf > /dev/null || { ktap_fail "profile $c:$k" "no perf in the initramfs"; return; }
	setup "$c" || { ktap_fail "profile $c:$k setup"; teardown; return; }
	echo 0 > /proc/sys/kernel/kptr_restrict
	echo -1 > /proc/sys/kernel/perf_event_paranoid
	mkdir -p $d
	# perf takes seconds to start under TCG: the traffic outlasts it.
	secs_saved=$secs
	secs=$((secs * 4 + 6))
	measure profile "$c" "$k" > $d/measure.out &
	sleep 1
	perf record -e cpu-clock -F 1999 -a -g -o $d/perf.data -- sleep $((secs_saved * 2)) \
		> /dev/null 2>&1
	wait $!
	secs=$secs_saved
	# Its figure is not a round's (stats.py reads "# bench r=...").
	sed -n 's/^# bench r=profile /# profile run: /p' $d/measure.out
	grep -q '^not ok' $d/measure.out && sed 's/^/# /' $d/measure.out
	ktap_diag "profile $c:$k by self time"
	perf report -i $d/perf.data --stdio --no-children --sort comm,sym -g none \
		--percent-limit 0.8 2>/dev/null | grep -v '^#' | grep -v '^$' | sed 's/^/# profile /'
	ktap_diag "profile $c:$k with callees"
	perf report -i $d/perf.data --stdio --children --sort comm,sym -g none \
		--percent-limit 2 2>/dev/null | grep -v '^#' | grep -v '^$' | sed 's/^/# profile /'
	rm -rf $d
	teardown
	ktap_ok "profile $c:$k"
}

unload
netns_pair || { ktap_fail "netns pair"; ktap_finish; }
ktap_diag "bench-meta guest_kernel=$(uname -r) rounds=$rounds seconds=$secs" \
	"warmup_ms=$warm mempkts=$mempkts cpus=$(grep -c ^processor /proc/cpuinfo)"

r=1
while [ $r -le "$rounds" ]; do
	# Rotate: round r starts with the r-th configuration.
	set -- $configs
	skip=$(( (r - 1) % $# ))
	order=
	i=0
	for c in $configs; do
		[ $i -ge $skip ] && order="$order $c"
		i=$((i + 1))
	done
	i=0
	for c in $configs; do
		[ $i -lt $skip ] && order="$order $c"
		i=$((i + 1))
	done
	for c in $order; do
		if ! setup "$c"; then
			ktap_fail "r=$r cfg=$c setup"
			teardown
			continue
		fi
		for k in $(kinds_of "$c"); do
			measure $r "$c" "$k"
		done
		teardown
	done
	r=$((r + 1))
done

for p in $profile; do
	profile_one "${p%%:*}" "${p#*:}"
done

if [ "$mempkts" -gt 0 ]; then
	load || ktap_fail "memory: load nfwfp"
	if mem_inflight; then ktap_ok "memory: in flight"; else ktap_fail "memory: in flight"; fi
	if mem_growth; then ktap_ok "memory: growth"; else ktap_fail "memory: growth"; fi
	unload
fi
netns_pair_del
ktap_finish
