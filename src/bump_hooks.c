/* SPDX-License-Identifier: MIT */
/*
 * The adapters of bump_hooks.h: every allocator hook shape on the core's
 * calls, with no state of their own but the bump_sized_* header.
 */
#include "bump_hooks.h"

#include <stdint.h>

static bool hook_aligned(uintptr_t p)
{
    return (p & ((uintptr_t)BUMP_HOOK_ALIGN - 1U)) == 0U;
}

/* True when `ptr` can be a block the adapters handed out: aligned, and in an
 * allocated part of the region, or where a block of size 0 may stand (the
 * top, the region's end, the current growable block). */
static bool hook_block_known(const bump_t *arena, const void *ptr)
{
    return hook_aligned((uintptr_t)ptr) && (bump_owns(arena, ptr) || (ptr == bump_top(arena)) ||
                                            (ptr == bump_end(arena)) || (ptr == bump_growable(arena)));
}

/* The bytes a plain block of `size` takes: `size` rounded up to
 * BUMP_HOOK_ALIGN, or SIZE_MAX (which no arena hands out) when that
 * overflows. Each block being aligned, the padding below it would be lost
 * anyway; taking it into the block lets a free give back exactly what the
 * allocation took. */
static size_t hook_extent(size_t size)
{
    size_t mask = BUMP_HOOK_ALIGN - 1U;
    return (size > (SIZE_MAX - mask)) ? SIZE_MAX : ((size + mask) & ~mask);
}

/* Whether the most recent plain block can be given back as `extent` bytes
 * from top without touching a mark. Giving it back resizes it in place,
 * which makes a mark standing at top stale (one taken after the block: the
 * caller's rewind to it would then be refused and its batch never
 * released), and an extent that passes the newest mark or the region's end
 * is refused by the arena as a failed request; in both cases the block is
 * kept. An empty block has nothing to give back. The adapters read the
 * record of marks (bump.h's fields) for this one question. */
static bool hook_can_give_back(const bump_t *arena, size_t extent)
{
    uintptr_t top = arena->top;
    uintptr_t bound = (arena->marks > 0U) ? arena->mark_top[arena->marks - 1U] : arena->limit;
    return (extent != 0U) && (extent <= (bound - top)); /* so also not when a mark stands at top */
}

/* Gives the most recent plain block back (with its rounding), if `ptr` is
 * it and that touches no mark. */
static void hook_release_plain(bump_t *arena, void *ptr, size_t size)
{
    size_t extent = hook_extent(size);
    if ((ptr == bump_top(arena)) && hook_can_give_back(arena, extent)) {
        (void)bump_resize(arena, ptr, extent, 0U, 1U);
    }
}

/* True when `ptr`, a block of `size` bytes, is the current growable block.
 * Its size tells it apart from a plain block that starts at the same
 * address, which happens when the growable block is empty and the plain
 * part has come down to the floor. */
static bool hook_is_growable(const bump_t *arena, const void *ptr, size_t size)
{
    return (ptr == bump_growable(arena)) && (size <= ((uintptr_t)bump_floor(arena) - (uintptr_t)ptr));
}

/* Gives the block back when it is the most recent one at either end;
 * otherwise nothing is released. */
static void hook_release(bump_t *arena, void *ptr, size_t size)
{
    if (hook_is_growable(arena, ptr, size)) {
        (void)bump_resize(arena, ptr, size, 0U, BUMP_HOOK_ALIGN);
    } else {
        hook_release_plain(arena, ptr, size);
    }
}

/* Grows `ptr` (old_size bytes) to new_size: in place when it is the current
 * growable block, else into a new growable block, the old one given back when
 * it was the most recent plain block. NULL, the old block kept, when there is
 * no room. */
