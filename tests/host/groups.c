#include "host_tests.h"

extern const struct harness_group mmap_port, threads_group, poison_group;

const struct harness_group *const host_groups[] = {&mmap_port, &threads_group, &poison_group};
const size_t host_group_count = sizeof host_groups / sizeof host_groups[0];
