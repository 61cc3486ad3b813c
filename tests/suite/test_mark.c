/* SPDX-License-Identifier: MIT */
/* bump_mark, bump_rewind and bump_reset: each test is one sentence of the
 * marks contract in bump.h. */
#include "check_arena.h"

/* Whether rewinding to `m` is refused and leaves the arena exactly as it was. */
static bool refused(bump_t *a, bump_mark_t m)
{
    bump_t before = *a;
    return !bump_rewind(a, m) && arena_same(a, &before);
}

static void rewind_releases_everything_after_mark(void)
{
    unsigned char *mem = harness_scratch(0);
    bump_t a;
    CHECK(bump_init(&a, mem, 512));
    void *kept = bump_alloc(&a, 24, 8);
    stamp(kept, 24, 1);
    size_t used = bump_used(&a);
    bump_mark_t m = bump_mark(&a);
    CHECK(bump_used(&a) == used); /* a mark costs nothing in the region */
    void *first = bump_alloc(&a, 40, 8);
    CHECK(bump_alloc(&a, 100, 4) != NULL);
    CHECK(bump_rewind(&a, m));
    CHECK(bump_used(&a) == used && bump_owns(&a, kept) && stamped(kept, 24, 1));
    CHECK(!bump_owns(&a, first));
    /* The released memory is handed out again, from the same place. */
    CHECK(bump_alloc(&a, 40, 8) == first);
}

static void rewind_to_same_mark_every_loop_turn(void)
{
    unsigned char *mem = harness_scratch(0);
    bump_t a;
    CHECK(bump_init(&a, mem, 512));
    void *kept = bump_alloc(&a, 16, 4);
    stamp(kept, 16, 2);
    bump_mark_t m = bump_mark(&a);
    for (unsigned turn = 0; turn < 50; turn++) {
        CHECK(bump_alloc(&a, 1u + turn % 200u, (size_t)1 << (turn % 4u)) != NULL);
        CHECK(bump_rewind(&a, m) && bump_used(&a) == 16);
    }
    CHECK(bump_rewind(&a, m)); /* with nothing allocated: still valid, a no-op */
    CHECK(bump_used(&a) == 16 && stamped(kept, 16, 2));
}

static void scope_per_loop_turn_costs_no_depth(void)
{
    unsigned char *mem = harness_scratch(0);
    bump_t a;
    CHECK(bump_init(&a, mem, 512));
    CHECK(bump_alloc(&a, 8, 8) != NULL);
    bump_mark_t outer = bump_mark(&a);
    CHECK(bump_alloc(&a, 8, 8) != NULL);
    /* Far more turns than BUMP_MARK_DEPTH, each taking a new mark at the same
     * point and rewinding to it: every one is accepted, and so is the outer
     * mark afterwards. */
    for (unsigned turn = 0; turn < 4u * BUMP_MARK_DEPTH + 3u; turn++) {
        bump_mark_t inner = bump_mark(&a);
        CHECK(bump_alloc(&a, 24, 4) != NULL);
        CHECK(bump_rewind(&a, inner) && bump_used(&a) == 16);
    }
    CHECK(bump_rewind(&a, outer) && bump_used(&a) == 8);
}

static void rewind_nested_marks_in_order(void)
{
    unsigned char *mem = harness_scratch(0);
    bump_t a;
    CHECK(bump_init(&a, mem, 512));
    bump_mark_t m0 = bump_mark(&a);
    CHECK(bump_alloc(&a, 10, 1) != NULL);
    bump_mark_t m1 = bump_mark(&a);
    CHECK(bump_alloc(&a, 20, 1) != NULL);
    bump_mark_t m2 = bump_mark(&a);
    CHECK(bump_alloc(&a, 30, 1) != NULL);
    CHECK(bump_rewind(&a, m2) && bump_used(&a) == 30);
    CHECK(bump_rewind(&a, m2) && bump_used(&a) == 30); /* again: a no-op */
    CHECK(bump_rewind(&a, m1) && bump_used(&a) == 10);
    CHECK(bump_rewind(&a, m0) && bump_used(&a) == 0);
}

