/* SPDX-License-Identifier: MIT */
/*
 * The arena's out-of-line paths: everything bump.h does not inline, except
 * bump_alloc_atomic (src/bump_atomic.c). The invariants are listed in
 * bump_internal.h.
 */
#include "bump_internal.h"
#include "bump_port.h" /* bump_init, on cores without a lock-free 64-bit atomic */

/*
 * How marks stay exact. A rewind to a mark is safe exactly when nothing
 * allocated before the mark has been released since: then every block
 * allocated since lies below the mark's top or at or above its base (the
 * floor then), and every block allocated before lies outside. Positions alone
 * cannot tell (after a reset a frame loop regrows through the same positions
 * and takes a new mark at the same depth), so marks are named by identity:
 * the arena's lifetime (its bump_init's number) and a serial that each newly
 * recorded mark takes (serial counts them, within the lifetime). The record
 * holds, at depth d, mark_serial[d] and where the mark stands: mark_top[d]
 * and mark_base[d] (top and the floor), mark_grow[d] and mark_grow_depth[d]
 * (the current growable block then, and grow_depth then); marks counts them.
 * A mark is accepted only when its lifetime is the arena's and its serial is
 * the one recorded at its depth. Every event that makes marks stale removes
 * them from the record:
 *   - a rewind to depth d keeps depths 0..d and drops the deeper ones;
 *   - a reset or a trim drops them all;
 *   - an init drops them all and takes a new lifetime.
 * A serial, once dropped, is never recorded again in that lifetime (serial
 * only grows), and a lifetime is never taken twice (the count only grows), so
 * a stale mark can never match, whatever the positions. Both counts are 64
 * bits: 2^64 new marks in one lifetime, or 2^64 inits, before either wraps.
 * Allocation only lowers top or raises the floor and keeps every recorded
 * mark safe. A resize in place of the most recent plain block moves its start
 * (top); the marks recorded at top stand on its start (taken after it, with
 * nothing allocated since: every other lies above its end, which stays), and
 * they move with it, so the block's growth is kept by a rewind, as a
 * growable block's is.
 *
 * Growable blocks. The current one, [grow, base), was taken when grow_depth
 * marks were recorded: those at depths below grow_depth were taken before it,
 * the others after. Its resizes move base and keep every mark: a rewind to a
 * mark taken after it leaves base alone (the growth belongs to a block taken
 * before the mark). A rewind to a mark taken before it releases it: base goes
 * back to mark_base[d], and the mark's growable block becomes current again,
 * with its grow_depth. mark_base[d] must then be where that block ended when
 * the next one was taken, so taking a growable block first brings mark_base
 * up to date for the marks taken while the outgoing one was current (it may
 * have grown since they were taken); after that it cannot change.
 */

/*
 * The lifetimes: one count of bump_init calls for the whole program, so that
 * an init never needs to read the bump_t it is given (it may be garbage). A
 * count shared by arenas in different threads must be updated atomically, or
 * two inits at once could both read n, and one of them later write n + 1 over
 * a higher count, handing an old number out again. Hosts have a lock-free
 * 64-bit atomic add; Cortex-M and RV32 have none (ARMv7-M's LDREX/STREX are
 * 32-bit), so there the count is read and written with interrupts masked by
 * the CPU port, a few instructions at init only.
 */
#if defined(__GCC_ATOMIC_LLONG_LOCK_FREE) && (__GCC_ATOMIC_LLONG_LOCK_FREE == 2)
_Static_assert(sizeof(unsigned long long) == sizeof(uint64_t), "the lifetime count is a long long");
static uint64_t next_lifetime(void)
{
    static uint64_t lifetimes;
    return __atomic_add_fetch(&lifetimes, 1U, __ATOMIC_RELAXED);
}
#else
static uint64_t next_lifetime(void)
{
    static uint64_t lifetimes;
    uint32_t state = bump_port_critical_enter();
    uint64_t n = lifetimes + 1U;
    lifetimes = n;
    bump_port_critical_exit(state);
    return n;
}
#endif

/* Adds one to a count of the report, saturating rather than wrapping. */
static void count_up(size_t *count)
{
    if (*count != SIZE_MAX) {
        (*count)++;
    }
}

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

/* Brings the peak of bump_used up to date before memory is released: until
 * then, bump_used itself is the highest it has been. */
static void note_peak(bump_t *arena)
{
    size_t used = bump_used(arena);
    if (used > arena->peak) {
        arena->peak = used;
    }
}

/* Moves top up to `new_top`, releasing [top, new_top) (note_peak first). */
static void release_to(bump_t *arena, uintptr_t new_top)
{
    bump_poison_released(arena, arena->top, new_top);
    arena->top = new_top;
}

/* Moves the floor down to `new_base`, releasing [new_base, base) (note_peak
 * first). */
