#!/bin/sh
# SPDX-License-Identifier: MIT
# The negative control of tests/board/test_irq.c: the board's suite built with
# a plain, non-atomic allocation in the interrupt test (-DIRQ_ALLOC=
# bump_alloc_slow) must fail that test, and only that one, because the
# timer interrupt lands inside the main loop's allocations (under -icount the
# interleaving is the same on every run). A control that passed would mean
# the interrupt test proves nothing.
#   irq_control.sh LABEL CMD...   (CMD: the QEMU run of the control image)
# The last line is "LABEL: N passed, N failed".
set -u
cd "$(dirname "$0")/../.."
. tests/checks.sh
label=$1; shift
out=$("$@" 2>&1)
status=$?
failed=$(printf '%s\n' "$out" | grep '^FAILED ' | sort -u)
if [ $status -ne 0 ] && [ "$failed" = "FAILED irq_group/irq_timer_and_main_loop_allocate_without_overlap" ]; then
    check_result ok "a non-atomic allocation fails the interrupt test, and nothing else"
else
    check_result FAIL "a non-atomic allocation fails the interrupt test, and nothing else" \
        "exit status $status; failed: ${failed:-none}"
fi
check_summary "$label"
