-- lua-errors.lua: Lua errors raised and caught, for test/exceptions/lua-sjlj.test. Lua raises errors
-- with longjmp; in the wasm build that is a wasm exception (LLVM's setjmp/longjmp lowering), so every
-- pcall below exercises throw, catch and the resumption of the right setjmp through wasm2native.
local function emit(...) local t = table.pack(...) for i = 1, t.n do t[i] = tostring(t[i]) end print(table.concat(t, ' ')) end

-- error values of every kind come back through pcall
emit('string', pcall(error, 'plain', 0))
emit('position', pcall(function() error('with position') end))
emit('number', pcall(error, 42))
local ok, t = pcall(error, {code = 7})
emit('table', ok, type(t), t.code)
emit('nil', pcall(error))
-- runtime errors raised by the VM, not by error()
emit('arith', pcall(function() return 1 + {} end))
emit('index', pcall(function() local x = nil; return x.field end))
emit('call', pcall(function() local f = 5; f() end))
emit('concat', pcall(function() return 'a' .. {} end))
emit('compare', pcall(function() return {} < {} end))
-- errors from library functions (C code calling luaL_error)
emit('lib', pcall(string.rep))
emit('format', pcall(string.format, '%d', 'x'))
emit('tonumber', pcall(math.floor, 'nope'))
-- nested pcalls: the inner one catches, the outer one sees success; rethrow through two levels
emit('nested', pcall(function()
  local ok1, e1 = pcall(error, 'inner', 0)
  return 'outer saw', ok1, e1
end))
emit('rethrow', pcall(function()
  local ok1, e1 = pcall(error, 'first', 0)
  error(e1 .. '+second', 0)
end))
-- deep recursion unwinds many C and Lua frames at once
local function dive(n) if n == 0 then error('bottom', 0) end return dive(n - 1) + 1 end
emit('deep', pcall(dive, 150))
-- xpcall with a message handler
emit('xpcall', xpcall(function() error('handled', 0) end, function(m) return 'handler got ' .. m end))
-- stack overflow inside Lua is a Lua error, caught like the others
local function forever(n) return forever(n + 1) + 1 end
local ok2, e2 = pcall(forever, 1)
emit('overflow', ok2, (string.find(e2, 'stack overflow', 1, true) ~= nil))
-- errors inside metamethods and __close
local mt = {__index = function(_, k) error('no field ' .. k, 0) end}
emit('meta', pcall(function() return setmetatable({}, mt).missing end))
do
  local closed = {}
  local ok3, e3 = pcall(function()
    local x <close> = setmetatable({}, {__close = function(_, err) closed[#closed + 1] = tostring(err) end})
    error('in scope', 0)
  end)
  emit('close', ok3, e3, closed[1])
end
-- a loop of many caught errors: state stays consistent
local count, sum = 0, 0
for i = 1, 2000 do
  local ok4, v = pcall(function() if i % 3 == 0 then error(i, 0) end return i end)
  if ok4 then sum = sum + v else count = count + 1; sum = sum - v end
end
emit('loop', count, sum)
-- string.gsub callback raising, table.sort comparator raising
emit('gsub', pcall(string.gsub, 'abc', '%w', function(c) if c == 'b' then error('stop at ' .. c, 0) end end))
emit('sort', pcall(table.sort, {3, 1, 2}, function(a, b) error('cmp', 0) end))
-- load() of bad code reports a syntax error without raising; running it raises
emit('syntax', load('return +'))
emit('runtime', pcall(load('local t = nil; return t[1]')))
emit('all ok')
