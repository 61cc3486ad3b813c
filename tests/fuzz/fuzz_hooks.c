/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer target for the adapters (src/bump_hooks.h): decodes the input
 * into a sequence of adapter calls mixed with the arena's own calls (the
 * caller's plain blocks, marks, rewinds, resets) and checks every result
 * against a model written from bump_hooks.h's contract alone.
 *
 * The model knows which byte ranges are live: the adapters' blocks (each
 * filled with its own pattern, a sized block's header included in its range)
 * and the caller's own blocks taken with bump_alloc. It never predicts where
 * a block goes or whether a request fits (lists, classes and the arena decide
 * that); it checks what the contract promises whatever they decide:
 * - a new block is aligned to BUMP_HOOK_ALIGN, lies in the region and
 *   overlaps no live block, the caller's included; every live block keeps
 *   its contents after every call (so no list hands out memory that is
 *   live, or that the arena released and gave to someone else);
 * - realloc keeps min(old, new) bytes, and a NULL result keeps the block;
 *   bump_sized_size is at least what was asked; calloc's bytes are zero;
 * - the counts: live_blocks equals the blocks the model holds while no
 *   rewind has left blocks it cannot name, and is 0 after a reset; a repeated
 *   free of a block that waits on its list, and a free of a pointer outside
 *   the region, each add exactly one to repeated_frees + foreign_frees and
 *   change nothing else.
 * A rewind releases what was allocated after its mark, the adapters' blocks
 * included, except that a block taken from a list after the mark may lie in
 * memory taken before it: the model keeps the blocks older than the mark
 * (they must be intact) and forgets the younger ones (they may be gone or
 * not). A mismatch prints what differed and traps.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bump.h"
#include "bump_hooks.h"

#define REGION 6144u
#define MAX_BLOCKS 48u
#define MAX_FREED 8u
#define MAX_MARKS 4u

enum kind { HOOK, SIZED, OWN };

typedef struct {
    unsigned char *p; /* the pointer the caller holds */
    size_t size;      /* what was asked */
    enum kind kind;
    unsigned char seed;
    unsigned long born; /* the step it was allocated at */
    size_t extent;      /* the bytes from lo() its class may take (bump_hooks.h's size classes), at least */
} block_t;

typedef struct {
    unsigned char *p;
    size_t size;
    enum kind kind;
} freed_t;

static alignas(64) unsigned char region[REGION];
static bump_t arena;
static bump_hooks_t hooks;
static block_t blocks[MAX_BLOCKS];
static size_t nblocks;
static freed_t freed[MAX_FREED]; /* recent frees that still wait on a list, as far as the model knows */
static size_t nfreed;
static struct {
    bump_mark_t mark;
    unsigned long at;
} marks[MAX_MARKS];
static size_t nmarks;
static unsigned long step;
static bool unnamed; /* a rewind left adapter blocks the model no longer names */

#define FAIL(...)                                                   \
    do {                                                            \
        (void)fprintf(stderr, "fuzz_hooks: step %lu: ", step);      \
        (void)fprintf(stderr, __VA_ARGS__);                         \
        (void)fprintf(stderr, "\n");                                \
        __builtin_trap();                                           \
    } while (0)

static unsigned char *lo(const block_t *b)
{
    return (b->kind == SIZED) ? b->p - BUMP_HOOK_HEADER : b->p;
}

/* One past the block: a HOOK block of 0 bytes still takes a distinct byte
 * (a granule); a SIZED one is its header. */
static unsigned char *hi(const block_t *b)
{
    return b->p + (((b->size == 0u) && (b->kind == HOOK)) ? 1u : b->size);
}

/* The bytes a block of n bytes takes, by bump_hooks.h's size classes: n in
 * granules (at least 1), rounded up to 1, 2, 3, 4, then (5..8) x 2^k. */
