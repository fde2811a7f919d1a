// BillService: the monthly bill (tagihan iuran, issue 14, item 1). For a program and a settled
// month: one line per person on the month's settled list whose coverage period under the
// program touches the month, priced by the contribution version in force that month, split by
// the program's funding shares; totals reconcile exactly (lines -> sources -> grand total).
//
//   BillService bills(db, &trail, policy, clock);
//   auto bill = bills.Issue("35.14", program_id, "2025-09", actor);  // bill->total, ->by_source
//   bills.WriteXlsx("35.14", program_id, "2025-09", "tagihan.xlsx", actor);
//
// Proration (docs/bills.md, bill_proration.hpp): the payment terms' rule in force that month,
// "whole_month" by default (a person covered on any day of the month is billed the month) or
// "by_day" (the days covered of the first and last month of a cover, and of the month of a
// death on record). Issue stores a new version only when the figures changed since
// the newest (a re-settled month, a new answer); otherwise it returns the newest as it is.
//
// Authorization: view_reports in the regency to read a bill; manage_enrolment or
// manage_programs to issue it (the finance office's operator); the .xlsx names persons, so it
// needs export_personal_data as well (audited as export). Audit: "bill" create with the totals.
// Failures: InvalidArgument, FailedPrecondition (month not settled, no rule in force), NotFound,
// PermissionDenied, storage errors. Thread-safe: no mutable state.
#pragma once

#include <cstdint>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/clock.hpp"
#include "common/error.hpp"
#include "domain/money.hpp"
#include "services/audit_trail.hpp"
#include "services/policy_service.hpp"
#include "storage/database.hpp"

namespace jaring::services {

struct BillView {
  std::int64_t id = 0;
  std::int64_t program_id = 0;
  std::string program_name, period;
  int version = 0;
  std::int64_t workers = 0;
  domain::Money total;
  std::vector<std::pair<std::string, domain::Money>> by_source;  // in the program's source order
  std::string proration, due_date, policy_version, actor;
  TimePoint created_at;
  std::string terbilang;  // the total in words
};

struct BillLineView {
  std::int64_t worker_id = 0;
  std::string nik, name, kpj;  // NIK as the viewer may see it
  domain::Money jkk, jkm, jht, amount;
  std::vector<std::pair<std::string, domain::Money>> by_source;
};

// {"workers":N,"total":N,"by_source":{"DBHCHT":N,...},"id",...}: the CLI's and the API's form.
nlohmann::ordered_json ToJson(const BillView& bill);
nlohmann::ordered_json ToJson(const BillLineView& line);

// Splits `amount` by shares in basis points (summing to 10000) so that the parts add up to it
// exactly: each part rounded down, the rupiah left over given one each to the largest remainders
// (ties: the earlier share). Pure.
std::vector<std::int64_t> SplitByShares(std::int64_t amount, const std::vector<int>& shares_bp);

class BillService {
 public:
  BillService(storage::Database& db, const AuditTrail* trail, PolicyService& policy,
              const Clock& clock)
      : db_(db), trail_(trail), policy_(policy), clock_(clock) {}

  Result<BillView> Issue(std::string_view regency_code, std::int64_t program_id,
                         std::string_view period, const Actor& actor);
  // The newest version; NotFound when the month was never billed.
  Result<BillView> Get(std::string_view regency_code, std::int64_t program_id,
                       std::string_view period, const Actor& actor);
  Result<std::vector<BillView>> List(std::string_view regency_code, std::int64_t program_id,
                                     const Actor& actor);
  Result<std::vector<BillLineView>> Lines(std::string_view regency_code, std::int64_t program_id,
                                          std::string_view period, const Actor& actor);
  // The finance office's workbook: a summary sheet (totals by source, the total in words, the
  // rule applied) and the lines.
  Status WriteXlsx(std::string_view regency_code, std::int64_t program_id, std::string_view period,
                   const std::filesystem::path& out, const Actor& actor);

 private:
  storage::Database& db_;
  const AuditTrail* trail_;
  PolicyService& policy_;
  const Clock& clock_;
};

}  // namespace jaring::services
