# make mutants: mutation testing of src/ (tests/mutants/). Not part of make
# test: it builds the host suite and the corpus replay once per mutant.
#
#   make mutants                   every mutant of tests/mutants/mutants.txt
#   make mutants MUTANTS="a b"     only the mutants with these ids
#
# Each mutant is applied to a copy of src/ in $(BUILD)/mutants/<id>/ (src/
# is never written), built like host-gcc (and the replay like fuzz-corpus-run)
# and run; the last line is "mutants: N passed, N failed" (passed = killed).

MUTANTS_LIST ?= tests/mutants/mutants.txt
MUTANTS ?=

mutants: export MUT_DIR = $(BUILD)/mutants
mutants: export MUT_SRC = src
mutants: export MUT_CC = $(host_cc_gcc)
mutants: export MUT_CFLAGS = $(WARNINGS) $(HOST_INCLUDES) -DTEST_LABEL='"mutant"'
mutants: export MUT_SRCS = $(HOST_TEST_SRCS)
mutants: export MUT_FUZZ_CC = clang
mutants: export MUT_FUZZ_CFLAGS = $(FUZZ_CFLAGS) $(SANITIZE)
mutants: export MUT_FUZZ_SRCS = $(FUZZ_SRCS) tests/fuzz/replay.c
mutants: export MUT_FUZZ_CORPUS = $(FUZZ_CORPUS)
mutants: | $(DEPS_STAMP)
	@tests/mutants/mutate.sh $(MUTANTS_LIST) $(MUTANTS)

.PHONY: mutants
## make mutants      mutation testing of src/: each mutant of tests/mutants/mutants.txt must fail a test
