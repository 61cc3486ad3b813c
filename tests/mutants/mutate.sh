#!/bin/sh
# SPDX-License-Identifier: MIT
# Mutation testing of src/: applies each mutant (a line, or a few) of a list to a
# copy of the sources under build/ (src/ itself is never written), builds the
# host suite like the Makefile's host-gcc variant and runs it, then, only if
# the suite still passes, the fuzz corpus replay (clang, ASan+UBSan, like
# fuzz-corpus-run), and reports per mutant whether a test failed (killed, and
# by which tests) or everything still passed (survived). A crash, a hang
# (MUT_TIMEOUT) or a log past 16 MiB counts as a kill. A mutant marked
# `killer: fuzz` skips the suite: the corpus replay alone must fail, which
# proves the fuzz model (tests/fuzz/fuzz_bump.c) catches it.
#
#   mutate.sh LIST [ID...]   the mutants of LIST (all, or only the IDs named)
#
# Environment (the Makefile's mutants target sets it from its own
# variables, so the builds follow the Makefile):
#   MUT_DIR         work directory (one folder per mutant), e.g. build/mutants
#   MUT_SRC         the sources to mutate (default src)
#   MUT_CC          the host suite's compiler and options (host-gcc)
#   MUT_CFLAGS      its warnings, includes and defines (paths under src/ are
#                   redirected to the mutated copy)
#   MUT_SRCS        its source files
#   MUT_FUZZ_CC, MUT_FUZZ_CFLAGS, MUT_FUZZ_SRCS, MUT_FUZZ_CORPUS
#                   the same for the corpus replay; MUT_FUZZ_CC empty: skipped
#   MUT_TIMEOUT     seconds per run before it counts as hung (a kill)
#
# The list is blocks of "key: value" lines, one block per mutant:
#   id:         a unique name
#   file:       the file, under src/
#   find:       the exact original line, or a substring of it, that occurs
#               exactly once in the file; \n stands for a line break, so
#               that find (and with) may span consecutive lines
#   occurrence: (optional) N: the Nth occurrence of find instead (for lines
#               that occur more than once, such as "arena->top = p;")
#   with:       its replacement (may be empty: the text is deleted)
#   why:        one line: what a test must notice
#   equivalent: (optional) why no test can tell it from the original; such a
#               mutant is run and reported but not counted
#   repeat:     (optional) N: run the suite up to N times, killed when any run
#               fails (for races that a run catches only when threads overlap)
#   cflags:     (optional) extra options for the suite's build, for code that
#               only such a build contains (-DBUMP_POISON_FILL=0xa5,
#               -fsanitize=address); the unmutated sources are checked with
#               them too
#   killer:     (optional) fuzz: the host suite is not built or run; the
#               mutant counts as killed only when the corpus replay fails
#               (no cflags, repeat or equivalent with it)
# Lines starting with # and blank lines separate nothing and are ignored.
#
# The last line is "mutants: N passed, N failed" (passed = killed). The exit
# status is non-zero when a counted mutant survived, when a mutant's find text
# is missing or not unique, when it does not build (the list is then stale),
# when a mutant marked equivalent is killed (the mark is wrong), or when the
# unmutated sources fail.
set -u -f # -f: no globbing of the list's text (it holds * and ?)
. "$(dirname "$0")/../checks.sh"

list=${1:?usage: mutate.sh LIST [ID...]}
shift
only=" $* "
dir=${MUT_DIR:-build/mutants}
src=${MUT_SRC:-src}
timeout_s=${MUT_TIMEOUT:-120}
: "${MUT_CC:?set by make mutants}" "${MUT_CFLAGS:?}" "${MUT_SRCS:?}"
fuzz_cc=${MUT_FUZZ_CC:-}

[ -r "$list" ] || { echo "mutants: cannot read $list"; exit 2; }
[ -d "$src" ] || { echo "mutants: no source folder $src"; exit 2; }
mkdir -p "$dir" || exit 2

