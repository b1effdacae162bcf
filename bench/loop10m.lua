-- 10,000,000-iteration integer loop: twin of loop10m.apex for Lua 5.4.
-- Lua's integers are 64-bit, so the 32-bit wraparound of Apex's Integer is
-- done by hand on every iteration, as in loop10m.py. Prints -2014260032.
local total = 0
for i = 0, 10000000 - 1 do
  total = ((total + i + 0x80000000) & 0xFFFFFFFF) - 0x80000000
end
print(total)
