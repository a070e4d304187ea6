#!/usr/bin/env python3
"""Drives the tiny guest's shell on a serial port QEMU serves as a unix socket (bench/net.sh).

  guest-serial.py SOCKET ready TIMEOUT     wait until the shell answers
  guest-serial.py SOCKET run TIMEOUT CMD   run CMD; print its exit status and the milliseconds
                                           from sending the line to the shell's answer
The answer is a marker the guest's shell computes ($((N+0))), so the echo of the typed line
never matches it.
"""
import os
import re
import socket
import sys
import time


def exchange(path, command, timeout):
    n = os.getpid() % 100000
    marker = re.compile(rb"JVB%d-(\d+)\r?\n" % n)
    line = ("%s\necho JVB$((%d+0))-$?\n" % (command, n)).encode()
    deadline = time.monotonic() + timeout
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.connect(path)
    try:
        s.settimeout(0.5)
        seen = b""
        t0 = time.monotonic()
        s.sendall(line)
        while time.monotonic() < deadline:
            try:
                chunk = s.recv(65536)
            except socket.timeout:
                continue
            if not chunk:
                break
            seen += chunk
            m = marker.search(seen)
            if m:
                return int(m.group(1)), (time.monotonic() - t0) * 1000
        return None, None
    finally:
        s.close()


def main():
    path, what, timeout = sys.argv[1], sys.argv[2], float(sys.argv[3])
    if what == "ready":
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                rc, _ = exchange(path, "true", 3)
            except OSError:
                rc = None
                time.sleep(0.5)
            if rc == 0:
                return 0
        print("guest-serial: no shell on %s after %g s" % (path, timeout), file=sys.stderr)
        return 1
    rc, ms = exchange(path, sys.argv[4], timeout)
    if rc is None:
        print("guest-serial: no answer on %s in %g s to: %s" % (path, timeout, sys.argv[4]), file=sys.stderr)
        return 1
    print(rc, int(ms))
    return 0


if __name__ == "__main__":
    sys.exit(main())
