/* SPDX-License-Identifier: MIT */
/*
 * A random differential tester for the arena and its poisoning. Many random
 * sequences of alloc, zalloc, growable blocks, resize (growable blocks grown
 * and shrunk where they stand too), mark, rewind, reset and init, with
 * random sizes and alignments 1..64, on two arenas whose regions start at
 * unaligned addresses (and sometimes share an ASan granule: one ends where
 * the other begins). A model predicts every result; after every step each
 * byte of each live block is checked usable and read and written, and the
 * released memory is checked poisoned wherever this build can poison it:
 *   - ASan: shadow can only say "the first k bytes of this 8-byte granule are
 *     addressable", so a released byte must be poisoned when every byte
 *     after it in its granule is free too (below the arena's top); the
 *     granule that holds top holds live bytes and stays addressable; the
 *     free part's low end (bump_floor) needs no exception, since the live
 *     bytes below it come first in their granule;
 *   - valgrind: every released byte, exactly;
 *   - BUMP_POISON_FILL: every released byte holds the fill.
 * BUMP_RANDOM_SEQUENCES=n runs n sequences instead of the default (a deeper
 * search); BUMP_RANDOM_LIVE_ONLY=1 checks live blocks only (to look past a
 * released-memory failure). The sequences run in a child process: a wrongly poisoned byte inside the
 * library (bump_zalloc's memset) would end the process with an ASan report,
 * and the parent then fails the test instead of the whole run ending.
 */
#define _DEFAULT_SOURCE
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check_arena.h"
#include "harness.h"

#if defined(BUMP_ASAN)
#include <sanitizer/asan_interface.h>
#endif
#if defined(BUMP_VALGRIND)
#include <valgrind/memcheck.h>
#include <valgrind/valgrind.h>
#endif

#define RT_SPAN 4608u   /* the memory both arenas live in */
#define RT_MARGIN 64u   /* addressable bytes kept on either side */
#define RT_BLOCKS 256u  /* live blocks the model follows per arena */
#define RT_MARKS 12u    /* marks the sequence holds per arena */
#define RT_LOG 24u      /* steps printed when a sequence fails */
#define RT_GROWS 64u    /* growable blocks per arena; no more are taken */

static _Alignas(64) unsigned char rt_mem[RT_SPAN];
static unsigned char rt_outside[512]; /* resize sources outside any arena */

struct rt_block {
    uintptr_t addr;
    size_t size;
    unsigned char pattern;
};

struct rt_mark {
    bump_mark_t mark;  /* what bump_mark returned */
    unsigned long id;  /* the model's name for it: its history, not its position */
    size_t depth;
};

struct rt_arena {
    bump_t a;
    bool live;
    uintptr_t base, limit, top, low; /* the model; low: the lowest top since init */
    uintptr_t floor, high;           /* the growable part's end; high: its highest since init */
    size_t nmarks;
    uintptr_t mark_top[BUMP_MARK_DEPTH];
    size_t mark_grows[BUMP_MARK_DEPTH]; /* growable blocks taken before each mark */
    unsigned long mark_id[BUMP_MARK_DEPTH]; /* which mark is recorded at each depth */
    struct rt_block blocks[RT_BLOCKS];
    size_t nblocks;
    struct rt_block grows[RT_GROWS]; /* growable blocks, oldest first: the last is current */
    size_t ngrows;
    struct rt_mark held[RT_MARKS];
    size_t nheld;
};

static struct rt_arena rt_arenas[2];
static uint32_t rt_state;
static char rt_log[RT_LOG][96];
static unsigned rt_steps;
static unsigned rt_failures;
static unsigned char rt_next_pattern = 1;
static unsigned long rt_next_mark_id = 1; /* never reused: a stale mark's id is never recorded again */
static bool rt_live_only; /* BUMP_RANDOM_LIVE_ONLY=1: skip the released-memory checks */

static uint32_t rnd(uint32_t n)
{
    return (n == 0u) ? 0u : harness_random(&rt_state) % n;
}

/* Offsets into the span, for the log. */
static long off(uintptr_t p)
{
    return (long)(p - (uintptr_t)rt_mem);
}

__attribute__((format(printf, 1, 2))) static void note(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    (void)vsnprintf(rt_log[rt_steps % RT_LOG], sizeof rt_log[0], fmt, ap);
    va_end(ap);
    rt_steps++;
}

