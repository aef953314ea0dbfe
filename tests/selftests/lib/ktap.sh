# SPDX-License-Identifier: GPL-2.0
# KTAP helpers for the selftests run by tests/vm/init.sh. Sourced.
#
#   ktap_plan N          print the plan
#   ktap_ok DESC         a passing result
#   ktap_fail DESC [WHY] a failing result
#   ktap_skip DESC WHY
#   ktap_check DESC CMD...  run CMD, pass when it exits 0
#   ktap_diag MSG        a diagnostic line
#   ktap_finish          exit status for init.sh: 0, or 1 if anything failed
#   ktap_skip_all WHY    the whole test cannot run here: plan 0, SKIP, exit
#
# A test script ends with ktap_finish; the status is written to /tmp/.rc
# because the VM's busybox sh cannot read a pipeline member's status.

ktap_n=0
ktap_failed=0
ktap_planned=

echo "KTAP version 1"

ktap_plan() { ktap_planned=$1; echo "1..$1"; }
ktap_diag() { echo "# $*"; }
ktap_ok() { ktap_n=$((ktap_n + 1)); echo "ok $ktap_n $1"; }
ktap_skip() { ktap_n=$((ktap_n + 1)); echo "ok $ktap_n $1 # SKIP $2"; }
ktap_fail() {
	ktap_n=$((ktap_n + 1))
	ktap_failed=$((ktap_failed + 1))
	echo "not ok $ktap_n $1${2:+ # $2}"
}

ktap_check() {
	local desc=$1 out rc
	shift
	if out=$("$@" 2>&1); then
		ktap_ok "$desc"
	else
		rc=$?
		[ -n "$out" ] && echo "$out" | sed 's/^/# /'
		ktap_fail "$desc" "exit=$rc"
	fi
}

ktap_finish() {
	local rc=0
	if [ -n "$ktap_planned" ] && [ "$ktap_planned" != "$ktap_n" ]; then
		ktap_diag "planned $ktap_planned tests, ran $ktap_n"
		rc=1
	fi
	[ $ktap_failed = 0 ] || rc=1
	echo $rc > /tmp/.rc
	exit $rc
}

# init.sh reports status 4 as a skipped test, never as a pass.
ktap_skip_all() {
	echo "1..0 # SKIP $*"
	echo 4 > /tmp/.rc
	exit 4
}

# busybox sh runs its own applets before PATH: make `ip` iproute2's, which
# the tests need for `ip netns` (tests/vm/mkinitramfs.sh installs it).
[ -x /bin/ip ] && ip() { /bin/ip "$@"; }
[ -x /bin/tc ] && tc() { /bin/tc "$@"; }
