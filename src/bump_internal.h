/* SPDX-License-Identifier: MIT */
/*
 * Shared by src/bump.c and src/bump_atomic.c, never by users: the block
 * placement rule, the out-of-memory hand-off, and the poisoning of released
 * memory (see bump.h). The invariants every function keeps:
 *   BUMP_ADDRESS_FLOOR <= start <= floor <= top <= limit, where floor is
 *   0 - floor_neg (bump_floor_addr), except in a zero-initialised bump_t,
 *   whose every field is 0 (an empty arena: see bump_clears_floor);
 *   [top, limit) holds plain blocks, [start, floor) growable ones,
 *   [floor, top) is free; grow is 0 or start <= grow <= floor;
 *   peak <= limit - start, and bump_used <= peak after every release;
 *   grow_depth <= marks <= BUMP_MARK_DEPTH;
 *   limit >= mark_top[0] >= mark_top[1] >= ... >= mark_top[marks - 1] >= top
 *   (two marks stand at one position only when a growable block was taken
 *   between them), and mark_grow_depth[d] <= d.
 */
#ifndef BUMP_INTERNAL_H
#define BUMP_INTERNAL_H

#include "bump.h"

/*
 * Poisoning of released memory. Only the instrumented host builds include
 * anything beyond the freestanding headers.
 */
#if defined(BUMP_ASAN)
#include <sanitizer/asan_interface.h>
#elif defined(BUMP_VALGRIND)
#include <valgrind/memcheck.h>
#endif

/* Addresses and sizes are converted both ways without loss. */
_Static_assert(sizeof(uintptr_t) == sizeof(size_t), "bump needs size_t and uintptr_t of one width");

#if defined(BUMP_ASAN)
#define BUMP_POISON(addr, n) ASAN_POISON_MEMORY_REGION((const void *)(addr), (n))
#define BUMP_UNPOISON(addr, n) ASAN_UNPOISON_MEMORY_REGION((const void *)(addr), (n))
#elif defined(BUMP_VALGRIND)
#define BUMP_POISON(addr, n) (void)VALGRIND_MAKE_MEM_NOACCESS((addr), (n))
#define BUMP_UNPOISON(addr, n) (void)VALGRIND_MAKE_MEM_UNDEFINED((addr), (n))
#elif defined(BUMP_POISON_FILL)
#define BUMP_POISON(addr, n) (void)BUMP_MEMSET((void *)(addr), (BUMP_POISON_FILL), (n))
#else
#define BUMP_POISON(addr, n) ((void)0)
#endif

#if defined(BUMP_ASAN)
/*
 * ASan's shadow has one byte per 8-byte granule, and that byte can only say
 * "the first k bytes are addressable" (0: all 8; 1..7; negative: none). 8 is
 * the shadow scale of every GCC and Clang build (a build with another
 * -asan-mapping-scale is not supported). ASan's own calls keep to that:
 * poisoning [a, b) poisons the granule of b only when its bytes from b on
 * are poisoned already, and never poisons a byte outside [a, b); unpoisoning
 * [a, b) makes the whole granule of a addressable and only adds to what is
 * addressable. So the arena keeps one invariant, that every byte of every
 * live block is addressable, as long as (1) no release poisons a live byte,
 * which holds because [top, new_top) holds none and ASan spares the granule
 * of new_top when bytes above it are live, and (2) each new block is wholly
 * unpoisoned, stale poison from an earlier arena on the same memory
 * included. Item (2) used to rely on __asan_region_is_poisoned(p, n), which
 * tests only the first byte of the first granule: a block starting at byte 3
 * of a granule an earlier arena had left "07" came out with byte 7 poisoned.
 *
 * Stale poison is found through a record instead of by reading shadow: every
 * range an arena poisons is added to one record for the whole program, and a
 * new block unpoisons exactly its intersection with the record, then drops
 * it from the record. Memory no arena ever poisoned (a fresh 64 GiB
 * mapping) costs no shadow access at all, and a block in memory an arena did
 * poison costs what the poisoning cost. The part of a plain block that lies
 * within the arena's peak use from its end (limit - peak, rounded down to its
 * granule) is unpoisoned directly, without the record: memory the arena used
 * before, so its shadow costs what its use cost. The record holds BUMP_ASAN_RANGES disjoint
 * ranges (ranges that touch merge, so that is the number of separate pieces
 * of memory arenas have poisoned); when it is full the two closest are
 * merged, and a fresh block later unpoisons the gap between them too (shadow
 * the arenas never wrote: a cost, never a missed report). One spin lock
 * guards the record and every shadow write the arena makes: arenas in
 * different threads release and allocate at the same time, bump_alloc_atomic
 * unpoisons outside any other lock, and two blocks that share a granule would
 * otherwise update its shadow byte in a race. Memory poisoned by anything
 * but an arena (the program's own ASAN_POISON_MEMORY_REGION) is not in the
 * record: unpoison it before giving it to bump_init.
 */
#define BUMP_ASAN_GRANULE ((uintptr_t)8)
#define BUMP_ASAN_RANGES 64U

