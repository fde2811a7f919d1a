#!/usr/bin/env python3
"""The HTTP traffic of the failover test (ha_failover_test.sh): registry edits and reads sent
to `jaring serve` while its PostgreSQL primary fails over, each answer written down.

  ha_driver.py BASE_URL TOKEN REGENCY IDS_FILE STOP_FILE OUT_JSONL [--threads N]

IDS_FILE holds worker ids of REGENCY, one a line. Each of THREADS threads takes its own ids in
turn and, until STOP_FILE exists, edits one (PATCH .../workers/ID {"address": "Jl. Failover
No. SEQ"}: a change no other request makes, so its value names the request), then reads it
back, and every fifth round also reads back a worker edited earlier. Every answer becomes one
JSON line in OUT_JSONL:
  {"t": seconds since start, "kind": "edit"|"read", "worker": ID, "value": the address sent
   (edits) or the list a read may find (reads), "status": HTTP status (0: no answer),
   "retry_after": the header or null, "code": the problem's code or null, "content_type": ...,
   "got": the address answered (2xx)}
A read may find the last acknowledged address of its worker or that of an unacknowledged edit
after it. At the end OUT_JSONL.final maps each edited worker to the addresses it may hold
(null: the imported one). The checks are made afterwards by the test, on these files and on the
database. Exit status 0 unless the arguments are wrong.
"""
import argparse
import http.client
import json
import os
import threading
import time
import urllib.parse

parser = argparse.ArgumentParser()
parser.add_argument("base")
parser.add_argument("token")
parser.add_argument("regency")
parser.add_argument("ids")
parser.add_argument("stop")
parser.add_argument("out")
parser.add_argument("--threads", type=int, default=3)
args = parser.parse_args()

base = urllib.parse.urlparse(args.base)
ids = [int(line) for line in open(args.ids) if line.strip()]
start = time.monotonic()
lock = threading.Lock()
out = open(args.out, "w")
sequence = iter(range(1, 10**9))


def record(entry):
    entry["t"] = round(time.monotonic() - start, 3)
    with lock:
        out.write(json.dumps(entry) + "\n")
        out.flush()


class Client:
    def __init__(self):
        self.conn = None

    def call(self, method, path, body=None):
        """(status, headers, parsed body or None); status 0 when no answer came."""
        headers = {"Authorization": "Bearer " + args.token}
        if body is not None:
            body = json.dumps(body)
            headers["Content-Type"] = "application/json"
        for attempt in range(2):  # a keep-alive connection the server closed: open a new one
            try:
                if self.conn is None:
                    self.conn = http.client.HTTPConnection(base.hostname, base.port, timeout=60)
                self.conn.request(method, path, body=body, headers=headers)
                response = self.conn.getresponse()
                data = response.read()
                try:
                    parsed = json.loads(data) if data else None
                except ValueError:
                    parsed = None
                return response.status, response, parsed
            except (OSError, http.client.HTTPException):
                self.conn = None
                if attempt == 1:
                    return 0, None, None
        return 0, None, None


def describe(kind, worker, value, status, response, parsed):
    return {
        "kind": kind,
        "worker": worker,
        "value": value,
        "status": status,
        "retry_after": response.getheader("Retry-After") if response else None,
        "content_type": response.getheader("Content-Type") if response else None,
        "code": parsed.get("code") if isinstance(parsed, dict) and status >= 400 else None,
    }


# worker -> the addresses it may hold now: its last acknowledged one (or None: the imported
# one) and those of the unacknowledged edits after it (a 503 after a lost COMMIT may or may not
# have stored its change). Each worker belongs to one thread.
possible = {}


def worker_loop(mine):
    client = Client()
    rounds = 0
    while not os.path.exists(args.stop):
        for worker in mine:
            if os.path.exists(args.stop):
                break
            path = f"/api/v1/regencies/{args.regency}/workers/{worker}"
            value = f"Jl. Failover No. {next(sequence)}"
            status, response, parsed = client.call("PATCH", path, {"address": value})
            entry = describe("edit", worker, value, status, response, parsed)
            if 200 <= status < 300:
                entry["got"] = parsed.get("address") if isinstance(parsed, dict) else None
                possible[worker] = [value]
            else:
                possible.setdefault(worker, [None]).append(value)
            record(entry)
            rounds += 1
            checks = [worker]
            if rounds % 5 == 0:
                checks.append(mine[0])
            for checked in checks:
                if checked not in possible or None in possible[checked]:
                    continue  # its imported address is not known here
                status, response, parsed = client.call(
                    "GET", f"/api/v1/regencies/{args.regency}/workers/{checked}")
                entry = describe("read", checked, possible[checked], status, response, parsed)
                if 200 <= status < 300:
                    entry["got"] = parsed.get("address") if isinstance(parsed, dict) else None
                record(entry)


threads = [threading.Thread(target=worker_loop, args=(ids[i::args.threads],))
           for i in range(args.threads)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
out.close()
with open(args.out + ".final", "w") as final:
    json.dump({str(worker): values for worker, values in possible.items()}, final)
