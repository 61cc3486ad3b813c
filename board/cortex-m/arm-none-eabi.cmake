# SPDX-License-Identifier: MIT
# CMake toolchain file for the Cortex-M boards: arm-none-eabi-gcc with the
# flags of board/board.mk's FW_CFLAGS (less the warnings, which each project
# sets for its own sources) and newlib-nano. -DBUMP_CORTEX_M_CPU=cortex-m4
# (the default) picks the core, as board.mk's table does per board.
set(CMAKE_SYSTEM_NAME Generic)
set(CMAKE_SYSTEM_PROCESSOR arm)
set(CMAKE_C_COMPILER arm-none-eabi-gcc)
set(CMAKE_CXX_COMPILER arm-none-eabi-g++)
# No startup code or semihosting yet: test the compiler with a library.
set(CMAKE_TRY_COMPILE_TARGET_TYPE STATIC_LIBRARY)

set(BUMP_CORTEX_M_CPU cortex-m4 CACHE STRING "The -mcpu of the image")
set(CMAKE_C_FLAGS_INIT "-mcpu=${BUMP_CORTEX_M_CPU} -mthumb -mfloat-abi=soft -ffunction-sections -fdata-sections")
set(CMAKE_CXX_FLAGS_INIT "${CMAKE_C_FLAGS_INIT}")
set(CMAKE_EXE_LINKER_FLAGS_INIT "--specs=nano.specs -Wl,--gc-sections")
