/* SPDX-License-Identifier: MIT */
/* What every Cortex-M board image gets from board/cortex-m/. */
#ifndef BOARD_H
#define BOARD_H

/* Set by board/board.mk for each machine. */
#ifndef BOARD_MACHINE
#define BOARD_MACHINE "unknown"
#endif
#ifndef BOARD_CORE
#define BOARD_CORE "unknown"
#endif

#include <stddef.h>
#include <stdint.h>

/* SysTick (ARMv6-M and later, same address on every core). CSR = 5: enabled,
 * processor clock; 7: and its interrupt. */
#define BOARD_SYST_CSR (*(volatile uint32_t *)0xE000E010u)
#define BOARD_SYST_RVR (*(volatile uint32_t *)0xE000E014u)
#define BOARD_SYST_CVR (*(volatile uint32_t *)0xE000E018u)

/* The periodic timer interrupt, as the interrupt test uses it on every
 * board: SysTick calls BOARD_TIMER_HANDLER, which the test defines, every
 * `ticks` ticks. The test's period, 8 ticks, is 250 to 500 instructions. */
#define BOARD_TIMER_HANDLER SysTick_Handler
#define BOARD_TIMER_TEST_TICKS 8u
static inline void board_timer_start(uint32_t ticks)
{
    BOARD_SYST_RVR = ticks - 1u;
    BOARD_SYST_CVR = 0u;
    BOARD_SYST_CSR = 7u; /* enable, interrupt, processor clock */
}
static inline void board_timer_stop(void)
{
    BOARD_SYST_CSR = 0u;
}

/* Unused stack holds this word (startup paints it). */
#define BOARD_STACK_PAINT 0x5a7ac4edu

/* The stack's size, and the most of it used so far. */
size_t board_stack_size(void);
size_t board_stack_used(void);

/* Ends the program; QEMU exits with `status` (semihosting
 * SYS_EXIT_EXTENDED, the one exit call that keeps the status). */
_Noreturn void board_exit(int status);

/* For startup: semihosting I/O and newlib's heap limit, before main. */
void board_init_services(void);

/* For the default handlers: print what happened and exit 70 (a fault, with
 * the stacked frame) or 71 (an exception nobody handles). */
void board_fault_report(const uint32_t *frame);
void board_unexpected_exception(void);

#endif /* BOARD_H */
