/* SPDX-License-Identifier: MIT */
/* bump_report, the failure record, bump_reset_high_water, bump_postmortem,
 * bump_trim and bump_epoch: each test is one sentence of their contracts in
 * bump.h. */
#include "check_arena.h"

static unsigned hook_calls;
static size_t hook_size, hook_align;

static void count_hook(bump_t *arena, size_t size, size_t align)
{
    (void)arena;
    hook_calls++;
    hook_size = size;
    hook_align = align;
}

static void report_gives_the_arena_figures(void)
{
    unsigned char *mem = harness_scratch(0);
    bump_t a;
    bump_report_t r;
    CHECK(bump_init(&a, mem + 3, 500));
    CHECK(bump_alloc(&a, 40, 8) != NULL && bump_alloc(&a, 10, 1) != NULL);
    bump_mark_t m = bump_mark(&a);
    CHECK(bump_alloc(&a, 100, 4) != NULL && bump_rewind(&a, m));
    bump_report(&a, &r);
    CHECK(r.capacity == bump_capacity(&a) && r.used == bump_used(&a) && r.high_water == bump_high_water(&a));
    CHECK(r.failures == 0 && r.last_failed_size == 0 && r.last_failed_align == 0);
}

/* Every form of refused request counts once, with its size and alignment,
 * and changes nothing else. */
static void failure_record_counts_each_refusal_and_nothing_else(void)
{
    unsigned char *mem = harness_scratch(0);
    bump_t a, before, child;
    CHECK(bump_init(&a, mem, 256));
    bump_set_oom_hook(&a, count_hook);
    void *p = bump_alloc(&a, 200, 8);
    CHECK(p != NULL);
    hook_calls = 0;
    before = a;
    CHECK(bump_alloc(&a, 64, 8) == NULL && failed_once(&before, &a, 64, 8)); /* constant, does not fit */
    before = a;
    CHECK(bump_alloc(&a, opaque(64), opaque(8)) == NULL && failed_once(&before, &a, 64, 8));
    before = a;
    CHECK(bump_alloc(&a, 4, 3) == NULL && failed_once(&before, &a, 4, 3)); /* constant, bad alignment */
    before = a;
    CHECK(bump_alloc(&a, 4, 0) == NULL && failed_once(&before, &a, 4, 0));
    before = a;
    CHECK(bump_alloc_slow(&a, SIZE_MAX, 1) == NULL && failed_once(&before, &a, SIZE_MAX, 1));
    before = a;
    CHECK(bump_zalloc(&a, 100, 1) == NULL && failed_once(&before, &a, 100, 1));
    before = a;
    CHECK(bump_alloc_array(&a, SIZE_MAX, 2, 1) == NULL && failed_once(&before, &a, SIZE_MAX, 1));
    before = a;
    CHECK(BUMP_NEW_ARRAY(&a, uint64_t, 100) == NULL && failed_once(&before, &a, 800, alignof(uint64_t)));
    before = a;
    CHECK(bump_alloc_atomic(&a, 100, 16) == NULL && failed_once(&before, &a, 100, 16));
    before = a;
    CHECK(bump_resize(&a, p, 200, 300, 8) == NULL && failed_once(&before, &a, 300, 8));
    before = a;
    CHECK(!bump_init_child(&child, &a, 128) && failed_once(&before, &a, 128, alignof(max_align_t)));
    CHECK(hook_calls == 11 && hook_size == 128);
    bump_report_t r;
    bump_report(&a, &r);
    CHECK(r.failures == 11);
    /* Refusals that are not requests count nothing. */
    before = a;
    bump_mark_t forged = bump_mark(&a);
    forged.serial += 1u;
    CHECK(!bump_rewind(&a, forged) && !bump_init_child(NULL, &a, 8));
    bump_report(&a, &r);
    CHECK(r.failures == 11 && r.refused_rewinds == 1 && r.unrecorded_marks == 0);
    /* Successes leave the record as it is; a reset too; init clears it. */
    bump_reset(&a);
    CHECK(bump_alloc(&a, 8, 8) != NULL);
    bump_report(&a, &r);
    CHECK(r.failures == 11 && r.last_failed_size == 128);
    CHECK(bump_init(&a, mem, 256));
    bump_report(&a, &r);
    CHECK(r.failures == 0 && r.last_failed_size == 0 && r.last_failed_align == 0);
}

/* A constant request the inline path proved valid hands a miss to
 * bump_alloc_failed; one it cannot prove valid still goes to the slow path. */
