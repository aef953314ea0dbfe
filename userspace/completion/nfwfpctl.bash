# SPDX-License-Identifier: GPL-2.0
# bash completion for nfwfpctl(8): options, then a command, which for now
# takes no arguments.

_nfwfpctl()
{
	local cur=${COMP_WORDS[COMP_CWORD]} i

	COMPREPLY=()
	# Options come first; the first other word is the command.
	for ((i = 1; i < COMP_CWORD; i++)); do
		[[ ${COMP_WORDS[i]} == -* ]] || return 0
	done

	if [[ $cur == -* ]]; then
		mapfile -t COMPREPLY < <(compgen -W '-j --json -h --help' -- "$cur")
	else
		mapfile -t COMPREPLY < <(compgen -W 'version help' -- "$cur")
	fi
}

complete -F _nfwfpctl nfwfpctl
