/* SPDX-License-Identifier: MIT */
/*
 * MPU guards for an arena on Cortex-M: a write just outside the usable part
 * of the arena faults at once instead of corrupting a neighbour.
 *
 *     bump_t arena;
 *     (void)bump_init(&arena, region, sizeof region);
 *     if (!bump_mpu_guard(&arena, 6U)) { ... no guard: the arena still works ... }
 *
 * bump_mpu_guard programs MPU regions `first_region` and `first_region + 1`
 * as guards at the two ends of the arena, carved from the arena's own region
 * with bump_trim (never from a neighbour's memory): a write to the byte just
 * below bump_start or to the byte at bump_end raises MemManage (HardFault
 * when MemManage is disabled; this function enables it) with MMFAR at that
 * address. Every usable byte stays readable and writable, and execution from
 * a guard faults too. The MPU is enabled with PRIVDEFENA (the default memory
 * map stays the background for privileged code) unless it already was
 * enabled, in which case its MPU_CTRL is kept as it is (the owner's policy).
 *
 * Cores: ARMv7-M (Cortex-M3, M4, M7: PMSAv7) and ARMv8-M Mainline (M33, M55:
 * PMSAv8). On ARMv6-M (M0, M0+) and ARMv8-M Baseline (M23) it is compiled to
 * return false; on a core of the supported kinds that was built without an
 * MPU (MPU_TYPE reads 0) it returns false at run time.
 *
 * Cost in capacity, the same on both architectures: each guard is one
 * 32-byte block aligned to 32 (PMSAv7: the smallest region, a power of two
 * aligned to its size; PMSAv8: the 32-byte granularity of base and limit).
 * The low guard is the first whole aligned block in the region, the high
 * guard the last, so the capacity shrinks by exactly
 *     64 + (32 - start % 32) % 32 + end % 32   bytes (64 to 126),
 * start and end being bump_start and bump_end before the call. The usable
 * part then starts and ends 32-byte aligned.
 *
 * Call it right after bump_init, before any allocation. It returns false and
 * changes nothing (neither the arena nor the MPU) when the arena is not
 * empty (bump_used > 0), when the region cannot hold the two guards and at
 * least 32 usable bytes, when `first_region + 1` is not below MPU_TYPE.DREGION,
 * or when there is no MPU.
 *
 * With an RTOS that owns the MPU: pass as `first_region` the first of two
 * consecutive regions that it leaves free (for example the top two of
 * DREGION when it uses the low ones), and call this after the RTOS has set
 * up the MPU, or the RTOS may overwrite the guards. The function replaces
 * whatever those two regions held. It touches no other region.
 * - PMSAv7: where regions overlap, the higher-numbered one wins, so the
 *   guards must have numbers above any region that covers the arena.
 * - PMSAv8: regions must not overlap (an address in two enabled regions
 *   faults on every access), so the guards must not overlap a region the
 *   RTOS set; an RTOS region that covers the arena must leave the guard
 *   blocks out. PMSAv8 has no "no access" permission: the guards are
 *   read-only for privileged code and no-access for unprivileged code, and
 *   never executable. So on PMSAv8 a privileged READ of a guard byte is not
 *   caught (a write and an unprivileged access are); on PMSAv7 the guards
 *   are no-access for both privilege levels, reads included.
 *   The guards use memory attribute index BUMP_MPU_ATTR_INDEX (7 unless
 *   defined otherwise), whose MAIR byte this function sets to 0x00
 *   (Device-nGnRnE: no caching, no speculative reads); an RTOS that uses that
 *   index defines BUMP_MPU_ATTR_INDEX as one it leaves free.
 * - The background map (PRIVDEFENA) applies to privileged code only:
 *   unprivileged code reaches the usable bytes only through a region the
 *   RTOS set up for them (on PMSAv8 one that leaves the guard blocks out).
 * - The guards catch an overrun that reaches the byte next to the usable
 *   part; an access that jumps further (past the 32-byte guard) is not
 *   caught, and nothing inside the arena separates one block from another.
 *
 * Concurrency: not to be called while an interrupt handler or another
 * thread can program the MPU or use the arena.
 */
#ifndef BUMP_MPU_H
#define BUMP_MPU_H

#include <stdbool.h>

#include "bump.h"

#ifdef __cplusplus
extern "C" {
#endif

#ifndef BUMP_MPU_ATTR_INDEX
#define BUMP_MPU_ATTR_INDEX 7U
#endif

/* The bytes one guard takes (and the alignment of the usable part). */
#define BUMP_MPU_GUARD_SIZE 32U

bool bump_mpu_guard(bump_t *arena, unsigned first_region);

#ifdef __cplusplus
}
#endif

#endif /* BUMP_MPU_H */
