/* SPDX-License-Identifier: MIT */
/*
 * What every real client (tests/clients/) shares: one workload, run on an
 * arena through the adapters of src/bump_hooks.h or on the library's usual
 * allocator, writing its results to `out`.
 *
 *   <client> arena | system      the workload once; its output on stdout,
 *                                which must be the same, byte for byte, in
 *                                both modes (tests/clients/run.sh compares)
 *   <client> bench ROUNDS        interleaved rounds of both, output
 *                                discarded: one table row with the median
 *                                time of each, their ratio and each one's peak
 *
 * A client defines CLIENT_NAME before including it, and client_run; this
 * header defines main. A client that has a further mode defines
 * CLIENT_EXTRA_MODE (its name) and client_extra (what it does).
 */
#ifndef CLIENT_H
#define CLIENT_H

#define _GNU_SOURCE /* malloc_usable_size */
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bump.h"
#include "bump_hooks.h"
#include "bump_mmap.h"

enum client_mode {
    CLIENT_ARENA,   /* on client_arena, through the adapters */
    CLIENT_SYSTEM,  /* the library's usual allocator, as it comes */
    CLIENT_COUNTED, /* the usual allocator, through a layer that counts live bytes (for the peak) */
};

/* The arena every client runs on: address space only, pages taken when
 * touched (the mmap port). */
#define CLIENT_ARENA_BYTES ((size_t)8 << 30)
static bump_t client_arena;
static bump_hooks_t client_hooks; /* the adapters over client_arena */

/* The live bytes the usual allocator holds, and their peak, counted in
 * CLIENT_COUNTED mode with malloc_usable_size (what glibc actually gave). */
static size_t client_live, client_peak;
static inline void client_count(void *p, int sign)
{
    if (p != NULL) {
        size_t n = malloc_usable_size(p);
        client_live = (sign > 0) ? client_live + n : client_live - n;
        client_peak = (client_live > client_peak) ? client_live : client_peak;
    }
}
static inline void *client_counted_malloc(size_t n)
{
    void *p = malloc(n);
    client_count(p, 1);
    return p;
}
static inline void client_counted_free(void *p)
{
    client_count(p, -1);
    free(p);
}
static inline void *client_counted_realloc(void *p, size_t n)
{
    client_count(p, -1);
    void *q = realloc(p, n);
    client_count((q != NULL || n == 0) ? q : p, 1);
    return q;
}

/* Runs the workload once in `mode`, writing its results to `out`. */
static void client_run(FILE *out, enum client_mode mode);

static double client_now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec * 1e9 + (double)t.tv_nsec;
}

static int client_compare(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double client_median(double *v, int n)
{
    qsort(v, (size_t)n, sizeof v[0], client_compare);
    return (n % 2) ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static void client_bench(int rounds)
{
    FILE *null = fopen("/dev/null", "w");
    double *arena_ns = calloc((size_t)rounds, sizeof(double));
    double *system_ns = calloc((size_t)rounds, sizeof(double));
    if (null == NULL || arena_ns == NULL || system_ns == NULL) {
        exit(2);
    }
    client_run(null, CLIENT_ARENA); /* warm both once */
    client_run(null, CLIENT_SYSTEM);
    for (int i = 0; i < rounds; i++) {
        double t0 = client_now();
        client_run(null, CLIENT_ARENA);
        double t1 = client_now();
        client_run(null, CLIENT_SYSTEM);
        double t2 = client_now();
        arena_ns[i] = t1 - t0;
        system_ns[i] = t2 - t1;
    }
    bump_reset_high_water(&client_arena);
    client_run(null, CLIENT_ARENA);
    size_t arena_peak = bump_high_water(&client_arena);
    client_live = client_peak = 0;
    client_run(null, CLIENT_COUNTED);
    double a = client_median(arena_ns, rounds), s = client_median(system_ns, rounds);
    bump_hooks_report_t r;
    bump_hooks_report(&client_hooks, &r);
    printf("| %s | %.2f | %.2f | %.2fx | %.1f | %.1f | %.2fx | %zu |\n", CLIENT_NAME, a / 1e6, s / 1e6, s / a,
           (double)arena_peak / 1024.0, (double)client_peak / 1024.0, (double)arena_peak / (double)client_peak,
           r.reused);
    fclose(null);
    free(arena_ns);
    free(system_ns);
}

int main(int argc, char **argv)
{
    if (!bump_mmap_init(&client_arena, CLIENT_ARENA_BYTES)) {
        fprintf(stderr, "%s: no arena\n", CLIENT_NAME);
        return 2;
    }
    bump_hooks_init(&client_hooks, &client_arena);
    if (argc == 2 && strcmp(argv[1], "arena") == 0) {
        client_run(stdout, CLIENT_ARENA);
    } else if (argc == 2 && strcmp(argv[1], "system") == 0) {
        client_run(stdout, CLIENT_SYSTEM);
    } else if (argc == 3 && strcmp(argv[1], "bench") == 0 && atoi(argv[2]) > 0) {
        client_bench(atoi(argv[2]));
#ifdef CLIENT_EXTRA_MODE
    } else if (argc == 2 && strcmp(argv[1], CLIENT_EXTRA_MODE) == 0) {
        client_extra();
#endif
    } else {
        fprintf(stderr, "usage: %s arena | system | bench ROUNDS\n", argv[0]);
        return 2;
    }
    return ferror(stdout) ? 1 : 0;
}

#endif /* CLIENT_H */
