/* SPDX-License-Identifier: MIT */
/*
 * Run last: the stack never came near its limit. The test images give the
 * stack a fixed size (2 KiB on the 16 KiB microbit) right above the default
 * arena, so an overflow would silently write into the arena; the startup
 * code paints the stack and this reads how deep it went.
 */
#include <stdio.h>

#include "board.h"
#include "harness.h"

static void stack_peak_leaves_a_quarter_free(void)
{
    size_t used = board_stack_used();
    size_t size = board_stack_size();
    printf("  stack: at most %lu of %lu bytes used\n", (unsigned long)used, (unsigned long)size);
    CHECK(used <= size - size / 4u);
}

static const struct harness_test tests[] = {
    HARNESS_TEST(stack_peak_leaves_a_quarter_free),
};
HARNESS_GROUP(stack_group, tests);
