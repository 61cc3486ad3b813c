/* SPDX-License-Identifier: MIT */
/* bump_alloc and bump_alloc_slow: alignment, sizes, exhaustion, bad input. */
#include "check_arena.h"

#define REGION 1024u

static void alloc_every_power_of_two_alignment(void)
{
    unsigned char *mem = harness_scratch(0);
    bump_t a;
    for (size_t align = 1; align <= REGION / 4u; align <<= 1) {
        CHECK(bump_init(&a, mem + 3, REGION)); /* misaligned on purpose */
        for (int i = 0; i < 4; i++) {
            void *p = bump_alloc(&a, opaque(3), opaque(align));
            CHECK(p != NULL && is_aligned(p, align) && inside(p, 3, mem + 3, REGION));
        }
        CHECK(arena_consistent(&a));
    }
}

static void alloc_constant_and_runtime_arguments_agree(void)
{
    unsigned char *mem = harness_scratch(0);
    bump_t a, b;
    CHECK(bump_init(&a, mem, REGION) && bump_init(&b, mem, REGION));
    void *p = bump_alloc(&a, 16, 8), *q = bump_alloc(&b, opaque(16), opaque(8));
    CHECK(p != NULL && p == q);
    p = bump_alloc(&a, 300, 32);
    q = bump_alloc_slow(&b, 300, 32);
    CHECK(p != NULL && p == q && arena_same(&a, &b));
}

static void alloc_blocks_stay_inside_region_until_exhausted(void)
{
    unsigned char *mem = harness_scratch(0);
    bump_t a;
    CHECK(bump_init(&a, mem + 1, REGION));
    size_t count = 0;
    /* Bounded, so that a broken arena that never runs out fails, not hangs. */
    for (void *p; count <= REGION && (p = bump_alloc(&a, 10, 4)) != NULL; count++) {
        CHECK(inside(p, 10, mem + 1, REGION) && is_aligned(p, 4));
    }
    CHECK(count == REGION / 12 || count == REGION / 12 + 1);
    CHECK(bump_remaining(&a) < 12);
}

static void alloc_exact_fit_on_inline_and_slow_paths(void)
{
    unsigned char *mem = harness_scratch(0);
    bump_t a;
    /* Sizes either side of the inline path's limit, on a misaligned region. */
    size_t sizes[] = {1, 100, BUMP_ADDRESS_FLOOR - 1u, BUMP_ADDRESS_FLOOR, BUMP_ADDRESS_FLOOR + 1u, REGION};
    for (size_t i = 0; i < HARNESS_COUNT(sizes); i++) {
        CHECK(bump_init(&a, mem + 5, sizes[i]));
        void *p = bump_alloc(&a, bump_remaining(&a), 1);
        CHECK(p == mem + 5);
        CHECK(bump_remaining(&a) == 0 && bump_used(&a) == sizes[i]);
        CHECK(bump_alloc(&a, 1, 1) == NULL);
        CHECK(bump_alloc(&a, 0, 1) != NULL);
    }
}

static void alloc_one_byte_too_many_fails_and_changes_nothing(void)
{
    unsigned char *mem = harness_scratch(0);
    bump_t a, before;
    CHECK(bump_init(&a, mem, REGION));
    CHECK(bump_alloc(&a, 100, 8) != NULL);
    before = a;
    CHECK(bump_alloc(&a, bump_remaining(&a) + 1u, 1) == NULL);
    CHECK(bump_alloc(&a, opaque(bump_remaining(&a) + 1u), 1) == NULL);
    CHECK(arena_same(&a, &before));
}

static void alloc_padding_that_does_not_fit_fails(void)
{
    unsigned char *mem = harness_scratch(0);
    bump_t a, before;
    /* 40 bytes at an odd start: 33 bytes fit unaligned, not aligned to 64
     * unless a 64-byte boundary happens to be low enough. */
    CHECK(bump_init(&a, mem + 1, 40));
    before = a;
    void *p = bump_alloc(&a, 33, 64);
    CHECK(p == NULL); /* the only 64-aligned address inside is mem + 64 > mem + 41 - 33 */
    CHECK(arena_same(&a, &before));
    CHECK(bump_alloc(&a, 33, 1) != NULL);
}

