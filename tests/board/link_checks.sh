#!/bin/sh
# SPDX-License-Identifier: MIT
# The linker fragments' promises, checked by linking (no QEMU needed):
# every size symbol takes PROVIDE, a plain assignment and --defsym, "the rest
# of the region" works, a misfit, a missing REGION_ALIAS and an arena at
# address 0 each fail the link with a message naming what to change, and a
# Cortex-M0 image needs port/cpu/cortex-m only for bump_alloc_atomic.
# Each check counts as one test; the last line is
# "linker fragments: N passed, N failed".
#   link_checks.sh WORKDIR
set -u
work=$1
. "$(dirname "$0")/../checks.sh"
mkdir -p "$work"
cc="arm-none-eabi-gcc -mcpu=cortex-m3 -mthumb -nostdlib -Wl,--gc-sections"
printf 'void Reset_Handler(void);\nvoid Reset_Handler(void) { for (;;) { } }\n' >"$work/reset.c"

# A user's own script: MEMORY, the region choice, one INCLUDE, one named arena.
cat >"$work/user.ld" <<'LD'
MEMORY
{
    FLASH (rx)  : ORIGIN = 0x00000000, LENGTH = 256K
    RAM   (rwx) : ORIGIN = 0x20000000, LENGTH = 64K
    RAM2  (rwx) : ORIGIN = 0x21000000, LENGTH = 1M
}
REGION_ALIAS("BUMP_ARENA_REGION", RAM);
PROVIDE(__bump_dma_size = 2K);
SECTIONS
{
    .text : { *(.text*) } > FLASH
    .bss (NOLOAD) : { *(.bss*) } > RAM
    INCLUDE bump_section.ld
    .bump_dma (NOLOAD) : ALIGN(8)
    {
        __bump_dma_start = .;
        BUMP_ARENA_SIZE = __bump_dma_size;
        INCLUDE bump_arena.ld
        __bump_dma_end = .;
    } > RAM2
}
LD

# name, expected: "ok" or a text the link error must contain, then link flags
check() {
    name=$1 expect=$2; shift 2
    rm -f "$work/image.elf" # a failed link leaves no image for sized to read
    out=$($cc "$work/reset.c" -Llinker "$@" -o "$work/image.elf" 2>&1)
    status=$?
    if [ "$expect" = ok ] && [ $status -eq 0 ]; then
        result=ok
    elif [ "$expect" != ok ] && [ $status -ne 0 ] && printf '%s' "$out" | grep -qF -- "$expect"; then
        result=ok
    else
        result=FAIL
    fi
    if [ $result = ok ]; then
        check_result ok "$name"
    else
        check_result FAIL "$name (wanted: $expect)" "$(printf '%s\n' "$out" | head -10)"
    fi
}

# The size of a section in the last image, in bytes.
span() {
    arm-none-eabi-nm "$work/image.elf" | awk -v s="__bump_$1_start" -v e="__bump_$1_end" \
        '$3 == s { a = $1 } $3 == e { b = $1 } END { printf "%d\n", ("0x" b) - ("0x" a) }'
}
sized() {
    name=$1 section=$2 want=$3
    got=$(span "$section")
    if [ "$got" = "$want" ]; then check_result ok "$name"
    else check_result FAIL "$name: $got bytes, wanted $want"; fi
}

check "default arena links with its default size" ok -T"$work/user.ld"
sized "default arena is 4 KiB unless set" arena 4096
sized "named arena has its PROVIDEd size" dma 2048
check "one --defsym sets each size" ok -T"$work/user.ld" -Wl,--defsym=__bump_arena_size=32K \
    -Wl,--defsym=__bump_dma_size=100K
sized "  the default arena is 32 KiB" arena 32768
sized "  the named arena is 100 KiB" dma 102400
{ cat "$work/user.ld"; echo '__bump_arena_size = 16K;'; } >"$work/user-line.ld"
check "one line anywhere in the script sets the size" ok -T"$work/user-line.ld"
sized "  the default arena is 16 KiB" arena 16384
check "__bump_arena_limit takes the rest of the region" ok -T"$work/user.ld" \
    -Wl,--defsym=__bump_arena_limit=0x20010000
sized "  the default arena ends at the limit" arena 65536
check "a default arena too big names __bump_arena_size" "lower __bump_arena_size" -T"$work/user.ld" \
    -Wl,--defsym=__bump_arena_size=65K
