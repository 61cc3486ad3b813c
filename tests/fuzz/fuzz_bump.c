/* SPDX-License-Identifier: MIT */
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
 * Marks are modelled by their history, never by their members. Each arena's
 * model keeps its valid points, oldest first: the time a mark was taken (its
 * identity in the model), where the top stands for it, and the value
 * bump_mark returned.
 * Every mark value the fuzzer holds carries the history it came with: the
 * arena it was taken from and the point it named (none when the record was
 * full). Whether the arena must accept it is a question about that history
 * alone: does its point still stand in the model of the arena it is rewound
 * on? Points go stale on reset, on init of the same bump_t, on trim, on a
 * rewind to an earlier point (those after it); an in-place resize of the most
 * recent plain block moves the points standing on it. So a held mark whose
 * history made it stale must be refused whatever its members, even when a
 * valid mark now stands at its depth and position; and no valid mark may
 * equal, member for member, a held mark of another history (a rewind to the
 * one would be a rewind to the other), which check_model checks for every
 * held value. A value made or edited by hand has no history: it must be
 * refused unless it equals a valid point's value in full, and then it is that
 * mark (the call is the same call). bump_mark returns the newest valid
 * point's value when the top stands where that point's does and no growable
 * block was taken since, else a value equal to no valid point, which becomes
 * a new point unless BUMP_MARK_DEPTH points are valid already (then it is
 * counted as unrecorded and is never valid). Every block carries the time it
 * was allocated. An accepted rewind must bring bump_used back to the point's,
 * keep every block allocated before the point (contents intact) and release
 * every block allocated after it; a refused one must leave the arena as it
 * was but for its count of refused rewinds. bump_report's counts of refused
 * rewinds and unrecorded marks are the model's. A zero-sized block that
 * leaves the top where it was cannot be seen by the arena: the model counts
 * it as allocated just before the valid point standing there, if any (see
 * expect_block).
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

#if defined(BUMP_ASAN)
#include <sanitizer/asan_interface.h>
#define UNPOISON_ALL(p, n) ASAN_UNPOISON_MEMORY_REGION((p), (n))
#endif
#ifndef UNPOISON_ALL
#define UNPOISON_ALL(p, n) ((void)(p), (void)(n))
#endif

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define REGION_SIZE 3072u
#define OTHER_SIZE 512u
#define OUTSIDE_SIZE 64u
#define MAX_BLOCKS 48u
#define MAX_GROWS 24u /* growable blocks recorded; a further one is not asked for */
#define MAX_MARKS 32u /* mark values kept to replay: valid, stale, foreign */
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
    unsigned long born; /* when it was allocated (an in-place resize keeps it) */
};

/* A valid mark, as the model knows it: when it was taken (unique, never 0:
 * its identity), the plain part's size at its position (bump_used's plain
 * share then, moved by an in-place resize of the block it stands on), and the
 * value bump_mark returned. */
struct point {
    unsigned long time;
    size_t used;
    bump_mark_t value;
};

struct model {
    bump_t arena;
    bool valid;       /* false: a child whose block was released */
    uintptr_t base;   /* the region as the contract trims it */
    uintptr_t limit;
    size_t used;      /* plain blocks and padding: [limit - used, limit) */
    size_t gused;     /* growable blocks and padding: [base, base + gused) */
    size_t high;      /* peak of used + gused since init */
    struct block blocks[MAX_BLOCKS]; /* plain, in the order they were (re)allocated */
    size_t nblocks;
    /* Growable blocks, oldest (lowest) first. Nothing releases one but a
     * reset or a rewind, and only the next one ends a block's growability,
     * so the current growable block is always the newest record. */
    struct block grows[MAX_GROWS];
    size_t ngrows;
    struct point points[BUMP_MARK_DEPTH]; /* the valid marks, oldest first */
    size_t npoints;
    size_t failures; /* the failure record: refused requests since init */
    size_t last_failed_size, last_failed_align;
    size_t refused_rewinds;  /* bump_rewind calls refused since init */
    size_t unrecorded_marks; /* marks taken with the record full, since init */
    uintptr_t init_mem;      /* what bump_init was given last, to init it again the same */
    size_t init_size;
};

static struct model models[2]; /* [0] on region, [1] on other_region or a child */
static uint8_t next_seed;
static unsigned long now; /* the model's clock: even at every event */

static unsigned long tick(void)
{
    now += 2U;
    return now;
}

/* A mark value the fuzzer holds, with its history: the model it was taken
 * from and the point it named then (its time; 0 when the record was full, so
 * it named none). Whether it is valid is asked of that history only. */
struct held {
    bump_mark_t mark;
    int from;
    unsigned long point;
};
static struct held marks[MAX_MARKS];
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

static uintptr_t model_floor(const struct model *m)
{
    return m->base + m->gused;
}

static size_t model_used(const struct model *m)
{
    return m->used + m->gused;
}

/* The current growable block, or 0. */
static uintptr_t model_grow(const struct model *m)
{
    return (m->ngrows > 0U) ? m->grows[m->ngrows - 1U].start : 0U;
}

