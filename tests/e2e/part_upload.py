#!/usr/bin/env python3
"""part_upload.py - an upload that stops half way, for test_security_server.sh: POST a
multipart/form-data body announcing SIZE bytes of file to PORT's /upload with a session cookie
and CSRF token, send only the first SENT bytes of the file, write "sent" to READY_FILE, wait
until STOP_FILE exists (at most 60 s) and then drop the connection without sending the rest.

    python3 part_upload.py PORT COOKIE CSRF SIZE SENT READY_FILE STOP_FILE"""
import os
import socket
import sys
import time

port, cookie, csrf = int(sys.argv[1]), sys.argv[2], sys.argv[3]
size, sent, ready, stop = int(sys.argv[4]), int(sys.argv[5]), sys.argv[6], sys.argv[7]
boundary = b"----onroll-test-boundary"
head = (b"--" + boundary + b"\r\nContent-Disposition: form-data; name=\"csrf_token\"\r\n\r\n"
        + csrf.encode() + b"\r\n--" + boundary
        + b"\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.csv\"\r\n"
        + b"Content-Type: text/csv\r\n\r\n")
tail = b"\r\n--" + boundary + b"--\r\n"
length = len(head) + size + len(tail)
s = socket.create_connection(("127.0.0.1", port))
s.sendall(b"POST /upload HTTP/1.1\r\nHost: 127.0.0.1\r\n"
          + b"Cookie: onroll_session=" + cookie.encode() + b"\r\n"
          + b"Content-Type: multipart/form-data; boundary=" + boundary + b"\r\n"
          + b"Content-Length: " + str(length).encode() + b"\r\n\r\n" + head)
chunk = b"x" * 65536
left = sent
while left > 0:
    s.sendall(chunk[:min(left, len(chunk))])
    left -= min(left, len(chunk))
with open(ready + ".tmp", "w") as f:
    f.write("sent\n")
os.rename(ready + ".tmp", ready)
deadline = time.time() + 60
while not os.path.exists(stop) and time.time() < deadline:
    time.sleep(0.1)
s.close()
