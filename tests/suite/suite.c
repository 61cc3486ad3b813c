/* SPDX-License-Identifier: MIT */
#include "suite.h"

extern const struct harness_group init_group, alloc_group, zero_array_group, resize_group, mark_group,
    stats_group, patterns_group, scratch_group, report_group, growable_group, hooks_group, zero_arena_group;

HARNESS_GROUPS(suite_core, &init_group, &alloc_group, &zero_array_group, &resize_group, &mark_group, &stats_group,
               &patterns_group, &scratch_group, &report_group, &growable_group, &hooks_group, &zero_arena_group);
