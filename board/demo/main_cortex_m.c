/* SPDX-License-Identifier: MIT */
/*
 * `make run`: the demo firmware. Its arenas are linker sections placed by
 * linker/bump_section.ld and linker/bump_arena.ld: the default one takes the
 * rest of RAM up to the stack, guarded by the MPU where the core has one; a
 * named one sits in the board's second RAM. The main arena's bump_t lives in
 * .noinit: the demo runs, resets the core (SYSRESETREQ), and the second boot
 * prints the first boot's report.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "board.h"
#include "bump_mpu.h"
#include "bump_sbrk.h"
#include "bump_section.h"
#include "demo.h"

BUMP_SECTION_DECLARE(bulk);
BUMP_SECTION_DECLARE(arena); /* the default section, .bump_arena */

#define SCB_AIRCR (*(volatile uint32_t *)0xE000ED0Cu)
#define AIRCR_SYSRESETREQ 0x05FA0004u
#define AFTER_RESET 0x5ec0b007u

/* Survive the reset: startup neither copies nor zeroes .noinit. */
static BUMP_NOINIT bump_t arena;
static BUMP_NOINIT volatile uint32_t boot_state;

/* The second boot: what the first one left in its arena. */
static int previous_boot(void)
{
    bump_report_t r;
    size_t size = (size_t)(__bump_arena_end - __bump_arena_start);
    boot_state = 0u;
    printf("\nafter the reset: ");
    if (!bump_postmortem(&arena, __bump_arena_start, size, &r)) {
        printf("no report of the previous boot\n");
        return 1;
    }
    printf("the previous boot's report (bump_postmortem)\n");
    printf("  capacity %lu, used %lu, high water %lu, failed requests %lu (the last: %lu bytes, align %lu)\n",
           (unsigned long)r.capacity, (unsigned long)r.used, (unsigned long)r.high_water,
           (unsigned long)r.failures, (unsigned long)r.last_failed_size, (unsigned long)r.last_failed_align);
    return 0;
}

/* A big, long-lived buffer belongs in the big, slow RAM: a named arena there
 * keeps it out of the fast one. */
static int bulk_part(void)
{
    bump_t bulk;
    if (!BUMP_SECTION_INIT(&bulk, bulk)) {
        printf("no .bump_bulk section\n");
        return 1;
    }
    printf("\nsection .bump_bulk: %lu bytes at %p (the board's second RAM, if it has one)\n",
           (unsigned long)bump_capacity(&bulk), bump_start(&bulk));
    size_t samples = (unsigned long)bump_capacity(&bulk) / 2u / sizeof(uint16_t);
    uint16_t *buffer = BUMP_NEW_ARRAY(&bulk, uint16_t, samples);
    if (buffer == NULL) {
        printf("bulk arena too small\n");
        return 1;
    }
    buffer[samples - 1u] = 0xbeefu;
    printf("sample buffer: %lu samples at %p, used %lu, remaining %lu\n", (unsigned long)samples, (void *)buffer,
           (unsigned long)bump_used(&bulk), (unsigned long)bump_remaining(&bulk));
    return 0;
}

/* newlib's malloc and printf draw on .bump_heap through port/memory/newlib: the
 * heap can never run into the stack, and its high water is the heap the
 * image really used. */
static void heap_part(void)
{
    char *text = malloc(200);
    if (text != NULL) {
        (void)snprintf(text, 200, "a malloc'd line");
    }
    const bump_t *heap = bump_sbrk_arena();
    if (heap != NULL) {
        printf("\nnewlib heap (section .bump_heap, %lu bytes): high water %lu after printf and one malloc\n",
               (unsigned long)bump_capacity(heap), (unsigned long)bump_high_water(heap));
    }
    free(text);
}

int main(void)
{
    if (boot_state == AFTER_RESET) {
        return previous_boot();
    }
    printf("%s (%s): bump demo firmware\n", BOARD_MACHINE, BOARD_CORE);
    bump_report_t r;
    printf("cold boot: %s\n", bump_postmortem(&arena, __bump_arena_start,
                                               (size_t)(__bump_arena_end - __bump_arena_start), &r)
                                  ? "a report from before?"
                                  : "no arena in .noinit yet (bump_postmortem refuses cold RAM)");
    if (!bump_section_init(&arena)) {
        printf("no .bump_arena section\n");
        return 1;
    }
    size_t whole = bump_capacity(&arena);
    if (bump_mpu_guard(&arena, 6u)) {
        printf("MPU guards at both ends (regions 6 and 7): capacity %lu -> %lu; a write to %p or to %p faults\n",
               (unsigned long)whole, (unsigned long)bump_capacity(&arena), (void *)((char *)bump_start(&arena) - 1),
               bump_end(&arena));
    } else {
        printf("no MPU on this core: the arena is unguarded\n");
    }
    printf("section .bump_arena: %p to %p, %lu bytes (the rest of RAM up to the stack)\n",
           bump_start(&arena), bump_end(&arena), (unsigned long)bump_capacity(&arena));
    int status = demo_run(&arena, "the .bump_arena linker section");
    if (status == 0) {
        status = bulk_part();
    }
    heap_part();
    if (status == 0) {
        (void)bump_alloc(&arena, bump_remaining(&arena) + 1u, 8); /* one refused request, for the report */
        boot_state = AFTER_RESET;
        printf("\nresetting the core (SCB AIRCR.SYSRESETREQ); the arena's bump_t is in .noinit\n");
        (void)fflush(stdout);
        SCB_AIRCR = AIRCR_SYSRESETREQ;
        for (;;) {
        }
    }
    return status;
}
