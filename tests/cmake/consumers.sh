#!/bin/sh
# SPDX-License-Identifier: MIT
# Builds tests/cmake/ (a project that uses bump) the ways a user brings bump
# in, and runs each result (sourced record: tests/checks.sh).
#
#   consumers.sh host DIR   add_subdirectory, FetchContent (from an archive of
#                           what the package needs: CMakeLists.txt src port
#                           linker), find_package after cmake --install, and
#                           pkg-config with the installed bump.pc; each is run
#   consumers.sh cross DIR  add_subdirectory with board/cortex-m/arm-none-eabi.cmake
#                           for mps2-an386: DIR/cross/consumer.elf, which the
#                           Makefile runs under QEMU; silent unless it fails
# Both check that bump_alloc_atomic is in an image only when the image calls it.
set -u
. tests/checks.sh
mode=$1
tree=$(pwd)
mkdir -p "$2" && dir=$(cd "$2" && pwd)

# step NAME LOG CMD...: runs CMD with its output in LOG; on failure records
# NAME as failed with the log's end, and returns 1.
step() {
    name=$1 log=$2; shift 2
    "$@" >"$log" 2>&1 && return 0
    check_result FAIL "$name" "$(tail -n 20 "$log")"
    return 1
}

# run NAME PROGRAM: the program's own summary must say 0 failed.
run() {
    if out=$("$2" 2>&1); then check_result ok "$1"; else check_result FAIL "$1" "$out"; fi
}

# has_atomic WANT FILE NAME: whether FILE defines bump_alloc_atomic must be WANT.
has_atomic() {
    if nm "$2" | grep -q ' T bump_alloc_atomic$'; then got=yes; else got=no; fi
    if [ "$got" = "$1" ]; then check_result ok "$3"; else check_result FAIL "$3" "bump_alloc_atomic in $2: $got"; return 1; fi
}

# consumer NAME BUILD [cmake -D options]: configures and builds tests/cmake.
consumer() {
    name=$1 build=$2; shift 2
    rm -rf "$build"
    step "$name: configure" "$build.log" cmake -S tests/cmake -B "$build" -DBUMP_TREE="$tree" "$@" &&
        step "$name: build" "$build.log" cmake --build "$build"
}

case $mode in
host)
    rm -f "$dir/bump-src.tar.gz"
    tar -czf "$dir/bump-src.tar.gz" CMakeLists.txt src port linker
    for how in subdirectory fetchcontent; do
        if consumer "cmake $how" "$dir/$how" -DBUMP_CONSUMER_MODE=$how -DBUMP_ARCHIVE="$dir/bump-src.tar.gz"; then
            run "cmake $how: runs" "$dir/$how/consumer"
            has_atomic no "$dir/$how/consumer" "cmake $how: bump_atomic.c's object not linked when not called"
        fi
    done
    prefix=$dir/prefix
    rm -rf "$dir/bump" "$prefix"
    if step "cmake --install" "$dir/install.log" sh -c \
        "cmake -S . -B '$dir/bump' && cmake --build '$dir/bump' && cmake --install '$dir/bump' --prefix '$prefix'"; then
        if consumer "cmake find_package" "$dir/package" -DBUMP_CONSUMER_MODE=package -DCMAKE_PREFIX_PATH="$prefix"; then
            run "cmake find_package: runs" "$dir/package/consumer"
        fi
        # The version file refuses a package older than the one asked for.
        if cmake -S tests/cmake -B "$dir/package-too-new" -DBUMP_TREE="$tree" -DBUMP_CONSUMER_MODE=package \
            -DCMAKE_PREFIX_PATH="$prefix" -DBUMP_WANTED=99.0 >"$dir/package-too-new.log" 2>&1; then
            check_result FAIL "cmake find_package(bump 99.0) is refused"
        else
            check_result ok "cmake find_package(bump 99.0) is refused"
        fi
        if step "pkg-config: build" "$dir/pkg-config.log" sh -c "cc -std=c11 -Itests/harness -DCONSUMER_LABEL='\"pkg-config\"' \
            tests/cmake/consumer.c tests/harness/harness.c \$(PKG_CONFIG_PATH='$prefix/lib/pkgconfig' pkg-config --cflags --libs bump) \
            -o '$dir/pkg-config-consumer'"; then
            run "pkg-config: runs" "$dir/pkg-config-consumer"
        fi
    fi
    check_summary "cmake host"
    ;;
cross)
    # A build step, not a part: any failure fails the build, with the reason.
    consumer "cmake cross" "$dir/cross" -DBUMP_CONSUMER_MODE=subdirectory \
        -DCMAKE_TOOLCHAIN_FILE="$tree/board/cortex-m/arm-none-eabi.cmake" -DBUMP_CORTEX_M_CPU=cortex-m4 || exit 1
    has_atomic yes "$dir/cross/consumer.elf" "cmake cross: bump_atomic.c's object linked when called" >/dev/null || {
        echo "cmake cross: bump_alloc_atomic is called but not in $dir/cross/consumer.elf"
        exit 1
    }
    ;;
esac
