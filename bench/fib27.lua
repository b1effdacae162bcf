-- Recursive Fibonacci: twin of fib27.apex for Lua 5.4. Prints 196418.
local function fib(n)
  if n < 2 then
    return n
  end
  return fib(n - 1) + fib(n - 2)
end

print(fib(27))
