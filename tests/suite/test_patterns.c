/* SPDX-License-Identifier: MIT */
/*
 * Write-then-verify across many blocks: every block is filled with its own
 * pattern as soon as it is handed out; afterwards every block must still hold
 * its pattern, lie inside the region, be aligned, and overlap no other block.
 */
#include "check_arena.h"

#define MAX_BLOCKS 96u

struct block {
    unsigned char *p;
    uint32_t size;
    uint16_t align;
    uint8_t tag;
};

static struct block blocks[MAX_BLOCKS];
static size_t block_count;

static unsigned char pattern(const struct block *b, size_t i)
{
    return (unsigned char)(b->tag * 31u + i * 7u);
}

static void record(void *p, size_t size, size_t align)
{
    if (p == NULL || block_count == MAX_BLOCKS) {
        return;
    }
    struct block *b = &blocks[block_count];
    b->p = p;
    b->size = (uint32_t)size;
    b->align = (uint16_t)align;
    b->tag = (uint8_t)block_count;
    for (size_t i = 0; i < size; i++) {
        b->p[i] = pattern(b, i);
    }
    block_count++;
}

/* Checks blocks[0, count) and returns the number of problems found. */
static size_t verify(size_t count, const unsigned char *region, size_t span)
{
    size_t problems = 0;
    for (size_t i = 0; i < count; i++) {
        const struct block *b = &blocks[i];
        problems += !inside(b->p, b->size, region, span) || !is_aligned(b->p, b->align);
        for (size_t k = 0; k < b->size; k++) {
            problems += b->p[k] != pattern(b, k);
        }
        for (size_t j = i + 1; j < count; j++) {
            const struct block *c = &blocks[j];
            bool disjoint = b->p + b->size <= c->p || c->p + c->size <= b->p;
            problems += b->size > 0 && c->size > 0 && !disjoint;
        }
    }
    return problems;
}

static void patterns_random_blocks_until_exhaustion_never_overlap(void)
{
    unsigned char *mem = harness_scratch(0);
    for (uint32_t seed = 1; seed <= 8; seed++) {
        bump_t a;
        uint32_t rng = seed;
        size_t span = HARNESS_SCRATCH_SIZE - seed;
        CHECK(bump_init(&a, mem + seed, span));
        block_count = 0;
        while (block_count < MAX_BLOCKS) {
            uint32_t r = harness_random(&rng);
            size_t size = (r & 0x100u) ? (r >> 9) % 300u : (r >> 9) % 24u;
            size_t align = (size_t)1 << ((r >> 20) % 7u);
            void *p = bump_alloc(&a, size, align);
            if (p == NULL) {
                CHECK(bump_remaining(&a) < size + align);
                break;
            }
            record(p, size, align);
        }
        CHECK(verify(block_count, mem + seed, span) == 0);
        CHECK(arena_consistent(&a));
    }
}

static void patterns_blocks_before_mark_survive_rewinds(void)
{
    unsigned char *mem = harness_scratch(0);
    bump_t a;
    uint32_t rng = 99;
    CHECK(bump_init(&a, mem, HARNESS_SCRATCH_SIZE));
    block_count = 0;
    for (int i = 0; i < 16; i++) {
        size_t size = 1u + harness_random(&rng) % 40u;
        record(bump_alloc(&a, size, 8), size, 8);
    }
    size_t kept = block_count;
    bump_mark_t m = bump_mark(&a);
    for (int round = 0; round < 20; round++) {
        for (int i = 0; i < 20; i++) {
            size_t size = harness_random(&rng) % 64u;
            record(bump_alloc(&a, size, 4), size, 4);
        }
        CHECK(verify(block_count, mem, HARNESS_SCRATCH_SIZE) == 0);
        CHECK(bump_rewind(&a, m));
        block_count = kept;
    }
    CHECK(verify(kept, mem, HARNESS_SCRATCH_SIZE) == 0);
}

static void patterns_every_allocating_call_mixed(void)
{
    unsigned char *mem = harness_scratch(0);
    bump_t a;
    uint32_t rng = 12345;
    CHECK(bump_init(&a, mem + 7, 3000));
    block_count = 0;
    while (block_count < MAX_BLOCKS) {
        uint32_t r = harness_random(&rng);
        size_t size = (r >> 8) % 48u;
        size_t align = (size_t)1 << ((r >> 16) % 5u);
        void *p;
        switch (r % 5u) {
        case 0: p = bump_zalloc(&a, size, align); break;
        case 1: p = bump_alloc_array(&a, size, 3, align); size *= 3u; break;
        case 2: p = bump_alloc_slow(&a, size, align); break;
        case 3:
            /* Grow the most recent block, then record it under its new size. */
            if (block_count > 0 && blocks[block_count - 1].p == (unsigned char *)a.top) {
                struct block *last = &blocks[block_count - 1];
                unsigned char *q = bump_resize(&a, last->p, last->size, last->size + size, last->align);
                if (q != NULL) {
                    last->p = q;
                    for (size_t i = 0; i < last->size + size; i++) {
                        q[i] = pattern(last, i);
                    }
                    last->size += (uint32_t)size;
                }
                continue;
            }
            p = bump_alloc(&a, size, align);
            break;
        default: p = bump_alloc(&a, size, align); break;
        }
        if (p == NULL) {
            break;
        }
        record(p, size, align);
    }
    CHECK(verify(block_count, mem + 7, 3000) == 0);
    CHECK(arena_consistent(&a));
}

static const struct harness_test tests[] = {
    HARNESS_TEST(patterns_random_blocks_until_exhaustion_never_overlap),
    HARNESS_TEST(patterns_blocks_before_mark_survive_rewinds),
    HARNESS_TEST(patterns_every_allocating_call_mixed),
};
HARNESS_GROUP(patterns_group, tests);
