/* SPDX-License-Identifier: MIT */
/* The adapters of src/bump_hooks.h: every hook shape, its rules and its bad inputs. */
#include "bump_hooks.h"
#include "check_arena.h"

#define H BUMP_HOOK_HEADER
#define A BUMP_HOOK_ALIGN

/* A region of `size` bytes whose start is aligned to BUMP_HOOK_ALIGN, so
 * figures do not depend on where the scratch memory lies. */
static void hook_arena(bump_t *a, size_t size)
{
    unsigned char *mem = harness_scratch(0);
    CHECK(bump_init(a, mem, size));
}

static void hook_malloc_gives_aligned_plain_blocks(void)
{
    bump_t a;
    hook_arena(&a, 1024);
    unsigned char *p = bump_hook_malloc(&a, 24);
    unsigned char *q = bump_hook_malloc(&a, 1);
    CHECK(p != NULL && q != NULL && is_aligned(p, A) && is_aligned(q, A) && q < p);
    CHECK(q == bump_top(&a) && bump_growable(&a) == NULL);
}

static void hook_realloc_null_allocates_and_zero_frees(void)
{
    bump_t a;
    hook_arena(&a, 1024);
    size_t used = bump_used(&a);
    void *p = bump_hook_realloc(&a, NULL, 999, 40);
    CHECK(p != NULL && is_aligned(p, A) && bump_used(&a) >= used + 40);
    CHECK(bump_hook_realloc(&a, p, 40, 0) == NULL && bump_used(&a) == used);
}

static void hook_shrink_returns_the_same_block_and_copies_nothing(void)
{
    bump_t a;
    hook_arena(&a, 1024);
    unsigned char *older = bump_hook_malloc(&a, 32);
    unsigned char *p = bump_hook_malloc(&a, 64);
    CHECK(older != NULL && p != NULL);
    stamp(older, 32, 1);
    stamp(p, 64, 2);
    size_t used = bump_used(&a);
    /* The most recent plain block and an older one alike: the same pointer. */
    CHECK(bump_hook_realloc(&a, p, 64, 10) == p && bump_used(&a) == used && stamped(p, 64, 2));
    CHECK(bump_hook_realloc(&a, older, 32, 5) == older && bump_used(&a) == used && stamped(older, 32, 1));
}

static void hook_free_of_most_recent_block_gives_it_back(void)
{
    bump_t a;
    hook_arena(&a, 1024);
    unsigned char *keep = bump_hook_malloc(&a, 16);
    size_t used = bump_used(&a);
    void *p = bump_hook_malloc(&a, 48);
    void *q = bump_hook_malloc(&a, 32);
    CHECK(keep != NULL && p != NULL && q != NULL);
    bump_hook_free(&a, q, 32);
    bump_hook_free(&a, p, 48);
    CHECK(bump_used(&a) == used);
}

static void hook_free_of_an_older_block_releases_nothing(void)
{
    bump_t a;
    hook_arena(&a, 1024);
    void *older = bump_hook_malloc(&a, 48);
    unsigned char *newer = bump_hook_malloc(&a, 16);
    CHECK(older != NULL && newer != NULL);
    stamp(newer, 16, 3);
    bump_t before = a;
    bump_hook_free(&a, older, 48);
    CHECK(arena_same(&before, &a) && stamped(newer, 16, 3));
}

static void hook_grow_moves_once_into_a_growable_block_then_grows_in_place(void)
{
    bump_t a;
    hook_arena(&a, 2048);
    void *top = bump_top(&a);
    unsigned char *p = bump_hook_malloc(&a, 40);
    CHECK(p != NULL);
    stamp(p, 40, 4);
    unsigned char *q = bump_hook_realloc(&a, p, 40, 100);
    CHECK(q != NULL && q != p && is_aligned(q, A) && q == bump_growable(&a) && stamped(q, 40, 4));
    /* The old block was the most recent plain one: given back. */
    CHECK(bump_top(&a) == top);
    stamp(q, 100, 5);
    /* Plain allocations in between do not matter. */
    CHECK(bump_hook_malloc(&a, 24) != NULL);
    for (size_t n = 100; n < 1000; n += 100) {
        unsigned char *r = bump_hook_realloc(&a, q, n, n + 100);
        CHECK(r == q && stamped(q, 100, 5));
    }
}

