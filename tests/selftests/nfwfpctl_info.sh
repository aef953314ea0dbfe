#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# nfwfpctl reaches nfwfp.ko over generic netlink: "version" reports the
# module's version and protocol, and the failures users will meet first (no
# module, no privilege, a typo) get the documented messages and exit codes.
. /tests/lib/ktap.sh

ko=/lib/nfwfp/nfwfp.ko
ctl=/usr/bin/nfwfpctl
ktap_plan 11

# run CMD...: run CMD, leaving its stdout and stderr in $out, its status in $rc
run() {
	out=$("$@" 2>&1)
	rc=$?
}

# expect DESC RC GREP-ARGS...: pass if $rc is RC and $out matches GREP-ARGS
expect() {
	desc=$1 want=$2
	shift 2
	if [ "$rc" = "$want" ] && echo "$out" | grep -q "$@"; then
		ktap_ok "$desc"
	else
		echo "$out" | sed 's/^/# /'
		ktap_fail "$desc" "exit=$rc, expected $want"
	fi
}

[ -e /sys/module/nfwfp ] && rmmod nfwfp

run $ctl version
expect "version without the module exits 1 and says it is not loaded" 1 \
	-F 'the nfwfp module is not loaded (generic netlink family "nfwfp" not found)'

# JSON is all or nothing: no half object on stdout when the module is missing.
out=$($ctl -j version 2>/dev/null)
rc=$?
if [ $rc = 1 ] && [ -z "$out" ]; then
	ktap_ok "-j version without the module prints nothing on stdout"
else
	ktap_fail "-j version without the module prints nothing on stdout" \
		"exit=$rc stdout=$out"
fi

ktap_check "insmod nfwfp.ko" insmod $ko
modver=$(cat /sys/module/nfwfp/version 2>/dev/null)
ktap_diag "module version ${modver:-(none)}"

run $ctl version
expect "version prints the module version from /sys/module/nfwfp/version" 0 \
	-x -F "nfwfp module $modver, netlink protocol 1"

run $ctl -j version
expect "-j version reports the module version" 0 -F "\"module\":\"$modver\""
expect "-j version reports genl_version 1" 0 -F '"genl_version":1'

# Becoming nobody drops every capability: GENL_ADMIN_PERM must refuse.
# (This busybox has no chpst; root's su needs no password and may pick the
# shell, which nobody's /bin/false would otherwise be.)
denied='permission denied: CAP_NET_ADMIN in the initial user namespace is required'
run su -s /bin/sh -c "$ctl version" nobody
expect "version as nobody is refused with permission denied" 1 -F "$denied"

# Root of a new user namespace has CAP_NET_ADMIN only there; the family
# checks the initial one, so a container's root is refused as well.
run unshare -r $ctl version
expect "version as root of a user namespace is refused" 1 -F "$denied"

run $ctl frobnicate
expect "an unknown command exits 2" 2 -F 'unknown object or command "frobnicate"'

ktap_check "rmmod nfwfp" rmmod nfwfp

run $ctl version
expect "version after rmmod says the module is not loaded" 1 \
	-F 'the nfwfp module is not loaded'

ktap_finish