static void alloc_size_zero_gives_aligned_non_null(void)
{
    unsigned char *mem = harness_scratch(0);
    bump_t a;
    CHECK(bump_init(&a, mem + 1, 200));
    for (size_t align = 1; align <= 64; align <<= 1) {
        void *p = bump_alloc(&a, 0, align);
        CHECK(p != NULL && is_aligned(p, align));
        CHECK((unsigned char *)p >= mem + 1 && (unsigned char *)p <= mem + 201);
    }
    /* No address inside has this alignment: NULL. */
    CHECK(bump_alloc(&a, 0, (size_t)1 << (sizeof(size_t) * 8 - 1)) == NULL);
}

static void alloc_invalid_alignment_fails_and_changes_nothing(void)
{
    unsigned char *mem = harness_scratch(0);
    bump_t a, before;
    CHECK(bump_init(&a, mem, REGION));
    CHECK(bump_alloc(&a, 8, 8) != NULL);
    before = a;
    size_t bad[] = {0, 3, 5, 6, 7, 12, 24, 100, 1000, SIZE_MAX, SIZE_MAX - 1u, (SIZE_MAX >> 1) + 2u};
    for (size_t i = 0; i < HARNESS_COUNT(bad); i++) {
        CHECK(bump_alloc(&a, 8, bad[i]) == NULL);
        CHECK(bump_alloc(&a, 0, bad[i]) == NULL);
        CHECK(bump_alloc(&a, opaque(8), opaque(bad[i])) == NULL);
        CHECK(bump_alloc_slow(&a, 8, bad[i]) == NULL);
    }
    CHECK(bump_alloc(&a, 8, 0) == NULL); /* constant 0 through the inline path */
    CHECK(bump_alloc(&a, 8, 3) == NULL);
    CHECK(arena_same(&a, &before));
}

static void alloc_huge_alignment_never_escapes_region(void)
{
    unsigned char *mem = harness_scratch(0);
    bump_t a, before;
    CHECK(bump_init(&a, mem, REGION));
    before = a;
    for (unsigned shift = 11; shift < sizeof(size_t) * 8; shift++) {
        void *p = bump_alloc(&a, 1, (size_t)1 << shift);
        CHECK(p == NULL || (is_aligned(p, (size_t)1 << shift) && inside(p, 1, mem, REGION)));
        if (p != NULL) {
            a = before;
        }
    }
    CHECK(arena_same(&a, &before));
}

static void alloc_huge_sizes_fail_without_wrapping(void)
{
    unsigned char *mem = harness_scratch(0);
    bump_t a, before;
    CHECK(bump_init(&a, mem, REGION));
    before = a;
    size_t huge[] = {SIZE_MAX, SIZE_MAX - 1u, SIZE_MAX - 255u, SIZE_MAX / 2u, SIZE_MAX / 2u + 1u,
                     (size_t)(uintptr_t)mem, (size_t)(uintptr_t)mem + 1u, REGION + 1u};
    for (size_t i = 0; i < HARNESS_COUNT(huge); i++) {
        for (size_t align = 1; align <= 16; align <<= 1) {
            CHECK(bump_alloc(&a, huge[i], align) == NULL);
            CHECK(bump_alloc(&a, opaque(huge[i]), opaque(align)) == NULL);
            CHECK(bump_alloc_slow(&a, huge[i], align) == NULL);
        }
    }
    CHECK(arena_same(&a, &before));
}

static void alloc_above_floor_in_low_region_fails_without_wrapping(void)
{
    bump_t a, before;
    /* Arithmetic only: a region just above the floor, where top - size wraps
     * for any size above top; such sizes must take the checked path. */
    CHECK(bump_init(&a, (void *)(uintptr_t)BUMP_ADDRESS_FLOOR, 100));
    before = a;
    size_t sizes[] = {101, BUMP_ADDRESS_FLOOR - 1u + 100u, BUMP_ADDRESS_FLOOR + 100u, BUMP_ADDRESS_FLOOR + 101u,
                      2u * BUMP_ADDRESS_FLOOR - 1u, 2u * BUMP_ADDRESS_FLOOR + 1u, 3u * BUMP_ADDRESS_FLOOR};
    for (size_t i = 0; i < HARNESS_COUNT(sizes); i++) {
        CHECK(bump_alloc(&a, sizes[i], 1) == NULL);
        CHECK(bump_alloc(&a, opaque(sizes[i]), opaque(1)) == NULL);
        CHECK(bump_alloc_slow(&a, sizes[i], 4) == NULL);
    }
    /* The same as constants: only those below the floor skip the borrow test. */
    CHECK(bump_alloc(&a, BUMP_ADDRESS_FLOOR + 101u, 1) == NULL);
    CHECK(bump_alloc(&a, 2u * BUMP_ADDRESS_FLOOR - 1u, 8) == NULL);
    CHECK(arena_same(&a, &before));
}

