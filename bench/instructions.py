#!/usr/bin/env python3
"""Machine instructions per recursive call, per loop iteration and per
object constructed with a method call, counted with callgrind, for apexrun
and its peers (CPython, Lua 5.4).

Each program runs twice with two sizes; the difference of the two counts,
divided by the difference of the work done, leaves out start-up and
parsing. fib(n) makes 2*fib(n+1)-1 calls; the loop runs n iterations; the
objects program (bench/objects.apex) makes n objects.

usage: bench/instructions.py APEXRUN PYTHON [LUA] > table.md
"""
import os
import re
import subprocess
import sys
import tempfile

PROGRAMS = {
    "fib": {
        "apex": "Integer fib(Integer n) {{ if (n < 2) {{ return n; }} return fib(n - 1) + fib(n - 2); }}\n"
                "System.debug(fib({n}));\n",
        "py": "def fib(n):\n    if n < 2:\n        return n\n    return fib(n - 1) + fib(n - 2)\n\nprint(fib({n}))\n",
        "lua": "local function fib(n)\n  if n < 2 then return n end\n  return fib(n - 1) + fib(n - 2)\nend\n"
               "print(fib({n}))\n",
        "sizes": (18, 20),
        "unit": "call",
    },
    "loop": {
        "apex": "Integer total = 0;\nfor (Integer i = 0; i < {n}; i++) {{ total += i; }}\nSystem.debug(total);\n",
        "py": "total = 0\nfor i in range({n}):\n    total = ((total + i + 0x80000000) & 0xFFFFFFFF) - 0x80000000\n"
              "print(total)\n",
        "lua": "local total = 0\nfor i = 0, {n} - 1 do\n"
               "  total = ((total + i + 0x80000000) & 0xFFFFFFFF) - 0x80000000\nend\nprint(total)\n",
        "sizes": (100000, 300000),
        "unit": "iteration",
    },
    "objects": {
        "apex": "class Point {{\n  Integer x;\n  Integer y;\n"
                "  Point(Integer x, Integer y) {{ this.x = x; this.y = y; }}\n"
                "  Long sum() {{ return (Long) x + y; }}\n}}\n"
                "Long total = 0;\nfor (Integer i = 0; i < {n}; i++) {{\n"
                "  Point p = new Point(i, i + 1);\n  total += p.sum();\n}}\nSystem.debug(total);\n",
        "py": "class Point:\n    def __init__(self, x, y):\n        self.x = x\n        self.y = y\n\n"
              "    def sum(self):\n        return self.x + self.y\n\n\n"
              "total = 0\nfor i in range({n}):\n    p = Point(i, i + 1)\n    total += p.sum()\nprint(total)\n",
        "lua": "local Point = {{}}\nPoint.__index = Point\n"
               "function Point.new(x, y) return setmetatable({{x = x, y = y}}, Point) end\n"
               "function Point:sum() return self.x + self.y end\n"
               "local total = 0\nfor i = 0, {n} - 1 do\n  local p = Point.new(i, i + 1)\n"
               "  total = total + p:sum()\nend\nprint(total)\n",
        "sizes": (30000, 60000),
        "unit": "object",
    },
}


def fib_calls(n):
    a, b = 0, 1
    for _ in range(n + 1):
        a, b = b, a + b
    return 2 * a - 1


def work(name, n):
    return fib_calls(n) if name == "fib" else n


def instructions(command):
    """The instructions callgrind counted for the whole process."""
    result = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null"] + command,
        capture_output=True, text=True, check=True)
    match = re.search(r"Collected : (\d+)", result.stderr)
    if not match:
        sys.exit("callgrind printed no count for " + " ".join(command))
    return int(match.group(1))


def per_unit(name, language, command_for):
    counts = []
    with tempfile.TemporaryDirectory() as folder:
        for n in PROGRAMS[name]["sizes"]:
            path = os.path.join(folder, f"{name}{n}.{language}")
            with open(path, "w") as f:
                f.write(PROGRAMS[name][language].format(n=n))
            counts.append(instructions(command_for(path)))
    small, large = PROGRAMS[name]["sizes"]
    return (counts[1] - counts[0]) / (work(name, large) - work(name, small))


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    apexrun, python = sys.argv[1], sys.argv[2]
    lua = sys.argv[3] if len(sys.argv) > 3 else None
    peers = [("apexrun", "apex", lambda p: [apexrun, "run", "--debug-only", p]),
             ("CPython", "py", lambda p: [python, "-I", p])]
    if lua:
        peers.append(("Lua 5.4", "lua", lambda p: [lua, p]))
    print("| program | " + " | ".join(peer for peer, _, _ in peers) + " |")
    print("|---" * (len(peers) + 1) + "|")
    for name, program in PROGRAMS.items():
        cells = [f"{per_unit(name, language, command):,.0f}" for _, language, command in peers]
        print(f"| {name}: instructions per {program['unit']} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
