/*
 * bump_alloc_atomic under contention: several threads hammer one arena; then
 * every block must lie inside the region, be aligned, overlap no other block
 * and still hold its owner's pattern.
 */
#define _DEFAULT_SOURCE
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "bump_mmap.h"
#include "check_arena.h"
#include "harness.h"

#define THREADS 4
#define PER_THREAD 20000

struct grant {
    unsigned char *p;
    uint32_t size;
    uint16_t align;
    uint8_t owner;
};

struct worker {
    bump_t *arena;
    struct grant *grants;
    size_t count;
    size_t max;
    uint8_t id;
    pthread_barrier_t *start;
};

static void *hammer(void *arg)
{
    struct worker *w = arg;
    uint32_t rng = 0x1234u + w->id;
    pthread_barrier_wait(w->start);
    while (w->count < w->max) {
        uint32_t r = harness_random(&rng);
        size_t size = 1u + (r >> 8) % 96u;
        size_t align = (size_t)1 << ((r >> 20) % 6u);
        unsigned char *p = bump_alloc_atomic(w->arena, size, align);
        if (p == NULL) {
            break; /* exhausted */
        }
        memset(p, w->id, size);
        w->grants[w->count++] = (struct grant){p, (uint32_t)size, (uint16_t)align, w->id};
    }
    return NULL;
}

static int by_address(const void *x, const void *y)
{
    const struct grant *a = x, *b = y;
    return a->p < b->p ? -1 : a->p > b->p;
}

/* Runs THREADS workers on `arena` and checks what they got; returns the
 * number of blocks granted. */
static size_t run_and_verify(bump_t *arena, size_t per_thread)
{
    pthread_t threads[THREADS];
    struct worker workers[THREADS];
    pthread_barrier_t start;
    pthread_barrier_init(&start, NULL, THREADS);
    struct grant *all = calloc(THREADS * per_thread, sizeof *all);
    CHECK(all != NULL);
    if (all == NULL) {
        return 0;
    }
    for (int i = 0; i < THREADS; i++) {
        workers[i] = (struct worker){arena, all + (size_t)i * per_thread, 0, per_thread, (uint8_t)(i + 1), &start};
        CHECK(pthread_create(&threads[i], NULL, hammer, &workers[i]) == 0);
    }
    size_t total = 0, bytes = 0;
    for (int i = 0; i < THREADS; i++) {
        pthread_join(threads[i], NULL);
    }
    /* Compact the per-thread lists, then sort by address. */
    for (int i = 0; i < THREADS; i++) {
        memmove(all + total, workers[i].grants, workers[i].count * sizeof *all);
        total += workers[i].count;
    }
    qsort(all, total, sizeof *all, by_address);
    size_t overlaps = 0, outside = 0, misaligned = 0, damaged = 0;
    for (size_t i = 0; i < total; i++) {
        const struct grant *g = &all[i];
        bytes += g->size;
        outside += (uintptr_t)g->p < arena->base || (uintptr_t)g->p + g->size > arena->limit;
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

static const struct harness_test tests[] = {
    HARNESS_TEST(atomic_threads_share_arena_without_overlap),
    HARNESS_TEST(atomic_threads_exhaust_arena_cleanly),
};
HARNESS_GROUP(threads_group, tests);
