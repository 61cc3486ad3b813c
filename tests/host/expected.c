/* SPDX-License-Identifier: MIT */
/* Expected fault reports out of the console log (expected.h). */
#define _DEFAULT_SOURCE
#include "expected.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bump.h"

#if defined(BUMP_VALGRIND)
#include <valgrind/valgrind.h>
#endif

/* The folder of the reports, made on first use (in the parent: the child
 * must find the same one). */
static const char *expected_dir(void)
{
    static char tmp[] = "/tmp/bump-expected-XXXXXX";
    static const char *dir;
    if (dir == NULL) {
        dir = getenv("TEST_EXPECTED_DIR");
        if (dir == NULL || dir[0] == '\0') {
            dir = (mkdtemp(tmp) != NULL) ? tmp : "/tmp";
        } else {
            (void)mkdir(dir, 0777); /* tests/runner.sh makes it; by hand, maybe not */
        }
    }
    return dir;
}

/* Who writes the report in this build. */
static const char *expected_tool(void)
{
#if defined(BUMP_ASAN)
    return "ASan";
#elif defined(BUMP_VALGRIND)
    return RUNNING_ON_VALGRIND ? "valgrind" : "fault";
#else
    return "fault";
#endif
}

void expected_begin(struct expected *e, const char *name)
{
    e->name = name;
    (void)snprintf(e->path, sizeof e->path, "%s/%s.log", expected_dir(), name);
    (void)remove(e->path);
    fflush(stdout);
}

void expected_child(const struct expected *e)
{
    int fd = open(e->path, O_WRONLY | O_CREAT | O_TRUNC, 0666);
    if (fd >= 0) {
        (void)dup2(fd, STDERR_FILENO);
        (void)close(fd);
    }
}

bool expected_end(const struct expected *e, pid_t pid)
{
    char valgrind_log[512];
    struct stat st;
    (void)snprintf(valgrind_log, sizeof valgrind_log, "%s/valgrind.%ld.log", expected_dir(), (long)pid);
    if (stat(valgrind_log, &st) == 0 && st.st_size > 0) {
        (void)rename(valgrind_log, e->path); /* the child wrote nothing else to stderr */
    } else {
        (void)remove(valgrind_log);
    }
    if (stat(e->path, &st) != 0 || st.st_size == 0) {
        (void)remove(e->path);
        return false;
    }
    printf("  expected: %s: %s report kept in %s\n", e->name, expected_tool(), e->path);
    return true;
}
