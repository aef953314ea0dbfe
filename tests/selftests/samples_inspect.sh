#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# samples/inspect (nfwfp_inspect.ko), the transport inspect driver written
# the Windows way: everything sent to the inspected port is referenced,
# absorbed, queued to its system thread, cloned, optionally rewritten and
# re-injected. Pass-through streams must arrive intact (TCP and UDP, IPv4
# and IPv6); a rewrite (same length) must arrive rewritten over TCP and
# UDP; in block mode nothing arrives, and what the driver absorbed is
# dropped, not injected; unloading removes its filters and leaves nothing
# queued. The filter's conditions (RemoteAddressToInspect, IPv4 or IPv6,
# RemotePortToInspect, ProtocolToInspect): matching traffic is absorbed,
# the rest is left alone. Bad parameters fail the load.
. /tests/lib/ktap.sh
. /tests/lib/net.sh

ktap_plan 34

ko=/lib/nfwfp/nfwfp_inspect.ko
objects=/sys/kernel/debug/nfwfp/objects

inspect() {
	rmmod nfwfp_inspect 2>/dev/null
	insmod $ko RemotePortToInspect=9000 "$@"
}

# accounted DESC: every packet the driver absorbed came back and completed
accounted() {
	if [ "$(stat absorbed)" -gt 0 ] &&
	   [ "$(stat inject_requested)" = "$(stat absorbed)" ] &&
	   [ "$(stat inject_completed)" = "$(stat absorbed)" ] &&
	   [ "$(stat inject_failed)" = 0 ]; then
		ktap_ok "$1"
	else
		grep -E '^(absorbed|inject_|held)' /sys/kernel/debug/nfwfp/stats | sed 's/^/# /'
		ktap_fail "$1"
	fi
}

# absorbs DESC yes|no PROTO ADDR PORT: one send of PROTO to ADDR PORT from
# nfA is absorbed by the driver (the absorbed counter grows) or left alone
# (it stays flat). TCP only to a host that answers: a refused connect is
# quick, an unanswered one is not.
absorbs() {
	before=$(stat absorbed)
	$A $send "$3" "$4" "$5" x > /dev/null 2>&1
	after=$(stat absorbed)
	if { [ "$2" = yes ] && [ "$after" -gt "$before" ]; } ||
	   { [ "$2" = no ] && [ "$after" = "$before" ]; }; then
		ktap_ok "$1"
	else
		echo "# absorbed: $before before, $after after"
		ktap_fail "$1"
	fi
}

# filters N: the driver has N filters installed
filters() {
	[ "$(grep -c '^filter ' $objects)" = "$1" ]
}

# got DESC FILE TEXT: FILE holds TEXT
got() {
	if grep -qF "$3" "$2"; then
		ktap_ok "$1"
	else
		echo "# $2: $(cat "$2")"
		ktap_fail "$1"
	fi
}

insmod /lib/nfwfp/nfwfp.ko
netns_pair
stream_diag=/sys/kernel/debug/nfwfp/stats

inspect
ktap_check "its sublayer and filters are installed" sh -c "grep -q 'name=\"Transport Inspect Sub-Layer\"' $objects && grep -c '^filter ' $objects | grep -qx 2"
stream "tcp through the inspect driver, IPv4" "$B" 10.0.0.2 10.0.0.2 tcp tcp 500000 hash
stream "tcp through the inspect driver, IPv6" "$B" fd00::2 fd00::2 tcp tcp 500000 hash
stream "udp through the inspect driver, IPv4" "$B" 10.0.0.2 10.0.0.2 udp udp 100000 hash
stream "udp through the inspect driver, IPv6" "$B" fd00::2 fd00::2 udp udp 100000 hash
accounted "every absorbed packet was injected and completed"
ktap_check "other ports are not inspected" sh -c '
	before=$(grep "^absorbed " /sys/kernel/debug/nfwfp/stats)
	/bin/ip netns exec nfA /usr/bin/nfwfp-send udp 10.0.0.2 9001 x
	[ "$(grep "^absorbed " /sys/kernel/debug/nfwfp/stats)" = "$before" ]'

# The rewrite: same length, over UDP and TCP.
inspect RewriteFind=hello RewriteReplace=HOWDY
recv_start 10.0.0.2 9000 8
$A $send udp 10.0.0.2 9000 "say hello, hello again" > /dev/null
recv_wait
got "udp payload rewritten" /tmp/recv "say HOWDY, HOWDY again"
: > /tmp/tcprecv
# /bin/ip execs nc: $! is nc itself, which the kill must reach.
/bin/ip netns exec nfB nc -l -p 9000 > /tmp/tcprecv &
nc_pid=$!
sleep 1
$A $send tcp 10.0.0.2 9000 "tcp says hello" > /dev/null
i=0
while ! grep -q says /tmp/tcprecv && [ $i -lt 100 ]; do
	sleep 0.1
	i=$((i + 1))
