#!/bin/sh
# SPDX-License-Identifier: MIT
# Prints where each arena section of an image landed, from its linker map:
#   board/demo/arenas.sh build/<board>/demo.map
set -eu
echo "the arena sections in $1:"
grep -E '^\.bump_[a-z0-9_]+ +0x' "$1" | while read -r name address size rest; do
    printf '  %-12s at %s, %d bytes\n' "$name" "$address" "$((size))"
done
