/*
 * The arena's out-of-line paths: everything bump.h does not inline, except
 * bump_alloc_atomic (src/bump_atomic.c). The invariants are listed in
 * bump_internal.h.
 */
#include "bump_internal.h"

/*
 * How marks stay exact. A rewind to a mark at position T is safe exactly when
 * nothing has been released at or above T since the mark was taken: then
 * every block allocated since lies below T and every block allocated before
 * lies at or above it. Position alone cannot tell (after a reset the arena
 * may regrow through T), so the arena records its valid marks: mark_top[d]
 * is the position of the valid mark at depth d, and marks counts them. The
 * recorded positions fall strictly from the outermost mark inward, and all
 * stand at or above top. Each event that could make a mark unsafe removes it
 * from the record before it happens:
 *   - a rewind to depth d keeps depths 0..d and drops the deeper ones (their
 *     positions lie below the new top);
 *   - a reset, an init or a trim drops them all;
 *   - a resize in place moves the start of the most recent block, which
 *     lies at top: it drops the mark recorded at top, the only one that can
 *     stand on the block (every other one lies above its end, which stays).
 * Allocation only lowers top and keeps every recorded mark safe. A mark is
 * accepted only when its depth is recorded and holds its very position, so
 * a stale mark can pass only as a value equal to a valid one, which releases
 * the same blocks; no counter can wrap and no bit pattern can be lucky. A mark
 * is recorded by bump_mark; when the arena stands at the newest recorded
 * position, that mark is returned again instead (a scope per loop turn costs
 * no depth).
 */

#if defined(BUMP_INSTRUMENTED)
/* Takes a block below top, or returns 0 without touching the arena; the new
 * block is unpoisoned. */
static uintptr_t take(bump_t *arena, size_t size, size_t align)
{
    uintptr_t p = bump_place(arena, size, align, arena->top);
    if (p != 0U) {
        bump_unpoison_block(arena, p, size);
        arena->top = p;
    }
    return p;
}
#endif

/* Moves top up to `new_top`, releasing [top, new_top). The high-water mark is
 * brought up to date here rather than on every allocation: until memory is
 * released, top itself is the lowest it has been. */
static void release_to(bump_t *arena, uintptr_t new_top)
{
    if (arena->top < arena->low) {
        arena->low = arena->top;
    }
    bump_poison_released(arena, arena->top, new_top);
    arena->top = new_top;
}

/*
 * The seal bump_postmortem checks: stored by bump_init from the bounds it gave
 * the region (bump_trim keeps it, so a trimmed arena still names its region).
 * For given bounds it is one value, so memory that was never an arena holds
 * the seal of the region asked about with a probability of 2^-W (W the
 * pointer width), however plausible its base and end; the complement keeps
 * zeroed RAM (a cold boot's, or QEMU's) from passing (its seal 0 would need
 * base ^ limit to be all ones, and its base 0 fails the bounds check anyway),
 * and costs one instruction where a constant costs a literal load.
 */
static uintptr_t seal_of(uintptr_t base, uintptr_t limit)
{
    return ~(base ^ limit);
}

/* The bounds bump_init gives `size` bytes at `mem`, or false when it refuses
 * them. Bytes below the floor are trimmed; a region wholly below it becomes
 * an empty one at the floor. */
static bool region_bounds(const void *mem, size_t size, uintptr_t *base, uintptr_t *limit)
{
    uintptr_t start = (uintptr_t)mem;
    uintptr_t end;
    /* The end, start + size, must be an address: the addition must not carry. */
#if defined(__GNUC__)
    bool wraps = __builtin_add_overflow(start, size, &end);
#else
    bool wraps = size > (UINTPTR_MAX - start);
    end = start + size; /* unsigned, so defined; used only when it does not wrap */
#endif
    if (wraps || (size > (size_t)PTRDIFF_MAX) || ((mem == NULL) && (size > 0U))) {
        return false;
    }
    if (start < BUMP_ADDRESS_FLOOR) {
        start = BUMP_ADDRESS_FLOOR;
    }
    *base = start;
    *limit = (end < start) ? start : end;
    return true;
}

