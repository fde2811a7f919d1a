-- PostgreSQL: workers partitioned by LIST (regency_code), one partition per regency (issue 17,
-- item 1: a 1,000,000-row first import in <= 30 s while the registry list stays <= 50 ms).
-- SQLite is unchanged (one file serves one regency; its first import drops and rebuilds the
-- indexes instead, worker_bulk_load.cpp).
--
-- Why: COPY into one table keeps its 13 B-tree indexes up to date row by row, in random key
-- order (~80 s of server CPU for 877,247 rows). With a partition per regency, a regency's first
-- import loads a fresh table without indexes, builds them once, and attaches it, all in the
-- import's transaction (SqlWorkerRepository::BeginBulkLoad; docs/architecture.md, "Workers on
-- PostgreSQL"). Readers of other regencies are never blocked: ATTACH takes only a SHARE UPDATE
-- EXCLUSIVE lock on workers.
--
-- The layout:
-- - Partitions are named workers_NN_NN after their regency ("35.14" -> workers_35_14) and are
--   made by jaring itself when a regency's first worker is stored (worker_partitions.cpp); no
--   operator DDL. There is no default partition: attaching a regency would have to scan it.
-- - Every key leads with regency_code, so every query that names the regency reads one
--   partition. The primary key is (regency_code, id): a partitioned table's unique keys must
--   contain the partition key. Every read of a worker by id names its regency.
-- - id comes from the sequence workers_id_seq: PostgreSQL 15 has no identity columns on
--   partitioned tables. Ids stay unique across regencies (one sequence), and the sequence goes
--   on from the old identity's last value.
-- - source is COLLATE "C" like the other compared columns: byte order, as on SQLite, and the
--   same comparison cost as theirs. (Its index still builds as slowly as the widest ones, 3-4.5 s
--   for 877,247 rows: its width, not its collation, is its cost; docs/benchmarks.md.)
-- - The indexes are those of migrations 0001-0018 (and workers_pkey), now partitioned indexes:
--   each partition has its own, and any later CREATE INDEX on workers reaches every partition.
--
-- Upgrade: the rows of the old table move into the partitions in this one transaction (the
-- indexes are built after the copy, once per partition). It locks workers while it runs.
{{postgres}}
ALTER TABLE workers RENAME TO workers_unpartitioned;
ALTER TABLE workers_unpartitioned RENAME CONSTRAINT workers_pkey TO workers_unpartitioned_pkey;
DROP INDEX workers_regency_nik, workers_regency_name_key, workers_regency_name,
  workers_regency_district, workers_regency_occupation, workers_regency_village,
  workers_regency_status, workers_regency_source, workers_regency_sex, workers_regency_birth_date,
  workers_regency_updated_at, workers_regency_issues, workers_regency_kk;

-- The columns in the same order, with their defaults, NOT NULLs and CHECKs; no identity.
CREATE TABLE workers (LIKE workers_unpartitioned INCLUDING DEFAULTS INCLUDING CONSTRAINTS)
  PARTITION BY LIST (regency_code);
ALTER TABLE workers ALTER COLUMN source TYPE TEXT COLLATE "C";

DO $$
DECLARE
  last_id BIGINT;
  regency TEXT;
BEGIN
  last_id := GREATEST(
    COALESCE((SELECT MAX(id) FROM workers_unpartitioned), 0),
    COALESCE(pg_sequence_last_value(
      pg_get_serial_sequence('workers_unpartitioned', 'id')::regclass), 0));
  ALTER TABLE workers_unpartitioned ALTER COLUMN id DROP IDENTITY;
  CREATE SEQUENCE workers_id_seq AS BIGINT OWNED BY workers.id;
  IF last_id > 0 THEN
    PERFORM setval('workers_id_seq', last_id);
  END IF;
  FOR regency IN SELECT DISTINCT regency_code FROM workers_unpartitioned ORDER BY 1 LOOP
    EXECUTE format('CREATE TABLE %I PARTITION OF workers FOR VALUES IN (%L)',
                   'workers_' || replace(regency, '.', '_'), regency);
  END LOOP;
END
$$;
ALTER TABLE workers ALTER COLUMN id SET DEFAULT nextval('workers_id_seq');

INSERT INTO workers SELECT * FROM workers_unpartitioned;
DROP TABLE workers_unpartitioned;

ALTER TABLE workers ADD CONSTRAINT workers_pkey PRIMARY KEY (regency_code, id);
ALTER TABLE workers ADD CONSTRAINT workers_last_batch_id_fkey
  FOREIGN KEY (last_batch_id) REFERENCES import_batches (id);
CREATE INDEX workers_regency_nik ON workers (regency_code, nik);
CREATE INDEX workers_regency_kk ON workers (regency_code, kk);
CREATE INDEX workers_regency_name_key ON workers (regency_code, name_key, id, district_code,
                                                 village_code);
CREATE INDEX workers_regency_name ON workers (regency_code, name, id, sex, birth_date);
CREATE INDEX workers_regency_district ON workers (regency_code, district_code, name, id,
                                                  updated_at, nik);
CREATE INDEX workers_regency_occupation ON workers (regency_code, occupation, name, id);
CREATE INDEX workers_regency_village ON workers (regency_code, village_code, name, id);
CREATE INDEX workers_regency_status ON workers (regency_code, status, name, id);
CREATE INDEX workers_regency_source ON workers (regency_code, source, name, id, updated_at, nik);
CREATE INDEX workers_regency_sex ON workers (regency_code, sex, name, id, birth_date);
CREATE INDEX workers_regency_birth_date ON workers (regency_code, birth_date, id, sex);
CREATE INDEX workers_regency_updated_at ON workers (regency_code, updated_at, id);
CREATE INDEX workers_regency_issues ON workers (regency_code, name, id) WHERE has_issues = 1;
{{end}}