/* Fails the sequence: prints where, the last steps, and ends the child. */
static void fail(const char *what, uintptr_t addr)
{
    printf("  random poison test: %s at offset %ld of the span, step %u\n", what, off(addr), rt_steps);
#if defined(BUMP_ASAN)
    if (addr >= (uintptr_t)rt_mem && addr < (uintptr_t)rt_mem + RT_SPAN) {
        /* As ASan prints shadow: 00 all addressable, 0k the first k, -- none. */
        uintptr_t g = (addr & ~(uintptr_t)7) - 16u;
        printf("  shadow of the granules at offsets %ld..%ld:", off(g), off(g + 47u));
        for (int i = 0; i < 6; i++, g += 8u) {
            unsigned k = 0;
            while (k < 8u && !__asan_address_is_poisoned((void *)(g + k))) {
                k++;
            }
            if (k == 0u) {
                printf(" --");
            } else {
                printf(" %02x", k & 7u);
            }
        }
        printf("\n");
    }
#endif
    unsigned first = (rt_steps > RT_LOG) ? rt_steps - RT_LOG : 0u;
    for (unsigned s = first; s < rt_steps; s++) {
        printf("    %u: %s\n", s, rt_log[s % RT_LOG]);
    }
    rt_failures++;
    fflush(stdout);
    _exit(1);
}

/* The model's placement rule (bump.h: bump down, highest aligned start). */
static uintptr_t place(const struct rt_arena *r, size_t size, size_t align, uintptr_t top)
{
    if (align == 0u || (align & (align - 1u)) != 0u || size > top) {
        return 0u;
    }
    uintptr_t p = (top - size) & ~((uintptr_t)align - 1u);
    return (p >= r->floor) ? p : 0u;
}

/* Where a growable block goes: the lowest aligned start at or above the floor. */
static uintptr_t place_growable(const struct rt_arena *r, size_t size, size_t align)
{
    if (align == 0u || (align & (align - 1u)) != 0u) {
        return 0u;
    }
    uintptr_t p = (r->floor + align - 1u) & ~((uintptr_t)align - 1u);
    return (p <= r->top && size <= r->top - p) ? p : 0u;
}

/* The growable part after a rewind or reset kept its first n blocks. */
static void release_growable(struct rt_arena *r, size_t n)
{
    r->ngrows = n;
    r->floor = (n > 0u) ? r->grows[n - 1u].addr + r->grows[n - 1u].size : r->base;
}

static void set_floor(struct rt_arena *r, uintptr_t floor)
{
    r->floor = floor;
    if (floor > r->high) {
        r->high = floor;
    }
}

static void release(struct rt_arena *r, uintptr_t new_top)
{
    if (r->top < r->low) {
        r->low = r->top;
    }
    r->top = new_top;
    size_t kept = 0;
    for (size_t i = 0; i < r->nblocks; i++) {
        if (r->blocks[i].addr >= new_top) {
            r->blocks[kept++] = r->blocks[i];
        }
    }
    r->nblocks = kept;
}

static void fill(struct rt_block *b)
{
    b->pattern = rt_next_pattern++;
    if (rt_next_pattern == 0u) {
        rt_next_pattern = 1u;
    }
    memset((void *)b->addr, b->pattern, b->size);
}

static void add_block(struct rt_arena *r, uintptr_t p, size_t size)
{
    if (r->nblocks == RT_BLOCKS) {
        r->nblocks--; /* forget the oldest-listed one: its bytes stay live, unchecked */
        memmove(&r->blocks[0], &r->blocks[1], r->nblocks * sizeof r->blocks[0]);
    }
    struct rt_block *b = &r->blocks[r->nblocks++];
    b->addr = p;
    b->size = size;
    fill(b);
}

static size_t random_size(const struct rt_arena *r)
{
    size_t room = r->top - r->floor;
    switch (rnd(10)) {
    case 0: return room;                            /* exactly what is left */
    case 1: return (room > 8u) ? room - rnd(8) : 0u; /* nearly */
    case 2: return rnd(300);
    case 3: return room + 1u + rnd(4);              /* too big */
    default: return rnd(41);
    }
}

static size_t random_align(void)
{
    return (rnd(40) == 0) ? (size_t)(rnd(2) ? 0u : 3u) : (size_t)1u << rnd(7);
}

/* Under ASan: fails unless all of [p, p + n) is addressable (checked before
 * the test reads a new block, so the failure is reported with its steps). */
