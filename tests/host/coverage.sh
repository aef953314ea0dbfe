#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# docs/api-coverage.md against the code. The symbols nfwfp.ko exports
# (Module.symvers of a fresh build) and the functions include/wdk declares
# are compared with the tables; every row that says "done" must name the VM
# selftests that exercise it, and those tests, with the test modules and
# samples they load, must use each of the row's names. The table conventions
# are in the document's introduction. docs/porting.md's per-header tables
# use the same state words, and a name in both documents has the same state
# in both.
# KTAP on stdout, "N passed, N failed" last.
#
# Environment: NFWFP_COVERAGE_DOC checks another copy of the table,
# NFWFP_PORTING_DOC another copy of the porting guide,
# NFWFP_SYMVERS uses an existing Module.symvers instead of building.
set -uo pipefail

top=$(cd "$(dirname "$0")/../.." && pwd)
doc=${NFWFP_COVERAGE_DOC:-$top/docs/api-coverage.md}
porting=${NFWFP_PORTING_DOC:-$top/docs/porting.md}
wdk=$top/include/wdk
sel=$top/tests/selftests
tmods=$top/tests/modules
n=0 pass=0 fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# check DESCRIPTION FILE: ok when FILE (the problems found) is empty
check() {
	n=$((n + 1))
	if [ -s "$2" ]; then
		fail=$((fail + 1))
		echo "not ok $n $1"
		sed 's/^/# /' "$2"
	else
		pass=$((pass + 1))
		echo "ok $n $1"
	fi
}

echo "KTAP version 1"
echo "1..10"

# 1. What nfwfp.ko exports. Only nfwfp.ko (not the test modules) is built.
symvers=${NFWFP_SYMVERS:-$top/build/coverage/Module.symvers}
: > "$tmp/p"
if [ -z "${NFWFP_SYMVERS:-}" ] &&
   ! make -C "$top" kmodules TAG=coverage KBUILD_ARGS=NFWFP_CORE_ONLY=1 \
	> "$tmp/build.log" 2>&1; then
	echo "building nfwfp.ko failed:" > "$tmp/p"
	tail -n 20 "$tmp/build.log" >> "$tmp/p"
fi
awk -F'\t' '$3 ~ /(^|\/)module\/nfwfp$/ { print $2 }' "$symvers" 2>/dev/null |
	sort -u > "$tmp/exports"
[ -s "$tmp/exports" ] || echo "no nfwfp.ko export in $symvers" >> "$tmp/p"
check "nfwfp.ko built, $(wc -l < "$tmp/exports") exported symbols" "$tmp/p"

# What include/wdk provides: every identifier it mentions; the functions it
# declares extern (NTAPI prototypes without a body: nfwfp must export them
# or the table must say they are missing); each macro's expansion.
cat "$wdk"/*.h | grep -oE '[A-Za-z_][A-Za-z0-9_]*' | sort -u > "$tmp/wdkwords"
cat "$wdk"/*.h | tr '\n' ' ' | tr ';{}' '\n\n\n' |
	grep -E 'NTAPI[[:space:]]+[A-Za-z_][A-Za-z0-9_]*[[:space:]]*\(' |
	grep -vE '\<(typedef|static|inline|__always_inline|FORCEINLINE)\>' |
	sed -E 's/.*NTAPI[[:space:]]+([A-Za-z_][A-Za-z0-9_]*)[[:space:]]*\(.*/\1/' |
	sort -u > "$tmp/declared"