static size_t class_bytes(size_t n)
{
    size_t g = (n + BUMP_HOOK_ALIGN - 1u) / BUMP_HOOK_ALIGN;
    g = (g == 0u) ? 1u : g;
    size_t k = 1u;
    while ((g > 4u) && (8u * k < g)) {
        k *= 2u;
    }
    size_t m = (g > 4u) ? 5u : g;
    while ((g > 4u) && (m * k < g)) {
        m++;
    }
    return ((g > 4u) ? m * k : g) * BUMP_HOOK_ALIGN;
}

/* Whether [a, z) overlaps what a live block may take (its whole class). */
static bool overlaps_extent(const unsigned char *a, const unsigned char *z)
{
    for (size_t k = 0; k < nblocks; k++) {
        if ((a < lo(&blocks[k]) + blocks[k].extent) && (lo(&blocks[k]) < z)) {
            return true;
        }
    }
    return false;
}

static void fill(block_t *b)
{
    for (size_t i = 0; i < b->size; i++) {
        b->p[i] = (unsigned char)(b->seed + i * 7u);
    }
}

static void check_all(void)
{
    for (size_t k = 0; k < nblocks; k++) {
        const block_t *b = &blocks[k];
        for (size_t i = 0; i < b->size; i++) {
            if (b->p[i] != (unsigned char)(b->seed + i * 7u)) {
                FAIL("block %p (%zu bytes, kind %d) changed at byte %zu", (void *)b->p, b->size, (int)b->kind, i);
            }
        }
    }
}

/* Whether [a, z) overlaps a live block of the model. */
static bool overlaps(const unsigned char *a, const unsigned char *z)
{
    for (size_t k = 0; k < nblocks; k++) {
        if ((a < hi(&blocks[k])) && (lo(&blocks[k]) < z)) {
            return true;
        }
    }
    return false;
}

static void add_block(unsigned char *p, size_t size, enum kind kind, unsigned char seed, bool zeroed, size_t extent)
{
    size_t own = (kind == OWN) ? size : class_bytes(size + ((kind == SIZED) ? BUMP_HOOK_HEADER : 0u));
    block_t b = {p, size, kind, seed, step, (own > extent) ? own : extent};
    if (((uintptr_t)p % ((kind == OWN) ? 1u : BUMP_HOOK_ALIGN)) != 0u) {
        FAIL("block %p not aligned", (void *)p);
    }
    if ((lo(&b) < region) || (hi(&b) > region + REGION)) {
        FAIL("block %p (%zu bytes) outside the region", (void *)p, size);
    }
    if (overlaps(lo(&b), hi(&b))) {
        FAIL("block %p (%zu bytes, kind %d) overlaps a live block", (void *)p, size, (int)kind);
    }
    if ((kind == SIZED) && (bump_sized_size(&hooks, p) < size || !bump_sized_owns(&hooks, p))) {
        FAIL("sized block %p: size %zu < %zu asked, or not owned", (void *)p, bump_sized_size(&hooks, p), size);
    }
    for (size_t i = 0; zeroed && (i < size); i++) {
        if (p[i] != 0u) {
            FAIL("calloc block %p not zero at %zu", (void *)p, i);
        }
    }
    /* A freed pointer whose memory is handed out again (its block's, or any
     * part of it, its class included) names someone else's memory now. */
    for (size_t k = 0; k < nfreed; k++) {
        if ((freed[k].p >= lo(&b)) && (freed[k].p < lo(&b) + b.extent + BUMP_HOOK_HEADER)) {
            freed[k] = freed[--nfreed];
            k--;
        }
    }
    if (nblocks == MAX_BLOCKS) {
        FAIL("model full"); /* not reached: allocations stop at MAX_BLOCKS */
    }
    blocks[nblocks] = b;
    fill(&blocks[nblocks]);
    nblocks++;
}

static void drop_block(size_t k)
{
    blocks[k] = blocks[--nblocks];
}

static bump_hooks_report_t report(void)
{
    bump_hooks_report_t r;
    bump_hooks_report(&hooks, &r);
    return r;
}

