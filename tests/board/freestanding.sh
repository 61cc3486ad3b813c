#!/bin/sh
# SPDX-License-Identifier: MIT
# src/ (and each target's CPU port) compiled with no C library header at all:
# -nostdinc, with only the compiler's own include directory (its freestanding
# headers) on the path, for Cortex-M and RISC-V. A libc header that comes back
# into src/ fails this at once, whether or not the toolchain has a libc. Also
# which cores bump_alloc_atomic is lock-free on: ARMv7-M and RISC-V with the
# A extension; ARMv6-M and RISC-V without it call the CPU port.
#   freestanding.sh 'WARNING FLAGS'
# The last line is "freestanding: N passed, N failed".
set -u
cd "$(dirname "$0")/../.."
. tests/checks.sh
warnings=$1
t=$(mktemp -d); trap 'rm -rf "$t"' EXIT

# label, compiler, target flags, CPU port (or nothing: the core is lock-free)
build() {
    label=$1 cc=$2 target=$3 port=$4
    include=$($cc $target -print-file-name=include)
    # Which bump_alloc_atomic the target gets: the critical section calls
    # the port, the lock-free one does not.
    # shellcheck disable=SC2086
    $cc $target $warnings -O2 -ffreestanding -nostdinc -isystem "$include" -Isrc -c src/bump_atomic.c -o "$t/a.o"
    if "${cc%gcc}nm" -u "$t/a.o" | grep -q bump_port_critical_enter; then got="the port's critical section"
    else got=lock-free; fi
    if [ -n "$port" ]; then want="the port's critical section"; else want=lock-free; fi
    if [ "$got" = "$want" ]; then
        check_result ok "$label: bump_alloc_atomic is $want"
    else
        check_result FAIL "$label: bump_alloc_atomic is $got, not $want"
    fi
    # shellcheck disable=SC2086
    out=$(for f in src/*.c $port; do
        $cc $target $warnings -O2 -ffreestanding -nostdinc -isystem "$include" -Isrc -c "$f" -o /dev/null 2>&1 ||
            echo "$f: did not compile"
    done)
    if [ -z "$out" ]; then
        check_result ok "$label: src/ ${port:+and $port }with -nostdinc"
    else
        check_result FAIL "$label: src/ ${port:+and $port }with -nostdinc" "$(printf '%s\n' "$out" | head -20)"
    fi
    # What the objects call outside src/: memset and memmove, the port's two
    # functions, the compiler's own helpers (libgcc's __aeabi_*), nothing else
    # (a struct copy through memmove can become a call of memcpy).
    # shellcheck disable=SC2086
    calls=$(for f in src/*.c; do for o in -O2 -Os; do
        $cc $target $warnings $o -ffreestanding -nostdinc -isystem "$include" -Isrc -c "$f" -o "$t/c.o" &&
            "${cc%gcc}nm" -u "$t/c.o" | awk '{print $2}'
    done; done | sort -u | grep -v -e '^bump_' -e '^memset$' -e '^memmove$' -e '^__aeabi_' -e '^__[a-z0-9]*si[0-9]$' | tr '\n' ' ')
    if [ -z "$calls" ]; then
        check_result ok "$label: src/ calls no libc function but memset and memmove"
    else
        check_result FAIL "$label: src/ calls no libc function but memset and memmove" "it calls: $calls"
    fi
}

build cortex-m0 arm-none-eabi-gcc "-mcpu=cortex-m0 -mthumb" port/cpu/cortex-m/bump_critical.c
build cortex-m4 arm-none-eabi-gcc "-mcpu=cortex-m4 -mthumb" ""
build rv32imac riscv64-unknown-elf-gcc "-march=rv32imac_zicsr -mabi=ilp32" ""
build rv32imc riscv64-unknown-elf-gcc "-march=rv32imc_zicsr -mabi=ilp32" port/cpu/riscv/bump_critical.c
check_summary freestanding
