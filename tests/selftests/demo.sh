#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The demo (`make demo` boots the VM with only this test and prints its
# transcript; the suite runs it too, so it cannot rot). Two network
# namespaces joined by veth: a client (nfA, 10.0.0.1) and a server (nfB,
# 10.0.0.2). The inspect sample takes every packet the client sends to port
# 9000 out of the send path and puts it back; then the same with a payload
# rewrite; then the redirect sample moves UDP to another address and port.
# Every claim the transcript makes is a check, and so is the README's
# promise that it is quick: under 120 s on Debian's kernel (the debug
# kernel, with KASAN and lockdep, gets 360 s).
. /tests/lib/ktap.sh
. /tests/lib/net.sh

ktap_plan 11
started=$(date +%s)
case "$(uname -r)" in
*debug*) limit=360 ;;
*)       limit=120 ;;
esac

ctl=/usr/bin/nfwfpctl

say() { echo "# $*"; }
# show CMD...: print the command and what it printed, as a transcript
show() {
	say "\$ $*"
	"$@" 2>&1 | sed 's/^/#   /'
}
# a counter of `nfwfpctl stats`
counter() { $ctl stats | awk -v n="$1" '$1 == n { print $2 }'; }

say "== nfwfp demo: a WFP callout driver in the Linux send path =="
say "client nfA 10.0.0.1 --veth-- server nfB 10.0.0.2"
insmod /lib/nfwfp/nfwfp.ko
netns_pair
show $ctl version

say ""
say "-- 1. samples/inspect: every packet to port 9000 is referenced, absorbed,"
say "--    cloned by a system thread and re-injected (Microsoft's inspect pattern)"
show insmod /lib/nfwfp/nfwfp_inspect.ko RemotePortToInspect=9000
show $ctl sublayer list
show $ctl callout list
show $ctl filter list
$ctl stats reset

stream_diag=""
say "\$ client: 1000000 bytes over TCP to 10.0.0.2:9000"
stream "the server received every TCP byte, in order (FNV-1a hash equal)" \
	"$B" 10.0.0.2 10.0.0.2 tcp tcp 1000000 hash
say "    source: $(cat /tmp/source)"
say "    server: $(cat /tmp/sink)"
say "\$ client: 200000 bytes as 1000-byte UDP datagrams to 10.0.0.2:9000"
stream "the server received every UDP datagram, in order" \
	"$B" 10.0.0.2 10.0.0.2 udp udp 200000 hash
say "    source: $(cat /tmp/source)"
say "    server: $(cat /tmp/sink)"
show $ctl callout list
show $ctl handle list
absorbed=$(counter absorbed)
say "classified $(counter presented), absorbed $absorbed, injected $(counter inject_sent), completed $(counter inject_completed)"
ktap_check "every absorbed packet was injected and completed" \
	[ "$absorbed" -gt 0 -a "$(counter inject_sent)" = "$absorbed" -a \
	  "$(counter inject_completed)" = "$absorbed" -a "$(counter inject_failed)" = 0 ]

say ""
say "-- 2. the same driver rewriting payloads: RewriteFind=hello RewriteReplace=HOWDY"
rmmod nfwfp_inspect
show insmod /lib/nfwfp/nfwfp_inspect.ko RemotePortToInspect=9000 RewriteFind=hello \
	RewriteReplace=HOWDY
: > /tmp/tcprecv
/bin/ip netns exec nfB nc -l -p 9000 > /tmp/tcprecv &
nc_pid=$!
sleep 1
say "\$ client: TCP to 10.0.0.2:9000: \"hello from the client, hello again\""
$A $send tcp 10.0.0.2 9000 "hello from the client, hello again" > /dev/null
i=0
while ! grep -q client /tmp/tcprecv && [ $i -lt 100 ]; do
	sleep 0.1
	i=$((i + 1))
done
kill $nc_pid 2>/dev/null
wait $nc_pid 2>/dev/null
say "    server got: \"$(cat /tmp/tcprecv)\""
ktap_check "the server got the TCP payload rewritten" \
	grep -qx "HOWDY from the client, HOWDY again" /tmp/tcprecv
recv_start 10.0.0.2 9000 8
say "\$ client: UDP to 10.0.0.2:9000: \"hello over UDP\""
$A $send udp 10.0.0.2 9000 "hello over UDP" > /dev/null
recv_wait
say "    server $(grep '^got' /tmp/recv)"
ktap_check "the server got the UDP payload rewritten" grep -qx "got HOWDY over UDP" /tmp/recv
ktap_check "unloading the driver removes its filters" sh -c \
	"rmmod nfwfp_inspect && [ -z \"\$($ctl filter list | grep -v '^#')\" ]"

say ""
say "-- 3. samples/redirect: UDP to 10.0.0.2:9000 goes to 10.0.0.3:9001 instead"
$B ip addr add 10.0.0.3/24 dev veth1
show insmod /lib/nfwfp/nfwfp_redirect.ko DestinationPort=9000 \
	NewDestinationAddress=10.0.0.3 NewDestinationPort=9001
show $ctl filter list
: > /tmp/echo
$B $send echo 10.0.0.3 9001 10 > /tmp/echo &
epid=$!
i=0
while ! grep -q ready /tmp/echo && [ $i -lt 50 ]; do
	sleep 0.1
	i=$((i + 1))
done
$B netstat -uln > /tmp/listening 2>&1
say "\$ client (unconnected socket): \"ping\" to 10.0.0.2:9000"
$A $send ask 10.0.0.2 9000 ping > /tmp/ask 2>&1
wait $epid
say "    echo server on 10.0.0.3:9001: $(grep -v ready /tmp/echo | tr '\n' ' ')"
say "    client: $(cat /tmp/ask)"
ktap_check "the echo server on the new address and port answered" \
	grep -qx "reply from 10.0.0.3 9001 ping" /tmp/ask
ktap_check "nothing listens on the old port: the reply came through the redirect" \
	sh -c "grep -q ':9001 ' /tmp/listening && ! grep -q ':9000 ' /tmp/listening"
ktap_check "unload" rmmod nfwfp_redirect
ktap_check "no packet is still held" [ "$(counter held)" = 0 ]

took=$(($(date +%s) - started))
say ""
say "the demo took $took s"
ktap_check "the demo took at most $limit s ($took s)" [ "$took" -le "$limit" ]
say "== every check held: see the ok lines =="
netns_pair_del
ktap_finish
