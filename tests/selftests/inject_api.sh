#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The injection API's contract from a driver's seat (nfwfp_test_inject_api,
# which checks at load and lists PASS/FAIL lines): every synchronous status
# a caller can provoke (INVALID_PARAMETER for each bad argument, a stale or
# foreign handle, an unknown compartment, an NBL already in flight;
# NOT_SUPPORTED; FWP_INJECT_HANDLE_CLOSING while Destroy waits;
# INSUFFICIENT_RESOURCES at the in-flight and backlog caps, set through
# nfwfp's module parameters; NO_MEMORY with fault injection where the
# kernel has it), no completion after a synchronous failure,
# one completion per accepted NBL in process context with the send's
# status (success, network unreachable), Destroy returning only after its
# injections completed.
. /tests/lib/ktap.sh

res=/sys/kernel/debug/nfwfp_test_inject_api/results
par=/sys/module/nfwfp/parameters

# run MODE: load the checker, keep its lines in /tmp/api.MODE
run() {
	insmod /lib/nfwfp/nfwfp_test_inject_api.ko mode="$1" &&
		cat $res > /tmp/api.$1 &&
		cat /sys/kernel/debug/nfwfp_test_inject_api/invalid > /tmp/invalid.$1 &&
		rmmod nfwfp_test_inject_api
}
misuse() { awk '$1 == "misuse" { print $2 }' /sys/kernel/debug/nfwfp/stats; }
refused() { awk '$1 == "inject_refused" { print $2 }' /sys/kernel/debug/nfwfp/stats; }

insmod /lib/nfwfp/nfwfp.ko
# The parameters refuse what SET_CONFIG refuses.
for bad in "inject_max_inflight 0" "inject_max_backlog 0" "inject_budget 0" \
	   "inject_budget 17" "held_max_per_netns 0" "inject_mark_mask 0x1"; do
	set -- $bad
	if echo "$2" > $par/$1 2>/dev/null; then
		echo "# $1 took $2" >> /tmp/params.bad
	fi
done
params_ok=0
[ -e /tmp/params.bad ] || [ "$(cat $par/inject_budget)" != 8 ] || params_ok=1
echo 0x3f000000 > $par/inject_mark_mask && [ "$(cat $par/inject_mark_mask)" = 1056964608 ] ||
	params_ok=0
echo 0x7f000000 > $par/inject_mark_mask
misuse0=$(misuse)
run 0
misuse1=$(misuse)
refused1=$(refused)
echo 1 > $par/inject_max_inflight
run 1
echo 4096 > $par/inject_max_inflight
refused2=$(refused)
echo 1 > $par/inject_max_backlog
run 2
echo 65536 > $par/inject_max_backlog
refused3=$(refused)

# STATUS_NO_MEMORY: fail the Nth allocation of the injecting task
# (fault injection, on the debug kernel): some N must hit nfwfp's.
nomem=/sys/kernel/debug/nfwfp_test_inject_api/nomem
nomem_run() {
	[ -e /proc/self/fail-nth ] && [ -d /sys/kernel/debug/failslab ] || return 2
	insmod /lib/nfwfp/nfwfp_test_inject_api.ko mode=3 || return 1
	echo N > /sys/kernel/debug/failslab/ignore-gfp-wait
	# Each forced failure would print a stack trace: a splat to the judge.
	verbose=$(cat /sys/kernel/debug/failslab/verbose)
	echo 0 > /sys/kernel/debug/failslab/verbose
	found=
	for n in $(seq 40); do
		before=$(sed 's/.*completions=//' $nomem)
		sh -c "echo $n > /proc/self/fail-nth; echo go > $nomem" 2>/dev/null
		if grep -q "status=0xc0000017 " $nomem; then
			found=$n
			break
		fi
	done
	echo Y > /sys/kernel/debug/failslab/ignore-gfp-wait
	echo "$verbose" > /sys/kernel/debug/failslab/verbose
	sleep 1
	{ cat $nomem; echo "completions before: $before"; } > /tmp/nomem
	rmmod nfwfp_test_inject_api
	[ -n "$found" ]
}
nomem_run
nomem_rc=$?

cat /tmp/api.0 /tmp/api.1 /tmp/api.2 > /tmp/api 2>/dev/null
ktap_plan $(($(wc -l < /tmp/api) + 8))
while read -r verdict desc; do
	if [ "$verdict" = PASS ]; then
		ktap_ok "$desc"
	else
		ktap_fail "$desc"
	fi
done < /tmp/api
if [ $nomem_rc = 2 ]; then
	ktap_skip "inject: no memory gives STATUS_NO_MEMORY" "no fault injection in this kernel"
	ktap_skip "inject: and no completion after it" "no fault injection in this kernel"
else
	ktap_check "inject: no memory gives STATUS_NO_MEMORY" [ $nomem_rc = 0 ]
	sed 's/^/# /' /tmp/nomem
	ktap_check "inject: and no completion after it" \
		grep -q "completions=$(sed -n 's/^completions before: //p' /tmp/nomem)$" /tmp/nomem
fi
[ -e /tmp/params.bad ] && cat /tmp/params.bad
ktap_check "the module parameters refuse what SET_CONFIG refuses" [ $params_ok = 1 ]
# Each refusal for a bad argument, and the destroy from a completion, is misuse.
echo "# misuse counted $((misuse1 - misuse0)), bad-argument refusals $(cat /tmp/invalid.0) + 1"
ktap_check "every bad call was counted as misuse" \
	[ $((misuse1 - misuse0)) = $(($(cat /tmp/invalid.0) + 1)) ]
# Runs 1 and 2 each have one injection refused by a cap: inject_refused.
ktap_check "inject_refused counts the in-flight cap's refusal (1)" \
	[ $((refused2 - refused1)) = 1 ]
ktap_check "inject_refused counts the backlog cap's refusal (1)" \
	[ $((refused3 - refused2)) = 1 ]
ktap_check "all three runs reported" [ -s /tmp/api.0 -a -s /tmp/api.1 -a -s /tmp/api.2 ]
ktap_check "nothing outstanding at nfwfp" \
	[ "$(awk '$1 == "inject_outstanding" { print $2 }' /sys/kernel/debug/nfwfp/stats)" = 0 ]
rmmod nfwfp
ktap_finish
