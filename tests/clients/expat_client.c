/* SPDX-License-Identifier: MIT */
/* expat on the arena (XML_ParserCreate_MM with the bump_sized_* adapters:
 * its free passes no size) against its own malloc: generated documents
 * parsed in chunks through XML_GetBuffer, whose buffer grows by
 * malloc-copy-free, with a parser reset between documents; the handlers'
 * counts and checksums are the output. */
#define CLIENT_NAME "expat"
#include "client.h"

#include <expat.h>

static void *arena_malloc(size_t n)
{
    return bump_sized_malloc(&client_hooks, n);
}

static void *arena_realloc(void *p, size_t n)
{
    return bump_sized_realloc(&client_hooks, p, n);
}

static void arena_free(void *p)
{
    bump_sized_free(&client_hooks, p);
}

static const XML_Memory_Handling_Suite arena_suite = {arena_malloc, arena_realloc, arena_free};
static const XML_Memory_Handling_Suite counted_suite = {client_counted_malloc, client_counted_realloc,
                                                        client_counted_free};

static struct {
    unsigned long elements, attributes, text_bytes, checksum, max_depth, depth;
} seen;

static void mix(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        seen.checksum = (seen.checksum * 31u + (unsigned char)s[i]) % 4294967296ul;
    }
}

static void XMLCALL on_start(void *ud, const XML_Char *name, const XML_Char **attrs)
{
    (void)ud;
    seen.elements++;
    seen.depth++;
    seen.max_depth = (seen.depth > seen.max_depth) ? seen.depth : seen.max_depth;
    mix(name, strlen(name));
    for (size_t i = 0; attrs[i] != NULL; i += 2) {
        seen.attributes++;
        mix(attrs[i], strlen(attrs[i]));
        mix(attrs[i + 1], strlen(attrs[i + 1]));
    }
}

static void XMLCALL on_end(void *ud, const XML_Char *name)
{
    (void)ud;
    (void)name;
    seen.depth--;
}

static void XMLCALL on_text(void *ud, const XML_Char *s, int len)
{
    (void)ud;
    seen.text_bytes += (unsigned long)len;
    mix(s, (size_t)len);
}

static char doc[1 << 21];

/* A catalogue of `items` records, nested `depth` deep, with attributes,
 * entities, CDATA and long text runs. */
static size_t generate(int items, int depth, int text_len)
{
    size_t n = (size_t)snprintf(doc, sizeof doc, "<?xml version=\"1.0\"?>\n<!DOCTYPE c [<!ENTITY co \"ACME &amp; Co\">]>\n<c>");
    for (int i = 0; i < items && n + (size_t)text_len + (size_t)depth * 128u + 1024u < sizeof doc; i++) {
        for (int d = 0; d < depth; d++) {
            n += (size_t)snprintf(doc + n, sizeof doc - n, "<g%d level=\"%d\" id=\"i%d-%d\">", d, d, i, d);
        }
        n += (size_t)snprintf(doc + n, sizeof doc - n,
                              "<item sku=\"S%05d\" price=\"%d.%02d\" tag=\"&lt;t%d&gt;\">&co; <![CDATA[raw <%d>]]>", i,
                              i % 900, i % 100, i % 13, i);
        for (int t = 0; t < text_len; t++) {
            doc[n++] = (char)('a' + (i + t) % 26);
        }
        n += (size_t)snprintf(doc + n, sizeof doc - n, "</item>");
        for (int d = depth - 1; d >= 0; d--) {
            n += (size_t)snprintf(doc + n, sizeof doc - n, "</g%d>", d);
        }
    }
    n += (size_t)snprintf(doc + n, sizeof doc - n, "</c>\n");
    return n;
}

/* Parses doc[0, n) in chunks of `chunk` bytes through XML_GetBuffer. */
static bool parse(XML_Parser p, size_t n, size_t chunk)
{
    for (size_t at = 0; at < n; at += chunk) {
        size_t len = (n - at < chunk) ? n - at : chunk;
        void *buf = XML_GetBuffer(p, (int)len);
        if (buf == NULL) {
            return false;
        }
        memcpy(buf, doc + at, len);
        if (XML_ParseBuffer(p, (int)len, at + len == n) == XML_STATUS_ERROR) {
            return false;
        }
    }
    return true;
}

static void client_run(FILE *out, enum client_mode mode)
{
    static const struct {
        int items, depth, text_len;
        size_t chunk;
    } docs[] = {{200, 2, 40, 1024}, {3000, 4, 16, 65536}, {50, 30, 3000, 100000}, {400, 1, 60000, 1u << 20},
                {6000, 3, 100, 4096}};
    XML_Parser p = (mode == CLIENT_ARENA)     ? XML_ParserCreate_MM(NULL, &arena_suite, NULL)
                   : (mode == CLIENT_COUNTED) ? XML_ParserCreate_MM(NULL, &counted_suite, NULL)
                                              : XML_ParserCreate(NULL);
    if (p == NULL) {
        fprintf(stderr, "expat: no parser\n");
        exit(1);
    }
    for (size_t d = 0; d < sizeof docs / sizeof docs[0]; d++) {
        size_t n = generate(docs[d].items, docs[d].depth, docs[d].text_len);
        memset(&seen, 0, sizeof seen);
        XML_SetElementHandler(p, on_start, on_end);
        XML_SetCharacterDataHandler(p, on_text);
        bool ok = parse(p, n, docs[d].chunk);
        fprintf(out, "doc %zu: %zu bytes, %s, %lu elements, %lu attributes, %lu text bytes, depth %lu, checksum %lu\n",
                d, n, ok ? "ok" : XML_ErrorString(XML_GetErrorCode(p)), seen.elements, seen.attributes,
                seen.text_bytes, seen.max_depth, seen.checksum);
        XML_ParserReset(p, NULL);
    }
    /* A broken document: the error and where. */
    size_t n = generate(100, 2, 10);
    doc[n / 2] = '<';
    XML_SetElementHandler(p, on_start, on_end);
    bool ok = parse(p, n, 512);
    fprintf(out, "broken: %s at line %lu column %lu\n", ok ? "ok" : XML_ErrorString(XML_GetErrorCode(p)),
            (unsigned long)XML_GetCurrentLineNumber(p), (unsigned long)XML_GetCurrentColumnNumber(p));
    XML_ParserFree(p);
    bump_reset(&client_arena); /* the reset point: the parser is gone */
}
