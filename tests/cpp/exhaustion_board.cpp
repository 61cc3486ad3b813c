/* SPDX-License-Identifier: MIT */
/*
 * Exhaustion on a board, without exceptions: a pmr::vector outgrows its
 * arena, so bump::resource must run the arena's hook once and then call
 * std::abort(). newlib's abort raises SIGABRT, and the handler installed here
 * ends the run "1 passed" when the hook ran once; a push_back that returns,
 * or any other ending, fails it.
 */
#include <csignal>
#include <cstdio>
#include <memory_resource>
#include <vector>

#include "bump.hpp"

extern "C" [[noreturn]] void board_exit(int status); /* board/cortex-m/board.h */

#ifndef TEST_LABEL
#define TEST_LABEL "c++ exhaustion"
#endif

namespace {
int hook_calls;
alignas(8) unsigned char region[4096];

void on_abort(int)
{
    bool ok = hook_calls == 1;
    std::printf("abort() after %d call(s) of the hook\n%s: %d passed, %d failed\n", hook_calls, TEST_LABEL, ok ? 1 : 0,
                ok ? 0 : 1);
    board_exit(ok ? 0 : 1);
}
} // namespace

int main()
{
    (void)std::signal(SIGABRT, on_abort);
    bump_t arena;
    if (!bump_init(&arena, region, sizeof region)) {
        std::printf("%s: 0 passed, 1 failed\n", TEST_LABEL);
        return 1;
    }
    bump_set_oom_hook(&arena, [](bump_t *, size_t, size_t) { hook_calls++; });
    bump::resource res(arena);
    std::pmr::vector<int> v(&res);
    for (unsigned i = 0; i < sizeof region; i++) {
        v.push_back(1);
    }
    std::printf("%zu push_backs returned in a %u-byte arena\n%s: 0 passed, 1 failed\n", v.size(),
                static_cast<unsigned>(sizeof region), TEST_LABEL);
    return 1;
}
