"""Sequential GET requests with Python's urllib, the way a Python script
would make them: urlopen per request. Usage: callouts.py PORT COUNT"""
import sys
import urllib.request

port, count = sys.argv[1], int(sys.argv[2])
url = f"http://127.0.0.1:{port}/echo"
ok = 0
for _ in range(count):
    with urllib.request.urlopen(url) as response:
        response.read()
        ok += response.status == 200
print(ok)
