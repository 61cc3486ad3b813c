/* SPDX-License-Identifier: MIT */
/*
 * Poisoning of released memory, in whichever form this build has: under
 * AddressSanitizer and valgrind a use after reset, rewind or shrink is
 * reported; with BUMP_POISON_FILL the released bytes hold the fill; in a plain
 * build nothing is touched (poisoning costs nothing unless asked for).
 */
#define _DEFAULT_SOURCE
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "check_arena.h"
#include "expected.h"
#include "harness.h"

#if defined(BUMP_ASAN)
#include <sanitizer/asan_interface.h>
#endif
#if defined(BUMP_VALGRIND)
#include <valgrind/memcheck.h>
#include <valgrind/valgrind.h>

/* memcheck's view of [p, p + n): 3 when some byte is not addressable, 1 when
 * all are, 0 when not running under valgrind. Reports no error itself. */
static unsigned addressability(const unsigned char *p, size_t n)
{
    unsigned char bits[64];
    return (unsigned)VALGRIND_GET_VBITS(p, bits, n);
}
#endif

enum release { BY_RESET, BY_REWIND, BY_SHRINK, GROWABLE_BY_RESET, GROWABLE_BY_REWIND, GROWABLE_BY_SHRINK };

/* In a child: allocates a block, releases it the given way, then reads it.
 * Returns the child's exit status, or 128 + signal when a signal ended it;
 * sets *kept to whether a report of it was kept (expected.h: the report the
 * read provokes is expected, and stays off the console). */
static int read_after_release(enum release how, bool *kept)
{
    static const char *const names[] = {"poison_use_after_reset",          "poison_use_after_rewind",
                                        "poison_use_after_shrink",         "poison_growable_use_after_reset",
                                        "poison_growable_use_after_rewind", "poison_growable_use_after_shrink"};
    struct expected report;
    expected_begin(&report, names[how]);
    pid_t pid = fork();
    if (pid == 0) {
        expected_child(&report);
        bump_t a;
        unsigned char *mem = harness_scratch(0);
        (void)bump_init(&a, mem, 256);
        bump_mark_t m = bump_mark(&a);
        bool growable = how >= GROWABLE_BY_RESET;
        unsigned char *p = growable ? bump_alloc_growable(&a, 64, 8) : bump_alloc(&a, 64, 8);
        p[0] = 1;
        volatile unsigned char *stale = p;
        switch (how) {
        case BY_RESET:
        case GROWABLE_BY_RESET: bump_reset(&a); break;
        case BY_REWIND:
        case GROWABLE_BY_REWIND: (void)bump_rewind(&a, m); break;
        case BY_SHRINK: stale = (unsigned char *)bump_resize(&a, p, 64, 8, 8) - 1; break; /* just released */
        case GROWABLE_BY_SHRINK: stale = (unsigned char *)bump_resize(&a, p, 64, 8, 8) + 8; break; /* ditto */
        }
        unsigned char value = *stale; /* the use after release */
        _exit(value == 0xa5 ? 3 : 0);
    }
    int status = 0;
    if (pid < 0 || waitpid(pid, &status, 0) != pid) {
        return -1;
    }
    *kept = expected_end(&report, pid);
    return WIFSIGNALED(status) ? 128 + WTERMSIG(status) : WEXITSTATUS(status);
}

static bool caught_by_tool(void)
{
#if defined(BUMP_ASAN)
    return true;
#elif defined(BUMP_VALGRIND)
    return RUNNING_ON_VALGRIND != 0;
#else
    return false;
#endif
}

static void poison_use_after_reset_rewind_or_shrink_is_caught(void)
{
    enum release ways[] = {BY_RESET,          BY_REWIND,          BY_SHRINK,
                           GROWABLE_BY_RESET, GROWABLE_BY_REWIND, GROWABLE_BY_SHRINK};
    for (size_t i = 0; i < HARNESS_COUNT(ways); i++) {
        bool kept = false;
        int status = read_after_release(ways[i], &kept);
        if (caught_by_tool()) {
            /* ASan exits 1 after its report; valgrind with the run's
             * --error-exitcode (99). Either way, not a clean 0. */
            CHECK(status != 0 && status != 3 && status != -1);
#if defined(BUMP_ASAN)
            CHECK(kept); /* ASan's report, in the child's stderr */
#endif
        } else {
            CHECK(!kept); /* nothing to report */
#if defined(BUMP_POISON_FILL)
            CHECK(status == 3); /* read the fill */
#else
            CHECK(status == 0); /* nothing instrumented: the read goes unnoticed */
#endif
        }
    }
}

