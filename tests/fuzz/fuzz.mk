# SPDX-License-Identifier: MIT
# The fuzz target against its model (tests/fuzz/fuzz_bump.c).
#
#   make fuzz       libFuzzer for FUZZ_SECONDS (default 60) on a copy of the
#                   seed corpus; prints executions, cov/ft and the line
#                   coverage of src/bump.c reached by the grown corpus
#   make test       replays the seed corpus (part fuzz-corpus) under ASan+UBSan
#
# New inputs stay in $(FUZZ_DIR)/corpus. `make fuzz-seeds` minimizes them
# (-merge=1) to the few inputs that reach every edge of src/bump.c, measured
# by a build where only src/bump.c carries coverage (the model's own branches
# would keep hundreds); copy $(FUZZ_DIR)/seeds over tests/fuzz/corpus to keep.
# The regress-* seeds are kept by hand: each is an input with which the
# fuzzer caught a deliberately broken src/bump.c that the minimized seeds
# alone let through (resize in place moving the block's end; a shrink in
# place not bringing the high-water mark up to date). The mark-* seeds are
# hand-made too (tests/fuzz/mark_seeds.py writes them), one per way a mark
# goes stale or is refused, and one per shape where a stale mark meets a valid
# one at its depth and position (a frame loop with a leaked mark, a rewind to
# an outer mark and the same steps again, bump_init of the same bump_t, a
# reset or trim between two frames, a scope with a reset inside or around an
# in-place resize); `make mutants` proves they catch broken marks (the fuzz-*
# mutants of tests/mutants/mutants.txt, which the corpus replay alone must
# kill), marks named by their position included. The grow-*
# seeds (the same script) drive growable blocks: growth among plain blocks,
# marks and rewinds around them, refusals, trim; the fuzz-grow-* mutants
# prove them.

