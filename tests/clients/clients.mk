# SPDX-License-Identifier: MIT
# Real C libraries on the arena, through the adapters of src/bump_hooks.h
# (tests/clients/): Lua 5.4, cJSON, SQLite, zlib, expat, jansson, PCRE2 and
# mbedTLS's selftest, each run on the arena and on its usual allocator, with
# byte-identical output required.
#
#   make test          parts clients-run-gcc and clients-run-sanitize: each client in
#                      both modes, outputs compared; the second build under
#                      ASan and UBSan, where the arena poisons what it
#                      releases (the libraries themselves are not instrumented;
#                      mbedtls is not in it: it defines malloc, which the
#                      sanitizer's runtime owns)
#   make bench         bench-clients: their speed ratios and peaks (median of
#                      CLIENT_ROUNDS interleaved rounds)

# The clients read their data (tests/clients/workload.lua, json/) by paths
# relative to the project's root: run them from there, as make does.
# `lua grows` says what became of Lua's grows and frees on the arena.
CLIENTS := lua cjson sqlite zlib expat jansson pcre2 mbedtls
CLIENTS_DIR := $(BUILD)/clients
CLIENT_ROUNDS ?= 11
client_libs_lua = $(shell pkg-config --cflags --libs lua5.4)
client_libs_cjson := -lcjson
client_libs_sqlite := -lsqlite3
client_libs_zlib := -lz
client_libs_expat := -lexpat
client_libs_jansson := -ljansson
client_libs_pcre2 := -lpcre2-8
client_libs_mbedtls := -lmbedcrypto
CLIENT_SRCS := $(CORE_SRCS) $(HOOKS_SRCS) $(HOST_PORT_SRCS)

CLIENT_VARIANTS := gcc sanitize
clients_gcc := $(CLIENTS)
clients_sanitize := $(filter-out mbedtls,$(CLIENTS))
client_cc_gcc := gcc -O2 -g
client_cc_sanitize := clang -O1 -g $(SANITIZE)

# variant, client
define client_build
$(CLIENTS_DIR)/$(1)/$(2): tests/clients/$(2)_client.c tests/clients/client.h $(CLIENT_SRCS) $(CORE_HDRS) port/memory/mmap/bump_mmap.h
	@mkdir -p $$(@D)
	$(client_cc_$(1)) $(WARNINGS) -Isrc -Iport/memory/mmap -Itests/clients -DCLIENT_DATA='"tests/clients"' \
	  tests/clients/$(2)_client.c $(CLIENT_SRCS) -o $$@ $$(client_libs_$(2))
endef
define client_variant
$(foreach c,$(clients_$(1)),$(eval $(call client_build,$(1),$(c))))
clients-run-$(1): $(addprefix $(CLIENTS_DIR)/$(1)/,$(clients_$(1)))
	@$(RUNNER) run $(RESULTS) clients-$(1) 300 tests/clients/run.sh "clients $(1)" $(CLIENTS_DIR)/$(1) $(clients_$(1))
.PHONY: clients-run-$(1)
endef
$(foreach v,$(CLIENT_VARIANTS),$(eval $(call client_variant,$(v))))
TEST_PARTS += $(addprefix clients-run-,$(CLIENT_VARIANTS))
## make clients-run-V  the real clients, V one of: gcc sanitize (expects make deps)

bench-clients: $(addprefix $(CLIENTS_DIR)/gcc/,$(CLIENTS))
	@mkdir -p $(BENCH_DIR)
	@{ echo "real clients on the arena: commit $$(git rev-parse --short HEAD 2>/dev/null), $$(gcc --version | head -n 1), $$(ldd --version | head -n 1)"; \
	   echo "wall time per run: median of $(CLIENT_ROUNDS) interleaved rounds; peak: bump_high_water against the usual allocator's live bytes (malloc_usable_size; SQLite: sqlite3_memory_highwater)"; echo; \
	   echo "peak ratio: arena peak / usual peak, the goal at most 2x; reused: requests the adapters served from their lists, since start"; echo; \
	   echo "| client | arena ms | usual ms | speed (usual / arena) | arena peak KiB | usual peak KiB | peak ratio | reused |"; \
	   echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"; \
	   for c in $(CLIENTS); do $(CLIENTS_DIR)/gcc/$$c bench $(CLIENT_ROUNDS) || echo "| $$c | FAILED |"; done; \
	   echo; $(CLIENTS_DIR)/gcc/lua grows; \
	 } | tee $(BENCH_DIR)/clients.txt

.PHONY: bench-clients
