# SPDX-License-Identifier: GPL-2.0
# bash completion for nfwfpctl(8): options, then a command and its words.

_nfwfpctl()
{
	local cur=${COMP_WORDS[COMP_CWORD]} i cmd=

	COMPREPLY=()
	# Options come first; the first other word is the command.
	for ((i = 1; i < COMP_CWORD; i++)); do
		if [[ ${COMP_WORDS[i]} != -* ]]; then
			cmd=${COMP_WORDS[i]}
			break
		fi
	done
	if [[ $cmd == layer ]]; then
		if ((COMP_CWORD == i + 1)); then
			mapfile -t COMPREPLY < <(compgen -W 'list show' -- "$cur")
		elif ((COMP_CWORD == i + 2)) && [[ ${COMP_WORDS[i + 1]} == show ]]; then
			mapfile -t COMPREPLY < <(compgen -W 'outbound-transport-v4
				outbound-transport-v6 datagram-data-v4 datagram-data-v6
				outbound-icmp-error-v4 outbound-icmp-error-v6' -- "$cur")
		fi
		return 0
	fi
	[[ -n $cmd ]] && return 0

	if [[ $cur == -* ]]; then
		mapfile -t COMPREPLY < <(compgen -W '-j --json -h --help' -- "$cur")
	else
		mapfile -t COMPREPLY < <(compgen -W 'version layer help' -- "$cur")
	fi
}

complete -F _nfwfpctl nfwfpctl
