/* bump_resize: in place for the most recent block, by copy otherwise. */
#include "check_arena.h"

static void fill(unsigned char *p, size_t n, unsigned char seed)
{
    for (size_t i = 0; i < n; i++) {
        p[i] = (unsigned char)(seed + i);
    }
}

static bool holds(const unsigned char *p, size_t n, unsigned char seed)
{
    for (size_t i = 0; i < n; i++) {
        if (p[i] != (unsigned char)(seed + i)) {
            return false;
        }
    }
    return true;
}

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
    fill(p, 10, 1);
    size_t used = bump_used(&a);
    unsigned char *q = bump_resize(&a, p, 10, 25, 1);
    CHECK(q != NULL && bump_used(&a) == used + 15);
    CHECK(q != NULL && holds(q, 10, 1));
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
    fill(p, 100, 9);
    size_t used = bump_used(&a);
    unsigned char *q = bump_resize(&a, p, 100, 40, 1);
    CHECK(q != NULL && bump_used(&a) == used - 60 && holds(q, 40, 9));
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
    fill(p, 16, 3);
    size_t used = bump_used(&a);
    /* A change by a multiple of the alignment: exact. */
    unsigned char *q = bump_resize(&a, p, 16, 32, 8);
    CHECK(q != NULL && is_aligned(q, 8) && bump_used(&a) == used + 16 && holds(q, 16, 3));
    /* Any other change: exact plus less than `align` of padding. */
    used = bump_used(&a);
    unsigned char *r = bump_resize(&a, q, 32, 37, 8);
    CHECK(r != NULL && is_aligned(r, 8) && holds(r, 16, 3));
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
    fill(old, 20, 50);
    fill(newer, 8, 90);
    size_t used = bump_used(&a);
    unsigned char *p = bump_resize(&a, old, 20, 30, 4);
    CHECK(p != NULL && p != old && is_aligned(p, 4));
    CHECK(p != NULL && holds(p, 20, 50) && holds(old, 20, 50) && holds(newer, 8, 90));
    CHECK(bump_used(&a) >= used + 30 && bump_used(&a) < used + 30 + 4);
    /* Shrinking an older block copies the prefix. */
    unsigned char *s = bump_resize(&a, old, 20, 5, 1);
    CHECK(s != NULL && holds(s, 5, 50));
}

static void resize_external_pointer_copies_into_arena(void)
{
    unsigned char *mem = harness_scratch(0);
    bump_t a;
    unsigned char outside[12];
    fill(outside, sizeof outside, 7);
    CHECK(bump_init(&a, mem, 256));
    unsigned char *p = bump_resize(&a, outside, sizeof outside, 20, 2);
    CHECK(p != NULL && inside(p, 20, mem, 256) && holds(p, 12, 7));
}

static void resize_failure_keeps_block_and_arena(void)
{
    unsigned char *mem = harness_scratch(0);
    bump_t a, before;
    CHECK(bump_init(&a, mem, 128));
    unsigned char *old = bump_alloc(&a, 16, 1);
    unsigned char *p = bump_alloc(&a, 16, 1);
    CHECK(old != NULL && p != NULL);
    fill(old, 16, 30);
    fill(p, 16, 60);
    before = a;
    CHECK(bump_resize(&a, p, 16, 200, 1) == NULL);         /* most recent, too big */
    CHECK(bump_resize(&a, old, 16, 200, 1) == NULL);       /* older, too big */
    CHECK(bump_resize(&a, p, 16, SIZE_MAX, 1) == NULL);    /* no wrap */
    CHECK(bump_resize(&a, p, 16, 8, 3) == NULL);           /* bad alignment */
    CHECK(bump_resize(&a, p, 16, 8, 0) == NULL);
    CHECK(bump_resize(&a, old, 16, 8, 0) == NULL);
    CHECK(arena_same(&a, &before) && holds(old, 16, 30) && holds(p, 16, 60));
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
    fill(p, 10, 4);
    unsigned char *q = bump_resize(&a, p, 10, 64, 1); /* all of the region */
    CHECK(q == mem && holds(q, 10, 4) && bump_remaining(&a) == 0);
    CHECK(bump_resize(&a, q, 64, 65, 1) == NULL);
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
};
HARNESS_GROUP(resize_group, tests);
