#!/bin/sh
# SPDX-License-Identifier: MIT
# make fuzz: libFuzzer on a copy of the seed corpus for SECONDS, then the
# grown corpus replayed by a coverage build and the coverage of src/ printed.
#
#   tests/fuzz/run.sh FUZZ_DIR SECONDS MAX_LEN
#   (FUZZ_DIR holds the fuzz_bump and replay-cov builds)
set -u
dir=$1 seconds=$2 max_len=$3
rm -rf "$dir/corpus" "$dir/profraw" && mkdir -p "$dir/corpus" "$dir/profraw" || exit 1
cp tests/fuzz/corpus/* "$dir/corpus/"
(cd "$dir" && ./fuzz_bump -max_total_time="$seconds" -max_len="$max_len" -print_final_stats=1 corpus 2>fuzz.log)
status=$?
grep -aE '^#[0-9]+[[:space:]]+DONE' "$dir/fuzz.log" | tail -n 1
grep -E '^stat::(number_of_executed_units|average_exec_per_sec|peak_rss_mb)' "$dir/fuzz.log"
if [ $status -ne 0 ]; then
    tail -n 60 "$dir/fuzz.log"
    echo "fuzz: FAILED (see $dir/fuzz.log)"
    exit 1
fi
echo "fuzz: corpus now $(ls "$dir/corpus" | wc -l) inputs"
LLVM_PROFILE_FILE="$dir/profraw/%p.profraw" "$dir/replay-cov" "$dir"/corpus/* >/dev/null
llvm-profdata-14 merge -sparse "$dir"/profraw/*.profraw -o "$dir/fuzz.profdata" || exit 1
llvm-cov-14 report "$dir/replay-cov" -instr-profile="$dir/fuzz.profdata" src/*.c src/*.h |
    awk '$1 == "TOTAL" { print "fuzz: src/ coverage: lines " $10 " of " $8 ", regions " $4 ", branches " $13 }'