static size_t adapter_blocks(void)
{
    size_t n = 0;
    for (size_t k = 0; k < nblocks; k++) {
        n += (blocks[k].kind != OWN);
    }
    return n;
}

static void check_live(void)
{
    bump_hooks_report_t r = report();
    if (!unnamed && (r.live_blocks != adapter_blocks())) {
        FAIL("live_blocks %zu, the model holds %zu", r.live_blocks, adapter_blocks());
    }
}

/* The index of an adapter block (of `kind`, or any adapter kind when kind
 * is OWN) chosen by `pick`, or MAX_BLOCKS when none. */
static size_t choose(unsigned pick, enum kind kind)
{
    for (size_t i = 0; i < nblocks; i++) {
        size_t k = (pick + i) % nblocks;
        if ((blocks[k].kind != OWN) && ((kind == OWN) || (blocks[k].kind == kind))) {
            return k;
        }
    }
    return MAX_BLOCKS;
}

static void op_alloc(enum kind kind, size_t size, unsigned char seed, bool calloc_form)
{
    if (nblocks == MAX_BLOCKS) {
        return;
    }
    unsigned char *p = NULL;
    if (kind == HOOK) {
        p = bump_hook_malloc(&hooks, size);
    } else if (calloc_form) {
        size_t count = (size % 7u) + 1u;
        p = bump_sized_calloc(&hooks, count, size / count);
        size = count * (size / count);
    } else {
        p = bump_sized_malloc(&hooks, size);
    }
    if (p != NULL) {
        add_block(p, size, kind, seed, calloc_form, 0u);
    }
}

static void op_free(size_t k)
{
    block_t b = blocks[k];
    drop_block(k);
    if (b.kind == HOOK) {
        bump_hook_free(&hooks, b.p, b.size);
    } else {
        bump_sized_free(&hooks, b.p);
    }
    if (nfreed < MAX_FREED) {
        freed[nfreed++] = (freed_t){b.p, b.size, b.kind};
    }
}

static void op_realloc(size_t k, size_t new_size, unsigned char seed)
{
    block_t b = blocks[k];
    unsigned char *q = (b.kind == HOOK) ? bump_hook_realloc(&hooks, b.p, b.size, new_size)
                                        : bump_sized_realloc(&hooks, b.p, new_size);
    if (new_size == 0u) {
        if (q != NULL) {
            FAIL("realloc to 0 returned %p", (void *)q);
        }
        drop_block(k);
        return;
    }
    if (q == NULL) {
        return; /* the block is kept: check_all proves it */
    }
    size_t keep = (new_size < b.size) ? new_size : b.size;
    for (size_t i = 0; i < keep; i++) {
        if (q[i] != (unsigned char)(b.seed + i * 7u)) {
            FAIL("realloc %p -> %p lost byte %zu", (void *)b.p, (void *)q, i);
        }
    }
    drop_block(k);
    add_block(q, new_size, b.kind, seed, false, (q == b.p) ? b.extent : 0u); /* kept in place: its bytes may stay */
}

/* A second free of a block the model knows waits on its list, or a free of
 * a pointer outside the region: ignored, counted once. */
static void op_bad_free(unsigned pick, bool outside)
{
    static unsigned char elsewhere[64];
    bump_hooks_report_t r0 = report();
    if (outside) {
        if ((pick & 1u) != 0u) {
            bump_sized_free(&hooks, elsewhere + BUMP_HOOK_HEADER);
        } else {
            bump_hook_free(&hooks, elsewhere + BUMP_HOOK_ALIGN, 16);
        }
    } else {
        if (nfreed == 0u) {
            return;
        }
        freed_t f = freed[pick % nfreed];
        if (overlaps_extent(f.p - BUMP_HOOK_HEADER, f.p + class_bytes(f.size + BUMP_HOOK_HEADER))) {
            return; /* its memory is someone's again: a free would be a free of that */
        }
        if (f.kind == HOOK) {
            bump_hook_free(&hooks, f.p, f.size);
        } else {
            bump_sized_free(&hooks, f.p);
        }
    }
    bump_hooks_report_t r1 = report();
    if ((r1.repeated_frees + r1.foreign_frees != r0.repeated_frees + r0.foreign_frees + 1u) ||
        (r1.live_blocks != r0.live_blocks)) {
        FAIL("bad free counted %zu+%zu -> %zu+%zu, live %zu -> %zu", r0.repeated_frees, r0.foreign_frees,
             r1.repeated_frees, r1.foreign_frees, r0.live_blocks, r1.live_blocks);
    }
}

