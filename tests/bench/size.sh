#!/bin/sh
# SPDX-License-Identifier: MIT
# make size: what an image pays, in flash bytes, for each part of bump it
# uses, per Cortex-M core, measured by linking small images with
# --gc-sections (so a feature's cost includes the helpers it pulls in), plus
# each folder's whole size. arm-none-eabi-gcc, $SIZE_OPT (default -Os). The
# libc's memmove and memset (bump_resize, bump_zalloc) are not counted.
#
#   tests/bench/size.sh CORE...             the table, e.g. cortex-m0 cortex-m4
#   tests/bench/size.sh --init-alloc CORE   only the init+alloc figure
#                                           (tests/bench/fastpath.sh guards it)
#
# How the init+alloc image is counted: the flash bytes (the sections the
# image loads: code, read-only data, initialised data) of a program whose
# main() calls bump_init and stores one constant bump_alloc's result in a
# volatile object, less those of the same program storing the region's
# address there instead. The difference is what bump adds: the arguments of
# the call and the call, the inlined allocation and its failure call,
# bump_init and what it pulls in (the CPU port included), their literal
# pools. _start, in a file of its own, is the same in both (main is never
# inlined into it), and the RAM bump needs (the arena, the 8-byte count of
# inits) is not flash. A "+" row is the same difference from the init+alloc
# image, with that feature's calls added.
set -eu
cd "$(dirname "$0")/../.."
opt=${SIZE_OPT:--Os}
t=$(mktemp -d); trap 'rm -rf "$t"' EXIT

# One image: main() uses what the -D flags ask for; the arena and every
# argument come through volatile objects so nothing folds away.
cat >"$t/img.c" <<'C'
#include "bump.h"
#ifdef USE_HOOKS
#include "bump_hooks.h"
#endif
#ifdef USE_MPU
#include "bump_mpu.h"
#endif
static unsigned char region[256];
static bump_t arena;
volatile size_t n = 16, al = 8;
void *volatile sink;
int main(void);
int main(void)
{
#ifdef WITHOUT_ARENA
    sink = region;
#endif
#ifdef USE_INIT
    (void)bump_init(&arena, region, sizeof region);
#endif
#ifdef USE_ALLOC
    sink = bump_alloc(&arena, 16, 8);
#endif
#ifdef USE_ALLOC_RUNTIME
    sink = bump_alloc(&arena, n, al);
#endif
#ifdef USE_RESIZE
    sink = bump_resize(&arena, sink, n, n + 8u, al);
#endif
#ifdef USE_GROWABLE
    sink = bump_alloc_growable(&arena, n, al);
    sink = bump_resize(&arena, sink, n, n + 8u, al);
#endif
#ifdef USE_HOOKS
    static bump_hooks_t hooks;
    bump_hooks_init(&hooks, &arena);
    sink = bump_lua_alloc(&hooks, sink, n, n + 8u);
    sink = bump_sized_realloc(&hooks, sink, n);
    bump_sized_free(&hooks, sink);
#endif
#ifdef USE_MARKS
    bump_mark_t m = bump_mark(&arena);
    sink = (void *)(uintptr_t)bump_rewind(&arena, m);
#endif
#ifdef USE_RESET
    bump_reset(&arena);
#endif
#ifdef USE_ATOMIC
    sink = bump_alloc_atomic(&arena, n, al);
#endif
#ifdef USE_POSTMORTEM
    static bump_report_t report;
    sink = (void *)(uintptr_t)bump_postmortem(&arena, region, sizeof region, &report);
#endif
#ifdef USE_MPU
    sink = (void *)(uintptr_t)bump_mpu_guard(&arena, 6U);
#endif
    return 0;
}
C
cat >"$t/start.c" <<'C'
int main(void);
void _start(void);
void _start(void) { (void)main(); for (;;) { } }
C

