/* SPDX-License-Identifier: MIT */
/* `make run BOARD=host`: the demo natively, on an mmap arena with guard pages. */
#include <stdio.h>

#include "bump_mmap.h"
#include "demo.h"

int main(void)
{
    bump_t arena;
    if (!bump_mmap_init(&arena, 64u * 1024u)) {
        printf("mmap refused\n");
        return 1;
    }
    int status = demo_run(&arena, "an mmap region between guard pages");
    bump_mmap_release(&arena);
    return status;
}
