/* SPDX-License-Identifier: MIT */
/* bump_alloc_growable and the resizes, marks and figures that cover growable
 * blocks: each test is one sentence of their contract in bump.h. */
#include "check_arena.h"

static bool refused_resize(bump_t *a, void *p, size_t old_size, size_t new_size, size_t align)
{
    bump_t before = *a;
    return bump_resize(a, p, old_size, new_size, align) == NULL && failed_once(&before, a, new_size, align);
}

static void growable_starts_at_the_floor_aligned_and_moves_it(void)
{
    unsigned char *mem = harness_scratch(0);
    bump_t a;
    CHECK(bump_init(&a, mem, 512));
    CHECK(bump_floor(&a) == mem && bump_growable(&a) == NULL);
    unsigned char *g = bump_alloc_growable(&a, 10, 8);
    CHECK(g == mem && bump_floor(&a) == mem + 10 && bump_growable(&a) == g && bump_used(&a) == 10);
    unsigned char *h = bump_alloc_growable(&a, 5, 16); /* 6 bytes of padding */
    CHECK(h == mem + 16 && bump_floor(&a) == mem + 21 && bump_growable(&a) == h && bump_used(&a) == 21);
    CHECK(bump_top(&a) == mem + 512 && bump_remaining(&a) == 512 - 21 && arena_consistent(&a));
    /* Plain blocks still come from the other end. */
    CHECK(bump_alloc(&a, 8, 8) == mem + 504 && bump_used(&a) == 29);
}

static void growable_grows_in_place_whatever_plain_blocks_come_between(void)
{
    unsigned char *mem = harness_scratch(0);
    bump_t a;
    CHECK(bump_init(&a, mem, 4096));
    unsigned char *v = bump_alloc_growable(&a, 0, 4);
    unsigned char *plain[40];
    size_t size = 0;
    for (unsigned i = 0; i < 40u; i++) {
        size_t used = bump_used(&a);
        CHECK(bump_resize(&a, v, size, size + 16u, 4) == v); /* the same pointer */
        CHECK(bump_used(&a) == used + 16u && bump_floor(&a) == v + size + 16u);
        stamp(v + size, 16, (unsigned char)i);
        size += 16u;
        plain[i] = bump_alloc(&a, 1u + i, 1);
        CHECK(plain[i] != NULL);
        stamp(plain[i], 1u + i, (unsigned char)(100u + i));
    }
    for (unsigned i = 0; i < 40u; i++) {
        CHECK(stamped(v + 16u * i, 16, (unsigned char)i) && stamped(plain[i], 1u + i, (unsigned char)(100u + i)));
    }
    CHECK(arena_consistent(&a));
}

static void growable_shrinks_in_place_and_gives_the_bytes_back(void)
{
    unsigned char *mem = harness_scratch(0x5a);
    bump_t a;
    CHECK(bump_init(&a, mem, 512));
    unsigned char *v = bump_alloc_growable(&a, 100, 1);
    stamp(v, 100, 3);
    size_t remaining = bump_remaining(&a);
    CHECK(bump_resize(&a, v, 100, 30, 1) == v && bump_remaining(&a) == remaining + 70);
    CHECK(bump_floor(&a) == v + 30 && stamped(v, 30, 3)); /* kept where it stands */
    CHECK(bump_resize(&a, v, 30, 0, 1) == v && bump_used(&a) == 0 && bump_growable(&a) == v);
    CHECK(bump_high_water(&a) == 100 && arena_consistent(&a));
    CHECK(bump_resize(&a, v, 0, 60, 1) == v && bump_used(&a) == 60);
}

