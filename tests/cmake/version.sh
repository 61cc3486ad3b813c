#!/bin/sh
# SPDX-License-Identifier: MIT
# One version: the BUMP_VERSION macros of src/bump.h (as a compiler sees
# them), CMake's project version, the version file find_package reads and the
# Version of bump.pc (as pkg-config reads it, from the file CMake writes) all
# agree, and BUMP_VERSION spells MAJOR.MINOR.PATCH.
#   version.sh WORKDIR [TREE]   (TREE: the source tree, default .)
# The last line is "version: N passed, N failed".
set -u
. "$(dirname "$0")/../checks.sh"
dir=$1 tree=${2:-.}
rm -rf "$dir" && mkdir -p "$dir"

# bump.h through the preprocessor: a macro it does not define stays a name.
printf '#include "bump.h"\nmajor=BUMP_VERSION_MAJOR\nminor=BUMP_VERSION_MINOR\npatch=BUMP_VERSION_PATCH\nstring=BUMP_VERSION\n' >"$dir/version.c"
# Literal suffixes (0U) and adjacent string literals ("0" "." "2") folded.
macros=$(cc -std=c11 -E -P -I"$tree/src" "$dir/version.c" 2>"$dir/cpp.log" | grep -E '^(major|minor|patch|string)=' |
    sed -E 's/^(major|minor|patch)=\(?([0-9]+)[uUlL]*\)?$/\1=\2/; s/" *"//g; s/^string="(.*)"$/string=\1/')
value() { printf '%s\n' "$macros" | sed -n "s/^$1=//p"; }
major=$(value major) minor=$(value minor) patch=$(value patch) string=$(value string)
numbers="$major.$minor.$patch"
if printf '%s' "$numbers" | grep -qE '^[0-9]+\.[0-9]+\.[0-9]+$'; then
    check_result ok "bump.h: BUMP_VERSION_MAJOR, _MINOR and _PATCH are numbers: $numbers"
else
    check_result FAIL "bump.h: BUMP_VERSION_MAJOR, _MINOR and _PATCH are numbers" \
        "seen: $numbers $(cat "$dir/cpp.log")"
fi
if [ "$string" = "$numbers" ]; then
    check_result ok "bump.h: BUMP_VERSION is \"$string\""
else
    check_result FAIL "bump.h: BUMP_VERSION is \"$numbers\"" "seen: $string"
fi

# agrees NAME VALUE: VALUE is bump.h's version.
agrees() {
    if [ "$2" = "$numbers" ]; then
        check_result ok "$1 is bump.h's: $2"
    else
        check_result FAIL "$1 is bump.h's ($numbers)" "seen: ${2:-nothing}"
    fi
}
if cmake -S "$tree" -B "$dir/cmake" >"$dir/cmake.log" 2>&1; then
    agrees "CMake's project version" \
        "$(sed -n 's/^CMAKE_PROJECT_VERSION:STATIC=//p' "$dir/cmake/CMakeCache.txt")"
    agrees "find_package's version file" \
        "$(sed -n 's/^set(PACKAGE_VERSION "\(.*\)")$/\1/p' "$dir/cmake/bump-config-version.cmake")"
    agrees "bump.pc's Version (pkg-config --modversion)" \
        "$(PKG_CONFIG_PATH="$dir/cmake" pkg-config --modversion bump 2>&1)"
else
    check_result FAIL "cmake configures" "$(tail -n 20 "$dir/cmake.log")"
fi
check_summary "version"
