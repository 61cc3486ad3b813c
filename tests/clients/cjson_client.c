/* SPDX-License-Identifier: MIT */
/* cJSON on the arena (cJSON_InitHooks with the bump_sized_* adapters: its
 * free passes no size) against malloc/free: documents in tests/clients/json
 * and a generated one parsed, printed, copied, edited and compared, the
 * arena reset after each document. */
#define CLIENT_NAME "cjson"
#include "client.h"

#include <cjson/cJSON.h>

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
static char minified[1 << 20];

static size_t read_document(const char *name)
{
    char path[256];
    snprintf(path, sizeof path, "%s/json/%s", CLIENT_DATA, name);
    FILE *f = fopen(path, "rb");
    size_t n = (f != NULL) ? fread(text, 1, sizeof text - 1, f) : 0;
    if (f == NULL || n == 0) {
        fprintf(stderr, "cjson: cannot read %s\n", path);
        exit(1);
    }
    fclose(f);
    text[n] = '\0';
    return n;
}

/* An inventory of 2000 records, as a service would send it. */
static size_t generate_document(void)
{
    size_t n = (size_t)snprintf(text, sizeof text, "{\"generated\":true,\"records\":[");
    for (int i = 0; i < 2000; i++) {
        n += (size_t)snprintf(text + n, sizeof text - n,
                              "%s{\"id\":%d,\"sku\":\"SKU-%05d\",\"price\":%d.%02d,\"stock\":%d,\"tags\":[\"t%d\",\"t%d\"],"
                              "\"dims\":{\"w\":%d,\"h\":%d,\"d\":%.3f},\"active\":%s,\"note\":%s}",
                              i ? "," : "", i, (i * 37) % 100000, i % 500, i % 100, (i * 13) % 1000, i % 7, i % 11,
                              i % 90 + 10, i % 40 + 5, i / 7.0, (i % 3) ? "true" : "false",
                              (i % 5) ? "null" : "\"fragile \\u00e9\"");
    }
    n += (size_t)snprintf(text + n, sizeof text - n, "]}");
    return n;
}

static void one_document(FILE *out, const char *name, int print_whole)
{
    cJSON *doc = cJSON_Parse(text);
    if (doc == NULL) {
        fprintf(stderr, "cjson: %s does not parse\n", name);
        exit(1);
    }
    char *pretty = cJSON_Print(doc);
    char *flat = cJSON_PrintUnformatted(doc);
    char *buffered = cJSON_PrintBuffered(doc, 16, 1); /* grows from 16 bytes */
    fprintf(out, "%s: items %d, pretty %zu bytes %lu, flat %zu bytes %lu, buffered same %d\n", name,
            cJSON_GetArraySize(doc), strlen(pretty), checksum(pretty), strlen(flat), checksum(flat),
            strcmp(pretty, buffered) == 0);
    if (print_whole) {
        fprintf(out, "%s\n%s\n", pretty, flat);
    }
    /* A deep copy, edited: items added, one removed, one replaced. */
    cJSON *copy = cJSON_Duplicate(doc, 1);
    fprintf(out, "%s: copy equal %d\n", name, cJSON_Compare(doc, copy, 1));
    cJSON *added = cJSON_AddArrayToObject(copy, "added");
    for (int i = 0; i < 500; i++) {
        cJSON_AddItemToArray(added, (i % 2) ? cJSON_CreateNumber(i * 0.25) : cJSON_CreateString("added item"));
    }
    cJSON_DeleteItemFromArray(copy, 0);
    cJSON_ReplaceItemInObjectCaseSensitive(copy, "added", cJSON_CreateStringArray((const char *[]){"x", "y"}, 2));
    char *edited = cJSON_PrintUnformatted(copy);
    fprintf(out, "%s: edited %zu bytes %lu, equal %d\n", name, strlen(edited), checksum(edited),
            cJSON_Compare(doc, copy, 1));
    /* Minified text parses to the same document. */
    strcpy(minified, text);
    cJSON_Minify(minified);
    cJSON *again = cJSON_Parse(minified);
    fprintf(out, "%s: minified %zu bytes, equal %d\n", name, strlen(minified), cJSON_Compare(doc, again, 1));
    cJSON_Delete(again);
    cJSON_free(edited);
    cJSON_Delete(copy);
    cJSON_free(buffered);
    cJSON_free(flat);
    cJSON_free(pretty);
    cJSON_Delete(doc);
}

static void client_run(FILE *out, enum client_mode mode)
{
    cJSON_Hooks arena_hooks = {arena_malloc, arena_free};
    cJSON_Hooks counted_hooks = {client_counted_malloc, client_counted_free};
    cJSON_InitHooks((mode == CLIENT_ARENA) ? &arena_hooks : (mode == CLIENT_COUNTED) ? &counted_hooks : NULL);
    static const char *const documents[] = {"manifest.json", "features.json", "api.json"};
    for (int round = 0; round < 4; round++) {
        for (size_t i = 0; i < sizeof documents / sizeof documents[0]; i++) {
            read_document(documents[i]);
            one_document(out, documents[i], round == 0);
            bump_reset(&client_arena); /* the reset point: the document is done */
        }
        generate_document();
        one_document(out, "generated", 0);
        bump_reset(&client_arena);
    }
    cJSON_InitHooks(NULL);
}