static void rewind_straight_to_outer_mark_makes_inner_ones_stale(void)
{
    unsigned char *mem = harness_scratch(0);
    bump_t a;
    CHECK(bump_init(&a, mem, 512));
    void *kept = bump_alloc(&a, 12, 4);
    stamp(kept, 12, 3);
    bump_mark_t outer = bump_mark(&a);
    CHECK(bump_alloc(&a, 10, 1) != NULL);
    bump_mark_t mid = bump_mark(&a);
    CHECK(bump_alloc(&a, 20, 1) != NULL);
    bump_mark_t inner = bump_mark(&a);
    CHECK(bump_rewind(&a, outer) && bump_used(&a) == 12);
    /* The arena regrows past both inner positions with different blocks. */
    char *z = bump_alloc(&a, 100, 1);
    CHECK(z != NULL);
    CHECK(refused(&a, mid) && refused(&a, inner));
    /* Even when it stands exactly at a stale mark's position again. */
    CHECK(bump_rewind(&a, outer));
    CHECK(bump_alloc(&a, 10, 1) != NULL && bump_used(&a) == 22);
    CHECK(refused(&a, mid));
    CHECK(bump_rewind(&a, outer) && stamped(kept, 12, 3));
}

/* The bug that reached users: a stale mark accepted after a reset, handing
 * out live memory twice. */
static void rewind_after_reset_and_regrowth_is_refused(void)
{
    unsigned char *mem = harness_scratch(0);
    bump_t a;
    CHECK(bump_init(&a, mem, 2048));
    CHECK(bump_alloc(&a, 64, 8) != NULL);
    bump_mark_t m = bump_mark(&a);
    CHECK(bump_alloc(&a, 64, 8) != NULL);
    bump_reset(&a);
    char *z = bump_alloc(&a, 1024, 8); /* live, and covers m's position */
    CHECK(z != NULL);
    stamp(z, 1024, 4);
    CHECK(refused(&a, m));
    CHECK(bump_used(&a) == 1024);
    char *w = bump_alloc(&a, 16, 1);
    CHECK(w != NULL && (w + 16 <= z || w >= z + 1024) && stamped(z, 1024, 4));
}

static void reset_makes_every_mark_stale(void)
{
    unsigned char *mem = harness_scratch(0);
    bump_t a;
    CHECK(bump_init(&a, mem, 512));
    bump_mark_t empty = bump_mark(&a);
    CHECK(bump_alloc(&a, 10, 1) != NULL);
    bump_mark_t m = bump_mark(&a);
    bump_reset(&a);
    CHECK(refused(&a, m) && refused(&a, empty));
    CHECK(bump_alloc(&a, 300, 1) != NULL);
    CHECK(refused(&a, m) && refused(&a, empty));
}

static void reinit_makes_every_mark_stale(void)
{
    unsigned char *mem = harness_scratch(0);
    bump_t a;
    CHECK(bump_init(&a, mem, 512));
    CHECK(bump_alloc(&a, 32, 1) != NULL);
    bump_mark_t m = bump_mark(&a);
    CHECK(bump_init(&a, mem, 512));
    char *z = bump_alloc(&a, 200, 1);
    CHECK(z != NULL && refused(&a, m));
    /* On another region of the same bump_t too. */
    bump_mark_t n = bump_mark(&a);
    CHECK(bump_init(&a, mem + 1024, 512));
    CHECK(refused(&a, n) && refused(&a, m));
}

static void marks_at_one_point_are_one_mark(void)
{
    unsigned char *mem = harness_scratch(0);
    bump_t a;
    CHECK(bump_init(&a, mem, 512));
    CHECK(bump_alloc(&a, 8, 1) != NULL);
    bump_mark_t m1 = bump_mark(&a);
    bump_mark_t m2 = bump_mark(&a);
    CHECK(memcmp(&m1, &m2, sizeof m1) == 0);
    CHECK(bump_alloc(&a, 8, 1) != NULL);
    CHECK(bump_rewind(&a, m1) && bump_rewind(&a, m2) && bump_used(&a) == 8);
}