static void hook_grow_of_an_older_block_copies_and_keeps_the_old_one(void)
{
    bump_t a;
    hook_arena(&a, 2048);
    unsigned char *older = bump_hook_malloc(&a, 32);
    unsigned char *newer = bump_hook_malloc(&a, 32);
    CHECK(older != NULL && newer != NULL);
    stamp(older, 32, 6);
    stamp(newer, 32, 7);
    unsigned char *q = bump_hook_realloc(&a, older, 32, 64);
    CHECK(q != NULL && q != older && q == bump_growable(&a) && stamped(q, 32, 6));
    CHECK(stamped(older, 32, 6) && stamped(newer, 32, 7) && bump_owns(&a, older));
}

static void hook_grow_that_does_not_fit_keeps_the_block(void)
{
    bump_t a;
    hook_arena(&a, 512);
    unsigned char *p = bump_hook_malloc(&a, 64);
    CHECK(p != NULL);
    stamp(p, 64, 8);
    bump_t before = a;
    CHECK(bump_hook_realloc(&a, p, 64, 4096) == NULL && stamped(p, 64, 8));
    CHECK(failed_once(&before, &a, 4096, A));
    /* The same for the current growable block. */
    unsigned char *g = bump_hook_realloc(&a, p, 64, 128);
    CHECK(g != NULL && g == bump_growable(&a));
    stamp(g, 128, 9);
    before = a;
    CHECK(bump_hook_realloc(&a, g, 128, SIZE_MAX) == NULL && stamped(g, 128, 9));
    bump_report_t r;
    bump_report(&a, &r);
    CHECK(r.failures == 2u && bump_growable(&a) == g);
}

static void hook_growable_block_shrinks_and_frees_in_place(void)
{
    bump_t a;
    hook_arena(&a, 2048);
    size_t empty = bump_used(&a);
    unsigned char *p = bump_hook_realloc(&a, bump_hook_malloc(&a, 8), 8, 512);
    CHECK(p != NULL && p == bump_growable(&a));
    size_t used = bump_used(&a);
    stamp(p, 512, 10);
    CHECK(bump_hook_realloc(&a, p, 512, 100) == p && bump_used(&a) == used - 412 && stamped(p, 100, 10));
    bump_hook_free(&a, p, 100);
    CHECK(bump_used(&a) == empty);
}

static void hook_plain_block_at_an_empty_growable_block_is_told_apart_by_its_size(void)
{
    bump_t a;
    hook_arena(&a, 512);
    unsigned char *g = bump_hook_realloc(&a, bump_hook_malloc(&a, 16), 16, 64);
    CHECK(g != NULL && g == bump_growable(&a));
    bump_hook_free(&a, g, 64); /* the growable block is empty now, at the floor */
    unsigned char *p = bump_hook_malloc(&a, bump_remaining(&a) & ~(size_t)(A - 1u));
    CHECK(p == g && p == bump_top(&a) && p == bump_growable(&a)); /* the plain part reaches the floor */
    stamp(p, 64, 15);
    CHECK(bump_hook_realloc(&a, p, 64, 32) == p && stamped(p, 64, 15));
    bump_hook_free(&a, p, 512);
    CHECK(bump_used(&a) == 0u);
}

static void hook_realloc_and_free_refuse_foreign_pointers(void)
{
    bump_t a;
    hook_arena(&a, 512);
    unsigned char *p = bump_hook_malloc(&a, 64);
    CHECK(p != NULL);
    static unsigned char outside[64];
    bump_t before = a;
    CHECK(bump_hook_realloc(&a, outside + A, 16, 32) == NULL);
    CHECK(bump_hook_realloc(&a, p + 1, 16, 32) == NULL);          /* not aligned: not a block */
    CHECK(bump_hook_realloc(&a, (void *)(uintptr_t)A, 16, 32) == NULL); /* below the region */
    CHECK(bump_hook_realloc(&a, bump_start(&a), 16, 32) == NULL);       /* the free part */
    bump_hook_free(&a, outside + A, 16);
    bump_hook_free(&a, p + 1, 16);
    bump_hook_free(&a, NULL, 16);
    CHECK(arena_same(&before, &a));
}

static void sized_malloc_keeps_the_size_and_refuses_overflowing_sizes(void)
{
    bump_t a;
    hook_arena(&a, 1024);
    unsigned char *p = bump_sized_malloc(&a, 24);
    CHECK(p != NULL && is_aligned(p, A) && bump_sized_size(&a, p) == 24);
    CHECK(bump_used(&a) >= 24 + H && bump_used(&a) < 24 + H + A);
    bump_t before = a;
    CHECK(bump_sized_malloc(&a, SIZE_MAX) == NULL && failed_once(&before, &a, SIZE_MAX, A));
    before = a;
    CHECK(bump_sized_malloc(&a, SIZE_MAX - H + 1u) == NULL && failed_once(&before, &a, SIZE_MAX, A));
    before = a;
    CHECK(bump_sized_malloc(&a, SIZE_MAX - H) == NULL && failed_once(&before, &a, SIZE_MAX, A));
}

