#!/bin/sh
# SPDX-License-Identifier: MIT
# Instructions per allocation of each host peer, counted by callgrind:
# host_bench's `count` mode runs each round_<peer> function twice (warm, then
# measured) over 10,000 allocations, so a peer's figure is its inclusive
# instructions / 20,000, less the empty loop's (round_baseline). Prints a
# table with ratios to the inlined bump_alloc.
#
#   tests/bench/callgrind.sh HOST_BENCH OUT_FILE
set -eu
valgrind --tool=callgrind --callgrind-out-file="$2" "$1" count >/dev/null 2>&1
echo "| allocator | instructions per allocation (callgrind) | vs bump_alloc |"
echo "| --- | ---: | ---: |"
callgrind_annotate --inclusive=yes --threshold=100 "$2" 2>/dev/null | tr -d , | awk '
    /round_/ {
        n = $1 / 20000; sub(/.*round_/, "", $0); sub(/ .*/, "", $0)
        if ($0 == "baseline") loop = n; else { name[++k] = $0; ir[k] = n }
    }
    END {
        for (i = 1; i <= k; i++) { ir[i] -= loop; if (name[i] == "bump_inline") base = ir[i] }
        for (i = 1; i <= k; i++) printf "| %s | %.1f | %.1fx |\n", name[i], ir[i], ir[i] / base
        printf "\n(the loop itself, %.1f instructions per turn, is subtracted; release costs are included)\n", loop
    }'
