#!/bin/sh
# Runs test programs and sums their results, so that `make test` ends with
# one line and a crash, a hang or a missing summary counts as a failure.
#
#   runner.sh run RESULTS NAME SECONDS CMD...  run CMD under a timeout; its output
#                                              goes to the console and RESULTS/NAME.log
#   runner.sh tally RESULTS [BUILD_STATUS]     sum every "<label>: N passed, N failed"
#                                              line; exit non-zero on any failure
set -u
cmd=$1; shift
case $cmd in
run)
    results=$1 name=$2 seconds=$3; shift 3
    mkdir -p "$results"
    log=$results/$name.log
    timeout --kill-after=5 "$seconds" "$@" >"$log" 2>&1
    status=$?
    cat "$log"
    if [ $status -eq 124 ] || [ $status -eq 137 ]; then
        echo "$name: TIMEOUT after ${seconds}s" | tee -a "$log"
    elif [ $status -ne 0 ]; then
        echo "$name: exited with status $status" | tee -a "$log"
    fi
    echo $status >"$results/$name.status"
    ;;
tally)
    results=$1 build_status=${2:-0}
    passed=0 failed=0
    for status_file in "$results"/*.status; do
        [ -e "$status_file" ] || continue
        name=$(basename "$status_file" .status)
        log=$results/$name.log
        line=$(grep -E '^[^:]+: [0-9]+ passed, [0-9]+ failed$' "$log" | tail -n 1)
        if [ -z "$line" ]; then
            echo "tally: $name printed no summary line: counted as 1 failed"
            failed=$((failed + 1))
            continue
        fi
        p=$(echo "$line" | sed -E 's/.*: ([0-9]+) passed, ([0-9]+) failed$/\1/')
        f=$(echo "$line" | sed -E 's/.*: ([0-9]+) passed, ([0-9]+) failed$/\2/')
        if [ "$(cat "$status_file")" != 0 ] && [ "$f" = 0 ]; then
            echo "tally: $name exited non-zero with no failed test: counted as 1 failed"
            f=1
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
