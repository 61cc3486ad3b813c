# microbit: BBC micro:bit (nRF51), Cortex-M0, 256 KiB flash, 16 KiB RAM, no second RAM.
# Sets only what differs from the other boards; board/board.mk does the rest.
QEMU_BOARDS += microbit
board_core_microbit := cortex-m0
board_cpu_microbit := -mcpu=cortex-m0
board_qemu_microbit := -M microbit
