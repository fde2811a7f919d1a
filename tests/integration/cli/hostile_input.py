#!/usr/bin/env python3
"""The hostile input catalogue (issue 17, item 5): every input of tests/data/hostile/manifest.json
fed through jaring's real entry points, `jaring import` and the HTTP API of `jaring serve`, on the
database given, and checked against what the manifest expects. See docs/hostile-input.md.

  hostile_input.py JARING DB_URL SQL_COMMAND WORK_DIR

SQL_COMMAND runs one SQL statement given as its last argument and prints the rows ("sqlite3 FILE"
or "psql URL -tAqc"). Prints one line per check and "hostile (LABEL): N passed, N failed";
exits 1 when a check failed.

Sections:
  generators   inputs too large or too binary to commit (zip bombs, 10 MB cells, deep nesting)
  runners      jaring import with its peak memory, jaring serve with an API token
  checks       the manifest's expectations; export scanning for formulas
"""
import csv
import http.client
import io
import json
import os
import re
import shlex
import shutil
import struct
import subprocess
import sys
import time
import urllib.parse
import zipfile
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "..", "..", "data", "hostile")
REGENCY = "35.14"
FIELDS = ["id", "nik", "kk", "name", "sex", "birth_place", "birth_date", "address",
          "village_code", "occupation", "phone"]

jaring, db, sql_command, work = sys.argv[1:5]
label = "postgresql" if db.startswith("postgres") else "sqlite"
passed = failed = 0
# The sanitizer build's jaring (make test runs the catalogue with it too) needs about four times
# the memory: its limits are scaled so.
ASAN = "libasan" in subprocess.run(["ldd", jaring], capture_output=True, text=True).stdout


def expect(name, ok, detail=""):
    global passed, failed
    if ok:
        passed += 1
        print(f"ok   {label}: {name}")
    else:
        failed += 1
        print(f"FAIL {label}: {name} {detail}"[:2000])


def sql(statement):
    out = subprocess.run(shlex.split(sql_command) + [statement], capture_output=True, text=True)
    if out.returncode != 0:
        raise RuntimeError(f"{statement}: {out.stderr}")
    return out.stdout.strip()


def count(table):
    return int(sql(f"SELECT count(*) FROM {table}") or 0)


# --- generators -----------------------------------------------------------------------------

def demo_rows():
    """The demo roster's rows as dicts (written once by `jaring demo`)."""
    path = os.path.join(work, "demo", "roster.csv")
    if not os.path.exists(path):
        subprocess.run([jaring, "demo", "--regency", REGENCY, "--workers", "60", "--seed", "11",
                        "--out", os.path.join(work, "demo")], check=True, capture_output=True)
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def write_csv(path, rows):
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, FIELDS, extrasaction="ignore")
        w.writeheader()
        w.writerows(rows)


def gen_roster(case, values):
    """Demo rows with each hostile value in each of the case's fields, one row per value; the
    last row also gets an invalid NIK, so that the quarantine report carries the values too."""
    rows = demo_rows()
    valid = [r for r in rows if r["nik"].isdigit() and len(r["nik"]) == 16]
    picked = valid[case["offset"]: case["offset"] + len(values) + 1]
    out = []
    for i, value in enumerate(values):
        row = dict(picked[i])
        for field in case["fields"]:
            row[field] = value
        out.append(row)
    bad = dict(picked[len(values)])
    for field in case["fields"]:
        bad[field] = values[0]
    bad["nik"] = "12345"
    out.append(bad)
    path = os.path.join(work, case["id"] + ".csv")
    write_csv(path, out)
    return path


def huge_cell_csv(path):
    row = dict(demo_rows()[0])
    row["address"] = "A" * (10 << 20)
    write_csv(path, [row])


def zip_entry(name, data, declared=None, raw=None):
    """(local header + data, central directory record builder) of a deflated entry. `raw` is
    already-deflated data and `declared` the uncompressed size to claim."""
    if raw is None:
        c = zlib.compressobj(6, zlib.DEFLATED, -15)
        raw = c.compress(data) + c.flush()
        declared = len(data) if declared is None else declared
        crc = zlib.crc32(data)
    else:
        crc = 0
    name_b = name.encode()
    local = struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0, crc, len(raw), declared,
                        len(name_b), 0) + name_b + raw

    def central(offset):
        return struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 8, 0, 0, crc, len(raw),
                           declared, len(name_b), 0, 0, 0, 0, 0, offset) + name_b
    return local, central


