-- A district's or a source's list sorted by last change or by NIK (issue 4, item 7: a page in
-- <= 50 ms at p95 on a regency of 1,000,000 workers).
--
-- These filters cluster: a district's and a source's rows arrive together in one import, so
-- they share its last change and sit together by NIK, and neither walking the sort's index nor
-- probing its first rows finds them (SortPlan in worker_repository.cpp). Their matches are
-- sorted instead, up to 78,000 of them in the largest district of the benchmark: reading each
-- from the table for its sort key took 90-130 ms. The two indexes now carry the last change and
-- the NIK, so the sort reads only the index (a page's ids are sorted there and only the page's
-- rows are read). The ordering of the index is unchanged (regency, column, name, id): the names
-- list still walks it.
DROP INDEX workers_regency_district;
DROP INDEX workers_regency_source;
CREATE INDEX workers_regency_district ON workers (regency_code, district_code, name, id,
                                                  updated_at, nik);
CREATE INDEX workers_regency_source ON workers (regency_code, source, name, id, updated_at, nik);
