/* SPDX-License-Identifier: MIT */
/* The mmap port: guard pages, the 64 GiB reservation, clean failure and release. */
#define _DEFAULT_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bump_mmap.h"
#include "check_arena.h"
#include "expected.h"
#include "harness.h"

#if defined(BUMP_VALGRIND)
#include <valgrind/valgrind.h>
#endif

static size_t page(void)
{
    return (size_t)sysconf(_SC_PAGESIZE);
}

/* Lines in /proc/self/maps: the number of mappings this process has. */
static int mapping_count(void)
{
    FILE *f = fopen("/proc/self/maps", "r");
    int lines = 0, c;
    if (f == NULL) {
        return -1;
    }
    while ((c = fgetc(f)) != EOF) {
        lines += c == '\n';
    }
    fclose(f);
    return lines;
}

/* Resident memory of this process, in pages. */
static long resident_pages(void)
{
    long size = 0, resident = -1;
    FILE *f = fopen("/proc/self/statm", "r");
    if (f != NULL) {
        if (fscanf(f, "%ld %ld", &size, &resident) != 2) {
            resident = -1;
        }
        fclose(f);
    }
    return resident;
}

/*
 * The host builds link with -Wl,--wrap=mmap -Wl,--wrap=mprotect (Makefile,
 * HOST_LDFLAGS): every call the port makes comes here first, so a test can
 * see the last mapping made and make the next mprotect fail, as a system
 * out of memory or over a mapping limit would.
 */
void *__real_mmap(void *addr, size_t length, int prot, int flags, int fd, off_t offset);
void *__wrap_mmap(void *addr, size_t length, int prot, int flags, int fd, off_t offset);
int __real_mprotect(void *addr, size_t length, int prot);
int __wrap_mprotect(void *addr, size_t length, int prot);

static void *last_mapping;
static size_t last_mapping_length;
static int mprotect_failures; /* the next this many calls fail with ENOMEM */

void *__wrap_mmap(void *addr, size_t length, int prot, int flags, int fd, off_t offset)
{
    void *p = __real_mmap(addr, length, prot, flags, fd, offset);
    if (p != MAP_FAILED) {
        last_mapping = p;
        last_mapping_length = length;
    }
    return p;
}

int __wrap_mprotect(void *addr, size_t length, int prot)
{
    if (mprotect_failures > 0) {
        mprotect_failures--;
        errno = ENOMEM;
        return -1;
    }
    return __real_mprotect(addr, length, prot);
}

/* /proc/self/maps, read without stdio: fopen's buffer comes from malloc,
 * which may map memory of its own (under ASan it does), and a test that
 * asks whether an address range is unmapped must not map anything first. */
static char maps_text[1 << 18];

static bool read_maps(void)
{
    int fd = open("/proc/self/maps", O_RDONLY);
    size_t used = 0;
    if (fd < 0) {
        return false;
    }
    for (;;) {
        ssize_t n = read(fd, maps_text + used, sizeof maps_text - 1u - used);
        if (n <= 0) {
            break;
        }
        used += (size_t)n;
    }
    close(fd);
    maps_text[used] = '\0';
    return used > 0 && used < sizeof maps_text - 1u;
}

/*
 * What /proc/self/maps says about the bytes [lo, hi): writes the
 * permissions ("rw-p", "---p", ...) of the mapping holding lo to `perms`,
 * and returns how many mappings overlap the range (0: nothing maps any of
 * it); -1 when the file cannot be read.
 */
static int mappings_over(uintptr_t lo, uintptr_t hi, char perms[5])
{
    int overlapping = 0;
    strcpy(perms, "none");
    if (!read_maps()) {
        return -1;
    }
    for (char *line = maps_text; *line != '\0';) {
        char *end;
        uintptr_t from = (uintptr_t)strtoull(line, &end, 16);
        uintptr_t to = (uintptr_t)strtoull(end + 1, &end, 16);
        if (from < hi && lo < to) {
            overlapping++;
            if (from <= lo && lo < to) {
                memcpy(perms, end + 1, 4);
                perms[4] = '\0';
            }
        }
        char *next = strchr(line, '\n');
        line = (next != NULL) ? next + 1 : line + strlen(line);
    }
    return overlapping;
}

