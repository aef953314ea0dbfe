#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Injection state across drivers (DESIGN.md "Injection state"). Two
# inspect drivers in different sublayers each re-inject every packet not
# injected by themselves: A sees its own re-injection as INJECTED_BY_SELF,
# B sees it as INJECTED_BY_OTHER and re-injects it, A then sees B's as
# PREVIOUSLY_INJECTED_BY_SELF, and the same with the order reversed; each
# packet reaches the wire exactly once,
# and each driver reads back the injectionContext it passed. A packet whose
# mark was set before nfwfp's hook is not taken for an injected one and
# keeps its mark through the re-injection. A driver that re-injects even
# its own packets is stopped by the re-injection budget: the lineage is
# dropped, counted, and its last completion says so. A re-injected packet
# that a hook before nfwfp's queued (NFQUEUE) is recognised when it comes
# back, through the mark tag, and leaves with its own mark; while one is
# held there, the mark mask changes once but not twice (EBUSY).
. /tests/lib/ktap.sh
. /tests/lib/net.sh

ktap_plan 25

stream=/usr/bin/nfwfp-stream
s1=/sys/kernel/debug/nfwfp_test_inject/stats
s2=/sys/kernel/debug/nfwfp_test_inject2/stats

# c FILE NAME: a counter of a driver's stats
c() {
	awk -v n="$2" '$1 == n { print $2 }' "$1"
}

# udp_stream DESC BYTES WANTDATAGRAMS [PORT]: a UDP stream to nfB, the
# sink's datagram count must be WANTDATAGRAMS (and the hash the source's if > 0)
udp_stream() {
	sink_start "$B" udp 10.0.0.2 30 "${4:-9000}"
	$A $stream source udp 10.0.0.2 "${4:-9000}" "$2" > /tmp/source
	wait $pid
	sed -i '/^ready$/d' /tmp/sink
	n=$(head -n 1 /tmp/sink | tr ' ' '\n' | sed -n 's/^datagrams=//p')
	h=$(head -n 1 /tmp/sink | tr ' ' '\n' | sed -n 's/^hash=//p')
	w=$(head -n 1 /tmp/source | tr ' ' '\n' | sed -n 's/^hash=//p')
	if [ "$n" = "$3" ] && { [ "$3" = 0 ] || [ "$h" = "$w" ]; }; then
		ktap_ok "$1"
	else
		echo "# source: $(cat /tmp/source)"
		echo "# sink: $(cat /tmp/sink)"
		ktap_fail "$1"
	fi
}

insmod /lib/nfwfp/nfwfp.ko
netns_pair
# Set before nfwfp's hook (-500), counted after it.
$A nft -f - <<'NFT'
table inet m {
	chain early {
		type filter hook output priority -600;
		udp dport 9000 meta mark set 0x7f000001
	}
	chain late {
		type filter hook output priority 0;
		udp dport 9000 meta mark 0x7f000001 counter
	}
}
NFT

# A's sublayer is weighed first.
insmod /lib/nfwfp/nfwfp_test_inject.ko port=9000 weight=512 inject_all=1
insmod /lib/nfwfp/nfwfp_test_inject2.ko port=9000 weight=256 inject_all=1
udp_stream "two re-injecting drivers: each datagram arrives once" 20000 20
ktap_check "A re-injected each original once" [ "$(c $s1 injected)" = 20 ]
ktap_check "B re-injected each of A's once" [ "$(c $s2 injected)" = 20 ]
ktap_check "B saw A's packets as injected by other" [ "$(c $s2 seen_other)" = 20 ]
ktap_check "A saw B's as previously injected by self" [ "$(c $s1 seen_previous)" = 20 ]
ktap_check "contexts read back are the ones passed" \
	[ "$(c $s1 context_mismatch)" = 0 -a "$(c $s2 context_mismatch)" = 0 ]
ktap_check "a marked original is not taken for an injected packet" \
	[ "$(c $s1 seen_not_injected)" = 20 ]
ktap_check "the mark survives, each datagram counted once after nfwfp" \
	[ "$($A nft list chain inet m late | grep -c 'counter packets 20 ')" = 1 ]
rmmod nfwfp_test_inject2
rmmod nfwfp_test_inject

# The other way round: B's sublayer first, so A meets B's injections.
insmod /lib/nfwfp/nfwfp_test_inject.ko port=9000 weight=256 inject_all=1
insmod /lib/nfwfp/nfwfp_test_inject2.ko port=9000 weight=512 inject_all=1
udp_stream "B first: each datagram arrives once" 20000 20
ktap_check "A saw B's packets as injected by other" [ "$(c $s1 seen_other)" = 20 ]
ktap_check "B saw A's as previously injected by self" [ "$(c $s2 seen_previous)" = 20 ]
rmmod nfwfp_test_inject2
rmmod nfwfp_test_inject

# A driver that re-injects its own packets forever.
insmod /lib/nfwfp/nfwfp_test_inject.ko port=9000 inject_all=2
loops0=$(stat inject_loop_dropped)
udp_stream "a looping lineage never reaches the wire" 500 0
ktap_check "it is dropped once, past the budget, and counted" \
	[ "$(($(stat inject_loop_dropped) - loops0))" = 1 ]