static void release_floor_to(bump_t *arena, uintptr_t new_base)
{
    uintptr_t old_base = bump_floor_addr(arena);
    bump_set_floor(arena, new_base); /* first: the poisoning spares what lies below the floor */
    bump_poison_floor_released(arena, new_base, old_base);
}

/*
 * The seal bump_postmortem checks: stored by bump_init from the bounds it gave
 * the region (bump_trim keeps it, so a trimmed arena still names its region).
 * It must tell this region from every other, a region inside it included (a
 * child arena's bump_t lies there and holds plausible bounds): a plain
 * combination such as start ^ end is the same for every pair of bounds with
 * the same XOR, which regions nested in one another often share. So the
 * start is mixed: mix() is a bijection of a word (an odd multiplier and
 * xor-shifts each undo), seal_of(s, e) = mix(s) ^ e, and two regions
 * share a seal only when e' == e ^ mix(s) ^ mix(s'): never when they share
 * their start or their end, and otherwise when the mixed starts' difference
 * lands on a plausible end (within the region asked about) about as often
 * as a random word does: 2^-W. Any bijection applied to that result (mixing
 * it again, complementing it) would keep exactly the same pairs apart, and
 * zeroed RAM's seal, 0, names one end per start either way, so none is:
 * each would cost code for nothing.
 */
static uintptr_t mix(uintptr_t x)
{
    /* Half the word's width; the multiplier is the golden ratio's 64-bit
     * fraction, cut to the word (odd either way). */
    const unsigned shift = (unsigned)(sizeof(uintptr_t) * 4U);
    const uintptr_t multiplier = (uintptr_t)0x9E3779B97F4A7C15U;
    uintptr_t h = x ^ (x >> shift);
    h *= multiplier; /* modulo 2^W, by design */
    return h ^ (h >> shift);
}