static void constant_requests_answer_like_run_time_ones(void)
{
    unsigned char *mem = harness_scratch(0);
    bump_t a, b;
    CHECK(bump_init(&a, mem, 300) && bump_init(&b, mem, 300));
    CHECK(bump_alloc(&a, 256, 8) != NULL);              /* constant, past the floor: fits */
    CHECK(bump_alloc(&b, opaque(256), opaque(8)) != NULL);
    CHECK(bump_alloc(&a, 32, 16) != NULL && bump_alloc(&b, opaque(32), opaque(16)) != NULL);
    CHECK(bump_alloc(&a, 16, 8) == NULL && bump_alloc(&b, opaque(16), opaque(8)) == NULL);
    CHECK(bump_alloc(&a, 0, 1) != NULL && bump_alloc(&b, opaque(0), opaque(1)) != NULL);
    bump_report_t ra, rb;
    bump_report(&a, &ra);
    bump_report(&b, &rb);
    CHECK(arena_same(&a, &b) && ra.failures == 1 && rb.failures == 1 && ra.last_failed_size == 16);
}

static void reset_high_water_starts_a_new_peak(void)
{
    unsigned char *mem = harness_scratch(0);
    bump_t a;
    CHECK(bump_init(&a, mem, 512));
    CHECK(bump_alloc(&a, 300, 1) != NULL);
    bump_reset(&a);
    CHECK(bump_alloc(&a, 20, 1) != NULL && bump_high_water(&a) == 300);
    bump_reset_high_water(&a);
    CHECK(bump_high_water(&a) == 20 && bump_used(&a) == 20);
    CHECK(bump_alloc(&a, 30, 1) != NULL && bump_high_water(&a) == 50);
    bump_reset(&a);
    CHECK(bump_high_water(&a) == 50);
}

/* The bump_t is all that survives a reset: a copy of it stands for it. */
static void postmortem_reads_the_previous_boots_arena(void)
{
    unsigned char *mem = harness_scratch(0);
    bump_t a, survived;
    bump_report_t r, expected;
    CHECK(bump_init(&a, mem + 5, 700));
    CHECK(bump_alloc(&a, 100, 8) != NULL && bump_alloc(&a, 900, 4) == NULL);
    bump_mark_t m = bump_mark(&a);
    CHECK(bump_alloc(&a, 33, 1) != NULL && bump_rewind(&a, m) && bump_alloc(&a, 10, 2) != NULL);
    bump_report(&a, &expected);
    memcpy(&survived, &a, sizeof a);
    CHECK(bump_postmortem(&survived, mem + 5, 700, &r));
    CHECK(memcmp(&r, &expected, sizeof r) == 0 && r.failures == 1 && r.last_failed_size == 900);
    /* A region trimmed by bump_trim (the MPU guard) is still this region. */
    CHECK(bump_init(&a, mem + 5, 700) && bump_trim(&a, 27, 1));
    CHECK(bump_alloc(&a, 16, 8) != NULL);
    bump_report(&a, &expected);
    CHECK(bump_postmortem(&a, mem + 5, 700, &r) && memcmp(&r, &expected, sizeof r) == 0);
}

static void postmortem_refuses_another_region_and_touches_nothing(void)
{
    unsigned char *mem = harness_scratch(0);
    bump_t a;
    bump_report_t r, untouched;
    memset(&r, 0x77, sizeof r);
    untouched = r;
    CHECK(bump_init(&a, mem + 8, 600));
    CHECK(!bump_postmortem(&a, mem, 600, &r));
    CHECK(!bump_postmortem(&a, mem + 8, 599, &r));
    CHECK(!bump_postmortem(&a, mem + 16, 600, &r));
    CHECK(!bump_postmortem(&a, NULL, 600, &r) && !bump_postmortem(NULL, mem + 8, 600, &r));
    CHECK(!bump_postmortem(&a, mem + 8, 600, NULL));
    CHECK(memcmp(&r, &untouched, sizeof r) == 0);
    CHECK(bump_postmortem(&a, mem + 8, 600, &r));
    /* An arena over a part of the region is another region's arena: one
     * inside it, and a child arena carved from it. */
    bump_t inner, child;
    CHECK(bump_init(&inner, mem + 64, 128));
    CHECK(!bump_postmortem(&inner, mem, 512, &r));
    CHECK(bump_init(&a, mem, 512) && bump_init_child(&child, &a, 100));
    CHECK(!bump_postmortem(&child, mem, 512, &r) && bump_postmortem(&a, mem, 512, &r));
}