struct bump_asan_record {
    unsigned char lock;                   /* taken with __atomic_test_and_set */
    size_t count;                         /* ranges in use */
    uintptr_t lo[BUMP_ASAN_RANGES + 1U]; /* [lo[i], hi[i]), ascending; one spare */
    uintptr_t hi[BUMP_ASAN_RANGES + 1U]; /* hi[i] < lo[i + 1]: none touch */
};
/* Weak: src/bump.c and src/bump_atomic.c both include this header and must
 * share one record. ASan builds are GCC or Clang, which have the attribute. */
extern struct bump_asan_record bump_asan_poisoned;
__attribute__((weak)) struct bump_asan_record bump_asan_poisoned;

static inline void bump_asan_lock(void)
{
    bool taken;
    do {
        taken = __atomic_test_and_set(&bump_asan_poisoned.lock, __ATOMIC_ACQUIRE);
    } while (taken);
}

static inline void bump_asan_unlock(void)
{
    __atomic_clear(&bump_asan_poisoned.lock, __ATOMIC_RELEASE);
}

/* Ranges i .. count - 1 move to start at `to`. */
static inline void bump_asan_shift(size_t i, size_t to)
{
    struct bump_asan_record *r = &bump_asan_poisoned;
    (void)BUMP_MEMMOVE(&r->lo[to], &r->lo[i], (r->count - i) * sizeof r->lo[0]);
    (void)BUMP_MEMMOVE(&r->hi[to], &r->hi[i], (r->count - i) * sizeof r->hi[0]);
    r->count = r->count - i + to;
}

/* Adds [from, to) to the record (lock held). */
static inline void bump_asan_record_add(uintptr_t from, uintptr_t to)
{
    struct bump_asan_record *r = &bump_asan_poisoned;
    uintptr_t lo = from;
    uintptr_t hi = to;
    size_t i = 0U;
    while ((i < r->count) && (r->hi[i] < lo)) {
        i++;
    }
    size_t j = i; /* ranges i .. j - 1 overlap or touch [lo, hi]: merged into one */
    while ((j < r->count) && (r->lo[j] <= hi)) {
        lo = (r->lo[j] < lo) ? r->lo[j] : lo;
        hi = (r->hi[j] > hi) ? r->hi[j] : hi;
        j++;
    }
    if (j == i) {
        bump_asan_shift(i, i + 1U);
    } else if (j > (i + 1U)) {
        bump_asan_shift(j, i + 1U);
    } else {
        /* exactly one range overlapped: it is replaced in place */
    }
    r->lo[i] = lo;
    r->hi[i] = hi;
    if (r->count > BUMP_ASAN_RANGES) {
        size_t best = 0U; /* full: merge the two neighbours with the smallest gap */
        for (size_t k = 1U; (k + 1U) < r->count; k++) {
            if ((r->lo[k + 1U] - r->hi[k]) < (r->lo[best + 1U] - r->hi[best])) {
                best = k;
            }
        }
        r->hi[best] = r->hi[best + 1U];
        bump_asan_shift(best + 2U, best + 1U);
    }
}

/* Unpoisons what the record holds of [lo, hi) and drops it from the record
 * (lock held). A range that [lo, hi) cuts in two stays whole when the record
 * is full: it then lists memory no longer poisoned, which only costs time. */
static inline void bump_asan_unpoison_recorded(uintptr_t lo, uintptr_t hi)
{
    struct bump_asan_record *r = &bump_asan_poisoned;
    size_t i = 0U;
    while ((i < r->count) && (r->hi[i] <= lo)) {
        i++;
    }
    while ((i < r->count) && (r->lo[i] < hi)) {
        uintptr_t a = (r->lo[i] > lo) ? r->lo[i] : lo;
        uintptr_t b = (r->hi[i] < hi) ? r->hi[i] : hi;
        BUMP_UNPOISON(a, b - a);
        if ((r->lo[i] >= lo) && (r->hi[i] <= hi)) {
            bump_asan_shift(i + 1U, i); /* wholly unpoisoned */
        } else if ((r->lo[i] < lo) && (r->hi[i] > hi)) {
            if (r->count < BUMP_ASAN_RANGES) {
                bump_asan_shift(i + 1U, i + 2U);
                r->lo[i + 1U] = hi;
                r->hi[i + 1U] = r->hi[i];
                r->hi[i] = lo;
            }
            i = r->count; /* nothing further lies below hi */
        } else if (r->lo[i] < lo) {
            r->hi[i] = lo;
            i++;
        } else {
            r->lo[i] = hi;
            i++;
        }
    }
}
#endif

/*
 * Makes a new block [p, p + size) usable. Under ASan see above; it may
 * leave the bytes below p in p's granule addressable (they are free: a few
 * released bytes may go unreported), never a live byte poisoned. Under
 * valgrind the whole block becomes accessible and undefined, as its contract
 * says its contents are (cheap at any size there). May run in several
 * threads at once for one arena (bump_alloc_atomic): it only reads the arena.
 */