static void poison_covers_exactly_the_released_bytes(void)
{
    unsigned char *mem = harness_scratch(0x11);
    bump_t a;
    CHECK(bump_init(&a, mem, 256));
    unsigned char *kept = bump_alloc(&a, 32, 8);
    bump_mark_t m = bump_mark(&a);
    unsigned char *gone = bump_alloc(&a, 40, 8);
    CHECK(kept != NULL && gone != NULL && bump_rewind(&a, m));
#if defined(BUMP_ASAN)
    CHECK(__asan_region_is_poisoned(kept, 32) == NULL);
    CHECK(__asan_address_is_poisoned(gone) && __asan_address_is_poisoned(gone + 39));
    /* Allocating the memory again makes it usable again. */
    unsigned char *again = bump_alloc(&a, 40, 8);
    CHECK(again == gone && __asan_region_is_poisoned(again, 40) == NULL);
#elif defined(BUMP_VALGRIND)
    if (RUNNING_ON_VALGRIND) {
        CHECK(addressability(kept, 32) == 1);
        CHECK(addressability(gone, 1) == 3 && addressability(gone + 39, 1) == 3);
        unsigned char *again = bump_alloc(&a, 40, 8);
        CHECK(again == gone && addressability(again, 40) == 1);
    }
#elif defined(BUMP_POISON_FILL)
    size_t filled = 0;
    for (size_t i = 0; i < 40; i++) {
        filled += gone[i] == (unsigned char)(BUMP_POISON_FILL);
    }
    CHECK(filled == 40 && kept[0] == 0x11 && kept[31] == 0x11);
#else
    CHECK(gone[0] == 0x11 && gone[39] == 0x11 && kept[0] == 0x11); /* untouched */
#endif
}

/* A growable block shrinks and grows again: what it gives back is poisoned,
 * what it takes again is usable, and the bytes it keeps never change. */
static void poison_follows_a_growable_block(void)
{
    unsigned char *mem = harness_scratch(0x11);
    bump_t a;
    CHECK(bump_init(&a, mem, 256));
    unsigned char *v = bump_alloc_growable(&a, 64, 8);
    unsigned char *top = bump_alloc(&a, 16, 8);
    CHECK(v == mem && top != NULL && bump_resize(&a, v, 64, 16, 8) == v);
#if defined(BUMP_ASAN)
    CHECK(__asan_region_is_poisoned(v, 16) == NULL && __asan_region_is_poisoned(top, 16) == NULL);
    CHECK(__asan_address_is_poisoned(v + 16) && __asan_address_is_poisoned(v + 63));
    CHECK(bump_resize(&a, v, 16, 64, 8) == v && __asan_region_is_poisoned(v, 64) == NULL);
#elif defined(BUMP_VALGRIND)
    if (RUNNING_ON_VALGRIND) {
        CHECK(addressability(v, 16) == 1 && addressability(top, 16) == 1);
        CHECK(addressability(v + 16, 1) == 3 && addressability(v + 63, 1) == 3);
        CHECK(bump_resize(&a, v, 16, 64, 8) == v && addressability(v, 64) == 1);
    }
#elif defined(BUMP_POISON_FILL)
    size_t filled = 0;
    for (size_t i = 16; i < 64; i++) {
        filled += v[i] == (unsigned char)(BUMP_POISON_FILL);
    }
    CHECK(filled == 48 && v[0] == 0x11 && v[15] == 0x11 && top[0] == 0x11);
#else
    CHECK(v[16] == 0x11 && v[63] == 0x11 && v[0] == 0x11); /* untouched */
#endif
}

/* Found by the fuzzer: an arena re-initialised on memory an earlier arena
 * poisoned must hand it out usable (firmware re-inits static arenas). */
