#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The nfwfp family below nfwfpctl: the kernel's own refusals of requests
# nfwfpctl would never send (nfwfp-nlcheck builds them raw), with the errno
# and the attribute the extended ack names; the events group's own
# permission check; SET_CONFIG and RESET_STATS refused inside a socket's
# transaction; dumps the objects change under (the kernel flags them,
# nfwfpctl never prints a short listing); and nfwfpctl in another network
# namespace.
. /tests/lib/ktap.sh
. /tests/lib/ctl.sh

ktap_plan 32
ctl_setup

nl=/usr/bin/nfwfp-nlcheck
L4=outbound-transport-v4

# Attribute numbers (include/uapi/nfwfp.h): NFWFP_FILTER_A_LAYER 4,
# NFWFP_FILTER_A_SUBLAYER 5, NFWFP_FILTER_A_WEIGHT_RANGE 7,
# NFWFP_COND_A_ADDR 5, NFWFP_COND_A_PREFIX 7, NFWFP_SUBLAYER_A_KEY 1.
run $nl missing
expect "no layer: EINVAL, the ack names NFWFP_FILTER_A_LAYER as missing" 0 \
	-x 'missing: errno=EINVAL msg=".*" attr=-1 miss=4'
run $nl addr-len
expect "a 16-byte address at an IPv4 layer: EINVAL on NFWFP_COND_A_ADDR" 0 \
	-x "addr-len: errno=EINVAL msg=\"address length does not match the layer's family\" attr=5 miss=-1"
run $nl prefix
expect "prefix 33 for IPv4: ERANGE on NFWFP_COND_A_PREFIX" 0 \
	-x 'prefix: errno=ERANGE msg="prefix too long" attr=7 miss=-1'
run $nl weight-range
expect "weight and weight range together: EINVAL on NFWFP_FILTER_A_WEIGHT_RANGE" 0 \
	-x 'weight-range: errno=EINVAL msg="NFWFP_FILTER_A_WEIGHT and NFWFP_FILTER_A_WEIGHT_RANGE exclude each other" attr=7 miss=-1'
run $nl del-builtin
expect "deleting the universal sublayer: EPERM, FWP_E_BUILTIN_OBJECT on the key" 0 \
	-x 'del-builtin: errno=EPERM msg="FWP_E_BUILTIN_OBJECT: .*" attr=1 miss=-1'
run $nl del-other
echo "$out" | sed 's/^/# /'
expect "a dynamic sublayer of socket A" 0 -x 'del-other: add dynamic on socket A: ok'
expect "socket B's static filter in it: EINVAL, FWP_E_LIFETIME_MISMATCH" 0 \
	-x 'del-other: static filter in it on socket B: errno=EINVAL msg="FWP_E_LIFETIME_MISMATCH: .*" attr=5 miss=-1'
expect "socket B, no dynamic session, may delete it (as in WFP)" 0 -x 'del-other: delete on socket B: ok'
expect "then socket A finds it gone" 0 \
	-x 'del-other: delete on socket A: errno=ENOENT msg="FWP_E_SUBLAYER_NOT_FOUND: .*" attr=1 miss=-1'
# Each command's own policy: NFWFP_FILTER_A_NAME 3, _ACTION 9,
# NFWFP_SUBLAYER_A_WEIGHT 3, NFWFP_CALLOUT_A_LAYER 4.
run $nl extra
expect "DEL_FILTER with a name: EINVAL on the name" 0 \
	-x 'extra: del filter with a name: errno=EINVAL msg=".*" attr=3 miss=-1'
expect "FLUSH_FILTER with an action: EINVAL on the action" 0 \
	-x 'extra: flush with an action: errno=EINVAL msg=".*" attr=9 miss=-1'
expect "DEL_SUBLAYER with a weight: EINVAL on the weight" 0 \
	-x 'extra: del sublayer with a weight: errno=EINVAL msg=".*" attr=3 miss=-1'
expect "DEL_CALLOUT with a layer: EINVAL on the layer" 0 \
	-x 'extra: del callout with a layer: errno=EINVAL msg=".*" attr=4 miss=-1'
out=$($ctl filter list 2>&1)
echo "$out" | grep -q nlcheck && ktap_fail "none of the refused filters was added" ||
	ktap_ok "none of the refused filters was added"

# Neither a limit nor a counter reset can be undone by an abort.
$ctl config set inject_budget 8
run $nl txn-config
expect "SET_CONFIG inside a transaction: EBUSY, not transactional" 0 \
	-x 'txn-config: set in txn: errno=EBUSY msg="not transactional: .*" attr=-1 miss=-1'
expect "RESET_STATS inside a transaction: EBUSY" 0 \
	-x 'txn-config: reset in txn: errno=EBUSY msg="not transactional: .*" attr=-1 miss=-1'
