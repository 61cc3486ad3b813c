/* SPDX-License-Identifier: MIT */
/* The mmap port: guard pages, the 64 GiB reservation, clean failure and release. */
#define _DEFAULT_SOURCE
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bump_mmap.h"
#include "check_arena.h"
#include "expected.h"
#include "harness.h"

#if defined(BUMP_VALGRIND)
#include <valgrind/valgrind.h>
#endif

static size_t page(void)
{
    return (size_t)sysconf(_SC_PAGESIZE);
}

/* Lines in /proc/self/maps: the number of mappings this process has. */
static int mapping_count(void)
{
    FILE *f = fopen("/proc/self/maps", "r");
    int lines = 0, c;
    if (f == NULL) {
        return -1;
    }
    while ((c = fgetc(f)) != EOF) {
        lines += c == '\n';
    }
    fclose(f);
    return lines;
}

/* Resident memory of this process, in pages. */
static long resident_pages(void)
{
    long size = 0, resident = -1;
    FILE *f = fopen("/proc/self/statm", "r");
    if (f != NULL) {
        if (fscanf(f, "%ld %ld", &size, &resident) != 2) {
            resident = -1;
        }
        fclose(f);
    }
    return resident;
}

/* Writes one byte at `addr` in a child process; returns the signal that
 * ended the child, or 0 when it exited normally. Under valgrind a fault is
 * reported (an invalid write, then the SIGSEGV): expected, the report is kept
 * under `name` (expected.h). */
static int poke_in_child(volatile unsigned char *addr, const char *name)
{
    struct expected report;
    expected_begin(&report, name);
    pid_t pid = fork();
    if (pid == 0) {
        expected_child(&report);
        /* Die by the signal itself: no sanitizer report. */
        signal(SIGSEGV, SIG_DFL);
        signal(SIGBUS, SIG_DFL);
        *addr = 0x5a;
        _exit(0);
    }
    int status = 0;
    if (pid < 0 || waitpid(pid, &status, 0) != pid) {
        return -1;
    }
    (void)expected_end(&report, pid);
    return WIFSIGNALED(status) ? WTERMSIG(status) : 0;
}

static void mmap_region_is_usable_end_to_end(void)
{
    bump_t a;
    CHECK(bump_mmap_init(&a, 1u << 20));
    CHECK(bump_capacity(&a) == 1u << 20);
    unsigned char *p = bump_alloc(&a, 1u << 20, 1);
    CHECK(p != NULL);
    if (p != NULL) {
        memset(p, 0xab, 1u << 20);
        CHECK(p[0] == 0xab && p[(1u << 20) - 1] == 0xab);
    }
    bump_mmap_release(&a);
}

static void mmap_guard_page_directly_below_first_byte(void)
{
    bump_t a;
    CHECK(bump_mmap_init(&a, 3 * page()));
    unsigned char *first = bump_start(&a);
    CHECK(poke_in_child(first, "mmap_first_byte") == 0);
    CHECK(poke_in_child(first - 1, "mmap_guard_below_last_byte") == SIGSEGV);
    CHECK(poke_in_child(first - page(), "mmap_guard_below_first_byte") == SIGSEGV);
    bump_mmap_release(&a);
}

static void mmap_guard_page_directly_above_last_byte(void)
{
    bump_t a;
    CHECK(bump_mmap_init(&a, 3 * page()));
    unsigned char *end = (unsigned char *)a.limit;
    CHECK(poke_in_child(end - 1, "mmap_last_byte") == 0);
    CHECK(poke_in_child(end, "mmap_guard_above_first_byte") == SIGSEGV);
    CHECK(poke_in_child(end + page() - 1, "mmap_guard_above_last_byte") == SIGSEGV);
    bump_mmap_release(&a);
}

static void mmap_capacity_rounds_up_to_whole_pages_guard_still_adjacent(void)
{
    bump_t a;
    CHECK(bump_mmap_init(&a, 100));
    CHECK(bump_capacity(&a) == page());
    unsigned char *p = bump_alloc(&a, bump_remaining(&a), 1);
    CHECK(p == (unsigned char *)bump_start(&a));
    CHECK(poke_in_child(p + page() - 1, "mmap_rounded_last_byte") == 0);
    CHECK(poke_in_child(p + page(), "mmap_rounded_guard") == SIGSEGV);
    bump_mmap_release(&a);
}

