#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# nfwfpctl handle, stats, config and monitor, and that nobody can neither
# read nor change any of them.
. /tests/lib/ktap.sh
. /tests/lib/ctl.sh

ktap_plan 20
ctl_setup

L4=outbound-transport-v4

# stats: traffic through a callout counts; reset zeroes the counters.
insmod /lib/nfwfp/nfwfp_test_callout.ko verdict=block proto=17 port=9999
/usr/bin/nfwfp-send udp 127.0.0.1 9999 x > /dev/null 2>&1
run $ctl stats
expect "stats show: the presented counter moved" 0 '^presented [1-9]'
run $ctl -j stats show
expect "-j stats is one object of counters" 0 '^{"presented":[1-9][0-9]*,.*,"layer_24_blocked":[1-9][0-9]*,.*}$'
run $ctl stats reset
expect_rc "stats reset" 0
run $ctl stats
expect "presented is zero after the reset" 0 -x 'presented 0'
run $ctl layer show datagram-data-v4
expect "so are the layer counters" 0 ' classified 0 blocked 0$'
rmmod nfwfp_test_callout
run $ctl stats frob
expect "stats frob is a usage error" 2 'usage: stats'

# handles: none without an injecting driver.
run $ctl handle list
expect "handle list with no handle prints nothing" 0 -v .
run $ctl -j handle list
expect "-j handle list is an empty array" 0 -x '\[\]'

# config: the module parameters' values, changed through netlink.
run $ctl config show
expect "config show prints a config set line of the defaults" 0 \
	-x 'config set inject_max_inflight 4096 inject_max_backlog 65536 inject_budget 8 held_max_per_netns 8192 inject_mark_mask 0x7f000000'
run $ctl config set inject-budget 4 held_max_per_netns 100
expect_rc "config set two values" 0
[ "$(cat /sys/module/nfwfp/parameters/inject_budget)" = 4 ] &&
[ "$(cat /sys/module/nfwfp/parameters/held_max_per_netns)" = 100 ] &&
	ktap_ok "the module parameters changed" || ktap_fail "the module parameters changed"
run $ctl config set inject_budget 17
expect "a budget over 16: the kernel's error names it" 1 -F '(argument "inject_budget 17")'
run $ctl config set inject_budget 6 inject_mark_mask 0x1
expect "a single-bit mask is refused" 1 -F '(argument "inject_mark_mask 0x1")'
[ "$(cat /sys/module/nfwfp/parameters/inject_budget)" = 4 ] &&
	ktap_ok "... and the budget before it was not applied" ||
	ktap_fail "... and the budget before it was not applied"
run $ctl config set colour red
expect "an unknown key is a usage error" 2 'unknown or repeated key "colour"'
$ctl config set inject_budget 8 held_max_per_netns 8192

# monitor: the events of adds and deletes, as lines and as JSON lines.
$ctl monitor > /tmp/mon.txt 2>&1 &
mon=$!
$ctl -j monitor > /tmp/mon.json 2>&1 &
monj=$!
sleep 1
$ctl sublayer add name watched
$ctl filter add layer $L4 name seen remote-port 85 action block
$ctl filter flush
$ctl sublayer delete watched
sleep 1
kill $mon $monj
wait $mon $monj 2>/dev/null
sed 's/^/# /' /tmp/mon.txt
run cat /tmp/mon.txt
expect "monitor: new sublayer" 0 '^new sublayer key .* name watched weight 0 '
expect "monitor: new filter, in the listing's form" 0 "^new filter layer $L4 name seen .* remote-port 85 action block "
expect "monitor: del filter, then del sublayer" 0 -z 'del filter layer.*del sublayer key'
run cat /tmp/mon.json
expect "monitor -j: one JSON object per event" 0 '^{"event":"new","object":"filter","filter":{"id":'

for c in "handle list" "stats" "stats reset" "config show" "config set inject_budget 8" "monitor"; do
	run as_nobody "timeout 5 $ctl $c"
	echo "$out" | grep -q 'permission denied\|Operation not permitted' && [ $rc = 1 ] ||
		{ ktap_diag "as nobody: $c: exit $rc: $out"; fail=1; }
done
[ -z "$fail" ] && ktap_ok "as nobody: handle, stats, reset, config, set and monitor all refused" ||
	ktap_fail "as nobody: handle, stats, reset, config, set and monitor all refused"

rmmod nfwfp
ktap_finish
