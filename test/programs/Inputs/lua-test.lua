-- lua-test.lua: the script that lua.test runs with Debian's Lua 5.4 (Inputs/lua-like.c), natively and as
-- wasm compiled by wasm2native; the outputs must be identical.
--
-- Each line prints what one area of the interpreter computed: integer and float arithmetic (wrap-around,
-- floor division, conversions, float formatting), bitwise operators, strings (format, patterns, gsub,
-- pack/unpack, rep, byte/char), utf8, tables (sort, concat, insert/remove, move, the length operator),
-- closures and upvalues, metatables (__index, __add, __lt, __call, __concat, __eq, __len, __close), varargs,
-- goto, integer for loops at the edges of the range, and the garbage collector under a table churn. No line
-- depends on table order (pairs) or on the string hash seed, and nothing raises an error: this build of
-- Lua aborts on errors (bench/programs/lua-include/setjmp.h).
local function emit(...) local t = table.pack(...) for i = 1, t.n do t[i] = tostring(t[i]) end print(table.concat(t, ' ')) end

-- arithmetic
emit('int', math.maxinteger + 1 == math.mininteger, 7 // 2, -7 // 2, 7 % -3, -7 % 3, 2^10, 10 / 4, 3 | 0)
emit('float', 0.1 + 0.2, 1e300 * 1e10, -1e300 * 1e10, math.pi, string.format('%.17g', 1 / 3), 7.5 // 2, -7.5 % 2)
emit('conv', math.tointeger(3.0), math.tointeger(3.5), 3 == 3.0, math.type(1), math.type(1.0), math.type('1'),
     tonumber('0x1p4'), tonumber('  12  '), tonumber('z', 36), tonumber('10', 2), 2^53 + 1 == 2^53, math.ult(1, -1))
emit('math', math.floor(-3.5), math.ceil(-3.5), math.fmod(-7, 3), math.fmod(7.5, 2), math.abs(math.mininteger),
     math.max(3, 7.5, -1), math.min(3, 7.5, -1), string.format('%.6f %.6f %.6f', math.sin(1), math.exp(1), math.log(10, 2)))
emit('bits', 0xF0 & 0x3C, 0xF0 | 0x0F, 0xF0 ~ 0xFF, ~0, 1 << 63, 1 << 64, -1 >> 1, 5 >> -1)

-- strings
local s = 'The quick brown fox jumps over the lazy dog'
emit('find', s:find('quick'), s:find('o', 20, true), s:match('(%a+) dog'), s:upper():sub(-8), #s, s:rep(2, '|'):len())
emit('gsub', s:gsub('%w+', function(w) return #w > 4 and w:upper() or nil end))
emit('gsub2', ('hello world'):gsub('o', {o = '0'}), ('abc'):gsub('', '-'), ('x = 1, y = 22'):gsub('(%w+) = (%d+)', '%2=%1'))
local words = {}
for w in s:gmatch('%a+') do words[#words + 1] = w:lower() end
table.sort(words)
emit('gmatch', #words, table.concat(words, ','))
emit('format', string.format('%5d|%-5d|%05.1f|%x|%X|%o|%e|%g|%q|%s|%%|%c', 42, 42, 3.14159, 255, 255, 8, 12345.678, 1e20, 'a\n"b"', nil, 65))
emit('format2', string.format('%a', 1.0), string.format('%.3s', 'abcdef'), string.format('%10.4f', -math.pi), string.format('%i', -0))
emit('bytes', s:byte(1, 5), string.char(76, 117, 97), ('%d'):rep(3, ','):format(1, 2, 3))
local packed = string.pack('<i4 >I2 d z s1', -2, 0xABCD, 1.5, 'zs', 'len')
emit('pack', #packed, string.unpack('<i4 >I2 d z s1', packed))
emit('packsize', string.packsize('i4 i8 d'), string.pack('>I3', 0x010203):byte(1, -1))
emit('utf8', utf8.char(72, 228, 8364, 128512), utf8.len('häß€'), utf8.codepoint('€', 1), utf8.offset('häß€', 3))
local cps = {}
for _, c in utf8.codes('aé€😀') do cps[#cps + 1] = c end
emit('codes', table.concat(cps, ' '))

-- tables
local t = {}
for i = 1, 20 do t[i] = (i * 37) % 23 end
table.sort(t, function(a, b) return a > b end)
table.insert(t, 1, 100)
table.insert(t, 50)
emit('sort', table.concat(t, ' '), table.remove(t), table.remove(t, 1), #t)
emit('move', table.concat(table.move({1, 2, 3, 4, 5}, 2, 4, 1), ','), table.unpack({1, 2, 3}, 2))
emit('select', select('#', 1, nil, 3, nil), select(2, 'a', 'b', 'c'), select(-1, 'a', 'b', 'c'))
local keys, sum = 0, 0
local big = {}
for i = 1, 1000 do big['k' .. i] = i end
for k, v in pairs(big) do keys = keys + 1; sum = sum + v end
emit('pairs', keys, sum, next({}), rawlen({1, 2, nil, 4}) >= 2, #'abc')

-- closures and varargs
local function counter() local n = 0 return function(k) n = n + (k or 1) return n end end
local c1, c2 = counter(), counter()
c1(); c1(5); c2(2)
emit('closure', c1(), c2())
local function va(...) local a, b = ... return select('#', ...), a, b, ... end
emit('vararg', va(1, nil, 3))
local fs = {}
for i = 1, 3 do fs[i] = function() return i * 10 end end
emit('loopvars', fs[1](), fs[2](), fs[3]())
local function tail(n, acc) if n == 0 then return acc end return tail(n - 1, acc + n) end
emit('tailcall', tail(100000, 0))

-- metatables
local V = {}
V.__index = V
V.__add = function(a, b) return setmetatable({x = a.x + b.x, y = a.y + b.y}, V) end
V.__eq = function(a, b) return a.x == b.x and a.y == b.y end
V.__lt = function(a, b) return a:len2() < b:len2() end
V.__le = function(a, b) return a:len2() <= b:len2() end
V.__tostring = function(a) return '(' .. a.x .. ',' .. a.y .. ')' end
V.__concat = function(a, b) return tostring(a) .. tostring(b) end
V.__len = function(a) return a:len2() end
V.__call = function(a, k) return a.x * k end
function V.len2(a) return a.x * a.x + a.y * a.y end
local function vec(x, y) return setmetatable({x = x, y = y}, V) end
local a, b = vec(1, 2), vec(3, 4)
emit('meta', tostring(a + b), a + b == vec(4, 6), a < b, b <= a, #b, a(7), a .. b, rawequal(a, vec(1, 2)))
local log = {}
local proxy = setmetatable({}, {__index = function(_, k) return k .. '!' end, __newindex = function(_, k, v) log[#log + 1] = k .. '=' .. v end})
proxy.a = 1; proxy.b = 2
emit('proxy', proxy.hello, table.concat(log, ','))
do
  local closed = {}
  do
    local x <close> = setmetatable({}, {__close = function() closed[#closed + 1] = 'x' end})
    local y <close> = setmetatable({}, {__close = function() closed[#closed + 1] = 'y' end})
  end
  emit('close', table.concat(closed, ','))
end

-- control flow
local n = 0
for i = math.maxinteger - 2, math.maxinteger do n = n + 1 end
for i = math.mininteger, math.mininteger + 2 do n = n + 1 end
for i = 1, 0 do n = n + 100 end
for x = 1.0, 2.0, 0.25 do n = n + 1 end
emit('forloops', n)
local i = 1
::again::
if i * i < 200 then i = i + 1 goto again end
emit('goto', i)
local w = 0
repeat local z = w; w = w + 1 until z >= 5
emit('repeat', w)

-- loading code at run time
local f = load('local a, b = ... return a * b, _ENV == nil')
emit('load', f(6, 7))
local env = {print = print, x = 5}
local g = load('y = x * 2 return y', 'chunk', 't', env)
emit('env', g(), env.y, x)
local dumped = load(string.dump(function(p) return p + 1 end))
emit('dump', dumped(41))
emit('pcall', pcall(function(...) return select('#', ...) end, 1, 2))

-- garbage collector: a churn of tables and strings, then a full collection
local keep = {}
for r = 1, 200 do
  local tmp = {}
  for k = 1, 200 do tmp[k] = {k, tostring(k * r)} end
  keep[r % 10 + 1] = tmp
end
collectgarbage()
local live = 0
for _, tmp in ipairs(keep) do live = live + #tmp end
emit('gc', live, collectgarbage('count') > 0, collectgarbage('isrunning'))

-- a little work: a Collatz search
local best, bestn = 0, 0
for start = 1, 30000 do
  local len, v = 1, start
  while v ~= 1 do if v % 2 == 0 then v = v // 2 else v = 3 * v + 1 end len = len + 1 end
  if len > best then best, bestn = len, start end
end
emit('collatz', bestn, best)
print('all ok')
