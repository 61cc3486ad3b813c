# SPDX-License-Identifier: MIT
# make bench: how fast, and how small, measured side by side (tests/bench/).
#
#   make bench         the fast-path and size figures, instructions per
#                      operation on QEMU Cortex-M0/M3/M4/M7 against newlib's
#                      two mallocs, and the host comparison; tables are printed
#                      and written to build/bench/; the growth benchmark
#                      (growth.c) and the real clients (tests/clients/clients.mk)
#   bench-smoke parts  in make test: the targets guard and one short QEMU run

BENCH_DIR := $(BUILD)/bench

BUMPALO_LIB := $(BENCH_DIR)/bumpalo-target/release/libbump_bench_bumpalo.a
$(BUMPALO_LIB): tests/bench/bumpalo/src/lib.rs tests/bench/bumpalo/Cargo.toml
	cd tests/bench/bumpalo && CARGO_TARGET_DIR=$(abspath $(BENCH_DIR))/bumpalo-target /usr/bin/cargo build --release --quiet
BENCH_BOARDS := microbit mps2-an385 mps2-an386 mps2-an500
bench_ops_microbit := 64u
bench_ops_default := 256u
BENCH_LIBCS := nano full

# board, libc: the board images' flags at -O2, and their startup.
define bench_image
$(BENCH_DIR)/$(1)-$(2).elf: tests/bench/qemu_bench.c tests/bench/bench-image.ld $(FW_STARTUP) $(CORE_SRCS) $(CORE_HDRS) board/$(1)/memory.ld board/cortex-m/sections.ld
	@mkdir -p $$(@D)
	$(FW_CC) $$(call fw_flags,$(1),-O2) -DBENCH_CLOCK_HZ=$$(call board_clock,$(1))u \
	  -DBENCH_OPS=$(or $(bench_ops_$(1)),$(bench_ops_default)) -DBENCH_LIBC='"newlib-$(2)"' \
	  -Isrc -Iboard/cortex-m $(FW_STARTUP) $(CORE_SRCS) port/cpu/cortex-m/bump_critical.c tests/bench/qemu_bench.c \
	  $$(call fw_ldflags,$(1),$(2)) -Ttests/bench/bench-image.ld -o $$@
endef
$(foreach b,$(BENCH_BOARDS),$(foreach l,$(BENCH_LIBCS),$(eval $(call bench_image,$(b),$(l)))))

BENCH_ELFS := $(foreach b,$(BENCH_BOARDS),$(foreach l,$(BENCH_LIBCS),$(BENCH_DIR)/$(b)-$(l).elf))

bench-qemu: $(BENCH_ELFS)
	@{ echo "bump on QEMU: commit $$(git rev-parse --short HEAD 2>/dev/null), $$(arm-none-eabi-gcc --version | head -n 1), $$(qemu-system-arm --version | head -n 1)"; \
	   echo "qemu-system-arm -icount shift=0: instructions counted with SysTick, averaged over each run"; echo; \
	   $(foreach b,$(BENCH_BOARDS),$(foreach l,$(BENCH_LIBCS),$(call qemu_cmd,$(b),$(BENCH_DIR)/$(b)-$(l).elf) || echo "$(b) $(l): FAILED"; echo;)) } | tee $(BENCH_DIR)/qemu.txt

# $(1): output, extra flags, extra libraries
define host_bench_build
	@mkdir -p $(dir $(1))
	gcc -O2 $(WARNINGS) -Isrc $$(apr-1-config --cflags --cppflags --includes) $$(pkg-config --cflags talloc) $(2) \
	  tests/bench/host_bench.c $(CORE_SRCS) -o $(1) $(3) $$(apr-1-config --link-ld --libs) $$(pkg-config --libs talloc)
endef
$(BENCH_DIR)/host_bench: tests/bench/host_bench.c $(CORE_SRCS) $(CORE_HDRS)
	$(call host_bench_build,$@,,)
$(BENCH_DIR)/host_bench_all: tests/bench/host_bench.c $(CORE_SRCS) $(CORE_HDRS) $(BUMPALO_LIB)
	$(call host_bench_build,$@,-DBENCH_BUMPALO,$(BUMPALO_LIB) -lpthread -ldl -lm)