def write_zip(path, entries):
    with open(path, "wb") as f:
        centrals = []
        for local, central in entries:
            centrals.append(central(f.tell()))
            f.write(local)
        start = f.tell()
        for c in centrals:
            f.write(c)
        f.write(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(centrals), len(centrals),
                            f.tell() - start, start, 0))


NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def workbook_entries(shared=None):
    types = ('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
             'content-types"><Default Extension="xml" ContentType="application/xml"/>'
             '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
             'relationships+xml"/><Override PartName="/xl/workbook.xml" ContentType="application/'
             'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>')
    rels = (f'<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
            f'2006/relationships"><Relationship Id="rId1" Type="{REL}/officeDocument" '
            f'Target="xl/workbook.xml"/></Relationships>')
    book = (f'<?xml version="1.0"?><workbook {NS} xmlns:r="{REL}"><sheets><sheet name="Daftar" '
            f'sheetId="1" r:id="rId1"/></sheets></workbook>')
    book_rels = (f'<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/'
                 f'package/2006/relationships"><Relationship Id="rId1" Type="{REL}/worksheet" '
                 f'Target="worksheets/sheet1.xml"/>'
                 + (f'<Relationship Id="rId2" Type="{REL}/sharedStrings" '
                    f'Target="sharedStrings.xml"/>' if shared is not None else "")
                 + '</Relationships>')
    entries = [zip_entry("[Content_Types].xml", types.encode()),
               zip_entry("_rels/.rels", rels.encode()),
               zip_entry("xl/workbook.xml", book.encode()),
               zip_entry("xl/_rels/workbook.xml.rels", book_rels.encode())]
    if shared is not None:
        entries.append(zip_entry("xl/sharedStrings.xml", shared))
    return entries


def header_row():
    cells = "".join(f'<c t="inlineStr"><is><t>{f}</t></is></c>' for f in FIELDS)
    return f'<row r="1">{cells}</row>'


def sheet(rows_xml):
    return (f'<?xml version="1.0"?><worksheet {NS}><sheetData>{header_row()}{rows_xml}'
            f'</sheetData></worksheet>').encode()


def huge_cell_xlsx(path):
    row = demo_rows()[0]
    cells = "".join(f'<c t="inlineStr"><is><t>{row[f] if f != "address" else "A" * (10 << 20)}'
                    f'</t></is></c>' for f in FIELDS)
    write_zip(path, workbook_entries() + [zip_entry("xl/worksheets/sheet1.xml",
                                                    sheet(f'<row r="2">{cells}</row>'))])


def bomb_deflate(gigabytes):
    """Raw deflate of the start of a sheet followed by `gigabytes` GiB of spaces, built from one
    repeated block (seconds, not minutes): after a full flush the dictionary is empty, so the
    compressor's output for the same input is the same bytes, and such blocks concatenate."""
    start = sheet("").split(b"</sheetData>")[0]
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    prefix = c.compress(start) + c.flush(zlib.Z_FULL_FLUSH)
    chunk = b" " * (16 << 20)
    block = c.compress(chunk) + c.flush(zlib.Z_FULL_FLUSH)
    repeats = gigabytes * 64
    end = zlib.compressobj(9, zlib.DEFLATED, -15).flush()  # an empty final block
    return prefix + block * repeats + end, len(start) + repeats * len(chunk)


def zip_bomb(path, lying):
    raw, size = bomb_deflate(3)
    declared = 4096 if lying else size
    write_zip(path, workbook_entries() + [zip_entry("xl/worksheets/sheet1.xml", None,
                                                    declared=declared, raw=raw)])


def shared_strings(n_bytes):
    return (f'<?xml version="1.0"?><sst {NS} count="1" uniqueCount="1"><si><t>'
            f'{"B" * n_bytes}</t></si></sst>').encode()


def shared_strings_bomb(path, cells_per_row, rows):
    # One string of just under 1 MiB (max_cell_bytes), referenced by every cell.
    cells = '<c t="s"><v>0</v></c>' * cells_per_row
    body = "".join(f'<row r="{r}">{cells}</row>' for r in range(2, rows + 2))
    write_zip(path, workbook_entries(shared_strings(1000000)) +
              [zip_entry("xl/worksheets/sheet1.xml", sheet(body))])


