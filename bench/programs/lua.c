/* lua.c: a real program: Debian's Lua 5.4 interpreter running a CPU-bound script.
 *
 * bench/run.py compiles this driver together with the Lua core and its base, string, table, math and
 * utf8 libraries from the Debian source package (found under /var/cache/wasm2native/src or LUA_SRC)
 * when they are present, with bench/programs/lua-include/ first on the include path. wasi-libc has no
 * setjmp/longjmp, so that folder's setjmp.h makes a Lua error abort (see there): the script raises
 * none, and uses no coroutines (a yield unwinds like an error); lua-include/lua-libs.h opens the
 * libraries it has (base, table, string, math, utf8). The script below mixes
 * what an interpreter spends its time on: calls (recursive Fibonacci), table stores and loads (a
 * sieve), closures, table.sort with a Lua comparator, string building, string.format and gsub, and
 * floating point (a spectral norm); it prints one line per part, and nothing that depends on table
 * order or on the string hash seed (which Lua takes from the clock). */
#include "bench.h"
#include "lua-libs.h"

static const char script[] =
    "local scale = ...\n"
    "local function fib(n) if n < 2 then return n end return fib(n - 1) + fib(n - 2) end\n"
    "print('fib', fib(24 + scale))\n"
    "local function sieve(n)\n"
    "  local composite, count = {}, 0\n"
    "  for i = 2, n do\n"
    "    if not composite[i] then\n"
    "      count = count + 1\n"
    "      for j = i * i, n, i do composite[j] = true end\n"
    "    end\n"
    "  end\n"
    "  return count\n"
    "end\n"
    "local primes = 0\n"
    "for r = 1, scale do primes = primes + sieve(400000) end\n"
    "print('sieve', primes)\n"
    "local seed = 12345\n"
    "local function rand(n) seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n end\n"
    "local function point(x, y) return {x = x, y = y, len = function(p) return p.x * p.x + p.y * p.y end} end\n"
    "local pts = {}\n"
    "for i = 1, 40000 * scale do pts[i] = point(rand(1000) - 500, rand(1000) - 500) end\n"
    "table.sort(pts, function(a, b) local la, lb = a:len(), b:len(); if la ~= lb then return la < lb end\n"
    "  if a.x ~= b.x then return a.x < b.x end return a.y < b.y end)\n"
    "local acc = 0\n"
    "for i = 1, #pts, 97 do acc = (acc * 31 + pts[i].x * 1000 + pts[i].y) % 1000000007 end\n"
    "print('sort', #pts, acc)\n"
    "local parts = {}\n"
    "for i = 1, 30000 * scale do parts[#parts + 1] = string.format('%d:%x:%.3f;', i, i * 7, i / 7) end\n"
    "local s = table.concat(parts)\n"
    "local replaced, n = s:gsub('(%d+):(%x+)', '%2=%1')\n"
    "local digits = 0\n"
    "for d in replaced:gmatch('%d') do digits = digits + 1 end\n"
    "print('strings', #s, n, digits, replaced:sub(1, 40))\n"
    "local function spectral(n)\n"
    "  local function a(i, j) local ij = i + j - 1; return 1.0 / (ij * (ij - 1) * 0.5 + i) end\n"
    "  local function av(x, y) for i = 1, n do local s = 0 for j = 1, n do s = s + a(i, j) * x[j] end y[i] = s end end\n"
    "  local function atv(x, y) for i = 1, n do local s = 0 for j = 1, n do s = s + a(j, i) * x[j] end y[i] = s end end\n"
    "  local u, v, t = {}, {}, {}\n"
    "  for i = 1, n do u[i] = 1 end\n"
    "  for _ = 1, 10 do av(u, t) atv(t, v) av(v, t) atv(t, u) end\n"
    "  local vbv, vv = 0, 0\n"
    "  for i = 1, n do vbv = vbv + u[i] * v[i]; vv = vv + v[i] * v[i] end\n"
    "  return math.sqrt(vbv / vv)\n"
    "end\n"
    "print('spectral', string.format('%.9f', spectral(100 * scale)))\n";

int main(int argc, char **argv) {
  int scale = bench_scale(argc, argv, 3);
  lua_State *L = luaL_newstate();
  open_libs(L);
  luaL_loadbuffer(L, script, sizeof script - 1, "bench"); /* a syntax error would abort in LUAI_THROW */
  lua_pushinteger(L, scale);
  lua_call(L, 1, 0);
  lua_close(L);
  return 0;
}
