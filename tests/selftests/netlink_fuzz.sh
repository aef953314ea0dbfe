#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The generic netlink family under a fuzzer (src/nfwfp-fuzz.c): random and
# mutated messages of every command; every message with a consistent header
# and NLM_F_REQUEST|NLM_F_ACK gets exactly one answer (one NLMSG_ERROR after
# at most one reply, or dump parts and one NLMSG_DONE). 100,000 messages
# on each kernel (on the debug kernel KASAN, lockdep and kmemleak watch;
# about 10 minutes under TCG, 10 s on Debian's). Enough of them are valid
# to make objects and events. Afterwards no object of the fuzzer is left in
# the engine, nfwfp unloads, and kmemleak (debug kernel) reports nothing new.
#
# The seed is random and printed; boot with nfwfp.fuzz_seed=N (and
# nfwfp.fuzz_count=N) to replay a failure.
# nfwfp-timeout: 1800
. /tests/lib/ktap.sh

fuzz=/usr/bin/nfwfp-fuzz
objects=/sys/kernel/debug/nfwfp/objects
kmemleak=/sys/kernel/debug/kmemleak
ktap_plan 6

count=100000
seed=$(od -An -N4 -tu4 /dev/urandom | tr -d ' ')
for arg in $(cat /proc/cmdline); do
	case "$arg" in
	nfwfp.fuzz_seed=*) seed=${arg#nfwfp.fuzz_seed=} ;;
	nfwfp.fuzz_count=*) count=${arg#nfwfp.fuzz_count=} ;;
	esac
done

# The reports kmemleak already holds: only new ones are this test's.
leaks() {
	echo scan > $kmemleak
	grep -c '^unreferenced object' $kmemleak
}
[ -e $kmemleak ] && leaks_before=$(leaks)

insmod /lib/nfwfp/nfwfp.ko
# Counters aside, the objects nfwfp starts with (its built-in sublayers).
strip() { sed 's/ matched=.*//' $objects; }
strip > /tmp/objects.before

ktap_diag "nfwfp-fuzz -n $count -s $seed"
start=$(date +%s)
$fuzz -n "$count" -s "$seed" > /tmp/fuzz.log 2>&1
rc=$?
ktap_diag "$(tail -n 1 /tmp/fuzz.log) (wall $(($(date +%s) - start)) s)"
if [ $rc = 0 ] && grep -q "^nfwfp-fuzz: sent $count (" /tmp/fuzz.log; then
	ktap_ok "$count messages, seed $seed: every answer as the contract says"
else
	grep -v '^nfwfp-fuzz: [0-9]* sent$' /tmp/fuzz.log | head -n 200 | sed 's/^/# /'
	ktap_fail "$count messages, seed $seed: every answer as the contract says" "exit=$rc"
fi

# The grammar's valid messages get through: objects made, events sent.
made=$(sed -n 's/^nfwfp-fuzz: sent .* created \([0-9]*\) .* events \([0-9]*\) .*/\1 \2/p' /tmp/fuzz.log)
set -- $made
if [ "${1:-0}" -ge 100 ] && [ "${2:-0}" -ge 100 ]; then
	ktap_ok "valid messages made objects and events"
else
	ktap_fail "valid messages made objects and events" "created ${1:-?} events ${2:-?}"
fi

strip > /tmp/objects.after
ktap_check "no object of the fuzzer is left in the engine" \
	diff /tmp/objects.before /tmp/objects.after
ktap_check "no fuzzer key or name in the objects file" \
	sh -c "! grep -q 'key=217a7a66-\|nfwfp-fuzz' $objects"

ktap_check "nfwfp unloads after the fuzzer" rmmod nfwfp

if [ -e $kmemleak ]; then
	# kmemleak reports only objects older than 5 s, found unreferenced
	# in a scan: let them age, scan twice.
	sleep 6
	leaks > /dev/null
	leaks_after=$(leaks)
	if [ "$leaks_after" = "$leaks_before" ]; then
		ktap_ok "kmemleak: nothing new after the fuzzer"
	else
		head -n 60 $kmemleak | sed 's/^/# /'
		ktap_fail "kmemleak: nothing new after the fuzzer" \
			"$leaks_before reports before, $leaks_after after"
	fi
else
	ktap_skip "kmemleak: nothing new after the fuzzer" "no kmemleak in this kernel"
fi
ktap_finish
