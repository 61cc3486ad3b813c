/* SPDX-License-Identifier: MIT */
/*
 * Cortex-M critical section: bump_init takes the arena's lifetime in it on
 * every Cortex-M (none has a lock-free 64-bit atomic), and bump_alloc_atomic
 * allocates in it on cores without LDREX/STREX (ARMv6-M: Cortex-M0, M0+).
 * Masking interrupts with PRIMASK and restoring the previous value, rather
 * than re-enabling, lets it nest and be called with interrupts already
 * masked. Link this file on every Cortex-M image. It implements
 * src/bump_port.h, the interface a CPU port supplies.
 */
#include "bump_port.h"

uint32_t bump_port_critical_enter(void)
{
    uint32_t primask;
    /* The memory clobber keeps the arena accesses inside the section. */
    __asm__ volatile("mrs %0, primask\n\tcpsid i" : "=r"(primask) : : "memory");
    return primask;
}

/* cppcheck-suppress misra-c2012-2.7 ; `state` is used, by the assembly */
void bump_port_critical_exit(uint32_t state)
{
    __asm__ volatile("msr primask, %0" : : "r"(state) : "memory");
}
