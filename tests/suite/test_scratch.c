/* SPDX-License-Identifier: MIT */
/* Scratch scopes and child arenas. */
#include "check_arena.h"

static size_t used_inside;

/* Leaves its scope by three different paths; each must rewind. */
static int work(bump_t *arena, int how)
{
    BUMP_SCOPE(scratch, arena);
    for (int i = 0; i < 4; i++) {
        if (bump_alloc(arena, 24, 8) == NULL) {
            return -1;
        }
        if (how == 1 && i == 2) {
            used_inside = bump_used(arena);
            return 1; /* early return */
        }
        if (how == 2 && i == 1) {
            used_inside = bump_used(arena);
            goto out;
        }
    }
    used_inside = bump_used(arena);
out:
    return how;
}

static void scope_rewinds_on_every_exit_path(void)
{
    unsigned char *mem = harness_scratch(0);
    bump_t a;
    CHECK(bump_init(&a, mem, 512));
    void *kept = bump_alloc(&a, 10, 1);
    size_t before = bump_used(&a);
    for (int how = 0; how < 3; how++) {
        used_inside = 0;
        CHECK(work(&a, how) == how);
        CHECK(used_inside > before && bump_used(&a) == before && bump_owns(&a, kept));
    }
    CHECK(bump_high_water(&a) >= before + 4 * 24);
}

static void scope_nested_rewinds_inner_first(void)
{
    unsigned char *mem = harness_scratch(0);
    bump_t a;
    CHECK(bump_init(&a, mem, 512));
    {
        BUMP_SCOPE(outer, &a);
        CHECK(bump_alloc(&a, 16, 1) != NULL);
        {
            BUMP_SCOPE(inner, &a);
            CHECK(bump_alloc(&a, 32, 1) != NULL && bump_used(&a) == 48);
        }
        CHECK(bump_used(&a) == 16);
    }
    CHECK(bump_used(&a) == 0);
}

static void child_arena_has_its_own_budget_inside_parent(void)
{
    unsigned char *mem = harness_scratch(0);
    bump_t parent, child;
    CHECK(bump_init(&parent, mem, 1024));
    CHECK(bump_init_child(&child, &parent, 200));
    CHECK(bump_capacity(&child) == 200 && bump_used(&parent) >= 200);
    size_t parent_used = bump_used(&parent);
    unsigned char *p = bump_alloc(&child, 150, 4);
    CHECK(p != NULL && bump_owns(&parent, p) && bump_owns(&parent, p + 149));
    CHECK(bump_alloc(&child, 51, 1) == NULL); /* the child's budget, not the parent's */
    CHECK(bump_used(&parent) == parent_used);  /* the child's work costs the parent nothing more */
    bump_reset(&child);
    CHECK(bump_alloc(&child, 200, 1) != NULL);
}

static void child_arena_is_aligned_for_any_object_below_misaligned_top(void)
{
    unsigned char *mem = harness_scratch(0);
    bump_t parent, child;
    /* The parent's top is odd, so aligned for no object wider than a byte. */
    for (size_t odd = 1; odd < 2u * alignof(max_align_t); odd += 2) {
        CHECK(bump_init(&parent, mem, 512u + odd));
        size_t used = bump_used(&parent);
        CHECK(bump_init_child(&child, &parent, 40));
        CHECK(bump_capacity(&child) == 40);
        /* All of the child, from its lowest byte: the block's start. */
        unsigned char *start = bump_alloc(&child, bump_remaining(&child), 1);
        CHECK(start != NULL && is_aligned(start, alignof(max_align_t)));
        CHECK(start != NULL && bump_owns(&parent, start) && bump_owns(&parent, start + 39));
        CHECK(bump_used(&parent) >= used + 40 && bump_used(&parent) < used + 40 + alignof(max_align_t));
    }
}

static void child_arena_refused_without_room_or_child(void)
{
    unsigned char *mem = harness_scratch(0);
    bump_t parent, child, before;
    CHECK(bump_init(&parent, mem, 100));
    before = parent;
    CHECK(!bump_init_child(&child, &parent, 101));
    CHECK(!bump_init_child(NULL, &parent, 10));
    CHECK(!bump_init_child(&child, &parent, SIZE_MAX));
    CHECK(arena_same(&parent, &before));
}

static const struct harness_test tests[] = {
    HARNESS_TEST(scope_rewinds_on_every_exit_path),
    HARNESS_TEST(scope_nested_rewinds_inner_first),
    HARNESS_TEST(child_arena_has_its_own_budget_inside_parent),
    HARNESS_TEST(child_arena_is_aligned_for_any_object_below_misaligned_top),
    HARNESS_TEST(child_arena_refused_without_room_or_child),
};
HARNESS_GROUP(scratch_group, tests);