def deep_xml(path):
    depth = 3_000_000
    body = '<row r="2"><c t="inlineStr"><is>' + "<t>" * depth + "x" + "</t>" * depth + "</is></c></row>"
    write_zip(path, workbook_entries() + [zip_entry("xl/worksheets/sheet1.xml", sheet(body))])


def generated(name, case=None):
    """The path of the generated input `name` ("gen:KIND"), written into the work folder."""
    kind = name[len("gen:"):]
    if kind == "roster":
        return gen_roster(case, manifest[case["rows"]])
    makers = {
        "huge_cell_csv": huge_cell_csv,
        "huge_cell_xlsx": huge_cell_xlsx,
        "zip_bomb_declared": lambda p: zip_bomb(p, lying=False),
        "zip_bomb_lying": lambda p: zip_bomb(p, lying=True),
        "shared_strings_bomb_row": lambda p: shared_strings_bomb(p, 16384, 1),
        "shared_strings_bomb_chunk": lambda p: shared_strings_bomb(p, 7, 2000),
        "deep_xml": deep_xml,
    }
    path = os.path.join(work, kind + (".csv" if kind.endswith("csv") else ".xlsx"))
    makers[kind](path)
    return path


# --- runners --------------------------------------------------------------------------------

def run_import(path, source="Uji masukan berbahaya", extra=()):
    """`jaring import` of `path`: (exit code, stdout, stderr, peak RSS in MB)."""
    out_path, err_path = os.path.join(work, "import.out"), os.path.join(work, "import.err")
    with open(out_path, "wb") as out, open(err_path, "wb") as err:
        p = subprocess.Popen([jaring, "import", path, "--regency", REGENCY, "--source", source,
                              "--db", db, "--json", *extra], stdout=out, stderr=err)
        _, status, usage = os.wait4(p.pid, 0)
        p.returncode = os.waitstatus_to_exitcode(status)
    return (p.returncode, open(out_path, encoding="utf-8", errors="replace").read(),
            open(err_path, encoding="utf-8", errors="replace").read(), usage.ru_maxrss / 1024)


def add_users():
    """An operator and a verifier of the regency, with passwords of their own."""
    for name, role in (("operator.hostile", "operator"), ("verif.hostile", "verifikator"),
                       ("admin.hostile", "admin_daerah")):
        subprocess.run([jaring, "user", "add", name, "--role", role, "--scope", REGENCY,
                        "--password-stdin", "--db", db], input=b"sandi-uji-hostile-17\n",
                       check=True, capture_output=True)


