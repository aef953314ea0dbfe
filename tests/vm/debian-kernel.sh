#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Fetch (or reuse) Debian's own 6.1 kernel for the VM: the image, its modules
# and the matching headers + kbuild, downloaded with `apt-get download` and
# unpacked with `dpkg-deb -x` into a cache. Nothing is installed on the host
# and /boot is never touched.
#
# usage: debian-kernel.sh [kdir|root|release|image]   (default: kdir)
#   kdir     the headers directory to build modules against (KDIR)
#   root     the unpacked tree (boot/, lib/modules/, usr/src/)
#   release  the kernel release, e.g. 6.1.0-56-amd64
#   image    the bzImage to boot
#
# NFWFP_DEBIAN_ABI=6.1.0-NN pins the ABI; by default it is the one that
# Debian's linux-image-amd64 meta package currently points at.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"

what=${1:-kdir}

abi=${NFWFP_DEBIAN_ABI:-}
if [ -z "$abi" ]; then
	# The newest ABI already in the cache wins when apt has no lists yet.
	abi=$(apt-cache depends linux-image-amd64 2>/dev/null |
		sed -n 's/.*Depends: linux-image-\(6\.1\.0-[0-9]*\)-amd64.*/\1/p' |
		head -n1)
	if [ -z "$abi" ]; then
		abi=$(ls "$NFWFP_CACHE/debian-kernel" 2>/dev/null | sort -V | tail -n1)
	fi
	if [ -z "$abi" ] && [ "$(id -u)" = 0 ]; then
		apt-get update >&2 || true
		abi=$(apt-cache depends linux-image-amd64 2>/dev/null |
			sed -n 's/.*Depends: linux-image-\(6\.1\.0-[0-9]*\)-amd64.*/\1/p' |
			head -n1)
	fi
	[ -n "$abi" ] || die "cannot tell which Debian 6.1 kernel to use (run apt-get update, or set NFWFP_DEBIAN_ABI)"
fi

release="$abi-amd64"
dir="$NFWFP_CACHE/debian-kernel/$abi"
root="$dir/root"

fetch() {
	local pkgs ver debs
	pkgs="linux-image-$release linux-headers-$release linux-headers-$abi-common"
	nfwfp_need_pkgs apt dpkg
	log "fetching Debian kernel $release into $dir"
	rm -rf "$dir"
	mkdir -p "$dir/debs" "$root"
	# The kbuild package is shared by all 6.1 ABIs: take the version that
	# the headers were built with so scripts/ and modpost match.
	ver=$(apt-cache show "linux-headers-$release" | sed -n 's/^Version: //p' | head -n1)
	[ -n "$ver" ] || die "linux-headers-$release is not known to apt"
	( cd "$dir/debs" && apt-get download $pkgs "linux-kbuild-6.1=$ver" >&2 ) ||
		die "apt-get download failed"
	for debs in "$dir"/debs/*.deb; do
		dpkg-deb -x "$debs" "$root"
	done
	# The headers' Makefile includes the common tree by absolute path.
	sed -i "s|/usr/src/linux-headers-$abi-common|$root/usr/src/linux-headers-$abi-common|" \
		"$root/usr/src/linux-headers-$release/Makefile"
	rm -rf "$dir/debs"
	[ -f "$root/boot/vmlinuz-$release" ] || die "no kernel image in linux-image-$release"
	touch "$dir/.done"
}

[ -f "$dir/.done" ] || fetch

case "$what" in
kdir)    echo "$root/usr/src/linux-headers-$release" ;;
root)    echo "$root" ;;
release) echo "$release" ;;
image)   echo "$root/boot/vmlinuz-$release" ;;
*)       die "unknown query '$what'" ;;
esac