static void growable_that_does_not_fit_changes_only_the_failure_record(void)
{
    unsigned char *mem = harness_scratch(0);
    bump_t a, before;
    CHECK(bump_init(&a, mem, 256));
    unsigned char *top = bump_alloc(&a, 56, 8); /* top at mem + 200 */
    CHECK(top == mem + 200);
    before = a;
    CHECK(bump_alloc_growable(&a, 201, 1) == NULL && failed_once(&before, &a, 201, 1));
    const size_t aligns[] = {0, 3, 6, SIZE_MAX};
    for (size_t i = 0; i < HARNESS_COUNT(aligns); i++) {
        before = a;
        CHECK(bump_alloc_growable(&a, 8, aligns[i]) == NULL && failed_once(&before, &a, 8, aligns[i]));
    }
    before = a;
    CHECK(bump_alloc_growable(&a, SIZE_MAX, 1) == NULL && failed_once(&before, &a, SIZE_MAX, 1));
    before = a;
    /* An alignment larger than the room cannot wrap the floor around. */
    CHECK(bump_alloc_growable(&a, 0, (SIZE_MAX >> 1) + 1u) == NULL &&
          failed_once(&before, &a, 0, (SIZE_MAX >> 1) + 1u));
    unsigned char *v = bump_alloc_growable(&a, 200, 1); /* exactly the room */
    CHECK(v == mem && bump_remaining(&a) == 0 && bump_alloc(&a, 1, 1) == NULL);
    CHECK(refused_resize(&a, v, 200, 201, 1));
    CHECK(refused_resize(&a, v, 200, SIZE_MAX, 1));
    CHECK(bump_resize(&a, v, 200, 200, 1) == v && bump_top(&a) == top);
}

/* Found by the random ASan walk: the padding an alignment needs is what the
 * floor lacks of it, not align - 1, so an alignment larger than the room fits
 * at a floor that has it already. */
static void growable_alignment_larger_than_the_room_fits_where_the_floor_has_it(void)
{
    unsigned char *mem = harness_scratch(0);
    bump_t a, before;
    CHECK(bump_init(&a, mem, 256));
    CHECK(bump_alloc(&a, 232, 1) == mem + 24); /* 24 bytes of room, the floor at mem */
    unsigned char *v = bump_alloc_growable(&a, 22, 32);
    CHECK(v == mem && bump_floor(&a) == mem + 22 && bump_remaining(&a) == 2);
    before = a;
    CHECK(bump_alloc_growable(&a, 0, 64) == NULL && failed_once(&before, &a, 0, 64));
    CHECK(bump_alloc_growable(&a, 0, 2) == mem + 22 && bump_alloc_growable(&a, 0, 4) == mem + 24);
}

/* The padding up to the aligned start counts against the room: a block that
 * would fit only without it is refused, the arena unchanged. */
static void growable_padding_counts_against_the_room(void)
{
    unsigned char *mem = harness_scratch(0);
    bump_t a, before;
    CHECK(bump_init(&a, mem + 1, 64)); /* 64 bytes of room from mem + 1; mem + 8 is aligned to 8 */
    before = a;
    CHECK(bump_alloc_growable(&a, 58, 8) == NULL && failed_once(&before, &a, 58, 8)); /* 7 + 58 > 64 */
    CHECK(bump_alloc_growable(&a, 57, 8) == mem + 8 && bump_floor(&a) == mem + 65 && bump_remaining(&a) == 0);
}

static void only_the_current_growable_block_grows_in_place(void)
{
    unsigned char *mem = harness_scratch(0x5a);
    bump_t a, before;
    CHECK(bump_init(&a, mem, 1024));
    unsigned char *g1 = bump_alloc_growable(&a, 16, 1);
    stamp(g1, 16, 7);
    unsigned char *g2 = bump_alloc_growable(&a, 16, 1);
    CHECK(g2 == mem + 16 && bump_growable(&a) == g2);
    /* The older one grows by copying into a new plain block... */
    unsigned char *copy = bump_resize(&a, g1, 16, 32, 1);
    CHECK(copy != NULL && copy != g1 && bump_owns(&a, copy) && copy >= (unsigned char *)bump_top(&a));
    CHECK(stamped(copy, 16, 7) && stamped(g1, 16, 7) && bump_growable(&a) == g2);
    /* ...and shrinks where it stands, changing nothing. */
    before = a;
    CHECK(bump_resize(&a, g1, 16, 8, 1) == g1 && arena_same(&before, &a));
    /* The current one, asked for an alignment it lacks, is copied too. */
    unsigned char *odd = bump_alloc_growable(&a, 3, 1);
    CHECK(odd == mem + 32 + 0 && bump_resize(&a, odd + 1, 2, 2, 1) == odd + 1);
    unsigned char *g3 = bump_alloc_growable(&a, 5, 1); /* at mem + 35: odd */
    CHECK(g3 == mem + 35);
    unsigned char *moved = bump_resize(&a, g3, 5, 8, 8);
    CHECK(moved != g3 && ((uintptr_t)moved % 8u) == 0 && bump_growable(&a) == g3 && bump_floor(&a) == g3 + 5);
}

