#!/bin/sh
# SPDX-License-Identifier: MIT
# The datasheet: for every public function of src/ and the ports, on each
# core and optimisation level, the worst-case instructions, the most stack
# and the flash bytes, measured from the images make builds (bench.mk).
#
#   datasheet.sh write DIR CONFIG...            the tables, to stdout
#   datasheet.sh check PUBLISHED DIR CONFIG...  measures again and checks
#       every figure against PUBLISHED (tests/bench/datasheet.md): none may
#       exceed it; ends "datasheet: N passed, N failed"
# CONFIG is LABEL:MACHINE (cortex-m0-O2:microbit, rv32imc-Os:virt); DIR/LABEL/
# holds its image.elf, image.map and obj/ (objects and -fstack-usage files).
# QEMU_FLAGS comes from the environment (board/board.mk's).
#
# Per image (measure):
# - instructions: QEMU runs the image (driver.c) with a trace of every
#   instruction; trace.c counts each measured call from the function's first
#   instruction to its return, with what it calls (memmove, memset, the
#   compiler's helpers, the CPU port) and without the user's callbacks. The
#   worst case is A + B per byte: B the steepest rise per byte copied or
#   cleared between two calls of one shape (64 bytes apart at least), A the
#   most any call took beyond B per byte.
# - coverage: every conditional branch of src/ and port/ in the image, and
#   whether the measured calls took it and fell through it.
# - stack: static, the function's frame plus the deepest of what it calls
#   (the call graph from the image's code). A frame is the larger of the
#   -fstack-usage figure and the sum of every push and stack-pointer
#   decrement in the function's code: GCC's figure leaves out the bytes a
#   function stores below its frame for a structure argument passed partly
#   in registers (bump_rewind's mark on Arm), and the C library's and the
#   compiler's functions have no -fstack-usage figure at all; painted, the
#   most the driver saw the call change below its stack pointer. Painted
#   above static fails: the static figure would be wrong.
# - flash: the function's own bytes, and with everything it calls.
set -u
cd "$(dirname "$0")/../../.."
. tests/checks.sh

hex() { printf '%d' "0x$1"; }

