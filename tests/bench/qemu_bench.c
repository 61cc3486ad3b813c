/* SPDX-License-Identifier: MIT */
/*
 * Instructions per allocation on a Cortex-M under QEMU, counted, not timed:
 * under -icount shift=0 each guest instruction takes 1 ns of virtual time and
 * SysTick counts the processor clock, so instructions = ticks x (1e9 / clock).
 * On RISC-V, minstret counts the instructions themselves (QEMU derives it
 * from the instruction count under -icount). Each figure is the average over
 * OPS operations, less an empty loop doing the same bookkeeping, so it is
 * exactly repeatable. BENCH_NO_MALLOC: no C library's malloc is linked (the
 * RISC-V images), so there is no malloc to compare with.
 */
#include <stdint.h>
#include <stdio.h>
#if !defined(BENCH_NO_MALLOC)
#include <malloc.h>
#include <stdlib.h>
#endif

#include "board.h"
#include "bump.h"

#if defined(__riscv)
#define BENCH_CLOCK_HZ 1000000000u /* one count per instruction, as -icount shift=0 makes it 1 ns */
#define BENCH_COUNTER "minstret count"
#else
#define BENCH_COUNTER "SysTick tick"
#endif
#ifndef BENCH_CLOCK_HZ
#error "BENCH_CLOCK_HZ: the board's SysTick clock"
#endif
#ifndef BENCH_LIBC
#define BENCH_LIBC "newlib"
#endif


#ifndef BENCH_OPS
#define BENCH_OPS 256u
#endif
#define OPS BENCH_OPS
#define ARENA_BYTES (OPS * 64u + 1024u)

static _Alignas(8) unsigned char region[ARENA_BYTES];
static void *volatile sink;
#if !defined(BENCH_NO_MALLOC)
static void *blocks[2u * OPS];
#endif
/* A mix of small sizes, as firmware asks for them. */
static const size_t sizes[8] = {8, 12, 16, 24, 32, 48, 20, 40};

#if defined(__riscv)
static uint32_t now(void)
{
    uint32_t count;
    __asm__ volatile("csrr %0, minstret" : "=r"(count));
    return count;
}

/* Instructions between two minstret readings (it counts up). */
static uint32_t instructions(uint32_t start, uint32_t end)
{
    return end - start;
}
#else
static uint32_t now(void)
{
    return BOARD_SYST_CVR;
}

/* Instructions between two SysTick readings (it counts down, 24 bits). */
static uint32_t instructions(uint32_t start, uint32_t end)
{
    uint32_t ticks = (start - end) & 0xffffffu;
    return (uint32_t)(((uint64_t)ticks * 1000000000u) / BENCH_CLOCK_HZ);
}
#endif

/* The empty loops: the same bookkeeping with no allocation. */
static uint32_t base_const, base_mix;

/* Per-operation figure in tenths of an instruction. */
static unsigned per_op(uint32_t total, uint32_t base)
{
    uint32_t net = total > base ? total - base : 0u;
    return (unsigned)((net * 10u + OPS / 2u) / OPS);
}

static void row(const char *what, unsigned tenths, unsigned reference)
{
    printf("| %-44s | %6u.%u |", what, tenths / 10u, tenths % 10u);
    if (reference > 0u) {
        unsigned ratio = (tenths * 10u + reference / 2u) / reference;
        printf(" %4u.%ux |\n", ratio / 10u, ratio % 10u);
    } else {
        printf("         |\n");
    }
}

__attribute__((noinline)) static void *called16(bump_t *a)
{
    return bump_alloc(a, 16, 8);
}

__attribute__((noinline)) static void *called(bump_t *a, size_t n)
{
    return bump_alloc(a, n, 8);
}

/* What an allocator hook compiles to: size and alignment known only at run
 * time. Neither compiler may specialise it for the constant the loop passes:
 * GCC by noipa; clang, which has no noipa and propagates constants into a
 * static function, by external linkage. */
#if defined(__clang__)
#define BENCH_NOIPA __attribute__((noinline))
#else
#define BENCH_NOIPA __attribute__((noinline, noipa))
#endif
void *bench_called_any(bump_t *a, size_t n, size_t align);
BENCH_NOIPA void *bench_called_any(bump_t *a, size_t n, size_t align)
{
    return bump_alloc(a, n, align);
}

/* Runs `expr` OPS times (i is the index) and sets `out` to the instructions
 * that took. Every loop runs as written, so that the empty loop's overhead is
 * the same as each measured loop's: clang unrolls a loop without a call (the
 * empty loops, the inlined allocations) and not one with a call. */