static void check_usable(uintptr_t p, size_t n)
{
#if defined(BUMP_ASAN)
    /* Byte by byte: __asan_region_is_poisoned looks only at the first byte of
     * a range's first granule, and misses a granule like 07 entered at 3. */
    for (size_t i = 0; i < n; i++) {
        if (__asan_address_is_poisoned((void *)(p + i))) {
            fail("a live byte is poisoned", p + i);
        }
    }
#else
    (void)p;
    (void)n;
#endif
}

static void check_result(const struct rt_arena *r, void *got, uintptr_t want, const char *what)
{
    if ((uintptr_t)got != want) {
        printf("  %s returned %p, the model %p\n", what, got, (void *)want);
        fail("result differs from the model", (uintptr_t)got);
    }
    if ((uintptr_t)bump_top(&r->a) != r->top) {
        fail("top differs from the model", (uintptr_t)bump_top(&r->a));
    }
    if ((uintptr_t)bump_floor(&r->a) != r->floor) {
        fail("floor differs from the model", (uintptr_t)bump_floor(&r->a));
    }
    uintptr_t grow = (r->ngrows > 0u) ? r->grows[r->ngrows - 1u].addr : 0u;
    if ((uintptr_t)bump_growable(&r->a) != grow) {
        fail("the current growable block differs from the model", (uintptr_t)bump_growable(&r->a));
    }
}

static void op_growable(struct rt_arena *r)
{
    if (r->ngrows == RT_GROWS) {
        return;
    }
    size_t size = random_size(r), align = random_align();
    note("growable %zu align %zu (arena %d, floor %ld)", size, align, (int)(r - rt_arenas), off(r->floor));
    uintptr_t want = place_growable(r, size, align);
    unsigned char *p = bump_alloc_growable(&r->a, size, align);
    if (want != 0u) {
        set_floor(r, want + size);
        r->grows[r->ngrows].addr = want;
        r->grows[r->ngrows].size = size;
        r->ngrows++;
    }
    check_result(r, p, want, "bump_alloc_growable");
    if (p != NULL) {
        check_usable((uintptr_t)p, size);
        fill(&r->grows[r->ngrows - 1u]);
    }
}

static void op_alloc(struct rt_arena *r, bool zero)
{
    size_t size = random_size(r), align = random_align();
    note("%s %zu align %zu (arena %d, top %ld)", zero ? "zalloc" : "alloc", size, align, (int)(r - rt_arenas),
         off(r->top));
    uintptr_t want = place(r, size, align, r->top);
    unsigned char *p = zero ? bump_zalloc(&r->a, size, align) : bump_alloc(&r->a, size, align);
    if (want != 0u) {
        r->top = want;
    }
    check_result(r, p, want, zero ? "bump_zalloc" : "bump_alloc");
    if (p != NULL) {
        check_usable((uintptr_t)p, size);
        if (zero) {
            for (size_t i = 0; i < size; i++) {
                if (p[i] != 0u) {
                    fail("bump_zalloc left a byte non-zero", (uintptr_t)(p + i));
                }
            }
        }
        add_block(r, (uintptr_t)p, size);
    }
}

