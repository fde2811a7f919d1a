-- Imports (issue 4): every import is a batch, every rejected row is kept in quarantine, and each
-- worker row remembers the batch that last wrote it.
--
-- Times are BIGINT microseconds since 1970-01-01 UTC, as in 0002: one integer representation
-- on both engines. A batch row exists only for an import that committed (an import is one
-- transaction with its batch), so status is 'completed' today; 'reverted' is kept for an undo.
-- issues_json and header_json are TEXT holding JSON ({"CODE":N}, ["NIK","Nama",...]); TEXT, not
-- jsonb, so that what was written is what is read back, byte for byte.
CREATE TABLE import_batches (
  id {{id}},
  regency_code {{code_text}} NOT NULL,
  -- Who sent the list: a line office (OPD) or a village.
  source_kind {{code_text}} NOT NULL CHECK (source_kind IN ('office', 'village')),
  source TEXT NOT NULL,
  file_name TEXT NOT NULL DEFAULT '',
  -- BLAKE2b-256 of the file's bytes, lower-case hex: the same file imported twice is visible.
  checksum {{code_text}} NOT NULL,
  actor TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL,
  header_json TEXT NOT NULL DEFAULT '[]',
  rows_read BIGINT NOT NULL DEFAULT 0,
  rows_accepted BIGINT NOT NULL DEFAULT 0,
  rows_quarantined BIGINT NOT NULL DEFAULT 0,
  rows_updated BIGINT NOT NULL DEFAULT 0,
  rows_unchanged BIGINT NOT NULL DEFAULT 0,
  issues_json TEXT NOT NULL DEFAULT '{}',
  status {{code_text}} NOT NULL CHECK (status IN ('completed', 'reverted'))
);
CREATE INDEX import_batches_regency ON import_batches (regency_code, id);
CREATE INDEX import_batches_checksum ON import_batches (regency_code, checksum);

-- A row that could not be accepted: every cell exactly as read (JSON array of strings) and every
-- reason (JSON array of intake::IssueToJson objects). resolved_at is set when the row was fixed
-- or re-imported and joined the registry.
CREATE TABLE quarantine_rows (
  id {{id}},
  batch_id BIGINT NOT NULL REFERENCES import_batches (id),
  regency_code {{code_text}} NOT NULL,
  line BIGINT NOT NULL,
  original_cells TEXT NOT NULL,
  issues TEXT NOT NULL,
  resolved_at BIGINT
);
CREATE INDEX quarantine_rows_batch ON quarantine_rows (regency_code, batch_id, id);

-- The batch that last inserted or changed the worker (NULL: entered otherwise, e.g. demo seed).
ALTER TABLE workers ADD COLUMN last_batch_id BIGINT REFERENCES import_batches (id);
