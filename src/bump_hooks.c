/* SPDX-License-Identifier: MIT */
/*
 * The adapters of bump_hooks.h: every allocator hook shape on the core's
 * calls, with freed blocks kept on size-class lists inside the arena.
 *
 * Why exact size classes with no splitting or merging, and not o1heap's or
 * TLSF's scheme. Both of those own their heap: every block carries a header
 * that links it to its physical neighbours, so that a free merges it with
 * free neighbours and a request splits a larger free block. Here the
 * neighbours of a block are not the adapters' to merge with: they are other
 * plain or growable blocks of the arena, the caller's own, or memory that a
 * rewind is about to release; and the shapes that pass the size (lua_Alloc)
 * keep no header at all, which is the point of them. o1heap also rounds every
 * block up to a power of two (up to 2x internal waste) to make its bins
 * exact. TLSF's second-level split of each doubling into sub-classes is what
 * the classes below take: four per doubling, so at most 25% of rounding, and
 * a class is found with one count of leading zeros. Without splitting, a list
 * serves only its own class, so any freed block fits any request of that
 * class exactly and each call stays a few loads and stores: the cost is that
 * bytes freed in one class cannot serve another until the arena releases them
 * (the worst case bump_hooks.h states). Merging is left to the arena, which
 * releases whole batches at once at a reset or rewind.
 *
 * Why the lists are safe with the arena's releases. A block is put on a list
 * only while it is allocated in the arena, and every list is dropped (its bit
 * in `nonempty` cleared: O(1), a few words) as soon as the arena's epoch
 * (bump_epoch) differs from the one seen last, which it does after every
 * release of memory (reset, rewind, trim, shrink, init). Every entry point
 * compares the epochs before it touches a list, so a list never hands out
 * memory released since it was filled. The adapters' own releases (giving
 * back the most recent block, shrinking the growable block in place) release
 * only bytes of the block being freed or shrunk, which is on no list: after
 * such a release, and only right after one that succeeded (a failed request
 * calls the out-of-memory hook, which may release anything), the new epoch
 * is taken as seen and the lists are kept.
 */
#include "bump_hooks.h"

#include <stdint.h>

_Static_assert((SIZE_MAX >> (BUMP_HOOK_WORD_BITS - 1U)) == 1U, "size_t has 8 x sizeof(size_t) value bits");
_Static_assert(sizeof(unsigned long) >= sizeof(size_t), "a size_t fits an unsigned long");

#define HOOK_GRANULE BUMP_HOOK_ALIGN
#define HOOK_FREE_KEY ((size_t)0x2545f491U)

/* The first two words of a freed block on a list. */
typedef struct {
    void *next;
    size_t tag;
} hook_free_t;

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

static bool hook_aligned(uintptr_t p)
{
    return (p & ((uintptr_t)BUMP_HOOK_ALIGN - 1U)) == 0U;
}

/* ---- size classes ------------------------------------------------------- */

/* The granules a block of `bytes` takes (at least 1), or 0 when `bytes` is
 * more than SIZE_MAX / 2, which no arena can hold (and whose class would
 * overflow). */
static size_t hook_granules(size_t bytes)
{
    size_t g = 0U;
    if (bytes <= (SIZE_MAX / 2U)) {
        g = (bytes + (HOOK_GRANULE - 1U)) / HOOK_GRANULE;
        g = (g == 0U) ? 1U : g;
    }
    return g;
}

/* The index of the highest set bit of x > 0: one instruction where the
 * core counts leading zeros (x86, AArch64, Arm with CLZ: ARMv7-M and up);
 * elsewhere (ARMv6-M, RISC-V without Zbb) the builtin would be a libgcc
 * call, and an rv32imc image has no libgcc, so log2(bits) shifts. */
#if defined(__GNUC__) && (defined(__x86_64__) || defined(__i386__) || defined(__aarch64__) || defined(__ARM_FEATURE_CLZ))
static size_t hook_msb(size_t x)
{
    return (size_t)((8U * sizeof(unsigned long)) - 1U - (unsigned)__builtin_clzl((unsigned long)x));
}
#else
static size_t hook_msb(size_t x)
{
    size_t m = 0U;
    size_t rest = x;
    for (size_t step = BUMP_HOOK_WORD_BITS / 2U; step > 0U; step /= 2U) {
        if ((rest >> step) != 0U) {
            rest >>= step;
            m += step;
        }
    }
    return m;
}
#endif

