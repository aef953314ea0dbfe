#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# DKMS POST_INSTALL, run in the source tree: publish the SDK callout drivers
# build against (include/wdk and Module.symvers) in /usr/share/nfwfp/VERSION,
# as `make install` does. NFWFP_SDK_ROOT relocates it (tests).
# usage: post-install.sh DKMS_MODULE_DIR KERNELVER VERSION
set -e
sdk="${NFWFP_SDK_ROOT:-}/usr/share/nfwfp/$3"
mkdir -p "$sdk"
rm -rf "$sdk/wdk"
cp -r include/wdk "$sdk/"
cp "$1/Module.symvers-$2" "$sdk/Module.symvers"
