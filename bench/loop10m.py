# 10,000,000-iteration integer loop: twin of loop10m.apex. Python integers do
# not overflow, so the 32-bit wraparound of Apex's Integer is done by hand on
# every iteration. Prints -2014260032.
total = 0
for i in range(10_000_000):
    total = ((total + i + 0x80000000) & 0xFFFFFFFF) - 0x80000000
print(total)
