#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Load (make check-stress): 64 TCP and 64 UDP flows from nfA to nfB over
# veth, for nfwfp.stress_secs seconds (60), every packet of every flow
# through samples/inspect (nfwfp_inspect.ko: referenced, absorbed, cloned
# and re-injected by its system thread; RemotePortToInspect=0 inspects
# every port). Every TCP byte must arrive in order (a hash per flow at
# each end); every UDP datagram must arrive intact or be dropped where a
# counter names it (nfwfp's drop counters, veth and qdisc drops, UDP
# InErrors in nfB); every absorbed packet is re-injected and completed, or
# its injection refused and counted (inject_refused).
# Splats and leaks are judged by the harness (console, kmemleak).
# nfwfp-suite: stress
# nfwfp-timeout: 3600
. /tests/lib/ktap.sh
. /tests/lib/net.sh
. /tests/lib/stress.sh

ktap_plan 7

secs=$(stress_secs 60)
ntcp=64
nudp=64

insmod /lib/nfwfp/nfwfp.ko
netns_pair
insmod /lib/nfwfp/nfwfp_inspect.ko RemoteAddressToInspect=10.0.0.2 RemotePortToInspect=0
absorbed0=$(stat absorbed)
ktap_diag "$ntcp TCP + $nudp UDP flows for $secs s on $(grep -c ^processor /proc/cpuinfo) CPUs"
load_start $ntcp $nudp "$secs"
load_wait
load_check "load"
absorbed=$(($(stat absorbed) - absorbed0))

# The injections drain once the traffic stops. Where inspect's worker falls
# behind (the debug kernel), its in-flight cap refuses injections: inspect
# drops those packets, and inject_refused names each one. A packet kept over
# the held cap may be refused as well (counted twice): then at least. A
# packet inspect could not clone (no memory) it drops unsent: held_dropped.
inject_drain
req=$(stat inject_requested)
acc=$((req + $(stat inject_refused) + $(stat held_dropped)))
if [ "$(stat held_over_cap)" = 0 ]; then
	[ "$acc" = "$(stat absorbed)" ]
else
	[ "$((acc + $(stat held_over_cap)))" -ge "$(stat absorbed)" ] &&
	[ "$req" -le "$(stat absorbed)" ]
fi
acc_ok=$?
if [ "$absorbed" -gt 0 ] && [ $acc_ok = 0 ] &&
   [ "$(stat inject_completed)" = "$req" ] && [ "$(stat inject_outstanding)" = 0 ]; then
	ktap_ok "every absorbed packet was re-injected and completed, or refused and counted ($absorbed)"
else
	inject_stats_diag
	ktap_fail "every absorbed packet was re-injected and completed, or refused and counted ($absorbed)"
fi
ktap_check "the inspect driver unloads" rmmod nfwfp_inspect
ktap_check "nothing is held afterwards" [ "$(stat held)" = 0 ]

figure load_seconds "$secs"
figure load_tcp_flows $ntcp
figure load_udp_flows $nudp
figure load_tcp_bytes "$load_tcp_bytes"
figure load_udp_sent "$load_udp_sent"
figure load_udp_delivered "$load_udp_delivered"
figure load_udp_lost "$load_udp_lost"
figure load_udp_named "$load_udp_named"
figure load_udp_reordered "$load_udp_reordered"
figure load_packets_inspected "$absorbed"
figure load_inject_failed "$(stat inject_failed)"
figure load_inject_refused "$(stat inject_refused)"

netns_pair_del
ktap_check "nfwfp unloads" rmmod nfwfp
ktap_finish
