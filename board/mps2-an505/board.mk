# mps2-an505: ARM MPS2 with AN505, Cortex-M33 (secure state, FPU unused); 512 KiB code, 4 MiB + 16 MiB RAM.
# Sets only what differs from the other boards; board/board.mk does the rest.
QEMU_BOARDS += mps2-an505
board_core_mps2-an505 := cortex-m33
board_cpu_mps2-an505 := -mcpu=cortex-m33
board_qemu_mps2-an505 := -M mps2-an505