static void sized_free_of_most_recent_block_gives_it_back_and_a_second_free_is_ignored(void)
{
    bump_t a;
    hook_arena(&a, 1024);
    CHECK(bump_sized_malloc(&a, 8) != NULL);
    size_t used = bump_used(&a);
    void *p = bump_sized_malloc(&a, 100);
    void *q = bump_sized_malloc(&a, 1);
    CHECK(p != NULL && q != NULL);
    bump_sized_free(&a, q);
    bump_sized_free(&a, p);
    CHECK(bump_used(&a) == used);
    /* An older block: nothing released, but it is no block any more. */
    void *older = bump_sized_malloc(&a, 40);
    CHECK(bump_sized_malloc(&a, 40) != NULL && older != NULL);
    bump_sized_free(&a, older);
    bump_t before = a;
    CHECK(bump_sized_size(&a, older) == 0u && bump_sized_realloc(&a, older, 80) == NULL);
    bump_sized_free(&a, older);
    CHECK(arena_same(&before, &a));
}

static void sized_realloc_shrinks_in_place_and_grows_in_place_once_growable(void)
{
    bump_t a;
    hook_arena(&a, 4096);
    unsigned char *p = bump_sized_malloc(&a, 40);
    CHECK(p != NULL);
    stamp(p, 40, 11);
    size_t used = bump_used(&a);
    /* Within the usable size: the same block, nothing moves. */
    CHECK(bump_sized_realloc(&a, p, 20) == p && bump_used(&a) == used && bump_sized_size(&a, p) == 40);
    unsigned char *q = bump_sized_realloc(&a, p, 200);
    CHECK(q != NULL && q != p && is_aligned(q, A) && stamped(q, 40, 11) && bump_sized_size(&a, q) == 200);
    CHECK(bump_sized_size(&a, p) == 0u); /* the old block was given back */
    /* An older block grown elsewhere is no block any more, and one that could
     * not grow still is. */
    unsigned char *older = bump_sized_malloc(&a, 24);
    CHECK(older != NULL && bump_sized_malloc(&a, 8) != NULL);
    unsigned char *moved = bump_sized_realloc(&a, older, 48);
    CHECK(moved != NULL && moved != older && bump_sized_size(&a, older) == 0u && bump_sized_size(&a, moved) == 48);
    CHECK(bump_sized_realloc(&a, moved, 100000) == NULL && bump_sized_size(&a, moved) == 48);
    q = bump_sized_realloc(&a, q, 300); /* moved once more: the current growable block again */
    CHECK(q != NULL && q == (unsigned char *)bump_growable(&a) + H);
    CHECK(bump_sized_malloc(&a, 16) != NULL); /* a plain block in between */
    for (size_t n = 300; n <= 2000; n += 100) {
        CHECK(bump_sized_realloc(&a, q, n) == q && bump_sized_size(&a, q) == n);
    }
    CHECK(stamped(q, 40, 11));
    size_t grown = bump_used(&a);
    CHECK(bump_sized_realloc(&a, q, 100) == q && bump_sized_size(&a, q) == 100 && bump_used(&a) == grown - 1900);
    CHECK(bump_sized_realloc(&a, q, 0) == NULL && bump_used(&a) == grown - 2000 - H);
}

static void sized_calls_refuse_foreign_and_interior_pointers(void)
{
    bump_t a;
    hook_arena(&a, 1024);
    unsigned char *p = bump_sized_malloc(&a, 64);
    CHECK(p != NULL);
    stamp(p, 64, 12);
    static unsigned char outside[64];
    bump_t before = a;
    CHECK(bump_sized_size(&a, NULL) == 0u && bump_sized_size(&a, outside + H) == 0u);
    CHECK(bump_sized_size(&a, p + A) == 0u && bump_sized_size(&a, p + 1) == 0u);
    CHECK(bump_sized_realloc(&a, outside + H, 8) == NULL && bump_sized_realloc(&a, p + A, 8) == NULL);
    CHECK(bump_sized_realloc(&a, bump_start(&a), 8) == NULL); /* no room for a header below it */
    CHECK(bump_sized_size(&a, (unsigned char *)bump_start(&a) + 2u * H) == 0u); /* the free part */
    bump_sized_free(&a, outside + H);
    bump_sized_free(&a, p + A);
    bump_sized_free(&a, NULL);
    CHECK(arena_same(&before, &a) && stamped(p, 64, 12) && bump_sized_size(&a, p) == 64);
}

