#!/bin/sh
# SPDX-License-Identifier: MIT
# Mutation testing of port/: applies each mutant of a list to a copy of the
# project under build/ (port/ itself is never written), runs the make
# targets the mutant names in that copy (the narrowest that should catch it:
# host-run-gcc, qemu-run-B, qemu-mpu-B-E, qemu-run-virt-rv32imc, ...) and
# reports per mutant whether a test failed (killed, and which parts failed)
# or everything still passed (survived). A part's crash or hang counts as a
# failure, as in make test (tests/runner.sh).
#
#   mutate_port.sh LIST [ID...]   the mutants of LIST (all, or only the IDs named)
#
# Environment:
#   MUT_DIR    work directory (one folder per mutant), default build/mutants-port
#   MUT_JOBS   make's -j for each mutant's targets (default 2)
#
# The list has the format of tests/mutants/mutants.txt (see mutate.sh),
# with file under port/ and one more key, and without cflags, repeat and
# killer:
#   targets:   the make targets to run (space-separated); a mutant is killed
#              when one of their tests fails
# The unmutated copy must pass every target the list names, first.
#
# The last line is "port mutants: N passed, N failed" (passed = killed). The
# exit status is non-zero when a counted mutant survived, when a mutant's
# find text is missing or not unique, when it does not build, when a mutant
# marked equivalent is killed, or when the unmutated copy fails.
set -u -f # -f: no globbing of the list's text (it holds * and ?)
. "$(dirname "$0")/../checks.sh"

list=${1:?usage: mutate_port.sh LIST [ID...]}
shift
only=" $* "
dir=${MUT_DIR:-build/mutants-port}
jobs=${MUT_JOBS:-2}
make_cmd=${MAKE:-make}

[ -r "$list" ] || { echo "port mutants: cannot read $list"; exit 2; }
mkdir -p "$dir" || exit 2

# What a copy holds: everything the targets read.
tree_parts="src port board tests linker Makefile"

# Copies the project to $1/tree (no build output).
fresh_tree() {
    rm -rf "$1" && mkdir -p "$1/tree" || return 1
    # shellcheck disable=SC2086 # the list of parts is split on purpose
    cp -R $tree_parts "$1/tree/" && rm -rf "$1/tree/build"
}

# Runs the targets $2 in the copy $1/tree; sets result to pass, fail (a test
# failed: failed_parts names the parts) or build (make itself failed).
run_targets() {
    rm -rf "$1/tree/build/results"
    # shellcheck disable=SC2086 # the targets are split on purpose
    if (cd "$1/tree" && RUNNER_DEFER_STATUS=1 $make_cmd --no-print-directory -k -j"$jobs" --output-sync=target $2) \
        >"$1/run.log" 2>&1; then
        if tests/runner.sh tally "$1/tree/build/results" >"$1/tally.log" 2>&1; then
            result=pass failed_parts=""
        else
            result=fail
            failed_parts=$(cd "$1/tree/build/results" && set +f && for s in *.status; do
                n=${s%.status}
                line=$(grep -E '^[^:]+: [0-9]+ passed, [0-9]+ failed$' "$n.log" | tail -n 1)
                case $line in *" 0 failed") [ "$(cat "$s")" = 0 ] || echo "$n" ;; *) echo "$n" ;; esac
            done | tr '\n' ' ')
        fi
    else
        result=build failed_parts=""
    fi
}

# One mutant per record, fields joined by a byte that no source line holds.
sep=$(printf '\037')
records=$(awk -v sep="$sep" '
    function flush() {
        if (id != "") print id sep file sep find sep with sep why sep equiv sep have_find sep have_with sep nth sep targets
        id = file = find = with = why = equiv = targets = ""; have_find = have_with = 0; nth = 0
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
        else if (key == "targets") targets = value
        else { print "BAD" sep NR ": unknown key " key; bad = 1; exit }
    }
    END { if (!bad) flush() }' "$list")

nl='
'
old_ifs=$IFS

# The union of the targets of the mutants to run, for the unmutated copy.
all_targets=""
IFS=$nl
for record in $records; do
    IFS=$sep
    # shellcheck disable=SC2086
    set -- $record
    IFS=$nl
    case $only in "  ") ;; *" $1 "*) ;; *) continue ;; esac
    for t in $(echo "${10:-}" | tr ' ' '\n'); do
        case " $all_targets " in *" $t "*) ;; *) all_targets="$all_targets $t" ;; esac
    done
done
IFS=$old_ifs