FUZZ_SECONDS ?= 60
FUZZ_DIR := $(BUILD)/fuzz
FUZZ_SRCS := tests/fuzz/fuzz_bump.c $(CORE_SRCS)
FUZZ_DEPS := $(FUZZ_SRCS) $(CORE_HDRS)
FUZZ_CORPUS := $(sort $(wildcard tests/fuzz/corpus/*))
FUZZ_CFLAGS := -O1 -g -fno-omit-frame-pointer $(WARNINGS) -Isrc
FUZZ_MAX_LEN := 512

$(FUZZ_DIR)/fuzz_bump: $(FUZZ_DEPS)
	@mkdir -p $(@D)
	clang $(FUZZ_CFLAGS) -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all $(FUZZ_SRCS) -o $@

# The corpus replay: no libFuzzer, one child process per input.
$(FUZZ_DIR)/replay: $(FUZZ_DEPS) tests/fuzz/replay.c
	@mkdir -p $(@D)
	clang $(FUZZ_CFLAGS) $(SANITIZE) $(FUZZ_SRCS) tests/fuzz/replay.c -o $@

# Source-based coverage: the same target, replayed over a corpus.
$(FUZZ_DIR)/replay-cov: $(FUZZ_DEPS) tests/fuzz/replay.c
	@mkdir -p $(@D)
	clang -O0 -g $(WARNINGS) -Isrc -fprofile-instr-generate -fcoverage-mapping $(FUZZ_SRCS) tests/fuzz/replay.c -o $@

fuzz:
	$(call need_packages,$(PKG_CLANG))
	@$(MAKE) --no-print-directory fuzz-run
fuzz-run: $(FUZZ_DIR)/fuzz_bump $(FUZZ_DIR)/replay-cov
	@tests/fuzz/run.sh $(FUZZ_DIR) $(FUZZ_SECONDS) $(FUZZ_MAX_LEN)

$(FUZZ_DIR)/fuzz_core: $(FUZZ_DEPS)
	@mkdir -p $(@D)/core
	clang $(FUZZ_CFLAGS) -fsanitize=address,undefined -c tests/fuzz/fuzz_bump.c -o $(@D)/core/fuzz_bump.o
	for f in $(CORE_SRCS); do \
	  clang $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link,address,undefined -c $$f -o $(@D)/core/$$(basename $$f .c).o || exit 1; done
	clang -fsanitize=fuzzer,address,undefined $(@D)/core/*.o -o $@

fuzz-seeds: $(FUZZ_DIR)/fuzz_core
	@rm -rf $(FUZZ_DIR)/seeds && mkdir -p $(FUZZ_DIR)/seeds
	$(FUZZ_DIR)/fuzz_core -merge=1 -use_counters=0 -use_cmp=0 -use_value_profile=0 \
	  $(FUZZ_DIR)/seeds tests/fuzz/corpus $(FUZZ_DIR)/corpus 2>&1 | tail -n 1
	@echo "fuzz-seeds: $$(ls $(FUZZ_DIR)/seeds | wc -l) inputs in $(FUZZ_DIR)/seeds"

## make fuzz-corpus-run  replay tests/fuzz/corpus against the model (part of make test)
fuzz-corpus-run: $(FUZZ_DIR)/replay
	@$(RUNNER) run $(RESULTS) fuzz-corpus 120 $(FUZZ_DIR)/replay $(FUZZ_CORPUS)

TEST_PARTS += fuzz-corpus-run

.PHONY: fuzz fuzz-seeds fuzz-corpus-run
## make fuzz         libFuzzer vs the model for FUZZ_SECONDS (default 60); prints execs and coverage

# The adapters against their own model (tests/fuzz/fuzz_hooks.c), with the
# seeds of tests/fuzz/hooks-corpus (tests/fuzz/hooks_seeds.py writes the
# hand-made ones; the rest are a fuzzing run's, minimized).
#   make fuzz-hooks            libFuzzer for FUZZ_SECONDS on a copy of the seeds
#   make fuzz-hooks-corpus-run replays the seeds under ASan+UBSan (part of make test)
HOOKS_FUZZ_SRCS := tests/fuzz/fuzz_hooks.c $(CORE_SRCS) $(HOOKS_SRCS)
HOOKS_FUZZ_CORPUS := $(sort $(wildcard tests/fuzz/hooks-corpus/*))

$(FUZZ_DIR)/fuzz_hooks: $(HOOKS_FUZZ_SRCS) $(CORE_HDRS)
	@mkdir -p $(@D)
	clang $(FUZZ_CFLAGS) -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all $(HOOKS_FUZZ_SRCS) -o $@

$(FUZZ_DIR)/replay_hooks: $(HOOKS_FUZZ_SRCS) $(CORE_HDRS) tests/fuzz/replay.c
	@mkdir -p $(@D)
	clang $(FUZZ_CFLAGS) $(SANITIZE) $(HOOKS_FUZZ_SRCS) tests/fuzz/replay.c -o $@

fuzz-hooks:
	$(call need_packages,$(PKG_CLANG))
	@$(MAKE) --no-print-directory fuzz-hooks-run
fuzz-hooks-run: $(FUZZ_DIR)/fuzz_hooks
	@rm -rf $(FUZZ_DIR)/hooks-corpus && mkdir -p $(FUZZ_DIR)/hooks-corpus && cp tests/fuzz/hooks-corpus/* $(FUZZ_DIR)/hooks-corpus/
	cd $(FUZZ_DIR) && ./fuzz_hooks -max_total_time=$(FUZZ_SECONDS) -max_len=$(FUZZ_MAX_LEN) -print_final_stats=1 hooks-corpus 2>fuzz_hooks.log || { tail -n 40 fuzz_hooks.log; exit 1; }
	@grep -E '^stat::number_of_executed_units' $(FUZZ_DIR)/fuzz_hooks.log; echo "fuzz-hooks: corpus now $$(ls $(FUZZ_DIR)/hooks-corpus | wc -l) inputs"

## make fuzz-hooks-corpus-run  replay tests/fuzz/hooks-corpus against the adapters' model (part of make test)
fuzz-hooks-corpus-run: $(FUZZ_DIR)/replay_hooks
	@$(RUNNER) run $(RESULTS) fuzz-hooks-corpus 120 $(FUZZ_DIR)/replay_hooks $(HOOKS_FUZZ_CORPUS)

TEST_PARTS += fuzz-hooks-corpus-run
.PHONY: fuzz-hooks fuzz-hooks-run fuzz-hooks-corpus-run
