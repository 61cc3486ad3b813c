/* SPDX-License-Identifier: MIT */
/* The adapters of src/bump_hooks.h: every hook shape, its rules and its bad inputs. */
#include "bump_hooks.h"
#include "check_arena.h"

#define H BUMP_HOOK_HEADER
#define A BUMP_HOOK_ALIGN

/* The bytes a block of n bytes takes, by bump_hooks.h's size classes: n in
 * granules of A (at least 1), rounded up to 1, 2, 3, 4, then (5..8) x 2^k
 * granules. */
static size_t CB(size_t n)
{
    size_t g = (n + A - 1u) / A;
    g = (g == 0u) ? 1u : g;
    if (g > 4u) {
        size_t k = 1u;
        while (8u * k < g) {
            k *= 2u;
        }
        size_t m = 5u;
        while (m * k < g) {
            m++;
        }
        g = m * k;
    }
    return g * A;
}

/* A region of `size` bytes whose start is aligned to BUMP_HOOK_ALIGN, so
 * figures do not depend on where the scratch memory lies. */
static void hook_arena(bump_t *a, bump_hooks_t *h, size_t size)
{
    unsigned char *mem = harness_scratch(0);
    CHECK(bump_init(a, mem, size));
    bump_hooks_init(h, a);
}

static void hook_malloc_gives_aligned_plain_blocks(void)
{
    bump_t a;
    bump_hooks_t h;
    hook_arena(&a, &h, 1024);
    unsigned char *p = bump_hook_malloc(&h, 24);
    unsigned char *q = bump_hook_malloc(&h, 1);
    CHECK(p != NULL && q != NULL && is_aligned(p, A) && is_aligned(q, A) && q < p);
    CHECK(q == bump_top(&a) && bump_growable(&a) == NULL);
}

static void hook_realloc_null_allocates_and_zero_frees(void)
{
    bump_t a;
    bump_hooks_t h;
    hook_arena(&a, &h, 1024);
    size_t used = bump_used(&a);
    void *p = bump_hook_realloc(&h, NULL, 999, 40);
    CHECK(p != NULL && is_aligned(p, A) && bump_used(&a) >= used + 40);
    CHECK(bump_hook_realloc(&h, p, 40, 0) == NULL && bump_used(&a) == used);
}

static void hook_shrink_returns_the_same_block_and_copies_nothing(void)
{
    bump_t a;
    bump_hooks_t h;
    hook_arena(&a, &h, 1024);
    unsigned char *older = bump_hook_malloc(&h, 32);
    unsigned char *p = bump_hook_malloc(&h, 64);
    CHECK(older != NULL && p != NULL);
    stamp(older, 32, 1);
    stamp(p, 64, 2);
    size_t used = bump_used(&a);
    /* The most recent plain block and an older one alike: the same pointer. */
    CHECK(bump_hook_realloc(&h, p, 64, 10) == p && bump_used(&a) == used && stamped(p, 64, 2));
    CHECK(bump_hook_realloc(&h, older, 32, 5) == older && bump_used(&a) == used && stamped(older, 32, 1));
}

static void hook_free_of_most_recent_block_gives_it_back(void)
{
    bump_t a;
    bump_hooks_t h;
    hook_arena(&a, &h, 1024);
    unsigned char *keep = bump_hook_malloc(&h, 16);
    size_t used = bump_used(&a);
    void *p = bump_hook_malloc(&h, 48);
    void *q = bump_hook_malloc(&h, 32);
    CHECK(keep != NULL && p != NULL && q != NULL);
    bump_hook_free(&h, q, 32);
    bump_hook_free(&h, p, 48);
    CHECK(bump_used(&a) == used);
}

static void hook_free_of_an_older_block_releases_nothing(void)
{
    bump_t a;
    bump_hooks_t h;
    hook_arena(&a, &h, 1024);
    void *older = bump_hook_malloc(&h, 48);
    unsigned char *newer = bump_hook_malloc(&h, 16);
    CHECK(older != NULL && newer != NULL);
    stamp(newer, 16, 3);
    bump_t before = a;
    bump_hook_free(&h, older, 48);
    CHECK(arena_same(&before, &a) && stamped(newer, 16, 3));
}

static void hook_grow_moves_once_into_a_growable_block_then_grows_in_place(void)
{
    bump_t a;
    bump_hooks_t h;
    hook_arena(&a, &h, 2048);
    void *top = bump_top(&a);
    unsigned char *p = bump_hook_malloc(&h, 40);
    CHECK(p != NULL);
    stamp(p, 40, 4);
    unsigned char *q = bump_hook_realloc(&h, p, 40, 100);
    CHECK(q != NULL && q != p && is_aligned(q, A) && q == bump_growable(&a) && stamped(q, 40, 4));
    /* The old block was the most recent plain one: given back. */
    CHECK(bump_top(&a) == top);
    stamp(q, 100, 5);
    /* Plain allocations in between do not matter. */
    CHECK(bump_hook_malloc(&h, 24) != NULL);
    for (size_t n = 100; n < 1000; n += 100) {
        unsigned char *r = bump_hook_realloc(&h, q, n, n + 100);
        CHECK(r == q && stamped(q, 100, 5));
    }
}

