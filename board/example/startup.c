/* SPDX-License-Identifier: MIT */
/*
 * The example's startup, for a Cortex-M3 under QEMU: the vector table, a
 * reset handler that copies .data and zeroes .bss before main, and the two
 * semihosting calls the example uses to print and to end the run with
 * main's result as QEMU's exit status.
 */
#include <stdint.h>

/* From example.ld. */
extern uint32_t __StackTop[];
extern uint32_t __data_start__[], __data_end__[], __data_load__[];
extern uint32_t __bss_start__[], __bss_end__[];

int main(void);
void example_print(const char *text);
void Reset_Handler(void);
void Fault_Handler(void);

/* Semihosting: the operation in r0, its argument in r1, then bkpt 0xab. */
static void semihost(uint32_t operation, const void *argument)
{
    register uint32_t r0 __asm__("r0") = operation;
    register const void *r1 __asm__("r1") = argument;
    __asm__ volatile("bkpt 0xab" : "+r"(r0) : "r"(r1) : "memory");
}

/* SYS_WRITE0: a NUL-terminated string to the host's console. */
void example_print(const char *text)
{
    semihost(0x04U, text);
}

/* SYS_EXIT_EXTENDED with ADP_Stopped_ApplicationExit: QEMU exits with `code`
 * (the older SYS_EXIT would lose it). */
static void example_exit(int code)
{
    const uint32_t block[2] = {0x20026U, (uint32_t)code};
    semihost(0x20U, block);
    for (;;) {
    }
}

typedef void (*handler_t)(void);

/* Word 0 is the initial stack pointer, then the handlers of exceptions 1-15.
 * A struct keeps the stack address a data pointer. */
__attribute__((section(".isr_vector"), used)) static const struct {
    uint32_t *stack_top;
    handler_t handlers[15];
} vector_table = {
    __StackTop,
    {Reset_Handler, Fault_Handler, Fault_Handler, Fault_Handler, Fault_Handler, Fault_Handler, 0, 0, 0,
     0, Fault_Handler, Fault_Handler, 0, Fault_Handler, Fault_Handler},
};

void Reset_Handler(void)
{
    const uint32_t *from = __data_load__;
    for (uint32_t *to = __data_start__; to < __data_end__; to++) {
        *to = *from++;
    }
    for (uint32_t *to = __bss_start__; to < __bss_end__; to++) {
        *to = 0U;
    }
    example_exit(main());
}

/* Any exception: nothing here enables one, so it is a fault; end the run. */
void Fault_Handler(void)
{
    example_print("example: unexpected exception\n");
    example_exit(100);
}