/* True when the whole page range [lo, hi) is mapped with permissions `want`. */
static bool mapped_as(const void *lo, const void *hi, const char *want)
{
    char perms[5];
    for (uintptr_t p = (uintptr_t)lo; p < (uintptr_t)hi; p += page()) {
        if (mappings_over(p, p + page(), perms) != 1 || strcmp(perms, want) != 0) {
            return false;
        }
    }
    return true;
}

/* True when nothing maps any byte of [lo, hi). */
static bool unmapped(const void *lo, const void *hi)
{
    char perms[5];
    return mappings_over((uintptr_t)lo, (uintptr_t)hi, perms) == 0;
}

/* Reads or writes one byte at `addr` in a child process; returns the signal
 * that ended the child, or 0 when it exited normally. Under valgrind a fault
 * is reported (an invalid access, then the SIGSEGV): expected, the report is
 * kept under `name` (expected.h). */
static int access_in_child(volatile unsigned char *addr, bool write, const char *name)
{
    struct expected report;
    expected_begin(&report, name);
    pid_t pid = fork();
    if (pid == 0) {
        expected_child(&report);
        /* Die by the signal itself: no sanitizer report. */
        signal(SIGSEGV, SIG_DFL);
        signal(SIGBUS, SIG_DFL);
        if (write) {
            *addr = 0x5a;
        } else {
            _exit(*addr == 0x5a ? 1 : 0);
        }
        _exit(0);
    }
    int status = 0;
    if (pid < 0 || waitpid(pid, &status, 0) != pid) {
        return -1;
    }
    (void)expected_end(&report, pid);
    return WIFSIGNALED(status) ? WTERMSIG(status) : 0;
}

static int poke_in_child(volatile unsigned char *addr, const char *name)
{
    return access_in_child(addr, true, name);
}

static int peek_in_child(volatile unsigned char *addr, const char *name)
{
    return access_in_child(addr, false, name);
}

static void mmap_region_is_usable_end_to_end(void)
{
    bump_t a;
    CHECK(bump_mmap_init(&a, 1u << 20));
    CHECK(bump_capacity(&a) == 1u << 20);
    unsigned char *p = bump_alloc(&a, 1u << 20, 1);
    CHECK(p != NULL);
    if (p != NULL) {
        memset(p, 0xab, 1u << 20);
        CHECK(p[0] == 0xab && p[(1u << 20) - 1] == 0xab);
    }
    bump_mmap_release(&a);
}

static void mmap_guard_page_directly_below_first_byte(void)
{
    bump_t a;
    CHECK(bump_mmap_init(&a, 3 * page()));
    unsigned char *first = bump_start(&a);
    CHECK(poke_in_child(first, "mmap_first_byte") == 0);
    CHECK(poke_in_child(first - 1, "mmap_guard_below_last_byte") == SIGSEGV);
    CHECK(poke_in_child(first - page(), "mmap_guard_below_first_byte") == SIGSEGV);
    bump_mmap_release(&a);
}

static void mmap_guard_page_directly_above_last_byte(void)
{
    bump_t a;
    CHECK(bump_mmap_init(&a, 3 * page()));
    unsigned char *end = (unsigned char *)bump_end(&a);
    CHECK(poke_in_child(end - 1, "mmap_last_byte") == 0);
    CHECK(poke_in_child(end, "mmap_guard_above_first_byte") == SIGSEGV);
    CHECK(poke_in_child(end + page() - 1, "mmap_guard_above_last_byte") == SIGSEGV);
    bump_mmap_release(&a);
}

static void mmap_capacity_rounds_up_to_whole_pages_guard_still_adjacent(void)
{
    bump_t a;
    CHECK(bump_mmap_init(&a, 100));
    CHECK(bump_capacity(&a) == page());
    unsigned char *p = bump_alloc(&a, bump_remaining(&a), 1);
    CHECK(p == (unsigned char *)bump_start(&a));
    CHECK(poke_in_child(p + page() - 1, "mmap_rounded_last_byte") == 0);
    CHECK(poke_in_child(p + page(), "mmap_rounded_guard") == SIGSEGV);
    bump_mmap_release(&a);
}

