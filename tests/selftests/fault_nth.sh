#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The kernel's own fault injection on the process-context paths
# (fault_points covers the data path with nfwfp's): failslab, then
# fail_page_alloc, each driven by /proc/<pid>/fail-nth through
# nfwfp-failnth. A callout driver's load (samples/inspect: engine,
# transactions, sublayer, callouts, filters, injection handle, device,
# system thread) fails its Nth allocation for N across the whole load: it
# loads and unloads cleanly or fails with an errno, and leaves no object
# behind. An nfwfpctl -f transaction (sublayer, callout object, filters
# with conditions; then their deletion) fails its Nth allocation: it
# succeeds or fails, and the state is all of the change or none of it.
# Each run must inject a minimum of faults, so the test fails if the
# injection stops working. On the debug kernel the runner's kmemleak and
# splat scans judge what the failures left. Debian's kernel has no
# CONFIG_FAULT_INJECTION: skipped there.
. /tests/lib/ktap.sh

fs=/sys/kernel/debug/failslab
fp=/sys/kernel/debug/fail_page_alloc
[ -e /proc/self/fail-nth ] && [ -d $fs ] && [ -d $fp ] ||
	ktap_skip_all "no fail-nth, failslab or fail_page_alloc in this kernel"

ktap_plan 6

ctl=/usr/bin/nfwfpctl
L4=outbound-transport-v4
S=fa17fa17-0000-4000-8000-000000000001
C=fa17fa17-0000-4000-8000-000000000002
F1=fa17fa17-0000-4000-8000-000000000011
F2=fa17fa17-0000-4000-8000-000000000012
F3=fa17fa17-0000-4000-8000-000000000013

# faults slab|page|off: which allocations fail-nth may fail. Sleeping
# allocations count (ignore-gfp-wait N); the other kind is filtered out
# whole (failslab's cache-filter with no cache marked, fail_page_alloc's
# min-order above the largest order), since both share the one counter.
# User pages (highmem-flagged) never fail. verbose 0: no line and no
# stack per fault. probability stays 0: only the armed task sees faults.
faults() {
	local d
	for d in $fs $fp; do
		echo 0 > $d/probability
		echo 0 > $d/verbose
	done
	echo Y > $fp/ignore-gfp-highmem
	case $1 in
	slab)
		echo N > $fs/ignore-gfp-wait; echo N > $fs/cache-filter
		echo Y > $fp/ignore-gfp-wait; echo 11 > $fp/min-order ;;
	page)
		echo Y > $fs/ignore-gfp-wait; echo Y > $fs/cache-filter
		echo N > $fp/ignore-gfp-wait; echo 0 > $fp/min-order ;;
	off)	# the kernel's defaults
		echo Y > $fs/ignore-gfp-wait; echo N > $fs/cache-filter
		echo Y > $fp/ignore-gfp-wait; echo 1 > $fp/min-order
		echo 2 > $fs/verbose; echo 2 > $fp/verbose ;;
	esac
}

# judge DESC MIN: nfwfp-failnth's exit status ($rc) and output ($out):
# every result line complete, consistent, with at least MIN faults injected.
judge() {
	echo "$out" | sed 's/^/# /'
	if [ "$rc" = 0 ] && echo "$out" | grep -q '^result ' &&
	   ! echo "$out" | grep '^result ' | grep -qv 'inconsistent=0 completed=1$' &&
	   ! echo "$out" | awk -v min=$2 '$1 == "result" { split($6, f, "=");
		if (f[2] < min) bad = 1 } END { exit !bad }'; then
		ktap_ok "$1"
	else
		ktap_fail "$1" "exit=$rc"
	fi
}

objects="cat /sys/kernel/debug/nfwfp/objects && $ctl handle list"
# insmod_case KIND MAX MIN
insmod_case() {
	out=$(nfwfp-failnth -m $2 -S "$objects" insmod -c BlockTraffic=x \
		/lib/nfwfp/nfwfp_inspect.ko RemotePortToInspect=9000 2>&1)
	rc=$?
	judge "$1: samples/inspect loads or fails cleanly, leaving nothing" $3
}

cat > /tmp/fnth-add.nf <<EOT
sublayer add key $S name fnth weight 3
callout add key $C name fnth-callout layer $L4
filter add layer $L4 name fa key $F1 sublayer fnth proto tcp remote-addr 10.0.0.0/8 remote-port 80-90 action block
filter add layer $L4 name fb key $F2 sublayer fnth remote-port 7 local-port ge 1024 action callout $C
filter add layer outbound-transport-v6 name fc key $F3 sublayer fnth remote-addr 2001:db8::/32 action permit
EOT
cat > /tmp/fnth-del.nf <<EOT
filter delete $F1
filter delete $F2
filter delete $F3
callout delete $C
sublayer delete $S
EOT
# Sublayers, callouts, filters (their conditions counted), without the ids
# a new add changes, sorted: an aborted delete puts the object back at the
# end of its list (what is listed first; arbitration keeps its order).
tables="sed -e 's/ id=[0-9]*//' -e 's/ callout=[0-9]*//' /sys/kernel/debug/nfwfp/objects | sort"
# batch_case KIND MAX MIN
batch_case() {
	out=$(nfwfp-failnth -m $2 -S "$tables" \
		batch $ctl /tmp/fnth-add.nf /tmp/fnth-del.nf 2>&1)
	rc=$?
	judge "$1: an nfwfpctl -f transaction applies whole or not at all" $3
}

insmod /lib/nfwfp/nfwfp.ko
base=$(sh -c "$objects")

# fail_page_alloc reaches little of nfwfp: its objects come from slabs
# that seldom need a page, its large tables are kvmalloc()ed (a failed
# kmalloc falls back on vmalloc, whose pages are highmem-flagged and never
# fail here). A load may see no page allocation at all; nfwfpctl's own
# page tables always do.
faults slab
insmod_case failslab 20 10
batch_case failslab 10 8
faults page
insmod_case fail_page_alloc 20 0
batch_case fail_page_alloc 10 1
faults off

now=$(sh -c "$objects")
if [ "$now" = "$base" ]; then
	ktap_ok "no object is left"
else
	ktap_diag "before: $base"
	ktap_diag "after: $now"
	ktap_fail "no object is left"
fi
ktap_check "nfwfp unloads" rmmod nfwfp
ktap_finish
