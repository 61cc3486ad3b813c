/* SPDX-License-Identifier: MIT */
/* The demo every board runs (`make run`): one arena's life in a small
 * request-serving loop. The board supplies the arena and where it lives. */
#ifndef DEMO_H
#define DEMO_H

#include "bump.h"

/* Runs the demo on `arena` (already initialised), printing as it goes;
 * `where` names the memory (a linker section, an mmap). Returns 0 on success. */
int demo_run(bump_t *arena, const char *where);

#endif /* DEMO_H */