#if defined(__clang__)
#define BENCH_AS_WRITTEN _Pragma("clang loop unroll(disable)")
#else
#define BENCH_AS_WRITTEN
#endif
#define MEASURE(out, expr)                     \
    do {                                       \
        uint32_t t0_ = now();                  \
        BENCH_AS_WRITTEN                       \
        for (unsigned i = 0; i < OPS; i++) {   \
            sink = (expr);                     \
        }                                      \
        (out) = instructions(t0_, now());      \
    } while (0)

int main(void)
{
    bump_t a;
#if !defined(__riscv)
    BOARD_SYST_RVR = 0xffffffu;
    BOARD_SYST_CVR = 0u;
    BOARD_SYST_CSR = 5u; /* enabled, processor clock, no interrupt */
#endif
    uint32_t total;
    for (int warm = 0; warm < 2; warm++) {
        MEASURE(base_const, (void *)(uintptr_t)i);
        MEASURE(base_mix, (void *)(uintptr_t)sizes[i & 7u]);
    }

    printf("%s (%s), %s: instructions per operation, %u operations each\n\n", BOARD_MACHINE, BOARD_CORE,
           BENCH_LIBC, OPS);
    printf("| operation                                    |   instr. | vs bump |\n");
    printf("| -------------------------------------------- | -------: | ------: |\n");

    (void)bump_init(&a, region, sizeof region);
    MEASURE(total, bump_alloc(&a, 16, 8));
    unsigned inline16 = per_op(total, base_const);
    bump_reset(&a);
    MEASURE(total, bump_alloc(&a, sizes[i & 7u], 8));
    unsigned inline_mix = per_op(total, base_mix);
    bump_reset(&a);
    MEASURE(total, called16(&a));
    unsigned called_16 = per_op(total, base_const);
    bump_reset(&a);
    MEASURE(total, called(&a, sizes[i & 7u]));
    unsigned called_mix = per_op(total, base_mix);
    bump_reset(&a);
    MEASURE(total, bench_called_any(&a, sizes[i & 7u], 8));
    unsigned called_any_mix = per_op(total, base_mix);
    bump_reset(&a);
    MEASURE(total, bump_alloc_slow(&a, sizes[i & 7u], 8));
    unsigned slow_mix = per_op(total, base_mix);

    /* Marks (out of line, call included). A new mark is measured as a turn of
     * allocate, mark, rewind to an outer mark, less the same turn without the
     * mark; the rest are measured alone. */
    bump_mark_t mk, outer, stale;
    (void)bump_init(&a, region, sizeof region);
    outer = bump_mark(&a);
    MEASURE(total, (mk = bump_mark(&a), (void *)(uintptr_t)mk.serial));
    unsigned mark_same = per_op(total, base_const);
    MEASURE(total, (void *)(uintptr_t)bump_rewind(&a, outer));
    unsigned rewind_none = per_op(total, base_const);
    MEASURE(total, ((void)bump_alloc(&a, 16, 8), (void *)(uintptr_t)bump_rewind(&a, outer)));
    unsigned alloc_rewind = per_op(total, base_const);
    MEASURE(total, ((void)bump_alloc(&a, 16, 8), (mk = bump_mark(&a)), (void *)(uintptr_t)bump_rewind(&a, outer)));
    unsigned alloc_mark_rewind = per_op(total, base_const);
    unsigned mark_new = alloc_mark_rewind > alloc_rewind ? alloc_mark_rewind - alloc_rewind : 0u;
    unsigned rewind_release = alloc_rewind > inline16 ? alloc_rewind - inline16 : 0u;
    (void)bump_alloc(&a, 16, 8);
    stale = bump_mark(&a);
    bump_reset(&a);
    (void)bump_alloc(&a, 64, 8);
    MEASURE(total, (void *)(uintptr_t)bump_rewind(&a, stale));
    unsigned rewind_refused = per_op(total, base_const);

    /* The same allocation after different histories: it must cost the same. */
    unsigned worst = 0, best = ~0u;
    for (unsigned history = 0; history < 4; history++) {
        (void)bump_init(&a, region, sizeof region);
        if (history >= 1u) { /* after many allocations */
            for (unsigned i = 0; i < OPS; i++) {
                (void)bump_alloc(&a, 3, 1);
            }
        }
        if (history >= 2u) { /* after rewinds */
            bump_mark_t m = bump_mark(&a);
            (void)bump_alloc(&a, 500, 4);
            (void)bump_rewind(&a, m);
        }
        if (history == 3u) { /* after a reset */
            bump_reset(&a);
        }
        MEASURE(total, bump_alloc(&a, sizes[i & 7u], 8));
        unsigned cost = per_op(total, base_mix);
        worst = cost > worst ? cost : worst;
        best = cost < best ? cost : best;
    }

#if defined(BENCH_NO_MALLOC)
    unsigned malloc_warm = 0, nulls = 0;
#else
    /* malloc, warm: its free lists hold blocks of the sizes asked for. */
    for (unsigned i = 0; i < OPS; i++) {
        blocks[i] = malloc(sizes[i & 7u]);
    }
    for (unsigned i = 0; i < OPS; i++) {
        free(blocks[i]);
    }
    uint32_t t0 = now();
    for (unsigned i = 0; i < OPS; i++) {
        blocks[i] = malloc(sizes[i & 7u]);
    }
    unsigned malloc_warm = per_op(instructions(t0, now()), base_mix);
    t0 = now();
    for (unsigned i = 0; i < OPS; i++) {
        free(blocks[i]);
    }
    unsigned free_each = per_op(instructions(t0, now()), base_const);

    /* malloc after fragmentation: every other block freed, then a mix. */
    for (unsigned i = 0; i < 2u * OPS; i++) {
        blocks[i] = malloc(sizes[(i * 3u) & 7u]);
    }
    for (unsigned i = 0; i < 2u * OPS; i += 2u) {
        free(blocks[i]);
        blocks[i] = NULL;
    }
    t0 = now();
    for (unsigned i = 0; i < OPS; i++) {
        blocks[2u * i] = malloc(sizes[i & 7u]);
    }
    unsigned malloc_frag = per_op(instructions(t0, now()), base_mix);
    unsigned nulls = 0;
    for (unsigned i = 0; i < 2u * OPS; i++) {
        nulls += blocks[i] == NULL;
        free(blocks[i]);
    }
#endif

    row("bump_alloc(a, 16, 8), inlined", inline16, inline16);
    row("bump_alloc, mix of sizes, inlined", inline_mix, inline_mix);
    row("bump_alloc(a, 16, 8), called (incl. call)", called_16, inline16);
    row("bump_alloc, mix of sizes, called", called_mix, inline_mix);
    row("called, size and alignment unknown", called_any_mix, inline_mix);
    row("bump_alloc_slow, mix of sizes", slow_mix, inline_mix);
    row("bump_alloc, mix, worst of 4 histories", worst, inline_mix);
    row("bump_alloc, mix, best of 4 histories", best, inline_mix);
    row("bump_mark, a new point (recorded)", mark_new, inline16);
    row("bump_mark, the point of the newest mark", mark_same, inline16);
    row("bump_rewind, valid, releasing a block", rewind_release, inline16);
    row("bump_rewind, valid, nothing to release", rewind_none, inline16);
    row("bump_rewind, stale mark refused", rewind_refused, inline16);
#if defined(BENCH_NO_MALLOC)
    printf("| %-44s | %8s |         |\n", "malloc: none linked (no C library)", "-");
#else
    row(BENCH_LIBC " malloc, mix, warm", malloc_warm, inline_mix);
    row(BENCH_LIBC " malloc, mix, after fragmentation", malloc_frag, inline_mix);
    row(BENCH_LIBC " free, each", free_each, 0u);
#endif
    /* One count of the counter, spread over OPS operations, is the resolution. */
    unsigned resolution = (unsigned)(((uint64_t)10u * 1000000000u / BENCH_CLOCK_HZ + OPS - 1u) / OPS);
    printf("\nsizes: bump_t %u bytes (BUMP_MARK_DEPTH %u), bump_mark_t %u bytes\n", (unsigned)sizeof(bump_t),
           (unsigned)BUMP_MARK_DEPTH, (unsigned)sizeof(bump_mark_t));
    printf("resolution: %u.%u instructions per operation (one " BENCH_COUNTER " over %u operations)\n",
           resolution / 10u, resolution % 10u, OPS);
    if (nulls > 0u) {
        printf("%s malloc returned NULL %u times of %u: the heap ran out\n", BENCH_LIBC, nulls, 2u * OPS);
    }
    /* Passes when the bump figures are history-independent to within the
     * resolution and every figure was measured. */
#if defined(BENCH_NO_MALLOC)
    malloc_warm = 1u; /* nothing to measure */
#endif
    int ok = worst - best <= resolution && inline16 > 0u && malloc_warm > 0u && mark_new > 0u && rewind_refused > 0u;
    printf("bench %s %s: %d passed, %d failed\n", BOARD_MACHINE, BENCH_LIBC, ok ? 1 : 0, ok ? 0 : 1);
    return ok ? 0 : 1;
}
