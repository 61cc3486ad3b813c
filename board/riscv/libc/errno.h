/* SPDX-License-Identifier: MIT */
/* errno of board/riscv/libc.c: the images' C library has one, as every libc
 * does (nothing in it sets errno; tests/board/test_section.c checks where it
 * lives). */
#ifndef BOARD_LIBC_ERRNO_H
#define BOARD_LIBC_ERRNO_H

extern int errno;

#endif /* BOARD_LIBC_ERRNO_H */
