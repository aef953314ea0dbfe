#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Flood (make check-stress): an unprivileged local UDP sender at full speed
# for half of nfwfp.stress_secs (30 s) against a callout that references
# and absorbs every packet and never injects (nfwfp_test_callout ref=1,
# keeping more NBLs than nfwfp's per-namespace cap lets hold data).
# Packets held stay within held_max_per_netns, held_over_cap counts the
# drops past it, unreclaimable slab stays bounded, a ping and a shell
# command complete within 5 s during the flood, and once the callout goes
# nothing is held and slab is back near where it was.
# nfwfp-suite: stress
# nfwfp-timeout: 1800
. /tests/lib/ktap.sh
. /tests/lib/net.sh
. /tests/lib/stress.sh

ktap_plan 9

secs=$(( $(stress_secs 60) / 2 ))
[ "$secs" -ge 5 ] || secs=5
cap=1000
keep=4000

# Unreclaimable slab in kB, after every cache gave back what it can (and
# KASAN's quarantine let go of freed objects: kmem_cache_shrink drains it).
sunreclaim() {
	for f in /sys/kernel/slab/*/shrink; do
		[ -w "$f" ] && echo 1 > "$f" 2>/dev/null
	done
	awk '$1 == "SUnreclaim:" { print $2 }' /proc/meminfo
}

# elapsed_ms CMD...: run CMD, print how long it took (10 ms resolution)
elapsed_ms() {
	local t0 t1
	t0=$(cut -d' ' -f1 /proc/uptime)
	"$@" > /dev/null 2>&1
	t1=$(cut -d' ' -f1 /proc/uptime)
	awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%d\n", (b - a) * 1000 }'
}

insmod /lib/nfwfp/nfwfp.ko held_max_per_netns=$cap
netns_pair
ip link set lo up
base=$(sunreclaim)
insmod /lib/nfwfp/nfwfp_test_callout.ko verdict=absorb ref=1 keep=$keep \
	proto=17 port=9 layers=1

su -s /bin/sh -c "$load flood 127.0.0.1 9 $secs" nobody > /tmp/flood &
flood=$!
sleep 1
peak=0 heldmax=0 slow=0 worst=0
end=$(( $(cut -d. -f1 /proc/uptime) + secs - 2 ))
while [ "$(cut -d. -f1 /proc/uptime)" -lt $end ]; do
	h=$(stat held)
	[ "$h" -gt "$heldmax" ] && heldmax=$h
	s=$(sunreclaim)
	[ "$s" -gt "$peak" ] && peak=$s
	for ms in $(elapsed_ms $A $send ping 10.0.0.2) $(elapsed_ms sh -c 'ls /proc > /dev/null'); do
		[ "$ms" -gt "$worst" ] && worst=$ms
		[ "$ms" -gt 5000 ] && slow=$((slow + 1))
	done
	sleep 1
done
wait $flood
sent=$(sed -n 's/^flood sent=\([0-9]*\).*/\1/p' /tmp/flood)
ktap_diag "flood: $(cat /tmp/flood), held at most $heldmax (cap $cap), over cap $(stat held_over_cap)"
ktap_diag "SUnreclaim: $base kB before, $peak kB at most during the flood"

ktap_check "the unprivileged flood ran (as nobody)" [ "${sent:-0}" -gt $((cap + keep)) ]
ktap_check "held never exceeded held_max_per_netns" [ "$heldmax" -le $cap -a "$heldmax" -gt 0 ]
ktap_check "held_over_cap counts the drops past the cap" [ "$(stat held_over_cap)" -gt 0 ]
# What may stay: cap packets with their data, keep NBLs without, 2 kB each
# at most, and 16 MB for everything else the kernel did meanwhile.
bound=$(( 16384 + (cap + keep) * 2 ))
ktap_check "unreclaimable slab grew by at most $bound kB" [ $((peak - base)) -le $bound ]
ktap_check "a ping and a shell command completed within 5 s during the flood (worst ${worst} ms)" \
	[ "$slow" = 0 -a "$worst" -gt 0 ]

ktap_check "the absorbing callout unloads" rmmod nfwfp_test_callout
ktap_check "nothing is held after it went" [ "$(stat held)" = 0 ]
sleep 2
after=$(sunreclaim)
ktap_diag "SUnreclaim: $after kB after the callout went"
ktap_check "unreclaimable slab is back within 4 MB of where it was" [ $((after - base)) -le 4096 ]

figure flood_seconds "$secs"
figure flood_sent "$sent"
figure flood_held_max "$heldmax"
figure flood_held_cap "$cap"
figure flood_over_cap "$(stat held_over_cap)"
figure flood_slab_growth_kb $((peak - base))
figure flood_slab_left_kb $((after - base))
figure flood_worst_response_ms "$worst"

netns_pair_del
ktap_check "nfwfp unloads" rmmod nfwfp
ktap_finish