static void resize_in_place_makes_younger_marks_stale(void)
{
    unsigned char *mem = harness_scratch(0);
    bump_t a;
    CHECK(bump_init(&a, mem, 512));
    bump_mark_t outer = bump_mark(&a);
    unsigned char *v = bump_alloc(&a, 16, 1);
    stamp(v, 16, 5);
    bump_mark_t young = bump_mark(&a); /* taken after v: stands on its start */
    unsigned char *g = bump_resize(&a, v, 16, 48, 1);
    CHECK(g == v - 32 && stamped(g, 16, 5));
    /* Rewinding to `young` would release most of the grown block. */
    CHECK(refused(&a, young));
    CHECK(bump_used(&a) == 48 && stamped(g, 16, 5));
    /* A mark taken before the block stays valid and releases all of it. */
    CHECK(bump_rewind(&a, outer) && bump_used(&a) == 0);

    /* Shrinking in place likewise. */
    v = bump_alloc(&a, 64, 1);
    young = bump_mark(&a);
    CHECK(bump_resize(&a, v, 64, 8, 1) == v + 56);
    CHECK(refused(&a, young) && bump_used(&a) == 8);
}

static void resize_in_place_keeps_marks_taken_before_the_block(void)
{
    unsigned char *mem = harness_scratch(0);
    bump_t a;
    CHECK(bump_init(&a, mem, 512));
    unsigned char *older = bump_alloc(&a, 20, 1);
    stamp(older, 20, 6);
    bump_mark_t m = bump_mark(&a);
    unsigned char *v = bump_alloc(&a, 10, 1);
    unsigned char *g = bump_resize(&a, v, 10, 100, 1);
    CHECK(g == v - 90);
    g = bump_resize(&a, g, 100, 5, 1);
    CHECK(g != NULL && bump_used(&a) == 25);
    CHECK(bump_rewind(&a, m) && bump_used(&a) == 20 && stamped(older, 20, 6));
}

static void resize_with_old_size_past_an_older_mark_is_refused(void)
{
    unsigned char *mem = harness_scratch(0);
    bump_t a, before;
    CHECK(bump_init(&a, mem, 512));
    unsigned char *older = bump_alloc(&a, 20, 1);
    stamp(older, 20, 7);
    bump_mark_t m = bump_mark(&a);
    unsigned char *v = bump_alloc(&a, 10, 1);
    before = a;
    /* 11 bytes would take in a byte of `older`, which lies above the mark. */
    CHECK(bump_resize(&a, v, 11, 4, 1) == NULL && arena_same(&a, &before));
    CHECK(bump_resize(&a, v, 30, 40, 1) == NULL && arena_same(&a, &before));
    CHECK(bump_rewind(&a, m) && stamped(older, 20, 7));
}

static void rewind_foreign_mark_fails_and_changes_nothing(void)
{
    unsigned char *mem = harness_scratch(0);
    bump_t a, b;
    CHECK(bump_init(&a, mem, 512) && bump_init(&b, mem + 1024, 512));
    CHECK(bump_alloc(&a, 64, 1) != NULL && bump_alloc(&b, 64, 1) != NULL);
    bump_mark_t mb = bump_mark(&b);
    CHECK(refused(&a, mb));
    /* Two arenas over the same memory, at the same position. */
    bump_t c;
    CHECK(bump_init(&c, mem, 512) && bump_alloc(&c, 64, 1) != NULL);
    bump_mark_t mc = bump_mark(&c);
    (void)bump_mark(&a);
    CHECK(refused(&a, mc));
}

static void rewind_mark_of_child_arena_on_parent_fails(void)
{
    unsigned char *mem = harness_scratch(0);
    bump_t parent, child;
    CHECK(bump_init(&parent, mem, 1024));
    CHECK(bump_init_child(&child, &parent, 256));
    CHECK(bump_alloc(&child, 16, 1) != NULL);
    /* The child's position lies inside the parent's allocated part. */
    bump_mark_t mc = bump_mark(&child);
    CHECK(refused(&parent, mc));
    bump_mark_t mp = bump_mark(&parent);
    CHECK(refused(&child, mp));
}