# Prints $1's words with every path under src/ (and src itself, as in
# "-I src") moved to $2/src/, and -Isrc turned into -I$2/src; other words
# unchanged.
redirect() {
    for w in $1; do
        case $w in
        src | src/*) printf '%s ' "$2/$w" ;;
        -Isrc) printf '%s ' "-I$2/src" ;;
        -Isrc/*) printf '%s ' "-I$2/${w#-I}" ;;
        *) printf '%s ' "$w" ;;
        esac
    done
}

# Runs a command with the files it writes (its log above all) capped at
# about 16 MiB: a mutant can turn a test loop into an endless stream of
# FAIL lines, and is killed by the cap (SIGXFSZ) instead of filling the disk.
capped() {
    (ulimit -f 32768 && exec "$@")
}

# Builds and runs the host suite against the sources in $1/src (with the
# extra cflags $2, up to $3 runs), then, when the suite passed, the corpus
# replay; with $4 = fuzz, the replay only. Sets suite and fuzz to pass, fail,
# build (did not build) or skip, and leaves the logs in $1.
build_and_run() {
    bd=$1
    # shellcheck disable=SC2086 # word splitting of flag lists is intended
    if [ "${4:-}" = fuzz ]; then
        suite=skip
    elif eval "$MUT_CC $(redirect "$MUT_CFLAGS" "$bd") ${2:-} $(redirect "$MUT_SRCS" "$bd") -o $bd/tests -pthread" \
        >"$bd/build.log" 2>&1; then
        suite=pass runs=0
        while [ "$suite" = pass ] && [ "$runs" -lt "${3:-1}" ]; do
            runs=$((runs + 1))
            capped timeout --kill-after=5 "$timeout_s" "$bd/tests" >"$bd/suite.log" 2>&1 || suite=fail
        done
    else
        suite=build
    fi
    fuzz=skip
    if [ -n "$fuzz_cc" ] && { [ "$suite" = pass ] || [ "$suite" = skip ]; }; then
        if eval "$fuzz_cc $(redirect "$MUT_FUZZ_CFLAGS" "$bd") $(redirect "$MUT_FUZZ_SRCS" "$bd") -o $bd/replay" \
            >"$bd/fuzz-build.log" 2>&1; then
            # shellcheck disable=SC2086
            if capped timeout --kill-after=5 "$timeout_s" "$bd/replay" $MUT_FUZZ_CORPUS >"$bd/fuzz.log" 2>&1; then
                fuzz=pass
            else
                fuzz=fail
            fi
        else
            fuzz=build
        fi
    fi
}

# Checks once per distinct set of extra cflags ($1) that the unmutated
# sources build and pass with it; returns 1 (and says so) when they do not.
checked_cflags="" cflags_count=0
check_cflags() {
    case $checked_cflags in *"|$1|"*) return 0 ;; esac
    cflags_count=$((cflags_count + 1))
    od=$dir/original-cflags-$cflags_count
    fresh_copy "$od" || exit 2
    fuzz_cc_saved=$fuzz_cc fuzz_cc=""
    build_and_run "$od" "$1"
    fuzz_cc=$fuzz_cc_saved
    if [ "$suite" != pass ]; then
        echo "  ERROR     the unmutated sources do not pass with cflags '$1' (suite $suite; see $od/)"
        return 1
    fi
    checked_cflags="$checked_cflags|$1|"
}

# Copies the sources to $1/src.
fresh_copy() {
    rm -rf "$1" && mkdir -p "$1" && cp -R "$src" "$1/src"
}

# The unmutated sources must build and pass, or nothing below means anything.
fresh_copy "$dir/original" || exit 2
build_and_run "$dir/original"
if [ "$suite" != pass ] || [ "$fuzz" = fail ] || [ "$fuzz" = build ]; then
    echo "mutants: the unmutated sources do not pass (suite $suite, fuzz corpus $fuzz); see $dir/original/"
    cat "$dir/original/build.log" "$dir/original/suite.log" 2>/dev/null | tail -n 20
    check_count FAIL
    check_summary mutants
    exit 1
fi

# One mutant per record, fields joined by a byte that no source line holds.
sep=$(printf '\037')
records=$(awk -v sep="$sep" '
    function flush() {
        if (id != "") print id sep file sep find sep with sep why sep equiv sep have_find sep have_with sep nth sep cflags sep repeat sep killer
        id = file = find = with = why = equiv = cflags = killer = ""; have_find = have_with = 0; nth = 0; repeat = 1
    }
    /^#/ || /^[[:space:]]*$/ { next }
    {
        key = $0; sub(/:.*/, "", key)
        value = substr($0, length(key) + 2); sub(/^ /, "", value)
        if (key == "id") {
            flush(); id = value
            if (id in ids) { print "BAD" sep NR ": duplicate id " id; bad = 1; exit }
            ids[id] = 1
        }
        else if (key == "file") file = value
        else if (key == "find") { find = value; have_find = 1 }
        else if (key == "with") { with = value; have_with = 1 }
        else if (key == "why") why = value
        else if (key == "equivalent") equiv = value
        else if (key == "occurrence") nth = value + 0
        else if (key == "cflags") cflags = value
        else if (key == "repeat") repeat = value + 0
        else if (key == "killer") killer = value
        else { print "BAD" sep NR ": unknown key " key; bad = 1; exit }
    }
    END { if (!bad) flush() }' "$list")