check "a named arena too big names its section and region" "section \`.bump_dma' will not fit in region \`RAM2'" \
    -T"$work/user.ld" -Wl,--defsym=__bump_dma_size=2M
check "the test image links (mps2-an385)" ok -Tboard/cortex-m/image.ld -Lboard/cortex-m -Lboard/mps2-an385
check "the test image refuses arenas that reach the stack" "starts at or above __bump_arena_limit" -Tboard/cortex-m/image.ld -Lboard/cortex-m -Lboard/mps2-an385 \
    -Wl,--defsym=__bump_heap_size=5M

# Every size symbol of every fragment takes the same three forms, set before
# the INCLUDEs: PROVIDE(sym = X);, a plain sym = X;, and --defsym. The script
# puts .bump_arena first in RAM (at its origin, so a limit gives a known size),
# then .bump_heap, and the named arena .bump_dma in RAM2.
#   form_script FILE LINES...   (the lines go before SECTIONS)
form_script() {
    file=$1; shift
    {
        cat <<'LD'
MEMORY
{
    FLASH (rx)  : ORIGIN = 0x00000000, LENGTH = 256K
    RAM   (rwx) : ORIGIN = 0x20000000, LENGTH = 256K
    RAM2  (rwx) : ORIGIN = 0x21000000, LENGTH = 1M
}
REGION_ALIAS("BUMP_ARENA_REGION", RAM);
REGION_ALIAS("BUMP_HEAP_REGION", RAM);
LD
        printf '%s\n' "$@"
        cat <<'LD'
SECTIONS
{
    .text : { *(.text*) } > FLASH
    INCLUDE bump_section.ld
    INCLUDE bump_sbrk.ld
    .bump_dma (NOLOAD) : ALIGN(8)
    {
        __bump_dma_start = .;
        BUMP_ARENA_SIZE = __bump_dma_size;
        INCLUDE bump_arena.ld
        __bump_dma_end = .;
    } > RAM2
}
LD
    } >"$file"
}
# form, then the three sizes in KiB (default arena, heap, named arena): each
# form gets its own sizes, so no check can pass on an earlier image.
sizes_in_form() {
    form=$1 arena=$2 heap=$3 dma=$4
    case $form in
    PROVIDE)
        form_script "$work/form.ld" "PROVIDE(__bump_arena_size = ${arena}K);" \
            "PROVIDE(__bump_heap_size = ${heap}K);" "PROVIDE(__bump_dma_size = ${dma}K);"
        check "PROVIDE(sym = X); before the INCLUDEs sets each size" ok -T"$work/form.ld" ;;
    plain)
        form_script "$work/form.ld" "__bump_arena_size = ${arena}K;" \
            "__bump_heap_size = ${heap}K;" "__bump_dma_size = ${dma}K;"
        check "sym = X; before the INCLUDEs sets each size" ok -T"$work/form.ld" ;;
    defsym)
        form_script "$work/form.ld"
        check "--defsym=sym=X sets each size (nothing in the script)" ok -T"$work/form.ld" \
            "-Wl,--defsym=__bump_arena_size=${arena}K" "-Wl,--defsym=__bump_heap_size=${heap}K" \
            "-Wl,--defsym=__bump_dma_size=${dma}K" ;;
    esac
    sized "  bump_section.ld: __bump_arena_size, ${arena} KiB" arena $((arena * 1024))
    sized "  bump_sbrk.ld: __bump_heap_size, ${heap} KiB" heap $((heap * 1024))
    sized "  bump_arena.ld: __bump_dma_size, ${dma} KiB" dma $((dma * 1024))
}
sizes_in_form PROVIDE 12 24 6
sizes_in_form plain 20 28 10
sizes_in_form defsym 36 44 14
# __bump_arena_limit, the other way to size the default arena, in each form.
# The named arena needs a size in every script.
form_script "$work/form.ld" "PROVIDE(__bump_arena_limit = 0x20008000);" "__bump_dma_size = 1K;"
check "PROVIDE(__bump_arena_limit = X); before the INCLUDE takes effect" ok -T"$work/form.ld"
sized "  the default arena ends at the limit, 32 KiB" arena 32768
form_script "$work/form.ld" "__bump_arena_limit = 0x2000C000;" "__bump_dma_size = 1K;"
check "__bump_arena_limit = X; before the INCLUDE takes effect" ok -T"$work/form.ld"
sized "  the default arena ends at the limit, 48 KiB" arena 49152
form_script "$work/form.ld" "__bump_dma_size = 1K;"
check "--defsym=__bump_arena_limit=X takes effect" ok -T"$work/form.ld" -Wl,--defsym=__bump_arena_limit=0x20010000
sized "  the default arena ends at the limit, 64 KiB" arena 65536
check "a limit below the arena's start fails the link, naming it" "starts at or above __bump_arena_limit" \
    -T"$work/form.ld" -Wl,--defsym=__bump_arena_limit=0x1fff0000