static void rewind_forged_mark_is_refused(void)
{
    unsigned char *mem = harness_scratch(0);
    bump_t a;
    CHECK(bump_init(&a, mem, 512));
    CHECK(bump_alloc(&a, 64, 1) != NULL);
    bump_mark_t m = bump_mark(&a);
    CHECK(bump_alloc(&a, 64, 1) != NULL);
    const uintptr_t tops[] = {(uintptr_t)bump_end(&a) + 1u, UINTPTR_MAX, (uintptr_t)bump_start(&a) - 1u, 0,
                              (uintptr_t)bump_top(&a), (uintptr_t)bump_top(&a) - 1u, m.top + 1u, m.top - 1u,
                              (uintptr_t)bump_end(&a)};
    for (size_t i = 0; i < HARNESS_COUNT(tops); i++) {
        bump_mark_t f = m;
        f.top = tops[i];
        CHECK(refused(&a, f));
    }
    const size_t depths[] = {1, 2, BUMP_MARK_DEPTH - 1u, BUMP_MARK_DEPTH, SIZE_MAX};
    for (size_t i = 0; i < HARNESS_COUNT(depths); i++) {
        bump_mark_t f = m;
        f.depth = depths[i];
        CHECK(f.depth == m.depth || refused(&a, f));
    }
    bump_mark_t f = m;
    f.arena = NULL;
    CHECK(refused(&a, f));
    CHECK(bump_rewind(&a, m) && bump_used(&a) == 64);
}

static void marks_past_the_depth_are_refused_and_outer_ones_kept(void)
{
    unsigned char *mem = harness_scratch(0);
    bump_t a;
    CHECK(bump_init(&a, mem, 1024));
    bump_mark_t m[BUMP_MARK_DEPTH + 3u];
    for (size_t i = 0; i < HARNESS_COUNT(m); i++) {
        m[i] = bump_mark(&a);
        CHECK(bump_alloc(&a, 4, 1) != NULL);
    }
    /* At least BUMP_MARK_DEPTH levels are told apart; deeper ones at new
     * positions are refused, never mistaken for another. */
    for (size_t i = BUMP_MARK_DEPTH; i < HARNESS_COUNT(m); i++) {
        CHECK(refused(&a, m[i]));
    }
    for (size_t i = BUMP_MARK_DEPTH; i > 0; i--) {
        CHECK(bump_rewind(&a, m[i - 1u]) && bump_used(&a) == 4u * (i - 1u));
    }
}

static void reset_releases_everything_and_keeps_high_water(void)
{
    unsigned char *mem = harness_scratch(0);
    bump_t a;
    CHECK(bump_init(&a, mem + 1, 300));
    void *p = bump_alloc(&a, 100, 4);
    CHECK(p != NULL && bump_alloc(&a, 50, 1) != NULL);
    size_t peak = bump_used(&a);
    bump_reset(&a);
    CHECK(bump_used(&a) == 0 && bump_remaining(&a) == 300 && bump_high_water(&a) == peak);
    CHECK(!bump_owns(&a, p));
    CHECK(bump_alloc(&a, 100, 4) == p);
    bump_reset(&a);
    bump_reset(&a); /* twice: harmless */
    CHECK(bump_used(&a) == 0 && bump_high_water(&a) == peak);
    CHECK(bump_alloc(&a, 300, 1) != NULL);
}

static const struct harness_test tests[] = {
    HARNESS_TEST(rewind_releases_everything_after_mark),
    HARNESS_TEST(rewind_to_same_mark_every_loop_turn),
    HARNESS_TEST(scope_per_loop_turn_costs_no_depth),
    HARNESS_TEST(rewind_nested_marks_in_order),
    HARNESS_TEST(rewind_straight_to_outer_mark_makes_inner_ones_stale),
    HARNESS_TEST(rewind_after_reset_and_regrowth_is_refused),
    HARNESS_TEST(reset_makes_every_mark_stale),
    HARNESS_TEST(reinit_makes_every_mark_stale),
    HARNESS_TEST(marks_at_one_point_are_one_mark),
    HARNESS_TEST(resize_in_place_makes_younger_marks_stale),
    HARNESS_TEST(resize_in_place_keeps_marks_taken_before_the_block),
    HARNESS_TEST(resize_with_old_size_past_an_older_mark_is_refused),
    HARNESS_TEST(rewind_foreign_mark_fails_and_changes_nothing),
    HARNESS_TEST(rewind_mark_of_child_arena_on_parent_fails),
    HARNESS_TEST(rewind_forged_mark_is_refused),
    HARNESS_TEST(marks_past_the_depth_are_refused_and_outer_ones_kept),
    HARNESS_TEST(reset_releases_everything_and_keeps_high_water),
};
HARNESS_GROUP(mark_group, tests);
