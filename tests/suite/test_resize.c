/* SPDX-License-Identifier: MIT */
/* bump_resize: in place for the most recent block, by copy otherwise. */
#include "check_arena.h"

static void resize_null_allocates(void)
{
    unsigned char *mem = harness_scratch(0);
    bump_t a;
    CHECK(bump_init(&a, mem, 256));
    void *p = bump_resize(&a, NULL, 999, 24, 8);
    CHECK(p != NULL && is_aligned(p, 8) && bump_used(&a) == 24);
    CHECK(bump_resize(&a, NULL, 0, 1000, 8) == NULL);
}

static void resize_grow_most_recent_in_place_by_exactly_delta(void)
{
    unsigned char *mem = harness_scratch(0);
    bump_t a;
    CHECK(bump_init(&a, mem, 512));
    CHECK(bump_alloc(&a, 7, 1) != NULL); /* an older block */
    unsigned char *p = bump_alloc(&a, 10, 1);
    CHECK(p != NULL);
    stamp(p, 10, 1);
    size_t used = bump_used(&a);
    unsigned char *q = bump_resize(&a, p, 10, 25, 1);
    CHECK(q != NULL && bump_used(&a) == used + 15);
    CHECK(q != NULL && stamped(q, 10, 1));
    /* Bumping down, the end stays where it was. */
    CHECK(q + 25 == p + 10);
}

static void resize_shrink_most_recent_in_place_by_exactly_delta(void)
{
    unsigned char *mem = harness_scratch(0);
    bump_t a;
    CHECK(bump_init(&a, mem, 512));
    unsigned char *p = bump_alloc(&a, 100, 1);
    CHECK(p != NULL);
    stamp(p, 100, 9);
    size_t used = bump_used(&a);
    unsigned char *q = bump_resize(&a, p, 100, 40, 1);
    CHECK(q != NULL && bump_used(&a) == used - 60 && stamped(q, 40, 9));
    CHECK(bump_high_water(&a) == used); /* the peak is remembered */
    q = bump_resize(&a, q, 40, 0, 1);
    CHECK(q != NULL && bump_used(&a) == used - 100);
}

static void resize_aligned_most_recent_keeps_alignment_with_bounded_padding(void)
{
    unsigned char *mem = harness_scratch(0);
    bump_t a;
    CHECK(bump_init(&a, mem, 512));
    unsigned char *p = bump_alloc(&a, 16, 8);
    CHECK(p != NULL);
    stamp(p, 16, 3);
    size_t used = bump_used(&a);
    /* A change by a multiple of the alignment: exact. */
    unsigned char *q = bump_resize(&a, p, 16, 32, 8);
    CHECK(q != NULL && is_aligned(q, 8) && bump_used(&a) == used + 16 && stamped(q, 16, 3));
    /* Any other change: exact plus less than `align` of padding. */
    used = bump_used(&a);
    unsigned char *r = bump_resize(&a, q, 32, 37, 8);
    CHECK(r != NULL && is_aligned(r, 8) && stamped(r, 16, 3));
    CHECK(bump_used(&a) >= used + 5 && bump_used(&a) < used + 5 + 8);
}

static void resize_older_block_copies_and_keeps_old_one(void)
{
    unsigned char *mem = harness_scratch(0);
    bump_t a;
    CHECK(bump_init(&a, mem, 512));
    unsigned char *old = bump_alloc(&a, 20, 4);
    unsigned char *newer = bump_alloc(&a, 8, 4);
    CHECK(old != NULL && newer != NULL);
    stamp(old, 20, 50);
    stamp(newer, 8, 90);
    size_t used = bump_used(&a);
    unsigned char *p = bump_resize(&a, old, 20, 30, 4);
    CHECK(p != NULL && p != old && is_aligned(p, 4));
    CHECK(p != NULL && stamped(p, 20, 50) && stamped(old, 20, 50) && stamped(newer, 8, 90));
    CHECK(bump_used(&a) >= used + 30 && bump_used(&a) < used + 30 + 4);
    /* Shrinking an older block copies the prefix. */
    unsigned char *s = bump_resize(&a, old, 20, 5, 1);
    CHECK(s != NULL && stamped(s, 5, 50));
}

