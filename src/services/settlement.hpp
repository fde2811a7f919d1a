// Settlement: closing a month's verification (issue 12, items 5 and 6). When no undecided
// blocking finding remains, the verifier settles the month: the list of the persons on it is
// frozen as the month's next version (immutable, checksummed), with its counts (start, added,
// removed by reason, end) and its sources, and the official minutes (berita acara verifikasi dan
// validasi) are produced as a PDF and kept with it; every finding and decision of the month can
// be downloaded as .xlsx beside it. Settled months are the history that the month-to-month
// view charts and that every count of covered people reads (distinct persons, never rows).
//
//   Settlement settlement(db, &trail, clock);
//   auto settled = settlement.Settle({.regency_code = "35.14", .period = "2025-10", .actor = a});
//   // settled->minutes_pdf: the berita acara
//
// Refused (FailedPrecondition) while the month has no run, while open blocking findings remain,
// or when the registry changed after the month's newest run (run it again first). Killed
// anywhere, nothing of the settlement is stored. Thread safety: as the other services.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <vector>

#include "common/clock.hpp"
#include "common/error.hpp"
#include "domain/region.hpp"
#include "services/audit_trail.hpp"
#include "services/verval_views.hpp"
#include "storage/database.hpp"

namespace jaring::services {

// Who is on the list compared with the previous settled month.
struct MonthCounts {
  // Persons of the previous settled month; for the first, the records on the list when the
  // month's run read it (so the first minutes show what the cleaning took off).
  std::uint64_t start = 0;
  std::uint64_t added = 0;
  std::map<std::string, std::uint64_t> removed;  // reason -> persons ("died", "duplicate", ...)
  std::uint64_t end = 0;
};

struct SettleRequest {
  std::string regency_code;
  std::string period;
  Actor actor = Actor::ForCli("");
};

struct SettleReport {
  SettledMonthView month;
  MonthCounts counts;
  std::string minutes_pdf;  // the berita acara as stored
  int claims_opened = 0;    // JKM cases opened for the month's deaths (ClaimService)
};

// {"period":…,"version":N,"persons":N,"checksum":…,"counts":{"start":N,"added":N,
//  "removed":{…},"end":N},"claims_opened":N}
nlohmann::ordered_json SettleReportToJson(const SettleReport& report);
Result<MonthCounts> CountsFromJson(std::string_view json);

// One settled month in the month-to-month view.
struct MonthFlow {
  SettledMonthView month;
  MonthCounts counts;
};

// The newest settled month of a regency with the dashboard's breakdown of its persons:
// dimension ("district", "occupation", "sex", "age": whole years on the month's last day, "?"
// unknown) -> key -> persons.
struct SettledSummary {
  SettledMonthView month;
  std::map<std::string, std::map<std::string, std::uint64_t>> breakdown;
};

class Settlement {
 public:
  Settlement(storage::Database& db, const AuditTrail* trail, const Clock& clock,
             const domain::RegionIndex* regions = nullptr);

  Result<SettleReport> Settle(const SettleRequest& request);
  // Every settled month (its newest version), oldest first, with its flows.
  Result<std::vector<MonthFlow>> History(std::string_view regency_code);
  // The newest version of the newest settled month of any period, or nullopt.
  Result<std::optional<SettledSummary>> Newest(std::string_view regency_code) const;
  // The newest version of a settled month; NotFound when the month is not settled.
  Result<SettledMonthView> Get(std::string_view regency_code, std::string_view period);
  // The berita acara of the month's newest version, as stored at settlement.
  Result<std::string> Minutes(std::string_view regency_code, std::string_view period);
  // Every finding of the month with its decision (.xlsx, one sheet per kind plus a summary).
  Status FindingsXlsx(std::string_view regency_code, std::string_view period,
                      const std::filesystem::path& out);

 private:
  storage::Database& db_;
  const AuditTrail* trail_;
  const Clock& clock_;
  const domain::RegionIndex& regions_;
};

}  // namespace jaring::services
