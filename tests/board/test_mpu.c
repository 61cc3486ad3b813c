/* SPDX-License-Identifier: MIT */
/*
 * bump_mpu_guard on every board: each refusal returns false and leaves the
 * arena byte for byte as it was, and the MPU untouched; a guard keeps the MPU
 * configuration it found (MPU_CTRL, the other regions, the other memory
 * attributes, SHCSR's other enables) and programs its two regions as the
 * header says. On a core without an MPU (the micro:bit's Cortex-M0) every
 * call is refused. The guards' faults are proved by tests/board/mpu/, one
 * faulting image per board, end and kind of access.
 */
#include <string.h>

#include "bump_mpu.h"
#include "check_arena.h"

#define MPU_TYPE (*(volatile uint32_t *)0xE000ED90u)
#define MPU_CTRL (*(volatile uint32_t *)0xE000ED94u)
#define MPU_RNR (*(volatile uint32_t *)0xE000ED98u)
#define MPU_RBAR (*(volatile uint32_t *)0xE000ED9Cu)
#define MPU_RASR_RLAR (*(volatile uint32_t *)0xE000EDA0u) /* RASR (PMSAv7), RLAR (PMSAv8) */
#define MPU_MAIR0 (*(volatile uint32_t *)0xE000EDC0u)     /* PMSAv8 only */
#define MPU_MAIR1 (*(volatile uint32_t *)0xE000EDC4u)
#define SCB_SHCSR (*(volatile uint32_t *)0xE000ED24u)
#define CTRL_ENABLE 1u
#define CTRL_HFNMIENA 2u
#define CTRL_PRIVDEFENA 4u
#define SHCSR_MEMFAULTENA (1u << 16)
#define SHCSR_BUSFAULTENA (1u << 17)
#define SHCSR_USGFAULTENA (1u << 18)

#if defined(__ARM_ARCH_7M__) || defined(__ARM_ARCH_7EM__)
#define HAS_MPU_CODE 1
#define PMSA 7
#elif defined(__ARM_ARCH_8M_MAIN__) || defined(__ARM_ARCH_8_1M_MAIN__)
#define HAS_MPU_CODE 1
#define PMSA 8
#else
#define HAS_MPU_CODE 0
#define PMSA 0
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

/* Everything of the MPU an owner may have set, and SHCSR. */
#define MAX_REGIONS 16u
struct mpu_state {
    uint32_t ctrl, rnr, shcsr, mair0, mair1;
    uint32_t rbar[MAX_REGIONS], rasr_rlar[MAX_REGIONS];
};

static void mpu_read(struct mpu_state *m)
{
    unsigned n = regions() < MAX_REGIONS ? regions() : MAX_REGIONS;
    memset(m, 0, sizeof *m);
    m->ctrl = MPU_CTRL;
    m->rnr = MPU_RNR;
    m->shcsr = SCB_SHCSR;
    m->mair0 = PMSA == 8 ? MPU_MAIR0 : 0u;
    m->mair1 = PMSA == 8 ? MPU_MAIR1 : 0u;
    for (unsigned i = 0; i < n; i++) {
        MPU_RNR = i;
        m->rbar[i] = MPU_RBAR;
        m->rasr_rlar[i] = MPU_RASR_RLAR;
    }
    MPU_RNR = m->rnr;
}

/* Puts back what mpu_read saw (the MPU off while it changes). */
static void mpu_write(const struct mpu_state *m)
{
    unsigned n = regions() < MAX_REGIONS ? regions() : MAX_REGIONS;
    MPU_CTRL = 0u;
    __asm__ volatile("dsb\n\tisb" : : : "memory");
    for (unsigned i = 0; i < n; i++) {
        MPU_RNR = i;
        MPU_RASR_RLAR = 0u;
        MPU_RBAR = m->rbar[i] & ~0x10u; /* PMSAv7: VALID clear, RNR selects */
        MPU_RASR_RLAR = m->rasr_rlar[i];
    }
    if (PMSA == 8) {
        MPU_MAIR0 = m->mair0;
        MPU_MAIR1 = m->mair1;
    }
    MPU_RNR = m->rnr;
    SCB_SHCSR = m->shcsr;
    MPU_CTRL = m->ctrl;
    __asm__ volatile("dsb\n\tisb" : : : "memory");
}

