#!/usr/bin/env python3
"""Registry list/search latency through the real HTTP server (issue 4: p95 <= 50 ms per page).

  latency.py BASE_URL [REGENCY] [REPEAT]

Signs in as the demo operator, then calls GET /api/v1/regencies/{code}/workers with each query
below REPEAT times (sequentially, one keep-alive connection per request as a browser would
reuse), and prints p50/p95/max per query in milliseconds plus the overall p95. Queries vary
the page so that no two calls of one query read the same rows where that makes sense.
"""
import http.client
import json
import statistics
import sys
import time
import urllib.parse

base = urllib.parse.urlparse(sys.argv[1])
regency = sys.argv[2] if len(sys.argv) > 2 else "35.14"
repeat = int(sys.argv[3]) if len(sys.argv) > 3 else 30

conn = http.client.HTTPConnection(base.hostname, base.port, timeout=60)


def request(method, path, body=None, headers=None):
    conn.request(method, path, body=body, headers=headers or {})
    response = conn.getresponse()
    data = response.read()
    return response, data


response, data = request("POST", "/api/v1/session",
                         json.dumps({"username": "operator", "password": "demo-jaring-2025"}),
                         {"Content-Type": "application/json"})
if response.status != 200:
    sys.exit(f"sign-in failed: {response.status} {data[:200]!r}")
cookie = response.getheader("Set-Cookie").split(";")[0]

QUERIES = [
    ("first page, sort name", "sort=name&page={p}"),
    ("sort -updated_at", "sort=-updated_at&page={p}"),
    ("sort birth_date", "sort=birth_date&page={p}"),
    ("sort -nik", "sort=-nik&page={p}"),
    ("district + sort district", "district=35.14.05&sort=district&page={p}"),
    ("village", "village=35.14.01.2001&page={p}"),
    ("status calon", "status=calon&page={p}"),
    ("occupation nelayan", "occupation=nelayan&page={p}"),
    ("sex P + age 45-54", "sex=P&age_band=45-54&page={p}"),
    ("age 45-54", "age_band=45-54&page={p}"),
    ("status meninggal (none)", "status=meninggal&page={p}"),
    ("has_issues", "has_issues=true&page={p}"),
    ("source exact", "source=Dinas%20Pertanian&page={p}"),
    ("page 200 (offset 9,950)", "page=200"),
    ("NIK prefix 4 digits (every worker)", "q=3514&page={p}"),
    ("NIK prefix 6 digits", "q=3514{d2}"),
    ("NIK prefix 10 digits", "q=35140{d1}2909"),
    ("name exact", "q=Mohammad%20Sanusi"),
    ("name misspelt (old spelling)", "q=Moehammad%20Sanoesi"),
    ("name prefix", "q=Sit"),
    ("name + district", "q=Ahmad&district=35.14.02"),
    ("village + sort birth_date", "village=35.14.01.2001&sort=birth_date&page={p}"),
    ("district + sort -updated_at", "district=35.14.05&sort=-updated_at&page={p}"),
    # Filters with many matches under the sorts that no filter index provides:
    ("largest district + sort -updated_at", "district=35.14.06&sort=-updated_at&page={p}"),
    ("largest district + sort birth_date", "district=35.14.06&sort=birth_date&page={p}"),
    ("district + sort -nik", "district=35.14.05&sort=-nik&page={p}"),
    ("occupation petani + sort -updated_at", "occupation=petani&sort=-updated_at&page={p}"),
    ("occupation nelayan + sort birth_date", "occupation=nelayan&sort=birth_date&page={p}"),
    ("status calon + sort -updated_at", "status=calon&sort=-updated_at&page={p}"),
    ("source exact + sort -nik", "source=Dinas%20Pertanian&sort=-nik&page={p}"),
    ("sex P + sort -updated_at", "sex=P&sort=-updated_at&page={p}"),
    ("age 45-54 + sort -updated_at", "age_band=45-54&sort=-updated_at&page={p}"),
    ("name prefix + sort birth_date", "q=Sit&sort=birth_date&page={p}"),
]

overall = []
rows = []
for label, template in QUERIES:
    times = []
    total = None
    for i in range(repeat):
        query = template.format(p=1 + i % 5, d1=1 + i % 9, d2=f"{1 + i % 9:02d}")
        path = f"/api/v1/regencies/{regency}/workers?{query}"
        start = time.perf_counter()
        response, data = request("GET", path, headers={"Cookie": cookie})
        elapsed = (time.perf_counter() - start) * 1000
        if response.status != 200:
            sys.exit(f"{path}: {response.status} {data[:300]!r}")
        body = json.loads(data)
        # total_exact false: more than `total` match (counted up to 10,000 or the page's end).
        total = f"{body['total']:,}" if body.get("total_exact", True) else f"> {body['total']:,}"
        times.append(elapsed)
    times.sort()
    p50 = statistics.median(times)
    p95 = times[max(0, int(round(0.95 * len(times))) - 1)]
    overall.extend(times)
    rows.append((label, total, p50, p95, times[-1]))

print(f"| query | total | p50 ms | p95 ms | max ms |")
print(f"| --- | ---: | ---: | ---: | ---: |")
for label, total, p50, p95, worst in rows:
    print(f"| {label} | {total} | {p50:.1f} | {p95:.1f} | {worst:.1f} |")
overall.sort()
print(f"\nall {len(overall)} requests: p50 {statistics.median(overall):.1f} ms, "
      f"p95 {overall[int(0.95 * len(overall)) - 1]:.1f} ms")
