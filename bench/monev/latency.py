#!/usr/bin/env python3
"""Times the monitoring pages' API through the real HTTP server (issue 16: the province page
<= 300 ms, a regency page <= 100 ms).

  latency.py BASE_URL USERNAME PASSWORD SERVE_LOG PROVINCE PERIOD REGENCY... \
      [--requests N] [--warm-up N] [--district CODE] [--expect-settled N] [--pg URL --pg-log FILE]

Signs in as USERNAME (a province-scoped user; when the account still has its first password,
changes it as the browser would and signs in again), then for each route sends WARM-UP untimed
and REQUESTS timed GETs one after the other over one keep-alive connection:
  GET /api/v1/provinces/PROVINCE/coverage?period=PERIOD
  GET /api/v1/regencies/REGENCY/coverage?period=PERIOD        for each REGENCY
  GET /api/v1/regencies/R/coverage/districts/CODE?period=...   with --district (R: its regency)
Every answer must be 200 and carry the settled figures (the province: N regencies with the
month and a coverage; a regency: persons and participants above zero, a coverage, districts);
anything else makes the exit status 1. Prints per route p50/p95/p99/max in ms of:
  client: the round trip on loopback (what the page waits for, plus Python's few tens of us),
  server: the "us" the server logs for each request (SERVE_LOG: from the parsed request to the
          response built: routing, the session check, the database reads, the JSON).
With --pg (the database's URL, a superuser's) and --pg-log (that cluster's server log), one more
request per route after its timing is made with every statement's duration logged
(log_min_duration_statement = 0, set and reset around it), and the statements it sent are
counted from the log: prepared statements (each a parse, then a bind and execute), the other
statements (BEGIN, SAVEPOINT, RELEASE, DEALLOCATE, ROLLBACK), the round trips these make (a
parse, a bind-and-execute, a plain statement: one each) and the time PostgreSQL spent on them.
"""
import argparse
import http.client
import json
import re
import statistics
import subprocess
import sys
import time
import urllib.parse

parser = argparse.ArgumentParser()
parser.add_argument("base")
parser.add_argument("username")
parser.add_argument("password")
parser.add_argument("log")
parser.add_argument("province")
parser.add_argument("period")
parser.add_argument("regencies", nargs="+")
parser.add_argument("--requests", type=int, default=200)
parser.add_argument("--warm-up", type=int, default=20)
parser.add_argument("--district")
parser.add_argument("--expect-settled", type=int)
parser.add_argument("--pg")
parser.add_argument("--pg-log")
args = parser.parse_args()
base = urllib.parse.urlparse(args.base)
conn = http.client.HTTPConnection(base.hostname, base.port, timeout=120)
cookie = ""


def call(method, path, body=None, headers=None):
    global cookie
    headers = dict(headers or {})
    if cookie:
        headers["Cookie"] = cookie
    if body is not None:
        body = json.dumps(body)
        headers["Content-Type"] = "application/json"
    conn.request(method, path, body=body, headers=headers)
    response = conn.getresponse()
    data = response.read()
    set_cookie = response.getheader("Set-Cookie")
    if set_cookie:
        cookie = set_cookie.split(";")[0]
    return response.status, data


def sign_in(password):
    status, data = call("POST", "/api/v1/session",
                        {"username": args.username, "password": password})
    if status != 200:
        sys.exit(f"sign-in failed: {status} {data[:200]!r}")
    return json.loads(data)


session = sign_in(args.password)
if session.get("must_change_password"):
    new = args.password + "-Baru9"
    status, data = call("POST", "/api/v1/session/password",
                        {"current_password": args.password, "new_password": new},
                        {"X-CSRF-Token": session["csrf_token"]})
    if status not in (200, 204):
        sys.exit(f"password change failed: {status} {data[:200]!r}")
    session = sign_in(new)
    print(f"{args.username}: first password changed (the new one is the given one + '-Baru9')")


def check_province(body):
    settled = [r for r in body["regencies"] if r["period"] == args.period and r["coverage"] is not None]
    if args.expect_settled is not None and len(settled) != args.expect_settled:
        return f"{len(settled)} regencies with the month and a coverage, {args.expect_settled} expected"
    return None


def check_regency(body):
    if body["period"] != args.period or body["persons"] <= 0 or body["participants"] <= 0:
        return f"period {body['period']}, persons {body['persons']}, participants {body['participants']}"
    if body["coverage"] is None or not body["districts"]:
        return "no coverage or no districts"
    return None


