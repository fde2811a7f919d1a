-- The monthly bill (tagihan iuran, issue 14, item 1): what a program owes BPJS for one settled
-- month, per worker and per funding source. A bill is computed from the month's settled list and
-- the coverage periods, priced by the rule version in force that month, and stored as issued:
-- a later change (a correction of the month, a new settlement) makes a new version, never an
-- edit, so what finance paid against stays as it was.
--
-- bill_lines: one per billed worker: the contribution's parts (JKK, JKM, JHT) and its split by
-- funding source (JSON {"DBHCHT":N,...}); the lines' sums are the bill's totals exactly.
--
-- Times are BIGINT microseconds since 1970-01-01 UTC; months 'YYYY-MM'; amounts whole rupiah.

CREATE TABLE bills (
  id {{id}},
  regency_code {{code_text}} NOT NULL,
  program_id BIGINT NOT NULL,
  period {{code_text}} NOT NULL,
  version INTEGER NOT NULL,
  settled_id BIGINT NOT NULL,
  policy_version TEXT NOT NULL DEFAULT '',
  workers BIGINT NOT NULL,
  total BIGINT NOT NULL,
  by_source_json TEXT NOT NULL DEFAULT '{}',
  proration {{code_text}} NOT NULL DEFAULT 'whole_month',
  due_date {{date}} NOT NULL,
  actor TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL,
  UNIQUE (regency_code, id),
  UNIQUE (regency_code, program_id, period, version),
  FOREIGN KEY (regency_code, program_id) REFERENCES programs (regency_code, id)
);

CREATE TABLE bill_lines (
  regency_code {{code_text}} NOT NULL,
  bill_id BIGINT NOT NULL,
  worker_id BIGINT NOT NULL,
  coverage_id BIGINT NOT NULL,
  kpj {{code_text}} NOT NULL DEFAULT '',
  jkk BIGINT NOT NULL,
  jkm BIGINT NOT NULL,
  jht BIGINT NOT NULL DEFAULT 0,
  amount BIGINT NOT NULL,
  by_source_json TEXT NOT NULL DEFAULT '{}',
  PRIMARY KEY (regency_code, bill_id, worker_id),
  FOREIGN KEY (regency_code, bill_id) REFERENCES bills (regency_code, id),
  CHECK (amount = jkk + jkm + jht)
);
