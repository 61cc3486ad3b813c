#!/bin/sh
# SPDX-License-Identifier: MIT
# What a user's mistakes at build time get, by compiling small programs with
# each compiler we support: a language mode too old fails with one #error
# line that says what is needed; an ignored result that must not be ignored
# warns, and a (void) cast silences it. The last line is
# "misuse: N passed, N failed".
set -u
cd "$(dirname "$0")/../.."
. tests/checks.sh
t=$(mktemp -d); trap 'rm -rf "$t"' EXIT

cat >"$t/use.c" <<'C'
#include "bump.h"
static unsigned char mem[512];
int use(void);
int use(void)
{
    bump_t a;
    bump_mark_t m;
#ifdef IGNORE
    bump_init(&a, mem, sizeof mem);
    bump_alloc(&a, 8, 8);
    bump_zalloc(&a, 8, 8);
    bump_alloc_growable(&a, 8, 8);
    bump_resize(&a, NULL, 0, 8, 8);
    m = bump_mark(&a);
    bump_rewind(&a, m);
    bump_trim(&a, 0, 0);
#else
    (void)bump_init(&a, mem, sizeof mem);
    (void)bump_alloc(&a, 8, 8);
    (void)bump_zalloc(&a, 8, 8);
    (void)bump_alloc_growable(&a, 8, 8);
    (void)bump_resize(&a, NULL, 0, 8, 8);
    m = bump_mark(&a);
    (void)bump_rewind(&a, m);
    (void)bump_trim(&a, 0, 0);
#endif
    return 0;
}
C
cp "$t/use.c" "$t/use.cpp"
# A file that only includes the header: the header alone must give the one
# error, whatever the user's own code adds to it.
printf '#include "bump.h"\nint only;\n' >"$t/only.c"
cat >"$t/old.cpp" <<'C'
#include "bump.hpp"
int only;
C

# name, expected: "ok" (no diagnostic at all), "N warnings" (exactly N
# ignored-result warnings, nothing else) or an #error's text (exactly one
# error line, that one); then the command.
expect() {
    name=$1; want=$2; shift 2
    out=$("$@" 2>&1); status=$?
    errors=$(printf '%s\n' "$out" | grep -c 'error:')
    warnings=$(printf '%s\n' "$out" | grep -c 'warning:.*\(nodiscard\|warn_unused_result\)')
    others=$(printf '%s\n' "$out" | grep -c 'warning:')
    case $want in
    ok) [ $status -eq 0 ] && [ -z "$out" ] ;;
    *warnings) n=${want% warnings}; [ $status -eq 0 ] && [ "$warnings" -eq "$n" ] && [ "$others" -eq "$n" ] ;;
    *) [ $status -ne 0 ] && [ "$errors" -eq 1 ] && printf '%s\n' "$out" | grep -q "error: .*$want" ;;
    esac
    if [ $? -eq 0 ]; then check_result ok "$name"; else check_result FAIL "$name" "$out"; fi
}

c_flags="-Wall -Wextra -Wpedantic -Wconversion -Wshadow -Isrc -c"
for cc in gcc clang arm-none-eabi-gcc; do
    expect "$cc -std=c11: results used or cast to void, no warning" ok $cc -std=c11 $c_flags "$t/use.c" -o "$t/o"
    expect "$cc -std=c11: seven ignored results, seven warnings" "7 warnings" $cc -std=c11 $c_flags -DIGNORE "$t/use.c" -o "$t/o"
    expect "$cc -std=gnu99: one #error naming C11" "bump needs C11" $cc -std=gnu99 -Isrc -c "$t/only.c" -o "$t/o"
    expect "$cc -std=c89: one #error naming C11" "bump needs C11" $cc -std=c89 -Isrc -c "$t/only.c" -o "$t/o"
done
expect "gcc -std=c2x: seven ignored results, seven warnings" "7 warnings" gcc -std=c2x $c_flags -DIGNORE "$t/use.c" -o "$t/o"
for cxx in g++ clang++; do
    expect "$cxx -std=c++17: results used or cast to void, no warning" ok $cxx -std=c++17 -Wall -Wextra -Wpedantic -Isrc -c "$t/use.cpp" -o "$t/o"
    expect "$cxx -std=c++17: seven ignored results, seven warnings" "7 warnings" $cxx -std=c++17 -Wall -Wextra -Wpedantic -Isrc -DIGNORE -c "$t/use.cpp" -o "$t/o"
    expect "$cxx -std=c++14 with bump.hpp: one #error naming C++17" "bump.hpp needs C++17" $cxx -std=c++14 -Isrc -c "$t/old.cpp" -o "$t/o"
done
check_summary misuse
