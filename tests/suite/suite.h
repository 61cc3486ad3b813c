/* SPDX-License-Identifier: MIT */
/*
 * The core suite: every contract line of src/bump.h, run unchanged on the host
 * and on every board. Each test file defines one group; suite.c lists them.
 */
#ifndef SUITE_H
#define SUITE_H

#include <stddef.h>

#include "harness.h"

extern const struct harness_groups suite_core;

#endif /* SUITE_H */