bool bump_init(bump_t *arena, void *mem, size_t size)
{
    uintptr_t start;
    uintptr_t end;
    if ((arena == NULL) || !region_bounds(mem, size, &start, &end)) {
        return false;
    }
    arena->base = start;
    arena->top = end;
    arena->limit = end;
    arena->low = end;
    arena->oom_hook = NULL;
    arena->marks = 0U;
    arena->failures = 0U;
    arena->last_failed_size = 0U;
    arena->last_failed_align = 0U;
    arena->seal = seal_of(start, end);
    return true;
}

bool bump_trim(bump_t *arena, size_t below, size_t above)
{
    size_t capacity = arena->limit - arena->base;
    if ((arena->top != arena->limit) || (below > capacity) || (above > (capacity - below))) {
        return false;
    }
    arena->base += below;
    arena->limit -= above;
    arena->top = arena->limit;
    arena->low = arena->limit;
    arena->marks = 0U;
    return true;
}

/* Every refused allocation or resize ends here: the failure record, the
 * out-of-memory hook, if any, then NULL. */
void *bump_alloc_failed(bump_t *arena, size_t size, size_t align)
{
    bump_record_failure(arena, size, align);
    if (arena->oom_hook != NULL) {
        arena->oom_hook(arena, size, align);
    }
    return NULL;
}

void *bump_alloc_refused(bump_t *arena, uintptr_t below, size_t align)
{
    size_t size;
#if defined(__GNUC__)
    (void)__builtin_sub_overflow(arena->top, below, &size); /* modulo 2^W, as documented */
#else
    size = arena->top - below;
#endif
    return bump_alloc_failed(arena, size, align);
}

/* Without poisoning, the general inline path is the whole of it: its
 * refusals go to bump_alloc_refused. */
void *bump_alloc_slow(bump_t *arena, size_t size, size_t align)
{
#if defined(BUMP_INSTRUMENTED)
    uintptr_t p = take(arena, size, align);
    return (p != 0U) ? (void *)p : bump_alloc_failed(arena, size, align);
#else
    return bump_alloc_checked(arena, size, align);
#endif
}

/* How many recorded marks were taken before the most recent block: all but
 * one standing at top, which was taken after it (see bump_mark). */
static size_t marks_before_top(const bump_t *arena)
{
    size_t n = arena->marks;
    if ((n > 0U) && (arena->mark_top[n - 1U] == arena->top)) {
        n--;
    }
    return n;
}

/* Where the most recent block, `old_size` bytes at top, ends; 0 when that
 * would pass the region's end or a mark taken before the block (old_size is
 * then wrong: no block of the arena's straddles such a mark). */
static uintptr_t recent_block_end(const bump_t *arena, size_t old_size)
{
    size_t n = marks_before_top(arena);
    uintptr_t bound = (n > 0U) ? arena->mark_top[n - 1U] : arena->limit;
    return (old_size <= (bound - arena->top)) ? (arena->top + old_size) : 0U;
}

void *bump_resize(bump_t *arena, void *ptr, size_t old_size, size_t new_size, size_t align)
{
    uintptr_t old = (uintptr_t)ptr;
    uintptr_t top = arena->top;
    uintptr_t from = top; /* the new block goes below this; 0: refused */
    bool in_place = false;
    /* The region's end counts as inside: size-0 blocks may stand there. */
    if ((old >= arena->base) && (old <= arena->limit)) {
        if (old == top) {
            from = recent_block_end(arena, old_size); /* its end stays, its start moves */
            in_place = true;
        } else if ((old < top) || (old_size > (arena->limit - old))) {
            from = 0U; /* released memory, or past the end */
        } else {
            /* an older block: copied below top */
        }
    }
    uintptr_t p = (from != 0U) ? bump_place(arena, new_size, align, from) : 0U;
    if (p == 0U) {
        return bump_alloc_failed(arena, new_size, align);
    }
    if (in_place) {
        arena->marks = marks_before_top(arena); /* the mark on the block goes stale */
    }
    /* Only what lies below top is new memory: at and above it is live (the
     * old block itself when resizing in place), never poisoned. */
    uintptr_t fresh_end = p + new_size;
    if (fresh_end > top) {
        fresh_end = (top > p) ? top : p;
    }
    bump_unpoison_block(arena, p, fresh_end - p);
    if (in_place) {
        bump_unpoison_taken_in(old, old_size); /* what an old_size takes in is the block now */
    }
    if (ptr != NULL) {
        (void)BUMP_MEMMOVE((void *)p, ptr, (old_size < new_size) ? old_size : new_size);
    }
    if (p > top) {
        release_to(arena, p); /* shrunk in place: after the move, which read these bytes */
    }
    arena->top = p;
    return (void *)p;
}