/* The class of a block of g >= 1 granules: 1..4 granules are classes 0..3;
 * above, the highest bit of g - 1 picks the doubling and the two bits below
 * it one of its four classes, (5, 6, 7, 8) x 2^k granules. */
static size_t hook_class(size_t g)
{
    size_t c = g - 1U;
    if (g > 4U) {
        size_t x = g - 1U;
        size_t m = hook_msb(x);
        c = (4U * (m - 1U)) + ((x >> (m - 2U)) & 3U);
    }
    return c;
}

/* The bytes of a block of class c. */
static size_t hook_class_bytes(size_t c)
{
    size_t g = c + 1U;
    if (c >= 4U) {
        size_t shift = (c / 4U) - 1U;
        g = (5U + (c & 3U)) << shift;
    }
    return g * HOOK_GRANULE;
}

/* The bytes a request of `bytes` takes (its class's), or SIZE_MAX, which no
 * arena hands out, when it is too large. */
static size_t hook_bytes(size_t bytes)
{
    size_t g = hook_granules(bytes);
    return (g != 0U) ? hook_class_bytes(hook_class(g)) : SIZE_MAX;
}

/* ---- lists -------------------------------------------------------------- */

static bool hooks_epoch_changed(bump_hooks_t *hooks)
{
    bump_epoch_t now = bump_epoch(hooks->arena);
    bool changed = !bump_epoch_same(now, hooks->seen);
    hooks->seen = now;
    return changed;
}

/* Drops every list when the arena released memory since the last look. */
static void hooks_sync(bump_hooks_t *hooks)
{
    if (hooks_epoch_changed(hooks)) {
        for (size_t i = 0U; i < (sizeof hooks->nonempty / sizeof hooks->nonempty[0]); i++) {
            hooks->nonempty[i] = 0U;
        }
        hooks->listed = 0U;
        hooks->generation++;
        if (bump_used(hooks->arena) == 0U) {
            hooks->live = 0U; /* no block of the adapters can be left */
        }
    }
}

static size_t hook_tag(const void *block, const void *next, size_t generation)
{
    return (size_t)(uintptr_t)block ^ (size_t)(uintptr_t)next ^ generation ^ HOOK_FREE_KEY;
}

static bool hook_list_nonempty(const bump_hooks_t *hooks, size_t c)
{
    return (c < BUMP_HOOK_LISTS) &&
           ((hooks->nonempty[c / BUMP_HOOK_WORD_BITS] & ((size_t)1U << (c % BUMP_HOOK_WORD_BITS))) != 0U);
}

/* True when `block` (two words of an allocated part) is a freed block on a
 * list of this generation: its tag is there. */
static bool hook_is_listed(const bump_hooks_t *hooks, uintptr_t block)
{
    const hook_free_t *f = (const hook_free_t *)block;
    return f->tag == hook_tag((const void *)block, f->next, hooks->generation);
}

/* Makes sure a block handed out carries no tag: its memory may hold one
 * from an earlier list (of a bump_hooks_t since re-initialised, whose
 * generation counts from 0 again). Both words are written, so that the check
 * of a later free reads defined bytes even where the caller wrote none. */
static void hook_untag(const bump_hooks_t *hooks, void *block)
{
    hook_free_t *f = (hook_free_t *)block;
    f->next = NULL;
    f->tag = ~hook_tag(block, NULL, hooks->generation);
}

static void hook_push(bump_hooks_t *hooks, void *block, size_t bytes)
{
    size_t c = hook_class(bytes / HOOK_GRANULE);
    if (c < BUMP_HOOK_LISTS) {
        hook_free_t *f = (hook_free_t *)block;
        f->next = hook_list_nonempty(hooks, c) ? hooks->list[c] : NULL;
        f->tag = hook_tag(block, f->next, hooks->generation);
        hooks->list[c] = block;
        hooks->nonempty[c / BUMP_HOOK_WORD_BITS] |= (size_t)1U << (c % BUMP_HOOK_WORD_BITS);
        hooks->listed += bytes;
    }
    /* A class beyond the lists: the block stays allocated until a release. */
}

/* A block of `bytes` (a class's) from its list, or NULL. */
static void *hook_pop(bump_hooks_t *hooks, size_t bytes)
{
    size_t c = hook_class(bytes / HOOK_GRANULE);
    void *block = NULL;
    if (hook_list_nonempty(hooks, c)) {
        hook_free_t *f = (hook_free_t *)hooks->list[c];
        block = f;
        hooks->list[c] = f->next;
        if (f->next == NULL) {
            hooks->nonempty[c / BUMP_HOOK_WORD_BITS] &= ~((size_t)1U << (c % BUMP_HOOK_WORD_BITS));
        }
        hooks->listed -= bytes;
        hooks->reused++;
    }
    return block;
}

