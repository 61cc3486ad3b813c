/*
 * What a CPU port supplies to the arena (port/cpu/cortex-m does for ARMv6-M).
 * Only bump_alloc_atomic on cores without a pointer-sized compare-and-swap
 * calls these; users never call them, and an image that does not use
 * bump_alloc_atomic needs no port at all.
 */
#ifndef BUMP_PORT_H
#define BUMP_PORT_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Masks the interrupts that may call bump_alloc_atomic and returns the
 * previous state; must nest (called with interrupts already masked). */
uint32_t bump_port_critical_enter(void);

/* Restores the state bump_port_critical_enter returned. */
void bump_port_critical_exit(uint32_t state);

#ifdef __cplusplus
}
#endif

#endif /* BUMP_PORT_H */
