/* SPDX-License-Identifier: MIT */
/*
 * bump_alloc_atomic against an interrupt: the board's timer (SysTick on
 * Cortex-M, the machine timer on RISC-V) allocates and tags blocks while the
 * main loop does the same on the same arena. Afterwards no two
 * blocks may overlap and every tag must be intact. And bump_init against an
 * interrupt: the timer initialises its own arena while the main loop
 * initialises another, and every init must take a lifetime of its own. Runs
 * under -icount shift=0, so the interleaving is the same on every run.
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
#define MAX_MAIN 64u

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

/* The init test's state: the handler inits instead of allocating. */
#define MAX_INITS 32u
#define MAX_MAIN_INITS 96u
static volatile bool isr_inits;
static unsigned char *isr_region, *main_region; /* 64 bytes each, never written: init does not touch them */
/* Lifetimes as offsets from the first one the test took (16 KiB of RAM on
 * the smallest board). */
static uint64_t first_lifetime;
static uint16_t isr_lifetimes[MAX_INITS];
static uint16_t main_lifetimes[MAX_MAIN_INITS];

static void init_in_handler(void)
{
    bump_t isr_arena;
    unsigned i = isr_count;
    if (i >= MAX_INITS || !bump_init(&isr_arena, isr_region, 64)) {
        return;
    }
    isr_lifetimes[i] = (uint16_t)(bump_mark(&isr_arena).lifetime - first_lifetime);
    isr_count = i + 1u;
}

void BOARD_TIMER_HANDLER(void);
void BOARD_TIMER_HANDLER(void)
{
    if (isr_inits) {
        init_in_handler();
        return;
    }
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
            /* A pause of varying length: the interrupt lands at shifting
             * offsets in the allocation, whatever the allocation's length. */
            for (volatile unsigned pause = 0; pause < main_count % 5u; pause++) {
            }
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

static void irq_timer_and_main_loop_init_arenas_with_distinct_lifetimes(void)
{
    bump_t mine;
    isr_region = harness_scratch(0);
    main_region = isr_region + 64;
    CHECK(bump_init(&mine, main_region, 64));
    first_lifetime = bump_mark(&mine).lifetime;
    isr_count = 0;
    isr_inits = true;
    board_timer_start(BOARD_TIMER_TEST_TICKS);
    size_t n = 0;
    unsigned interleaved = 0;
    while (n < MAX_MAIN_INITS) { /* back to back: the interrupt hits inits */
        unsigned before = isr_count;
        if (!bump_init(&mine, main_region, 64)) {
            break;
        }
        main_lifetimes[n++] = (uint16_t)(bump_mark(&mine).lifetime - first_lifetime);
        interleaved += isr_count != before;
    }
    board_timer_stop();
    isr_inits = false;
    unsigned n_isr = isr_count;
    printf("  irq: %u interrupt inits, %u main-loop inits, %u interrupts landed between two\n", n_isr, (unsigned)n,
           interleaved);
    CHECK(n == MAX_MAIN_INITS && n_isr > 8u && interleaved > 8u);
    size_t repeats = 0;
    for (size_t i = 0; i < n; i++) {
        repeats += (i > 0u && main_lifetimes[i] <= main_lifetimes[i - 1u]) ? 1u : 0u;
        for (size_t j = 0; j < n_isr; j++) {
            repeats += (main_lifetimes[i] == isr_lifetimes[j]) ? 1u : 0u;
        }
    }
    for (size_t j = 1; j < n_isr; j++) {
        repeats += (isr_lifetimes[j] <= isr_lifetimes[j - 1u]) ? 1u : 0u;
    }
    CHECK(repeats == 0u);
}

static const struct harness_test tests[] = {
    HARNESS_TEST(irq_timer_and_main_loop_allocate_without_overlap),
    HARNESS_TEST(irq_timer_and_main_loop_init_arenas_with_distinct_lifetimes),
};
HARNESS_GROUP(irq_group, tests);
