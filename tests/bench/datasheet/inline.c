/* SPDX-License-Identifier: MIT */
/*
 * Called copies of bump.h's inline functions, for the datasheet: an inline
 * function has no code of its own, so its figures are those of a function
 * that does nothing but call it with every argument known only at run time
 * (an inlined call site with constant arguments costs at most as much, less
 * the call and return). datasheet.sh reports inline_NAME as NAME. Built in
 * a file of its own, so the driver cannot inline them.
 */
#include "datasheet.h"

void *inline_bump_alloc(bump_t *arena, size_t size, size_t align)
{
    return bump_alloc(arena, size, align);
}

void *inline_bump_zalloc(bump_t *arena, size_t size, size_t align)
{
    return bump_zalloc(arena, size, align);
}

void *inline_bump_alloc_array(bump_t *arena, size_t count, size_t size, size_t align)
{
    return bump_alloc_array(arena, count, size, align);
}

void *inline_bump_zalloc_array(bump_t *arena, size_t count, size_t size, size_t align)
{
    return bump_zalloc_array(arena, count, size, align);
}

bump_scope_t inline_bump_scope_begin(bump_t *arena)
{
    return bump_scope_begin(arena);
}

void inline_bump_scope_end(bump_scope_t *scope)
{
    bump_scope_end(scope);
}

size_t inline_bump_used(const bump_t *arena)
{
    return bump_used(arena);
}

size_t inline_bump_remaining(const bump_t *arena)
{
    return bump_remaining(arena);
}

void *inline_bump_start(const bump_t *arena)
{
    return bump_start(arena);
}

void *inline_bump_floor(const bump_t *arena)
{
    return bump_floor(arena);
}

void *inline_bump_growable(const bump_t *arena)
{
    return bump_growable(arena);
}

void *inline_bump_end(const bump_t *arena)
{
    return bump_end(arena);
}

void *inline_bump_top(const bump_t *arena)
{
    return bump_top(arena);
}

size_t inline_bump_capacity(const bump_t *arena)
{
    return bump_capacity(arena);
}

size_t inline_bump_high_water(const bump_t *arena)
{
    return bump_high_water(arena);
}

bool inline_bump_owns(const bump_t *arena, const void *p)
{
    return bump_owns(arena, p);
}

void inline_bump_set_oom_hook(bump_t *arena, bump_oom_hook_t hook)
{
    bump_set_oom_hook(arena, hook);
}

bool inline_bump_init_child(bump_t *child, bump_t *parent, size_t size)
{
    return bump_init_child(child, parent, size);
}

bump_epoch_t inline_bump_epoch(const bump_t *arena)
{
    return bump_epoch(arena);
}

/* By pointer: what an inlined call costs has no structure to pass. */
bool inline_bump_epoch_same(const bump_epoch_t *a, const bump_epoch_t *b)
{
    return bump_epoch_same(*a, *b);
}
