/* SPDX-License-Identifier: MIT */
/*
 * A complete firmware with bump, for QEMU's mps2-an385 (Cortex-M3): this
 * file, startup.c and example.ld are all of it besides bump's own files.
 * `make example` builds it (the compiler line it prints is the whole build)
 * and runs it on QEMU.
 *
 * The arena is the section .bump_arena (example.ld INCLUDEs
 * linker/bump_section.ld). Each turn of the main loop takes its scratch
 * memory in a scope, which gives it all back when the turn ends, and appends
 * a result to a log that grows for the whole run. main returns the number of
 * failed checks: startup.c makes it QEMU's exit status.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "bump.h"
#include "bump_section.h"

void example_print(const char *text); /* startup.c: text to the host's console */

static bump_t arena;
static int failures;

static void check(bool ok, const char *what)
{
    if (!ok) {
        example_print("example: FAILED: ");
        example_print(what);
        example_print("\n");
        failures++;
    }
}

/* Writes `text` at `out` and returns the end: there is no printf here. */
static char *put_text(char *out, const char *text)
{
    size_t n = strlen(text);
    memcpy(out, text, n);
    return out + n;
}

/* Writes `value` in decimal at `out` and returns the end. */
static char *put_number(char *out, size_t value)
{
    char digits[20];
    size_t n = 0;
    do {
        digits[n++] = (char)('0' + (value % 10U));
        value /= 10U;
    } while (value != 0U);
    while (n > 0U) {
        *out++ = digits[--n];
    }
    return out;
}

int main(void)
{
    if (!bump_section_init(&arena)) {
        example_print("example: bump_section_init refused .bump_arena\n");
        return 1;
    }

    /* The log: a growable block grows where it stands (nothing is copied),
     * whatever else is allocated meanwhile. */
    char *log = bump_alloc_growable(&arena, 0, 1);
    size_t log_size = 0;
    check(log != NULL, "the log's growable block");

    for (size_t turn = 1; (turn <= 3U) && (log != NULL); turn++) {
        BUMP_SCOPE(scope, &arena); /* the end of the turn releases what it took */

        /* Scratch: this turn's samples and the line that reports them. */
        uint16_t *samples = BUMP_NEW_ARRAY(&arena, uint16_t, 32);
        char *line = bump_alloc(&arena, 80, 1);
        if ((samples == NULL) || (line == NULL)) {
            check(false, "the turn's scratch");
            break;
        }
        size_t sum = 0;
        for (size_t i = 0; i < 32U; i++) {
            samples[i] = (uint16_t)(turn * 100U + i);
            sum += samples[i];
        }
        char *end = put_text(line, "turn ");
        end = put_number(end, turn);
        end = put_text(end, ": mean ");
        end = put_number(end, sum / 32U);
        end = put_text(end, ", ");
        end = put_number(end, bump_used(&arena));
        end = put_text(end, " bytes in use\n");
        *end = '\0';
        example_print(line);

        /* Append the mean to the log: " 115 215 ...". */
        char entry[24];
        size_t n = (size_t)(put_number(put_text(entry, " "), sum / 32U) - entry);
        char *grown = bump_resize(&arena, log, log_size, log_size + n, 1);
        check(grown == log, "the log grows where it stands");
        if (grown == NULL) {
            break;
        }
        log = grown;
        memcpy(log + log_size, entry, n);
        log_size += n;
    }

    /* Every turn gave its scratch back: the log alone is left. */
    check(bump_used(&arena) == log_size, "the scopes released the turns' scratch and kept the log");

    char *report = bump_alloc(&arena, 80 + log_size, 1);
    if (report != NULL) {
        char *end = put_text(report, "log:");
        memcpy(end, log, log_size);
        end = put_text(end + log_size, "\nhigh water ");
        end = put_number(end, bump_high_water(&arena));
        end = put_text(end, " of ");
        end = put_number(end, bump_capacity(&arena));
        end = put_text(end, " bytes\n");
        *end = '\0';
        example_print(report);
    }
    check(report != NULL, "the report's line");

    example_print((failures == 0) ? "example: every check passed\n" : "example: a check failed\n");
    return failures;
}
