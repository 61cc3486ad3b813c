#!/bin/sh
# SPDX-License-Identifier: MIT
# Runs test programs and sums their results, so that `make test` ends with
# one line and a crash, a hang or a missing summary counts as a failure.
#
#   runner.sh run RESULTS NAME SECONDS CMD...  run CMD under a timeout; its output
#                                              goes to the console and RESULTS/NAME.log;
#                                              exit non-zero on any failure (below)
#   runner.sh tally RESULTS [BUILD_STATUS]     sum every "<label>: N passed, N failed"
#                                              line; exit non-zero on any failure
#
# A part fails when it exits non-zero (a crash, a timeout), prints no summary
# line, or its summary has failed tests; one that exits non-zero with
# "0 failed" counts as 1 failed. `run` alone (make host-run-gcc, ...) exits
# non-zero then. Under `make test` (the Makefile's aggregate sets
# RUNNER_DEFER_STATUS=1) `run` exits 0 once the status is recorded, so that
# make's own status means only that something did not build and the tally,
# which reads every recorded status, counts each failure once.
#
# Fault reports a test provokes on purpose stay off the console: `run` gives
# the part a folder RESULTS/NAME.expected, named by TEST_EXPECTED_DIR, where
# the host tests keep each such report in a file of its own and print one
# "  expected: ..." line instead (tests/host/expected.h). A part run under
# valgrind gets --log-file=RESULTS/NAME.expected/valgrind.%p.log, one log per
# process: the tests claim their children's; any other log that is not empty
# (the suite's own errors, leaks) is appended to the part's log, so that
# valgrind's genuine reports still reach the console.
set -u
cmd=$1; shift

# Sets p and f to the passed and failed counts of part NAME in RESULTS, f
# raised to 1 (and adjusted=1) when it exited non-zero with "0 failed";
# returns 1 when its log has no summary line.
counts() {
    line=$(grep -E '^[^:]+: [0-9]+ passed, [0-9]+ failed$' "$1/$2.log" | tail -n 1)
    [ -n "$line" ] || return 1
    p=$(echo "$line" | sed -E 's/.*: ([0-9]+) passed, ([0-9]+) failed$/\1/')
    f=$(echo "$line" | sed -E 's/.*: ([0-9]+) passed, ([0-9]+) failed$/\2/')
    adjusted=0
    if [ "$(cat "$1/$2.status")" != 0 ] && [ "$f" = 0 ]; then
        f=1 adjusted=1
    fi
}

case $cmd in
run)
    results=$1 name=$2 seconds=$3; shift 3
    mkdir -p "$results"
    log=$results/$name.log
    expected=$results/$name.expected
    rm -rf "$expected" && mkdir -p "$expected"
    if [ "$1" = valgrind ]; then
        tool=$1; shift
        set -- "$tool" "--log-file=$expected/valgrind.%p.log" "$@"
    fi
    TEST_EXPECTED_DIR=$expected timeout --kill-after=5 "$seconds" "$@" >"$log" 2>&1
    status=$?
    for vlog in "$expected"/valgrind.*.log; do
        [ -e "$vlog" ] || continue
        [ -s "$vlog" ] && cat "$vlog" >>"$log"
        rm -f "$vlog"
    done
    rmdir "$expected" 2>/dev/null # nothing was expected
    cat "$log"
    if [ $status -eq 124 ] || [ $status -eq 137 ]; then
        echo "$name: TIMEOUT after ${seconds}s" | tee -a "$log"
    elif [ $status -ne 0 ]; then
        echo "$name: exited with status $status" | tee -a "$log"
    fi
    echo $status >"$results/$name.status"
    [ -z "${RUNNER_DEFER_STATUS:-}" ] || exit 0
    if ! counts "$results" "$name"; then
        echo "$name: printed no summary line: FAILED"
        exit 1
    fi
    [ "$f" -eq 0 ]
    ;;
tally)
    results=$1 build_status=${2:-0}
    passed=0 failed=0
    for status_file in "$results"/*.status; do
        [ -e "$status_file" ] || continue
        name=$(basename "$status_file" .status)
        if ! counts "$results" "$name"; then
            echo "tally: $name printed no summary line: counted as 1 failed"
            failed=$((failed + 1))
            continue
        fi
        if [ "$adjusted" = 1 ]; then
            echo "tally: $name exited non-zero with no failed test: counted as 1 failed"
        fi
        passed=$((passed + p)) failed=$((failed + f))
    done
    if [ "$build_status" != 0 ]; then
        echo "tally: a build step failed (see above): counted as 1 failed"
        failed=$((failed + 1))
    fi
    if [ $((passed + failed)) -eq 0 ]; then
        echo "tally: no test ran: counted as 1 failed"
        failed=1
    fi
    echo "total: $passed passed, $failed failed"
    [ "$failed" -eq 0 ]
    ;;
*)
    echo "usage: runner.sh run|tally ..." >&2
    exit 2
    ;;
esac