static void op_resize(struct rt_arena *r)
{
    struct rt_block *old = NULL;
    uintptr_t ptr = 0;
    size_t old_size = 0;
    unsigned how = rnd(13);
    if (how < 6 || how == 9) { /* the most recent plain block, or another live one */
        for (size_t i = 0; i < r->nblocks; i++) {
            if ((how < 6) ? (r->blocks[i].addr == r->top) : (rnd(3) == 0)) {
                old = &r->blocks[i];
            }
        }
    } else if (how >= 10 && r->ngrows > 0u) { /* the current growable block, or an older one */
        old = &r->grows[(how == 11) ? rnd((uint32_t)r->ngrows) : r->ngrows - 1u];
    }
    if (old != NULL && how >= 10 && old->addr == r->top) {
        return; /* a zero-sized growable block at top: the bytes there are the plain block's */
    }
    if (old != NULL) {
        ptr = old->addr;
        old_size = old->size;
        if (how == 12) {
            old_size = (size_t)(r->floor - ptr) + 1u + rnd(8); /* past the floor: refused */
        }
    } else if (how == 7) {
        ptr = (uintptr_t)rt_outside + rnd(64);
        old_size = rnd(200);
        memset((void *)ptr, 0x77, old_size);
    } else if (how == 8 && r->top > r->floor + 1u) {
        ptr = r->floor + 1u + rnd((uint32_t)(r->top - r->floor - 1u)); /* in the free part: refused */
        old_size = rnd(16);
    }
    size_t new_size = random_size(r), align = random_align();
    if (rnd(2) == 0 && old_size > 0u) {
        new_size = rnd((uint32_t)old_size * 2u + 1u); /* shrink or grow a little */
    }
    note("resize %ld+%zu to %zu align %zu (arena %d, floor %ld top %ld)", off(ptr), old_size, new_size, align,
         (int)(r - rt_arenas), off(r->floor), off(r->top));

    /* The model (bump.h, bump_resize), by where ptr lies. */
    uintptr_t grow = (r->ngrows > 0u) ? r->grows[r->ngrows - 1u].addr : 0u;
    bool valid = align != 0u && (align & (align - 1u)) == 0u;
    bool shrinks = valid && new_size <= old_size && (ptr & (align - 1u)) == 0u;
    enum { RS_NEW, RS_GROW, RS_PLAIN, RS_SAME, RS_REFUSED } what;
    if (ptr == 0u) {
        what = RS_NEW;
    } else if (ptr == grow && old_size <= r->floor - ptr && valid && (ptr & (align - 1u)) == 0u) {
        what = RS_GROW;
    } else if (ptr == r->top) {
        what = RS_PLAIN;
    } else if (ptr >= r->floor && ptr < r->top && ptr != grow) {
        what = RS_REFUSED;
    } else if (ptr >= r->base && ptr <= r->floor) {
        what = (old_size > r->floor - ptr) ? RS_REFUSED : shrinks ? RS_SAME : RS_NEW;
    } else if (ptr >= r->top && ptr <= r->limit) {
        what = (old_size > r->limit - ptr) ? RS_REFUSED : shrinks ? RS_SAME : RS_NEW;
    } else {
        what = RS_NEW; /* outside the arena: copied in, whatever the sizes */
    }
    uintptr_t from = r->top, want = 0;
    size_t n = r->nmarks;
    switch (what) {
    case RS_NEW: want = place(r, new_size, align, from); break;
    case RS_GROW: want = (new_size <= r->top - ptr) ? ptr : 0u; break;
    case RS_SAME: want = ptr; break;
    case RS_PLAIN:
        while (n > 0u && r->mark_top[n - 1u] == r->top) {
            n--; /* marks standing at the block: taken after it */
        }
        if (old_size <= r->limit - ptr && !(n > 0u && old_size > r->mark_top[n - 1u] - ptr)) {
            from = ptr + old_size;
            want = place(r, new_size, align, from);
        }
        break;
    default: break;
    }
    if (what == RS_GROW) {
        old = &r->grows[r->ngrows - 1u]; /* an older zero-sized one may share its start */
    }
    unsigned char keep = (old != NULL) ? old->pattern : 0x77;
    size_t kept_bytes = (old_size < new_size) ? old_size : new_size;

    unsigned char *p = bump_resize(&r->a, (void *)ptr, old_size, new_size, align);
    if (want != 0u && what == RS_GROW) {
        old->size = new_size; /* where it stands */
        set_floor(r, ptr + new_size);
    } else if (want != 0u && what != RS_SAME) {
        if (what == RS_PLAIN) {
            /* The old block becomes the new one; the marks standing at it move with its start. */
            for (size_t d = r->nmarks; d > 0u && r->mark_top[d - 1u] == r->top; d--) {
                r->mark_top[d - 1u] = want;
            }
            bool plain = (old != NULL) && (old >= r->blocks) && (old < r->blocks + r->nblocks);
            for (size_t idx = r->nblocks; idx > 0u; idx--) { /* old, or (a growable one) the newest there */
                if (plain ? (&r->blocks[idx - 1u] == old) : (r->blocks[idx - 1u].addr == ptr)) {
                    r->nblocks--;
                    memmove(&r->blocks[idx - 1u], &r->blocks[idx], (r->nblocks + 1u - idx) * sizeof r->blocks[0]);
                    break;
                }
            }
        }
        if (want > r->top) {
            release(r, want);
        } else {
            r->top = want;
        }
    }
    check_result(r, p, want, "bump_resize");
    if (p != NULL) {
        check_usable((uintptr_t)p, new_size);
        for (size_t i = 0; i < kept_bytes; i++) {
            if (p[i] != keep) {
                fail("bump_resize lost a byte", (uintptr_t)(p + i));
            }
        }
        if (what == RS_GROW) {
            fill(old);
        } else if (what != RS_SAME) {
            add_block(r, (uintptr_t)p, new_size);
        }
    }
}

