#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Churn under load (make check-stress): while 16 TCP and 16 UDP flows go
# from nfA to nfB through samples/inspect (every packet of every
# namespace inspected), 20 cycles of each: the inspect driver unloaded and
# reloaded (its callouts unregistered and registered, its injection handle
# destroyed and created, with packets queued in its thread), a second
# inspect-style driver (nfwfp_test_inject, port 9000: that flow is
# inspected twice) reloaded, a plain callout module reloaded with its
# filter live, a namespace created, used and deleted, user filters flushed
# and loaded again from a file, nfA's veth set down and up, and the
# injection mark mask changed (under load: never refused, since no hook
# before nfwfp's holds re-injections here). The streams must survive it
# all intact, every UDP datagram be accounted for, traffic must flow
# afterwards, and the injection counters must balance. nfA resolves nfB's
# address statically (see neigh_fix).
# nfwfp-suite: stress
# nfwfp-timeout: 3600
. /tests/lib/ktap.sh
. /tests/lib/net.sh
. /tests/lib/stress.sh

ktap_plan 11

ctl=/usr/bin/nfwfpctl
CYCLES=20
S=5b5b5b5b-0000-4000-8000-00000000c4c4

failed=0
# step KIND CMD...: one churn step; a failure is counted and shown
step() {
	local kind=$1
	shift
	if ! "$@" > /tmp/step.err 2>&1; then
		failed=$((failed + 1))
		ktap_diag "$kind: step failed: $* : $(head -n1 /tmp/step.err)"
	fi
}

inspect_load() { insmod /lib/nfwfp/nfwfp_inspect.ko RemotePortToInspect=0; }
inject_load() { insmod /lib/nfwfp/nfwfp_test_inject.ko port=9000; }
callout_load() {
	insmod /lib/nfwfp/nfwfp_test_callout.ko verdict=permit proto=17 port=9001 layers=1
}
netns_cycle() {
	ip netns add nfC &&
	ip netns exec nfC ip link set lo up &&
	ip netns exec nfC $send udp 127.0.0.1 9 churn &&
	ip netns exec nfC $send ping 127.0.0.1 &&
	ip netns del nfC
}
filters_reload() {
	$ctl filter flush sublayer $S && $ctl -f /tmp/filters
}
# nfA's neighbour entry for nfB, permanent: a datagram waiting for address
# resolution sits in the entry's queue, and setting the device down purges
# that queue with no counter (neigh_flush_dev()), a loss no check could
# name. Setting it down removes even a permanent entry: it is set again.
neigh_fix() {
	$A ip neigh replace 10.0.0.2 lladdr "$($B cat /sys/class/net/veth1/address)" \
		dev veth0 nud permanent
}
veth_cycle() {
	$A ip link set veth0 down && sleep 0.2 && $A ip link set veth0 up && neigh_fix
}
busy=0
# mask_set MASK: injections in flight do not hold a change back (only a
# re-injection queued by a hook before nfwfp's could): one try, under load.
mask_set() {
	$ctl config set inject_mark_mask "$1" 2> /tmp/mask.err && return 0
	grep -qi busy /tmp/mask.err && busy=$((busy + 1))
	cat /tmp/mask.err
	return 1
}

insmod /lib/nfwfp/nfwfp.ko
netns_pair
neigh_fix
inspect_load
inject_load
callout_load
$ctl sublayer add key $S name stress-churn
cat > /tmp/filters <<EOT
filter add layer outbound-transport-v4 sublayer $S proto udp remote-port 9002 action permit
filter add layer outbound-transport-v4 sublayer $S proto tcp remote-port 9003 action permit
filter add layer outbound-transport-v6 sublayer $S proto udp remote-port 9002 action permit
EOT
$ctl -f /tmp/filters

ktap_diag "load: 16 TCP + 16 UDP flows; $CYCLES cycles of 7 kinds of churn"
load_start 16 16 3600
t0=$(cut -d. -f1 /proc/uptime)
c=0
mask=0x3f000000
while [ $c -lt $CYCLES ]; do
	step inspect rmmod nfwfp_inspect
	step inspect inspect_load
	step inject rmmod nfwfp_test_inject
	step inject inject_load
	step callout rmmod nfwfp_test_callout
	step callout callout_load
	step netns netns_cycle
	step filters filters_reload
	step veth veth_cycle
	step mask mask_set $mask
	[ $mask = 0x3f000000 ] && mask=0x7f000000 || mask=0x3f000000
	c=$((c + 1))
done
t1=$(cut -d. -f1 /proc/uptime)
ktap_diag "churn took $((t1 - t0)) s; mark mask changes refused busy: $busy"
ktap_check "every churn step succeeded ($c cycles x 7 kinds)" [ "$failed" = 0 ]

# Let the streams run on after the churn, then end them.
sleep 3
load_stop
load_check "load under churn"
churn_tcp_bytes=$load_tcp_bytes
churn_udp_sent=$load_udp_sent
churn_udp_lost=$load_udp_lost
churn_udp_named=$load_udp_named

load_start 4 4 3
load_wait
load_check "traffic after the churn"

ktap_check "the filter file is in the engine once" \
	sh -c "[ \$($ctl filter list | grep -c 'sublayer $S') = 3 ]"
ktap_check "the mark mask is the last one set" \
	sh -c "$ctl config show | grep -q 'inject_mark_mask $( [ $mask = 0x3f000000 ] && echo 0x7f000000 || echo 0x3f000000)'"
step unload rmmod nfwfp_inspect
step unload rmmod nfwfp_test_inject
step unload rmmod nfwfp_test_callout
inject_drain
if [ "$failed" = 0 ] && [ "$(stat inject_outstanding)" = 0 ] && [ "$(stat held)" = 0 ] &&
   [ "$(stat inject_completed)" = "$(stat inject_requested)" ]; then
	ktap_ok "the drivers unload; injections balance, nothing held or outstanding"
else
	inject_stats_diag
	ktap_fail "the drivers unload; injections balance, nothing held or outstanding"
fi

figure churn_cycles $CYCLES
figure churn_kinds 7
figure churn_seconds $((t1 - t0))
figure churn_mask_busy_retries $busy
figure churn_tcp_bytes "$churn_tcp_bytes"
figure churn_udp_sent "$churn_udp_sent"
figure churn_udp_lost "$churn_udp_lost"
figure churn_udp_named "$churn_udp_named"
figure churn_inject_failed "$(stat inject_failed)"

netns_pair_del
ktap_check "nfwfp unloads" rmmod nfwfp
ktap_finish
