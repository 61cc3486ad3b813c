/* SPDX-License-Identifier: MIT */
/*
 * Host backend: an arena whose region is reserved with mmap, between two
 * PROT_NONE guard pages, so an overrun past either end faults at once.
 * POSIX hosts only (Linux, BSD, macOS); firmware uses port/memory/section.
 */
#ifndef BUMP_MMAP_H
#define BUMP_MMAP_H

#include <stdbool.h>
#include <stddef.h>

#include "bump.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Reserves `capacity` bytes, rounded up to whole pages, and makes `arena`
 * hand them out. The reservation costs address space only: pages take memory
 * when first touched (MAP_NORESERVE), so 64 GiB is fine on a small machine. A
 * guard page sits directly below the first and directly above the last usable
 * byte. Returns false, with nothing mapped and `arena` untouched, when
 * `arena` is NULL, `capacity` is 0 or too large to round and guard, or the
 * system refuses the mapping.
 */
bool bump_mmap_init(bump_t *arena, size_t capacity);

/*
 * Unmaps everything bump_mmap_init mapped for `arena` and leaves `arena`
 * empty (every allocation of one or more bytes fails). Only for an arena set
 * up by bump_mmap_init; a NULL arena is ignored.
 */
void bump_mmap_release(bump_t *arena);

#ifdef __cplusplus
}
#endif

#endif /* BUMP_MMAP_H */