static void hook_grow_of_an_older_block_copies_and_frees_the_old_one(void)
{
    bump_t a;
    bump_hooks_t h;
    hook_arena(&a, &h, 2048);
    unsigned char *older = bump_hook_malloc(&h, 32);
    unsigned char *newer = bump_hook_malloc(&h, 32);
    CHECK(older != NULL && newer != NULL);
    stamp(older, 32, 6);
    stamp(newer, 32, 7);
    unsigned char *q = bump_hook_realloc(&h, older, 32, 64);
    CHECK(q != NULL && q != older && q == bump_growable(&a) && stamped(q, 32, 6));
    CHECK(stamped(newer, 32, 7) && bump_owns(&a, older));
    /* The old block went on its list: the next request of its class takes it. */
    CHECK(bump_hook_malloc(&h, 33u - A) == older && bump_hook_malloc(&h, 32) != older);
}

static void hook_grow_that_does_not_fit_keeps_the_block(void)
{
    bump_t a;
    bump_hooks_t h;
    hook_arena(&a, &h, 512);
    unsigned char *p = bump_hook_malloc(&h, 64);
    CHECK(p != NULL);
    stamp(p, 64, 8);
    bump_t before = a;
    CHECK(bump_hook_realloc(&h, p, 64, 4096) == NULL && stamped(p, 64, 8));
    CHECK(failed_once(&before, &a, 4096, A));
    /* The same for the current growable block. */
    unsigned char *g = bump_hook_realloc(&h, p, 64, 128);
    CHECK(g != NULL && g == bump_growable(&a));
    stamp(g, 128, 9);
    before = a;
    CHECK(bump_hook_realloc(&h, g, 128, SIZE_MAX) == NULL && stamped(g, 128, 9));
    bump_report_t r;
    bump_report(&a, &r);
    CHECK(r.failures == 2u && bump_growable(&a) == g);
}

static void hook_growable_block_shrinks_and_frees_in_place(void)
{
    bump_t a;
    bump_hooks_t h;
    hook_arena(&a, &h, 2048);
    size_t empty = bump_used(&a);
    unsigned char *p = bump_hook_realloc(&h, bump_hook_malloc(&h, 8), 8, 512);
    CHECK(p != NULL && p == bump_growable(&a));
    size_t used = bump_used(&a);
    stamp(p, 512, 10);
    CHECK(bump_hook_realloc(&h, p, 512, 100) == p && bump_used(&a) == used - (CB(512) - CB(100)) && stamped(p, 100, 10));
    bump_hook_free(&h, p, 100);
    CHECK(bump_used(&a) == empty);
}

static void hook_plain_block_at_an_empty_growable_block_is_told_apart_by_its_size(void)
{
    bump_t a;
    bump_hooks_t h;
    hook_arena(&a, &h, 512);
    unsigned char *g = bump_hook_realloc(&h, bump_hook_malloc(&h, 16), 16, 64);
    CHECK(g != NULL && g == bump_growable(&a));
    bump_hook_free(&h, g, 64); /* the growable block is empty now, at the floor */
    unsigned char *p = bump_hook_malloc(&h, bump_remaining(&a) & ~(size_t)(A - 1u));
    CHECK(p == g && p == bump_top(&a) && p == bump_growable(&a)); /* the plain part reaches the floor */
    stamp(p, 64, 15);
    CHECK(bump_hook_realloc(&h, p, 64, 32) == p && stamped(p, 64, 15));
    bump_hook_free(&h, p, 512);
    CHECK(bump_used(&a) == 0u);
}

static void hook_realloc_and_free_refuse_foreign_pointers(void)
{
    bump_t a;
    bump_hooks_t h;
    hook_arena(&a, &h, 512);
    unsigned char *p = bump_hook_malloc(&h, 64);
    CHECK(p != NULL);
    static unsigned char outside[64];
    bump_t before = a;
    CHECK(bump_hook_realloc(&h, outside + A, 16, 32) == NULL);
    CHECK(bump_hook_realloc(&h, p + 1, 16, 32) == NULL);          /* not aligned: not a block */
    CHECK(bump_hook_realloc(&h, (void *)(uintptr_t)A, 16, 32) == NULL); /* below the region */
    CHECK(bump_hook_realloc(&h, bump_start(&a), 16, 32) == NULL);       /* the free part */
    bump_hook_free(&h, outside + A, 16);
    bump_hook_free(&h, p + 1, 16);
    bump_hook_free(&h, NULL, 16);
    CHECK(arena_same(&before, &a));
}

