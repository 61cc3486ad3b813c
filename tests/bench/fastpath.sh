#!/bin/sh
# SPDX-License-Identifier: MIT
# The fast-path and code-size figures, measured from the compilers'
# own output (never typed in). Prints a table; with --check, also one line
# "fastpath: N passed, N failed", one test per target.
#
#   targets: an inlined bump_alloc(a, 16, 8) call site at -O2 needs at most
#   6 instructions on its success path and 11 in all on Cortex-M3/M4 (10 and
#   16 on Cortex-M0), at most 7 on its success path on RV32 (rv32imac,
#   rv32imc), at most 12 in all on x86-64, and bump_alloc(a, n, 8) as a
#   function at most 11 in all on x86-64; the called paths (a wrapper around
#   bump_alloc with size and alignment unknown, and bump_alloc_slow) at most
#   13 from entry to return on Cortex-M3/M4 with gcc, the wrapper 12 and
#   bump_alloc_slow 14 with clang; at -Os for Cortex-M0 the arena is under
#   1.625 KiB and the adapters (with their reuse lists) under 2 KiB. The image
#   bump_init and one constant allocation cost (make size's count) is guarded
#   at its measured 238 bytes, so that it cannot grow unseen
#   (tests/bench/README.md accounts for every byte).
#   The floor's bounds test is the carry of p + floor_neg (a zero-initialised
#   bump_t has no room: bump.h): one cmn on Thumb-2, as the comparison it
#   replaces; on Thumb-1 GCC 12 computes the sum and compares it (one more
#   instruction), and RISC-V, without flags, needs an add before its branch.
set -u
cd "$(dirname "$0")/../.."
check=0; [ "${1:-}" = "--check" ] && check=1
t=$(mktemp -d); trap 'rm -rf "$t"' EXIT
. tests/checks.sh
verdict() { # name value limit (value must be <= limit)
    if [ "$2" -le "$3" ]; then check_result ok "$1: $2 (target <= $3)"
    else check_result FAIL "$1: $2 (target <= $3)"; fi
}

