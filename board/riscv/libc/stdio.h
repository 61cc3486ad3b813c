/* SPDX-License-Identifier: MIT */
/* The console output of board/riscv/libc.c: what the images call, no more. */
#ifndef BOARD_LIBC_STDIO_H
#define BOARD_LIBC_STDIO_H

#include <stdarg.h>
#include <stddef.h>

typedef struct board_console FILE;
extern FILE *const stdout;

/* Conversions d i u x p s c and %%, with the flags - and 0, a width, and
 * the length modifiers l and z (long is 32 bits here). */
int printf(const char *format, ...) __attribute__((format(printf, 1, 2)));
int snprintf(char *s, size_t n, const char *format, ...) __attribute__((format(printf, 3, 4)));
int vsnprintf(char *s, size_t n, const char *format, va_list args) __attribute__((format(printf, 3, 0)));
int fflush(FILE *stream);

#endif /* BOARD_LIBC_STDIO_H */
