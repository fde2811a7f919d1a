-- The registry list's indexes (issue 4, item 7: a page in <= 50 ms at p95 on a regency of
-- 1,000,000 workers; measured in docs/benchmarks.md, "Registry list and search").
--
-- Every filter of WorkerRepository::Find that a person picks from a list gets an index
-- (regency_code, filter column, name, id): the capped count reads it as a covering range, and
-- the default page (sorted by name, ties by id) reads it in order and stops after the page,
-- however many workers match. id is spelled out so that PostgreSQL also finds the tie order in
-- the index (on SQLite it is the rowid, which every index carries anyway).
-- The sex index carries birth date, the name index sex and birth date: a sex and an age band,
-- or a band alone, are answered by walking one of them in name order and testing the rest in
-- the index (names go with sex, so a walk of the name index may pass long runs of the other);
-- the birth-date index (also the sort by birth date) carries sex, so an age band's count is
-- one range. The name search key's index carries district and village, so that a name searched
-- within a place is counted and paged off it. Sorting by last change reads its own index; the
-- issue flag has a partial index, as flagged rows are few. The district and occupation indexes
-- now also order by name, and still cover the dashboard's counts per district and occupation.
-- Which index SQLite may use for which filter is steered in worker_repository.cpp (IndexUseFor).
-- Cost: about 13 CPU-seconds more to build them after a first import of 1,000,000 rows.
DROP INDEX workers_regency_name;
DROP INDEX workers_regency_district;
DROP INDEX workers_regency_occupation;
DROP INDEX workers_regency_name_key;
CREATE INDEX workers_regency_name_key ON workers (regency_code, name_key, id, district_code,
                                                 village_code);
CREATE INDEX workers_regency_name ON workers (regency_code, name, id, sex, birth_date);
CREATE INDEX workers_regency_district ON workers (regency_code, district_code, name, id);
CREATE INDEX workers_regency_occupation ON workers (regency_code, occupation, name, id);
CREATE INDEX workers_regency_village ON workers (regency_code, village_code, name, id);
CREATE INDEX workers_regency_status ON workers (regency_code, status, name, id);
CREATE INDEX workers_regency_source ON workers (regency_code, source, name, id);
CREATE INDEX workers_regency_sex ON workers (regency_code, sex, name, id, birth_date);
CREATE INDEX workers_regency_birth_date ON workers (regency_code, birth_date, id, sex);
CREATE INDEX workers_regency_updated_at ON workers (regency_code, updated_at, id);
CREATE INDEX workers_regency_issues ON workers (regency_code, name, id) WHERE has_issues = 1;
