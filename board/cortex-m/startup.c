/*
 * Shared startup for every Cortex-M board (CMSIS vocabulary): the vector
 * table, a Reset_Handler that copies .data and zeroes .bss, weak default
 * handlers, and a fault handler that reports and exits non-zero, so a crash
 * fails the test run instead of hanging it. The symbols come from
 * linker/test-image.ld; each board folder holds only
 * its memory map (memory.ld) and its CPU and QEMU flags (board.mk).
 */
#include <stdint.h>
#include <stdio.h>

#include "board.h"

extern uint32_t __StackTop[], __StackLimit[];
extern uint32_t __data_start__[], __data_end__[], __data_load__[];
extern uint32_t __bss_start__[], __bss_end__[];
extern char __HeapLimit[];
/* rdimon's _sbrk (librdimon) stops the heap here when this is set; its crt0,
 * which we do not use, would set it from the debugger. */
extern char *__heap_limit;

extern void initialise_monitor_handles(void);
int main(void);

void Reset_Handler(void);
void Fault_Handler(void);
void Default_Handler(void);
void NMI_Handler(void) __attribute__((weak, alias("Default_Handler")));
void SVC_Handler(void) __attribute__((weak, alias("Default_Handler")));
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
        Reset_Handler,   /* 1 reset */
        NMI_Handler,     /* 2 NMI */
        Fault_Handler,   /* 3 HardFault */
        Fault_Handler,   /* 4 MemManage */
        Fault_Handler,   /* 5 BusFault */
        Fault_Handler,   /* 6 UsageFault */
        Fault_Handler,   /* 7 SecureFault (ARMv8-M) */
        0, 0, 0,         /* 8-10 reserved */
        SVC_Handler,     /* 11 SVCall */
        Default_Handler, /* 12 DebugMonitor */
        0,               /* 13 reserved */
        PendSV_Handler,  /* 14 PendSV */
        SysTick_Handler, /* 15 SysTick */
    },
};

/* Unused stack holds this word, so board_stack_used can tell the peak. */
#define STACK_PAINT 0x5a7ac4edu

void Reset_Handler(void)
{
    /* Paint the stack below the few words this function itself uses. */
    uint32_t *sp;
    __asm__ volatile("mov %0, sp" : "=r"(sp));
    for (uint32_t *p = __StackLimit; p < sp - 16; p++) {
        *p = STACK_PAINT;
    }
    const uint32_t *from = __data_load__;
    for (uint32_t *to = __data_start__; to < __data_end__; to++) {
        *to = *from++;
    }
    for (uint32_t *to = __bss_start__; to < __bss_end__; to++) {
        *to = 0;
    }
    __heap_limit = __HeapLimit;
    initialise_monitor_handles();
    board_exit(main());
}

size_t board_stack_used(void)
{
    const uint32_t *p = __StackLimit;
    while (p < __StackTop && *p == STACK_PAINT) {
        p++;
    }
    return (size_t)((uintptr_t)__StackTop - (uintptr_t)p);
}

size_t board_stack_size(void)
{
    return (size_t)((uintptr_t)__StackTop - (uintptr_t)__StackLimit);
}

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

/* Faults: say which exception and where, then fail the run. The trampoline
 * takes the stack pointer before any prologue moves it, so frame[6] is the
 * faulting pc (the images run on MSP only). */
void fault_report(const uint32_t *frame);
void fault_report(const uint32_t *frame)
{
    uint32_t ipsr;
    __asm__ volatile("mrs %0, ipsr" : "=r"(ipsr));
    printf("FAULT: exception %lu at pc 0x%08lx\n", (unsigned long)(ipsr & 0x1ffu), (unsigned long)frame[6]);
    board_exit(70);
}

__attribute__((naked)) void Fault_Handler(void)
{
    __asm__ volatile("mrs r0, msp\n\tldr r1, =fault_report\n\tbx r1\n\t.ltorg");
}

void Default_Handler(void)
{
    uint32_t ipsr;
    __asm__ volatile("mrs %0, ipsr" : "=r"(ipsr));
    printf("FAULT: unexpected exception %lu\n", (unsigned long)(ipsr & 0x1ffu));
    board_exit(71);
}
