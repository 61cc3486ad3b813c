/* SPDX-License-Identifier: MIT */
/*
 * The CPU port's critical section (src/bump_port.h), read at the register
 * that masks interrupts: PRIMASK on Cortex-M, mstatus.MIE on RISC-V. Inside
 * a section interrupts are masked; exit leaves the mask exactly as enter
 * found it, whether the section is nested in another or entered with
 * interrupts already masked. A nested interrupt rarely lands in the window
 * a wrong exit opens, so the tests read the register rather than wait for one.
 */
#include <stdint.h>

#include "bump_port.h"
#include "check_arena.h"

#if defined(__riscv)
/* mstatus, whole: exit must leave every bit as enter found it. */
static uint32_t mask_register(void)
{
    uint32_t v;
    __asm__ volatile("csrr %0, mstatus" : "=r"(v) : : "memory");
    return v;
}
static bool masked(void)
{
    return (mask_register() & 0x8u) == 0u; /* MIE clear */
}
static void set_masked(bool on)
{
    if (on) {
        __asm__ volatile("csrci mstatus, 8" : : : "memory");
    } else {
        __asm__ volatile("csrsi mstatus, 8" : : : "memory");
    }
}
#else
static uint32_t mask_register(void)
{
    uint32_t v;
    __asm__ volatile("mrs %0, primask" : "=r"(v) : : "memory");
    return v;
}
static bool masked(void)
{
    return (mask_register() & 1u) != 0u;
}
static void set_masked(bool on)
{
    if (on) {
        __asm__ volatile("cpsid i" : : : "memory");
    } else {
        __asm__ volatile("cpsie i" : : : "memory");
    }
}
#endif

static void critical_masks_inside_and_unmasks_after(void)
{
    bool was = masked();
    set_masked(false);
    uint32_t before = mask_register();
    uint32_t state = bump_port_critical_enter();
    CHECK(masked());
    bump_port_critical_exit(state);
    CHECK(!masked() && mask_register() == before);
    set_masked(was);
}

static void critical_nested_exit_keeps_the_outer_section_masked(void)
{
    bool was = masked();
    set_masked(false);
    uint32_t before = mask_register();
    uint32_t outer = bump_port_critical_enter();
    uint32_t inside = mask_register();
    uint32_t inner = bump_port_critical_enter();
    CHECK(masked() && mask_register() == inside);
    bump_port_critical_exit(inner);
    CHECK(masked() && mask_register() == inside); /* still in the outer section */
    bump_port_critical_exit(outer);
    CHECK(!masked() && mask_register() == before);
    set_masked(was);
}

static void critical_entered_masked_leaves_it_masked(void)
{
    bool was = masked();
    set_masked(true);
    uint32_t before = mask_register();
    uint32_t state = bump_port_critical_enter();
    CHECK(masked() && mask_register() == before);
    bump_port_critical_exit(state);
    CHECK(masked() && mask_register() == before);
    /* Nested, from masked, three deep. */
    uint32_t a = bump_port_critical_enter();
    uint32_t b = bump_port_critical_enter();
    uint32_t c = bump_port_critical_enter();
    bump_port_critical_exit(c);
    bump_port_critical_exit(b);
    CHECK(masked() && mask_register() == before);
    bump_port_critical_exit(a);
    CHECK(masked() && mask_register() == before);
    set_masked(was);
}

static const struct harness_test tests[] = {
    HARNESS_TEST(critical_masks_inside_and_unmasks_after),
    HARNESS_TEST(critical_nested_exit_keeps_the_outer_section_masked),
    HARNESS_TEST(critical_entered_masked_leaves_it_masked),
};
HARNESS_GROUP(critical_group, tests);
