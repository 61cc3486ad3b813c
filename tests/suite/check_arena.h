/* SPDX-License-Identifier: MIT */
/* Checks shared by the suite's test files. */
#ifndef CHECK_ARENA_H
#define CHECK_ARENA_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "bump.h"
#include "harness.h"

/* True when the two arenas hold the same state, byte for byte: every member
 * but the failure record (a failed call may change only that: check it with
 * failed_once; a refused rewind counts itself there too) and the lifetime,
 * which tells two bump_init calls apart (so two arenas set up alike compare
 * equal), and of the record of marks the part in use (the slots past
 * it hold nothing). A bump_t that holds no arena (filled by a test) is
 * compared whole. */
static inline bool arena_same(const bump_t *a, const bump_t *b)
{
    size_t used = (a->marks <= BUMP_MARK_DEPTH) ? a->marks : BUMP_MARK_DEPTH;
    return memcmp(a, b, offsetof(bump_t, failures)) == 0 &&
           memcmp(a->mark_top, b->mark_top, used * sizeof a->mark_top[0]) == 0 &&
           memcmp(a->mark_base, b->mark_base, used * sizeof a->mark_base[0]) == 0 &&
           memcmp(a->mark_grow, b->mark_grow, used * sizeof a->mark_grow[0]) == 0 &&
           memcmp(a->mark_serial, b->mark_serial, used * sizeof a->mark_serial[0]) == 0 &&
           memcmp(a->mark_grow_depth, b->mark_grow_depth, used) == 0 && a->seal == b->seal &&
           a->serial == b->serial && a->releases == b->releases &&
           (a->marks <= BUMP_MARK_DEPTH || memcmp(a, b, sizeof *a) == 0);
}

/* True when `after` is `before` with exactly one more failure in its record,
 * of this size and alignment, and nothing else changed. */
static inline bool failed_once(const bump_t *before, const bump_t *after, size_t size, size_t align)
{
    bump_report_t b, a;
    bump_report(before, &b);
    bump_report(after, &a);
    return arena_same(before, after) && a.failures == b.failures + 1u && a.last_failed_size == size &&
           a.last_failed_align == align;
}

/* The accounting identities every arena keeps at every moment. */
static inline bool arena_consistent(const bump_t *a)
{
    return bump_used(a) + bump_remaining(a) == bump_capacity(a) && bump_high_water(a) >= bump_used(a) &&
           bump_high_water(a) <= bump_capacity(a);
}

/* Forces a value through memory so the compiler cannot fold it: exercises
 * the inline path with run-time sizes and alignments, not only constants. */
static inline size_t opaque(size_t v)
{
    volatile size_t x = v;
    return x;
}

static inline bool is_aligned(const void *p, size_t align)
{
    return ((uintptr_t)p & (align - 1u)) == 0u;
}

/* True when [p, p + size) lies inside [lo, lo + span). */
static inline bool inside(const void *p, size_t size, const void *lo, size_t span)
{
    uintptr_t a = (uintptr_t)p, l = (uintptr_t)lo;
    return a >= l && size <= span && a - l <= span - size;
}

/* Fills [p, p + n) with a pattern of `seed`; stamped checks it later: a
 * block the contract keeps must keep its bytes. */
static inline void stamp(void *p, size_t n, unsigned char seed)
{
    unsigned char *b = p;
    for (size_t i = 0; i < n; i++) {
        b[i] = (unsigned char)(seed + i * 7u);
    }
}

static inline bool stamped(const void *p, size_t n, unsigned char seed)
{
    const unsigned char *b = p;
    for (size_t i = 0; i < n; i++) {
        if (b[i] != (unsigned char)(seed + i * 7u)) {
            return false;
        }
    }
    return true;
}

/* True when all of [p, p + n) holds `value`. */
static inline bool all_bytes(const void *p, size_t n, unsigned char value)
{
    const unsigned char *b = p;
    for (size_t i = 0; i < n; i++) {
        if (b[i] != value) {
            return false;
        }
    }
    return true;
}

#endif /* CHECK_ARENA_H */
