/* SPDX-License-Identifier: MIT */
/*
 * Adapters: the one way to put a C library's allocator hooks on an arena.
 * They live in src/bump_hooks.c: build that file only if you use them.
 *
 * A bump_hooks_t sits over one arena (bump_hooks_init) and is what every
 * hook is given: its `ud`, `opaque` or global. It keeps the blocks a library
 * frees on lists, one per size class, and hands them out again: a library
 * that frees and allocates all the time (Lua's collector, expat's buffers,
 * mbedTLS's bignums) runs in memory bounded by what it holds, not by what it
 * ever asked for. The lists live in the freed blocks themselves (two words at
 * the start of each); the bump_hooks_t holds only their heads, a bitmap and
 * counts. Nothing is allocated outside the arena.
 *
 * Guarantees, for every call:
 * - O(1): no loop depends on the number of blocks, their sizes or the
 *   arena's state. Copies (a grow that moves, bump_sized_calloc's zeroing)
 *   are O(size), as realloc's and calloc's are.
 * - Every block is aligned to BUMP_HOOK_ALIGN, as malloc's are, and takes
 *   the bytes of its size class (below): at most 25% more than asked, plus
 *   the BUMP_HOOK_HEADER of the bump_sized_* forms.
 * - Safe with the arena's own releases: the lists are dropped, in O(1), when
 *   the arena has released memory since the adapters last looked (a reset, a
 *   rewind, a trim, a shrink, a re-init: bump_epoch), so no list ever hands
 *   out memory that the arena released or gave to someone else. A rewind to
 *   a mark therefore releases the adapters' blocks taken after it as it
 *   releases any other block. What the adapters give back themselves (a free
 *   of the most recent block) keeps the lists.
 * - A request that does not fit, or whose size overflows, returns NULL and
 *   leaves the old block as it was; the arena's failure record counts it and
 *   its out-of-memory hook is called, as for bump_alloc.
 *
 * Size classes. A block of n bytes (n plus BUMP_HOOK_HEADER for the sized
 * forms, and at least 1) takes g granules of BUMP_HOOK_ALIGN bytes, rounded
 * up to its class: 1, 2, 3 or 4 granules, then four classes per doubling,
 * (5, 6, 7, 8) x 2^k granules. A freed block goes on its class's list
 * (last in, first out) and a request of that class takes it back; a list
 * serves only its own class: blocks are never split or merged (see
 * bump_hooks.c for why). Bound: between two releases by the arena, the
 * adapters' blocks take at most, summed over the classes, the most blocks of
 * that class live at one time times the class's size. When the sizes a
 * library frees are the sizes it asks for again, that is close to the most
 * bytes ever live, plus up to 25% of rounding (make bench measures it on
 * each client). The worst case is a library that frees only blocks of sizes
 * it never asks for again: those bytes wait on their list until the arena
 * releases them (a reset), and the sum above is all the bound there is.
 *
 * The rules of every shape:
 * - A shrink returns the same pointer and copies nothing. The bytes are
 *   given back only when the block is the arena's current growable block.
 * - A grow within the block's class returns the same pointer. A grow of the
 *   current growable block happens in place (nothing copied). A grow of any
 *   other block takes a block of the new class from its list, or else a new
 *   growable block (so that the next grow is in place), copies the old
 *   contents once and frees the old block.
 * - A free gives the block back to the arena when it is the most recent block
 *   (at bump_top, or the current growable block) and nothing stands in the
 *   way (a valid mark at its start, or a size that reaches past the newest
 *   mark or the region's end: then, as for any other block, it goes on its
 *   list). Every other freed block goes on its list.
 * - A new size of 0 frees (ptr NULL: nothing) and returns NULL, in every
 *   realloc shape. A request of 0 bytes gets a block of one granule: a
 *   distinct pointer, as malloc(0) in glibc.
 *
 * Bad pointers. A pointer is refused (realloc: NULL; free: ignored and
 * counted; size: 0) when it is not aligned to BUMP_HOOK_ALIGN or the range it
 * claims (for the sized forms, its header and its block) is not inside an
 * allocated part of the arena's region; nothing is read or written through
 * it then. Beyond that:
 * - The bump_sized_* forms read the header below the pointer: it must hold
 *   a size and a check word that fit its address, so an aligned pointer
 *   inside a block is refused unless the block's own bytes just below it
 *   happen to form such a header (a check, not a proof).
 * - The forms that pass the size (bump_hook_*, bump_lua_alloc) keep no
 *   header and cannot tell an aligned pointer inside a block from a block:
 *   they take [ptr, ptr + old_size) for the block, as long as it lies in an
 *   allocated part. `old_size` must be the size the block was allocated or
 *   last resized with: a free given a larger size may give back the blocks
 *   above the most recent one, and a block freed with the wrong size goes on
 *   the wrong list.
 * - Repeated frees. A freed block's first two words hold its list link and a
 *   tag of its address, its link and the adapters' generation (which changes
 *   when the lists are dropped); a free of a block that carries that tag is
 *   ignored and counted as repeated. So a second free of the same pointer is
 *   detected while its block waits on a list. Once the block is handed out
 *   again (the next request of its class takes it, last in first out), the
 *   pointer names the new block, and a further free of it frees the new
 *   block, as with any malloc: nothing in a pointer tells the two apart. A
 *   block given back to the arena is no longer in an allocated part, so a
 *   second free of it is refused (counted as foreign) until the arena hands
 *   that memory out again. A live block whose first two words happen to
 *   form the tag is taken for a freed one: its free is ignored and counted
 *   (a leak until the next reset, never a block handed out twice).
 *
 * Threads. A bump_hooks_t and its arena are one allocator: calls on it must
 * not overlap. Give each thread its own (over its own arena, or over a child
 * arena: bump_init_child), or set a lock (bump_hooks_set_lock) that every
 * call then takes and releases: the adapters call no lock otherwise.
 * Nothing else in the arena may allocate from it while the lock is not held.
 */
