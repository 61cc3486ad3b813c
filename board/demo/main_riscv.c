/* SPDX-License-Identifier: MIT */
/*
 * `make run BOARD=virt-rv32imac` (or virt-rv32imc): the demo firmware on
 * RISC-V. Its arenas are the same linker sections as on Cortex-M, placed by
 * linker/bump_section.ld and linker/bump_arena.ld: the default one takes the
 * rest of RAM up to the stack, a named one sits in the second RAM region.
 */
#include <stdio.h>

#include "board.h"
#include "bump_section.h"
#include "demo.h"

BUMP_SECTION_DECLARE(bulk);

int main(void)
{
    printf("%s (%s): bump demo firmware\n", BOARD_MACHINE, BOARD_CORE);
    bump_t arena;
    bump_t bulk;
    if (!bump_section_init(&arena) || !BUMP_SECTION_INIT(&bulk, bulk)) {
        printf("no .bump_arena or .bump_bulk section\n");
        return 1;
    }
    printf("section .bump_arena: %p to %p, %lu bytes (the rest of RAM up to the stack)\n", bump_start(&arena),
           bump_end(&arena), (unsigned long)bump_capacity(&arena));
    int status = demo_run(&arena, "the .bump_arena linker section");
    /* Interrupts may allocate too: bump_alloc_atomic is lock-free with the A
     * extension (LR/SC) and a critical section on mstatus.MIE without it. */
    void *shared = bump_alloc_atomic(&bulk, 256, 8);
    printf("\nsection .bump_bulk: %lu bytes at %p; bump_alloc_atomic (%s) gave 256 bytes at %p\n",
           (unsigned long)bump_capacity(&bulk), bump_start(&bulk),
#if defined(__riscv_atomic)
           "lock-free, LR/SC",
#else
           "mstatus.MIE critical section",
#endif
           shared);
    return (status == 0 && shared != NULL) ? 0 : 1;
}