cat >"$t/probe.c" <<'C'
#include "bump.h"
void *probe(bump_t *a) { return bump_alloc(a, 16, 8); }
void *probe_any(bump_t *a, size_t n, size_t align) { return bump_alloc(a, n, align); }
void *probe_sized(bump_t *a, size_t n) { return bump_alloc(a, n, 8); }
C
# Instructions of a function: in all, and executed on the success path. The
# success path is every path from the entry that meets no hand-off
# (bump_alloc_slow, _failed, _refused): the walk tries both ways at each
# conditional branch, so it does not depend on where the compiler places the
# refusal, and a refusal placed before the success tail is never counted. It
# counts to the store of the new top (`str`: for an inlined site, what
# follows is returning the pointer, which a call site folds into its own
# code) or, for a called function (`ret`), to the return, included. An
# instruction inside an IT block counts whether or not it executes, as under
# QEMU's -icount. Of several such paths, the longest.
count_arm() { # cpu source function str|ret [compiler] -> "total success"
    ${5:-arm-none-eabi-gcc} -mcpu="$1" -mthumb -O2 -std=c11 -ffreestanding -Isrc -c "$2" -o "$t/p.o" || return 1
    arm-none-eabi-objdump -d --no-show-raw-insn "$t/p.o" | awk -v fn="<$3>:" -v stop="$4" '
        $2==fn {on=1; next} on && /^$/ {exit}
        on && /^ *[0-9a-f]+:/ && !/\tnop/ {
            n++; addr[n] = $1; sub(":", "", addr[n]); op[n] = $2; line[n] = $0; tgt[n] = $3
        }
        function index_of(a,   i) { for (i = 1; i <= n; i++) if (addr[i] == a) return i; return 0 }
        function is_ret(i) { # bx lr, a pop into pc, or a load of pc
            return op[i] ~ /^bx/ || (op[i] ~ /^(pop|ldmia)/ && line[i] ~ /pc}/) || (op[i] ~ /^ldr/ && tgt[i] ~ /^pc,/)
        }
        function is_cond_branch(i) { return op[i] ~ /^(b[a-z][a-z](\.[nw])?|cbn?z)$/ && op[i] !~ /^(bl|bx|bic)/ }
        function target(i) { return index_of(op[i] ~ /^cb/ ? substr(tgt[i], index(tgt[i], ",") + 1) : tgt[i]) }
        # Instructions from i to the stop, the stop included; -1 when every
        # way from i reaches a hand-off first (or leaves the function).
        function walk(i, depth,   best, r) {
            if (i < 1 || i > n || depth > 64 || line[i] ~ /<bump_alloc_(slow|failed|refused)>/) return -1
            if ((stop == "str" && op[i] ~ /^str/) || (stop == "ret" && is_ret(i))) return 1
            if (op[i] ~ /^b(\.[nw])?$/) best = walk(target(i), depth + 1)
            else {
                best = walk(i + 1, depth + 1)
                if (is_cond_branch(i)) { r = walk(target(i), depth + 1); if (r > best) best = r }
            }
            return best < 0 ? -1 : best + 1
        }
        END { print n, walk(1, 0) }'
}
# RISC-V: the same walk, to the next function (objdump shows the local label
# of the hand-off, which is still probe). Conditional branches are b<cond>;
# the hand-off is a jump through auipc, named by its relocation; the store of
# the new top is sw.
count_riscv() { # -march -> "total success"
    riscv64-unknown-elf-gcc -march="$1" -mabi=ilp32 -O2 -std=c11 -ffreestanding -nostdinc \
        -isystem "$(riscv64-unknown-elf-gcc -print-file-name=include)" -Isrc -c "$t/probe.c" -o "$t/r.o" || return 1
    riscv64-unknown-elf-objdump -dr --no-show-raw-insn "$t/r.o" | awk '
        $2=="<probe>:" {on=1; next} on && /^[0-9a-f]+ <[^.]/ {exit}
        on && /R_RISCV_CALL/ && n { line[n] = line[n] " " $0; next }
        on && /^ *[0-9a-f]+:/ && !/\tnop/ {
            n++; addr[n] = $1; sub(":", "", addr[n]); op[n] = $2; line[n] = $0
            k = split($3, f, ","); tgt[n] = f[k]
        }
        function index_of(a,   i) { for (i = 1; i <= n; i++) if (addr[i] == a) return i; return 0 }
        function walk(i, depth,   best, r) {
            if (i < 1 || i > n || depth > 64 || line[i] ~ /bump_alloc_(slow|failed|refused)/ || op[i] == "ret") return -1
            if (op[i] == "sw") return 1
            if (op[i] == "j") best = walk(index_of(tgt[i]), depth + 1)
            else {
                best = walk(i + 1, depth + 1)
                if (op[i] ~ /^b(eq|ne|lt|ge|ltu|geu|eqz|nez|gt|le|gtu|leu|ltz|gez|gtz|lez)$/) {
                    r = walk(index_of(tgt[i]), depth + 1); if (r > best) best = r
                }
            }
            return best < 0 ? -1 : best + 1
        }
        END { print n, walk(1, 0) }'
}
count_x86() { # compiler [function] -> total
    $1 -O2 -std=c11 -Isrc -c "$t/probe.c" -o "$t/x.o" || return 1
    objdump -d --no-show-raw-insn "$t/x.o" | awk -v fn="<${2:-probe}>:" '
        $2==fn {on=1; next} on && /^$/ {exit}
        on && /^ *[0-9a-f]+:/ && !/nop/ && !/xchg   %ax,%ax/ {n++} END {print n}'
}

