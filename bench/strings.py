# The twin of bench/strings.apex.
parts = []
for i in range(60000):
    parts.append('item-' + str(i))
joined = ','.join(parts)
back = joined.split(',')
total = 0
for p in back:
    total += len(p.upper().replace('ITEM', 'x'))
acc = ''
for i in range(20000):
    acc += str(i % 10)
print(len(joined), len(back), total, len(acc))