static void op_own(size_t size, unsigned char seed)
{
    if (nblocks == MAX_BLOCKS) {
        return;
    }
    unsigned char *p = bump_alloc(&arena, size, 1u);
    if (p != NULL && size > 0u) {
        add_block(p, size, OWN, seed, false, 0u);
    }
}

/* The arena released memory: lists must not survive, and the model cannot
 * say which of its frees still wait on a list. */
static void released(void)
{
    nfreed = 0;
}

static void op_mark(void)
{
    if (nmarks < MAX_MARKS) {
        marks[nmarks].mark = bump_mark(&arena);
        marks[nmarks].at = step;
        nmarks++;
    }
}

static void op_rewind(unsigned pick)
{
    if (nmarks == 0u) {
        return;
    }
    size_t m = pick % nmarks;
    if (!bump_rewind(&arena, marks[m].mark)) {
        return; /* refused (the record was full, or a reset made it stale): nothing released */
    }
    for (size_t k = 0; k < nblocks; k++) {
        if (blocks[k].born > marks[m].at) {
            unnamed = unnamed || (blocks[k].kind != OWN);
            drop_block(k);
            k--;
        }
    }
    nmarks = m + 1u;
    released();
}

static void op_reset(void)
{
    bump_reset(&arena);
    nblocks = 0;
    nmarks = 0;
    unnamed = false;
    released();
    if (report().live_blocks != 0u) {
        FAIL("live_blocks %zu after a reset", report().live_blocks);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!bump_init(&arena, region, REGION)) {
        FAIL("init");
    }
    bump_hooks_init(&hooks, &arena);
    nblocks = nfreed = nmarks = 0;
    step = 0;
    unnamed = false;
    for (size_t i = 0; i + 4u <= size; i += 4u) {
        step++;
        unsigned op = data[i] % 14u;
        unsigned a = data[i + 1u];
        size_t n = ((size_t)data[i + 2u] | ((size_t)data[i + 3u] << 8)) % 700u;
        unsigned char seed = (unsigned char)(data[i + 3u] ^ (unsigned char)step);
        size_t k = 0;
        switch (op) {
        case 0:
        case 1:
            op_alloc(HOOK, n, seed, false);
            break;
        case 2:
        case 3:
            op_alloc(SIZED, n, seed, false);
            break;
        case 4:
            op_alloc(SIZED, n, seed, true);
            break;
        case 5:
        case 6:
            k = choose(a, OWN);
            if (k != MAX_BLOCKS) {
                op_free(k);
            }
            break;
        case 7:
            k = choose(a, OWN);
            if (k != MAX_BLOCKS) {
                op_realloc(k, ((a & 7u) == 0u) ? 0u : n, seed);
            }
            break;
        case 8:
            op_bad_free(a, (a & 0x80u) != 0u);
            break;
        case 9:
            op_own(n % 200u, seed);
            break;
        case 10:
            op_mark();
            break;
        case 11:
            op_rewind(a);
            break;
        case 12:
            if ((a & 3u) == 0u) {
                op_reset();
            } else {
                k = choose(a, OWN);
                if (k != MAX_BLOCKS) {
                    op_free(k);
                }
            }
            break;
        default:
            k = choose(a, (a & 1u) ? SIZED : HOOK);
            if (k != MAX_BLOCKS) {
                op_realloc(k, n, seed);
            }
            break;
        }
        check_all();
        check_live();
    }
    return 0;
}
