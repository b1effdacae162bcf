# The twin of bench/collections.apex.
counts = {}
for i in range(200000):
    k = (i * 7919) % 1000
    c = counts.get(k)
    counts[k] = 1 if c is None else c + 1
seen = set()
hits = 0
for i in range(100000):
    key = 'k' + str(i % 5000)
    if key in seen:
        hits += 1
    else:
        seen.add(key)
nums = []
for i in range(100000):
    nums.append((i * 7919) % 100003)
nums.sort()
max_count = 0
for k in counts:
    max_count = max(max_count, counts[k])
print(len(counts), max_count, len(seen), hits, nums[0], nums[-1])