static void alloc_after_failure_still_works(void)
{
    unsigned char *mem = harness_scratch(0);
    bump_t a;
    CHECK(bump_init(&a, mem, 64));
    CHECK(bump_alloc(&a, 65, 1) == NULL);
    void *p = bump_alloc(&a, 64, 1);
    CHECK(p == mem);
}

static void alloc_consecutive_blocks_bump_down_without_gaps(void)
{
    unsigned char *mem = harness_scratch(0);
    bump_t a;
    CHECK(bump_init(&a, mem, 64));
    unsigned char *p = bump_alloc(&a, 8, 8), *q = bump_alloc(&a, 8, 8);
    CHECK(p == mem + 56 && q == mem + 48);
    unsigned char *r = bump_alloc(&a, 3, 1);
    CHECK(r == mem + 45);
    unsigned char *s = bump_alloc(&a, 4, 4); /* 45 - 4 = 41, aligned down to 40 */
    CHECK(s == mem + 40 && bump_used(&a) == 24);
}

static void atomic_matches_alloc_when_alone(void)
{
    unsigned char *mem = harness_scratch(0);
    bump_t a, b;
    CHECK(bump_init(&a, mem + 1, 600) && bump_init(&b, mem + 1, 600));
    uint32_t rng = 5;
    for (int i = 0; i < 100; i++) {
        uint32_t r = harness_random(&rng);
        size_t size = (r >> 8) % 80u, align = (size_t)1 << ((r >> 16) % 6u);
        void *p = bump_alloc(&a, size, align);
        void *q = bump_alloc_atomic(&b, size, align);
        CHECK(p == q && arena_same(&a, &b));
    }
}

static void atomic_bad_input_fails_and_changes_nothing(void)
{
    unsigned char *mem = harness_scratch(0);
    bump_t a, before;
    CHECK(bump_init(&a, mem, 128));
    CHECK(bump_alloc_atomic(&a, 100, 4) != NULL);
    before = a;
    CHECK(bump_alloc_atomic(&a, 8, 0) == NULL && bump_alloc_atomic(&a, 8, 12) == NULL);
    CHECK(bump_alloc_atomic(&a, SIZE_MAX, 1) == NULL && bump_alloc_atomic(&a, 29, 1) == NULL);
    CHECK(arena_same(&a, &before));
    CHECK(bump_alloc_atomic(&a, 28, 1) == mem && bump_remaining(&a) == 0);
}

static const struct harness_test tests[] = {
    HARNESS_TEST(alloc_every_power_of_two_alignment),
    HARNESS_TEST(alloc_constant_and_runtime_arguments_agree),
    HARNESS_TEST(alloc_blocks_stay_inside_region_until_exhausted),
    HARNESS_TEST(alloc_exact_fit_on_inline_and_slow_paths),
    HARNESS_TEST(alloc_one_byte_too_many_fails_and_changes_nothing),
    HARNESS_TEST(alloc_padding_that_does_not_fit_fails),
    HARNESS_TEST(alloc_size_zero_gives_aligned_non_null),
    HARNESS_TEST(alloc_invalid_alignment_fails_and_changes_nothing),
    HARNESS_TEST(alloc_huge_alignment_never_escapes_region),
    HARNESS_TEST(alloc_huge_sizes_fail_without_wrapping),
    HARNESS_TEST(alloc_above_floor_in_low_region_fails_without_wrapping),
    HARNESS_TEST(alloc_after_failure_still_works),
    HARNESS_TEST(alloc_consecutive_blocks_bump_down_without_gaps),
    HARNESS_TEST(atomic_matches_alloc_when_alone),
    HARNESS_TEST(atomic_bad_input_fails_and_changes_nothing),
};
HARNESS_GROUP(alloc_group, tests);
