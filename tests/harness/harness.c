/* SPDX-License-Identifier: MIT */
#include "harness.h"

#include <stdio.h>
#include <string.h>

#include "bump.h" /* BUMP_ASAN: built with AddressSanitizer */

#if defined(BUMP_ASAN)
#include <sanitizer/asan_interface.h>
#endif
#if defined(BUMP_VALGRIND)
#include <valgrind/memcheck.h>
#endif

static unsigned passed;
static unsigned failed;
static unsigned current_failures;

bool harness_check(bool ok, const char *expr, const char *file, int line)
{
    if (!ok) {
        current_failures++;
        printf("  FAIL %s:%d: %s\n", file, line, expr);
    }
    return ok;
}

void harness_run(const struct harness_groups *list)
{
    for (size_t g = 0; g < list->count; g++) {
        const struct harness_group *group = list->groups[g];
        for (size_t t = 0; t < group->count; t++) {
            const struct harness_test *test = &group->tests[t];
            current_failures = 0;
            test->run();
            if (current_failures == 0) {
                passed++;
            } else {
                failed++;
                printf("FAILED %s/%s\n", group->name, test->name);
            }
        }
    }
}

int harness_finish(const char *label)
{
    printf("%s: %u passed, %u failed\n", label, passed, failed);
    return (failed == 0 && passed > 0) ? 0 : 1;
}

static _Alignas(HARNESS_SCRATCH_ALIGN) unsigned char scratch[HARNESS_SCRATCH_SIZE];

unsigned char *harness_scratch(unsigned char fill)
{
#if defined(BUMP_ASAN)
    ASAN_UNPOISON_MEMORY_REGION(scratch, sizeof scratch);
#endif
#if defined(BUMP_VALGRIND)
    (void)VALGRIND_MAKE_MEM_DEFINED(scratch, sizeof scratch);
#endif
    memset(scratch, fill, sizeof scratch);
    return scratch;
}

void harness_defined(const void *p, size_t n)
{
#if defined(BUMP_VALGRIND)
    (void)VALGRIND_MAKE_MEM_DEFINED(p, n);
#else
    (void)p;
    (void)n;
#endif
}

uint32_t harness_random(uint32_t *state)
{
    uint32_t x = *state ? *state : 0x9e3779b9u;
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    *state = x;
    return x;
}
