#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Build (or reuse) the debug kernel: Debian's linux-source-6.1, x86_64
# defconfig plus tests/vm/debug.config. The result lives in a cache outside
# the repository, keyed by the source package version and the fragment's
# hash, so it is rebuilt only when one of them changes.
#
# Prints the build directory (usable as KDIR, holding arch/x86/boot/bzImage)
# on stdout; progress goes to stderr.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"

nfwfp_need_pkgs linux-source-6.1 bc flex bison libelf-dev libssl-dev \
	dwarves xz-utils make gcc

tarball=/usr/src/linux-source-6.1.tar.xz
srcver=$(dpkg-query -W -f='${Version}' linux-source-6.1)
fraghash=$(sha256sum "$here/debug.config" | cut -c1-12)
dir="$NFWFP_CACHE/debug-kernel/$srcver-$fraghash"
build="$dir/build"

if [ -f "$dir/.done" ]; then
	echo "$build"
	exit 0
fi

log "building debug kernel $srcver ($fraghash) in $dir (15-20 min on 2 cores)"
rm -rf "$dir"
mkdir -p "$dir"
tar -C "$dir" -xf "$tarball"
mv "$dir/linux-source-6.1" "$dir/src"
mkdir -p "$build"

jobs=$(nproc)
make -s -C "$dir/src" O="$build" defconfig >&2
"$dir/src/scripts/kconfig/merge_config.sh" -m -O "$build" \
	"$build/.config" "$here/debug.config" >&2
make -s -C "$dir/src" O="$build" olddefconfig >&2

# merge_config only warns when an option does not stick; we insist.
bad=0
while IFS= read -r line; do
	case "$line" in ''|'#'*) continue ;; esac
	opt=${line%%=*}
	val=${line#*=}
	if [ "$val" = n ]; then
		if grep -q "^$opt=" "$build/.config"; then
			log "debug.config: $opt should be unset"; bad=1
		fi
	elif ! grep -qx "$opt=$val" "$build/.config"; then
		log "debug.config: $opt=$val did not stick: $(grep "^$opt=" "$build/.config" || echo unset)"
		bad=1
	fi
done < "$here/debug.config"
[ $bad = 0 ] || die "debug kernel config is not what debug.config asks for"

make -s -C "$dir/src" O="$build" -j"$jobs" bzImage modules >&2
make -s -C "$dir/src" O="$build" INSTALL_MOD_PATH="$dir/mods" \
	INSTALL_MOD_STRIP=1 modules_install >&2
touch "$dir/.done"
# Only the kernel of the current fragment and source is ever used again.
for old in "$NFWFP_CACHE"/debug-kernel/*; do
	[ "$old" = "$dir" ] || rm -rf "$old"
done
log "debug kernel ready: $build"
echo "$build"
