#!/usr/bin/env python3
"""A bounded load on one jaring server (issue 17, item 4): N signed-in users at once, each
looping a weighted mix of what its role does, for a given time; per request class the count,
the errors and p50/p95/p99/max; the server's memory sampled every second. Only the standard
library (asyncio and a small HTTP/1.1 client), so it runs wherever the tests run.

  load.py BASE_URL --accounts FILE --pid PID [--users 200] [--sessions N] [--duration 30]
          [--think-ms 2000]
          [--import-dir DIR] [--import-every 5] [--page-p99-ms 300] [--page-p50-ms 0]
          [--memory-tolerance 0.10]
          [--memory-slack-mb 16] [--json FILE]

Contents
  1. Accounts (FILE: a JSON list of {username, password, role, scope}, made by run.sh with
     `jaring user add`): each is signed in once and its first password changed as the browser
     would (the new one: password + "-Beban9"); then --sessions sessions are signed in
     (session s as account s mod len; default one per user) and user i acts through session
     i mod count, on a keep-alive connection of its own, with that session's cookie and CSRF
     token (users sharing a session are like tabs of one browser). Sign-ins are not timed:
     they are the setup, not the mix (argon2id makes each cost 0.1-1 s of a server thread).
  2. What is there: the first list page of each regency gives district codes, name words and
     worker ids to search and open (so the mix follows whatever data the server holds).
  3. The mix, per role (weights in MIX): registry search (a name word, a district, a status,
     a sort, pages 1-5), a worker's page, the regency dashboard and its monitoring page, a
     district's villages, the province page (province accounts), exports (the registry of a
     district as CSV or XLSX, operators; the monitoring report as XLSX, pimpinan), and imports
     (operators): DIR/CODE.csv of their regency uploaded with its phone column changed, the job polled to its
     preview, committed, polled to done. At most one import starts every --import-every
     seconds across all users, so writes stay in the mix while the database grows by bounded
     amounts (the same persons are updated again and again: one batch and a few history and
     audit rows per import). Between two actions a user waits an exponential think time of
     mean --think-ms.
  4. Memory: the server's VmRSS and RssAnon (/proc/PID/status) every second. RssAnon is the
     one judged: with SQLite's memory-mapped reads the file pages the server touches count in
     VmRSS and grow as more of the database is read, which is not a leak. Flat means: the
     median RssAnon of the last fifth of the run is at most the median of the second fifth
     times (1 + tolerance) plus slack (the first fifth is warm-up: caches, pools, arenas).
  5. The report: a Markdown table per class, the memory line, the goals; exit 1 when any
     request failed (a status that is not the expected one, a refused connection, a timeout),
     a page class's p99 exceeds --page-p99-ms (or its p50 --page-p50-ms, when given), or
     memory is not flat. Progress once a second
     on a terminal (stderr), nothing in a pipe until the report.

Page classes (the p99 goal): search, worker, dashboard, coverage, villages, province,
import-poll. Exports and the import's upload and commit are timed and reported but carry no p99
goal (a file's time grows with its rows); they must not fail.
"""
import argparse
import asyncio
import csv
import io
import json
import math
import os
import random
import statistics
import sys
import time
import urllib.parse

PAGE_CLASSES = ("search", "worker", "dashboard", "coverage", "villages", "province", "import-poll")

# Weights per role of what a user does next. Regency accounts act in their regency; province
# accounts look at the province and open regencies.
MIX = {
    "operator": {"search": 35, "worker": 25, "dashboard": 10, "coverage": 8, "villages": 4,
                 "export-csv": 4, "export-xlsx": 3, "import": 6},
    "verifikator": {"search": 40, "worker": 30, "dashboard": 15, "coverage": 10, "villages": 5},
    "pimpinan": {"dashboard": 30, "coverage": 30, "villages": 15, "search": 15, "report-xlsx": 5,
                 "worker": 5},
    "province": {"province": 30, "coverage": 25, "villages": 10, "search": 20, "worker": 15},
}


