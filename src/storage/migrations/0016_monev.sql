-- Monitoring and evaluation (issue 16): what coverage is divided by, what it is measured
-- against, and the figures of every settled month counted once, when the month is settled or
-- its cover changes, so that no page counts persons on load.
--
-- monev_denominators: per region (province "35", regency "35.14", district "35.14.01", village)
-- and year, a population an indicator divides by (working population, informal workers, the BPU
-- universe, vulnerable workers mapped, ...) with its source and date. One value per region, year
-- and name; a change replaces it (the audit log keeps the old value).
--
-- monev_targets: per region and year, the coverage target (a fraction, 0.33) with its source
-- (RPJMN, RKP, the regency's own) and the denominator it is measured on. "ID" is the national
-- region: a regency without its own target is measured against its province's, then the
-- nation's.
--
-- monev_snapshots: a regency's settled month counted by area: the regency itself, each of its
-- districts and each village (level). rows_listed are the records of the lists sent (every
-- status, duplicates included); persons the distinct persons of the settled list; participants
-- those of them covered by a program in the month; weighted_milli the participants as BPJS
-- counts them (in full after 6 paid months, in proportion before), in thousandths of a person.
-- The difference rows_listed - persons is split by cause (duplicates, other_regency, died,
-- ineligible, other_removed). detail_json holds the regency row's breakdown by program and
-- funding source. Replaced whole for a (regency, period) each time it is counted.
--
-- monev_overlaps: persons on a regency's settled list whom another regency also registers (the
-- month's other_regency findings that were not accepted): a count per other regency, never
-- records.
--
-- monev_boundaries: a regency's district boundaries as its administrator uploaded them (GeoJSON,
-- none are bundled), kept as a FeatureCollection whose features name their district by code;
-- the district map colours them by coverage.
--
-- Times are BIGINT microseconds since 1970-01-01 UTC.

CREATE TABLE monev_denominators (
  region_code {{code_text}} NOT NULL,
  year INTEGER NOT NULL,
  name {{code_text}} NOT NULL,
  value BIGINT NOT NULL CHECK (value > 0),
  source TEXT NOT NULL,
  source_date {{code_text}} NOT NULL DEFAULT '',
  actor TEXT NOT NULL DEFAULT '',
  updated_at BIGINT NOT NULL,
  PRIMARY KEY (region_code, year, name)
);

CREATE TABLE monev_targets (
  region_code {{code_text}} NOT NULL,
  year INTEGER NOT NULL,
  value DOUBLE PRECISION NOT NULL CHECK (value > 0 AND value <= 1),
  denominator {{code_text}} NOT NULL DEFAULT '',
  source TEXT NOT NULL DEFAULT '',
  actor TEXT NOT NULL DEFAULT '',
  updated_at BIGINT NOT NULL,
  PRIMARY KEY (region_code, year)
);

CREATE TABLE monev_snapshots (
  regency_code {{code_text}} NOT NULL,
  period {{code_text}} NOT NULL,
  area_code {{code_text}} NOT NULL,
  level {{code_text}} NOT NULL CHECK (level IN ('regency', 'district', 'village')),
  settled_id BIGINT NOT NULL,
  rows_listed BIGINT NOT NULL DEFAULT 0,
  persons BIGINT NOT NULL DEFAULT 0,
  participants BIGINT NOT NULL DEFAULT 0,
  weighted_milli BIGINT NOT NULL DEFAULT 0,
  duplicates BIGINT NOT NULL DEFAULT 0,
  other_regency BIGINT NOT NULL DEFAULT 0,
  died BIGINT NOT NULL DEFAULT 0,
  ineligible BIGINT NOT NULL DEFAULT 0,
  other_removed BIGINT NOT NULL DEFAULT 0,
  detail_json TEXT NOT NULL DEFAULT '{}',
  computed_at BIGINT NOT NULL,
  PRIMARY KEY (regency_code, period, area_code)
);
-- The province page reads one row per regency and month: the regency rows only.
CREATE INDEX monev_snapshots_level ON monev_snapshots (level, period, regency_code);

CREATE TABLE monev_overlaps (
  regency_code {{code_text}} NOT NULL,
  period {{code_text}} NOT NULL,
  other_regency {{code_text}} NOT NULL,
  persons BIGINT NOT NULL CHECK (persons > 0),
  PRIMARY KEY (regency_code, period, other_regency)
);

CREATE TABLE monev_boundaries (
  regency_code {{code_text}} PRIMARY KEY,
  geojson TEXT NOT NULL,
  features INTEGER NOT NULL,
  actor TEXT NOT NULL DEFAULT '',
  updated_at BIGINT NOT NULL
);