class Server:
    """`jaring serve` on a free port of loopback, with an API token of the operator (who signs
    in once to replace the temporary password, as every new account must)."""

    def __init__(self):
        self.log = open(os.path.join(work, "serve.log"), "wb")
        env = dict(os.environ, JARING_DATA_DIR=os.path.join(work, "data"))
        self.proc = subprocess.Popen([jaring, "serve", "--port", "0", "--db", db, "--web",
                                      os.path.join(work, "noweb")], stdout=self.log,
                                     stderr=subprocess.STDOUT, env=env)
        self.url = None
        for _ in range(300):
            m = re.search(rb"http://[0-9.:]+", open(self.log.name, "rb").read())
            if m:
                self.url = m.group(0).decode()
                break
            time.sleep(0.2)
        if self.url is None:
            raise RuntimeError("serve did not start: " + open(self.log.name).read())
        self.tokens = {}
        self.token = None
        for user in ("operator.hostile", "admin.hostile"):
            self.tokens[user] = self.first_sign_in(user)

    def first_sign_in(self, user):
        """Signs `user` in, replaces the temporary password, and returns an API token."""
        status, session, headers = self.request(
            "POST", "/api/v1/session",
            json.dumps({"username": user, "password": "sandi-uji-hostile-17"}).encode(),
            {"Content-Type": "application/json"})
        if status != 200:
            raise RuntimeError(f"sign-in of {user}: {status} {session}")
        cookie = headers["Set-Cookie"].split(";")[0]
        status, answer, _ = self.request(
            "POST", "/api/v1/session/password",
            json.dumps({"current_password": "sandi-uji-hostile-17",
                        "new_password": "sandi-baru-hostile-17"}).encode(),
            {"Content-Type": "application/json", "Cookie": cookie,
             "X-CSRF-Token": session["csrf_token"]})
        if status != 204:
            raise RuntimeError(f"password change of {user}: {status} {answer}")
        token = subprocess.run([jaring, "user", "token", user, "--label", "uji", "--db", db],
                               check=True, capture_output=True, text=True).stdout
        return re.search(r"jrg_[A-Za-z0-9_\-]+", token).group(0)

    def request(self, method, path, body=b"", headers=None):
        """(status, parsed JSON or text, headers). The body goes in pieces: a server that
        refuses it early (413) may close before the end, and its answer is still read."""
        host, port = self.url[len("http://"):].split(":")
        conn = http.client.HTTPConnection(host, int(port), timeout=60)
        try:
            conn.putrequest(method, path, skip_accept_encoding=True)
            for k, v in (headers or {}).items():
                conn.putheader(k, v)
            conn.putheader("Content-Length", str(len(body)))
            conn.endheaders()
            try:
                for at in range(0, len(body), 1 << 16):
                    conn.send(body[at:at + (1 << 16)])
            except (BrokenPipeError, ConnectionResetError):
                pass
            r = conn.getresponse()
            status, raw, got = r.status, r.read(), r.headers
        except (ConnectionError, http.client.HTTPException, OSError) as e:
            return 0, str(e), {}
        finally:
            conn.close()
        try:
            return status, json.loads(raw), got
        except ValueError:
            return status, raw.decode("utf-8", "replace"), got

    def call(self, method, path, body=b"", headers=None, user="operator.hostile"):
        """(status, parsed JSON or text) of a request with `user`'s API token."""
        h = {"Authorization": "Bearer " + self.tokens[user]} if user in self.tokens else {}
        h.update(headers or {})
        status, answer, _ = self.request(method, path, body, h)
        return status, answer

    def alive(self):
        return self.proc.poll() is None and self.call("GET", "/api/v1/health")[0] == 200

    def stop(self):
        self.proc.terminate()
        self.proc.wait(timeout=30)


# --- checks ---------------------------------------------------------------------------------

def looks_like_formula(cell):
    """csv.hpp's LooksLikeFormula: '=', '+', '-', '@', TAB or CR first (after spaces), but for
    signed numbers and dashes only."""
    text = cell.lstrip(" ")
    if not text:
        return False
    if text[0] in "=@\t\r":
        return True
    if text[0] in "+-":
        if set(text) <= {"-"}:
            return False
        return re.fullmatch(r"[+-][0-9]+([.,][0-9]+)?", text) is None
    return False


def csv_cells(path):
    with open(path, encoding="utf-8-sig", newline="") as f:
        return [c for row in csv.reader(f) for c in row]


def xlsx_cells(path):
    """Every cell's text of every sheet, and whether any cell holds a formula (<f>)."""
    z = zipfile.ZipFile(path)
    shared = []
    if "xl/sharedStrings.xml" in z.namelist():
        xml = z.read("xl/sharedStrings.xml").decode()
        shared = [unescape("".join(re.findall(r"<t[^>]*>(.*?)</t>", si, re.S)))
                  for si in re.findall(r"<si>(.*?)</si>", xml, re.S)]
    cells, formulas = [], False
    for name in z.namelist():
        if not name.startswith("xl/worksheets/sheet"):
            continue
        xml = z.read(name).decode()
        formulas = formulas or "<f>" in xml or "<f " in xml
        for attrs, inner in re.findall(r"<c([^>]*?)(?:/>|>(.*?)</c>)", xml, re.S):
            if 't="s"' in attrs:
                v = re.search(r"<v>(\d+)</v>", inner)
                if v:
                    cells.append(shared[int(v.group(1))])
            elif 't="inlineStr"' in attrs or 't="str"' in attrs:
                cells.append(unescape("".join(re.findall(r"<t[^>]*>(.*?)</t>", inner, re.S))))
    return cells, formulas


def unescape(text):
    text = re.sub(r"_x([0-9A-Fa-f]{4})_", lambda m: chr(int(m.group(1), 16)), text)
    return (text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"')
            .replace("&apos;", "'").replace("&#10;", "\n").replace("&#13;", "\r")
            .replace("&#9;", "\t").replace("&amp;", "&"))


