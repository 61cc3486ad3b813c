/*
 * `make run`: the demo firmware. Its arenas are linker sections placed by
 * linker/bump_section.ld and linker/bump_arena.ld: the default one takes the
 * rest of RAM up to the stack, a named one sits in the board's second RAM.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "board.h"
#include "bump_sbrk.h"
#include "bump_section.h"
#include "demo.h"

BUMP_SECTION_DECLARE(bulk);

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
    bump_t arena;
    printf("%s (%s): bump demo firmware\n", BOARD_MACHINE, BOARD_CORE);
    if (!bump_section_init(&arena)) {
        printf("no .bump_arena section\n");
        return 1;
    }
    printf("section .bump_arena: %p to %p, %lu bytes (the rest of RAM up to the stack)\n",
           bump_start(&arena), bump_end(&arena), (unsigned long)bump_capacity(&arena));
    int status = demo_run(&arena, "the .bump_arena linker section");
    if (status == 0) {
        status = bulk_part();
    }
    heap_part();
    return status;
}