def parse_args():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("base")
    p.add_argument("--accounts", required=True)
    p.add_argument("--pid", type=int, required=True, help="the server's process id (memory)")
    p.add_argument("--users", type=int, default=200)
    p.add_argument("--duration", type=float, default=30, help="seconds of load")
    p.add_argument("--sessions", type=int, default=0,
                   help="signed-in sessions the users share (0: one per user)")
    p.add_argument("--think-ms", type=float, default=2000)
    p.add_argument("--import-dir", help="CODE.csv per regency: what operators import")
    p.add_argument("--import-every", type=float, default=5)
    p.add_argument("--page-p99-ms", type=float, default=300)
    p.add_argument("--page-p50-ms", type=float, default=0, help="0: not checked")
    p.add_argument("--memory-tolerance", type=float, default=0.10)
    p.add_argument("--memory-slack-mb", type=float, default=16)
    p.add_argument("--timeout", type=float, default=60, help="per request, seconds")
    p.add_argument("--seed", type=int, default=17)
    p.add_argument("--json", help="write the results here as well")
    return p.parse_args()


# --- 1. A small HTTP/1.1 client ------------------------------------------------------------

class Failure(Exception):
    pass


class Connection:
    """One keep-alive connection; reconnects when the server closed it."""

    def __init__(self, host, port, timeout):
        self.host, self.port, self.timeout = host, port, timeout
        self.reader = self.writer = None

    async def close(self):
        if self.writer is not None:
            self.writer.close()
            try:
                await self.writer.wait_closed()
            except OSError:
                pass
            self.reader = self.writer = None

    async def request(self, method, path, headers=None, body=b""):
        return await asyncio.wait_for(self._request(method, path, headers or {}, body),
                                      self.timeout)

    async def _request(self, method, path, headers, body):
        # A keep-alive connection the server closed while the user was away (its idle timeout)
        # is opened again, as a browser does; so is one that ends before any byte of the answer
        # to a GET (the close raced the request).
        if self.reader is not None and self.reader.at_eof():
            await self.close()
        reused = self.writer is not None
        try:
            return await self._exchange(method, path, headers, body)
        except Failure as e:
            if reused and method == "GET" and e.args[0] == "closed":
                return await self._exchange(method, path, headers, body)
            raise

    async def _exchange(self, method, path, headers, body):
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        head = [f"{method} {path} HTTP/1.1", f"Host: {self.host}:{self.port}"]
        head += [f"{k}: {v}" for k, v in headers.items()]
        if body or method in ("POST", "PUT", "PATCH"):
            head.append(f"Content-Length: {len(body)}")
        try:
            self.writer.write(("\r\n".join(head) + "\r\n\r\n").encode() + body)
            await self.writer.drain()
        except ConnectionError:
            await self.close()
            raise Failure("closed")
        try:
            status_line = await self.reader.readuntil(b"\r\n")
        except (asyncio.IncompleteReadError, ConnectionError):
            await self.close()
            raise Failure("closed")
        try:
            raw = await self.reader.readuntil(b"\r\n\r\n")
        except (asyncio.IncompleteReadError, ConnectionError) as e:
            await self.close()
            raise Failure(f"connection closed in the answer's header ({e.__class__.__name__})")
        status = int(status_line.split(b" ", 2)[1])
        response_headers = []
        for line in raw.decode("latin-1").split("\r\n"):
            if ":" in line:
                k, v = line.split(":", 1)
                response_headers.append((k.strip().lower(), v.strip()))
        values = dict(response_headers)
        if "content-length" not in values:
            await self.close()
            raise Failure("answer without Content-Length")
        data = await self.reader.readexactly(int(values["content-length"]))
        if values.get("connection", "").lower() == "close":
            await self.close()
        return status, response_headers, data


class Session:
    """A signed-in session (its cookies and CSRF token) over a connection of its own or one it
    is given (users sharing a session, as tabs of one browser do, each have a connection)."""

    def __init__(self, base, timeout, conn=None, share=None):
        self.conn = conn or Connection(base.hostname, base.port, timeout)
        self.cookies = share.cookies if share else {}
        self.csrf = share.csrf if share else ""

    async def call(self, method, path, body=b"", headers=None, json_body=None):
        headers = dict(headers or {})
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if method not in ("GET", "HEAD") and self.csrf:
            headers["X-CSRF-Token"] = self.csrf
        if json_body is not None:
            body = json.dumps(json_body).encode()
            headers["Content-Type"] = "application/json"
        status, response_headers, data = await self.conn.request(method, path, headers, body)
        for name, value in response_headers:
            if name == "set-cookie":
                pair = value.split(";", 1)[0]
                if "=" in pair:
                    k, v = pair.split("=", 1)
                    self.cookies[k.strip()] = v.strip()
        return status, data

    async def sign_in(self, username, password):
        status, data = await self.call("POST", "/api/v1/session",
                                       json_body={"username": username, "password": password})
        if status != 200:
            raise Failure(f"sign-in of {username}: {status} {data[:200]!r}")
        answer = json.loads(data)
        self.csrf = answer["csrf_token"]
        return answer


