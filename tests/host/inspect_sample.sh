#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Compiles the packet logic of Microsoft's transport-inspect sample
# (Windows-driver-samples, network/trans/inspect/sys: inspect.c, utils.c,
# inspect.h, utils.h), unchanged, against include/wdk with wdk.mk's flags and
# -Werror. The sample is Microsoft's code and is not part of this
# repository: give the directory that holds your copy.
#
#   tests/host/inspect_sample.sh [DIR]
#   NFWFP_MS_SAMPLE_DIR=DIR tests/host/inspect_sample.sh   (CI; run-suite.sh)
#
# (INSPECT_SAMPLE_DIR is read too.) Without a directory every test is
# skipped (exit 0). A directory that lacks one of the four files is an error
# (exit 2). The tests:
#   1, 2  inspect.c, utils.c each compile (kbuild single-object targets);
#         a failure names the file and line of each error, in DIR's terms
#   3     every WDK function the two objects call that neither nfwfp nor the
#         kernel exports (so the module would not link: modpost "undefined!")
#         is listed as "not yet" or "not planned" in docs/porting.md
# TL_drv.c, the WDF driver shell, is not compiled (docs/porting.md lists
# what it still needs). KDIR selects the kernel tree (default: the running
# kernel's, else the VM's Debian kernel).
# KTAP on stdout, "N passed, N failed" last (tests/vm/run-suite.sh).
set -uo pipefail

top=$(cd "$(dirname "$0")/../.." && pwd)
dir=${1:-${NFWFP_MS_SAMPLE_DIR:-${INSPECT_SAMPLE_DIR:-}}}
sources="inspect.c utils.c"
files="$sources inspect.h utils.h"
n=0 pass=0 fail=0
ok() { n=$((n + 1)); pass=$((pass + 1)); echo "ok $n $1"; }
notok() { n=$((n + 1)); fail=$((fail + 1)); echo "not ok $n $1"; }
diag() { sed 's/^/# /'; }

echo "KTAP version 1"
echo "1..3"
if [ -z "$dir" ]; then
	for t in "inspect.c compiles" "utils.c compiles" "unresolved WDK calls are documented"; do
		n=$((n + 1))
		echo "ok $n $t # SKIP no sample directory (give DIR or NFWFP_MS_SAMPLE_DIR)"
	done
	echo "0 passed, 0 failed"
	exit 0
fi

# A directory that was given but does not hold the sample is a mistake to
# report, not a reason to skip.
missing=
for f in $files; do
	[ -f "$dir/$f" ] || missing="$missing $f"
done
if [ -n "$missing" ]; then
	echo "Bail out! $dir lacks:$missing (Windows-driver-samples network/trans/inspect/sys)"
	echo "inspect_sample.sh: $dir lacks:$missing" >&2
	echo "0 passed, 1 failed"
	exit 2
fi

kdir=${KDIR:-}
if [ -z "$kdir" ]; then
	if [ -d "/lib/modules/$(uname -r)/build" ]; then
		kdir=/lib/modules/$(uname -r)/build
	else
		kdir=$("$top/tests/vm/debian-kernel.sh" kdir) || exit 1
	fi
fi

# A scratch copy: the user's files are never touched, nothing lands here.
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for f in $files; do cp "$dir/$f" "$work/"; done
cat > "$work/Kbuild" <<KBUILD
include $top/include/wdk/wdk.mk
ccflags-y += -Werror
obj-m := inspect_sample.o
inspect_sample-y := inspect.o utils.o
KBUILD

# compile SRC: one object; on failure, each error with its file (one of
# Microsoft's, or an include/wdk header) and line, the scratch path replaced
# by the user's directory.
compile() {
	local src=$1 obj=${1%.c}.o log=$work/${1%.c}.log
	if make -C "$kdir" M="$work" "$obj" > "$log" 2>&1; then
		ok "$src compiles unchanged against include/wdk (-Werror)"
		return
	fi
	notok "$src compiles unchanged against include/wdk (-Werror)"
	grep -E '(error|warning):' "$log" | sed "s|$work/|$dir/|g" | head -n 40 | diag
	grep -oE '[^ :]+\.[ch]:[0-9]+:[0-9]+: (error|warning)' "$log" |
		sed -E "s|^$work/||; s|:.*||" | sort -u |
		sed "s|^|failing file: |" | diag
}
for s in $sources; do compile "$s"; done

# The link check needs both objects and the kernel's export list.
if [ ! -f "$work/inspect.o" ] || [ ! -f "$work/utils.o" ]; then
	n=$((n + 1))
	echo "ok $n unresolved WDK calls are documented # SKIP an object did not compile"
elif [ ! -f "$kdir/Module.symvers" ]; then
	n=$((n + 1))
	echo "ok $n unresolved WDK calls are documented # SKIP no $kdir/Module.symvers"
else
	syms=$work/syms
	nm --defined-only "$work/inspect.o" "$work/utils.o" | awk 'NF == 3 { print $3 }' |
		sort -u > "$syms.def"
	{
		awk '{ print $2 }' "$kdir/Module.symvers"
		grep -rhoE 'EXPORT_SYMBOL(_GPL)?\([A-Za-z0-9_]+\)' "$top/module" |
			sed -E 's/.*\((.*)\)/\1/'
	} | sort -u > "$syms.exp"
	nm -u "$work/inspect.o" "$work/utils.o" | awk 'NF == 2 { print $2 }' | sort -u |
		comm -23 - "$syms.def" | comm -23 - "$syms.exp" > "$syms.unres"
	wdk= shell= undoc=
	while read -r sym; do
		if grep -qrw -- "$sym" "$top/include/wdk"; then
			wdk="$wdk $sym"
			grep -w -- "$sym" "$top/docs/porting.md" | grep -qE 'not (yet|planned)' ||
				undoc="$undoc $sym"
		else
			shell="$shell $sym"
		fi
	done < "$syms.unres"
	if [ -z "$undoc" ]; then
		ok "unresolved WDK calls are documented"
	else
		notok "unresolved WDK calls are documented"
		echo "not \"not yet\" or \"not planned\" in docs/porting.md:$undoc" | diag
	fi
	echo "declared, not exported by nfwfp (modpost: undefined):${wdk:- none}" | diag
	echo "defined by the driver shell (TL_drv.c):${shell:- none}" | diag
fi

echo "$pass passed, $fail failed"
[ $fail = 0 ]
