# SPDX-License-Identifier: MIT
# Firmware: the core suite and the demo on QEMU Cortex-M machines, the
# linker checks and the size report. Included by the top Makefile.

# The boards, one row each: the QEMU machine (-M; also the folder
# board/<machine>/ that holds its memory map), its core (-mcpu) and its
# SysTick clock in Hz (the benchmark turns ticks into instructions with it).
#   microbit    BBC micro:bit (nRF51): 256 KiB flash, 16 KiB RAM, no second RAM
#   mps2-an385  ARM MPS2 + AN385 (the default board): 4 MiB code, 4 + 16 MiB RAM
#   mps2-an386  ARM MPS2 + AN386 (FPU unused): 4 MiB code, 4 + 16 MiB RAM
#   mps2-an500  ARM MPS2 + AN500 (FPU unused): 4 MiB code, 4 + 16 MiB RAM
#   mps2-an505  ARM MPS2 + AN505 (secure state, FPU unused): 512 KiB code, 4 + 16 MiB RAM
#   mps3-an547  ARM MPS3 + AN547 (MVE and FPU off): 512 KiB code, 512 KiB + 16 MiB RAM
BOARD_TABLE := \
    microbit:cortex-m0:16000000 \
    mps2-an385:cortex-m3:25000000 \
    mps2-an386:cortex-m4:25000000 \
    mps2-an500:cortex-m7:25000000 \
    mps2-an505:cortex-m33:20000000 \
    mps3-an547:cortex-m55:32000000
QEMU_BOARDS := $(foreach row,$(BOARD_TABLE),$(firstword $(subst :, ,$(row))))

# The RISC-V boards (rules in the RISC-V block at the end), one row each:
# the board's name, its QEMU machine (board/<machine>/ holds the memory map)
# and -march. Listed here because BOARD's narrowing below must know them.
#   virt-rv32imac  RISC-V virt, rv32imac: bump_alloc_atomic lock-free (LR/SC)
#   virt-rv32imc   RISC-V virt, rv32imc: no A extension, port/cpu/riscv's critical section
RISCV_BOARD_TABLE := \
    virt-rv32imac:virt:rv32imac_zicsr \
    virt-rv32imc:virt:rv32imc_zicsr
RISCV_BOARDS := $(foreach row,$(RISCV_BOARD_TABLE),$(firstword $(subst :, ,$(row))))
board_core = $(word 2,$(subst :, ,$(filter $(1):%,$(BOARD_TABLE))))
board_clock = $(word 3,$(subst :, ,$(filter $(1):%,$(BOARD_TABLE))))

FW_CC := arm-none-eabi-gcc
FW_OPT ?= -Os -g
# Soft float everywhere: no image enables an FPU, so none may use it.
FW_CFLAGS := $(WARNINGS) -mthumb -mfloat-abi=soft -ffunction-sections -fdata-sections
# The flags that make an image for board $(1) at optimisation $(2).
fw_flags = $(2) $(FW_CFLAGS) -mcpu=$(call board_core,$(1)) -DBOARD_MACHINE='"$(1)"' \
           -DBOARD_CORE='"$(call board_core,$(1))"'
# Our own startup (board/cortex-m); newlib-nano with semihosting for printf;
# the board's memory.ld found through -Lboard/<machine>, the fragments
# through -Llinker.
# $(2) picks the libc: nano (every board image), full (a benchmark peer) or
# picolibc (with its semihosting library; the picolibc images below).
fw_libc_nano := --specs=nano.specs --specs=rdimon.specs
fw_libc_full := --specs=rdimon.specs
fw_libc_picolibc := --specs=picolibc.specs --oslib=semihost
fw_ldflags = -nostartfiles $(fw_libc_$(2)) -Wl,--gc-sections \
             -Llinker -Lboard/cortex-m -Lboard/$(1)