# --- 2. Statistics -------------------------------------------------------------------------

class Stats:
    def __init__(self):
        self.times = {}    # class -> [ms]
        self.errors = {}   # class -> count
        self.examples = {}  # class -> first few error texts
        self.measuring = False

    def add(self, name, ms):
        if self.measuring:
            self.times.setdefault(name, []).append(ms)

    def error(self, name, text):
        if not self.measuring:
            return
        self.errors[name] = self.errors.get(name, 0) + 1
        self.examples.setdefault(name, [])
        if len(self.examples[name]) < 3:
            self.examples[name].append(text)


def pct(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, math.ceil(p / 100 * len(ordered)) - 1))]


# --- 3. The users --------------------------------------------------------------------------

class World:
    """What the first list pages showed: per regency district codes, name words, worker ids."""

    def __init__(self):
        self.regencies = {}  # code -> {"districts": [...], "words": [...], "ids": [...]}


def role_kind(account):
    return "province" if len(account["scope"]) == 2 else account["role"]


class User:
    def __init__(self, number, account, session, args, base, stats, world, gate, rng):
        self.number, self.account, self.args = number, account, args
        self.session = Session(base, args.timeout, share=session)
        self.stats, self.world, self.gate, self.rng = stats, world, gate, rng
        self.kind = role_kind(account)
        choices = MIX[self.kind]
        self.actions = list(choices)
        self.weights = [choices[a] for a in self.actions]

    def regency(self):
        if self.kind == "province":
            return self.rng.choice(sorted(self.world.regencies))
        return self.account["scope"]

    async def timed(self, name, method, path, expect=(200,), **kw):
        start = time.perf_counter()
        try:
            status, data = await self.session.call(method, path, **kw)
        except (Failure, OSError, asyncio.TimeoutError) as e:
            text = "connection closed before the answer" if str(e) == "closed" else str(e)
            self.stats.error(name, f"{method} {path}: {e.__class__.__name__} {text}")
            return None, None
        ms = (time.perf_counter() - start) * 1000
        if status not in expect:
            self.stats.error(name, f"{method} {path}: {status} {data[:160]!r}")
            return status, None
        self.stats.add(name, ms)
        return status, data

    def search_path(self, code):
        info = self.world.regencies[code]
        query = {"page": self.rng.randint(1, 5), "page_size": 50}
        r = self.rng.random()
        if r < 0.4 and info["words"]:
            query["q"] = self.rng.choice(info["words"])
            query["page"] = 1
        elif r < 0.7 and info["districts"]:
            query["district"] = self.rng.choice(info["districts"])
        if self.rng.random() < 0.3:
            query["sort"] = self.rng.choice(["name", "-updated_at", "district"])
        if self.rng.random() < 0.2:
            query["sex"] = self.rng.choice(["L", "P"])
        return f"/api/v1/regencies/{code}/workers?" + urllib.parse.urlencode(query)

    async def act(self, action):
        code = self.regency()
        info = self.world.regencies[code]
        base = f"/api/v1/regencies/{code}"
        if action == "search":
            status, data = await self.timed("search", "GET", self.search_path(code))
            if data:
                items = json.loads(data)["items"]
                if items:
                    ids = info["ids"]
                    ids[self.rng.randrange(len(ids))] = self.rng.choice(items)["id"]
        elif action == "worker":
            await self.timed("worker", "GET", f"{base}/workers/{self.rng.choice(info['ids'])}")
        elif action == "dashboard":
            await self.timed("dashboard", "GET", f"{base}/dashboard")
        elif action == "coverage":
            await self.timed("coverage", "GET", f"{base}/coverage")
        elif action == "villages":
            district = self.rng.choice(info["districts"])
            await self.timed("villages", "GET", f"{base}/coverage/districts/{district}")
        elif action == "province":
            await self.timed("province", "GET", f"/api/v1/provinces/{self.account['scope']}/coverage")
        elif action in ("export-csv", "export-xlsx"):
            query = {"district": self.rng.choice(info["districts"]), "format": action[7:]}
            await self.timed(action, "GET", f"{base}/workers/export?" + urllib.parse.urlencode(query))
        elif action == "report-xlsx":
            await self.timed("report-xlsx", "GET", f"{base}/monev.xlsx")
        elif action == "import":
            if code in self.gate.files and self.gate.take():
                await self.run_import(code)
            else:
                await self.act("search")

    async def run_import(self, code):
        base = f"/api/v1/regencies/{code}"
        data = self.gate.csv_for(code, self.rng)
        query = urllib.parse.urlencode({"source": "Uji beban", "source_kind": "office"})
        started = time.perf_counter()
        status, body = await self.timed("import-upload", "POST", f"{base}/imports?{query}",
                                        expect=(202,), body=data,
                                        headers={"Content-Type": "text/csv",
                                                 "X-File-Name": f"beban-{self.number}.csv"})
        if not body:
            return
        job = json.loads(body)["job"]
        job = await self.poll(base, job, "parsing")
        if job is None:
            return
        if job["state"] != "preview" or job["error"]:
            self.stats.error("import", f"preview: {job['state']} {job['error']}")
            return
        status, body = await self.timed("import-commit", "POST",
                                        f"{base}/imports/jobs/{job['id']}/commit", expect=(202,))
        if not body:
            return
        job = await self.poll(base, json.loads(body)["job"], "committing")
        if job is None:
            return
        if job["state"] != "done":
            self.stats.error("import", f"commit: {job['state']} {job['error']}")
            return
        self.stats.add("import", (time.perf_counter() - started) * 1000)

    async def poll(self, base, job, state):
        deadline = time.monotonic() + 120
        while job["state"] == state:
            if time.monotonic() > deadline:
                self.stats.error("import", f"job {job['id']} still {state} after 120 s")
                return None
            await asyncio.sleep(0.25)
            _, body = await self.timed("import-poll", "GET", f"{base}/imports/jobs/{job['id']}")
            if not body:
                return None
            job = json.loads(body)["job"]
        return job

    async def run(self, stop_at):
        while time.monotonic() < stop_at:
            # A think time that outlasts the run ends with it (the run's length stays its own).
            await asyncio.sleep(min(self.rng.expovariate(1000 / self.args.think_ms),
                                    max(0.0, stop_at - time.monotonic())))
            if time.monotonic() >= stop_at:
                break
            await self.act(self.rng.choices(self.actions, self.weights)[0])
        await self.session.conn.close()


