/* SPDX-License-Identifier: MIT */
/*
 * bump for C++17: a header-only layer over bump.h, in namespace bump. Each
 * class holds a reference to an arena the caller owns (a bump_t, set up with
 * bump_init or a port) and never owns or releases the arena itself.
 *
 *   bump::resource      a std::pmr::memory_resource on the arena
 *   bump::allocator<T>  an allocator for the standard containers
 *   bump::scope         RAII: takes a mark, rewinds to it when destroyed
 *
 * Memory is released only by the arena: deallocate does nothing (a
 * container's freed or outgrown buffers stay allocated until a reset, a
 * rewind or the end of a scope), so give containers that grow a large arena
 * or reserve() up front. Neither exceptions nor RTTI are needed.
 *
 * Exhaustion. std::pmr requires allocate to return memory or not return at
 * all, and a standard container dereferences what its allocator returns, so
 * neither class ever returns nullptr. When the arena cannot serve a request,
 * the arena's out-of-memory hook runs first (bump_set_oom_hook: log, reset,
 * or never return); if it returns, allocate throws std::bad_alloc when
 * exceptions are enabled, and calls std::abort() when they are not
 * (-fno-exceptions). Where running out is expected, call bump_alloc on the
 * arena, which returns NULL.
 */
#ifndef BUMP_HPP
#define BUMP_HPP

#if !defined(__cplusplus) || (__cplusplus < 201703L)
#error "bump.hpp needs C++17 or later (std::pmr): compile with -std=c++17; from older C++, include bump.h"
#else /* the rest of the header, which would only add errors to that one */

#include <cstddef>
#include <cstdlib>
#include <memory_resource>
#include <new>

#include "bump.h"

namespace bump {

namespace detail {
/* A request the arena refused, after its hook returned. */
[[noreturn]] inline void out_of_memory()
{
#if defined(__cpp_exceptions)
    throw std::bad_alloc();
#else
    std::abort();
#endif
}
} // namespace detail

/* A memory resource on an arena. Equal only to itself (as the standard's own
 * resources are), although deallocation through any of them is a no-op. */
class resource final : public std::pmr::memory_resource {
public:
    explicit resource(bump_t &arena) noexcept : arena_(&arena) {}
    bump_t &arena() const noexcept { return *arena_; }

private:
    void *do_allocate(std::size_t bytes, std::size_t alignment) override
    {
        void *p = bump_alloc(arena_, bytes, alignment);
        if (p == nullptr) {
            detail::out_of_memory();
        }
        return p;
    }
    void do_deallocate(void * /*p*/, std::size_t /*bytes*/, std::size_t /*alignment*/) override {}
    bool do_is_equal(const std::pmr::memory_resource &other) const noexcept override { return this == &other; }

    bump_t *arena_;
};

/* An allocator for the standard containers: std::vector<int, bump::allocator<int>>
 * v{bump::allocator<int>(arena)}. Two allocators are equal when they use the
 * same arena, since either may "deallocate" what the other allocated. */
template <class T>
class allocator {
public:
    using value_type = T;

    explicit allocator(bump_t &arena) noexcept : arena_(&arena) {}
    template <class U>
    allocator(const allocator<U> &other) noexcept : arena_(&other.arena()) {}

    /* n objects of T, aligned for T; n * sizeof(T) is checked for overflow. */
    T *allocate(std::size_t n)
    {
        void *p = bump_alloc_array(arena_, n, sizeof(T), alignof(T));
        if (p == nullptr) {
            detail::out_of_memory();
        }
        return static_cast<T *>(p);
    }
    void deallocate(T * /*p*/, std::size_t /*n*/) noexcept {}

    bump_t &arena() const noexcept { return *arena_; }

private:
    bump_t *arena_;
};

template <class T, class U>
bool operator==(const allocator<T> &a, const allocator<U> &b) noexcept
{
    return &a.arena() == &b.arena();
}
template <class T, class U>
bool operator!=(const allocator<T> &a, const allocator<U> &b) noexcept
{
    return !(a == b);
}

/*
 * Everything allocated in the arena during the scope's life is released when
 * it is destroyed, by bump_rewind to the mark it took, so scopes nest as
 * marks do, and BUMP_SCOPE's rules in bump.h hold: a block taken before the
 * scope that grows in place inside it keeps its growth; when the arena is
 * reset (or re-initialised, or rewound past the scope) inside it, or the
 * scope is deeper than BUMP_MARK_DEPTH, its end releases nothing, never
 * memory that belongs to someone else, and bump_report counts the refused
 * rewind (refused_rewinds; unrecorded_marks for the depth). rewind() tells.
 */
class scope {
public:
    explicit scope(bump_t &arena) noexcept : arena_(&arena), mark_(bump_mark(&arena)) {}
    ~scope() { (void)bump_rewind(arena_, mark_); }
    scope(const scope &) = delete;
    scope &operator=(const scope &) = delete;

    /* Releases what was allocated since the mark now; the scope stays open.
     * Returns bump_rewind's answer. */
    [[nodiscard]] bool rewind() noexcept { return bump_rewind(arena_, mark_); }
    bump_mark_t mark() const noexcept { return mark_; }

private:
    bump_t *arena_;
    bump_mark_t mark_;
};

} // namespace bump

#endif /* C++17 */
#endif /* BUMP_HPP */