echo "bump fast path and size ($(git rev-parse --short HEAD 2>/dev/null), $(arm-none-eabi-gcc -dumpfullversion) arm-none-eabi-gcc, $(riscv64-unknown-elf-gcc -dumpfullversion) riscv64-unknown-elf-gcc, gcc $(gcc -dumpfullversion), $(clang --version | head -n 1), for the host and arm-none-eabi)"
echo
echo "| call site of bump_alloc(a, 16, 8), -O2 | success path | in all |"
echo "| --- | --- | --- |"
for cpu in cortex-m0 cortex-m3 cortex-m4 cortex-m7 cortex-m33; do
    set -- $(count_arm $cpu "$t/probe.c" probe str)
    echo "| $cpu | $2 | $1 |"
    eval "total_$(echo $cpu | tr -d -)=$1 success_$(echo $cpu | tr -d -)=$2"
done
for march in rv32imac rv32imc; do
    set -- $(count_riscv $march)
    echo "| $march | $2 | $1 |"
    eval "total_$march=$1 success_$march=$2"
done
x86_gcc=$(count_x86 gcc); x86_clang=$(count_x86 clang)
echo "| x86-64 gcc | | $x86_gcc |"
echo "| x86-64 clang | | $x86_clang |"
echo
# x86-64, a size known only at run time and the alignment 8 (make
# bench-host's loop, as a function): the whole function, its refusal's
# hand-off included.
x86_sized_gcc=$(count_x86 gcc probe_sized); x86_sized_clang=$(count_x86 clang probe_sized)
echo "| x86-64, bump_alloc(a, n, 8) called, -O2 | in all |"
echo "| --- | --- |"
echo "| gcc | $x86_sized_gcc |"
echo "| clang | $x86_sized_clang |"
echo

# clang for the same cores, with newlib's headers from the arm-none-eabi
# sysroot.
arm_clang="clang --target=arm-none-eabi -mfloat-abi=soft --sysroot=/usr/lib/arm-none-eabi -isystem /usr/lib/arm-none-eabi/include"

# The called paths, size and alignment known only at run time: a wrapper
# around bump_alloc, and bump_alloc_slow itself, each compiler's body from
# its entry to its return. make bench-qemu's row "called, size and alignment
# unknown" counts the call too: the caller's bl and the moves of the
# arguments its loop does not hold already (3 on Cortex-M3/M4:
# arm-none-eabi-objdump -d build/bench/mps2-an386-nano.elf, the loop around
# bench_called_any), so that row reads this body + 3.
echo "| called, size and alignment unknown, -O2: body to the return | gcc: wrapper around bump_alloc | gcc: bump_alloc_slow | clang: wrapper | clang: bump_alloc_slow |"
echo "| --- | --- | --- | --- | --- |"
for cpu in cortex-m0 cortex-m3 cortex-m4 cortex-m7 cortex-m33; do
    v=$(echo $cpu | tr -d -)
    set -- $(count_arm $cpu "$t/probe.c" probe_any ret); any=$2
    set -- $(count_arm $cpu src/bump.c bump_alloc_slow ret); slow=$2
    set -- $(count_arm $cpu "$t/probe.c" probe_any ret "$arm_clang"); any_clang=$2
    set -- $(count_arm $cpu src/bump.c bump_alloc_slow ret "$arm_clang"); slow_clang=$2
    echo "| $cpu | $any | $slow | $any_clang | $slow_clang |"
    eval "any_$v=$any slow_$v=$slow any_clang_$v=$any_clang slow_clang_$v=$slow_clang"
done
echo

# The inlined call site compiled by clang, beside gcc's figures.
echo "| call site of bump_alloc(a, 16, 8), clang -O2 | success path | in all | gcc: success path | gcc: in all |"
echo "| --- | --- | --- | --- | --- |"
for cpu in cortex-m0 cortex-m3 cortex-m4 cortex-m7 cortex-m33; do
    set -- $(count_arm $cpu "$t/probe.c" probe str "$arm_clang")
    v=$(echo $cpu | tr -d -)
    eval "echo \"| $cpu | $2 | $1 | \$success_$v | \$total_$v |\""
