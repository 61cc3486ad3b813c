/* SPDX-License-Identifier: MIT */
/* newlib's _sbrk on a bump arena: see bump_sbrk.h. */
#include "bump_sbrk.h"

#include <errno.h>
#include <stdint.h>

/* Placed by linker/bump_sbrk.ld; weak so that an image which calls
 * bump_sbrk_init with a region of its own needs no such section. */
extern unsigned char __bump_heap_start[] __attribute__((weak)); /* NOLINT(bugprone-reserved-identifier,cert-dcl37-c,cert-dcl51-cpp) */
extern unsigned char __bump_heap_end[] __attribute__((weak));   /* NOLINT(bugprone-reserved-identifier,cert-dcl37-c,cert-dcl51-cpp) */

static bump_t heap;
static bool heap_ready;

/* newlib-nano's malloc keeps chunks 8-aligned and, when sbrk returns a
 * misaligned block, asks for more assuming the break grows upward. */
#define HEAP_ALIGN 8U

bool bump_sbrk_init(void *mem, size_t size)
{
    /* A refusal changes nothing: bump_init leaves `heap` untouched when it
     * refuses, and only a success may set heap_ready. */
    if (heap_ready && (bump_used(&heap) > 0U)) {
        return false;
    }
    if (!bump_init(&heap, mem, size)) {
        return false;
    }
    heap_ready = true;
    return true;
}

const bump_t *bump_sbrk_arena(void)
{
    return heap_ready ? &heap : NULL;
}

static bool heap_setup(void)
{
    uintptr_t start = (uintptr_t)__bump_heap_start;
    uintptr_t end = (uintptr_t)__bump_heap_end;
    if (!heap_ready && (start != 0U) && (end >= start)) {
        heap_ready = bump_init(&heap, __bump_heap_start, end - start);
    }
    return heap_ready;
}

/* A block of `increment` bytes starting `offset` bytes past an 8-byte
 * boundary (ptrdiff_t's largest value plus 4 still fits in a size_t). */
static void *heap_block(ptrdiff_t increment, size_t offset)
{
    void *block = NULL;
    if (heap_setup()) {
        if (increment == 0) {
            block = bump_top(&heap);
        } else if (increment > 0) {
            void *p = bump_alloc(&heap, (size_t)increment + offset, HEAP_ALIGN);
            block = (p != NULL) ? (void *)((uintptr_t)p + offset) : NULL;
        } else {
            block = NULL;
        }
    }
    if (block == NULL) {
        errno = ENOMEM;
        block = (void *)-1;
    }
    return block;
}

void *_sbrk(ptrdiff_t increment)
{
    return heap_block(increment, 0U);
}

/* picolibc's malloc puts a 4-byte size before each 8-aligned block, so it
 * wants chunks 4 bytes past an 8-byte boundary; handed one elsewhere, it
 * asks for padding assuming the break grows upward, and fails. */
void *sbrk(ptrdiff_t increment)
{
    return heap_block(increment, 4U);
}
