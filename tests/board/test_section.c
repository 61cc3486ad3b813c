/* SPDX-License-Identifier: MIT */
/* The section backend: the arenas are the linker's sections, sized as asked. */
#include <errno.h>
#include <string.h>

#include "bump_section.h"
#include "check_arena.h"
#include "linker_symbols.h"

BUMP_SECTION_DECLARE(bulk);

/* True when [a, a_end) and [b, b_end) share no byte. */
static bool disjoint(uintptr_t a, uintptr_t a_end, uintptr_t b, uintptr_t b_end)
{
    return a_end <= b || b_end <= a;
}

static void section_default_arena_is_the_section(void)
{
    bump_t a;
    CHECK(bump_section_init(&a));
    CHECK(bump_start(&a) == (void *)__bump_arena_start && bump_end(&a) == (void *)__bump_arena_end);
    CHECK(bump_capacity(&a) == SYMBOL_VALUE(__bump_arena_size));
    CHECK(is_aligned(bump_start(&a), 8));
    CHECK(bump_used(&a) == 0);
}

static void section_default_arena_is_the_rest_of_ram_up_to_the_stack(void)
{
    bump_t a;
    CHECK(bump_section_init(&a));
    CHECK(SYMBOL_VALUE(bump_start(&a)) >= SYMBOL_VALUE(__ram_region_start) && bump_end(&a) == (void *)__StackLimit);
    CHECK(bump_capacity(&a) >= 1024u);
}

static void section_named_arena_lands_in_its_own_region(void)
{
    bump_t bulk;
    CHECK(BUMP_SECTION_INIT(&bulk, bulk));
    CHECK(bump_capacity(&bulk) == SYMBOL_VALUE(__bump_bulk_size));
    CHECK(SYMBOL_VALUE(bump_start(&bulk)) >= SYMBOL_VALUE(__bulk_region_start) &&
          SYMBOL_VALUE(bump_end(&bulk)) <= SYMBOL_VALUE(__bulk_region_end));
    CHECK(is_aligned(bump_start(&bulk), 8));
}

static void section_nothing_else_overlaps_the_arenas(void)
{
    uintptr_t arenas[3][2] = {
        {SYMBOL_VALUE(__bump_arena_start), SYMBOL_VALUE(__bump_arena_end)},
        {SYMBOL_VALUE(__bump_bulk_start), SYMBOL_VALUE(__bump_bulk_end)},
        {SYMBOL_VALUE(__bump_heap_start), SYMBOL_VALUE(__bump_heap_end)},
    };
    uintptr_t others[3][2] = {
        {SYMBOL_VALUE(__data_start__), SYMBOL_VALUE(__data_end__)},
        {SYMBOL_VALUE(__bss_start__), SYMBOL_VALUE(__bss_end__)},
        {SYMBOL_VALUE(__StackLimit), SYMBOL_VALUE(__StackTop)},
    };
    for (size_t i = 0; i < 3; i++) {
        CHECK(arenas[i][0] < arenas[i][1]);
        for (size_t j = 0; j < 3; j++) {
            CHECK(disjoint(arenas[i][0], arenas[i][1], others[j][0], others[j][1]));
            CHECK(j == i || disjoint(arenas[i][0], arenas[i][1], arenas[j][0], arenas[j][1]));
        }
    }
    /* And the code's own data and stack are where the linker said. */
    static int in_bss;
    int on_stack = 0;
    CHECK(SYMBOL_VALUE(&in_bss) >= SYMBOL_VALUE(__bss_start__) && SYMBOL_VALUE(&in_bss) < SYMBOL_VALUE(__bss_end__));
    CHECK(SYMBOL_VALUE(&on_stack) >= SYMBOL_VALUE(__StackLimit) && SYMBOL_VALUE(&on_stack) < SYMBOL_VALUE(__StackTop));
}

/* The libc's errno (which bump_sbrk sets) is the image's own data: newlib's
 * in .data, picolibc's thread-local one in .tdata or .tbss, reached through
 * the thread pointer startup sets (unset, it points near address 0). */
static void section_errno_lives_in_data_or_bss(void)
{
    uintptr_t at = SYMBOL_VALUE(&errno);
    CHECK(at >= SYMBOL_VALUE(__data_start__) && at + sizeof errno <= SYMBOL_VALUE(__bss_end__));
}

/* Guards placed in .data and .bss must survive the arenas being written. */
static volatile uint32_t data_guard = 0x600dda7au;
static volatile uint32_t bss_guard;

static void section_whole_arena_writable_without_touching_anything_else(void)
{
    bump_t a, bulk;
    bss_guard = 0xb55b55b5u;
    CHECK(bump_section_init(&a) && BUMP_SECTION_INIT(&bulk, bulk));
    bump_t *arenas[2] = {&a, &bulk};
    for (size_t k = 0; k < 2; k++) {
        size_t n = bump_remaining(arenas[k]);
        unsigned char *p = bump_alloc(arenas[k], n, 1);
        CHECK(p != NULL && p == (unsigned char *)bump_start(arenas[k]));
        if (p != NULL) {
            memset(p, 0xa5, n);
            CHECK(p[0] == 0xa5 && p[n - 1] == 0xa5);
        }
    }
    CHECK(data_guard == 0x600dda7au && bss_guard == 0xb55b55b5u);
}

/* bump_section_init_range on its own: an empty section (end == start) is
 * an arena of capacity 0, as bump_init makes it; end below start is refused
 * and leaves the arena untouched. */
static void section_range_empty_is_accepted_reversed_is_refused(void)
{
    unsigned char *region = harness_scratch(0);
    const size_t size = 64;
    bump_t a, before;
    memset(&a, 0x77, sizeof a);
    before = a;
    CHECK(!bump_section_init_range(&a, region + 1, region));
    CHECK(!bump_section_init_range(&a, region + size, region));
    CHECK(!bump_section_init_range(NULL, region, region + size));
    CHECK(arena_same(&a, &before));
    CHECK(bump_section_init_range(&a, region + 8, region + 8));
    CHECK(bump_capacity(&a) == 0u && bump_alloc(&a, 1, 1) == NULL);
    CHECK(bump_section_init_range(&a, region, region + size));
    CHECK(bump_start(&a) == (void *)region && bump_end(&a) == (void *)(region + size));
}

static const struct harness_test tests[] = {
    HARNESS_TEST(section_default_arena_is_the_section),
    HARNESS_TEST(section_default_arena_is_the_rest_of_ram_up_to_the_stack),
    HARNESS_TEST(section_named_arena_lands_in_its_own_region),
    HARNESS_TEST(section_nothing_else_overlaps_the_arenas),
    HARNESS_TEST(section_errno_lives_in_data_or_bss),
    HARNESS_TEST(section_whole_arena_writable_without_touching_anything_else),
    HARNESS_TEST(section_range_empty_is_accepted_reversed_is_refused),
};
HARNESS_GROUP(section_group, tests);