/* A header of the documented layout, written by hand at `block`. */
static void forge_header(unsigned char *block, size_t size)
{
    size_t words[2] = {size, size ^ (size_t)(uintptr_t)block ^ BUMP_HOOK_CHECK_KEY};
    memcpy(block, words, sizeof words);
}

static void sized_header_claiming_more_than_its_part_is_refused(void)
{
    bump_t a;
    hook_arena(&a, 1024);
    unsigned char *raw = bump_hook_malloc(&a, 64); /* a plain block, no header */
    CHECK(raw != NULL);
    unsigned char *p = raw + H;
    size_t room = (size_t)((unsigned char *)bump_end(&a) - p);
    forge_header(raw, room);
    CHECK(bump_sized_size(&a, p) == room); /* the layout is the documented one */
    forge_header(raw, room + 1u);
    bump_t before = a;
    CHECK(bump_sized_size(&a, p) == 0u && bump_sized_realloc(&a, p, 8) == NULL);
    bump_sized_free(&a, p);
    CHECK(arena_same(&before, &a));
}

static void sized_grow_that_does_not_fit_keeps_the_block(void)
{
    bump_t a;
    hook_arena(&a, 512);
    unsigned char *p = bump_sized_malloc(&a, 64);
    CHECK(p != NULL);
    stamp(p, 64, 13);
    bump_t before = a;
    CHECK(bump_sized_realloc(&a, p, 1000) == NULL && failed_once(&before, &a, 1000 + H, A));
    CHECK(bump_sized_realloc(&a, p, SIZE_MAX) == NULL && stamped(p, 64, 13) && bump_sized_size(&a, p) == 64);
}

static void lua_alloc_follows_lua_rules(void)
{
    bump_t a;
    hook_arena(&a, 1024);
    size_t used = bump_used(&a);
    /* A new object: osize is its type (4, a string), not a size. */
    unsigned char *s = bump_lua_alloc(&a, NULL, 4, 30);
    CHECK(s != NULL && is_aligned(s, A) && bump_used(&a) >= used + 30);
    stamp(s, 30, 14);
    unsigned char *t = bump_lua_alloc(&a, s, 30, 300);
    CHECK(t != NULL && stamped(t, 30, 14));
    CHECK(bump_lua_alloc(&a, t, 300, 0) == NULL);
    /* nsize 0 is a free, and returns NULL, even with no block (Lua's rule). */
    size_t before = bump_used(&a);
    CHECK(bump_lua_alloc(&a, NULL, 0, 0) == NULL && bump_lua_alloc(&a, NULL, 5, 0) == NULL);
    CHECK(bump_hook_realloc(&a, NULL, 0, 0) == NULL && bump_sized_realloc(&a, NULL, 0) == NULL);
    CHECK(bump_used(&a) == before);
    /* Lua requires that a shrink never fails: not even in a full arena. */
    unsigned char *big = bump_lua_alloc(&a, NULL, 5, bump_remaining(&a) & ~(size_t)(A - 1u));
    CHECK(big != NULL && bump_lua_alloc(&a, big, 16, 8) == big);
}

/* A library's free never costs the caller a mark: the most recent plain
 * block is kept, not given back, when a mark stands at its start or it is
 * empty, and a size that lies is ignored without counting as a failure. */
static void hook_free_never_makes_a_mark_stale_or_fails(void)
{
    bump_t a;
    hook_arena(&a, 1024);
    bump_mark_t m = bump_mark(&a);
    void *empty = bump_hook_malloc(&a, 0); /* at top, where the mark stands */
    bump_hook_free(&a, empty, 0);
    void *batch = bump_hook_malloc(&a, 64);
    CHECK(batch != NULL && bump_rewind(&a, m) && bump_used(&a) == 0);
    void *p = bump_hook_malloc(&a, 16);
    bump_mark_t after = bump_mark(&a); /* taken after p, at p's start */
    bump_hook_free(&a, p, 16);          /* p stays: the mark stands on it */
    CHECK(bump_used(&a) == 16 && bump_hook_malloc(&a, 32) != NULL && bump_rewind(&a, after));
    CHECK(bump_used(&a) == 16);
    bump_report_t r0, r1;
    bump_report(&a, &r0);
    void *q = bump_hook_malloc(&a, 16);
    bump_hook_free(&a, q, 4096); /* a lie that reaches past the region's end */
    bump_report(&a, &r1);
    CHECK(r1.failures == r0.failures && bump_used(&a) == 32);
}

