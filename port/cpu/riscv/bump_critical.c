/* SPDX-License-Identifier: MIT */
/*
 * RISC-V critical section: bump_init takes the arena's lifetime in it on
 * RV32 (no lock-free 64-bit atomic there), and bump_alloc_atomic allocates in
 * it on cores without the A extension (rv32imc and the like: no LR/SC, no
 * AMOs). It clears
 * mstatus.MIE, machine mode's global interrupt enable, and gives back the
 * previous mstatus; exit sets MIE again only if it was set, so the section
 * nests and may be entered with interrupts already masked. For firmware that
 * runs in machine mode, as microcontrollers do. Link this file on every RV32
 * image. It implements src/bump_port.h.
 * Needs the Zicsr extension (GCC 12 spells it: -march=rv32imc_zicsr).
 */
#include "bump_port.h"

/* mstatus.MIE, bit 3. */
#define BUMP_RISCV_MSTATUS_MIE 8U

uint32_t bump_port_critical_enter(void)
{
    uint32_t mstatus;
    /* One instruction reads and clears, so no interrupt slips in between;
     * the memory clobber keeps the arena accesses inside the section. */
    __asm__ volatile("csrrci %0, mstatus, %1" : "=r"(mstatus) : "i"(BUMP_RISCV_MSTATUS_MIE) : "memory");
    return mstatus;
}

/* cppcheck-suppress misra-c2012-2.7 ; `state` is used, by the assembly */
void bump_port_critical_exit(uint32_t state)
{
    __asm__ volatile("csrs mstatus, %0" : : "r"(state & BUMP_RISCV_MSTATUS_MIE) : "memory");
}
