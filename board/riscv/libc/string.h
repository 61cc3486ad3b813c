/* SPDX-License-Identifier: MIT */
/* The mem* and str* functions of board/riscv/libc.c: what the images call. */
#ifndef BOARD_LIBC_STRING_H
#define BOARD_LIBC_STRING_H

#include <stddef.h>

void *memset(void *s, int c, size_t n);
void *memcpy(void *restrict s1, const void *restrict s2, size_t n);
void *memmove(void *s1, const void *s2, size_t n);
int memcmp(const void *s1, const void *s2, size_t n);
size_t strlen(const char *s);
char *strcpy(char *restrict s1, const char *restrict s2);
size_t strcspn(const char *s1, const char *s2);

#endif /* BOARD_LIBC_STRING_H */
