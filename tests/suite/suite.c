#include "suite.h"

extern const struct harness_group init_group, alloc_group, zero_array_group, resize_group, mark_group,
    stats_group, patterns_group, scratch_group, report_group;

const struct harness_group *const suite_core[] = {
    &init_group, &alloc_group, &zero_array_group, &resize_group, &mark_group, &stats_group, &patterns_group, &scratch_group, &report_group,
};
const size_t suite_core_count = sizeof suite_core / sizeof suite_core[0];