ktap_check "its injections within the budget completed (8 of 9)" \
	[ "$(c $s1 completed)" = 9 -a "$(c $s1 completed_ok)" = 8 ]
ktap_check "the last completion says dropped (STATUS_FWP_DROP_NOICMP)" \
	[ "$(c $s1 last_completion_status)" = 0xc0220104 ]
rmmod nfwfp_test_inject

# A hook before nfwfp's (NFQUEUE at -600) queues every packet to 9001 and
# user space lets it go on later: the injected packet then reaches nfwfp's
# hook outside the worker, and only the mark tag can say who injected it.
# It must get its own mark back before the chains after nfwfp.
$A nft -f - <<'NFT'
table inet q {
	chain early {
		type filter hook output priority -600;
		udp dport 9001 queue num 3
	}
	chain late {
		type filter hook output priority 0;
		udp dport 9001 meta mark 0 counter
	}
}
NFT
queue_start() {
	: > /tmp/queue
	$A /usr/bin/nfwfp-queue 3 "$1" > /tmp/queue &
	queue_pid=$!
	i=0
	while ! grep -q ready /tmp/queue && [ $i -lt 100 ]; do
		sleep 0.1
		i=$((i + 1))
	done
}
queue_start 40
insmod /lib/nfwfp/nfwfp_test_inject.ko port=9001
udp_stream "queued by a hook before nfwfp: each datagram arrives once" 20000 20 9001
ktap_check "the queued re-injections were recognised as injected by self" \
	[ "$(c $s1 seen_self)" = 20 -a "$(c $s1 injected)" = 20 ]
ktap_check "they left with their own mark, not the tag" \
	[ "$($A nft list chain inet q late | grep -c 'counter packets 20 ')" = 1 ]
rmmod nfwfp_test_inject

# Without the mark tag (mask 0) the same packet comes back unrecognised,
# is taken again as a new packet, and never arrives: the tag is what made
# the above work. (Its history is lost each time, so the budget cannot stop
# it either; it ends when the queue's reader goes.)
echo 0 > /sys/module/nfwfp/parameters/inject_mark_mask
insmod /lib/nfwfp/nfwfp_test_inject.ko port=9001
udp_stream "without the mark tag, a queued re-injection is not recognised" 500 0 9001
ktap_check "the driver took the same datagram again and again" \
	[ "$(c $s1 pended)" -gt 1 -a "$(c $s1 seen_self)" = 0 ]
kill $queue_pid 2>/dev/null
wait $queue_pid 2>/dev/null
rmmod nfwfp_test_inject
echo 0x7f000000 > /sys/module/nfwfp/parameters/inject_mark_mask
$A nft delete table inet q

# The mark mask may change while injections are in flight. It is refused
# (EBUSY) only while a packet tagged two masks ago is still held by a hook
# before nfwfp's, which would bring it back with foreign bits in its mark.
# Here NFQUEUE at -600 holds the one re-injection (tagged: its mark has bits
# of the mask) until nfwfp-queue is told to let it go.
ctl=/usr/bin/nfwfpctl
$A nft -f - <<'NFT'
table inet hold {
	chain early {
		type filter hook output priority -600;
		udp dport 9002 meta mark & 0x7f000000 != 0 queue num 4
	}
}
NFT
: > /tmp/holdq
# /bin/ip, not the ip() function: $! must be the program, which is signalled.
/bin/ip netns exec nfA env NFWFP_QUEUE_HOLD=1 /usr/bin/nfwfp-queue 4 120 > /tmp/holdq &
holdq=$!
insmod /lib/nfwfp/nfwfp_test_inject.ko port=9002
recv_start 10.0.0.2 9002 30
$A $send udp 10.0.0.2 9002 held > /dev/null
i=0
while ! grep -q 'held 1' /tmp/holdq && [ $i -lt 100 ]; do
	sleep 0.1
	i=$((i + 1))
done
ktap_check "the re-injection is held by NFQUEUE before nfwfp's hook" grep -q 'held 1' /tmp/holdq
ktap_check "one mask change while it is held is allowed" \
	$ctl config set inject_mark_mask 0x00ff0000
out=$($ctl config set inject_mark_mask 0x0000ff00 2>&1)
rc=$?
ktap_diag "second change: rc=$rc $out"
ktap_check "a second one is refused: the held packet's mask would be forgotten" \
	[ "$rc" != 0 ] && echo "$out" | grep -q -i 'busy'
kill -USR1 $holdq
recv_wait
sed 's/^/# queue: /' /tmp/holdq
ktap_check "released, it is recognised as our own and delivered once" \
	[ "$(grep -c 'got held' /tmp/recv)" = 1 ] && [ "$(c $s1 seen_self)" = 1 ]
ktap_check "then the change is made" $ctl config set inject_mark_mask 0x0000ff00
kill $holdq 2>/dev/null
wait $holdq 2>/dev/null
rmmod nfwfp_test_inject
$ctl config set inject_mark_mask 0x7f000000
$A nft delete table inet hold

netns_pair_del
rmmod nfwfp
ktap_finish
