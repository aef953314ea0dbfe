#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Lifetimes and quiescing of injection (DESIGN.md "Lifetimes",
# "Quiescing"). The completion may free the callout's buffers while the
# injected packet still waits in a delayed qdisc (KASAN watches on the
# debug kernel): the clone, the driver's own buffer and MDL behind an NBL
# it built, and its reference on the original, all in completionFn. A TCP
# stream whose every segment is held up to 200 ms stays intact and in
# order. A packet held while its device goes away completes once,
# with a failure status. A socketless packet held while its namespace is
# deleted cannot be injected (STATUS_FWP_TCPIP_NOT_READY) and the
# namespace still goes (no "waiting for ... to become free"). Callout
# modules unloaded, and namespaces deleted, twenty times each under traffic
# with packets absorbed and injections queued: every completion delivered,
# nothing outstanding, nothing leaked (kmemleak on the debug kernel). A
# flood against a driver that absorbs everything stays within the
# per-namespace cap.
# nfwfp-timeout: 1200
. /tests/lib/ktap.sh
. /tests/lib/net.sh

ktap_plan 24

stream=/usr/bin/nfwfp-stream
st=/sys/kernel/debug/nfwfp_test_inject/stats

inject() {
	rmmod nfwfp_test_inject 2>/dev/null
	insmod /lib/nfwfp/nfwfp_test_inject.ko "$@"
}

c() {
	awk -v n="$1" '$1 == n { print $2 }' $st
}

# tcpext NAME: a TcpExt counter of nfB
tcpext() {
	$B cat /proc/net/netstat | awk -v n="$1" '
		$1 == "TcpExt:" && !h { for (i = 2; i <= NF; i++) if ($i == n) col = i; h = 1; next }
		$1 == "TcpExt:" && h { print $col }'
}

# all_completed: every injection of the loaded driver completed once, fine
all_completed() {
	[ "$(c injected)" -gt 0 -a "$(c completed)" = "$(c injected)" -a \
	  "$(c completed_ok)" = "$(c injected)" ]
}

# stream DESC ADDR PROTO BYTES: a stream from nfA to nfB arrives intact
stream() {
	sink_start "$B" "$3" "$2" 90
	$A $stream source "$3" "$2" 9000 "$4" > /tmp/source
	wait $pid
	sed -i '/^ready$/d' /tmp/sink
	w=$(head -n 1 /tmp/source | tr ' ' '\n' | sed -n 's/^hash=//p')
	h=$(head -n 1 /tmp/sink | tr ' ' '\n' | sed -n 's/^hash=//p')
	if [ -n "$w" ] && [ "$h" = "$w" ]; then
		ktap_ok "$1"
	else
		echo "# source: $(cat /tmp/source)"
		echo "# sink: $(cat /tmp/sink)"
		ktap_fail "$1"
	fi
}

# wait_for NAME VALUE: until the driver's counter NAME reaches VALUE (20 s)
wait_for() {
	i=0
	while [ "$(c "$1")" != "$2" ] && [ $i -lt 200 ]; do
		sleep 0.1
		i=$((i + 1))
	done
}

insmod /lib/nfwfp/nfwfp.ko
netns_pair

# A long hold on TCP: every segment waits up to 200 ms in the driver
# (its worker runs 200 ms after the first packet it finds pended). It
# comes first: its connection may linger (a late FIN, an orphan socket
# that keeps nfA alive), so tests that count single packets to port 9000
# or delete nfA come well after it.
ofo0=$(tcpext TCPOFOQueue)
inject port=9000 delay_ms=200
stream "tcp with every segment held up to 200 ms" 10.0.0.2 tcp 300000
ktap_check "held segments left in order: no out-of-order queueing at nfB" \
	[ -n "$ofo0" ] && [ "$(tcpext TCPOFOQueue)" = "$ofo0" ]

# The injected packets sit 200 ms in netem after their completion freed
# the clone and dereferenced the original.
$A tc qdisc add dev veth0 root netem delay 200ms
inject port=9000
stream "tcp through a 200 ms netem delay" 10.0.0.2 tcp 300000
stream "udp through a 200 ms netem delay" fd00::2 udp 30000
ktap_check "every injection completed once, successfully" all_completed
# late_deref=1: the clone path keeps the original referenced until the
# completion. modify=3: each datagram copied into the driver's own
# buffer, a new NBL over it; the completion frees that NBL, dereferences
# the original and frees buffer and MDL. (UDP last: a late TCP
# retransmission would be counted by the next test.)
inject port=9000 late_deref=1
stream "tcp, original dereferenced in completionFn, through netem" \
	fd00::2 tcp 300000
ktap_check "those completed once, successfully" all_completed
inject port=9000 modify=3
stream "udp from the driver's buffer, freed in completionFn, through netem" \
	10.0.0.2 udp 30000