static void mmap_overrun_of_last_block_faults(void)
{
    bump_t a;
    CHECK(bump_mmap_init(&a, page()));
    /* Bumping down, the first block sits at the top of the region. */
    unsigned char *p = bump_alloc(&a, 64, 8);
    CHECK(p != NULL && p + 64 == (unsigned char *)a.limit);
    if (p != NULL) {
        CHECK(poke_in_child(p + 64, "mmap_overrun_of_last_block") == SIGSEGV);
    }
    bump_mmap_release(&a);
}

static void mmap_reserves_64_gib_without_committing_it(void)
{
    if (sizeof(size_t) < 8) {
        return; /* a 32-bit host has no 64 GiB address space */
    }
    size_t gib64 = (size_t)64 << 30;
#if defined(BUMP_VALGRIND)
    /* valgrind's own address-space manager refuses mappings over 32 GiB;
     * the other host builds prove the full 64 GiB. */
    if (RUNNING_ON_VALGRIND) {
        gib64 = (size_t)16 << 30;
    }
#endif
    long before = resident_pages();
    bump_t a;
    if (!CHECK(bump_mmap_init(&a, gib64))) {
        return;
    }
    CHECK(bump_capacity(&a) == gib64);
    /* One block of all of it; touch both ends. */
    unsigned char *p = bump_alloc(&a, gib64, 16);
    CHECK(p != NULL);
    if (p != NULL) {
        p[0] = 1;
        p[gib64 - 1] = 2;
        CHECK(p[0] == 1 && p[gib64 - 1] == 2);
    }
    long after = resident_pages();
    bool measurable = true;
#if defined(BUMP_VALGRIND)
    measurable = !RUNNING_ON_VALGRIND; /* resident size there is valgrind's own */
#endif
    /* Two touched pages, not 64 GiB: allow a generous 16 MiB of noise. */
    CHECK(!measurable || (before > 0 && after > 0 && (size_t)(after - before) * page() < ((size_t)16 << 20)));
    bump_mmap_release(&a);
}

static void mmap_bad_arguments_fail_and_map_nothing(void)
{
    bump_t a, before;
    memset(&a, 0x77, sizeof a);
    before = a;
    int maps = mapping_count();
    CHECK(!bump_mmap_init(NULL, 4096));
    CHECK(!bump_mmap_init(&a, 0));
    CHECK(!bump_mmap_init(&a, SIZE_MAX));
    CHECK(!bump_mmap_init(&a, SIZE_MAX - page()));
    /* Representable but larger than any address space: the system refuses. */
    CHECK(!bump_mmap_init(&a, SIZE_MAX / 2));
    CHECK(arena_same(&a, &before));
    CHECK(mapping_count() == maps);
}

static void mmap_release_unmaps_everything_and_empties_arena(void)
{
    int maps = mapping_count();
    bump_t a;
    CHECK(bump_mmap_init(&a, 8 * page()));
    CHECK(mapping_count() > maps);
    unsigned char *p = bump_alloc(&a, 16, 8);
    CHECK(p != NULL);
    bump_mmap_release(&a);
    CHECK(mapping_count() == maps);
    CHECK(bump_capacity(&a) == 0 && bump_alloc(&a, 1, 1) == NULL);
    if (p != NULL) {
        CHECK(poke_in_child(p, "mmap_released_region") == SIGSEGV);
    }
    bump_mmap_release(NULL); /* ignored */
}

static const struct harness_test tests[] = {
    HARNESS_TEST(mmap_region_is_usable_end_to_end),
    HARNESS_TEST(mmap_guard_page_directly_below_first_byte),
    HARNESS_TEST(mmap_guard_page_directly_above_last_byte),
    HARNESS_TEST(mmap_capacity_rounds_up_to_whole_pages_guard_still_adjacent),
    HARNESS_TEST(mmap_overrun_of_last_block_faults),
    HARNESS_TEST(mmap_reserves_64_gib_without_committing_it),
    HARNESS_TEST(mmap_bad_arguments_fail_and_map_nothing),
    HARNESS_TEST(mmap_release_unmaps_everything_and_empties_arena),
};
HARNESS_GROUP(mmap_port, tests);