def check_csv_export(name, path, must_contain):
    cells = csv_cells(path)
    raw = [c for c in cells if looks_like_formula(c)]
    expect(f"{name}: no cell a spreadsheet would run", not raw, repr(raw[:3]))
    for value in must_contain:
        expect(f"{name}: carries {value!r} behind an apostrophe", "'" + value in cells or
               "'" + value.strip() in cells, repr([c for c in cells if "cmd" in c or "HYPER" in c][:5]))


def check_xlsx_export(name, path, must_contain):
    cells, formulas = xlsx_cells(path)
    expect(f"{name}: no formula in any cell", not formulas)
    for value in must_contain:
        expect(f"{name}: carries {value!r} exactly, as text", value in cells,
               repr([c for c in cells if "cmd" in c or "HYPER" in c or "DROP" in c][:5]))


def selected(cases):
    """The cases whose id matches $HOSTILE_CASES (a regular expression; all when unset)."""
    pattern = re.compile(os.environ.get("HOSTILE_CASES", ""))
    return [c for c in cases if pattern.search(c["id"])]


def run_imports():
    for case in selected(manifest["imports"]):
        cid, exp = case["id"], case["expect"]
        if case["input"].startswith("gen:"):
            path = generated(case["input"], case)
        else:  # a copy: the quarantine report is written beside the input, not into the sources
            path = os.path.join(work, case["input"])
            shutil.copyfile(os.path.join(DATA, case["input"]), path)
        before = {t: count(t) for t in ("workers", "import_batches", "quarantine_rows")}
        started = time.monotonic()
        code, out, err, rss = run_import(path, case.get("source", "Uji masukan berbahaya"))
        took = time.monotonic() - started
        expect(f"{cid}: exit {exp['exit']} ({took:.1f} s, {rss:.0f} MB)", code == exp["exit"],
               f"exit {code}: {err.strip()[:300]}")
        if "message" in exp:
            expect(f"{cid}: says why, in Indonesian ({err.strip()[:140]!r})", exp["message"] in err)
        if "max_rss_mb" in exp:
            limit = exp["max_rss_mb"] * (4 if ASAN else 1)
            expect(f"{cid}: memory stays under {limit} MB", rss < limit, f"{rss:.0f} MB")
        if exp.get("stored_nothing"):
            after = {t: count(t) for t in before}
            expect(f"{cid}: nothing half-stored", after == before, f"{before} -> {after}")
        if exp.get("tables_intact"):
            expect(f"{cid}: tables intact, audit chain verifies",
                   count("workers") >= before["workers"] and
                   subprocess.run([jaring, "audit", "verify", "--db", db],
                                  capture_output=True).returncode == 0)
        if code != 0:
            continue
        summary = json.loads(out.strip().splitlines()[-1])
        print(f"     {cid}: {json.dumps(summary)}")
        if "quarantined_codes" in exp:
            issues = {k: v for k, v in summary["issues"].items()
                      if k in exp["quarantined_codes"] or k == "ENCODING_GUESSED"}
            expect(f"{cid}: quarantined as {exp['quarantined_codes']}",
                   issues == exp["quarantined_codes"], json.dumps(summary))
        stored = stored_rows()
        for field in exp.get("stored_verbatim", []):
            values = manifest[case["rows"]]
            missing = [v for v in values if v.strip(" \t\r") not in stored.get(field, set())
                       and v not in stored.get(field, set())]
            expect(f"{cid}: {field} stored verbatim", not missing, repr(missing))
        names = stored.get("name", set()) | stored.get("name_original", set())
        for name in exp.get("names_present", []):
            expect(f"{cid}: name {name!r} kept", name in names)
        for name in exp.get("names_absent", []):
            expect(f"{cid}: no mangled {name!r}", not any(name in n for n in names))
        if exp.get("all_text_utf8"):
            # Reaching here through PostgreSQL already proves it; SQLite stores any bytes.
            raw = sql("SELECT name FROM workers")
            expect(f"{cid}: stored text is UTF-8", "\ufffd" not in raw)


def stored_rows():
    """Each text column of the regency's workers: the set of its values (one query per column,
    since the values hold the separators a row would be printed with)."""
    out = {}
    for field in ("name", "name_original", "birth_place", "address", "phone"):
        values = sql(f"SELECT {field} FROM workers WHERE regency_code = '{REGENCY}'")
        out[field] = set(values.splitlines())
    return out