/* An owner's configuration below the guards: regions 0 and 1 set (left
 * disabled, so that they change no access the suite makes), distinct memory
 * attributes with the guards' index holding a cacheable one, BusFault and
 * UsageFault enabled, RNR pointing at region 0. */
static void mpu_set_owner_regions(void)
{
    for (unsigned i = 0; i < 2u; i++) {
        MPU_RNR = i;
        MPU_RASR_RLAR = 0u;
        if (PMSA == 7) {
            MPU_RBAR = 0x20000000u + i * 0x1000u;
            /* XN, AP 011, TEX 001 C 1 B 1, SIZE 11 (4 KiB), not enabled */
            MPU_RASR_RLAR = (1u << 28) | (3u << 24) | (1u << 19) | (3u << 16) | (11u << 1);
        } else {
            MPU_RBAR = (0x20000000u + i * 0x1000u) | (1u << 1);    /* AP 01: read-write, any privilege */
            MPU_RASR_RLAR = (0x20000fe0u + i * 0x1000u) | (2u << 1); /* AttrIndx 2, not enabled */
        }
    }
    if (PMSA == 8) {
        MPU_MAIR0 = 0x04448844u;
        MPU_MAIR1 = 0xffbb0c08u; /* index 7: 0xff (write-back), the guards' index */
    }
    SCB_SHCSR |= SHCSR_BUSFAULTENA | SHCSR_USGFAULTENA;
    MPU_RNR = 0u;
}

/* Checks guard region `n`: the 32-byte block at `at`, enabled, no access on
 * PMSAv7 (reads included) and never executable; on PMSAv8 read-only for
 * privileged code, never executable, with attribute index
 * BUMP_MPU_ATTR_INDEX. */
static bool guard_region_is(unsigned n, uintptr_t at)
{
    MPU_RNR = n;
    uint32_t rbar = MPU_RBAR, r = MPU_RASR_RLAR;
    if (PMSA == 7) {
        return (rbar & ~0x1fu) == (uint32_t)at && (r & 1u) != 0u && ((r >> 1) & 0x1fu) == 4u &&
               ((r >> 24) & 7u) == 0u && (r & (1u << 28)) != 0u && ((r >> 8) & 0xffu) == 0u;
    }
    return (rbar & ~0x1fu) == (uint32_t)at && (rbar & 1u) != 0u && ((rbar >> 1) & 3u) == 2u &&
           (r & ~0x1fu) == (uint32_t)at && (r & 1u) != 0u && ((r >> 1) & 7u) == (uint32_t)(BUMP_MPU_ATTR_INDEX);
}

/* True when the MPU holds what `before` held, except the two guard regions
 * from `first`, MemManage now enabled and (PMSAv8) the guards' attribute
 * 0x00 (Device-nGnRnE). */
static bool mpu_kept(const struct mpu_state *before, unsigned first)
{
    struct mpu_state after;
    mpu_read(&after);
    bool ok = after.ctrl == before->ctrl && after.shcsr == (before->shcsr | SHCSR_MEMFAULTENA);
    for (unsigned i = 0; i < regions() && i < MAX_REGIONS; i++) {
        if (i != first && i != first + 1u) {
            ok = ok && after.rbar[i] == before->rbar[i] && after.rasr_rlar[i] == before->rasr_rlar[i];
        }
    }
    if (PMSA == 8) {
        unsigned shift = ((unsigned)(BUMP_MPU_ATTR_INDEX) % 4u) * 8u;
        uint32_t keep = ~((uint32_t)0xffu << shift);
        bool high = (unsigned)(BUMP_MPU_ATTR_INDEX) >= 4u;
        ok = ok && (after.mair0 & (high ? ~0u : keep)) == (before->mair0 & (high ? ~0u : keep));
        ok = ok && (after.mair1 & (high ? keep : ~0u)) == (before->mair1 & (high ? keep : ~0u));
        ok = ok && ((high ? after.mair1 : after.mair0) & ~keep) == 0u;
    }
    return ok;
}

