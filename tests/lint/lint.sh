#!/bin/sh
# SPDX-License-Identifier: MIT
# make lint: cppcheck (with its MISRA C:2012 addon, deviations in
# misra-deviations.txt) and clang-tidy (.clang-tidy) on src/ and port/, for
# the host, for both Cortex-M flavours of bump_alloc_atomic, and for RISC-V
# without atomics; clang-tidy also on the C++ layer, src/bump.hpp. Each check
# counts as one test; the last line is "lint: N passed, N failed".
set -u
cd "$(dirname "$0")/../.."
. tests/checks.sh
newlib=/usr/lib/arm-none-eabi/include
core_srcs=$(ls src/*.c)
# The RISC-V port has runs of its own (below): it defines the same two
# functions as the Cortex-M one, and its assembly is RISC-V's.
port_srcs=$(ls port/*/*/*.c | grep -v '^port/cpu/riscv/')
firmware_port_srcs=$(ls port/*/*/*.c | grep -v '^port/memory/mmap/' | grep -v '^port/cpu/riscv/')
includes=$(for d in src port/*/*/; do printf -- '-I%s ' "${d%/}"; done)

check() {
    name=$1; shift
    out=$("$@" 2>&1)
    status=$?
    # clang-tidy and cppcheck print findings as "file:line:col: kind: ..."
    findings=$(printf '%s\n' "$out" | grep -E ':[0-9]+:[0-9]+: (warning|error|style|portability|performance)' || true)
    if [ $status -eq 0 ] && [ -z "$findings" ]; then
        check_result ok "$name"
    else
        check_result FAIL "$name" "$(printf '%s\n' "$out" | head -40)"
    fi
}

# shellcheck disable=SC2086
check "cppcheck misra (host)" cppcheck --addon=misra --std=c11 --inline-suppr --error-exitcode=1 -q \
    --suppressions-list=tests/lint/misra-deviations.txt $includes $core_srcs $port_srcs
check "cppcheck misra (cortex-m0)" cppcheck --addon=misra --std=c11 --inline-suppr --error-exitcode=1 -q \
    --platform=unix32 -D__ARM_ARCH_6M__ -D__GCC_ATOMIC_POINTER_LOCK_FREE=1 \
    --suppressions-list=tests/lint/misra-deviations.txt $includes $core_srcs
check "cppcheck warnings" cppcheck --enable=warning,style,performance,portability --std=c11 --inline-suppr \
    --error-exitcode=1 -q $includes $core_srcs $port_srcs
check "clang-tidy (host)" clang-tidy --quiet $core_srcs port/memory/mmap/bump_mmap.c -- -std=c11 $includes
check "clang-tidy (cortex-m0)" clang-tidy --quiet $core_srcs $firmware_port_srcs -- -std=c11 $includes \
    --target=armv6m-none-eabi -ffreestanding -isystem $newlib
check "clang-tidy (cortex-m4)" clang-tidy --quiet $core_srcs port/cpu/cortex-m/bump_mpu.c -- -std=c11 $includes \
    --target=armv7em-none-eabi -ffreestanding -isystem $newlib
# The MPU port's PMSAv8 half (the m4 run above reads its PMSAv7 half).
check "clang-tidy (cortex-m33)" clang-tidy --quiet port/cpu/cortex-m/bump_mpu.c -- -std=c11 $includes \
    --target=armv8m.main-none-eabi -ffreestanding -isystem $newlib
# RISC-V without the A extension: the critical-section branch and its port,
# with no libc at all (Debian's riscv64-unknown-elf has none): -nostdlibinc
# leaves only the compiler's own headers.
check "cppcheck misra (rv32imc)" cppcheck --addon=misra --std=c11 --inline-suppr --error-exitcode=1 -q \
    --platform=unix32 -D__riscv -D__GCC_ATOMIC_POINTER_LOCK_FREE=1 \
    --suppressions-list=tests/lint/misra-deviations.txt $includes $core_srcs port/cpu/riscv/bump_critical.c
check "clang-tidy (rv32imc)" clang-tidy --quiet $core_srcs port/cpu/riscv/bump_critical.c -- -std=c11 $includes \
    --target=riscv32-unknown-elf -march=rv32imc -ffreestanding -nostdlibinc
# The C++ layer, with and without exceptions (its two ways out of memory).
check "clang-tidy (c++ layer)" clang-tidy --quiet src/bump.hpp -- -x c++ -std=c++17 $includes
check "clang-tidy (c++ layer, -fno-exceptions)" clang-tidy --quiet src/bump.hpp -- -x c++ -std=c++17 -fno-exceptions $includes
check_summary lint