bench-host: $(BENCH_DIR)/host_bench_all
	@{ echo "bump on the host: commit $$(git rev-parse --short HEAD 2>/dev/null), $$(gcc --version | head -n 1), $$(ldd --version | head -n 1)"; \
	   echo "wall time: median of 101 interleaved rounds pinned to CPU 0 (noisy machines: read the ratios)"; echo; \
	   $< wall 101; echo; \
	   tests/bench/callgrind.sh $< $(BENCH_DIR)/callgrind.out; \
	 } | tee $(BENCH_DIR)/host.txt

bench-fastpath:
	@mkdir -p $(BENCH_DIR)
	@tests/bench/fastpath.sh | tee $(BENCH_DIR)/fastpath.txt

## make bench        fast-path, size and speed figures against newlib and glibc peers and Rust's bumpalo
bench:
	@echo "make bench: besides make test's packages it needs Rust (cargo, rustc) and Debian's bumpalo"
	@echo "source (librust-bumpalo-dev), to build the bumpalo peer offline."
	$(call need_packages,$(PKG_BENCH))
	@$(MAKE) --no-print-directory bench-fastpath bench-qemu bench-qemu-clang bench-riscv bench-host
	@$(MAKE) --no-print-directory bench-growth bench-clients
	@echo; echo "tables written to $(BENCH_DIR)/"

# In make test: the targets guard, and the benchmark run on one board so it
# cannot rot.
bench-smoke-fastpath:
	@$(RUNNER) run $(RESULTS) bench-fastpath 120 tests/bench/fastpath.sh --check
bench-smoke-host: $(BENCH_DIR)/host_bench
	@$(RUNNER) run $(RESULTS) bench-host 60 $< wall 3
bench-smoke-qemu: $(BENCH_DIR)/mps2-an385-nano.elf
	@$(RUNNER) run $(RESULTS) bench-qemu 60 $(QEMU) -M mps2-an385 $(QEMU_FLAGS) -kernel $<
TEST_PARTS += bench-smoke-fastpath bench-smoke-qemu bench-smoke-host

# ---- RISC-V (board/board.mk's RISC-V block): the same benchmark, counted
# with minstret, no malloc to compare with (no C library on that toolchain).
$(BENCH_DIR)/%-riscv.elf: tests/bench/qemu_bench.c $(RV_COMMON_DEPS)
	@mkdir -p $(@D)
	$(RV_CC) $(call rv_flags,$*,-O2) -DBENCH_OPS=$(bench_ops_default) -DBENCH_LIBC='"no libc"' -DBENCH_NO_MALLOC \
	  $(RV_INCLUDES) $(RV_COMMON_SRCS) tests/bench/qemu_bench.c $(call rv_ldflags,$*) -o $@
bench-riscv: $(foreach b,$(RISCV_BOARDS),$(BENCH_DIR)/$(b)-riscv.elf)
	@{ echo "bump on QEMU RISC-V: commit $$(git rev-parse --short HEAD 2>/dev/null), $$($(RV_CC) --version | head -n 1), $$($(QEMU_RV) --version | head -n 1)"; \
	   echo "$(QEMU_RV) -icount shift=0: instructions counted with minstret, averaged over each run"; echo; \
	   $(foreach b,$(RISCV_BOARDS),$(call qemu_rv_cmd,$(b),$(BENCH_DIR)/$(b)-riscv.elf) || echo "$(b): FAILED"; echo;) } | tee $(BENCH_DIR)/riscv.txt
bench-smoke-riscv: $(BENCH_DIR)/virt-rv32imc-riscv.elf
	@$(RUNNER) run $(RESULTS) bench-riscv 60 $(QEMU_RV) -M virt $(QEMU_RV_FLAGS) -kernel $<
TEST_PARTS += bench-smoke-riscv
# ---- end of RISC-V

.PHONY: bench-riscv bench-smoke-riscv

# clang's images (board/board.mk's FW_CLANG, linked as above), newlib-nano,
# on the M0 and the M4: the same figures under -icount, beside gcc's.
BENCH_CLANG_BOARDS := microbit mps2-an386
BENCH_CLANG_SRCS := $(FW_STARTUP) $(CORE_SRCS) port/cpu/cortex-m/bump_critical.c tests/bench/qemu_bench.c
define bench_clang_image
$(BENCH_DIR)/clang-$(1)/%.o: %.c $(CORE_HDRS) board/cortex-m/board.h
	@mkdir -p $$(@D)
	$(FW_CLANG) $$(call fw_flags,$(1),-O2) -DBENCH_CLOCK_HZ=$$(call board_clock,$(1))u \
	  -DBENCH_OPS=$(or $(bench_ops_$(1)),$(bench_ops_default)) -DBENCH_LIBC='"newlib-nano"' \
	  -Isrc -Iboard/cortex-m -c $$< -o $$@
