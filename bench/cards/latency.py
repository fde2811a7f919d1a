#!/usr/bin/env python3
"""Times the public card check through the real HTTP server (issue 14: /cek/<token> <= 5 ms
server time).

  latency.py BASE_URL TOKENS_FILE REQUESTS SERVE_LOG [--only-page] [--while-pid PID]

For each route (/cek/<token>, the page; /api/v1/cards/<token>/status, the JSON; only the page
with --only-page), sends REQUESTS GETs one after the other over one keep-alive connection,
cycling through the tokens (one card per request, so neighbouring requests read other rows),
after 50 untimed warm-up requests. Every answer must be 200 and say the card holds; any other
answer is counted and reported, and makes the exit status 1. --while-pid stops a route's
requests when process PID has ended (the checks are timed while it runs, e.g. an import that
holds the write lock). Prints p50/p95/p99/max in ms of:
  server: the "us" the server logs for each request (SERVE_LOG, one JSON line per request: from
          the parsed request to the response built: routing, signature, database reads),
  client: the round trip seen by this client on loopback (adds the socket and Python).
"""
import argparse
import http.client
import json
import os
import re
import statistics
import sys
import time
import urllib.parse

parser = argparse.ArgumentParser()
parser.add_argument("base")
parser.add_argument("tokens")
parser.add_argument("requests", type=int)
parser.add_argument("log")
parser.add_argument("--only-page", action="store_true")
parser.add_argument("--while-pid", type=int)
args = parser.parse_args()
base = urllib.parse.urlparse(args.base)
tokens = [t for t in open(args.tokens).read().split() if t]
WARM_UP = 50

conn = http.client.HTTPConnection(base.hostname, base.port, timeout=60)


def get(path):
    conn.request("GET", path)
    response = conn.getresponse()
    return response.status, response.read()


def alive(pid):
    if pid is None:
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A finished child not yet reaped by its parent shell is a zombie: count it as ended.
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().split(") ")[1][0] != "Z"
    except OSError:
        return False


def pct(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * len(ordered) + 0.5)) - 1)]


def summary(values):
    return "p50 %.2f  p95 %.2f  p99 %.2f  max %.2f ms" % (
        statistics.median(values), pct(values, 95), pct(values, 99), max(values))


def log_lines():
    with open(args.log, encoding="utf-8", errors="replace") as f:
        return f.read().splitlines()


ROUTES = [
    ("/cek/<token>", "/cek/{}", lambda body: "Kartu berlaku" in body.decode()),
    ("/api/v1/cards/<token>/status", "/api/v1/cards/{}/status",
     lambda body: json.loads(body)["valid"] is True),
]
pattern = re.compile(r'"path":"([^"]*)","status":(\d+),"us":(\d+)')
bad_total = 0
for name, template, holds in ROUTES[:1] if args.only_page else ROUTES:
    if args.while_pid is None:
        for i in range(WARM_UP):
            get(template.format(tokens[i % len(tokens)]))
    before = len(log_lines())
    client, bad = [], {}
    for i in range(args.requests):
        if not alive(args.while_pid):
            break
        path = template.format(tokens[i % len(tokens)])
        start = time.perf_counter()
        status, body = get(path)
        client.append((time.perf_counter() - start) * 1000)
        if status != 200 or not holds(body):
            bad[status] = bad.get(status, 0) + 1
    still = alive(args.while_pid)
    time.sleep(0.2)  # the log line of the last request
    prefix = template.split("{}")[0]
    server = []
    for line in log_lines()[before:]:
        m = pattern.search(line)
        if m and m.group(1).startswith(prefix):
            server.append(int(m.group(3)) / 1000)
    print(f"{name}: {len(client)} requests over {len(tokens)} cards" +
          ("" if args.while_pid is None else
           f" while process {args.while_pid} ran" + (" (it still runs)" if still else "")))
    if not client:
        continue
    if len(server) != len(client):
        sys.exit(f"{name}: {len(server)} request lines in the server log, {len(client)} expected")
    print(f"  server {summary(server)}")
    print(f"  client {summary(client)}")
    if bad:
        print(f"  NOT a valid card's answer: {sum(bad.values())} (by status: {bad})")
        bad_total += sum(bad.values())
    print(f"  server p95 {'within' if pct(server, 95) <= 5 else 'ABOVE'} the issue's 5 ms")
sys.exit(1 if bad_total else 0)
