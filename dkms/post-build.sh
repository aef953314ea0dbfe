#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# DKMS POST_BUILD, run in the build area: keep Module.symvers per kernel.
# usage: post-build.sh DKMS_MODULE_DIR KERNELVER
set -e
cp Module.symvers "$1/Module.symvers-$2"
