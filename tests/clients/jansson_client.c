/* SPDX-License-Identifier: MIT */
/* jansson on the arena (json_set_alloc_funcs with the bump_sized_*
 * adapters: its free passes no size) against malloc/free: the documents in
 * tests/clients/json and a generated one loaded, dumped with sorted keys,
 * deep-copied, edited, packed and unpacked, compared; the arena reset after
 * each document. */
#define CLIENT_NAME "jansson"
#include "client.h"

#include <jansson.h>

static void *arena_malloc(size_t n)
{
    return bump_sized_malloc(&client_hooks, n);
}

static void arena_free(void *p)
{
    bump_sized_free(&client_hooks, p);
}

static unsigned long checksum(const char *s)
{
    unsigned long h = 5381;
    for (; *s != '\0'; s++) {
        h = (h * 33u + (unsigned char)*s) % 4294967296ul;
    }
    return h;
}

static char text[1 << 20];

static void read_document(const char *name)
{
    char path[256];
    snprintf(path, sizeof path, "%s/json/%s", CLIENT_DATA, name);
    FILE *f = fopen(path, "rb");
    size_t n = (f != NULL) ? fread(text, 1, sizeof text - 1, f) : 0;
    if (f == NULL || n == 0) {
        fprintf(stderr, "jansson: cannot read %s\n", path);
        exit(1);
    }
    fclose(f);
    text[n] = '\0';
}

/* 3000 records built through the API, as a service would answer. */
static json_t *generate(void)
{
    json_t *records = json_array();
    for (int i = 0; i < 3000; i++) {
        json_t *r = json_pack("{s:i, s:s, s:f, s:b, s:[i,i,s], s:{s:i, s:s}}", "id", i, "name", i % 2 ? "odd" : "even",
                              "price", i / 8.0, "active", i % 3 == 0, "dims", i % 90, i % 40, "cm", "meta", "rev",
                              i % 17, "note", i % 5 ? "plain" : "fragile \u00e9");
        json_array_append_new(records, r);
    }
    return json_pack("{s:b, s:o}", "generated", 1, "records", records);
}

static void process(FILE *out, const char *name, json_t *doc)
{
    char *dumped = json_dumps(doc, JSON_SORT_KEYS | JSON_COMPACT);
    char *pretty = json_dumps(doc, JSON_SORT_KEYS | JSON_INDENT(2));
    json_t *copy = json_deep_copy(doc);
    int same = json_equal(doc, copy);
    /* Edit the copy: a key added to every object on the top level, an array grown. */
    if (json_is_object(copy)) {
        json_object_set_new(copy, "edited", json_string("yes"));
        json_t *grow = json_array();
        for (int i = 0; i < 500; i++) {
            json_array_append_new(grow, json_sprintf("item-%d", i));
        }
        json_object_set_new(copy, "grown", grow);
    }
    char *edited = json_dumps(copy, JSON_SORT_KEYS | JSON_COMPACT);
    json_error_t err;
    json_t *back = json_loads(dumped, 0, &err);
    fprintf(out, "%s: %zu bytes compact (%lu), %zu pretty (%lu), copy equal %d, edited %zu (%lu), reload equal %d\n", name,
            strlen(dumped), checksum(dumped), strlen(pretty), checksum(pretty), same, strlen(edited), checksum(edited),
            back != NULL && json_equal(doc, back));
    json_decref(back);
    /* json_dumps's buffers come from jansson's allocator: its free. */
    json_malloc_t m;
    json_free_t f;
    json_get_alloc_funcs(&m, &f);
    f(edited);
    json_decref(copy);
    f(pretty);
    f(dumped);
}

static void client_run(FILE *out, enum client_mode mode)
{
    static const char *const docs[] = {"api.json", "features.json", "manifest.json"};
    if (mode == CLIENT_ARENA) {
        json_set_alloc_funcs(arena_malloc, arena_free);
    } else if (mode == CLIENT_COUNTED) {
        json_set_alloc_funcs(client_counted_malloc, client_counted_free);
    } else {
        json_set_alloc_funcs(malloc, free);
    }
    for (size_t d = 0; d < sizeof docs / sizeof docs[0]; d++) {
        read_document(docs[d]);
        json_error_t err;
        json_t *doc = json_loads(text, 0, &err);
        if (doc == NULL) {
            fprintf(stderr, "jansson: %s: %s\n", docs[d], err.text);
            exit(1);
        }
        process(out, docs[d], doc);
        json_decref(doc);
        bump_reset(&client_arena); /* the reset point: the document is done */
    }
    json_t *gen = generate();
    process(out, "generated", gen);
    json_decref(gen);
    json_error_t err;
    json_t *bad = json_loads("{\"a\": [1, 2,, 3]}", 0, &err);
    fprintf(out, "broken: %s, line %d column %d: %s\n", bad == NULL ? "refused" : "accepted", err.line, err.column,
            err.text);
    json_decref(bad);
    bump_reset(&client_arena);
}
