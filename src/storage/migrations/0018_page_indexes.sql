-- Two reads of a worker's page (RegistryService::Get) through indexes instead of scans; the
-- load test of issue 17, item 4 found them (docs/benchmarks.md, "Load"):
-- - The household (the others with the same KK in the regency, WorkerRepository::ListByKk) read
--   every worker of the regency: 40-100 ms per page at 28,000 workers, growing with the
--   regency. Cost: one more index for an import to maintain (a first import on SQLite rebuilds
--   it with the others, worker_bulk_load.cpp).
-- - The page's history (the worker's audit entries, newest first): SQLite walked the regency's
--   whole audit log backwards in sequence order (audit_log_regency) to find the worker's few
--   entries, a cost that grows with every decision and edit. With sequence in the record's
--   index it reads the entries in order and stops.
CREATE INDEX workers_regency_kk ON workers (regency_code, kk);
DROP INDEX audit_log_record;
CREATE INDEX audit_log_record ON audit_log (record_type, record_id, sequence);
