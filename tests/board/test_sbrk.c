/* SPDX-License-Identifier: MIT */
/* newlib-nano's or picolibc's malloc, realloc, free and printf on the
 * bump_sbrk heap. */
#define _GNU_SOURCE /* asprintf */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bump_sbrk.h"
#include "check_arena.h"
#include "linker_symbols.h"

/*
 * A second copy of the port, with state of its own, so a test can call
 * bump_sbrk_init on a heap nothing has used yet (newlib's printf has taken the
 * real heap before any test runs). Same source; every file-scope name in it
 * is renamed (a new one there needs a line here, or the link fails).
 */
#define bump_sbrk_init fresh_sbrk_init
#define bump_sbrk_arena fresh_sbrk_arena
#define _sbrk fresh_sbrk
#define sbrk fresh_plain_sbrk
#define heap fresh_heap
#define heap_ready fresh_heap_ready
#define heap_setup fresh_heap_setup
#define heap_block fresh_heap_block
bool fresh_sbrk_init(void *mem, size_t size);
const bump_t *fresh_sbrk_arena(void);
void *fresh_sbrk(ptrdiff_t increment);
void *fresh_plain_sbrk(ptrdiff_t increment);
#include "bump_sbrk.c"
#undef bump_sbrk_init
#undef bump_sbrk_arena
#undef _sbrk
#undef sbrk
#undef heap
#undef heap_ready
#undef heap_setup
#undef heap_block

static bool in_heap(const void *p, size_t size)
{
    return inside(p, size, __bump_heap_start, SYMBOL_VALUE(__bump_heap_end) - SYMBOL_VALUE(__bump_heap_start));
}

static void sbrk_heap_is_its_own_section(void)
{
    /* newlib's printf has already taken its stdio buffer from the heap;
     * picolibc's takes none, so allocate (through a volatile: compilers drop
     * a malloc whose block is only freed). */
    void *volatile block = malloc(16);
    free(block);
    const bump_t *heap = bump_sbrk_arena();
    CHECK(heap != NULL);
    if (heap != NULL) {
        CHECK(bump_start(heap) == (void *)__bump_heap_start && bump_end(heap) == (void *)__bump_heap_end);
        CHECK(bump_capacity(heap) == SYMBOL_VALUE(__bump_heap_size) && bump_used(heap) > 0);
    }
}

static void sbrk_malloc_realloc_free_and_printf_live_in_heap(void)
{
    unsigned char *p = malloc(100);
    CHECK(p != NULL && in_heap(p, 100));
    if (p == NULL) {
        return;
    }
    for (int i = 0; i < 100; i++) {
        p[i] = (unsigned char)i;
    }
    unsigned char *q = realloc(p, 300);
    CHECK(q != NULL && in_heap(q, 300));
    size_t kept = 0;
    for (int i = 0; q != NULL && i < 100; i++) {
        kept += q[i] == (unsigned char)i;
    }
    CHECK(kept == 100);
    unsigned char *z = calloc(10, 10);
    CHECK(z != NULL && in_heap(z, 100) && z[0] == 0 && z[99] == 0);
    char *text = NULL;
    int n = asprintf(&text, "heap at %p, %d bytes", (void *)__bump_heap_start, 42);
    CHECK(n > 0 && text != NULL && in_heap(text, (size_t)n + 1u));
    free(text);
    free(z);
    free(q != NULL ? q : p);
}

static void sbrk_exhaustion_is_clean(void)
{
    enum { MAX_BLOCKS = 256 }; /* twice what the largest test heap (8 KiB) holds */
    static void *blocks[MAX_BLOCKS];
    const bump_t *heap = bump_sbrk_arena();
    size_t count = 0;
    errno = 0;
    while (count < MAX_BLOCKS) {
        void *p = malloc(64);
        if (p == NULL) {
            break;
        }
        CHECK(in_heap(p, 64));
        memset(p, 0x5a, 64);
        blocks[count++] = p;
    }
    CHECK(count > 0 && count < MAX_BLOCKS); /* the heap ran out, cleanly */
    CHECK(errno == ENOMEM);
    CHECK(heap != NULL && bump_remaining(heap) < 64u + 16u && bump_high_water(heap) == bump_used(heap));
    /* volatile: clang folds a malloc whose result is only compared with NULL
     * to a success, and drops the call. */
    void *volatile huge = malloc(1u << 20);
    CHECK(huge == NULL);
    for (size_t i = 0; i < count; i++) {
        free(blocks[i]);
    }
    void *again = malloc(64); /* from the free list: the heap is usable again */
    CHECK(again != NULL && in_heap(again, 64));
    free(again);
}

