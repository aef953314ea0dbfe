#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# nfwfp's own fault points (/sys/kernel/debug/nfwfp/fail_at), on both
# kernels: every allocation and failure point of the classify, reference,
# clone, allocate, inject and transmit paths is made to fail once, under
# the traffic that reaches it. Each must fire (the site counts the
# failure), give its documented outcome (a counted drop, a synchronous
# STATUS_NO_MEMORY, a completion with STATUS_NO_MEMORY), and leave nothing
# behind: traffic flows again at once, nothing stays held or in flight,
# and on the debug kernel the runner's kmemleak scan and splat scan judge
# the boot.
. /tests/lib/ktap.sh
. /tests/lib/net.sh

ktap_plan 18

fail_at=/sys/kernel/debug/nfwfp/fail_at
ist=/sys/kernel/debug/nfwfp_test_inject/stats
NO_MEMORY=0xc0000017

unload() {
	rmmod nfwfp_test_inject 2>/dev/null
	rmmod nfwfp_test_callout 2>/dev/null
}
inject() {
	unload
	insmod /lib/nfwfp/nfwfp_test_inject.ko port=9000 "$@"
}
callout() {
	unload
	insmod /lib/nfwfp/nfwfp_test_callout.ko port=9000 "$@"
}
failed() { awk -v s="$1" '$1 == s { sub("failed=", "", $3); print $3 }' $fail_at; }
istat() { awk -v n="$1" '$1 == n { print $2 }' $ist; }

# fire SITE DESC CMD...: arm SITE's next hit, run CMD (the traffic), and
# pass if the site failed exactly once and CMD's own check held.
fire() {
	local site=$1 desc=$2 before
	shift 2
	before=$(failed "$site")
	echo "$site:1" > $fail_at
	if "$@" && [ "$(failed "$site")" = $((before + 1)) ]; then
		ktap_ok "$site: $desc"
	else
		grep "^$site " $fail_at | sed 's/^/# /'
		[ -e $ist ] && sed 's/^/# /' $ist
		ktap_fail "$site: $desc"
	fi
	echo off > $fail_at
}

udp() { $A $send udp 10.0.0.2 9000 "$1" > /dev/null; sleep 0.5; }
# stat_grew NAME BEFORE: nfwfp's counter NAME is above BEFORE
stat_grew() { [ "$(stat "$1")" -gt "$2" ]; }

insmod /lib/nfwfp/nfwfp.ko
netns_pair
ktap_check "fail_at takes SITE:NTH[:TIMES] and refuses nonsense" sh -c "
	echo nbl:3:2 > $fail_at && grep -q '^nbl .* armed=3/2' $fail_at &&
	! echo nosuchsite:1 > $fail_at 2>/dev/null && ! echo nbl:0 > $fail_at 2>/dev/null &&
	echo off > $fail_at && grep -q '^nbl .* armed=1/0' $fail_at"

# Keeping the packet (the reference at classify) needs an NBL of its own:
# without one the reference fails (counted) and the driver's clone fails.
inject
c=$(istat clone_failed)
fire nbl "a keep without memory: the reference fails, the clone fails cleanly" \
	sh -c "/bin/ip netns exec nfA /usr/bin/nfwfp-send udp 10.0.0.2 9000 x > /dev/null; sleep 1;
	       [ \$(awk '\$1 == \"clone_failed\" { print \$2 }' $ist) -gt $c ]"

# A reference without memory: counted as misuse; the callout's later clone fails cleanly.
m=$(stat misuse)
fire hold "a failed reference is counted, the packet's clone fails cleanly" \
	sh -c "/bin/ip netns exec nfA /usr/bin/nfwfp-send udp 10.0.0.2 9000 x > /dev/null; sleep 1;
	       [ \$(awk '\$1 == \"misuse\" { print \$2 }' /sys/kernel/debug/nfwfp/stats) -gt $m ]"

# The worker's clone: FwpsAllocateCloneNetBufferList0 returns STATUS_NO_MEMORY.
c=$(istat clone_failed)
fire clone_skb "the clone call fails, the driver drops the packet" \
	sh -c "/bin/ip netns exec nfA /usr/bin/nfwfp-send udp 10.0.0.2 9000 x > /dev/null; sleep 1;
	       [ \$(awk '\$1 == \"clone_failed\" { print \$2 }' $ist) -gt $c ]"