$(BENCH_DIR)/$(1)-clang.elf: $(addprefix $(BENCH_DIR)/clang-$(1)/,$(BENCH_CLANG_SRCS:.c=.o)) tests/bench/bench-image.ld board/$(1)/memory.ld board/cortex-m/sections.ld
	$(FW_CC) $$(call fw_flags,$(1),-O2) $$(filter %.o,$$^) $$(call fw_ldflags,$(1),nano) -Wl,-z,noexecstack -Wl,--fatal-warnings \
	  -Ttests/bench/bench-image.ld -o $$@
endef
$(foreach b,$(BENCH_CLANG_BOARDS),$(eval $(call bench_clang_image,$(b))))
bench-qemu-clang: $(foreach b,$(BENCH_CLANG_BOARDS),$(BENCH_DIR)/$(b)-clang.elf)
	@{ echo "bump on QEMU, compiled by clang: commit $$(git rev-parse --short HEAD 2>/dev/null), $$(clang --version | head -n 1), linked by $$(arm-none-eabi-gcc --version | head -n 1)"; echo; \
	   $(foreach b,$(BENCH_CLANG_BOARDS),$(call qemu_cmd,$(b),$(BENCH_DIR)/$(b)-clang.elf) || echo "$(b) clang: FAILED"; echo;) } | tee $(BENCH_DIR)/qemu-clang.txt
bench-smoke-qemu-clang: $(BENCH_DIR)/mps2-an386-clang.elf
	@$(RUNNER) run $(RESULTS) bench-qemu-clang 60 $(QEMU) -M mps2-an386 $(QEMU_FLAGS) -kernel $<
TEST_PARTS += bench-smoke-qemu-clang

.PHONY: bench-qemu-clang bench-smoke-qemu-clang

# Growth (tests/bench/growth.c): 40,000 grows of 16 bytes with bump_resize on
# a growable block against glibc realloc; make test checks its contents.
GROWTH_ROUNDS ?= 21
$(BENCH_DIR)/growth: tests/bench/growth.c $(CORE_SRCS) $(CORE_HDRS)
	@mkdir -p $(@D)
	gcc -O2 -g $(WARNINGS) -Isrc tests/bench/growth.c $(CORE_SRCS) -o $@
bench-growth: $(BENCH_DIR)/growth
	@{ echo "growth on the host: commit $$(git rev-parse --short HEAD 2>/dev/null), $$(gcc --version | head -n 1), $$(ldd --version | head -n 1)"; \
	   echo "wall time: median of $(GROWTH_ROUNDS) interleaved rounds"; echo; $< bench $(GROWTH_ROUNDS); } | tee $(BENCH_DIR)/growth.txt
bench-smoke-growth: $(BENCH_DIR)/growth
	@$(RUNNER) run $(RESULTS) bench-growth 60 $< check
TEST_PARTS += bench-smoke-growth

.PHONY: bench bench-host bench-qemu bench-fastpath bench-smoke-fastpath bench-smoke-qemu bench-smoke-host bench-growth bench-smoke-growth

# ---- The datasheet (tests/bench/datasheet/, tests/bench/datasheet.md) --------
# Every public function's worst-case instructions, stack and flash, per core
# and optimisation level: one image per row of DATASHEET_CONFIGS, built from
# objects (with -fstack-usage) whose link map tells library code from the
# driver's. make datasheet measures and writes tests/bench/datasheet.md; make
# test measures again and fails on any figure above the published one.
DATASHEET_DIR := $(BUILD)/datasheet
DS := tests/bench/datasheet
# label:QEMU machine:board (board/board.mk's tables give flags and memory maps)
DATASHEET_CORES := cortex-m0:microbit:microbit cortex-m3:mps2-an385:mps2-an385 cortex-m4:mps2-an386:mps2-an386 \
                   cortex-m33:mps2-an505:mps2-an505 rv32imac:virt:virt-rv32imac rv32imc:virt:virt-rv32imc
