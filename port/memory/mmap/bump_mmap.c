/* SPDX-License-Identifier: MIT */
/* mmap backend: see bump_mmap.h. */
#define _DEFAULT_SOURCE /* NOLINT(bugprone-reserved-identifier,cert-dcl37-c,cert-dcl51-cpp): asks glibc for MAP_ANONYMOUS, MAP_NORESERVE */
#include "bump_mmap.h"

#include <stdint.h>
#include <sys/mman.h>
#include <unistd.h>

#if defined(BUMP_ASAN)
#include <sanitizer/asan_interface.h>
#endif

static size_t page_size(void)
{
    long page = sysconf(_SC_PAGESIZE);
    return (page > 0) ? (size_t)page : 4096U;
}

bool bump_mmap_init(bump_t *arena, size_t capacity)
{
    size_t page = page_size();
    if ((arena == NULL) || (capacity == 0U) || (capacity > (SIZE_MAX - (3U * page)))) {
        return false;
    }
    size_t usable = (capacity + (page - 1U)) & ~(page - 1U);
    size_t total = usable + (2U * page);
    /* Reserve everything inaccessible, then open the middle: the guards are
     * simply the pages left PROT_NONE. */
    void *mapping = mmap(NULL, total, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (mapping == MAP_FAILED) {
        return false;
    }
    unsigned char *first = (unsigned char *)mapping + page;
    if ((mprotect(first, usable, PROT_READ | PROT_WRITE) != 0) || !bump_init(arena, first, usable)) {
        (void)munmap(mapping, total);
        return false;
    }
    return true;
}

void bump_mmap_release(bump_t *arena)
{
    if (arena == NULL) {
        return;
    }
    size_t page = page_size();
    size_t usable = bump_capacity(arena);
    if (usable > 0U) {
        unsigned char *first = (unsigned char *)bump_start(arena);
#if defined(BUMP_ASAN)
        /* The arena poisoned what it released, all of it at or above the
         * lowest top it reached; whatever maps here next must not inherit
         * that. Only that part is unpoisoned: unpoisoning writes shadow. */
        size_t touched = bump_high_water(arena);
        ASAN_UNPOISON_MEMORY_REGION((unsigned char *)bump_end(arena) - touched, touched);
#endif
        (void)munmap(first - page, usable + (2U * page));
    }
    (void)bump_init(arena, NULL, 0U);
}