/* Empty regions are regions too: the post-mortem finds what bump_init made
 * of them. */
static void postmortem_finds_empty_and_trimmed_regions(void)
{
    bump_t a;
    bump_report_t r;
    CHECK(bump_init(&a, NULL, 0) && bump_postmortem(&a, NULL, 0, &r) && r.capacity == 0);
    CHECK(bump_init(&a, (void *)(uintptr_t)16u, 8) && bump_postmortem(&a, (void *)(uintptr_t)16u, 8, &r));
    CHECK(!bump_postmortem(&a, NULL, 8, &r));
}

/* A child arena's bump_t, or any arena over a region inside the one asked
 * about, is not that region's arena: its bounds are plausible there, and
 * only the seal tells them apart, even for a region whose start ^ end equals
 * the asked region's: [f + 0x100, f + 0xE00) in [f, f + 0xF00) for a 4 KiB-
 * aligned f. Neither bump_init nor bump_postmortem touches the region, so
 * those regions need no memory behind them. */
static void postmortem_refuses_arenas_over_regions_inside(void)
{
    unsigned char *f = (unsigned char *)(uintptr_t)0x10000u;
    bump_t outer, inner;
    bump_report_t r;
    CHECK(bump_init(&outer, f, 0xF00) && bump_init(&inner, f + 0x100, 0xD00));
    CHECK(((uintptr_t)f ^ ((uintptr_t)f + 0xF00u)) == (((uintptr_t)f + 0x100u) ^ ((uintptr_t)f + 0xE00u)));
    CHECK(!bump_postmortem(&inner, f, 0xF00, &r) && bump_postmortem(&inner, f + 0x100, 0xD00, &r));
    CHECK(bump_postmortem(&outer, f, 0xF00, &r) && !bump_postmortem(&outer, f + 0x100, 0xD00, &r));
    /* Every 16-byte-aligned region inside [f, f + 0x400) but itself: each
     * passes with a chance of 2^-W, so none should (about 2,000 here). */
    unsigned passed = 0;
    for (uintptr_t i = 0; i < 0x400u; i += 16u) {
        for (uintptr_t j = i; j <= 0x400u; j += 16u) {
            if ((i == 0u && j == 0x400u) || !bump_init(&inner, f + i, (size_t)(j - i))) {
                continue;
            }
            passed += bump_postmortem(&inner, f, 0x400, &r) ? 1u : 0u;
        }
    }
    CHECK(passed == 0u);
    /* A child carved by bump_init_child from a real arena. */
    unsigned char *mem = harness_scratch(0);
    bump_t parent, child;
    CHECK(bump_init(&parent, mem, 1024) && bump_alloc(&parent, 64, 1) != NULL);
    CHECK(bump_init_child(&child, &parent, 512));
    CHECK(!bump_postmortem(&child, mem, 1024, &r) && bump_postmortem(&parent, mem, 1024, &r));
}