static void op_mark(struct rt_arena *r)
{
    note("mark at %ld (arena %d)", off(r->top), (int)(r - rt_arenas));
    bump_mark_t m = bump_mark(&r->a);
    size_t n = r->nmarks, depth;
    unsigned long id;
    if (n > 0u && r->mark_top[n - 1u] == r->top && r->mark_grows[n - 1u] == r->ngrows) {
        depth = n - 1u; /* nothing a rewind would release since the newest mark */
        id = r->mark_id[depth];
    } else if (n < BUMP_MARK_DEPTH) {
        r->mark_top[n] = r->top;
        r->mark_grows[n] = r->ngrows;
        id = r->mark_id[n] = rt_next_mark_id++;
        r->nmarks = n + 1u;
        depth = n;
    } else {
        depth = BUMP_MARK_DEPTH; /* not recorded */
        id = 0u;
    }
    if (r->nheld == RT_MARKS) {
        r->nheld--;
        memmove(&r->held[0], &r->held[1], r->nheld * sizeof r->held[0]);
    }
    r->held[r->nheld++] = (struct rt_mark){m, id, depth};
}

static void op_rewind(struct rt_arena *r)
{
    if (r->nheld == 0u) {
        return;
    }
    struct rt_mark *m = &r->held[rnd((uint32_t)r->nheld)];
    note("rewind to mark %lu depth %zu (arena %d, top %ld)", m->id, m->depth, (int)(r - rt_arenas), off(r->top));
    bool valid = m->depth < r->nmarks && r->mark_id[m->depth] == m->id;
    uintptr_t to = valid ? r->mark_top[m->depth] : 0u;
    bool got = bump_rewind(&r->a, m->mark);
    if (valid) {
        release(r, to);
        release_growable(r, r->mark_grows[m->depth]); /* growth of older ones kept */
        r->nmarks = m->depth + 1u;
    }
    if (got != valid) {
        fail(valid ? "a valid mark was refused" : "a stale mark was accepted", to);
    }
    check_result(r, bump_top(&r->a), r->top, "bump_rewind");
}

static void op_reset(struct rt_arena *r)
{
    note("reset (arena %d, top %ld)", (int)(r - rt_arenas), off(r->top));
    bump_reset(&r->a);
    release(r, r->limit);
    release_growable(r, 0u);
    r->nmarks = 0;
    check_result(r, bump_top(&r->a), r->top, "bump_reset");
}

/* Arena 0 lives in [lo, split), arena 1 in [split, hi): they may meet mid-granule. */
static uintptr_t rt_split;

static void op_init(struct rt_arena *r)
{
    uintptr_t lo = (uintptr_t)rt_mem + RT_MARGIN, hi = (uintptr_t)rt_mem + RT_SPAN - RT_MARGIN;
    uintptr_t from = (r == &rt_arenas[0]) ? lo : rt_split, to = (r == &rt_arenas[0]) ? rt_split : hi;
    uintptr_t start, end;
    if (rnd(4) == 0 && r->live) {
        start = r->base + rnd(9) - 4u; /* on what it had, shifted a little */
        end = r->limit + rnd(9) - 4u;
    } else {
        start = from + ((rnd(3) == 0) ? 0u : rnd((uint32_t)(to - from)));
        end = start + ((rnd(3) == 0) ? rnd(64) : rnd((uint32_t)(to - start) + 1u));
    }
    if (rnd(3) == 0) { /* meet the neighbour exactly */
        if (r == &rt_arenas[0]) {
            end = to;
        } else {
            start = from;
        }
    }
    start = (start < from) ? from : (start > to) ? to : start;
    end = (end < start) ? start : (end > to) ? to : end;
    note("init [%ld, %ld) (arena %d)", off(start), off(end), (int)(r - rt_arenas));
    if (!bump_init(&r->a, (void *)start, end - start)) {
        fail("bump_init refused a region", start);
    }
    r->live = true;
    r->base = start;
    r->limit = r->top = r->low = end;
    r->floor = r->high = start;
    r->nmarks = r->nblocks = r->ngrows = 0; /* the marks it holds stay, all stale now */
    check_result(r, bump_top(&r->a), r->top, "bump_init");
}

/* After each step: every byte of every live block is usable (touched), holds
 * what was written, and released memory is poisoned as far as this build
 * can. */