static void growable_sizes_past_the_floor_and_free_memory_are_refused(void)
{
    unsigned char *mem = harness_scratch(0);
    bump_t a;
    CHECK(bump_init(&a, mem, 512));
    unsigned char *g1 = bump_alloc_growable(&a, 16, 1);
    unsigned char *g2 = bump_alloc_growable(&a, 16, 1);
    CHECK(refused_resize(&a, g2, 17, 40, 1));       /* the current one, past the floor */
    CHECK(refused_resize(&a, g1, 33, 8, 1));        /* an older one, past the floor */
    CHECK(refused_resize(&a, g2 + 16, 0, 8, 1));    /* the floor itself: free memory */
    CHECK(refused_resize(&a, mem + 300, 4, 8, 1));  /* free memory */
    CHECK(bump_resize(&a, g1, 32, 32, 1) == g1);    /* both blocks, as one */
}

static void rewind_releases_growable_blocks_taken_after_the_mark(void)
{
    unsigned char *mem = harness_scratch(0);
    bump_t a;
    CHECK(bump_init(&a, mem, 1024));
    bump_mark_t m = bump_mark(&a);
    unsigned char *v = bump_alloc_growable(&a, 10, 1);
    CHECK(bump_resize(&a, v, 10, 300, 1) == v && bump_alloc(&a, 20, 1) != NULL);
    CHECK(bump_rewind(&a, m));
    CHECK(bump_used(&a) == 0 && bump_growable(&a) == NULL && bump_floor(&a) == mem && !bump_owns(&a, v));
    CHECK(bump_high_water(&a) == 320 && arena_consistent(&a));
}

static void rewind_keeps_the_growth_of_a_growable_block_taken_before_the_mark(void)
{
    unsigned char *mem = harness_scratch(0);
    bump_t a;
    CHECK(bump_init(&a, mem, 1024));
    unsigned char *v = bump_alloc_growable(&a, 8, 1);
    stamp(v, 8, 1);
    bump_mark_t m = bump_mark(&a);
    for (unsigned turn = 0; turn < 20u; turn++) {
        size_t size = 8u + 8u * turn;
        CHECK(bump_resize(&a, v, size, size + 8u, 1) == v);
        stamp(v + size, 8, (unsigned char)(turn + 2u));
        CHECK(bump_alloc(&a, 24, 8) != NULL); /* scratch, released each turn */
        CHECK(bump_rewind(&a, m));
        CHECK(bump_used(&a) == size + 8u && bump_floor(&a) == v + size + 8u && bump_growable(&a) == v);
    }
    CHECK(stamped(v, 8, 1) && stamped(v + 8u * 20u, 8, 21));
}

static void rewind_makes_the_marks_growable_block_current_again(void)
{
    unsigned char *mem = harness_scratch(0);
    bump_t a;
    CHECK(bump_init(&a, mem, 2048));
    unsigned char *outer = bump_alloc_growable(&a, 0, 8);
    size_t size = 0;
    for (unsigned turn = 0; turn < 30u; turn++) {
        bump_mark_t m = bump_mark(&a);
        unsigned char *inner = bump_alloc_growable(&a, 0, 1); /* a string builder per turn */
        CHECK(inner != NULL && bump_resize(&a, inner, 0, 40, 1) == inner && bump_growable(&a) == inner);
        CHECK(bump_rewind(&a, m) && bump_growable(&a) == outer && bump_floor(&a) == outer + size);
        CHECK(bump_resize(&a, outer, size, size + 8u, 8) == outer); /* in place again */
        stamp(outer + size, 8, (unsigned char)turn);
        size += 8u;
        CHECK(bump_used(&a) == size); /* nothing left behind by the turns */
    }
    for (unsigned turn = 0; turn < 30u; turn++) {
        CHECK(stamped(outer + 8u * turn, 8, (unsigned char)turn));
    }
}

