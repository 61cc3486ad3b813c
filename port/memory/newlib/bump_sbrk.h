/* SPDX-License-Identifier: MIT */
/*
 * newlib's heap on a bump arena: an _sbrk that serves newlib-nano's malloc
 * from an arena in a linker section of its own, so the heap can never run
 * into the stack or another section (newlib's stock _sbrk does not check),
 * and the arena's high-water mark tells how much heap the image really used.
 *
 * Link with --specs=nano.specs, or with picolibc (--specs=picolibc.specs).
 * The arena bumps down, so successive blocks lie at decreasing addresses:
 * newlib-nano's and picolibc's mallocs take each block as a chunk of its
 * own, but full newlib's malloc insists on an upward break and would fail
 * after its first block. linker/bump_sbrk.ld (INCLUDE it) fails the link
 * with a message when full newlib's malloc is linked.
 */
#ifndef BUMP_SBRK_H
#define BUMP_SBRK_H

#include <stdbool.h>
#include <stddef.h>

#include "bump.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Points the heap at `size` bytes at `mem` (any arena bump_init accepts).
 * Without this call, the first _sbrk takes the `.bump_heap` linker section
 * (symbols __bump_heap_start and __bump_heap_end). Returns false, changing
 * nothing, when bump_init refuses the region or the heap is already in use.
 */
bool bump_sbrk_init(void *mem, size_t size);

/* The arena behind the heap, for its figures (bump_high_water is the heap the
 * image really used); NULL before the heap is set up. Do not allocate from
 * it or release it: newlib owns what it holds. */
const bump_t *bump_sbrk_arena(void);

/*
 * newlib's hook. `increment` > 0: a block of that many bytes, 8-aligned (as
 * newlib-nano's malloc needs), below the previous one. 0: the lowest address
 * handed out so far. < 0: refused (newlib-nano never shrinks its heap).
 * On failure errno = ENOMEM and (void *)-1, as newlib expects.
 */
void *_sbrk(ptrdiff_t increment); /* NOLINT(bugprone-reserved-identifier,cert-dcl37-c,cert-dcl51-cpp): newlib names it */

/*
 * picolibc's hook (its malloc calls sbrk, not _sbrk): the same, except that
 * each block starts 4 bytes past an 8-byte boundary, as picolibc's malloc
 * needs. It too takes each block as a chunk of its own.
 */
void *sbrk(ptrdiff_t increment);

#ifdef __cplusplus
}
#endif

#endif /* BUMP_SBRK_H */
