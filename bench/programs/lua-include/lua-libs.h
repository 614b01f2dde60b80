/* lua-libs.h: opens the Lua libraries that the benchmark's and the test's builds of Lua 5.4 have.
 *
 * Included once per program, by bench/programs/lua.c and test/programs/Inputs/lua-like.c. Base, table,
 * string, math and utf8 only: io, os and package would need files, clocks and modules, which the
 * scripts do not use, and coroutine and debug are left out because a yield unwinds like an error,
 * which this build cannot (setjmp.h here). */
#ifndef W2N_LUA_LIBS_H
#define W2N_LUA_LIBS_H
#include "lauxlib.h"
#include "lua.h"
#include "lualib.h"
#include <time.h>

#ifdef __wasi__
/* ltablib.c mixes clock() into table.sort's pivot choice on large arrays; wasi-libc keeps clock() in
 * its process-clocks emulation library, which the common link lines (the benchmark's, the test's) do
 * not have. The pivot changes only the order of comparisons, not the sorted result. */
clock_t clock(void) { return 0; }
#endif

static void open_libs(lua_State *L) {
  static const luaL_Reg libs[] = {{LUA_GNAME, luaopen_base}, {LUA_TABLIBNAME, luaopen_table},
                                  {LUA_STRLIBNAME, luaopen_string}, {LUA_MATHLIBNAME, luaopen_math},
                                  {LUA_UTF8LIBNAME, luaopen_utf8}};
  for (size_t i = 0; i < sizeof libs / sizeof *libs; i++) {
    luaL_requiref(L, libs[i].name, libs[i].func, 1);
    lua_pop(L, 1); /* requiref leaves the library table on the stack */
  }
}
#endif