/* Every usable byte of a guarded arena reads back what was written. */
static bool usable_bytes_work(const bump_t *a)
{
    volatile unsigned char *u = (volatile unsigned char *)bump_start(a);
    size_t n = bump_capacity(a), good = 0;
    for (size_t i = 0; i < n; i++) {
        u[i] = (unsigned char)(i * 3u + 1u);
    }
    for (size_t i = 0; i < n; i++) {
        good += u[i] == (unsigned char)(i * 3u + 1u);
    }
    return good == n;
}

/* The MPU enabled by its owner, with HardFault's and NMI's accesses under it
 * (HFNMIENA) and regions of its own: the guards go into the two regions asked
 * for, and everything else is as the owner left it. */
static void mpu_guard_keeps_the_configuration_it_found(void)
{
    unsigned n = regions();
    if (n < 4u) {
        return; /* no MPU: mpu_no_mpu_refuses_every_call */
    }
    struct mpu_state saved, before;
    mpu_read(&saved);
    mpu_set_owner_regions();
    MPU_CTRL = CTRL_ENABLE | CTRL_PRIVDEFENA | CTRL_HFNMIENA;
    __asm__ volatile("dsb\n\tisb" : : : "memory");
    mpu_read(&before);
    bump_t a;
    memset(&a, 0, sizeof a);
    unsigned char *scratch = harness_scratch(0);
    CHECK(bump_init(&a, scratch + 3, 1000));
    CHECK(bump_mpu_guard(&a, n - 2u));
    uintptr_t start = (uintptr_t)bump_start(&a), end = (uintptr_t)bump_end(&a);
    CHECK(mpu_kept(&before, n - 2u));
    CHECK(guard_region_is(n - 2u, start - 32u));
    CHECK(guard_region_is(n - 1u, end));
    CHECK(usable_bytes_work(&a));
    mpu_write(&saved);
}

/* An MPU nobody enabled: the guards turn it on with the default memory map
 * behind them (PRIVDEFENA), and nothing else changes. */
static void mpu_guard_enables_an_mpu_that_was_off(void)
{
    unsigned n = regions();
    if (n < 4u) {
        return;
    }
    struct mpu_state saved, before;
    mpu_read(&saved);
    mpu_set_owner_regions();
    MPU_CTRL = 0u;
    __asm__ volatile("dsb\n\tisb" : : : "memory");
    mpu_read(&before);
    bump_t a;
    memset(&a, 0, sizeof a);
    CHECK(bump_init(&a, harness_scratch(0), 256));
    CHECK(bump_mpu_guard(&a, 0u)); /* the owner's regions 0 and 1 become the guards */
    before.ctrl = CTRL_ENABLE | CTRL_PRIVDEFENA;
    CHECK(mpu_kept(&before, 0u));
    CHECK(guard_region_is(0u, (uintptr_t)bump_start(&a) - 32u) && guard_region_is(1u, (uintptr_t)bump_end(&a)));
    CHECK(usable_bytes_work(&a));
    mpu_write(&saved);
}

static const struct harness_test tests[] = {
    HARNESS_TEST(mpu_no_mpu_refuses_every_call),
    HARNESS_TEST(mpu_refuses_an_arena_in_use),
    HARNESS_TEST(mpu_refuses_too_small_a_region),
    HARNESS_TEST(mpu_refuses_regions_out_of_range),
    HARNESS_TEST(mpu_guard_keeps_the_configuration_it_found),
    HARNESS_TEST(mpu_guard_enables_an_mpu_that_was_off),
};
HARNESS_GROUP(mpu_group, tests);
