/* SPDX-License-Identifier: MIT */
/*
 * The stack's peak, the same on every board: startup paints the stack with
 * BOARD_STACK_PAINT (the board's board.h) from __StackLimit up to the
 * initial stack pointer, and what is still painted was never used.
 */
#include <stdint.h>

#include "board.h"

extern uint32_t __StackTop[], __StackLimit[];

size_t board_stack_used(void)
{
    const uint32_t *p = __StackLimit;
    while (p < __StackTop && *p == BOARD_STACK_PAINT) {
        p++;
    }
    return (size_t)((uintptr_t)__StackTop - (uintptr_t)p);
}

size_t board_stack_size(void)
{
    return (size_t)((uintptr_t)__StackTop - (uintptr_t)__StackLimit);
}
