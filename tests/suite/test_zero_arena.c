/* SPDX-License-Identifier: MIT */
/* A bump_t that bump_init never saw, in zero-initialised storage (a static
 * arena, or an interrupt that allocates before main calls bump_init): an
 * empty arena of capacity 0, at every optimisation level (make test builds
 * the suite at -O0 to -O3 and -Os). Each test takes a fresh zeroed bump_t and
 * checks that every call answers as bump.h says and writes nothing outside
 * it: the scratch memory around is filled with a pattern that must survive. */
#include "check_arena.h"

static bump_t zeroed; /* static storage: zero-initialised, never given to bump_init */
static unsigned char *scratch;

static bump_t *fresh(void)
{
    static const bump_t zero;
    zeroed = zero;
    scratch = harness_scratch(0x5a);
    return &zeroed;
}

static bool scratch_untouched(void)
{
    const unsigned char *s = scratch;
    for (size_t i = 0; i < HARNESS_SCRATCH_SIZE; i++) {
        if (s[i] != 0x5au) {
            return false;
        }
    }
    return true;
}

struct pair {
    int x;
    double y;
};

static void every_allocation_returns_null_and_counts(void)
{
    bump_t *a = fresh();
    size_t runtime_size = opaque(16);
    size_t runtime_align = opaque(8);
    CHECK(BUMP_NEW(a, struct pair) == NULL);
    CHECK(BUMP_NEW_ARRAY(a, uint32_t, 4) == NULL);
    CHECK(bump_alloc(a, 0, 1) == NULL);
    CHECK(bump_alloc(a, 1, 1) == NULL);
    CHECK(bump_alloc(a, 8, 8) == NULL);
    CHECK(bump_alloc(a, runtime_size, runtime_align) == NULL);
    CHECK(bump_alloc(a, opaque(0), opaque(1)) == NULL);
    CHECK(bump_alloc(a, SIZE_MAX, 1) == NULL);
    CHECK(bump_zalloc(a, 24, 4) == NULL);
    CHECK(bump_alloc_array(a, 3, 8, 8) == NULL);
    CHECK(bump_zalloc_array(a, 3, 8, 8) == NULL);
    CHECK(bump_alloc_slow(a, 4, 4) == NULL);
    CHECK(bump_alloc_atomic(a, 4, 4) == NULL);
    CHECK(bump_alloc_atomic(a, 0, 1) == NULL);
    CHECK(bump_alloc_growable(a, 0, 1) == NULL);
    CHECK(bump_alloc_growable(a, 16, 8) == NULL);
    CHECK(bump_resize(a, NULL, 0, 8, 8) == NULL);
    CHECK(bump_resize(a, NULL, 0, 0, 1) == NULL);
    bump_report_t r;
    bump_report(a, &r);
    CHECK(r.failures == 18 && r.capacity == 0 && r.used == 0 && r.high_water == 0);
    CHECK(bump_used(a) == 0 && bump_remaining(a) == 0 && bump_capacity(a) == 0);
    CHECK(bump_growable(a) == NULL && !bump_owns(a, NULL) && !bump_owns(a, &r));
    CHECK(scratch_untouched());
}

static void every_other_call_is_defined(void)
{
    bump_t *a = fresh();
    unsigned char *outside = scratch;
    /* A foreign block is copied in: there is no room, so NULL. */
    CHECK(bump_resize(a, outside, 8, 4, 1) == NULL);
    bump_mark_t m = bump_mark(a);
    CHECK(bump_rewind(a, m) && bump_used(a) == 0);
    bump_reset(a);
    bump_reset_high_water(a);
    CHECK(!bump_trim(a, 1, 0) && bump_trim(a, 0, 0));
    bump_t child;
    CHECK(!bump_init_child(&child, a, 16));
    bump_report_t r;
    CHECK(!bump_postmortem(a, outside, 64, &r));
    CHECK(bump_alloc(a, 1, 1) == NULL && bump_alloc_growable(a, 0, 1) == NULL);
    bump_report(a, &r);
    CHECK(r.failures == 4 && r.used == 0);
    CHECK(scratch_untouched());
    /* bump_init makes it a real arena. */
    CHECK(bump_init(a, outside, 64) && bump_alloc(a, 8, 8) != NULL);
}

static const struct harness_test tests[] = {
    HARNESS_TEST(every_allocation_returns_null_and_counts),
    HARNESS_TEST(every_other_call_is_defined),
};
HARNESS_GROUP(zero_arena_group, tests);
