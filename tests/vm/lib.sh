# SPDX-License-Identifier: GPL-2.0
# Shared helpers for the nfwfp VM scripts. Sourced, not executed.

NFWFP_CACHE=${NFWFP_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/nfwfp}
export NFWFP_CACHE

log() { echo "nfwfp: $*" >&2; }
die() { log "error: $*"; exit 1; }

# nfwfp_need_pkgs PKG...: install missing Debian packages when we are root
# with apt, otherwise stop with the exact command to run.
nfwfp_need_pkgs() {
	local missing=() p
	for p in "$@"; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null |
			grep -q 'install ok installed' || missing+=("$p")
	done
	[ ${#missing[@]} -eq 0 ] && return 0
	if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
		log "installing ${missing[*]}"
		if ! DEBIAN_FRONTEND=noninteractive apt-get install -y \
			--no-install-recommends "${missing[@]}" >&2; then
			apt-get update >&2 || true
			DEBIAN_FRONTEND=noninteractive apt-get install -y \
				--no-install-recommends "${missing[@]}" >&2 ||
				die "could not install ${missing[*]}"
		fi
	else
		die "missing packages; run: apt-get install ${missing[*]}"
	fi
}