# What a kept packet was: without it the keep fails like a reference without memory.
fire origin "a keep without its origin fails cleanly" udp x

# The injection request: a synchronous STATUS_NO_MEMORY, no completion.
f=$(istat inject_failed)
fire inject_req "FwpsInjectTransportSendAsync returns STATUS_NO_MEMORY" \
	sh -c "/bin/ip netns exec nfA /usr/bin/nfwfp-send udp 10.0.0.2 9000 x > /dev/null; sleep 1;
	       [ \$(awk '\$1 == \"inject_failed\" { print \$2 }' $ist) -gt $f ] &&
	       grep -qx 'last_sync_status $NO_MEMORY' $ist"

# The worker: the completion says STATUS_NO_MEMORY.
for site in xmit_skb xmit_headroom; do
	fire $site "the completion carries STATUS_NO_MEMORY" \
		sh -c "/bin/ip netns exec nfA /usr/bin/nfwfp-send udp 10.0.0.2 9000 x > /dev/null; sleep 1;
		       grep -qx 'last_completion_status $NO_MEMORY' $ist"
done

# A new NBL from scratch (modify=2 appends to UDP): its MDL allocation fails.
inject modify=2
f=$(istat clone_failed)
fire alloc_nbl "FwpsAllocateNetBufferAndNetBufferList0 fails, the driver drops" \
	sh -c "/bin/ip netns exec nfA /usr/bin/nfwfp-send udp 10.0.0.2 9000 x > /dev/null; sleep 1;
	       [ \$(awk '\$1 == \"clone_failed\" { print \$2 }' $ist) -gt $f ]"

# Retreating an NBL from scratch (no headroom: modify=2) to the IP header
# of a header-include sender (version=0) needs a buffer of its own; without
# one the driver drops.
inject modify=2 version=0
f=$(istat inject_failed)
fire nbl_retreat "a retreat without memory fails, the driver drops" \
	sh -c "/bin/ip netns exec nfA /usr/bin/nfwfp-send hdrincl 10.0.0.2 9000 x > /dev/null; sleep 1;
	       [ \$(awk '\$1 == \"inject_failed\" { print \$2 }' $ist) -gt $f ] &&
	       grep -qx 'last_sync_status $NO_MEMORY' $ist"

# A header-include raw sender: no copy of its header, no classification.
inject
fire hdrincl "a header-include packet without its header copy is dropped, counted" \
	sh -c "/bin/ip netns exec nfA /usr/bin/nfwfp-send hdrincl 10.0.0.2 9000 x > /dev/null; sleep 0.5; true"

# A referenced, permitted packet keeps a clone of itself; without one it is kept itself.
callout verdict=permit ref=1
fire hold_clone "a permitted reference without a clone keeps the packet instead" \
	sh -c "/bin/ip netns exec nfA /usr/bin/nfwfp-send udp 10.0.0.2 9000 x > /dev/null; sleep 0.5;
	       echo release > /sys/kernel/debug/nfwfp_test_callout/held"

# UDP GSO without FWP_CALLOUT_FLAG_ALLOW_USO is segmented first.
callout verdict=permit
v=$(stat unclassified_no_view)
fire uso_segment "a UDP GSO packet that cannot be segmented is dropped, counted" \
	sh -c "/bin/ip netns exec nfA /usr/bin/nfwfp-send uso 10.0.0.2 9000 > /dev/null; sleep 0.5;
	       [ \$(awk '\$1 == \"unclassified_no_view\" { print \$2 }' /sys/kernel/debug/nfwfp/stats) -gt $v ]"

# Afterwards: every path works again and nothing is left.
inject
stream "after the faults, a TCP stream through the inject pattern is intact" \
	"$B" 10.0.0.2 10.0.0.2 tcp tcp 200000 hash
stream "after the faults, a UDP stream through the inject pattern is intact" \
	"$B" 10.0.0.2 10.0.0.2 udp udp 50000 hash
unload
ktap_check "nothing is held" [ "$(stat held)" = 0 ]
ktap_check "no injection is outstanding" [ "$(stat inject_outstanding)" = 0 ]
ktap_check "faults_injected counts them" [ "$(stat faults_injected)" -ge 12 ]

netns_pair_del
ktap_finish
