# 300,000 objects constructed, each with a method call: twin of
# objects.apex. Prints 90000000000.
class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y

    def sum(self):
        return self.x + self.y


total = 0
for i in range(300_000):
    p = Point(i, i + 1)
    total += p.sum()
print(total)
