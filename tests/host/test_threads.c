/* SPDX-License-Identifier: MIT */
/*
 * bump_alloc_atomic under contention: several threads hammer one arena; then
 * every block must lie inside the region, be aligned, overlap no other block
 * and still hold its owner's pattern. Meanwhile a reader thread takes the
 * figures the README allows reading during atomic allocation (used,
 * remaining, high water, owns) and checks that they agree with each other
 * and with the blocks already granted.
 */
#define _DEFAULT_SOURCE
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "bump_mmap.h"
#include "check_arena.h"
#include "harness.h"

#define THREADS 4
#define PER_THREAD 20000
/* Reads the reader must make after a worker's first block, before that
 * worker goes on: so reads overlap the allocation however threads are
 * scheduled. */
#define READS_DURING_RUN 64u

struct grant {
    unsigned char *p;
    uint32_t size;
    uint16_t align;
    uint8_t owner;
};

/* What the reader has done, for the workers to wait on. */
struct reader_progress {
    atomic_size_t reads;
    atomic_bool stop;
};

struct worker {
    bump_t *arena;
    struct grant *grants;
    /* grants[0 .. published) are written and may be read by the reader
     * (release here, acquire there); only this worker writes them. */
    atomic_size_t published;
    size_t max;
    uint8_t id;
    pthread_barrier_t *start;
    struct reader_progress *progress;
};

static void *hammer(void *arg)
{
    struct worker *w = arg;
    uint32_t rng = 0x1234u + w->id;
    size_t count = 0;
    pthread_barrier_wait(w->start);
    while (count < w->max) {
        uint32_t r = harness_random(&rng);
        size_t size = 1u + (r >> 8) % 96u;
        size_t align = (size_t)1 << ((r >> 20) % 6u);
        unsigned char *p = bump_alloc_atomic(w->arena, size, align);
        if (p == NULL) {
            break; /* exhausted */
        }
        memset(p, w->id, size);
        w->grants[count++] = (struct grant){p, (uint32_t)size, (uint16_t)align, w->id};
        atomic_store_explicit(&w->published, count, memory_order_release);
        if (count == 1u) {
            /* Hold on until the reader has read while this worker is live. */
            size_t seen = atomic_load_explicit(&w->progress->reads, memory_order_relaxed);
            while (atomic_load_explicit(&w->progress->reads, memory_order_relaxed) - seen < READS_DURING_RUN) {
                sched_yield();
            }
        }
    }
    return NULL;
}

/* The reader's findings, checked by the main thread after the join (the
 * harness's CHECK is not for other threads). */
struct reader {
    const bump_t *arena;
    struct worker *workers;
    const unsigned char *end; /* one past the region: never owned */
    pthread_barrier_t *start;
    struct reader_progress *progress;
    size_t reads, owns_checked;
    size_t split, shrank, high_water_bad, not_owned, owned_end;
};

/*
 * Each call reads `top` once, so two calls may see two states; with only
 * allocations running, top only falls. Hence used read before remaining
 * sums to at most the capacity, remaining read before used to at least it,
 * and every figure moves one way only. A block is granted before its
 * publication, which this thread acquires before asking: the arena must own
 * its first and last byte.
 */
static void *read_figures(void *arg)
{
    struct reader *r = arg;
    const bump_t *a = r->arena;
    size_t capacity = bump_capacity(a);
    size_t last_used = 0, last_high = 0, last_remaining = capacity;
    size_t turn = 0;
    pthread_barrier_wait(r->start);
    while (!atomic_load_explicit(&r->progress->stop, memory_order_relaxed)) {
        size_t used = bump_used(a);
        size_t remaining = bump_remaining(a);
        size_t high = bump_high_water(a);
        size_t used_after = bump_used(a);
        r->split += used + remaining > capacity || remaining + used_after < capacity;
        r->shrank += used < last_used || used_after < used || remaining > last_remaining || high < last_high;
        r->high_water_bad += high < used || high > capacity;
        last_used = used_after;
        last_remaining = remaining;
        last_high = high;

        struct worker *w = &r->workers[turn++ % THREADS];
        size_t n = atomic_load_explicit(&w->published, memory_order_acquire);
        if (n > 0u) {
            /* The newest block, and one granted earlier. */
            const struct grant *newest = &w->grants[n - 1u], *older = &w->grants[(n - 1u) / 2u];
            r->not_owned += !bump_owns(a, newest->p) || !bump_owns(a, newest->p + newest->size - 1u);
            r->not_owned += !bump_owns(a, older->p) || !bump_owns(a, older->p + older->size - 1u);
            r->owns_checked++;
        }
        r->owned_end += bump_owns(a, r->end);
        r->reads++;
        atomic_store_explicit(&r->progress->reads, r->reads, memory_order_relaxed);
    }
    return NULL;
}