/* ---- blocks in the arena ------------------------------------------------ */

/* The bytes from p to the end of the allocated part of the region it lies
 * in (plain [bump_top, bump_end) or growable [bump_start, bump_floor)), or 0
 * when it lies in neither. */
static size_t hook_room(const bump_t *arena, uintptr_t p)
{
    uintptr_t top = (uintptr_t)bump_top(arena);
    uintptr_t end = (uintptr_t)bump_end(arena);
    uintptr_t floor = (uintptr_t)bump_floor(arena);
    size_t room = 0U;
    if ((p >= top) && (p < end)) {
        room = end - p;
    } else if ((p >= (uintptr_t)bump_start(arena)) && (p < floor)) {
        room = floor - p;
    } else {
        room = 0U;
    }
    return room;
}

/* True when [p, p + bytes) lies in an allocated part of the region. */
static bool hook_in_part(const bump_t *arena, uintptr_t p, size_t bytes)
{
    size_t room = hook_room(arena, p);
    return (room != 0U) && (bytes <= room);
}

/* Whether the most recent plain block can be given back as `extent` bytes
 * from top without touching a mark. A mark standing at top was taken after
 * the block: the block is kept for the caller's rewind to that mark, which
 * releases it with the rest of its batch (giving it back would move the mark
 * with the block's start, bump_resize). An extent that passes the newest
 * mark or the region's end is refused by the arena as a failed request; the
 * block is kept then too. The adapters read the record of marks (bump.h's
 * private fields) for this one question. */
static bool hook_can_give_back(const bump_t *arena, size_t extent)
{
    uintptr_t top = arena->top;
    uintptr_t bound = (arena->marks > 0U) ? arena->mark_top[arena->marks - 1U] : arena->limit;
    return extent <= (bound - top); /* so also not when a mark stands at top */
}

/* True when `at`, a block of `bytes`, is the current growable block. Its
 * size tells it apart from a plain block that starts at the same address,
 * which happens when the growable block is empty and the plain part has come
 * down to the floor. */
static bool hook_is_growable(const bump_t *arena, uintptr_t at, size_t bytes)
{
    return (at == (uintptr_t)bump_growable(arena)) && (bytes <= ((uintptr_t)bump_floor(arena) - at));
}

/* bump_resize of the adapters' own block, whose release (a shrink) touches
 * no list: the new epoch is taken as seen when it succeeds. */
static void *hook_resize_own(bump_hooks_t *hooks, uintptr_t at, size_t old_bytes, size_t new_bytes, size_t align)
{
    void *q = bump_resize(hooks->arena, (void *)at, old_bytes, new_bytes, align);
    if (q != NULL) {
        hooks->seen = bump_epoch(hooks->arena);
    }
    return q;
}

/* A new block of `bytes` (a class's, or SIZE_MAX to fail): from its list,
 * else a plain block of the arena. */
static void *hook_take(bump_hooks_t *hooks, size_t bytes)
{
    void *block = hook_pop(hooks, bytes);
    if (block == NULL) {
        block = bump_alloc(hooks->arena, bytes, BUMP_HOOK_ALIGN);
    }
    if (block != NULL) {
        hook_untag(hooks, block);
        hooks->live++;
    }
    return block;
}

/* Frees the block at `at` of `bytes` (a class's): given back to the arena
 * when it is the most recent block at either end and that touches no mark,
 * else put on its list. */
static void hook_put(bump_hooks_t *hooks, uintptr_t at, size_t bytes)
{
    bump_t *arena = hooks->arena;
    hooks->live = (hooks->live > 0U) ? (hooks->live - 1U) : 0U;
    bool growable = hook_is_growable(arena, at, bytes);
    if (growable || ((at == (uintptr_t)bump_top(arena)) && hook_can_give_back(arena, bytes))) {
        /* Its first two words (a sized block's header) become neither a
         * header nor a tag, so that nothing takes the bytes given back for a
         * block (a list entry overwrites them anyway). */
        hook_header_t *words = (hook_header_t *)at;
        words->size = 0U;
        words->check = ~hook_check_word(at, 0U);
        (void)hook_resize_own(hooks, at, bytes, 0U, growable ? BUMP_HOOK_ALIGN : 1U);
    } else {
        hook_push(hooks, (void *)at, bytes);
    }
}

