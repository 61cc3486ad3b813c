/* SPDX-License-Identifier: MIT */
/*
 * Firmware backend: an arena whose region is a linker-script section, placed
 * with linker/bump_section.ld (the default arena) or linker/bump_arena.ld
 * (any number of named ones, in any regions). Only the linker symbols are
 * read; nothing in src/ knows about sections.
 */
#ifndef BUMP_SECTION_H
#define BUMP_SECTION_H

#include <stdbool.h>

#include "bump.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * The default arena: the `.bump_arena` section, between __bump_arena_start
 * and __bump_arena_end (linker/bump_section.ld). Call it once at startup,
 * before anything allocates. Returns false when `arena` is NULL or the
 * symbols do not describe a region bump_init accepts (end before start).
 */
bool bump_section_init(bump_t *arena);

/*
 * The arena between two linker symbols, [start, end); what
 * BUMP_SECTION_INIT expands to. Returns false, leaving `arena` untouched,
 * when `arena` is NULL, `end` is below `start`, or bump_init refuses the
 * region.
 */
bool bump_section_init_range(bump_t *arena, unsigned char *start, const unsigned char *end);

/*
 * A named arena: the section the linker script placed between
 * __bump_NAME_start and __bump_NAME_end (see linker/bump_arena.ld).
 * At file scope:  BUMP_SECTION_DECLARE(fast);
 * then:           if (!BUMP_SECTION_INIT(&fast_arena, fast)) { ... }
 * Linker symbols are named in the CMSIS style (__name), which C reserves for
 * the implementation; only these two macros spell them.
 */
/* cppcheck-suppress misra-c2012-20.10 ; pasting the name is the point: one word names the section's symbols */
#define BUMP_SECTION_DECLARE(name)               \
    extern unsigned char __bump_##name##_start[]; \
    extern unsigned char __bump_##name##_end[] /* NOLINT(bugprone-reserved-identifier) */
/* cppcheck-suppress misra-c2012-20.10 ; as above */
#define BUMP_SECTION_INIT(arena, name) bump_section_init_range((arena), __bump_##name##_start, __bump_##name##_end)

#ifdef __cplusplus
}
#endif

#endif /* BUMP_SECTION_H */
