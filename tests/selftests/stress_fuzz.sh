#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The netlink fuzzer during load (make check-stress): 16 TCP and 16 UDP
# flows (stress_churn's load: on the debug kernel under TCG, 64 + 64 flows
# fill the injection backlog faster than samples/inspect's one worker
# drains it, which stress_load covers without a fuzzer) through
# samples/inspect while nfwfp-fuzz sends random and mutated messages of
# every command for as long as the load lasts (less 10 s, so that whatever
# it left blocking is gone before the flows end).
#
# The fuzzer adds filters that may block the flows, deletes filters by id
# (inspect's too: inspection may stop mid-flight with packets pended),
# flushes layers and changes the configuration. None of that may cost a
# promise: every TCP byte arrives in order (a blocked segment is sent
# again by TCP), every UDP datagram is delivered, refused to its sender
# (not counted as sent) or dropped where a counter names it (a re-injection
# a filter blocks completes failed: inject_failed; one refused by a cap the
# fuzzer lowered: inject_refused), every absorbed packet is re-injected and
# completed or its injection refused, and the netlink contract holds for every
# message. The fuzzer runs with -k (no counter reset): the accounting of
# the load reads nfwfp's counters. Splats and leaks are judged by the
# harness (console, kmemleak).
# nfwfp-suite: stress
# nfwfp-timeout: 3600
. /tests/lib/ktap.sh
. /tests/lib/net.sh
. /tests/lib/stress.sh

ktap_plan 10

fuzz=/usr/bin/nfwfp-fuzz
objects=/sys/kernel/debug/nfwfp/objects
secs=$(stress_secs 60)
fsecs=$((secs > 20 ? secs - 10 : secs / 2))
seed=$(od -An -N4 -tu4 /dev/urandom | tr -d ' ')

insmod /lib/nfwfp/nfwfp.ko
netns_pair
insmod /lib/nfwfp/nfwfp_inspect.ko RemoteAddressToInspect=10.0.0.2 RemotePortToInspect=0
absorbed0=$(stat absorbed)
ktap_diag "16 TCP + 16 UDP flows for $secs s; nfwfp-fuzz -d $fsecs -s $seed"
load_start 16 16 "$secs"
$fuzz -n 100000000 -d "$fsecs" -k -s "$seed" > /tmp/fuzz.log 2>&1
fuzz_rc=$?
load_wait
load_check "load and fuzz"
absorbed=$(($(stat absorbed) - absorbed0))

ktap_diag "$(tail -n 1 /tmp/fuzz.log)"
if [ $fuzz_rc = 0 ]; then
	ktap_ok "fuzzer: every answer as the contract says, under load"
else
	grep -v '^nfwfp-fuzz: [0-9]* sent$' /tmp/fuzz.log | head -n 100 | sed 's/^/# /'
	ktap_fail "fuzzer: every answer as the contract says, under load" "exit=$fuzz_rc"
fi
sent=$(sed -n 's/^nfwfp-fuzz: sent \([0-9]*\) .*/\1/p' /tmp/fuzz.log)
created=$(sed -n 's/^nfwfp-fuzz: sent .* created \([0-9]*\) .*/\1/p' /tmp/fuzz.log)
ktap_check "fuzzer: messages sent and objects made during the load ($sent, $created)" \
	test "${sent:-0}" -ge 500 -a "${created:-0}" -ge 10

inject_drain
# The fuzzer may lower the injection caps: a refused injection (counted in
# inject_refused) is inspect's to drop, as is a packet kept over the cap
# (whose empty NBL inspect may still try to inject: refused, counted twice),
# or one it could not clone (held_dropped).
# So each absorbed packet is counted at least once, and none injected twice.
accounted=$(($(stat inject_requested) + $(stat inject_refused) + $(stat held_over_cap) +
	     $(stat held_dropped)))
if [ "$absorbed" -gt 0 ] && [ "$accounted" -ge "$(stat absorbed)" ] &&
   [ "$(stat inject_requested)" -le "$(stat absorbed)" ] &&
   [ "$(stat inject_completed)" = "$(stat inject_requested)" ] &&
   [ "$(stat inject_outstanding)" = 0 ]; then
	ktap_ok "every absorbed packet was re-injected and completed, or refused and counted ($absorbed)"
else
	inject_stats_diag
	ktap_fail "every absorbed packet was re-injected and completed, or refused and counted ($absorbed)"
fi
ktap_check "no object of the fuzzer is left in the engine" \
	sh -c "! grep -q 'key=217a7a66-\|nfwfp-fuzz' $objects"
ktap_check "the inspect driver unloads" rmmod nfwfp_inspect
ktap_check "nothing is held afterwards" [ "$(stat held)" = 0 ]

figure fuzz_load_seconds "$secs"
figure fuzz_messages "${sent:-0}"
figure fuzz_objects "${created:-0}"
figure fuzz_seed "$seed"
figure fuzz_tcp_bytes "$load_tcp_bytes"
figure fuzz_udp_sent "$load_udp_sent"
figure fuzz_udp_delivered "$load_udp_delivered"
figure fuzz_udp_lost "$load_udp_lost"
figure fuzz_udp_named "$load_udp_named"
figure fuzz_packets_inspected "$absorbed"

netns_pair_del
ktap_check "nfwfp unloads" rmmod nfwfp
ktap_finish