# Misuse fails the link with a message naming the fix. Without its
# REGION_ALIAS, ld only warns ("memory region ... not declared"), makes the
# region up at address 0 with no end, and puts the section there, on top of
# whatever else is at 0; an arena at 0 is a null pointer that bump_init
# refuses. Each script below is the whole one (every fragment, every alias,
# a region ITCM at 0 besides FLASH and RAM) with one line changed.
#   misuse_script DMA_REGION LINES...  (.bump_dma's region; the lines go
#                                       before SECTIONS)
alias_arena='REGION_ALIAS("BUMP_ARENA_REGION", RAM);'
alias_heap='REGION_ALIAS("BUMP_HEAP_REGION", RAM);'
alias_noinit='REGION_ALIAS("BUMP_NOINIT_REGION", RAM);'
misuse_script() {
    dma_region=$1; shift
    {
        cat <<'LD'
MEMORY
{
    ITCM  (rwx) : ORIGIN = 0x00000000, LENGTH = 64K
    FLASH (rx)  : ORIGIN = 0x08000000, LENGTH = 256K
    RAM   (rwx) : ORIGIN = 0x20000000, LENGTH = 64K
}
LD
        printf '%s\n' "$@"
        cat <<LD
SECTIONS
{
    .text : { *(.text*) } > FLASH
    INCLUDE bump_noinit.ld
    INCLUDE bump_sbrk.ld
    .bump_dma (NOLOAD) : ALIGN(8)
    {
        __bump_dma_start = .;
        BUMP_ARENA_SIZE = 1K;
        INCLUDE bump_arena.ld
        __bump_dma_end = .;
    } > $dma_region
    INCLUDE bump_section.ld
}
LD
    } >"$work/misuse.ld"
}
# An object in .noinit, so that its section has an address to check.
printf 'int boot_count __attribute__((section(".noinit")));\n' >"$work/noinit.c"
misuse_script RAM "$alias_arena" "$alias_heap" "$alias_noinit"
check "every fragment with its alias links (the misuse checks' baseline)" ok -T"$work/misuse.ld" "$work/noinit.c"
# The line a message names, pasted above SECTIONS as it says, must link.
fix_named() {
    fix=$(printf '%s\n' "$out" | sed -n 's/.*add the line \(REGION_ALIAS([^;]*;\).*/\1/p' | head -1)
    misuse_script RAM "$@" "$fix"
    check "  the line it names, as it says, links: $fix" ok -T"$work/misuse.ld" "$work/noinit.c"
}
misuse_script RAM "$alias_heap" "$alias_noinit"
check "bump_section.ld without its alias fails the link, naming the REGION_ALIAS to add" \
    "add the line REGION_ALIAS(BUMP_ARENA_REGION , RAM); above SECTIONS" -T"$work/misuse.ld" "$work/noinit.c"
fix_named "$alias_heap" "$alias_noinit"
misuse_script RAM "$alias_arena" "$alias_noinit"
check "bump_sbrk.ld without its alias fails the link, naming the REGION_ALIAS to add" \
    "add the line REGION_ALIAS(BUMP_HEAP_REGION , RAM); above SECTIONS" -T"$work/misuse.ld" "$work/noinit.c"
fix_named "$alias_arena" "$alias_noinit"
misuse_script RAM "$alias_arena" "$alias_heap"
check "bump_noinit.ld without its alias fails the link, naming the REGION_ALIAS to add" \
    "add the line REGION_ALIAS(BUMP_NOINIT_REGION , RAM); above SECTIONS" -T"$work/misuse.ld" "$work/noinit.c"
fix_named "$alias_arena" "$alias_heap"
misuse_script NO_SUCH_RAM "$alias_arena" "$alias_heap" "$alias_noinit"
check "a named arena in an undeclared region fails the link (bump_arena.ld)" \
    "bump: an arena starts at address 0" -T"$work/misuse.ld" "$work/noinit.c"
misuse_script ITCM "$alias_arena" "$alias_heap" "$alias_noinit"
check "a named arena at address 0 fails the link (bump_arena.ld)" \
    "bump: an arena starts at address 0" -T"$work/misuse.ld" "$work/noinit.c"
