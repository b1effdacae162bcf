# The twin of bench/jsondoc.apex: the same document, compact separators as
# Apex's JSON.serialize writes them.
import json

records = []
for i in range(7200):
    records.append({
        'id': i,
        'name': 'Account ' + str(i),
        'active': i % 2 == 0,
        'balance': 1234.5 + i,
        'tags': ['customer', 'emea', 'priority'],
        'address': {'city': 'Paris', 'zip': '75001'},
    })
doc = json.dumps(records, separators=(',', ':'))
records = None
total = 0
for _ in range(5):
    back = json.loads(doc)
    total += len(back)
    doc = json.dumps(back, separators=(',', ':'))
print(len(doc), total)