static void sized_malloc_keeps_the_size_and_refuses_overflowing_sizes(void)
{
    bump_t a;
    bump_hooks_t h;
    hook_arena(&a, &h, 1024);
    unsigned char *p = bump_sized_malloc(&h, 24);
    CHECK(p != NULL && is_aligned(p, A) && bump_sized_size(&h, p) == CB(24 + H) - H);
    CHECK(bump_used(&a) == CB(24 + H) && bump_sized_owns(&h, p));
    bump_t before = a;
    CHECK(bump_sized_malloc(&h, SIZE_MAX) == NULL && failed_once(&before, &a, SIZE_MAX, A));
    before = a;
    CHECK(bump_sized_malloc(&h, SIZE_MAX - H + 1u) == NULL && failed_once(&before, &a, SIZE_MAX, A));
    before = a;
    CHECK(bump_sized_malloc(&h, SIZE_MAX - H) == NULL && failed_once(&before, &a, SIZE_MAX, A));
}

static void sized_free_of_most_recent_block_gives_it_back_and_a_second_free_is_ignored(void)
{
    bump_t a;
    bump_hooks_t h;
    hook_arena(&a, &h, 1024);
    CHECK(bump_sized_malloc(&h, 8) != NULL);
    size_t used = bump_used(&a);
    void *p = bump_sized_malloc(&h, 100);
    void *q = bump_sized_malloc(&h, 1);
    CHECK(p != NULL && q != NULL);
    bump_sized_free(&h, q);
    bump_sized_free(&h, p);
    CHECK(bump_used(&a) == used);
    /* An older block: nothing released, but it is no block any more. */
    void *older = bump_sized_malloc(&h, 40);
    CHECK(bump_sized_malloc(&h, 40) != NULL && older != NULL);
    bump_sized_free(&h, older);
    bump_t before = a;
    CHECK(bump_sized_size(&h, older) == 0u && bump_sized_realloc(&h, older, 80) == NULL);
    bump_sized_free(&h, older);
    CHECK(arena_same(&before, &a));
}

static void sized_realloc_shrinks_in_place_and_grows_in_place_once_growable(void)
{
    bump_t a;
    bump_hooks_t h;
    hook_arena(&a, &h, 4096);
    unsigned char *p = bump_sized_malloc(&h, 40);
    CHECK(p != NULL);
    stamp(p, 40, 11);
    size_t used = bump_used(&a);
    size_t usable = CB(40 + H) - H;
    /* Within the usable size: the same block, nothing moves. */
    CHECK(bump_sized_realloc(&h, p, 20) == p && bump_used(&a) == used && bump_sized_size(&h, p) == usable);
    CHECK(bump_sized_realloc(&h, p, usable) == p && bump_used(&a) == used);
    unsigned char *q = bump_sized_realloc(&h, p, 200);
    CHECK(q != NULL && q != p && is_aligned(q, A) && stamped(q, 40, 11) && bump_sized_size(&h, q) == CB(200 + H) - H);
    CHECK(bump_sized_size(&h, p) == 0u && !bump_sized_owns(&h, p)); /* the old block was given back */
    /* An older block grown elsewhere is no block any more, and one that could
     * not grow still is. */
    unsigned char *older = bump_sized_malloc(&h, 24);
    CHECK(older != NULL && bump_sized_malloc(&h, 8) != NULL);
    unsigned char *moved = bump_sized_realloc(&h, older, 48);
    CHECK(moved != NULL && moved != older && bump_sized_size(&h, older) == 0u);
    CHECK(bump_sized_size(&h, moved) == CB(48 + H) - H);
    CHECK(bump_sized_realloc(&h, moved, 100000) == NULL && bump_sized_size(&h, moved) == CB(48 + H) - H);
    q = bump_sized_realloc(&h, q, 300); /* moved once more: the current growable block again */
    CHECK(q != NULL && q == (unsigned char *)bump_growable(&a) + H);
    CHECK(bump_sized_malloc(&h, 16) != NULL); /* a plain block in between */
    for (size_t n = 300; n <= 2000; n += 100) {
        CHECK(bump_sized_realloc(&h, q, n) == q && bump_sized_size(&h, q) == CB(n + H) - H);
    }
    CHECK(stamped(q, 40, 11));
    size_t grown = bump_used(&a);
    CHECK(bump_sized_realloc(&h, q, 100) == q && bump_sized_size(&h, q) == CB(100 + H) - H);
    CHECK(bump_used(&a) == grown - (CB(2000 + H) - CB(100 + H)));
    CHECK(bump_sized_realloc(&h, q, 0) == NULL && bump_used(&a) == grown - CB(2000 + H));
}