/* A growable block of size 0 leaves the floor where it was: the arena still
 * tells a mark taken before it from one taken after it. */
static void an_empty_growable_block_is_told_from_the_marks_around_it(void)
{
    unsigned char *mem = harness_scratch(0);
    bump_t a;
    CHECK(bump_init(&a, mem, 1024));
    bump_mark_t before = bump_mark(&a);
    unsigned char *v = bump_alloc_growable(&a, 0, 1);
    CHECK(v == mem && bump_floor(&a) == mem);
    bump_mark_t after = bump_mark(&a);
    CHECK(after.depth != before.depth); /* two points, one position */
    CHECK(bump_resize(&a, v, 0, 64, 1) == v);
    CHECK(bump_rewind(&a, after) && bump_used(&a) == 64 && bump_growable(&a) == v);
    CHECK(bump_rewind(&a, before) && bump_used(&a) == 0 && bump_growable(&a) == NULL);
    bump_report_t r;
    CHECK(bump_postmortem(&a, mem, 1024, &r));
    /* A scope per turn around an empty growable block leaves nothing behind. */
    bump_mark_t m = bump_mark(&a);
    for (unsigned turn = 0; turn < 20u; turn++) {
        unsigned char *s = bump_alloc_growable(&a, 0, 1);
        CHECK(s == mem && bump_resize(&a, s, 0, 100, 1) == s);
        CHECK(bump_rewind(&a, m) && bump_used(&a) == 0);
    }
}

static void a_resize_in_place_of_a_plain_block_keeps_the_growable_order(void)
{
    unsigned char *mem = harness_scratch(0);
    bump_t a;
    CHECK(bump_init(&a, mem, 1024));
    unsigned char *p = bump_alloc(&a, 16, 1);
    bump_mark_t m0 = bump_mark(&a);
    unsigned char *v = bump_alloc_growable(&a, 0, 1);
    bump_mark_t m1 = bump_mark(&a); /* at p's start too */
    /* p is the most recent plain block: both marks stand on it and move with
     * its start; each keeps its own growable order. */
    unsigned char *q = bump_resize(&a, p, 16, 32, 1);
    CHECK(q != NULL);
    bump_mark_t m2 = bump_mark(&a);
    CHECK(memcmp(&m2, &m1, sizeof m2) == 0); /* nothing allocated since m1 */
    CHECK(bump_resize(&a, v, 0, 50, 1) == v);
    CHECK(bump_rewind(&a, m1) && bump_growable(&a) == v && bump_used(&a) == 32 + 50);
    /* m0 was taken before v: a rewind to it releases v, and keeps p's growth. */
    CHECK(bump_rewind(&a, m0) && bump_growable(&a) == NULL && bump_used(&a) == 32);
}

/* An old_size that takes in the padding after a growable block (released
 * memory before, poisoned under ASan) is read as the block's when it is
 * copied. Found by the fuzzer. */
static void a_copy_reads_the_padding_an_old_size_takes_in(void)
{
    unsigned char *mem = harness_scratch(0);
    bump_t a;
    CHECK(bump_init(&a, mem, 512));
    CHECK(bump_alloc_growable(&a, 16, 1) != NULL);
    bump_reset(&a);
    unsigned char *g1 = bump_alloc_growable(&a, 5, 1);
    stamp(g1, 5, 8);
    unsigned char *g2 = bump_alloc_growable(&a, 4, 4);
    CHECK(g1 != NULL && g2 != NULL && g2 >= g1 + 8);
    unsigned char *c = bump_resize(&a, g1, 8, 64, 1);
    CHECK(c != NULL && c != g1 && stamped(c, 5, 8) && bump_growable(&a) == g2);
}

static void reset_and_trim_cover_growable_blocks(void)
{
    unsigned char *mem = harness_scratch(0);
    bump_t a;
    CHECK(bump_init(&a, mem, 512));
    unsigned char *v = bump_alloc_growable(&a, 100, 1);
    CHECK(bump_alloc(&a, 50, 1) != NULL && bump_high_water(&a) == 150);
    CHECK(!bump_trim(&a, 8, 8)); /* not empty */
    CHECK(bump_resize(&a, v, 100, 10, 1) == v && bump_high_water(&a) == 150);
    bump_reset(&a);
    CHECK(bump_used(&a) == 0 && bump_floor(&a) == mem && bump_growable(&a) == NULL && bump_high_water(&a) == 150);
    CHECK(!bump_owns(&a, v));
    CHECK(bump_alloc_growable(&a, 0, 1) == mem && bump_trim(&a, 8, 8) && bump_growable(&a) == NULL);
    CHECK(bump_floor(&a) == mem + 8 && bump_start(&a) == mem + 8 && bump_capacity(&a) == 496);
}

