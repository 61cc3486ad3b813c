# make bench: how fast, and how small, measured side by side (tests/bench/).
#
#   make bench         the fast-path and size figures, instructions per
#                      operation on QEMU Cortex-M0/M3/M4/M7 against newlib's
#                      two mallocs, and the host comparison; tables are printed
#                      and written to build/bench/
#   bench-smoke parts  in make test: the targets guard and one short QEMU run

BENCH_DIR := $(BUILD)/bench
# The host peers (the smoke run in make test builds them too); bumpalo only
# for make bench, built offline with Debian's cargo from its registry.
DEPS_TEST += libapr1-dev libtalloc-dev pkg-config
DEPS_BENCH := cargo rustc librust-bumpalo-dev
DEPS_BENCH_STAMP := $(BUILD)/.deps-bench
$(DEPS_BENCH_STAMP): tests/bench/bench.mk | $(DEPS_STAMP)
	$(call install_packages,$(DEPS_BENCH))

BUMPALO_LIB := $(BENCH_DIR)/bumpalo-target/release/libbump_bench_bumpalo.a
$(BUMPALO_LIB): tests/bench/bumpalo/src/lib.rs tests/bench/bumpalo/Cargo.toml | $(DEPS_BENCH_STAMP)
	cd tests/bench/bumpalo && CARGO_TARGET_DIR=$(abspath $(BENCH_DIR))/bumpalo-target /usr/bin/cargo build --release --quiet
BENCH_BOARDS := microbit mps2-an385 mps2-an386 mps2-an500
bench_clock_microbit := 16000000u
bench_clock_mps2-an385 := 25000000u
bench_clock_mps2-an386 := 25000000u
bench_clock_mps2-an500 := 25000000u
bench_ops_microbit := 64u
bench_ops_default := 256u
BENCH_LIBCS := nano full
bench_specs_nano := --specs=nano.specs
bench_specs_full :=

# board, libc
define bench_image
$(BENCH_DIR)/$(1)-$(2).elf: tests/bench/qemu_bench.c tests/bench/bench-image.ld board/cortex-m/startup.c $(CORE_SRCS) $(CORE_HDRS) board/$(1)/memory.ld | $(DEPS_STAMP)
	@mkdir -p $$(@D)
	arm-none-eabi-gcc $(board_cpu_$(1)) -mthumb -mfloat-abi=soft -O2 $(WARNINGS) -ffunction-sections -fdata-sections \
	  -DBOARD_MACHINE='"$(1)"' -DBOARD_CORE='"$(board_core_$(1))"' -DBENCH_CLOCK_HZ=$(bench_clock_$(1)) \
	  -DBENCH_OPS=$(or $(bench_ops_$(1)),$(bench_ops_default)) -DBENCH_LIBC='"newlib-$(2)"' \
	  -Isrc -Iboard/cortex-m board/cortex-m/startup.c board/cortex-m/services.c $(CORE_SRCS) tests/bench/qemu_bench.c \
	  $(bench_specs_$(2)) --specs=rdimon.specs -nostartfiles -Wl,--gc-sections -Llinker -Lboard/$(1) \
	  -Ttests/bench/bench-image.ld -o $$@
endef
$(foreach b,$(BENCH_BOARDS),$(foreach l,$(BENCH_LIBCS),$(eval $(call bench_image,$(b),$(l)))))

BENCH_ELFS := $(foreach b,$(BENCH_BOARDS),$(foreach l,$(BENCH_LIBCS),$(BENCH_DIR)/$(b)-$(l).elf))

bench-qemu: $(BENCH_ELFS)
	@{ echo "bump on QEMU: commit $$(git rev-parse --short HEAD 2>/dev/null), $$(arm-none-eabi-gcc --version | head -n 1), $$(qemu-system-arm --version | head -n 1)"; \
	   echo "qemu-system-arm -icount shift=0: instructions counted with SysTick, averaged over each run"; echo; \
	   $(foreach b,$(BENCH_BOARDS),$(foreach l,$(BENCH_LIBCS),timeout 60 $(QEMU) $(board_qemu_$(b)) $(QEMU_FLAGS) \
	     -kernel $(BENCH_DIR)/$(b)-$(l).elf || echo "$(b) $(l): FAILED"; echo;)) } | tee $(BENCH_DIR)/qemu.txt