static void sbrk_refuses_to_shrink_and_reports_its_break(void)
{
    const bump_t *heap = bump_sbrk_arena();
    errno = 0;
    CHECK(_sbrk(-16) == (void *)-1 && errno == ENOMEM);
    CHECK(heap != NULL && _sbrk(0) == bump_top(heap));
    /* _sbrk's blocks are 8-aligned, as newlib-nano's chunks need; sbrk's
     * start 4 bytes past, as picolibc's do. */
    void *p = _sbrk(3);
    CHECK(p == (void *)-1 || is_aligned(p, 8));
    unsigned char *q = sbrk(3);
    CHECK(q == (void *)-1 || is_aligned(q + 4, 8));
    errno = 0;
    CHECK(sbrk(-16) == (void *)-1 && errno == ENOMEM);
    CHECK(heap != NULL && sbrk(0) == bump_top(heap));
}

static void sbrk_refused_init_changes_nothing(void)
{
    static unsigned char region[256] __attribute__((aligned(8)));
    static unsigned char other[128] __attribute__((aligned(8)));
    unsigned char *const region_end = region + sizeof region;
    CHECK(fresh_sbrk_arena() == NULL);
    CHECK(fresh_sbrk_init(region, sizeof region));
    const bump_t *heap = fresh_sbrk_arena();
    CHECK(heap != NULL);
    if (heap == NULL) {
        return;
    }
    bump_t before = *heap;
    /* Refused by bump_init: the configured heap stays, nothing is re-read
     * from the .bump_heap section. */
    CHECK(!fresh_sbrk_init(NULL, 64));
    CHECK(fresh_sbrk_arena() == heap && arena_same(heap, &before));
    CHECK(fresh_sbrk(0) == (void *)region_end);
    void *block = fresh_sbrk(16);
    CHECK(block != (void *)-1 && inside(block, 16, region, sizeof region));
    /* Refused because the heap is in use: unchanged too. */
    before = *heap;
    CHECK(!fresh_sbrk_init(other, sizeof other));
    CHECK(!fresh_sbrk_init(NULL, 64));
    CHECK(fresh_sbrk_arena() == heap && arena_same(heap, &before));
    CHECK(fresh_sbrk(0) == block);

    /* The real heap, in use by newlib: a refused call leaves it as it was. */
    const bump_t *real = bump_sbrk_arena();
    CHECK(real != NULL);
    if (real != NULL) {
        before = *real;
        CHECK(!bump_sbrk_init(NULL, 64));
        CHECK(!bump_sbrk_init(other, sizeof other));
        CHECK(bump_sbrk_arena() == real && arena_same(real, &before));
    }
}

/* A new heap for the copy of the port over `mem`: the copy's state is reset
 * first, as at boot (bump_sbrk_init refuses a heap in use, by contract). */
static bool fresh_heap_over(void *mem, size_t size)
{
    fresh_heap_ready = false;
    return fresh_sbrk_init(mem, size) && fresh_sbrk_arena() != NULL;
}

/* Every negative increment, small or huge, through both hooks: refused with
 * (void *)-1 and ENOMEM, the break where it was, nothing taken. */
static void sbrk_refuses_every_negative_increment(void)
{
    unsigned char *region = harness_scratch(0); /* 8-aligned */
    static const ptrdiff_t negatives[] = {-1, -2, -3, -4, -5, -7, -8, -9, -12, -16, -4096,
                                          PTRDIFF_MIN + 4, PTRDIFF_MIN + 3, PTRDIFF_MIN + 1, PTRDIFF_MIN};
    if (!CHECK(fresh_heap_over(region, 256))) {
        return;
    }
    void *brk = fresh_sbrk(0);
    void *real_brk = _sbrk(0);
    size_t refused = 0;
    for (size_t i = 0; i < sizeof negatives / sizeof negatives[0]; i++) {
        ptrdiff_t n = negatives[i];
        errno = 0;
        refused += fresh_sbrk(n) == (void *)-1 && errno == ENOMEM;
        errno = 0;
        refused += fresh_plain_sbrk(n) == (void *)-1 && errno == ENOMEM;
        errno = 0;
        refused += _sbrk(n) == (void *)-1 && errno == ENOMEM;
        errno = 0;
        refused += sbrk(n) == (void *)-1 && errno == ENOMEM;
    }
    CHECK(refused == 4u * (sizeof negatives / sizeof negatives[0]));
    CHECK(fresh_sbrk(0) == brk && bump_used(fresh_sbrk_arena()) == 0u);
    CHECK(_sbrk(0) == real_brk);
}

