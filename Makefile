# bump: a freestanding bump-arena allocator.
#
#   make run     the demo (default board; BOARD=host runs it natively)
#   make test    every suite: host (gcc, clang, sanitizers, valgrind), the QEMU
#                boards, lint, the fuzz corpus and a benchmark smoke run;
#                ends with one "N passed, N failed" line
#   make help    all targets
#
# Build output goes to build/ only. Parts of the build live beside what they
# build: board/board.mk (firmware, QEMU), tests/fuzz/fuzz.mk, tests/bench/bench.mk,
# tests/lint.mk. Each adds its test steps to TEST_PARTS.

.DEFAULT_GOAL := help
SHELL := /bin/sh
BUILD ?= build
RESULTS := $(BUILD)/results
RUNNER := tests/runner.sh
BOARD ?= mps2-an385

# Warnings are errors for every compiler and target.
WARNINGS := -std=c11 -Wall -Wextra -Wpedantic -Wconversion -Wshadow -Werror

CORE_SRCS := src/bump.c src/bump_atomic.c
CORE_HDRS := $(wildcard src/*.h)
HARNESS_SRCS := tests/harness/harness.c
SUITE_SRCS := $(sort $(wildcard tests/suite/*.c))
SUITE_HDRS := $(wildcard tests/suite/*.h) tests/harness/harness.h
TEST_INCLUDES := -Isrc -Itests/harness -Itests/suite

TEST_PARTS :=

# --- packages --------------------------------------------------------------
# A fresh Debian machine gets what it needs here, once: apt-get as root, or
# the exact command to run when not root. Fragments add to DEPS_TEST.
DEPS_TEST := make gcc clang libclang-rt-14-dev valgrind cppcheck clang-tidy \
             gcc-arm-none-eabi libnewlib-arm-none-eabi qemu-system-arm
DEPS_STAMP := $(BUILD)/.deps-test

# Installs the Debian packages named by $(1) that are missing: apt-get when
# root, else the exact command to run.
define install_packages
@missing=$$(for p in $(1); do dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q 'ok installed' || echo $$p; done); \
if [ -n "$$missing" ]; then \
  if [ "$$(id -u)" = 0 ]; then \
    echo "installing:" $$missing; \
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null || exit 1; \
  else \
    echo "missing packages; run:"; echo "  sudo apt-get install -y $$missing"; exit 1; \
  fi; \
fi
@mkdir -p $(@D) && touch $@
endef

$(DEPS_STAMP): Makefile
	$(call install_packages,$(DEPS_TEST))

deps: $(DEPS_STAMP)

# --- host builds of the suite ----------------------------------------------
HOST_PORT_SRCS := port/mmap/bump_mmap.c
HOST_TEST_SRCS := $(CORE_SRCS) $(HOST_PORT_SRCS) $(HARNESS_SRCS) $(SUITE_SRCS) $(sort $(wildcard tests/host/*.c))
HOST_TEST_DEPS := $(HOST_TEST_SRCS) $(CORE_HDRS) $(SUITE_HDRS) port/mmap/bump_mmap.h $(wildcard tests/host/*.h)
HOST_INCLUDES := $(TEST_INCLUDES) -Iport/mmap
SANITIZE := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer

# name, compiler and flags, command prefix to run it
HOST_VARIANTS := gcc clang sanitize valgrind poison-fill ubsan-unsigned tsan
host_cc_gcc := gcc -O2 -g
host_cc_clang := clang -O2 -g
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
$(BUILD)/host-$(1)/tests: $(HOST_TEST_DEPS) | $(DEPS_STAMP)
	@mkdir -p $$(@D)
	$$(host_cc_$(1)) $(WARNINGS) $(HOST_INCLUDES) -DTEST_LABEL='"host $(1)"' $(HOST_TEST_SRCS) -o $$@ -pthread
host-run-$(1): $(BUILD)/host-$(1)/tests
	@$(RUNNER) run $(RESULTS) host-$(1) 300 $(host_run_$(1)) $$<
.PHONY: host-run-$(1)
endef
$(foreach v,$(HOST_VARIANTS),$(eval $(call host_variant,$(v))))

HOST_PARTS := $(addprefix host-run-,$(HOST_VARIANTS))
TEST_PARTS += $(HOST_PARTS)

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

test-host:
	$(call aggregate,$(HOST_PARTS))

-include board/board.mk
-include tests/lint.mk
-include tests/fuzz/fuzz.mk
-include tests/bench/bench.mk
-include tests/mutants/mutants.mk

test:
	$(call aggregate,$(TEST_PARTS))

# Until board/board.mk defines the firmware demo, `make run` is the host one.
ifeq ($(origin RUN_TARGET),undefined)
RUN_TARGET := run-host
endif
run: $(RUN_TARGET)

DEMO_SRCS := board/demo/demo.c board/host/demo_host.c $(CORE_SRCS) $(HOST_PORT_SRCS)
$(BUILD)/host-demo/demo: $(DEMO_SRCS) $(CORE_HDRS) board/demo/demo.h port/mmap/bump_mmap.h | $(DEPS_STAMP)
	@mkdir -p $(@D)
	gcc -O2 -g $(WARNINGS) -Isrc -Iport/mmap -Iboard/demo $(DEMO_SRCS) -o $@
run-host: $(BUILD)/host-demo/demo
	$<

clean:
	rm -rf $(BUILD)

help:
	@echo "make run          the demo on BOARD (default $(BOARD); BOARD=host: native)"
	@echo "make test         every suite, ending with one 'N passed, N failed' line"
	@echo "make test-host    host suites: gcc, clang, ASan+UBSan, valgrind, poison fill"
	@sed -n 's/^## //p' $(MAKEFILE_LIST)
	@echo "make deps         install missing Debian packages"
	@echo "make clean        remove build/"

.PHONY: deps test test-host run run-host clean help
