/* SPDX-License-Identifier: MIT */
/*
 * The C++ layer (src/bump.hpp) with the standard containers, on the host
 * (g++ and clang++ under ASan and UBSan, with and without exceptions) and on
 * a board (arm-none-eabi-g++, newlib's libstdc++). Exhaustion is tested where
 * its end can be watched: with exceptions, std::bad_alloc is caught; without
 * them, on the host, a child process must end in SIGABRT.
 */
#include <cstdint>
#include <list>
#include <map>
#include <memory_resource>
#include <string>
#include <vector>

#include "bump.hpp"

extern "C" {
#include "harness.h"
}

#if !defined(__cpp_exceptions) && defined(__unix__)
#include <csignal>
#include <sys/wait.h>
#include <unistd.h>
#define WATCH_ABORT 1
#endif

#ifndef TEST_LABEL
#define TEST_LABEL "c++"
#endif

namespace {

alignas(64) unsigned char region[64 * 1024];

bump_t fresh_arena()
{
    bump_t arena;
    bool ok = bump_init(&arena, region, sizeof region);
    CHECK(ok);
    return arena;
}

bool owns(bump_t &arena, const void *p) { return bump_owns(&arena, p); }

void resource_allocates_aligned_blocks_from_the_arena()
{
    bump_t arena = fresh_arena();
    bump::resource res(arena);
    std::pmr::memory_resource &r = res;
    for (std::size_t align = 1; align <= 256; align *= 2) {
        void *p = r.allocate(24, align);
        CHECK(owns(arena, p));
        CHECK(reinterpret_cast<std::uintptr_t>(p) % align == 0);
    }
    size_t used = bump_used(&arena);
    void *p = r.allocate(100, 8);
    CHECK(bump_used(&arena) >= used + 100);
    used = bump_used(&arena);
    r.deallocate(p, 100, 8); /* a no-op: only the arena releases */
    CHECK(bump_used(&arena) == used);
    CHECK(&res.arena() == &arena);
}

void resource_is_equal_only_to_itself()
{
    bump_t arena = fresh_arena();
    bump::resource a(arena), b(arena);
    CHECK(a.is_equal(a));
    CHECK(!a.is_equal(b));
    CHECK(a != b);
    CHECK(!a.is_equal(*std::pmr::new_delete_resource()));
}

void pmr_vector_grows_inside_the_arena()
{
    bump_t arena = fresh_arena();
    bump::resource res(arena);
    std::pmr::vector<std::uint32_t> v(&res);
    for (std::uint32_t i = 0; i < 2000; i++) {
        v.push_back(i * 3U);
    }
    bool values = true;
    for (std::uint32_t i = 0; i < 2000; i++) {
        values = values && v[i] == i * 3U;
    }
    CHECK(values);
    CHECK(owns(arena, v.data()) && owns(arena, &v.back()));
    /* Outgrown buffers stay allocated: at least the final one is counted. */
    CHECK(bump_used(&arena) >= v.capacity() * sizeof(std::uint32_t));
    std::pmr::vector<std::pmr::vector<int>> nested(&res);
    nested.emplace_back(5, 7);
    CHECK(nested[0].get_allocator().resource() == &res && owns(arena, nested[0].data()));
}

void pmr_string_lives_in_the_arena()
{
    bump_t arena = fresh_arena();
    bump::resource res(arena);
    std::pmr::string s("a string longer than any small-string buffer", &res);
    s += s;
    CHECK(owns(arena, s.data()));
    CHECK(s.size() == 88U && s.compare(44, 44, s, 0, 44) == 0);
}

void allocator_serves_vector_list_map_and_string()
{
    bump_t arena = fresh_arena();
    bump::allocator<int> ints(arena);
    std::vector<int, bump::allocator<int>> v(ints);
    v.assign(300, 1);
    CHECK(owns(arena, v.data()) && v.size() == 300U);

    std::list<double, bump::allocator<double>> l{bump::allocator<double>(arena)};
    l.push_back(1.5);
    l.push_front(0.5);
    CHECK(owns(arena, &l.front()) && owns(arena, &l.back()) && l.size() == 2U);
    CHECK(reinterpret_cast<std::uintptr_t>(&l.front()) % alignof(double) == 0);

    using pair_allocator = bump::allocator<std::pair<const int, int>>;
    std::map<int, int, std::less<int>, pair_allocator> m{pair_allocator(arena)};
    for (int i = 0; i < 50; i++) {
        m[i] = i * i;
    }
    CHECK(m.size() == 50U && m[7] == 49 && owns(arena, &m[7]));

    std::basic_string<char, std::char_traits<char>, bump::allocator<char>> s{bump::allocator<char>(arena)};
    s.assign(100, 'x');
    CHECK(owns(arena, s.data()) && s[99] == 'x');
}

void allocators_are_equal_when_they_share_the_arena()
{
    bump_t arena = fresh_arena(), other;
    static unsigned char other_region[256];
    CHECK(bump_init(&other, other_region, sizeof other_region));
    bump::allocator<int> a(arena);
    bump::allocator<long> rebound(a);
    CHECK(a == rebound && !(a != rebound));
    CHECK(a != bump::allocator<int>(other));
}

void nested_scopes_release_inner_first()
{
    bump_t arena = fresh_arena();
    bump::resource res(arena);
    size_t at_start = bump_used(&arena);
    {
        bump::scope outer(arena);
        std::pmr::vector<int> kept(100, 1, &res);
        size_t after_outer = bump_used(&arena);
        {
            bump::scope inner(arena);
            std::pmr::string tmp(500, 't', &res);
            CHECK(bump_used(&arena) >= after_outer + 500);
        }
        CHECK(bump_used(&arena) == after_outer);
        CHECK(kept[99] == 1);
    }
    CHECK(bump_used(&arena) == at_start);
}

void scope_rewinds_early_and_stays_open()
{
    bump_t arena = fresh_arena();
    bump::scope s(arena);
    size_t at_mark = bump_used(&arena);
    for (int turn = 0; turn < 3; turn++) {
        CHECK(bump_alloc(&arena, 64, 8) != nullptr);
        CHECK(s.rewind());
        CHECK(bump_used(&arena) == at_mark);
    }
    bump_reset(&arena);
    CHECK(!s.rewind()); /* a reset made the mark stale */
}

/* A scope whose arena is reset inside it, where a restarted subsystem then
 * takes its own mark and blocks: the scope's end releases none of them (the
 * host builds run this under ASan and UBSan), and the refusal is counted. */
void scope_with_a_reset_inside_releases_nothing_of_others()
{
    bump_t arena = fresh_arena();
    bump::resource res(arena);
    bump_mark_t restarted;
    char *owned = nullptr;
    {
        bump::scope s(arena);
        std::pmr::string tmp(200, 't', &res);
        bump_reset(&arena);
        restarted = bump_mark(&arena);
        owned = static_cast<char *>(bump_alloc(&arena, 48, 8));
        CHECK(owned != nullptr);
        for (int i = 0; i < 48; i++) {
            owned[i] = 'o';
        }
    }
    CHECK(bump_used(&arena) == 48U && bump_owns(&arena, owned));
    char *next = static_cast<char *>(bump_alloc(&arena, 48, 8));
    CHECK(next != nullptr && next + 48 <= owned);
    bool intact = true;
    for (int i = 0; i < 48; i++) {
        intact = intact && owned[i] == 'o';
    }
    CHECK(intact);
    bump_report_t r;
    bump_report(&arena, &r);
    CHECK(r.refused_rewinds == 1U);
    CHECK(bump_rewind(&arena, restarted) && bump_used(&arena) == 0U);
}

/* Opens scope number `depth` (0 the outermost) and allocates in it; the one
 * past BUMP_MARK_DEPTH gets a mark the arena refuses, so it releases nothing.
 * Returns whether every scope behaved so. */
bool nest_scopes(bump_t &arena, unsigned depth)
{
    bump::scope s(arena);
    size_t before = bump_used(&arena);
    bool ok = bump_alloc(&arena, 16, 8) != nullptr;
    if (depth < BUMP_MARK_DEPTH) {
        ok = nest_scopes(arena, depth + 1U) && ok;
        ok = s.rewind() && bump_used(&arena) == before && ok;
    } else {
        ok = !s.rewind() && bump_used(&arena) == before + 16U && ok;
    }
    return ok;
}

void scopes_past_the_mark_depth_release_nothing_and_outer_ones_work()
{
    bump_t arena = fresh_arena();
    CHECK(nest_scopes(arena, 0));
    CHECK(bump_used(&arena) == 0U);
}

#if defined(__cpp_exceptions)
/* The oom hook runs before the failure is reported, on every path. */
int hook_calls;
void count_hook(bump_t *, size_t, size_t) { hook_calls++; }

void exhaustion_throws_bad_alloc_after_the_hook()
{
    bump_t arena = fresh_arena();
    bump_set_oom_hook(&arena, count_hook);
    hook_calls = 0;
    bump::resource res(arena);
    bool thrown = false;
    try {
        (void)res.allocate(sizeof region + 1, 8);
    } catch (const std::bad_alloc &) {
        thrown = true;
    }
    CHECK(thrown && hook_calls == 1);
    thrown = false;
    try {
        (void)bump::allocator<std::uint64_t>(arena).allocate(SIZE_MAX / 4); /* n * size overflows */
    } catch (const std::bad_alloc &) {
        thrown = true;
    }
    CHECK(thrown && hook_calls == 2);
    std::pmr::vector<int> v(&res);
    thrown = false;
    try {
        for (;;) {
            v.push_back(1);
        }
    } catch (const std::bad_alloc &) {
        thrown = true;
    }
    CHECK(thrown && hook_calls == 3 && !v.empty());
}
#elif defined(WATCH_ABORT)
/* Runs `exhaust` in a child: it must call the hook once, then abort. */
bool aborts_after_the_hook(void (*exhaust)(bump_t &))
{
    int fds[2];
    if (pipe(fds) != 0) {
        return false;
    }
    pid_t pid = fork();
    if (pid == 0) {
        close(fds[0]);
        static int hook_fd;
        hook_fd = fds[1];
        bump_t arena = fresh_arena();
        bump_set_oom_hook(&arena, [](bump_t *, size_t, size_t) { (void)!write(hook_fd, "h", 1); });
        exhaust(arena);
        _exit(0); /* returned: the test fails */
    }
    close(fds[1]);
    char buf[4];
    ssize_t hooks = 0, n;
    while ((n = read(fds[0], buf, sizeof buf)) > 0) {
        hooks += n;
    }
    close(fds[0]);
    int status = 0;
    bool ended = waitpid(pid, &status, 0) == pid;
    return ended && WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT && hooks == 1;
}

void exhaustion_without_exceptions_aborts_after_the_hook()
{
    CHECK(aborts_after_the_hook([](bump_t &arena) { (void)bump::resource(arena).allocate(sizeof region + 1, 8); }));
    CHECK(aborts_after_the_hook(
        [](bump_t &arena) { (void)bump::allocator<std::uint64_t>(arena).allocate(SIZE_MAX / 4); }));
    CHECK(aborts_after_the_hook([](bump_t &arena) {
        bump::resource res(arena);
        std::pmr::vector<int> v(&res);
        for (;;) {
            v.push_back(1);
        }
    }));
}
#endif

const struct harness_test tests[] = {
    HARNESS_TEST(resource_allocates_aligned_blocks_from_the_arena),
    HARNESS_TEST(resource_is_equal_only_to_itself),
    HARNESS_TEST(pmr_vector_grows_inside_the_arena),
    HARNESS_TEST(pmr_string_lives_in_the_arena),
    HARNESS_TEST(allocator_serves_vector_list_map_and_string),
    HARNESS_TEST(allocators_are_equal_when_they_share_the_arena),
    HARNESS_TEST(nested_scopes_release_inner_first),
    HARNESS_TEST(scope_rewinds_early_and_stays_open),
    HARNESS_TEST(scope_with_a_reset_inside_releases_nothing_of_others),
    HARNESS_TEST(scopes_past_the_mark_depth_release_nothing_and_outer_ones_work),
#if defined(__cpp_exceptions)
    HARNESS_TEST(exhaustion_throws_bad_alloc_after_the_hook),
#elif defined(WATCH_ABORT)
    HARNESS_TEST(exhaustion_without_exceptions_aborts_after_the_hook),
#endif
};
HARNESS_GROUP(cpp_group, tests);

} // namespace

int main()
{
    HARNESS_GROUPS(cpp_groups, &cpp_group);
    harness_run(&cpp_groups);
    return harness_finish(TEST_LABEL);
}