# $(1): output, extra flags, extra libraries
define host_bench_build
	@mkdir -p $(dir $(1))
	gcc -O2 $(WARNINGS) -Isrc $$(apr-1-config --cflags --cppflags --includes) $$(pkg-config --cflags talloc) $(2) \
	  tests/bench/host_bench.c $(CORE_SRCS) -o $(1) $(3) $$(apr-1-config --link-ld --libs) $$(pkg-config --libs talloc)
endef
$(BENCH_DIR)/host_bench: tests/bench/host_bench.c $(CORE_SRCS) $(CORE_HDRS) | $(DEPS_STAMP)
	$(call host_bench_build,$@,,)
$(BENCH_DIR)/host_bench_all: tests/bench/host_bench.c $(CORE_SRCS) $(CORE_HDRS) $(BUMPALO_LIB) | $(DEPS_STAMP)
	$(call host_bench_build,$@,-DBENCH_BUMPALO,$(BUMPALO_LIB) -lpthread -ldl -lm)

# Instructions per allocation from callgrind: `count` runs each round twice
# (warm, then measured), so inclusive instructions / (2 x 10000), less the
# empty loop's.
bench-host: $(BENCH_DIR)/host_bench_all
	@{ echo "bump on the host: commit $$(git rev-parse --short HEAD 2>/dev/null), $$(gcc --version | head -n 1), $$(ldd --version | head -n 1)"; \
	   echo "wall time: median of 101 interleaved rounds pinned to CPU 0 (noisy machines: read the ratios)"; echo; \
	   $< wall 101; echo; \
	   valgrind --tool=callgrind --callgrind-out-file=$(BENCH_DIR)/callgrind.out $< count >/dev/null 2>&1; \
	   echo "| allocator | instructions per allocation (callgrind) | vs bump_alloc |"; echo "| --- | --- | --- |"; \
	   callgrind_annotate --inclusive=yes --threshold=100 $(BENCH_DIR)/callgrind.out 2>/dev/null | tr -d , | \
	     awk '/round_/ {n = $$1 / 20000; sub(/.*round_/, "", $$0); sub(/ .*/, "", $$0); \
	                    if ($$0 == "baseline") loop = n; else {name[++k] = $$0; ir[k] = n}} \
	          END {for (i = 1; i <= k; i++) {ir[i] -= loop; if (name[i] == "bump_inline") base = ir[i]} \
	               for (i = 1; i <= k; i++) printf "| %s | %.1f | %.1fx |\n", name[i], ir[i], ir[i] / base; \
	               printf "\n(the loop itself, %.1f instructions per turn, is subtracted; release costs are included)\n", loop}'; \
	 } | tee $(BENCH_DIR)/host.txt

bench-fastpath: | $(DEPS_STAMP)
	@mkdir -p $(BENCH_DIR)
	@tests/bench/fastpath.sh | tee $(BENCH_DIR)/fastpath.txt

bench: bench-fastpath bench-qemu bench-host
	@echo; echo "tables written to $(BENCH_DIR)/"

# In make test: the targets guard, and the benchmark run on one board so it
# cannot rot.
bench-smoke-fastpath: | $(DEPS_STAMP)
	@$(RUNNER) run $(RESULTS) bench-fastpath 120 tests/bench/fastpath.sh --check
bench-smoke-host: $(BENCH_DIR)/host_bench
	@$(RUNNER) run $(RESULTS) bench-host 60 $< wall 3
bench-smoke-qemu: $(BENCH_DIR)/mps2-an385-nano.elf
	@$(RUNNER) run $(RESULTS) bench-qemu 60 $(QEMU) $(board_qemu_mps2-an385) $(QEMU_FLAGS) -kernel $<
TEST_PARTS += bench-smoke-fastpath bench-smoke-qemu bench-smoke-host

.PHONY: bench bench-host bench-qemu bench-fastpath bench-smoke-fastpath bench-smoke-qemu bench-smoke-host
## make bench        fast-path, size and speed figures against newlib and glibc peers
