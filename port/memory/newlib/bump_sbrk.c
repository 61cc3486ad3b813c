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

void *_sbrk(ptrdiff_t increment)
{
    void *block = NULL;
    if (heap_setup()) {
        if (increment == 0) {
            block = bump_top(&heap);
        } else if (increment > 0) {
            block = bump_alloc(&heap, (size_t)increment, HEAP_ALIGN);
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