static inline void bump_unpoison_block(const bump_t *arena, uintptr_t p, size_t size)
{
#if defined(BUMP_ASAN)
    if (size > 0U) {
        uintptr_t end = p + size;
        uintptr_t low = (arena->limit - arena->peak) & ~(BUMP_ASAN_GRANULE - 1U);
        uintptr_t split = (low < p) ? p : ((low > end) ? end : low); /* used before at or above */
        bump_asan_lock();
        if (end > split) {
            BUMP_UNPOISON(split, end - split);
        }
        if (split > p) {
            bump_asan_unpoison_recorded(p, split); /* fresh to this arena */
        }
        bump_asan_unlock();
    }
#elif defined(BUMP_UNPOISON)
    (void)arena;
    BUMP_UNPOISON(p, size);
#else
    (void)arena;
    (void)p;
    (void)size;
#endif
}

/*
 * Makes the padding between live blocks in [p, p + size) addressable, for a
 * resize whose old_size takes in padding or older blocks (see bump_resize),
 * in place or by copy: the block is all of that range now, and its move or
 * copy must not trip ASan. Live bytes
 * are addressable already, so unpoisoning the range changes only the padding.
 * Under valgrind the padding stays inaccessible (making it accessible would
 * need each byte's state kept), so such a resize is reported there.
 */
static inline void bump_unpoison_taken_in(uintptr_t p, size_t size)
{
#if defined(BUMP_ASAN)
    bump_asan_lock();
    BUMP_UNPOISON(p, size);
    bump_asan_unlock();
#else
    (void)p;
    (void)size;
#endif
}

/*
 * Poisons [from, to), memory the arena has just released (from is its top,
 * or the floor it moves down to).
 * Under ASan from is first rounded down to its granule, but not below the floor
 * (below it lie live growable blocks): the bytes below top are free, so a
 * granule that lies wholly below the new top is poisoned whole, even when it
 * was released in two steps (a block
 * sharing a granule with the live block above it is left addressable when
 * released, as that block's bytes must stay so; releasing that block then
 * poisons both). The granule of `to` is left to ASan, which spares it when
 * bytes above `to` are live, and the range is added to the record.
 */
static inline void bump_poison_released(const bump_t *arena, uintptr_t from, uintptr_t to)
{
#if defined(BUMP_ASAN)
    if (to > from) {
        uintptr_t lo = from & ~(BUMP_ASAN_GRANULE - 1U);
        uintptr_t floor = bump_floor_addr(arena);
        lo = (lo < floor) ? floor : lo;
        bump_asan_lock();
        BUMP_POISON(lo, to - lo);
        bump_asan_record_add(lo, to);
        bump_asan_unlock();
    }
#else
    (void)arena;
    BUMP_POISON(from, to - from);
    (void)from;
    (void)to;
#endif
}

/*
 * Poisons [from, to), growable memory the arena has just released (from is
 * the new floor, already stored). Under ASan the range is first
 * extended to the end of to's granule, but not past top: those bytes are
 * free, and ASan would otherwise spare the granule (it poisons the granule of
 * the range's end only when the bytes after it are poisoned already), which
 * would leave up to 7 released bytes unreported. The bytes below from in its
 * granule are live and stay addressable.
 */
static inline void bump_poison_floor_released(const bump_t *arena, uintptr_t from, uintptr_t to)
{
#if defined(BUMP_ASAN)
    uintptr_t rest = to & (BUMP_ASAN_GRANULE - 1U);
    uintptr_t up = (rest == 0U) ? 0U : (BUMP_ASAN_GRANULE - rest);
    bump_poison_released(arena, from, ((arena->top - to) < up) ? arena->top : (to + up));
#else
    bump_poison_released(arena, from, to);
#endif
}

/* Where a block of `size` bytes aligned to `align` would start if the free
 * part ended at `top`, or 0 when it does not fit or `align` is not a power of
 * two (a block never starts at 0: the floor is at least BUMP_ADDRESS_FLOOR). `top` comes
 * last so callers pass their own arguments straight through. The size is
 * checked before it is subtracted, so nothing wraps; rounding down keeps p at
 * or below top - size, so p >= the floor is then the only bound left. */
static inline uintptr_t bump_place(const bump_t *arena, size_t size, size_t align, uintptr_t top)
{
    if (((align & bump_align_low_bits(align)) != 0U) || (size > top)) {
        return 0U;
    }
    /* ~(align - 1) keeps the bits above the alignment; align 0 gives the
     * mask 0 and p == 0, which fails below. */
    uintptr_t p = (top - size) & ~bump_align_low_bits(align);
    return bump_clears_floor(p, arena->floor_neg) ? p : 0U;
}

/* Sets the floor (stored negated: see bump_arena). */
static inline void bump_set_floor(bump_t *arena, uintptr_t floor)
{
    arena->floor_neg = 0U - floor; /* modulo 2^W, by design */
}

/* Counts a failed request in the arena's failure record (failure paths
 * only). The count saturates rather than wrap. */
static inline void bump_record_failure(bump_t *arena, size_t size, size_t align)
{
    if (arena->failures != SIZE_MAX) {
        arena->failures++;
    }
    arena->last_failed_size = size;
    arena->last_failed_align = align;
}

#endif /* BUMP_INTERNAL_H */
