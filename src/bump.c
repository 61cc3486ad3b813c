/*
 * The arena's out-of-line paths: everything bump.h does not inline.
 * The invariants every function keeps:
 *   BUMP_ADDRESS_FLOOR <= base <= top <= limit, and top <= low <= limit
 *   except between a release and the next allocation (see release_to);
 *   [top, limit) is allocated, [base, top) is free.
 */
#include "bump.h"

#include <string.h>

/*
 * Poisoning of released memory (see bump.h). Only the instrumented host
 * builds include anything beyond the freestanding headers.
 */
#if defined(BUMP_ASAN)
#include <sanitizer/asan_interface.h>
#elif defined(BUMP_VALGRIND)
#include <valgrind/memcheck.h>
#endif

/* At -Os one shared copy of take() is smaller; at -O2 inlining it is faster. */
#if defined(__GNUC__) && defined(__OPTIMIZE_SIZE__)
#define BUMP_SIZE_NOINLINE __attribute__((noinline))
#else
#define BUMP_SIZE_NOINLINE
#endif

/* Addresses and sizes are converted both ways without loss. */
_Static_assert(sizeof(uintptr_t) == sizeof(size_t), "bump needs size_t and uintptr_t of one width");

#if defined(BUMP_ASAN)
#define POISON(addr, n) ASAN_POISON_MEMORY_REGION((const void *)(addr), (n))
#define UNPOISON(addr, n) ASAN_UNPOISON_MEMORY_REGION((const void *)(addr), (n))
#elif defined(BUMP_VALGRIND)
#define POISON(addr, n) (void)VALGRIND_MAKE_MEM_NOACCESS((addr), (n))
#define UNPOISON(addr, n) (void)VALGRIND_MAKE_MEM_UNDEFINED((addr), (n))
#elif defined(BUMP_POISON_FILL)
#define POISON(addr, n) (void)memset((void *)(addr), (BUMP_POISON_FILL), (n))
#else
#define POISON(addr, n) ((void)0)
#endif

/*
 * Makes a new block usable. What this arena released lies at or above `low`
 * and is unpoisoned exactly. The rest of the block is fresh to this arena,
 * but an earlier arena on the same memory may have poisoned it (firmware
 * re-initialises static arenas): ASan is asked, up to 1 MiB, and only the
 * poisoned part is written. Asking reads one shadow byte per 8 bytes, which
 * for a fresh multi-GiB block would commit shadow the block never needs.
 * Under valgrind the whole block becomes accessible and undefined, as its
 * contract says its contents are (cheap at any size there).
 */
#if defined(BUMP_ASAN)
#define STALE_POISON_SEARCH_MAX ((size_t)1 << 20)
#endif

static void unpoison_block(const bump_t *arena, uintptr_t p, size_t size)
{
#if defined(BUMP_ASAN)
    uintptr_t end = p + size;
    uintptr_t from = (p > arena->low) ? p : arena->low;
    if (end > from) {
        UNPOISON(from, end - from);
    }
    uintptr_t fresh_end = (from < end) ? from : end;
    if ((fresh_end > p) && ((fresh_end - p) <= STALE_POISON_SEARCH_MAX)) {
        const void *first = __asan_region_is_poisoned((void *)p, fresh_end - p);
        if (first != NULL) {
            UNPOISON((uintptr_t)first, fresh_end - (uintptr_t)first);
        }
    }
#elif defined(UNPOISON)
    (void)arena;
    UNPOISON(p, size);
#else
    (void)arena;
    (void)p;
    (void)size;
#endif
}

/* Where a block of `size` bytes aligned to `align` would start if the free
 * part ended at `top`, or 0 when it does not fit or `align` is not a power of
 * two (a block never starts at 0: base >= BUMP_ADDRESS_FLOOR). `top` comes
 * last so callers pass their own arguments straight through. The size is
 * checked before it is subtracted, so nothing wraps; rounding down keeps p at
 * or below top - size, so p >= base is then the only bound left. */
static uintptr_t place(const bump_t *arena, size_t size, size_t align, uintptr_t top)
{
    if (((align & (align - 1U)) != 0U) || (size > top)) {
        return 0U;
    }
    /* -align == ~(align - 1); align 0 gives p == 0, which fails below. */
    uintptr_t p = (top - size) & ((uintptr_t)0 - (uintptr_t)align);
    return (p >= arena->base) ? p : 0U;
}

static void *out_of_memory(bump_t *arena, size_t size, size_t align)
{
    if (arena->oom_hook != NULL) {
        arena->oom_hook(arena, size, align);
    }
    return NULL;
}

/* Moves top up to `new_top`, releasing [top, new_top). The high-water mark is
 * brought up to date here rather than on every allocation: until memory is
 * released, top itself is the lowest it has been. */
