# Firmware: the core suite and the demo on six QEMU Cortex-M machines.
# Included by the top Makefile. Each board/<machine>/board.mk adds its name
# to QEMU_BOARDS and sets its core, CPU flags and QEMU machine; everything
# shared is here.
#
#   make test-qemu          build the suite for every board, run each under QEMU
#   make test-qemu BOARD=x  one board only
#   make run                the demo firmware on $(BOARD) (BOARD=host: natively)
#   make size               code size of src/ and of each port, per core

QEMU_BOARDS :=
include $(sort $(wildcard board/*/board.mk))

DEPS_TEST += gcc-arm-none-eabi libnewlib-arm-none-eabi qemu-system-arm

FW_CC := arm-none-eabi-gcc
FW_SIZE := arm-none-eabi-size
FW_OPT ?= -Os -g
# Soft float everywhere: no image enables an FPU, so none may use it.
FW_CFLAGS := $(WARNINGS) -mthumb -mfloat-abi=soft -ffunction-sections -fdata-sections
# Our own startup (board/cortex-m); newlib-nano with semihosting for printf.
FW_LDFLAGS := -nostartfiles --specs=nano.specs --specs=rdimon.specs -Wl,--gc-sections \
              -Llinker -Tlinker/test-image.ld
FW_INCLUDES := -Isrc -Iport/section -Iport/newlib -Iboard/cortex-m
FW_LINKER := linker/test-image.ld linker/bump_section.ld linker/bump_arena.ld
# newlib's heap comes from port/newlib (an arena in .bump_heap) when present.
FW_COMMON_SRCS := board/cortex-m/startup.c board/cortex-m/services.c port/section/bump_section.c port/cortex-m/bump_critical.c \
                  $(sort $(wildcard port/newlib/*.c)) $(CORE_SRCS)
FW_COMMON_DEPS := $(FW_COMMON_SRCS) $(FW_LINKER) $(CORE_HDRS) board/cortex-m/board.h \
                  port/section/bump_section.h $(wildcard port/newlib/*.h) linker/bump_sbrk.ld board/board.mk
FW_TEST_SRCS := $(FW_COMMON_SRCS) $(HARNESS_SRCS) $(SUITE_SRCS) $(sort $(wildcard tests/board/*.c))
FW_TEST_DEPS := $(FW_TEST_SRCS) $(FW_COMMON_DEPS) $(SUITE_HDRS) $(wildcard tests/board/*.h)
FW_DEMO_SRCS := $(FW_COMMON_SRCS) board/demo/demo.c board/cortex-m/demo_main.c
FW_DEMO_DEPS := $(FW_DEMO_SRCS) $(FW_COMMON_DEPS) board/demo/demo.h

QEMU := qemu-system-arm
QEMU_FLAGS := -icount shift=0 -nographic -monitor none -serial none -semihosting-config enable=on,target=native
# Seconds before a run counts as hung; a passing board takes about one.
QEMU_TIMEOUT := 30

# board: the flags that make an image for it (compile and link).
fw_flags = $(FW_OPT) $(FW_CFLAGS) $(board_cpu_$(1)) -DBOARD_MACHINE='"$(1)"' -DBOARD_CORE='"$(board_core_$(1))"'

define qemu_board
$(BUILD)/$(1)/tests.elf: $(FW_TEST_DEPS) board/$(1)/memory.ld board/$(1)/board.mk | $(DEPS_STAMP)
	@mkdir -p $$(@D)
	$(FW_CC) $$(call fw_flags,$(1)) $(FW_INCLUDES) $(TEST_INCLUDES) -Itests/board $(FW_TEST_SRCS) \
	  $(FW_LDFLAGS) -Lboard/$(1) -Wl,-Map=$$(@:.elf=.map) -o $$@
$(BUILD)/$(1)/demo.elf: $(FW_DEMO_DEPS) board/$(1)/memory.ld board/$(1)/board.mk | $(DEPS_STAMP)
	@mkdir -p $$(@D)
	$(FW_CC) $$(call fw_flags,$(1)) $(FW_INCLUDES) -Iboard/demo $(FW_DEMO_SRCS) \
	  $(FW_LDFLAGS) -Lboard/$(1) -Wl,-Map=$$(@:.elf=.map) -o $$@
qemu-run-$(1): $(BUILD)/$(1)/tests.elf
	@$(RUNNER) run $(RESULTS) qemu-$(1) $(QEMU_TIMEOUT) $(QEMU) $$(board_qemu_$(1)) $(QEMU_FLAGS) -kernel $$<
run-$(1): $(BUILD)/$(1)/demo.elf
	@echo "$(QEMU) $$(board_qemu_$(1)) -kernel $$<   (map: $$(<:.elf=.map))"
	@timeout --kill-after=5 $(QEMU_TIMEOUT) $(QEMU) $$(board_qemu_$(1)) $(QEMU_FLAGS) -kernel $$<
	@echo "the arena sections in $$(<:.elf=.map):"
	@grep -E '^\.bump_[a-z0-9_]+ +0x' $$(<:.elf=.map) | while read -r name address size rest; do \
	  printf '  %-12s at %s, %d bytes\n' $$$$name $$$$address $$$$(($$$$size)); done
.PHONY: qemu-run-$(1) run-$(1)
endef
$(foreach b,$(QEMU_BOARDS),$(eval $(call qemu_board,$(b))))

# BOARD narrows the QEMU runs only when the user set it (the Makefile's
# default must not); BOARD=host runs none.
QEMU_RUN_BOARDS := $(QEMU_BOARDS)
ifneq ($(filter command line environment environment override override,$(origin BOARD)),)
QEMU_RUN_BOARDS := $(filter $(BOARD),$(QEMU_BOARDS))
ifeq ($(QEMU_RUN_BOARDS)$(filter host,$(BOARD)),)
QEMU_RUN_BOARDS := unknown-board
endif
endif
QEMU_PARTS := $(addprefix qemu-run-,$(QEMU_RUN_BOARDS)) link-checks
TEST_PARTS += $(QEMU_PARTS)

# The linker fragments' promises (sizes, limits, error messages), by linking.
link-checks: | $(DEPS_STAMP)
	@$(RUNNER) run $(RESULTS) link-checks 60 tests/board/link_checks.sh $(BUILD)/link-checks

qemu-run-unknown-board run-unknown-board:
	@echo "BOARD=$(BOARD) is not a board; choose host or one of: $(QEMU_BOARDS)"; exit 1

## make test-qemu    the suite on every QEMU board (BOARD=<machine>: one)
test-qemu:
	$(call aggregate,$(QEMU_PARTS))

ifneq ($(BOARD),host)
RUN_TARGET := run-$(if $(filter $(BOARD),$(QEMU_BOARDS)),$(BOARD),unknown-board)
endif

# --- make size --------------------------------------------------------------
## make size         flash bytes each feature adds to an image, and each folder, per core
SIZE_OPT ?= -Os
size: | $(DEPS_STAMP)
	@SIZE_OPT='$(SIZE_OPT)' tests/bench/size.sh $(foreach b,$(QEMU_BOARDS),$(board_core_$(b)))

.PHONY: test-qemu size link-checks qemu-run-unknown-board run-unknown-board