/* Blocks of every small size, from _sbrk and sbrk in turn, until the heap
 * is full: each lies wholly inside the heap and below the one before (no
 * overlap, checked by address and by the tags written into them), is
 * 8-aligned (_sbrk) or 4 past an 8-byte boundary (sbrk), and _sbrk(0) never
 * lies above the newest block. The last bytes go to an exact fit. */
static void sbrk_blocks_lie_inside_the_heap_below_each_other(void)
{
    enum { MAX_BLOCKS = 64, REGION_SIZE = 512 };
    unsigned char *region = harness_scratch(0); /* 8-aligned */
    unsigned char *blocks[MAX_BLOCKS];
    size_t sizes[MAX_BLOCKS];
    if (!CHECK(fresh_heap_over(region, REGION_SIZE))) {
        return;
    }
    unsigned char *below = region + REGION_SIZE; /* the lowest byte handed out so far */
    size_t count = 0, bad = 0;
    for (size_t size = 1; count < MAX_BLOCKS; size++) {
        bool plain = (size % 2u) == 0u;
        unsigned char *p = plain ? fresh_plain_sbrk((ptrdiff_t)size) : fresh_sbrk((ptrdiff_t)size);
        if (p == (void *)-1) {
            break;
        }
        bad += !inside(p, size, region, REGION_SIZE);
        bad += p + size > below;
        bad += plain ? !is_aligned(p + 4, 8) : !is_aligned(p, 8);
        unsigned char *brk = fresh_sbrk(0);
        bad += brk > p || brk < region;
        memset(p, (int)(count + 1u), size);
        blocks[count] = p;
        sizes[count++] = size;
        below = p;
    }
    CHECK(bad == 0u);
    CHECK(count > 10u && count < MAX_BLOCKS);
    /* What is left, to the byte: sbrk's 4 bytes of padding come out of it. */
    size_t left = bump_remaining(fresh_sbrk_arena());
    CHECK(left >= 4u && left < REGION_SIZE);
    CHECK(fresh_plain_sbrk((ptrdiff_t)left - 3) == (void *)-1);
    unsigned char *last = fresh_plain_sbrk((ptrdiff_t)left - 4);
    CHECK(last == region + 4 && last + (left - 4u) <= below);
    if (last != (void *)-1) {
        memset(last, 0xee, left - 4u);
    }
    CHECK(fresh_sbrk(1) == (void *)-1 && fresh_plain_sbrk(1) == (void *)-1);
    CHECK(fresh_sbrk(PTRDIFF_MAX) == (void *)-1 && fresh_plain_sbrk(PTRDIFF_MAX) == (void *)-1);
    size_t intact = 0;
    for (size_t i = 0; i < count; i++) {
        for (size_t k = 0; k < sizes[i]; k++) {
            intact += blocks[i][k] == (unsigned char)(i + 1u);
        }
    }
    size_t total = 0;
    for (size_t i = 0; i < count; i++) {
        total += sizes[i];
    }
    CHECK(intact == total);
}

static const struct harness_test tests[] = {
    HARNESS_TEST(sbrk_heap_is_its_own_section),
    HARNESS_TEST(sbrk_malloc_realloc_free_and_printf_live_in_heap),
    HARNESS_TEST(sbrk_exhaustion_is_clean),
    HARNESS_TEST(sbrk_refuses_to_shrink_and_reports_its_break),
    HARNESS_TEST(sbrk_refused_init_changes_nothing),
    HARNESS_TEST(sbrk_refuses_every_negative_increment),
    HARNESS_TEST(sbrk_blocks_lie_inside_the_heap_below_each_other),
};
HARNESS_GROUP(sbrk_group, tests);
