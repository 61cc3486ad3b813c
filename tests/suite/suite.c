#include "suite.h"

extern const struct harness_group init_group;

const struct harness_group *const suite_core[] = {&init_group};
const size_t suite_core_count = sizeof suite_core / sizeof suite_core[0];
