# SPDX-License-Identifier: MIT
# bump: a freestanding bump-arena allocator.
#
#   make run     the demo (BOARD=<machine>, default mps2-an385; BOARD=host: natively)
#   make test    every suite: host (gcc, clang, sanitizers, valgrind), the QEMU
#                boards, lint, the fuzz corpus, a benchmark smoke run, the C++
#                layer, the CMake package and the real clients; ends with one
#                line "total: N passed, N failed"
#   make help    every target
#
# Each entry point (run, test, bench, and the narrower ones make help lists)
# first installs the Debian packages it needs and no more, then builds. Build
# output goes to build/ only. The firmware's rules live in board/board.mk, the
# fuzzer's in tests/fuzz/fuzz.mk, the benchmarks' in tests/bench/bench.mk, the
# C++ layer's in tests/cpp/cpp.mk, the CMake package's in tests/cmake/cmake.mk,
# the real clients' in tests/clients/clients.mk; each adds its test steps to
# TEST_PARTS.

## make run          the demo on BOARD (default mps2-an385; BOARD=host: natively)
## make test         every suite, ending with one line "total: N passed, N failed"
.DEFAULT_GOAL := help
SHELL := /bin/sh
BUILD ?= build
RESULTS := $(BUILD)/results
RUNNER := tests/runner.sh
BOARD ?= mps2-an385

# Warnings are errors for every compiler and target.
WARNINGS := -std=c11 -Wall -Wextra -Wpedantic -Wconversion -Wshadow -Werror

