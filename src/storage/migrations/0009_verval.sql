-- The monthly verification and validation (verval, issue 12): the month's extracts, the runs of
-- the matching engine over the registry, their findings and the decisions on them, the labelled
-- pairs those decisions become, and the settled (frozen) list of each month.
--
-- Times are BIGINT microseconds since 1970-01-01 UTC, as in 0002 and 0003. Periods are 'YYYY-MM'
-- text. JSON columns are TEXT written and read back byte for byte.

-- What a worker list called the worker (its `id` column), kept so that answers about a worker
-- can be given in the sender's terms; '' when the list had no id column.
ALTER TABLE workers ADD COLUMN source_id TEXT NOT NULL DEFAULT '';
-- Set when a verval decision records the worker's death (status 'meninggal').
ALTER TABLE workers ADD COLUMN death_date {{date}};
-- Set when a verval decision merges the worker into another record of the same person
-- (status 'dikeluarkan'): the surviving worker's id.
ALTER TABLE workers ADD COLUMN merged_into BIGINT;
-- Why a worker left the list (status 'dikeluarkan'): the finding kind that removed it.
ALTER TABLE workers ADD COLUMN removed_reason {{code_text}} NOT NULL DEFAULT '';

-- A row of a list that was the same person as an earlier row of the same file (same NIK, name
-- and birth date): it is not stored as a second worker (the import counts it as merged), but its
-- id in the sender's list is kept here, so nothing the list said is lost and the month's
-- findings can name it beside the record it was merged into (that of regency + source + NIK).
CREATE TABLE worker_aliases (
  id {{id}},
  regency_code {{code_text}} NOT NULL,
  source TEXT NOT NULL,
  nik {{code_text}} NOT NULL,
  source_id TEXT NOT NULL,
  batch_id BIGINT NOT NULL REFERENCES import_batches (id),
  line BIGINT NOT NULL,
  UNIQUE (regency_code, source, nik, source_id)
);

-- One import of a month's extract: the civil registry's deaths or BPJS's memberships.
CREATE TABLE extract_batches (
  id {{id}},
  regency_code {{code_text}} NOT NULL,
  kind {{code_text}} NOT NULL CHECK (kind IN ('deaths', 'members')),
  period {{code_text}} NOT NULL,
  file_name TEXT NOT NULL DEFAULT '',
  checksum {{code_text}} NOT NULL,
  actor TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL,
  header_json TEXT NOT NULL DEFAULT '[]',
  rows_read BIGINT NOT NULL DEFAULT 0,
  rows_accepted BIGINT NOT NULL DEFAULT 0,
  rows_quarantined BIGINT NOT NULL DEFAULT 0,
  rows_unchanged BIGINT NOT NULL DEFAULT 0,
  issues_json TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX extract_batches_period ON extract_batches (regency_code, kind, period, id);

-- The rows of a month's extract, one per row key (the file's id, else NIK [+ KPJ]). A later
-- version of the same month's file updates the rows it changes (batch_id = the batch that last
-- wrote the row) and marks the rows it no longer has withdrawn (withdrawn_batch_id).
CREATE TABLE extract_rows (
  id {{id}},
  regency_code {{code_text}} NOT NULL,
  kind {{code_text}} NOT NULL,
  period {{code_text}} NOT NULL,
  row_key TEXT NOT NULL,
  -- Both name a batch of the same regency, kind and month. No foreign key: PostgreSQL checks
  -- one per row with a trigger, a third of the time of storing a million rows, and it would not
  -- check the regency; VervalRepository checks each call's batches with one query instead.
  batch_id BIGINT NOT NULL,
  withdrawn_batch_id BIGINT,
  nik {{code_text}} NOT NULL DEFAULT '',
  name TEXT NOT NULL DEFAULT '',
  sex {{code_text}} NOT NULL DEFAULT '',
  birth_date {{date}},
  death_date {{date}},
  village_code {{code_text}} NOT NULL DEFAULT '',
  kpj {{code_text}} NOT NULL DEFAULT '',
  segment {{code_text}} NOT NULL DEFAULT '',
  UNIQUE (regency_code, kind, period, row_key)
);
-- A month's current rows are read in id order (VervalRepository::ForEachExtractRow): off this
-- index instead of sorting a million rows.
CREATE INDEX extract_rows_month ON extract_rows (regency_code, kind, period, id);

-- Rows of an extract that could not be accepted, as quarantine_rows keeps those of worker lists.
CREATE TABLE extract_quarantine (
  id {{id}},
  batch_id BIGINT NOT NULL REFERENCES extract_batches (id),
  regency_code {{code_text}} NOT NULL,
  line BIGINT NOT NULL,
  original_cells TEXT NOT NULL,
  issues TEXT NOT NULL
);
CREATE INDEX extract_quarantine_batch ON extract_quarantine (regency_code, batch_id, id);

