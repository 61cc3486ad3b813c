/* SPDX-License-Identifier: MIT */
/*
 * bump: a freestanding bump-arena allocator for firmware and hosts.
 *
 * An arena hands out memory from one region by moving a pointer. Plain blocks
 * bump DOWN, from the end of the region towards its start: aligning a block is
 * then a single AND with -align (bumping up needs an add and an AND), and the
 * inline success path is load, subtract, align, compare, branch, store.
 * Growable blocks (bump_alloc_growable) come from the other end and grow
 * upward, so the most recent one grows and shrinks where it stands, whatever
 * plain blocks are taken meanwhile, and nothing is ever copied to grow it.
 *
 * This header is the contract. The public API comes first, in the order a
 * user meets it: setting up an arena, allocating, growable blocks and
 * resizing, marks and scopes, what an arena can tell, the safety features,
 * child arenas, then what ports and layers above the arena use. Below the
 * line "Not for users" are the inline definitions the fast path needs and
 * the arena's private layout: nothing there is API.
 *
 * Sizes (bytes; W the pointer width, D = BUMP_MARK_DEPTH, default 8):
 *   bump_t       15 words, three 64-bit counters, and per level of D three
 *                words, a 64-bit serial and a byte: 256 on 32-bit cores
 *                (Cortex-M, RV32) and 408 on 64-bit hosts with D = 8; 136
 *                and 216 with D = 2.
 *   bump_mark_t  24 on 32-bit cores, 32 on 64-bit hosts.
 *   One program-wide 64-bit count of bump_init calls (8 bytes of .bss).
 * tests/suite/test_init.c checks the figures for D = 8 on every target.
 *
 * Guarantees, for every function below:
 * - O(1): no loop depends on history or on the number of blocks (zalloc and
 *   resize copy or clear only the bytes asked for; with -DBUMP_POISON_FILL a
 *   release also fills the bytes it releases, in time proportional to them).
 *   A few functions loop over the record of marks: at most BUMP_MARK_DEPTH
 *   steps, whatever the history.
 * - No header per block: a block of n bytes costs n bytes plus alignment
 *   padding. Memory is released all at once (bump_reset), back to a mark
 *   (bump_rewind), or by shrinking the most recent plain or growable block
 *   (bump_resize), never block by block otherwise.
 * - Freestanding C11: includes only <stddef.h>, <stdint.h>, <stdbool.h> and
 *   <stdalign.h>, and calls memset and memmove (newlib and hosted libcs have
 *   them; a -nostdlib build must supply the two); no OS, no other libc
 *   function. On cores without a lock-free 64-bit atomic (every Cortex-M,
 *   RV32) bump_init calls a CPU port's critical section (see bump_init).
 * - Every bad input has a defined answer: NULL or false, and the arena exactly
 *   as it was but for its failure record (a failed allocation, resize or
 *   child init, and a refused rewind, count themselves there: see
 *   bump_report). No argument value causes undefined behaviour, and no size
 *   or address computation wraps around (SIZE_MAX included): each is checked
 *   before it is made. The modular operations are deliberate, and each is
 *   named in tests/host/ubsan-unsigned.supp: an `align` of 0 gives the mask
 *   ~(0 - 1) == 0, which fails the bounds check like any other invalid
 *   alignment; the floor is stored negated; the inline path's top - size
 *   wraps only in a zero-initialised bump_t, whose answer is then NULL; the
 *   postmortem seal mixes the start and XORs in the end, modulo 2^W.
 *   The one precondition: `arena` points to a bump_t that bump_init accepted
 *   or that is all zeros (static storage never given to bump_init: an empty
 *   arena of capacity 0, whose every allocation returns NULL); only bump_init
 *   itself takes NULL; and no other thread changes it at the same time (but
 *   see bump_alloc_atomic).
 * - The arena never writes to its region except to zero (bump_zalloc), copy
 *   (bump_resize) or, when configured, poison released memory. Its state is
 *   all in bump_t, but for the count of inits.
 *
 * Concurrency: none of these functions may run at the same time as another
 * call that changes the same arena, except bump_alloc_atomic with itself (see
 * its contract), and bump_init on different arenas.
 */
#ifndef BUMP_H
#define BUMP_H

#if !defined(__cplusplus) && (!defined(__STDC_VERSION__) || (__STDC_VERSION__ < 201112L))
#error "bump needs C11 or later: compile with -std=c11 (or gnu11, c17, c2x)"
#else /* the rest of the header, which would only add errors to that one */

/* The version: 0.2.0. CMake's project version and bump.pc say the same
 * (make test checks it). */
#define BUMP_VERSION_MAJOR 0
#define BUMP_VERSION_MINOR 2
#define BUMP_VERSION_PATCH 0
#define BUMP_VERSION "0.2.0"

#include <stdalign.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* memset and memmove without <string.h>, which is not a freestanding header
 * (a toolchain without a libc has none). GCC's and Clang's builtins still call
 * the library function wherever they are not inlined. */
#if defined(__GNUC__)
#define BUMP_MEMSET __builtin_memset
#define BUMP_MEMMOVE __builtin_memmove
#else
void *memset(void *s, int c, size_t n);
void *memmove(void *s1, const void *s2, size_t n);
#define BUMP_MEMSET memset
#define BUMP_MEMMOVE memmove
#endif