static void sized_calls_refuse_foreign_and_interior_pointers(void)
{
    bump_t a;
    bump_hooks_t h;
    hook_arena(&a, &h, 1024);
    unsigned char *p = bump_sized_malloc(&h, 64);
    CHECK(p != NULL);
    stamp(p, 64, 12);
    static unsigned char outside[64];
    bump_t before = a;
    CHECK(bump_sized_size(&h, NULL) == 0u && bump_sized_size(&h, outside + H) == 0u);
    CHECK(bump_sized_size(&h, p + A) == 0u && bump_sized_size(&h, p + 1) == 0u);
    CHECK(bump_sized_realloc(&h, outside + H, 8) == NULL && bump_sized_realloc(&h, p + A, 8) == NULL);
    CHECK(bump_sized_realloc(&h, bump_start(&a), 8) == NULL); /* no room for a header below it */
    CHECK(bump_sized_size(&h, (unsigned char *)bump_start(&a) + 2u * H) == 0u); /* the free part */
    bump_sized_free(&h, outside + H);
    bump_sized_free(&h, p + A);
    bump_sized_free(&h, NULL);
    CHECK(arena_same(&before, &a) && stamped(p, 64, 12) && bump_sized_size(&h, p) == CB(64 + H) - H);
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
    bump_hooks_t h;
    hook_arena(&a, &h, 1024);
    unsigned char *raw = bump_hook_malloc(&h, 64); /* a plain block, no header */
    CHECK(raw != NULL);
    unsigned char *p = raw + H;
    size_t room = (size_t)((unsigned char *)bump_end(&a) - p);
    forge_header(raw, room);
    CHECK(bump_sized_size(&h, p) == room); /* the layout is the documented one */
    forge_header(raw, room + 1u);
    bump_t before = a;
    CHECK(bump_sized_size(&h, p) == 0u && bump_sized_realloc(&h, p, 8) == NULL);
    bump_sized_free(&h, p);
    CHECK(arena_same(&before, &a));
}

static void sized_grow_that_does_not_fit_keeps_the_block(void)
{
    bump_t a;
    bump_hooks_t h;
    hook_arena(&a, &h, 512);
    unsigned char *p = bump_sized_malloc(&h, 64);
    CHECK(p != NULL);
    stamp(p, 64, 13);
    bump_t before = a;
    CHECK(bump_sized_realloc(&h, p, 1000) == NULL && failed_once(&before, &a, CB(1000 + H), A));
    CHECK(bump_sized_realloc(&h, p, SIZE_MAX) == NULL && stamped(p, 64, 13) && bump_sized_size(&h, p) == CB(64 + H) - H);
}

static void lua_alloc_follows_lua_rules(void)
{
    bump_t a;
    bump_hooks_t h;
    hook_arena(&a, &h, 1024);
    size_t used = bump_used(&a);
    /* A new object: osize is its type (4, a string), not a size. */
    unsigned char *s = bump_lua_alloc(&h, NULL, 4, 30);
    CHECK(s != NULL && is_aligned(s, A) && bump_used(&a) >= used + 30);
    stamp(s, 30, 14);
    unsigned char *t = bump_lua_alloc(&h, s, 30, 300);
    CHECK(t != NULL && stamped(t, 30, 14));
    CHECK(bump_lua_alloc(&h, t, 300, 0) == NULL);
    /* nsize 0 is a free, and returns NULL, even with no block (Lua's rule). */
    size_t before = bump_used(&a);
    CHECK(bump_lua_alloc(&h, NULL, 0, 0) == NULL && bump_lua_alloc(&h, NULL, 5, 0) == NULL);
    CHECK(bump_hook_realloc(&h, NULL, 0, 0) == NULL && bump_sized_realloc(&h, NULL, 0) == NULL);
    CHECK(bump_used(&a) == before);
    /* Lua requires that a shrink never fails: not even in a full arena. */
    unsigned char *big = bump_lua_alloc(&h, NULL, 5, bump_remaining(&a) & ~(size_t)(A - 1u));
    CHECK(big != NULL && bump_lua_alloc(&h, big, 16, 8) == big);
}

/* A library's free never costs the caller a mark: the most recent plain
 * block is kept, not given back, when a mark stands at its start or it is
 * empty, and a size that lies is ignored without counting as a failure. */
