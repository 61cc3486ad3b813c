/* SPDX-License-Identifier: MIT */
/*
 * Several arenas in two regions of one image, each placed by the same
 * fragment (linker/bump_arena.ld) with its own size: .bump_arena in RAM,
 * .bump_bulk and .bump_log in BUMP_BULK_REGION (RAM2 where the board has
 * one). Each is its own arena: filling, resetting or rewinding one leaves the
 * others, and their memory, as they were.
 */
#include <string.h>

#include "bump_section.h"
#include "check_arena.h"
#include "linker_symbols.h"

BUMP_SECTION_DECLARE(bulk);
BUMP_SECTION_DECLARE(log);

enum { ARENAS = 3 };

static bool init_all(bump_t arenas[ARENAS])
{
    return bump_section_init(&arenas[0]) && BUMP_SECTION_INIT(&arenas[1], bulk) &&
           BUMP_SECTION_INIT(&arenas[2], log);
}

static void regions_each_named_arena_has_its_asked_size_and_place(void)
{
    bump_t log_arena;
    CHECK(BUMP_SECTION_INIT(&log_arena, log));
    CHECK(bump_capacity(&log_arena) == SYMBOL_VALUE(__bump_log_size));
    CHECK(bump_start(&log_arena) == (void *)__bump_log_start && bump_end(&log_arena) == (void *)__bump_log_end);
    CHECK(SYMBOL_VALUE(bump_start(&log_arena)) >= SYMBOL_VALUE(__bulk_region_start) &&
          SYMBOL_VALUE(bump_end(&log_arena)) <= SYMBOL_VALUE(__bulk_region_end));
    CHECK(is_aligned(bump_start(&log_arena), 8));
}

static void regions_two_regions_where_the_board_has_them(void)
{
    /* The default arena is in RAM; the bulk region is RAM2 unless the
     * board has one RAM only (microbit), where it is RAM again. */
    bool one_ram = SYMBOL_VALUE(__bulk_region_start) == SYMBOL_VALUE(__ram_region_start);
    bool bulk_in_ram = SYMBOL_VALUE(__bump_bulk_start) >= SYMBOL_VALUE(__ram_region_start) &&
                       SYMBOL_VALUE(__bump_bulk_end) <= SYMBOL_VALUE(__ram_region_end);
    CHECK(SYMBOL_VALUE(__bump_arena_start) >= SYMBOL_VALUE(__ram_region_start) &&
          SYMBOL_VALUE(__bump_arena_end) <= SYMBOL_VALUE(__ram_region_end));
    CHECK(bulk_in_ram == one_ram);
}

static void regions_arenas_are_disjoint_and_ordered_by_the_script(void)
{
    bump_t arenas[ARENAS];
    CHECK(init_all(arenas));
    for (size_t i = 0; i < ARENAS; i++) {
        CHECK(arena_consistent(&arenas[i]) && bump_used(&arenas[i]) == 0);
        for (size_t j = i + 1u; j < ARENAS; j++) {
            CHECK(SYMBOL_VALUE(bump_end(&arenas[i])) <= SYMBOL_VALUE(bump_start(&arenas[j])) ||
                  SYMBOL_VALUE(bump_end(&arenas[j])) <= SYMBOL_VALUE(bump_start(&arenas[i])));
        }
    }
    /* .bump_log follows .bump_bulk in the same region, as the script says. */
    CHECK(SYMBOL_VALUE(bump_start(&arenas[2])) >= SYMBOL_VALUE(bump_end(&arenas[1])));
}

static void regions_filling_one_arena_leaves_the_others_alone(void)
{
    bump_t arenas[ARENAS];
    CHECK(init_all(arenas));
    /* A block at each end of every arena, tagged. */
    unsigned char *low[ARENAS], *high[ARENAS];
    for (size_t i = 0; i < ARENAS; i++) {
        high[i] = bump_alloc(&arenas[i], 8, 1);
        low[i] = bump_alloc(&arenas[i], 8, 1);
        CHECK(high[i] != NULL && low[i] != NULL);
        if (high[i] == NULL || low[i] == NULL) {
            return;
        }
        CHECK(high[i] + 8 == (unsigned char *)bump_end(&arenas[i]));
        memset(high[i], (int)(0x10u + i), 8);
        memset(low[i], (int)(0x20u + i), 8);
    }
    bump_t before[ARENAS];
    memcpy(before, arenas, sizeof before);
    /* Fill the log arena to its last byte, then one more byte fails. */
    size_t rest = bump_remaining(&arenas[2]);
    unsigned char *all = bump_alloc(&arenas[2], rest, 1);
    CHECK(all != NULL && all == (unsigned char *)bump_start(&arenas[2]));
    if (all != NULL) {
        memset(all, 0xee, rest);
    }
    CHECK(bump_alloc(&arenas[2], 1, 1) == NULL && bump_remaining(&arenas[2]) == 0);
    CHECK(arena_same(&arenas[0], &before[0]) && arena_same(&arenas[1], &before[1]));
    /* Reset the bulk arena: the others keep their blocks. */
    bump_reset(&arenas[1]);
    CHECK(bump_used(&arenas[1]) == 0 && arena_same(&arenas[0], &before[0]));
    CHECK(bump_used(&arenas[2]) == bump_capacity(&arenas[2]));
    for (size_t i = 0; i < 2; i++) {
        size_t good = 0;
        for (size_t k = 0; k < 8; k++) {
            good += high[i][k] == (unsigned char)(0x10u + i);
            good += low[i][k] == (unsigned char)(0x20u + i);
        }
        CHECK(good == 16u);
    }
}

static void regions_a_mark_of_one_arena_is_refused_by_another(void)
{
    bump_t arenas[ARENAS];
    CHECK(init_all(arenas));
    CHECK(bump_alloc(&arenas[1], 32, 8) != NULL);
    bump_mark_t mark = bump_mark(&arenas[1]);
    bump_t before = arenas[2];
    CHECK(!bump_rewind(&arenas[2], mark) && arena_same(&arenas[2], &before));
    CHECK(bump_rewind(&arenas[1], mark));
}

static const struct harness_test tests[] = {
    HARNESS_TEST(regions_each_named_arena_has_its_asked_size_and_place),
    HARNESS_TEST(regions_two_regions_where_the_board_has_them),
    HARNESS_TEST(regions_arenas_are_disjoint_and_ordered_by_the_script),
    HARNESS_TEST(regions_filling_one_arena_leaves_the_others_alone),
    HARNESS_TEST(regions_a_mark_of_one_arena_is_refused_by_another),
};
HARNESS_GROUP(regions_group, tests);
