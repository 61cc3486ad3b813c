/* SPDX-License-Identifier: MIT */
/*
 * Adapters: the one way to put a C library's allocator hooks on an arena.
 * They live in src/bump_hooks.c: build that file only if you use them.
 *
 * Three shapes, each a thin layer over bump_alloc, bump_alloc_growable and
 * bump_resize, with the same rules for every shape:
 * - Every block is aligned to BUMP_HOOK_ALIGN, as malloc's are. A new
 *   (plain) block takes its size rounded up to BUMP_HOOK_ALIGN, the padding
 *   the next block would cost anyway, so that its free gives back exactly
 *   what it took.
 * - A shrink never copies: it returns the same pointer. The bytes are given
 *   back only when the block is the arena's current growable block; a plain
 *   block keeps them, and a later free of it, given the shrunk size, gives
 *   back what that size covers (the rest waits for a reset or rewind).
 * - Freeing the most recent block (the one at bump_top, or the current
 *   growable block) gives its memory back; freeing any other block releases
 *   nothing until the arena is reset or rewound. Nor is the most recent plain
 *   block given back when a valid mark stands at its start (a mark taken
 *   after it: giving it back would make that mark stale, and the caller's
 *   rewind to it would be refused), when it is empty, or when the size given
 *   would reach past the newest mark or the region's end: it then stays
 *   allocated, and nothing counts as a failure.
 * - A new size of 0 frees (ptr NULL: nothing) and returns NULL, in every
 *   realloc shape.
 * - A grow of the current growable block happens in place: the same pointer,
 *   nothing copied, O(1). A grow of any other block takes a new growable
 *   block and copies the old contents once, so the next grow is in place; the
 *   old block is given back when it was the most recent plain block.
 * - A request that does not fit, or whose size overflows, returns NULL and
 *   leaves the old block as it was; the arena's failure record counts it and
 *   its out-of-memory hook is called, as for bump_alloc.
 *
 * Hooks that pass the old size (Lua's lua_Alloc, and bump_hook_*) keep no
 * header. Hooks that do not (SQLite's xRealloc/xSize/xFree, cJSON's and most
 * malloc-shaped free()s, zlib's zfree) use the bump_sized_* forms, which
 * store the block's size in a header of BUMP_HOOK_HEADER bytes before it:
 * the only per-block header in the project, and only for those who call them.
 */
#ifndef BUMP_HOOKS_H
#define BUMP_HOOKS_H

#include <stdalign.h>
#include <stddef.h>

#include "bump.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The alignment of every block the adapters hand out: malloc's. */
#define BUMP_HOOK_ALIGN alignof(max_align_t)

/* The header of a bump_sized_* block, just below it: two size_t, its usable
 * size and a check word, size ^ (the header's address) ^ BUMP_HOOK_CHECK_KEY
 * (the key keeps a header of zeros from passing for a block of size 0),
 * padded to BUMP_HOOK_ALIGN: 8 bytes on Cortex-M, 16 on x86-64 and AArch64. */
#define BUMP_HOOK_CHECK_KEY ((size_t)0x5bd1e995U)
#define BUMP_HOOK_HEADER \
    ((BUMP_HOOK_ALIGN > (2U * sizeof(size_t))) ? BUMP_HOOK_ALIGN : (2U * sizeof(size_t)))

/*
 * malloc/realloc/free when the caller knows each block's size.
 * bump_hook_malloc: `size` bytes, a plain block (bump_alloc), or NULL.
 * bump_hook_realloc: as realloc, with `old_size` the size the block was
 *   allocated or last resized with: `ptr` NULL allocates; `new_size` 0 frees
 *   and returns NULL; a shrink returns `ptr`; a grow follows the rules above.
 *   NULL when it does not fit (the old block is kept) or when `ptr` is not a
 *   block of this arena (not aligned to BUMP_HOOK_ALIGN, or not in an
 *   allocated part of its region); nothing is read through such a pointer.
 * bump_hook_free: as free; NULL, and pointers that are not blocks of this
 *   arena, are ignored.
 */
void *bump_hook_malloc(bump_t *arena, size_t size);
void *bump_hook_realloc(bump_t *arena, void *ptr, size_t old_size, size_t new_size);
void bump_hook_free(bump_t *arena, void *ptr, size_t size);

/*
 * malloc/realloc/free when the caller passes no size: each block carries a
 * header of BUMP_HOOK_HEADER bytes with its size and a check word (its size
 * and address combined), so a pointer that is not such a block is told apart
 * from one that is (a pointer into the arena whose header bytes happen to
 * hold the right check word for their address cannot be, and counts as a
 * block).
 * bump_sized_malloc: `size` usable bytes, or NULL (also when size plus the
 *   header overflows).
 * bump_sized_realloc: as realloc: `ptr` NULL allocates; `new_size` 0 frees
 *   and returns NULL; a new size within the block's usable size returns
 *   `ptr` (the current growable block shrinks in place); a grow follows the
 *   rules above. NULL, the block kept, when it does not fit or `ptr` is not
 *   such a block of this arena.
 * bump_sized_free: as free; NULL and pointers that are not such blocks are
 *   ignored. The check word is cleared, so a second free of the same block is
 *   ignored too, as is a free of a block that a grow moved elsewhere.
 * bump_sized_size: the block's usable size (at least what was asked for:
 *   what SQLite's xSize and malloc_usable_size return), 0 for NULL or a
 *   pointer that is not such a block.
 */
void *bump_sized_malloc(bump_t *arena, size_t size);
void *bump_sized_realloc(bump_t *arena, void *ptr, size_t new_size);
void bump_sized_free(bump_t *arena, void *ptr);
size_t bump_sized_size(const bump_t *arena, const void *ptr);

/*
 * Lua 5.x's lua_Alloc, for lua_newstate(bump_lua_alloc, &arena): `ud` is the
 * bump_t. nsize 0 frees and returns NULL; `ptr` NULL allocates (Lua passes
 * the object's type in osize then, which is ignored); otherwise
 * bump_hook_realloc. Shrinks never fail, as Lua requires.
 */
void *bump_lua_alloc(void *ud, void *ptr, size_t osize, size_t nsize);

/*
 * zlib's zalloc and zfree, for strm.zalloc = bump_zlib_alloc, strm.zfree =
 * bump_zlib_free, strm.opaque = &arena. zlib passes no size to zfree, so
 * these are bump_sized_malloc(items * size) (NULL when the product
 * overflows) and bump_sized_free; zlib frees a stream's blocks in the reverse
 * order of their allocation, so deflateEnd and inflateEnd give them all back.
 */
void *bump_zlib_alloc(void *opaque, unsigned items, unsigned size);
void bump_zlib_free(void *opaque, void *ptr);

#ifdef __cplusplus
}
#endif

#endif /* BUMP_HOOKS_H */
