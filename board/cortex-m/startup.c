/* SPDX-License-Identifier: MIT */
/*
 * Shared startup for every Cortex-M board, shaped like CMSIS's
 * startup_<device>.c: the vector table in .isr_vector, a Reset_Handler that
 * copies .data and zeroes .bss, and one weak handler per exception, each an
 * alias of a default that an image overrides by defining a function of that
 * name (the interrupt test defines SysTick_Handler). The faults' default
 * reports the exception and ends the run non-zero, so a crash fails a test
 * instead of hanging it (board/cortex-m/services.c). The symbols come from
 * the image's linker script (board/cortex-m/image.ld).
 */
#include <stdint.h>

#include "board.h"

extern uint32_t __StackTop[], __StackLimit[];
extern uint32_t __data_start__[], __data_end__[], __data_load__[];
extern uint32_t __bss_start__[], __bss_end__[];

extern void initialise_monitor_handles(void);
int main(void);

void Reset_Handler(void);
void Default_Handler(void);
void Fault_Handler(void);
void NMI_Handler(void) __attribute__((weak, alias("Default_Handler")));
void HardFault_Handler(void) __attribute__((weak, alias("Fault_Handler")));
void MemManage_Handler(void) __attribute__((weak, alias("Fault_Handler")));
void BusFault_Handler(void) __attribute__((weak, alias("Fault_Handler")));
void UsageFault_Handler(void) __attribute__((weak, alias("Fault_Handler")));
void SecureFault_Handler(void) __attribute__((weak, alias("Fault_Handler")));
void SVC_Handler(void) __attribute__((weak, alias("Default_Handler")));
void DebugMon_Handler(void) __attribute__((weak, alias("Default_Handler")));
void PendSV_Handler(void) __attribute__((weak, alias("Default_Handler")));
void SysTick_Handler(void) __attribute__((weak, alias("Default_Handler")));

typedef void (*handler_t)(void);

/* Word 0 is the initial stack pointer, then the exception handlers. A struct
 * keeps the stack address a data pointer (no object-to-function cast). */
__attribute__((section(".isr_vector"), used)) static const struct {
    uint32_t *stack_top;
    handler_t handlers[15];
} vector_table = {
    __StackTop,
    {
        Reset_Handler,       /* 1 reset */
        NMI_Handler,         /* 2 NMI */
        HardFault_Handler,   /* 3 HardFault */
        MemManage_Handler,   /* 4 MemManage */
        BusFault_Handler,    /* 5 BusFault */
        UsageFault_Handler,  /* 6 UsageFault */
        SecureFault_Handler, /* 7 SecureFault (ARMv8-M Mainline) */
        0, 0, 0,             /* 8-10 reserved */
        SVC_Handler,         /* 11 SVCall */
        DebugMon_Handler,    /* 12 DebugMonitor */
        0,                   /* 13 reserved */
        PendSV_Handler,      /* 14 PendSV */
        SysTick_Handler,     /* 15 SysTick */
    },
};

void Reset_Handler(void)
{
    /* Paint the stack below the few words this function itself uses, so
     * board_stack_used can tell the peak. */
    uint32_t *sp;
    __asm__ volatile("mov %0, sp" : "=r"(sp));
    for (uint32_t *p = __StackLimit; p < sp - 16; p++) {
        *p = BOARD_STACK_PAINT;
    }
    const uint32_t *from = __data_load__;
    for (uint32_t *to = __data_start__; to < __data_end__; to++) {
        *to = *from++;
    }
    for (uint32_t *to = __bss_start__; to < __bss_end__; to++) {
        *to = 0;
    }
    board_init_services();
    board_exit(main());
}

/* The faults: the stack pointer is taken before any prologue moves it, so
 * frame[6] is the faulting pc (the images run on MSP only). */
__attribute__((naked)) void Fault_Handler(void)
{
    __asm__ volatile("mrs r0, msp\n\tldr r1, =board_fault_report\n\tbx r1\n\t.ltorg");
}

void Default_Handler(void)
{
    board_unexpected_exception();
}
