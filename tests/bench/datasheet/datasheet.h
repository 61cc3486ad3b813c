/* SPDX-License-Identifier: MIT */
/* The datasheet's image (datasheet.sh): what its three files share. */
#ifndef DATASHEET_H
#define DATASHEET_H

#include "bump.h"
#include "bump_hooks.h"
#include "bump_port.h"
#include "bump_section.h"
#if defined(__arm__)
#include "bump_mpu.h"
#include "bump_sbrk.h"
#endif

/* inline.c: the called copies of bump.h's inline functions. */
void *inline_bump_alloc(bump_t *arena, size_t size, size_t align);
void *inline_bump_zalloc(bump_t *arena, size_t size, size_t align);
void *inline_bump_alloc_array(bump_t *arena, size_t count, size_t size, size_t align);
void *inline_bump_zalloc_array(bump_t *arena, size_t count, size_t size, size_t align);
bump_scope_t inline_bump_scope_begin(bump_t *arena);
void inline_bump_scope_end(bump_scope_t *scope);
size_t inline_bump_used(const bump_t *arena);
size_t inline_bump_remaining(const bump_t *arena);
void *inline_bump_start(const bump_t *arena);
void *inline_bump_floor(const bump_t *arena);
void *inline_bump_growable(const bump_t *arena);
void *inline_bump_end(const bump_t *arena);
void *inline_bump_top(const bump_t *arena);
size_t inline_bump_capacity(const bump_t *arena);
size_t inline_bump_high_water(const bump_t *arena);
bool inline_bump_owns(const bump_t *arena, const void *p);
void inline_bump_set_oom_hook(bump_t *arena, bump_oom_hook_t hook);
bool inline_bump_init_child(bump_t *child, bump_t *parent, size_t size);
bump_epoch_t inline_bump_epoch(const bump_t *arena);
bool inline_bump_epoch_same(const bump_epoch_t *a, const bump_epoch_t *b);

/* callbacks.c: the user's code the library calls (the out-of-memory hook,
 * the adapters' lock). datasheet.sh counts none of their instructions, and
 * they use no stack. */
extern volatile unsigned callback_calls;
void callback_oom(bump_t *arena, size_t size, size_t align);
void callback_lock(void *context);

#endif /* DATASHEET_H */