def check_villages(body):
    items = body if isinstance(body, list) else body.get("villages", body.get("items", []))
    return None if items else "no villages"


routes = [(f"province {args.province}",
           f"/api/v1/provinces/{args.province}/coverage?period={args.period}", check_province, 300)]
for code in args.regencies:
    routes.append((f"regency {code}", f"/api/v1/regencies/{code}/coverage?period={args.period}",
                   check_regency, 100))
if args.district:
    regency = args.district[:5]
    routes.append((f"district {args.district} (villages)",
                   f"/api/v1/regencies/{regency}/coverage/districts/{args.district}?period={args.period}",
                   check_villages, 100))


def pct(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * len(ordered) + 0.5)) - 1)]


def log_lines(path=None):
    with open(path or args.log, encoding="utf-8", errors="replace") as f:
        return f.read().splitlines()


def statements(path):
    """One request to `path` with every statement logged: (prepared, other, round trips, ms)."""
    def log_durations(value):
        subprocess.run(["psql", "-qtA", args.pg, "-c",
                        f"ALTER SYSTEM SET log_min_duration_statement = {value}",
                        "-c", "SELECT pg_reload_conf()"], check=True, capture_output=True)
        time.sleep(0.3)
    log_durations(0)
    before = len(log_lines(args.pg_log))
    call("GET", path)
    time.sleep(0.3)
    log_durations(-1)
    prepared = other = round_trips = 0
    spent = 0.0
    for line in log_lines(args.pg_log)[before:]:
        m = re.search(r"duration: ([0-9.]+) ms  (parse|bind|execute|statement)[^:]*: (.*)", line)
        if not m or "log_min_duration_statement" in m.group(3) or "pg_reload_conf" in m.group(3):
            continue
        spent += float(m.group(1))
        kind = m.group(2)
        if kind == "parse":
            prepared += 1
            round_trips += 1
        elif kind == "execute":
            round_trips += 1
        elif kind == "statement":
            other += 1
            round_trips += 1
    return prepared, other, round_trips, spent


pattern = re.compile(r'"path":"([^"]*)","status":(\d+),"us":(\d+)')
failed = 0
counted = []
print(f"{args.warm_up} warm-up then {args.requests} timed requests per route, sequential, "
      "one keep-alive connection")
print("| route | bytes | client p50 | p95 | p99 | max | server p50 | p95 | p99 | max | goal |")
print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |")
for label, path, check, goal in routes:
    status, data = call("GET", path)
    problem = f"status {status}: {data[:200]!r}" if status != 200 else check(json.loads(data))
    if problem:
        print(f"{label}: NOT the settled figures: {problem}", file=sys.stderr)
        failed += 1
        continue
    for _ in range(args.warm_up):
        call("GET", path)
    before = len(log_lines())
    client = []
    for _ in range(args.requests):
        start = time.perf_counter()
        status, body = call("GET", path)
        client.append((time.perf_counter() - start) * 1000)
        if status != 200:
            print(f"{label}: status {status}", file=sys.stderr)
            failed += 1
    time.sleep(0.2)  # the log line of the last request
    route_path = urllib.parse.urlparse(path).path
    server = [int(m.group(3)) / 1000 for m in map(pattern.search, log_lines()[before:])
              if m and m.group(1) == route_path]
    if len(server) != len(client):
        sys.exit(f"{label}: {len(server)} request lines in the server log, {len(client)} expected")
    met = "met" if pct(client, 95) <= goal else "MISSED"
    print(f"| {label} | {len(data):,} | {statistics.median(client):.1f} | {pct(client, 95):.1f} | "
          f"{pct(client, 99):.1f} | {max(client):.1f} | {statistics.median(server):.1f} | "
          f"{pct(server, 95):.1f} | {pct(server, 99):.1f} | {max(server):.1f} | "
          f"≤ {goal} ms (p95): {met} |")
    if args.pg and args.pg_log:
        counted.append((label,) + statements(path))
if counted:
    print("\nStatements of one request (PostgreSQL's log):")
    print("| route | prepared statements | other statements | round trips | PostgreSQL's time |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for label, prepared, other, round_trips, spent in counted:
        print(f"| {label} | {prepared} | {other} | {round_trips} | {spent:.1f} ms |")
sys.exit(1 if failed else 0)
