/* SPDX-License-Identifier: MIT */
/* Linker-section backend: see bump_section.h. */
#include "bump_section.h"

#include <stdint.h>

BUMP_SECTION_DECLARE(arena);

/* cppcheck-suppress misra-c2012-8.7 ; public: users' BUMP_SECTION_INIT calls it from their files */
bool bump_section_init_range(bump_t *arena, unsigned char *start, const unsigned char *end)
{
    /* Compared as integers: the two symbols are not one C object. */
    uintptr_t first = (uintptr_t)start;
    uintptr_t last = (uintptr_t)end;
    return (last >= first) && bump_init(arena, start, last - first);
}

bool bump_section_init(bump_t *arena)
{
    return BUMP_SECTION_INIT(arena, arena);
}