static void mmap_overrun_of_last_block_faults(void)
{
    bump_t a;
    CHECK(bump_mmap_init(&a, page()));
    /* Bumping down, the first block sits at the top of the region. */
    unsigned char *p = bump_alloc(&a, 64, 8);
    CHECK(p != NULL && p + 64 == (unsigned char *)bump_end(&a));
    if (p != NULL) {
        CHECK(poke_in_child(p + 64, "mmap_overrun_of_last_block") == SIGSEGV);
    }
    bump_mmap_release(&a);
}

static void mmap_reserves_64_gib_without_committing_it(void)
{
    if (sizeof(size_t) < 8) {
        return; /* a 32-bit host has no 64 GiB address space */
    }
    size_t gib64 = (size_t)64 << 30;
#if defined(BUMP_VALGRIND)
    /* valgrind's own address-space manager refuses mappings over 32 GiB;
     * the other host builds prove the full 64 GiB. */
    if (RUNNING_ON_VALGRIND) {
        gib64 = (size_t)16 << 30;
    }
#endif
    long before = resident_pages();
    bump_t a;
    if (!CHECK(bump_mmap_init(&a, gib64))) {
        return;
    }
    CHECK(bump_capacity(&a) == gib64);
    /* One block of all of it; touch both ends. */
    unsigned char *p = bump_alloc(&a, gib64, 16);
    CHECK(p != NULL);
    if (p != NULL) {
        p[0] = 1;
        p[gib64 - 1] = 2;
        CHECK(p[0] == 1 && p[gib64 - 1] == 2);
    }
    long after = resident_pages();
    bool measurable = true;
#if defined(BUMP_VALGRIND)
    measurable = !RUNNING_ON_VALGRIND; /* resident size there is valgrind's own */
#endif
    /* Two touched pages, not 64 GiB: allow a generous 16 MiB of noise. */
    CHECK(!measurable || (before > 0 && after > 0 && (size_t)(after - before) * page() < ((size_t)16 << 20)));
    bump_mmap_release(&a);
}

static void mmap_bad_arguments_fail_and_map_nothing(void)
{
    bump_t a, before;
    memset(&a, 0x77, sizeof a);
    before = a;
    int maps = mapping_count();
    CHECK(!bump_mmap_init(NULL, 4096));
    CHECK(!bump_mmap_init(&a, 0));
    CHECK(!bump_mmap_init(&a, SIZE_MAX));
    CHECK(!bump_mmap_init(&a, SIZE_MAX - page()));
    /* Representable but larger than any address space: the system refuses. */
    CHECK(!bump_mmap_init(&a, SIZE_MAX / 2));
    CHECK(arena_same(&a, &before));
    CHECK(mapping_count() == maps);
}

static void mmap_release_unmaps_everything_and_empties_arena(void)
{
    int maps = mapping_count();
    bump_t a;
    CHECK(bump_mmap_init(&a, 8 * page()));
    CHECK(mapping_count() > maps);
    unsigned char *p = bump_alloc(&a, 16, 8);
    CHECK(p != NULL);
    bump_mmap_release(&a);
    CHECK(mapping_count() == maps);
    CHECK(bump_capacity(&a) == 0 && bump_alloc(&a, 1, 1) == NULL);
    if (p != NULL) {
        CHECK(poke_in_child(p, "mmap_released_region") == SIGSEGV);
    }
    bump_mmap_release(NULL); /* ignored */
}

static void mmap_guard_pages_are_reservations_that_fault_on_read(void)
{
    bump_t a;
    if (!CHECK(bump_mmap_init(&a, 3 * page()))) {
        return;
    }
    unsigned char *first = (unsigned char *)bump_start(&a), *end = (unsigned char *)bump_end(&a);
    /* One inaccessible page on each side, held by this arena's mapping (not
     * a hole that some later mapping may fill), and the usable part open. */
    CHECK(mapped_as(first - page(), first, "---p"));
    CHECK(mapped_as(end, end + page(), "---p"));
    CHECK(mapped_as(first, end, "rw-p"));
    CHECK(peek_in_child(first, "mmap_read_first_byte") == 0);
    CHECK(peek_in_child(end - 1, "mmap_read_last_byte") == 0);
    CHECK(peek_in_child(first - 1, "mmap_read_guard_below") == SIGSEGV);
    CHECK(peek_in_child(first - page(), "mmap_read_guard_below_first_byte") == SIGSEGV);
    CHECK(peek_in_child(end, "mmap_read_guard_above") == SIGSEGV);
    CHECK(peek_in_child(end + page() - 1, "mmap_read_guard_above_last_byte") == SIGSEGV);
    bump_mmap_release(&a);
}

