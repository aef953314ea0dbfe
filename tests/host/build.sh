#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The build gates, as tests: `make` builds every part without a single
# compiler warning, and `make sparse` reports nothing.
# KTAP on stdout, "N passed, N failed" last.
set -uo pipefail

top=$(cd "$(dirname "$0")/../.." && pwd)
n=0 pass=0 fail=0
ok() { n=$((n + 1)); pass=$((pass + 1)); echo "ok $n $1"; }
notok() { n=$((n + 1)); fail=$((fail + 1)); echo "not ok $n $1"; }
log=$(mktemp)
trap 'rm -f "$log"' EXIT

echo "KTAP version 1"
echo "1..3"

# Rebuild from scratch so that every file is compiled (and can warn) once.
rm -rf "$top/build/default"
make -C "$top/userspace" clean > /dev/null 2>&1
make -C "$top/tests/unit" clean > /dev/null 2>&1
make -C "$top/tests/selftests" clean > /dev/null 2>&1
if make -C "$top" all > "$log" 2>&1; then
	ok "make builds module, test modules, nfwfpctl and tests"
else
	notok "make builds module, test modules, nfwfpctl and tests"
	tail -n 30 "$log" | sed 's/^/# /'
fi
if grep -iE '(warning|error):' "$log"; then
	notok "make prints no warning"
else
	ok "make prints no warning"
fi

if make -C "$top" sparse > "$log" 2>&1; then
	ok "make sparse is clean"
else
	notok "make sparse is clean"
	grep -E '(warning|error):' "$log" | head -n 20 | sed 's/^/# /'
fi

echo "$pass passed, $fail failed"
[ $fail = 0 ]
