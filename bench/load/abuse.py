#!/usr/bin/env python3
"""Slow clients and oversized bodies against a running `jaring serve` (issue 17, item 4: they
must not exhaust the server). Standard library only.

  abuse.py BASE_URL --username U --password P --pid PID [--regency 35.14] [--slow 500]
           [--hold 10] [--prompt-ms 1000] [--idle-timeout 30]

1. A normal client signs in (changing a first password as the browser would: the new one is
   P + "-Kuat9") and times a registry page and /api/v1/health: the baseline.
2. SLOW connections are opened and held: a third send a request line and then a header byte
   every second (slowloris), a third send a POST's headers with Content-Length 1000 and then a
   body byte every second (a body that never ends), a third connect and send nothing. While
   they are held (HOLD seconds) the normal client keeps asking: every answer must come within
   PROMPT_MS. The server's RssAnon must not grow by more than 64 MB for them.
3. Oversized bodies, while the slow ones are still held: a POST to /api/v1/session declaring
   200 MB (sent as fast as the server takes it), one sending 20 MB chunked, and an upload to
   the import route declaring 200 MB (over the 100 MB upload limit) from the signed-in client:
   each must get 413, the server must not read (buffer) more than a few MB of each, and its
   RssAnon must stay within 64 MB of where it was.
4. The slow connections must have been closed by the server within IDLE_TIMEOUT (+ 5 s) of
   their start: it holds no slow client for ever.
Exit 1 with the reasons when any of these fails.
"""
import argparse
import json
import socket
import sys
import threading
import time
import urllib.parse

p = argparse.ArgumentParser()
p.add_argument("base")
p.add_argument("--username", required=True)
p.add_argument("--password", required=True)
p.add_argument("--pid", type=int, required=True)
p.add_argument("--regency", default="35.14")
p.add_argument("--slow", type=int, default=500)
p.add_argument("--hold", type=float, default=10)
p.add_argument("--prompt-ms", type=float, default=1000)
p.add_argument("--idle-timeout", type=float, default=30)
args = p.parse_args()
base = urllib.parse.urlparse(args.base)
address = (base.hostname, base.port)
failures = []


def rss_anon_mb():
    with open(f"/proc/{args.pid}/status") as f:
        for line in f:
            if line.startswith("RssAnon:"):
                return int(line.split()[1]) / 1024
    return 0.0


