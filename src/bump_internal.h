/*
 * Shared by src/bump.c and src/bump_atomic.c, never by users: the block
 * placement rule, the out-of-memory hand-off, and the poisoning of released
 * memory (see bump.h). The invariants every function keeps:
 *   BUMP_ADDRESS_FLOOR <= base <= top <= limit, and top <= low <= limit
 *   except between a release and the next allocation (see bump.c);
 *   [top, limit) is allocated, [base, top) is free;
 *   limit >= mark_top[0] > mark_top[1] > ... > mark_top[marks - 1] >= top.
 */
#ifndef BUMP_INTERNAL_H
#define BUMP_INTERNAL_H

#include "bump.h"

#include <string.h>

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
#define BUMP_POISON(addr, n) (void)memset((void *)(addr), (BUMP_POISON_FILL), (n))
#else
#define BUMP_POISON(addr, n) ((void)0)
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
#define BUMP_STALE_POISON_SEARCH_MAX ((size_t)1 << 20)
#endif

static inline void bump_unpoison_block(const bump_t *arena, uintptr_t p, size_t size)
{
#if defined(BUMP_ASAN)
    uintptr_t end = p + size;
    uintptr_t from = (p > arena->low) ? p : arena->low;
    if (end > from) {
        BUMP_UNPOISON(from, end - from);
    }
    uintptr_t fresh_end = (from < end) ? from : end;
    if ((fresh_end > p) && ((fresh_end - p) <= BUMP_STALE_POISON_SEARCH_MAX)) {
        const void *first = __asan_region_is_poisoned((void *)p, fresh_end - p);
        if (first != NULL) {
            BUMP_UNPOISON((uintptr_t)first, fresh_end - (uintptr_t)first);
        }
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

/* Poisons [from, to), memory the arena has just released. */
static inline void bump_poison_released(uintptr_t from, uintptr_t to)
{
    BUMP_POISON(from, to - from);
    (void)from;
    (void)to;
}

/* Where a block of `size` bytes aligned to `align` would start if the free
 * part ended at `top`, or 0 when it does not fit or `align` is not a power of
 * two (a block never starts at 0: base >= BUMP_ADDRESS_FLOOR). `top` comes
 * last so callers pass their own arguments straight through. The size is
 * checked before it is subtracted, so nothing wraps; rounding down keeps p at
 * or below top - size, so p >= base is then the only bound left. */
static inline uintptr_t bump_place(const bump_t *arena, size_t size, size_t align, uintptr_t top)
{
    if (((align & (align - 1U)) != 0U) || (size > top)) {
        return 0U;
    }
    /* ~(align - 1) keeps the bits above the alignment; align 0 gives the
     * mask 0 and p == 0, which fails below. */
    uintptr_t p = (top - size) & ~((uintptr_t)align - 1U);
    return (p >= arena->base) ? p : 0U;
}

/* Calls the out-of-memory hook, if any, and returns NULL. */
static inline void *bump_out_of_memory(bump_t *arena, size_t size, size_t align)
{
    if (arena->oom_hook != NULL) {
        arena->oom_hook(arena, size, align);
    }
    return NULL;
}

#endif /* BUMP_INTERNAL_H */
