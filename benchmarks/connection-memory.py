#!/usr/bin/env python3
"""What open connections cost a running server: its peak resident memory (VmHWM) after opening COUNT
connections, after one request on each sent one at a time, and after one more on each sent all at once.

    benchmarks/connection-memory.py PORT SERVER_PID [COUNT] [PATH]     # COUNT 1024, PATH / by default

Run the server with a file limit above COUNT (`ulimit -n 8192`), on the in-memory store for `GET /`.
"""
import resource
import socket
import sys
import time


def peak_kib(pid):
    with open(f"/proc/{pid}/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))


def main():
    port, pid = int(sys.argv[1]), sys.argv[2]
    count = int(sys.argv[3]) if len(sys.argv) > 3 else 1024
    path = sys.argv[4] if len(sys.argv) > 4 else "/"
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, max(soft, count + 64)), hard))
    request = f"GET {path} HTTP/1.1\r\nHost: localhost\r\n\r\n".encode()
    print(f"started: {peak_kib(pid)} KiB")
    connections = [socket.create_connection(("127.0.0.1", port)) for _ in range(count)]
    time.sleep(1)
    print(f"{count} connections open, no request yet: {peak_kib(pid)} KiB")
    for connection in connections:
        connection.sendall(request)
        connection.recv(1 << 16)
    time.sleep(1)
    print(f"one request on each, one at a time: {peak_kib(pid)} KiB")
    for connection in connections:
        connection.sendall(request)
    for connection in connections:
        connection.recv(1 << 16)
    time.sleep(1)
    print(f"one more on each, all at once: {peak_kib(pid)} KiB")


if __name__ == "__main__":
    main()
