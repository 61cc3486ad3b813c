# SPDX-License-Identifier: MIT
# Writes the hand-made lists-* seeds of tests/fuzz/hooks-corpus (run it there).
# Each op is four bytes as fuzz_hooks.c reads them: op % 14, a pick, a size
# (little-endian, % 700). Each seed frees a block while it is not the most
# recent one (so it waits on its list), makes the arena release memory (the
# rewinds leave a block of the caller's in the arena, so that the release is
# not a return to empty), lets the caller take that memory with bump_alloc,
# then asks the adapters for a block of the same class: a list kept across
# the release hands out the caller's memory, which the model sees as an
# overlap.
def op(code, a=0, n=0): return bytes([code, a, n & 0xff, n >> 8])
HOOK = lambda n: op(0, 0, n)        # bump_hook_malloc
SIZED = lambda n: op(2, 0, n)       # bump_sized_malloc
FREE_FIRST = op(5, 0)               # free the model's first adapter block
MARK = op(10)
REWIND_FIRST = op(11, 0)            # rewind to the first mark
RESET = op(12, 0)
OWN = lambda n: op(9, 0, n)         # the caller's bump_alloc(n, 1)
seeds = {
    'lists-hook-reset': HOOK(64) + HOOK(64) + HOOK(8) + FREE_FIRST + RESET + OWN(64) + HOOK(64),
    'lists-sized-reset': SIZED(48) + SIZED(48) + SIZED(8) + FREE_FIRST + RESET + OWN(64) + SIZED(48),
    'lists-hook-rewind': OWN(16) + MARK + HOOK(64) + HOOK(64) + HOOK(8) + FREE_FIRST + REWIND_FIRST + OWN(64) + HOOK(64),
    'lists-sized-rewind': OWN(16) + MARK + SIZED(48) + SIZED(48) + SIZED(8) + FREE_FIRST + REWIND_FIRST + OWN(64) + SIZED(48),
}
for name, data in seeds.items():
    with open(name, 'wb') as f:
        f.write(data)