def run_exports():
    if not selected([{"id": "formula-in-text-fields"}]):
        return
    formulas = [v for v in manifest["formula_values"]]
    # Values as stored: the reader trims surrounding whitespace, so "\t=1+1" is "=1+1".
    stored = [v.strip(" \t\r") for v in formulas]
    reg_csv, reg_xlsx = os.path.join(work, "registry.csv"), os.path.join(work, "registry.xlsx")
    for path in (reg_csv, reg_xlsx):
        r = subprocess.run([jaring, "export", "--regency", REGENCY, "--out", path, "--db", db],
                           capture_output=True, text=True)
        expect(f"export {os.path.basename(path)}", r.returncode == 0, r.stderr)
    check_csv_export("registry CSV", reg_csv, stored)
    check_xlsx_export("registry XLSX", reg_xlsx, stored)
    report = os.path.join(work, "formula-in-text-fields.karantina.xlsx")
    expect("quarantine report written", os.path.exists(report))
    if os.path.exists(report):
        check_xlsx_export("quarantine report XLSX", report, [stored[0]])
    run = subprocess.run([jaring, "verval", "run", "--regency", REGENCY, "--period", "2025-09",
                          "--db", db], capture_output=True, text=True)
    expect("verval run", run.returncode == 0, run.stderr)
    findings = os.path.join(work, "findings.csv")
    r = subprocess.run([jaring, "verval", "findings", "--regency", REGENCY, "--period", "2025-09",
                        "--out", findings, "--db", db], capture_output=True, text=True)
    expect("verval findings CSV", r.returncode == 0, r.stderr)
    if r.returncode == 0:
        check_csv_export("verval findings CSV", findings, [])
    for step in (["verval", "decide", "--regency", REGENCY, "--period", "2025-09", "--all",
                  "--accept", "--reason", "diperiksa", "--as", "verif.hostile"],
                 ["verval", "settle", "--regency", REGENCY, "--period", "2025-09", "--as",
                  "verif.hostile", "--minutes", os.path.join(work, "ba.pdf")]):
        r = subprocess.run([jaring, *step, "--db", db], capture_output=True, text=True)
        expect(" ".join(step[:2]), r.returncode == 0, r.stderr)
    r = subprocess.run([jaring, "program", "add", "--regency", REGENCY, "--name",
                        "Program uji =HYPERLINK(\"x\")", "--funding", "DBHCHT", "--budget",
                        "100000000", "--from", "2025-09", "--to", "2025-12", "--db", db, "--json"],
                       capture_output=True, text=True)
    expect("program add", r.returncode == 0, r.stderr)
    if r.returncode != 0:
        return
    program = json.loads(r.stdout.strip().splitlines()[-1])["id"]
    batch = os.path.join(work, "enrol.xlsx")
    r = subprocess.run([jaring, "enrol", "batch", "--program", str(program), "--period", "2025-09",
                        "--out", batch, "--as", "operator.hostile", "--db", db, "--json"],
                       capture_output=True, text=True)
    expect("enrol batch", r.returncode == 0, r.stderr)
    if r.returncode == 0:
        # BPJS's file keeps exact values: no apostrophe, text cells that Excel shows as text.
        check_xlsx_export("enrolment file to BPJS (XLSX)", batch, [stored[1]])