CORE_SRCS := src/bump.c src/bump_atomic.c
# The adapters for libraries' allocator hooks: built only into what uses them.
HOOKS_SRCS := src/bump_hooks.c
CORE_HDRS := $(wildcard src/*.h)
HARNESS_SRCS := tests/harness/harness.c
SUITE_SRCS := $(sort $(wildcard tests/suite/*.c))
SUITE_HDRS := $(wildcard tests/suite/*.h) tests/harness/harness.h
TEST_INCLUDES := -Isrc -Itests/harness -Itests/suite

TEST_PARTS :=

# --- packages ---------------------------------------------------------------
# Every Debian package the project uses, once, by what needs it.
PKG_HOST := gcc libc6-dev
PKG_FIRMWARE := gcc-arm-none-eabi libnewlib-arm-none-eabi qemu-system-arm
PKG_CLANG := clang libclang-rt-14-dev llvm-14
PKG_LINT := cppcheck clang-tidy libnewlib-arm-none-eabi
PKG_PICOLIBC := picolibc-arm-none-eabi
PKG_TEST_HOST := $(PKG_HOST) $(PKG_CLANG) valgrind libapr1-dev libtalloc-dev pkg-config
PKG_RISCV := gcc-riscv64-unknown-elf qemu-system-misc
# C++ (tests/cpp): the host's g++ and the ARM toolchain's libstdc++ (313 MB download)
PKG_CXX := g++ libstdc++-arm-none-eabi-newlib
PKG_CMAKE := cmake
# The real clients of tests/clients/ (Lua, cJSON, SQLite, zlib).
PKG_CLIENTS := liblua5.4-dev libcjson-dev libsqlite3-dev zlib1g-dev libexpat1-dev libjansson-dev libpcre2-dev libmbedtls-dev pkg-config
PKG_TEST := $(sort $(PKG_TEST_HOST) $(PKG_FIRMWARE) $(PKG_LINT) $(PKG_RISCV) $(PKG_CXX) $(PKG_CMAKE) $(PKG_PICOLIBC) $(PKG_CLIENTS))
PKG_BENCH := $(sort $(PKG_TEST) cargo rustc librust-bumpalo-dev)

# Installs the packages named by $(1) that are missing, with apt-get when
# root; otherwise prints the one line to paste (through sudo where there is
# one, else su) and stops.
define need_packages
@missing=; for p in $(1); do \
  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'ok installed' || missing="$$missing $$p"; done; \
if [ -n "$$missing" ]; then \
  cmd="apt-get update && apt-get install -y --no-install-recommends$$missing"; \
  if [ "$$(id -u)" = 0 ]; then \
    echo "make: installing$$missing"; \
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing >/dev/null || exit 1; \
  else \
    echo "make: these Debian packages are missing; as root, run:"; \
    if command -v sudo >/dev/null 2>&1; then echo "  sudo sh -c '$$cmd'"; else echo "  su -c '$$cmd'"; fi; \
    exit 1; \
  fi; \
fi
endef

## make deps         install every package make test needs
deps:
	$(call need_packages,$(PKG_TEST))

# --- host builds of the suite -----------------------------------------------
HOST_PORT_SRCS := port/memory/mmap/bump_mmap.c
HOST_TEST_SRCS := $(CORE_SRCS) $(HOOKS_SRCS) $(HOST_PORT_SRCS) $(HARNESS_SRCS) $(SUITE_SRCS) $(sort $(wildcard tests/host/*.c))
HOST_TEST_DEPS := $(HOST_TEST_SRCS) $(CORE_HDRS) $(SUITE_HDRS) port/memory/mmap/bump_mmap.h $(wildcard tests/host/*.h)
HOST_INCLUDES := $(TEST_INCLUDES) -Iport/memory/mmap
# The mmap port's tests see and fail its system calls through these wrappers
# (tests/host/test_mmap.c).
HOST_LDFLAGS := -Wl,--wrap=mmap -Wl,--wrap=mprotect
SANITIZE := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer

# name, compiler and flags, command prefix to run it
HOST_VARIANTS := gcc clang sanitize valgrind poison-fill ubsan-unsigned tsan O0 Os O3
host_cc_gcc := gcc -O2 -g
host_cc_clang := clang -O2 -g
# Behaviour must not change with the optimisation level (a zero-initialised
# bump_t above all): the suite at the levels the other builds do not use.
host_cc_O0 := gcc -O0 -g
host_cc_Os := gcc -Os -g
host_cc_O3 := clang -O3 -g
host_cc_sanitize := clang -O1 -g $(SANITIZE)
host_cc_valgrind := gcc -O1 -g -DBUMP_VALGRIND
host_cc_poison-fill := gcc -O2 -g -DBUMP_POISON_FILL=0xa5
host_run_valgrind := valgrind -q --error-exitcode=99 --leak-check=full
# Unsigned wrap-around and value-changing implicit conversions, fatal at the
# first report. Each deliberate wrap is named in the ignore list, with its
# reason; it is read at compile time, because UBSAN_OPTIONS suppressions only
# apply to recoverable checks.
UBSAN_UNSIGNED_IGNORE := tests/host/ubsan-unsigned.supp
host_cc_ubsan-unsigned := clang -O1 -g -fsanitize=unsigned-integer-overflow,implicit-conversion \
    -fno-sanitize-recover=all -fsanitize-ignorelist=$(UBSAN_UNSIGNED_IGNORE)
$(BUILD)/host-ubsan-unsigned/tests: $(UBSAN_UNSIGNED_IGNORE)
# ThreadSanitizer: the thread tests read used, remaining, high water and
# owns while bump_alloc_atomic runs, which must be race-free; the first
# report ends the run (tests/host/groups.c says why the mmap port's group is
# left out here).
host_cc_tsan := clang -O1 -g -fsanitize=thread
host_run_tsan := env TSAN_OPTIONS=halt_on_error=1

define host_variant
$(BUILD)/host-$(1)/tests: $(HOST_TEST_DEPS)
	@mkdir -p $$(@D)
	$$(host_cc_$(1)) $(WARNINGS) $(HOST_INCLUDES) -DTEST_LABEL='"host $(1)"' $(HOST_TEST_SRCS) $(HOST_LDFLAGS) -o $$@ -pthread
host-run-$(1): $(BUILD)/host-$(1)/tests
	@$(RUNNER) run $(RESULTS) host-$(1) 300 $(host_run_$(1)) $$<
.PHONY: host-run-$(1)
endef
$(foreach v,$(HOST_VARIANTS),$(eval $(call host_variant,$(v))))

HOST_PARTS := $(addprefix host-run-,$(HOST_VARIANTS))
TEST_PARTS += $(HOST_PARTS)
## make host-run-V   one host build of the suite, V one of: gcc clang sanitize valgrind poison-fill ubsan-unsigned tsan

# Runs the parts named by $(1) (make -k, so one failure does not hide the
# rest; two at a time, each part's output kept together), then sums their
# results into one line. A part run alone exits non-zero when its tests fail;
# here RUNNER_DEFER_STATUS makes each part only record its status, so that the
# sub-make fails only when something did not build (counted once by the
# tally) and no test failure is counted twice.
JOBS ?= 2
define aggregate
@rm -rf $(RESULTS); status=0; \
RUNNER_DEFER_STATUS=1 $(MAKE) --no-print-directory -k -j$(JOBS) --output-sync=target $(1) || status=1; \
$(RUNNER) tally $(RESULTS) $$status
endef

## make test-host    the host builds of the suite only
test-host:
	$(call need_packages,$(PKG_TEST_HOST))
	$(call aggregate,$(HOST_PARTS))

# --- static analysis ----------------------------------------------------------
## make lint         cppcheck (MISRA C:2012 addon) and clang-tidy on src/ and port/
lint:
	$(call need_packages,$(PKG_LINT))
	@tests/lint/lint.sh
lint-run:
	@$(RUNNER) run $(RESULTS) lint 300 tests/lint/lint.sh
TEST_PARTS += lint-run
## make license-check  LICENSE is MIT's, and every source file has its SPDX line
license-check:
	@$(RUNNER) run $(RESULTS) license 60 tests/lint/license.sh
TEST_PARTS += license-check

## make misuse-check what too old a language mode and an ignored result get, with each compiler
misuse-check:
	@$(RUNNER) run $(RESULTS) misuse 120 tests/host/misuse.sh
.PHONY: misuse-check
TEST_PARTS += misuse-check

include board/board.mk
include tests/fuzz/fuzz.mk
include tests/bench/bench.mk
include tests/cpp/cpp.mk
include tests/cmake/cmake.mk
include tests/clients/clients.mk

test:
	$(call need_packages,$(PKG_TEST))
	$(call aggregate,$(TEST_PARTS))

# --- mutation testing -----------------------------------------------------------
# Not part of make test. mutants-src: each mutant of tests/mutants/mutants.txt
# is applied to a copy of src/ in $(BUILD)/mutants/<id>/ (src/ is never
# written), built like host-run-gcc (and the replay like fuzz-corpus-run) and
# run; a mutant marked `killer: fuzz` skips the suite and must fail the corpus
# replay alone (the fuzz model's proof). mutants-port: each mutant of
# tests/mutants/port_mutants.txt is applied to a copy of the project in
# $(BUILD)/mutants-port/<id>/ (port/ is never written), where the make
# targets it names run (host builds, board images, MPU images, RV32). Each
# part's last line is "<label>: N passed, N failed" (passed = killed).
## make mutants      mutation testing of src/ and port/: every mutant must fail a test (both parts below)
## make mutants-src  mutation testing of src/ (MUTANTS="id ..." for a few)
## make mutants-port mutation testing of port/ (PORT_MUTANTS="id ..." for a few)
MUTANTS ?=
PORT_MUTANTS ?=
mutants-src: export MUT_DIR = $(BUILD)/mutants
mutants-src: export MUT_SRC = src
mutants-src: export MUT_CC = $(host_cc_gcc)
mutants-src: export MUT_CFLAGS = $(WARNINGS) $(HOST_INCLUDES) $(HOST_LDFLAGS) -DTEST_LABEL='"mutant"'
mutants-src: export MUT_SRCS = $(HOST_TEST_SRCS)
mutants-src: export MUT_FUZZ_CC = clang
mutants-src: export MUT_FUZZ_CFLAGS = $(FUZZ_CFLAGS) $(SANITIZE)
mutants-src: export MUT_FUZZ_SRCS = $(FUZZ_SRCS) tests/fuzz/replay.c
mutants-src: export MUT_FUZZ_CORPUS = $(FUZZ_CORPUS)
mutants-src:
	$(call need_packages,$(PKG_TEST_HOST))
	@tests/mutants/mutate.sh tests/mutants/mutants.txt $(MUTANTS)
mutants-port: export MUT_DIR = $(BUILD)/mutants-port
mutants-port: export MUT_JOBS = $(JOBS)
mutants-port:
	$(call need_packages,$(PKG_TEST_HOST) $(PKG_FIRMWARE) $(PKG_RISCV))
	@tests/mutants/mutate_port.sh tests/mutants/port_mutants.txt $(PORT_MUTANTS)
mutants:
	@status=0; $(MAKE) --no-print-directory mutants-src || status=1; \
	$(MAKE) --no-print-directory mutants-port || status=1; exit $$status

# --- the demo -------------------------------------------------------------------
run:
	$(call need_packages,$(if $(filter host,$(BOARD)),$(PKG_HOST),$(if $(filter $(RISCV_BOARDS),$(BOARD)),$(PKG_RISCV),$(PKG_FIRMWARE))))
	@$(MAKE) --no-print-directory run-$(if $(filter host $(QEMU_BOARDS) $(RISCV_BOARDS),$(BOARD)),$(BOARD),unknown-board)

DEMO_HOST_SRCS := board/demo/demo.c board/demo/main_host.c $(CORE_SRCS) $(HOST_PORT_SRCS)
$(BUILD)/host-demo/demo: $(DEMO_HOST_SRCS) $(CORE_HDRS) board/demo/demo.h port/memory/mmap/bump_mmap.h
	@mkdir -p $(@D)
	gcc -O2 -g $(WARNINGS) -Isrc -Iport/memory/mmap -Iboard/demo $(DEMO_HOST_SRCS) -o $@
run-host: $(BUILD)/host-demo/demo
	$<

clean:
	rm -rf $(BUILD)

help:
	@echo "Targets. run, test, bench, example, test-host, test-qemu, test-cpp, test-cmake, lint, fuzz, size"; echo "and mutants first install the Debian packages they need; the single parts (host-run-V, qemu-run-B,"; echo "link-checks, fuzz-corpus-run, cpp-run-V, cmake-host, ...) expect them (make deps)."
	@sed -n 's/^## //p' $(MAKEFILE_LIST)
	@echo "make clean        remove build/"
	@echo "boards: $(QEMU_BOARDS) $(RISCV_BOARDS) (and host, for make run)"

.PHONY: deps test test-host lint lint-run license-check mutants mutants-src mutants-port run run-host clean help