/* After a shrink, which keeps the bytes, a free given the shrunk size gives
 * back what that size covers. */
static void hook_free_after_a_shrink_gives_back_what_the_size_covers(void)
{
    bump_t a;
    hook_arena(&a, 1024);
    void *p = bump_hook_malloc(&a, 100); /* 100 rounded up to A */
    size_t taken = bump_used(&a);
    CHECK(bump_hook_realloc(&a, p, 100, 50) == p && bump_used(&a) == taken);
    bump_hook_free(&a, p, 50);
    size_t kept = taken - ((50u + A - 1u) & ~(size_t)(A - 1u));
    CHECK(bump_used(&a) == kept);
}

static void zlib_hooks_give_a_stream_back_and_refuse_overflow(void)
{
    bump_t a;
    hook_arena(&a, 2048);
    size_t used = bump_used(&a);
    void *state = bump_zlib_alloc(&a, 1, 200);
    void *window = bump_zlib_alloc(&a, 2, 256);
    void *pending = bump_zlib_alloc(&a, 4, 50);
    CHECK(state != NULL && window != NULL && pending != NULL && is_aligned(window, A));
    CHECK(bump_sized_size(&a, window) == 512u);
    /* zlib frees in the reverse order: everything comes back. */
    bump_zlib_free(&a, pending);
    bump_zlib_free(&a, window);
    bump_zlib_free(&a, state);
    CHECK(bump_used(&a) == used);
    /* items * size overflows on 32-bit cores; on 64-bit hosts it is too large. */
    bump_t before = a;
    bump_report_t r;
    CHECK(bump_zlib_alloc(&a, ~0u, ~0u) == NULL);
    bump_report(&a, &r);
    CHECK(r.failures == 1u && r.last_failed_size >= (size_t)~0u && bump_used(&a) == used);
    CHECK(arena_same(&before, &a));
    before = a;
    bump_zlib_free(&a, NULL);
    bump_zlib_free(&a, (unsigned char *)bump_end(&a) + H);
    CHECK(arena_same(&before, &a));
    CHECK(bump_zlib_alloc(&a, 0, 8) != NULL && bump_zlib_alloc(&a, 8, 0) != NULL);
}

static const struct harness_test tests[] = {
    HARNESS_TEST(hook_malloc_gives_aligned_plain_blocks),
    HARNESS_TEST(hook_realloc_null_allocates_and_zero_frees),
    HARNESS_TEST(hook_shrink_returns_the_same_block_and_copies_nothing),
    HARNESS_TEST(hook_free_of_most_recent_block_gives_it_back),
    HARNESS_TEST(hook_free_of_an_older_block_releases_nothing),
    HARNESS_TEST(hook_grow_moves_once_into_a_growable_block_then_grows_in_place),
    HARNESS_TEST(hook_grow_of_an_older_block_copies_and_keeps_the_old_one),
    HARNESS_TEST(hook_grow_that_does_not_fit_keeps_the_block),
    HARNESS_TEST(hook_growable_block_shrinks_and_frees_in_place),
    HARNESS_TEST(hook_plain_block_at_an_empty_growable_block_is_told_apart_by_its_size),
    HARNESS_TEST(hook_realloc_and_free_refuse_foreign_pointers),
    HARNESS_TEST(sized_malloc_keeps_the_size_and_refuses_overflowing_sizes),
    HARNESS_TEST(sized_free_of_most_recent_block_gives_it_back_and_a_second_free_is_ignored),
    HARNESS_TEST(sized_realloc_shrinks_in_place_and_grows_in_place_once_growable),
    HARNESS_TEST(sized_calls_refuse_foreign_and_interior_pointers),
    HARNESS_TEST(sized_header_claiming_more_than_its_part_is_refused),
    HARNESS_TEST(sized_grow_that_does_not_fit_keeps_the_block),
    HARNESS_TEST(lua_alloc_follows_lua_rules),
    HARNESS_TEST(hook_free_never_makes_a_mark_stale_or_fails),
    HARNESS_TEST(hook_free_after_a_shrink_gives_back_what_the_size_covers),
    HARNESS_TEST(zlib_hooks_give_a_stream_back_and_refuse_overflow),
};
HARNESS_GROUP(hooks_group, tests);
