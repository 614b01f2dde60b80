/* lua-like.c: a driver for Debian's Lua 5.4 built both natively and to wasm; both outputs must be identical.
 * Opens the libraries the benchmark's build has (base, table, string, math, utf8: no io, os, package,
 * coroutine or debug: bench/programs/lua-include/lua-libs.h), loads the script named on the command line through
 * luaL_loadfile (stdio, so over WASI for the wasm build) and runs it. Lua errors abort in this build
 * (bench/programs/lua-include/setjmp.h), so a script that fails shows as a crash, not as a message. */
#include <stdio.h>
#include "lua-libs.h"

int main(int argc, char **argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: %s SCRIPT.lua\n", argv[0]);
    return 2;
  }
  lua_State *L = luaL_newstate();
  open_libs(L);
  if (luaL_loadfile(L, argv[1]) != LUA_OK) { /* a missing file is reported, not raised */
    fprintf(stderr, "lua-like: %s\n", lua_tostring(L, -1));
    return 1;
  }
  lua_call(L, 0, 0);
  printf("lua %s: memory in use %s\n", LUA_RELEASE, lua_gc(L, LUA_GCCOUNT) > 0 ? "> 0" : "0");
  lua_close(L);
  return 0;
}