image() { # core flags... -> bytes
    core=$1; shift
    # Every image links the CPU port: bump_init takes its lifetime in its
    # critical section (bump.h). The MPU guard adds its own file.
    port=port/cpu/cortex-m/bump_critical.c
    case " $* " in *" -DUSE_MPU "*) port="$port port/cpu/cortex-m/bump_mpu.c" ;; esac
    arm-none-eabi-gcc -mcpu="$core" -mthumb -mfloat-abi=soft $opt -std=c11 -ffreestanding -nostdlib \
        -ffunction-sections -fdata-sections -Wl,--gc-sections -Isrc -Iport/cpu/cortex-m "$@" "$t/img.c" "$t/start.c" src/bump.c src/bump_atomic.c src/bump_hooks.c \
        $port -Wl,--defsym=memmove=_start -Wl,--defsym=memset=_start -Wl,--defsym=memcpy=_start -o "$t/img.elf" -lgcc
    flash_bytes "$t/img.elf"
}
# The sizes of the sections an ELF file loads (objdump -h: flags with LOAD).
flash_bytes() {
    total=0
    for size in $(arm-none-eabi-objdump -h "$1" | awk '$1 ~ /^[0-9]+$/ { size = $3; next } /LOAD/ { print size }'); do
        total=$((total + 0x$size))
    done
    echo $total
}
# The init+alloc image's cost on one core (see the top).
init_alloc() {
    echo $(($(image "$1" -DUSE_INIT -DUSE_ALLOC) - $(image "$1" -DWITHOUT_ARENA)))
}
if [ "${1:-}" = "--init-alloc" ]; then
    init_alloc "$2"
    exit 0
fi

folder() { # core folder [files] -> bytes of those .c files (default: all of them)
    total=0
    dir=$2; shift 2
    [ $# -gt 0 ] || set -- "$dir"/*.c
    for f in "$@"; do
        arm-none-eabi-gcc -mcpu="$core_of_folder" -mthumb -mfloat-abi=soft $opt -std=c11 -ffreestanding -Isrc -I"$dir" \
            -c "$f" -o "$t/f.o"
        total=$((total + $(arm-none-eabi-size "$t/f.o" | awk 'NR == 2 { print $1 + $2 }')))
    done
    echo $total
}

rows="init+alloc|-DUSE_INIT -DUSE_ALLOC
+ bump_alloc with run-time size and align|-DUSE_ALLOC_RUNTIME
+ bump_resize|-DUSE_RESIZE
+ bump_alloc_growable and its resize|-DUSE_GROWABLE
+ the adapters: lua_Alloc's shape and the sized forms (src/bump_hooks.c)|-DUSE_HOOKS
+ bump_mark and bump_rewind|-DUSE_MARKS
+ bump_reset|-DUSE_RESET
+ bump_alloc_atomic (M0: with port/cpu/cortex-m)|-DUSE_ATOMIC
+ bump_postmortem (with bump_report)|-DUSE_POSTMORTEM
+ bump_mpu_guard (port/cpu/cortex-m; M0: returns false)|-DUSE_MPU"
# The arena, the adapters, and each port built for Cortex-M (the mmap and
# RISC-V ports are for other machines).
folders="src $(ls -d port/*/*/ | sed 's,/$,,' | grep -v -e '^port/memory/mmap$' -e '^port/cpu/riscv$')"

echo "flash bytes (an image: the sections it loads; a folder: text + data of its objects), arm-none-eabi-gcc $(arm-none-eabi-gcc -dumpfullversion) $opt, per core"
echo
printf '| what an image uses |'; for c in "$@"; do printf ' %s |' "$c"; done; echo
printf '| --- |'; for c in "$@"; do printf ' ---: |'; done; echo
echo "$rows" | while IFS='|' read -r what flags; do
    printf '| %s |' "$what"
    for c in "$@"; do
        base=$(image "$c" -DUSE_INIT -DUSE_ALLOC)
        if [ "$flags" = "-DUSE_INIT -DUSE_ALLOC" ]; then
            printf ' %s |' "$(init_alloc "$c")"
        else
            # shellcheck disable=SC2086
            printf ' %s |' $(($(image "$c" -DUSE_INIT -DUSE_ALLOC $flags) - base))
        fi
    done
    echo
done
printf '| the arena: src/ but the adapters |'
for c in "$@"; do core_of_folder=$c; printf ' %s |' "$(folder "$c" src $(ls src/*.c | grep -v bump_hooks.c))"; done
echo
for d in $folders; do
    printf '| all of %s/ |' "$d"
    for c in "$@"; do core_of_folder=$c; printf ' %s |' "$(folder "$c" "$d")"; done
    echo
done
echo
echo "(\"+\" rows: the bytes that feature adds to an init+alloc image, which links port/cpu/cortex-m's"
echo " critical section: bump_init takes its lifetime in it; a copy of a mark is a memcpy on the M0.)"