/* A state no sequence of calls can reach is no arena, whatever its seal. */
static void postmortem_refuses_broken_invariants(void)
{
    unsigned char *mem = harness_scratch(0);
    bump_t a, broken;
    bump_report_t r;
    CHECK(bump_init(&a, mem, 512));
    CHECK(bump_alloc(&a, 10, 1) != NULL);
    (void)bump_mark(&a);
    CHECK(bump_alloc(&a, 10, 1) != NULL);
    (void)bump_mark(&a);
    CHECK(bump_postmortem(&a, mem, 512, &r));
    broken = a; /* marks out of order */
    broken.mark_top[0] = a.mark_top[1];
    broken.mark_top[1] = a.mark_top[0];
    CHECK(!bump_postmortem(&broken, mem, 512, &r));
    broken = a; /* two marks at one position, no growable block taken between */
    broken.mark_top[1] = a.mark_top[0];
    CHECK(!bump_postmortem(&broken, mem, 512, &r));
    broken = a; /* a floor above the mark's top */
    broken.mark_base[1] = a.mark_top[1] + 1u;
    CHECK(!bump_postmortem(&broken, mem, 512, &r));
    broken = a; /* a mark's growable block taken after it */
    broken.mark_grow_depth[0] = 1u;
    CHECK(!bump_postmortem(&broken, mem, 512, &r));
    broken = a; /* a floor above top */
    broken.floor_neg = ~(a.top + 1u) + 1u; /* the floor is stored negated */
    CHECK(!bump_postmortem(&broken, mem, 512, &r));
    broken = a; /* a growable block above the floor */
    broken.grow = (uintptr_t)bump_floor(&a) + 1u;
    CHECK(!bump_postmortem(&broken, mem, 512, &r));
    broken = a; /* a record that rises, where a growable block was taken between two marks */
    {
        bump_t g;
        CHECK(bump_init(&g, mem, 512) && bump_alloc(&g, 10, 1) != NULL);
        (void)bump_mark(&g);
        CHECK(bump_alloc_growable(&g, 0, 1) != NULL);
        (void)bump_mark(&g); /* at the same position, one deeper */
        CHECK(g.marks == 2u && bump_postmortem(&g, mem, 512, &r));
        g.mark_top[1] = g.mark_top[0] + 1u;
        CHECK(!bump_postmortem(&g, mem, 512, &r));
    }
    broken = a; /* a peak larger than the region */
    broken.peak = bump_capacity(&a) + 1u;
    CHECK(!bump_postmortem(&broken, mem, 512, &r));
    broken = a; /* a mark below top */
    broken.mark_top[1] = a.top - 1u;
    CHECK(!bump_postmortem(&broken, mem, 512, &r));
    broken = a; /* more marks than the record holds */
    broken.marks = BUMP_MARK_DEPTH + 1u;
    CHECK(!bump_postmortem(&broken, mem, 512, &r));
    broken = a; /* a failed request and no failure */
    broken.last_failed_size = 99;
    broken.last_failed_align = 5;
    CHECK(!bump_postmortem(&broken, mem, 512, &r));
    broken = a; /* top outside the bounds */
    broken.top = a.limit + 1u;
    CHECK(!bump_postmortem(&broken, mem, 512, &r));
    CHECK(bump_init(&a, mem + 64, 256)); /* bounds outside the region the seal names */
    broken = a;
    broken.start -= 8u;
    CHECK(bump_postmortem(&a, mem + 64, 256, &r) && !bump_postmortem(&broken, mem + 64, 256, &r));
    broken = a;
    broken.limit += 8u;
    broken.top = broken.limit;
    CHECK(!bump_postmortem(&broken, mem + 64, 256, &r));
}

/* The count saturates on every path, the lock-free one included. */
static void failure_count_saturates(void)
{
    unsigned char *mem = harness_scratch(0);
    bump_t a;
    bump_report_t r;
    CHECK(bump_init(&a, mem, 64));
    a.failures = SIZE_MAX - 1u; /* standing in for a long history */
    CHECK(bump_alloc(&a, opaque(100), 1) == NULL && bump_alloc_atomic(&a, 100, 1) == NULL);
    CHECK(bump_alloc_atomic(&a, 100, 1) == NULL && bump_alloc(&a, opaque(100), 1) == NULL);
    bump_report(&a, &r);
    CHECK(r.failures == SIZE_MAX);
}

/* Random RAM is never taken for an arena: not plain random fills, not the
 * cold boot's zeroes, and not fills that hold the right base and end. */
static void postmortem_refuses_random_ram(void)
{
    unsigned char *mem = harness_scratch(0);
    bump_t genuine, fill;
    bump_report_t r;
    CHECK(bump_init(&genuine, mem, 1000));
    uint32_t rng = 0x5eed1234u;
    unsigned accepted = 0;
    for (unsigned i = 0; i < 24000u; i++) {
        unsigned char *bytes = (unsigned char *)&fill;
        for (size_t k = 0; k < sizeof fill; k++) {
            bytes[k] = (unsigned char)harness_random(&rng);
        }
        switch (i % 4u) {
        case 0: break; /* random */
        case 1: memset(&fill, (int)(i & 0xffu), sizeof fill); break;
        case 2: /* the right region and a plausible top */
            fill.start = genuine.start;
            fill.floor_neg = genuine.floor_neg;
            fill.limit = genuine.limit;
            fill.top = genuine.limit - (harness_random(&rng) % 1000u);
            fill.grow = 0;
            fill.grow_depth = 0;
            fill.peak = 0;
            fill.marks = 0;
            break;
        default: /* the genuine arena with one word changed */
            memcpy(&fill, &genuine, sizeof fill);
            fill.seal ^= (uintptr_t)1 << (harness_random(&rng) % (8u * sizeof(uintptr_t)));
            break;
        }
        accepted += bump_postmortem(&fill, mem, 1000, &r);
    }
    CHECK(accepted == 0);
    memset(&fill, 0, sizeof fill);
    CHECK(!bump_postmortem(&fill, mem, 1000, &r));
    CHECK(bump_postmortem(&genuine, mem, 1000, &r));
}

