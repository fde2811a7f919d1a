-- Enrolment (kepesertaan, issue 13, items 3 and 5): who a program selected from a settled month,
-- who it left out and why, what the BPJS branch answered, and each worker's coverage history.
--
-- enrolment_batches: a program's selection from one settled month ('created'), approved by a
-- verifier ('approved'), answered by the branch at least once ('answered').
-- enrolment_members: the persons of a batch as they were sent (NIK and name as in the file), in
-- priority order (rank), and what the branch answered for each.
-- program_ineligible: the settled month's persons a program's rules leave out, with the reasons
-- (comma-separated codes), replaced whenever the program selects a batch: the village's list
-- stays as sent, this says who the program cannot pay for.
-- coverage_periods: a worker's cover under a program from the branch's start date to an end
-- (the program's last day until something ends it earlier), with the reasons. Bills, claims and
-- coverage figures read this.
-- enrolment_answers, enrolment_answer_lines: each answer file imported, its counts and every line
-- that did not simply match (unknown NIK, rejected, name differs), for the operator to follow.
--
-- Times are BIGINT microseconds since 1970-01-01 UTC; months 'YYYY-MM'; dates {{date}}.

CREATE TABLE enrolment_batches (
  id {{id}},
  regency_code {{code_text}} NOT NULL,
  program_id BIGINT NOT NULL,
  period {{code_text}} NOT NULL,
  settled_id BIGINT NOT NULL,
  status {{code_text}} NOT NULL CHECK (status IN ('created', 'approved', 'answered')),
  workers BIGINT NOT NULL,
  -- The selection's counts: persons on the settled list, eligible, left out by the rules,
  -- already enrolled or waiting in another batch, and eligible but beyond the quota.
  counts_json TEXT NOT NULL DEFAULT '{}',
  actor TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL,
  approved_by TEXT NOT NULL DEFAULT '',
  approved_at BIGINT NOT NULL DEFAULT 0,
  answered_at BIGINT NOT NULL DEFAULT 0,
  UNIQUE (regency_code, id),
  FOREIGN KEY (regency_code, program_id) REFERENCES programs (regency_code, id)
);
CREATE INDEX enrolment_batches_program ON enrolment_batches (regency_code, program_id, id);

CREATE TABLE enrolment_members (
  regency_code {{code_text}} NOT NULL,
  batch_id BIGINT NOT NULL,
  worker_id BIGINT NOT NULL,
  rank_in_batch INTEGER NOT NULL,
  nik {{code_text}} NOT NULL,
  name TEXT NOT NULL,
  state {{code_text}} NOT NULL CHECK (state IN ('sent', 'matched', 'name_differs', 'rejected')),
  kpj {{code_text}} NOT NULL DEFAULT '',
  answered_name TEXT NOT NULL DEFAULT '',
  start_date {{date}},
  reason TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (regency_code, batch_id, worker_id),
  FOREIGN KEY (regency_code, batch_id) REFERENCES enrolment_batches (regency_code, id)
);
CREATE INDEX enrolment_members_worker ON enrolment_members (regency_code, worker_id);

CREATE TABLE program_ineligible (
  regency_code {{code_text}} NOT NULL,
  program_id BIGINT NOT NULL,
  worker_id BIGINT NOT NULL,
  period {{code_text}} NOT NULL,
  reasons TEXT NOT NULL,
  PRIMARY KEY (regency_code, program_id, worker_id),
  FOREIGN KEY (regency_code, program_id) REFERENCES programs (regency_code, id)
);
CREATE INDEX program_ineligible_worker ON program_ineligible (regency_code, worker_id);

CREATE TABLE coverage_periods (
  id {{id}},
  regency_code {{code_text}} NOT NULL,
  worker_id BIGINT NOT NULL,
  program_id BIGINT NOT NULL,
  batch_id BIGINT NOT NULL,
  kpj {{code_text}} NOT NULL DEFAULT '',
  start_date {{date}} NOT NULL,
  end_date {{date}} NOT NULL,
  start_reason {{code_text}} NOT NULL,
  end_reason {{code_text}} NOT NULL,
  actor TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL,
  CHECK (start_date <= end_date),
  FOREIGN KEY (regency_code, program_id) REFERENCES programs (regency_code, id)
);
CREATE INDEX coverage_periods_worker ON coverage_periods (regency_code, worker_id);
CREATE INDEX coverage_periods_program ON coverage_periods (regency_code, program_id, start_date);

CREATE TABLE enrolment_answers (
  id {{id}},
  regency_code {{code_text}} NOT NULL,
  program_id BIGINT NOT NULL,
  file_name TEXT NOT NULL,
  checksum {{code_text}} NOT NULL,
  counts_json TEXT NOT NULL DEFAULT '{}',
  actor TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL,
  UNIQUE (regency_code, id),
  FOREIGN KEY (regency_code, program_id) REFERENCES programs (regency_code, id)
);

CREATE TABLE enrolment_answer_lines (
  regency_code {{code_text}} NOT NULL,
  answer_id BIGINT NOT NULL,
  line BIGINT NOT NULL,
  kind {{code_text}} NOT NULL CHECK (kind IN ('unknown', 'rejected', 'name_differs')),
  nik {{code_text}} NOT NULL,
  worker_id BIGINT NOT NULL DEFAULT 0,
  batch_id BIGINT NOT NULL DEFAULT 0,
  name_sent TEXT NOT NULL DEFAULT '',
  name_answered TEXT NOT NULL DEFAULT '',
  kpj {{code_text}} NOT NULL DEFAULT '',
  reason TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (regency_code, answer_id, line),
  FOREIGN KEY (regency_code, answer_id) REFERENCES enrolment_answers (regency_code, id)
);