def run_http():
    # The SQL roster: imported by its case, or here when that case was not selected.
    sql_case = next(c for c in manifest["imports"] if c["id"] == "sql-in-text-fields")
    roster_path = os.path.join(work, "sql-in-text-fields.csv")
    if not os.path.exists(roster_path):
        run_import(generated(sql_case["input"], sql_case))
    roster = open(roster_path, "rb").read()
    server = Server()
    try:
        workers = server.call("GET", f"/api/v1/regencies/{REGENCY}/workers?page_size=5")[1]
        worker = workers["items"][0]["id"]
        for case in selected(manifest["http"]):
            cid, exp = case["id"], case["expect"]
            tag = str(os.getpid())
            body = case.get("body", b"")
            if isinstance(body, dict):
                body = json.dumps(body).encode()
            elif body == "gen:deep_json":
                body = b'{"address":' + b"[" * 400000 + b"]" * 400000 + b"}"
            elif body == "gen:deep_geojson":
                body = (b'{"type":"FeatureCollection","features":[{"properties":{"kode":"35.14.01"},'
                        b'"geometry":{"type":"Polygon","coordinates":' + b"[" * 2000000 +
                        b"]" * 2000000 + b"}}]}")
            elif body == "gen:huge_json_field":
                body = b'{"address":"' + b"A" * (10 << 20) + b'"}'
            elif body == "gen:invalid_utf8_json":
                body = b'{"address":"Jl. \xff\xfe Mawar"}'
            name = case.get("file_name", "")
            if name == "gen:overlong_name":
                name = "daftar-" + "é" * 400 + ".csv"
            name = name.replace("%s", tag)
            header = name if case.get("raw_header") else urllib.parse.quote(name, safe="")
            before = {t: count(t) for t in ("workers", "audit_log")}
            if case["call"] == "import_upload":
                status, answer = server.call("POST", f"/api/v1/regencies/{REGENCY}/imports"
                                             "?source=Uji&source_kind=office", roster,
                                             {"X-File-Name": header, "Content-Type": "text/csv"})
            elif case["call"] == "boundaries_upload":
                status, answer = server.call("POST", f"/api/v1/regencies/{REGENCY}/boundaries",
                                             body or b"{}", {"X-File-Name": header},
                                             user="admin.hostile")
            elif case["call"] == "edit_worker":
                status, answer = server.call("PATCH", f"/api/v1/regencies/{REGENCY}/workers/{worker}",
                                             body, {"Content-Type": "application/json"})
            else:  # set_status
                payload = json.loads(body)
                payload["ids"] = [worker]
                status, answer = server.call("POST", f"/api/v1/regencies/{REGENCY}/workers/status",
                                             json.dumps(payload).encode(),
                                             {"Content-Type": "application/json"})
            expect(f"{cid}: HTTP {exp['status']}", status == exp["status"],
                   f"got {status}: {str(answer)[:300]}")
            text = json.dumps(answer, ensure_ascii=False) if not isinstance(answer, str) else answer
            if isinstance(answer, dict) and "job" in answer:
                answer = answer["job"]
            if "message" in exp:
                expect(f"{cid}: says why ({text[:120]})", exp["message"] in text)
            if "shown_name" in exp and isinstance(answer, dict):
                expect(f"{cid}: file name shown as {exp['shown_name'].replace('%s', tag)!r}",
                       answer.get("file_name") == exp["shown_name"].replace("%s", tag),
                       repr(answer.get("file_name")))
            if "shown_name_max_bytes" in exp and isinstance(answer, dict):
                shown = answer.get("file_name", "")
                expect(f"{cid}: file name cut to {len(shown.encode())} bytes, whole characters",
                       0 < len(shown.encode()) <= exp["shown_name_max_bytes"] and "\ufffd" not in shown)
            if "no_file" in exp:
                expect(f"{cid}: nothing written outside jaring's folders",
                       not os.path.exists(exp["no_file"].replace("%s", tag)))
            if "file_unchanged" in exp:
                expect(f"{cid}: {exp['file_unchanged']} untouched",
                       time.time() - os.path.getmtime(exp["file_unchanged"]) > 60)
            if exp.get("server_alive"):
                expect(f"{cid}: server still answers", server.alive())
            if exp.get("stored_verbatim"):
                got = server.call("GET", f"/api/v1/regencies/{REGENCY}/workers/{worker}")[1]
                sent = json.loads(body)
                shown = {k: got.get("worker", got).get(k) for k in sent}
                # The address is kept as typed; a birth place is stored in display case.
                same = all(shown[k] == v if k == "address" else
                           (shown[k] or "").casefold() == v.casefold() for k, v in sent.items())
                expect(f"{cid}: stored verbatim", same, f"{shown} != {sent}")
            if exp.get("tables_intact"):
                expect(f"{cid}: tables intact", count("workers") == before["workers"] and
                       count("audit_log") > before["audit_log"])
        expect("server survived the catalogue", server.alive())
    finally:
        server.stop()


manifest = json.load(open(os.path.join(DATA, "manifest.json"), encoding="utf-8"))
os.makedirs(os.path.join(work, "noweb"), exist_ok=True)
subprocess.run([jaring, "migrate", "--db", db], check=True, capture_output=True)
add_users()
run_imports()
run_exports()
run_http()
print(f"hostile ({label}): {passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
