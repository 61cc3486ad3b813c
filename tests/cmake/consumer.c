/* SPDX-License-Identifier: MIT */
/*
 * A project that uses bump through CMake (tests/cmake/CMakeLists.txt) or
 * pkg-config: the core and the ports its platform gets, linked as a user
 * links them. On the host, bump::mmap; on a Cortex-M board, bump::section
 * (the default arena from the fragment), bump::newlib (malloc's heap) and
 * bump::cortex_m. The image calls bump_alloc_atomic only on the board, so
 * tests/cmake/consumers.sh can check that the static library adds its object
 * to an image only when the image calls it.
 */
#include <stdio.h>
#include <stdlib.h>

#include "bump.h"
#include "harness.h"

#ifndef CONSUMER_LABEL
#define CONSUMER_LABEL "cmake consumer"
#endif

static void static_region_serves_and_rewinds(void)
{
    static unsigned char region[1024];
    bump_t arena;
    CHECK(bump_init(&arena, region, sizeof region));
    bump_mark_t mark = bump_mark(&arena);
    char *p = bump_alloc(&arena, 100, 8);
    CHECK(p != NULL && bump_owns(&arena, p));
    CHECK(bump_rewind(&arena, mark) && bump_used(&arena) == 0U);
}

#if defined(__arm__)
#include "bump_port.h"
#include "bump_sbrk.h"
#include "bump_section.h"

extern unsigned char __bump_arena_start[], __bump_arena_end[];

static void section_arena_is_the_fragment_section(void)
{
    bump_t arena;
    CHECK(bump_section_init(&arena));
    CHECK((unsigned char *)bump_start(&arena) >= __bump_arena_start);
    CHECK((unsigned char *)bump_end(&arena) <= __bump_arena_end);
    CHECK(bump_capacity(&arena) > 1024U);
    void *p = bump_alloc_atomic(&arena, 64, 8);
    CHECK(p != NULL && bump_owns(&arena, p));
}

static void malloc_is_served_by_the_sbrk_arena(void)
{
    void *p = malloc(200);
    CHECK(p != NULL && bump_sbrk_arena() != NULL);
    CHECK(bump_sbrk_arena() != NULL && bump_owns(bump_sbrk_arena(), p));
    free(p);
}

static void cortex_m_critical_section_nests(void)
{
    uint32_t outer = bump_port_critical_enter();
    uint32_t inner = bump_port_critical_enter();
    CHECK(outer == 0U && inner == 1U);
    bump_port_critical_exit(inner);
    bump_port_critical_exit(outer);
    CHECK(bump_port_critical_enter() == 0U);
    bump_port_critical_exit(0U);
}

static const struct harness_test tests[] = {
    HARNESS_TEST(static_region_serves_and_rewinds),
    HARNESS_TEST(section_arena_is_the_fragment_section),
    HARNESS_TEST(malloc_is_served_by_the_sbrk_arena),
    HARNESS_TEST(cortex_m_critical_section_nests),
};
#else
#include "bump_mmap.h"

static void mmap_arena_serves_and_releases(void)
{
    bump_t arena;
    CHECK(bump_mmap_init(&arena, (size_t)1 << 20));
    double *d = BUMP_NEW_ARRAY(&arena, double, 1000);
    CHECK(d != NULL && bump_owns(&arena, d) && d[999] == 0.0);
    bump_mmap_release(&arena);
}

static const struct harness_test tests[] = {
    HARNESS_TEST(static_region_serves_and_rewinds),
    HARNESS_TEST(mmap_arena_serves_and_releases),
};
#endif

HARNESS_GROUP(consumer_group, tests);

int main(void)
{
    HARNESS_GROUPS(consumer_groups, &consumer_group);
    harness_run(&consumer_groups);
    return harness_finish(CONSUMER_LABEL);
}