DATASHEET_OPTS := O2 Os
DS_OWN_SRCS := $(DS)/driver.c $(DS)/inline.c $(DS)/callbacks.c
DS_ARM_SRCS := $(FW_COMMON_SRCS) $(HOOKS_SRCS) $(DS_OWN_SRCS)
DS_RV_SRCS := $(RV_COMMON_SRCS) $(HOOKS_SRCS) $(DS_OWN_SRCS)
ds_word = $(word $(2),$(subst :, ,$(1)))

# label, board, optimisation
define datasheet_arm
$(DATASHEET_DIR)/$(1)-$(3)/obj/%.o: %.c $(FW_COMMON_DEPS) $(DS)/datasheet.h $(HOOKS_SRCS) src/bump_hooks.h
	@mkdir -p $$(@D)
	$(FW_CC) $$(call fw_flags,$(2),-$(3) -g) -fstack-usage -DBOARD_NO_STDIO $(FW_INCLUDES) -I$(DS) -c $$< -o $$@
$(DATASHEET_DIR)/$(1)-$(3)/image.elf: $(addprefix $(DATASHEET_DIR)/$(1)-$(3)/obj/,$(DS_ARM_SRCS:.c=.o)) board/$(2)/memory.ld
	$(FW_CC) $$(call fw_flags,$(2),-$(3)) $$(filter %.o,$$^) $$(call fw_ldflags,$(2),nano) -Timage.ld -Wl,-Map=$$(@:.elf=.map) -o $$@
endef
define datasheet_rv
$(DATASHEET_DIR)/$(1)-$(3)/obj/%.o: %.c $(RV_COMMON_DEPS) $(DS)/datasheet.h $(HOOKS_SRCS) src/bump_hooks.h
	@mkdir -p $$(@D)
	$(RV_CC) $$(call rv_flags,$(2),-$(3) -g) -fstack-usage $(RV_INCLUDES) -I$(DS) -c $$< -o $$@
$(DATASHEET_DIR)/$(1)-$(3)/image.elf: $(addprefix $(DATASHEET_DIR)/$(1)-$(3)/obj/,$(DS_RV_SRCS:.c=.o)) board/virt/memory.ld
	$(RV_CC) $$(call rv_flags,$(2),-$(3)) $$(filter %.o,$$^) $$(call rv_ldflags,$(2)) -Wl,-Map=$$(@:.elf=.map) -o $$@
endef
$(foreach c,$(DATASHEET_CORES),$(foreach o,$(DATASHEET_OPTS),$(eval $(call \
  $(if $(filter rv%,$(c)),datasheet_rv,datasheet_arm),$(call ds_word,$(c),1),$(call ds_word,$(c),3),$(o)))))

DATASHEET_CONFIGS := $(foreach o,$(DATASHEET_OPTS),$(foreach c,$(DATASHEET_CORES),$(call ds_word,$(c),1)-$(o):$(call ds_word,$(c),2)))
DATASHEET_ELFS := $(foreach c,$(DATASHEET_CONFIGS),$(DATASHEET_DIR)/$(firstword $(subst :, ,$(c)))/image.elf)
$(DATASHEET_DIR)/trace: $(DS)/trace.c
	@mkdir -p $(@D)
	gcc -O2 $(WARNINGS) $< -o $@

## make datasheet    worst-case instructions, stack and flash of every public function, per core: tests/bench/datasheet.md
datasheet:
	$(call need_packages,$(PKG_FIRMWARE) $(PKG_RISCV) gcc)
	@$(MAKE) --no-print-directory -j$(JOBS) $(DATASHEET_ELFS) $(DATASHEET_DIR)/trace
	@QEMU_FLAGS='$(QEMU_FLAGS)' $(DS)/datasheet.sh write $(DATASHEET_DIR) $(DATASHEET_CONFIGS) >$(DATASHEET_DIR)/datasheet.md
	@cp $(DATASHEET_DIR)/datasheet.md tests/bench/datasheet.md && cat tests/bench/datasheet.md
datasheet-check: $(DATASHEET_ELFS) $(DATASHEET_DIR)/trace
	@QEMU_FLAGS='$(QEMU_FLAGS)' $(RUNNER) run $(RESULTS) datasheet 300 $(DS)/datasheet.sh check tests/bench/datasheet.md \
	  $(DATASHEET_DIR) $(DATASHEET_CONFIGS)
TEST_PARTS += datasheet-check
.PHONY: datasheet datasheet-check
# ---- end of the datasheet
