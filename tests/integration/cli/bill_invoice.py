#!/usr/bin/env python3
"""Test helper: writes the invoice BPJS would send for a month from the bill workbook jaring
wrote (.xlsx, its "Rincian" sheet), with one planted difference of each kind, the way an
invoice arrives: semicolons, the branch's header words, amounts as "Rp 16.800", the month
written out, a total line at the bottom.

  bill_invoice.py BILL.xlsx INVOICE.csv --dead NIK:KPJ --outsider NIK --month "Oktober 2025"
                  [--total-off N] [--month-of-row TEXT]

--dead: a person who died before the month (billed anyway); --outsider: a registry person the
program never covered. --total-off adds N to the stated total (an invoice that does not add
up); --month-of-row writes another month on the first row. Prints the planted lines as JSON.
"""
import argparse, csv, json, os, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from enrol_answer import read_rows  # noqa: E402


def rupiah(n):
    return "Rp " + f"{n:,}".replace(",", ".")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("bill")
    ap.add_argument("out")
    ap.add_argument("--dead", required=True)
    ap.add_argument("--outsider", required=True)
    ap.add_argument("--month", required=True)
    ap.add_argument("--total-off", type=int, default=0)
    ap.add_argument("--month-of-row", default="")
    a = ap.parse_args()
    rows = read_rows(a.bill, 2)
    header = rows[0]
    nik_at, kpj_at, name_at, amount_at = (header.index(h)
                                          for h in ("NIK", "No. KPJ", "Nama", "Jumlah"))
    people = [(r[nik_at], r[kpj_at], r[name_at], int(float(r[amount_at]))) for r in rows[1:] if r]
    lines = []
    # amount_differs: the first person at another amount; listed_not_billed: the second left out;
    # duplicate_billed: the third billed again under a second KPJ.
    nik, kpj, name, amount = people[0]
    lines.append((nik, kpj, name, amount + 200))
    for p in people[2:]:
        lines.append(p)
    third = people[2]
    lines.append((third[0], "9" + third[1][1:], third[2], third[3]))
    dead_nik, dead_kpj = a.dead.split(":")
    lines.append((dead_nik, dead_kpj, "Almarhum", amount))
    lines.append((a.outsider, "77700000001", "Bukan peserta", amount))
    total = sum(l[3] for l in lines) + a.total_off
    with open(a.out, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, delimiter=";")
        w.writerow(["TAGIHAN IURAN BPU PEMDA"])
        w.writerow(["No", "NIK", "Nomor Peserta", "Nama Peserta", "Periode", "Jumlah Iuran"])
        for i, (nik, kpj, name, amount) in enumerate(lines):
            month = a.month_of_row if (i == 0 and a.month_of_row) else a.month
            w.writerow([i + 1, "'" + nik, kpj, name, month, rupiah(amount)])
        w.writerow(["", "", "", "TOTAL", "", rupiah(total)])
    print(json.dumps({"rows": len(lines), "total": total, "amount_differs": people[0][0],
                      "listed_not_billed": people[1][0], "duplicate_billed": third[0]}))


if __name__ == "__main__":
    main()
