#!/bin/sh
# SPDX-License-Identifier: MIT
# The demo firmware as a test: runs it (the command given, a QEMU run with its
# timeout), shows its output, and counts one pass when it exits 0.
#   demo.sh LABEL CMD...
# The last line is "LABEL: N passed, N failed".
set -u
cd "$(dirname "$0")/../.."
. tests/checks.sh
label=$1; shift
"$@"
status=$?
if [ $status -eq 0 ]; then
    check_result ok "the demo ran to its end"
else
    check_result FAIL "the demo exited with status $status"
fi
check_summary "$label"