class Client:
    """A keep-alive client with cookies and the CSRF token (blocking sockets)."""

    def __init__(self):
        self.sock = None
        self.cookies = {}
        self.csrf = ""

    def request(self, method, path, body=b"", headers=None):
        if self.sock is None:
            self.sock = socket.create_connection(address, timeout=30)
        h = {"Host": f"{base.hostname}:{base.port}", **(headers or {})}
        if self.cookies:
            h["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if method != "GET":
            h["X-CSRF-Token"] = self.csrf
            h["Content-Length"] = str(len(body))
        head = f"{method} {path} HTTP/1.1\r\n" + "".join(f"{k}: {v}\r\n" for k, v in h.items())
        self.sock.sendall(head.encode() + b"\r\n" + body)
        status, response_headers, data = read_response(self.sock)
        for k, v in response_headers:
            if k == "set-cookie":
                name, _, value = v.split(";", 1)[0].partition("=")
                self.cookies[name.strip()] = value.strip()
            if k == "connection" and v.lower() == "close":
                self.sock.close()
                self.sock = None
        return status, data

    def sign_in(self, username, password):
        status, data = self.request("POST", "/api/v1/session",
                                    json.dumps({"username": username, "password": password}).encode(),
                                    {"Content-Type": "application/json"})
        if status != 200:
            sys.exit(f"abuse.py: sign-in failed: {status} {data[:200]!r}")
        answer = json.loads(data)
        self.csrf = answer["csrf_token"]
        return answer


def read_response(sock):
    """Reads one response with a Content-Length; returns (status, headers, body)."""
    buf = b""
    while b"\r\n\r\n" not in buf:
        chunk = sock.recv(65536)
        if not chunk:
            raise ConnectionError("closed before the answer")
        buf += chunk
    head, _, rest = buf.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    headers = []
    for line in lines[1:]:
        k, _, v = line.partition(":")
        headers.append((k.strip().lower(), v.strip()))
    length = int(dict(headers).get("content-length", "0"))
    while len(rest) < length:
        chunk = sock.recv(65536)
        if not chunk:
            raise ConnectionError("closed in the body")
        rest += chunk
    return status, headers, rest[:length]


# --- 1. the normal client ------------------------------------------------------------------
client = Client()
answer = client.sign_in(args.username, args.password)
if answer.get("must_change_password"):
    new = args.password + "-Kuat9"
    status, data = client.request("POST", "/api/v1/session/password",
                                  json.dumps({"current_password": args.password,
                                              "new_password": new}).encode(),
                                  {"Content-Type": "application/json"})
    if status not in (200, 204):
        sys.exit(f"abuse.py: password change failed: {status} {data[:200]!r}")
    client.sign_in(args.username, new)
pages = [f"/api/v1/regencies/{args.regency}/workers?page_size=20", "/api/v1/health"]


def timed_round():
    worst = 0.0
    for path in pages:
        start = time.perf_counter()
        try:
            status, data = client.request("GET", path)
        except OSError as e:
            failures.append(f"GET {path}: {e}")
            client.sock = None
            continue
        ms = (time.perf_counter() - start) * 1000
        worst = max(worst, ms)
        if status != 200:
            failures.append(f"GET {path}: {status} {data[:120]!r}")
    return worst


baseline = max(timed_round() for _ in range(5))
memory_before = rss_anon_mb()
print(f"baseline: the slowest of 5 rounds {baseline:.0f} ms; server RssAnon {memory_before:.0f} MB")

# --- 2. the slow connections ---------------------------------------------------------------
slow = []  # (socket, kind, opened at)
for i in range(args.slow):
    s = socket.socket()
    s.settimeout(5)
    try:
        s.connect(address)
    except OSError as e:
        failures.append(f"slow connection {i} could not connect: {e}")
        break
    kind = ("header", "body", "silent")[i % 3]
    if kind == "header":
        s.sendall(b"GET /api/v1/health HTTP/1.1\r\nHost: x\r\nX-Lambat: ")
    elif kind == "body":
        s.sendall(b"POST /api/v1/session HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                  b"Content-Length: 1000\r\n\r\n{")
    s.setblocking(False)
    slow.append([s, kind, time.monotonic(), None])  # None: not closed yet
print(f"{len(slow)} slow connections open")

closed_by_server = 0


def trickle():
    """One byte on each slow connection (not the silent ones); notes those the server ended."""
    global closed_by_server
    now = time.monotonic()
    for entry in slow:
        s, kind, opened, ended = entry
        if ended is not None:
            continue
        try:
            data = s.recv(4096)
            if data == b"":
                entry[3] = now
                closed_by_server += 1
                continue
        except BlockingIOError:
            pass
        except OSError:
            entry[3] = now
            closed_by_server += 1
            continue
        if kind != "silent":
            try:
                s.send(b"a")
            except BlockingIOError:
                pass
            except OSError:
                entry[3] = now
                closed_by_server += 1


worst_held = 0.0
held_until = time.monotonic() + args.hold
while time.monotonic() < held_until:
    trickle()
    worst_held = max(worst_held, timed_round())
    time.sleep(1)
print(f"while {len(slow)} slow connections were held for {args.hold:.0f} s: the slowest answer "
      f"{worst_held:.0f} ms (bound {args.prompt_ms:.0f} ms); server RssAnon {rss_anon_mb():.0f} MB")
if worst_held > args.prompt_ms:
    failures.append(f"an answer took {worst_held:.0f} ms while slow clients were held")


# --- 3. oversized bodies -------------------------------------------------------------------
def oversized(label, head, body_chunks, limit_mb=8):
    """Sends head, then the body chunks as fast as the server takes them, while reading its
    answer; returns the status seen. The server may read at most limit_mb MB past its limit."""
    s = socket.create_connection(address, timeout=10)
    s.sendall(head)
    sent, answer = 0, b""
    s.setblocking(False)
    deadline = time.monotonic() + 20
    try:
        for chunk in body_chunks:
            view = memoryview(chunk)
            while view:
                if time.monotonic() > deadline:
                    raise TimeoutError
                try:
                    answer += s.recv(65536)
                except BlockingIOError:
                    pass
                try:
                    n = s.send(view)
                    sent += n
                    view = view[n:]
                except BlockingIOError:
                    time.sleep(0.001)
            if b"\r\n\r\n" in answer:
                break
    except (BrokenPipeError, ConnectionResetError, TimeoutError):
        pass
    s.setblocking(True)
    s.settimeout(5)
    try:
        while b"\r\n\r\n" not in answer:
            data = s.recv(65536)
            if not data:
                break
            answer += data
    except OSError:
        pass
    s.close()
    status = int(answer.split(b" ", 2)[1]) if answer.startswith(b"HTTP/1.1 ") else None
    print(f"{label}: {status}, {sent / 1e6:.1f} MB sent before the answer or the close")
    if status != 413:
        failures.append(f"{label}: status {status}, 413 expected")
    return sent


def blocks(total, size=1 << 16):
    block = b"x" * size
    for _ in range(total // size):
        yield block


def chunked(total, size=1 << 16):
    block = f"{size:x}\r\n".encode() + b"x" * size + b"\r\n"
    for _ in range(total // size):
        yield block
    yield b"0\r\n\r\n"


memory_before_bodies = rss_anon_mb()
oversized("POST /api/v1/session declaring 200 MB",
          b"POST /api/v1/session HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
          b"Content-Length: 200000000\r\n\r\n", blocks(200_000_000))
oversized("POST /api/v1/session sending 20 MB chunked",
          b"POST /api/v1/session HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
          b"Transfer-Encoding: chunked\r\n\r\n", chunked(20_000_000))
cookie = "; ".join(f"{k}={v}" for k, v in client.cookies.items())
oversized("an import upload (signed in) declaring 200 MB",
          (f"POST /api/v1/regencies/{args.regency}/imports?source=Uji HTTP/1.1\r\nHost: x\r\n"
           f"Cookie: {cookie}\r\nX-CSRF-Token: {client.csrf}\r\nX-File-Name: besar.csv\r\n"
           f"Content-Type: text/csv\r\nContent-Length: 200000000\r\n\r\n").encode(),
          blocks(200_000_000))
memory_after = rss_anon_mb()
print(f"server RssAnon: {memory_before:.0f} MB before the slow clients, {memory_before_bodies:.0f} MB "
      f"before the bodies, {memory_after:.0f} MB after")
if memory_after - memory_before > 64:
    failures.append(f"server RssAnon grew by {memory_after - memory_before:.0f} MB")
worst_after = max(timed_round() for _ in range(3))
if worst_after > args.prompt_ms:
    failures.append(f"an answer took {worst_after:.0f} ms after the bodies")

# --- 4. the slow ones are closed -----------------------------------------------------------
give_up = max(entry[2] for entry in slow) + args.idle_timeout + 5 if slow else time.monotonic()
while closed_by_server < len(slow) and time.monotonic() < give_up:
    trickle()
    time.sleep(0.5)
still_open = len(slow) - closed_by_server
late = [e for e in slow if e[3] is not None and e[3] - e[2] > args.idle_timeout + 5]
print(f"slow connections closed by the server: {closed_by_server} of {len(slow)}, the last "
      f"{max((e[3] - e[2] for e in slow if e[3] is not None), default=0):.0f} s after it opened")
if still_open:
    failures.append(f"{still_open} slow connections still open {args.idle_timeout + 5:.0f} s after they began")
if late:
    failures.append(f"{len(late)} slow connections closed later than {args.idle_timeout + 5:.0f} s")
for entry in slow:
    entry[0].close()

if failures:
    print("FAILED:")
    for f in failures:
        print(f"  {f}")
    sys.exit(1)
print("slow clients and oversized bodies did not exhaust the server")
