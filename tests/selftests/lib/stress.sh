# SPDX-License-Identifier: GPL-2.0
# Shared by the stress_* selftests (make check-stress). Sourced after
# ktap.sh and net.sh.
#
#   stress_secs DEFAULT   the load's duration: nfwfp.stress_secs=N on the
#                         kernel command line, else DEFAULT
#   figure NAME VALUE     a "# figure NAME=VALUE" line: tests/vm/stress-report.sh
#                         collects them into the run's summary
#   load_start NTCP NUDP SECONDS  a sink in nfB (10.0.0.2, ports 9000..),
#                         then the source in nfA, in the background
#   load_stop             end the source early (SIGUSR1), wait for both
#   load_wait             wait for both
#   load_check LABEL      the checks of one load: TCP flows intact, UDP
#                         datagrams intact and accounted for (4 results)
#   drops                 the sum of every counter that names a lost
#                         datagram: nfwfp's, veth's, qdisc's, unresolved
#                         neighbour discards, UDP's in nfB. A device set
#                         down drops what is sent to it in the meantime
#                         in its noop qdisc, counted by nothing but the
#                         NET_XMIT_CN re-injections get (inject_congested).
#   snmp_udp FIELD        a field of the Udp: line of /proc/net/snmp in nfB

load=/usr/bin/nfwfp-load

stress_secs() {
	local s=$1 arg
	for arg in $(cat /proc/cmdline); do
		case "$arg" in
		nfwfp.stress_secs=*) s=${arg#nfwfp.stress_secs=} ;;
		esac
	done
	echo "$s"
}

figure() {
	echo "# figure $1=$2"
}

snmp_udp() {
	$B cat /proc/net/snmp | awk -v f="$1" '
		$1 == "Udp:" && !n { for (i = 2; i <= NF; i++) if ($i == f) c = i; n = 1; next }
		$1 == "Udp:" && n { print $c + 0 }'
}

# A device's drop counters in its namespace (veth has no qdisc: noqueue).
dev_drops() {
	local ns=$1 dev=$2 q
	q=$(ip netns exec "$ns" /bin/tc -s qdisc show dev "$dev" |
		sed -n 's/.*dropped \([0-9]*\).*/\1/p' | awk '{ s += $1 } END { print s + 0 }')
	echo $(( $(ip netns exec "$ns" cat /sys/class/net/"$dev"/statistics/tx_dropped) +
		 $(ip netns exec "$ns" cat /sys/class/net/"$dev"/statistics/rx_dropped) + q ))
}

