#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Compiles the packet logic of Microsoft's transport-inspect sample
# (Windows-driver-samples, network/trans/inspect/sys: inspect.c, utils.c,
# inspect.h, utils.h), unchanged, against include/wdk with wdk.mk's flags and
# -Werror. The sample is Microsoft's code and is not part of this
# repository: give the directory that holds your copy.
#
#   tests/host/inspect_sample.sh [DIR]     (or INSPECT_SAMPLE_DIR=DIR)
#
# Without a directory the test is skipped (KTAP "# SKIP", exit 0). Only the
# two objects are compiled (kbuild single-object targets): TL_drv.c, the
# WDF driver shell, is not (docs/porting.md lists what it still needs).
# KDIR selects the kernel tree (default: the one `make` uses).
# KTAP on stdout.
set -uo pipefail

top=$(cd "$(dirname "$0")/../.." && pwd)
dir=${1:-${INSPECT_SAMPLE_DIR:-}}
files="inspect.c utils.c inspect.h utils.h"

echo "KTAP version 1"
echo "1..1"
if [ -z "$dir" ]; then
	echo "ok 1 inspect sample compiles # SKIP no sample directory given"
	exit 0
fi
for f in $files; do
	if [ ! -f "$dir/$f" ]; then
		echo "not ok 1 inspect sample compiles # $dir/$f is missing"
		exit 1
	fi
done

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

log=$work/build.log
if make -C "$kdir" M="$work" inspect.o utils.o > "$log" 2>&1; then
	echo "ok 1 inspect sample compiles unchanged against include/wdk (-Werror)"
else
	echo "not ok 1 inspect sample compiles unchanged against include/wdk (-Werror)"
	grep -E '(error|warning):' "$log" | head -n 40 | sed 's/^/# /'
	exit 1
fi
