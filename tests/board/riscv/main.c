/* SPDX-License-Identifier: MIT */
/* The RISC-V board test image: the core suite plus the board tests that
 * hold on RISC-V (the linker sections, two regions, the timer interrupt, the
 * critical section, the stack); newlib's heap and the MPU are Cortex-M's
 * (tests/board/main.c). */
#include <stdio.h>

#include "board.h"
#include "harness.h"
#include "suite.h"

extern const struct harness_group section_group, regions_group, irq_group, critical_group;
extern const struct harness_group stack_group; /* last: the peak of all the rest */

int main(void)
{
    HARNESS_GROUPS(board_groups, &section_group, &regions_group, &irq_group, &critical_group, &stack_group);
    printf("%s (%s): bump test suite\n", BOARD_MACHINE, BOARD_CORE);
    harness_run(&suite_core);
    harness_run(&board_groups);
    return harness_finish(BOARD_MACHINE " (" BOARD_CORE ")");
}
