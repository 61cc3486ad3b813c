#!/bin/sh
# SPDX-License-Identifier: MIT
# The CMake build (CMakeLists.txt, board/cortex-m/arm-none-eabi.cmake) and the
# Makefile must build bump from the same sources with the same flags. The
# Makefile's side comes from the environment (tests/cmake/cmake.mk sets it);
# CMake's from the compile commands it generates for a host and a Cortex-M
# configuration of the top-level project.
#   MAKE_SRCS       every file of src/ and port/ the Makefile compiles
#   MAKE_WARNINGS   the flags of every host build (WARNINGS)
#   MAKE_FW_CFLAGS  those of the board images, with the core's -mcpu
#   DRIFT_CPU       that core
# Compared: the sets of sources, and per source the -W, -std, -f and -m flags
# (optimisation, -g, -I and -D are each build's own).
set -u
. tests/checks.sh
dir=$1
tree=$(pwd)

# configure NAME [cmake options]: prints "file<TAB>flags" per compiled file.
configure() {
    name=$1; shift
    rm -rf "$dir/$name"
    cmake -S . -B "$dir/$name" -DCMAKE_EXPORT_COMPILE_COMMANDS=ON -DBUMP_INSTALL=OFF "$@" >"$dir/$name.log" 2>&1 || return 1
    awk -v tree="$tree/" '
        /"command":/ { command = $0 }
        /"file":/ {
            file = $0; sub(/.*"file": *"/, "", file); sub(/".*/, "", file); sub(tree, "", file)
            n = split(command, words, " "); flags = ""
            for (i = 1; i <= n; i++) if (words[i] ~ /^-(W|std=|f|m)/) flags = flags " " words[i]
            print file "\t" flags
        }' "$dir/$name/compile_commands.json"
}

# same_set NAME MAKEFILE CMAKE: the two lists hold the same words, in any order.
same_set() {
    printf '%s\n' $2 | sort -u >"$dir/make.set"
    printf '%s\n' $3 | sort -u >"$dir/cmake.set"
    if cmp -s "$dir/make.set" "$dir/cmake.set"; then
        check_result ok "$1"
    else
        check_result FAIL "$1" "only in the Makefile: $(comm -23 "$dir/make.set" "$dir/cmake.set" | tr '\n' ' ')
only in CMake: $(comm -13 "$dir/make.set" "$dir/cmake.set" | tr '\n' ' ')"
    fi
}

mkdir -p "$dir"
host=$(configure host) || { check_result FAIL "cmake configures (host)" "$(tail -n 20 "$dir/host.log")"; }
cross=$(configure cross -DCMAKE_TOOLCHAIN_FILE="$tree/board/cortex-m/arm-none-eabi.cmake" \
    -DBUMP_CORTEX_M_CPU="$DRIFT_CPU") || { check_result FAIL "cmake configures (cross)" "$(tail -n 20 "$dir/cross.log")"; }

same_set "same sources" "$MAKE_SRCS" "$(printf '%s\n%s\n' "$host" "$cross" | cut -f1)"
for side in host cross; do
    if [ $side = host ]; then lines=$host want=$MAKE_WARNINGS; else lines=$cross want=$MAKE_FW_CFLAGS; fi
    [ -n "$lines" ] || continue
    printf '%s\n' "$lines" | while IFS="$(printf '\t')" read -r file flags; do
        same_set "same flags ($side): $file" "$want" "$flags"
        echo "$checks_passed $checks_failed" >"$dir/counts"
    done
    read -r checks_passed checks_failed <"$dir/counts"
done
check_summary "cmake drift"
