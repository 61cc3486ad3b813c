/* SPDX-License-Identifier: MIT */
/*
 * MPU guards at both ends of an arena (see bump_mpu.h): PMSAv7 on ARMv7-M,
 * PMSAv8 on ARMv8-M Mainline, nothing elsewhere. The registers are the
 * System Control Space's, at the same addresses on both architectures.
 */
#include "bump_mpu.h"

#include <stdint.h>

#if defined(__ARM_ARCH_7M__) || defined(__ARM_ARCH_7EM__)
#define BUMP_MPU_PMSA 7
#elif defined(__ARM_ARCH_8M_MAIN__) || defined(__ARM_ARCH_8_1M_MAIN__)
#define BUMP_MPU_PMSA 8
#else
#define BUMP_MPU_PMSA 0
#endif

#if BUMP_MPU_PMSA != 0

#define SCB_SHCSR (*(volatile uint32_t *)0xE000ED24U)
#define SHCSR_MEMFAULTENA (1UL << 16)
#define MPU_TYPE (*(volatile const uint32_t *)0xE000ED90U)
#define MPU_CTRL (*(volatile uint32_t *)0xE000ED94U)
#define MPU_RNR (*(volatile uint32_t *)0xE000ED98U)
#define MPU_RBAR (*(volatile uint32_t *)0xE000ED9CU)
#define MPU_RASR_RLAR (*(volatile uint32_t *)0xE000EDA0U) /* RASR (v7), RLAR (v8) */
#define CTRL_ENABLE 1UL
#define CTRL_PRIVDEFENA 4UL
#define GUARD ((uintptr_t)BUMP_MPU_GUARD_SIZE)

#if BUMP_MPU_PMSA == 8
#define MPU_MAIR0 (*(volatile uint32_t *)0xE000EDC0U)
#define MPU_MAIR1 (*(volatile uint32_t *)0xE000EDC4U)
#if (BUMP_MPU_ATTR_INDEX) > 7
#error "BUMP_MPU_ATTR_INDEX must be 0 to 7"
#endif
#endif

/* Makes region `n` the guard block [at, at + 32). */
static void guard_region(uint32_t n, uintptr_t at)
{
    MPU_RNR = n;
#if BUMP_MPU_PMSA == 7
    MPU_RASR_RLAR = 0U; /* disabled while it changes */
    MPU_RBAR = (uint32_t)at;
    /* XN, AP 000 (no access at either privilege level), TEX/C/B 0 (strongly
     * ordered: never cached nor read speculatively), SIZE 4 (2^(4+1) = 32
     * bytes), enabled. */
    MPU_RASR_RLAR = (1UL << 28) | (4UL << 1) | 1UL;
#else
    MPU_RASR_RLAR = 0U;
    /* Non-shareable, AP 10 (read-only, privileged only: PMSAv8 has no
     * no-access encoding), XN. */
    MPU_RBAR = (uint32_t)at | (2UL << 1) | 1UL;
    /* LIMIT is the last 32-byte block in the region: the same block. */
    MPU_RASR_RLAR = (uint32_t)at | ((uint32_t)(BUMP_MPU_ATTR_INDEX) << 1) | 1UL;
#endif
}

bool bump_mpu_guard(bump_t *arena, unsigned first_region)
{
    uint32_t regions = (MPU_TYPE >> 8) & 0xFFU; /* DREGION; 0 without an MPU */
    uintptr_t start = (uintptr_t)bump_start(arena);
    uintptr_t end = (uintptr_t)bump_end(arena);
    /* Two guards and one usable block at least, before any rounding; this
     * also keeps start + GUARD - 1 below end, so nothing below wraps. */
    if ((bump_used(arena) != 0U) || (first_region >= regions) || ((regions - first_region) < 2U) ||
        (bump_capacity(arena) < (3U * GUARD))) {
        return false;
    }
    uintptr_t low = (start + (GUARD - 1U)) & ~(GUARD - 1U); /* the low guard block */
    uintptr_t high = (end & ~(GUARD - 1U)) - GUARD;           /* the high guard block */
    if ((high < low) || ((high - low) < (2U * GUARD))) {
        return false;
    }
    if (!bump_trim(arena, (size_t)((low + GUARD) - start), (size_t)(end - high))) {
        return false;
    }

    __asm__ volatile("dmb" : : : "memory"); /* earlier accesses complete under the old map */
#if BUMP_MPU_PMSA == 8
    {
        const uint32_t shift = ((uint32_t)(BUMP_MPU_ATTR_INDEX) % 4U) * 8U;
        const uint32_t mask = ~((uint32_t)0xFFU << shift); /* attribute 0x00: Device-nGnRnE */
        if ((uint32_t)(BUMP_MPU_ATTR_INDEX) < 4U) {
            MPU_MAIR0 &= mask;
        } else {
            MPU_MAIR1 &= mask;
        }
    }
#endif
    guard_region((uint32_t)first_region, low);
    guard_region((uint32_t)first_region + 1U, high);
    SCB_SHCSR |= SHCSR_MEMFAULTENA;
    if ((MPU_CTRL & CTRL_ENABLE) == 0U) {
        MPU_CTRL = CTRL_PRIVDEFENA | CTRL_ENABLE;
    }
    /* The new map applies to every access and fetch after these. */
    __asm__ volatile("dsb\n\tisb" : : : "memory");
    return true;
}

#else /* no PMSAv7 or PMSAv8 MPU to drive */

/* cppcheck-suppress misra-c2012-2.7 ; the parameters are the API's */
bool bump_mpu_guard(bump_t *arena, unsigned first_region)
{
    (void)arena;
    (void)first_region;
    return false;
}

#endif