if [ -n "$all_targets" ]; then
    fresh_tree "$dir/original" || exit 2
    echo "port mutants: the unmutated copy on:$all_targets"
    run_targets "$dir/original" "$all_targets"
    if [ "$result" != pass ]; then
        echo "port mutants: the unmutated copy does not pass ($result: $failed_parts); see $dir/original/run.log"
        tail -n 20 "$dir/original/run.log"
        check_count FAIL
        check_summary "port mutants"
        exit 1
    fi
fi

equivalents=0 problems=0 seen=0
survivors=""
IFS=$nl
for record in $records; do
    IFS=$sep
    # shellcheck disable=SC2086
    set -- $record
    IFS=$old_ifs
    id=$1 file=${2:-} find=${3:-} with=${4:-} why=${5:-} equiv=${6:-} have_find=${7:-0} have_with=${8:-0} nth=${9:-0} targets=${10:-}
    if [ "$id" = BAD ]; then
        echo "port mutants: $list:$file"
        problems=$((problems + 1))
        IFS=$nl
        continue
    fi
    case $only in
    "  ") ;;
    *" $id "*) ;;
    *) IFS=$nl; continue ;;
    esac
    seen=$((seen + 1))
    case $file in
    port/*) ;;
    *)
        echo "  ERROR     $id: file '$file' is not under port/"
        problems=$((problems + 1))
        IFS=$nl
        continue
        ;;
    esac
    if [ "$have_find" != 1 ] || [ "$have_with" != 1 ] || [ -z "$find" ] || [ "$find" = "$with" ] || [ -z "$why" ] ||
        [ -z "$targets" ]; then
        echo "  ERROR     $id: needs file, a non-empty find, a different with, why and targets"
        problems=$((problems + 1))
        IFS=$nl
        continue
    fi
    d=$dir/$id
    fresh_tree "$d" || exit 2
    target=$d/tree/$file
    if [ ! -f "$target" ]; then
        echo "  ERROR     $id: $file does not exist (list stale?)"
        problems=$((problems + 1))
        IFS=$nl
        continue
    fi
    count=$(FIND=$find awk '{ t = t $0 "\n" }
        END { f = ENVIRON["FIND"]; gsub(/\\n/, "\n", f)
              s = t; while ((i = index(s, f)) > 0) { n++; s = substr(s, i + length(f)) }
              print n + 0 }' "$target")
    if { [ "$nth" = 0 ] && [ "$count" != 1 ]; } || [ "$count" -lt "$nth" ]; then
        printf '  ERROR     %s: the find text occurs %s times in %s, not %s (list stale?): %s\n' "$id" "$count" "$file" \
            "$([ "$nth" = 0 ] && echo once || echo "at least $nth times")" "$find"
        problems=$((problems + 1))
        IFS=$nl
        continue
    fi
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
    if cmp -s "$target" "$file"; then
        echo "  ERROR     $id: the mutant leaves $file unchanged"
        problems=$((problems + 1))
        IFS=$nl
        continue
    fi
    run_targets "$d" "$targets"
    if [ "$result" = build ]; then
        echo "  ERROR     $id: does not build (see $d/run.log)"
        grep -m1 'error' "$d/run.log" | sed 's/^/            /'
        problems=$((problems + 1))
        IFS=$nl
        continue
    fi
    if [ -n "$equiv" ]; then
        equivalents=$((equivalents + 1))
        if [ "$result" = fail ]; then
            echo "  ERROR     $id: marked equivalent but killed by $failed_parts: the mark is wrong"
            problems=$((problems + 1))
        else
            printf '  equivalent %s: %s\n' "$id" "$equiv"
        fi
    elif [ "$result" = fail ]; then
        check_count ok
        echo "  killed    $id (by $failed_parts)"
    else
        check_count FAIL
        survivors="$survivors $id"
        printf '  SURVIVED  %s: %s\n' "$id" "$why"
        printf "            %s: '%s' -> '%s' (ran: %s)\n" "$file" "$find" "$with" "$targets"
    fi
    # Keep the logs and the mutated copy, not its build output.
    find "$d/tree/build" -mindepth 1 -maxdepth 1 ! -name results -exec rm -rf {} + 2>/dev/null
    IFS=$nl
done
IFS=$old_ifs

if [ "$only" != "  " ] && [ "$seen" -eq 0 ]; then
    echo "port mutants: no mutant in $list matches:$only"
    problems=$((problems + 1))
elif [ "$seen" -eq 0 ]; then
    echo "port mutants: $list holds no mutant (or could not be read)"
    problems=$((problems + 1))
fi
echo "port mutants: $equivalents marked equivalent (not counted)"
[ -n "$survivors" ] && echo "port mutants: survived:$survivors"
[ "$problems" -gt 0 ] && echo "port mutants: $problems list errors (counted as failed)"
check_count FAIL "$problems"
check_summary "port mutants"