ktap_check "those completed once, successfully, too" all_completed
$A tc qdisc del dev veth0 root

# The device goes while the packet is held (long enough for a loaded
# debug VM to start ip and delete the device).
inject port=9000 delay_ms=6000
$A $send udp 10.0.0.2 9000 gone > /dev/null
ktap_check "the device is deleted while its packet is held" \
	timeout 30 /bin/ip -n nfA link del veth0
wait_for completed 1
sed 's/^/# /' $st
ktap_check "that injection completed once, with a failure" \
	[ "$(c injected)" = 1 -a "$(c completed)" = 1 -a "$(c completed_ok)" = 0 ]
ktap_check "the status is network unreachable" \
	[ "$(c last_completion_status)" = 0xc000023c ]
netns_pair_del
netns_pair

# A socketless packet (nfA's ICMP port unreachable) held while nfA goes
# (netns cleanup is asynchronous: the hold outlasts it on a slow VM).
inject proto=1 delay_ms=8000
$B $send udp 10.0.0.1 9999 closed > /dev/null
sleep 0.5
ktap_check "the ICMP error was absorbed" [ "$(c pended)" = 1 ]
ip netns del nfA
wait_for inject_failed 1
sed 's/^/# /' $st
ktap_check "its injection failed: STATUS_FWP_TCPIP_NOT_READY" \
	[ "$(c last_sync_status)" = 0xc0220100 ]
rmmod nfwfp_test_inject
ip netns del nfB
netns_pair

# traffic_start / traffic_stop: UDP to nfB:9000 from nfA, continuously
traffic_start() {
	touch /tmp/traffic
	( while [ -e /tmp/traffic ]; do
		$A $send udp 10.0.0.2 9000 t > /dev/null 2>&1
		$A $send udp fd00::2 9000 t > /dev/null 2>&1
	  done ) &
	traffic_pid=$!
}
traffic_stop() {
	rm -f /tmp/traffic
	wait $traffic_pid
}

req0=$(stat inject_requested)
traffic_start
ok=0
for i in $(seq 20); do
	insmod /lib/nfwfp/nfwfp_test_inject.ko port=9000 delay_ms=50 &&
		sleep 0.3 && rmmod nfwfp_test_inject && ok=$((ok + 1))
done
traffic_stop
ktap_check "20 callout-module unloads with packets absorbed and queued" [ $ok = 20 ]
ktap_check "they injected" [ "$(stat inject_requested)" -gt "$req0" ]
ktap_check "every completion delivered, no handle left" \
	[ "$(stat inject_completed)" = "$(stat inject_requested)" -a \
	  "$(stat inject_outstanding)" = 0 -a "$(stat inject_handles)" = 0 ]

# A flood against a driver that absorbs everything: at most
# held_max_per_netns packets kept, the rest dropped and counted; the driver
# still gets valid NBLs (empty: its clones of them fail).
echo 16 > /sys/module/nfwfp/parameters/held_max_per_netns
over0=$(stat held_over_cap)
inject port=9000 delay_ms=6000
: > /tmp/sink
$B $stream sink udp 10.0.0.2 9000 30 > /tmp/sink &
pid=$!
sleep 0.5
$A $stream source udp 10.0.0.2 9000 100000 > /dev/null
held=$(stat held)
ktap_check "a flood keeps at most the cap held" [ "$held" -le 16 -a "$held" -gt 0 ]
ktap_check "the rest was dropped and counted" \
	[ "$(($(stat held_over_cap) - over0))" = 84 ]
wait $pid
kept_arrived() {
	[ "$(c injected)" = 16 ] && [ "$(c completed_ok)" = 16 ] &&
		grep -q "^datagrams=16 " /tmp/sink
}
ktap_check "the kept ones were injected and arrived" kept_arrived
ktap_check "the driver got all NBLs; those past the cap had no data" \
	[ "$(c pended)" = 100 -a "$(c clone_failed)" = 84 ]
echo 8192 > /sys/module/nfwfp/parameters/held_max_per_netns

inject port=9000 delay_ms=300
ok=0
for i in $(seq 20); do
	traffic_start
	sleep 0.5
	traffic_stop
	netns_pair_del && netns_pair && ok=$((ok + 1))
done
ktap_check "20 namespace deletions with packets held" [ $ok = 20 ]
sleep 1
wait_for completed "$(c injected)"
ktap_check "every injection of them completed" \
	[ "$(c injected)" -gt 0 -a "$(c completed)" = "$(c injected)" ]
rmmod nfwfp_test_inject
ktap_check "nothing outstanding at nfwfp" \
	[ "$(stat inject_outstanding)" = 0 -a "$(stat inject_backlog)" = 0 ]

netns_pair_del
rmmod nfwfp
ktap_finish
