#!/bin/sh
# src/ (and each target's CPU port) compiled with no C library header at all:
# -nostdinc, with only the compiler's own include directory (its freestanding
# headers) on the path, for Cortex-M and RISC-V. A libc header that comes back
# into src/ fails this at once, whether or not the toolchain has a libc.
#   freestanding.sh 'WARNING FLAGS'
# The last line is "freestanding: N passed, N failed".
set -u
cd "$(dirname "$0")/../.."
. tests/checks.sh
warnings=$1

# label, compiler, target flags, CPU port (or nothing)
build() {
    label=$1 cc=$2 target=$3 port=$4
    include=$($cc $target -print-file-name=include)
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
}

build cortex-m0 arm-none-eabi-gcc "-mcpu=cortex-m0 -mthumb" port/cpu/cortex-m/bump_critical.c
build cortex-m4 arm-none-eabi-gcc "-mcpu=cortex-m4 -mthumb" ""
build rv32imac riscv64-unknown-elf-gcc "-march=rv32imac_zicsr -mabi=ilp32" ""
build rv32imc riscv64-unknown-elf-gcc "-march=rv32imc_zicsr -mabi=ilp32" port/cpu/riscv/bump_critical.c
check_summary freestanding