/* Resizes the block at `at` (old_bytes, a class's) to the class of
 * `new_request` bytes, keeping its first `keep` bytes: the same block when
 * the class is the same or smaller (the current growable block is resized in
 * place either way), else a block of the new class from its list or a new
 * growable block, the old one freed. NULL, the old block kept, when there is
 * no room. *bytes: the bytes of the block returned. */
static void *hook_move(bump_hooks_t *hooks, uintptr_t at, size_t old_bytes, size_t keep, size_t new_request,
                       size_t *bytes)
{
    size_t new_bytes = hook_bytes(new_request);
    void *q = NULL;
    *bytes = new_bytes;
    if (hook_is_growable(hooks->arena, at, old_bytes) && (new_bytes != old_bytes)) {
        q = hook_resize_own(hooks, at, old_bytes, new_bytes, BUMP_HOOK_ALIGN);
    } else if (new_bytes <= old_bytes) {
        q = (void *)at;
        *bytes = old_bytes;
    } else {
        q = hook_pop(hooks, new_bytes);
        if (q == NULL) {
            q = bump_alloc_growable(hooks->arena, new_bytes, BUMP_HOOK_ALIGN);
        }
        if (q != NULL) {
            hook_untag(hooks, q); /* before the copy, which may be shorter than the tag */
            (void)BUMP_MEMMOVE(q, (const void *)at, keep);
            hooks->live++; /* hook_put counts the old block out */
            hook_put(hooks, at, old_bytes);
        }
    }
    return q;
}

/* ---- locking ------------------------------------------------------------ */

/* Takes the caller's lock, then drops the lists if the arena released
 * memory since the last call. */
static void hooks_enter(bump_hooks_t *hooks)
{
    if (hooks->lock != NULL) {
        hooks->lock(hooks->lock_context);
    }
    hooks_sync(hooks);
}

static void hooks_leave(const bump_hooks_t *hooks)
{
    if (hooks->unlock != NULL) {
        hooks->unlock(hooks->lock_context);
    }
}

void bump_hooks_init(bump_hooks_t *hooks, bump_t *arena)
{
    /* Field by field: a copy of the whole struct would be a call of memcpy,
     * which src/ does not use. The heads need no value: the bitmap says
     * which are set. */
    hooks->arena = arena;
    hooks->seen = bump_epoch(arena);
    hooks->generation = 0U;
    hooks->live = 0U;
    hooks->listed = 0U;
    hooks->reused = 0U;
    hooks->foreign = 0U;
    hooks->repeated = 0U;
    hooks->lock = NULL;
    hooks->unlock = NULL;
    hooks->lock_context = NULL;
    for (size_t i = 0U; i < (sizeof hooks->nonempty / sizeof hooks->nonempty[0]); i++) {
        hooks->nonempty[i] = 0U;
    }
}

void bump_hooks_set_lock(bump_hooks_t *hooks, bump_hooks_lock_t lock, bump_hooks_lock_t unlock, void *context)
{
    hooks->lock = lock;
    hooks->unlock = unlock;
    hooks->lock_context = context;
}

void bump_hooks_report(bump_hooks_t *hooks, bump_hooks_report_t *out)
{
    hooks_enter(hooks);
    out->live_blocks = hooks->live;
    out->listed_bytes = hooks->listed;
    out->reused = hooks->reused;
    out->foreign_frees = hooks->foreign;
    out->repeated_frees = hooks->repeated;
    hooks_leave(hooks);
}

/* ---- the shapes that pass the size -------------------------------------- */

/* True when `ptr`, of `bytes`, can be a live block of the adapters: aligned
 * and in an allocated part; a block that carries a freed block's tag counts
 * as a repeated free, any other pointer as foreign. */
static bool hook_block_known(bump_hooks_t *hooks, const void *ptr, size_t bytes)
{
    bool known = hook_aligned((uintptr_t)ptr) && hook_in_part(hooks->arena, (uintptr_t)ptr, bytes);
    if (!known) {
        hooks->foreign++;
    } else if (hook_is_listed(hooks, (uintptr_t)ptr)) {
        hooks->repeated++;
        known = false;
    } else {
        /* a block */
    }
    return known;
}

