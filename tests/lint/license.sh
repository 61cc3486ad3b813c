#!/bin/sh
# SPDX-License-Identifier: MIT
# The license: LICENSE is MIT's, and every source file (C, C++, headers,
# linker scripts, Makefiles, shell, Python, CMake, Rust, Lua) names it with
# an SPDX line in its first two lines (the second after a #! line). The
# last line is "license: N passed, N failed".
set -u
cd "$(dirname "$0")/../.."
. tests/checks.sh
if head -n 1 LICENSE 2>/dev/null | grep -qx 'MIT License'; then
    check_result ok "LICENSE is the MIT license"
else
    check_result FAIL "LICENSE is the MIT license"
fi
count=0 missing=
for f in $(find . -path ./build -prune -o -path ./.git -prune -o -type f \( -name '*.[ch]' -o -name '*.cpp' \
    -o -name '*.hpp' -o -name '*.ld' -o -name '*.mk' -o -name Makefile -o -name '*.sh' -o -name '*.py' \
    -o -name CMakeLists.txt -o -name '*.cmake' -o -name '*.rs' -o -name '*.lua' \) -print | sort); do
    count=$((count + 1))
    head -n 2 "$f" | grep -q 'SPDX-License-Identifier: MIT' || missing="$missing ${f#./}"
done
if [ -z "$missing" ] && [ $count -gt 0 ]; then
    check_result ok "an SPDX line in each of the $count source files"
else
    check_result FAIL "an SPDX line in each of the $count source files; none in:" "$(printf '%s\n' $missing)"
fi
check_summary "license"
