-- SPDX-License-Identifier: MIT
-- The Lua client's workload (tests/clients/lua_client.c): strings built and
-- sorted, a serializer written in Lua, closures and coroutines. Its output
-- must not depend on the allocator: no addresses, no memory figures, and
-- keys are sorted before any table is walked (pairs' order follows string
-- hashes, which Lua seeds per state).

local function checksum(s)
  local h = 0
  for i = 1, #s, 7 do h = (h * 31 + s:byte(i)) % 4294967296 end
  return h
end

-- 1. Many strings, built by formatting and concatenation, then sorted.
local words = {}
for i = 1, 60000 do
  local n = (i * 7919) % 100003
  words[i] = string.format("%05d-%s-%x", n, string.rep(string.char(97 + i % 26), 1 + i % 9), i)
end
table.sort(words)
print("sorted", #words, words[1], words[#words], checksum(table.concat(words, ",")))
table.sort(words, function(a, b) return #a > #b or (#a == #b and a < b) end)
print("by length", words[1], words[#words])
local joined = ""
for i = 1, 3000 do joined = joined .. words[i]:sub(1, 5) end
print("joined", #joined, checksum(joined))

-- 2. A serializer written in Lua: nested tables to text, keys sorted.
local function serialize(v, parts)
  local t = type(v)
  if t == "table" then
    local keys = {}
    for k in pairs(v) do keys[#keys + 1] = k end
    table.sort(keys, function(a, b)
      if type(a) == type(b) then return a < b end
      return type(a) == "number"
    end)
    parts[#parts + 1] = "{"
    for _, k in ipairs(keys) do
      if type(k) == "string" then parts[#parts + 1] = string.format("[%q]=", k)
      else parts[#parts + 1] = "[" .. k .. "]=" end
      serialize(v[k], parts)
      parts[#parts + 1] = ","
    end
    parts[#parts + 1] = "}"
  elseif t == "string" then
    parts[#parts + 1] = string.format("%q", v)
  else
    parts[#parts + 1] = tostring(v)
  end
  return parts
end

local function tree(depth, seed)
  if depth == 0 then return seed % 3 == 0 and ("leaf" .. seed) or seed * 1.5 end
  local node = { id = seed, name = "node" .. seed, tags = {} }
  for i = 1, 4 do node[i] = tree(depth - 1, seed * 4 + i) end
  for i = 1, seed % 5 do node.tags[i] = string.rep("t", i) end
  node.flag = seed % 2 == 0
  return node
end

for round = 1, 4 do
  local text = table.concat(serialize(tree(6, round), {}))
  print("serialized", round, #text, checksum(text), text:sub(1, 60))
  local back = load("return " .. text)()
  local again = table.concat(serialize(back, {}))
  print("round trip", round, again == text)
end

-- 3. Closures: counters, composition, map and filter over lists.
local function counter(step)
  local n = 0
  return function() n = n + step; return n end
end
local counters = {}
for i = 1, 2000 do counters[i] = counter(i) end
local total = 0
for _ = 1, 20 do for i = 1, #counters do total = total + counters[i]() end end
print("counters", total)

local function compose(f, g) return function(...) return f(g(...)) end end
local f = function(x) return x end
for i = 1, 200 do
  local k = i
  f = compose(function(x) return (x * 3 + k) % 1000003 end, f)
end
print("composed", f(1), f(2), f(12345))

local function map(list, fn) local r = {} for i = 1, #list do r[i] = fn(list[i]) end return r end
local function filter(list, fn) local r = {} for i = 1, #list do if fn(list[i]) then r[#r + 1] = list[i] end end return r end
local nums = {}
for i = 1, 50000 do nums[i] = i end
for pass = 1, 5 do
  local squares = map(nums, function(x) return x * x % 9973 end)
  local odd = filter(squares, function(x) return x % 2 == 1 end)
  local s = 0
  for i = 1, #odd do s = s + odd[i] end
  print("map filter", pass, #odd, s)
end

-- 4. Coroutines: a producer and consumers, and a permutation generator.
local function producer(n)
  return coroutine.wrap(function()
    for i = 1, n do coroutine.yield(string.format("item%d", i)) end
  end)
end
local got, bytes = 0, 0
for c = 1, 50 do
  for item in producer(400) do got = got + 1; bytes = bytes + #item end
end
print("produced", got, bytes)

local function permutations(a)
  local function permgen(n)
    if n <= 1 then coroutine.yield(a) else
      for i = 1, n do
        a[n], a[i] = a[i], a[n]
        permgen(n - 1)
        a[n], a[i] = a[i], a[n]
      end
    end
  end
  return coroutine.wrap(function() permgen(#a) end)
end
local count, last = 0, nil
for p in permutations({ "a", "b", "c", "d", "e", "f", "g", "h" }) do
  count = count + 1
  if count % 10007 == 0 then last = table.concat(p) end
end
print("permutations", count, last)

local threads = {}
for i = 1, 500 do
  threads[i] = coroutine.create(function(x)
    local acc = {}
    while true do acc[#acc + 1] = x; x = coroutine.yield(#acc) end
  end)
end
local sum = 0
for step = 1, 20 do
  for i = 1, #threads do local _, n = coroutine.resume(threads[i], step * i); sum = sum + n end
end
print("threads", sum)
