/*
 * libFuzzer target: decodes the input into a sequence of calls to every
 * function of src/bump.h and checks each result, and the arena after every
 * step, against a reference model written from the header's contract alone.
 *
 * The model knows only what the contract promises: which byte ranges are live
 * blocks (each filled with its own pattern), how many bytes are in use
 * (blocks and padding, all between the lowest live block and the region's
 * end, since the arena bumps down), the peak of that, and whether a request
 * fits. Where the contract leaves a choice to the implementation (the exact
 * padding), it checks bounds: a block lies inside the free part, aligned, with
 * less than `align` bytes of padding above it.
 *
 * A mismatch prints what differed and traps, so libFuzzer and the corpus
 * replay (replay.c) both see it. Build with -DFUZZ_TRACE to print each step.
 */
#include <stdalign.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "bump.h"

#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#include <sanitizer/asan_interface.h>
#define UNPOISON_ALL(p, n) ASAN_UNPOISON_MEMORY_REGION((p), (n))
#endif
#endif
#ifndef UNPOISON_ALL
#define UNPOISON_ALL(p, n) ((void)(p), (void)(n))
#endif

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define REGION_SIZE 3072u
#define OTHER_SIZE 512u
#define OUTSIDE_SIZE 64u
#define MAX_BLOCKS 48u
#define MAX_MARKS 8u
#define MAX_STALE 8u
#define MAX_STEPS 256u

/* Arenas' memory. A region is reused by every input, so what an earlier
 * arena poisoned is unpoisoned before each init on it (bump_init does not). */
static alignas(64) unsigned char region[REGION_SIZE];
static alignas(64) unsigned char other_region[OTHER_SIZE];
static alignas(64) unsigned char outside[OUTSIDE_SIZE]; /* never in any arena */

