#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# mkinitramfs.sh KIND MODDIR OUT
#   KIND    debian | debug: which kernel's module tree to take modules from
#   MODDIR  the kbuild tree holding our built .ko files (build/<tag>)
#   OUT     the gzip'ed cpio to write
#
# The initramfs holds busybox, tests/vm/init.sh as /init, the VM kernel's own
# modules the tests need (in dependency order in /etc/nfwfp-modules), our
# modules under /lib/nfwfp, the selftests under /tests, make bench's script
# under /bench, and the user-space
# programs the tests run with the shared libraries they link against.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
. "$here/lib.sh"

kind=$1 moddir=$2 out=$3

# Kernel modules the tests need from the VM kernel. Built-in ones (all of
# them on the debug kernel) are skipped.
# ESP's IV generator (echainiv) seeds from the default RNG: drbg (with what
# its self-tests and jitterentropy need), modules on Debian's kernel.
kmods="veth dummy nf_conntrack nf_nat nf_tables nft_ct nft_nat nft_chain_nat nft_queue
	nfnetlink_queue xfrm_user esp4 esp6 sch_netem sch_tbf sch_fq_codel ipip authenc echainiv
	sha3_generic jitterentropy_rng sha512_generic ctr drbg"

nfwfp_need_pkgs busybox-static kmod cpio gzip

case "$kind" in
debian)
	root=$("$here/debian-kernel.sh" root)
	release=$("$here/debian-kernel.sh" release)
	modroot=$root
	;;
debug)
	build=$("$here/debug-kernel.sh")
	modroot=$(dirname "$build")/mods
	release=$(cat "$build/include/config/kernel.release")
	;;
*) die "unknown kernel kind '$kind'" ;;
esac

stage=$(mktemp -d)
# mktemp makes it 0700: it becomes /, which unprivileged test users must enter.
chmod 755 "$stage"
trap 'rm -rf "$stage"' EXIT

mkdir -p "$stage"/{bin,sbin,etc,proc,sys,dev,tmp,run,root,lib/nfwfp,lib64,usr/bin,usr/lib,tests/lib}
cp /bin/busybox "$stage/bin/busybox"
for app in $(/bin/busybox --list); do
	[ -e "$stage/bin/$app" ] || ln -s busybox "$stage/bin/$app"
done
cp "$here/init.sh" "$stage/init"
chmod 755 "$stage/init"
echo "root:x:0:0:root:/root:/bin/sh" > "$stage/etc/passwd"
echo "root:x:0:" > "$stage/etc/group"
echo "nobody:x:65534:65534:nobody:/:/bin/false" >> "$stage/etc/passwd"
echo "nogroup:x:65534:" >> "$stage/etc/group"

# Dependency order from the host's kmod against the VM kernel's tree.
: > "$stage/etc/nfwfp-modules"
if [ -d "$modroot/lib/modules/$release" ]; then
	[ -f "$modroot/lib/modules/$release/modules.dep" ] ||
		depmod -b "$modroot" "$release"
	for m in $kmods; do
		/sbin/modprobe -d "$modroot" -S "$release" --show-depends "$m" 2>/dev/null ||
			true
	done | awk '$1 == "insmod" { print $2 }' | while read -r ko; do
		dst=/lib/modules/$release/${ko#"$modroot/lib/modules/$release/"}
		if ! grep -qx "$dst" "$stage/etc/nfwfp-modules"; then
			mkdir -p "$stage$(dirname "$dst")"
			cp "$ko" "$stage$dst"
			echo "$dst" >> "$stage/etc/nfwfp-modules"
		fi
	done
fi

# Our modules, flat: tests load them by name from /lib/nfwfp.
find "$moddir" -name '*.ko' -exec cp {} "$stage/lib/nfwfp/" \;
[ -f "$stage/lib/nfwfp/nfwfp.ko" ] || die "no nfwfp.ko under $moddir"

cp "$top"/tests/selftests/*.sh "$stage/tests/"
cp "$top"/tests/selftests/lib/*.sh "$stage/tests/lib/"
# make bench's VM side: run by nfwfp.mode=bench and the bench_smoke selftest.
mkdir -p "$stage/bench"
cp "$top/tests/bench/bench.sh" "$stage/bench/"
cp "$top/VERSION" "$stage/etc/nfwfp-version"

# User-space programs and their shared libraries (found with ldd).
# iproute2's ip replaces busybox's: the tests need `ip netns`.
nfwfp_need_pkgs iproute2 nftables ethtool
progs="$top/userspace/nfwfpctl /bin/ip /usr/sbin/tc /usr/sbin/nft /usr/sbin/ethtool"
# NFWFP_PERF=1 (make bench BENCH_PROFILE=...): perf as well.
[ -z "${NFWFP_PERF:-}" ] || progs="$progs /usr/bin/perf"
for p in "$top"/tests/selftests/bin/*; do
	[ -x "$p" ] && progs="$progs $p"
done
for p in $progs; do
	[ -x "$p" ] || die "$p is not built"
	if [ "$p" = /bin/ip ] || [ "$p" = /usr/sbin/tc ]; then
		# iproute2's, not busybox's applet of the same name
		rm -f "$stage/bin/${p##*/}"
		cp "$p" "$stage/bin/${p##*/}"
	else
		cp "$p" "$stage/usr/bin/"
	fi
	{ ldd "$p" 2>/dev/null || true; } | awk '/=>/ { print $3 } /^\t\// { print $1 }' |
	while read -r lib; do
		[ -n "$lib" ] && [ -e "$lib" ] || continue
		mkdir -p "$stage$(dirname "$lib")"
		cp -L "$lib" "$stage$lib"
	done
done

# busybox modinfo and modprobe read modules.dep of the running release.
mkdir -p "$stage/lib/modules/$release"
depmod -b "$stage" "$release" 2>/dev/null || die "depmod on the initramfs failed"

(cd "$stage" && find . | cpio -o -H newc --quiet) | gzip -1 > "$out"
