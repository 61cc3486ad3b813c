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

/* The stack's size, and the most of it used so far (startup paints it). */
size_t board_stack_size(void);
size_t board_stack_used(void);

/* Ends the program; QEMU exits with `status` (semihosting
 * SYS_EXIT_EXTENDED, the one exit call that keeps the status). */
_Noreturn void board_exit(int status);

#endif /* BOARD_H */
