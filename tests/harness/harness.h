/* SPDX-License-Identifier: MIT */
/*
 * A tiny test harness that runs the same way on the host and on bare-metal
 * boards: tests are plain functions listed in tables (no constructors, no
 * fork), output goes through printf, and one line sums it all up.
 */
#ifndef HARNESS_H
#define HARNESS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct harness_test {
    const char *name;
    void (*run)(void);
};

/* A group of tests, one per test file, from its table of tests:
 *   static const struct harness_test tests[] = {HARNESS_TEST(alloc_...), ...};
 *   HARNESS_GROUP(alloc_group, tests);
 */
struct harness_group {
    const char *name;
    const struct harness_test *tests;
    size_t count;
};

#define HARNESS_TEST(fn) {#fn, fn}
#define HARNESS_COUNT(array) (sizeof(array) / sizeof((array)[0]))
#define HARNESS_GROUP(group, array) \
    const struct harness_group group = {#group, array, HARNESS_COUNT(array)}

/* A named list of groups, what a test program runs: the one way to list
 * them (tests/suite/suite.c, tests/host/groups.c, tests/board/main.c):
 *   HARNESS_GROUPS(suite_core, &init_group, &alloc_group, ...);
 * defines `const struct harness_groups suite_core` (at file scope, declare
 * it elsewhere as `extern const struct harness_groups suite_core;`). */
struct harness_groups {
    const struct harness_group *const *groups;
    size_t count;
};
#define HARNESS_GROUPS(list, ...) \
    static const struct harness_group *const list##_members[] = {__VA_ARGS__}; \
    const struct harness_groups list = {list##_members, HARNESS_COUNT(list##_members)}

/* Records a failed check (printing where) without stopping the test. */
bool harness_check(bool ok, const char *expr, const char *file, int line);
#define CHECK(cond) harness_check((cond) ? true : false, #cond, __FILE__, __LINE__)

/* Runs every test of the list's groups, counting a test as passed when none
 * of its checks failed. May be called several times before harness_finish. */
void harness_run(const struct harness_groups *list);

/* Prints "<label>: N passed, N failed" and returns the process exit status
 * (0 only when nothing failed and at least one test ran). */
int harness_finish(const char *label);

/*
 * Scratch memory shared by all tests, so the suite fits a 16 KiB board: each
 * call returns the same HARNESS_SCRATCH_SIZE bytes, aligned to
 * HARNESS_SCRATCH_ALIGN, filled with `fill`. Under AddressSanitizer it is
 * unpoisoned first, since arenas poison what they release.
 */
#define HARNESS_SCRATCH_SIZE 4096u
#define HARNESS_SCRATCH_ALIGN 64u
unsigned char *harness_scratch(unsigned char fill);

/* Tells valgrind that [p, p + n) holds defined bytes (a no-op elsewhere): a
 * new block's contents are undefined by contract, but a test that checks the
 * arena wrote nothing reads them on purpose. */
void harness_defined(const void *p, size_t n);

/* A deterministic pseudo-random sequence (xorshift32), same on every target. */
uint32_t harness_random(uint32_t *state);

#endif /* HARNESS_H */