static int by_address(const void *x, const void *y)
{
    const struct grant *a = x, *b = y;
    return a->p < b->p ? -1 : a->p > b->p;
}

/* Runs THREADS workers and one reader on `arena` and checks what they got;
 * returns the number of blocks granted. */
static size_t run_and_verify(bump_t *arena, size_t per_thread)
{
    pthread_t threads[THREADS], reader_thread;
    struct worker workers[THREADS];
    struct reader_progress progress;
    pthread_barrier_t start;
    atomic_init(&progress.reads, 0);
    atomic_init(&progress.stop, false);
    pthread_barrier_init(&start, NULL, THREADS + 1);
    struct grant *all = calloc(THREADS * per_thread, sizeof *all);
    CHECK(all != NULL);
    if (all == NULL) {
        return 0;
    }
    struct reader reader = {arena, workers, (const unsigned char *)arena->limit, &start, &progress, 0, 0, 0, 0, 0, 0, 0};
    for (int i = 0; i < THREADS; i++) {
        workers[i].arena = arena;
        workers[i].grants = all + (size_t)i * per_thread;
        atomic_init(&workers[i].published, 0);
        workers[i].max = per_thread;
        workers[i].id = (uint8_t)(i + 1);
        workers[i].start = &start;
        workers[i].progress = &progress;
    }
    for (int i = 0; i < THREADS; i++) {
        CHECK(pthread_create(&threads[i], NULL, hammer, &workers[i]) == 0);
    }
    CHECK(pthread_create(&reader_thread, NULL, read_figures, &reader) == 0);
    size_t total = 0, bytes = 0;
    for (int i = 0; i < THREADS; i++) {
        pthread_join(threads[i], NULL);
    }
    atomic_store_explicit(&progress.stop, true, memory_order_relaxed);
    pthread_join(reader_thread, NULL);
    CHECK(reader.reads >= READS_DURING_RUN && reader.owns_checked > 0);
    CHECK(reader.split == 0 && reader.shrank == 0 && reader.high_water_bad == 0);
    CHECK(reader.not_owned == 0 && reader.owned_end == 0);
    /* Compact the per-thread lists, then sort by address. */
    for (int i = 0; i < THREADS; i++) {
        size_t n = atomic_load_explicit(&workers[i].published, memory_order_relaxed);
        memmove(all + total, workers[i].grants, n * sizeof *all);
        total += n;
    }
    qsort(all, total, sizeof *all, by_address);
    size_t overlaps = 0, outside = 0, misaligned = 0, damaged = 0;
    for (size_t i = 0; i < total; i++) {
        const struct grant *g = &all[i];
        bytes += g->size;
        outside += (uintptr_t)g->p < (uintptr_t)bump_start(arena) || (uintptr_t)g->p + g->size > arena->limit;
        misaligned += !is_aligned(g->p, g->align);
        overlaps += i + 1 < total && g->p + g->size > all[i + 1].p;
        for (size_t k = 0; k < g->size; k++) {
            damaged += g->p[k] != g->owner;
        }
    }
    CHECK(overlaps == 0 && outside == 0 && misaligned == 0 && damaged == 0);
    CHECK(bytes <= bump_used(arena) && arena_consistent(arena));
    free(all);
    pthread_barrier_destroy(&start);
    return total;
}
static void atomic_threads_share_arena_without_overlap(void)
{
    bump_t arena;
    CHECK(bump_mmap_init(&arena, (size_t)THREADS * PER_THREAD * 160u));
    size_t granted = run_and_verify(&arena, PER_THREAD);
    CHECK(granted == (size_t)THREADS * PER_THREAD); /* room for all of them */
    bump_mmap_release(&arena);
}

