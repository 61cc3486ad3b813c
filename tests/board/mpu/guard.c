/* SPDX-License-Identifier: MIT */
/*
 * One MPU guard, proved by a fault: built once per end (-DGUARD_END=low or
 * -DGUARD_END=high) for each board with an MPU (board/board.mk). It guards
 * an arena over a deliberately misaligned region, checks the capacity it
 * costs and that every usable byte (and the bytes around the region) can be
 * written and read back, then writes the one byte just outside the usable
 * part. MemManage_Handler must see that very address in MMFAR (MMARVALID
 * set) and ends the run "1 passed"; any other ending fails it: no fault
 * (main returns), another fault (the default handlers), a wrong address.
 */
#include <stdint.h>
#include <stdio.h>

#include "board.h"
#include "bump_mpu.h"

#define low 1
#define high 2
#if !defined(GUARD_END) || ((GUARD_END != low) && (GUARD_END != high))
#error "build with -DGUARD_END=low or -DGUARD_END=high"
#endif
#if GUARD_END == low
#define LABEL "mpu guard, low end (" BOARD_MACHINE ")"
#else
#define LABEL "mpu guard, high end (" BOARD_MACHINE ")"
#endif

#define SCB_CFSR (*(volatile uint32_t *)0xE000ED28u)
#define SCB_MMFAR (*(volatile uint32_t *)0xE000ED34u)
#define CFSR_MMARVALID (1u << 7)

/* The region: 1003 bytes starting 5 bytes into an aligned buffer, so both
 * ends need rounding; the buffer's bytes around it are the "neighbours". */
#define OFFSET 5u
#define SIZE 1003u
static unsigned char buffer[SIZE + 2u * OFFSET] __attribute__((aligned(64)));
static bump_t arena;
static volatile uintptr_t expected;

void MemManage_Handler(void);
void MemManage_Handler(void)
{
    uint32_t cfsr = SCB_CFSR;
    uint32_t mmfar = SCB_MMFAR;
    int ok = (cfsr & CFSR_MMARVALID) != 0u && mmfar == (uint32_t)expected;
    printf("MemManage: CFSR 0x%08lx, MMARVALID %u, MMFAR 0x%08lx, expected 0x%08lx: %s\n", (unsigned long)cfsr,
           (cfsr & CFSR_MMARVALID) != 0u, (unsigned long)mmfar, (unsigned long)expected, ok ? "equal" : "DIFFERENT");
    printf("%s: %d passed, %d failed\n", LABEL, ok, !ok);
    board_exit(ok ? 0 : 1);
}

static int fail(const char *what)
{
    printf("FAILED before the fault: %s\n", what);
    printf("%s: 0 passed, 1 failed\n", LABEL);
    return 1;
}

int main(void)
{
    unsigned char *region = buffer + OFFSET;
    uintptr_t start = (uintptr_t)region, end = start + SIZE;
    if (!bump_init(&arena, region, SIZE)) {
        return fail("bump_init");
    }
    unsigned regions = (unsigned)((*(volatile uint32_t *)0xE000ED90u >> 8) & 0xffu);
    /* The top two regions, as an RTOS that uses the low ones would leave. */
    if (regions < 2u || !bump_mpu_guard(&arena, regions - 2u)) {
        return fail("bump_mpu_guard");
    }
    uintptr_t ustart = (uintptr_t)bump_start(&arena), uend = (uintptr_t)bump_end(&arena);
    size_t cost = SIZE - bump_capacity(&arena);
    size_t want = 64u + (32u - start % 32u) % 32u + end % 32u;
    printf("%s (%s): region 0x%08lx..0x%08lx, usable 0x%08lx..0x%08lx, cost %u bytes (expected %u)\n", BOARD_MACHINE,
           BOARD_CORE, (unsigned long)start, (unsigned long)end, (unsigned long)ustart, (unsigned long)uend,
           (unsigned)cost, (unsigned)want);
    if (cost != want || ustart % 32u != 0u || uend % 32u != 0u || ustart < start + 32u || uend + 32u > end ||
        bump_used(&arena) != 0u) {
        return fail("the trimmed arena");
    }
    /* Every usable byte, the first and last included, and the neighbours. */
    volatile unsigned char *u = (volatile unsigned char *)ustart;
    size_t n = uend - ustart;
    for (size_t i = 0; i < n; i++) {
        u[i] = (unsigned char)(i * 7u + 1u);
    }
    for (size_t i = 0; i < n; i++) {
        if (u[i] != (unsigned char)(i * 7u + 1u)) {
            return fail("a usable byte did not read back");
        }
    }
    u[0] = 0xa5u;
    u[n - 1u] = 0x5au;
    if (u[0] != 0xa5u || u[n - 1u] != 0x5au) {
        return fail("the first or last usable byte");
    }
    volatile unsigned char *before = region - 1, *after = region + SIZE;
    *before = 0x11u;
    *after = 0x22u;
    if (*before != 0x11u || *after != 0x22u) {
        return fail("the bytes next to the region");
    }
    void *block = bump_alloc(&arena, n, 1);
    if (block != (void *)ustart) {
        return fail("allocating the whole capacity");
    }

#if GUARD_END == low
    expected = ustart - 1u;
#else
    expected = uend;
#endif
    printf("writing one byte at 0x%08lx\n", (unsigned long)expected);
    *(volatile unsigned char *)expected = 0xeeu;
    return fail("the write outside the arena did not fault");
}
