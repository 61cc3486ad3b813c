#!/bin/sh
# SPDX-License-Identifier: MIT
# The real clients' check: each one runs its workload on the arena and on
# its library's usual allocator, and the two outputs must be the same, byte
# for byte (and not empty). One test per client; the last line is
# "LABEL: N passed, N failed".
#
#   tests/clients/run.sh LABEL DIR CLIENT...   runs DIR/CLIENT arena|system
set -u
cd "$(dirname "$0")/../.."
. tests/checks.sh
label=$1 dir=$2; shift 2
t=$(mktemp -d); trap 'rm -rf "$t"' EXIT
for c in "$@"; do
    "$dir/$c" arena >"$t/$c.arena" 2>"$t/$c.err"; a=$?
    "$dir/$c" system >"$t/$c.system" 2>>"$t/$c.err"; s=$?
    lines=$(wc -l <"$t/$c.system")
    if [ $a -eq 0 ] && [ $s -eq 0 ] && [ "$lines" -gt 0 ] && cmp -s "$t/$c.arena" "$t/$c.system"; then
        check_result ok "$c: arena and usual allocator print the same $lines lines"
    else
        check_result FAIL "$c: exit $a (arena), $s (usual)" \
            "$(cat "$t/$c.err"; diff "$t/$c.arena" "$t/$c.system" | head -20)"
    fi
done
check_summary "$label"