static void check_arena(const struct rt_arena *r)
{
    for (size_t i = 0; i < r->nblocks + r->ngrows; i++) {
        const struct rt_block *b = (i < r->nblocks) ? &r->blocks[i] : &r->grows[i - r->nblocks];
        volatile unsigned char *p = (volatile unsigned char *)b->addr;
        check_usable(b->addr, b->size);
        for (size_t k = 0; k < b->size; k++) {
            if (p[k] != b->pattern) {
                fail("a live byte changed", b->addr + k);
            }
            p[k] = b->pattern;
        }
    }
    /* Released: the free part's bytes the growable part once covered
     * ([floor, high)) or the plain part did ([low, top)). */
    for (uintptr_t q = r->floor; q < r->top && !rt_live_only; q++) {
        if (q >= r->high && q < r->low) {
            continue; /* never handed out since init */
        }
#if defined(BUMP_ASAN)
        /* Poisonable when the rest of its granule is free too. */
        if (((q | 7u) + 1u) <= r->top && !__asan_address_is_poisoned((void *)q)) {
            fail("a released byte is addressable", q);
        }
#elif defined(BUMP_VALGRIND)
        unsigned char bits;
        if (RUNNING_ON_VALGRIND && VALGRIND_GET_VBITS((void *)q, &bits, 1) != 3) {
            fail("a released byte is addressable", q);
        }
#elif defined(BUMP_POISON_FILL)
        if (*(volatile unsigned char *)q != (unsigned char)(BUMP_POISON_FILL)) {
            fail("a released byte lacks the fill", q);
        }
#else
        (void)q;
#endif
    }
}

static void run_sequence(uint32_t seed, unsigned steps)
{
    rt_state = seed;
    rt_steps = 0;
    uintptr_t lo = (uintptr_t)rt_mem + RT_MARGIN, hi = (uintptr_t)rt_mem + RT_SPAN - RT_MARGIN;
    rt_split = lo + 256u + rnd((uint32_t)(hi - lo - 512u));
    rt_arenas[0].live = rt_arenas[1].live = false;
    rt_arenas[0].nheld = rt_arenas[1].nheld = 0;
    op_init(&rt_arenas[0]);
    op_init(&rt_arenas[1]);
    for (unsigned s = 0; s < steps; s++) {
        struct rt_arena *r = &rt_arenas[rnd(4) == 0 ? 1 : 0];
        unsigned op = rnd(100);
        if (op < 26) {
            op_alloc(r, false);
        } else if (op < 44) {
            op_alloc(r, true);
        } else if (op < 50) {
            op_growable(r);
        } else if (op < 68) {
            op_resize(r);
        } else if (op < 80) {
            op_mark(r);
        } else if (op < 90) {
            op_rewind(r);
        } else if (op < 95) {
            op_reset(r);
        } else if (op < 99) {
            op_init(r);
        } else { /* move the boundary between the two arenas */
            rt_split = lo + 256u + rnd((uint32_t)(hi - lo - 512u));
            op_init(&rt_arenas[0]);
            op_init(&rt_arenas[1]);
        }
        check_arena(&rt_arenas[0]);
        check_arena(&rt_arenas[1]);
    }
}

static void poison_random_sequences_keep_live_blocks_usable(void)
{
    unsigned sequences = 2000, steps = 300;
#if defined(BUMP_VALGRIND)
    if (RUNNING_ON_VALGRIND) {
        sequences = 200; /* each client request is slow there */
    }
#endif
    const char *env = getenv("BUMP_RANDOM_SEQUENCES");
    if (env != NULL && atoi(env) > 0) {
        sequences = (unsigned)atoi(env);
    }
    rt_live_only = getenv("BUMP_RANDOM_LIVE_ONLY") != NULL;
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
#if defined(BUMP_ASAN)
        ASAN_UNPOISON_MEMORY_REGION(rt_mem, sizeof rt_mem);
#endif
        for (unsigned i = 0; i < sequences; i++) {
            uint32_t seed = 0x9e3779b9u * (i + 1u);
            run_sequence(seed, steps);
        }
        _exit(rt_failures == 0u ? 0 : 1);
    }
    int status = 0;
    CHECK(pid > 0 && waitpid(pid, &status, 0) == pid);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
}

static const struct harness_test tests[] = {
    HARNESS_TEST(poison_random_sequences_keep_live_blocks_usable),
};
HARNESS_GROUP(asan_random_group, tests);