static void hook_free_never_makes_a_mark_stale_or_fails(void)
{
    bump_t a;
    bump_hooks_t h;
    hook_arena(&a, &h, 1024);
    bump_mark_t m = bump_mark(&a);
    void *empty = bump_hook_malloc(&h, 0); /* at top, where the mark stands */
    bump_hook_free(&h, empty, 0);
    void *batch = bump_hook_malloc(&h, 64);
    CHECK(batch != NULL && bump_rewind(&a, m) && bump_used(&a) == 0);
    void *p = bump_hook_malloc(&h, 16);
    bump_mark_t after = bump_mark(&a); /* taken after p, at p's start */
    bump_hook_free(&h, p, 16);          /* p stays: the mark stands on it */
    CHECK(bump_used(&a) == 16 && bump_hook_malloc(&h, 32) != NULL && bump_rewind(&a, after));
    CHECK(bump_used(&a) == 16);
    bump_report_t r0, r1;
    bump_report(&a, &r0);
    void *q = bump_hook_malloc(&h, 16);
    bump_hook_free(&h, q, 4096); /* a lie that reaches past the region's end */
    bump_report(&a, &r1);
    CHECK(r1.failures == r0.failures && bump_used(&a) == 32);
}

/* After a shrink, which keeps the bytes, a free given the shrunk size gives
 * back what that size covers. */
static void hook_free_after_a_shrink_gives_back_what_the_size_covers(void)
{
    bump_t a;
    bump_hooks_t h;
    hook_arena(&a, &h, 1024);
    void *p = bump_hook_malloc(&h, 100); /* 100 rounded up to A */
    size_t taken = bump_used(&a);
    CHECK(bump_hook_realloc(&h, p, 100, 50) == p && bump_used(&a) == taken);
    bump_hook_free(&h, p, 50);
    size_t kept = taken - ((50u + A - 1u) & ~(size_t)(A - 1u));
    CHECK(bump_used(&a) == kept);
}

static void zlib_hooks_give_a_stream_back_and_refuse_overflow(void)
{
    bump_t a;
    bump_hooks_t h;
    hook_arena(&a, &h, 2048);
    size_t used = bump_used(&a);
    void *state = bump_zlib_alloc(&h, 1, 200);
    void *window = bump_zlib_alloc(&h, 2, 256);
    void *pending = bump_zlib_alloc(&h, 4, 50);
    CHECK(state != NULL && window != NULL && pending != NULL && is_aligned(window, A));
    CHECK(bump_sized_size(&h, window) == CB(512u + H) - H);
    /* zlib frees in the reverse order: everything comes back. */
    bump_zlib_free(&h, pending);
    bump_zlib_free(&h, window);
    bump_zlib_free(&h, state);
    CHECK(bump_used(&a) == used);
    /* items * size overflows on 32-bit cores; on 64-bit hosts it is too large. */
    bump_t before = a;
    bump_report_t r;
    CHECK(bump_zlib_alloc(&h, ~0u, ~0u) == NULL);
    bump_report(&a, &r);
    CHECK(r.failures == 1u && r.last_failed_size >= (size_t)~0u && bump_used(&a) == used);
    CHECK(arena_same(&before, &a));
    before = a;
    bump_zlib_free(&h, NULL);
    bump_zlib_free(&h, (unsigned char *)bump_end(&a) + H);
    CHECK(arena_same(&before, &a));
    CHECK(bump_zlib_alloc(&h, 0, 8) != NULL && bump_zlib_alloc(&h, 8, 0) != NULL);
}

static bump_hooks_report_t hooks_report(bump_hooks_t *h)
{
    bump_hooks_report_t r;
    bump_hooks_report(h, &r);
    return r;
}

/* A freed block goes on its class's list and the next request of that class
 * takes it (last in, first out); a request of another class does not. */
static void freed_blocks_are_reused_by_their_class_only(void)
{
    bump_t a;
    bump_hooks_t h;
    hook_arena(&a, &h, 4096);
    unsigned char *p = bump_hook_malloc(&h, 5 * A);
    unsigned char *q = bump_hook_malloc(&h, 5 * A);
    CHECK(p != NULL && q != NULL && bump_hook_malloc(&h, 8) != NULL);
    bump_hook_free(&h, p, 5 * A);
    bump_hook_free(&h, q, 5 * A);
    size_t used = bump_used(&a);
    CHECK(hooks_report(&h).listed_bytes == 2u * CB(5 * A));
    CHECK(bump_hook_malloc(&h, 4 * A) != q && bump_used(&a) == used + CB(4 * A)); /* another class */
    CHECK(bump_hook_malloc(&h, 5 * A - 3u) == q && bump_hook_malloc(&h, 5 * A) == p);
    bump_hooks_report_t r = hooks_report(&h);
    CHECK(r.reused == 2u && r.listed_bytes == 0u && r.live_blocks == 4u);
    /* The sized forms share the lists: a sized block of the same class. */
    unsigned char *s = bump_sized_malloc(&h, 6 * A - H);
    CHECK(s != NULL && bump_sized_malloc(&h, 1) != NULL);
    bump_sized_free(&h, s);
    CHECK(bump_hook_malloc(&h, 6 * A) == s - H);
}

/* Giving back the most recent block releases memory in the arena; the lists
 * stay, since nothing on them was released. */
