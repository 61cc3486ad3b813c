/* SPDX-License-Identifier: MIT */
/*
 * bump_alloc_atomic against an interrupt: the board's timer (SysTick on
 * Cortex-M, the machine timer on RISC-V) allocates and tags blocks while the
 * main loop does the same on the same arena. Afterwards no two
 * blocks may overlap and every tag must be intact. Runs under
 * -icount shift=0, so the interleaving is the same on every run.
 */
#include <stdio.h>
#include <string.h>

#include "board.h"
#include "check_arena.h"

/* The allocation under test. tests/board/irq_control.sh builds the same test
 * with a plain, non-atomic one (bump_alloc_slow) and requires it to fail:
 * proof that the interleaving really lands inside allocations. */
#ifndef IRQ_ALLOC
#define IRQ_ALLOC bump_alloc_atomic
#endif

#define MAX_ISR 32u
#define MAX_MAIN 160u

struct tagged {
    unsigned char *p;
    uint16_t size;
    uint8_t tag;
};

static bump_t *shared;
static struct tagged isr_blocks[MAX_ISR];
static struct tagged main_blocks[MAX_MAIN];
static volatile unsigned isr_count;
static volatile unsigned isr_failures;

void BOARD_TIMER_HANDLER(void);
void BOARD_TIMER_HANDLER(void)
{
    unsigned i = isr_count;
    if (i >= MAX_ISR) {
        return;
    }
    size_t size = 4u + (i * 7u) % 29u;
    unsigned char *p = IRQ_ALLOC(shared, size, (size_t)1 << (i % 4u));
    if (p == NULL) {
        isr_failures++;
        return;
    }
    uint8_t tag = (uint8_t)(0x80u + i); /* ISR tags 0x80.., main tags below */
    memset(p, tag, size);
    isr_blocks[i] = (struct tagged){p, (uint16_t)size, tag};
    isr_count = i + 1u;
}

static size_t check_blocks(const struct tagged *blocks, size_t n, const bump_t *arena)
{
    size_t bad = 0;
    for (size_t i = 0; i < n; i++) {
        bad += !inside(blocks[i].p, blocks[i].size, bump_start(arena), bump_capacity(arena));
        for (size_t k = 0; k < blocks[i].size; k++) {
            bad += blocks[i].p[k] != blocks[i].tag;
        }
    }
    return bad;
}

static size_t overlaps(const struct tagged *a, size_t na, const struct tagged *b, size_t nb, bool same)
{
    size_t bad = 0;
    for (size_t i = 0; i < na; i++) {
        for (size_t j = same ? i + 1u : 0u; j < nb; j++) {
            bad += !(a[i].p + a[i].size <= b[j].p || b[j].p + b[j].size <= a[i].p);
        }
    }
    return bad;
}

static void irq_timer_and_main_loop_allocate_without_overlap(void)
{
    bump_t arena;
    CHECK(bump_init(&arena, harness_scratch(0), HARNESS_SCRATCH_SIZE));
    shared = &arena;
    isr_count = 0;
    isr_failures = 0;
    /* 250 to 500 instructions, not a multiple of the main loop's length,
     * so interrupts land at shifting offsets inside it. */
    board_timer_start(BOARD_TIMER_TEST_TICKS);
    size_t main_count = 0;
    unsigned interleaved = 0;
    for (uint32_t spins = 0; isr_count < MAX_ISR && spins < 2000000u; spins++) {
        if (main_count < MAX_MAIN) { /* back to back: the interrupt hits allocations */
            size_t size = 1u + main_count % 24u;
            unsigned before = isr_count;
            unsigned char *p = IRQ_ALLOC(&arena, size, (size_t)1 << (main_count % 3u));
            if (p == NULL) {
                break;
            }
            uint8_t tag = (uint8_t)(main_count & 0x7fu);
            memset(p, tag, size);
            main_blocks[main_count++] = (struct tagged){p, (uint16_t)size, tag};
            interleaved += isr_count != before;
        }
    }
    board_timer_stop();
    unsigned n_isr = isr_count;
    printf("  irq: %u interrupt allocations, %u main-loop allocations, %u interrupts landed mid-allocation-and-tag\n",
           n_isr, (unsigned)main_count, interleaved);
    CHECK(n_isr == MAX_ISR && isr_failures == 0 && main_count >= MAX_ISR);
    CHECK(check_blocks(isr_blocks, n_isr, &arena) == 0);
    CHECK(check_blocks(main_blocks, main_count, &arena) == 0);
    CHECK(overlaps(isr_blocks, n_isr, isr_blocks, n_isr, true) == 0);
    CHECK(overlaps(main_blocks, main_count, main_blocks, main_count, true) == 0);
    CHECK(overlaps(isr_blocks, n_isr, main_blocks, main_count, false) == 0);
    /* The interrupt really ran between main-loop allocations: its blocks lie
     * between the main loop's first and last. */
    size_t between = 0;
    for (size_t i = 0; i < n_isr && main_count > 0; i++) {
        between += isr_blocks[i].p < main_blocks[0].p && isr_blocks[i].p > main_blocks[main_count - 1].p;
    }
    CHECK(between > 0);
}

static const struct harness_test tests[] = {
    HARNESS_TEST(irq_timer_and_main_loop_allocate_without_overlap),
};
HARNESS_GROUP(irq_group, tests);
