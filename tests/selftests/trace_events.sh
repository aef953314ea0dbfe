#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# nfwfp's tracepoints (module/trace.h), read through tracefs as perf,
# trace-cmd and bpftrace read them. Each event must appear, with the
# fields that say what happened:
#   - the inspect driver (nfwfp_test_inject) absorbs a UDP datagram and
#     re-injects it: classify (its filter and callout, per filter and as
#     the layer's verdict), absorb, inject and complete with status 0x0
#     under one handle and request number, then classify permits the
#     re-injected packet; the original is consumed, never reported to
#     skb:kfree_skb as a drop;
#   - a block filter (nfwfp_test_callout): drop reason=block at the first
#     layer a datagram reaches, with the blocking filter;
#   - a driver that re-injects forever: drop reason=loop and a completion
#     with STATUS_FWP_DROP_NOICMP;
#   - a redirect to an unroutable address: drop reason=xmit, completion
#     STATUS_NETWORK_UNREACHABLE;
#   - held_max_per_netns=1 with the first packet still held: drop
#     reason=netcap after the second one's absorb;
#   - the inject_req fault point: inject refused, STATUS_NO_MEMORY.
# The format files carry no unresolved enum for the tools, and no event
# records a kernel address. Without tracefs the test is skipped, never
# passed.
. /tests/lib/ktap.sh
. /tests/lib/net.sh

T=
for d in /sys/kernel/tracing /sys/kernel/debug/tracing; do
	[ -e $d/trace ] && { T=$d; break; }
done
if [ -z "$T" ] && grep -qw tracefs /proc/filesystems &&
   mount -t tracefs tracefs /sys/kernel/tracing 2>/dev/null; then
	T=/sys/kernel/tracing
fi
[ -n "$T" ] || ktap_skip_all "no tracefs in this kernel (CONFIG_TRACING)"
# With record-cmd on, enabling any event also patches sched_switch's
# tracepoint into __schedule(), which every idle vCPU runs: under TCG a vCPU
# can keep the int3 of that patch and spin in exc_int3 while the other waits
# for it in text_poke_bp (seen on both kernels). Off, only the sites of the
# events themselves are patched, which only traffic runs. No check needs
# the task names.
echo 0 > $T/options/record-cmd

ktap_plan 30

objects=/sys/kernel/debug/nfwfp/objects
events="classify absorb inject complete drop"

insmod /lib/nfwfp/nfwfp.ko
netns_pair
# The neighbour is resolved before the first datagram: none waits for ARP.
$A ping -c 1 -W 5 10.0.0.2 > /dev/null

missing=
for e in $events; do
	[ -r $T/events/nfwfp/$e/format ] || missing="$missing $e"
done
ktap_check "the five nfwfp events are registered" [ -z "$missing" ]
# bpftrace and perf see the fields by name in the format files.
fields_ok() {
	for f in "classify layer filter callout action hard absorb final" \
		 "absorb layer filter callout referenced" \
		 "inject handle req hops status" \
		 "complete handle req status err" \
		 "drop reason layer filter callout handle status"; do
		set -- $f
		e=$1
		shift
		for n in "$@"; do
			grep -q "field:.* $n;" $T/events/nfwfp/$e/format ||
				{ echo "$e has no field $n"; return 1; }
		done
	done
}
ktap_check "each event has its fields" fields_ok
# TRACE_DEFINE_ENUM: the tools cannot evaluate enum names in print fmt.
ktap_check "the drop reasons are numbers in the format file" \
	sh -c "! grep -q NFWFP_DROP $T/events/nfwfp/drop/format"

trace_start() {
	echo 0 > $T/tracing_on
	: > $T/trace
	echo 1 > $T/events/nfwfp/enable
	echo 1 > $T/tracing_on
}
trace_stop() {
	echo 0 > $T/tracing_on
	echo 0 > $T/events/nfwfp/enable
	cat $T/trace > /tmp/trace
	echo 1 > $T/tracing_on
}

