# make lint: static analysis of src/ and port/ (tests/lint/lint.sh).
lint: $(DEPS_STAMP)
	@tests/lint/lint.sh
lint-run: $(DEPS_STAMP)
	@$(RUNNER) run $(RESULTS) lint 300 tests/lint/lint.sh
TEST_PARTS += lint-run
.PHONY: lint lint-run
## make lint         cppcheck (MISRA C:2012 addon) and clang-tidy on src/ and port/
