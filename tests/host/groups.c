/* SPDX-License-Identifier: MIT */
#include "host_tests.h"

extern const struct harness_group mmap_port, threads_group, poison_group, asan_random_group;

/*
 * ThreadSanitizer (host-run-tsan) leaves out the mmap port's group: its
 * runtime maps and splits shadow memory as the process runs, so the group's
 * count of /proc/self/maps lines moves by itself, and it handles SIGSEGV
 * itself, so a child's write to an unmapped page does not end the child by
 * the signal. Every other host build runs the group.
 */
#if defined(__SANITIZE_THREAD__)
#define HOST_TSAN 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define HOST_TSAN 1
#endif
#endif
#if defined(HOST_TSAN)
#define MMAP_PORT_GROUP /* left out, see above */
#else
#define MMAP_PORT_GROUP &mmap_port,
#endif

HARNESS_GROUPS(host_groups, MMAP_PORT_GROUP &threads_group, &poison_group, &asan_random_group);
