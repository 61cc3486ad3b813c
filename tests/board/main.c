/* SPDX-License-Identifier: MIT */
/* The board test image: the core suite plus what only a board can prove. */
#include <stdio.h>

#include "board.h"
#include "harness.h"
#include "suite.h"

/* One group per file in tests/board/, all linked into every board image: a
 * group that goes missing fails the link rather than vanishing from the run. */
extern const struct harness_group section_group, regions_group, irq_group, sbrk_group, mpu_group, critical_group;
extern const struct harness_group stack_group; /* last: the peak of all the rest */

/* The compiler and libc, in the label, so that one board's runs read apart. */
#if defined(__clang__)
#define BOARD_CC "clang"
#else
#define BOARD_CC "gcc"
#endif
#if defined(__PICOLIBC__)
#define BOARD_LIBC "picolibc"
#else
#define BOARD_LIBC "newlib-nano"
#endif
#define BOARD_LABEL BOARD_MACHINE " (" BOARD_CORE ", " BOARD_CC ", " BOARD_LIBC ")"

int main(void)
{
    HARNESS_GROUPS(board_groups, &section_group, &regions_group, &irq_group, &sbrk_group, &mpu_group, &critical_group,
                   &stack_group);
    printf("%s: bump test suite\n", BOARD_LABEL);
    harness_run(&suite_core);
    harness_run(&board_groups);
    return harness_finish(BOARD_LABEL);
}
