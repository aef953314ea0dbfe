# SPDX-License-Identifier: GPL-2.0
# bash completion for nfwfpctl(8): options, an object, its command and its
# words. Layer, field, callout and sublayer names come from the module
# (nfwfpctl layer list, ...), so they are offered only while it is loaded
# and the user may read them.

_nfwfpctl_layers()
{
	nfwfpctl layer list 2>/dev/null | awk '/^[a-z]/ { print $1 }'
}

_nfwfpctl_fields()
{
	nfwfpctl layer show "$1" 2>/dev/null | awk '$1 == "field" { print $3 }'
}

# Names (or keys, if no name) of callouts or sublayers: $1 is the object.
_nfwfpctl_names()
{
	nfwfpctl "$1" list 2>/dev/null |
		sed -n 's/^\(# \)\{0,1\}[a-z]* add key \([^ ]*\) name \([^ "]*\).*/\3/p'
}

_nfwfpctl_filter_add()
{
	local prev=$1 cur=$2 layer=$3
	case $prev in
	layer) mapfile -t COMPREPLY < <(compgen -W "$(_nfwfpctl_layers)" -- "$cur"); return ;;
	sublayer) mapfile -t COMPREPLY < <(compgen -W "$(_nfwfpctl_names sublayer)" -- "$cur"); return ;;
	action) mapfile -t COMPREPLY < <(compgen -W 'block permit callout' -- "$cur"); return ;;
	callout) mapfile -t COMPREPLY < <(compgen -W "$(_nfwfpctl_names callout)" -- "$cur"); return ;;
	proto|protocol) mapfile -t COMPREPLY < <(compgen -W 'tcp udp icmp ipv6-icmp' -- "$cur"); return ;;
	name|key|weight|weight-range|context) return ;;
	esac
	local words='layer name key sublayer weight weight-range action context
		dynamic clear-action-right permit-if-callout-unregistered proto
		terminating inspection unknown'
	[[ -n $layer ]] && words+=" $(_nfwfpctl_fields "$layer")"
	mapfile -t COMPREPLY < <(compgen -W "$words" -- "$cur")
}

_nfwfpctl()
{
	local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD - 1]}
	local i obj= cmdi layer=

	COMPREPLY=()
	if [[ $prev == -f || $prev == --file ]]; then
		mapfile -t COMPREPLY < <(compgen -f -- "$cur")
		return 0
	fi
	# Options come first; the first other word is the object.
	for ((i = 1; i < COMP_CWORD; i++)); do
		if [[ ${COMP_WORDS[i]} == -f || ${COMP_WORDS[i]} == --file ]]; then
			((i++))
			continue
		fi
		if [[ ${COMP_WORDS[i]} != -* ]]; then
			obj=${COMP_WORDS[i]}
			break
		fi
	done
	if [[ -z $obj ]]; then
		if [[ $cur == -* ]]; then
			mapfile -t COMPREPLY < <(compgen -W '-j --json -f --file
				--force -V --version -h --help' -- "$cur")
		else
			mapfile -t COMPREPLY < <(compgen -W 'version layer callout
				sublayer filter handle stats config monitor help' -- "$cur")
		fi
		return 0
	fi
	cmdi=$((i + 1))
	if ((COMP_CWORD == cmdi)); then
		local cmds=
		case $obj in
		layer) cmds='list show' ;;
		callout|sublayer) cmds='list show add delete' ;;
		filter) cmds='list show add delete flush' ;;
		handle) cmds='list' ;;
		stats) cmds='show reset' ;;
		config) cmds='show set' ;;
		esac
		mapfile -t COMPREPLY < <(compgen -W "$cmds" -- "$cur")
		return 0
	fi
	local cmd=${COMP_WORDS[cmdi]}
	for ((i = cmdi + 1; i < COMP_CWORD; i++)); do
		[[ ${COMP_WORDS[i - 1]} == layer ]] && layer=${COMP_WORDS[i]}
	done
	case $obj/$cmd in
	layer/show)
		mapfile -t COMPREPLY < <(compgen -W "$(_nfwfpctl_layers)" -- "$cur") ;;
	callout/show|callout/delete|sublayer/show|sublayer/delete)
		((COMP_CWORD == cmdi + 1)) &&
			mapfile -t COMPREPLY < <(compgen -W "$(_nfwfpctl_names "$obj")" -- "$cur") ;;
	callout/add)
		case $prev in
		layer) mapfile -t COMPREPLY < <(compgen -W "$(_nfwfpctl_layers)" -- "$cur") ;;
		key|name) ;;
		*) mapfile -t COMPREPLY < <(compgen -W 'key name layer dynamic' -- "$cur") ;;
		esac ;;
	sublayer/add)
		case $prev in
		key|name|weight) ;;
		*) mapfile -t COMPREPLY < <(compgen -W 'key name weight dynamic' -- "$cur") ;;
		esac ;;
	filter/list|filter/flush)
		case $prev in
		layer) mapfile -t COMPREPLY < <(compgen -W "$(_nfwfpctl_layers)" -- "$cur") ;;
		sublayer) mapfile -t COMPREPLY < <(compgen -W "$(_nfwfpctl_names sublayer)" -- "$cur") ;;
		*) mapfile -t COMPREPLY < <(compgen -W 'layer sublayer' -- "$cur") ;;
		esac ;;
	filter/add)
		_nfwfpctl_filter_add "$prev" "$cur" "$layer" ;;
	config/set)
		(((COMP_CWORD - cmdi) % 2 == 1)) &&
			mapfile -t COMPREPLY < <(compgen -W 'inject_max_inflight
				inject_max_backlog inject_budget held_max_per_netns
				inject_mark_mask' -- "$cur") ;;
	esac
	return 0
}

complete -F _nfwfpctl nfwfpctl