done
kill $nc_pid 2>/dev/null
wait $nc_pid 2>/dev/null
got "tcp payload rewritten" /tmp/tcprecv "tcp says HOWDY"
stream "a rewritten tcp stream without the pattern stays intact" "$B" 10.0.0.2 10.0.0.2 tcp tcp 200000 hash

# Block mode: the worker drops what it took.
inspect BlockTraffic=1
absorbed0=$(stat absorbed)
requested0=$(stat inject_requested)
dropped0=$(stat held_dropped)
recv_start 10.0.0.2 9000 3
$A $send udp 10.0.0.2 9000 "must not arrive" > /dev/null
recv_wait
ktap_check "blocked udp does not arrive" sh -c '! grep -q "must not arrive" /tmp/recv'
ktap_check "blocked tcp cannot connect" sh -c '! /bin/ip netns exec nfA /usr/bin/nfwfp-send tcp 10.0.0.2 9000 x'
ktap_check "nothing is held after the blocked packets" [ "$(stat held)" = 0 ]
# Absorbed, then dropped by the worker: not blocked by a filter, not injected.
ktap_check "block mode absorbs the packets ($absorbed0 -> $(stat absorbed))" \
	[ "$(stat absorbed)" -gt "$absorbed0" ]
ktap_check "block mode injects none of them" [ "$(stat inject_requested)" = "$requested0" ]
ktap_check "block mode: held_dropped names each of them" \
	[ $(($(stat held_dropped) - dropped0)) = $(($(stat absorbed) - absorbed0)) ]

# The filter's conditions. A remote IPv4 address: one filter, on the IPv4
# layer; another address, or IPv6, is not inspected (10.0.0.3 and fd00::3
# do not exist: only the send path matters, UDP needs no answer).
inspect RemoteAddressToInspect=10.0.0.2
ktap_check "RemoteAddressToInspect=10.0.0.2: one filter (IPv4 layer only)" filters 1
absorbs "RemoteAddressToInspect=10.0.0.2: udp to 10.0.0.2 is absorbed" yes udp 10.0.0.2 9000
absorbs "RemoteAddressToInspect=10.0.0.2: udp to 10.0.0.3 is left alone" no udp 10.0.0.3 9000
absorbs "RemoteAddressToInspect=10.0.0.2: udp to fd00::2 is left alone" no udp fd00::2 9000
absorbs "RemoteAddressToInspect=10.0.0.2: the port still applies (9001 left alone)" no udp 10.0.0.2 9001
inspect RemoteAddressToInspect=fd00::2
ktap_check "RemoteAddressToInspect=fd00::2: one filter (IPv6 layer only)" filters 1
absorbs "RemoteAddressToInspect=fd00::2: udp to fd00::2 is absorbed" yes udp fd00::2 9000
absorbs "RemoteAddressToInspect=fd00::2: udp to fd00::3 is left alone" no udp fd00::3 9000
absorbs "RemoteAddressToInspect=fd00::2: udp to 10.0.0.2 is left alone" no udp 10.0.0.2 9000
# A protocol: UDP is inspected, TCP to the same port is not (nothing
# listens on 9000 here: the SYN is answered by a reset).
inspect ProtocolToInspect=17
absorbs "ProtocolToInspect=17: udp is absorbed" yes udp 10.0.0.2 9000
absorbs "ProtocolToInspect=17: tcp is left alone" no tcp 10.0.0.2 9000
inspect ProtocolToInspect=6
absorbs "ProtocolToInspect=6: tcp is absorbed" yes tcp 10.0.0.2 9000
absorbs "ProtocolToInspect=6: udp is left alone" no udp 10.0.0.2 9000

# Unload: filters and callouts gone, nothing queued or held.
ktap_check "unload" rmmod nfwfp_inspect
ktap_check "its objects are gone" sh -c "! grep -q 'Transport Inspect' $objects"
ktap_check "nothing is held after unload" [ "$(stat held)" = 0 ]

# Bad parameters: a clear failure, nothing left behind.
ktap_check "a rewrite of another length is refused" sh -c \
	"! insmod $ko RewriteFind=ab RewriteReplace=abc"
ktap_check "an address that is none is refused" sh -c \
	"! insmod $ko RemoteAddressToInspect=10.0.0.300"

netns_pair_del
ktap_finish
