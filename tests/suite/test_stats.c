/* SPDX-License-Identifier: MIT */
/* used, remaining, capacity, high water, owns, and the out-of-memory hook. */
#include "check_arena.h"

static void stats_used_plus_remaining_is_capacity_throughout(void)
{
    unsigned char *mem = harness_scratch(0);
    bump_t a;
    uint32_t rng = 7;
    CHECK(bump_init(&a, mem + 3, 1000));
    CHECK(bump_capacity(&a) == 1000 && bump_used(&a) == 0 && bump_remaining(&a) == 1000);
    bump_mark_t m = bump_mark(&a);
    for (int i = 0; i < 200; i++) {
        uint32_t r = harness_random(&rng);
        switch (r % 6u) {
        case 0: bump_reset(&a); break;
        case 1: (void)bump_rewind(&a, m); break;
        case 2: m = bump_mark(&a); break;
        default: (void)bump_alloc(&a, (r >> 8) % 64u, (size_t)1 << ((r >> 16) % 5u)); break;
        }
        CHECK(arena_consistent(&a) && bump_capacity(&a) == 1000);
    }
}

static void stats_high_water_is_peak_of_used_across_releases(void)
{
    unsigned char *mem = harness_scratch(0);
    bump_t a;
    CHECK(bump_init(&a, mem, 1024));
    CHECK(bump_high_water(&a) == 0);
    CHECK(bump_alloc(&a, 100, 1) != NULL);
    CHECK(bump_high_water(&a) == 100);
    bump_mark_t m = bump_mark(&a);
    CHECK(bump_alloc(&a, 300, 1) != NULL);
    CHECK(bump_high_water(&a) == 400);
    CHECK(bump_rewind(&a, m));
    CHECK(bump_used(&a) == 100 && bump_high_water(&a) == 400);
    CHECK(bump_alloc(&a, 200, 1) != NULL);
    CHECK(bump_high_water(&a) == 400);
    CHECK(bump_alloc(&a, 150, 1) != NULL);
    CHECK(bump_high_water(&a) == 450);
    bump_reset(&a);
    CHECK(bump_used(&a) == 0 && bump_high_water(&a) == 450);
    CHECK(bump_alloc(&a, 1024, 1) != NULL && bump_high_water(&a) == 1024);
    CHECK(bump_init(&a, mem, 1024) && bump_high_water(&a) == 0); /* init starts afresh */
}

static void stats_failed_allocation_does_not_move_high_water(void)
{
    unsigned char *mem = harness_scratch(0);
    bump_t a;
    CHECK(bump_init(&a, mem, 256));
    CHECK(bump_alloc(&a, 10, 1) != NULL);
    CHECK(bump_alloc(&a, 1000, 1) == NULL && bump_high_water(&a) == 10);
}

static void owns_exactly_the_allocated_part(void)
{
    unsigned char *mem = harness_scratch(0);
    bump_t a, other;
    CHECK(bump_init(&a, mem, 256) && bump_init(&other, mem + 512, 256));
    unsigned char *p = bump_alloc(&a, 16, 8);
    CHECK(p != NULL);
    for (size_t i = 0; i < 16; i++) {
        CHECK(bump_owns(&a, p + i));
    }
    CHECK(!bump_owns(&a, p - 1));          /* the free part */
    CHECK(!bump_owns(&a, mem));
    CHECK(!bump_owns(&a, mem + 256));      /* one past the end */
    CHECK(!bump_owns(&a, NULL));
    CHECK(!bump_owns(&other, p));
    bump_mark_t m = bump_mark(&a);
    unsigned char *q = bump_alloc(&a, 8, 1);
    CHECK(q != NULL && bump_owns(&a, q));
    CHECK(bump_rewind(&a, m) && !bump_owns(&a, q) && bump_owns(&a, p));
    bump_reset(&a);
    CHECK(!bump_owns(&a, p));
}

