# mps2-an386: ARM MPS2 with AN386, Cortex-M4 (FPU unused); 4 MiB code, 4 MiB + 16 MiB RAM.
# Sets only what differs from the other boards; board/board.mk does the rest.
QEMU_BOARDS += mps2-an386
board_core_mps2-an386 := cortex-m4
board_cpu_mps2-an386 := -mcpu=cortex-m4
board_qemu_mps2-an386 := -M mps2-an386
