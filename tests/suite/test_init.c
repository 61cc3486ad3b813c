/* SPDX-License-Identifier: MIT */
/* bump_init: accepted regions, refused ones, and what a refusal leaves. */
#include "check_arena.h"

static void init_refuses_null_arena(void)
{
    unsigned char *mem = harness_scratch(0);
    CHECK(!bump_init(NULL, mem, 64));
    CHECK(!bump_init(NULL, NULL, 0));
}

static void init_refuses_null_memory_with_size_and_leaves_arena_untouched(void)
{
    bump_t a, before;
    memset(&a, 0x5c, sizeof a);
    before = a;
    CHECK(!bump_init(&a, NULL, 1));
    CHECK(!bump_init(&a, NULL, SIZE_MAX));
    CHECK(arena_same(&a, &before) && a.lifetime == before.lifetime);
}

static void init_refuses_region_wrapping_address_space(void)
{
    bump_t a, before;
    memset(&a, 0x3a, sizeof a);
    before = a;
    /* Never dereferenced: init only does arithmetic on the addresses. */
    CHECK(!bump_init(&a, (void *)(UINTPTR_MAX - 99u), 100));
    CHECK(!bump_init(&a, (void *)(UINTPTR_MAX - 99u), 200));
    CHECK(!bump_init(&a, (void *)(uintptr_t)4096u, SIZE_MAX));
    CHECK(!bump_init(&a, (void *)(uintptr_t)4096u, SIZE_MAX - 4095u));
    CHECK(arena_same(&a, &before) && a.lifetime == before.lifetime);
}

static void init_refuses_size_above_ptrdiff_max_that_does_not_wrap(void)
{
    bump_t a, before;
    memset(&a, 0x3b, sizeof a);
    before = a;
    /* Arithmetic only: at 4096 (and at 16, below the floor) these regions
     * end below the top of the address space, yet no C object is that large. */
    CHECK(!bump_init(&a, (void *)(uintptr_t)4096u, (size_t)PTRDIFF_MAX + 1u));
    CHECK(!bump_init(&a, (void *)(uintptr_t)16u, (size_t)PTRDIFF_MAX + 1u));
    CHECK(!bump_init(&a, (void *)(uintptr_t)4096u, SIZE_MAX - 4096u));
    CHECK(arena_same(&a, &before) && a.lifetime == before.lifetime);
    /* PTRDIFF_MAX itself is allowed. */
    CHECK(bump_init(&a, (void *)(uintptr_t)4096u, (size_t)PTRDIFF_MAX));
    CHECK(bump_capacity(&a) == (size_t)PTRDIFF_MAX && bump_used(&a) == 0);
}

static void init_accepts_region_ending_just_below_top_of_address_space(void)
{
    bump_t a;
    CHECK(bump_init(&a, (void *)(UINTPTR_MAX - 99u), 99));
    CHECK(bump_capacity(&a) == 99);
}

static void init_accepts_misaligned_memory(void)
{
    unsigned char *mem = harness_scratch(0);
    for (size_t offset = 1; offset < 16; offset++) {
        bump_t a;
        CHECK(bump_init(&a, mem + offset, 200));
        CHECK(bump_capacity(&a) == 200 && bump_used(&a) == 0);
        void *p = bump_alloc(&a, 24, 8);
        CHECK(p != NULL && is_aligned(p, 8) && inside(p, 24, mem + offset, 200));
        void *q = bump_alloc(&a, 7, 1);
        CHECK(q != NULL && inside(q, 7, mem + offset, 200));
    }
}

static void init_zero_sized_region_is_accepted_and_empty(void)
{
    unsigned char *mem = harness_scratch(0);
    bump_t a;
    CHECK(bump_init(&a, mem, 0));
    CHECK(bump_capacity(&a) == 0 && bump_remaining(&a) == 0 && bump_used(&a) == 0);
    CHECK(bump_alloc(&a, 1, 1) == NULL);
    CHECK(bump_alloc(&a, 1000, 1) == NULL);
    CHECK(bump_init(&a, NULL, 0));
    CHECK(bump_capacity(&a) == 0 && bump_alloc(&a, 1, 1) == NULL);
}

static void init_trims_bytes_below_address_floor(void)
{
    bump_t a;
    /* Arithmetic only: these addresses are never touched. */
    CHECK(bump_init(&a, (void *)(uintptr_t)16u, 1000));
    CHECK(bump_capacity(&a) == 1000u - (BUMP_ADDRESS_FLOOR - 16u));
    CHECK(bump_init(&a, (void *)(uintptr_t)1u, BUMP_ADDRESS_FLOOR - 1u));
    CHECK(bump_capacity(&a) == 0 && bump_alloc(&a, 1, 1) == NULL);
    /* Even a size-0 block never comes out at an address below the floor. */
    void *p = bump_alloc(&a, 0, 1);
    CHECK(p == NULL || (uintptr_t)p >= BUMP_ADDRESS_FLOOR);
}

static void init_forgets_previous_state(void)
{
    unsigned char *mem = harness_scratch(0);
    bump_t a;
    CHECK(bump_init(&a, mem, 512));
    CHECK(bump_alloc(&a, 100, 4) != NULL);
    CHECK(bump_init(&a, mem + 1024, 256));
    CHECK(bump_used(&a) == 0 && bump_high_water(&a) == 0 && bump_capacity(&a) == 256);
    void *p = bump_alloc(&a, 256, 1);
    CHECK(p == mem + 1024);
}

static void init_does_not_write_to_region(void)
{
    unsigned char *mem = harness_scratch(0xe7);
    bump_t a;
    CHECK(bump_init(&a, mem, 256));
    unsigned char *p = bump_alloc(&a, 64, 8);
    CHECK(p != NULL);
    /* Neither init nor the allocation wrote anything, in the block or out
     * (nothing is released yet, so nothing is poisoned). */
    size_t changed = 0;
    harness_defined(mem, 256);
    for (size_t i = 0; i < 256; i++) {
        changed += mem[i] != 0xe7;
    }
    CHECK(changed == 0);
}

/* The sizes bump.h states near its top, on every target the suite runs on. */
static void sizes_are_what_bump_h_says(void)
{
    const bool narrow = sizeof(void *) == 4u;
#if BUMP_MARK_DEPTH == 8
    CHECK(sizeof(bump_t) == (narrow ? 256u : 408u));
#endif
    CHECK(sizeof(bump_mark_t) == (narrow ? 24u : 32u));
}

static const struct harness_test tests[] = {
    HARNESS_TEST(sizes_are_what_bump_h_says),
    HARNESS_TEST(init_refuses_null_arena),
    HARNESS_TEST(init_refuses_null_memory_with_size_and_leaves_arena_untouched),
    HARNESS_TEST(init_refuses_region_wrapping_address_space),
    HARNESS_TEST(init_refuses_size_above_ptrdiff_max_that_does_not_wrap),
    HARNESS_TEST(init_accepts_region_ending_just_below_top_of_address_space),
    HARNESS_TEST(init_accepts_misaligned_memory),
    HARNESS_TEST(init_zero_sized_region_is_accepted_and_empty),
    HARNESS_TEST(init_trims_bytes_below_address_floor),
    HARNESS_TEST(init_forgets_previous_state),
    HARNESS_TEST(init_does_not_write_to_region),
};
HARNESS_GROUP(init_group, tests);
