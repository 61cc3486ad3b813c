/* SPDX-License-Identifier: MIT */
/*
 * bump_alloc_atomic (see bump.h): build this file only if you call it. On
 * cores without a pointer-sized compare-and-swap it needs a CPU port
 * (src/bump_port.h).
 */
#include "bump_internal.h"

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
        p = bump_place(arena, size, align, top);
        if (p == 0U) {
            /* Other callers may fail at the same time: the record is
             * updated atomically, the count saturating as on the other paths. */
            size_t failures = __atomic_load_n(&arena->failures, __ATOMIC_RELAXED);
            while ((failures != SIZE_MAX) && !__atomic_compare_exchange_n(&arena->failures, &failures, failures + 1U,
                                                                          true, __ATOMIC_RELAXED, __ATOMIC_RELAXED)) {
            }
            __atomic_store_n(&arena->last_failed_size, size, __ATOMIC_RELAXED);
            __atomic_store_n(&arena->last_failed_align, align, __ATOMIC_RELAXED);
            if (arena->oom_hook != NULL) {
                arena->oom_hook(arena, size, align);
            }
            return NULL;
        }
    } while (!__atomic_compare_exchange_n(&arena->top, &top, p, true, __ATOMIC_RELAXED, __ATOMIC_RELAXED));
    bump_unpoison_block(arena, p, size);
    return (void *)p;
}
#else
#include "bump_port.h"

void *bump_alloc_atomic(bump_t *arena, size_t size, size_t align)
{
    uint32_t state = bump_port_critical_enter();
    uintptr_t p = bump_place(arena, size, align, arena->top);
    if (p != 0U) {
        arena->top = p;
    } else {
        bump_record_failure(arena, size, align);
    }
    bump_port_critical_exit(state);
    if (p == 0U) {
        if (arena->oom_hook != NULL) {
            arena->oom_hook(arena, size, align); /* outside the critical section */
        }
        return NULL;
    }
    bump_unpoison_block(arena, p, size); /* the block is this caller's alone now */
    return (void *)p;
}
#endif
