/* SPDX-License-Identifier: MIT */
/* The test image's linker symbols (board/cortex-m/image.ld), for the board tests. */
#ifndef LINKER_SYMBOLS_H
#define LINKER_SYMBOLS_H

#include <stddef.h>
#include <stdint.h>

/* NOLINTBEGIN(bugprone-reserved-identifier): CMSIS-style linker names */
extern unsigned char __bump_arena_start[], __bump_arena_end[], __bump_arena_size[];
extern unsigned char __bump_bulk_start[], __bump_bulk_end[], __bump_bulk_size[];
extern unsigned char __bump_log_start[], __bump_log_end[], __bump_log_size[];
extern unsigned char __bump_heap_start[], __bump_heap_end[], __bump_heap_size[];
extern unsigned char __data_start__[], __data_end__[], __bss_start__[], __bss_end__[];
extern unsigned char __StackLimit[], __StackTop[];
extern unsigned char __ram_region_start[], __ram_region_end[];
extern unsigned char __bulk_region_start[], __bulk_region_end[];
/* NOLINTEND(bugprone-reserved-identifier) */

/* A linker symbol's value: its address. */
#define SYMBOL_VALUE(sym) ((uintptr_t)(sym))

#endif /* LINKER_SYMBOLS_H */
