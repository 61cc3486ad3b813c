/* SPDX-License-Identifier: MIT */
/* Lua 5.4 on the arena (lua_newstate with bump_lua_alloc) against
 * luaL_newstate's realloc/free: tests/clients/workload.lua, one state per
 * run, the arena reset when the state is closed. */
#define CLIENT_NAME "lua"
#define CLIENT_EXTRA_MODE "grows"
static void client_extra(void);
#include "client.h"

#include <lauxlib.h>
#include <lua.h>
#include <lualib.h>

static FILE *lua_out;

/* print, writing to the run's output: tab-separated, one line per call */
static int client_print(lua_State *L)
{
    int n = lua_gettop(L);
    for (int i = 1; i <= n; i++) {
        size_t len;
        const char *s = luaL_tolstring(L, i, &len);
        if (i > 1) {
            fputc('\t', lua_out);
        }
        fwrite(s, 1, len, lua_out);
        lua_pop(L, 1);
    }
    fputc('\n', lua_out);
    return 0;
}

/* luaL_newstate's allocator, counting live bytes for the peak */
static void *counted_alloc(void *ud, void *ptr, size_t osize, size_t nsize)
{
    (void)ud;
    (void)osize;
    if (nsize == 0) {
        client_counted_free(ptr);
        return NULL;
    }
    return client_counted_realloc(ptr, nsize);
}

/* What the adapter did with Lua's requests, for `lua_client grows`. */
static struct {
    unsigned long grows, in_place, frees, given_back;
} seen;

static void *arena_alloc(void *ud, void *ptr, size_t osize, size_t nsize)
{
    size_t used = bump_used(&client_arena);
    void *q = bump_lua_alloc(ud, ptr, osize, nsize);
    if (ptr != NULL && nsize > osize) {
        seen.grows++;
        seen.in_place += (q == ptr);
    } else if (ptr != NULL && nsize == 0) {
        seen.frees++;
        seen.given_back += (bump_used(&client_arena) < used);
    }
    return q;
}

static void client_run(FILE *out, enum client_mode mode)
{
    lua_State *L = (mode == CLIENT_ARENA)     ? lua_newstate(arena_alloc, &client_hooks)
                   : (mode == CLIENT_COUNTED) ? lua_newstate(counted_alloc, NULL)
                                              : luaL_newstate();
    if (L == NULL) {
        fprintf(stderr, "lua: no state\n");
        exit(1);
    }
    lua_out = out;
    luaL_openlibs(L);
    lua_register(L, "print", client_print);
    if (luaL_dofile(L, CLIENT_DATA "/workload.lua") != LUA_OK) {
        fprintf(stderr, "lua: %s\n", lua_tostring(L, -1));
        exit(1);
    }
    lua_close(L);
    bump_reset(&client_arena); /* the reset point: the state is gone */
}

/* One run on the arena, and what became of Lua's grows and frees. */
static void client_extra(void)
{
    FILE *null = fopen("/dev/null", "w");
    if (null == NULL) {
        exit(2);
    }
    client_run(null, CLIENT_ARENA);
    fclose(null);
    printf("lua on the arena: %lu grows of a block, %lu in place (the current growable block), %lu moved into a "
           "new one; %lu frees, %lu of them gave memory back\n",
           seen.grows, seen.in_place, seen.grows - seen.in_place, seen.frees, seen.given_back);
}