#ifdef __cplusplus
extern "C" {
#endif

/*
 * A result that must not be ignored (bump_init's, an allocation's) warns when
 * it is, and a (void) cast silences the warning: C2x's and C++17's
 * [[nodiscard]]; GCC 10 and later accept it in C11 too (the -Wpedantic note
 * about that is silenced around this header's declarations); Clang's
 * warn_unused_result, which a cast silences. Other compilers: nothing.
 */
#if defined(__cplusplus) && (__cplusplus >= 201703L)
#define BUMP_NODISCARD [[nodiscard]]
#elif defined(__STDC_VERSION__) && (__STDC_VERSION__ > 201710L) && !defined(__clang__)
#define BUMP_NODISCARD [[nodiscard]]
#elif defined(__clang__)
#define BUMP_NODISCARD __attribute__((warn_unused_result))
#elif defined(__GNUC__) && (__GNUC__ >= 10)
#define BUMP_NODISCARD [[nodiscard]]
#define BUMP_PEDANTIC_OFF 1
#else
#define BUMP_NODISCARD
#endif
#if defined(BUMP_PEDANTIC_OFF)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wpedantic"
#endif

/* ==== Types and configuration ==== */

typedef struct bump_arena bump_t; /* the tag is not `bump`: C++ code has namespace bump (bump.hpp) */

/*
 * Called, if set, each time an allocation (alloc, zalloc, array, growable,
 * resize) is
 * about to return NULL, with the request that failed: it did not fit, or its
 * alignment was invalid. The failure record (bump_report) already counts it. It may log, assert, reset the system or release
 * memory in the arena; the failed call still returns NULL.
 */
typedef void (*bump_oom_hook_t)(bump_t *arena, size_t size, size_t align);

/*
 * How many marks an arena tells apart at once: the depth of nesting it
 * records (see bump_mark). From 1 to 255; each level costs three pointer-sized
 * words and a byte in bump_t. Define it the same for every file that includes
 * this header.
 */
#ifndef BUMP_MARK_DEPTH
#define BUMP_MARK_DEPTH 8U
#endif
#if ((BUMP_MARK_DEPTH) < 1) || ((BUMP_MARK_DEPTH) > 255)
#error "BUMP_MARK_DEPTH must be between 1 and 255"
#endif

/*
 * The arena never uses addresses below this. Because its lowest usable
 * address is at least this large, `top - size` cannot wrap for any size below
 * it, so the inline path needs no overflow check for such sizes (for a
 * constant size the compiler removes the test entirely). Larger sizes take the
 * out-of-line path. Real regions never start this low (on Cortex-M the vector
 * table lives there; hosts never map page zero); one that does is trimmed.
 */
#define BUMP_ADDRESS_FLOOR 256U

/*
 * An arena's figures, as plain data: for logs, a fault handler, a debugger,
 * or the next boot (bump_postmortem).
 */
typedef struct {
    size_t capacity;          /* bump_capacity */
    size_t used;              /* bump_used */
    size_t high_water;        /* bump_high_water */
    size_t failures;          /* allocations, resizes and child inits refused since init */
    size_t last_failed_size;  /* the size and alignment of the newest of them (0 when none) */
    size_t last_failed_align;
    size_t refused_rewinds;   /* bump_rewind calls refused since init: stale or unrecorded marks */
    size_t unrecorded_marks;  /* marks taken while the record was full (see bump_mark) */
} bump_report_t;

/*
 * A mark of one arena, for bump_rewind: a plain value (24 bytes on 32-bit
 * cores, 32 on 64-bit hosts) whose members are private. It names a mark by
 * identity, never by position: the position lives in the arena's record.
 */
typedef struct {
    const bump_t *arena; /* whose mark it is */
    size_t depth;        /* its level in the arena's record of marks */
    uint64_t lifetime;   /* the arena's bump_init when it was taken */
    uint64_t serial;     /* its number among the marks of that lifetime */
} bump_mark_t;

/* What bump_epoch returns (members private): compare two with
 * bump_epoch_same. */
typedef struct {
    uint64_t lifetime;
    uint64_t releases;
} bump_epoch_t;

/* ==== Setting up an arena ==== */

/*
 * Makes `arena` hand out the `size` bytes at `mem`. `mem` needs no
 * alignment. Any previous state of `arena` is forgotten (its memory is not
 * touched). Sets no out-of-memory hook.
 * Returns false, leaving `arena` untouched, when `arena` is NULL, when `mem`
 * is NULL and `size` > 0, when the region wraps around the end of the
 * address space or its last byte is at UINTPTR_MAX (its end would not be an
 * address), or when `size` > PTRDIFF_MAX (C allows no larger object). On
 * success, every mark of `arena` taken before becomes stale, whatever the
 * bump_t held: each bump_init takes a new number for the arena from one
 * program-wide 64-bit count of inits (8 bytes outside any bump_t), and
 * nothing of the old state is read. Two bump_init calls may run at the same
 * time on different arenas (threads, an interrupt handler): each gets a
 * number of its own. On hosts that is one lock-free atomic add; on cores
 * without a lock-free 64-bit atomic (every Cortex-M, RV32) the count is
 * updated inside the CPU port's critical section (src/bump_port.h), so an
 * image for such a core links a CPU port (port/cpu/cortex-m or
 * port/cpu/riscv: the link fails naming bump_port_critical_enter without
 * one). A
 * zero-sized region is accepted: every allocation of one or more bytes then
 * fails. Bytes below BUMP_ADDRESS_FLOOR are left unused.
 */
BUMP_NODISCARD bool bump_init(bump_t *arena, void *mem, size_t size);

/* ==== Allocating ==== */

/*
 * Returns `size` bytes aligned to `align`, inside the region, or NULL when
 * they do not fit or `align` is not a non-zero power of two. `size` 0 gives a
 * non-NULL pointer, aligned, that must not be dereferenced (NULL only when no
 * address in the free part, [bump_floor, bump_top], has that alignment). The
 * block is the highest that fits: it ends at or below bump_top, which then
 * moves down to its start. Contents are undefined. A failed
 * call leaves the arena exactly as it was but for its failure record, and
 * calls the out-of-memory hook.
 */
BUMP_NODISCARD static inline void *bump_alloc(bump_t *arena, size_t size, size_t align);

/* As bump_alloc, with the block's `size` bytes set to zero. Inline, so for a
 * constant size (BUMP_NEW) the clearing becomes a few stores. */
BUMP_NODISCARD static inline void *bump_zalloc(bump_t *arena, size_t size, size_t align);

/* A zeroed T, aligned for T, or NULL. */
#define BUMP_NEW(arena, T) ((T *)bump_zalloc((arena), sizeof(T), alignof(T)))
/* `n` zeroed T's, aligned for T, or NULL (also when n * sizeof(T) overflows). */
#define BUMP_NEW_ARRAY(arena, T, n) ((T *)bump_zalloc_array((arena), (n), sizeof(T), alignof(T)))

/* As bump_alloc for `count` objects of `size` bytes each; NULL also when
 * count * size overflows. */
BUMP_NODISCARD static inline void *bump_alloc_array(bump_t *arena, size_t count, size_t size, size_t align);

/* As bump_alloc_array, with the block zeroed. */
BUMP_NODISCARD static inline void *bump_zalloc_array(bump_t *arena, size_t count, size_t size, size_t align);

/* ==== Growable blocks and resizing ==== */

/*
 * A growable block: `size` bytes aligned to `align`, taken from the low end of
 * the free part (it starts at the lowest address at or above bump_floor that
 * has that alignment, and bump_floor moves to its end), or NULL when they do
 * not fit or `align` is not a non-zero power of two. It becomes the arena's
 * current growable block (bump_growable), which bump_resize grows and shrinks
 * where it stands; the previous one stays allocated as it is. Plain blocks
 * come from the other end, so taking them does not end the growability; only
 * the next growable block, or the release of this one (by a reset or by a
 * rewind to a mark taken before it) does. Contents are undefined. A failed
 * call leaves the arena exactly as it was but for its failure record, and
 * calls the out-of-memory hook. O(1) (BUMP_MARK_DEPTH steps at most).
 */
BUMP_NODISCARD void *bump_alloc_growable(bump_t *arena, size_t size, size_t align);

/*
 * Resizes the block at `ptr` from `old_size` to `new_size` bytes, keeping its
 * first min(old_size, new_size) bytes; returns the block's new address.
 * - `ptr` NULL: the same as bump_alloc(arena, new_size, align).
 * - `ptr` the current growable block (bump_growable), with `old_size` at most
 *   its size (bump_floor - ptr) and `ptr` aligned to `align`: resized where it
 *   stands. The same pointer is returned and nothing is copied or cleared:
 *   O(1). bump_floor becomes ptr + new_size, so bump_used changes by exactly
 *   new_size - its size; a shrink gives the bytes back. It fails when new_size
 *   is larger than bump_top - ptr. Marks stay valid: a rewind to a mark taken
 *   after the block was taken keeps the block at its present size.
 * - `ptr` the most recent plain block (at bump_top): it is resized where it
 *   stands. Because plain blocks bump down, the block's end
 *   E = ptr + old_size stays and its start moves (its contents are moved with
 *   it, in time proportional to min(old_size, new_size)): the new start is
 *   the highest address at or below E - new_size aligned to `align`. So
 *   bump_used changes by new_size - old_size plus the padding (less than
 *   `align`) that alignment needs: exactly new_size - old_size when align is
 *   1, or when E - new_size is a multiple of `align` (for example when E is
 *   aligned and new_size is a multiple of `align`). Marks stay valid: the
 *   marks that stand at the block's start (taken after it, with nothing
 *   allocated since) move with its start, so a rewind to one keeps the block
 *   at its new size; marks taken before it lie above its end, which stays.
 *   For a block that grows step by step, take a growable block instead: this
 *   moves all of it at every step.
 * - any other block of the arena (in [bump_top, bump_end] or
 *   [bump_start, bump_floor)), when new_size <= old_size and `ptr` is aligned
 *   to `align`: `ptr` is returned; nothing is copied or released.
 * - any other `ptr`: a new plain block is taken and the contents copied; the
 *   old block stays allocated until a reset or rewind. `ptr` may lie outside
 *   the arena: it must then point to `old_size` readable bytes (not
 *   checkable). The region's end counts as inside (size-0 blocks may stand
 *   there).
 * `old_size` is meant to be the size the block was allocated or last resized
 * with. For the most recent plain block, a larger one takes in the older
 * plain blocks (and the padding between them) above it: a shrink then
 * releases them and a grow moves them. This is refused (NULL, nothing
 * changed) when ptr + old_size passes the position of a valid mark taken
 * before the block, or the region's end; otherwise it cannot be seen. For a
 * block in the growable part, [bump_start, bump_floor), ptr + old_size must
 * not pass bump_floor.
 * Returns NULL, with the arena (but for its failure record) and the old block
 * unchanged, and calls the out-of-memory hook, when the new size does not
 * fit, `align` is invalid, `ptr` points into the free part
 * [bump_floor, bump_top) (but for an empty current growable block standing at
 * bump_floor), or `old_size` is refused as above.
 */
BUMP_NODISCARD void *bump_resize(bump_t *arena, void *ptr, size_t old_size, size_t new_size, size_t align);

/* ==== Marks and scopes ==== */

/*
 * Marks. bump_mark saves the arena's present position; bump_rewind(arena, m)
 * later releases everything allocated since m was taken, plain and growable
 * blocks alike. Growth of a block taken before m is part of that block: a
 * rewind keeps it, whether the block is growable or the most recent plain
 * block resized in place (bump_resize moves the marks that stand on it with
 * its start).
 *
 * A mark is valid from bump_mark until the arena is reset, re-initialised
 * (bump_init on the same bump_t) or trimmed (bump_trim), or rewound to a mark
 * taken before it. Rewinding to a mark leaves it valid, so one mark serves a
 * loop that rewinds to it on every turn; marks nest, and are rewound in any
 * order that goes outward (straight to an outer mark too: the inner ones then
 * go stale). A rewind never releases any part of a block allocated before its
 * mark, and makes the growable block that was current when the mark was taken
 * (if it is still allocated) the current one again.
 *
 * A mark is named by its identity, not by its position: the arena's number
 * (each bump_init takes a new one, program-wide) and a serial that each new
 * mark takes in that arena's life. A stale mark is refused in every case
 * above, whatever has been allocated since, even when a valid mark now stands
 * at the same position and depth (a frame loop that resets and marks again
 * repeats both on every turn). Neither number wraps in any run a device can
 * live through: each takes 2^64 events to wrap (bump_init calls
 * program-wide; new marks in one arena's life).
 *
 * Marks taken at one point with nothing allocated between them are one and
 * the same mark: bump_mark returns the newest valid mark again when top
 * stands at its position and no growable block was taken since (both would
 * release the same blocks). So a scope per loop turn costs no depth. A
 * zero-sized plain block leaves top where it was, so the arena cannot tell
 * whether a mark at its position was taken before or after it: such a mark
 * counts as taken after the block.
 *
 * bump_mark cannot fail, uses no memory in the region and leaves bump_used
 * unchanged. The arena records BUMP_MARK_DEPTH valid marks at most (outermost
 * first); when the record is full, a further mark at a new point is not
 * recorded: rewinding to it returns false and releases nothing (what was
 * allocated after it is released by the next rewind to an outer mark, or a
 * reset). The report counts such marks (bump_report_t.unrecorded_marks).
 * Marks of other arenas (a child arena's included), and values made or edited
 * by hand, are refused unless equal in full to a valid mark of this arena.
 * O(1).
 */
bump_mark_t bump_mark(bump_t *arena);

/*
 * Releases everything allocated since `mark` was taken and returns true:
 * bump_used then equals what it was when the mark was taken, plus the change
 * since in the size of the blocks taken before it that grew or shrank in
 * place (that growth is theirs, which a rewind keeps). Returns false when
 * `mark` is not a valid mark of this arena (see above), and changes nothing
 * but the count of refused rewinds in the report (bump_report_t
 * .refused_rewinds), so that a scope that released nothing can be seen. O(1).
 */
BUMP_NODISCARD bool bump_rewind(bump_t *arena, bump_mark_t mark);

/* Releases every block, plain and growable; every mark becomes stale and
 * no growable block is current. The high-water mark is kept. O(1). */
void bump_reset(bump_t *arena);

#if defined(__GNUC__)
/*
 * Scratch memory for one scope: BUMP_SCOPE(scratch, arena) takes a mark, and
 * everything allocated in `arena` after it is released when the scope is
 * left by any path (return, break, goto), through the compiler's cleanup
 * attribute (GCC and Clang). Without it, take a mark and rewind at a single
 * exit. Its end is bump_rewind to its mark, so the marks' rules decide what
 * it releases:
 * - A scope in a loop costs no depth, and a block taken before the scope
 *   that grows in place inside it (a growable block, or the most recent
 *   plain block resized by bump_resize) keeps its growth: the scope
 *   releases what the turn allocated and nothing else.
 * - A block taken before the scope and resized inside it while it is not
 *   the most recent (something was allocated in the scope first) is copied:
 *   the copy is allocated in the scope, and released at its end.
 * - When the arena is reset inside the scope (a subsystem restarts), or
 *   re-initialised, or rewound to a mark taken before the scope, the scope's
 *   mark is stale: its end releases nothing, never memory that belongs to
 *   someone else, and counts a refused rewind (bump_report_t
 *   .refused_rewinds). What was allocated since stays until the next reset
 *   or rewind to an outer mark.
 * - A scope nested deeper than BUMP_MARK_DEPTH takes an unrecorded mark: its
 *   end releases nothing, and both counts show it (unrecorded_marks and
 *   refused_rewinds); the enclosing scope releases it all.
 */
typedef struct {
    bump_t *arena;
    bump_mark_t mark;
} bump_scope_t; /* members private */

static inline bump_scope_t bump_scope_begin(bump_t *arena);
static inline void bump_scope_end(bump_scope_t *scope);

#define BUMP_SCOPE(name, arena) \
    bump_scope_t(name) __attribute__((cleanup(bump_scope_end), unused)) = bump_scope_begin((arena))
#endif

/* ==== What an arena can tell ==== */

/* Bytes in use (blocks and their padding, plain and growable).
 * used + remaining == capacity. */
static inline size_t bump_used(const bump_t *arena);

/* Bytes still free; bump_alloc(arena, bump_remaining(arena), 1) succeeds. */
static inline size_t bump_remaining(const bump_t *arena);

/* The region's lowest usable address (after the trimming bump_init does). */
static inline void *bump_start(const bump_t *arena);

/* The boundary between the growable part [bump_start, bump_floor) and the
 * free part [bump_floor, bump_top): the end of the most recent growable
 * block, or bump_start when there is none. */
static inline void *bump_floor(const bump_t *arena);

/* The current growable block (see bump_alloc_growable), or NULL. */
static inline void *bump_growable(const bump_t *arena);

/* One past the region's highest usable address. */
static inline void *bump_end(const bump_t *arena);

/* The boundary between the free part [bump_floor, bump_top) and the plain
 * part [bump_top, bump_end): the start of the most recent plain block. */
static inline void *bump_top(const bump_t *arena);

/* Bytes the arena manages (the region, trimmed as bump_init says). */
static inline size_t bump_capacity(const bump_t *arena);

/* The peak of bump_used since bump_init, across resets and rewinds: the
 * figure to size the region by. */
static inline size_t bump_high_water(const bump_t *arena);

/* True exactly when `p` points into an allocated part of the region: the
 * plain part [bump_top, bump_end) or the growable part
 * [bump_start, bump_floor). */
static inline bool bump_owns(const bump_t *arena, const void *p);

/* ==== Safety: the out-of-memory hook, the failure record, the post-mortem ==== */

/* Sets (or, with NULL, clears) the out-of-memory hook. */
static inline void bump_set_oom_hook(bump_t *arena, bump_oom_hook_t hook);

/*
 * Fills `out` with the arena's figures, at any time, from the main loop or a
 * fault handler. The failure record: every allocation (alloc, zalloc, the
 * array forms, BUMP_NEW, atomic, growable), resize or bump_init_child that returns NULL
 * or false because of the request counts once, and records its size and
 * alignment; that is the only change a failed call makes. Apart from it,
 * refused_rewinds counts each bump_rewind that returned false (a refused
 * rewind changes nothing else) and unrecorded_marks each mark taken with the
 * record full. bump_init clears all of it. Under concurrent
 * bump_alloc_atomic failures the count is exact and the last size and
 * alignment each come from one of them. O(1).
 */
void bump_report(const bump_t *arena, bump_report_t *out);

/* Starts a new peak of bump_used from the present use: bump_high_water then
 * equals bump_used (to size sections per phase of the firmware). O(1). */
void bump_reset_high_water(bump_t *arena);

/*
 * Places an object (a bump_t) in the section .noinit, which startup code
 * neither copies nor zeroes, so that it survives a warm reset for
 * bump_postmortem. The image's linker script must place .noinit as NOLOAD:
 * INCLUDE linker/bump_noinit.ld where it has none.
 */
#if defined(__GNUC__)
#define BUMP_NOINIT __attribute__((section(".noinit")))
#else
#define BUMP_NOINIT
#endif

/*
 * After a reset (before bump_init): whether `arena` still holds a genuine
 * arena over the region `size` bytes at `mem`, as bump_init(arena, mem, size)
 * made it (or bump_trim narrowed it) in the previous boot; if so, fills `out`
 * with what that boot saw, its failure record included, and returns true.
 * The bump_t must survive the reset (BUMP_NOINIT); the region's contents
 * need not. Returns false, leaving `out` untouched, for anything else: RAM
 * after a cold boot, an arena bump_init made over another region (one inside
 * this region included, such as a child arena), or one whose state breaks an
 * invariant of the arena. The check is a seal that bump_init stores for the
 * region it was given, which random contents hold with a probability of
 * 2^-W (W the pointer width: 2^-32 on Cortex-M) even when their base, top
 * and end are plausible, and the arena's invariants: its bounds within the
 * region, the floor and top in order within them, the current growable block
 * below the floor, the high-water mark within the capacity, the record of
 * marks ordered within [top, end] and within its depth, no failed request
 * recorded without a count. Reads `arena` only. O(1) (BUMP_MARK_DEPTH steps at most).
 */
BUMP_NODISCARD bool bump_postmortem(const bump_t *arena, const void *mem, size_t size, bump_report_t *out);

/* ==== Child arenas ==== */

/*
 * A child arena: `size` bytes carved from `parent` (aligned for any object)
 * and handed to `child`, for a subsystem with its own budget. The child
 * lives as long as its block: once `parent` is reset or rewound past it, the
 * child must not be used again (re-init it). Returns false, changing neither
 * arena, when `child` is NULL; and, changing only the parent's failure
 * record, when the parent has no room (its out-of-memory hook is called
 * then).
 */
BUMP_NODISCARD static inline bool bump_init_child(bump_t *child, bump_t *parent, size_t size);

/* ==== For ports, concurrency and layers above the arena ==== */

/*
 * As bump_alloc, and safe to call on one arena from several threads at once,
 * and from interrupt handlers while the main loop allocates, provided every
 * caller that may overlap uses bump_alloc_atomic. It lives in src/bump_atomic.c:
 * build that file only if you call it. Where the core has a pointer-sized
 * compare-and-swap (x86-64, AArch64, ARMv7-M: Cortex-M3/M4/M7, ARMv8-M
 * Mainline: Cortex-M33/M55, RISC-V with the A extension: rv32imac) it is
 * lock-free: a caller retries only when another one took memory in between.
 * Without it (ARMv6-M: Cortex-M0/M0+; RISC-V without A: rv32imc) it runs in a
 * short critical section supplied by a CPU port (src/bump_port.h;
 * port/cpu/cortex-m masks interrupts with PRIMASK, port/cpu/riscv clears
 * mstatus.MIE, and each restores the previous state, so it nests): link that
 * port too, or the link fails naming bump_port_critical_enter. The out-of-memory hook runs outside any critical
 * section.
 * Never at the same time as bump_alloc, zalloc, alloc_growable, resize, mark,
 * rewind, reset or init on the same arena: a plain bump_alloc racing with it could hand out the
 * same memory twice. Call those only when no atomic caller can run (before
 * threads start, with the interrupt masked). bump_used, bump_remaining,
 * bump_owns, bump_high_water and bump_top may be called meanwhile: they read
 * the arena atomically (relaxed) and give a snapshot that may already be stale.
 */
BUMP_NODISCARD void *bump_alloc_atomic(bump_t *arena, size_t size, size_t align);

/*
 * For ports that reserve the ends of an arena's region for themselves (the
 * MPU guard of port/cpu/cortex-m): takes `below` bytes from the start of the
 * region of an empty arena and `above` bytes from its end. The out-of-memory
 * hook is kept; every mark becomes stale, no growable block is current (an
 * empty one is forgotten) and the high-water mark starts again from 0.
 * Returns false, changing nothing, when the arena is not empty (bump_used >
 * 0) or its capacity is less than below + above. O(1).
 */
BUMP_NODISCARD bool bump_trim(bump_t *arena, size_t below, size_t above);

/* The allocation as a function: exactly bump_alloc's contract, for where a
 * function (not an inline) is needed, for example through a pointer. Without
 * poisoning it is bump_alloc's general path (bump_alloc_checked); in ASan and
 * valgrind builds bump_alloc calls it for every request, to unpoison the
 * block. */
BUMP_NODISCARD void *bump_alloc_slow(bump_t *arena, size_t size, size_t align);

/*
 * For layers above the arena that keep pointers into it (the adapters' lists
 * of freed blocks): the arena's lifetime and its count of releases. Two
 * epochs read at two times are the same (bump_epoch_same) only when the arena
 * released no memory in between: no reset, rewind, trim, shrink or re-init.
 * It may also change when nothing was released (a rewind to a mark with
 * nothing after it). O(1).
 */
static inline bump_epoch_t bump_epoch(const bump_t *arena);
static inline bool bump_epoch_same(bump_epoch_t a, bump_epoch_t b);

/* ======================================================================
 * Not for users: the arena's private layout and the inline definitions the
 * fast path needs. Nothing below is API; it may change in any release.
 * ====================================================================== */

/*
 * Released memory is poisoned when the build asks for it: under
 * AddressSanitizer (detected), under valgrind (-DBUMP_VALGRIND) or with a fill
 * byte (-DBUMP_POISON_FILL=0xA5, for firmware debuggers). The first two must
 * also unpoison each new block, so in those builds every allocation goes out
 * of line; a build that asks for none of it pays nothing.
 *
 * What ASan sees. Its shadow has one byte per 8-byte granule, which can only
 * say "the first k bytes of this granule are addressable", so the arena
 * rounds in the direction that never marks a live byte poisoned:
 * - Every byte of every live block is addressable, whatever poisoned it
 *   before: this arena, or an earlier arena on the same memory (re-init).
 * - A released byte is reported when touched, except in a granule that also
 *   holds bytes that must stay addressable: the granule of the arena's top
 *   (the live block above it starts there) and the granule of the region's
 *   end when the bytes after the region are addressable. So up to 7 released
 *   bytes just below top (below a rewound-to mark, a shrunk block's new
 *   start, the newest block) go unreported. A granule that lies wholly below
 *   top is poisoned whole, even when it was released in two steps. Growable
 *   blocks grow upward, as a granule's addressable bytes do: what a growable
 *   block gives back (a shrink, a rewind, a reset) is reported from its first
 *   byte, up to top.
 * - Alignment padding between blocks is not poisoned when it is handed out:
 *   an overrun into it is seen only when it was released memory before and
 *   fills whole granules.
 * - ASan checks a range (memset, memcpy: bump_zalloc's clearing and
 *   bump_resize's copy too) by its first and last bytes and the whole
 *   granules between, so a poisoned byte later in the range's first granule
 *   goes unseen there. A wrongly poisoned byte in a new block once escaped
 *   bump_zalloc that way and surfaced at a later read as "unknown-crash";
 *   the arena relies on no such check, and its tests ask byte by byte.
 * - Only poison written by arenas is cleared from a new block: memory the
 *   program poisoned itself (ASAN_POISON_MEMORY_REGION) must be unpoisoned
 *   before bump_init. Shadow is read or written only for memory an arena
 *   poisoned, never for the rest of a fresh block, so a fresh block of any
 *   size costs nothing there; each allocation and release takes one global
 *   spin lock in these builds (see src/bump_internal.h).
 * Under valgrind the same holds byte for byte: every released byte is
 * reported until it is handed out again, and no live one.
 */
#if defined(__SANITIZE_ADDRESS__)
#define BUMP_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define BUMP_ASAN 1
#endif
#endif
#if defined(BUMP_ASAN) || defined(BUMP_VALGRIND)
#define BUMP_INSTRUMENTED 1
#endif

#if defined(__GNUC__)
#define BUMP_LIKELY(x) (__builtin_expect((long)(x), 1L) != 0L)
/* For the refusal hand-offs: never inlined into the allocation paths, whose
 * registers they would cost. */
#define BUMP_NOINLINE __attribute__((noinline))
#else
#define BUMP_LIKELY(x) (x)
#define BUMP_NOINLINE
#endif

/*
 * The arena. A plain struct: place it statically, on the stack or inside
 * another struct. Its fields are private: read it through the functions
 * below (bump_start, bump_floor, bump_top and bump_end give its addresses).
 * `top` and `floor_neg` come first and side by side so one LDRD loads both.
 * The floor is stored negated so that a bump_t of zeros (static storage never
 * given to bump_init) is an empty arena with no room: the inline path's
 * bounds test is the carry of p + floor_neg, which 0 never gives.
 * Size: 15 words and three 64-bit counters, plus 3 words, a 64-bit serial and
 * a byte per level of BUMP_MARK_DEPTH (256 bytes on 32-bit cores, 408 on
 * 64-bit hosts, with the default depth of 8).
 */
struct bump_arena {
    uintptr_t top;            /* plain blocks lie in [top, limit) */
    uintptr_t floor_neg;      /* 0 - floor: growable blocks lie in [start, floor), [floor, top) is free */
    uintptr_t limit;          /* one past the highest usable address */
    uintptr_t start;          /* lowest usable address */
    uintptr_t grow;           /* the current growable block; 0: none */
    size_t grow_depth;        /* how many marks were recorded when it was taken */
    size_t peak;              /* bump_used's peak, brought up to date when memory is released */
    bump_oom_hook_t oom_hook; /* NULL: none */
    size_t marks;             /* valid marks recorded: depths 0 .. marks - 1 */
    /* The failure record, written on failure paths only. */
    size_t failures;          /* failed requests since init (saturates) */
    size_t last_failed_size;
    size_t last_failed_align;
    size_t refused_rewinds;   /* rewinds refused since init (saturates) */
    size_t unrecorded_marks;  /* marks taken with the record full (saturates) */
    uintptr_t seal;           /* set by init from the region's bounds: see bump_postmortem */
    uint64_t lifetime;        /* this bump_init's number, program-wide: see src/bump.c */
    uint64_t serial;          /* the last serial a recorded mark took in this lifetime */
    uint64_t releases;        /* releases in this lifetime: see bump_epoch */
    /* The record of marks, last: every field above is within a Cortex-M0
     * load's reach of `top`. */
    uintptr_t mark_top[BUMP_MARK_DEPTH];  /* top at each, outermost first */
    uintptr_t mark_base[BUMP_MARK_DEPTH]; /* base at each (see src/bump.c) */
    uintptr_t mark_grow[BUMP_MARK_DEPTH]; /* the current growable block at each */
    uint64_t mark_serial[BUMP_MARK_DEPTH]; /* the serial of the mark recorded at each */
    unsigned char mark_grow_depth[BUMP_MARK_DEPTH]; /* and its grow_depth */
};


/* For bump_alloc only: the answer to a request that was refused, its size and
 * alignment given: the failure record, the out-of-memory hook, then NULL.
 * A constant request the inline path proved valid (size below
 * BUMP_ADDRESS_FLOOR, align a power of two) can only miss by not fitting, and
 * calls this directly; so does every other refusal of the inline path but on
 * Thumb-2 (see bump_alloc_refusal). */
BUMP_NOINLINE void *bump_alloc_failed(bump_t *arena, size_t size, size_t align);

/* For bump_alloc only: as bump_alloc_failed for a request the inline path
 * refused on Thumb-2, given as `below`, arena->top - size modulo 2^W (W the
 * pointer width), instead of the size: the size is dead by then, and the
 * caller keeps one register less (see bump_alloc_refusal). The size is
 * recovered exactly, as top - below modulo 2^W, because a refusal leaves top
 * as it was. */
BUMP_NOINLINE void *bump_alloc_refused(bump_t *arena, uintptr_t below, size_t align);

/* True when the compiler knows `align` and it is a power of two, so the inline
 * path needs no alignment test; BUMP_KNOWN_VALID when it knows `size` too and
 * it is below BUMP_ADDRESS_FLOOR, so a miss there can only mean "does not
 * fit". */
#if defined(__GNUC__)
#define BUMP_KNOWN_ALIGN(align) \
    (__builtin_constant_p(align) && ((align) != 0U) && (((align) & ((align) - 1U)) == 0U))
#define BUMP_KNOWN_VALID(size, align) \
    (__builtin_constant_p(size) && ((size) < BUMP_ADDRESS_FLOOR) && BUMP_KNOWN_ALIGN(align))
#else
#define BUMP_KNOWN_ALIGN(align) false
#define BUMP_KNOWN_VALID(size, align) false
#endif

/* align - 1, the bits below an alignment. The one deliberate modular
 * operation: for align 0 it wraps to UINTPTR_MAX, so the power-of-two test
 * passes and the mask ~(align - 1) is 0; p is then 0 and fails the bounds
 * check (tests/host/ubsan-unsigned.supp names it, and only it). */
static inline uintptr_t bump_align_low_bits(size_t align)
{
    return (uintptr_t)align - 1U;
}

/* The floor, from its negation (see bump_arena). */
static inline uintptr_t bump_floor_addr(const bump_t *arena)
{
    return 0U - arena->floor_neg; /* modulo 2^W, by design */
}

/* Whether a block starting at `p` stays at or above the floor whose
 * negation is `floor_neg`: p + floor_neg carries exactly when p >= floor, and
 * never when floor_neg is 0 (a zero-initialised bump_t: no room). One
 * instruction on Thumb-2 (cmn, then a branch on the carry), as p >= floor
 * is. */
static inline bool bump_clears_floor(uintptr_t p, uintptr_t floor_neg)
{
    /* The sum wraps exactly when it carries. Each compiler gets the form it
     * turns into an add (or cmn) and a branch on the carry with the success
     * path inline: GCC loses the likely hint through __builtin_add_overflow
     * and moves the success path out of a loop (make bench-qemu: 10.2
     * instructions per allocation on Cortex-M4 against 5.2); Clang rewrites
     * the plain comparison into three more instructions on x86-64. */
#if defined(__clang__)
    uintptr_t sum;
    return __builtin_add_overflow(p, floor_neg, &sum);
#else
    return (p + floor_neg) < p;
#endif
}

/* top - size into *below, and whether the size fits under top: the
 * subtraction's own borrow refuses a size above top, so nothing wraps into
 * the region. */
static inline bool bump_fits_below(uintptr_t top, size_t size, uintptr_t *below)
{
#if defined(__GNUC__)
    return !__builtin_sub_overflow(top, size, below);
#else
    *below = top - size; /* unsigned, so defined; used only when it fits */
    return size <= top;
#endif
}

/* A refusal of the inline path, handed off in the form that costs it least.
 * On Thumb-2, `below` (top - size), which takes the size's register once the
 * size is subtracted, so the size needs none of its own (bump_alloc_refused
 * recovers it). Elsewhere the size: Thumb-1 and x86-64 subtract from a copy
 * of top, so the size stays where it is and keeping `below` would cost a copy
 * (make bench-host: 9 instructions per inlined allocation against 8), and
 * RISC-V has registers to spare. */
static inline void *bump_alloc_refusal(bump_t *arena, size_t size, uintptr_t below, size_t align)
{
#if defined(__thumb2__)
    (void)size;
    return bump_alloc_refused(arena, below, align);
#else
    (void)below;
    return bump_alloc_failed(arena, size, align);
#endif
}

/* An empty asm statement (it emits nothing) on top and floor_neg: it steers
 * the register choice of GCC 12 and clang 14 on Thumb-2, so that one ldrd
 * loads both into registers the checks then reuse and a called allocation
 * fits the five scratch registers. Without it each saves and restores one
 * more register (make bench-qemu, mps2-an386, instructions per call: gcc
 * 17.0 against 16.1 with size and alignment unknown, 13.1 against 11.1 with
 * a constant alignment; make bench-qemu-clang: 18.0 against 15.0). */
#if defined(__GNUC__)
#define BUMP_STEER_REGISTERS(top, floor_neg) __asm__("" : "+r"(top), "+r"(floor_neg))
#else
#define BUMP_STEER_REGISTERS(top, floor_neg) ((void)0)
#endif

/* A size known only at run time and an alignment the compiler knows is a
 * power of two (bump_alloc(a, n, 8)): two tests, the subtraction's borrow,
 * and p >= the floor (rounding down keeps p <= top - size, so no other bound
 * is needed). */
static inline void *bump_alloc_known_align(bump_t *arena, size_t size, size_t align)
{
    uintptr_t top = arena->top;
    uintptr_t floor_neg = arena->floor_neg;
    uintptr_t below;
    BUMP_STEER_REGISTERS(top, floor_neg);
    if (BUMP_LIKELY(bump_fits_below(top, size, &below))) {
        uintptr_t p = below & ~bump_align_low_bits(align);
        if (BUMP_LIKELY(bump_clears_floor(p, floor_neg))) {
            arena->top = p;
            return (void *)p;
        }
    }
    return bump_alloc_refusal(arena, size, below, align);
}

/* The general allocation, every check made, for any size and alignment: the
 * inline path when the alignment is not a known power of two, and
 * bump_alloc_slow. Three tests, each refusing on its own: the borrow of
 * top - size; `align & (align - 1)`, for an alignment that is not a power of
 * two; and p >= the floor (an align of 0 gives the mask 0 and p == 0, refused
 * there). Written apart, the first two stay two branches with clang, which
 * merges tests that share one refusal into arithmetic on the flags (make
 * bench-qemu-clang, mps2-an386: 15.0 instructions per call against 17.0).
 * The empty asm statement on `low` hides from both compilers that the mask
 * ~(align - 1) is -align, which they would build with a negation beside the
 * align - 1 the test needs (make bench-qemu and bench-qemu-clang,
 * mps2-an386: one instruction per call more without it). */
static inline void *bump_alloc_checked(bump_t *arena, size_t size, size_t align)
{
    uintptr_t top = arena->top;
    uintptr_t floor_neg = arena->floor_neg;
    uintptr_t low = bump_align_low_bits(align);
    uintptr_t below;
#if defined(__GNUC__)
    __asm__("" : "+r"(low));
#endif
    BUMP_STEER_REGISTERS(top, floor_neg);
    if (!BUMP_LIKELY(bump_fits_below(top, size, &below))) {
        return bump_alloc_refusal(arena, size, below, align);
    }
    if (!BUMP_LIKELY((align & low) == 0U)) {
        return bump_alloc_refusal(arena, size, below, align);
    }
    uintptr_t p = below & ~low;
    if (BUMP_LIKELY(bump_clears_floor(p, floor_neg))) {
        arena->top = p;
        return (void *)p;
    }
    return bump_alloc_refusal(arena, size, below, align);
}

static inline void *bump_alloc(bump_t *arena, size_t size, size_t align)
{
    /* A constant request proven valid: size < BUMP_ADDRESS_FLOOR <= top, so
     * top - size cannot wrap (see above) and p >= the floor is the only check;
     * a miss can only mean "does not fit". A known power-of-two alignment
     * needs no alignment test; anything else takes the general path.
     * Sanitizer builds always go out of line, where released memory is
     * unpoisoned. */
#ifndef BUMP_INSTRUMENTED
    if (BUMP_KNOWN_VALID(size, align)) {
        uintptr_t p = (arena->top - size) & ~bump_align_low_bits(align);
        if (BUMP_LIKELY(bump_clears_floor(p, arena->floor_neg))) {
            arena->top = p;
            return (void *)p;
        }
        return bump_alloc_failed(arena, size, align);
    }
    if (BUMP_KNOWN_ALIGN(align)) {
        return bump_alloc_known_align(arena, size, align);
    }
    return bump_alloc_checked(arena, size, align);
#else
    return bump_alloc_slow(arena, size, align);
#endif
}

static inline void *bump_zalloc(bump_t *arena, size_t size, size_t align)
{
    void *p = bump_alloc(arena, size, align);
    /* No block exceeds PTRDIFF_MAX (bump_init refuses larger regions), so the size
     * test is always true here; it tells the compiler so, which keeps a
     * constant SIZE_MAX request from warning about the memset. */
    if ((p != NULL) && (size <= (size_t)PTRDIFF_MAX)) {
        (void)BUMP_MEMSET(p, 0, size);
    }
    return p;
}

/* count * size, or SIZE_MAX when that overflows: no region is that large, so
 * the request then fails like any other that does not fit. For a constant
 * size (sizeof(T)) the division folds into one comparison. */
static inline size_t bump_array_bytes(size_t count, size_t size)
{
    return ((size != 0U) && (count > (SIZE_MAX / size))) ? SIZE_MAX : (count * size);
}

static inline void *bump_alloc_array(bump_t *arena, size_t count, size_t size, size_t align)
{
    return bump_alloc(arena, bump_array_bytes(count, size), align);
}

static inline void *bump_zalloc_array(bump_t *arena, size_t count, size_t size, size_t align)
{
    return bump_zalloc(arena, bump_array_bytes(count, size), align);
}

/* 1 where __atomic_load_n of a word is an ordinary load instruction. gcc
 * inlines it on every target; clang, where word atomics are not always
 * lock-free (ARMv6-M), calls __atomic_load_4, which arm-none-eabi's libgcc
 * does not have. Without it, a plain load of the aligned word is the same
 * single instruction. */
#if defined(__GNUC__) && (!defined(__clang__) || (__CLANG_ATOMIC_POINTER_LOCK_FREE == 2))
#define BUMP_ATOMIC_LOAD_INLINE 1
#else
#define BUMP_ATOMIC_LOAD_INLINE 0
#endif

/* The arena's top, read so that bump_alloc_atomic may run meanwhile (a
 * relaxed atomic load: an ordinary load instruction on every target). */
static inline uintptr_t bump_read_top(const bump_t *arena)
{
#if BUMP_ATOMIC_LOAD_INLINE
    return __atomic_load_n(&arena->top, __ATOMIC_RELAXED);
#else
    return arena->top;
#endif
}

static inline size_t bump_used(const bump_t *arena)
{
    return (arena->limit - bump_read_top(arena)) + (bump_floor_addr(arena) - arena->start);
}

static inline size_t bump_remaining(const bump_t *arena)
{
    return bump_read_top(arena) - bump_floor_addr(arena);
}

static inline void *bump_start(const bump_t *arena)
{
    return (void *)arena->start;
}

static inline void *bump_floor(const bump_t *arena)
{
    return (void *)bump_floor_addr(arena);
}

static inline void *bump_growable(const bump_t *arena)
{
    return (void *)arena->grow;
}

static inline void *bump_end(const bump_t *arena)
{
    return (void *)arena->limit;
}

static inline void *bump_top(const bump_t *arena)
{
    return (void *)bump_read_top(arena);
}

static inline size_t bump_capacity(const bump_t *arena)
{
    return arena->limit - arena->start;
}

static inline size_t bump_high_water(const bump_t *arena)
{
    size_t used = bump_used(arena);
    return (used > arena->peak) ? used : arena->peak;
}

static inline bool bump_owns(const bump_t *arena, const void *p)
{
    uintptr_t addr = (uintptr_t)p;
    return ((addr >= bump_read_top(arena)) && (addr < arena->limit)) ||
           ((addr >= arena->start) && (addr < bump_floor_addr(arena)));
}

static inline void bump_set_oom_hook(bump_t *arena, bump_oom_hook_t hook)
{
    arena->oom_hook = hook;
}

static inline bool bump_init_child(bump_t *child, bump_t *parent, size_t size)
{
    void *block = (child != NULL) ? bump_alloc(parent, size, alignof(max_align_t)) : NULL;
    return (block != NULL) && bump_init(child, block, size);
}

#if defined(__GNUC__)
static inline bump_scope_t bump_scope_begin(bump_t *arena)
{
    bump_scope_t scope = {arena, bump_mark(arena)};
    return scope;
}

static inline void bump_scope_end(bump_scope_t *scope)
{
    (void)bump_rewind(scope->arena, scope->mark);
}
#endif

static inline bump_epoch_t bump_epoch(const bump_t *arena)
{
    bump_epoch_t epoch = {arena->lifetime, arena->releases};
    return epoch;
}

static inline bool bump_epoch_same(bump_epoch_t a, bump_epoch_t b)
{
    return (a.lifetime == b.lifetime) && (a.releases == b.releases);
}

#if defined(BUMP_PEDANTIC_OFF)
#pragma GCC diagnostic pop
#endif

#ifdef __cplusplus
}
#endif

#endif /* C11 */
#endif /* BUMP_H */
