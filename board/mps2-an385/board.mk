# mps2-an385: ARM MPS2 with AN385, Cortex-M3 (the default board); 4 MiB code, 4 MiB + 16 MiB RAM.
# Sets only what differs from the other boards; board/board.mk does the rest.
QEMU_BOARDS += mps2-an385
board_core_mps2-an385 := cortex-m3
board_cpu_mps2-an385 := -mcpu=cortex-m3
board_qemu_mps2-an385 := -M mps2-an385