equivalents=0 fuzz_only=0 fuzz_killer=0 problems=0 seen=0
survivors=""
nl='
'
old_ifs=$IFS
IFS=$nl
for record in $records; do
    IFS=$sep
    # shellcheck disable=SC2086
    set -- $record
    IFS=$old_ifs
    id=$1 file=${2:-} find=${3:-} with=${4:-} why=${5:-} equiv=${6:-} have_find=${7:-0} have_with=${8:-0} nth=${9:-0} cflags=${10:-} repeat=${11:-1} killer=${12:-}
    if [ "$id" = BAD ]; then
        echo "mutants: $list:$file"
        problems=$((problems + 1))
        continue
    fi
    case $only in
    "  ") ;;
    *" $id "*) ;;
    *) continue ;;
    esac
    seen=$((seen + 1))
    case $file in
    src/*) ;;
    *)
        echo "  ERROR     $id: file '$file' is not under src/"
        problems=$((problems + 1))
        continue
        ;;
    esac
    if [ "$have_find" != 1 ] || [ "$have_with" != 1 ] || [ -z "$find" ] || [ "$find" = "$with" ] || [ -z "$why" ]; then
        echo "  ERROR     $id: needs file, a non-empty find, a different with, and why"
        problems=$((problems + 1))
        continue
    fi
    case $killer in
    '') ;;
    fuzz)
        if [ -z "$fuzz_cc" ] || [ -n "$cflags" ] || [ -n "$equiv" ] || [ "$repeat" != 1 ]; then
            echo "  ERROR     $id: killer: fuzz needs the corpus replay (MUT_FUZZ_CC), and takes no cflags, repeat or equivalent"
            problems=$((problems + 1))
            continue
        fi
        ;;
    *)
        echo "  ERROR     $id: unknown killer '$killer' (only fuzz)"
        problems=$((problems + 1))
        continue
        ;;
    esac
    d=$dir/$id
    fresh_copy "$d" || exit 2
    target=$d/$file
    if [ ! -f "$target" ]; then
        echo "  ERROR     $id: $file does not exist (list stale?)"
        problems=$((problems + 1))
        continue
    fi
    # Both awk programs read the whole file, so that find may span lines.
    count=$(FIND=$find awk '{ t = t $0 "\n" }
        END { f = ENVIRON["FIND"]; gsub(/\\n/, "\n", f)
              s = t; while ((i = index(s, f)) > 0) { n++; s = substr(s, i + length(f)) }
              print n + 0 }' "$target")
    if { [ "$nth" = 0 ] && [ "$count" != 1 ]; } || [ "$count" -lt "$nth" ]; then
        printf '  ERROR     %s: the find text occurs %s times in %s, not %s (list stale?): %s\n' "$id" "$count" "$file" \
            "$([ "$nth" = 0 ] && echo once || echo "at least $nth times")" "$find"
        problems=$((problems + 1))
        continue
    fi
    # Replaces the nth occurrence (the only one when nth is 0).
    FIND=$find WITH=$with awk -v nth="$nth" '{ t = t $0 "\n" }
        END { want = (nth > 0) ? nth : 1; f = ENVIRON["FIND"]; w = ENVIRON["WITH"]
              gsub(/\\n/, "\n", f); gsub(/\\n/, "\n", w)
              out = ""; s = t
              while ((i = index(s, f)) > 0) {
                  seen++
                  if (seen == want) { out = out substr(s, 1, i - 1) w; s = substr(s, i + length(f)); break }
                  out = out substr(s, 1, i - 1 + length(f)); s = substr(s, i + length(f))
              }
              printf "%s", out s }' "$target" >"$target.mutant" && mv "$target.mutant" "$target"
    if cmp -s "$target" "$dir/original/$file"; then
        echo "  ERROR     $id: the mutant leaves $file unchanged"
        problems=$((problems + 1))
        continue
    fi
    if [ -n "$cflags" ] && ! check_cflags "$cflags"; then
        problems=$((problems + 1))
        continue
    fi
    build_and_run "$d" "$cflags" "$repeat" "$killer"
    if [ "$suite" = build ] || [ "$fuzz" = build ]; then
        echo "  ERROR     $id: does not build (see $d/build.log, fuzz-build.log)"
        sed -n '/error/{p;q;}' "$d/build.log" "$d/fuzz-build.log" 2>/dev/null | sed 's/^/            /'
        problems=$((problems + 1))
        continue
    fi
    if [ "$suite" = fail ] || [ "$fuzz" = fail ]; then
        by=""
        [ "$suite" = fail ] && by="suite"
        [ "$fuzz" = fail ] && by="${by:+$by, }fuzz corpus"
        tests=$(sed -n 's/^FAILED //p' "$d/suite.log" 2>/dev/null | head -n 3 | tr '\n' ' ')
        [ "$suite" = fail ] && [ -z "$tests" ] && tests=$(tail -n 1 "$d/suite.log" | cut -c1-60)
        [ "$suite" != fail ] && tests=$(grep -m1 -o 'model mismatch at line [0-9]*: .*' "$d/fuzz.log" | cut -c1-90)
        verdict=killed
    else
        by="" tests="" verdict=survived
    fi
    if [ -n "$equiv" ]; then
        equivalents=$((equivalents + 1))
        if [ $verdict = killed ]; then
            echo "  ERROR     $id: marked equivalent but killed by $by ($tests): the mark is wrong"
            problems=$((problems + 1))
        else
            printf '  equivalent %s: %s\n' "$id" "$equiv"
        fi
        continue
    fi
    if [ $verdict = killed ]; then
        check_count ok
        [ "$suite" = pass ] && fuzz_only=$((fuzz_only + 1))
        [ "$suite" = skip ] && fuzz_killer=$((fuzz_killer + 1))
        again=""
        [ "$repeat" -gt 1 ] && [ "$suite" = fail ] && again=" on run $runs of up to $repeat"
        echo "  killed    $id (by $by$again${tests:+: $tests})"
    else
        check_count FAIL
        survivors="$survivors $id"
        printf '  SURVIVED  %s: %s\n' "$id" "$why"
        printf "            %s: '%s' -> '%s'\n" "$file" "$find" "$with"
    fi
done
IFS=$old_ifs

if [ "$only" != "  " ] && [ "$seen" -eq 0 ]; then
    echo "mutants: no mutant in $list matches:$only"
    problems=$((problems + 1))
elif [ "$seen" -eq 0 ]; then
    echo "mutants: $list holds no mutant (or could not be read)"
    problems=$((problems + 1))
fi
echo "mutants: $equivalents marked equivalent (not counted); $fuzz_only killed by the fuzz corpus only (not by the suite the boards run); $fuzz_killer by the fuzz corpus alone (killer: fuzz, suite not run)"
[ -n "$survivors" ] && echo "mutants: survived:$survivors"
[ "$problems" -gt 0 ] && echo "mutants: $problems list errors (counted as failed)"
check_count FAIL "$problems"
check_summary mutants