static void poison_reinit_on_poisoned_memory_is_usable(void)
{
    static unsigned char region[256];
    bump_t a;
    CHECK(bump_init(&a, region, sizeof region));
    CHECK(bump_alloc(&a, 200, 8) != NULL);
    bump_reset(&a); /* poisons the 200 bytes */
    CHECK(bump_init(&a, region, sizeof region));
    unsigned char *p = bump_alloc(&a, 200, 8);
    CHECK(p != NULL);
    if (p != NULL) {
        p[0] = 1; /* under ASan or valgrind, a report here would fail the run */
        p[199] = 2;
        CHECK(p[0] == 1 && p[199] == 2);
    }
}

/* Every byte of [p, p + n) can be used: under ASan, none is poisoned (asked
 * byte by byte: __asan_region_is_poisoned checks only the first byte of a
 * range's first granule); under valgrind, all are addressable. Then each is
 * written and read back. */
static bool usable(unsigned char *p, size_t n)
{
    bool ok = true;
#if defined(BUMP_ASAN)
    for (size_t i = 0; i < n; i++) {
        ok = ok && !__asan_address_is_poisoned(p + i);
    }
#elif defined(BUMP_VALGRIND)
    for (size_t i = 0; i < n && RUNNING_ON_VALGRIND; i += 64) {
        ok = ok && addressability(p + i, (n - i < 64) ? n - i : 64) == 1;
    }
#endif
    if (ok) {
        memset(p, 0x3c, n);
        for (size_t i = 0; i < n; i++) {
            ok = ok && p[i] == 0x3c;
        }
    }
    return ok;
}

/* Released: poisoned under ASan (granule permitting: the caller asks only
 * for whole free granules) and valgrind, filled with BUMP_POISON_FILL. */
static bool released(const unsigned char *p, size_t n)
{
    bool ok = true;
    for (size_t i = 0; i < n; i++) {
#if defined(BUMP_ASAN)
        ok = ok && __asan_address_is_poisoned(p + i);
#elif defined(BUMP_VALGRIND)
        ok = ok && (!RUNNING_ON_VALGRIND || addressability(p + i, 1) == 3);
#elif defined(BUMP_POISON_FILL)
        ok = ok && p[i] == (unsigned char)(BUMP_POISON_FILL);
#else
        (void)p;
#endif
    }
    return ok;
}

/* Found by the random tester (test_asan_random.c): an earlier arena left a
 * granule half poisoned ("07": its first 7 bytes addressable), and a fresh
 * block that starts inside it, at byte 3, was handed out with byte 7
 * poisoned. __asan_region_is_poisoned(p, n), which the stale-poison search
 * used, looks at p itself in the first granule, sees it addressable, and
 * misses the rest; bump_zalloc's memset is checked the same way, so the
 * first report came later, from a plain read: unknown-crash. */
static void poison_fresh_block_inside_a_half_poisoned_granule_is_usable(void)
{
    unsigned char *g = harness_scratch(0); /* 64-byte aligned: granule 0 starts at g */
    bump_t a;
    CHECK(bump_init(&a, g, 8));
    CHECK(bump_alloc(&a, 1, 1) == g + 7);
    bump_reset(&a); /* ASan: the granule at g becomes 07 */
    CHECK(bump_init(&a, g, 16));
    unsigned char *p = bump_zalloc(&a, 13, 1);
    CHECK(p == g + 3);
    if (p != NULL) {
        CHECK(usable(p, 13));
    }
}

/* Bumping down, a released block can share its granule with the live block
 * above it; once that one is released too, the whole granule is free and
 * must be poisoned, including the bytes released first. */
static void poison_granule_released_in_two_steps_is_poisoned_whole(void)
{
    unsigned char *g = harness_scratch(0);
    bump_t a;
    CHECK(bump_init(&a, g, 64));
    unsigned char *high = bump_alloc(&a, 4, 1); /* g + 60 .. g + 64 */
    bump_mark_t m = bump_mark(&a);
    unsigned char *low = bump_alloc(&a, 2, 1); /* g + 58 .. g + 60, same granule */
    CHECK(high == g + 60 && low == g + 58 && bump_rewind(&a, m));
    CHECK(usable(high, 4)); /* the live block above the released one */
    bump_reset(&a);
    CHECK(released(g + 58, 6));
}

