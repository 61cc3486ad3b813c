# SPDX-License-Identifier: MIT
# The shell checks' one pass/fail record (sourced by tests/lint/lint.sh,
# tests/board/link_checks.sh, tests/bench/fastpath.sh and
# tests/mutants/mutate.sh): each check is one named result, and the last line
# is the summary tests/runner.sh sums, "<label>: N passed, N failed".
#
#   check_result ok|FAIL NAME [DETAIL]  prints "  ok   NAME" or "  FAIL NAME",
#                                       then DETAIL's lines indented; counts it
#   check_count ok|FAIL [N]             counts N results (default 1) silently,
#                                       for a script that prints its own lines
#   check_summary LABEL                 prints the summary line; returns 0 only
#                                       when nothing failed
# The helpers' own variables all start with checks_.
checks_passed=0 checks_failed=0

check_count() {
    if [ "$1" = ok ]; then
        checks_passed=$((checks_passed + ${2:-1}))
    else
        checks_failed=$((checks_failed + ${2:-1}))
    fi
}

check_result() {
    check_count "$1"
    if [ "$1" = ok ]; then
        echo "  ok   $2"
    else
        echo "  FAIL $2"
    fi
    [ -z "${3:-}" ] || printf '%s\n' "$3" | sed 's/^/       /'
}

check_summary() {
    echo "$1: $checks_passed passed, $checks_failed failed"
    [ "$checks_failed" -eq 0 ]
}
