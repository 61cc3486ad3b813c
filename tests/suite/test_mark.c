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

/* A frame loop: a mark kept by mistake from one turn (a callback, a static)
 * is stale once the next turn begins with a reset, although that turn's own
 * mark stands at the same position and depth. 1,000 turns, a leaked mark on
 * every one. */
static void frame_loop_refuses_the_mark_leaked_from_the_last_turn(void)
{
    unsigned char *mem = harness_scratch(0);
    bump_t frame;
    CHECK(bump_init(&frame, mem, 512));
    bump_mark_t leaked = bump_mark(&frame);
    for (unsigned turn = 0; turn < 1000u; turn++) {
        bump_reset(&frame);
        bump_mark_t mine = bump_mark(&frame);
        char *x = bump_alloc(&frame, 64, 8);
        CHECK(x != NULL);
        stamp(x, 64, (unsigned char)turn);
        CHECK(refused(&frame, leaked));
        char *y = bump_alloc(&frame, 64, 8);
        CHECK(y != NULL && y != x && stamped(x, 64, (unsigned char)turn));
        CHECK(bump_rewind(&frame, mine) && bump_used(&frame) == 0);
        leaked = mine; /* kept past the end of the turn */
    }
    bump_report_t r;
    bump_report(&frame, &r);
    CHECK(r.refused_rewinds == 1000u);
}

/* Without a reset: rewind to an outer mark, regrow, take a new inner mark at
 * the same position and depth as an old one. The old one stays refused. */
static void outer_rewind_and_regrowth_refuse_the_old_inner_mark(void)
{
    unsigned char *mem = harness_scratch(0);
    bump_t a;
    CHECK(bump_init(&a, mem, 512));
    bump_mark_t outer = bump_mark(&a);
    CHECK(bump_alloc(&a, 32, 8) != NULL);
    bump_mark_t old_inner = bump_mark(&a);
    CHECK(bump_alloc(&a, 16, 8) != NULL);
    CHECK(bump_rewind(&a, outer));
    CHECK(bump_alloc(&a, 32, 8) != NULL);
    bump_mark_t new_inner = bump_mark(&a); /* same depth, same position */
    CHECK(new_inner.depth == old_inner.depth);
    char *x = bump_alloc(&a, 16, 8);
    CHECK(x != NULL);
    stamp(x, 16, 7);
    CHECK(refused(&a, old_inner));
    CHECK(bump_alloc(&a, 16, 8) != x && stamped(x, 16, 7));
    CHECK(bump_rewind(&a, new_inner) && bump_used(&a) == 32);
}

/* bump_init on the same bump_t and the same region: every position and depth
 * repeats, and the old marks stay refused. So does a trim's. */
static void reinit_and_trim_refuse_old_marks_at_the_same_positions(void)
{
    unsigned char *mem = harness_scratch(0);
    bump_t a;
    CHECK(bump_init(&a, mem, 512));
    bump_mark_t empty = bump_mark(&a);
    CHECK(bump_alloc(&a, 24, 8) != NULL);
    bump_mark_t m = bump_mark(&a);
    CHECK(bump_init(&a, mem, 512));
    bump_mark_t e2 = bump_mark(&a);
    CHECK(bump_alloc(&a, 24, 8) != NULL);
    bump_mark_t m2 = bump_mark(&a);
    CHECK(e2.depth == empty.depth && m2.depth == m.depth);
    CHECK(bump_alloc(&a, 40, 8) != NULL);
    CHECK(refused(&a, m) && refused(&a, empty));
    CHECK(bump_rewind(&a, m2) && bump_used(&a) == 24);
    /* A trim of the empty arena: the old marks of this lifetime go stale. */
    CHECK(bump_rewind(&a, e2) && bump_trim(&a, 0, 0));
    bump_mark_t e3 = bump_mark(&a);
    CHECK(bump_alloc(&a, 8, 8) != NULL);
    CHECK(refused(&a, e2) && bump_used(&a) == 8);
    CHECK(bump_rewind(&a, e3) && bump_used(&a) == 0);
}

/* A scope whose arena is reset inside it (a subsystem restarts and takes its
 * own mark): its end releases nothing, and the refusal is counted. */
