#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# FwpsReferenceNetBufferList0 keeps an indicated NBL and its data valid
# after classifyFn returns, whatever the verdict, until the dereference:
# the test callout references every packet (ref=1) and user space compares
# each kept NBL's first bytes at classify time with the same bytes now. A
# referenced and permitted packet is NATed afterwards by an nft rule: the
# kept data must not change (nfwfp gives the stack or the hold an
# skb_clone(), never a shared skb). Clones (clone=1..3) must keep the
# bytes they were made of after the original left, was NATed or was
# dereferenced, and a clone of an NBL referenced with intendToModify is
# private. KASAN and kmemleak on the debug kernel watch every step.
. /tests/lib/ktap.sh
. /tests/lib/net.sh

ktap_plan 32

dir=/sys/kernel/debug/nfwfp_test_callout

callout() {
	rmmod nfwfp_test_callout 2>/dev/null
	insmod /lib/nfwfp/nfwfp_test_callout.ko proto=17 port=9999 "$@"
}

# held_intact DESC LAYERS: every kept NBL still shows the bytes it showed at
# classify time, and one was kept at each of LAYERS
held_intact() {
	cat $dir/held > /tmp/held
	bad=$(awk '{ split($2, t, "="); split($3, n, "="); if (t[2] != n[2]) print }' /tmp/held)
	missing=
	for l in $2; do
		grep -q "^layer=$l then=[0-9a-f]*270f" /tmp/held || missing="$missing $l"
	done
	if [ -z "$bad" ] && [ -z "$missing" ]; then
		ktap_ok "$1"
	else
		sed 's/^/# /' /tmp/held
		ktap_fail "$1" "changed: $bad missing:$missing"
	fi
}

# clones_intact DESC LAYERS: every clone still shows the bytes its original
# showed at classify time, its original counts one child, and one clone was
# made at each of LAYERS
clones_intact() {
	cat $dir/clones > /tmp/clones
	bad=$(awk '{ split($2, t, "="); split($3, n, "=");
		     if (t[2] != n[2] || $4 != "children=1") print }' /tmp/clones)
	missing=
	for l in $2; do
		grep -q "^layer=$l then=[0-9a-f]*270f" /tmp/clones || missing="$missing $l"
	done
	if [ -z "$bad" ] && [ -z "$missing" ]; then
		ktap_ok "$1"
	else
		sed 's/^/# /' /tmp/clones
		ktap_fail "$1" "changed: $bad missing:$missing"
	fi
}

# modified_clone: the callout's write (0x1234 at bytes 2-3) shows in the
# clone at both layers, the original's bytes (270f) stay as they were
modified_clone() {
	for l in 24 16; do
		grep -q "^layer=$l then=[0-9a-f]\{4\}270f[0-9a-f]* now=[0-9a-f]\{4\}1234" \
			/tmp/clones || return 1
	done
}

insmod /lib/nfwfp/nfwfp.ko
if ! netns_pair; then
	ktap_fail "namespaces and veth"
	ktap_finish
fi
misuse=$(stat misuse)

callout verdict=permit ref=1
recv_start 10.0.0.2 9999
$A $send udp 10.0.0.2 9999 permit > /dev/null
recv_wait
ktap_check "reference + permit: the packet is delivered" grep -q "got permit" /tmp/recv
held_intact "reference + permit: kept data intact after the packet left" "24 16"
echo release > $dir/held
ktap_check "release: nothing kept any more" test ! -s $dir/held

# The original packet is NATed after classify: 9999 becomes 7777.
$A nft -f - <<'EOF'
table ip nfwfp_nat {
	chain out {
		type nat hook output priority -100;
		udp dport 9999 dnat to 10.0.0.2:7777
	}
}
EOF
recv_start 10.0.0.2 7777 10
$A $send udp 10.0.0.2 9999 natted > /dev/null
recv_wait
ktap_check "reference + permit + NAT: the NATed packet is delivered" \
	grep -q "got natted" /tmp/recv
held_intact "reference + permit + NAT: kept data is the original" "24 16"
echo release > $dir/held
$A nft delete table ip nfwfp_nat

callout verdict=block ref=1
dropped0=$(stat held_dropped)
out=$($A $send udp 10.0.0.2 9999 block)
ktap_check "reference + block: the sender still gets EPERM" test "$out" = "sendto: EPERM"
held_intact "reference + block: kept data intact" "24"
echo release > $dir/held
# The sender was told: not a drop that only held_dropped could name.
ktap_check "reference + block, released: held_dropped unchanged" \
	[ "$(stat held_dropped)" = "$dropped0" ]

callout verdict=absorb ref=1
recv_start 10.0.0.2 9999
out=$($A $send udp 10.0.0.2 9999 absorb)
recv_wait
ktap_check "reference + absorb: the sender sees success" test "$out" = "sent"
ktap_check "reference + absorb: nothing delivered" sh -c '! grep -q got /tmp/recv'
held_intact "reference + absorb: kept data intact" "24"

