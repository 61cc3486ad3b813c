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
 * The default arena: the `.bump_arena` section between __bump_arena_start
 * and __bump_arena_end. Returns false when `arena` is NULL or the symbols do
 * not describe a region bump_init accepts (end before start).
 */
bool bump_section_init(bump_t *arena);

/* The arena between two linker symbols; what the macros below expand to. */
bool bump_section_init_range(bump_t *arena, unsigned char *start, unsigned char *end);

/*
 * A named arena, placed in the linker script with symbols __bump_NAME_start
 * and __bump_NAME_end (see linker/bump_arena.ld). At file scope:
 *     BUMP_SECTION_DECLARE(fast);
 * then: BUMP_SECTION_INIT(&arena, fast). Linker symbols are named in the
 * CMSIS style (__name), which C reserves; only these macros spell them.
 */
#define BUMP_SECTION_DECLARE(name) \
    extern unsigned char __bump_##name##_start[], __bump_##name##_end[] /* NOLINT(bugprone-reserved-identifier) */
#define BUMP_SECTION_INIT(arena, name) bump_section_init_range((arena), __bump_##name##_start, __bump_##name##_end)

#ifdef __cplusplus
}
#endif

#endif /* BUMP_SECTION_H */
