/* SPDX-License-Identifier: MIT */
/*
 * What a CPU port supplies to the arena (port/cpu/cortex-m on every Cortex-M,
 * port/cpu/riscv on RISC-V). bump_init calls these on cores without a
 * lock-free 64-bit atomic (every Cortex-M and RV32: it takes the arena's
 * lifetime from a program-wide count inside the critical section), and
 * bump_alloc_atomic on cores without a pointer-sized compare-and-swap
 * (ARMv6-M, RV32 without the A extension). Users never call them; hosts
 * need no port.
 */
#ifndef BUMP_PORT_H
#define BUMP_PORT_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Masks the interrupts that may call bump_init or bump_alloc_atomic and
 * returns the previous state; must nest (called with interrupts already
 * masked). */
uint32_t bump_port_critical_enter(void);

/* Restores the state bump_port_critical_enter returned. */
void bump_port_critical_exit(uint32_t state);

#ifdef __cplusplus
}
#endif

#endif /* BUMP_PORT_H */
