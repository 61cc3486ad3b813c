/* SPDX-License-Identifier: MIT */
/* The host test program: the core suite plus the host port's tests. */
#include "harness.h"
#include "host_tests.h"
#include "suite.h"

#ifndef TEST_LABEL
#define TEST_LABEL "host"
#endif

int main(void)
{
    harness_run(&suite_core);
    harness_run(&host_groups);
    return harness_finish(TEST_LABEL);
}