static void trim_takes_both_ends_of_an_empty_arena_and_keeps_its_hook(void)
{
    unsigned char *mem = harness_scratch(0);
    bump_t a, before;
    CHECK(bump_init(&a, mem, 512));
    bump_set_oom_hook(&a, count_hook);
    CHECK(bump_trim(&a, 32, 64));
    CHECK(bump_start(&a) == mem + 32 && bump_end(&a) == mem + 448 && bump_capacity(&a) == 416);
    CHECK(bump_used(&a) == 0 && bump_high_water(&a) == 0);
    hook_calls = 0;
    CHECK(bump_alloc(&a, 417, 1) == NULL && hook_calls == 1);
    CHECK(bump_alloc(&a, 416, 1) == mem + 32);
    before = a;
    CHECK(!bump_trim(&a, 0, 0) && arena_same(&a, &before)); /* not empty */
    bump_reset(&a);
    before = a;
    CHECK(!bump_trim(&a, 417, 0) && !bump_trim(&a, 200, 217) && !bump_trim(&a, SIZE_MAX, 1) &&
          !bump_trim(&a, 1, SIZE_MAX) && arena_same(&a, &before));
    CHECK(bump_trim(&a, 200, 216) && bump_capacity(&a) == 0);
}

/* bump_epoch: two epochs are the same only when the arena released no
 * memory in between, so each kind of release (a rewind, a shrink of either
 * kind of block, a reset, a trim, a re-init) makes the epoch read after it
 * differ from the one read before. */
static void epoch_changes_with_every_release(void)
{
    unsigned char *mem = harness_scratch(0);
    bump_t a;
    CHECK(bump_init(&a, mem, 1024));
    bump_epoch_t before = bump_epoch(&a);
    CHECK(bump_init(&a, mem, 1024)); /* a re-init with nothing released in either life */
    CHECK(!bump_epoch_same(before, bump_epoch(&a)));
    bump_mark_t m = bump_mark(&a);
    CHECK(bump_alloc(&a, 16, 1) != NULL);
    before = bump_epoch(&a);
    CHECK(bump_rewind(&a, m) && !bump_epoch_same(before, bump_epoch(&a)));
    void *p = bump_alloc(&a, 64, 8);
    before = bump_epoch(&a);
    CHECK(p != NULL && bump_resize(&a, p, 64, 16, 8) != NULL && !bump_epoch_same(before, bump_epoch(&a)));
    void *g = bump_alloc_growable(&a, 64, 8);
    before = bump_epoch(&a);
    CHECK(g != NULL && bump_resize(&a, g, 64, 8, 8) == g && !bump_epoch_same(before, bump_epoch(&a)));
    before = bump_epoch(&a);
    bump_reset(&a);
    CHECK(!bump_epoch_same(before, bump_epoch(&a)));
    before = bump_epoch(&a);
    CHECK(bump_trim(&a, 8, 8) && !bump_epoch_same(before, bump_epoch(&a)));
    before = bump_epoch(&a);
    CHECK(bump_init(&a, mem, 1024) && !bump_epoch_same(before, bump_epoch(&a)));
}

static const struct harness_test tests[] = {
    HARNESS_TEST(report_gives_the_arena_figures),
    HARNESS_TEST(failure_record_counts_each_refusal_and_nothing_else),
    HARNESS_TEST(constant_requests_answer_like_run_time_ones),
    HARNESS_TEST(reset_high_water_starts_a_new_peak),
    HARNESS_TEST(postmortem_reads_the_previous_boots_arena),
    HARNESS_TEST(postmortem_refuses_another_region_and_touches_nothing),
    HARNESS_TEST(postmortem_finds_empty_and_trimmed_regions),
    HARNESS_TEST(postmortem_refuses_broken_invariants),
    HARNESS_TEST(postmortem_refuses_arenas_over_regions_inside),
    HARNESS_TEST(failure_count_saturates),
    HARNESS_TEST(postmortem_refuses_random_ram),
    HARNESS_TEST(trim_takes_both_ends_of_an_empty_arena_and_keeps_its_hook),
    HARNESS_TEST(epoch_changes_with_every_release),
};
HARNESS_GROUP(report_group, tests);
