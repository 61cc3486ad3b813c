/* SPDX-License-Identifier: MIT */
/*
 * bump_mpu_guard's refusals, on every board: each returns false and leaves
 * the arena byte for byte as it was, and the MPU untouched. On a core
 * without an MPU (the micro:bit's Cortex-M0) every call is refused. The
 * guards themselves are proved by tests/board/mpu/, one faulting image per
 * board and end.
 */
#include <string.h>

#include "bump_mpu.h"
#include "check_arena.h"

#define MPU_TYPE (*(volatile uint32_t *)0xE000ED90u)
#define MPU_CTRL (*(volatile uint32_t *)0xE000ED94u)
#define SCB_SHCSR (*(volatile uint32_t *)0xE000ED24u)

#if defined(__ARM_ARCH_7M__) || defined(__ARM_ARCH_7EM__) || defined(__ARM_ARCH_8M_MAIN__) ||                   \
    defined(__ARM_ARCH_8_1M_MAIN__)
#define HAS_MPU_CODE 1
#else
#define HAS_MPU_CODE 0
#endif

/* The regions this core has (0: no MPU, or code that does not drive it). */
static unsigned regions(void)
{
    return HAS_MPU_CODE ? (unsigned)((MPU_TYPE >> 8) & 0xffu) : 0u;
}

/* A refused call: false, the arena byte for byte the same, the MPU as it was. */
static bool refused(bump_t *arena, unsigned first_region)
{
    bump_t before;
    memcpy(&before, arena, sizeof before);
    uint32_t ctrl = HAS_MPU_CODE ? MPU_CTRL : 0u, shcsr = HAS_MPU_CODE ? SCB_SHCSR : 0u;
    bool ok = !bump_mpu_guard(arena, first_region);
    ok = ok && memcmp(&before, arena, sizeof before) == 0;
    if (HAS_MPU_CODE) {
        ok = ok && MPU_CTRL == ctrl && SCB_SHCSR == shcsr;
    }
    return ok;
}

static void mpu_no_mpu_refuses_every_call(void)
{
    if (regions() != 0u) {
        return; /* a core with an MPU: the tests below */
    }
    bump_t a;
    memset(&a, 0, sizeof a);
    CHECK(bump_init(&a, harness_scratch(0), HARNESS_SCRATCH_SIZE));
    CHECK(refused(&a, 0u));
    CHECK(refused(&a, 6u));
    CHECK(bump_capacity(&a) == HARNESS_SCRATCH_SIZE);
}

static void mpu_refuses_an_arena_in_use(void)
{
    bump_t a;
    memset(&a, 0, sizeof a);
    CHECK(bump_init(&a, harness_scratch(0), HARNESS_SCRATCH_SIZE));
    CHECK(bump_alloc(&a, 1, 1) != NULL);
    CHECK(refused(&a, 0u));
}

static void mpu_refuses_too_small_a_region(void)
{
    unsigned char *scratch = harness_scratch(0); /* aligned to 64 */
    bump_t a;
    memset(&a, 0, sizeof a);
    /* Less than two guards and a usable block, before rounding. */
    CHECK(bump_init(&a, scratch, 95));
    CHECK(refused(&a, 0u));
    /* 96 bytes, but one byte off alignment: the rounding leaves too little. */
    CHECK(bump_init(&a, scratch + 1, 96));
    CHECK(refused(&a, 0u));
    /* 126 bytes from offset 1: the guard blocks 32 bytes apart, none usable. */
    CHECK(bump_init(&a, scratch + 1, 126));
    CHECK(refused(&a, 0u));
}

static void mpu_refuses_regions_out_of_range(void)
{
    unsigned n = regions();
    bump_t a;
    memset(&a, 0, sizeof a);
    CHECK(bump_init(&a, harness_scratch(0), HARNESS_SCRATCH_SIZE));
    if (n > 0u) {
        CHECK(refused(&a, n - 1u)); /* the second region would be DREGION */
    }
    CHECK(refused(&a, n));
    CHECK(refused(&a, n + 1u));
    CHECK(refused(&a, ~0u)); /* first_region + 1 would wrap */
}

static const struct harness_test tests[] = {
    HARNESS_TEST(mpu_no_mpu_refuses_every_call),
    HARNESS_TEST(mpu_refuses_an_arena_in_use),
    HARNESS_TEST(mpu_refuses_too_small_a_region),
    HARNESS_TEST(mpu_refuses_regions_out_of_range),
};
HARNESS_GROUP(mpu_group, tests);
