/* SPDX-License-Identifier: MIT */
/*
 * What the test and demo images get from the board besides startup:
 * semihosting (printf through newlib's rdimon, and the exit status through
 * SYS_EXIT_EXTENDED), and reports of faults and unexpected
 * exceptions. See board.h.
 */
#include <stdint.h>
#include <stdio.h>

#include "board.h"

#if defined(__PICOLIBC__)
/* picolibc (its libsemihost needs no set-up): errno is thread-local, so the
 * thread pointer must point at the one thread's block (sections.ld) before
 * anything sets errno. Its crt0, which we do not use, would do this. */
#include <picotls.h>
extern char __tls_base[];

void board_init_services(void)
{
    _set_tls(__tls_base);
}
#else
extern char __HeapLimit[];
/* rdimon's _sbrk (librdimon) stops the heap here when this is set; its crt0,
 * which we do not use, would set it from the debugger. */
extern char *__heap_limit;
extern void initialise_monitor_handles(void);

/* BOARD_NO_STDIO: for an image that writes only through SYS_WRITE0 and must
 * reach main with the C library's heap untouched (tests/bench/datasheet
 * measures newlib's heap port from its first call): setting up rdimon's
 * stdio mallocs. printf then writes nothing; the exit status still counts. */
void board_init_services(void)
{
    __heap_limit = __HeapLimit;
#if !defined(BOARD_NO_STDIO)
    initialise_monitor_handles();
#endif
}
#endif

_Noreturn void board_exit(int status)
{
    /* SYS_EXIT_EXTENDED (0x20) with {ADP_Stopped_ApplicationExit, status}. */
    fflush(stdout); /* first: a call would clobber r0 and r1 below */
    volatile uint32_t block[2] = {0x20026u, (uint32_t)status};
    register uint32_t op __asm__("r0") = 0x20u;
    register volatile uint32_t *arg __asm__("r1") = block;
    __asm__ volatile("bkpt 0xab" : "+r"(op) : "r"(arg) : "memory");
    for (;;) {
    }
}

static uint32_t active_exception(void)
{
    uint32_t ipsr;
    __asm__ volatile("mrs %0, ipsr" : "=r"(ipsr));
    return ipsr & 0x1ffu;
}

void board_fault_report(const uint32_t *frame)
{
    printf("FAULT: exception %lu at pc 0x%08lx\n", (unsigned long)active_exception(), (unsigned long)frame[6]);
    board_exit(70);
}

void board_unexpected_exception(void)
{
    printf("FAULT: unexpected exception %lu\n", (unsigned long)active_exception());
    board_exit(71);
}
