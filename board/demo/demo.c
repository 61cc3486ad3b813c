/* SPDX-License-Identifier: MIT */
/*
 * A firmware-shaped workload: each "request" parses a message into a small
 * tree of nodes allocated in the arena, answers it, and throws the whole tree
 * away with one rewind. The arena's figures show what a firmware engineer
 * sizes a linker section by: used, remaining and the high-water mark.
 */
#include "demo.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

struct node {
    struct node *child;
    struct node *next;
    const char *text;
    size_t length;
};

/* Builds a tree from "key=value;key=value;..." with the key and value of
 * each pair as children of a pair node. Returns NULL when the arena is full. */
static struct node *parse(bump_t *arena, const char *message)
{
    struct node *root = BUMP_NEW(arena, struct node);
    struct node **tail = root ? &root->child : NULL;
    const char *p = message;
    while (root != NULL && *p != '\0') {
        size_t pair_len = strcspn(p, ";");
        size_t key_len = strcspn(p, "=;");
        struct node *pair = BUMP_NEW(arena, struct node);
        struct node *key = BUMP_NEW(arena, struct node);
        struct node *value = BUMP_NEW(arena, struct node);
        char *copy = bump_alloc(arena, pair_len + 1u, 1);
        if (pair == NULL || key == NULL || value == NULL || copy == NULL) {
            return NULL;
        }
        memcpy(copy, p, pair_len);
        copy[pair_len] = '\0';
        key->text = copy;
        key->length = key_len;
        value->text = key_len < pair_len ? copy + key_len + 1 : copy + pair_len;
        value->length = key_len < pair_len ? pair_len - key_len - 1 : 0u;
        key->next = value;
        pair->child = key;
        *tail = pair;
        tail = &pair->next;
        p += pair_len + (p[pair_len] == ';');
    }
    return root;
}

static size_t count_pairs(const struct node *root)
{
    size_t n = 0;
    for (const struct node *pair = root->child; pair != NULL; pair = pair->next) {
        n++;
    }
    return n;
}

/* One request: everything it allocates is scratch, released by BUMP_SCOPE on
 * whichever return it takes. Returns the number of pairs, or -1. */
static int handle(bump_t *arena, const char *request, bool verbose)
{
    BUMP_SCOPE(scratch, arena);
    struct node *tree = parse(arena, request);
    if (tree == NULL) {
        return -1; /* released here... */
    }
    if (verbose) {
        size_t pairs = count_pairs(tree);
        printf("  %-60s %lu pair%s, used %lu\n", request, (unsigned long)pairs, (pairs == 1u) ? "" : "s",
               (unsigned long)bump_used(arena));
    }
    return (int)count_pairs(tree); /* ...and here */
}

/* A logger with a budget of its own: a child arena carved from the main one
 * can never take more than its 256 bytes, whatever it is asked. */
static void logger(bump_t *arena)
{
    bump_t log;
    if (!bump_init_child(&log, arena, 256)) {
        printf("no room for the logger\n");
        return;
    }
    size_t main_used = bump_used(arena);
    unsigned lines = 0;
    for (; lines < 100; lines++) {
        char *line = bump_alloc(&log, 40, 1);
        if (line == NULL) {
            break;
        }
        (void)snprintf(line, 40, "event %u", lines);
    }
    printf("logger (child arena, 256 bytes): full after %u lines of 40; main arena still at %lu used\n", lines,
           (unsigned long)main_used);
}

int demo_run(bump_t *arena, const char *where)
{
    static const char *const requests[] = {
        "cmd=read;sensor=temp;unit=C",
        "cmd=write;led=1;brightness=80;fade=200",
        "cmd=status",
        "cmd=log;level=warn;msg=battery low;cell=3;mv=3310;t=1234567",
    };
    printf("arena: %lu bytes in %s at %p\n", (unsigned long)bump_capacity(arena), where, bump_start(arena));

    /* Long-lived state first: it stays below every request's scratch. */
    char *device_name = bump_alloc(arena, 16, 1);
    if (device_name == NULL) {
        printf("arena too small for the demo\n");
        return 1;
    }
    strcpy(device_name, "bump-demo");
    printf("config: \"%s\" kept for the whole run, used %lu\n", device_name, (unsigned long)bump_used(arena));

    printf("requests, each parsed into a tree in a BUMP_SCOPE:\n");
    for (unsigned round = 0; round < 3; round++) {
        for (size_t i = 0; i < sizeof requests / sizeof requests[0]; i++) {
            if (handle(arena, requests[i], round == 0) < 0) {
                printf("request %lu: out of arena memory\n", (unsigned long)i);
                return 1;
            }
        }
    }
    printf("after 12 requests: used %lu, remaining %lu, high water %lu of %lu\n", (unsigned long)bump_used(arena),
           (unsigned long)bump_remaining(arena), (unsigned long)bump_high_water(arena),
           (unsigned long)bump_capacity(arena));
    logger(arena);
    bump_reset(arena);
    printf("after reset: used %lu, high water still %lu (size the section by this)\n", (unsigned long)bump_used(arena),
           (unsigned long)bump_high_water(arena));
    return 0;
}
