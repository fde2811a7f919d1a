// ProgramService: a regency's programs (issue 13, items 2 and 4): add one with its funding and
// original budget, revise its budget (PAK), read them, and simulate what the budget pays.
//
//   ProgramService programs(db, &trail, policy);
//   auto id = programs.Add({.regency_code = "35.14", .name = "...", .funding = {{kDbhcht, 10000}},
//                           .budget = Money::Rupiah(2'800'000'000), .from = "2025-09",
//                           .to = "2025-12", .quota = 28'448}, actor);
//   auto sim = programs.Simulate("35.14", *id, {}, actor);  // sim->shortfall, sim->whole_months
//
// Rules (docs/programs.md): a name; funding sources known, each once, shares summing to 100 %;
// a budget above zero; a period that does not end before it starts; a declared income the
// contribution schedule in force at the first month prices; an age range inside the
// eligibility defaults in force then (a program narrows the law's range, it never widens it),
// as are its occupations. Missing eligibility fields take those defaults; the declared income
// defaults to Rp 1.000.000 (the lowest bracket: Rp 16.800 a month). Every month of the period
// must have a contribution schedule in force (FailedPrecondition otherwise). A revision appends
// a budget line (the new whole budget, its decree and date, and the new quota when the PAK
// changes it); nothing is ever overwritten.
//
// Authorization and tenancy: an Actor with a principal needs manage_programs in the program's
// regency to add or revise, and view_dashboard there to read or simulate; a program of a
// regency the principal may not read is NotFound, exactly like a missing one. The CLI's actor
// (no principal) may do everything. Audit: "program" create with the program, "program" update
// with the budget before and after and the decree, in the transaction of the change.
// Failures: InvalidArgument (Indonesian, naming the field), FailedPrecondition, NotFound,
// PermissionDenied, storage errors; nothing is half-stored. Thread-safe: no mutable state.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/clock.hpp"
#include "common/error.hpp"
#include "domain/funding_source.hpp"
#include "domain/money.hpp"
#include "services/audit_trail.hpp"
#include "services/policy_service.hpp"
#include "services/program_views.hpp"
#include "storage/database.hpp"

namespace jaring::services {

// The priority rules when the eligible outnumber the quota, in the order a program lists them.
inline constexpr std::string_view kPriorityCodes[] = {"extreme_poor", "tobacco_sector",
                                                      "longest_waiting"};

struct ProgramInput {
  std::string regency_code;
  std::string name;
  std::vector<domain::FundingShare> funding;
  domain::Money budget;
  std::string budget_decree;       // optional for the original budget (the DPA)
  std::string budget_decree_date;  // "YYYY-MM-DD" or ""
  std::string from, to;            // "YYYY-MM"
  std::optional<int> fiscal_year;  // default: the year of `from`
  std::int64_t quota = 0;          // 0: none
  std::string participation_code;  // "SG", "SA", "SD", ... or ""
  std::optional<domain::Money> declared_income;
  bool with_jht = false;
  std::optional<int> age_min, age_max;  // inclusive
  std::optional<std::vector<std::string>> occupations;
  std::optional<bool> domicile_in_regency, exclude_wage_earners;
  std::optional<std::vector<std::string>> priority;  // default: kPriorityCodes' order
};

struct BudgetRevision {
  domain::Money budget;  // the whole budget after the revision
  std::string decree;    // the decree's number, required
  std::string date;      // "YYYY-MM-DD", required
  // The quota from the revision on (e.g. 18,000 -> 24,250 workers); none: unchanged. The quota
  // in force bounds enrolment and is the planned figure of the monitoring pages.
  std::optional<std::int64_t> quota;
};

struct SimulationRequest {
  std::optional<std::int64_t> workers;  // default: the program's quota
  std::optional<std::string> from;      // "YYYY-MM"; default: the program's first month
  // A PAK to price: adding `add_workers` from `add_from` (default: `from`) to the program's end.
  std::optional<std::int64_t> add_workers;
  std::optional<std::string> add_from;
};

class ProgramService {
 public:
  // db, trail (may be null: no audit) and policy must outlive it.
  ProgramService(storage::Database& db, const AuditTrail* trail, PolicyService& policy)
      : db_(db), trail_(trail), policy_(policy) {}

  // The new program's id.
  Result<std::int64_t> Add(const ProgramInput& input, const Actor& actor);
  // The new budget line's id.
  Result<std::int64_t> Revise(std::string_view regency_code, std::int64_t id,
                              const BudgetRevision& revision, const Actor& actor);
  Result<ProgramView> Get(std::string_view regency_code, std::int64_t id, const Actor& actor);
  Result<std::vector<ProgramView>> List(std::string_view regency_code, const Actor& actor);
  Result<SimulationView> Simulate(std::string_view regency_code, std::int64_t id,
                                  const SimulationRequest& request, const Actor& actor);

  // The regency of a program id, NotFound when there is none: for the command line, which
  // names a program by id alone and must check the --as user's grants in that regency.
  Result<std::string> RegencyOf(std::int64_t id);

 private:
  storage::Database& db_;
  const AuditTrail* trail_;
  PolicyService& policy_;
};

}  // namespace jaring::services