static void *hook_grow(bump_t *arena, void *ptr, size_t old_size, size_t new_size)
{
    if (hook_is_growable(arena, ptr, old_size)) {
        return bump_resize(arena, ptr, old_size, new_size, BUMP_HOOK_ALIGN);
    }
    void *q = bump_alloc_growable(arena, new_size, BUMP_HOOK_ALIGN);
    if (q != NULL) {
        (void)BUMP_MEMMOVE(q, ptr, old_size);
        hook_release_plain(arena, ptr, old_size);
    }
    return q;
}

static void *hook_malloc(bump_t *arena, size_t size)
{
    return bump_alloc(arena, hook_extent(size), BUMP_HOOK_ALIGN);
}

void *bump_hook_malloc(bump_t *arena, size_t size)
{
    return hook_malloc(arena, size);
}

static void *hook_realloc(bump_t *arena, void *ptr, size_t old_size, size_t new_size)
{
    void *result = NULL;
    if (new_size == 0U) {
        if ((ptr != NULL) && hook_block_known(arena, ptr)) {
            hook_release(arena, ptr, old_size); /* a free; NULL either way */
        }
    } else if (ptr == NULL) {
        result = hook_malloc(arena, new_size);
    } else if (!hook_block_known(arena, ptr)) {
        /* not a block of this arena: NULL, nothing read */
    } else if (new_size <= old_size) {
        result = hook_is_growable(arena, ptr, old_size) ? bump_resize(arena, ptr, old_size, new_size, BUMP_HOOK_ALIGN)
                                                        : ptr;
    } else {
        result = hook_grow(arena, ptr, old_size, new_size);
    }
    return result;
}

void *bump_hook_realloc(bump_t *arena, void *ptr, size_t old_size, size_t new_size)
{
    return hook_realloc(arena, ptr, old_size, new_size);
}

void bump_hook_free(bump_t *arena, void *ptr, size_t size)
{
    if ((ptr != NULL) && hook_block_known(arena, ptr)) {
        hook_release(arena, ptr, size);
    }
}

/* The bump_sized_* header: the usable size, and a check word that ties it to
 * the block's address. */
typedef struct {
    size_t size;
    size_t check;
} hook_header_t;

static size_t hook_check_word(uintptr_t block, size_t size)
{
    return size ^ (size_t)block ^ BUMP_HOOK_CHECK_KEY;
}

/* The header is written and read as a hook_header_t in place: every block
 * is aligned to BUMP_HOOK_ALIGN, so it is aligned for one (and a copy
 * through memmove would become a call of memcpy, which src/ does not use). */
static void *hook_sized_place(void *block, size_t size)
{
    uintptr_t at = (uintptr_t)block;
    hook_header_t *header = (hook_header_t *)block;
    header->size = size;
    header->check = hook_check_word(at, size);
    return (void *)(at + BUMP_HOOK_HEADER);
}

/* Makes the header at `block` one that no check accepts. */
static void hook_sized_kill(void *block, size_t size)
{
    hook_header_t *header = (hook_header_t *)block;
    header->size = size;
    header->check = ~hook_check_word((uintptr_t)block, size);
}

/* The header block of `ptr` with its usable size in *size, or NULL when
 * `ptr` is not a bump_sized_* block of this arena. Only an allocated part of
 * the region is read: the header and the block must lie in one, plain
 * [bump_top, bump_end) or growable [bump_start, bump_floor). */
static void *hook_sized_block(const bump_t *arena, const void *ptr, size_t *size)
{
    uintptr_t p = (uintptr_t)ptr;
    uintptr_t top = (uintptr_t)bump_top(arena);
    uintptr_t floor = (uintptr_t)bump_floor(arena);
    uintptr_t end = (uintptr_t)bump_end(arena);
    uintptr_t start = (uintptr_t)bump_start(arena);
    uintptr_t part_end = 0U; /* 0: not in an allocated part */
    if ((p >= top) && ((p - top) >= BUMP_HOOK_HEADER) && (p <= end)) {
        part_end = end;
    } else if ((p >= start) && ((p - start) >= BUMP_HOOK_HEADER) && (p <= floor)) {
        part_end = floor;
    } else {
        part_end = 0U;
    }
    void *block = NULL;
    if ((part_end != 0U) && hook_aligned(p)) {
        uintptr_t at = p - BUMP_HOOK_HEADER;
        const hook_header_t *header = (const hook_header_t *)at;
        if ((header->check == hook_check_word(at, header->size)) && (header->size <= (part_end - p))) {
            *size = header->size;
            block = (void *)at;
        }
    }
    return block;
}

