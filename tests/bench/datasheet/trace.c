/* SPDX-License-Identifier: MIT */
/*
 * The datasheet's instruction counter (a host tool, run by datasheet.sh):
 * reads QEMU's trace of every instruction an image executed (-d exec,nochain
 * -singlestep: one "Trace" line per instruction, the program counter second
 * in the brackets) and splits it into the measured calls of driver.c.
 *
 *   trace SYMBOLS BRANCHES < TRACE
 *
 * SYMBOLS: "START SIZE KIND NAME" per function of the image (hex start and
 * size), KIND D for the driver's code, C for the callbacks (the user's code:
 * not counted), L for the library (src/, port/ and the called copies of the
 * inline functions: a call starts at one of these), O for the rest (the C
 * library's memmove and memset, the compiler's helpers: counted inside a
 * call). BRANCHES: "PC TARGET NEXT" per conditional branch of the library.
 *
 * A call is the first entry into an L function from the driver after the
 * driver's datasheet_paint; it lasts until the program counter is back in the
 * driver. Prints "call NAME INSTRUCTIONS PREP" per call, in order (PREP:
 * a function the driver called between the paint and the scan besides the
 * call, to pass an argument or take a result: memcpy of a structure on
 * Cortex-M0; "-" for none), then
 * "branch PC TAKEN FELL" per branch: whether a measured call took it, and
 * whether one fell through it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct function {
    unsigned long start, end;
    char kind;
    char name[80];
};
struct branch {
    unsigned long pc, target, next;
    int taken, fell;
};

static struct function *functions;
static size_t nfunctions;
static struct branch *branches;
static size_t nbranches;

static int by_start(const void *a, const void *b)
{
    const struct function *x = a, *y = b;
    return (x->start > y->start) - (x->start < y->start);
}

static int by_pc(const void *a, const void *b)
{
    const struct branch *x = a, *y = b;
    return (x->pc > y->pc) - (x->pc < y->pc);
}

static const struct function *function_at(unsigned long pc)
{
    size_t lo = 0, hi = nfunctions;
    while (lo < hi) { /* the last function starting at or below pc */
        size_t mid = lo + (hi - lo) / 2;
        if (functions[mid].start <= pc) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    if (lo == 0 || pc >= functions[lo - 1].end) {
        return NULL;
    }
    return &functions[lo - 1];
}

static struct branch *branch_at(unsigned long pc)
{
    struct branch key = {pc, 0, 0, 0, 0};
    return bsearch(&key, branches, nbranches, sizeof key, by_pc);
}

static void *grow(void *p, size_t n, size_t size)
{
    void *q = realloc(p, n * size);
    if (q == NULL) {
        perror("trace");
        exit(2);
    }
    return q;
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: trace SYMBOLS BRANCHES < TRACE\n");
        return 2;
    }
    FILE *f = fopen(argv[1], "r");
    char line[512];
    if (f == NULL) {
        perror(argv[1]);
        return 2;
    }
    size_t cap = 0;
    while (fgets(line, sizeof line, f) != NULL) {
        struct function fn;
        unsigned long size;
        if (sscanf(line, "%lx %lx %c %79s", &fn.start, &size, &fn.kind, fn.name) != 4) {
            continue;
        }
        fn.end = fn.start + size;
        if (nfunctions == cap) {
            cap = cap ? 2 * cap : 256;
            functions = grow(functions, cap, sizeof *functions);
        }
        functions[nfunctions++] = fn;
    }
    fclose(f);
    qsort(functions, nfunctions, sizeof *functions, by_start);

    f = fopen(argv[2], "r");
    if (f == NULL) {
        perror(argv[2]);
        return 2;
    }
    cap = 0;
    while (fgets(line, sizeof line, f) != NULL) {
        struct branch b = {0, 0, 0, 0, 0};
        if (sscanf(line, "%lx %lx %lx", &b.pc, &b.target, &b.next) != 3) {
            continue;
        }
        if (nbranches == cap) {
            cap = cap ? 2 * cap : 256;
            branches = grow(branches, cap, sizeof *branches);
        }
        branches[nbranches++] = b;
    }
    fclose(f);
    qsort(branches, nbranches, sizeof *branches, by_pc);

    unsigned long paint = 0, scan = 0;
    for (size_t i = 0; i < nfunctions; i++) {
        if (functions[i].kind == 'D' && strcmp(functions[i].name, "datasheet_paint") == 0) {
            paint = functions[i].start;
        }
        if (functions[i].kind == 'D' && strcmp(functions[i].name, "datasheet_scan") == 0) {
            scan = functions[i].start;
        }
    }
    if (paint == 0 || scan == 0) {
        fprintf(stderr, "trace: no datasheet_paint or datasheet_scan in the driver\n");
        return 2;
    }

    int armed = 0, in_call = 0, ended = 0;
    char prev_kind = 'O';
    unsigned long count = 0;
    const char *name = NULL;
    const char *prep = NULL;
    struct branch *pending = NULL; /* the branch just executed inside a call */
    while (fgets(line, sizeof line, stdin) != NULL) {
        const char *bracket = strchr(line, '[');
        const char *slash = bracket ? strchr(bracket, '/') : NULL;
        if (strncmp(line, "Trace", 5) != 0 || slash == NULL) {
            continue;
        }
        unsigned long pc = strtoul(slash + 1, NULL, 16);
        const struct function *fn = function_at(pc);
        char kind = fn ? fn->kind : 'O';
        if (pending != NULL) {
            if (pc == pending->target) {
                pending->taken = 1;
            }
            if (pc == pending->next) {
                pending->fell = 1;
            }
            pending = NULL;
        }
        if (in_call) {
            if (kind == 'D') {
                in_call = 0;
                ended = 1;
            } else if (kind != 'C') {
                count++;
                if (kind == 'L') {
                    pending = branch_at(pc);
                }
            }
        }
        if (!in_call) {
            if (pc == paint) {
                armed = 1;
                ended = 0;
                prep = NULL;
            } else if (pc == scan && ended) {
                printf("call %s %lu %s\n", name, count, prep != NULL ? prep : "-");
                ended = 0;
            } else if ((armed || ended) && kind == 'O' && prev_kind == 'D' && fn != NULL && pc == fn->start) {
                prep = fn->name; /* the driver passes an argument or a result through it (memcpy) */
            } else if (armed && kind == 'L' && prev_kind == 'D' && pc == fn->start) {
                armed = 0;
                in_call = 1;
                count = 1;
                name = fn->name;
                pending = branch_at(pc);
            }
        }
        prev_kind = kind;
    }
    if (in_call || ended) {
        fprintf(stderr, "trace: the trace ends inside a call of %s\n", name);
        return 1;
    }
    for (size_t i = 0; i < nbranches; i++) {
        printf("branch %lx %d %d\n", branches[i].pc, branches[i].taken, branches[i].fell);
    }
    return 0;
}
