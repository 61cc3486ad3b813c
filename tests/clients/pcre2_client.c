/* SPDX-License-Identifier: MIT */
/* PCRE2 on the arena (a general context whose private malloc and free are
 * the bump_sized_* adapters: its free passes no size) against malloc/free:
 * patterns compiled (and JIT-compiled where PCRE2 has a JIT), matched over
 * a generated text, substituted; match data, JIT stacks and compiled
 * patterns all come from the context. The arena is reset after each
 * round of patterns. */
#define CLIENT_NAME "pcre2"
#include "client.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

static void *arena_malloc(PCRE2_SIZE n, void *ud)
{
    return bump_sized_malloc(ud, n);
}

static void arena_free(void *p, void *ud)
{
    bump_sized_free(ud, p);
}

static void *counted_malloc(PCRE2_SIZE n, void *ud)
{
    (void)ud;
    return client_counted_malloc(n);
}

static void counted_free(void *p, void *ud)
{
    (void)ud;
    client_counted_free(p);
}

static char text[1 << 18];

static size_t generate(void)
{
    size_t n = 0;
    for (int i = 0; n + 200 < sizeof text; i++) {
        n += (size_t)snprintf(text + n, sizeof text - n,
                              "%04d-%02d-%02d user%d@host%d.example.org GET /api/v%d/items/%d?q=%s status=%d %d.%03dms\n",
                              2000 + i % 30, 1 + i % 12, 1 + i % 28, i % 977, i % 13, 1 + i % 3, i * 7 % 10007,
                              (i % 4) ? "plain" : "caf\xc3\xa9", 200 + (i % 7) * 50, i % 900, i % 1000);
    }
    return n;
}

static void client_run(FILE *out, enum client_mode mode)
{
    static const char *const patterns[] = {
        "(\\d{4})-(\\d{2})-(\\d{2})",
        "(?<user>\\w+)@(?<host>[\\w.]+)\\.org",
        "GET (/api/v\\d+/items/(\\d+))\\?q=(\\w+)",
        "status=(5\\d\\d)",
        "(?i)CAF\\x{e9}",
        "(items|api)/(v?\\d+)",
        "^(?:(?!status=200).)*$",
        "(\\w+)\\s+(?=GET)",
    };
    size_t n = generate();
    pcre2_general_context *gc =
        (mode == CLIENT_ARENA)     ? pcre2_general_context_create(arena_malloc, arena_free, &client_hooks)
        : (mode == CLIENT_COUNTED) ? pcre2_general_context_create(counted_malloc, counted_free, NULL)
                                   : NULL; /* NULL: PCRE2's own malloc and free */
    uint32_t jit = 0;
    (void)pcre2_config(PCRE2_CONFIG_JIT, &jit);
    for (int round = 0; round < 3; round++) {
        pcre2_compile_context *cc = pcre2_compile_context_create(gc);
        pcre2_match_context *mc = pcre2_match_context_create(gc);
        pcre2_jit_stack *stack = (jit && round > 0) ? pcre2_jit_stack_create(32 * 1024, 512 * 1024, gc) : NULL;
        if (stack != NULL) {
            pcre2_jit_stack_assign(mc, NULL, stack);
        }
        for (size_t k = 0; k < sizeof patterns / sizeof patterns[0]; k++) {
            int error = 0;
            PCRE2_SIZE erroffset = 0;
            pcre2_code *re = pcre2_compile((PCRE2_SPTR)patterns[k], PCRE2_ZERO_TERMINATED,
                                           PCRE2_UTF | PCRE2_MULTILINE, &error, &erroffset, cc);
            if (re == NULL) {
                fprintf(out, "pattern %zu: compile error %d at %zu\n", k, error, (size_t)erroffset);
                continue;
            }
            if (round > 0 && jit) {
                (void)pcre2_jit_compile(re, PCRE2_JIT_COMPLETE);
            }
            pcre2_match_data *md = pcre2_match_data_create_from_pattern(re, gc);
            unsigned long matches = 0, sum = 0;
            PCRE2_SIZE at = 0;
            while (at < n) {
                /* The text is checked for UTF-8 once, at the first match. */
                int rc = pcre2_match(re, (PCRE2_SPTR)text, n, at, (at > 0) ? PCRE2_NO_UTF_CHECK : 0u, md, mc);
                if (rc <= 0) {
                    break;
                }
                PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
                matches++;
                for (int g = 0; g < rc; g++) {
                    sum = (sum * 31u + (unsigned long)(ov[2 * g + 1] - ov[2 * g])) % 4294967296ul;
                }
                at = (ov[1] > ov[0]) ? ov[1] : ov[1] + 1;
            }
            /* A global substitution into a buffer that PCRE2 sizes (it asks for the length first). */
            PCRE2_SIZE outlen = 0;
            (void)pcre2_substitute(re, (PCRE2_SPTR)text, 4096, 0, PCRE2_SUBSTITUTE_GLOBAL | PCRE2_SUBSTITUTE_OVERFLOW_LENGTH,
                                   md, mc, (PCRE2_SPTR) "<$0>", PCRE2_ZERO_TERMINATED, NULL, &outlen);
            fprintf(out, "round %d pattern %zu: %lu matches, groups %lu, substituted %zu bytes\n", round, k, matches, sum,
                    (size_t)outlen);
            pcre2_match_data_free(md);
            pcre2_code_free(re);
        }
        int error = 0;
        PCRE2_SIZE erroffset = 0;
        pcre2_code *bad = pcre2_compile((PCRE2_SPTR) "(unclosed[", PCRE2_ZERO_TERMINATED, 0, &error, &erroffset, cc);
        fprintf(out, "round %d broken: %s, error %d at %zu\n", round, bad ? "accepted" : "refused", error, (size_t)erroffset);
        pcre2_code_free(bad);
        pcre2_jit_stack_free(stack);
        pcre2_match_context_free(mc);
        pcre2_compile_context_free(cc);
    }
    pcre2_general_context_free(gc);
    bump_reset(&client_arena); /* the reset point: every context is freed */
}
