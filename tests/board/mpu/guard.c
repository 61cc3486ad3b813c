/* SPDX-License-Identifier: MIT */
/*
 * One MPU guard, proved by a fault: built per end (-DGUARD_END=low or
 * -DGUARD_END=high) and kind of access (-DGUARD_ACCESS=write, read or fetch)
 * for each board with an MPU (board/board.mk). It guards an arena over a
 * deliberately misaligned region, checks the capacity it costs and that
 * every usable byte (and the bytes around the region) can be written and
 * read back, then writes, reads or jumps to the one byte (for a jump: the
 * halfword) just outside the usable part. MemManage_Handler must see that
 * very address, in MMFAR (MMARVALID set) for a data access or as the
 * stacked pc (IACCVIOL set) for a fetch, and ends the run "1 passed"; any
 * other ending fails it: no fault (main returns), another fault (the default
 * handlers), a wrong address. A privileged read is caught on PMSAv7 only
 * (bump_mpu.h), so only PMSAv7 boards get a read image.
 */
#include <stdint.h>
#include <stdio.h>

#include "board.h"
#include "bump_mpu.h"

#define low 1
#define high 2
#define write 1
#define read 2
#define fetch 3
#if !defined(GUARD_END) || ((GUARD_END != low) && (GUARD_END != high))
#error "build with -DGUARD_END=low or -DGUARD_END=high"
#endif
#ifndef GUARD_ACCESS
#define GUARD_ACCESS write
#endif
#if (GUARD_ACCESS != write) && (GUARD_ACCESS != read) && (GUARD_ACCESS != fetch)
#error "build with -DGUARD_ACCESS=write, read or fetch"
#endif
#if GUARD_END == low
#define END_NAME "low end"
#else
#define END_NAME "high end"
#endif
#if GUARD_ACCESS == write
#define ACCESS_NAME "write"
#elif GUARD_ACCESS == read
#define ACCESS_NAME "read"
#else
#define ACCESS_NAME "fetch"
#endif
#define LABEL "mpu guard, " END_NAME ", " ACCESS_NAME " (" BOARD_MACHINE ")"

#define SCB_CFSR (*(volatile uint32_t *)0xE000ED28u)
#define SCB_MMFAR (*(volatile uint32_t *)0xE000ED34u)
#define CFSR_IACCVIOL (1u << 0)
#define CFSR_MMARVALID (1u << 7)

/* The region: 1003 bytes starting 5 bytes into an aligned buffer, so both
 * ends need rounding; the buffer's bytes around it are the "neighbours". */
#define OFFSET 5u
#define SIZE 1003u
static unsigned char buffer[SIZE + 2u * OFFSET] __attribute__((aligned(64)));
static bump_t arena;
static volatile uintptr_t expected;

void MemManage_Handler(void);
void memmanage_report(const uint32_t *frame);

/* The stacked frame (frame[6]: the pc of the faulting instruction or fetch),
 * taken before any prologue moves the stack pointer; the image runs on MSP. */
__attribute__((naked)) void MemManage_Handler(void)
{
    __asm__ volatile("mrs r0, msp\n\tldr r1, =memmanage_report\n\tbx r1\n\t.ltorg");
}

void memmanage_report(const uint32_t *frame)
{
    uint32_t cfsr = SCB_CFSR;
#if GUARD_ACCESS == fetch
    uint32_t seen = frame[6];
    int ok = (cfsr & CFSR_IACCVIOL) != 0u && seen == (uint32_t)expected;
    const char *what = "IACCVIOL";
    unsigned flag = (cfsr & CFSR_IACCVIOL) != 0u;
#else
    uint32_t seen = SCB_MMFAR;
    int ok = (cfsr & CFSR_MMARVALID) != 0u && seen == (uint32_t)expected;
    const char *what = "MMARVALID";
    unsigned flag = (cfsr & CFSR_MMARVALID) != 0u;
    (void)frame;
#endif
    printf("MemManage: CFSR 0x%08lx, %s %u, %s 0x%08lx, expected 0x%08lx: %s\n", (unsigned long)cfsr, what, flag,
           GUARD_ACCESS == fetch ? "stacked pc" : "MMFAR", (unsigned long)seen, (unsigned long)expected,
           ok ? "equal" : "DIFFERENT");
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
    /* UDF #0 in every halfword: a fetch the guard lets through runs into an
     * undefined instruction (a UsageFault, HardFault here), not on. */
    for (size_t i = 0; i + 1u < sizeof buffer; i += 2u) {
        buffer[i] = 0x00u;
        buffer[i + 1u] = 0xdeu;
    }
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
    expected = ustart - ((GUARD_ACCESS == fetch) ? 2u : 1u);
#else
    expected = uend;
#endif
#if GUARD_ACCESS == write
    printf("writing one byte at 0x%08lx\n", (unsigned long)expected);
    *(volatile unsigned char *)expected = 0xeeu;
    return fail("the write outside the arena did not fault");
#elif GUARD_ACCESS == read
    printf("reading one byte at 0x%08lx\n", (unsigned long)expected);
    unsigned char seen = *(volatile unsigned char *)expected;
    printf("read 0x%02x\n", seen);
    return fail("the read outside the arena did not fault");
#else
    printf("jumping to 0x%08lx\n", (unsigned long)expected);
    void (*jump)(void) = (void (*)(void))(expected | 1u); /* Thumb */
    jump();
    return fail("the jump outside the arena did not fault");
#endif
}
