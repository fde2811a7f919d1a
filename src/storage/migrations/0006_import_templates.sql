-- Column-mapping templates (issue 4, item 2): the mapping an operator confirmed or corrected for
-- the files of one source, applied automatically to the next file of that source whose header
-- has the same columns. One template per (regency, source); saving again replaces it.
--
-- mapping_json is intake::MappingToJson (version 1); header_json the header it was made for
-- (JSON array of strings), compared by intake::HeaderKey so that spacing and case do not matter.
-- Times are BIGINT microseconds since 1970-01-01 UTC, as in 0002 and 0003.
CREATE TABLE import_templates (
  regency_code {{code_text}} NOT NULL,
  source TEXT NOT NULL,
  header_json TEXT NOT NULL,
  mapping_json TEXT NOT NULL,
  actor TEXT NOT NULL DEFAULT '',
  updated_at BIGINT NOT NULL,
  PRIMARY KEY (regency_code, source)
);
