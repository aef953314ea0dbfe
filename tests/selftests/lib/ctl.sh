# SPDX-License-Identifier: GPL-2.0
# Helpers for the nfwfpctl_* selftests. Sourced after ktap.sh.
#
#   run CMD...             run CMD; its stdout+stderr in $out, status in $rc
#   expect DESC RC ARGS... pass if $rc is RC and $out matches grep ARGS
#   expect_rc DESC RC      pass if $rc is RC
#   as_nobody CMD...       run CMD as nobody (no capability at all)
#   count_filters          the number of filters the kernel lists (fails
#                          when it cannot list them)
#   state                  sublayers and filters, without their counters
#                          (fails when it cannot list them)

ctl=/usr/bin/nfwfpctl

run() {
	out=$("$@" 2>&1)
	rc=$?
}

expect() {
	local desc=$1 want=$2
	shift 2
	if [ "$rc" = "$want" ] && echo "$out" | grep -q "$@"; then
		ktap_ok "$desc"
	else
		echo "$out" | sed 's/^/# /'
		ktap_fail "$desc" "exit=$rc, expected $want"
	fi
}

expect_rc() {
	if [ "$rc" = "$2" ]; then
		ktap_ok "$1"
	else
		echo "$out" | sed 's/^/# /'
		ktap_fail "$1" "exit=$rc, expected $2"
	fi
}

# busybox su: root needs no password and may pick the shell.
as_nobody() {
	su -s /bin/sh -c "$*" nobody
}

count_filters() {
	local l
	l=$($ctl filter list) || return 2
	echo "$l" | grep -c '^filter add ' || true
}

state() {
	local s f
	s=$($ctl sublayer list) || return 1
	f=$($ctl filter list) || return 1
	printf '%s\n%s\n' "$s" "$f" | sed 's/ #.*//' | sort
}

# same_state DESC: pass if state is what $base saved
same_state() {
	local cur
	if cur=$(state) && [ "$cur" = "$base" ]; then
		ktap_ok "$1"
	else
		ktap_diag "before: $base"
		ktap_diag "after: $cur"
		ktap_fail "$1"
	fi
}

# The generic netlink family answers only when nfwfp.ko is in.
ctl_setup() {
	[ -e /sys/module/nfwfp ] || insmod /lib/nfwfp/nfwfp.ko
}
