#!/bin/sh
# The linker fragments' promises, checked by linking (no QEMU needed):
# sizes come from one --defsym, "the rest of the region" works, and a misfit
# fails the link with a message naming what to change. Each check counts as
# one test; the last line is "linker fragments: N passed, N failed".
#   link_checks.sh WORKDIR
set -u
work=$1
mkdir -p "$work"
cc="arm-none-eabi-gcc -mcpu=cortex-m3 -mthumb -nostdlib -Wl,--gc-sections"
passed=0 failed=0
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
        echo "  ok   $name"
        passed=$((passed + 1))
    else
        echo "  FAIL $name (wanted: $expect)"
        printf '%s\n' "$out" | sed 's/^/       /' | head -10
        failed=$((failed + 1))
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
    if [ "$got" = "$want" ]; then echo "  ok   $name"; passed=$((passed + 1));
    else echo "  FAIL $name: $got bytes, wanted $want"; failed=$((failed + 1)); fi
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
check "the test image links (mps2-an385)" ok -Tlinker/test-image.ld -Lboard/mps2-an385
check "the test image refuses arenas that reach the stack" "starts at or above __bump_arena_limit" -Tlinker/test-image.ld -Lboard/mps2-an385 \
    -Wl,--defsym=__bump_heap_size=5M
echo "linker fragments: $passed passed, $failed failed"
[ $failed -eq 0 ]
