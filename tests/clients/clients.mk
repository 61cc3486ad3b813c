# Real C libraries on the arena, through the adapters of src/bump_hooks.h
# (tests/clients/): Lua 5.4, cJSON, SQLite and zlib, each run on the arena
# and on its usual allocator, with byte-identical output required.
#
#   make test          part clients: each client in both modes, outputs compared
#   make bench         bench-clients: their speed ratios and peaks (median of
#                      CLIENT_ROUNDS interleaved rounds)

CLIENTS := lua cjson sqlite zlib
CLIENTS_DIR := $(BUILD)/clients
CLIENT_ROUNDS ?= 11
client_libs_lua = $(shell pkg-config --cflags --libs lua5.4)
client_libs_cjson := -lcjson
client_libs_sqlite := -lsqlite3
client_libs_zlib := -lz
CLIENT_SRCS := $(CORE_SRCS) $(HOOKS_SRCS) $(HOST_PORT_SRCS)

define client_build
$(CLIENTS_DIR)/$(1): tests/clients/$(1)_client.c tests/clients/client.h $(CLIENT_SRCS) $(CORE_HDRS) port/memory/mmap/bump_mmap.h
	@mkdir -p $$(@D)
	gcc -O2 -g $(WARNINGS) -Isrc -Iport/memory/mmap -Itests/clients -DCLIENT_DATA='"tests/clients"' \
	  tests/clients/$(1)_client.c $(CLIENT_SRCS) -o $$@ $$(client_libs_$(1))
endef
$(foreach c,$(CLIENTS),$(eval $(call client_build,$(c))))
CLIENT_BINS := $(addprefix $(CLIENTS_DIR)/,$(CLIENTS))

clients-run: $(CLIENT_BINS)
	@$(RUNNER) run $(RESULTS) clients 300 tests/clients/run.sh $(CLIENTS_DIR) $(CLIENTS)
TEST_PARTS += clients-run

bench-clients: $(CLIENT_BINS)
	@mkdir -p $(BENCH_DIR)
	@{ echo "real clients on the arena: commit $$(git rev-parse --short HEAD 2>/dev/null), $$(gcc --version | head -n 1), $$(ldd --version | head -n 1)"; \
	   echo "wall time per run: median of $(CLIENT_ROUNDS) interleaved rounds; peak: bump_high_water against the usual allocator's live bytes (malloc_usable_size; SQLite: sqlite3_memory_highwater)"; echo; \
	   echo "| client | arena ms | usual ms | speed (usual / arena) | arena peak KiB | usual peak KiB |"; \
	   echo "| --- | ---: | ---: | ---: | ---: | ---: |"; \
	   for c in $(CLIENTS); do $(CLIENTS_DIR)/$$c bench $(CLIENT_ROUNDS) || echo "| $$c | FAILED |"; done; \
	 } | tee $(BENCH_DIR)/clients.txt

.PHONY: clients-run bench-clients
