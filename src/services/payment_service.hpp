// PaymentService: what the regency paid BPJS for a program's months, what it still owes, and
// who is about to lose cover for it (issue 14, item 3).
//
//   PaymentService payments(db, &trail, policy, clock);
//   payments.Add({"35.14", program, "2025-10", Money::Rupiah(16'800'000), "2025-11-10",
//                 "SP2D-0012/2025", "DBHCHT"}, actor);
//   auto months = payments.Months("35.14", program, std::nullopt, actor);  // billed, paid, due
//   auto arrears = payments.Arrears("35.14", program, std::nullopt, {0, 100}, actor);
//
// Rules (docs/bills.md "Payments and arrears"):
//  - A payment is for a month that has a bill, dated no later than today, and no more than the
//    month's outstanding amount (an overpayment is refused: it is a typing error far more often
//    than a real one). The reference (the payment order's number) is unique in the regency:
//    entering the same payment again returns it unchanged; the same reference with other figures
//    is AlreadyExists.
//  - A month is paid when its payments reach the newest bill's total; otherwise it is overdue
//    after its due date. A partly paid month is overdue as a whole: jaring cannot tell whose
//    contribution the part paid.
//  - A worker is in arrears for each overdue month whose bill lists them. The consecutive
//    overdue months ending at their newest overdue month are counted against the payment terms'
//    arrears_limit_months (policy, 3 from 2025): below limit - 1 "arrears", at limit - 1 or
//    limit "warning" (cover ends if one more month goes unpaid), above it "lapsed".
//    lapses_on is the due date of the month that would make it one too many.
//
// Authorization: reading needs view_reports in the regency (a worker's NIK and name
// view_workers, masked as the account sees NIKs); recording a payment needs manage_programs or
// manage_enrolment; the arrears workbook export_personal_data (audited as export). Audit:
// "payment" create. Failures: InvalidArgument, FailedPrecondition (month not billed, overpaid),
// AlreadyExists, NotFound, PermissionDenied, storage errors. Thread-safe: no mutable state.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/clock.hpp"
#include "common/error.hpp"
#include "domain/money.hpp"
#include "services/audit_trail.hpp"
#include "services/policy_service.hpp"
#include "storage/database.hpp"

namespace jaring::services {

struct PaymentRequest {
  std::string regency_code;
  std::int64_t program_id = 0;
  std::string period;  // "YYYY-MM"
  domain::Money amount;
  std::string paid_on;  // "YYYY-MM-DD"
  std::string reference;
  std::string funding_source;  // "" or one of the program's sources
};

struct PaymentView {
  std::int64_t id = 0, program_id = 0, bill_id = 0;
  std::string period;
  domain::Money amount;
  std::string paid_on, reference, funding_source, actor, created_at;
  bool repeated = false;  // Add found the same payment already recorded
};

// A billed month's account.
struct MonthAccountView {
  std::string period;
  std::int64_t bill_id = 0;
  int version = 0;
  std::int64_t workers = 0;
  domain::Money total, paid, outstanding;
  std::string due_date;
  std::string state;  // "paid" | "not_due" | "overdue"
};

struct ArrearsWorkerView {
  std::int64_t worker_id = 0;
  std::string nik, name, village_code, kpj;
  int months = 0;           // consecutive overdue months ending at the newest one
  int months_total = 0;     // every overdue month billed to them
  std::string first_month;  // the first of the consecutive run, "YYYY-MM"
  domain::Money amount;     // their lines in the overdue months
  std::string level;        // "arrears" | "warning" | "lapsed"
  std::string lapses_on;    // "YYYY-MM-DD"
};

struct ArrearsView {
  std::string as_of;  // "YYYY-MM-DD"
  int limit_months = 0;
  std::vector<MonthAccountView> months;
  std::int64_t workers_in_arrears = 0, warnings = 0, lapsed = 0;
  domain::Money outstanding;
  std::vector<ArrearsWorkerView> workers;  // the requested page, most urgent first
};

struct Page {
  std::int64_t offset = 0;
  std::int64_t limit = 100;  // 0: all
};

nlohmann::ordered_json ToJson(const PaymentView& payment);
nlohmann::ordered_json ToJson(const MonthAccountView& month);
nlohmann::ordered_json ToJson(const ArrearsWorkerView& worker);
nlohmann::ordered_json ToJson(const ArrearsView& arrears);

class PaymentService {
 public:
  PaymentService(storage::Database& db, const AuditTrail* trail, PolicyService& policy,
                 const Clock& clock)
      : db_(db), trail_(trail), policy_(policy), clock_(clock) {}

  Result<PaymentView> Add(const PaymentRequest& request, const Actor& actor);
  Result<std::vector<PaymentView>> List(std::string_view regency_code, std::int64_t program_id,
                                        const Actor& actor);
  // Every billed month with what was paid against it, as of `as_of` (default today).
  Result<std::vector<MonthAccountView>> Months(std::string_view regency_code,
                                               std::int64_t program_id,
                                               std::optional<std::chrono::year_month_day> as_of,
                                               const Actor& actor);
  Result<ArrearsView> Arrears(std::string_view regency_code, std::int64_t program_id,
                              std::optional<std::chrono::year_month_day> as_of, Page page,
                              const Actor& actor);
  // The warnings and lapses for the head of Disnaker, by village (.xlsx).
  Status WriteArrearsXlsx(std::string_view regency_code, std::int64_t program_id,
                          std::optional<std::chrono::year_month_day> as_of,
                          const std::filesystem::path& out, const Actor& actor);

 private:
  std::chrono::year_month_day Today() const;

  storage::Database& db_;
  const AuditTrail* trail_;
  PolicyService& policy_;
  const Clock& clock_;
};

}  // namespace jaring::services
