# mps3-an547: ARM MPS3 with AN547, Cortex-M55 (MVE and FPU off: nothing enables them); 512 KiB code, 512 KiB + 16 MiB RAM.
# Sets only what differs from the other boards; board/board.mk does the rest.
QEMU_BOARDS += mps3-an547
board_core_mps3-an547 := cortex-m55
board_cpu_mps3-an547 := -mcpu=cortex-m55+nomve+nofp
board_qemu_mps3-an547 := -M mps3-an547