static void *hook_realloc(bump_hooks_t *hooks, void *ptr, size_t old_size, size_t new_size)
{
    void *result = NULL;
    size_t old_bytes = hook_bytes(old_size);
    if (ptr == NULL) {
        result = (new_size != 0U) ? hook_take(hooks, hook_bytes(new_size)) : NULL;
    } else if (!hook_block_known(hooks, ptr, old_bytes)) {
        /* not a block of this arena: NULL, nothing written */
    } else if (new_size == 0U) {
        hook_put(hooks, (uintptr_t)ptr, old_bytes); /* a free; NULL */
    } else {
        size_t bytes = 0U;
        result = hook_move(hooks, (uintptr_t)ptr, old_bytes, old_size, new_size, &bytes);
    }
    return result;
}

void *bump_hook_malloc(bump_hooks_t *hooks, size_t size)
{
    hooks_enter(hooks);
    void *p = hook_take(hooks, hook_bytes(size));
    hooks_leave(hooks);
    return p;
}

static void *hook_realloc_locked(bump_hooks_t *hooks, void *ptr, size_t old_size, size_t new_size)
{
    hooks_enter(hooks);
    void *p = hook_realloc(hooks, ptr, old_size, new_size);
    hooks_leave(hooks);
    return p;
}

void *bump_hook_realloc(bump_hooks_t *hooks, void *ptr, size_t old_size, size_t new_size)
{
    return hook_realloc_locked(hooks, ptr, old_size, new_size);
}

void bump_hook_free(bump_hooks_t *hooks, void *ptr, size_t size)
{
    if (ptr != NULL) {
        hooks_enter(hooks);
        (void)hook_realloc(hooks, ptr, size, 0U);
        hooks_leave(hooks);
    }
}

void *bump_lua_alloc(void *ud, void *ptr, size_t osize, size_t nsize)
{
    /* For a new block (ptr NULL) Lua passes the object's type as osize: hook_realloc ignores it then. */
    return hook_realloc_locked((bump_hooks_t *)ud, ptr, osize, nsize);
}

/* ---- the sized shapes --------------------------------------------------- */

/* Writes the header of a block of `bytes` at `block` (its usable size is
 * the rest of the class) and returns the user's pointer. The header is
 * written and read as a hook_header_t in place: every block is aligned to
 * BUMP_HOOK_ALIGN, so it is aligned for one. */
static void *hook_sized_place(void *block, size_t bytes)
{
    uintptr_t at = (uintptr_t)block;
    hook_header_t *header = (hook_header_t *)block;
    header->size = bytes - BUMP_HOOK_HEADER;
    header->check = hook_check_word(at, header->size);
    return (void *)(at + BUMP_HOOK_HEADER);
}

/* The header block of `ptr` with its class bytes in *bytes, or 0 when `ptr`
 * is not a live bump_sized_* block of this arena. Only an allocated part of
 * the region is read: the header, then the block it claims, must lie in one;
 * the claimed size must be that of a class, as every real header's is. */
/* The room from the header below `p` to the end of its allocated part (see
 * hook_room), or 0 when `p` is not aligned or that header cannot be read. */
static size_t hook_header_room(const bump_t *arena, uintptr_t p)
{
    size_t room = 0U;
    if (hook_aligned(p) && (p >= BUMP_HOOK_HEADER)) {
        room = hook_room(arena, p - BUMP_HOOK_HEADER);
    }
    return (room >= BUMP_HOOK_HEADER) ? room : 0U;
}

static uintptr_t hook_sized_block(const bump_t *arena, const void *ptr, size_t *bytes)
{
    uintptr_t p = (uintptr_t)ptr;
    uintptr_t at = 0U;
    size_t room = hook_header_room(arena, p);
    if (room != 0U) {
        const hook_header_t *header = (const hook_header_t *)(p - BUMP_HOOK_HEADER);
        size_t size = header->size;
        size_t total = size + BUMP_HOOK_HEADER; /* used only once size <= room - BUMP_HOOK_HEADER */
        if ((header->check == hook_check_word(p - BUMP_HOOK_HEADER, size)) && (size <= (room - BUMP_HOOK_HEADER)) &&
            (hook_bytes(total) == total)) {
            *bytes = total;
            at = p - BUMP_HOOK_HEADER;
        }
    }
    return at;
}

/* As hook_sized_block, counting a pointer that is no live block: repeated
 * when its header is a freed block's tag, else foreign. */
