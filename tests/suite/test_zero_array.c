/* SPDX-License-Identifier: MIT */
/* bump_zalloc, the array forms and the typed macros. */
#include "check_arena.h"

struct sample {
    uint8_t tag;
    uint64_t wide;
    uint16_t narrow;
};

static void zalloc_zeroes_exactly_the_block(void)
{
    unsigned char *mem = harness_scratch(0xff);
    bump_t a;
    CHECK(bump_init(&a, mem, 256));
    unsigned char *p = bump_zalloc(&a, 37, 4);
    CHECK(p != NULL && is_aligned(p, 4) && all_bytes(p, 37, 0));
    /* The bytes just below the block were not written. */
    CHECK(p != NULL && p > mem && all_bytes(mem, (size_t)(p - mem), 0xff));
    unsigned char *q = bump_zalloc(&a, opaque(300), 1);
    CHECK(q == NULL); /* does not fit: nothing written either */
    CHECK(all_bytes(mem, (size_t)(p - mem), 0xff));
}

static void zalloc_one_byte_block_is_zeroed_on_dirty_memory(void)
{
    unsigned char *mem = harness_scratch(0xff);
    bump_t a;
    CHECK(bump_init(&a, mem, 64));
    /* Constant and run-time sizes, and the typed macro: each clears its one
     * byte and nothing else. */
    unsigned char *p = bump_zalloc(&a, 1, 1);
    unsigned char *q = bump_zalloc(&a, opaque(1), opaque(1));
    uint8_t *r = BUMP_NEW(&a, uint8_t);
    CHECK(p == mem + 63 && q == mem + 62 && r == mem + 61);
    CHECK(p != NULL && *p == 0 && q != NULL && *q == 0 && r != NULL && *r == 0);
    CHECK(all_bytes(mem, 61, 0xff));
    unsigned char *s = bump_zalloc_array(&a, 1, 1, 1);
    CHECK(s == mem + 60 && *s == 0 && all_bytes(mem, 60, 0xff));
}

static void zalloc_size_zero_and_bad_alignment(void)
{
    unsigned char *mem = harness_scratch(0xff);
    bump_t a, before;
    CHECK(bump_init(&a, mem, 256));
    CHECK(bump_zalloc(&a, 0, 8) != NULL);
    before = a;
    CHECK(bump_zalloc(&a, 8, 3) == NULL && bump_zalloc(&a, 8, 0) == NULL);
    CHECK(bump_zalloc(&a, SIZE_MAX, 1) == NULL);
    CHECK(arena_same(&a, &before));
}

static void array_allocates_count_times_size(void)
{
    unsigned char *mem = harness_scratch(0);
    bump_t a;
    CHECK(bump_init(&a, mem, 512));
    void *p = bump_alloc_array(&a, 10, 12, 4);
    CHECK(p != NULL && is_aligned(p, 4) && bump_used(&a) >= 120 && bump_used(&a) < 124);
    void *q = bump_alloc_array(&a, 0, 12, 4);
    CHECK(q != NULL); /* zero elements: a size-0 block */
    void *r = bump_alloc_array(&a, 12, 0, 4);
    CHECK(r != NULL);
}

static void array_overflow_of_count_times_size_fails_and_changes_nothing(void)
{
    unsigned char *mem = harness_scratch(0);
    bump_t a, before;
    CHECK(bump_init(&a, mem, 512));
    before = a;
    size_t half = (size_t)1 << (sizeof(size_t) * 4);
    /* Each of these products wraps to something small (0, 16, ...). */
    CHECK(bump_alloc_array(&a, half, half, 1) == NULL);
    CHECK(bump_alloc_array(&a, half + 1u, half, 1) == NULL);
    CHECK(bump_alloc_array(&a, SIZE_MAX, 2, 1) == NULL);
    CHECK(bump_alloc_array(&a, 2, SIZE_MAX, 1) == NULL);
    CHECK(bump_alloc_array(&a, SIZE_MAX / 16u + 2u, 16, 8) == NULL); /* wraps to 16 */
    CHECK(bump_alloc_array(&a, opaque(SIZE_MAX / 16u + 2u), opaque(16), 8) == NULL);
    CHECK(bump_zalloc_array(&a, SIZE_MAX / 16u + 2u, 16, 8) == NULL);
    CHECK(bump_zalloc_array(&a, opaque(SIZE_MAX), opaque(SIZE_MAX), 1) == NULL);
    CHECK(arena_same(&a, &before));
}