static void mmap_release_leaves_neither_guard_mapped(void)
{
    bump_t a;
    if (!CHECK(bump_mmap_init(&a, 5 * page()))) {
        return;
    }
    unsigned char *first = (unsigned char *)bump_start(&a), *end = (unsigned char *)bump_end(&a);
    CHECK(bump_alloc(&a, 100, 8) != NULL);
    bump_mmap_release(&a);
    CHECK(unmapped(first - page(), first));
    CHECK(unmapped(first, end));
    CHECK(unmapped(end, end + page()));
    CHECK(peek_in_child(end - 1, "mmap_read_after_release") == SIGSEGV);
}

static void mmap_failed_mprotect_returns_false_and_unmaps_everything(void)
{
    bump_t a, before;
    memset(&a, 0x77, sizeof a);
    before = a;
    last_mapping = NULL;
    mprotect_failures = 1;
    CHECK(!bump_mmap_init(&a, 4 * page()));
    CHECK(mprotect_failures == 0); /* the failure was injected */
    mprotect_failures = 0;
    CHECK(arena_same(&a, &before));
    CHECK(last_mapping != NULL);
    if (last_mapping != NULL) {
        /* Nothing of what was mapped is left, guards included. */
        CHECK(unmapped(last_mapping, (unsigned char *)last_mapping + last_mapping_length));
    }
    /* And the next call, with nothing injected, works. */
    if (CHECK(bump_mmap_init(&a, 4 * page()))) {
        CHECK(bump_capacity(&a) == 4 * page());
        bump_mmap_release(&a);
    }
}

/* Memory the system maps again where a released arena was is fresh: no
 * poisoning (ASan builds) or guard of the old arena is left on it. The
 * released arena was used to the last byte and reset, so all of it was
 * poisoned. */
static void mmap_memory_mapped_again_after_release_is_clean(void)
{
    bump_t a;
    size_t size = 4 * page();
    if (!CHECK(bump_mmap_init(&a, size))) {
        return;
    }
    unsigned char *first = (unsigned char *)bump_start(&a);
    unsigned char *p = bump_alloc(&a, size, 1);
    CHECK(p == first);
    if (p != NULL) {
        memset(p, 0x11, size);
    }
    bump_reset(&a);
    bump_mmap_release(&a);
    /* The same addresses, guards included, mapped by someone else. */
    unsigned char *again = mmap(first - page(), size + 2 * page(), PROT_READ | PROT_WRITE,
                                MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
    if (!CHECK(again == first - page())) {
        if (again != MAP_FAILED) {
            munmap(again, size + 2 * page());
        }
        return;
    }
    memset(again, 0x22, size + 2 * page());
    size_t seen = 0;
    for (size_t i = 0; i < size + 2 * page(); i++) {
        seen += again[i] == 0x22;
    }
    CHECK(seen == size + 2 * page());
    munmap(again, size + 2 * page());
}

static const struct harness_test tests[] = {
    HARNESS_TEST(mmap_region_is_usable_end_to_end),
    HARNESS_TEST(mmap_guard_page_directly_below_first_byte),
    HARNESS_TEST(mmap_guard_page_directly_above_last_byte),
    HARNESS_TEST(mmap_capacity_rounds_up_to_whole_pages_guard_still_adjacent),
    HARNESS_TEST(mmap_overrun_of_last_block_faults),
    HARNESS_TEST(mmap_reserves_64_gib_without_committing_it),
    HARNESS_TEST(mmap_bad_arguments_fail_and_map_nothing),
    HARNESS_TEST(mmap_release_unmaps_everything_and_empties_arena),
    HARNESS_TEST(mmap_guard_pages_are_reservations_that_fault_on_read),
    HARNESS_TEST(mmap_release_leaves_neither_guard_mapped),
    HARNESS_TEST(mmap_failed_mprotect_returns_false_and_unmaps_everything),
    HARNESS_TEST(mmap_memory_mapped_again_after_release_is_clean),
};
HARNESS_GROUP(mmap_port, tests);
