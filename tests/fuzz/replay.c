/* SPDX-License-Identifier: MIT */
/*
 * Runs the fuzz target over corpus files without libFuzzer: each file in a
 * child process, so one that traps or trips a sanitizer is counted and the
 * rest still run. Ends with "fuzz corpus: N passed, N failed".
 */
#define _POSIX_C_SOURCE 200809L
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Largest input replayed; the seeds are far smaller. */
#define MAX_INPUT 65536u

static int run_file(const char *path)
{
    static uint8_t buf[MAX_INPUT];
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        perror(path);
        return 1;
    }
    size_t n = fread(buf, 1U, sizeof buf, f);
    int bad = ferror(f) || !feof(f);
    (void)fclose(f);
    if (bad) {
        (void)fprintf(stderr, "%s: unreadable or larger than %u bytes\n", path, MAX_INPUT);
        return 1;
    }
    (void)LLVMFuzzerTestOneInput(buf, n);
    return 0;
}

int main(int argc, char **argv)
{
    unsigned passed = 0U, failed = 0U;
    for (int i = 1; i < argc; i++) {
        (void)fflush(NULL);
        pid_t pid = fork();
        if (pid < 0) {
            perror("fork");
            return 2;
        }
        if (pid == 0) {
            exit(run_file(argv[i])); /* exit, not _exit: coverage builds write their profile at exit */
        }
        int status = 0;
        if (waitpid(pid, &status, 0) < 0) {
            perror("waitpid");
            return 2;
        }
        if (WIFEXITED(status) && (WEXITSTATUS(status) == 0)) {
            passed++;
        } else {
            failed++;
            (void)fprintf(stderr, "FAIL %s\n", argv[i]);
        }
    }
    (void)printf("fuzz corpus: %u passed, %u failed\n", passed, failed);
    return ((failed == 0U) && (passed > 0U)) ? 0 : 1;
}