# has DESC ERE: an event line of the trace matches
has() {
	if grep -q -E "$2" /tmp/trace; then
		ktap_ok "$1"
	else
		ktap_diag "no event matches: $2"
		grep -E ': (classify|absorb|inject|complete|drop):' /tmp/trace |
			head -n 20 | sed 's/^/# /'
		ktap_fail "$1"
	fi
}

# ids LAYERNAME: "FILTER CALLOUT" of the test driver's filter at that layer
ids() {
	sed -n "s/^filter id=\([0-9]*\) layer=$1 .* callout=\([0-9]*\) .*/\1 \2/p" \
		$objects | head -n 1
}

# send_udp PORT: one datagram from nfA to nfB; returns once it arrived,
# or after 5 s (the debug kernel is slow)
send_udp() {
	recv_start 10.0.0.2 "$1" 10
	$A $send udp 10.0.0.2 "$1" traced > /tmp/sent
	i=0
	while ! grep -q got /tmp/recv && [ $i -lt 50 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	kill $recv_pid 2>/dev/null
	# (the shell reports the killed job on wait's stderr)
	wait $recv_pid 2>/dev/null
}

# ---- absorb, inject, complete ------------------------------------------
insmod /lib/nfwfp/nfwfp_test_inject.ko port=9000
set -- $(ids outbound-transport-v4)
F=$1 C=$2
ktap_diag "inspect filter $F callout $C"
trace_start
send_udp 9000
sleep 0.5
trace_stop
ktap_check "the absorbed datagram was re-injected and delivered" grep -q got /tmp/recv
has "classify: the callout's decision, its filter and callout ids" \
	" classify: layer=16 filter=$F callout=$C action=block hard=1 absorb=1 final=0"
has "classify: the layer's verdict names the deciding filter" \
	" classify: layer=16 filter=$F callout=$C action=block hard=1 absorb=1 final=1"
has "absorb: at layer 16, by the callout, referenced" \
	" absorb: layer=16 filter=$F callout=$C referenced=1"
has "inject: accepted, first hop, status 0x0" \
	" inject: handle=[1-9][0-9]* req=1 hops=1 status=0x0$"
handle=$(sed -n 's/.* inject: handle=\([0-9]*\) req=1 .*/\1/p' /tmp/trace | head -n 1)
has "complete: same handle and request, status 0x0" \
	" complete: handle=$handle req=1 status=0x0 err=0$"
has "classify: the re-injected packet is permitted by the callout" \
	" classify: layer=16 filter=$F callout=$C action=permit .* final=1"

# The absorbed original whose clone went on is consumed, not dropped:
# drop monitors (skb:kfree_skb, dropwatch) do not list every inspected packet.
kfree=$T/events/skb/kfree_skb
echo 0 > $T/tracing_on
: > $T/trace
echo 'protocol == 2048' > $kfree/filter
echo 1 > $kfree/enable
echo 1 > $T/tracing_on
send_udp 9000
sleep 0.5
echo 0 > $kfree/enable
echo 0 > $kfree/filter
drops=$(grep -c ' kfree_skb:' $T/trace)
ktap_check "a re-injected datagram's original is not reported dropped (skb:kfree_skb)" \
	sh -c "grep -q got /tmp/recv && [ $drops = 0 ]"
ktap_check "inject precedes complete" sh -c \
	"grep -E ' (inject|complete): handle=$handle req=1 ' /tmp/trace | head -n 1 | grep -q ' inject: '"
ktap_check "no event records a kernel address" \
	sh -c "! grep -E ': (classify|absorb|inject|complete|drop):.*ffff[0-9a-f]{12}' /tmp/trace"
rmmod nfwfp_test_inject

# ---- a refused injection -----------------------------------------------
insmod /lib/nfwfp/nfwfp_test_inject.ko port=9000
echo inject_req:1 > /sys/kernel/debug/nfwfp/fail_at
trace_start
send_udp 9000
sleep 0.5
trace_stop
echo off > /sys/kernel/debug/nfwfp/fail_at
has "inject: refused with STATUS_NO_MEMORY, no request" \
	" inject: handle=[1-9][0-9]* req=0 hops=0 status=0xc0000017$"
ktap_check "complete: none for a refused injection" \
	sh -c "! grep -q ' complete: ' /tmp/trace"
rmmod nfwfp_test_inject

# ---- drop: block -------------------------------------------------------
insmod /lib/nfwfp/nfwfp_test_callout.ko verdict=block proto=17 port=9999
set -- $(ids datagram-data-v4)
F=$1 C=$2
trace_start
send_udp 9999
trace_stop
ktap_check "the blocked sender gets EPERM" grep -q "sendto: EPERM" /tmp/sent
has "classify: block at DATAGRAM_DATA_V4" \
	" classify: layer=24 filter=$F callout=$C action=block .* final=1"
has "drop: reason=block, layer 24, the blocking filter and callout" \
	" drop: reason=block layer=24 filter=$F callout=$C handle=0 status=0x0$"
ktap_check "drop: the packet never reached layer 16" \
	sh -c "! grep -q ' classify: layer=16 filter=[1-9]' /tmp/trace"
rmmod nfwfp_test_callout

# ---- drop: loop ----------------------------------------------------------
insmod /lib/nfwfp/nfwfp_test_inject.ko port=9000 inject_all=2
trace_start
send_udp 9000
sleep 1
trace_stop
ktap_check "the looping datagram was not delivered" sh -c "! grep -q got /tmp/recv"
has "inject: the ninth hop is accepted" " inject: handle=[0-9]+ req=9 hops=9 status=0x0$"
has "drop: reason=loop with STATUS_FWP_DROP_NOICMP" \
	" drop: reason=loop layer=0 filter=0 callout=0 handle=[1-9][0-9]* status=0xc0220104$"
has "complete: the looped injection, status STATUS_FWP_DROP_NOICMP" \
	" complete: handle=[0-9]+ req=9 status=0xc0220104 err=-40$"
has "complete: the hops within the budget, status 0x0" \
	" complete: handle=[0-9]+ req=8 status=0x0 err=0$"
rmmod nfwfp_test_inject

# ---- drop: xmit ----------------------------------------------------------
insmod /lib/nfwfp/nfwfp_test_inject.ko port=9000 redirect=192.0.2.1
trace_start
send_udp 9000
sleep 0.5
trace_stop
has "drop: reason=xmit, no route: STATUS_NETWORK_UNREACHABLE" \
	" drop: reason=xmit layer=0 filter=0 callout=0 handle=[1-9][0-9]* status=0xc000023c$"
has "complete: with the same status" \
	" complete: handle=[0-9]+ req=1 status=0xc000023c err=-101$"
rmmod nfwfp_test_inject

# ---- drop: netcap ------------------------------------------------------
# The first datagram stays held (the driver waits 5 s, long enough for a
# second sender to start on the debug kernel): the second is over the cap.
echo 1 > /sys/module/nfwfp/parameters/held_max_per_netns
insmod /lib/nfwfp/nfwfp_test_inject.ko port=9000 delay_ms=5000
set -- $(ids outbound-transport-v4)
F=$1 C=$2
trace_start
$A $send udp 10.0.0.2 9000 first > /dev/null
$A $send udp 10.0.0.2 9000 second > /dev/null
sleep 6
trace_stop
has "absorb: the callout absorbs and references" \
	" absorb: layer=16 filter=$F callout=$C referenced=1"
has "drop: reason=netcap, at the absorbing layer and filter" \
	" drop: reason=netcap layer=16 filter=$F callout=$C handle=0 status=0x0$"
rmmod nfwfp_test_inject
echo 8192 > /sys/module/nfwfp/parameters/held_max_per_netns

# ---- disabled: nothing recorded --------------------------------------------
insmod /lib/nfwfp/nfwfp_test_inject.ko port=9000
echo 0 > $T/tracing_on
: > $T/trace
echo 1 > $T/tracing_on
send_udp 9000
sleep 0.5
ktap_check "with the events off, nothing is recorded" \
	sh -c "! grep -qE ': (classify|absorb|inject|complete|drop):' $T/trace"
rmmod nfwfp_test_inject

netns_pair_del
rmmod nfwfp
ktap_check "the events go with the module" [ ! -e $T/events/nfwfp ]
ktap_finish
