#!/usr/bin/env python3
"""hold_conns.py - the idle-connection attack for test_security_server.sh: open N TCP
connections to PORT from one source address, send on each the start of a request that never
ends (a request line and one header, no blank line), then hold them all.

    python3 hold_conns.py SOURCE PORT N READY_FILE STOP_FILE

Once every connection is made, it checks which the server has already closed (EOF or reset)
and writes "opened N held H" to READY_FILE; then it waits until STOP_FILE exists (at most 120
s), checks again and prints "opened N held H" to stdout before closing everything."""
import os
import resource
import socket
import sys
import time

source, port, n, ready, stop = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4], sys.argv[5]
soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
if soft < n + 64:
    resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, n + 64), hard))

socks = []
for _ in range(n):
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.bind((source, 0))
    try:
        s.connect(("127.0.0.1", port))
        s.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n")
    except OSError:
        s.close()
        continue
    socks.append(s)


def held():
    """How many connections the server still keeps open."""
    count = 0
    for s in socks:
        s.setblocking(False)
        try:
            if s.recv(1, socket.MSG_PEEK):
                count += 1  # the server answered something: still open
        except BlockingIOError:
            count += 1  # nothing to read, not closed
        except OSError:
            pass  # reset
        # b"": closed by the server
    return count


time.sleep(0.5)  # let the server accept (and close) what it refuses
with open(ready + ".tmp", "w") as f:
    f.write("opened %d held %d\n" % (len(socks), held()))
os.rename(ready + ".tmp", ready)
deadline = time.time() + 120
while not os.path.exists(stop) and time.time() < deadline:
    time.sleep(0.1)
print("opened %d held %d" % (len(socks), held()))
for s in socks:
    s.close()
