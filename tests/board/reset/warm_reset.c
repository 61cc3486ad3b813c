/* SPDX-License-Identifier: MIT */
/*
 * The post-mortem across a warm reset, on a board under QEMU: the first boot
 * checks that cold RAM holds no arena, fills an arena in .noinit, fails some
 * requests, and resets the core through SCB AIRCR.SYSRESETREQ (QEMU keeps RAM
 * across it); the second boot reads the first boot's report with
 * bump_postmortem and checks every figure. A board whose reset lost the
 * arena, or a check that took RAM for an arena, fails.
 */
#include <stdbool.h>
#include <stdio.h>

#include "board.h"
#include "bump.h"

#define SCB_AIRCR (*(volatile uint32_t *)0xE000ED0Cu)
#define AIRCR_SYSRESETREQ 0x05FA0004u
#define SECOND_BOOT 0x5ec0b007u

static BUMP_NOINIT bump_t arena;
static BUMP_NOINIT volatile uint32_t boot_state;
static _Alignas(8) unsigned char region[1024]; /* in .bss: zeroed again; only the bump_t survives */

static unsigned passed, failed;

static void check(bool ok, const char *what)
{
    printf("  %s %s\n", ok ? "ok  " : "FAIL", what);
    if (ok) {
        passed++;
    } else {
        failed++;
    }
}

int main(void)
{
    bump_report_t r;
    if (boot_state != SECOND_BOOT) {
        printf("%s (%s): cold boot\n", BOARD_MACHINE, BOARD_CORE);
        check(!bump_postmortem(&arena, region, sizeof region, &r), "cold RAM holds no arena");
        check(bump_init(&arena, region, sizeof region), "bump_init");
        check(bump_alloc(&arena, 100, 8) != NULL, "a block of 100");
        check(bump_alloc(&arena, 2000, 4) == NULL, "2000 bytes refused");
        check(bump_alloc(&arena, 40, 4) != NULL, "a block of 40");
        check(bump_zalloc(&arena, 900, 16) == NULL, "900 bytes refused");
        if (failed != 0u) {
            printf("warm-reset %s: %u passed, %u failed\n", BOARD_MACHINE, passed, failed);
            return 1;
        }
        boot_state = SECOND_BOOT;
        printf("  resetting through SYSRESETREQ\n");
        fflush(stdout);
        SCB_AIRCR = AIRCR_SYSRESETREQ;
        for (;;) {
        }
    }
    boot_state = 0u;
    printf("%s (%s): warm boot\n", BOARD_MACHINE, BOARD_CORE);
    bool found = bump_postmortem(&arena, region, sizeof region, &r);
    check(found, "the previous boot's arena is found");
    check(found && r.capacity == sizeof region && r.used == 144u && r.high_water == 144u,
          "its capacity, use (100 at an 8-aligned end, 4 of padding, 40) and peak");
    check(found && r.failures == 2u && r.last_failed_size == 900u && r.last_failed_align == 16u,
          "its failure record: 2, the last 900 bytes aligned to 16");
    check(!bump_postmortem(&arena, region, sizeof region - 8u, &r), "another region is refused");
    printf("  previous boot: capacity %lu, used %lu, high water %lu, %lu failures (last %lu bytes, align %lu)\n",
           (unsigned long)r.capacity, (unsigned long)r.used, (unsigned long)r.high_water, (unsigned long)r.failures,
           (unsigned long)r.last_failed_size, (unsigned long)r.last_failed_align);
    printf("warm-reset %s: %u passed, %u failed\n", BOARD_MACHINE, passed, failed);
    return failed == 0u ? 0 : 1;
}