static void a_free_at_the_top_keeps_the_lists(void)
{
    bump_t a;
    bump_hooks_t h;
    hook_arena(&a, &h, 4096);
    unsigned char *p = bump_sized_malloc(&h, 100);
    unsigned char *q = bump_sized_malloc(&h, 200);
    CHECK(p != NULL && q != NULL);
    bump_sized_free(&h, p); /* listed */
    bump_sized_free(&h, q); /* given back */
    CHECK(bump_used(&a) == CB(100 + H));
    CHECK(bump_sized_malloc(&h, 100) == p && hooks_report(&h).reused == 1u);
}

/* No list survives a release by the arena: after a reset or a rewind, memory
 * that was on a list and that the arena has since handed to someone else is
 * never handed out by the adapters. */
static void lists_are_dropped_when_the_arena_releases_memory(void)
{
    bump_t a;
    bump_hooks_t h;
    hook_arena(&a, &h, 4096);
    for (int round = 0; round < 3; round++) {
        /* A block of the caller's first, so that the rewind does not empty the arena. */
        CHECK(bump_alloc(&a, 16, A) != NULL);
        bump_mark_t m = bump_mark(&a);
        unsigned char *p = bump_hook_malloc(&h, 64);
        unsigned char *q = bump_sized_malloc(&h, 64);
        CHECK(p != NULL && q != NULL && bump_hook_malloc(&h, 8) != NULL);
        bump_hook_free(&h, p, 64);
        bump_sized_free(&h, q);
        CHECK(hooks_report(&h).listed_bytes == CB(64) + CB(64 + H));
        if (round == 0) {
            bump_reset(&a);
        } else if (round == 1) {
            CHECK(bump_rewind(&a, m) && bump_used(&a) == 16u);
        } else {
            CHECK(bump_init(&a, bump_start(&a), 4096 - 2u * A)); /* a re-init */
        }
        /* The caller's own blocks take the same memory again. */
        unsigned char *mine = bump_alloc(&a, 512, A);
        CHECK(mine != NULL && mine <= q - H && q < mine + 512); /* what was on a list is the caller's */
        stamp(mine, 512, 20);
        unsigned char *x = bump_hook_malloc(&h, 64);
        unsigned char *y = bump_sized_malloc(&h, 64);
        CHECK(x != NULL && y != NULL && x < mine && y < mine && stamped(mine, 512, 20));
        bump_hooks_report_t r = hooks_report(&h);
        CHECK(r.reused == 0u && r.listed_bytes == 0u);
        bump_reset(&a);
    }
}

/* Repeated frees: detected and counted while the block waits on its list;
 * once a request takes the block again, the pointer names the new block. */
static void repeated_frees_are_counted_until_the_block_is_handed_out_again(void)
{
    bump_t a;
    bump_hooks_t h;
    hook_arena(&a, &h, 4096);
    unsigned char *p = bump_sized_malloc(&h, 32);
    unsigned char *u = bump_hook_malloc(&h, 80); /* another class than p's */
    CHECK(p != NULL && u != NULL && bump_sized_malloc(&h, 8) != NULL);
    bump_sized_free(&h, p);
    bump_sized_free(&h, p);
    bump_hook_free(&h, u, 80);
    bump_hook_free(&h, u, 80);
    CHECK(bump_sized_realloc(&h, p, 64) == NULL && bump_hook_realloc(&h, u, 80, 160) == NULL);
    bump_hooks_report_t r = hooks_report(&h);
    CHECK(r.repeated_frees == 4u && r.foreign_frees == 0u && r.live_blocks == 1u);
    /* Each free went on its list once: one request each takes them back. */
    unsigned char *q = bump_sized_malloc(&h, 32);
    CHECK(q == p && bump_hook_malloc(&h, 80) == u && bump_sized_malloc(&h, 32) != p);
    /* q reuses p's address: a free of p is a free of q (nothing tells them apart). */
    bump_sized_free(&h, p);
    CHECK(hooks_report(&h).repeated_frees == 4u && !bump_sized_owns(&h, q));
    /* A block given back to the arena (the most recent one) is no block: a
     * second free is foreign. */
    unsigned char *t = bump_sized_malloc(&h, 16);
    bump_sized_free(&h, t);
    bump_sized_free(&h, t);
    CHECK(hooks_report(&h).foreign_frees == 1u);
}

static void foreign_pointers_are_counted(void)
{
    bump_t a;
    bump_hooks_t h;
    hook_arena(&a, &h, 1024);
    static unsigned char outside[64];
    unsigned char *p = bump_sized_malloc(&h, 64);
    CHECK(p != NULL);
    bump_sized_free(&h, outside + H);
    bump_hook_free(&h, outside + A, 16);
    bump_sized_free(&h, p + 1);
    CHECK(bump_sized_realloc(&h, outside + H, 8) == NULL);
    bump_sized_free(&h, NULL);
    bump_hook_free(&h, NULL, 8);
    bump_hooks_report_t r = hooks_report(&h);
    CHECK(r.foreign_frees == 4u && r.repeated_frees == 0u && bump_sized_owns(&h, p));
}

