#!/bin/sh
# make fuzz-mutants: proves the fuzz model catches broken marks. For each line
# of LIST (tests/fuzz/mutants.txt) it copies src/ to DIR/<name>/src (src/ is
# never written), applies the line's perl substitution, builds the corpus
# replay against the copy and runs it over the corpus: the replay must FAIL.
# The unmutated copy is built and run first and must pass. Prints one line
# per mutant and "fuzz mutants: N passed, N failed" (passed = caught).
#
#   mutants.sh LIST DIR "CC AND FLAGS" "FUZZ SOURCES (src/... redirected)" CORPUS...
set -u
list=$1 dir=$2 cc=$3 srcs=$4
shift 4
passed=0 failed=0

# $1: the copy's folder. Builds its replay; runs it over the corpus.
# Prints build, pass or fail.
run_copy() {
    c=$1
    shift
    s=""
    for w in $cc $srcs; do
        case $w in src/*) s="$s $c/$w" ;; -Isrc) s="$s -I$c/src" ;; *) s="$s $w" ;; esac
    done
    # shellcheck disable=SC2086
    if ! $s -o "$c/replay" >"$c/build.log" 2>&1; then
        echo build
    elif timeout --kill-after=5 120 "$c/replay" "$@" >"$c/replay.log" 2>&1; then
        echo pass
    else
        echo fail
    fi
}

rm -rf "$dir" && mkdir -p "$dir/original" && cp -R src "$dir/original/src"
r=$(run_copy "$dir/original" "$@")
if [ "$r" != pass ]; then
    echo "fuzz mutants: the unmutated sources do not pass ($r; see $dir/original)"
    echo "fuzz mutants: 0 passed, 1 failed"
    exit 1
fi
while read -r name file expr; do
    case $name in '' | '#'*) continue ;; esac
    d=$dir/$name
    mkdir -p "$d" && cp -R src "$d/src"
    perl -0pi -e "$expr" "$d/src/$file"
    if cmp -s "src/$file" "$d/src/$file"; then
        echo "  $name: STALE (its substitution no longer matches src/$file)"
        failed=$((failed + 1))
        continue
    fi
    r=$(run_copy "$d" "$@")
    case $r in
    fail) echo "  $name: caught ($(grep -m1 -o 'model mismatch at line [0-9]*: .*' "$d/replay.log" || tail -n 1 "$d/replay.log"); $(tail -n 1 "$d/replay.log"))"
        passed=$((passed + 1)) ;;
    pass) echo "  $name: SURVIVED (the corpus replay passes)"; failed=$((failed + 1)) ;;
    *) echo "  $name: does not build (see $d/build.log)"; failed=$((failed + 1)) ;;
    esac
done <"$list"
echo "fuzz mutants: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
