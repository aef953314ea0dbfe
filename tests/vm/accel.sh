#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# accel.sh KERNEL: print "kvm" when a KVM guest boots here, else "tcg".
#
# /dev/kvm can exist and still hang or abort a guest, so KVM is used only
# after a probe boot of the real kernel reaches user space and powers off.
# The answer is cached per host boot (boot_id) and qemu version.
# NFWFP_ACCEL=tcg|kvm overrides the probe.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"

kernel=$1
if [ -n "${NFWFP_ACCEL:-}" ]; then
	echo "$NFWFP_ACCEL"
	exit 0
fi
if [ ! -w /dev/kvm ]; then
	echo tcg
	exit 0
fi

qver=$(qemu-system-x86_64 --version | head -n1 | tr -cd '[:alnum:].')
key="$(cat /proc/sys/kernel/random/boot_id)-$qver"
cache="$NFWFP_CACHE/kvm-probe"
if [ -f "$cache" ] && [ "$(cut -d' ' -f1 "$cache")" = "$key" ]; then
	cut -d' ' -f2 "$cache"
	exit 0
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/root/bin"
cp /bin/busybox "$tmp/root/bin/"
cat > "$tmp/root/init" <<'INIT'
#!/bin/busybox sh
/bin/busybox echo nfwfp-kvm-probe-ok
/bin/busybox poweroff -f
INIT
chmod 755 "$tmp/root/init"
(cd "$tmp/root" && find . | cpio -o -H newc --quiet) | gzip -1 > "$tmp/probe.gz"

answer=tcg
# A failing KVM guest may abort qemu: keep the shell's notice off stderr.
if { timeout -k 5 45 qemu-system-x86_64 -accel kvm -cpu host -smp 2 -m 512M \
	-machine q35 -nodefaults -display none -no-reboot -monitor none \
	-serial "file:$tmp/console" -kernel "$kernel" -initrd "$tmp/probe.gz" \
	-append "console=ttyS0 panic=-1" >"$tmp/qemu.log" 2>&1; } 2>/dev/null &&
   grep -q nfwfp-kvm-probe-ok "$tmp/console"; then
	answer=kvm
fi
log "KVM probe: $answer"
mkdir -p "$NFWFP_CACHE"
echo "$key $answer" > "$cache"
echo "$answer"
