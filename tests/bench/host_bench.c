/* SPDX-License-Identifier: MIT */
/*
 * bump against the allocators a host program would use instead: glibc
 * malloc, GNU obstack, APR pools and talloc pools. One round allocates N
 * blocks of a mix of small sizes, then releases them the way each allocator
 * does (free each; obstack_free to the base; clear the pool; reset the arena).
 *
 *   host_bench wall [rounds]   median time per allocation, interleaved
 *                              rounds pinned to one CPU; ratios to bump
 *   host_bench count           one round each, for callgrind to count
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* sched_setaffinity; APR's flags may define it too */
#endif
#include <apr_pools.h>
#include <obstack.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <talloc.h>
#include <time.h>

#include "bump.h"

#define N 10000u
static const size_t sizes[8] = {8, 12, 16, 24, 32, 48, 20, 40};
static void *volatile sink;
static void *blocks[N];

static _Alignas(16) unsigned char region[N * 64u];
static bump_t arena;
static struct obstack stack;
static apr_pool_t *pool;
static TALLOC_CTX *tpool;

#define obstack_chunk_alloc malloc
#define obstack_chunk_free free

/* The loop with no allocation: its instructions are subtracted from the
 * others' in the callgrind table. */
__attribute__((noinline)) void round_baseline(void)
{
    for (unsigned i = 0; i < N; i++) {
        sink = (void *)(uintptr_t)sizes[i & 7u];
    }
}

__attribute__((noinline)) void round_bump_inline(void)
{
    for (unsigned i = 0; i < N; i++) {
        sink = bump_alloc(&arena, sizes[i & 7u], 8);
    }
    bump_reset(&arena);
}

__attribute__((noinline)) void round_bump_called(void)
{
    for (unsigned i = 0; i < N; i++) {
        sink = bump_alloc_slow(&arena, sizes[i & 7u], 8);
    }
    bump_reset(&arena);
}

__attribute__((noinline)) void round_malloc(void)
{
    for (unsigned i = 0; i < N; i++) {
        blocks[i] = malloc(sizes[i & 7u]);
    }
    for (unsigned i = 0; i < N; i++) {
        free(blocks[i]);
    }
}

__attribute__((noinline)) void round_obstack(void)
{
    void *base = obstack_alloc(&stack, 1);
    for (unsigned i = 0; i < N; i++) {
        sink = obstack_alloc(&stack, (int)sizes[i & 7u]); /* obstack sizes are int */
    }
    obstack_free(&stack, base);
}

__attribute__((noinline)) void round_apr(void)
{
    for (unsigned i = 0; i < N; i++) {
        sink = apr_palloc(pool, sizes[i & 7u]);
    }
    apr_pool_clear(pool);
}

__attribute__((noinline)) void round_talloc(void)
{
    TALLOC_CTX *ctx = talloc_pool(tpool, N * 64u);
    for (unsigned i = 0; i < N; i++) {
        sink = talloc_size(ctx, sizes[i & 7u]);
    }
    talloc_free(ctx);
}

#if defined(BENCH_BUMPALO)
/* tests/bench/bumpalo: Rust's bumpalo, linked in as a static library. */
void *bumpalo_bench_new(size_t bytes);
void bumpalo_bench_round(void *arena);
void bumpalo_bench_touch_round(void *arena, size_t n);
static void *bumpalo_arena;
static void *bumpalo_big;

__attribute__((noinline)) void round_rust_bumpalo(void)
{
    bumpalo_bench_round(bumpalo_arena);
}
#endif

/*
 * The memory-bound case: TOUCH_N allocations of the same mix, the first word
 * of each written, over some 100 MiB, far beyond the caches; then the
 * release. Here every allocator waits for memory.
 */
#define TOUCH_N 4000000u
#define TOUCH_BYTES ((size_t)TOUCH_N * 32u) /* the mix rounded to 8 averages 26 */
static bump_t big;
static void **touched;

__attribute__((noinline)) void touch_bump(void)
{
    for (size_t i = 0; i < TOUCH_N; i++) {
        size_t *p = bump_alloc(&big, sizes[i & 7u], 8);
        *(volatile size_t *)p = i;
    }
    bump_reset(&big);
}

__attribute__((noinline)) void touch_malloc(void)
{
    for (size_t i = 0; i < TOUCH_N; i++) {
        size_t *p = malloc(sizes[i & 7u]);
        *(volatile size_t *)p = i;
        touched[i] = p;
    }
    for (size_t i = 0; i < TOUCH_N; i++) {
        free(touched[i]);
    }
}

#if defined(BENCH_BUMPALO)
__attribute__((noinline)) void touch_rust_bumpalo(void)
{
    bumpalo_bench_touch_round(bumpalo_big, TOUCH_N);
}
#endif

