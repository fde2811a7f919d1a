// The monthly verification as the services hand it out: a run, a settled month, a registry record
// as the review shows it, a finding, an extract row and an extract batch. Plain values owned by
// services, so that http and cli present verval without knowing how storage keeps it; services
// fill them from storage's rows (services/verval_view_of.hpp) and nothing else builds them.
// The *_json fields carry the stored JSON text as it was written (an object or array), for the
// presenter to parse. Times are UTC.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "common/clock.hpp"
#include "domain/worker.hpp"

namespace jaring::services {

// One run of the engine over a month.
struct VervalRunView {
  std::int64_t id = 0;
  std::string period, actor;
  TimePoint started_at, finished_at;
  std::string inputs_json = "{}";  // extract batches used, registry size, model summary
  std::string counts_json = "{}";  // findings by kind, automatic, to review
};

// One settled (frozen) version of a month's list.
struct SettledMonthView {
  std::int64_t id = 0;
  std::string period;
  int version = 0;
  std::uint64_t persons = 0, rows_listed = 0;
  TimePoint settled_at;
  std::string actor;
  std::string checksum;             // of the sorted member ids, hex
  std::string minutes_checksum;     // of the berita acara PDF
  std::string counts_json = "{}";   // start, added, removed by reason, end (and the breakdown)
  std::string sources_json = "[]";  // the extracts and lists behind it
};

// A registry record beside a finding: the worker with what verval adds to it.
struct RegistryRecordView {
  domain::Worker worker;
  std::string source_id;         // the id column of the list it came from, or ""
  std::string death_date;        // ISO or ""
  std::int64_t merged_into = 0;  // the surviving record of a merge, or 0
};

// One finding and its decision (services/verval_findings.hpp names the kinds).
struct FindingView {
  std::int64_t id = 0;
  std::string period, kind;
  std::int64_t worker_id = 0;
  std::string other_regency;  // other_regency: the other regency's code
  double confidence = 1;
  std::string action;  // "automatic" | "review"
  std::string proposal;
  bool blocking = true;
  std::string evidence_json = "{}";
  std::string state;  // "open" | "accepted" | "rejected" | "deferred"
  std::string decided_by;
  std::optional<TimePoint> decided_at;
  std::string reason;
};

// One current row of a month's death or membership extract. Dates ISO or "".
struct ExtractRowView {
  std::int64_t id = 0;
  std::string row_key;  // the row's identity in its extract ("id:K-17", ...)
  std::string kind;     // "deaths" | "members"
  std::string nik, name, sex, birth_date, death_date, village_code, kpj, segment;
};

// One imported version of a month's extract with its counts.
struct ExtractBatchView {
  std::int64_t id = 0;
  std::string kind;    // "deaths" | "members"
  std::string period;  // "2025-10"
  std::string file_name, checksum, actor;
  TimePoint created_at;
  std::uint64_t read = 0, accepted = 0, quarantined = 0, unchanged = 0;
  std::map<std::string, std::uint64_t> issues;  // issue code -> rows
};

}  // namespace jaring::services
