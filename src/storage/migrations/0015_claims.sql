-- Claims for heirs (issue 15): a death (JKM) or work-accident (JKK) case from its report to the
-- money in the heir's account.
--
-- claims: one case per worker, kind and event date (the same death reported twice is one case).
-- The row holds the case as it stands: its state, what the branch decided and paid, and the
-- eligibility and benefit computed at the event date (quote_json, from the coverage history and
-- the policy version in force; recomputed while the case is open). Each change of state is also
-- a row of claim_events, so that the clock of every stage can be read back; the audit log holds
-- every change as well.
--
-- claim_heirs: the heirs of a case in the legal order (relation), their shares in basis points
-- and the one who receives the money, with a bank account or cash pickup.
--
-- claim_documents: the dossier, one row per document kind: uploaded (the file lives outside the
-- database under its checksum) or seen on paper, with who checked it.
--
-- claim_settings: a regency's own targets for the clock (days to detect a death, days to a
-- complete dossier) as JSON, changed by its administrator.
--
-- Times are BIGINT microseconds since 1970-01-01 UTC; dates 'YYYY-MM-DD'; amounts whole rupiah.

CREATE TABLE claims (
  id {{id}},
  regency_code {{code_text}} NOT NULL,
  worker_id BIGINT NOT NULL,
  kind {{code_text}} NOT NULL,
  outcome {{code_text}} NOT NULL,
  event_date {{date}} NOT NULL,
  reported_on {{date}} NOT NULL,
  source {{code_text}} NOT NULL,
  reporter TEXT NOT NULL DEFAULT '',
  state {{code_text}} NOT NULL DEFAULT 'reported',
  program_id BIGINT NOT NULL DEFAULT 0,
  kpj {{code_text}} NOT NULL DEFAULT '',
  eligible INTEGER NOT NULL DEFAULT 0,
  expected_total BIGINT NOT NULL DEFAULT 0,
  quote_json TEXT NOT NULL DEFAULT '{}',
  failure_cause {{code_text}} NOT NULL DEFAULT '',
  decision_reason TEXT NOT NULL DEFAULT '',
  approved_amount BIGINT NOT NULL DEFAULT 0,
  paid_amount BIGINT NOT NULL DEFAULT 0,
  paid_on {{code_text}} NOT NULL DEFAULT '',
  payment_reference TEXT NOT NULL DEFAULT '',
  actor TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL,
  stage_since BIGINT NOT NULL,
  UNIQUE (regency_code, id),
  UNIQUE (regency_code, worker_id, kind, event_date),
  CHECK (kind IN ('jkm', 'jkk')),
  CHECK (outcome IN ('death', 'total_disability', 'injury')),
  CHECK (source IN ('verval', 'operator', 'branch')),
  CHECK (state IN ('reported', 'dossier_complete', 'submitted', 'approved', 'rejected', 'paid'))
);
CREATE INDEX claims_state ON claims (regency_code, state);

CREATE TABLE claim_events (
  regency_code {{code_text}} NOT NULL,
  claim_id BIGINT NOT NULL,
  seq BIGINT NOT NULL,
  from_state {{code_text}} NOT NULL DEFAULT '',
  to_state {{code_text}} NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  actor TEXT NOT NULL DEFAULT '',
  at BIGINT NOT NULL,
  PRIMARY KEY (regency_code, claim_id, seq),
  FOREIGN KEY (regency_code, claim_id) REFERENCES claims (regency_code, id)
);

CREATE TABLE claim_heirs (
  regency_code {{code_text}} NOT NULL,
  claim_id BIGINT NOT NULL,
  heir_no BIGINT NOT NULL,
  name TEXT NOT NULL,
  nik {{code_text}} NOT NULL DEFAULT '',
  relation {{code_text}} NOT NULL,
  share_bp INTEGER NOT NULL,
  school_level {{code_text}} NOT NULL DEFAULT '',
  recipient INTEGER NOT NULL DEFAULT 0,
  payout {{code_text}} NOT NULL DEFAULT '',
  bank {{code_text}} NOT NULL DEFAULT '',
  account_no {{code_text}} NOT NULL DEFAULT '',
  account_name TEXT NOT NULL DEFAULT '',
  actor TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (regency_code, claim_id, heir_no),
  FOREIGN KEY (regency_code, claim_id) REFERENCES claims (regency_code, id),
  CHECK (relation IN ('spouse', 'child', 'parent', 'grandchild', 'grandparent', 'sibling',
                      'parent_in_law', 'will')),
  CHECK (share_bp >= 0 AND share_bp <= 10000),
  CHECK (payout IN ('', 'bank', 'cash'))
);

CREATE TABLE claim_documents (
  regency_code {{code_text}} NOT NULL,
  claim_id BIGINT NOT NULL,
  doc_kind {{code_text}} NOT NULL,
  state {{code_text}} NOT NULL,
  file_name TEXT NOT NULL DEFAULT '',
  content_type {{code_text}} NOT NULL DEFAULT '',
  size_bytes BIGINT NOT NULL DEFAULT 0,
  sha256 {{code_text}} NOT NULL DEFAULT '',
  checked_by TEXT NOT NULL DEFAULT '',
  checked_at BIGINT NOT NULL,
  PRIMARY KEY (regency_code, claim_id, doc_kind),
  FOREIGN KEY (regency_code, claim_id) REFERENCES claims (regency_code, id),
  CHECK (state IN ('uploaded', 'seen_on_paper'))
);

CREATE TABLE claim_settings (
  regency_code {{code_text}} PRIMARY KEY,
  settings_json TEXT NOT NULL,
  actor TEXT NOT NULL DEFAULT '',
  updated_at BIGINT NOT NULL
);
