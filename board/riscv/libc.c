/* SPDX-License-Identifier: MIT */
/*
 * The little of a C library the RISC-V images use, written here rather than
 * taken from picolibc (Debian's picolibc-riscv64-unknown-elf is about 1 GB
 * installed, which a fresh machine would download for a handful of
 * functions): mem* and str* byte by byte, and printf into a line buffer that
 * goes out through semihosting (board_write).
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "board.h"

/* GCC turns a byte loop into a call of the function it is in; these must
 * stay loops. */
#define LIBC_LOOP __attribute__((optimize("no-tree-loop-distribute-patterns")))

LIBC_LOOP void *memset(void *s, int c, size_t n)
{
    unsigned char *p = s;
    while (n-- > 0u) {
        *p++ = (unsigned char)c;
    }
    return s;
}

LIBC_LOOP void *memcpy(void *restrict s1, const void *restrict s2, size_t n)
{
    unsigned char *d = s1;
    const unsigned char *s = s2;
    while (n-- > 0u) {
        *d++ = *s++;
    }
    return s1;
}

LIBC_LOOP void *memmove(void *s1, const void *s2, size_t n)
{
    unsigned char *d = s1;
    const unsigned char *s = s2;
    if ((uintptr_t)d - (uintptr_t)s >= n) { /* forward is safe: d below s, or past its end */
        while (n-- > 0u) {
            *d++ = *s++;
        }
    } else {
        while (n-- > 0u) {
            d[n] = s[n];
        }
    }
    return s1;
}

int errno;

int memcmp(const void *s1, const void *s2, size_t n)
{
    const unsigned char *a = s1, *b = s2;
    for (size_t i = 0; i < n; i++) {
        if (a[i] != b[i]) {
            return (int)a[i] - (int)b[i];
        }
    }
    return 0;
}

LIBC_LOOP size_t strlen(const char *s)
{
    size_t n = 0;
    while (s[n] != '\0') {
        n++;
    }
    return n;
}

LIBC_LOOP char *strcpy(char *restrict s1, const char *restrict s2)
{
    char *d = s1;
    while ((*d++ = *s2++) != '\0') {
    }
    return s1;
}

size_t strcspn(const char *s1, const char *s2)
{
    size_t n = 0;
    for (; s1[n] != '\0'; n++) {
        for (const char *r = s2; *r != '\0'; r++) {
            if (s1[n] == *r) {
                return n;
            }
        }
    }
    return n;
}

/* Where formatted output goes: a string of `size` bytes, or the console
 * (`to_console`) through `buffer`. */
struct sink {
    char *buffer;
    size_t size;
    size_t used;  /* characters produced, even past `size` (snprintf's answer) */
    size_t start; /* for the console: `used` at the last flush */
    int to_console;
};

struct board_console {
    char line[128];
};
static struct board_console console;
FILE *const stdout = &console;

static void flush(struct sink *out)
{
    if (out->to_console && out->used > out->start) {
        board_write(out->buffer, out->used - out->start);
        out->start = out->used;
    }
}

static void put(struct sink *out, char c)
{
    if (out->to_console) {
        out->buffer[out->used - out->start] = c;
        out->used++;
        if (c == '\n' || out->used - out->start == out->size) {
            flush(out);
        }
        return;
    }
    if (out->used + 1u < out->size) {
        out->buffer[out->used] = c;
    }
    out->used++;
}

/* `text` of `n` characters, padded to `width` (on the right if `left`). */
static void put_field(struct sink *out, const char *text, size_t n, size_t width, int left, char pad)
{
    size_t fill = (width > n) ? width - n : 0u;
    for (; !left && fill > 0u; fill--) {
        put(out, pad);
    }
    for (size_t i = 0; i < n; i++) {
        put(out, text[i]);
    }
    for (; fill > 0u; fill--) {
        put(out, ' ');
    }
}

static void format(struct sink *out, const char *f, va_list args)
{
    for (; *f != '\0'; f++) {
        if (*f != '%') {
            put(out, *f);
            continue;
        }
        f++;
        int left = 0;
        char pad = ' ';
        for (; *f == '-' || *f == '0'; f++) {
            left |= *f == '-';
            pad = (*f == '0') ? '0' : pad;
        }
        size_t width = 0;
        for (; *f >= '0' && *f <= '9'; f++) {
            width = width * 10u + (size_t)(*f - '0');
        }
        while (*f == 'l' || *f == 'z') { /* long and size_t are 32 bits, like int */
            f++;
        }
        char digits[12];
        size_t n = sizeof digits;
        unsigned long value;
        int negative = 0;
        switch (*f) {
        case 's': {
            const char *s = va_arg(args, const char *);
            put_field(out, s, strlen(s), width, left, ' ');
            continue;
        }
        case 'c':
            digits[0] = (char)va_arg(args, int);
            put_field(out, digits, 1u, width, left, ' ');
            continue;
        case 'd':
        case 'i': {
            long v = va_arg(args, long);
            negative = v < 0;
            value = negative ? 0ul - (unsigned long)v : (unsigned long)v;
            break;
        }
        case 'u':
        case 'x':
            value = va_arg(args, unsigned long);
            break;
        case 'p':
            value = (unsigned long)(uintptr_t)va_arg(args, void *);
            put(out, '0');
            put(out, 'x');
            break;
        case '\0':
            return;
        default:
            put(out, *f);
            continue;
        }
        unsigned long base = (*f == 'u' || *f == 'd' || *f == 'i') ? 10u : 16u;
        do {
            digits[--n] = "0123456789abcdef"[value % base];
            value /= base;
        } while (value != 0u);
        if (negative) {
            digits[--n] = '-';
        }
        put_field(out, &digits[n], sizeof digits - n, width, left, pad);
    }
}

int vsnprintf(char *s, size_t n, const char *f, va_list args)
{
    struct sink out = {s, n, 0u, 0u, 0};
    format(&out, f, args);
    if (n > 0u) {
        s[(out.used < n) ? out.used : n - 1u] = '\0';
    }
    return (int)out.used;
}

int snprintf(char *s, size_t n, const char *f, ...)
{
    va_list args;
    va_start(args, f);
    int written = vsnprintf(s, n, f, args);
    va_end(args);
    return written;
}

/* The console's sink lives across calls, so a line printed in pieces goes
 * out whole. */
static struct sink console_sink = {console.line, sizeof console.line, 0u, 0u, 1};

int printf(const char *f, ...)
{
    size_t before = console_sink.used;
    va_list args;
    va_start(args, f);
    format(&console_sink, f, args);
    va_end(args);
    return (int)(console_sink.used - before);
}

int fflush(FILE *stream)
{
    (void)stream;
    flush(&console_sink);
    return 0;
}