static void atomic_threads_exhaust_arena_cleanly(void)
{
    bump_t arena;
    /* Far too small for everyone: the threads race to the end. */
    CHECK(bump_mmap_init(&arena, 64u * 1024u));
    size_t granted = run_and_verify(&arena, PER_THREAD);
    CHECK(granted > 0 && granted < (size_t)THREADS * PER_THREAD);
    CHECK(bump_remaining(&arena) < 96u + 32u); /* nobody stopped early */
    bump_mmap_release(&arena);
}

/* bump_init in several threads at once, each on its own arena and each many
 * times over: every init takes a lifetime no other init took, so a mark from
 * a thread's earlier arena on the same bump_t is always refused, however the
 * inits interleave. */
#define INIT_ROUNDS 5000u

struct initer {
    pthread_barrier_t *start;
    unsigned char *mem;
    uint64_t lifetimes[INIT_ROUNDS];
    unsigned refused;
};

static void *init_many(void *arg)
{
    struct initer *w = arg;
    bump_t a;
    bump_mark_t old = {0};
    pthread_barrier_wait(w->start);
    for (unsigned i = 0; i < INIT_ROUNDS; i++) {
        if (!bump_init(&a, w->mem, 256)) {
            return NULL;
        }
        bump_mark_t m = bump_mark(&a);
        w->lifetimes[i] = m.lifetime;
        /* The same position, depth and serial as the mark of the last round. */
        if (i > 0u && m.depth == old.depth && m.serial == old.serial && !bump_rewind(&a, old)) {
            w->refused++;
        }
        old = m;
    }
    return NULL;
}

static int compare_u64(const void *x, const void *y)
{
    uint64_t a = *(const uint64_t *)x, b = *(const uint64_t *)y;
    return (a > b) - (a < b);
}

static void concurrent_inits_take_distinct_lifetimes(void)
{
    pthread_barrier_t start;
    pthread_barrier_init(&start, NULL, THREADS);
    static struct initer w[THREADS];
    pthread_t t[THREADS];
    for (unsigned i = 0; i < THREADS; i++) {
        w[i] = (struct initer){.start = &start, .mem = harness_scratch(0) + 512u * i};
        CHECK(pthread_create(&t[i], NULL, init_many, &w[i]) == 0);
    }
    static uint64_t all[THREADS * INIT_ROUNDS];
    for (unsigned i = 0; i < THREADS; i++) {
        CHECK(pthread_join(t[i], NULL) == 0);
        CHECK(w[i].refused == INIT_ROUNDS - 1u);
        memcpy(&all[i * INIT_ROUNDS], w[i].lifetimes, sizeof w[i].lifetimes);
        for (unsigned k = 1; k < INIT_ROUNDS; k++) {
            CHECK(w[i].lifetimes[k] > w[i].lifetimes[k - 1u]); /* one thread's inits, in order */
        }
    }
    pthread_barrier_destroy(&start);
    qsort(all, HARNESS_COUNT(all), sizeof all[0], compare_u64);
    unsigned repeats = 0;
    for (size_t k = 1; k < HARNESS_COUNT(all); k++) {
        repeats += (all[k] == all[k - 1u]) ? 1u : 0u;
    }
    CHECK(repeats == 0u && all[0] != 0u);
}

static const struct harness_test tests[] = {
    HARNESS_TEST(atomic_threads_share_arena_without_overlap),
    HARNESS_TEST(atomic_threads_exhaust_arena_cleanly),
    HARNESS_TEST(concurrent_inits_take_distinct_lifetimes),
};
HARNESS_GROUP(threads_group, tests);