/* A 3 MiB block reset, then the arena re-initialised on the same 4 MiB and a
 * 2 MiB block taken: all of it was poisoned by the first arena and all of it
 * must be usable (the stale-poison search stopped at 1 MiB). */
static void poison_reinit_then_large_block_is_usable(void)
{
    static _Alignas(64) unsigned char region[4u << 20];
    bump_t a;
    CHECK(bump_init(&a, region, sizeof region));
    CHECK(bump_alloc(&a, 3u << 20, 8) != NULL);
    bump_reset(&a);
    CHECK(released(region + (1u << 20), 64) && released(region + sizeof region - 64, 64));
    CHECK(bump_init(&a, region, sizeof region));
    unsigned char *p = bump_alloc(&a, 2u << 20, 8);
    CHECK(p == region + (2u << 20));
    if (p != NULL) {
        CHECK(usable(p, 2u << 20));
    }
}

/* More separate poisoned pieces than the ASan build's record of them holds
 * (64): the record merges the closest, and every piece stays usable when an
 * arena takes it again, whole or in part. */
static void poison_many_separate_regions_stay_usable(void)
{
    enum { PIECES = 80, STRIDE = 96, PIECE = 61 };
    static _Alignas(64) unsigned char mem[PIECES * STRIDE];
    bump_t a;
    for (size_t i = 0; i < PIECES; i++) {
        unsigned char *piece = mem + i * STRIDE + (i % 7u); /* unaligned starts */
        CHECK(bump_init(&a, piece, PIECE) && bump_alloc(&a, PIECE, 1) == piece);
        bump_reset(&a);
        CHECK(released(piece + 8, PIECE - 16));
        CHECK(usable(piece + PIECE, STRIDE - PIECE - 7)); /* the gaps were never poisoned */
    }
    for (size_t i = 0; i < PIECES; i++) {
        unsigned char *piece = mem + i * STRIDE + (i % 7u);
        size_t skip = (i % 3u) * 9u; /* a part only, which cuts a recorded range */
        CHECK(bump_init(&a, piece + skip, PIECE - 2u * skip));
        unsigned char *p = bump_alloc(&a, PIECE - 2u * skip, 1);
        CHECK(p == piece + skip && usable(p, PIECE - 2u * skip));
    }
}

#if defined(BUMP_ASAN) && UINTPTR_MAX > 0xffffffffu
/* Shadow is read or written only for memory an arena poisoned: a fresh
 * 64 GiB block is ready at once (asking ASan about it read 8 GiB of shadow
 * and took 31 s; unpoisoning it would commit 8 GiB). */
static double seconds(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static void poison_fresh_huge_block_costs_no_shadow(void)
{
    size_t gib64 = (size_t)64 << 30;
    void *mem = mmap(NULL, gib64, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (!CHECK(mem != MAP_FAILED)) {
        return;
    }
    bump_t a;
    double start = seconds();
    CHECK(bump_init(&a, mem, gib64));
    unsigned char *p = bump_alloc(&a, gib64 - 64, 64);
    double took = seconds() - start;
    CHECK(p != NULL && took < 2.0);
    if (p != NULL) {
        p[0] = 1;
        p[gib64 - 65] = 2;
        CHECK(!__asan_address_is_poisoned(p) && !__asan_address_is_poisoned(p + gib64 - 65));
    }
    CHECK(munmap(mem, gib64) == 0);
}
#endif

static const struct harness_test tests[] = {
    HARNESS_TEST(poison_use_after_reset_rewind_or_shrink_is_caught),
    HARNESS_TEST(poison_covers_exactly_the_released_bytes),
    HARNESS_TEST(poison_follows_a_growable_block),
    HARNESS_TEST(poison_reinit_on_poisoned_memory_is_usable),
    HARNESS_TEST(poison_fresh_block_inside_a_half_poisoned_granule_is_usable),
    HARNESS_TEST(poison_granule_released_in_two_steps_is_poisoned_whole),
    HARNESS_TEST(poison_reinit_then_large_block_is_usable),
    HARNESS_TEST(poison_many_separate_regions_stay_usable),
#if defined(BUMP_ASAN) && UINTPTR_MAX > 0xffffffffu
    HARNESS_TEST(poison_fresh_huge_block_costs_no_shadow),
#endif
};
HARNESS_GROUP(poison_group, tests);