static void resize_external_pointer_copies_into_arena(void)
{
    unsigned char *mem = harness_scratch(0);
    bump_t a;
    unsigned char outside[12];
    stamp(outside, sizeof outside, 7);
    CHECK(bump_init(&a, mem, 256));
    unsigned char *p = bump_resize(&a, outside, sizeof outside, 20, 2);
    CHECK(p != NULL && inside(p, 20, mem, 256) && stamped(p, 12, 7));
}

static void resize_failure_keeps_block_and_arena(void)
{
    unsigned char *mem = harness_scratch(0);
    bump_t a, before;
    CHECK(bump_init(&a, mem, 128));
    unsigned char *old = bump_alloc(&a, 16, 1);
    unsigned char *p = bump_alloc(&a, 16, 1);
    CHECK(old != NULL && p != NULL);
    stamp(old, 16, 30);
    stamp(p, 16, 60);
    before = a;
    CHECK(bump_resize(&a, p, 16, 200, 1) == NULL);         /* most recent, too big */
    CHECK(bump_resize(&a, old, 16, 200, 1) == NULL);       /* older, too big */
    CHECK(bump_resize(&a, p, 16, SIZE_MAX, 1) == NULL);    /* no wrap */
    CHECK(bump_resize(&a, p, 16, 8, 3) == NULL);           /* bad alignment */
    CHECK(bump_resize(&a, p, 16, 8, 0) == NULL);
    CHECK(bump_resize(&a, old, 16, 8, 0) == NULL);
    CHECK(arena_same(&a, &before) && stamped(old, 16, 30) && stamped(p, 16, 60));
}

static void resize_refuses_released_memory_and_sizes_past_the_end(void)
{
    unsigned char *mem = harness_scratch(0);
    bump_t a, before;
    CHECK(bump_init(&a, mem, 128));
    bump_mark_t m = bump_mark(&a);
    unsigned char *stale = bump_alloc(&a, 16, 1);
    CHECK(stale != NULL && bump_rewind(&a, m));
    unsigned char *live = bump_alloc(&a, 8, 1);
    CHECK(live != NULL);
    before = a;
    CHECK(bump_resize(&a, stale, 16, 4, 1) == NULL);        /* released: now free memory */
    CHECK(bump_resize(&a, live, 9, 4, 1) == NULL);          /* runs past the region's end */
    CHECK(bump_resize(&a, live, SIZE_MAX, 4, 1) == NULL);
    CHECK(bump_resize(&a, mem, 1, 4, 1) == NULL);           /* the free part */
    CHECK(arena_same(&a, &before));
    /* The same for a block that is no longer the most recent one. */
    CHECK(bump_alloc(&a, 4, 1) != NULL);
    before = a;
    CHECK(bump_resize(&a, live, 9, 4, 1) == NULL);
    CHECK(bump_resize(&a, live, SIZE_MAX, 4, 1) == NULL);
    CHECK(arena_same(&a, &before));
}

static void resize_pointer_at_region_end_is_inside(void)
{
    unsigned char *mem = harness_scratch(0);
    bump_t a, before;
    CHECK(bump_init(&a, mem, 128));
    unsigned char *end = bump_alloc(&a, 0, 1); /* on an empty arena: the region's end */
    CHECK(end == mem + 128);
    before = a;
    /* Found by the fuzzer: it used to count as outside and read past the end. */
    CHECK(bump_resize(&a, end, 400, 8, 1) == NULL && arena_same(&a, &before));
    CHECK(bump_resize(&a, end, 1, 8, 1) == NULL && arena_same(&a, &before));
    unsigned char *p = bump_resize(&a, end, 0, 8, 1); /* a size-0 block grows */
    CHECK(p == mem + 120);
}

static void resize_grow_of_most_recent_limited_by_remaining(void)
{
    unsigned char *mem = harness_scratch(0);
    bump_t a;
    CHECK(bump_init(&a, mem, 64));
    unsigned char *p = bump_alloc(&a, 10, 1);
    CHECK(p != NULL);
    stamp(p, 10, 4);
    unsigned char *q = bump_resize(&a, p, 10, 64, 1); /* all of the region */
    CHECK(q == mem && stamped(q, 10, 4) && bump_remaining(&a) == 0);
    CHECK(bump_resize(&a, q, 64, 65, 1) == NULL);
}