expect "SET_CONFIG after the abort works" 0 -x 'txn-config: set after abort: ok'
budget=$(cat /sys/module/nfwfp/parameters/inject_budget)
[ "$budget" = 5 ] && ktap_ok "... and set the budget" ||
	ktap_fail "... and set the budget" "inject_budget $budget"
$ctl config set inject_budget 8

# The events group checks CAP_NET_ADMIN itself, not only the commands.
run $nl join
expect "root joins the events group directly" 0 -x 'join: ok'
run as_nobody "$nl join"
expect "nobody joining the events group directly gets EPERM" 0 -x 'join: errno=EPERM'

# Dumps: 1000 filters take several parts of a dump.
i=0
while [ $i -lt 1000 ]; do
	echo "filter add layer $L4 name stable remote-port $((1000 + i)) action block"
	i=$((i + 1))
done > /tmp/many.nf
run $ctl -f /tmp/many.nf
expect_rc "1000 filters" 0
run $nl dump-intr
expect "a change between two parts of a dump..." 0 -x 'dump-intr: add: ok'
expect "... is flagged NLM_F_DUMP_INTR" 0 -e '^dump-intr: objects=[0-9]* intr=1$'

# nfwfpctl under a load of changes: every listing is whole or an error.
# A change every 200 ms: a loaded debug kernel needs longer than 50 ms to
# dump 1,000 filters, and then no try of any listing could be whole.
$nl churn 200 > /dev/null 2>&1 &
churn=$!
sleep 1
whole=0 failed=0 short=0 n=0
while [ $n -lt 12 ]; do
	n=$((n + 1))
	out=$($ctl filter list 2> /tmp/list.err)
	if [ $? = 0 ]; then
		c=$(echo "$out" | grep -c ' name stable ')
		[ "$c" = 1000 ] && whole=$((whole + 1)) ||
			{ short=$((short + 1)); ktap_diag "listing $n: $c of 1000, exit 0"; }
	elif grep -q 'changed during each of 8 tries' /tmp/list.err; then
		failed=$((failed + 1))
	else
		short=$((short + 1)); ktap_diag "listing $n: $(cat /tmp/list.err)"
	fi
done
ktap_diag "under churn: $whole whole listings, $failed given up"
[ $short = 0 ] && [ $whole -gt 0 ] &&
	ktap_ok "under churn every listing is whole or an error, never short" ||
	ktap_fail "under churn every listing is whole or an error, never short"
kill $churn
wait $churn 2>/dev/null
# With one try, an interrupted listing must be reported, not printed.
$nl churn 1 > /dev/null 2>&1 &
churn=$!
sleep 1
n=0 caught=0
while [ $n -lt 12 ] && [ $caught = 0 ]; do
	n=$((n + 1))
	NFWFPCTL_TEST_DUMP_TRIES=1 $ctl filter list > /tmp/list.out 2> /tmp/list.err
	rc=$?
	grep -q 'changed during each of 1 tries' /tmp/list.err && [ $rc = 1 ] &&
		[ ! -s /tmp/list.out ] && caught=1
done
[ $caught = 1 ] && ktap_ok "an interrupted dump is detected ($n listings with one try)" ||
	ktap_fail "an interrupted dump is detected" "12 listings with one try all passed"
kill $churn
wait $churn 2>/dev/null
$ctl filter flush

# Another network namespace: the family answers there (netnsok), the
# engine and its objects are the same, and sockets are told apart by
# (namespace, port id).
ip netns add nfX
$ctl sublayer add name from-init
run ip netns exec nfX $ctl sublayer list
expect "nfwfpctl in another netns lists the (global) objects" 0 'name from-init '
run ip netns exec nfX $ctl -j stats
expect "and the stats" 0 '^{"presented":[0-9]*,'
cat > /tmp/ns.nf <<EOT
sublayer add name ns-dyn dynamic
EOT
rm -f /tmp/hold && mkfifo /tmp/hold
ip netns exec nfX env NFWFPCTL_TEST_HOLD=1 $ctl -f /tmp/ns.nf < /tmp/hold 2> /tmp/hold.err &
pid=$!
exec 4> /tmp/hold
i=0
while ! grep -q 'committed, holding' /tmp/hold.err && [ $i -lt 50 ]; do
	sleep 0.2; i=$((i + 1))
done
run $ctl sublayer show ns-dyn
expect "a dynamic object from -f in the netns is there while its socket is open" 0 'name ns-dyn .*dynamic'
exec 4>&-
wait $pid
run $ctl sublayer show ns-dyn
expect "and gone with it" 3 'no sublayer "ns-dyn"'
run $nl netns /run/netns/nfX
expect "same port id in two namespaces: both add" 0 -x 'netns: add on the second, same port id: ok'
expect "closing the one there leaves the one here" 0 -x 'netns: listed nlcheck-ns-here'
echo "$out" | grep -q 'nlcheck-ns-there' && ktap_fail "and takes its own with it" ||
	ktap_ok "and takes its own with it"
$ctl sublayer delete from-init
ip netns del nfX

rmmod nfwfp
ktap_finish