awk '/\\$/ { sub(/\\$/, ""); line = line $0 " "; next }
     { line = line $0
       if (line ~ /^[ \t]*#[ \t]*define[ \t]/) {
		sub(/^[ \t]*#[ \t]*define[ \t]+/, "", line)
		name = line; sub(/[^A-Za-z0-9_].*/, "", name)
		body = substr(line, length(name) + 1)
		gsub(/[^A-Za-z0-9_]+/, " ", body)
		print name, body
       }
       line = "" }' "$wdk"/*.h > "$tmp/macros"

# The tables: one line per row with its line number, state, "header" or
# "export", the backticked names of the first column, the tests column.
awk -v OFS='\t' '
function trim(s) { gsub(/^[ \t]+|[ \t]+$/, "", s); return s }
!/^\|/ { intable = 0; next }
{
	nf = split($0, c, "|")
	if (!intable) {
		intable = 1; sep = 1; si = ti = 0; cols = nf
		for (i = 2; i < nf; i++) {
			h = tolower(trim(c[i]))
			if (h == "state") si = i
			if (h == "tests") ti = i
		}
		if (!si || !ti)
			print NR, "ERR", "table without a state and a tests column"
		next
	}
	if (sep) { sep = 0; next }
	if (!si || !ti) next
	if (nf != cols) { print NR, "ERR", "row has " nf - 2 " cells, table " cols - 2; next }
	names = ""; s = c[2]
	while (match(s, /`[^`]*`/)) {
		span = substr(s, RSTART + 1, RLENGTH - 2); s = substr(s, RSTART + RLENGTH)
		while (match(span, /[A-Za-z_*][A-Za-z0-9_*]*/)) {
			names = names " " substr(span, RSTART, RLENGTH)
			span = substr(span, RSTART + RLENGTH)
		}
	}
	st = tolower(trim(c[si])); kind = "export"
	if (st ~ /\(header\)$/) { kind = "header"; st = trim(substr(st, 1, length(st) - 8)) }
	t = c[ti]; gsub(/[,—-]/, " ", t)
	print NR, st, kind, trim(names), trim(t)
}' "$doc" > "$tmp/rows"

# 2. Every row is well formed.
awk -F'\t' '$2 == "ERR" { print "line " $1 ": " $3; next }
	$2 !~ /^(done|partial|not yet|not planned|accepted)$/ {
		print "line " $1 ": state \"" $2 "\" is not done, partial, not yet, not planned, accepted" }
	$4 == "" { print "line " $1 ": no name in backticks in the first column" }' \
	"$tmp/rows" > "$tmp/p"
check "every table has state and tests columns, every row a state and names" "$tmp/p"
awk -F'\t' '$2 != "ERR"' "$tmp/rows" > "$tmp/r" && mv "$tmp/r" "$tmp/rows"

declare -A exported wdkword declared
while read -r s; do exported[$s]=1; done < "$tmp/exports"
while read -r s; do wdkword[$s]=1; done < "$tmp/wdkwords"
while read -r s; do declared[$s]=1; done < "$tmp/declared"

# glob_re NAME: a name with * as an extended regex over whole identifiers
glob_re() { printf '^%s$' "${1//\*/[A-Za-z0-9_]*}"; }

# 3. Every export is in the table (a name with * stands for all it matches).
: > "$tmp/named"
while IFS=$'\t' read -r line st kind names tests; do
	for s in $names; do
		if [[ $s == *'*'* ]]; then
			grep -E "$(glob_re "$s")" "$tmp/exports"
		else
			echo "$s"
		fi
	done
done < "$tmp/rows" | sort -u > "$tmp/named"
comm -23 "$tmp/exports" "$tmp/named" |
	sed 's/$/: exported by nfwfp.ko, in no row of the table/' > "$tmp/p"
check "every symbol nfwfp.ko exports is in the table" "$tmp/p"

# 4. The FWPM_* row's claim: the exported GUIDs are exactly fwpmk.h's.
sed -n 's/^DEFINE_GUID(\([A-Za-z0-9_]*\),.*/\1/p' "$wdk/fwpmk.h" | sort -u > "$tmp/guids"
{
	comm -23 "$tmp/guids" <(grep '^FWPM_' "$tmp/exports") |
		sed 's/$/: DEFINE_GUID in fwpmk.h, not exported/'
	comm -13 "$tmp/guids" <(grep '^FWPM_' "$tmp/exports") |
		sed 's/$/: exported, not a GUID of fwpmk.h/'
} > "$tmp/p"
check "the exported FWPM_* symbols are the GUIDs of fwpmk.h" "$tmp/p"

# 5. Names in implemented rows exist: exported, or types, macros and inline
# functions of include/wdk (never a prototype nfwfp does not export). A
# (header) row names no export; another implemented row at least one.
: > "$tmp/p"
while IFS=$'\t' read -r line st kind names tests; do
	case $st in done|partial|accepted) ;; *) continue ;; esac
	nexp=0
	for s in $names; do
		if [[ $s == *'*'* ]]; then
			if grep -qE "$(glob_re "$s")" "$tmp/exports"; then
				nexp=$((nexp + 1))
			elif ! grep -qE "$(glob_re "$s")" "$tmp/wdkwords"; then
				echo "line $line: $s matches neither an export nor a name of include/wdk"
			fi
		elif [ -n "${exported[$s]:-}" ]; then
			nexp=$((nexp + 1))
		elif [ -n "${declared[$s]:-}" ]; then
			echo "line $line: $s is $st but nfwfp.ko does not export it"
		elif [ -z "${wdkword[$s]:-}" ]; then
			echo "line $line: $s is neither exported nor in include/wdk"
		fi
	done
	if [ "$kind" = header ] && [ $nexp != 0 ]; then
		echo "line $line: marked (header) but names $nexp exported symbol(s)"
	elif [ "$kind" = export ] && [ $nexp = 0 ]; then
		echo "line $line: names no exported symbol: mark it (header)"
	fi
done < "$tmp/rows" > "$tmp/p"
check "done, partial and accepted rows name exports or include/wdk definitions" "$tmp/p"

# 6. What is missing is said to be missing: a function include/wdk declares
# that nfwfp does not export is in a "not yet" or "not planned" row, and
# such rows name nothing that is exported.
: > "$tmp/missing"
while IFS=$'\t' read -r line st kind names tests; do
	case $st in "not yet"|"not planned") ;; *) continue ;; esac
	for s in $names; do
		if grep -qE "$(glob_re "$s")" "$tmp/exports"; then
			echo "line $line: $s is \"$st\" but nfwfp.ko exports it"
		fi
		glob_re "$s" >> "$tmp/missing"
		echo >> "$tmp/missing"
	done
done < "$tmp/rows" > "$tmp/p"
comm -23 "$tmp/declared" "$tmp/exports" | while read -r s; do
	[ -s "$tmp/missing" ] && grep -qE -f "$tmp/missing" <<<"$s" ||
		echo "$s: declared in include/wdk, not exported, not in a \"not yet\" or \"not planned\" row"
done >> "$tmp/p"
check "declared functions that are not exported are listed as not yet or not planned" "$tmp/p"

# The sources of a test: a selftest with the test modules and samples it
# loads (and the in-module self-tests for module_selftests); a test module.
sources() {
	local m d
	if [ -f "$sel/$1.sh" ]; then
		echo "$sel/$1.sh"
		for m in $(grep -oE 'nfwfp_(test_[a-z0-9_]+|inspect|redirect)' "$sel/$1.sh" | sort -u); do
			[ -f "$tmods/$m.c" ] && module_sources "$tmods/$m.c"
			for d in $(grep -l "^obj-m += $m\.o" "$top"/samples/*/Kbuild); do
				ls "$(dirname "$d")"/*.[ch]
			done
		done
		[ "$1" = module_selftests ] && ls "$top"/module/selftest/*.c
	elif [ -f "$tmods/$1.c" ]; then
		module_sources "$tmods/$1.c"
	fi
}
module_sources() {
	echo "$1"
	sed -n 's/^#include "\(.*\)"/\1/p' "$1" | sed "s|^|$(dirname "$1")/|"
}

# words TEST: the identifiers a test uses, with the expansion of the
# include/wdk macros among them (two levels: FwpsCalloutRegister ->
# FwpsCalloutRegister3, ObReferenceObject -> ObfReferenceObject).
words() {
	local f=$tmp/words.$1
	if [ ! -f "$f" ]; then
		sources "$1" | sort -u | xargs -r cat | grep -oE '[A-Za-z_][A-Za-z0-9_]*' |
			sort -u > "$f.0"
		awk 'NR == FNR { use[$1] = 1; next } ($1 in use) { for (i = 2; i <= NF; i++) print $i }' \
			"$f.0" "$tmp/macros" > "$f.1"
		awk 'NR == FNR { use[$1] = 1; next } ($1 in use) { for (i = 2; i <= NF; i++) print $i }' \
			"$f.1" "$tmp/macros" | cat "$f.0" "$f.1" - | sort -u > "$f"
	fi
	echo "$f"
}

# 7. Done rows name tests, and every named test exists (a test module is
# also loaded by some selftest, or it never runs).
while IFS=$'\t' read -r line st kind names tests; do
	if [ "$st" = done ] && [ -z "$tests" ]; then
		echo "line $line: done, but names no test ($names)"
	fi
	for t in $tests; do
		if [ -f "$sel/$t.sh" ]; then
			continue
		elif [ -f "$tmods/$t.c" ]; then
			grep -qw "$t" "$sel"/*.sh ||
				echo "line $line: test module $t is loaded by no selftest"
		else
			echo "line $line: test $t: no tests/selftests/$t.sh or tests/modules/$t.c"
		fi
	done
done < "$tmp/rows" > "$tmp/p"
check "every done row names a test, and every named test exists" "$tmp/p"

# 8. Each named test uses one of its row's names at least.
# uses TEST NAME: the test (or what it loads) uses NAME (or PNAME, its
# pointer type), or a name that NAME with a * matches
uses() {
	local w
	w=$(words "$1")
	if [[ $2 == *'*'* ]]; then
		grep -qE "$(glob_re "$2")" "$w"
	else
		# a type is used through its pointer type too (DEVICE_OBJECT)
		grep -qxE "P?$2" "$w"
	fi
}
while IFS=$'\t' read -r line st kind names tests; do
	for t in $tests; do
		[ -f "$sel/$t.sh" ] || [ -f "$tmods/$t.c" ] || continue
		found=0
		for s in $names; do
			uses "$t" "$s" && { found=1; break; }
		done
		[ $found = 1 ] || echo "line $line: test $t uses none of: $names"
	done
done < "$tmp/rows" > "$tmp/p"
check "every test named in a row uses what the row names" "$tmp/p"

# 9. Each name of a done row is used by one of the row's tests.
while IFS=$'\t' read -r line st kind names tests; do
	[ "$st" = done ] || continue
	for s in $names; do
		found=0
		for t in $tests; do
			[ -f "$sel/$t.sh" ] || [ -f "$tmods/$t.c" ] || continue
			uses "$t" "$s" && { found=1; break; }
		done
		[ $found = 1 ] || echo "line $line: $s is done, but no test of its row (${tests:-none}) uses it"
	done
done < "$tmp/rows" > "$tmp/p"
check "every name of a done row is used by a test of the row" "$tmp/p"

# 10. porting.md's tables with a state column: one line per backticked name
# of a row's first column (an empty name marks the row itself).
awk -v OFS='\t' '
function trim(s) { gsub(/^[ \t]+|[ \t]+$/, "", s); return s }
!/^\|/ { intable = 0; next }
{
	nf = split($0, c, "|")
	if (!intable) {
		intable = 1; sep = 1; si = 0
		for (i = 2; i < nf; i++)
			if (tolower(trim(c[i])) == "state") si = i
		next
	}
	if (sep) { sep = 0; next }
	if (!si) next
	st = tolower(trim(c[si])); s = c[2]
	print NR, st, ""
	while (match(s, /`[^`]*`/)) {
		span = substr(s, RSTART + 1, RLENGTH - 2); s = substr(s, RSTART + RLENGTH)
		while (match(span, /[A-Za-z_*][A-Za-z0-9_*]*/)) {
			print NR, st, substr(span, RSTART, RLENGTH)
			span = substr(span, RSTART + RLENGTH)
		}
	}
}' "$porting" > "$tmp/prows"
declare -A apistate
while IFS=$'\t' read -r line st kind names tests; do
	for s in $names; do apistate[$s]="${apistate[$s]:-|}$st|"; done
done < "$tmp/rows"
while IFS=$'\t' read -r line st name; do
	if [ -z "$name" ]; then
		[[ $st =~ ^(done|partial|not\ yet|not\ planned|accepted)$ ]] ||
			echo "porting.md line $line: state \"$st\" is not done, partial, not yet, not planned, accepted"
	elif [ -n "${apistate[$name]:-}" ] && [[ ${apistate[$name]} != *"|$st|"* ]]; then
		echo "porting.md line $line: $name is \"$st\", api-coverage.md says \"$(tr -s '|' ' ' <<<"${apistate[$name]}" | xargs)\""
	fi
done < "$tmp/prows" > "$tmp/p"
[ -s "$tmp/prows" ] || echo "no state table in $porting" > "$tmp/p"
check "porting.md's states are api-coverage.md's words, the same for the same name" "$tmp/p"

echo "$pass passed, $fail failed"
[ $fail = 0 ]
