#!/usr/bin/env python3
"""Test helper: reads a batch file jaring wrote (.xlsx) and writes a BPJS branch's answer to it
as CSV, with planted mismatches, the way a branch answers a collective registration.

  enrol_answer.py BATCH.xlsx ANSWER.csv [--name-differs N] [--rejected N] [--unknown N]
                  [--kpj-for NIK] [--omit-reference] [--start-mid N]

Prints the planted counts as JSON: {"rows","matched","name_differs","rejected","unknown",
"mid_month"}. --kpj-for adds one accepted row for NIK (a registry person the batch never held).
--start-mid N: the N accepted rows after the first accepted one start cover on 16 September
2025 instead of the 1st (their NIKs are listed in "mid_month"), for proration by day.
"""
import csv, json, sys, zipfile, re, xml.etree.ElementTree as ET

NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}


def read_rows(path, sheet_number=1):
    with zipfile.ZipFile(path) as z:
        shared = []
        if "xl/sharedStrings.xml" in z.namelist():
            root = ET.fromstring(z.read("xl/sharedStrings.xml"))
            shared = ["".join(t.text or "" for t in si.iter("{%s}t" % NS["m"])) for si in root]
        sheet = ET.fromstring(z.read("xl/worksheets/sheet%d.xml" % sheet_number))
    rows = []
    for row in sheet.iter("{%s}row" % NS["m"]):
        cells = {}
        for c in row.findall("m:c", NS):
            col = re.match(r"[A-Z]+", c.get("r")).group(0)
            index = 0
            for ch in col:
                index = index * 26 + ord(ch) - 64
            kind = c.get("t")
            if kind == "inlineStr":
                value = "".join(t.text or "" for t in c.iter("{%s}t" % NS["m"]))
            elif kind == "s":
                value = shared[int(c.find("m:v", NS).text)]
            else:
                v = c.find("m:v", NS)
                value = v.text if v is not None else ""
            cells[index - 1] = value
        rows.append([cells.get(i, "") for i in range(max(cells) + 1)] if cells else [])
    return rows


def main():
    args = sys.argv[1:]
    src, out = args[0], args[1]
    opts = {"--name-differs": 0, "--rejected": 0, "--unknown": 0}
    kpj_for, omit_reference, start_mid = None, False, 0
    i = 2
    while i < len(args):
        if args[i] == "--kpj-for":
            kpj_for = args[i + 1]; i += 2
        elif args[i] == "--omit-reference":
            omit_reference = True; i += 1
        elif args[i] == "--start-mid":
            start_mid = int(args[i + 1]); i += 2
        else:
            opts[args[i]] = int(args[i + 1]); i += 2
    rows = read_rows(src)
    header, body = rows[0], rows[1:]
    col = {name: header.index(name) for name in ("Referensi", "NIK", "Nama Lengkap")}
    planted = {"rows": 0, "matched": 0, "name_differs": 0, "rejected": 0, "unknown": 0,
               "mid_month": []}
    with open(out, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        head = ["NO", "NIK", "NAMA PESERTA", "NO KPJ", "TGL KEPESERTAAN", "STATUS", "KETERANGAN"]
        if not omit_reference:
            head.append("REFERENSI")
        w.writerow(head)
        for n, r in enumerate(body):
            nik, name, ref = r[col["NIK"]], r[col["Nama Lengkap"]], r[col["Referensi"]]
            kpj = "%011d" % (25090000000 + n)
            if n < opts["--rejected"]:
                line = [n + 1, nik, name, "", "", "Ditolak", "NIK tidak ditemukan di Dukcapil"]
                planted["rejected"] += 1
            elif n < opts["--rejected"] + opts["--name-differs"]:
                line = [n + 1, nik, name + " Wati", kpj, "01/09/2025", "Diterima", ""]
                planted["name_differs"] += 1
            else:
                start = "01/09/2025"
                if 0 < planted["matched"] <= start_mid:
                    start = "16/09/2025"
                    planted["mid_month"].append(nik)
                line = [n + 1, nik, name.upper(), kpj, start, "Diterima", ""]
                planted["matched"] += 1
            if not omit_reference:
                line.append(ref)
            w.writerow(line)
        extra = []
        for k in range(opts["--unknown"]):
            extra.append(["", "35140199%08d" % (k + 1), "ORANG TAK DIKENAL", "", "", "Ditolak",
                          "tidak ada di batch"])
            planted["unknown"] += 1
        if kpj_for:
            extra.append(["", kpj_for, "BUKAN ANGGOTA BATCH", "99999999999", "01/09/2025",
                          "Diterima", ""])
        for line in extra:
            if not omit_reference:
                line.append("")
            w.writerow(line)
    planted["rows"] = len(body)
    print(json.dumps(planted))


if __name__ == "__main__":
    main()
