-- What follows the monthly bill (issue 14, items 2 and 3): the invoice BPJS sends for a month,
-- compared with our bill, and the payments the regency makes against the month.
--
-- invoices: one per invoice file read for a program's month, against the bill version it was
-- compared with. The same file (checksum) against the same bill version is the same
-- reconciliation: reading it again finds the stored one. counts_json holds the lines by kind.
--
-- reconciliation_lines: each difference between the invoice and the bill, numbered within its
-- invoice, with its kind (billed_not_listed, listed_not_billed, amount_differs,
-- dead_but_billed, duplicate_billed) and its state: open until someone resolves it with a
-- reason (who and when are kept; the audit log holds the change as well).
--
-- payments: money paid to BPJS for a program's month, by date, reference (the payment order's
-- number, unique in the regency) and funding source. A payment counts against the month, not a
-- bill version: a re-issued bill keeps what was paid.
--
-- Times are BIGINT microseconds since 1970-01-01 UTC; months 'YYYY-MM'; amounts whole rupiah.

CREATE TABLE invoices (
  id {{id}},
  regency_code {{code_text}} NOT NULL,
  program_id BIGINT NOT NULL,
  period {{code_text}} NOT NULL,
  bill_id BIGINT NOT NULL,
  file_name TEXT NOT NULL DEFAULT '',
  checksum {{code_text}} NOT NULL,
  invoice_lines BIGINT NOT NULL,
  invoice_total BIGINT NOT NULL,
  counts_json TEXT NOT NULL DEFAULT '{}',
  actor TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL,
  UNIQUE (regency_code, id),
  UNIQUE (regency_code, program_id, period, bill_id, checksum),
  FOREIGN KEY (regency_code, bill_id) REFERENCES bills (regency_code, id)
);

CREATE TABLE reconciliation_lines (
  regency_code {{code_text}} NOT NULL,
  invoice_id BIGINT NOT NULL,
  line_no BIGINT NOT NULL,
  kind {{code_text}} NOT NULL,
  source_line BIGINT NOT NULL DEFAULT 0,
  worker_id BIGINT NOT NULL DEFAULT 0,
  nik {{code_text}} NOT NULL DEFAULT '',
  kpj {{code_text}} NOT NULL DEFAULT '',
  name TEXT NOT NULL DEFAULT '',
  billed BIGINT NOT NULL,
  expected BIGINT NOT NULL,
  state {{code_text}} NOT NULL DEFAULT 'open',
  reason TEXT NOT NULL DEFAULT '',
  resolved_by TEXT NOT NULL DEFAULT '',
  resolved_at BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (regency_code, invoice_id, line_no),
  FOREIGN KEY (regency_code, invoice_id) REFERENCES invoices (regency_code, id),
  CHECK (kind IN ('billed_not_listed', 'listed_not_billed', 'amount_differs', 'dead_but_billed',
                  'duplicate_billed')),
  CHECK (state IN ('open', 'resolved'))
);

CREATE TABLE payments (
  id {{id}},
  regency_code {{code_text}} NOT NULL,
  program_id BIGINT NOT NULL,
  period {{code_text}} NOT NULL,
  bill_id BIGINT NOT NULL,
  amount BIGINT NOT NULL,
  paid_on {{date}} NOT NULL,
  reference TEXT NOT NULL,
  funding_source {{code_text}} NOT NULL DEFAULT '',
  actor TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL,
  UNIQUE (regency_code, id),
  UNIQUE (regency_code, reference),
  FOREIGN KEY (regency_code, program_id) REFERENCES programs (regency_code, id),
  CHECK (amount > 0)
);
CREATE INDEX payments_program ON payments (regency_code, program_id, period);
