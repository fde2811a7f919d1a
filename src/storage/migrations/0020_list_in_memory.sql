-- The registry list served from memory (issue 17, item 1; docs/architecture.md, "The registry
-- list in memory"; storage/sql/worker_list_cache.hpp).
--
-- `jaring serve` answers WorkerRepository::Find from one index in memory per regency, so the
-- list's own indexes (0007, 0008) go: each cost a sort of every row after a regency's first
-- import on SQLite (about 2 s per 1,000,000 rows) and an update per row on PostgreSQL.
--
-- What stays and why:
-- - (regency_code, nik) and (regency_code, kk): imports match by NIK, a worker's page lists its
--   household.
-- - 0007's (regency_code, name_key, id, district_code, village_code): a name search's
--   candidates, in search-key order (the index in memory holds no search keys), narrowed to a
--   district or village inside the index (a name and a district: 2,600 ids read instead of
--   44,000).
-- - (regency_code, list_version), new: the rows a writer stamped since the index was last
--   brought up to date.
--
-- worker_list_versions: two counters per regency that every writer of workers bumps in its own
-- transaction: 'rows' (its new value is stamped into list_version of the rows it wrote) and
-- 'reload' (rows written unstamped, by InsertMany or an import: load the regency afresh).
ALTER TABLE workers ADD COLUMN list_version BIGINT NOT NULL DEFAULT 0;
CREATE TABLE worker_list_versions (
  regency_code {{code_text}} NOT NULL,
  counter {{code_text}} NOT NULL CHECK (counter IN ('rows', 'reload')),
  value BIGINT NOT NULL,
  PRIMARY KEY (regency_code, counter)
);
CREATE INDEX workers_regency_list_version ON workers (regency_code, list_version);
DROP INDEX workers_regency_name;
DROP INDEX workers_regency_district;
DROP INDEX workers_regency_occupation;
DROP INDEX workers_regency_village;
DROP INDEX workers_regency_status;
DROP INDEX workers_regency_source;
DROP INDEX workers_regency_sex;
DROP INDEX workers_regency_birth_date;
DROP INDEX workers_regency_updated_at;
DROP INDEX workers_regency_issues;
