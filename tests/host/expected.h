/* SPDX-License-Identifier: MIT */
/*
 * Fault reports a test provokes on purpose (a read after release that ASan or
 * valgrind reports, a write to a guard page that valgrind reports before the
 * SIGSEGV ends the child) go to a file of their own, one per report, and the
 * console gets one line instead:
 *   "  expected: NAME: ASan report kept in DIR/NAME.log"
 * DIR is $TEST_EXPECTED_DIR (tests/runner.sh sets it to RESULTS/PART.expected),
 * else a fresh temporary folder. The child sends its stderr there (ASan and
 * UBSan write to it); valgrind writes its own log, which tests/runner.sh
 * points at DIR/valgrind.<pid>.log, and which expected_end moves to
 * DIR/NAME.log once the child has ended.
 */
#ifndef EXPECTED_H
#define EXPECTED_H

#include <stdbool.h>
#include <sys/types.h>

struct expected {
    const char *name;
    char path[512];
};

/* In the parent, before fork: names the report and empties its file. */
void expected_begin(struct expected *e, const char *name);

/* In the child, before the fault: stderr to the report's file. */
void expected_child(const struct expected *e);

/* In the parent, after the child `pid` ended: takes valgrind's log of it, and
 * when a report was kept prints the one line; returns whether it was. */
bool expected_end(const struct expected *e, pid_t pid);

#endif /* EXPECTED_H */
