#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# nfwfpctl's command line where it needs no module: --version, the help
# texts, the exit code of a usage error, and the bash completion (objects,
# commands, filter words; names from the module are offered only while it
# is loaded, so none are expected here). The commands that talk to nfwfp
# are tested in the VM (tests/selftests/nfwfpctl_*.sh).
# KTAP on stdout, "N passed, N failed" last.
set -uo pipefail

top=$(cd "$(dirname "$0")/../.." && pwd)
ctl=$top/userspace/nfwfpctl
n=0 pass=0 fail=0

ok() {
	n=$((n + 1))
	if [ "$1" = 0 ]; then
		pass=$((pass + 1))
		echo "ok $n $2"
	else
		fail=$((fail + 1))
		echo "not ok $n $2"
		[ -z "${3:-}" ] || echo "$3" | sed 's/^/# /'
	fi
}

# run WANT_RC DESC PATTERN ARGS...: exit code WANT_RC, output matching PATTERN
run() {
	local want=$1 desc=$2 pat=$3 out rc
	shift 3
	out=$("$ctl" "$@" 2>&1)
	rc=$?
	[ "$rc" = "$want" ] && grep -q -E -- "$pat" <<< "$out"
	ok $? "$desc" "rc=$rc: $(head -n 5 <<< "$out")"
}

# complete WORD...: what the completion offers for the last WORD
complete_words() {
	# No module here: the completion's own nfwfpctl calls answer nothing.
	bash -c 'nfwfpctl() { return 1; }; . "$1"; shift; COMP_WORDS=("$@");
		 COMP_CWORD=$(($# - 1)); _nfwfpctl; printf "%s\n" "${COMPREPLY[@]}"' \
		_ "$top/userspace/completion/nfwfpctl.bash" "$@"
}

# offers DESC WANT WORD...: the completion offers exactly WANT (sorted, spaces)
offers() {
	local desc=$1 want=$2 got
	shift 2
	got=$(complete_words "$@" | sort | tr '\n' ' ' | sed 's/ $//')
	[ "$got" = "$want" ]
	ok $? "$desc" "offered: $got"
}

make -s -C "$top" nfwfpctl > /dev/null || { echo "not ok 1 build nfwfpctl"; echo "0 passed, 1 failed"; exit 1; }

run 0 "--version prints the VERSION file's version" "^nfwfpctl $(cat "$top/VERSION")\$" --version
run 0 "-h prints the usage" "^Usage: nfwfpctl .*OBJECT COMMAND" -h
run 0 "help is -h" "filter" help
run 2 "an unknown option is a usage error (2)" "unrecognized option" --bogus
run 2 "an unknown object is a usage error (2)" "." no-such-object list

offers "completion: the objects" "callout config filter handle help layer monitor stats sublayer version" \
	nfwfpctl ''
offers "completion: an object's commands" "add" nfwfpctl filter a
offers "completion: filter add's words" "weight weight-range" nfwfpctl filter add weig
offers "completion: actions" "block callout permit" nfwfpctl filter add action ''
offers "completion: -f takes a file name" "$top/VERSION" nfwfpctl -f "$top/VERS"

echo "# $pass passed, $fail failed"
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
