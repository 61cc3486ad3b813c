/*
 * Poisoning of released memory, in whichever form this build has: under
 * AddressSanitizer and valgrind a use after reset, rewind or shrink is
 * reported; with BUMP_POISON_FILL the released bytes hold the fill; in a plain
 * build nothing is touched (poisoning costs nothing unless asked for).
 */
#define _DEFAULT_SOURCE
#include <signal.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check_arena.h"
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

enum release { BY_RESET, BY_REWIND, BY_SHRINK };

/* In a child: allocates a block, releases it the given way, then reads it.
 * Returns the child's exit status, or 128 + signal when a signal ended it. */
static int read_after_release(enum release how)
{
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        bump_t a;
        unsigned char *mem = harness_scratch(0);
        (void)bump_init(&a, mem, 256);
        bump_mark_t m = bump_mark(&a);
        unsigned char *p = bump_alloc(&a, 64, 8);
        p[0] = 1;
        volatile unsigned char *stale = p;
        switch (how) {
        case BY_RESET: bump_reset(&a); break;
        case BY_REWIND: (void)bump_rewind(&a, m); break;
        case BY_SHRINK: stale = (unsigned char *)bump_resize(&a, p, 64, 8, 8) - 1; break; /* just released */
        }
        unsigned char value = *stale; /* the use after release */
        _exit(value == 0xa5 ? 3 : 0);
    }
    int status = 0;
    if (pid < 0 || waitpid(pid, &status, 0) != pid) {
        return -1;
    }
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
    enum release ways[] = {BY_RESET, BY_REWIND, BY_SHRINK};
    for (size_t i = 0; i < HARNESS_COUNT(ways); i++) {
        int status = read_after_release(ways[i]);
        if (caught_by_tool()) {
            /* ASan exits 1 after its report; valgrind with the run's
             * --error-exitcode (99). Either way, not a clean 0. */
            CHECK(status != 0 && status != 3 && status != -1);
        } else {
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

static const struct harness_test tests[] = {
    HARNESS_TEST(poison_use_after_reset_rewind_or_shrink_is_caught),
    HARNESS_TEST(poison_covers_exactly_the_released_bytes),
    HARNESS_TEST(poison_reinit_on_poisoned_memory_is_usable),
};
HARNESS_GROUP(poison_group, tests);