# Packets queued for a neighbour not resolved yet and dropped (the queue is
# short): hex, one line per CPU; the ARP table, and so this file, is the
# whole machine's (only init_net has it).
arp_discards() {
	local n=0 v
	for v in $(cat /proc/net/stat/arp_cache | awk '
		NR == 1 { for (i = 1; i <= NF; i++) if ($i == "unresolved_discards") c = i; next }
		{ print $c }'); do
		n=$((n + $(printf '%d' "0x$v")))
	done
	echo $n
}

# inject_drain: wait (up to 60 s: the debug kernel is slow) until every
# accepted injection completed
inject_drain() {
	local i=0
	while [ "$(stat inject_outstanding)" != 0 ] && [ $i -lt 600 ]; do
		sleep 0.1
		i=$((i + 1))
	done
}

# inject_stats_diag: nfwfp's packet and injection counters, as KTAP diagnostics
inject_stats_diag() {
	grep -E '^(absorbed|inject_|held|kept)' /sys/kernel/debug/nfwfp/stats | sed 's/^/# /'
}

drops() {
	echo $(( $(stat held_over_cap) + $(stat inject_failed) + $(stat inject_loop_dropped) +
		 $(stat inject_refused) + $(stat inject_congested) + $(stat held_dropped) +
		 $(stat kept_not_sent_no_memory) + $(dev_drops nfA veth0) +
		 $(dev_drops nfB veth1) + $(snmp_udp InErrors) + $(arp_discards) ))
}

# drop_trace_start / drop_trace_report: skb:kfree_skb of IP packets during a
# load, and on a failed count the sites that freed them, busiest first,
# resolved through /proc/kallsyms. Every drop the stack reports comes
# through it; nfwfp frees what a callout took and sent on with
# consume_skb(). Only with nfwfp.drop_trace=1 on the kernel command line
# (run-suite.sh sets it, with no_hash_pointers, for the debug kernel's
# stress suite): each enable patches kernel text, and under TCG a vCPU
# can miss that and spin on the breakpoint for good.
T=/sys/kernel/tracing
drop_trace=0
grep -qw nfwfp.drop_trace=1 /proc/cmdline && drop_trace=1
drop_trace_start() {
	[ $drop_trace = 1 ] || return 0
	[ -e $T/trace ] || mount -t tracefs tracefs $T 2>/dev/null
	[ -e $T/events/skb/kfree_skb/enable ] || return 0
	echo 0 > $T/events/skb/kfree_skb/enable
	# No sched_switch patching (see trace_events.sh).
	echo 0 > $T/options/record-cmd
	echo 8192 > $T/buffer_size_kb
	echo 'protocol == 2048 || protocol == 34525' > $T/events/skb/kfree_skb/filter
	: > $T/trace
	echo 1 > $T/events/skb/kfree_skb/enable
}

drop_trace_stop() {
	[ $drop_trace = 1 ] || return 0
	[ -e $T/events/skb/kfree_skb/enable ] && echo 0 > $T/events/skb/kfree_skb/enable
	return 0
}

drop_trace_report() {
	[ $drop_trace = 1 ] || return 0
	[ -e $T/events/skb/kfree_skb/enable ] || return 0
	drop_trace_stop
	sed -n 's/.* protocol=\([0-9]*\) location=\([0-9a-fx]*\) reason: \(.*\)/\1 \2 \3/p' \
		$T/trace | sort | uniq -c | sort -rn | head -n 20 > /tmp/drop.sites
	awk '{ a = $3; sub(/^0x/, "", a); print a }' /tmp/drop.sites | sort -u > /tmp/drop.addrs
	awk 'NR == FNR { want[$1] = 1; next }
	     { for (a in want) if ($1 <= a && $1 > best[a]) { best[a] = $1; name[a] = $3 } }
	     END { for (a in want) print a, name[a] }' /tmp/drop.addrs /proc/kallsyms > /tmp/drop.syms
	ktap_diag "skb:kfree_skb during the load (count, protocol, site, reason):"
	awk 'NR == FNR { s[$1] = $2; next }
	     { a = $3; sub(/^0x/, "", a); print "#   " $1, $2, (s[a] != "" ? s[a] : a), $4 }' \
		/tmp/drop.syms /tmp/drop.sites
}

load_start() {
	: > /tmp/lsink
	: > /tmp/lsrc
	# netns_pair bounds a connect to 3 s (for blocked connects); a loaded
	# debug kernel can take longer to inspect and re-inject 64 SYNs.
	$A sysctl -qw net.ipv4.tcp_syn_retries=6
	load_drops0=$(drops)
	drop_trace_start
	# /bin/ip, not the ip() function: $! must be the program itself (ip
	# execs it), which load_stop and load_wait signal.
	/bin/ip netns exec nfB $load sink 10.0.0.2 9000 "$1" "$2" $(($3 + 1800)) > /tmp/lsink &
	load_sink=$!
	i=0
	while ! grep -q ready /tmp/lsink && [ $i -lt 100 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	/bin/ip netns exec nfA env NFWFP_LOAD_UDP_PPS="${NFWFP_LOAD_UDP_PPS:-1000}" \
		$load source 10.0.0.2 9000 "$1" "$2" "$3" > /tmp/lsrc &
	load_source=$!
	i=0
	while ! grep -q connected /tmp/lsrc && [ $i -lt 200 ]; do
		sleep 0.1
		i=$((i + 1))
	done
}

# The sink ends by itself once every flow ended; a flow that never does
# must not hold the test until its deadline: 60 s after the source, the
# sink is told to stop (and reports the flow unended).
load_wait() {
	wait $load_source
	load_src_rc=$?
	i=0
	while kill -0 $load_sink 2>/dev/null && [ $i -lt 600 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	kill -USR1 $load_sink 2>/dev/null
	wait $load_sink
	load_sink_rc=$?
	sed -i '/^ready$/d' /tmp/lsink
	sed -i '/^connected$/d' /tmp/lsrc
}

load_stop() {
	kill -USR1 $load_source 2>/dev/null
	load_wait
}

# total FILE NAME: NAME=... of the source or sink totals line
total() {
	awk -v k="$2" '$1 == "source" || $1 == "sink" {
		for (i = 2; i <= NF; i++) if (index($i, k "=") == 1) print substr($i, length(k) + 2) }' "$1"
}

load_check() {
	local lbl=$1 sent delivered lost named
	if [ "$load_src_rc" = 0 ] && [ "$load_sink_rc" = 0 ] &&
	   grep '^tcp ' /tmp/lsrc | sort > /tmp/lsrc.tcp &&
	   grep '^tcp ' /tmp/lsink | sort > /tmp/lsink.tcp &&
	   [ -s /tmp/lsrc.tcp ] && cmp -s /tmp/lsrc.tcp /tmp/lsink.tcp; then
		ktap_ok "$lbl: every TCP flow ended with every byte in order (per-flow hashes)"
	else
		ktap_diag "source rc=$load_src_rc sink rc=$load_sink_rc"
		sed 's/^/# source: /' /tmp/lsrc | grep -v '^# source: udp'
		sed 's/^/# sink: /' /tmp/lsink | grep -v '^# sink: udp'
		ktap_fail "$lbl: every TCP flow ended with every byte in order (per-flow hashes)"
	fi
	# Per flow: never more delivered than sent (no duplicate), none corrupt.
	if awk '$1 == "udp" && $3 ~ /^sent=/ { s[$2] = substr($3, 6) }
		$1 == "udp" && $3 ~ /^delivered=/ { d[$2] = substr($3, 11); b += substr($4, 5) }
		END { for (p in d) if (d[p] + 0 > s[p] + 0) exit 1; exit b != 0 }' /tmp/lsrc /tmp/lsink; then
		ktap_ok "$lbl: no UDP datagram corrupt or duplicated"
	else
		grep '^udp\|^source' /tmp/lsrc | sed 's/^/# source: /'
		grep '^udp\|^sink' /tmp/lsink | sed 's/^/# /'
		ktap_fail "$lbl: no UDP datagram corrupt or duplicated"
	fi
	sent=$(total /tmp/lsrc udp_sent)
	delivered=$(total /tmp/lsink udp_delivered)
	lost=$((sent - delivered))
	named=$(($(drops) - load_drops0))
	ktap_diag "$lbl: udp sent=$sent delivered=$delivered lost=$lost named-drops=$named"
	if [ "$sent" -gt 0 ] && [ "$lost" -ge 0 ] && [ "$lost" -le "$named" ]; then
		ktap_ok "$lbl: every UDP datagram delivered or dropped by a named counter"
	else
		grep -v '^layer_' /sys/kernel/debug/nfwfp/stats | sed 's/^/# /'
		for ns in nfA nfB; do
			ip netns exec $ns cat /proc/net/snmp | grep -E '^(Ip|Udp):' |
				sed "s/^/# $ns /"
		done
		drop_trace_report
		ktap_fail "$lbl: every UDP datagram delivered or dropped by a named counter"
	fi
	drop_trace_stop
	load_tcp_bytes=$(total /tmp/lsink tcp_bytes)
	load_udp_sent=$sent
	load_udp_delivered=$delivered
	load_udp_lost=$lost
	load_udp_named=$named
	load_udp_reordered=$(total /tmp/lsink udp_reordered)
}