#ifndef BUMP_HOOKS_H
#define BUMP_HOOKS_H

#include <stdalign.h>
#include <stddef.h>

#include "bump.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The alignment of every block the adapters hand out: malloc's. It is also
 * the granule of the size classes. */
#define BUMP_HOOK_ALIGN alignof(max_align_t)

/* The header of a bump_sized_* block, just below it: two size_t, its usable
 * size and a check word, size ^ (the header's address) ^ BUMP_HOOK_CHECK_KEY
 * (the key keeps a header of zeros from passing for a block of size 0),
 * padded to BUMP_HOOK_ALIGN: 8 bytes on Cortex-M, 16 on x86-64 and AArch64. */
#define BUMP_HOOK_CHECK_KEY ((size_t)0x5bd1e995U)
#define BUMP_HOOK_HEADER \
    ((BUMP_HOOK_ALIGN > (2U * sizeof(size_t))) ? BUMP_HOOK_ALIGN : (2U * sizeof(size_t)))

/* The bits of a size_t (bytes of 8 bits: bump_hooks.c checks it; limits.h
 * is not in every toolchain without a C library). */
#define BUMP_HOOK_WORD_BITS (8U * sizeof(size_t))

/* log2(BUMP_HOOK_ALIGN), for the number of classes. */
#define BUMP_HOOK_ALIGN_SHIFT                                                              \
    ((BUMP_HOOK_ALIGN >= 64U) ? 6U : (BUMP_HOOK_ALIGN >= 32U) ? 5U : (BUMP_HOOK_ALIGN >= 16U) ? 4U \
     : (BUMP_HOOK_ALIGN >= 8U) ? 3U : 2U)

/*
 * How many size classes keep their freed blocks: the smallest ones. The
 * default covers every size below SIZE_MAX / 2 (108 lists on Cortex-M, 232 on
 * 64-bit hosts); a smaller figure saves a pointer per class in bump_hooks_t,
 * and a freed block of a larger class is then given back only when it is the
 * most recent one (class c, from 0, holds blocks of up to c + 1 granules for
 * c < 4, then (5 + c % 4) x 2^(c / 4 - 1) granules). At least 1.
 */
#ifndef BUMP_HOOK_LISTS
#define BUMP_HOOK_LISTS (4U * (BUMP_HOOK_WORD_BITS - 2U - BUMP_HOOK_ALIGN_SHIFT))
#endif

/* Called around every adapter call when set: see bump_hooks_set_lock. */
typedef void (*bump_hooks_lock_t)(void *context);

/*
 * The adapters' state over one arena. A plain struct: place it statically,
 * on the stack or inside another struct, and give it to bump_hooks_init. Its
 * fields are private: read them through bump_hooks_report. Its size is
 * BUMP_HOOK_LISTS pointers plus 12 words or so (about 480 bytes on Cortex-M,
 * 1.9 KiB on 64-bit hosts with the default number of lists).
 */
typedef struct {
    bump_t *arena;
    bump_epoch_t seen;  /* the arena's epoch when the lists were last known good */
    size_t generation;  /* changes when the lists are dropped; part of each freed block's tag */
    size_t live;        /* blocks handed out and not freed */
    size_t listed;      /* bytes on the lists */
    size_t reused;      /* requests served from a list */
    size_t foreign;     /* frees and reallocs refused: not a block of this arena */
    size_t repeated;    /* frees of a block already freed */
    bump_hooks_lock_t lock;
    bump_hooks_lock_t unlock;
    void *lock_context;
    size_t nonempty[(BUMP_HOOK_LISTS + BUMP_HOOK_WORD_BITS - 1U) / BUMP_HOOK_WORD_BITS];
    void *list[BUMP_HOOK_LISTS];
} bump_hooks_t;

/*
 * The adapters' figures, as plain data.
 */
typedef struct {
    size_t live_blocks;    /* blocks handed out and not yet freed (see below) */
    size_t listed_bytes;   /* bytes of freed blocks waiting on the lists */
    size_t reused;         /* requests served from a list, since init */
    size_t foreign_frees;  /* frees and reallocs of pointers that are not blocks of this arena */
    size_t repeated_frees; /* frees of a block that was already freed */
} bump_hooks_report_t;

