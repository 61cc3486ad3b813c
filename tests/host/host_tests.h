/* SPDX-License-Identifier: MIT */
/* Host-only groups: the mmap port and whatever needs threads or processes. */
#ifndef HOST_TESTS_H
#define HOST_TESTS_H

#include <stddef.h>

#include "harness.h"

extern const struct harness_groups host_groups;

#endif /* HOST_TESTS_H */