static void resize_copies_only_what_is_kept_and_writes_nothing_around(void)
{
    unsigned char *mem = harness_scratch(0x5a);
    bump_t a;
    CHECK(bump_init(&a, mem, 256));
    unsigned char *first = bump_alloc(&a, 16, 1);   /* mem + 240 */
    unsigned char *second = bump_alloc(&a, 40, 1);  /* mem + 200 */
    unsigned char *third = bump_alloc(&a, 40, 1);   /* mem + 160, the most recent */
    CHECK(first == mem + 240 && second == mem + 200 && third == mem + 160);
    if (third != mem + 160) {
        return;
    }
    stamp(first, 16, 10);
    stamp(second, 40, 60);
    stamp(third, 40, 120);
    /* Shrinking the most recent block in place: its end stays, so copying
     * more than the 10 kept bytes would run into `second` above it. */
    unsigned char *kept = bump_resize(&a, third, 40, 10, 1);
    CHECK(kept == mem + 190 && stamped(kept, 10, 120));
    CHECK(stamped(second, 40, 60) && stamped(first, 16, 10));
    CHECK(all_bytes(mem, 160, 0x5a)); /* the free part below (not the released bytes) */
    /* Shrinking an older block leaves it where it stands: nothing is copied,
     * released or written. */
    bump_t before = a;
    unsigned char *same = bump_resize(&a, second, 40, 10, 1);
    CHECK(same == second && arena_same(&before, &a) && stamped(second, 40, 60));
    CHECK(stamped(kept, 10, 120) && stamped(first, 16, 10) && all_bytes(mem, 160, 0x5a));
    /* ...unless it must move to meet a stricter alignment: a new block. */
    unsigned char *moved = bump_resize(&a, second + 1, 8, 8, 8);
    CHECK(moved == mem + 176 && stamped(moved, 8, 67) && stamped(second, 40, 60));
    /* Growing an older block: the new block gets its 16 bytes, nothing else
     * above or below it changes. */
    unsigned char *grown = bump_resize(&a, first, 16, 24, 1);
    CHECK(grown == mem + 152 && stamped(grown, 16, 10));
    CHECK(stamped(moved, 8, 67) && stamped(kept, 10, 120) && stamped(second, 40, 60) && stamped(first, 16, 10));
    CHECK(all_bytes(mem, 152, 0x5a));
}

static void resize_by_copy_keeps_the_mark_at_top_valid(void)
{
    unsigned char *mem = harness_scratch(0);
    bump_t a;
    CHECK(bump_init(&a, mem, 256));
    unsigned char *older = bump_alloc(&a, 16, 1);
    CHECK(bump_alloc(&a, 8, 1) != NULL);
    size_t used = bump_used(&a);
    bump_mark_t m = bump_mark(&a); /* stands at top, on no block */
    unsigned char *copy = bump_resize(&a, older, 16, 32, 1);
    CHECK(copy != NULL && copy != older && bump_used(&a) == used + 32);
    /* Only an in-place resize moves a block the mark stands on; a copy is a
     * new block after the mark, and the rewind releases it. */
    CHECK(bump_rewind(&a, m) && bump_used(&a) == used);
}

static const struct harness_test tests[] = {
    HARNESS_TEST(resize_null_allocates),
    HARNESS_TEST(resize_grow_most_recent_in_place_by_exactly_delta),
    HARNESS_TEST(resize_shrink_most_recent_in_place_by_exactly_delta),
    HARNESS_TEST(resize_aligned_most_recent_keeps_alignment_with_bounded_padding),
    HARNESS_TEST(resize_older_block_copies_and_keeps_old_one),
    HARNESS_TEST(resize_external_pointer_copies_into_arena),
    HARNESS_TEST(resize_failure_keeps_block_and_arena),
    HARNESS_TEST(resize_refuses_released_memory_and_sizes_past_the_end),
    HARNESS_TEST(resize_pointer_at_region_end_is_inside),
    HARNESS_TEST(resize_grow_of_most_recent_limited_by_remaining),
    HARNESS_TEST(resize_copies_only_what_is_kept_and_writes_nothing_around),
    HARNESS_TEST(resize_by_copy_keeps_the_mark_at_top_valid),
};
HARNESS_GROUP(resize_group, tests);