static uintptr_t hook_sized_known(bump_hooks_t *hooks, const void *ptr, size_t *bytes)
{
    uintptr_t at = hook_sized_block(hooks->arena, ptr, bytes);
    uintptr_t p = (uintptr_t)ptr;
    if (at != 0U) {
        /* a block */
    } else if ((hook_header_room(hooks->arena, p) != 0U) && hook_is_listed(hooks, p - BUMP_HOOK_HEADER)) {
        hooks->repeated++;
    } else {
        hooks->foreign++;
    }
    return at;
}

/* BUMP_HOOK_HEADER + size, or SIZE_MAX (which no arena can hand out) when
 * that overflows. */
static size_t hook_sized_total(size_t size)
{
    return (size > (SIZE_MAX - BUMP_HOOK_HEADER)) ? SIZE_MAX : (size + BUMP_HOOK_HEADER);
}

static void *hook_sized_malloc(bump_hooks_t *hooks, size_t size)
{
    size_t bytes = hook_bytes(hook_sized_total(size));
    void *block = hook_take(hooks, bytes);
    return (block != NULL) ? hook_sized_place(block, bytes) : NULL;
}

static void hook_sized_free(bump_hooks_t *hooks, void *ptr)
{
    size_t bytes = 0U;
    uintptr_t at = hook_sized_known(hooks, ptr, &bytes);
    if (at != 0U) {
        hook_put(hooks, at, bytes); /* its header becomes a list entry, or is given back */
    }
}

static void *hook_sized_malloc_locked(bump_hooks_t *hooks, size_t size)
{
    hooks_enter(hooks);
    void *p = hook_sized_malloc(hooks, size);
    hooks_leave(hooks);
    return p;
}

void *bump_sized_malloc(bump_hooks_t *hooks, size_t size)
{
    return hook_sized_malloc_locked(hooks, size);
}

void *bump_sized_calloc(bump_hooks_t *hooks, size_t count, size_t size)
{
    size_t n = bump_array_bytes(count, size); /* SIZE_MAX when it overflows, which fails below */
    hooks_enter(hooks);
    void *p = hook_sized_malloc(hooks, n);
    if (p != NULL) {
        (void)BUMP_MEMSET(p, 0, n);
    }
    hooks_leave(hooks);
    return p;
}

static void hook_sized_free_locked(bump_hooks_t *hooks, void *ptr)
{
    if (ptr != NULL) {
        hooks_enter(hooks);
        hook_sized_free(hooks, ptr);
        hooks_leave(hooks);
    }
}

void bump_sized_free(bump_hooks_t *hooks, void *ptr)
{
    hook_sized_free_locked(hooks, ptr);
}

void *bump_sized_realloc(bump_hooks_t *hooks, void *ptr, size_t new_size)
{
    void *result = NULL;
    hooks_enter(hooks);
    if (ptr == NULL) {
        result = (new_size != 0U) ? hook_sized_malloc(hooks, new_size) : NULL;
    } else {
        size_t bytes = 0U;
        uintptr_t at = hook_sized_known(hooks, ptr, &bytes);
        if (at == 0U) {
            /* not such a block of this arena: NULL */
        } else if (new_size == 0U) {
            hook_put(hooks, at, bytes);
        } else {
            size_t new_bytes = 0U;
            void *q = hook_move(hooks, at, bytes, bytes, hook_sized_total(new_size), &new_bytes);
            result = (q != NULL) ? hook_sized_place(q, new_bytes) : NULL;
        }
    }
    hooks_leave(hooks);
    return result;
}

size_t bump_sized_size(bump_hooks_t *hooks, const void *ptr)
{
    size_t bytes = 0U;
    hooks_enter(hooks);
    bool live = hook_sized_block(hooks->arena, ptr, &bytes) != 0U;
    hooks_leave(hooks);
    return live ? (bytes - BUMP_HOOK_HEADER) : 0U;
}

bool bump_sized_owns(bump_hooks_t *hooks, const void *ptr)
{
    size_t bytes = 0U;
    hooks_enter(hooks);
    bool live = hook_sized_block(hooks->arena, ptr, &bytes) != 0U;
    hooks_leave(hooks);
    return live;
}

void *bump_zlib_alloc(void *opaque, unsigned items, unsigned size)
{
    return hook_sized_malloc_locked((bump_hooks_t *)opaque, bump_array_bytes(items, size));
}

void bump_zlib_free(void *opaque, void *ptr)
{
    hook_sized_free_locked((bump_hooks_t *)opaque, ptr);
}