static void start_top_and_end_bound_the_free_and_allocated_parts(void)
{
    unsigned char *mem = harness_scratch(0);
    bump_t a;
    CHECK(bump_init(&a, mem + 3, 200));
    CHECK(bump_start(&a) == mem + 3 && bump_end(&a) == mem + 203 && bump_top(&a) == mem + 203);
    unsigned char *p = bump_alloc(&a, 10, 1);
    CHECK(p == mem + 193 && bump_top(&a) == p);
    CHECK(bump_start(&a) == mem + 3 && bump_end(&a) == mem + 203);
    CHECK(bump_init(&a, (void *)(uintptr_t)16u, 1000)); /* trimmed: arithmetic only */
    CHECK((uintptr_t)bump_start(&a) == BUMP_ADDRESS_FLOOR && (uintptr_t)bump_end(&a) == 1016u);
}

struct hook_record {
    unsigned calls;
    bump_t *arena;
    size_t size, align;
};
static struct hook_record record;

static void recording_hook(bump_t *arena, size_t size, size_t align)
{
    record.calls++;
    record.arena = arena;
    record.size = size;
    record.align = align;
}

static void hook_called_with_each_failed_request_only(void)
{
    unsigned char *mem = harness_scratch(0);
    bump_t a;
    CHECK(bump_init(&a, mem, 128));
    bump_set_oom_hook(&a, recording_hook);
    record = (struct hook_record){0, NULL, 0, 0};
    CHECK(bump_alloc(&a, 100, 4) != NULL && record.calls == 0);
    CHECK(bump_alloc(&a, 100, 4) == NULL);
    CHECK(record.calls == 1 && record.arena == &a && record.size == 100 && record.align == 4);
    CHECK(bump_alloc(&a, 8, 3) == NULL && record.calls == 2 && record.align == 3);
    CHECK(bump_zalloc(&a, 500, 1) == NULL && record.calls == 3 && record.size == 500);
    CHECK(bump_alloc_array(&a, SIZE_MAX, 2, 1) == NULL && record.calls == 4 && record.size == SIZE_MAX);
    CHECK(bump_resize(&a, NULL, 0, 300, 1) == NULL && record.calls == 5 && record.size == 300);
    CHECK(bump_alloc_atomic(&a, 200, 2) == NULL && record.calls == 6 && record.size == 200 && record.align == 2);
    CHECK(bump_alloc(&a, 8, 1) != NULL && record.calls == 6);
}

static void reset_on_failure(bump_t *arena, size_t size, size_t align)
{
    (void)size;
    (void)align;
    record.calls++;
    bump_reset(arena);
}

static void hook_may_release_memory_and_call_still_fails(void)
{
    unsigned char *mem = harness_scratch(0);
    bump_t a;
    CHECK(bump_init(&a, mem, 64));
    bump_set_oom_hook(&a, reset_on_failure);
    record.calls = 0;
    CHECK(bump_alloc(&a, 60, 1) != NULL);
    CHECK(bump_alloc(&a, 10, 1) == NULL && record.calls == 1);
    CHECK(bump_used(&a) == 0 && bump_alloc(&a, 10, 1) != NULL);
}

static void hook_cleared_by_init_and_by_null(void)
{
    unsigned char *mem = harness_scratch(0);
    bump_t a;
    CHECK(bump_init(&a, mem, 16));
    bump_set_oom_hook(&a, recording_hook);
    record.calls = 0;
    CHECK(bump_init(&a, mem, 16));
    CHECK(bump_alloc(&a, 17, 1) == NULL && record.calls == 0);
    bump_set_oom_hook(&a, recording_hook);
    bump_set_oom_hook(&a, NULL);
    CHECK(bump_alloc(&a, 17, 1) == NULL && record.calls == 0);
}

static const struct harness_test tests[] = {
    HARNESS_TEST(stats_used_plus_remaining_is_capacity_throughout),
    HARNESS_TEST(stats_high_water_is_peak_of_used_across_releases),
    HARNESS_TEST(stats_failed_allocation_does_not_move_high_water),
    HARNESS_TEST(owns_exactly_the_allocated_part),
    HARNESS_TEST(start_top_and_end_bound_the_free_and_allocated_parts),
    HARNESS_TEST(hook_called_with_each_failed_request_only),
    HARNESS_TEST(hook_may_release_memory_and_call_still_fails),
    HARNESS_TEST(hook_cleared_by_init_and_by_null),
};
HARNESS_GROUP(stats_group, tests);
