# SPDX-License-Identifier: MIT
# The C++ layer (src/bump.hpp): tests/cpp/test_cpp.cpp on the host, built
# with g++ and clang++ under ASan and UBSan without exceptions or RTTI, and
# with g++ with exceptions (exhaustion then throws); and on mps2-an386 with
# arm-none-eabi-g++ and newlib-nano's libstdc++. The C files are compiled as
# C, with the flags of the C builds (-Wno-psabi: libstdc++ on ARM notes an ABI
# change of GCC 7.1 that concerns no code here). Included by the top Makefile, after
# board/board.mk.

comma := ,
CXX_WARNINGS := $(filter-out -std=c11,$(WARNINGS)) -std=c++17
CPP_C_SRCS := $(CORE_SRCS) $(HARNESS_SRCS)
CPP_DEPS := tests/cpp/test_cpp.cpp tests/cpp/exhaustion_board.cpp $(CPP_C_SRCS) $(CORE_HDRS) tests/harness/harness.h tests/cpp/cpp.mk

# name, C compiler, C++ compiler, the C++ flags of each host build
CPP_VARIANTS := gcc clang gcc-exceptions
cpp_cc_gcc := gcc
cpp_cxx_gcc := g++ -fno-exceptions -fno-rtti
cpp_cc_clang := clang
cpp_cxx_clang := clang++ -fno-exceptions -fno-rtti
cpp_cc_gcc-exceptions := gcc
cpp_cxx_gcc-exceptions := g++ -fno-rtti

# Compiles $(3) as C with $(1) into the folder of $@, then links them with
# the C++ file $(5) (default tests/cpp/test_cpp.cpp), built with $(2) (the
# compilers with their flags); $(4): link flags.
define cpp_build
@mkdir -p $(@D)
for f in $(3); do $(1) $(WARNINGS) -c $$f -o $(@D)/$$(basename $$f .c).o || exit 1; done
$(2) $(CXX_WARNINGS) -c $(or $(5),tests/cpp/test_cpp.cpp) -o $@.o
$(2) $(addprefix $(@D)/,$(notdir $(3:.c=.o))) $@.o $(4) -o $@
endef

define cpp_variant
$(BUILD)/cpp-$(1)/tests: $(CPP_DEPS)
	$$(call cpp_build,$(cpp_cc_$(1)) -O1 -g $$(SANITIZE) -Isrc -Itests/harness,$(cpp_cxx_$(1)) -O1 -g $$(SANITIZE) -Isrc -Itests/harness -DTEST_LABEL='"c++ host $(1)"',$(CPP_C_SRCS))
cpp-run-$(1): $(BUILD)/cpp-$(1)/tests
	@$(RUNNER) run $(RESULTS) cpp-$(1) 120 $$<
.PHONY: cpp-run-$(1)
endef
$(foreach v,$(CPP_VARIANTS),$(eval $(call cpp_variant,$(v))))

# The board: the same test, startup and semihosting as the suite's images;
# and an image of its own for exhaustion, which ends the run in abort().
CPP_BOARD := mps2-an386
FW_CXX := arm-none-eabi-g++
CPP_FW_FLAGS = $(filter-out -std=c11,$(call fw_flags,$(CPP_BOARD),$(FW_OPT)))
# $(1): the image's name, $(2) its C++ file
define cpp_board_image
$(BUILD)/$(CPP_BOARD)/cpp-$(1)/$(1).elf: $(CPP_DEPS) $(FW_COMMON_DEPS) board/$(CPP_BOARD)/memory.ld
	$$(call cpp_build,$(FW_CC) $$(call fw_flags,$(CPP_BOARD),$(FW_OPT)) $(FW_INCLUDES) -Itests/harness,$(FW_CXX) \
	  $$(CPP_FW_FLAGS) -fno-exceptions -fno-rtti -Wno-psabi $(FW_INCLUDES) -Itests/harness -DTEST_LABEL='"c++ $(CPP_BOARD) $(1)"',$(CPP_C_SRCS) \
	  $(FW_STARTUP) port/cpu/cortex-m/bump_critical.c,$$(call fw_ldflags,$(CPP_BOARD),nano) -Timage.ld -Wl$$(comma)-Map=$$(@:.elf=.map),$(2))
cpp-qemu-$(CPP_BOARD)-$(1): $(BUILD)/$(CPP_BOARD)/cpp-$(1)/$(1).elf
	@$$(RUNNER) run $$(RESULTS) cpp-$(CPP_BOARD)-$(1) $$(QEMU_TIMEOUT) $$(QEMU) -M $(CPP_BOARD) $$(QEMU_FLAGS) -kernel $$<
.PHONY: cpp-qemu-$(CPP_BOARD)-$(1)
endef
$(eval $(call cpp_board_image,tests,tests/cpp/test_cpp.cpp))
$(eval $(call cpp_board_image,exhaustion,tests/cpp/exhaustion_board.cpp))

CPP_PARTS := $(addprefix cpp-run-,$(CPP_VARIANTS)) cpp-qemu-$(CPP_BOARD)-tests cpp-qemu-$(CPP_BOARD)-exhaustion
TEST_PARTS += $(CPP_PARTS)
## make test-cpp     the C++ layer: host builds (g++, clang++; ASan, UBSan) and one QEMU board
## make cpp-run-V    one host build, V one of: gcc clang gcc-exceptions; cpp-qemu-mps2-an386-tests and -exhaustion: the board
test-cpp:
	$(call need_packages,$(PKG_CXX) $(PKG_CLANG) $(PKG_FIRMWARE))
	$(call aggregate,$(CPP_PARTS))
.PHONY: test-cpp