static void the_figures_count_both_ends(void)
{
    unsigned char *mem = harness_scratch(0);
    bump_t a;
    CHECK(bump_init(&a, mem, 512));
    unsigned char *v = bump_alloc_growable(&a, 64, 1);
    unsigned char *p = bump_alloc(&a, 32, 1);
    CHECK(bump_used(&a) == 96 && bump_remaining(&a) == 416 && arena_consistent(&a));
    CHECK(bump_owns(&a, v) && bump_owns(&a, v + 63) && !bump_owns(&a, v + 64) && bump_owns(&a, p));
    CHECK(!bump_owns(&a, p - 1));
    bump_report_t r;
    bump_report(&a, &r);
    CHECK(r.used == 96 && r.capacity == 512 && r.high_water == 96);
    bump_reset_high_water(&a);
    CHECK(bump_resize(&a, v, 64, 0, 1) == v && bump_high_water(&a) == 96 && bump_used(&a) == 32);
    bump_reset_high_water(&a);
    CHECK(bump_high_water(&a) == 32);
}

static void every_allocation_respects_the_floor(void)
{
    unsigned char *mem = harness_scratch(0);
    bump_t a, before;
    CHECK(bump_init(&a, mem, 256));
    unsigned char *v = bump_alloc_growable(&a, 240, 1);
    CHECK(v == mem && bump_remaining(&a) == 16);
    before = a;
    CHECK(bump_alloc(&a, 24, 8) == NULL && failed_once(&before, &a, 24, 8));
    before = a;
    CHECK(bump_alloc(&a, opaque(17), opaque(1)) == NULL && failed_once(&before, &a, 17, 1));
    before = a;
    CHECK(bump_alloc_atomic(&a, 17, 1) == NULL && failed_once(&before, &a, 17, 1));
    unsigned char *p = bump_alloc_atomic(&a, 8, 8);
    CHECK(p == mem + 248 && bump_alloc(&a, 8, 1) == mem + 240 && bump_remaining(&a) == 0);
    /* The most recent plain block cannot grow down into the growable part. */
    CHECK(refused_resize(&a, mem + 240, 8, 9, 1));
}

static const struct harness_test tests[] = {
    HARNESS_TEST(growable_starts_at_the_floor_aligned_and_moves_it),
    HARNESS_TEST(growable_grows_in_place_whatever_plain_blocks_come_between),
    HARNESS_TEST(growable_shrinks_in_place_and_gives_the_bytes_back),
    HARNESS_TEST(growable_that_does_not_fit_changes_only_the_failure_record),
    HARNESS_TEST(growable_alignment_larger_than_the_room_fits_where_the_floor_has_it),
    HARNESS_TEST(growable_padding_counts_against_the_room),
    HARNESS_TEST(only_the_current_growable_block_grows_in_place),
    HARNESS_TEST(growable_sizes_past_the_floor_and_free_memory_are_refused),
    HARNESS_TEST(rewind_releases_growable_blocks_taken_after_the_mark),
    HARNESS_TEST(rewind_keeps_the_growth_of_a_growable_block_taken_before_the_mark),
    HARNESS_TEST(rewind_makes_the_marks_growable_block_current_again),
    HARNESS_TEST(an_empty_growable_block_is_told_from_the_marks_around_it),
    HARNESS_TEST(a_resize_in_place_of_a_plain_block_keeps_the_growable_order),
    HARNESS_TEST(a_copy_reads_the_padding_an_old_size_takes_in),
    HARNESS_TEST(reset_and_trim_cover_growable_blocks),
    HARNESS_TEST(the_figures_count_both_ends),
    HARNESS_TEST(every_allocation_respects_the_floor),
};
HARNESS_GROUP(growable_group, tests);
