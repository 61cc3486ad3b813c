/* SPDX-License-Identifier: MIT */
/* What every RISC-V board image gets from board/riscv/. */
#ifndef BOARD_H
#define BOARD_H

/* Set by board/board.mk for each board. */
#ifndef BOARD_MACHINE
#define BOARD_MACHINE "unknown"
#endif
#ifndef BOARD_CORE
#define BOARD_CORE "unknown"
#endif

#include <stddef.h>
#include <stdint.h>

/* The machine timer of QEMU's virt (SiFive's CLINT layout, hart 0): mtime
 * counts at 10 MHz; the timer interrupt is pending while mtime >= mtimecmp.
 * Both are 64-bit, read and written as two words on RV32. */
#define BOARD_MTIMECMP_LO (*(volatile uint32_t *)0x02004000u)
#define BOARD_MTIMECMP_HI (*(volatile uint32_t *)0x02004004u)
#define BOARD_MTIME_LO (*(volatile uint32_t *)0x0200bff8u)
#define BOARD_MTIME_HI (*(volatile uint32_t *)0x0200bffcu)

/* The periodic timer interrupt, as the interrupt test uses it on every
 * board: it calls BOARD_TIMER_HANDLER, which the test defines, every
 * `ticks` ticks of mtime (100 instructions each under -icount shift=0). */
#define BOARD_TIMER_HANDLER MachineTimer_Handler
void BOARD_TIMER_HANDLER(void);
void board_timer_start(uint32_t ticks);
/* The interrupt test's period: 500 instructions. */
#define BOARD_TIMER_TEST_TICKS 5u
void board_timer_stop(void);
/* For the trap handler, before BOARD_TIMER_HANDLER: the CLINT's compare
 * fires once, so each interrupt sets the next one a period on. */
void board_timer_tick(void);

/* Unused stack holds this word (startup paints it). */
#define BOARD_STACK_PAINT 0x5a7ac4edu

/* The stack's size, and the most of it used so far. */
size_t board_stack_size(void);
size_t board_stack_used(void);

/* Ends the program; QEMU exits with `status` (semihosting
 * SYS_EXIT_EXTENDED, the one exit call that keeps the status). */
_Noreturn void board_exit(int status);

/* Writes `n` bytes to the console (semihosting), for board/riscv/libc.c. */
void board_write(const char *text, size_t n);

/* For the trap handler: print what happened and exit 70 (an exception, with
 * mcause, mepc and mtval) or 71 (an interrupt nobody handles). */
void board_fault_report(uint32_t mcause, uint32_t mepc, uint32_t mtval);
void board_unexpected_interrupt(uint32_t mcause);

#endif /* BOARD_H */