static void release_to(bump_t *arena, uintptr_t new_top)
{
    if (arena->top < arena->low) {
        arena->low = arena->top;
    }
    POISON(arena->top, new_top - arena->top);
    arena->top = new_top;
}

/* Takes a block below top, or returns 0 without touching the arena. */
BUMP_SIZE_NOINLINE static uintptr_t take(bump_t *arena, size_t size, size_t align)
{
    uintptr_t p = place(arena, size, align, arena->top);
    if (p != 0U) {
        unpoison_block(arena, p, size);
        arena->top = p;
    }
    return p;
}

bool bump_init(bump_t *arena, void *mem, size_t size)
{
    uintptr_t start = (uintptr_t)mem;
    if ((arena == NULL) || ((mem == NULL) && (size > 0U)) || (size > (size_t)PTRDIFF_MAX) ||
        (size > (UINTPTR_MAX - start))) {
        return false;
    }
    uintptr_t end = start + size;
    /* Trim what lies below the floor; a region wholly below it becomes an
     * empty one at the floor. */
    if (start < BUMP_ADDRESS_FLOOR) {
        start = BUMP_ADDRESS_FLOOR;
    }
    if (end < start) {
        end = start;
    }
    arena->base = start;
    arena->top = end;
    arena->limit = end;
    arena->low = end;
    arena->oom_hook = NULL;
    return true;
}

void *bump_alloc_slow(bump_t *arena, size_t size, size_t align)
{
    uintptr_t p = take(arena, size, align);
    return (p != 0U) ? (void *)p : out_of_memory(arena, size, align);
}

void *bump_resize(bump_t *arena, void *ptr, size_t old_size, size_t new_size, size_t align)
{
    uintptr_t old = (uintptr_t)ptr;
    uintptr_t top = arena->top;
    uintptr_t from = top; /* the new block goes below this */
    /* The region's end counts as inside: size-0 blocks may stand there. */
    if ((old >= arena->base) && (old <= arena->limit)) {
        if ((old < top) || (old_size > (arena->limit - old))) {
            return out_of_memory(arena, new_size, align); /* released memory, or past the end */
        }
        if (old == top) {
            from = old + old_size; /* the most recent block: its end stays, its start moves */
        }
    }
    uintptr_t p = place(arena, new_size, align, from);
    if (p == 0U) {
        return out_of_memory(arena, new_size, align);
    }
    /* Only what lies below top is new memory: at and above it is live (the
     * old block itself when resizing in place), never poisoned. */
    uintptr_t fresh_end = p + new_size;
    if (fresh_end > top) {
        fresh_end = (top > p) ? top : p;
    }
    unpoison_block(arena, p, fresh_end - p);
    if (ptr != NULL) {
        (void)memmove((void *)p, ptr, (old_size < new_size) ? old_size : new_size);
    }
    if (p > top) {
        release_to(arena, p); /* shrunk in place: after the move, which read these bytes */
    }
    arena->top = p;
    return (void *)p;
}

/* Lock-free where a pointer-sized compare-and-swap is (__GCC_ATOMIC_*: 2 means
 * always lock-free); otherwise the port's critical section. */
#if defined(__GCC_ATOMIC_POINTER_LOCK_FREE) && (__GCC_ATOMIC_POINTER_LOCK_FREE == 2)
void *bump_alloc_atomic(bump_t *arena, size_t size, size_t align)
{
    uintptr_t top = __atomic_load_n(&arena->top, __ATOMIC_RELAXED);
    uintptr_t p;
    /* Relaxed is enough: no two callers can win the same `top`, and the
     * memory handed out is not published to anyone through `top`. A failed
     * exchange reloads `top`, and the block is placed again below it. */
    do {
        p = place(arena, size, align, top);
        if (p == 0U) {
            return out_of_memory(arena, size, align);
        }
    } while (!__atomic_compare_exchange_n(&arena->top, &top, p, true, __ATOMIC_RELAXED, __ATOMIC_RELAXED));
    unpoison_block(arena, p, size);
    return (void *)p;
}
#else
void *bump_alloc_atomic(bump_t *arena, size_t size, size_t align)
{
    uint32_t state = bump_port_critical_enter();
    uintptr_t p = take(arena, size, align);
    bump_port_critical_exit(state);
    return (p != 0U) ? (void *)p : out_of_memory(arena, size, align);
}
#endif

bool bump_rewind(bump_t *arena, bump_mark_t mark)
{
    if ((mark.arena != arena) || (mark.top < arena->top) || (mark.top > arena->limit)) {
        return false;
    }
    release_to(arena, mark.top);
    return true;
}

void bump_reset(bump_t *arena)
{
    release_to(arena, arena->limit);
}
