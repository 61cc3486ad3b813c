/* SPDX-License-Identifier: MIT */
/* mbedTLS's selftest on the arena against glibc's malloc: the 27 suites of
 * Debian's libmbedcrypto (all but the timing one, whose output depends on
 * the clock). Debian builds mbedTLS without MBEDTLS_PLATFORM_MEMORY, so its
 * calloc and free are the C library's: this client defines malloc, calloc,
 * realloc and free itself, which the dynamic linker binds for the whole
 * process, and sends them to the bump_sized_* adapters while a suite runs
 * in arena mode. A free is routed by address: a block in the arena's region
 * to bump_sized_free, anything else to glibc. (Not in the sanitizer build,
 * whose runtime owns malloc.) */
#define CLIENT_NAME "mbedtls"
#include "client.h"

#include <fcntl.h>
#include <stdint.h>
#include <unistd.h>

void *__libc_malloc(size_t n);
void *__libc_calloc(size_t n, size_t size);
void *__libc_realloc(void *p, size_t n);
void __libc_free(void *p);

/* Where malloc goes: glibc outside the suites, the arena or glibc counted
 * while one runs. */
static enum client_mode route = CLIENT_SYSTEM;

static bool in_arena(const void *p)
{
    return ((uintptr_t)p >= (uintptr_t)bump_start(&client_arena)) && ((uintptr_t)p < (uintptr_t)bump_end(&client_arena));
}

void *malloc(size_t n)
{
    if (route == CLIENT_ARENA) {
        return bump_sized_malloc(&client_hooks, n);
    }
    void *p = __libc_malloc(n);
    if (route == CLIENT_COUNTED) {
        client_count(p, 1);
    }
    return p;
}

void *calloc(size_t count, size_t size)
{
    if (route == CLIENT_ARENA) {
        return bump_sized_calloc(&client_hooks, count, size);
    }
    void *p = __libc_calloc(count, size);
    if (route == CLIENT_COUNTED) {
        client_count(p, 1);
    }
    return p;
}

void free(void *p)
{
    if (in_arena(p)) {
        bump_sized_free(&client_hooks, p);
        return;
    }
    if (route == CLIENT_COUNTED) {
        client_count(p, -1);
    }
    __libc_free(p);
}

void *realloc(void *p, size_t n)
{
    if (in_arena(p) || (p == NULL && route == CLIENT_ARENA)) {
        return bump_sized_realloc(&client_hooks, p, n);
    }
    if (route == CLIENT_COUNTED) {
        client_count(p, -1);
    }
    void *q = __libc_realloc(p, n);
    if (route == CLIENT_COUNTED) {
        client_count((q != NULL || n == 0) ? q : p, 1);
    }
    return q;
}

#define SUITES(X)                                                                                                  \
    X(aes) X(arc4) X(base64) X(camellia) X(ccm) X(chacha20) X(chachapoly) X(cmac) X(ctr_drbg) X(des) X(dhm) X(ecp) \
        X(entropy) X(gcm) X(hmac_drbg) X(md2) X(md4) X(md5) X(mpi) X(pkcs5) X(poly1305) X(ripemd160) X(rsa) X(sha1)  \
            X(sha256) X(sha512) X(xtea)
#define DECLARE(name) int mbedtls_##name##_self_test(int verbose);
SUITES(DECLARE)
#define ENTRY(name) {#name, mbedtls_##name##_self_test},
static const struct {
    const char *name;
    int (*run)(int verbose);
} suites[] = {SUITES(ENTRY)};

static char stdout_buffer[BUFSIZ];

static void client_run(FILE *out, enum client_mode mode)
{
    /* The suites print to stdout (cmac's even when not verbose): stdout's
     * buffer must not be taken from the arena while a suite runs, so it is
     * given one before anything is written to it. */
    static bool buffered;
    if (!buffered) {
        setvbuf(stdout, stdout_buffer, _IOFBF, sizeof stdout_buffer);
        buffered = true;
    }
    fprintf(out, "mbedtls selftest: %zu suites\n", sizeof suites / sizeof suites[0]);
    int verbose = (out == stdout);
    /* Quiet runs (bench) send what the suites print anyway to /dev/null. */
    fflush(stdout);
    int saved = verbose ? -1 : dup(STDOUT_FILENO);
    if (saved >= 0) {
        int null = open("/dev/null", O_WRONLY);
        (void)dup2(null, STDOUT_FILENO);
        close(null);
    }
    int failed = 0;
    for (size_t s = 0; s < sizeof suites / sizeof suites[0]; s++) {
        route = mode;
        int rc = suites[s].run(verbose);
        route = CLIENT_SYSTEM;
        fflush(stdout);
        fprintf(out, "%s: %s\n", suites[s].name, (rc == 0) ? "passed" : "FAILED");
        failed += (rc != 0);
        if (mode == CLIENT_ARENA) {
            bump_hooks_report_t r;
            bump_hooks_report(&client_hooks, &r);
            if (r.live_blocks != 0) {
                fprintf(stderr, "mbedtls: %s left %zu blocks\n", suites[s].name, r.live_blocks);
                exit(1);
            }
            bump_reset(&client_arena); /* the reset point: the suite freed everything */
        }
    }
    fflush(stdout);
    if (saved >= 0) {
        (void)dup2(saved, STDOUT_FILENO);
        close(saved);
    }
    fprintf(out, "mbedtls selftest: %d failed\n", failed);
}
