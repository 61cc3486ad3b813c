/* bump_mark, bump_rewind and bump_reset. */
#include "check_arena.h"

static void rewind_releases_everything_after_mark(void)
{
    unsigned char *mem = harness_scratch(0);
    bump_t a;
    CHECK(bump_init(&a, mem, 512));
    void *kept = bump_alloc(&a, 24, 8);
    size_t used = bump_used(&a);
    bump_mark_t m = bump_mark(&a);
    void *first = bump_alloc(&a, 40, 8);
    CHECK(bump_alloc(&a, 100, 4) != NULL);
    CHECK(bump_rewind(&a, m));
    CHECK(bump_used(&a) == used && bump_owns(&a, kept));
    /* The released memory is handed out again, from the same place. */
    CHECK(bump_alloc(&a, 40, 8) == first);
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

static void rewind_to_stale_mark_fails_and_changes_nothing(void)
{
    unsigned char *mem = harness_scratch(0);
    bump_t a, before;
    CHECK(bump_init(&a, mem, 512));
    bump_mark_t m0 = bump_mark(&a);
    CHECK(bump_alloc(&a, 10, 1) != NULL);
    bump_mark_t m1 = bump_mark(&a);
    CHECK(bump_rewind(&a, m0));
    before = a;
    /* m1 lies beyond the present position: rewinding there would mark free
     * memory as allocated. */
    CHECK(!bump_rewind(&a, m1));
    CHECK(arena_same(&a, &before));
    /* After a reset every earlier mark but the empty one is stale. */
    CHECK(bump_alloc(&a, 10, 1) != NULL);
    bump_mark_t m2 = bump_mark(&a);
    bump_reset(&a);
    before = a;
    CHECK(!bump_rewind(&a, m2) && arena_same(&a, &before));
    CHECK(bump_rewind(&a, m0));
}

static void rewind_foreign_mark_fails_and_changes_nothing(void)
{
    unsigned char *mem = harness_scratch(0);
    bump_t a, b, before;
    CHECK(bump_init(&a, mem, 512) && bump_init(&b, mem + 1024, 512));
    CHECK(bump_alloc(&a, 64, 1) != NULL && bump_alloc(&b, 64, 1) != NULL);
    bump_mark_t mb = bump_mark(&b);
    before = a;
    CHECK(!bump_rewind(&a, mb));
    CHECK(arena_same(&a, &before));
}

static void rewind_mark_of_child_arena_on_parent_fails(void)
{
    unsigned char *mem = harness_scratch(0);
    bump_t parent, child, before;
    CHECK(bump_init(&parent, mem, 1024));
    void *block = bump_alloc(&parent, 256, 8);
    CHECK(block != NULL && bump_init(&child, block, 256));
    CHECK(bump_alloc(&child, 16, 1) != NULL);
    /* The child's position lies inside the parent's allocated part, so only
     * the mark's owner tells them apart. */
    bump_mark_t mc = bump_mark(&child);
    before = parent;
    CHECK(!bump_rewind(&parent, mc) && arena_same(&parent, &before));
}

static void rewind_forged_mark_outside_region_fails(void)
{
    unsigned char *mem = harness_scratch(0);
    bump_t a, before;
    CHECK(bump_init(&a, mem, 512));
    CHECK(bump_alloc(&a, 64, 1) != NULL);
    before = a;
    bump_mark_t m = bump_mark(&a);
    m.top = a.limit + 1u;
    CHECK(!bump_rewind(&a, m));
    m.top = UINTPTR_MAX;
    CHECK(!bump_rewind(&a, m));
    m.top = a.base - 1u;
    CHECK(!bump_rewind(&a, m));
    m.top = 0;
    CHECK(!bump_rewind(&a, m));
    m = bump_mark(&a);
    m.arena = NULL;
    CHECK(!bump_rewind(&a, m));
    CHECK(arena_same(&a, &before));
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
    HARNESS_TEST(rewind_nested_marks_in_order),
    HARNESS_TEST(rewind_to_stale_mark_fails_and_changes_nothing),
    HARNESS_TEST(rewind_foreign_mark_fails_and_changes_nothing),
    HARNESS_TEST(rewind_mark_of_child_arena_on_parent_fails),
    HARNESS_TEST(rewind_forged_mark_outside_region_fails),
    HARNESS_TEST(reset_releases_everything_and_keeps_high_water),
};
HARNESS_GROUP(mark_group, tests);