class ImportGate:
    """At most one import starts every `every` seconds across all users; each upload is the
    regency's CSV with its phone column set to fresh numbers, so the commit updates rows."""

    def __init__(self, folder, every):
        self.every, self.next, self.count = every, 0.0, 0
        self.files = {}  # code -> (header, rows)
        for name in sorted(os.listdir(folder)) if folder else []:
            if name.endswith(".csv"):
                with open(os.path.join(folder, name), newline="", encoding="utf-8") as f:
                    rows = list(csv.reader(f))
                self.files[name[:-4]] = (rows[0], rows[1:])

    def take(self):
        now = time.monotonic()
        if now < self.next:
            return False
        self.next = now + self.every
        self.count += 1
        return True

    def csv_for(self, code, rng):
        header, rows = self.files[code]
        phone = header.index("phone") if "phone" in header else None
        out = io.StringIO()
        w = csv.writer(out, lineterminator="\n")
        w.writerow(header)
        for row in rows:
            row = list(row)
            if phone is not None:
                row[phone] = "08" + "".join(rng.choice("0123456789") for _ in range(10))
            w.writerow(row)
        return out.getvalue().encode()


# --- 4. Memory -----------------------------------------------------------------------------

def memory_of(pid):
    values = {}
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            key, _, rest = line.partition(":")
            if key in ("VmRSS", "RssAnon", "RssFile"):
                values[key] = int(rest.split()[0]) / 1024  # MB
    return values


async def sample_memory(pid, samples, stop):
    while not stop.is_set():
        try:
            samples.append((time.monotonic(), memory_of(pid)))
        except OSError:
            samples.append((time.monotonic(), None))
        try:
            await asyncio.wait_for(stop.wait(), 1)
        except asyncio.TimeoutError:
            pass


