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