misuse_script RAM 'REGION_ALIAS("BUMP_ARENA_REGION", ITCM);' "$alias_heap" "$alias_noinit"
check "the default arena at address 0 fails the link (bump_section.ld)" \
    "bump: an arena starts at address 0" -T"$work/misuse.ld" "$work/noinit.c"
misuse_script RAM "$alias_arena" 'REGION_ALIAS("BUMP_HEAP_REGION", ITCM);' "$alias_noinit"
check "newlib's heap at address 0 fails the link (bump_sbrk.ld)" \
    "bump: an arena starts at address 0" -T"$work/misuse.ld" "$work/noinit.c"
misuse_script RAM "$alias_arena" "$alias_heap" 'REGION_ALIAS("BUMP_NOINIT_REGION", ITCM);'
check "a .noinit object at address 0 fails the link (bump_noinit.ld)" \
    "bump: .noinit starts at address 0" -T"$work/misuse.ld" "$work/noinit.c"

# What a Cortex-M0 image must link, with plain flags (no -ffunction-sections,
# no --gc-sections: every function of each file is kept): src/bump.c alone
# needs no CPU port; bump_alloc_atomic (src/bump_atomic.c) needs one there,
# and without port/cpu/cortex-m the link fails naming the missing hook. newlib's
# libc supplies memset and memmove.
cat >"$work/plain.c" <<'C'
#include "bump.h"
static unsigned char region[256];
int plain_app(void);
int plain_app(void)
{
    bump_t a;
    return bump_init(&a, region, sizeof region) && bump_alloc(&a, 16, 8) != NULL;
}
C
cat >"$work/atomic.c" <<'C'
#include "bump.h"
static unsigned char region[256];
int atomic_app(void);
int atomic_app(void)
{
    bump_t a;
    return bump_init(&a, region, sizeof region) && bump_alloc_atomic(&a, 16, 8) != NULL;
}
C
cc_gc=$cc
cc="arm-none-eabi-gcc -mcpu=cortex-m0 -mthumb -Os -std=c11 -Wall -Wextra -Wpedantic -Wconversion -Wshadow -Werror -Isrc -nostdlib"
check "cortex-m0, bump_init without a CPU port: the link names bump_port_critical_enter" \
    "undefined reference to \`bump_port_critical_enter'" -T"$work/user.ld" "$work/plain.c" src/bump.c -lc
check "cortex-m0, bump_init and bump_alloc with port/cpu/cortex-m/bump_critical.c link" ok -T"$work/user.ld" \
    "$work/plain.c" src/bump.c port/cpu/cortex-m/bump_critical.c -lc
check "cortex-m0, bump_alloc_atomic without port/cpu/cortex-m: the link names bump_port_critical_enter" \
    "undefined reference to \`bump_port_critical_enter'" -T"$work/user.ld" \
    "$work/atomic.c" src/bump.c src/bump_atomic.c -lc
check "cortex-m0, bump_alloc_atomic with port/cpu/cortex-m/bump_critical.c links" ok -T"$work/user.ld" \
    "$work/atomic.c" src/bump.c src/bump_atomic.c port/cpu/cortex-m/bump_critical.c -lc
cc=$cc_gc

# bump_sbrk's heap bumps down: full newlib's malloc, which needs an upward
# break, is refused by bump_sbrk.ld; newlib-nano's links (picolibc's is
# proven by the qemu-picolibc-B runs, which need its package).
cat >"$work/heap.c" <<'C'
#include <stdlib.h>
int main(void);
int main(void) { return malloc(16) != NULL; }
C
cc="arm-none-eabi-gcc -mcpu=cortex-m3 -mthumb -Wl,--gc-sections -Isrc -Iport/memory/newlib"
heap_srcs="$work/heap.c port/memory/newlib/bump_sbrk.c src/bump.c"
check "bump_sbrk with full newlib's malloc fails the link, naming the specs" "link with --specs=nano.specs or --specs=picolibc.specs" \
    -Tboard/cortex-m/image.ld -Lboard/cortex-m -Lboard/mps2-an385 --specs=rdimon.specs $heap_srcs
check "bump_sbrk with newlib-nano's malloc links" ok \
    -Tboard/cortex-m/image.ld -Lboard/cortex-m -Lboard/mps2-an385 --specs=nano.specs --specs=rdimon.specs $heap_srcs
cc=$cc_gc

check_summary "linker fragments"
