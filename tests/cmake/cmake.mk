# SPDX-License-Identifier: MIT
# The CMake package (CMakeLists.txt), used by tests/cmake/, a project of a
# user's: built on the host through add_subdirectory, FetchContent,
# find_package and pkg-config and run (cmake-host); cross-built with
# board/cortex-m/arm-none-eabi.cmake for CMAKE_BOARD and run under QEMU like
# the board's suite (cmake-qemu-B); the check that CMake and this Makefile
# build bump from the same sources with the same flags (cmake-drift); and
# the one version (version-check). Included by the top Makefile, after
# board/board.mk.

CMAKE_DIR := $(BUILD)/cmake
CMAKE_BOARD := mps2-an386
CMAKE_DEPS := CMakeLists.txt $(wildcard tests/cmake/*) board/cortex-m/arm-none-eabi.cmake $(CORE_HDRS) \
              $(wildcard src/*.c port/*/*/*.c port/*/*/*.h linker/*.ld) $(HARNESS_SRCS) tests/harness/harness.h

cmake-host:
	@$(RUNNER) run $(RESULTS) cmake-host 300 tests/cmake/consumers.sh host $(CMAKE_DIR)

$(CMAKE_DIR)/cross/consumer.elf: $(CMAKE_DEPS) $(FW_COMMON_DEPS) board/$(CMAKE_BOARD)/memory.ld
	tests/cmake/consumers.sh cross $(CMAKE_DIR)
cmake-qemu-$(CMAKE_BOARD): $(CMAKE_DIR)/cross/consumer.elf
	@$(RUNNER) run $(RESULTS) cmake-qemu-$(CMAKE_BOARD) $(QEMU_TIMEOUT) $(QEMU) -M $(CMAKE_BOARD) $(QEMU_FLAGS) -kernel $<

cmake-drift:
	@MAKE_SRCS='$(sort $(CORE_SRCS) $(HOOKS_SRCS) $(HOST_PORT_SRCS) $(filter port/%,$(FW_COMMON_SRCS)))' MAKE_WARNINGS='$(WARNINGS)' \
	  MAKE_FW_CFLAGS='$(FW_CFLAGS) -mcpu=$(call board_core,$(CMAKE_BOARD))' DRIFT_CPU=$(call board_core,$(CMAKE_BOARD)) \
	  $(RUNNER) run $(RESULTS) cmake-drift 120 tests/cmake/drift.sh $(CMAKE_DIR)/drift

# One version: bump.h's BUMP_VERSION macros, CMake's project version, the
# find_package version file and bump.pc agree.
## make version-check  bump.h's BUMP_VERSION, CMake's project version and bump.pc agree
version-check:
	@$(RUNNER) run $(RESULTS) version 120 tests/cmake/version.sh $(CMAKE_DIR)/version

CMAKE_PARTS := cmake-host cmake-qemu-$(CMAKE_BOARD) cmake-drift version-check
TEST_PARTS += $(CMAKE_PARTS)
## make test-cmake   the CMake package: host consumers (4 ways), one QEMU board, the drift and version checks
test-cmake:
	$(call need_packages,$(PKG_CMAKE) $(PKG_HOST) $(PKG_FIRMWARE) pkg-config)
	$(call aggregate,$(CMAKE_PARTS))
.PHONY: cmake-host cmake-qemu-$(CMAKE_BOARD) cmake-drift version-check test-cmake