static void scope_with_a_reset_inside_releases_nothing_of_others(void)
{
    unsigned char *mem = harness_scratch(0);
    bump_t a;
    CHECK(bump_init(&a, mem, 512));
    bump_mark_t restarted;
    char *owned;
    {
        BUMP_SCOPE(scope, &a);
        CHECK(bump_alloc(&a, 16, 8) != NULL);
        bump_reset(&a);
        restarted = bump_mark(&a);
        owned = bump_alloc(&a, 48, 8);
        CHECK(owned != NULL);
        stamp(owned, 48, 3);
    }
    CHECK(bump_used(&a) == 48 && bump_owns(&a, owned) && stamped(owned, 48, 3));
    CHECK(bump_alloc(&a, 48, 8) != owned && stamped(owned, 48, 3));
    bump_report_t r;
    bump_report(&a, &r);
    CHECK(r.refused_rewinds == 1u);
    CHECK(bump_rewind(&a, restarted) && bump_used(&a) == 0);
}

/* Scopes nested deeper than the record: the deepest ones release nothing,
 * each is counted twice (unrecorded, then refused), and the outermost one
 * releases everything. */
static void scopes_deeper_than_the_record_are_counted(void)
{
    unsigned char *mem = harness_scratch(0);
    bump_t a;
    CHECK(bump_init(&a, mem, 1024));
    bump_mark_t m[BUMP_MARK_DEPTH + 2u];
    for (size_t i = 0; i < HARNESS_COUNT(m); i++) {
        m[i] = bump_mark(&a);
        CHECK(bump_alloc(&a, 8, 8) != NULL);
    }
    bump_report_t r;
    bump_report(&a, &r);
    CHECK(r.unrecorded_marks == 2u && r.refused_rewinds == 0u);
    CHECK(!bump_rewind(&a, m[BUMP_MARK_DEPTH + 1u]) && !bump_rewind(&a, m[BUMP_MARK_DEPTH]));
    CHECK(bump_used(&a) == 8u * HARNESS_COUNT(m));
    bump_report(&a, &r);
    CHECK(r.unrecorded_marks == 2u && r.refused_rewinds == 2u);
    CHECK(bump_rewind(&a, m[0]) && bump_used(&a) == 0);
    CHECK(bump_init(&a, mem, 1024));
    bump_report(&a, &r);
    CHECK(r.unrecorded_marks == 0u && r.refused_rewinds == 0u);
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

/* Marks at one point are one mark after a reset, a trim or a re-init too:
 * none of them leaves a growable block current, so a growable block taken
 * after a mark in the arena's earlier state is not one taken since. */
static void marks_at_one_point_are_one_mark_after_a_reset_trim_or_reinit(void)
{
    unsigned char *mem = harness_scratch(0);
    bump_t a;
    for (unsigned how = 0; how < 3u; how++) {
        CHECK(bump_init(&a, mem, 512));
        (void)bump_mark(&a);
        CHECK(bump_alloc_growable(&a, 0, 8) != NULL); /* empty, so a trim can follow */
        (void)bump_mark(&a);
        if (how == 0u) {
            bump_reset(&a);
        } else if (how == 1u) {
            CHECK(bump_trim(&a, 16, 16));
        } else {
            CHECK(bump_init(&a, mem, 512));
        }
        CHECK(bump_alloc(&a, 8, 1) != NULL);
        bump_mark_t m1 = bump_mark(&a);
        bump_mark_t m2 = bump_mark(&a);
        CHECK(memcmp(&m1, &m2, sizeof m1) == 0);
    }
}

/* A resize in place moves the marks standing on the block with its start:
 * a rewind to one keeps the block at its new size, grown or shrunk. */
static void resize_in_place_moves_the_marks_on_the_block(void)
{
    unsigned char *mem = harness_scratch(0);
    bump_t a;
    CHECK(bump_init(&a, mem, 512));
    bump_mark_t outer = bump_mark(&a);
    unsigned char *v = bump_alloc(&a, 16, 1);
    stamp(v, 16, 5);
    bump_mark_t young = bump_mark(&a);
    unsigned char *g = bump_resize(&a, v, 16, 48, 1);
    CHECK(g == v - 32 && stamped(g, 16, 5));
    CHECK(bump_alloc(&a, 8, 1) != NULL);
    CHECK(bump_rewind(&a, young) && bump_used(&a) == 48 && stamped(g, 16, 5));
    /* Nothing allocated since: a new mark here is `young` itself. */
    bump_mark_t again = bump_mark(&a);
    CHECK(memcmp(&again, &young, sizeof again) == 0);
    /* Shrinking in place likewise. */
    unsigned char *h = bump_resize(&a, g, 48, 8, 1);
    CHECK(h == g + 40 && stamped(h, 8, 5));
    CHECK(bump_alloc(&a, 100, 1) != NULL);
    CHECK(bump_rewind(&a, young) && bump_used(&a) == 8 && stamped(h, 8, 5));
    /* A mark taken before the block stays valid and releases all of it. */
    CHECK(bump_rewind(&a, outer) && bump_used(&a) == 0);
}

/* A scope per loop turn around an in-place resize of a block taken before
 * the loop: each turn's scope releases what the turn allocated, never the
 * block's growth, and nothing leaks. */
static void scope_around_in_place_resize_leaks_nothing(void)
{
    unsigned char *mem = harness_scratch(0);
    bump_t a;
    CHECK(bump_init(&a, mem, 2048));
    size_t len = 4;
    char *s = bump_alloc(&a, len, 1);
    CHECK(s != NULL);
    stamp(s, len, 9);
    for (unsigned turn = 0; turn < 200; turn++) {
        BUMP_SCOPE(scope, &a);
        char *t = bump_resize(&a, s, len, len + 1u, 1);
        CHECK(t != NULL && stamped(t, 4, 9));
        s = t;
        s[len] = (char)turn;
        len++;
        if (len > 1500u) {
            break;
        }
    }
    CHECK(len == 204u && bump_used(&a) == len && stamped(s, 4, 9));
    for (size_t i = 4; i < len; i++) {
        CHECK((unsigned char)s[i] == (unsigned char)(i - 4u));
    }
    bump_report_t r;
    bump_report(&a, &r);
    CHECK(r.refused_rewinds == 0 && r.unrecorded_marks == 0);
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
    const uint64_t edits[] = {1u, 2u, UINT64_MAX, (uint64_t)1 << 32, (uint64_t)1 << 63};
    for (size_t i = 0; i < HARNESS_COUNT(edits); i++) {
        bump_mark_t f = m;
        f.serial ^= edits[i];
        CHECK(refused(&a, f));
        f = m;
        f.lifetime ^= edits[i];
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
    HARNESS_TEST(frame_loop_refuses_the_mark_leaked_from_the_last_turn),
    HARNESS_TEST(outer_rewind_and_regrowth_refuse_the_old_inner_mark),
    HARNESS_TEST(reinit_and_trim_refuse_old_marks_at_the_same_positions),
    HARNESS_TEST(scope_with_a_reset_inside_releases_nothing_of_others),
    HARNESS_TEST(scopes_deeper_than_the_record_are_counted),
    HARNESS_TEST(reset_makes_every_mark_stale),
    HARNESS_TEST(reinit_makes_every_mark_stale),
    HARNESS_TEST(marks_at_one_point_are_one_mark),
    HARNESS_TEST(marks_at_one_point_are_one_mark_after_a_reset_trim_or_reinit),
    HARNESS_TEST(resize_in_place_moves_the_marks_on_the_block),
    HARNESS_TEST(scope_around_in_place_resize_leaks_nothing),
    HARNESS_TEST(resize_in_place_keeps_marks_taken_before_the_block),
    HARNESS_TEST(resize_with_old_size_past_an_older_mark_is_refused),
    HARNESS_TEST(rewind_foreign_mark_fails_and_changes_nothing),
    HARNESS_TEST(rewind_mark_of_child_arena_on_parent_fails),
    HARNESS_TEST(rewind_forged_mark_is_refused),
    HARNESS_TEST(marks_past_the_depth_are_refused_and_outer_ones_kept),
    HARNESS_TEST(reset_releases_everything_and_keeps_high_water),
};
HARNESS_GROUP(mark_group, tests);