# Unloading the callout driver dereferences what it still holds.
ktap_check "callout unload with references outstanding" rmmod nfwfp_test_callout
ktap_check "reference + absorb, released unsent: counted in held_dropped" \
	[ "$(stat held_dropped)" = $((dropped0 + 1)) ]

callout verdict=permit ref=2
recv_start 10.0.0.2 9999
$A $send udp 10.0.0.2 9999 quick > /dev/null
recv_wait
ktap_check "dereference inside classifyFn: the packet is delivered" \
	grep -q "got quick" /tmp/recv
ktap_check "no API misuse counted" test "$(stat misuse)" = "$misuse"

# FwpsAllocateCloneNetBufferList0 inside classifyFn, clones kept.
callout verdict=permit clone=1
recv_start 10.0.0.2 9999
$A $send udp 10.0.0.2 9999 cloned > /dev/null
recv_wait
ktap_check "clone + permit: the original is delivered" grep -q "got cloned" /tmp/recv
clones_intact "clone + permit: the clone's data is intact after the packet left" "24 16"
echo free > $dir/clones
ktap_check "clones freed: none left" test ! -s $dir/clones

# The original is NATed after classify; its clone must not follow.
$A nft -f - <<'EOF'
table ip nfwfp_nat {
	chain out {
		type nat hook output priority -100;
		udp dport 9999 dnat to 10.0.0.2:7777
	}
}
EOF
recv_start 10.0.0.2 7777 10
$A $send udp 10.0.0.2 9999 clonenat > /dev/null
recv_wait
ktap_check "clone + permit + DNAT: the NATed original is delivered" \
	grep -q "got clonenat" /tmp/recv
clones_intact "clone + permit + DNAT: the clone still shows port 9999" "24 16"
echo free > $dir/clones
$A nft delete table ip nfwfp_nat

callout verdict=permit clone=2
recv_start 10.0.0.2 9999
$A $send udp 10.0.0.2 9999 refclone > /dev/null
recv_wait
ktap_check "reference, clone, dereference at once: the packet is delivered" \
	grep -q "got refclone" /tmp/recv
clones_intact "reference, clone, dereference the original at once: the clone's data intact" "24 16"
echo free > $dir/clones

# intendToModify: the clone is private; the callout wrote 0x1234 into it.
callout verdict=permit clone=3
recv_start 10.0.0.2 9999
$A $send udp 10.0.0.2 9999 modclone > /dev/null
recv_wait
ktap_check "modify clone: the original is delivered unchanged" \
	grep -q "got modclone" /tmp/recv
cat $dir/clones > /tmp/clones
if modified_clone; then
	ktap_ok "modify clone: the write shows in the clone only"
else
	sed 's/^/# /' /tmp/clones
	ktap_fail "modify clone: the write shows in the clone only"
fi
echo free > $dir/clones
ktap_check "freeing the clones: none left" test ! -s $dir/clones
ktap_check "freeing the clones leaves no misuse counted" test "$(stat misuse)" = "$misuse"

# Unloading the callout frees the clones it still has.
callout verdict=permit clone=1
recv_start 10.0.0.2 9999
$A $send udp 10.0.0.2 9999 leftover > /dev/null
recv_wait
ktap_check "callout unload with clones outstanding" rmmod nfwfp_test_callout
ktap_check "no misuse counted after the unload" test "$(stat misuse)" = "$misuse"

# Misuse C cannot refuse up front is counted and made harmless (see
# docs/porting.md, "What misuse is counted"; KASAN and kmemleak watch on
# the debug kernel). Only DATAGRAM_DATA_V4 (layers=4): one classifyFn call
# per datagram, one count per misuse.
callout verdict=permit ref=3 layers=4 proto=17 port=9999
recv_start 10.0.0.2 9999
$A $send udp 10.0.0.2 9999 overderef > /dev/null
recv_wait
ktap_check "dereference twice after one reference: the packet is delivered" \
	grep -q "got overderef" /tmp/recv
ktap_check "the second dereference is counted misuse, once" \
	test "$(stat misuse)" = $((misuse + 1))
misuse=$(stat misuse)
callout verdict=permit clone=4 layers=4 proto=17 port=9999
recv_start 10.0.0.2 9999
$A $send udp 10.0.0.2 9999 clonefree > /dev/null
recv_wait
ktap_check "a clone freed twice while its own clone is out: the packet is delivered" \
	grep -q "got clonefree" /tmp/recv
ktap_check "both early frees and the second free are counted misuse (3)" \
	test "$(stat misuse)" = $((misuse + 3))

rmmod nfwfp_test_callout 2>/dev/null
netns_pair_del
rmmod nfwfp
ktap_finish