# --- 5. The run ----------------------------------------------------------------------------

async def prepare(args, base, accounts):
    """Changes first passwords; returns the world seen from each regency's first page."""
    for account in accounts:
        s = Session(base, args.timeout)
        answer = await s.sign_in(account["username"], account["password"])
        if answer.get("must_change_password"):
            new = account["password"] + "-Beban9"
            status, data = await s.call("POST", "/api/v1/session/password",
                                        json_body={"current_password": account["password"],
                                                   "new_password": new})
            if status not in (200, 204):
                raise Failure(f"password change of {account['username']}: {status} {data[:200]!r}")
            account["password"] = new
        await s.conn.close()
    world = World()
    regencies = sorted({a["scope"] for a in accounts if len(a["scope"]) == 5})
    reader = next(a for a in accounts if len(a["scope"]) == 2) if any(
        len(a["scope"]) == 2 for a in accounts) else None
    for code in regencies:
        account = reader or next(a for a in accounts if a["scope"] == code)
        s = Session(base, args.timeout)
        await s.sign_in(account["username"], account["password"])
        ids, words, districts = [], set(), set()
        for page in (1, 2, 3):
            status, data = await s.call("GET", f"/api/v1/regencies/{code}/workers?page={page}&page_size=100")
            if status != 200:
                raise Failure(f"first pages of {code}: {status} {data[:200]!r}")
            for item in json.loads(data)["items"]:
                ids.append(item["id"])
                districts.add(item["district_code"])
                parts = item["name"].split()
                if parts:
                    words.add(parts[0].lower())
        await s.conn.close()
        if not ids:
            raise Failure(f"regency {code} has no workers to search")
        world.regencies[code] = {"ids": ids, "words": sorted(words), "districts": sorted(districts)}
    return world


async def sign_in_all(sessions):
    semaphore = asyncio.Semaphore(4)

    async def one(session, account):
        async with semaphore:
            await session.sign_in(account["username"], account["password"])
            await session.conn.close()
    await asyncio.gather(*(one(s, a) for s, a in sessions))


def progress(stats, started, duration, samples):
    if not sys.stderr.isatty():
        return
    done = sum(len(v) for v in stats.times.values())
    errors = sum(stats.errors.values())
    rss = samples[-1][1] if samples and samples[-1][1] else {}
    elapsed = time.monotonic() - started
    sys.stderr.write(f"\r  {elapsed:5.0f}/{duration:.0f} s  {done} requests  {errors} errors  "
                     f"RssAnon {rss.get('RssAnon', 0):.0f} MB  ")
    sys.stderr.flush()


async def main():
    args = parse_args()
    base = urllib.parse.urlparse(args.base)
    with open(args.accounts) as f:
        accounts = json.load(f)
    rng = random.Random(args.seed)
    world = await prepare(args, base, accounts)
    stats = Stats()
    gate = ImportGate(args.import_dir, args.import_every)
    # Session s belongs to account s mod len; user i uses session i mod count, so every
    # account's users share its sessions.
    count = min(args.users, args.sessions or args.users)
    sessions = [(Session(base, args.timeout), accounts[s % len(accounts)]) for s in range(count)]
    t0 = time.monotonic()
    await sign_in_all(sessions)
    signed_in = time.monotonic() - t0
    users = [User(i, sessions[i % count][1], sessions[i % count][0], args, base, stats, world,
                  gate, random.Random(rng.random())) for i in range(args.users)]
    samples, stop = [], asyncio.Event()
    sampler = asyncio.create_task(sample_memory(args.pid, samples, stop))
    stats.measuring = True
    started = time.monotonic()
    stop_at = started + args.duration
    tasks = [asyncio.create_task(u.run(stop_at)) for u in users]
    while not all(t.done() for t in tasks):
        await asyncio.wait(tasks, timeout=1)
        progress(stats, started, args.duration, samples)
    for t in tasks:
        t.result()  # a bug in the driver itself ends the run loudly
    elapsed = time.monotonic() - started
    stop.set()
    await sampler
    if sys.stderr.isatty():
        sys.stderr.write("\n")
    return report(args, stats, samples, elapsed, signed_in, accounts, gate)