FW_STARTUP := board/cortex-m/startup.c board/cortex-m/services.c board/stack.c
FW_INCLUDES := -Isrc -Iport/memory/section -Iport/memory/newlib -Iport/cpu/cortex-m -Iboard/cortex-m
FW_LINKER := board/cortex-m/image.ld board/cortex-m/sections.ld $(wildcard linker/*.ld)
FW_COMMON_SRCS := $(FW_STARTUP) port/memory/section/bump_section.c port/cpu/cortex-m/bump_critical.c \
                  port/cpu/cortex-m/bump_mpu.c port/memory/newlib/bump_sbrk.c $(CORE_SRCS)
FW_COMMON_DEPS := $(FW_COMMON_SRCS) $(FW_LINKER) $(CORE_HDRS) board/cortex-m/board.h \
                  $(wildcard port/memory/section/*.h port/memory/newlib/*.h port/cpu/cortex-m/*.h) board/board.mk
FW_TEST_SRCS := $(FW_COMMON_SRCS) $(HOOKS_SRCS) $(HARNESS_SRCS) $(SUITE_SRCS) $(sort $(wildcard tests/board/*.c))
FW_TEST_DEPS := $(FW_TEST_SRCS) $(FW_COMMON_DEPS) $(SUITE_HDRS) $(wildcard tests/board/*.h)
FW_DEMO_SRCS := $(FW_COMMON_SRCS) board/demo/demo.c board/demo/main_cortex_m.c
FW_DEMO_DEPS := $(FW_DEMO_SRCS) $(FW_COMMON_DEPS) board/demo/demo.h

QEMU := qemu-system-arm
QEMU_FLAGS := -icount shift=0 -nographic -monitor none -serial none -semihosting-config enable=on,target=native
# Seconds before a run counts as hung; a passing board takes about one.
QEMU_TIMEOUT := 30
# The command that runs image $(2) on board $(1), as make runs it and prints it.
qemu_cmd = timeout --kill-after=5 $(QEMU_TIMEOUT) $(QEMU) -M $(1) $(QEMU_FLAGS) -kernel $(2)

define qemu_board
$(BUILD)/$(1)/tests.elf: $(FW_TEST_DEPS) board/$(1)/memory.ld
	@mkdir -p $$(@D)
	$(FW_CC) $$(call fw_flags,$(1),$(FW_OPT)) $(FW_INCLUDES) $(TEST_INCLUDES) -Itests/board $(FW_TEST_SRCS) \
	  $$(call fw_ldflags,$(1),nano) -Timage.ld -Wl,-Map=$$(@:.elf=.map) -o $$@
$(BUILD)/$(1)/demo.elf: $(FW_DEMO_DEPS) board/$(1)/memory.ld
	@mkdir -p $$(@D)
	$(FW_CC) $$(call fw_flags,$(1),$(FW_OPT)) $(FW_INCLUDES) -Iboard/demo $(FW_DEMO_SRCS) \
	  $$(call fw_ldflags,$(1),nano) -Timage.ld -Wl,-Map=$$(@:.elf=.map) -o $$@
qemu-run-$(1): $(BUILD)/$(1)/tests.elf
	@$(RUNNER) run $(RESULTS) qemu-$(1) $(QEMU_TIMEOUT) $(QEMU) -M $(1) $(QEMU_FLAGS) -kernel $$<
run-$(1): $(BUILD)/$(1)/demo.elf
	@echo '$$(call qemu_cmd,$(1),$$<)'
	@$$(call qemu_cmd,$(1),$$<)
	@board/demo/arenas.sh $$(<:.elf=.map)
.PHONY: qemu-run-$(1) run-$(1)
endef
$(foreach b,$(QEMU_BOARDS),$(eval $(call qemu_board,$(b))))

# The post-mortem across a warm reset (tests/board/reset/), on the micro:bit,
# an M4 and an M33: an image of its own, since it resets the core.
RESET_BOARDS := microbit mps2-an386 mps2-an505
define reset_board
$(BUILD)/$(1)/warm-reset.elf: tests/board/reset/warm_reset.c $(FW_COMMON_DEPS) board/$(1)/memory.ld
	@mkdir -p $$(@D)
	$(FW_CC) $$(call fw_flags,$(1),$(FW_OPT)) $(FW_INCLUDES) tests/board/reset/warm_reset.c $(FW_COMMON_SRCS) \
	  $$(call fw_ldflags,$(1),nano) -Timage.ld -Wl,-Map=$$(@:.elf=.map) -o $$@
qemu-reset-$(1): $(BUILD)/$(1)/warm-reset.elf
	@$(RUNNER) run $(RESULTS) reset-$(1) $(QEMU_TIMEOUT) $(QEMU) -M $(1) $(QEMU_FLAGS) -kernel $$<
.PHONY: qemu-reset-$(1)
endef
$(foreach b,$(RESET_BOARDS),$(eval $(call reset_board,$(b))))

# BOARD narrows the QEMU runs only when the user set it (the Makefile's
# default must not); BOARD=host runs none.
QEMU_RUN_BOARDS := $(QEMU_BOARDS)
ifneq ($(filter command line environment environment override override,$(origin BOARD)),)
QEMU_RUN_BOARDS := $(filter $(BOARD),$(QEMU_BOARDS))
ifeq ($(QEMU_RUN_BOARDS)$(filter host $(RISCV_BOARDS),$(BOARD)),)
QEMU_RUN_BOARDS := unknown-board
endif
endif
QEMU_PARTS := $(addprefix qemu-run-,$(QEMU_RUN_BOARDS)) $(addprefix qemu-reset-,$(filter $(RESET_BOARDS),$(QEMU_RUN_BOARDS))) \
              link-checks
TEST_PARTS += $(QEMU_PARTS)
## make qemu-run-B   the suite on one board (B: a board, listed at the end); qemu-reset-B: the warm-reset image
## make test-qemu    the suite on every QEMU board, and the link checks (BOARD=<machine>: one board)
test-qemu:
	$(call need_packages,$(PKG_FIRMWARE))
	$(call aggregate,$(QEMU_PARTS))

## make link-checks  the linker fragments' promises (sizes, limits, error messages), by linking
link-checks:
	@$(RUNNER) run $(RESULTS) link-checks 60 tests/board/link_checks.sh $(BUILD)/link-checks

# ---- The firmware example (board/example/): the one to copy -------------------
# Its own startup and linker script and none of the files above: only src/,
# the section arena's port, the CPU port and linker/bump_section.ld. Built
# with the flags a user would give, run on QEMU's mps2-an385 (Cortex-M3).
EXAMPLE_SRCS := board/example/main.c board/example/startup.c port/memory/section/bump_section.c \
                port/cpu/cortex-m/bump_critical.c src/bump.c
$(BUILD)/example/example.elf: $(EXAMPLE_SRCS) board/example/example.ld linker/bump_section.ld linker/bump_arena.ld \
                              $(CORE_HDRS) port/memory/section/bump_section.h board/board.mk
	@mkdir -p $(@D)
	$(FW_CC) -mcpu=cortex-m3 -mthumb -Os -g $(WARNINGS) -ffunction-sections -fdata-sections \
	  -Isrc -Iport/memory/section $(EXAMPLE_SRCS) \
	  -nostartfiles --specs=nano.specs -Wl,--gc-sections -Llinker -Tboard/example/example.ld \
	  -Wl,-Map=$(@:.elf=.map) -o $@
## make example      the firmware example (board/example/) built and run on QEMU mps2-an385
example:
	$(call need_packages,$(PKG_FIRMWARE))
	@$(MAKE) --no-print-directory example-run
example-run: $(BUILD)/example/example.elf
	@echo '$(call qemu_cmd,mps2-an385,$<)'
	@$(RUNNER) run $(RESULTS) example $(QEMU_TIMEOUT) tests/board/example.sh 'example mps2-an385' \
	  $(QEMU) -M mps2-an385 $(QEMU_FLAGS) -kernel $<
TEST_PARTS += example-run
.PHONY: example example-run
# ---- end of the firmware example -------------------------------------------

qemu-run-unknown-board run-unknown-board:
	@echo "BOARD=$(BOARD) is not a board; choose host or one of: $(QEMU_BOARDS)"; exit 1

## make size         flash bytes each feature adds to an image, and each folder, per core
SIZE_OPT ?= -Os
size:
	$(call need_packages,gcc-arm-none-eabi)
	@SIZE_OPT='$(SIZE_OPT)' tests/bench/size.sh $(foreach b,$(QEMU_BOARDS),$(call board_core,$(b)))

.PHONY: test-qemu size link-checks qemu-run-unknown-board run-unknown-board

# ---- MPU guards (port/cpu/cortex-m/bump_mpu.c) -------------------------------
# Images per board with an MPU, from tests/board/mpu/guard.c, each ending in
# MemManage at the address just outside the usable part and printing
# "1 passed"; an image that does not fault fails. The cases: a write below
# the arena (low), a write above it (high), a jump to the high guard (fetch)
# and, on the PMSAv7 boards only (PMSAv8 guards are readable by privileged
# code, as bump_mpu.h says), a read below it (read). The micro:bit
# (Cortex-M0, no MPU) is covered by the board suite's mpu group instead.
MPU_BOARDS := $(filter-out microbit,$(QEMU_BOARDS))
MPU_PMSAV7_BOARDS := mps2-an385 mps2-an386 mps2-an500
mpu_cases = low high fetch $(if $(filter $(1),$(MPU_PMSAV7_BOARDS)),read)
mpu_flags_low := -DGUARD_END=low -DGUARD_ACCESS=write
mpu_flags_high := -DGUARD_END=high -DGUARD_ACCESS=write
mpu_flags_fetch := -DGUARD_END=high -DGUARD_ACCESS=fetch
mpu_flags_read := -DGUARD_END=low -DGUARD_ACCESS=read
FW_MPU_SRCS := $(FW_COMMON_SRCS) tests/board/mpu/guard.c
FW_MPU_DEPS := $(FW_MPU_SRCS) $(FW_COMMON_DEPS)

define mpu_image
$(BUILD)/$(1)/mpu-$(2).elf: $(FW_MPU_DEPS) board/$(1)/memory.ld
	@mkdir -p $$(@D)
	$(FW_CC) $$(call fw_flags,$(1),$(FW_OPT)) $(mpu_flags_$(2)) $(FW_INCLUDES) $(FW_MPU_SRCS) \
	  $$(call fw_ldflags,$(1),nano) -Timage.ld -Wl,-Map=$$(@:.elf=.map) -o $$@
qemu-mpu-$(1)-$(2): $(BUILD)/$(1)/mpu-$(2).elf
	@$(RUNNER) run $(RESULTS) qemu-mpu-$(1)-$(2) $(QEMU_TIMEOUT) $(QEMU) -M $(1) $(QEMU_FLAGS) -kernel $$<
.PHONY: qemu-mpu-$(1)-$(2)
endef
$(foreach b,$(MPU_BOARDS),$(foreach e,$(call mpu_cases,$(b)),$(eval $(call mpu_image,$(b),$(e)))))

# Narrowed by BOARD like the suite's runs (BOARD=microbit or host: none).
MPU_PARTS := $(foreach b,$(filter $(MPU_BOARDS),$(QEMU_RUN_BOARDS)),$(foreach e,$(call mpu_cases,$(b)),qemu-mpu-$(b)-$(e)))
QEMU_PARTS += $(MPU_PARTS)
TEST_PARTS += $(MPU_PARTS)
## make qemu-mpu-B-E the MPU guard image of board B, case E (low, high, fetch; read on PMSAv7)
# ---- end of MPU guards --------------------------------------------------------

# ---- RISC-V: qemu-system-riscv32 -M virt (RISCV_BOARD_TABLE above) ------------
# Debian's riscv64-unknown-elf-gcc has no C library, so these images are
# built with -nostdinc: the compiler's freestanding headers, and
# board/riscv/libc/ for the little of stdio.h and string.h the tests and the
# demo use (board/riscv/libc.c, printing through semihosting). Startup, the
# trap handler, the machine timer and the images' linker script are shared in
# board/riscv/; the memory map is board/virt/memory.ld. Soft float, no libgcc.
riscv_machine = $(word 2,$(subst :, ,$(filter $(1):%,$(RISCV_BOARD_TABLE))))
riscv_march = $(word 3,$(subst :, ,$(filter $(1):%,$(RISCV_BOARD_TABLE))))
RV_CC := riscv64-unknown-elf-gcc
RV_FREESTANDING = -ffreestanding -nostdinc -isystem $(shell $(RV_CC) -print-file-name=include)
rv_flags = $(2) $(WARNINGS) $(RV_FREESTANDING) -march=$(call riscv_march,$(1)) -mabi=ilp32 \
           -ffunction-sections -fdata-sections -DBOARD_MACHINE='"$(1)"' -DBOARD_CORE='"$(subst _zicsr,,$(call riscv_march,$(1)))"'
rv_ldflags = -nostdlib -Wl,--gc-sections -Llinker -Lboard/riscv -Lboard/$(call riscv_machine,$(1)) -Timage.ld
RV_COMMON_SRCS := board/riscv/startup.c board/riscv/services.c board/stack.c board/riscv/libc.c \
                  port/memory/section/bump_section.c port/cpu/riscv/bump_critical.c $(CORE_SRCS)
RV_INCLUDES := -Isrc -Iport/memory/section -Iport/cpu/riscv -Iboard/riscv -Iboard/riscv/libc
RV_COMMON_DEPS := $(RV_COMMON_SRCS) $(wildcard board/riscv/*.h board/riscv/libc/*.h board/riscv/*.ld linker/*.ld) \
                  $(CORE_HDRS) $(wildcard port/memory/section/*.h) board/board.mk
# The board tests that hold on RISC-V: no newlib heap, no MPU.
RV_TEST_SRCS := $(RV_COMMON_SRCS) $(HOOKS_SRCS) $(HARNESS_SRCS) $(SUITE_SRCS) tests/board/riscv/main.c \
                tests/board/test_section.c tests/board/test_regions.c tests/board/test_irq.c tests/board/test_critical.c \
                tests/board/test_stack.c
RV_DEMO_SRCS := $(RV_COMMON_SRCS) board/demo/demo.c board/demo/main_riscv.c
QEMU_RV := qemu-system-riscv32
QEMU_RV_FLAGS := -bios none $(QEMU_FLAGS)
qemu_rv_cmd = timeout --kill-after=5 $(QEMU_TIMEOUT) $(QEMU_RV) -M $(call riscv_machine,$(1)) $(QEMU_RV_FLAGS) -kernel $(2)

define riscv_board
$(BUILD)/$(1)/tests.elf: $(RV_TEST_SRCS) $(RV_COMMON_DEPS) $(SUITE_HDRS) $(wildcard tests/board/*.h) board/$(call riscv_machine,$(1))/memory.ld
	@mkdir -p $$(@D)
	$(RV_CC) $$(call rv_flags,$(1),$(FW_OPT)) $(RV_INCLUDES) $(TEST_INCLUDES) -Itests/board $(RV_TEST_SRCS) \
	  $$(call rv_ldflags,$(1)) -Wl,-Map=$$(@:.elf=.map) -o $$@
$(BUILD)/$(1)/irq-control.elf: $(RV_TEST_SRCS) $(RV_COMMON_DEPS) $(SUITE_HDRS) $(wildcard tests/board/*.h) board/$(call riscv_machine,$(1))/memory.ld
	@mkdir -p $$(@D)
	$(RV_CC) $$(call rv_flags,$(1),$(FW_OPT)) -DIRQ_ALLOC=bump_alloc_slow $(RV_INCLUDES) $(TEST_INCLUDES) -Itests/board $(RV_TEST_SRCS) \
	  $$(call rv_ldflags,$(1)) -o $$@
qemu-irq-control-$(1): $(BUILD)/$(1)/irq-control.elf
	@$(RUNNER) run $(RESULTS) irq-control-$(1) $(QEMU_TIMEOUT) tests/board/irq_control.sh 'irq control $(1)' \
	  $(QEMU_RV) -M $(call riscv_machine,$(1)) $(QEMU_RV_FLAGS) -kernel $$<
.PHONY: qemu-irq-control-$(1)
$(BUILD)/$(1)/demo.elf: $(RV_DEMO_SRCS) $(RV_COMMON_DEPS) board/demo/demo.h board/$(call riscv_machine,$(1))/memory.ld
	@mkdir -p $$(@D)
	$(RV_CC) $$(call rv_flags,$(1),$(FW_OPT)) $(RV_INCLUDES) -Iboard/demo $(RV_DEMO_SRCS) \
	  $$(call rv_ldflags,$(1)) -Wl,-Map=$$(@:.elf=.map) -o $$@
qemu-run-$(1): $(BUILD)/$(1)/tests.elf
	@$(RUNNER) run $(RESULTS) qemu-$(1) $(QEMU_TIMEOUT) $(QEMU_RV) -M $(call riscv_machine,$(1)) $(QEMU_RV_FLAGS) -kernel $$<
run-$(1): $(BUILD)/$(1)/demo.elf
	@echo '$$(call qemu_rv_cmd,$(1),$$<)'
	@$$(call qemu_rv_cmd,$(1),$$<)
	@board/demo/arenas.sh $$(<:.elf=.map)
qemu-demo-$(1): $(BUILD)/$(1)/demo.elf
	@$(RUNNER) run $(RESULTS) demo-$(1) $(QEMU_TIMEOUT) tests/board/demo.sh 'demo $(1)' \
	  $(QEMU_RV) -M $(call riscv_machine,$(1)) $(QEMU_RV_FLAGS) -kernel $$<
.PHONY: qemu-run-$(1) run-$(1) qemu-demo-$(1)
endef
$(foreach b,$(RISCV_BOARDS),$(eval $(call riscv_board,$(b))))

# src/ with no libc header, built for Cortex-M and RISC-V (both compilers).
## make freestanding-check  src/ built with -nostdinc (only the compiler's headers) for Cortex-M and RISC-V
freestanding-check:
	@$(RUNNER) run $(RESULTS) freestanding 60 tests/board/freestanding.sh '$(WARNINGS)'
.PHONY: freestanding-check

# BOARD narrows these runs as it does the Cortex-M ones.
RISCV_RUN_BOARDS := $(RISCV_BOARDS)
ifneq ($(filter command line environment environment override override,$(origin BOARD)),)
RISCV_RUN_BOARDS := $(filter $(BOARD),$(RISCV_BOARDS))
endif
RISCV_PARTS := $(addprefix qemu-run-,$(RISCV_RUN_BOARDS)) $(addprefix qemu-demo-,$(RISCV_RUN_BOARDS)) \
               $(addprefix qemu-irq-control-,$(RISCV_RUN_BOARDS))
TEST_PARTS += $(RISCV_PARTS) freestanding-check
## make test-riscv   the suite and the demo on the RISC-V boards (BOARD=<board>: one), and src/ built with no libc header
test-riscv:
	$(call need_packages,$(PKG_RISCV) gcc-arm-none-eabi)
	$(call aggregate,$(RISCV_PARTS) freestanding-check)
.PHONY: test-riscv
# ---- end of RISC-V --------------------------------------------------------------

# ---- Other toolchains: clang, picolibc ----------------------------------------
# The board suite's image built another way, run like qemu-run-B: compiled by
# clang (LLVM's ARM backend) on the micro:bit (M0) and an M4, and built with
# arm-none-eabi-gcc against picolibc instead of newlib on the same two.
#
# clang compiles with the boards' flags and newlib's headers from the
# arm-none-eabi sysroot; arm-none-eabi-gcc links, as for every image.
# -fshort-enums: arm-none-eabi-gcc's enum size, which newlib is built with (ld
# warns when objects differ). -z noexecstack: clang's objects say their stack
# is not executable, newlib's assembly ones say nothing, and ld warns. Any
# link warning fails the build, so both stay proven.
CLANG_BOARDS := microbit mps2-an386
FW_CLANG := clang --target=arm-none-eabi --sysroot=/usr/lib/arm-none-eabi -isystem /usr/lib/arm-none-eabi/include -fshort-enums

define clang_board
$(BUILD)/$(1)/clang/%.o: %.c $(FW_TEST_DEPS)
	@mkdir -p $$(@D)
	$(FW_CLANG) $$(call fw_flags,$(1),$(FW_OPT)) $(FW_INCLUDES) $(TEST_INCLUDES) -Itests/board -c $$< -o $$@
$(BUILD)/$(1)/clang/tests.elf: $(addprefix $(BUILD)/$(1)/clang/,$(FW_TEST_SRCS:.c=.o)) board/$(1)/memory.ld
	$(FW_CC) $$(call fw_flags,$(1),$(FW_OPT)) $$(filter %.o,$$^) \
	  $$(call fw_ldflags,$(1),nano) -Wl,-z,noexecstack -Wl,--fatal-warnings -Timage.ld -Wl,-Map=$$(@:.elf=.map) -o $$@
qemu-clang-$(1): $(BUILD)/$(1)/clang/tests.elf
	@$(RUNNER) run $(RESULTS) qemu-clang-$(1) $(QEMU_TIMEOUT) $(QEMU) -M $(1) $(QEMU_FLAGS) -kernel $$<
.PHONY: qemu-clang-$(1)
endef
$(foreach b,$(CLANG_BOARDS),$(eval $(call clang_board,$(b))))

# picolibc: its specs file (its headers, libc and libsemihost) in place of
# newlib's, through fw_ldflags; our startup, which sets picolibc's thread pointer
# (board/cortex-m/services.c), and image.ld, so its heap is bump_sbrk's.
PICOLIBC_BOARDS := microbit mps2-an386
define picolibc_board
$(BUILD)/$(1)/picolibc/tests.elf: $(FW_TEST_DEPS) board/$(1)/memory.ld
	@mkdir -p $$(@D)
	$(FW_CC) $$(call fw_flags,$(1),$(FW_OPT)) $(FW_INCLUDES) $(TEST_INCLUDES) -Itests/board $(FW_TEST_SRCS) \
	  $$(call fw_ldflags,$(1),picolibc) -Wl,--fatal-warnings -Timage.ld -Wl,-Map=$$(@:.elf=.map) -o $$@
qemu-picolibc-$(1): $(BUILD)/$(1)/picolibc/tests.elf
	@$(RUNNER) run $(RESULTS) qemu-picolibc-$(1) $(QEMU_TIMEOUT) $(QEMU) -M $(1) $(QEMU_FLAGS) -kernel $$<
.PHONY: qemu-picolibc-$(1)
endef
$(foreach b,$(PICOLIBC_BOARDS),$(eval $(call picolibc_board,$(b))))

# In make test only (make run and test-qemu do not install clang or picolibc).
TOOLCHAIN_PARTS := $(addprefix qemu-clang-,$(CLANG_BOARDS)) $(addprefix qemu-picolibc-,$(PICOLIBC_BOARDS))
TEST_PARTS += $(TOOLCHAIN_PARTS)
## make qemu-clang-B the suite compiled by clang (B: microbit, mps2-an386); qemu-picolibc-B: built on picolibc
# ---- end of other toolchains ---------------------------------------------------
