/* SPDX-License-Identifier: MIT */
/*
 * What the test and demo images get from the board besides startup:
 * semihosting (console output and the exit status through
 * SYS_EXIT_EXTENDED), the machine timer, and reports of
 * traps. See board.h.
 */
#include <stdint.h>
#include <stdio.h>

#include "board.h"

/* A semihosting call: operation in a0, its argument in a1, the answer in
 * a0. The debugger recognises the ebreak by the two instructions around it,
 * which must not be compressed nor cross a page: a function of its own,
 * 16-aligned, keeps the three together. */
uint32_t board_semihost(uint32_t op, const volatile void *arg);
__asm__(".section .text.board_semihost, \"ax\", @progbits\n"
        ".balign 16\n"
        ".globl board_semihost\n"
        ".type board_semihost, @function\n"
        "board_semihost:\n"
        ".option push\n.option norvc\n"
        "slli x0, x0, 0x1f\nebreak\nsrai x0, x0, 7\n"
        ".option pop\n"
        "ret\n"
        ".previous");
void board_write(const char *text, size_t n)
{
    /* The console is the file ":tt", opened for writing (SYS_OPEN, 0x01,
     * mode 4 "w") on first use, as newlib's rdimon does on Cortex-M; then
     * SYS_WRITE (0x05). */
    static uint32_t console = UINT32_MAX;
    if (console == UINT32_MAX) {
        static const char name[] = ":tt";
        volatile uint32_t open_block[3] = {(uint32_t)(uintptr_t)name, 4u, sizeof name - 1u};
        console = board_semihost(0x01u, open_block);
    }
    volatile uint32_t block[3] = {console, (uint32_t)(uintptr_t)text, (uint32_t)n};
    (void)board_semihost(0x05u, block);
}

_Noreturn void board_exit(int status)
{
    /* SYS_EXIT_EXTENDED (0x20) with {ADP_Stopped_ApplicationExit, status}. */
    fflush(stdout);
    volatile uint32_t block[2] = {0x20026u, (uint32_t)status};
    (void)board_semihost(0x20u, block);
    for (;;) {
    }
}

static uint32_t timer_period;

/* Writes mtimecmp without passing through a value below the target: the
 * high word is parked at its maximum while the low word changes. */
static void set_mtimecmp(uint64_t when)
{
    BOARD_MTIMECMP_HI = 0xffffffffu;
    BOARD_MTIMECMP_LO = (uint32_t)when;
    BOARD_MTIMECMP_HI = (uint32_t)(when >> 32);
}

static uint64_t mtime(void)
{
    uint32_t hi, lo;
    do {
        hi = BOARD_MTIME_HI;
        lo = BOARD_MTIME_LO;
    } while (hi != BOARD_MTIME_HI);
    return ((uint64_t)hi << 32) | lo;
}

void board_timer_tick(void)
{
    uint64_t next = (((uint64_t)BOARD_MTIMECMP_HI << 32) | BOARD_MTIMECMP_LO) + timer_period;
    set_mtimecmp(next);
}

void board_timer_start(uint32_t ticks)
{
    timer_period = ticks;
    set_mtimecmp(mtime() + ticks);
    __asm__ volatile("csrs mie, %0" : : "r"(0x80u) : "memory");     /* MTIE */
    __asm__ volatile("csrs mstatus, %0" : : "r"(0x8u) : "memory");  /* MIE */
}

void board_timer_stop(void)
{
    __asm__ volatile("csrc mie, %0" : : "r"(0x80u) : "memory");
    set_mtimecmp(UINT64_MAX);
}

void board_fault_report(uint32_t mcause, uint32_t mepc, uint32_t mtval)
{
    printf("FAULT: exception %lu at pc 0x%08lx (mtval 0x%08lx)\n", (unsigned long)mcause, (unsigned long)mepc,
           (unsigned long)mtval);
    board_exit(70);
}

void board_unexpected_interrupt(uint32_t mcause)
{
    printf("FAULT: unexpected interrupt %lu\n", (unsigned long)(mcause & 0x7fffffffu));
    board_exit(71);
}