def report(args, stats, samples, elapsed, signed_in, accounts, gate):
    failures = []
    rows = []
    print(f"{args.users} users on {len(accounts)} accounts ({', '.join(sorted({role_kind(a) for a in accounts}))}), "
          f"think time mean {args.think_ms:.0f} ms, {elapsed:.0f} s of load "
          f"(signing {min(args.users, args.sessions or args.users)} sessions in took {signed_in:.1f} s, not counted); "
          f"{gate.count} imports started")
    print()
    print("| class | requests | errors | p50 ms | p95 ms | p99 ms | max ms | goal |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |")
    total = 0
    for name in sorted(set(stats.times) | set(stats.errors)):
        times = stats.times.get(name, [])
        errors = stats.errors.get(name, 0)
        total += len(times) + errors
        goal = ""
        if name in PAGE_CLASSES and times:
            ok = pct(times, 99) <= args.page_p99_ms
            goal = f"p99 <= {args.page_p99_ms:.0f}: {'met' if ok else 'MISSED'}"
            if not ok:
                failures.append(f"{name}: p99 {pct(times, 99):.0f} ms > {args.page_p99_ms:.0f} ms")
            if args.page_p50_ms:
                ok = statistics.median(times) <= args.page_p50_ms
                goal += f", p50 <= {args.page_p50_ms:.0f}: {'met' if ok else 'MISSED'}"
                if not ok:
                    failures.append(f"{name}: p50 {statistics.median(times):.0f} ms > "
                                    f"{args.page_p50_ms:.0f} ms")
        if errors:
            failures.append(f"{name}: {errors} errors, e.g. {stats.examples[name][0]}")
        cells = ([f"{statistics.median(times):.1f}", f"{pct(times, 95):.1f}", f"{pct(times, 99):.1f}",
                  f"{max(times):.1f}"] if times else ["-"] * 4)
        rows.append({"class": name, "requests": len(times), "errors": errors,
                     **({"p50": statistics.median(times), "p95": pct(times, 95),
                         "p99": pct(times, 99), "max": max(times)} if times else {})})
        print(f"| {name} | {len(times)} | {errors} | {' | '.join(cells)} | {goal} |")
    print()
    print(f"{total} requests in {elapsed:.0f} s: {total / elapsed:.0f} per second")

    good = [(t, m) for t, m in samples if m]
    memory = {}
    if len(good) < len(samples):
        failures.append("the server's memory could not be read (did it exit?)")
    if len(good) >= 10:
        n = len(good)
        second = [m["RssAnon"] for _, m in good[n // 5:2 * n // 5]]
        last = [m["RssAnon"] for _, m in good[4 * n // 5:]]
        a, b = statistics.median(second), statistics.median(last)
        bound = a * (1 + args.memory_tolerance) + args.memory_slack_mb
        flat = b <= bound
        memory = {"rss_anon_second_fifth_mb": a, "rss_anon_last_fifth_mb": b, "bound_mb": bound,
                  "rss_max_mb": max(m["VmRSS"] for _, m in good),
                  "rss_anon_max_mb": max(m["RssAnon"] for _, m in good),
                  "rss_first_mb": good[0][1]["VmRSS"], "rss_last_mb": good[-1][1]["VmRSS"],
                  "flat": flat}
        print(f"memory (server pid {args.pid}, {n} samples): RssAnon median {a:.0f} MB in the second "
              f"fifth, {b:.0f} MB in the last (bound {bound:.0f} MB: {'flat' if flat else 'NOT flat'}); "
              f"max RssAnon {memory['rss_anon_max_mb']:.0f} MB; VmRSS {memory['rss_first_mb']:.0f} -> "
              f"{memory['rss_last_mb']:.0f} MB (max {memory['rss_max_mb']:.0f})")
        if not flat:
            failures.append(f"memory grew: RssAnon {a:.0f} -> {b:.0f} MB (bound {bound:.0f})")
    else:
        failures.append("too few memory samples")
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"users": args.users, "sessions": min(args.users, args.sessions or args.users), "duration_s": elapsed, "think_ms": args.think_ms,
                       "classes": rows, "memory": memory, "imports": gate.count,
                       "failures": failures, "examples": stats.examples}, f, indent=1)
    if failures:
        print("FAILED:")
        for line in failures:
            print(f"  {line}")
        return 1
    print("all goals met: no errors, page p99 within the bound, memory flat")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(asyncio.run(main()))
    except Failure as e:
        sys.exit(f"load.py: {e}")