static void fail(const char *what, int line)
{
    (void)fprintf(stderr, "fuzz_bump: model mismatch at line %d: %s\n", line, what);
    __builtin_trap();
}
#define EXPECT(cond)                \
    do {                            \
        if (!(cond)) {              \
            fail(#cond, __LINE__);  \
        }                           \
    } while (0)

/* --- input ------------------------------------------------------------- */

static const uint8_t *in_data;
static size_t in_left;

static uint8_t next_byte(void)
{
    if (in_left == 0U) {
        return 0U;
    }
    in_left--;
    return *in_data++;
}

static size_t next_u16(void)
{
    size_t hi = next_byte();
    return (hi << 8) | next_byte();
}

/* --- model --------------------------------------------------------------- */

struct block {
    uintptr_t start;
    size_t size;
    size_t align;
    uint8_t seed; /* byte i holds pattern(seed, i) */
    bool child;   /* holds a child arena: its contents are the child's */
};

struct model {
    bump_t arena;
    bool valid;       /* false: a child whose block was released */
    uintptr_t base;   /* the region as the contract trims it */
    uintptr_t limit;
    size_t used;      /* blocks and padding: [limit - used, limit) */
    size_t high;      /* peak of used since init */
    struct block blocks[MAX_BLOCKS];
    size_t nblocks;
};

static struct model models[2]; /* [0] on region, [1] on other_region or a child */
static uint8_t next_seed;

struct mark_rec {
    bump_mark_t mark;
    int from; /* which model it was taken from */
};
static struct mark_rec marks[MAX_MARKS];
static size_t nmarks;

static uintptr_t stale[MAX_STALE]; /* starts of released blocks */
static size_t nstale;

static int hook_mode; /* 0: none set, 1: count, 2: count and reset the arena */
static unsigned hook_calls;
static const bump_t *hook_arena;
static size_t hook_size, hook_align;

static void hook(bump_t *arena, size_t size, size_t align)
{
    hook_calls++;
    hook_arena = arena;
    hook_size = size;
    hook_align = align;
    if (hook_mode == 2) {
        bump_reset(arena); /* the contract lets the hook release memory */
    }
}

static uint8_t pattern(uint8_t seed, size_t i)
{
    return (uint8_t)(seed * 37U + (unsigned)i * 11U + (unsigned)(i >> 8));
}

static uintptr_t model_top(const struct model *m)
{
    return m->limit - m->used;
}

static size_t model_capacity(const struct model *m)
{
    return (size_t)(m->limit - m->base);
}

static bool valid_align(size_t align)
{
    if (align == 0U) {
        return false;
    }
    while ((align % 2U) == 0U) {
        align /= 2U;
    }
    return align == 1U;
}

/* Whether a block of `size` bytes aligned to `align` fits in [base, end):
 * some multiple of align in [base, end - size]. */
static bool model_fits(const struct model *m, size_t size, size_t align, uintptr_t end)
{
    if (!valid_align(align) || (end < m->base) || (size > (size_t)(end - m->base))) {
        return false;
    }
    uintptr_t highest = end - size;
    uintptr_t start = highest - (highest % align);
    return start >= m->base;
}

static void set_used(struct model *m, size_t used)
{
    m->used = used;
    if (used > m->high) {
        m->high = used;
    }
}

static void record_stale(uintptr_t start)
{
    if (nstale < MAX_STALE) {
        stale[nstale++] = start;
    } else {
        stale[start % MAX_STALE] = start;
    }
}

/* Drops every block that starts below the model's top: released. */
static void drop_released(struct model *m)
{
    uintptr_t top = model_top(m);
    size_t kept = 0U;
    for (size_t i = 0U; i < m->nblocks; i++) {
        if (m->blocks[i].start >= top) {
            m->blocks[kept++] = m->blocks[i];
        } else {
            if (m->blocks[i].size > 0U) {
                record_stale(m->blocks[i].start);
            }
            if (m->blocks[i].child && (m == &models[0])) {
                models[1].valid = false; /* its child arena died with it */
            }
        }
    }
    m->nblocks = kept;
}

static void release_to_used(struct model *m, size_t used)
{
    m->used = used;
    drop_released(m);
}

static void model_init(struct model *m, uintptr_t start, size_t size)
{
    uintptr_t end = start + size;
    m->base = (start < BUMP_ADDRESS_FLOOR) ? BUMP_ADDRESS_FLOOR : start;
    m->limit = (end < m->base) ? m->base : end;
    m->used = 0U;
    m->high = 0U;
    m->nblocks = 0U;
    m->valid = true;
}

static void fill(struct block *b)
{
    b->seed = next_seed++;
    unsigned char *p = (unsigned char *)b->start;
    for (size_t i = 0U; i < b->size; i++) {
        p[i] = pattern(b->seed, i);
    }
}

/* Checks everything the model knows about one arena. */
static void check_model(const struct model *m)
{
    const bump_t *a = &m->arena;
    if (!m->valid) {
        return;
    }
    EXPECT(bump_capacity(a) == model_capacity(m));
    EXPECT(bump_used(a) == m->used);
    EXPECT(bump_remaining(a) == model_capacity(m) - m->used);
    EXPECT(bump_high_water(a) == m->high);
    EXPECT(bump_owns(a, (const void *)(m->limit - 1U)) == (m->used > 0U));
    EXPECT(!bump_owns(a, (const void *)m->limit));
    EXPECT(!bump_owns(a, (const void *)outside));
    if (m->used < model_capacity(m)) {
        EXPECT(!bump_owns(a, (const void *)(model_top(m) - 1U)));
    }
    for (size_t i = 0U; i < nstale; i++) {
        /* released blocks' starts: owned again only once handed out again */
        EXPECT(bump_owns(a, (const void *)stale[i]) == ((stale[i] >= model_top(m)) && (stale[i] < m->limit)));
    }
    for (size_t i = 0U; i < m->nblocks; i++) {
        const struct block *b = &m->blocks[i];
        EXPECT(b->start >= model_top(m));
        EXPECT(b->size <= (size_t)(m->limit - b->start));
        EXPECT((b->start % b->align) == 0U);
        if (b->size == 0U) {
            continue;
        }
        EXPECT(bump_owns(a, (const void *)b->start));
        EXPECT(bump_owns(a, (const void *)(b->start + b->size - 1U)));
        for (size_t j = i + 1U; j < m->nblocks; j++) {
            const struct block *c = &m->blocks[j];
            if (c->size > 0U) {
                EXPECT((b->start + b->size <= c->start) || (c->start + c->size <= b->start));
            }
        }
        if (!b->child) {
            const unsigned char *p = (const unsigned char *)b->start;
            for (size_t k = 0U; k < b->size; k++) {
                if (p[k] != pattern(b->seed, k)) {
                    fail("block contents changed", __LINE__);
                }
            }
        }
    }
}

/* Saves the arena before a call that may fail, to prove a failure changed
 * nothing, and resets the hook's record. */
static bump_t before;
static void begin_call(const struct model *m)
{
    before = m->arena;
    hook_calls = 0U;
    hook_arena = NULL;
}

/* A call returned NULL (or false): the arena must be as it was, and the hook
 * called once with the request, when one is set. */
static void expect_failure(struct model *m, size_t size, size_t align, bool calls_hook)
{
    if (hook_mode == 0 || !calls_hook) {
        EXPECT(hook_calls == 0U);
    } else {
        EXPECT(hook_calls == 1U);
        EXPECT(hook_arena == &m->arena);
        EXPECT(hook_size == size);
        EXPECT(hook_align == align);
    }
    if (hook_mode == 2 && calls_hook) {
        release_to_used(m, 0U); /* the hook reset it */
    } else {
        EXPECT(memcmp(&before, &m->arena, sizeof before) == 0);
    }
}

/* A call returned block `p` of `size` bytes, which had to go at or below
 * `end`: checks the bounds and records it. */
static struct block *expect_block(struct model *m, void *p, size_t size, size_t align, uintptr_t end)
{
    uintptr_t s = (uintptr_t)p;
    EXPECT(hook_calls == 0U);
    EXPECT(p != NULL);
    EXPECT((s % align) == 0U);
    EXPECT(s >= m->base);
    EXPECT(s <= end);
    EXPECT(size <= (size_t)(end - s));
    EXPECT((end - s) - size < align); /* padding below one alignment */
    set_used(m, (size_t)(m->limit - s));
    drop_released(m); /* a shrink in place releases what lies below */
    if (m->nblocks == MAX_BLOCKS) {
        /* Forget the oldest record (the memory stays allocated). A child
         * arena there could no longer be tracked: it is retired. */
        if (m->blocks[0].child && (m == &models[0])) {
            models[1].valid = false;
        }
        (void)memmove(&m->blocks[0], &m->blocks[1], (MAX_BLOCKS - 1U) * sizeof m->blocks[0]);
        m->nblocks--;
    }
    struct block *b = &m->blocks[m->nblocks++];
    b->start = s;
    b->size = size;
    b->align = align;
    b->child = false;
    b->seed = 0U;
    return b;
}

/* --- inputs for calls -------------------------------------------------- */

static size_t pick_size(const struct model *m)
{
    size_t rem = (size_t)(model_top(m) - m->base);
    switch (next_byte() % 24U) {
    case 0: return 0U;
    case 1: return 1U;
    case 2: return 2U;
    case 3: return 3U;
    case 4: return 7U;
    case 5: return 8U;
    case 6: return 16U;
    case 7: return 24U;
    case 8: return 255U;
    case 9: return 256U;
    case 10: return 257U;
    case 11: return rem;
    case 12: return rem - 1U; /* SIZE_MAX when nothing remains */
    case 13: return rem + 1U;
    case 14: return model_capacity(m);
    case 15: return SIZE_MAX;
    case 16: return SIZE_MAX - 1U;
    case 17: return SIZE_MAX - 255U;
    case 18: return (size_t)PTRDIFF_MAX;
    case 19: return (size_t)PTRDIFF_MAX + 1U;
    case 20: return next_u16() % 4096U;
    default: return next_byte();
    }
}

static size_t pick_align(void)
{
    switch (next_byte() % 20U) {
    case 0: return 0U;
    case 1: case 2: case 3: return 1U;
    case 4: return 2U;
    case 5: return 4U;
    case 6: return 8U;
    case 7: return 16U;
    case 8: return 32U;
    case 9: return 64U;
    case 10: return 256U;
    case 11: return 4096U;
    case 12: return (size_t)1U << 20;
    case 13: return (SIZE_MAX >> 1) + 1U;
    case 14: return 3U;
    case 15: return 12U;
    case 16: return 24U;
    case 17: return SIZE_MAX;
    case 18: return (size_t)1U << (next_byte() % 64U);
    default: return next_byte();
    }
}

/* --- operations --------------------------------------------------------- */

enum alloc_kind { K_ALLOC, K_SLOW, K_ATOMIC, K_ZALLOC, K_COUNT };

static void op_alloc(struct model *m, enum alloc_kind kind)
{
    size_t size = pick_size(m);
    size_t align = pick_align();
    bool fits = model_fits(m, size, align, model_top(m));
    uintptr_t end = model_top(m);
    begin_call(m);
    void *p = NULL;
    switch (kind) {
    case K_ALLOC: p = bump_alloc(&m->arena, size, align); break;
    case K_SLOW: p = bump_alloc_slow(&m->arena, size, align); break;
    case K_ATOMIC: p = bump_alloc_atomic(&m->arena, size, align); break;
    default: p = bump_zalloc(&m->arena, size, align); break;
    }
    if (!fits) {
        EXPECT(p == NULL);
        expect_failure(m, size, align, true);
        return;
    }
    struct block *b = expect_block(m, p, size, align, end);
    if (kind == K_ZALLOC) {
        for (size_t i = 0U; i < size; i++) {
            EXPECT(((const unsigned char *)p)[i] == 0U);
        }
    }
    fill(b);
}

static void op_array(struct model *m, bool zero)
{
    size_t count = (next_byte() & 1U) ? pick_size(m) : next_byte();
    size_t each = (next_byte() & 1U) ? pick_size(m) : (size_t)(next_byte() % 17U);
    size_t align = pick_align();
    /* count * each, by the contract's rule: overflow asks for SIZE_MAX. */
    bool overflow = (each != 0U) && (count > SIZE_MAX / each);
    size_t bytes = overflow ? SIZE_MAX : count * each;
    EXPECT(bump_array_bytes(count, each) == bytes);
    bool fits = !overflow && model_fits(m, bytes, align, model_top(m));
    uintptr_t end = model_top(m);
    begin_call(m);
    void *p = zero ? bump_zalloc_array(&m->arena, count, each, align) : bump_alloc_array(&m->arena, count, each, align);
    if (!fits) {
        EXPECT(p == NULL);
        expect_failure(m, bytes, align, true);
        return;
    }
    struct block *b = expect_block(m, p, bytes, align, end);
    if (zero) {
        for (size_t i = 0U; i < bytes; i++) {
            EXPECT(((const unsigned char *)p)[i] == 0U);
        }
    }
    fill(b);
}

struct odd {
    char c;
    double d;
    short s;
};

/* BUMP_NEW and BUMP_NEW_ARRAY: the type decides size and alignment. */
static void op_typed(struct model *m)
{
    uint8_t which = next_byte() % 4U;
    size_t n = (which >= 2U) ? pick_size(m) : 1U;
    size_t each = (which % 2U) ? sizeof(struct odd) : sizeof(uint64_t);
    size_t align = (which % 2U) ? alignof(struct odd) : alignof(uint64_t);
    bool overflow = n > SIZE_MAX / each;
    size_t bytes = overflow ? SIZE_MAX : n * each;
    bool fits = !overflow && model_fits(m, bytes, align, model_top(m));
    uintptr_t end = model_top(m);
    begin_call(m);
    void *p;
    switch (which) {
    case 0: p = BUMP_NEW(&m->arena, uint64_t); break;
    case 1: p = BUMP_NEW(&m->arena, struct odd); break;
    case 2: p = BUMP_NEW_ARRAY(&m->arena, uint64_t, n); break;
    default: p = BUMP_NEW_ARRAY(&m->arena, struct odd, n); break;
    }
    if (!fits) {
        EXPECT(p == NULL);
        expect_failure(m, bytes, align, true);
        return;
    }
    struct block *b = expect_block(m, p, bytes, align, end);
    for (size_t i = 0U; i < bytes; i++) {
        EXPECT(((const unsigned char *)p)[i] == 0U);
    }
    fill(b);
}

static void op_resize(struct model *m)
{
    uintptr_t top = model_top(m);
    uintptr_t ptr = 0U;
    size_t old_size = 0U;
    const struct block *src = NULL; /* where the copied bytes come from */
    uint8_t src_seed = 0U;
    int src_block = -1;
    uint8_t outside_seed = 0U;
    uint8_t how = next_byte() % 7U;
    switch (how) {
    case 1: /* the most recent block, or an older one */
    case 2:
    case 3:
        if (m->nblocks > 0U) {
            size_t i = (how == 1U) ? m->nblocks - 1U : next_byte() % m->nblocks;
            if (!m->blocks[i].child) {
                src_block = (int)i;
                src = &m->blocks[i];
                ptr = src->start;
                old_size = src->size;
                if (how == 3U) { /* a smaller old_size: the block's prefix */
                    old_size = (old_size == 0U) ? 0U : next_byte() % old_size;
                }
            }
        }
        break;
    case 4: /* lying old_size: past the region's end */
        if (m->nblocks > 0U) {
            const struct block *b = &m->blocks[next_byte() % m->nblocks];
            if (b->start >= m->limit) {
                break; /* a zero-sized block at the end is not inside: the lie would be read */
            }
            ptr = b->start;
            old_size = (next_byte() & 1U) ? SIZE_MAX : (size_t)(m->limit - ptr) + 1U + next_byte();
        }
        break;
    case 5: /* stale: a block released earlier, while it is still free */
        if (nstale > 0U) {
            uintptr_t s = stale[next_byte() % nstale];
            if ((s >= m->base) && (s < top)) {
                ptr = s;
                old_size = pick_size(m);
            }
        }
        break;
    case 6: /* outside any arena */
        ptr = (uintptr_t)outside;
        old_size = next_byte() % (OUTSIDE_SIZE + 1U);
        outside_seed = next_seed++;
        for (size_t i = 0U; i < OUTSIDE_SIZE; i++) {
            outside[i] = pattern(outside_seed, i);
        }
        break;
    default: /* NULL */
        break;
    }
    size_t new_size = pick_size(m);
    size_t align = pick_align();

    /* What the contract says must happen. */
    bool inside = (ptr >= m->base) && (ptr < m->limit);
    uintptr_t end = top;
    bool ok;
    if (inside && ((ptr < top) || (old_size > (size_t)(m->limit - ptr)))) {
        ok = false;
    } else {
        if (inside && (ptr == top)) {
            end = ptr + old_size; /* in place: its end stays */
        }
        ok = model_fits(m, new_size, align, end);
    }

#ifdef FUZZ_TRACE
    (void)fprintf(stderr, "resize how %u ptr %#lx (base %#lx top %#lx limit %#lx) old %zu new %zu align %zu ok %d\n", how,
                  (unsigned long)ptr, (unsigned long)m->base, (unsigned long)top, (unsigned long)m->limit, old_size,
                  new_size, align, ok);
#endif
    begin_call(m);
    void *p = bump_resize(&m->arena, (void *)ptr, old_size, new_size, align);
    if (!ok) {
        EXPECT(p == NULL);
        expect_failure(m, new_size, align, true);
        return;
    }
    size_t kept = (old_size < new_size) ? old_size : new_size;
    if (ptr == 0U) {
        kept = 0U;
    }
    if (inside && (ptr == top) && (src_block >= 0)) {
        /* Resized in place: the old record goes; its bytes are the new block's. */
        struct block old = m->blocks[src_block];
        m->blocks[src_block] = m->blocks[m->nblocks - 1U];
        m->nblocks--;
        for (size_t i = 0U; i < kept; i++) {
            EXPECT(((const unsigned char *)p)[i] == pattern(old.seed, i));
        }
        src = NULL;
    } else if (inside && (ptr == top)) {
        /* A zero-sized or foreign-record pointer at top: nothing to compare. */
        kept = 0U;
    }
    if (src != NULL) {
        src_seed = src->seed; /* expect_block may move the records */
    }
    struct block *b = expect_block(m, p, new_size, align, end);
    if (src != NULL) {
        for (size_t i = 0U; i < kept; i++) {
            EXPECT(((const unsigned char *)p)[i] == pattern(src_seed, i));
        }
    } else if (ptr == (uintptr_t)outside) {
        for (size_t i = 0U; i < kept; i++) {
            EXPECT(((const unsigned char *)p)[i] == pattern(outside_seed, i));
        }
    }
    fill(b);
}

static void op_mark(int k)
{
    struct mark_rec r = {bump_mark(&models[k].arena), k};
    EXPECT(r.mark.top == model_top(&models[k]));
    if (nmarks < MAX_MARKS) {
        marks[nmarks++] = r;
    } else {
        marks[next_byte() % MAX_MARKS] = r;
    }
}

/* Rewinds arena k to mark `mk`: true when the contract lets it. */
static void rewind_checked(int k, bump_mark_t mk)
{
    struct model *m = &models[k];
    bool ok = (mk.arena == &m->arena) && (mk.top >= model_top(m)) && (mk.top <= m->limit);
    begin_call(m);
    bool r = bump_rewind(&m->arena, mk);
    EXPECT(r == ok);
    if (!ok) {
        expect_failure(m, 0U, 0U, false);
        return;
    }
    release_to_used(m, (size_t)(m->limit - mk.top));
}

static void op_rewind(int k)
{
    struct model *m = &models[k];
    bump_mark_t mk;
    switch (next_byte() % 4U) {
    case 0: /* forged: any address, this arena */
        mk.arena = &m->arena;
        switch (next_byte() % 5U) {
        case 0: mk.top = m->limit + 1U; break;
        case 1: mk.top = m->base - 1U; break;
        case 2: mk.top = UINTPTR_MAX; break;
        case 3: mk.top = 0U; break;
        default: mk.top = m->base + next_u16() % (model_capacity(m) + 1U); break;
        }
        break;
    case 1: /* a real mark with its arena swapped: foreign */
        if (nmarks == 0U) {
            return;
        }
        mk = marks[next_byte() % nmarks].mark;
        mk.arena = &models[1 - k].arena;
        break;
    default: /* a recorded mark, good, stale or foreign */
        if (nmarks == 0U) {
            return;
        }
        mk = marks[next_byte() % nmarks].mark;
        break;
    }
    rewind_checked(k, mk);
}

/* Everything allocated inside a BUMP_SCOPE is released when it ends. */
static void op_scope(int k)
{
    struct model *m = &models[k];
    uintptr_t mark_top = model_top(m);
    {
        BUMP_SCOPE(scope, &m->arena);
        EXPECT(scope.mark.top == mark_top);
        unsigned n = 1U + next_byte() % 3U;
        for (unsigned i = 0U; i < n; i++) {
            op_alloc(m, (enum alloc_kind)(next_byte() % K_COUNT));
            check_model(m);
        }
    }
    /* bump_scope_end rewound, when the contract allows it. */
    if (mark_top >= model_top(m) && mark_top <= m->limit) {
        release_to_used(m, (size_t)(m->limit - mark_top));
    }
}

static void init_region(struct model *m, unsigned char *mem, size_t cap)
{
    size_t off = next_byte() % 64U;
    size_t size;
    switch (next_byte() % 6U) {
    case 0: size = 0U; break;
    case 1: size = next_byte() % 8U; break;
    case 2: size = next_byte(); break;
    default: size = cap - off; break;
    }
    if (size > cap - off) {
        size = cap - off;
    }
    UNPOISON_ALL(mem, cap);
    bool r = bump_init(&m->arena, mem + off, size);
    EXPECT(r);
    model_init(m, (uintptr_t)(mem + off), size);
    /* bump_init sets no hook, whatever was set before: a failure calls none. */
    hook_calls = 0U;
    EXPECT(bump_alloc(&m->arena, SIZE_MAX, 1U) == NULL);
    EXPECT(hook_calls == 0U);
}

/* bump_init on regions that must never be touched: only arithmetic is
 * checked, on a scratch arena, and bad ones leave it unchanged. */
static void op_init_odd(struct model *main_model)
{
    static bump_t scratch;
    uintptr_t start;
    size_t size;
    switch (next_byte() % 7U) {
    case 0: start = 0U; size = 0U; break;                              /* NULL, empty: accepted */
    case 1: start = 0U; size = 1U + next_byte(); break;                /* NULL, non-empty */
    case 2: start = UINTPTR_MAX - next_byte(); size = pick_size(main_model); break; /* may wrap */
    case 3: start = next_byte(); size = next_u16(); break;             /* below the floor */
    case 4: start = (uintptr_t)region; size = (size_t)PTRDIFF_MAX + 1U + next_byte(); break;
    case 5: start = 1U; size = (size_t)PTRDIFF_MAX - next_byte(); break;
    default: start = (uintptr_t)region + next_byte(); size = SIZE_MAX - next_byte(); break;
    }
    bool ok;
    bool either = false; /* a region ending exactly at the top of the address space */
    if ((start == 0U) && (size > 0U)) {
        ok = false;
    } else if (size > (size_t)PTRDIFF_MAX) {
        ok = false;
    } else if (size > UINTPTR_MAX - start) {
        ok = false;
        either = (size - 1U == UINTPTR_MAX - start);
    } else {
        ok = true;
    }
    bump_t saved = scratch;
    bool r = bump_init(&scratch, (void *)start, size);
    if (!either) {
        EXPECT(r == ok);
    }
    if (!r) {
        EXPECT(memcmp(&saved, &scratch, sizeof saved) == 0);
        return;
    }
    struct model m;
    model_init(&m, start, size);
    EXPECT(bump_capacity(&scratch) == model_capacity(&m));
    EXPECT(bump_used(&scratch) == 0U);
    EXPECT(bump_remaining(&scratch) == model_capacity(&m));
    EXPECT(bump_high_water(&scratch) == 0U);
    /* Arithmetic only: the block is never touched. */
    size_t n = next_byte();
    size_t align = pick_align();
    bool fits = model_fits(&m, n, align, m.limit);
    void *p = bump_alloc(&scratch, n, align);
    EXPECT((p != NULL) == fits);
    if (p != NULL) {
        EXPECT(((uintptr_t)p % align) == 0U && (uintptr_t)p >= m.base && n <= m.limit - (uintptr_t)p);
    }
    EXPECT(!bump_init(NULL, region, 16U));
}

/* A child arena carved from arena 0 becomes arena 1. */
static void op_child(void)
{
    struct model *parent = &models[0];
    struct model *child = &models[1];
    size_t size = (next_byte() & 1U) ? pick_size(parent) : next_byte();
    size_t align = alignof(max_align_t);
    if (next_byte() % 8U == 0U) {
        begin_call(parent);
        EXPECT(!bump_init_child(NULL, &parent->arena, size));
        expect_failure(parent, size, align, false);
        return;
    }
    bool fits = model_fits(parent, size, align, model_top(parent));
    uintptr_t end = model_top(parent);
    bump_t child_before = child->arena;
    begin_call(parent);
    bool r = bump_init_child(&child->arena, &parent->arena, size);
    EXPECT(r == fits);
    if (!r) {
        EXPECT(memcmp(&child_before, &child->arena, sizeof child_before) == 0);
        expect_failure(parent, size, align, true);
        return;
    }
    /* The child's block is the parent's newest, lowest one. */
    uintptr_t block = parent->limit - bump_used(&parent->arena);
    struct block *b = expect_block(parent, (void *)block, size, align, end);
    b->child = true;
    model_init(child, b->start, size);
    bump_set_oom_hook(&child->arena, (hook_mode != 0) ? hook : NULL);
}

/* --- driver ------------------------------------------------------------- */

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    in_data = data;
    in_left = size;
    nmarks = 0U;
    nstale = 0U;
    hook_mode = 0;
    next_seed = 1U;
    init_region(&models[0], region, REGION_SIZE);
    init_region(&models[1], other_region, OTHER_SIZE);
    check_model(&models[0]);
    check_model(&models[1]);

    for (unsigned step = 0U; (step < MAX_STEPS) && (in_left > 0U); step++) {
        uint8_t op = next_byte();
        int k = ((op & 0x80U) != 0U) ? 1 : 0;
        struct model *m = &models[k];
        if (!m->valid) {
            init_region(m, other_region, OTHER_SIZE); /* a dead child: start afresh */
            bump_set_oom_hook(&m->arena, (hook_mode != 0) ? hook : NULL);
        }
        switch ((op & 0x7FU) % 20U) {
        case 0: case 1: case 2: op_alloc(m, K_ALLOC); break;
        case 3: op_alloc(m, K_SLOW); break;
        case 4: op_alloc(m, K_ATOMIC); break;
        case 5: op_alloc(m, K_ZALLOC); break;
        case 6: op_array(m, false); break;
        case 7: op_array(m, true); break;
        case 8: op_typed(m); break;
        case 9: case 10: op_resize(m); break;
        case 11: op_mark(k); break;
        case 12: case 13: op_rewind(k); break;
        case 14:
            bump_reset(&m->arena);
            release_to_used(m, 0U);
            break;
        case 15: {
            uint8_t h = next_byte() % 3U;
            /* One hook for both arenas: the mode is global. */
            hook_mode = (int)h;
            bump_set_oom_hook(&models[0].arena, (h != 0U) ? hook : NULL);
            bump_set_oom_hook(&models[1].arena, (h != 0U) ? hook : NULL);
            break;
        }
        case 16:
            if (k == 0) {
                init_region(m, region, REGION_SIZE);
                if (models[1].valid && models[1].limit <= (uintptr_t)(region + REGION_SIZE) &&
                    models[1].base >= (uintptr_t)region) {
                    models[1].valid = false; /* its parent's memory was forgotten */
                }
            } else {
                init_region(m, other_region, OTHER_SIZE);
            }
            /* init sets no hook */
            bump_set_oom_hook(&m->arena, (hook_mode != 0) ? hook : NULL);
            break;
        case 17: op_init_odd(m); break;
        case 18: op_scope(k); break;
        default: op_child(); break;
        }
#ifdef FUZZ_TRACE
        (void)fprintf(stderr, "op %u arena %d: used %zu/%zu top %#lx, %zu blocks, child %d valid %d\n", (op & 0x7FU) % 20U,
                      k, models[k].used, model_capacity(&models[k]), (unsigned long)model_top(&models[k]),
                      models[k].nblocks, models[1].base >= (uintptr_t)region && models[1].base < (uintptr_t)region + REGION_SIZE,
                      models[1].valid);
#endif
        check_model(&models[0]);
        check_model(&models[1]);
    }
    return 0;
}
