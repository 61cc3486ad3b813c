/* SPDX-License-Identifier: MIT */
/*
 * Growth, side by side: a block of 16 bytes grown 40,000 times by 16 bytes
 * (to 640,016 bytes), each grow writing its new bytes, with bump_resize on a
 * growable block and with glibc's realloc; and, for the record, bump_resize
 * on the most recent plain block, which moves the whole block at every grow.
 *
 *   growth check         one round of each, contents and pointers checked:
 *                        "growth: N passed, N failed"
 *   growth bench ROUNDS  median time of interleaved rounds (the plain block:
 *                        one round, it is that slow), the ratio to realloc,
 *                        and the target (growable within 2x of realloc)
 */
#define _POSIX_C_SOURCE 199309L /* clock_gettime */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bump.h"

#define STEP 16u
#define GROWS 40000u
#define FINAL ((GROWS + 1u) * STEP)

static _Alignas(64) unsigned char region[FINAL + 4096u];
static bump_t arena;
static unsigned char *volatile sink;

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec * 1e9 + (double)t.tv_nsec;
}

/* Each contender returns the final block; `moved` counts grows that
 * returned another address. The arena's two start from a growable or a
 * plain block and grow it with bump_resize alike. */
static unsigned char *grow_on_arena(bool growable, unsigned *moved)
{
    if (!bump_init(&arena, region, sizeof region)) {
        return NULL;
    }
    unsigned char *p = growable ? bump_alloc_growable(&arena, STEP, 16) : bump_alloc(&arena, STEP, 16);
    if (p == NULL) {
        return NULL;
    }
    memset(p, 0, STEP);
    for (size_t i = 1; i <= GROWS && p != NULL; i++) {
        unsigned char *q = bump_resize(&arena, p, i * STEP, (i + 1u) * STEP, 16);
        *moved += (q != p);
        p = q;
        if (p != NULL) {
            memset(p + i * STEP, (int)(i & 0xffu), STEP);
        }
    }
    return p;
}

static unsigned char *grow_growable(unsigned *moved)
{
    return grow_on_arena(true, moved);
}

static unsigned char *grow_plain(unsigned *moved)
{
    return grow_on_arena(false, moved);
}

static unsigned char *grow_realloc(unsigned *moved)
{
    unsigned char *p = malloc(STEP);
    memset(p, 0, STEP);
    for (size_t i = 1; i <= GROWS && p != NULL; i++) {
        unsigned char *q = realloc(p, (i + 1u) * STEP);
        *moved += (q != p);
        p = q;
        if (p != NULL) {
            memset(p + i * STEP, (int)(i & 0xffu), STEP);
        }
    }
    return p;
}

static int contents_right(const unsigned char *p)
{
    if (p == NULL) {
        return 0;
    }
    for (size_t i = 0; i <= GROWS; i++) {
        for (size_t j = 0; j < STEP; j++) {
            if (p[i * STEP + j] != (unsigned char)(i & 0xffu)) {
                return 0;
            }
        }
    }
    return 1;
}

static int passed, failed;
static void check(int ok, const char *what)
{
    printf("  %s %s\n", ok ? "ok  " : "FAIL", what);
    if (ok) {
        passed++;
    } else {
        failed++;
    }
}

static int run_check(void)
{
    unsigned moved = 0;
    unsigned char *p = grow_growable(&moved);
    check(contents_right(p), "growable: every byte kept over 40,000 grows");
    check(p == (unsigned char *)bump_start(&arena) && moved == 0, "growable: the same pointer at every grow");
    check(bump_used(&arena) == FINAL, "growable: bump_used is exactly the final size");
    moved = 0;
    unsigned char *r = grow_realloc(&moved);
    check(contents_right(r), "realloc: every byte kept");
    free(r);
    printf("growth: %d passed, %d failed\n", passed, failed);
    return failed != 0;
}

static int compare(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static int run_bench(int rounds)
{
    double *g = calloc((size_t)rounds, sizeof(double)), *r = calloc((size_t)rounds, sizeof(double));
    unsigned moved_growable = 0, moved_realloc = 0, moved_plain = 0;
    for (int i = 0; i < rounds; i++) {
        double t0 = now();
        sink = grow_growable(&moved_growable);
        double t1 = now();
        unsigned char *q = grow_realloc(&moved_realloc);
        double t2 = now();
        sink = q;
        free(q);
        g[i] = t1 - t0;
        r[i] = t2 - t1;
    }
    double t0 = now();
    sink = grow_plain(&moved_plain);
    double plain = now() - t0;
    qsort(g, (size_t)rounds, sizeof(double), compare);
    qsort(r, (size_t)rounds, sizeof(double), compare);
    double gm = g[rounds / 2], rm = r[rounds / 2];
    printf("| grown by | ms per 40,000 grows | vs realloc | grows that moved the block |\n");
    printf("| --- | ---: | ---: | ---: |\n");
    printf("| glibc realloc | %.3f | 1.00x | %.1f per round |\n", rm / 1e6, (double)moved_realloc / rounds);
    printf("| bump_resize, growable block | %.3f | %.2fx | %.1f per round |\n", gm / 1e6, gm / rm,
           (double)moved_growable / rounds);
    printf("| bump_resize, plain block (1 round) | %.3f | %.1fx | %u |\n", plain / 1e6, plain / rm, moved_plain);
    printf("\ntarget: a growable block within 2x of realloc: %s (%.2fx, median of %d rounds)\n",
           (gm <= 2.0 * rm) ? "met" : "MISSED", gm / rm, rounds);
    free(g);
    free(r);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc == 2 && strcmp(argv[1], "check") == 0) {
        return run_check();
    }
    if (argc == 3 && strcmp(argv[1], "bench") == 0 && atoi(argv[2]) > 0) {
        return run_bench(atoi(argv[2]));
    }
    fprintf(stderr, "usage: %s check | bench ROUNDS\n", argv[0]);
    return 2;
}