done
echo

# src/ at -Os for Cortex-M0: the arena (every .c but the adapters, which an
# image builds only to put a library on an arena) and the adapters.
core_bytes=0; hooks_bytes=0
for f in src/*.c; do
    arm-none-eabi-gcc -mcpu=cortex-m0 -mthumb -Os -std=c11 -ffreestanding -Isrc -c "$f" -o "$t/s.o"
    b=$(arm-none-eabi-size "$t/s.o" | awk 'NR==2 {print $1 + $2}')
    if [ "$f" = src/bump_hooks.c ]; then hooks_bytes=$((hooks_bytes + b)); else core_bytes=$((core_bytes + b)); fi
done

# What an image pays for bump_init and one constant allocation: make size's
# count (tests/bench/size.sh says how it is counted), so both print one figure.
image_bytes=$(tests/bench/size.sh --init-alloc cortex-m0) || { echo "fastpath: the init+alloc image does not link" >&2; exit 1; }
echo "| size, Cortex-M0, -Os | bytes |"
echo "| --- | --- |"
echo "| the arena: src/ but the adapters (text + data) | $core_bytes |"
echo "| the adapters, src/bump_hooks.c | $hooks_bytes |"
echo "| an image's cost of bump_init + bump_alloc (--gc-sections) | $image_bytes |"

if [ $check = 1 ]; then
    echo
    # Cortex-M0: 9 and 15 with a plain comparison of the floor, one more for
    # the carry test (see the top).
    verdict "cortex-m0 success path" "$success_cortexm0" 10
    verdict "cortex-m0 in all" "$total_cortexm0" 16
    verdict "cortex-m3 success path" "$success_cortexm3" 6
    verdict "cortex-m3 in all" "$total_cortexm3" 11
    verdict "cortex-m4 success path" "$success_cortexm4" 6
    verdict "cortex-m4 in all" "$total_cortexm4" 11
    # The called bodies, entry to return (make bench-qemu adds the call: see
    # the table). 12 is the least the checks need (tests/bench/README.md);
    # GCC 12 reaches 13, clang 14 reaches 12 in the wrapper and 14 in
    # bump_alloc_slow, whose refusal it does not tail-call (it knows that
    # bump_alloc_refused returns NULL): guarded so that none gets worse.
    verdict "cortex-m3 called path, size and align unknown" "$any_cortexm3" 13
    verdict "cortex-m4 called path, size and align unknown" "$any_cortexm4" 13
    verdict "cortex-m3 bump_alloc_slow" "$slow_cortexm3" 13
    verdict "cortex-m4 bump_alloc_slow" "$slow_cortexm4" 13
    verdict "cortex-m3 called path, size and align unknown, clang" "$any_clang_cortexm3" 12
    verdict "cortex-m4 called path, size and align unknown, clang" "$any_clang_cortexm4" 12
    verdict "cortex-m3 bump_alloc_slow, clang" "$slow_clang_cortexm3" 14
    verdict "cortex-m4 bump_alloc_slow, clang" "$slow_clang_cortexm4" 14
    verdict "rv32imac success path" "$success_rv32imac" 7
    verdict "rv32imc success path" "$success_rv32imc" 7
    verdict "x86-64 gcc in all" "$x86_gcc" 12
    verdict "x86-64 clang in all" "$x86_clang" 12
    verdict "x86-64 gcc bump_alloc(a, n, 8) in all" "$x86_sized_gcc" 11
    verdict "x86-64 clang bump_alloc(a, n, 8) in all" "$x86_sized_clang" 11
    # Guarded just above what they are, so that they cannot grow unseen.
    verdict "the arena on cortex-m0, bytes" "$core_bytes" 1663
    verdict "the adapters on cortex-m0, bytes" "$hooks_bytes" 2047
    verdict "the init+alloc image on cortex-m0, bytes" "$image_bytes" 238
    check_summary fastpath
fi
