#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Host-side checks of the install paths, against the VM's Debian kernel
# headers and into scratch directories: nothing is installed on the host,
# nothing is loaded, /boot is not touched.
#   - make install DESTDIR=... puts every file where the README says, and
#     make uninstall removes every one of them;
#   - README's out-of-tree recipe works with what make install put there:
#     a copy of samples/inspect whose Kbuild includes the installed wdk.mk
#     builds with the installed Module.symvers, every symbol resolved;
#   - dkms add + build (and install into a scratch tree) accept dkms.conf;
#   - dkms.conf's version is the tree's VERSION.
# KTAP on stdout, "N passed, N failed" last.
set -uo pipefail

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
. "$top/tests/vm/lib.sh"

n=0 pass=0 fail=0
ok() { n=$((n + 1)); pass=$((pass + 1)); echo "ok $n $1"; }
notok() { n=$((n + 1)); fail=$((fail + 1)); echo "not ok $n $1"; }
check() { local d=$1; shift; if "$@"; then ok "$d"; else notok "$d"; fi; }

echo "KTAP version 1"
echo "1..15"

version=$(cat "$top/VERSION")
kdir=$("$top/tests/vm/debian-kernel.sh" kdir)
release=$("$top/tests/vm/debian-kernel.sh" release)
tmp=$(mktemp -d)
trap '[ -n "${NFWFP_KEEP:-}" ] || rm -rf "$tmp"' EXIT
dest=$tmp/dest
boot_before=$(ls -la /boot 2>/dev/null | md5sum)

# --- make install / uninstall ------------------------------------------
make -s -C "$top" install DESTDIR="$dest" KVER="$release" KDIR="$kdir" \
	PREFIX=/usr > "$tmp/install.log" 2>&1
check "make install succeeds" test $? = 0 || sed 's/^/# /' "$tmp/install.log"

files="lib/modules/$release/extra/module/nfwfp.ko
usr/sbin/nfwfpctl
usr/share/man/man8/nfwfpctl.8
usr/share/bash-completion/completions/nfwfpctl
usr/share/nfwfp/$version/Module.symvers
usr/share/nfwfp/$version/wdk/wdk.mk"
missing=
for f in $files; do
	[ -e "$dest/$f" ] || missing="$missing $f"
done
check "make install puts every file in place" test -z "$missing" ||
	echo "# missing:$missing"
check "installed Module.symvers exports nothing it should not" \
	bash -c "! grep -v 'EXPORT_SYMBOL_GPL' '$dest/usr/share/nfwfp/$version/Module.symvers' | grep -q ."
check "installed module is for the target kernel" \
	bash -c "modinfo -F vermagic '$dest/lib/modules/$release/extra/module/nfwfp.ko' | grep -q '^$release '"

# --- a callout driver built out of tree against the installed SDK --------
# README "Building a callout driver": the driver's Kbuild includes the
# installed wdk.mk, its build names the installed Module.symvers. Nothing
# of the source tree is on the include path: only the sample's own files.
sdk=$dest/usr/share/nfwfp/$version
oot=$tmp/oot
mkdir -p "$oot"
cp "$top"/samples/inspect/*.c "$top"/samples/inspect/*.h "$oot/"
printf '%s\n' "include $sdk/wdk/wdk.mk" "ccflags-y += -Werror" \
	"obj-m := nfwfp_inspect.o" "nfwfp_inspect-y := driver.o inspect.o" > "$oot/Kbuild"
make -C "$kdir" M="$oot" KBUILD_EXTRA_SYMBOLS="$sdk/Module.symvers" \
	CONFIG_DEBUG_INFO_BTF_MODULES= modules > "$tmp/oot.log" 2>&1
rc=$?
check "samples/inspect builds out of tree against the installed wdk.mk" \
	test $rc = 0 -a -f "$oot/nfwfp_inspect.ko" || tail -n 20 "$tmp/oot.log" | sed 's/^/# /'
check "modpost resolves every nfwfp symbol from the installed Module.symvers" \
	bash -c "! grep -q 'undefined!' '$tmp/oot.log'" ||
	grep 'undefined!' "$tmp/oot.log" | sed 's/^/# /'
check "the out-of-tree driver depends on nfwfp" \
	bash -c "modinfo -F depends '$oot/nfwfp_inspect.ko' | grep -qw nfwfp"

make -s -C "$top" uninstall DESTDIR="$dest" KVER="$release" PREFIX=/usr \
	> "$tmp/uninstall.log" 2>&1
check "make uninstall succeeds" test $? = 0 || sed 's/^/# /' "$tmp/uninstall.log"
left=$(find "$dest" -type f | sed "s|^$dest/||")
check "make uninstall removes every installed file" test -z "$left" ||
	echo "$left" | sed 's/^/# left: /'

# --- DKMS ----------------------------------------------------------------
nfwfp_need_pkgs dkms >/dev/null 2>&1 || true
check "dkms.conf PACKAGE_VERSION equals VERSION" \
	grep -qx "PACKAGE_VERSION=\"$version\"" "$top/dkms.conf"

src=$tmp/src/nfwfp-$version
mkdir -p "$src" "$tmp/dkms" "$tmp/modtree/$release"
# What a source package ships to /usr/src: the kernel side and DKMS files.
(cd "$top" && cp -r --parents Kbuild VERSION dkms.conf dkms module include \
	tests/modules "$src/")
dk=(dkms --dkmstree "$tmp/dkms" --sourcetree "$tmp/src" --installtree "$tmp/modtree"
    -m nfwfp -v "$version" -k "$release" --kernelsourcedir "$kdir")
"${dk[@]}" add > "$tmp/dkms-add.log" 2>&1
check "dkms add accepts dkms.conf" test $? = 0 || sed 's/^/# /' "$tmp/dkms-add.log"
"${dk[@]}" build > "$tmp/dkms-build.log" 2>&1
rc=$?
check "dkms build builds nfwfp.ko against the Debian headers" test $rc = 0 ||
	{ sed 's/^/# /' "$tmp/dkms-build.log"; cat "$tmp/dkms/nfwfp/$version/build/make.log" 2>/dev/null | tail -20 | sed 's/^/# /'; }
check "dkms build keeps Module.symvers for the SDK" \
	test -f "$tmp/dkms/nfwfp/$version/Module.symvers-$release"
check "dkms build compiled only the core module" \
	bash -c "! ls '$tmp/dkms/nfwfp/$version/$release/x86_64/module/' | grep -v '^nfwfp.ko' | grep -q ."

check "/boot unchanged" test "$(ls -la /boot 2>/dev/null | md5sum)" = "$boot_before"

echo "$pass passed, $fail failed"
[ $fail = 0 ]