/*
 * Puts the adapters over `arena`, with empty lists and counts of 0 and no
 * lock. Call it again to forget everything (after bump_init of the arena, or
 * to start counting again). `arena` must stay valid while `hooks` is used.
 * Nothing else in the arena changes. O(1).
 */
void bump_hooks_init(bump_hooks_t *hooks, bump_t *arena);

/*
 * Sets the lock every adapter call takes: lock(context) on entry, and
 * unlock(context) before it returns (the out-of-memory hook runs inside).
 * NULL for both: no lock (the default). Not itself locked: set it before
 * the threads start.
 */
void bump_hooks_set_lock(bump_hooks_t *hooks, bump_hooks_lock_t lock, bump_hooks_lock_t unlock, void *context);

/*
 * The adapters' figures. live_blocks counts each block handed out (a realloc
 * that moves a block counts once) less each free recognised; it becomes 0
 * when the adapters find the arena empty after a release, so after a reset
 * it is 0, and a partial rewind leaves in it the blocks it released: 0 means
 * the library holds no block, which is the point to reset. O(1).
 */
void bump_hooks_report(bump_hooks_t *hooks, bump_hooks_report_t *out);

/*
 * malloc/realloc/free when the caller knows each block's size: no header.
 * bump_hook_malloc: `size` bytes, or NULL.
 * bump_hook_realloc: as realloc, with `old_size` the size the block was
 *   allocated or last resized with: `ptr` NULL allocates; `new_size` 0 frees
 *   and returns NULL; a shrink returns `ptr`; a grow follows the rules above.
 *   NULL when it does not fit (the old block is kept) or when `ptr` is not a
 *   block of this arena (see Bad pointers).
 * bump_hook_free: as free; NULL is ignored; pointers that are not blocks of
 *   this arena, and repeated frees, are ignored and counted.
 */
void *bump_hook_malloc(bump_hooks_t *hooks, size_t size);
void *bump_hook_realloc(bump_hooks_t *hooks, void *ptr, size_t old_size, size_t new_size);
void bump_hook_free(bump_hooks_t *hooks, void *ptr, size_t size);

/*
 * malloc/calloc/realloc/free when the caller passes no size: each block
 * carries a header of BUMP_HOOK_HEADER bytes with its usable size and a check
 * word.
 * bump_sized_malloc: `size` usable bytes, or NULL (also when size plus the
 *   header overflows).
 * bump_sized_calloc: `count` x `size` bytes, zeroed, or NULL (also when the
 *   product overflows: a failure counted as a request of SIZE_MAX bytes).
 * bump_sized_realloc: as realloc: `ptr` NULL allocates; `new_size` 0 frees
 *   and returns NULL; a new size within the block's usable size returns
 *   `ptr` (the current growable block shrinks in place); a grow follows the
 *   rules above. NULL, the block kept, when it does not fit or `ptr` is not
 *   such a block of this arena (counted as a foreign pointer).
 * bump_sized_free: as free; NULL is ignored; pointers that are not such
 *   blocks, and repeated frees, are ignored and counted (see Bad pointers
 *   for what is detected).
 * bump_sized_size: the block's usable size (at least what was asked for,
 *   up to the end of its class: what SQLite's xSize and malloc_usable_size
 *   return), 0 for NULL or a pointer that is not such a block.
 * bump_sized_owns: true when `ptr` is a live bump_sized_* block of this
 *   arena (its header checks), false otherwise (NULL, a foreign pointer, a
 *   freed block): unlike bump_sized_size, it tells a block of 0 bytes from a
 *   foreign pointer.
 */
void *bump_sized_malloc(bump_hooks_t *hooks, size_t size);
void *bump_sized_calloc(bump_hooks_t *hooks, size_t count, size_t size);
void *bump_sized_realloc(bump_hooks_t *hooks, void *ptr, size_t new_size);
void bump_sized_free(bump_hooks_t *hooks, void *ptr);
size_t bump_sized_size(bump_hooks_t *hooks, const void *ptr);
bool bump_sized_owns(bump_hooks_t *hooks, const void *ptr);

/*
 * Lua 5.x's lua_Alloc, for lua_newstate(bump_lua_alloc, &hooks): `ud` is the
 * bump_hooks_t. nsize 0 frees and returns NULL; `ptr` NULL allocates (Lua
 * passes the object's type in osize then, which is ignored); otherwise
 * bump_hook_realloc. Shrinks never fail, as Lua requires.
 */
void *bump_lua_alloc(void *ud, void *ptr, size_t osize, size_t nsize);

/*
 * zlib's zalloc and zfree, for strm.zalloc = bump_zlib_alloc, strm.zfree =
 * bump_zlib_free, strm.opaque = &hooks. zlib passes no size to zfree, so
 * these are bump_sized_malloc(items * size) (NULL when the product
 * overflows) and bump_sized_free.
 */
void *bump_zlib_alloc(void *opaque, unsigned items, unsigned size);
void bump_zlib_free(void *opaque, void *ptr);

#ifdef __cplusplus
}
#endif

#endif /* BUMP_HOOKS_H */
