/* The board test image: the core suite plus what only a board can prove. */
#include <stdio.h>

#include "board.h"
#include "harness.h"
#include "suite.h"

/* One group per file in tests/board/. Weak, so a group whose file (and port)
 * an image does not link is skipped instead of failing the link. */
extern const struct harness_group section_group __attribute__((weak));
extern const struct harness_group regions_group __attribute__((weak));
extern const struct harness_group irq_group __attribute__((weak));
extern const struct harness_group sbrk_group __attribute__((weak));
extern const struct harness_group stack_group __attribute__((weak)); /* last: the peak of all the rest */

int main(void)
{
    const struct harness_group *const candidates[] = {&section_group, &regions_group, &irq_group, &sbrk_group, &stack_group};
    const struct harness_group *board_groups[sizeof candidates / sizeof candidates[0]];
    size_t count = 0;
    for (size_t i = 0; i < sizeof candidates / sizeof candidates[0]; i++) {
        if (candidates[i] != NULL) {
            board_groups[count++] = candidates[i];
        }
    }
    printf("%s (%s): bump test suite\n", BOARD_MACHINE, BOARD_CORE);
    harness_run(suite_core, suite_core_count);
    harness_run(board_groups, count);
    return harness_finish(BOARD_MACHINE " (" BOARD_CORE ")");
}
