#!/bin/sh
# SPDX-License-Identifier: MIT
# The firmware example (board/example/) as a test: runs it (the command
# given: QEMU under its timeout), shows its output, and checks that it ended
# with status 0 (main's count of failed checks) after its last line.
#   example.sh LABEL CMD...
# The last line is "LABEL: N passed, N failed".
set -u
cd "$(dirname "$0")/../.."
. tests/checks.sh
label=$1; shift
out=$("$@" 2>&1)
status=$?
printf '%s\n' "$out"
if [ $status -eq 0 ]; then
    check_result ok "the example exited with status 0"
else
    check_result FAIL "the example exited with status $status"
fi
if [ "$(printf '%s\n' "$out" | tail -n 1)" = "example: every check passed" ]; then
    check_result ok "the example ran to its last line"
else
    check_result FAIL "the example did not print its last line"
fi
check_summary "$label"