/* An aligned pointer inside a block: the sized forms refuse it (its header
 * does not check); the forms that pass the size take [ptr, ptr + old_size)
 * for a block when it lies in an allocated part, and refuse it otherwise. */
static void interior_pointers_get_the_documented_answer(void)
{
    bump_t a;
    bump_hooks_t h;
    hook_arena(&a, &h, 2048);
    unsigned char *s = bump_sized_malloc(&h, 64);
    unsigned char *p = bump_hook_malloc(&h, 64);
    CHECK(s != NULL && p != NULL);
    stamp(s, 64, 21);
    stamp(p, 64, 22);
    CHECK(bump_sized_realloc(&h, s + A, 128) == NULL && bump_sized_size(&h, s + A) == 0u);
    CHECK(!bump_sized_owns(&h, s + A) && hooks_report(&h).foreign_frees == 1u);
    unsigned char inside[32];
    memcpy(inside, p + A, sizeof inside);
    unsigned char *q = bump_hook_realloc(&h, p + A, 32, 128); /* copied, and [p + A, p + A + 32) freed */
    CHECK(q != NULL && q != p && stamped(p, A, 22) && memcmp(q, inside, sizeof inside) == 0);
    /* A range that reaches past the allocated part is refused, nothing read. */
    unsigned char *last = (unsigned char *)bump_end(&a) - A;
    CHECK(bump_hook_realloc(&h, last, 2u * A, 4u * A) == NULL);
    CHECK(bump_hook_realloc(&h, p + A, 4096, 8192) == NULL);
}

static void sized_calloc_zeroes_and_refuses_overflow(void)
{
    bump_t a;
    bump_hooks_t h;
    hook_arena(&a, &h, 2048);
    unsigned char *p = bump_sized_malloc(&h, 100);
    CHECK(p != NULL && bump_sized_malloc(&h, 8) != NULL);
    memset(p, 0xA5, 100);
    bump_sized_free(&h, p); /* so that calloc takes dirty memory back */
    unsigned char *z = bump_sized_calloc(&h, 10, 10);
    CHECK(z == p && bump_sized_size(&h, z) >= 100u);
    for (size_t i = 0; i < 100u; i++) {
        CHECK(z[i] == 0u);
    }
    bump_t before = a;
    CHECK(bump_sized_calloc(&h, SIZE_MAX / 2u + 1u, 2) == NULL && failed_once(&before, &a, SIZE_MAX, A));
    CHECK(bump_sized_calloc(&h, 0, 7) != NULL && bump_sized_calloc(&h, 7, 0) != NULL);
}

/* bump_sized_owns tells a block of 0 bytes, which bump_sized_size gives as
 * 0 when its class has no room beyond the header, from a foreign pointer. */
static void sized_owns_tells_empty_blocks_from_foreign_pointers(void)
{
    bump_t a;
    bump_hooks_t h;
    hook_arena(&a, &h, 1024);
    unsigned char *z = bump_sized_malloc(&h, 0);
    unsigned char *n = bump_sized_malloc(&h, 0);
    CHECK(z != NULL && n != NULL && z != n && bump_sized_owns(&h, z));
    CHECK(bump_sized_size(&h, z) == CB(H) - H);
    static unsigned char outside[64];
    CHECK(!bump_sized_owns(&h, NULL) && !bump_sized_owns(&h, outside + H) && !bump_sized_owns(&h, z + 1));
    bump_sized_free(&h, z);
    CHECK(!bump_sized_owns(&h, z) && bump_sized_owns(&h, n));
}

/* live_blocks: handed out less freed; 0 after a reset, the point to reset. */
static void live_blocks_count_what_the_library_holds(void)
{
    bump_t a;
    bump_hooks_t h;
    hook_arena(&a, &h, 2048);
    void *p = bump_sized_malloc(&h, 10);
    void *q = bump_hook_malloc(&h, 10);
    void *r = bump_sized_realloc(&h, NULL, 30);
    CHECK(p != NULL && q != NULL && r != NULL && hooks_report(&h).live_blocks == 3u);
    r = bump_sized_realloc(&h, r, 3000 > bump_remaining(&a) ? 300 : 3000); /* moves: still one block */
    CHECK(r != NULL && hooks_report(&h).live_blocks == 3u);
    bump_sized_free(&h, p);
    bump_hook_free(&h, q, 10);
    CHECK(hooks_report(&h).live_blocks == 1u);
    bump_sized_free(&h, r);
    CHECK(hooks_report(&h).live_blocks == 0u);
    CHECK(bump_sized_malloc(&h, 5) != NULL && bump_hook_malloc(&h, 5) != NULL);
    bump_reset(&a);
    CHECK(hooks_report(&h).live_blocks == 0u);
}