static void array_bytes_saturates_instead_of_wrapping(void)
{
    CHECK(bump_array_bytes(SIZE_MAX / 16u + 2u, 16) == SIZE_MAX);
    CHECK(bump_array_bytes(SIZE_MAX, 1) == SIZE_MAX);
    CHECK(bump_array_bytes(SIZE_MAX / 3u, 3) == SIZE_MAX / 3u * 3u);
    CHECK(bump_array_bytes(0, SIZE_MAX) == 0 && bump_array_bytes(SIZE_MAX, 0) == 0);
    CHECK(bump_array_bytes(7, 9) == 63);
    /* The largest count that fits exactly (SIZE_MAX is no multiple of 16). */
    CHECK(bump_array_bytes(SIZE_MAX / 16u, 16) == SIZE_MAX - 15u);
    CHECK(bump_array_bytes(opaque(SIZE_MAX / 16u), opaque(16)) == SIZE_MAX - 15u);
    /* A size of 0 known only at run time divides nothing. */
    CHECK(bump_array_bytes(opaque(SIZE_MAX), opaque(0)) == 0 && bump_array_bytes(opaque(12), opaque(0)) == 0);
}

static void new_gives_zeroed_aligned_object(void)
{
    unsigned char *mem = harness_scratch(0xa5);
    bump_t a;
    CHECK(bump_init(&a, mem + 1, 256));
    struct sample *s = BUMP_NEW(&a, struct sample);
    CHECK(s != NULL && is_aligned(s, alignof(struct sample)));
    CHECK(s != NULL && s->tag == 0 && s->wide == 0 && s->narrow == 0);
    CHECK(s != NULL && all_bytes((const unsigned char *)s, sizeof *s, 0));
}

static void new_array_gives_zeroed_aligned_elements_or_null_on_overflow(void)
{
    unsigned char *mem = harness_scratch(0xa5);
    bump_t a, before;
    CHECK(bump_init(&a, mem + 3, 512));
    uint32_t *v = BUMP_NEW_ARRAY(&a, uint32_t, 17);
    CHECK(v != NULL && is_aligned(v, alignof(uint32_t)) && all_bytes((const unsigned char *)v, 68, 0));
    before = a;
    CHECK(BUMP_NEW_ARRAY(&a, struct sample, SIZE_MAX / sizeof(struct sample) + 1u) == NULL);
    CHECK(BUMP_NEW_ARRAY(&a, uint32_t, opaque(SIZE_MAX / 2u)) == NULL);
    CHECK(arena_same(&a, &before));
    CHECK(BUMP_NEW(&a, uint64_t) != NULL);
}

static const struct harness_test tests[] = {
    HARNESS_TEST(zalloc_zeroes_exactly_the_block),
    HARNESS_TEST(zalloc_one_byte_block_is_zeroed_on_dirty_memory),
    HARNESS_TEST(zalloc_size_zero_and_bad_alignment),
    HARNESS_TEST(array_allocates_count_times_size),
    HARNESS_TEST(array_overflow_of_count_times_size_fails_and_changes_nothing),
    HARNESS_TEST(array_bytes_saturates_instead_of_wrapping),
    HARNESS_TEST(new_gives_zeroed_aligned_object),
    HARNESS_TEST(new_array_gives_zeroed_aligned_elements_or_null_on_overflow),
};
HARNESS_GROUP(zero_array_group, tests);