/* BUMP_HOOK_HEADER + size, or SIZE_MAX (which no arena can hand out) when
 * that overflows. */
static size_t hook_sized_total(size_t size)
{
    return (size > (SIZE_MAX - BUMP_HOOK_HEADER)) ? SIZE_MAX : (size + BUMP_HOOK_HEADER);
}

static void *hook_sized_malloc(bump_t *arena, size_t size)
{
    void *block = bump_alloc(arena, hook_extent(hook_sized_total(size)), BUMP_HOOK_ALIGN);
    return (block != NULL) ? hook_sized_place(block, size) : NULL;
}

static void hook_sized_free(bump_t *arena, void *ptr)
{
    size_t size = 0U;
    void *block = hook_sized_block(arena, ptr, &size);
    if (block != NULL) {
        hook_sized_kill(block, size); /* before the release, which may poison it */
        hook_release(arena, block, size + BUMP_HOOK_HEADER);
    }
}

void *bump_sized_malloc(bump_t *arena, size_t size)
{
    return hook_sized_malloc(arena, size);
}

void bump_sized_free(bump_t *arena, void *ptr)
{
    hook_sized_free(arena, ptr);
}

void *bump_sized_realloc(bump_t *arena, void *ptr, size_t new_size)
{
    if ((ptr == NULL) && (new_size == 0U)) {
        return NULL; /* as for every new size 0 */
    }
    if (ptr == NULL) {
        return hook_sized_malloc(arena, new_size);
    }
    size_t size = 0U;
    void *block = hook_sized_block(arena, ptr, &size);
    void *result = NULL;
    if (block == NULL) {
        /* not such a block of this arena: NULL */
    } else if (new_size == 0U) {
        hook_sized_free(arena, ptr);
    } else if (hook_is_growable(arena, block, size + BUMP_HOOK_HEADER)) {
        /* the current growable block: resized in place either way */
        void *q = bump_resize(arena, block, size + BUMP_HOOK_HEADER, hook_sized_total(new_size), BUMP_HOOK_ALIGN);
        result = (q != NULL) ? hook_sized_place(q, new_size) : NULL;
    } else if (new_size <= size) {
        result = ptr; /* the header keeps the block's whole size, for a later grow or free */
    } else {
        /* The old block stops being a block, as after a free (before the
         * grow, which may release it); if there is no room it is one again. */
        hook_sized_kill(block, size);
        void *q = hook_grow(arena, block, size + BUMP_HOOK_HEADER, hook_sized_total(new_size));
        if (q != NULL) {
            result = hook_sized_place(q, new_size);
        } else {
            (void)hook_sized_place(block, size);
        }
    }
    return result;
}

size_t bump_sized_size(const bump_t *arena, const void *ptr)
{
    size_t size = 0U;
    return (hook_sized_block(arena, ptr, &size) != NULL) ? size : 0U;
}

void *bump_lua_alloc(void *ud, void *ptr, size_t osize, size_t nsize)
{
    /* For a new block (ptr NULL) Lua passes the object's type as osize: hook_realloc ignores it then. */
    return hook_realloc((bump_t *)ud, ptr, osize, nsize);
}

void *bump_zlib_alloc(void *opaque, unsigned items, unsigned size)
{
    return hook_sized_malloc((bump_t *)opaque, bump_array_bytes(items, size));
}

void bump_zlib_free(void *opaque, void *ptr)
{
    hook_sized_free((bump_t *)opaque, ptr);
}
