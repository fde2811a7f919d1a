-- The registry of workers (domain/worker.hpp).
--
-- regency_code is on every personal table: it is the tenancy key (a regency sees only its own
-- rows) and the future partition key on PostgreSQL. NIK is deliberately not UNIQUE: the lists
-- regencies receive contain duplicates, and the registry keeps them until monthly verification
-- (verval) resolves them. Codes are Kemendagri codes with dots; district_code is derived from
-- village_code ("35.14.01.2001" -> "35.14.01") and stored for grouping. Unknown text is '' and
-- an unknown birth date is NULL. sex is 'L'/'P' and status one of domain::ToCode(WorkerStatus). birth_date is ISO 'YYYY-MM-DD' text on SQLite and DATE on
-- PostgreSQL: both compare correctly with ISO strings. Indexed and code columns are
-- {{code_text}}: compared byte by byte on both engines, as SQLite does, which is both the right
-- order for codes and several times cheaper for PostgreSQL's indexes than a locale collation.
CREATE TABLE workers (
  id {{id}},
  -- "NN.NN", spelled out with substr so that one CHECK runs on both engines.
  regency_code {{code_text}} NOT NULL CHECK (
    length(regency_code) = 5 AND substr(regency_code, 3, 1) = '.'
    AND substr(regency_code, 1, 1) BETWEEN '0' AND '9'
    AND substr(regency_code, 2, 1) BETWEEN '0' AND '9'
    AND substr(regency_code, 4, 1) BETWEEN '0' AND '9'
    AND substr(regency_code, 5, 1) BETWEEN '0' AND '9'),
  nik {{code_text}} NOT NULL DEFAULT '',
  kk {{code_text}} NOT NULL DEFAULT '',
  name {{code_text}} NOT NULL,
  name_original TEXT NOT NULL DEFAULT '',
  sex {{code_text}} NOT NULL CHECK (sex IN ('L', 'P')),
  birth_place TEXT NOT NULL DEFAULT '',
  birth_date {{date}},
  address TEXT NOT NULL DEFAULT '',
  village_code {{code_text}} NOT NULL DEFAULT '',
  district_code {{code_text}} NOT NULL DEFAULT '',
  occupation {{code_text}} NOT NULL DEFAULT '',
  phone TEXT NOT NULL DEFAULT '',
  status {{code_text}} NOT NULL
    CHECK (status IN ('aktif', 'calon', 'ditangguhkan', 'meninggal', 'dikeluarkan')),
  source TEXT NOT NULL DEFAULT '',
  created_at {{timestamp}} NOT NULL,
  updated_at {{timestamp}} NOT NULL
);

CREATE INDEX workers_regency_district ON workers (regency_code, district_code);
CREATE INDEX workers_regency_nik ON workers (regency_code, nik);
CREATE INDEX workers_regency_name ON workers (regency_code, name);
CREATE INDEX workers_regency_occupation ON workers (regency_code, occupation);
