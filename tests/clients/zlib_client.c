/* SPDX-License-Identifier: MIT */
/* zlib on the arena (zalloc/zfree: bump_zlib_alloc, bump_zlib_free) against
 * its usual allocator (Z_NULL: malloc/free): streams of several kinds of
 * data deflated and inflated back, the arena reset after each stream. */
#define CLIENT_NAME "zlib"
#include "client.h"

#include <zlib.h>

#define STREAMS 600
#define DATA_BYTES 8192

static unsigned char data[DATA_BYTES];
static unsigned char packed[DATA_BYTES * 2];
static unsigned char unpacked[DATA_BYTES];

static void *counted_zalloc(void *opaque, unsigned items, unsigned size)
{
    (void)opaque;
    return client_counted_malloc((size_t)items * size);
}
static void counted_zfree(void *opaque, void *p)
{
    (void)opaque;
    client_counted_free(p);
}

/* Text, numbers, runs and noise, by stream. */
static void fill(int stream)
{
    unsigned state = (unsigned)stream * 2654435761u + 1u;
    for (size_t i = 0; i < DATA_BYTES; i++) {
        state = state * 1103515245u + 12345u;
        switch (stream % 4) {
        case 0: data[i] = (unsigned char)("the quick brown fox jumps over the lazy dog "[(i + (size_t)stream) % 44]); break;
        case 1: data[i] = (unsigned char)('0' + (i * i + (size_t)stream) % 10); break;
        case 2: data[i] = (unsigned char)((i / 64) % 3 ? 'a' : (state >> 24)); break;
        default: data[i] = (unsigned char)(state >> 16); break;
        }
    }
}

/* zlib frees a stream's blocks in the reverse order of their allocation,
 * so on the arena its End call gives back everything its Init took. */
static void check_given_back(enum client_mode mode, const char *call)
{
    if (mode == CLIENT_ARENA && bump_used(&client_arena) != 0) {
        fprintf(stderr, "zlib: %zu bytes still in use after %s\n", bump_used(&client_arena), call);
        exit(1);
    }
}

static void set_allocator(z_stream *s, enum client_mode mode)
{
    memset(s, 0, sizeof *s);
    if (mode == CLIENT_ARENA) {
        s->zalloc = bump_zlib_alloc;
        s->zfree = bump_zlib_free;
        s->opaque = &client_hooks;
    } else if (mode == CLIENT_COUNTED) {
        s->zalloc = counted_zalloc;
        s->zfree = counted_zfree;
    }
}

static void client_run(FILE *out, enum client_mode mode)
{
    for (int stream = 0; stream < STREAMS; stream++) {
        fill(stream);
        z_stream d;
        set_allocator(&d, mode);
        int level = stream % 10, window = 9 + stream % 7, memory = 1 + stream % 9;
        if (deflateInit2(&d, level, Z_DEFLATED, window, memory, (stream % 5 == 4) ? Z_FILTERED : Z_DEFAULT_STRATEGY) != Z_OK) {
            fprintf(stderr, "zlib: deflateInit2 failed\n");
            exit(1);
        }
        d.next_in = data;
        d.avail_in = DATA_BYTES;
        d.next_out = packed;
        d.avail_out = sizeof packed;
        int status = deflate(&d, Z_FINISH);
        size_t packed_bytes = sizeof packed - d.avail_out;
        deflateEnd(&d);
        check_given_back(mode, "deflateEnd");
        z_stream i;
        set_allocator(&i, mode);
        inflateInit2(&i, window);
        i.next_in = packed;
        i.avail_in = (unsigned)packed_bytes;
        i.next_out = unpacked;
        i.avail_out = sizeof unpacked;
        int back = inflate(&i, Z_FINISH);
        inflateEnd(&i);
        check_given_back(mode, "inflateEnd");
        fprintf(out, "stream %d: level %d window %d memory %d: %zu -> %zu bytes, %s, crc %08lx, %s\n", stream, level,
                window, memory, (size_t)DATA_BYTES, packed_bytes, (status == Z_STREAM_END) ? "end" : "short",
                crc32(0L, unpacked, DATA_BYTES - i.avail_out),
                (back == Z_STREAM_END && memcmp(data, unpacked, DATA_BYTES) == 0) ? "same" : "DIFFERENT");
        bump_reset(&client_arena); /* the reset point: the stream is done (nothing is left in use, see above) */
    }
}