static uintptr_t seal_of(uintptr_t base, uintptr_t limit)
{
    return mix(base) ^ limit;
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

/* An empty arena over [start, end): no block, no mark, no peak yet. */
static void set_bounds(bump_t *arena, uintptr_t start, uintptr_t end)
{
    arena->start = start;
    bump_set_floor(arena, start);
    arena->top = end;
    arena->limit = end;
    arena->grow = 0U;
    arena->grow_depth = 0U;
    arena->peak = 0U;
    arena->marks = 0U;
}

bool bump_init(bump_t *arena, void *mem, size_t size)
{
    uintptr_t start;
    uintptr_t end;
    if ((arena == NULL) || !region_bounds(mem, size, &start, &end)) {
        return false;
    }
    set_bounds(arena, start, end);
    arena->oom_hook = NULL;
    arena->failures = 0U;
    arena->last_failed_size = 0U;
    arena->last_failed_align = 0U;
    arena->refused_rewinds = 0U;
    arena->unrecorded_marks = 0U;
    arena->seal = seal_of(start, end);
    arena->lifetime = next_lifetime();
    arena->serial = 0U;
    arena->releases = 0U;
    return true;
}

bool bump_trim(bump_t *arena, size_t below, size_t above)
{
    size_t capacity = bump_capacity(arena);
    if ((bump_used(arena) != 0U) || (below > capacity) || (above > (capacity - below))) {
        return false;
    }
    set_bounds(arena, arena->start + below, arena->limit - above);
    arena->releases++; /* the bytes taken from the ends: bump_epoch changes */
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

/* Without poisoning, the general inline path is the whole of it, its
 * refusals handed off as there (bump_alloc_refusal). */
void *bump_alloc_slow(bump_t *arena, size_t size, size_t align)
{
#if defined(BUMP_INSTRUMENTED)
    uintptr_t p = take(arena, size, align);
    return (p != 0U) ? (void *)p : bump_alloc_failed(arena, size, align);
#else
    return bump_alloc_checked(arena, size, align);
#endif
}

void *bump_alloc_growable(bump_t *arena, size_t size, size_t align)
{
    uintptr_t base = bump_floor_addr(arena);
    uintptr_t room = arena->top - base;
    uintptr_t low_bits = bump_align_low_bits(align);
    uintptr_t misalign = base & low_bits;
    /* The padding up to the next multiple of align, computed without
     * wrapping: for an align of 0 (low_bits UINTPTR_MAX) it exceeds any room. */
    uintptr_t padding = (misalign == 0U) ? 0U : ((low_bits - misalign) + 1U);
    /* A floor of 0 is a zero-initialised bump_t's: no room at all, not even
     * for a block of size 0 (every real floor is at least BUMP_ADDRESS_FLOOR). */
    if ((base == 0U) || ((align & low_bits) != 0U) || (padding > room) || (size > (room - padding))) {
        return bump_alloc_failed(arena, size, align);
    }
    uintptr_t p = base + padding;
    /* The outgoing block ends where it stands now, for good: the marks taken
     * while it was current must release to there. */
    for (size_t d = arena->grow_depth; d < arena->marks; d++) {
        arena->mark_base[d] = base;
    }
    bump_unpoison_block(arena, p, size);
    arena->grow = p;
    arena->grow_depth = arena->marks;
    bump_set_floor(arena, p + size);
    return (void *)p;
}

/* How many recorded marks were taken before the most recent plain block: all
 * but those standing at top, which were taken after it (see bump_mark). */
static size_t marks_before_top(const bump_t *arena)
{
    size_t n = arena->marks;
    while ((n > 0U) && (arena->mark_top[n - 1U] == arena->top)) {
        n--;
    }
    return n;
}

/* Where the most recent plain block, `old_size` bytes at top, ends, given
 * the `n` marks taken before it; 0 when that would pass the region's end or
 * such a mark (old_size is then wrong: no block of the arena's straddles
 * one). */
static uintptr_t recent_block_end(const bump_t *arena, size_t n, size_t old_size)
{
    uintptr_t bound = (n > 0U) ? arena->mark_top[n - 1U] : arena->limit;
    return (old_size <= (bound - arena->top)) ? (arena->top + old_size) : 0U;
}

/* The current growable block, [grow, base), resized in place: NULL when
 * new_size does not fit below top. */
static void *resize_growable(bump_t *arena, size_t new_size, size_t align)
{
    uintptr_t p = arena->grow;
    if (new_size > (arena->top - p)) {
        return bump_alloc_failed(arena, new_size, align);
    }
    uintptr_t end = p + new_size;
    uintptr_t floor = bump_floor_addr(arena);
    if (end < floor) {
        note_peak(arena);
        release_floor_to(arena, end);
        arena->releases++;
    } else {
        bump_unpoison_block(arena, floor, end - floor);
        bump_set_floor(arena, end);
    }
    return (void *)p;
}

/* Whether `old_size` bytes at `old`, in the region but not at top, lie in
 * one allocated part: the growable part [start, base) (the empty current
 * growable block at base included) or the plain part [top, limit]. */
static bool in_one_part(const bump_t *arena, uintptr_t old, size_t old_size)
{
    uintptr_t floor = bump_floor_addr(arena);
    bool growable = (old < floor) || (old == arena->grow);
    uintptr_t end = growable ? floor : arena->limit;
    return (growable || (old > arena->top)) && (old_size <= (end - old));
}

void *bump_resize(bump_t *arena, void *ptr, size_t old_size, size_t new_size, size_t align)
{
    if (ptr == NULL) {
        return bump_alloc_slow(arena, new_size, align);
    }
    uintptr_t old = (uintptr_t)ptr;
    uintptr_t top = arena->top;
    uintptr_t base = bump_floor_addr(arena);
    uintptr_t low_bits = bump_align_low_bits(align);
    /* False for an align of 0 too: low_bits is then all ones and old is not 0. */
    bool aligned = ((align & low_bits) == 0U) && ((old & low_bits) == 0U);
    if ((old == arena->grow) && (old_size <= (base - old)) && aligned) {
        return resize_growable(arena, new_size, align);
    }
    uintptr_t from = top; /* the new block goes below this; 0: refused */
    bool in_place = false;
    bool taken_in = false; /* an older block of the arena, copied */
    size_t marks_before = 0U;
    /* The region's end counts as inside: size-0 blocks may stand there. */
    if ((old >= arena->start) && (old <= arena->limit)) {
        if (old == top) {
            marks_before = marks_before_top(arena);
            from = recent_block_end(arena, marks_before, old_size); /* its end stays, its start moves */
            in_place = true;
        } else if (!in_one_part(arena, old, old_size)) {
            from = 0U; /* free memory, or past the end of the part it lies in */
        } else if (aligned && (new_size <= old_size)) {
            return ptr; /* an older block shrinks where it stands: nothing copied or released */
        } else {
            taken_in = true; /* an older block: copied below top */
        }
    }
    uintptr_t p = (from != 0U) ? bump_place(arena, new_size, align, from) : 0U;
    if (p == 0U) {
        return bump_alloc_failed(arena, new_size, align);
    }
    if (in_place) {
        /* The marks on the block's start move with it (see above). */
        for (size_t d = marks_before; d < arena->marks; d++) {
            arena->mark_top[d] = p;
        }
    }
    /* Only what lies below top is new memory: at and above it is live (the
     * old block itself when resizing in place), never poisoned. */
    uintptr_t fresh_end = p + new_size;
    if (fresh_end > top) {
        fresh_end = (top > p) ? top : p;
    }
    bump_unpoison_block(arena, p, fresh_end - p);
    if (in_place || taken_in) {
        /* What an old_size takes in (padding between blocks, released
         * before) is read as the block's: the copy must not trip ASan. */
        bump_unpoison_taken_in(old, old_size);
    }
    (void)BUMP_MEMMOVE((void *)p, ptr, (old_size < new_size) ? old_size : new_size);
    if (p > top) {
        note_peak(arena);
        release_to(arena, p); /* shrunk in place: after the move, which read these bytes */
        arena->releases++;
    }
    arena->top = p;
    return (void *)p;
}

bump_mark_t bump_mark(bump_t *arena)
{
    size_t n = arena->marks;
    uintptr_t top = arena->top;
    bump_mark_t mark = {arena, n, arena->lifetime, 0U};
    if ((n > 0U) && (arena->mark_top[n - 1U] == top) && (arena->grow_depth < n)) {
        mark.depth = n - 1U; /* the newest valid mark names this very point */
        mark.serial = arena->mark_serial[n - 1U];
    } else if (n < BUMP_MARK_DEPTH) {
        arena->serial++;
        mark.serial = arena->serial;
        arena->mark_serial[n] = mark.serial;
        arena->mark_top[n] = top;
        arena->mark_base[n] = bump_floor_addr(arena);
        arena->mark_grow[n] = arena->grow;
        arena->mark_grow_depth[n] = (unsigned char)arena->grow_depth; /* <= n < 255 */
        arena->marks = n + 1U;
    } else {
        /* The record is full: depth BUMP_MARK_DEPTH is never recorded, so
         * this mark is refused. */
        count_up(&arena->unrecorded_marks);
    }
    return mark;
}

bool bump_rewind(bump_t *arena, bump_mark_t mark)
{
    size_t depth = mark.depth;
    if ((mark.arena != arena) || (mark.lifetime != arena->lifetime) || (depth >= arena->marks) ||
        (arena->mark_serial[depth] != mark.serial)) {
        count_up(&arena->refused_rewinds);
        return false;
    }
    note_peak(arena);
    release_to(arena, arena->mark_top[depth]);
    if (arena->grow_depth > depth) {
        /* The current growable block was taken after the mark. */
        release_floor_to(arena, arena->mark_base[depth]);
        arena->grow = arena->mark_grow[depth];
        arena->grow_depth = arena->mark_grow_depth[depth];
    }
    arena->marks = depth + 1U;
    arena->releases++;
    return true;
}

void bump_reset(bump_t *arena)
{
    note_peak(arena);
    release_to(arena, arena->limit);
    release_floor_to(arena, arena->start);
    arena->grow = 0U;
    arena->grow_depth = 0U;
    arena->marks = 0U;
    arena->releases++;
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
    out->refused_rewinds = arena->refused_rewinds;
    out->unrecorded_marks = arena->unrecorded_marks;
}

/* Whether the record of marks holds what the arena's invariants allow:
 * positions not rising from the outermost, all within [top, limit], two at
 * one position only with a growable block taken between them, each mark's
 * floor and growable block within the region and below its top, and each
 * mark's grow_depth no deeper than the mark. */
static bool marks_consistent(const bump_t *arena)
{
    uintptr_t above = arena->limit;
    bool ok = (arena->marks <= BUMP_MARK_DEPTH) && (arena->grow_depth <= arena->marks);
    for (size_t i = 0U; ok && (i < arena->marks); i++) {
        uintptr_t t = arena->mark_top[i];
        uintptr_t b = arena->mark_base[i];
        uintptr_t g = arena->mark_grow[i];
        ok = (t <= above) && (t >= arena->top) && (b >= arena->start) && (b <= t) &&
             ((g == 0U) || ((g >= arena->start) && (g <= b))) && (arena->mark_grow_depth[i] <= i) &&
             ((i == 0U) || (t < above) || (arena->mark_grow_depth[i] == i));
        above = t;
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
    const uintptr_t first = arena->start;
    const uintptr_t base = bump_floor_addr(arena);
    const uintptr_t limit = arena->limit;
    /* The seal names the region bump_init was given; bump_trim may have
     * narrowed the bounds within it. A record that names no failure holds
     * no failed request either. */
    bool genuine = (arena->seal == seal_of(start, end)) && (first >= start) && (limit <= end) && (first <= base) &&
                   (base <= arena->top) && (arena->top <= limit) && (arena->peak <= (limit - first)) &&
                   ((arena->grow == 0U) || ((arena->grow >= first) && (arena->grow <= base))) &&
                   ((arena->failures != 0U) || ((arena->last_failed_size == 0U) && (arena->last_failed_align == 0U))) &&
                   marks_consistent(arena);
    if (genuine) {
        bump_report(arena, out);
    }
    return genuine;
}

void bump_reset_high_water(bump_t *arena)
{
    arena->peak = bump_used(arena);
}
