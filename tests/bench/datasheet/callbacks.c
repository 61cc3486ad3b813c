/* SPDX-License-Identifier: MIT */
/* The user's code the library calls: see datasheet.h. */
#include "datasheet.h"

volatile unsigned callback_calls;

void callback_oom(bump_t *arena, size_t size, size_t align)
{
    (void)arena;
    (void)size;
    (void)align;
    callback_calls++;
}

void callback_lock(void *context)
{
    (void)context;
    callback_calls++;
}
