-- Rules as data and programs (issue 13, items 1, 2 and 4).
--
-- policy_versions: every rule version an administrator added (policy::PolicyRow), append-only:
-- rows are inserted, never updated or deleted; which version is in force follows from the
-- others of its family (policy::PolicyBook). The built-in defaults (docs/examples/
-- policy-2025.json) are not seeded here: storage does not know the policy module, and the
-- defaults are stored, with their audit entries, in the transaction of the first version an
-- administrator adds (services/policy_service.hpp); until then they are in force in memory.
--
-- programs, program_funding, program_budget_lines: a regency's program, who pays for it and its
-- budget. Budget lines are append-only too: the original budget, then each revision (PAK) with
-- its decree; the current budget is the newest line.
--
-- Times are BIGINT microseconds since 1970-01-01 UTC, as in 0002 and 0003. Months are 'YYYY-MM'
-- text. Amounts are BIGINT whole rupiah; shares are basis points (10000 = 100 %).

CREATE TABLE policy_versions (
  id {{id}},
  family {{code_text}} NOT NULL,
  effective_from {{date}} NOT NULL,
  effective_until {{date}},
  legal_reference TEXT NOT NULL,
  certainty {{code_text}} NOT NULL,
  -- The whole version (policy::VersionToJson), which is what is read back; the columns above
  -- repeat what queries and people filter on, and must agree with it (policy::FromRow).
  document TEXT NOT NULL,
  actor TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL,
  UNIQUE (family, effective_from)
);

CREATE TABLE programs (
  id {{id}},
  regency_code {{code_text}} NOT NULL,
  name TEXT NOT NULL,
  fiscal_year INTEGER NOT NULL,
  period_from {{code_text}} NOT NULL,
  period_to {{code_text}} NOT NULL,
  -- 0: no quota.
  quota BIGINT NOT NULL DEFAULT 0,
  -- BPJS participation code (segmen kepesertaan): 'SG', 'SA', 'SD', ... or ''.
  participation_code {{code_text}} NOT NULL DEFAULT '',
  declared_income BIGINT NOT NULL,
  with_jht INTEGER NOT NULL DEFAULT 0,
  -- Eligibility: age_min <= age <= age_max (both inclusive), occupation codes (JSON array of
  -- domain::Occupation codes; [] = any), domicile in the regency, wage earners (PU) excluded.
  age_min INTEGER NOT NULL,
  age_max INTEGER NOT NULL,
  occupations_json TEXT NOT NULL DEFAULT '[]',
  domicile_in_regency INTEGER NOT NULL DEFAULT 1,
  exclude_wage_earners INTEGER NOT NULL DEFAULT 1,
  -- Who comes first when the eligible outnumber the quota: JSON array of priority codes.
  priority_json TEXT NOT NULL DEFAULT '[]',
  actor TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL,
  CHECK (period_from <= period_to),
  CHECK (quota >= 0),
  CHECK (declared_income > 0),
  UNIQUE (regency_code, id)
);

CREATE TABLE program_funding (
  regency_code {{code_text}} NOT NULL,
  program_id BIGINT NOT NULL,
  source {{code_text}} NOT NULL,
  share_bp INTEGER NOT NULL CHECK (share_bp > 0 AND share_bp <= 10000),
  PRIMARY KEY (regency_code, program_id, source),
  FOREIGN KEY (regency_code, program_id) REFERENCES programs (regency_code, id)
);

CREATE TABLE program_budget_lines (
  id {{id}},
  regency_code {{code_text}} NOT NULL,
  program_id BIGINT NOT NULL,
  kind {{code_text}} NOT NULL CHECK (kind IN ('original', 'revision')),
  amount BIGINT NOT NULL CHECK (amount > 0),
  decree TEXT NOT NULL DEFAULT '',
  decree_date {{date}},
  actor TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL,
  FOREIGN KEY (regency_code, program_id) REFERENCES programs (regency_code, id)
);
CREATE INDEX program_budget_lines_program ON program_budget_lines (regency_code, program_id, id);