-- Per regency: which findings apply themselves and the rules of the run (JSON, see
-- services/verval_settings.hpp). A regency without a row uses the defaults.
CREATE TABLE verval_settings (
  regency_code {{code_text}} PRIMARY KEY,
  settings_json TEXT NOT NULL,
  updated_at BIGINT NOT NULL,
  actor TEXT NOT NULL DEFAULT ''
);

-- One run of the engine over a regency's registry and the month's extracts.
CREATE TABLE verval_runs (
  id {{id}},
  regency_code {{code_text}} NOT NULL,
  period {{code_text}} NOT NULL,
  actor TEXT NOT NULL DEFAULT '',
  started_at BIGINT NOT NULL,
  finished_at BIGINT NOT NULL,
  inputs_json TEXT NOT NULL DEFAULT '{}',
  counts_json TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX verval_runs_period ON verval_runs (regency_code, period, id);

-- A finding: one thing the month's verification says about one worker (or one cluster of
-- records of one person). `subject` identifies it within its regency and month across runs, so a
-- re-run finds the same finding again and keeps its decision.
CREATE TABLE verval_findings (
  id {{id}},
  regency_code {{code_text}} NOT NULL,
  period {{code_text}} NOT NULL,
  kind {{code_text}} NOT NULL,
  subject TEXT NOT NULL,
  worker_id BIGINT NOT NULL,
  other_worker_id BIGINT,
  extract_row_id BIGINT,
  other_regency {{code_text}} NOT NULL DEFAULT '',
  related_json TEXT NOT NULL DEFAULT '[]',
  confidence DOUBLE PRECISION NOT NULL DEFAULT 1,
  action {{code_text}} NOT NULL CHECK (action IN ('automatic', 'review')),
  proposal {{code_text}} NOT NULL DEFAULT '',
  blocking INTEGER NOT NULL DEFAULT 1 CHECK (blocking IN (0, 1)),
  evidence_json TEXT NOT NULL DEFAULT '{}',
  state {{code_text}} NOT NULL CHECK (state IN ('open', 'accepted', 'rejected', 'deferred')),
  decided_by TEXT NOT NULL DEFAULT '',
  decided_at BIGINT,
  reason TEXT NOT NULL DEFAULT '',
  first_run_id BIGINT NOT NULL,
  last_run_id BIGINT NOT NULL,
  UNIQUE (regency_code, period, subject)
);
-- The review queue (VervalRepository::ListFindings, most certain first, then id): a page of a
-- month's open findings to review is the start of an ordered range of the first index, of one
-- kind's the second, however many findings the month has. The second also answers the counts
-- by kind and state. The last two find the findings about one worker.
CREATE INDEX verval_findings_queue ON verval_findings (regency_code, period, state, action,
                                                       confidence DESC, id);
CREATE INDEX verval_findings_kind ON verval_findings (regency_code, period, kind, state, action,
                                                      confidence DESC, id);
CREATE INDEX verval_findings_worker ON verval_findings (regency_code, period, worker_id);
CREATE INDEX verval_findings_other_worker ON verval_findings (regency_code, period,
                                                              other_worker_id)
  WHERE other_worker_id IS NOT NULL;

-- Decisions turned into training data: two records (worker "w<id>" or an extract row "e<id>")
-- are or are not the same person. A pair labelled different is never proposed again.
CREATE TABLE match_labels (
  regency_code {{code_text}} NOT NULL,
  left_key {{code_text}} NOT NULL,
  right_key {{code_text}} NOT NULL,
  same INTEGER NOT NULL CHECK (same IN (0, 1)),
  finding_id BIGINT,
  actor TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL,
  PRIMARY KEY (regency_code, left_key, right_key)
);

-- A settled month: the list frozen when its verification is complete. Versions count up when a
-- month is settled again after a correction; the newest version is the month's list.
CREATE TABLE settled_months (
  id {{id}},
  regency_code {{code_text}} NOT NULL,
  period {{code_text}} NOT NULL,
  version INTEGER NOT NULL,
  run_id BIGINT NOT NULL,
  actor TEXT NOT NULL DEFAULT '',
  settled_at BIGINT NOT NULL,
  persons BIGINT NOT NULL,
  rows_listed BIGINT NOT NULL,
  checksum {{code_text}} NOT NULL,
  counts_json TEXT NOT NULL DEFAULT '{}',
  sources_json TEXT NOT NULL DEFAULT '[]',
  minutes_checksum {{code_text}} NOT NULL DEFAULT '',
  -- The berita acara PDF as produced at settlement, base64: the signed document is kept, not
  -- re-rendered from data that may change later.
  minutes_pdf TEXT NOT NULL DEFAULT '',
  UNIQUE (regency_code, period, version)
);

-- The persons of a settled list: one surviving worker record each.
CREATE TABLE settled_members (
  settled_id BIGINT NOT NULL REFERENCES settled_months (id),
  worker_id BIGINT NOT NULL,
  PRIMARY KEY (settled_id, worker_id)
);