# measure LABEL MACHINE DIR: writes DIR/figures.txt ("fn NAME A B STATIC
# PAINTED OWN ALL" per function, "coverage TOTAL COVERED", "uncovered ...")
# or prints why not and returns 1.
measure() {
    label=$1 machine=$2 dir=$3
    elf=$dir/image.elf
    case $label in
    rv32*) tp=riscv64-unknown-elf- qemu="qemu-system-riscv32 -M $machine -bios none" thumb=0 ;;
    *) tp=arm-none-eabi- qemu="qemu-system-arm -M $machine" thumb=1 ;;
    esac
    [ -f "$elf" ] || { echo "$label: no $elf"; return 1; }

    # What each function is, from the object the link map says it came from.
    # (Addresses above 2^31 are array keys: CONVFMT keeps them exact.)
    awk -v thumb=$thumb -v CONVFMT=%.0f '
        function kind(obj) {
            if (obj ~ /\/obj\/tests\/bench\/datasheet\/driver\.o$/) return "D"
            if (obj ~ /\/obj\/tests\/bench\/datasheet\/callbacks\.o$/) return "C"
            if (obj ~ /\/obj\/(src|port)\// || obj ~ /\/obj\/tests\/bench\/datasheet\/inline\.o$/) return "L"
            return "O"
        }
        function dec(h,   i, n, c) { n = 0; h = tolower(h); sub(/^0x/, "", h)
            for (i = 1; i <= length(h); i++) { c = index("0123456789abcdef", substr(h, i, 1)) - 1; n = n * 16 + c }
            return n }
        FNR == NR {   # the map: input sections of the code
            if ($0 ~ /^ \.text/ && NF == 1) { pending = 1; next }
            if (pending && NF == 3 && $1 ~ /^0x/) { ns++; s0[ns] = dec($1); s1[ns] = dec($1) + dec($2); sk[ns] = kind($3) }
            else if ($1 ~ /^\.text/ && NF == 4 && $2 ~ /^0x/) { ns++; s0[ns] = dec($2); s1[ns] = dec($2) + dec($3); sk[ns] = kind($4) }
            pending = 0; next
        }
        $3 ~ /^[Tt]$/ && NF == 4 {   # nm -S: start size type name
            a = dec($1); if (thumb) a -= a % 2
            k = "O"; for (i = 1; i <= ns; i++) if (a >= s0[i] && a < s1[i]) { k = sk[i]; break }
            printf "%x %x %s %s\n", a, dec($2), k, $4
        }' "$dir/image.map" - >"$dir/symbols.txt" <<EOF
$(${tp}nm -S --defined-only "$elf")
EOF

    # The code: conditional branches of the library (for coverage), calls
    # (the call graph) and stack frames (-fstack-usage, or the prologue).
    cat "$dir"/obj/*/*.su "$dir"/obj/*/*/*.su "$dir"/obj/*/*/*/*.su "$dir"/obj/*/*/*/*/*.su 2>/dev/null |
        awk -F'\t' '{ n = split($1, p, ":"); name = p[n]; if (!(name in su) || $2 > su[name]) su[name] = $2
                      if ($3 != "static") print "nonstatic", name, $3 }
                    END { for (f in su) print "su", f, su[f] }' >"$dir/su.txt"
    ${tp}objdump -d --no-show-raw-insn "$elf" | awk -F'\t' -v thumb=$thumb -v dir="$dir" -v CONVFMT=%.0f '
        function dec(h,   i, n, c) { n = 0; h = tolower(h); sub(/^0x/, "", h)
            for (i = 1; i <= length(h); i++) { c = index("0123456789abcdef", substr(h, i, 1)) - 1; if (c < 0) break; n = n * 16 + c }
            return n }
        BEGIN {
            while ((getline l < (dir "/symbols.txt")) > 0) { split(l, f, " "); a = dec(f[1]); start[a] = f[4]; kind[f[4]] = f[3] }
            while ((getline l < (dir "/su.txt")) > 0) { split(l, f, " "); if (f[1] == "su") su[f[2]] = f[3] }
        }
        function flush_insn() { if (pend != "") { print pend, sprintf("%x", addr) > (dir "/branches.txt"); pend = "" } }
        /^[0-9a-f]+ <.*>:$/ {
            flush_insn()
            a = dec($1); fn = (a in start) ? start[a] : ""; if (fn != "") { frame[fn] = 0; seen_fn[fn] = 1 }
            next
        }
        fn != "" && /^ *[0-9a-f]+:\t/ {
            addr = $1; sub(/:$/, "", addr); gsub(/ /, "", addr); addr = dec(addr)
            flush_insn()
            op = $2; args = $3
            # a target address: the last hex number before " <"
            target = -1
            if (match(args, /[0-9a-f]+ <[^>]*>/)) { t = substr(args, RSTART, RLENGTH); sub(/ <.*/, "", t); target = dec(t) }
            if (thumb) {
                cond = (op ~ /^b(eq|ne|cs|cc|hs|lo|mi|pl|vs|vc|hi|ls|ge|lt|gt|le)(\.[nw])?$/ || op ~ /^cbn?z$/)
                pcwrite_cond = (op ~ /^(bx|pop|ldr)(eq|ne|cs|cc|hs|lo|mi|pl|vs|vc|hi|ls|ge|lt|gt|le)/ && (op ~ /^bx/ || args ~ /pc/))
                jump = (op ~ /^(b|bl|blx|b\.[nw])$/ || cond)
                indirect = (op == "blx" && args ~ /^(r[0-9]+|ip)$/) || (op == "bx" && args ~ /^(r[0-9]+|ip)$/)
                if (op ~ /^push/ || op ~ /^stmdb/) { n = split(args, r, ","); c = 0
                    for (i = 1; i <= n; i++) if (match(r[i], /r[0-9]+-r[0-9]+/)) { split(substr(r[i], RSTART, RLENGTH), g, "-"); c += substr(g[2], 2) - substr(g[1], 2) + 1 } else c++
                    frame[fn] += 4 * c }
                if (op ~ /^sub(\.w)?$/ && args ~ /^sp, (sp, )?#/) { v = args; sub(/.*#/, "", v); sub(/[^0-9].*/, "", v); frame[fn] += v }
            } else {
                cond = (op ~ /^b(eq|ne|lt|ge|ltu|geu|eqz|nez|gt|le|gtu|leu|ltz|gez|gtz|lez)$/)
                pcwrite_cond = 0
                jump = (op ~ /^(j|jal)$/ || cond)
                indirect = (op ~ /^(jalr|jr)$/)
                if (op ~ /^addi?$/ && args ~ /^sp,sp,-[0-9]+$/) { v = args; sub(/.*-/, "", v); frame[fn] += v }
            }
            if (kind[fn] == "L") {
                if (cond && target >= 0) pend = sprintf("%x %x", addr, target)
                else if (pcwrite_cond) pend = sprintf("%x 0", addr)
            }
            if (jump && target >= 0 && (target in start) && start[target] != fn) print "edge", fn, start[target] > (dir "/calls.txt")
            if (indirect) print "indirect", fn > (dir "/calls.txt")
            next
        }
        END {
            flush_insn()
            for (fx in seen_fn) print "frame", fx, ((fx in su) && su[fx] + 0 > frame[fx]) ? su[fx] : frame[fx] > (dir "/calls.txt")
        }'
    # branches.txt lines: "PC TARGET NEXT" (TARGET 0: a conditional write of
    # pc, taken whenever the next instruction is not the following one).
    [ -f "$dir/branches.txt" ] || : >"$dir/branches.txt"
    grep '^nonstatic' "$dir/su.txt" | grep -v ' main ' | sed "s/^/$label: stack not static: /" | grep . && return 1

    # The run, traced.
    # shellcheck disable=SC2086
    timeout --kill-after=5 300 $qemu $QEMU_FLAGS -singlestep -d exec,nochain -D "$dir/trace.log" -kernel "$elf" \
        >"$dir/output.txt" 2>&1
    status=$?
    if [ $status != 0 ] || ! grep -q '^datasheet: 0 wrong answers' "$dir/output.txt"; then
        echo "$label: the image failed (exit $status):"; grep -v '^call ' "$dir/output.txt" | head -20
        rm -f "$dir/trace.log"; return 1
    fi
    build/datasheet/trace "$dir/symbols.txt" "$dir/branches.txt" <"$dir/trace.log" >"$dir/counts.txt" || { rm -f "$dir/trace.log"; return 1; }
    rm -f "$dir/trace.log"

    # Pair the traced calls with the driver's records, then the figures.
    grep '^call ' "$dir/counts.txt" >"$dir/calls-traced.txt"
    grep '^call ' "$dir/output.txt" >"$dir/calls-driven.txt"
    if [ "$(wc -l <"$dir/calls-traced.txt")" != "$(wc -l <"$dir/calls-driven.txt")" ]; then
        echo "$label: $(wc -l <"$dir/calls-traced.txt") calls traced, $(wc -l <"$dir/calls-driven.txt") made"; return 1
    fi
    paste -d' ' "$dir/calls-traced.txt" "$dir/calls-driven.txt" | awk -v label="$label" -v dir="$dir" '
        BEGIN {
            while ((getline l < (dir "/calls.txt")) > 0) { split(l, f, " ")
                if (f[1] == "edge") { ne[f[2]]++; edge[f[2], ne[f[2]]] = f[3] }
                else if (f[1] == "frame") frame[f[2]] = f[3]
                else if (f[1] == "indirect") indirect[f[2]] = 1 }
            while ((getline l < (dir "/symbols.txt")) > 0) { split(l, f, " "); size[f[4]] = f[2] }
        }
        function dec(h,   i, n, c) { n = 0; for (i = 1; i <= length(h); i++) { c = index("0123456789abcdef", substr(h, i, 1)) - 1; n = n * 16 + c }; return n }
        function stack(f,   i, m, s) { if (f in memo) return memo[f]; if (depth[f]++ > 0) { print label ": recursion through " f > "/dev/stderr"; bad = 1; return 0 }
            m = 0; for (i = 1; i <= ne[f]; i++) { s = stack(edge[f, i]); if (s > m) m = s }
            memo[f] = frame[f] + m; return memo[f] }
        function reach(f,   i) { if (f in got) return; got[f] = 1; if (f in indirect) ind = 1; total += dec(size[f]); for (i = 1; i <= ne[f]; i++) reach(edge[f, i]) }
        {   # call NAME COUNT PREP call SHAPE... BYTES STACK
            name = $2; sub(/^inline_/, "", name)
            if ($6 != name) { print label ": call " NR " traced in " $2 " but made as " $6 > "/dev/stderr"; bad = 1 }
            n = ++calls[name]; cnt[name, n] = $3; byt[name, n] = $(NF - 1); shp[name, n] = $7; fnof[name] = $2
            if ($NF == 4294967295) { print label ": " name " went deeper than the paint" > "/dev/stderr"; bad = 1 }
            # A call whose argument the driver passed through a function
            # (PREP) shows that function'"'"'s stack too: it counts only
            # where it exceeds what PREP can take.
            if ($4 == "-") { if ($NF + 0 > painted[name] + 0) painted[name] = $NF; measured[name] = 1 }
            else { np = ++nprep[name]; prepped[name, np] = $NF + 0; prepfn[name, np] = $4 }
        }
        END {
            for (name in calls) {
                b = 0   # the steepest rise per byte within one shape
                for (i = 1; i <= calls[name]; i++) for (j = 1; j <= calls[name]; j++)
                    if (shp[name, i] == shp[name, j] && byt[name, i] - byt[name, j] >= 64) {
                        s = (cnt[name, i] - cnt[name, j]) / (byt[name, i] - byt[name, j]); if (s > b) b = s }
                b = int(b * 100 + 0.999999) / 100   # rounded up to a hundredth
                a = 0; for (i = 1; i <= calls[name]; i++) { v = cnt[name, i] - b * byt[name, i]; if (v > a) a = v }
                a = int(a + 0.999999)
                fun = fnof[name]; st = stack(fun); delete got; total = 0; ind = 0; reach(fun)
                for (i = 1; i <= nprep[name]; i++) if (prepped[name, i] > stack(prepfn[name, i])) {
                    if (prepped[name, i] > painted[name] + 0) painted[name] = prepped[name, i]; measured[name] = 1 }
                if (painted[name] + 0 > st) { print label ": " name " used " painted[name] " bytes of stack, above its static figure " st > "/dev/stderr"; bad = 1 }
                printf "fn %s %d %s %d %s %d %d %s\n", name, a, b, st, (name in measured) ? painted[name] + 0 : "-", dec(size[fun]), total, ind ? "calls-user-code" : "-"
            }
            exit bad
        }' >"$dir/figures.txt" || return 1

    # Coverage of the library's conditional branches by the measured calls.
    grep '^branch ' "$dir/counts.txt" | awk -v dir="$dir" '
        { total++; if ($3 && $4) both++; else print "uncovered", $2, ($3 ? "taken-only" : ($4 ? "fell-only" : "never")) > (dir "/uncovered.txt") }
        END { print "coverage", total + 0, both + 0 }' >>"$dir/figures.txt"
    # Each as "uncovered HOW FUNCTION FILE:LINE|CODE", CODE the source line;
    # FUNCTION is NAME@OUTER for a copy of NAME inlined in OUTER, the function
    # whose code it lies in.
    if [ -s "$dir/uncovered.txt" ]; then
        while read -r _ pc how; do
            # -i: the innermost function first, the one the code lies in last.
            ${tp}addr2line -f -i -e "$elf" "0x$pc" | paste -sd' ' | sed 's/ (discriminator [0-9]*)//g' | {
                read -r fn where frames
                outer=${frames% *}; outer=${outer##* }
                [ -n "$frames" ] && [ "$outer" != "$fn" ] && fn="$fn@$outer"
                where=${where#"$PWD"/}
                code=$(sed -n "${where##*:}p" "${where%:*}" 2>/dev/null | sed 's/^[[:space:]]*//')
                echo "uncovered $how $fn $where|$code"
            }
        done <"$dir/uncovered.txt" >>"$dir/figures.txt"
    fi
    rm -f "$dir/uncovered.txt"
    return 0
}

# The public functions, in the headers' order: what the datasheet lists.
# The mmap port (hosts only) has no row.
public_functions() {
    for f in src/bump.h src/bump_hooks.h port/memory/section/bump_section.h port/memory/newlib/bump_sbrk.h \
        port/cpu/cortex-m/bump_mpu.h src/bump_port.h; do
        awk '/^ \* Not for users:/ { exit }
             /^([A-Za-z_].*[ *])?(bump_[a-z0-9_]+|_?sbrk)\(/ && !/^#/ && !/typedef/ {
                 if (match($0, /(bump_[a-z0-9_]+|_?sbrk)\(/)) print substr($0, RSTART, RLENGTH - 1) }' "$f"
    done
}

# Functions of ports that RISC-V images do not build (newlib's heap, the MPU).
arm_only='bump_sbrk_init bump_sbrk_arena _sbrk sbrk bump_mpu_guard'

# tables DIR CONFIG...: the markdown, from each DIR/LABEL/figures.txt.
tables() {
    dir=$1; shift
    labels=; for c in "$@"; do labels="$labels ${c%%:*}"; done
    {
        echo "labels$labels"
        echo "armonly $arm_only"
        echo "functions $(public_functions | tr '\n' ' ')"
        for l in $labels; do sed "s/^/$l /" "$dir/$l/figures.txt"; done
    } | awk -v gcc_arm="$(arm-none-eabi-gcc -dumpfullversion)" -v gcc_rv="$(riscv64-unknown-elf-gcc -dumpfullversion)" \
            -v qemu="$(qemu-system-arm --version | head -n 1 | sed 's/QEMU emulator version //')" '
        $1 == "labels" { for (i = 2; i <= NF; i++) { label[i - 1] = $i; nl = NF - 1 } next }
        $1 == "armonly" { for (i = 2; i <= NF; i++) armonly[$i] = 1; next }
        $1 == "functions" { for (i = 2; i <= NF; i++) fn[i - 1] = $i; nf = NF - 1; next }
        $2 == "fn" { k = $1 SUBSEP $3; A[k] = $4; B[k] = $5; st[k] = $6; pa[k] = $7; own[k] = $8; all[k] = $9; if ($10 != "-") user[$3] = 1; next }
        $2 == "coverage" { total[$1] = $3; both[$1] = $4; next }
        $2 == "uncovered" { next }
        function cores(opt,   i, s) { s = ""; for (i = 1; i <= nl; i++) if (label[i] ~ ("-" opt "$")) { s = s " | " label[i]; sub("-" opt "$", "", s) } return s " |" }
        function rule(opt,   i, s) { s = "| --- |"; for (i = 1; i <= nl; i++) if (label[i] ~ ("-" opt "$")) s = s " ---: |"; return s }
        function cell(what, l, f,   k) { k = l SUBSEP f
            if (!(k in A)) return (l ~ /^rv32/ && (f in armonly)) ? "-" : "missing"
            if (what == "instructions") return (B[k] > 0) ? A[k] " + " B[k] "n" : A[k]
            if (what == "stack") return st[k] " (" pa[k] ")"
            return own[k] " (" all[k] ")" }
        function table(what, opt,   i, j, row) {
            print "### " what ", -" opt; print ""
            print "| function" cores(opt); print rule(opt)
            for (j = 1; j <= nf; j++) { row = "| " fn[j] ((fn[j] in user) ? " *" : "") " |"
                for (i = 1; i <= nl; i++) if (label[i] ~ ("-" opt "$")) row = row " " cell(what, label[i], fn[j]) " |"
                print row }
            print "" }
        END {
            print "# bump: the datasheet"
            print ""
            print "Worst-case instructions, stack and flash of every public function of src/ and of the ports,"
            print "per core, at -O2 and -Os, written by `make datasheet` (arm-none-eabi-gcc " gcc_arm ", newlib-nano;"
            print "riscv64-unknown-elf-gcc " gcc_rv "; QEMU " qemu "; BUMP_MARK_DEPTH 8). `make test` measures"
            print "them again and fails when any figure is larger than the one here (the margin is zero). How they are measured, and"
            print "what they include: tests/bench/README.md (\"The datasheet\")."
            print ""
            print "Inline functions (bump_alloc, the queries, ...) are measured as a called copy: a function that"
            print "only calls them, with every argument known at run time. *: the function may call the user'"'"'s"
            print "code (the out-of-memory hook, the adapters'"'"' lock); that code'"'"'s own instructions and stack are"
            print "not counted. -: the port is not built for that core; in a stack cell, (-): not painted, as every"
            print "call passes a structure through memcpy, whose own stack hides the function'"'"'s."
            print ""
            print "## Worst-case instructions per call"
            print ""
            print "From the first instruction to the return, with everything called (memmove, memset, the"
            print "compiler'"'"'s helpers, the CPU port). n: the bytes the call copies or clears."
            print ""
            table("instructions", "O2"); table("instructions", "Os")
            print "## Stack bytes: the static bound (the most painted under QEMU)"
            print ""
            table("stack", "O2"); table("stack", "Os")
            print "## Flash bytes: the function'"'"'s own (with everything it calls)"
            print ""
            table("flash", "O2"); table("flash", "Os")
            print "## Coverage"
            print ""
            print "Conditional branches of src/ and port/ in each image, and how many the measured calls did not"
            print "take both ways (each is listed below)."
            print ""
            print "| image | branches | not taken both ways |"
            print "| --- | ---: | ---: |"
            for (i = 1; i <= nl; i++) print "| " label[i] " | " total[label[i]] " | " total[label[i]] - both[label[i]] " |"
            print ""
        }'
    # The branches not taken both ways, each with the reason no input takes
    # it both ways (unreached.txt), image by image.
    for l in $labels; do
        grep '^uncovered' "$dir/$l/figures.txt" | sort | uniq -c | awk -v label="$l" -v reasons="$unreached" '
            BEGIN { while ((getline r < reasons) > 0) if (r !~ /^#/ && split(r, f, " [|] ") == 3) why[f[1] "|" f[2]] = f[3] }
            { n = $1; how = $3; fn = $4; rest = $0; sub(/^ *[0-9]+ uncovered [^ ]+ [^ ]+ /, "", rest)
              where = rest; sub(/[|].*/, "", where); code = rest; sub(/^[^|]*[|]/, "", code)
              if (NR == 1) { print "Not taken both ways in " label ":"; print "" }
              r = ((fn "|" code) in why) ? why[fn "|" code] : "NO REASON GIVEN: add an input that takes it, or the reason to unreached.txt"
              shown = fn; sub(/@/, ", inlined in ", shown)
              print "- `" where "` in " shown " (" how (n > 1 ? ", " n " branches" : "") "): " r }
            END { if (NR > 0) print "" }'
    done
}
unreached=tests/bench/datasheet/unreached.txt

# measure_all DIR CONFIG...: measures the images two at a time; each one's
# messages in DIR/LABEL/measure.log, and DIR/LABEL/measured when it passed.
measure_all() {
    dir=$1; shift
    n=0
    for c in "$@"; do
        l=${c%%:*}
        rm -f "$dir/$l/measured"
        { (measure "$l" "${c#*:}" "$dir/$l") >"$dir/$l/measure.log" 2>&1 && : >"$dir/$l/measured"; } &
        n=$((n + 1))
        [ $((n % 2)) = 0 ] && wait
    done
    wait
}

# write DIR CONFIG...
write() {
    dir=$1; shift
    measure_all "$dir" "$@"
    for c in "$@"; do
        [ -f "$dir/${c%%:*}/measured" ] || { cat "$dir/${c%%:*}/measure.log"; exit 1; }
    done
    tables "$dir" "$@"
}

# check PUBLISHED DIR CONFIG...
check() {
    published=$1 dir=$2; shift 2
    measured=1
    measure_all "$dir" "$@"
    for c in "$@"; do
        if [ -f "$dir/${c%%:*}/measured" ]; then
            check_result ok "${c%%:*}: every call answered as its header says, and measured"
        else
            check_result FAIL "${c%%:*}: not measured" "$(cat "$dir/${c%%:*}/measure.log")"; measured=0
        fi
    done
    if [ $measured = 1 ]; then
        tables "$dir" "$@" >"$dir/datasheet.md"
        # Row by row: the same rows, and no number above the published one.
        results=$(awk '
            /^##/ { section = $0; next }
            !/^\| / || /^\| --- / || /^\| (function|image) / { next }
            { n = split($0, c, "|"); key = section "|" c[2]
              if (FNR == NR) { pub[key] = $0; next }
              seen[key] = 1
              if (!(key in pub)) { print "FAIL " key ": not in the published datasheet (make datasheet)"; next }
              split(pub[key], p, "|"); bad = ""
              for (i = 3; i < n; i++) {
                  a = c[i]; b = p[i]
                  if (a ~ /missing/) { bad = bad " not measured in column " i - 2; continue }
                  while (match(a, /[0-9]+(\.[0-9]+)?/)) { x = substr(a, RSTART, RLENGTH) + 0; a = substr(a, RSTART + RLENGTH)
                      if (!match(b, /[0-9]+(\.[0-9]+)?/)) { bad = bad " column " i - 2 ": a figure the published one lacks"; break }
                      y = substr(b, RSTART, RLENGTH) + 0; b = substr(b, RSTART + RLENGTH)
                      if (x > y) bad = bad " column " i - 2 ": " x " > " y
                      if (x < y) low++ }
                  if (b ~ /^ *[+] *[0-9.]+n *$/) low++ # a per-byte term gone: lower
                  else if (match(b, /[0-9]+(\.[0-9]+)?/)) bad = bad " column " i - 2 ": a published figure no longer measured"
              }
              print (bad == "" ? "ok " : "FAIL ") key bad }
            END { for (k in pub) if (!(k in seen)) print "FAIL " k ": published but no longer measured"
                  print "LOW " low + 0 }' "$published" "$dir/datasheet.md")
        check_count ok "$(printf '%s\n' "$results" | grep -c '^ok ')"
        printf '%s\n' "$results" | grep '^FAIL ' | while read -r _ what; do echo "  FAIL $what"; done
        check_count FAIL "$(printf '%s\n' "$results" | grep -c '^FAIL ')"
        low=$(printf '%s\n' "$results" | sed -n 's/^LOW //p')
        [ "$low" = 0 ] || echo "  info $low figures are below the published ones: make datasheet would tighten them"
        if ! printf '%s\n' "$results" | grep -q '^FAIL '; then
            echo "  ok   $(printf '%s\n' "$results" | grep -c '^ok ') rows of $published: no figure above the published one"
        else
            echo "  (the figures measured: $dir/datasheet.md; run make datasheet to publish them on purpose)"
        fi
    fi
    if [ $measured = 1 ]; then
        unexplained=$(grep -c 'NO REASON GIVEN' "$dir/datasheet.md")
        if [ "$unexplained" = 0 ]; then
            check_result ok "every branch not taken both ways has its reason in $unreached"
        else
            check_result FAIL "$unexplained branches of src/ and port/ are not taken both ways and have no reason" \
                "$(grep 'NO REASON GIVEN' "$dir/datasheet.md" | sed 's/: NO REASON.*//' | sort -u)"
        fi
        stale=$(grep -v '^#' "$unreached" | awk -F' [|] ' 'NF == 3 { print $1 "|" $2 }' | while IFS='|' read -r fn code; do
            cat "$dir"/*/figures.txt | grep -F "uncovered " | grep -F " $fn " | grep -qF "|$code" || echo "$fn: $code"
        done)
        if [ -z "$stale" ]; then
            check_result ok "every reason in $unreached names a branch not taken both ways"
        else
            check_result FAIL "reasons in $unreached for branches now taken both ways, or gone" "$stale"
        fi
    fi
    check_summary datasheet
}

case ${1:-} in
measure) shift; measure "$@" ;;
write) shift; write "$@" ;;
check) shift; check "$@" ;;
*) echo "usage: datasheet.sh write DIR CONFIG... | check PUBLISHED DIR CONFIG..." >&2; exit 2 ;;
esac