static void reset_on_failure(bump_t *arena, size_t size, size_t align)
{
    (void)size;
    (void)align;
    bump_reset(arena);
}

/* An out-of-memory hook may release memory in the middle of an adapter's
 * call (here a grow in place that does not fit resets the arena): the lists
 * are dropped all the same. */
static void lists_are_dropped_when_the_out_of_memory_hook_releases(void)
{
    bump_t a;
    bump_hooks_t h;
    hook_arena(&a, &h, 1024);
    unsigned char *p = bump_hook_malloc(&h, 64);
    CHECK(p != NULL && bump_hook_malloc(&h, 8) != NULL);
    unsigned char *g = bump_hook_realloc(&h, bump_hook_malloc(&h, 8), 8, 100); /* the growable block */
    CHECK(g != NULL && g == bump_growable(&a));
    bump_hook_free(&h, p, 64); /* waits on its list */
    bump_set_oom_hook(&a, reset_on_failure);
    CHECK(bump_hook_realloc(&h, g, 100, 4096) == NULL && bump_used(&a) == 0u);
    bump_set_oom_hook(&a, NULL);
    unsigned char *mine = bump_alloc(&a, 256, A);
    CHECK(mine != NULL);
    stamp(mine, 256, 23);
    unsigned char *x = bump_hook_malloc(&h, 64);
    CHECK(x != NULL && (x + 64 <= mine || x >= mine + 256) && stamped(mine, 256, 23));
}

static unsigned hook_locks, hook_unlocks;
static void count_lock(void *context)
{
    CHECK(context == &hook_locks && hook_locks == hook_unlocks);
    hook_locks++;
}
static void count_unlock(void *context)
{
    CHECK(context == &hook_locks && hook_locks == hook_unlocks + 1u);
    hook_unlocks++;
}

/* With a lock set, every call takes it once and releases it before returning. */
static void every_call_takes_the_lock_once(void)
{
    bump_t a;
    bump_hooks_t h;
    hook_arena(&a, &h, 1024);
    hook_locks = hook_unlocks = 0;
    bump_hooks_set_lock(&h, count_lock, count_unlock, &hook_locks);
    void *p = bump_sized_malloc(&h, 10);
    p = bump_sized_realloc(&h, p, 20);
    (void)bump_sized_size(&h, p);
    (void)bump_sized_owns(&h, p);
    bump_sized_free(&h, p);
    void *z = bump_sized_calloc(&h, 2, 2);
    void *q = bump_hook_malloc(&h, 10);
    q = bump_hook_realloc(&h, q, 10, 20);
    bump_hook_free(&h, q, 20);
    CHECK(bump_lua_alloc(&h, NULL, 0, 8) != NULL && bump_zlib_alloc(&h, 1, 8) != NULL && z != NULL);
    bump_hooks_report_t r;
    bump_hooks_report(&h, &r);
    CHECK(hook_locks == 12u && hook_unlocks == 12u);
    bump_hooks_set_lock(&h, NULL, NULL, NULL);
    CHECK(bump_hook_malloc(&h, 1) != NULL && hook_locks == 12u);
}

static const struct harness_test tests[] = {
    HARNESS_TEST(hook_malloc_gives_aligned_plain_blocks),
    HARNESS_TEST(hook_realloc_null_allocates_and_zero_frees),
    HARNESS_TEST(hook_shrink_returns_the_same_block_and_copies_nothing),
    HARNESS_TEST(hook_free_of_most_recent_block_gives_it_back),
    HARNESS_TEST(hook_free_of_an_older_block_releases_nothing),
    HARNESS_TEST(hook_grow_moves_once_into_a_growable_block_then_grows_in_place),
    HARNESS_TEST(hook_grow_of_an_older_block_copies_and_frees_the_old_one),
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
    HARNESS_TEST(freed_blocks_are_reused_by_their_class_only),
    HARNESS_TEST(a_free_at_the_top_keeps_the_lists),
    HARNESS_TEST(lists_are_dropped_when_the_arena_releases_memory),
    HARNESS_TEST(repeated_frees_are_counted_until_the_block_is_handed_out_again),
    HARNESS_TEST(foreign_pointers_are_counted),
    HARNESS_TEST(interior_pointers_get_the_documented_answer),
    HARNESS_TEST(sized_calloc_zeroes_and_refuses_overflow),
    HARNESS_TEST(sized_owns_tells_empty_blocks_from_foreign_pointers),
    HARNESS_TEST(live_blocks_count_what_the_library_holds),
    HARNESS_TEST(lists_are_dropped_when_the_out_of_memory_hook_releases),
    HARNESS_TEST(every_call_takes_the_lock_once),
};
HARNESS_GROUP(hooks_group, tests);
