#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# need.sh PKG...: make sure Debian packages are installed (see lib.sh).
set -euo pipefail
. "$(cd "$(dirname "$0")" && pwd)/lib.sh"
nfwfp_need_pkgs "$@"