/* What bump_owns must say: the plain part or the growable part. */
static bool model_owns(const struct model *m, uintptr_t p)
{
    return ((p >= model_top(m)) && (p < m->limit)) || ((p >= m->base) && (p < model_floor(m)));
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

/* Whether a plain block of `size` bytes aligned to `align` fits in
 * [floor, end): some multiple of align in [floor, end - size]. */
static bool model_fits(const struct model *m, size_t size, size_t align, uintptr_t end)
{
    uintptr_t low = model_floor(m);
    if (!valid_align(align) || (end < low) || (size > (size_t)(end - low))) {
        return false;
    }
    uintptr_t highest = end - size;
    uintptr_t start = highest - (highest % align);
    return start >= low;
}

/* Where a growable block of `size` bytes aligned to `align` starts: the
 * lowest multiple of align at or above the floor; 0 when it does not fit
 * below the top. */
static uintptr_t model_grow_start(const struct model *m, size_t size, size_t align)
{
    uintptr_t low = model_floor(m);
    uintptr_t top = model_top(m);
    if (!valid_align(align)) {
        return 0U;
    }
    size_t pad = (low % align == 0U) ? 0U : (size_t)(align - low % align);
    if ((pad > (size_t)(top - low)) || (size > (size_t)(top - low) - pad)) {
        return 0U;
    }
    return low + pad;
}

static void note_high(struct model *m)
{
    if (model_used(m) > m->high) {
        m->high = model_used(m);
    }
}

static void set_used(struct model *m, size_t used)
{
    m->used = used;
    note_high(m);
}

static void record_stale(uintptr_t start)
{
    if (nstale < MAX_STALE) {
        stale[nstale++] = start;
    } else {
        stale[start % MAX_STALE] = start;
    }
}

/* Forgets block record i (kept in order): it was released or taken in. */
static void forget_block(struct model *m, size_t i)
{
    if (m->blocks[i].size > 0U) {
        record_stale(m->blocks[i].start);
    }
    if (m->blocks[i].child && (m == &models[0])) {
        models[1].valid = false; /* its child arena died with it */
    }
    (void)memmove(&m->blocks[i], &m->blocks[i + 1U], (m->nblocks - i - 1U) * sizeof m->blocks[0]);
    m->nblocks--;
}

/* Drops every block that starts below the model's top: released. */
static void drop_released(struct model *m)
{
    uintptr_t top = model_top(m);
    for (size_t i = m->nblocks; i > 0U; i--) {
        if (m->blocks[i - 1U].start < top) {
            forget_block(m, i - 1U);
        }
    }
}

/* Forgets the growable blocks from record i on: released. */
static void forget_grows(struct model *m, size_t i)
{
    for (size_t j = i; j < m->ngrows; j++) {
        if (m->grows[j].size > 0U) {
            record_stale(m->grows[j].start);
        }
    }
    m->ngrows = i;
}

/* The floor after growable records past the newest one were released: its
 * end, or the start when none is left. */
static void floor_to_newest(struct model *m)
{
    m->gused = (m->ngrows > 0U) ? (size_t)(m->grows[m->ngrows - 1U].start + m->grows[m->ngrows - 1U].size - m->base)
                                : 0U;
}

/* bump_reset, or the hook resetting: every block released, every mark stale,
 * no growable block current. */
static void model_reset(struct model *m)
{
    m->used = 0U;
    drop_released(m);
    forget_grows(m, 0U);
    m->gused = 0U;
    m->npoints = 0U;
}

/* Whether a growable block was taken after time t (and is still allocated:
 * only a rewind to t or earlier, or a reset, releases one). */
static bool grown_since(const struct model *m, unsigned long t)
{
    return (m->ngrows > 0U) && (m->grows[m->ngrows - 1U].born > t);
}

/* --- the model of marks ------------------------------------------------- */

/* Member for member: two values that are equal are one argument to
 * bump_rewind, which cannot tell them apart. */
static bool same_mark(bump_mark_t a, bump_mark_t b)
{
    return (a.arena == b.arena) && (a.depth == b.depth) && (a.lifetime == b.lifetime) && (a.serial == b.serial);
}

/* The valid point of model m whose value `mk` equals, or -1: for a value
 * made or edited by hand, whether a rewind to it is accepted, and to what. */
static int find_point(const struct model *m, bump_mark_t mk)
{
    for (size_t i = 0U; i < m->npoints; i++) {
        if (same_mark(m->points[i].value, mk)) {
            return (int)i;
        }
    }
    return -1;
}

/* The valid point of model k that held mark `h` names, or -1: its history
 * alone says whether a rewind of arena k to it is accepted, and to what. A
 * mark of the other model, or one the record had no room for, names none. */
static int history_point(int k, const struct held *h)
{
    const struct model *m = &models[k];
    if ((h->from != k) || (h->point == 0U)) {
        return -1;
    }
    for (size_t i = 0U; i < m->npoints; i++) {
        if (m->points[i].time == h->point) {
            EXPECT(same_mark(m->points[i].value, h->mark));
            return (int)i;
        }
    }
    return -1;
}

/* bump_mark returned `got` on model m: returns the time of the point it
 * names (0: none, the record was full). */
static unsigned long model_mark(struct model *m, bump_mark_t got)
{
#ifdef FUZZ_TRACE
    (void)fprintf(stderr, "mark at used %zu, %zu valid points\n", m->used, m->npoints);
#endif
    EXPECT(got.arena == &m->arena);
    if ((m->npoints > 0U) && (m->points[m->npoints - 1U].used == m->used) &&
        !grown_since(m, m->points[m->npoints - 1U].time)) {
        /* It stands at the newest valid mark, and no growable block was
         * taken since (growth of an older one does not count): that mark
         * again. */
        EXPECT(same_mark(got, m->points[m->npoints - 1U].value));
        return m->points[m->npoints - 1U].time;
    }
    /* A new mark: equal to no valid one (else a rewind to it would be a
     * rewind to that one). Past the depth it is not recorded: never valid,
     * and counted. */
    EXPECT(find_point(m, got) < 0);
    if (m->npoints == BUMP_MARK_DEPTH) {
        m->unrecorded_marks++;
        return 0U;
    }
    struct point *p = &m->points[m->npoints++];
    p->time = tick();
    p->used = m->used;
    p->value = got;
    return p->time;
}

/* A valid point taken before `born` whose position lies below `end`: a
 * resize in place whose old block would reach past it is refused. */
static bool passes_mark(const struct model *m, unsigned long born, uintptr_t end)
{
    for (size_t i = 0U; i < m->npoints; i++) {
        if ((m->points[i].time < born) && (m->limit - m->points[i].used < end)) {
            return true;
        }
    }
    return false;
}

/* Points taken after `born` stand on the block born then, the most recent
 * plain block: a resize in place moves them with its start, so a rewind to
 * one keeps the block at its new size (bump_used then is the present one). */
static void move_after(struct model *m, unsigned long born)
{
    for (size_t i = 0U; i < m->npoints; i++) {
        if (m->points[i].time > born) {
            m->points[i].used = m->used;
        }
    }
}

/* An accepted rewind to point i: the plain part back to where it was; every
 * block allocated before it still allocated (check_model then checks
 * contents), growth of a growable one included; every block allocated after
 * it released, growable ones too, and the newest growable block left (the
 * one current at the point) current again; later points stale. */
static void model_rewind_to(struct model *m, size_t i)
{
    const struct point p = m->points[i];
    m->npoints = i + 1U;
    m->used = p.used;
    size_t g = m->ngrows;
    while ((g > 0U) && (m->grows[g - 1U].born > p.time)) {
        g--;
    }
    forget_grows(m, g); /* check_model: their starts are no longer owned */
    floor_to_newest(m);
    EXPECT(bump_floor(&m->arena) == (void *)model_floor(m));
    EXPECT(bump_growable(&m->arena) == (void *)model_grow(m));
    uintptr_t top = model_top(m);
    for (size_t j = m->nblocks; j > 0U; j--) {
        const struct block *b = &m->blocks[j - 1U];
        if (b->born < p.time) {
            EXPECT(b->start >= top);
            EXPECT((b->size == 0U) || bump_owns(&m->arena, (const void *)b->start));
        } else {
            EXPECT(b->start <= top);
            EXPECT(b->size <= (size_t)(top - b->start));
            EXPECT((b->size == 0U) || !bump_owns(&m->arena, (const void *)b->start));
            forget_block(m, j - 1U);
        }
    }
}

static void model_init(struct model *m, uintptr_t start, size_t size)
{
    uintptr_t end = start + size;
    m->base = (start < BUMP_ADDRESS_FLOOR) ? BUMP_ADDRESS_FLOOR : start;
    m->limit = (end < m->base) ? m->base : end;
    m->used = 0U;
    m->gused = 0U;
    m->high = 0U;
    m->nblocks = 0U;
    m->ngrows = 0U;
    m->npoints = 0U; /* init: every mark of this bump_t is stale */
    m->failures = 0U;
    m->last_failed_size = 0U;
    m->last_failed_align = 0U;
    m->refused_rewinds = 0U;
    m->unrecorded_marks = 0U;
    m->init_mem = start;
    m->init_size = size;
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
    EXPECT(bump_used(a) == model_used(m));
    EXPECT(bump_remaining(a) == model_capacity(m) - model_used(m));
    EXPECT(bump_used(a) + bump_remaining(a) == bump_capacity(a));
    EXPECT(bump_high_water(a) == m->high);
    EXPECT(bump_start(a) == (void *)m->base && bump_end(a) == (void *)m->limit);
    EXPECT(bump_top(a) == (void *)model_top(m));
    EXPECT(bump_floor(a) == (void *)model_floor(m));
    EXPECT(bump_growable(a) == (void *)model_grow(m));
    bump_report_t r;
    bump_report(a, &r);
    EXPECT(r.capacity == model_capacity(m) && r.used == model_used(m) && r.high_water == m->high);
    EXPECT(r.failures == m->failures && r.last_failed_size == m->last_failed_size &&
           r.last_failed_align == m->last_failed_align);
    EXPECT(r.refused_rewinds == m->refused_rewinds);
    EXPECT(r.unrecorded_marks == m->unrecorded_marks);
    /* No valid mark equals a held value of another history: a rewind to that
     * value would be a rewind to the valid mark, and its history says it
     * must be refused (it is stale, never recorded, or another arena's). */
    for (size_t i = 0U; i < m->npoints; i++) {
        for (size_t j = 0U; j < nmarks; j++) {
            if ((marks[j].from != (int)(m - models)) || (marks[j].point != m->points[i].time)) {
                EXPECT(!same_mark(marks[j].mark, m->points[i].value));
            }
        }
    }
    /* bump_owns at the edges of the three parts, and outside the region */
    const uintptr_t probes[] = {m->base - 1U, m->base, model_floor(m) - 1U, model_floor(m), model_top(m) - 1U,
                                model_top(m), m->limit - 1U, m->limit, (uintptr_t)outside};
    for (size_t i = 0U; i < sizeof probes / sizeof probes[0]; i++) {
        EXPECT(bump_owns(a, (const void *)probes[i]) == model_owns(m, probes[i]));
    }
    for (size_t i = 0U; i < nstale; i++) {
        /* released blocks' starts: owned again only once handed out again */
        EXPECT(bump_owns(a, (const void *)stale[i]) == model_owns(m, stale[i]));
    }
    for (size_t i = 0U; i < m->ngrows; i++) {
        const struct block *b = &m->grows[i];
        uintptr_t low = (i == 0U) ? m->base : m->grows[i - 1U].start + m->grows[i - 1U].size;
        EXPECT((b->start % b->align) == 0U);
        EXPECT(b->start >= low && b->start - low < b->align); /* the lowest aligned address above */
        EXPECT(b->size <= (size_t)(model_floor(m) - b->start));
        if (i + 1U == m->ngrows) {
            EXPECT(b->start + b->size == model_floor(m)); /* the floor is its end */
        }
        if (b->size == 0U) {
            continue;
        }
        EXPECT(bump_owns(a, (const void *)b->start));
        EXPECT(bump_owns(a, (const void *)(b->start + b->size - 1U)));
        const unsigned char *p = (const unsigned char *)b->start;
        for (size_t k = 0U; k < b->size; k++) {
            if (p[k] != pattern(b->seed, k)) {
                fail("growable block contents changed", __LINE__);
            }
        }
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

/* True when the two arenas hold the same state, as tests/suite/check_arena.h's
 * arena_same compares them: every member but the failure record (checked
 * through bump_report), and of the record of marks only the part in use (the
 * slots past it hold garbage). */
static bool arena_same(const bump_t *a, const bump_t *b)
{
    size_t used = (a->marks <= BUMP_MARK_DEPTH) ? a->marks : BUMP_MARK_DEPTH;
    return (memcmp(a, b, offsetof(bump_t, failures)) == 0) &&
           (memcmp(a->mark_top, b->mark_top, used * sizeof a->mark_top[0]) == 0) &&
           (memcmp(a->mark_base, b->mark_base, used * sizeof a->mark_base[0]) == 0) &&
           (memcmp(a->mark_grow, b->mark_grow, used * sizeof a->mark_grow[0]) == 0) &&
           (memcmp(a->mark_serial, b->mark_serial, used * sizeof a->mark_serial[0]) == 0) &&
           (memcmp(a->mark_grow_depth, b->mark_grow_depth, used) == 0) && (a->seal == b->seal) &&
           (a->lifetime == b->lifetime) && (a->serial == b->serial) && (a->releases == b->releases) &&
           ((a->marks <= BUMP_MARK_DEPTH) || (memcmp(a, b, sizeof *a) == 0));
}

/* A zero-sized block standing at the top where a valid mark stands (after an
 * allocation that left the top where it was, or a resize in place down to 0)
 * changes nothing the arena can see: the arena cannot tell whether the mark
 * was taken before or after it. The model counts it as allocated just before
 * that mark (which bump_mark would return again anyway), so that a later
 * resize of it in place makes the mark stale, as it must when the mark was
 * taken after it. */
static void zero_before_mark(const struct model *m, struct block *b)
{
    /* Several valid marks may stand there (growable blocks taken between
     * them): it counts as allocated before the oldest of them. */
    size_t i = m->npoints;
    while ((i > 0U) && (m->points[i - 1U].used == m->used)) {
        i--;
    }
    if ((b->size == 0U) && (b->start == model_top(m)) && (i < m->npoints) && (b->born > m->points[i].time)) {
        b->born = m->points[i].time - 1U;
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
    /* A refused request (one that calls the hook) is counted in the failure
     * record, the only change a failed call makes. */
    if (calls_hook) {
        m->failures++;
        m->last_failed_size = size;
        m->last_failed_align = align;
    }
    if (hook_mode == 0 || !calls_hook) {
        EXPECT(hook_calls == 0U);
    } else {
        EXPECT(hook_calls == 1U);
        EXPECT(hook_arena == &m->arena);
        EXPECT(hook_size == size);
        EXPECT(hook_align == align);
    }
    if (hook_mode == 2 && calls_hook) {
        model_reset(m); /* the hook reset it */
    } else {
        EXPECT(arena_same(&before, &m->arena));
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
    unsigned long born = tick();
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
    b->born = born;
    zero_before_mark(m, b);
    return b;
}

/* --- inputs for calls -------------------------------------------------- */

static size_t pick_size(const struct model *m)
{
    size_t rem = (size_t)(model_top(m) - model_floor(m));
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

enum alloc_kind { K_ALLOC, K_SLOW, K_ATOMIC, K_ZALLOC, K_GROW };

/* The kind of a scope's or a loop's allocation: bytes from 0xF0 up take a
 * growable block, the others one of the four plain kinds as before growable
 * blocks existed (so the seeds made then still do what they were kept for). */
static enum alloc_kind pick_kind(void)
{
    uint8_t b = next_byte();
    return (b >= 0xF0U) ? K_GROW : (enum alloc_kind)(b % (unsigned)K_GROW);
}

/* bump_alloc_growable: exactly at the lowest aligned address at or above the
 * floor, which moves to its end; it becomes the current growable block. */
static void op_grow_sized(struct model *m, size_t size, size_t align)
{
    if (m->ngrows == MAX_GROWS) {
        return; /* the model could not follow a rewind past a forgotten one */
    }
    uintptr_t s = model_grow_start(m, size, align);
    uintptr_t top = model_top(m);
    begin_call(m);
    void *p = bump_alloc_growable(&m->arena, size, align);
#ifdef FUZZ_TRACE
    (void)fprintf(stderr, "growable %zu align %zu (floor %#lx top %#lx): expected %#lx got %p\n", size, align,
                  (unsigned long)model_floor(m), (unsigned long)top, (unsigned long)s, p);
#endif
    if (s == 0U) {
        EXPECT(p == NULL);
        expect_failure(m, size, align, true);
        return;
    }
    EXPECT(hook_calls == 0U);
    EXPECT((uintptr_t)p == s);
    EXPECT(bump_top(&m->arena) == (void *)top); /* the plain part is not touched */
    struct block *b = &m->grows[m->ngrows++];
    b->start = s;
    b->size = size;
    b->align = align;
    b->child = false;
    b->born = tick();
    m->gused = (size_t)(s + size - m->base);
    note_high(m);
    fill(b);
}

static void op_alloc_sized(struct model *m, enum alloc_kind kind, size_t size, size_t align)
{
    if (kind == K_GROW) {
        op_grow_sized(m, size, align);
        return;
    }
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

static void op_alloc(struct model *m, enum alloc_kind kind)
{
    size_t size = pick_size(m);
    size_t align = pick_align();
    op_alloc_sized(m, kind, size, align);
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
    m->failures = 1U; /* that refusal counts in the record bump_init cleared */
    m->last_failed_size = SIZE_MAX;
    m->last_failed_align = 1U;
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
#if defined(BUMP_ASAN)
    /* Under ASan the arena unpoisons each block it hands out, and a region
     * that is not memory has no shadow to write: ASan itself would abort. */
    if (fits) {
        return;
    }
#endif
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
        EXPECT(arena_same(&child_before, &child->arena));
        expect_failure(parent, size, align, true);
        return;
    }
    /* The child's block is the parent's newest, lowest one. */
    uintptr_t block = (uintptr_t)bump_top(&parent->arena);
    struct block *b = expect_block(parent, (void *)block, size, align, end);
    b->child = true;
    model_init(child, b->start, size);
    bump_set_oom_hook(&child->arena, (hook_mode != 0) ? hook : NULL);
}

/* Copies bytes the arena may keep poisoned (padding taken in by a resize):
 * their values are what the resize must keep, so read them unchecked. */
#if defined(__clang__)
__attribute__((no_sanitize("address")))
#endif
static void copy_raw(unsigned char *to, const unsigned char *from, size_t n)
{
    for (size_t i = 0U; i < n; i++) {
        to[i] = from[i];
    }
}

/* How op_resize picks its block: 0 NULL, 1-3 a recorded plain block (the
 * newest, any, any with a shorter old_size), 4 a lying old_size past the
 * region's end, 5 a released block, 6 outside any arena; forced only: 7 the
 * newest plain block with an old_size that takes in older blocks above it,
 * 8 the current growable block, 9 any growable block, 10 a growable block
 * with an old_size past the floor, 11 the newest plain block to a size near
 * its own (grown or shrunk in place, by small steps). */
static void op_resize(struct model *m, int forced)
{
    static unsigned char snap[REGION_SIZE]; /* the old block's bytes */
    uintptr_t top = model_top(m);
    uintptr_t ptr = 0U;
    size_t old_size = 0U;
    uint8_t outside_seed = 0U;
    size_t grow_align = 1U;
    uint8_t how = (forced >= 0) ? (uint8_t)forced : (uint8_t)(next_byte() % 7U);
    switch (how) {
    case 1: /* the most recent block, or an older one */
    case 2:
    case 3:
    case 7:
    case 11:
        if (m->nblocks > 0U) {
            size_t i = ((how == 1U) || (how == 7U) || (how == 11U)) ? m->nblocks - 1U : next_byte() % m->nblocks;
            if (!m->blocks[i].child) {
                const struct block *src = &m->blocks[i];
                ptr = src->start;
                old_size = src->size;
                grow_align = src->align;
                if (how == 3U) { /* a smaller old_size: the block's prefix */
                    old_size = (old_size == 0U) ? 0U : next_byte() % old_size;
                } else if (how == 7U) { /* up to the end of an older block, or a little past */
                    const struct block *o = &m->blocks[next_byte() % m->nblocks];
                    uintptr_t to = o->start + o->size + ((next_byte() % 4U == 0U) ? next_byte() % 17U : 0U);
                    if (to > m->limit) {
                        to = m->limit;
                    }
                    if (to > ptr + old_size) {
                        old_size = (size_t)(to - ptr);
                    }
                }
            }
        }
        break;
    case 4: /* lying old_size: past the region's end */
        if (m->nblocks > 0U) {
            const struct block *b = &m->blocks[next_byte() % m->nblocks];
            if (b->start >= m->limit) {
                break; /* a zero-sized block at the end: keep clear of it */
            }
            ptr = b->start;
            old_size = (next_byte() & 1U) ? SIZE_MAX : (size_t)(m->limit - ptr) + 1U + next_byte();
        }
        break;
    case 5: /* stale: a block released earlier, while it is still free */
        if (nstale > 0U) {
            uintptr_t s = stale[next_byte() % nstale];
            /* Free: in [floor, top). Below the floor it may lie inside a
             * growable block taken since, where any old_size is a lie that
             * can run into released padding, an overrun ASan reports. */
            if ((s >= model_floor(m)) && (s < top)) {
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
    case 8: /* the current growable block, its whole size or less */
    case 9: /* any growable block, the current one included */
    case 10: /* a growable block, old_size past the floor */
        if (m->ngrows > 0U) {
            const struct block *g = &m->grows[(how == 8U) ? m->ngrows - 1U : next_byte() % m->ngrows];
            ptr = g->start;
            grow_align = g->align;
            old_size = g->size;
            uint8_t c = next_byte();
            if (how == 10U) {
                old_size = (size_t)(model_floor(m) - ptr) + 1U + c % 16U;
            } else if ((c % 4U == 0U) && (old_size > 0U)) {
                old_size = c % old_size; /* a prefix */
            }
        }
        break;
    default: /* NULL */
        break;
    }
    size_t new_size = pick_size(m);
    size_t align = pick_align();
    if ((how >= 8U) && (ptr != 0U)) { /* a growable block, or (11) the newest plain one */
        uint8_t c = next_byte();
        switch (c % 8U) { /* sizes near the block's: growth by steps, shrinks, exact fits */
        case 0: new_size = old_size + c / 8U; break;
        case 1: new_size = old_size + (size_t)next_u16() % 512U; break;
        case 2: new_size = (old_size > c / 8U) ? old_size - c / 8U : 0U; break;
        case 3: new_size = (size_t)(top - ptr); break;
        case 4: new_size = (size_t)(top - ptr) + 1U; break;
        default: break;
        }
        if ((c & 0x40U) == 0U) {
            align = grow_align; /* the block's own: the in-place case */
        }
    }

    /* What the contract says must happen, by where ptr lies. */
    uintptr_t floor = model_floor(m);
    enum { R_NEW, R_GROW, R_PLAIN, R_SAME, R_REFUSED } what;
    bool valid = valid_align(align);
    bool shrinks = valid && (new_size <= old_size) && (ptr % (valid ? align : 1U) == 0U);
    if (ptr == 0U) {
        what = R_NEW; /* bump_alloc */
    } else if ((ptr == model_grow(m)) && (old_size <= (size_t)(floor - ptr)) && valid && (ptr % align == 0U)) {
        what = R_GROW; /* the current growable block, where it stands */
    } else if (ptr == top) {
        what = R_PLAIN; /* the most recent plain block, its end kept */
    } else if ((ptr >= floor) && (ptr < top) && (ptr != model_grow(m))) {
        what = R_REFUSED; /* the free part */
    } else if ((ptr >= m->base) && (ptr <= floor)) {
        /* (ptr == floor: the current growable block, of size 0. The header
         * puts it in the free part, which is refused, but names it as the
         * block that is resized in place: the model takes it as a block.) */
        /* the growable part: old_size must not pass the floor */
        what = (old_size > (size_t)(floor - ptr)) ? R_REFUSED : shrinks ? R_SAME : R_NEW;
    } else if ((ptr >= top) && (ptr <= m->limit)) {
        /* the plain part (its end counts as inside): nor pass the end */
        what = (old_size > (size_t)(m->limit - ptr)) ? R_REFUSED : shrinks ? R_SAME : R_NEW;
    } else {
        what = R_NEW; /* outside the arena: copied in, whatever the sizes */
    }
    int top_rec = -1; /* the newest record standing at ptr: the block resized in place */
    unsigned long top_born = now + 1U;
    if (what == R_PLAIN) {
        for (size_t i = 0U; i < m->nblocks; i++) {
            if ((m->blocks[i].start == ptr) && ((top_rec < 0) || (m->blocks[i].born >= m->blocks[top_rec].born))) {
                top_rec = (int)i;
            }
        }
        if (top_rec >= 0) {
            top_born = m->blocks[top_rec].born;
        }
    }
    uintptr_t end = top;
    bool ok;
    switch (what) {
    case R_PLAIN:
        if (old_size > (size_t)(m->limit - ptr)) {
            ok = false; /* passes the region's end */
        } else if (passes_mark(m, top_born, ptr + old_size)) {
            ok = false; /* passes a valid mark taken before the block */
        } else {
            end = ptr + old_size;
            ok = model_fits(m, new_size, align, end);
        }
        break;
    case R_GROW: ok = new_size <= (size_t)(top - ptr); break;
    case R_SAME: ok = true; break;
    case R_REFUSED: ok = false; break;
    default: ok = model_fits(m, new_size, align, top); break;
    }
    size_t kept = (old_size < new_size) ? old_size : new_size;
    if (ptr == 0U) {
        kept = 0U;
    }
    if (ok && (kept > 0U)) {
        copy_raw(snap, (const unsigned char *)ptr, kept); /* in the arena or `outside` */
    }

#ifdef FUZZ_TRACE
    (void)fprintf(stderr,
                  "resize how %u ptr %#lx (base %#lx floor %#lx grow %#lx top %#lx limit %#lx) old %zu new %zu "
                  "align %zu: case %d ok %d\n",
                  how, (unsigned long)ptr, (unsigned long)m->base, (unsigned long)floor, (unsigned long)model_grow(m),
                  (unsigned long)top, (unsigned long)m->limit, old_size, new_size, align, (int)what, ok);
    for (size_t i = 0U; i < m->nblocks; i++) {
        (void)fprintf(stderr, "  block %#lx size %zu born %lu\n", (unsigned long)m->blocks[i].start, m->blocks[i].size,
                      m->blocks[i].born);
    }
    for (size_t i = 0U; i < m->ngrows; i++) {
        (void)fprintf(stderr, "  growable %#lx size %zu born %lu\n", (unsigned long)m->grows[i].start,
                      m->grows[i].size, m->grows[i].born);
    }
    for (size_t i = 0U; i < m->npoints; i++) {
        (void)fprintf(stderr, "  point used %zu time %lu\n", m->points[i].used, m->points[i].time);
    }
#endif
    begin_call(m);
    void *p = bump_resize(&m->arena, (void *)ptr, old_size, new_size, align);
    if (!ok) {
        EXPECT(p == NULL);
        expect_failure(m, new_size, align, true);
        return;
    }
    EXPECT(p != NULL);
    if (what == R_SAME) {
        /* A shrink of any other block: ptr back, nothing copied or released. */
        EXPECT(p == (void *)ptr);
        EXPECT(hook_calls == 0U);
        EXPECT(arena_same(&before, &m->arena));
        return;
    }
    struct block *b;
    if (what == R_GROW) {
        /* Where it stands: same pointer, nothing moved; the floor is its new
         * end, the plain part untouched, every mark still valid. */
        EXPECT(p == (void *)ptr);
        EXPECT(hook_calls == 0U);
        EXPECT(bump_top(&m->arena) == (void *)top);
        b = &m->grows[m->ngrows - 1U];
        if (new_size < b->size) {
            record_stale(ptr + new_size); /* given back: in the free part now */
        }
        b->size = new_size;
        m->gused = (size_t)(ptr + new_size - m->base);
        note_high(m);
    } else {
        if (what == R_PLAIN) {
            /* The resized block and every older one it took in are gone as
             * records: their first `kept` bytes are the new block's. */
            for (size_t i = m->nblocks; i > 0U; i--) {
                if (((int)(i - 1U) == top_rec) || (m->blocks[i - 1U].start < end)) {
                    forget_block(m, i - 1U);
                }
            }
        }
        EXPECT(bump_floor(&m->arena) == (void *)floor); /* the growable part untouched */
        b = expect_block(m, p, new_size, align, end);
        if (what == R_PLAIN) {
            b->born = top_born; /* the same block, resized */
            /* Marks taken since the block stand on it: they move with its
             * start (bump_resize). */
            move_after(m, top_born);
            zero_before_mark(m, b);
        }
    }
    for (size_t i = 0U; i < kept; i++) {
        if (((const unsigned char *)p)[i] != snap[i]) {
            fail("resize did not keep the block's bytes", __LINE__);
        }
    }
    (void)outside_seed;
    fill(b);
}

/* Keeps a held mark to replay later. */
static void pool_add(struct held h)
{
    if (nmarks < MAX_MARKS) {
        marks[nmarks++] = h;
    } else {
        marks[next_byte() % MAX_MARKS] = h;
    }
}

/* A mark of arena k taken now, with its history, kept in the pool. */
static struct held take_mark(int k)
{
    struct held h;
    h.mark = bump_mark(&models[k].arena);
    h.from = k;
    h.point = model_mark(&models[k], h.mark);
    pool_add(h);
    return h;
}

static void op_mark(int k)
{
    (void)take_mark(k);
}

/* Rewinds arena k to `mk`, which must be accepted exactly when `i` (a valid
 * point's index) is not -1, as a rewind to that point. Returns the result. */
static bool rewind_expect(int k, bump_mark_t mk, int i)
{
    struct model *m = &models[k];
    begin_call(m);
    bool r = bump_rewind(&m->arena, mk);
#ifdef FUZZ_TRACE
    (void)fprintf(stderr, "rewind arena %d to point %d of %zu: %s\n", k, i, m->npoints, r ? "true" : "false");
#endif
    EXPECT(r == (i >= 0));
    if (i < 0) {
        m->refused_rewinds++;
        expect_failure(m, 0U, 0U, false);
        return r;
    }
    EXPECT(hook_calls == 0U);
    model_rewind_to(m, (size_t)i);
    EXPECT(bump_used(&m->arena) == model_used(m));
    return r;
}

/* Rewinds arena k to a held mark: by its history. */
static bool rewind_checked(int k, struct held h)
{
    return rewind_expect(k, h.mark, history_point(k, &h));
}

/* Rewinds arena k to a value made or edited by hand: refused unless it
 * equals a valid mark in full, and then that mark. */
static bool rewind_edited(int k, bump_mark_t mk)
{
    return rewind_expect(k, mk, find_point(&models[k], mk));
}

/* A held mark from the pool, preferring one taken from `from` (any when
 * -1); false when the pool is empty. */
static bool pool_pick(int from, struct held *out)
{
    if (nmarks == 0U) {
        return false;
    }
    size_t start = next_byte() % nmarks;
    for (size_t n = 0U; n < nmarks; n++) {
        const struct held *r = &marks[(start + n) % nmarks];
        if ((from < 0) || (r->from == from)) {
            *out = *r;
            return true;
        }
    }
    *out = marks[start];
    return true;
}

/* How op_rewind picks its mark: 0 forged, 1 a real one with its arena
 * swapped, 2-3 any kept (valid, stale or foreign), 4 one edited by hand,
 * 5 one of the other arena (or of the child), 6 made by hand from what the
 * arena shows, 7 the newest kept one of this arena. Kept marks are judged by
 * their history, the others by their value. */
static void op_rewind(int k, int forced)
{
    static bump_t stranger;
    struct model *m = &models[k];
    bump_mark_t mk;
    struct held h;
    switch ((forced >= 0) ? (unsigned)forced : (unsigned)(next_byte() % 8U)) {
    case 0: /* forged: any address, this arena */
        mk.arena = &m->arena;
        mk.lifetime = (next_byte() & 1U) ? 0U : (uint64_t)next_u16();
        switch (next_byte() % 5U) {
        case 0: mk.serial = 0U; break;
        case 1: mk.serial = 1U; break;
        case 2: mk.serial = UINT64_MAX; break;
        case 3: mk.serial = (uint64_t)1U << 32; break;
        default: mk.serial = next_u16(); break;
        }
        mk.depth = next_byte() % (BUMP_MARK_DEPTH + 2U);
        break;
    case 1: /* a real mark with its arena swapped: foreign */
        if (!pool_pick(-1, &h)) {
            return;
        }
        mk = h.mark;
        mk.arena = &models[1 - k].arena;
        break;
    case 4: { /* edited by hand: one member changed */
        if (!pool_pick(k, &h)) {
            return;
        }
        mk = h.mark;
        struct held o = h;
        switch (next_byte() % 9U) {
        case 0: mk.serial += 1U; break;
        case 1: mk.serial -= 1U; break;
        case 2: mk.lifetime -= 1U; break;
        case 3: mk.lifetime += (uint64_t)1U << (next_byte() % 40U); break;
        case 4: mk.depth += 1U; break;
        case 5: mk.depth -= 1U; break;
        case 6: mk.depth = (next_byte() & 1U) ? SIZE_MAX : BUMP_MARK_DEPTH; break;
        case 7: mk.arena = (next_byte() & 1U) ? NULL : &stranger; break;
        default: /* members of two marks mixed */
            (void)pool_pick(-1, &o);
            if (next_byte() & 1U) {
                mk.serial = o.mark.serial;
                mk.lifetime = o.mark.lifetime;
            } else {
                mk.depth = o.mark.depth;
            }
            break;
        }
        break;
    }
    case 5: /* a mark of the other arena: taken now, or kept */
        if ((next_byte() & 1U) && models[1 - k].valid) {
            h = take_mark(1 - k);
        } else if (!pool_pick(1 - k, &h)) {
            return;
        }
        (void)rewind_checked(k, h);
        return;
    case 6: /* made by hand from what the arena shows */
        mk = take_mark(k).mark; /* its arena and lifetime, from a real mark */
        mk.serial = next_byte() % 4U;
        mk.depth = next_byte() % (BUMP_MARK_DEPTH + 1U);
        break;
    case 7: /* the newest kept mark of this arena */
        if (nmarks == 0U) {
            return;
        }
        h = marks[nmarks - 1U];
        for (size_t n = nmarks; n > 0U; n--) {
            if (marks[n - 1U].from == k) {
                h = marks[n - 1U];
                break;
            }
        }
        (void)rewind_checked(k, h);
        return;
    default: /* a kept mark, good, stale or foreign */
        if (!pool_pick(-1, &h)) {
            return;
        }
        (void)rewind_checked(k, h);
        return;
    }
    (void)rewind_edited(k, mk);
}

/* A scope's end: bump_scope_end rewound to the scope's mark, which its
 * history says is valid or not. Valid: everything allocated in the scope is
 * released and nothing else (a block taken before it keeps what it grew or
 * shrank in place: bump_used is the mark's). Stale: nothing changed but the
 * count of refused rewinds (`before` holds the arena as the scope ended). */
static void scope_ended(int k, const struct held *h)
{
    struct model *m = &models[k];
    int i = history_point(k, h);
#ifdef FUZZ_TRACE
    (void)fprintf(stderr, "scope of arena %d ends: point %d of %zu\n", k, i, m->npoints);
#endif
    if (i >= 0) {
        model_rewind_to(m, (size_t)i);
    } else {
        m->refused_rewinds++;
        EXPECT(arena_same(&before, &m->arena));
    }
}

/* Everything allocated inside a BUMP_SCOPE is released when it ends. */
static void op_scope(int k)
{
    struct model *m = &models[k];
    struct held h;
    {
        BUMP_SCOPE(scope, &m->arena);
        h.mark = scope.mark;
        h.from = k;
        h.point = model_mark(m, scope.mark);
        pool_add(h);
        unsigned n = 1U + next_byte() % 3U;
        for (unsigned i = 0U; i < n; i++) {
            op_alloc(m, pick_kind());
            check_model(m);
        }
        begin_call(m);
    }
    scope_ended(k, &h);
}

/* A small block, for the mark sequences below. */
static void small_alloc(struct model *m)
{
    uint8_t b = next_byte();
    op_alloc_sized(m, K_ALLOC, (size_t)(b % 24U), (size_t)1U << ((b >> 5) % 4U));
}

/* More than BUMP_MARK_DEPTH nested marks, a block after each, then rewinds
 * outward, straight to the outermost, or to one in the middle. */
static void op_nest(int k)
{
    struct model *m = &models[k];
    struct held nest[BUMP_MARK_DEPTH + 4U];
    size_t n = BUMP_MARK_DEPTH + 1U + next_byte() % 4U;
    for (size_t i = 0U; i < n; i++) {
        nest[i] = take_mark(k);
        small_alloc(m);
        check_model(m);
    }
    switch (next_byte() % 4U) {
    case 1: /* outward, one by one */
        for (size_t i = n; i > 0U; i--) {
            (void)rewind_checked(k, nest[i - 1U]);
            check_model(m);
        }
        break;
    case 2: /* straight out, then the inner ones (stale), then out again */
        (void)rewind_checked(k, nest[0]);
        for (size_t i = 1U; i < n; i++) {
            (void)rewind_checked(k, nest[i]);
        }
        (void)rewind_checked(k, nest[0]);
        break;
    case 3: { /* to one in the middle, grow again, the innermost, the middle again */
        size_t j = next_byte() % n;
        (void)rewind_checked(k, nest[j]);
        small_alloc(m);
        small_alloc(m);
        (void)rewind_checked(k, nest[n - 1U]);
        (void)rewind_checked(k, nest[j]);
        break;
    }
    default:
        break;
    }
}

/* One mark serving a loop: allocate, rewind to it, again and again. */
static void op_loop(int k)
{
    struct model *m = &models[k];
    struct held mk = take_mark(k);
    unsigned turns = 2U + next_byte() % 4U;
    for (unsigned t = 0U; t < turns; t++) {
        op_alloc(m, pick_kind());
        if (next_byte() % 4U == 0U) {
            op_mark(k); /* an inner mark, stale after the rewind */
            small_alloc(m);
        }
        check_model(m);
        (void)rewind_checked(k, mk);
        check_model(m);
        if (next_byte() & 1U) {
            op_mark(k); /* standing at mk: mk again */
        }
    }
}

/* Zero-sized blocks between marks, and the newest one resized in place. */
static void op_zero(int k)
{
    struct model *m = &models[k];
    static const size_t aligns[4] = {1U, 1U, 16U, 64U};
    uint8_t b = next_byte();
    if (b & 1U) {
        op_mark(k);
    }
    op_alloc_sized(m, K_ALLOC, 0U, aligns[(b >> 1) % 4U]);
    if (b & 8U) {
        op_mark(k);
    }
    if (b & 16U) {
        op_alloc_sized(m, K_ALLOC, 0U, aligns[(b >> 5) % 4U]);
    }
    check_model(m);
    if (b & 128U) {
        op_resize(m, 1);
    }
}

/* Mark, block, mark, that block resized in place, rewinds to both marks. */
static void op_between(int k)
{
    struct model *m = &models[k];
    struct held outer = take_mark(k);
    small_alloc(m);
    struct held inner = take_mark(k);
    check_model(m);
    op_resize(m, (next_byte() & 1U) ? 1 : 7);
    check_model(m);
    (void)rewind_checked(k, inner);
    (void)rewind_checked(k, outer);
}

/* A mark left stale (reset, re-init, rewind to an older mark, or an
 * in-place resize of the block allocated just before it), then the arena
 * regrown past it, then a rewind to it. */
static void op_regrow(int k)
{
    struct model *m = &models[k];
    uint8_t cause = next_byte() % 4U;
    struct held outer = take_mark(k);
    small_alloc(m);
    struct held inner = take_mark(k);
    if (cause != 3U) {
        small_alloc(m);
    }
    check_model(m);
    switch (cause) {
    case 0:
        bump_reset(&m->arena);
        model_reset(m);
        break;
    case 1:
        init_region(m, (k == 0) ? region : other_region, (k == 0) ? REGION_SIZE : OTHER_SIZE);
        if (k == 0) {
            models[1].valid = models[1].valid && !((models[1].base >= (uintptr_t)region) &&
                                                   (models[1].limit <= (uintptr_t)(region + REGION_SIZE)));
        }
        bump_set_oom_hook(&m->arena, (hook_mode != 0) ? hook : NULL);
        break;
    case 2:
        (void)rewind_checked(k, outer);
        break;
    default:
        op_resize(m, 1);
        break;
    }
    check_model(m);
    unsigned n = 1U + next_byte() % 6U;
    for (unsigned i = 0U; i < n; i++) {
        small_alloc(m);
    }
    check_model(m);
    (void)rewind_checked(k, inner);
}

/* bump_init refusing a live arena: nothing changes, its marks stay valid. */
static void op_init_fail(int k)
{
    struct model *m = &models[k];
    void *mem;
    size_t size;
    switch (next_byte() % 3U) {
    case 0: mem = NULL; size = 1U + next_byte(); break;
    case 1: mem = (void *)(UINTPTR_MAX - 15U); size = 16U + next_byte(); break;
    default: mem = region; size = (size_t)PTRDIFF_MAX + 1U; break;
    }
    begin_call(m);
    EXPECT(!bump_init(&m->arena, mem, size));
    EXPECT(arena_same(&before, &m->arena));
}

/* bump_trim(below, above) on model m, checked. */
static void trim_checked(struct model *m, size_t below, size_t above)
{
    bool ok = (model_used(m) == 0U) && (below <= model_capacity(m)) && (above <= model_capacity(m) - below);
    begin_call(m);
    bool r = bump_trim(&m->arena, below, above);
    EXPECT(r == ok);
    if (!r) {
        EXPECT(arena_same(&before, &m->arena));
        return;
    }
    m->base += below;
    m->limit -= above;
    m->npoints = 0U;
    m->high = 0U;
    for (size_t i = m->nblocks; i > 0U; i--) {
        forget_block(m, i - 1U); /* zero-sized, at the old end */
    }
    /* No growable block is current: a zero-sized one at the start, all
     * that the empty arena may hold, is forgotten (check_model sees it). */
    forget_grows(m, 0U);
}

/* bump_trim: only an empty arena (bump_used 0), only what its capacity
 * holds; every mark stale and the high-water mark from 0 again. */
static void op_trim(int k)
{
    struct model *m = &models[k];
    uint8_t c = next_byte();
    size_t below = (c & 1U) ? next_byte() % 80U : 0U;
    size_t above = (c & 2U) ? next_byte() % 80U : 0U;
    if ((c & 12U) == 12U) {
        below = SIZE_MAX - (c >> 4);
    } else if ((c & 12U) == 8U) {
        above = model_capacity(m) - below + (c >> 7); /* exactly all of it, or one more */
    }
    trim_checked(m, below, above);
}

/* A growable block grown step by step among plain blocks and marks. */
static void op_grow_steps(int k)
{
    struct model *m = &models[k];
    uint8_t b = next_byte();
    op_grow_sized(m, (size_t)(b % 24U), (size_t)1U << ((b >> 5) % 4U));
    unsigned n = 2U + next_byte() % 8U;
    for (unsigned i = 0U; i < n; i++) {
        switch (next_byte() % 6U) {
        case 0: small_alloc(m); break;
        case 1: op_mark(k); break;
        case 2: op_rewind(k, 7); break;
        default: op_resize(m, 8); break;
        }
        check_model(m);
    }
}

/* Growable blocks inside and outside nested marks: G0, mark, plain, G1
 * grown, G0 resized (no longer current: a shrink returns it, a growth
 * copies), then a rewind to the mark (G0 current again) and G0 grown. */
static void op_grow_nest(int k)
{
    struct model *m = &models[k];
    uint8_t b = next_byte();
    if (b & 1U) {
        op_grow_sized(m, (size_t)(b % 40U), (size_t)1U << ((b >> 4) % 4U));
    }
    struct held outer = take_mark(k);
    small_alloc(m);
    if (b & 2U) {
        op_grow_sized(m, next_byte() % 32U, (size_t)1U << (next_byte() % 4U));
        op_resize(m, 8);
    }
    struct held inner = take_mark(k);
    op_grow_sized(m, next_byte() % 32U, (size_t)1U << (next_byte() % 4U));
    op_resize(m, 8);
    small_alloc(m);
    op_resize(m, 9);
    check_model(m);
    if (b & 4U) {
        (void)rewind_checked(k, inner);
        op_resize(m, 8);
        check_model(m);
    }
    (void)rewind_checked(k, (b & 8U) ? inner : outer);
    op_resize(m, 8);
    check_model(m);
    (void)rewind_checked(k, outer);
}

/* bump_init of arena k's bump_t again, on the region it was given last:
 * every mark of it goes stale, though the next ones stand where they did. */
static void reinit_same(int k)
{
    struct model *m = &models[k];
    EXPECT(bump_init(&m->arena, (void *)m->init_mem, m->init_size));
    model_init(m, m->init_mem, m->init_size);
    if ((k == 0) && (models[1].base >= m->init_mem) && (models[1].limit <= m->init_mem + m->init_size)) {
        models[1].valid = false; /* a child inside: its parent's memory was forgotten */
    }
    bump_set_oom_hook(&m->arena, (hook_mode != 0) ? hook : NULL); /* init sets none */
}

/* A frame loop as firmware writes it: each turn resets the arena, takes its
 * own mark and blocks, and meanwhile a mark kept by mistake from an earlier
 * turn (a callback, a static) is rewound to. After the first turn that mark
 * stands at the same depth and position as the turn's own, and its history
 * made it stale: refused, and the turn's blocks stay live (check_model reads
 * their contents after a block is taken over the released range). */
static void op_frame(int k)
{
    struct model *m = &models[k];
    unsigned turns = 1U + next_byte() % 8U;
    struct held leaked = take_mark(k);
    for (unsigned t = 0U; t < turns; t++) {
        uint8_t c = next_byte();
        bump_reset(&m->arena);
        model_reset(m);
        struct held mine = take_mark(k);
        small_alloc(m);
        (void)rewind_checked(k, leaked);
        small_alloc(m);
        check_model(m);
        if (c & 1U) {
            leaked = mine; /* this turn's mark is kept by mistake too */
        } else if (c & 2U) {
            leaked = take_mark(k); /* an inner mark kept by mistake */
            small_alloc(m);
        }
        if (c & 4U) {
            (void)rewind_checked(k, mine); /* the turn's own scope ends */
        }
        check_model(m);
    }
}

/* A stale mark where a valid one now stands at the same depth and position:
 * an outer mark, a block, an inner mark, a block; then what makes them stale
 * (0 a reset, 1 bump_init of the same bump_t on the same region, 2 bump_trim
 * of nothing, 3 a rewind to the outer mark: only the inner one goes stale);
 * then the same steps again from the same state, which take new marks
 * exactly where the stale ones stood, and a block under the new inner one.
 * The stale marks are rewound to first (refused, whatever their members),
 * then the new ones. */
static void op_same_point(int k)
{
    struct model *m = &models[k];
    uint8_t cause = next_byte() % 4U;
    uint8_t b = next_byte();
    size_t size = (size_t)(b % 24U);
    size_t align = (size_t)1U << ((b >> 5) % 4U);
    if (cause != 3U) {
        bump_reset(&m->arena); /* from an empty arena, the state the cause leaves */
        model_reset(m);
    }
    struct held outer = take_mark(k);
    op_alloc_sized(m, K_ALLOC, size, align);
    struct held inner = take_mark(k);
    small_alloc(m);
    check_model(m);
    switch (cause) {
    case 0:
        bump_reset(&m->arena);
        model_reset(m);
        break;
    case 1: reinit_same(k); break;
    case 2:
        (void)rewind_checked(k, outer); /* empty again, so the trim is allowed */
        trim_checked(m, 0U, 0U);
        break;
    default: (void)rewind_checked(k, outer); break;
    }
    check_model(m);
    struct held outer2 = take_mark(k);
    op_alloc_sized(m, K_ALLOC, size, align);
    struct held inner2 = take_mark(k);
    small_alloc(m);
    check_model(m);
    (void)rewind_checked(k, inner);
    check_model(m);
    (void)rewind_checked(k, inner2);
    (void)rewind_checked(k, outer);
    check_model(m);
    (void)rewind_checked(k, outer2);
}

/* A BUMP_SCOPE around what can make its mark stale or move it. Before it,
 * maybe a plain block (the newest one until the scope takes its own) and a
 * growable block; inside it, steps chosen by the input: blocks, a resize in
 * place of the newest plain block or of the current growable block (taken
 * before the scope, the common case of a string grown on every turn), an
 * inner mark, or a reset after which the subsystem restarts with its own mark
 * and block. At its end the scope's mark is judged by its history: valid, it
 * releases what was allocated in the scope and nothing else (a block taken
 * before it keeps what it grew: the model's point moved with it, so bump_used
 * is checked exact and nothing leaks); stale, nothing is released, the
 * restarted subsystem's blocks stay live, and the refusal is counted. */
static void op_scope_steps(int k)
{
    struct model *m = &models[k];
    uint8_t b = next_byte();
    if (b & 1U) {
        small_alloc(m);
    }
    if (b & 2U) {
        uint8_t g = next_byte();
        op_grow_sized(m, (size_t)(g % 24U), (size_t)1U << ((g >> 5) % 4U));
    }
    check_model(m);
    unsigned n = 1U + (b >> 2) % 4U;
    struct held h;
    {
        BUMP_SCOPE(scope, &m->arena);
        h.mark = scope.mark;
        h.from = k;
        h.point = model_mark(m, scope.mark);
        pool_add(h);
        for (unsigned i = 0U; i < n; i++) {
            switch (next_byte() % 8U) {
            case 0: op_alloc(m, pick_kind()); break;
            case 1: small_alloc(m); break;
            case 2: /* the subsystem restarts: a reset, its own mark and block */
                bump_reset(&m->arena);
                model_reset(m);
                (void)take_mark(k);
                small_alloc(m);
                break;
            case 3: case 4: op_resize(m, 11); break;
            case 5: case 6: op_resize(m, 8); break;
            default: /* an inner mark and a block */
                (void)take_mark(k);
                small_alloc(m);
                break;
            }
            check_model(m);
        }
        begin_call(m);
    }
    scope_ended(k, &h);
}

/* --- driver ------------------------------------------------------------- */

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    in_data = data;
    in_left = size;
    nmarks = 0U;
    nstale = 0U;
    now = 0U;
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
        unsigned code = op & 0x7FU;
        if ((code >= 100U) && (code < 110U)) { /* growable blocks */
            uint8_t b;
            switch (code - 100U) {
            case 0: case 1: op_alloc(m, K_GROW); break;
            case 2:
                b = next_byte();
                op_grow_sized(m, (size_t)(b % 24U), (size_t)1U << ((b >> 5) % 4U));
                break;
            case 3: case 4: op_resize(m, 8); break;
            case 5: op_resize(m, 9); break;
            case 6: op_resize(m, 10); break;
            case 7: op_trim(k); break;
            case 8: op_grow_steps(k); break;
            default: op_grow_nest(k); break;
            }
            code = 120U; /* done: no second operation below */
        } else if ((code >= 110U) && (code < 113U)) { /* stale marks where valid ones stand */
            switch (code - 110U) {
            case 0: op_frame(k); break;
            case 1: op_same_point(k); break;
            default: op_scope_steps(k); break;
            }
            code = 120U; /* done: no second operation below */
        } else if (code >= 120U) { /* the mark sequences */
            switch (code - 120U) {
            case 0: op_nest(k); break;
            case 1: op_loop(k); break;
            case 2: op_zero(k); break;
            case 3: op_between(k); break;
            case 4: op_resize(m, 7); break; /* taking in older blocks */
            case 5: op_regrow(k); break;
            case 6: op_init_fail(k); break;
            default: op_rewind(k, 4); break; /* edited by hand */
            }
        }
        switch ((code >= 120U) ? 20U : (code % 20U)) {
        case 0: case 1: case 2: op_alloc(m, K_ALLOC); break;
        case 3: op_alloc(m, K_SLOW); break;
        case 4: op_alloc(m, K_ATOMIC); break;
        case 5: op_alloc(m, K_ZALLOC); break;
        case 6: op_array(m, false); break;
        case 7: op_array(m, true); break;
        case 8: op_typed(m); break;
        case 9: case 10: op_resize(m, -1); break;
        case 11: op_mark(k); break;
        case 12: case 13: op_rewind(k, -1); break;
        case 14:
            bump_reset(&m->arena);
            model_reset(m);
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
        case 19: op_child(); break;
        default: break; /* a mark sequence, done above */
        }
#ifdef FUZZ_TRACE
        (void)fprintf(stderr, "op %u arena %d: used %zu/%zu top %#lx, %zu blocks, child %d valid %d\n", code,
                      k, models[k].used, model_capacity(&models[k]), (unsigned long)model_top(&models[k]),
                      models[k].nblocks, models[1].base >= (uintptr_t)region && models[1].base < (uintptr_t)region + REGION_SIZE,
                      models[1].valid);
#endif
        check_model(&models[0]);
        check_model(&models[1]);
    }
    return 0;
}
