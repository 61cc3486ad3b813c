# mps2-an500: ARM MPS2 with AN500, Cortex-M7 (FPU unused); 4 MiB code, 4 MiB + 16 MiB RAM.
# Sets only what differs from the other boards; board/board.mk does the rest.
QEMU_BOARDS += mps2-an500
board_core_mps2-an500 := cortex-m7
board_cpu_mps2-an500 := -mcpu=cortex-m7
board_qemu_mps2-an500 := -M mps2-an500