struct contender {
    const char *name;
    void (*round)(void);
};
static const struct contender contenders[] = {
    {"bump_alloc, inlined", round_bump_inline},
    {"bump_alloc_slow, called", round_bump_called},
    {"glibc malloc + free", round_malloc},
    {"GNU obstack", round_obstack},
    {"APR pool (apr_palloc)", round_apr},
    {"talloc pool (talloc_size)", round_talloc},
#if defined(BENCH_BUMPALO)
    {"Rust bumpalo (alloc_layout)", round_rust_bumpalo},
#endif
};
#define CONTENDERS (sizeof contenders / sizeof contenders[0])
static const struct contender touchers[] = {
    {"bump_alloc, inlined", touch_bump},
    {"glibc malloc + free", touch_malloc},
#if defined(BENCH_BUMPALO)
    {"Rust bumpalo (alloc_layout)", touch_rust_bumpalo},
#endif
};
#define TOUCHERS (sizeof touchers / sizeof touchers[0])

static double seconds(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

static int by_value(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
    const char *mode = argc > 1 ? argv[1] : "wall";
    unsigned rounds = argc > 2 ? (unsigned)atoi(argv[2]) : 101u;
    if (rounds == 0u) {
        rounds = 1u;
    }
    if (!bump_init(&arena, region, sizeof region) || apr_initialize() != APR_SUCCESS ||
        apr_pool_create(&pool, NULL) != APR_SUCCESS) {
        return 1;
    }
    obstack_init(&stack);
    tpool = talloc_new(NULL);
#if defined(BENCH_BUMPALO)
    bumpalo_arena = bumpalo_bench_new(N * 64u);
#endif

    if (strcmp(mode, "count") == 0) {
        round_baseline();
        round_baseline();
        for (size_t c = 0; c < CONTENDERS; c++) {
            contenders[c].round(); /* warm */
            contenders[c].round();
        }
        return 0;
    }

    cpu_set_t one;
    CPU_ZERO(&one);
    CPU_SET(0, &one);
    (void)sched_setaffinity(0, sizeof one, &one);
    static double times[CONTENDERS][1001];
    if (rounds > 1001u) {
        rounds = 1001u;
    }
    for (unsigned r = 0; r < rounds; r++) {
        for (size_t k = 0; k < CONTENDERS; k++) {
            size_t c = (k + r) % CONTENDERS; /* rotate the order every round */
            double t0 = seconds();
            contenders[c].round();
            times[c][r] = (seconds() - t0) / N;
        }
    }
    double median[CONTENDERS];
    for (size_t c = 0; c < CONTENDERS; c++) {
        qsort(times[c], rounds, sizeof times[c][0], by_value);
        median[c] = times[c][rounds / 2u];
    }
    printf("| allocator (round: %u allocations + release) | ns per allocation | vs bump_alloc |\n", N);
    printf("| --- | --- | --- |\n");
    for (size_t c = 0; c < CONTENDERS; c++) {
        printf("| %s | %.2f | %.1fx |\n", contenders[c].name, median[c] * 1e9, median[c] / median[0]);
    }
    int ok = 1;
    for (size_t c = 0; c < CONTENDERS; c++) {
        ok &= median[c] > 0.0;
    }

    /* The memory-bound rounds: fewer, each some 100 MiB. */
    void *bigmem = malloc(TOUCH_BYTES);
    touched = malloc(TOUCH_N * sizeof touched[0]);
#if defined(BENCH_BUMPALO)
    bumpalo_big = bumpalo_bench_new(TOUCH_BYTES);
#endif
    ok &= (bigmem != NULL) && (touched != NULL) && bump_init(&big, bigmem, TOUCH_BYTES);
    unsigned touch_rounds = rounds < 11u ? rounds : 11u;
    for (unsigned r = 0; ok && (r < touch_rounds); r++) {
        for (size_t k = 0; k < TOUCHERS; k++) {
            size_t c = (k + r) % TOUCHERS;
            double t0 = seconds();
            touchers[c].round();
            times[c][r] = (seconds() - t0) / TOUCH_N;
        }
    }
    printf("\nmemory-bound: %u allocations per round, the first word of each written (%u MiB), median of %u rounds\n\n",
           TOUCH_N, (unsigned)(TOUCH_BYTES >> 20), touch_rounds);
    printf("| allocator | ns per allocation | vs bump_alloc |\n");
    printf("| --- | --- | --- |\n");
    for (size_t c = 0; ok && (c < TOUCHERS); c++) {
        qsort(times[c], touch_rounds, sizeof times[c][0], by_value);
        median[c] = times[c][touch_rounds / 2u];
        ok &= median[c] > 0.0;
        printf("| %s | %.2f | %.1fx |\n", touchers[c].name, median[c] * 1e9, median[c] / median[0]);
    }
    free(touched);
    free(bigmem);

    printf("\nbench host: %d passed, %d failed\n", ok, !ok);
    talloc_free(tpool);
    apr_pool_destroy(pool);
    apr_terminate();
    obstack_free(&stack, NULL);
    return ok ? 0 : 1;
}
