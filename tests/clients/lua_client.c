/* Lua 5.4 on the arena (lua_newstate with bump_lua_alloc) against
 * luaL_newstate's realloc/free: tests/clients/workload.lua, one state per
 * run, the arena reset when the state is closed. */
#define CLIENT_NAME "lua"
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

static void client_run(FILE *out, enum client_mode mode)
{
    lua_State *L = (mode == CLIENT_ARENA)     ? lua_newstate(bump_lua_alloc, &client_arena)
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
