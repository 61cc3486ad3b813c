/* SPDX-License-Identifier: MIT */
/*
 * Shared startup for every RISC-V board, in machine mode: _start sets the
 * global and stack pointers and enters Reset_Handler, which paints the stack,
 * zeroes .bss and runs main. QEMU loads .data where it runs (the image lives in
 * RAM, see board/virt/memory.ld), so nothing is copied. Every trap comes to
 * one handler (mtvec, direct mode): the machine timer interrupt re-arms the
 * timer and calls MachineTimer_Handler, a weak default an image overrides by defining it; any
 * exception reports itself and ends the run non-zero, so a crash fails a
 * test instead of hanging it (board/riscv/services.c). The symbols come from
 * the image's linker script (board/riscv/image.ld).
 */
#include <stdint.h>

#include "board.h"

extern uint32_t __StackTop[], __StackLimit[];
extern uint32_t __bss_start__[], __bss_end__[];

int main(void);
void Reset_Handler(void);
void Default_Handler(void);
void MachineTimer_Handler(void) __attribute__((weak, alias("Default_Handler")));

/* mcause of the machine timer interrupt: the interrupt bit and cause 7. */
#define MCAUSE_MACHINE_TIMER 0x80000007u

/* gp first, with relaxation off, since relaxed code reaches data through
 * it; then the stack. */
__attribute__((naked, section(".text.start"))) void _start(void);
void _start(void)
{
    __asm__ volatile(".option push\n\t.option norelax\n\t"
                     "la gp, __global_pointer$\n\t.option pop\n\t"
                     "la sp, __StackTop\n\t"
                     "j Reset_Handler");
}

/* The trap handler: the interrupt attribute saves every register it uses and
 * returns with mret. mtvec needs it 4-aligned (code is 2-aligned with C). */
__attribute__((interrupt("machine"), aligned(4))) static void trap_handler(void)
{
    uint32_t mcause, mepc, mtval;
    __asm__ volatile("csrr %0, mcause" : "=r"(mcause));
    if (mcause == MCAUSE_MACHINE_TIMER) {
        board_timer_tick();
        MachineTimer_Handler();
        return;
    }
    __asm__ volatile("csrr %0, mepc" : "=r"(mepc));
    __asm__ volatile("csrr %0, mtval" : "=r"(mtval));
    if ((mcause & 0x80000000u) != 0u) {
        board_unexpected_interrupt(mcause);
    }
    board_fault_report(mcause, mepc, mtval);
}

void Reset_Handler(void)
{
    /* Paint the stack below the few words this function itself uses, so
     * board_stack_used can tell the peak. */
    uint32_t *sp;
    __asm__ volatile("mv %0, sp" : "=r"(sp));
    for (uint32_t *p = __StackLimit; p < sp - 16; p++) {
        *p = BOARD_STACK_PAINT;
    }
    for (uint32_t *to = __bss_start__; to < __bss_end__; to++) {
        *to = 0;
    }
    __asm__ volatile("csrw mtvec, %0" : : "r"(trap_handler));
    board_exit(main());
}

void Default_Handler(void)
{
    board_unexpected_interrupt(MCAUSE_MACHINE_TIMER);
}
