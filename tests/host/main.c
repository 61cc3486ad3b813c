/* The host test program: the core suite plus the host port's tests. */
#include "harness.h"
#include "host_tests.h"
#include "suite.h"

#ifndef TEST_LABEL
#define TEST_LABEL "host"
#endif

int main(void)
{
    harness_run(suite_core, suite_core_count);
    harness_run(host_groups, host_group_count);
    return harness_finish(TEST_LABEL);
}
