-- The registry's list and search (issue 4, item 7).
--
-- name_key: the name's search key (storage::NameSearchKey: canonical spelling, then an
-- Indonesian phonetic key per token, in written order), so that "Moehammad Soepardi" and
-- "Muhamad Supardi" meet in one key and a prefix of it is a range scan of one index.
-- has_issues: 1 when the stored record has something a person should look at (storage::
-- RecordHasIssues: NIK not sound or disagreeing with sex or birth date, bad KK, no birth date).
-- Both are computed by jaring when it writes the row; rows written before this migration have
-- name_key '' until WorkerRepository::RefreshDerived() runs over them.
ALTER TABLE workers ADD COLUMN name_key {{code_text}} NOT NULL DEFAULT '';
ALTER TABLE workers ADD COLUMN has_issues SMALLINT NOT NULL DEFAULT 0;
CREATE INDEX workers_regency_name_key ON workers (regency_code, name_key);