bump_mark_t bump_mark(bump_t *arena)
{
    size_t n = arena->marks;
    uintptr_t top = arena->top;
    bump_mark_t mark = {top, arena, n};
    if ((n > 0U) && (arena->mark_top[n - 1U] == top)) {
        mark.depth = n - 1U; /* the newest valid mark names this very point */
    } else if (n < BUMP_MARK_DEPTH) {
        arena->mark_top[n] = top;
        arena->marks = n + 1U;
    } else {
        /* The record is full: depth BUMP_MARK_DEPTH is never recorded, so
         * this mark is refused. */
    }
    return mark;
}

bool bump_rewind(bump_t *arena, bump_mark_t mark)
{
    size_t depth = mark.depth;
    if ((mark.arena != arena) || (depth >= arena->marks) || (arena->mark_top[depth] != mark.top)) {
        return false;
    }
    release_to(arena, mark.top);
    arena->marks = depth + 1U;
    return true;
}

void bump_reset(bump_t *arena)
{
    release_to(arena, arena->limit);
    arena->marks = 0U;
}

void bump_report(const bump_t *arena, bump_report_t *out)
{
    out->capacity = bump_capacity(arena);
    out->used = bump_used(arena);
    out->high_water = bump_high_water(arena);
    /* Relaxed atomic loads: bump_alloc_atomic may be failing meanwhile. */
#if BUMP_ATOMIC_LOAD_INLINE
    out->failures = __atomic_load_n(&arena->failures, __ATOMIC_RELAXED);
    out->last_failed_size = __atomic_load_n(&arena->last_failed_size, __ATOMIC_RELAXED);
    out->last_failed_align = __atomic_load_n(&arena->last_failed_align, __ATOMIC_RELAXED);
#else
    out->failures = arena->failures;
    out->last_failed_size = arena->last_failed_size;
    out->last_failed_align = arena->last_failed_align;
#endif
}

/* Whether the record of marks holds what the arena's invariants allow:
 * positions falling strictly from the outermost, all within [top, limit]. */
static bool marks_consistent(const bump_t *arena)
{
    uintptr_t above = arena->limit + 1U; /* the first may stand at limit */
    bool ok = arena->marks <= BUMP_MARK_DEPTH;
    for (size_t i = 0U; ok && (i < arena->marks); i++) {
        ok = (arena->mark_top[i] < above) && (arena->mark_top[i] >= arena->top);
        above = arena->mark_top[i];
    }
    return ok;
}

bool bump_postmortem(const bump_t *arena, const void *mem, size_t size, bump_report_t *out)
{
    uintptr_t start;
    uintptr_t end;
    if ((arena == NULL) || (out == NULL) || !region_bounds(mem, size, &start, &end)) {
        return false;
    }
    const uintptr_t base = arena->base;
    const uintptr_t limit = arena->limit;
    /* The seal names the region bump_init was given; bump_trim may have
     * narrowed the bounds within it. A record that names no failure holds
     * no failed request either. */
    bool genuine = (arena->seal == seal_of(start, end)) && (base >= start) && (limit <= end) && (base <= limit) &&
                   (arena->top >= base) && (arena->top <= limit) && (arena->low >= base) && (arena->low <= limit) &&
                   ((arena->failures != 0U) || ((arena->last_failed_size == 0U) && (arena->last_failed_align == 0U))) &&
                   marks_consistent(arena);
    if (genuine) {
        bump_report(arena, out);
    }
    return genuine;
}

void bump_reset_high_water(bump_t *arena)
{
    arena->low = arena->top;
}
