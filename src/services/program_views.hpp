// What ProgramService hands to presenters (CLI, HTTP): a program with its funding and budget
// lines, and a simulation, as plain values, and their one JSON form (docs/programs.md "HTTP API"),
// so that `jaring program simulate --json` and GET .../simulation answer alike.
//
// Amounts are integer rupiah (JSON integers), months "YYYY-MM", dates "YYYY-MM-DD".
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "common/clock.hpp"
#include "domain/money.hpp"

namespace jaring::services {

struct FundingView {
  std::string source;  // "DBHCHT"
  std::string label;   // "DBHCHT (dana bagi hasil cukai hasil tembakau)"
  int share_bp = 0;
};

struct BudgetLineView {
  std::int64_t id = 0;
  std::string kind;  // "original" | "revision"
  domain::Money amount;
  std::string decree, decree_date;  // "" when not given
  std::string actor;
  TimePoint created_at;
  std::optional<std::int64_t> quota;  // the quota from this line on; none: left as it was
};

struct ProgramView {
  std::int64_t id = 0;
  std::string regency_code, name;
  int fiscal_year = 0;
  std::string period_from, period_to;  // "YYYY-MM"
  std::int64_t months = 0;             // in the coverage period
  std::int64_t quota = 0;              // in force (after the latest PAK that set one); 0: none
  std::int64_t original_quota = 0;     // as the program was created
  std::string participation_code;
  domain::Money declared_income;
  bool with_jht = false;
  int age_min = 0, age_max = 0;  // both inclusive
  std::vector<std::string> occupations;
  bool domicile_in_regency = true, exclude_wage_earners = true;
  std::vector<std::string> priority;
  std::vector<FundingView> funding;
  std::vector<BudgetLineView> budget_lines;  // oldest first
  domain::Money budget;                      // the newest line's amount
  std::string actor;
  TimePoint created_at;
};

// The simulator (issue 13, item 4) for N workers from a month to the program's end, with the
// program's current budget. A budget that does not reach the end shows `shortfall` > 0: what is
// missing to pay N workers up to the end of the period (what a PAK must add). Independently of
// the period, the budget pays `whole_months` whole months from `from` (`covered_until`, which
// may lie past the period's end) and leaves `left`, `shortfall_next_month` short of one more.
struct SimulationView {
  std::int64_t program_id = 0;
  std::int64_t workers = 0;
  std::string workers_basis;  // "request" (--workers), "quota"
  std::string from, to;       // the simulated months
  std::int64_t months_until_end = 0;
  domain::Money budget;        // the current budget, all of it available from `from`
  domain::Money per_worker;    // one worker's contribution in `from`
  domain::Money monthly_cost;  // N workers in `from`
  std::int64_t whole_months = 0;
  std::optional<std::string> covered_until;  // none when not even one month is paid
  domain::Money spent;                       // the whole months' cost
  domain::Money left;                        // budget - spent
  std::optional<std::string> next_month;     // the first month not paid in full
  domain::Money next_month_cost;
  domain::Money shortfall_next_month;  // next_month_cost - left
  domain::Money cost_until_end;        // N workers from `from` to `to`
  std::int64_t workers_until_end = 0;  // how many workers the budget pays up to `to`
  domain::Money surplus;               // budget - cost_until_end, when >= 0
  domain::Money shortfall;             // cost_until_end - budget, when > 0
  // A PAK priced (issue 13, item 4): adding `workers` from `from` to the program's last month
  // costs `cost`; `shortfall` is what the current budget then lacks for the old and the added
  // workers together up to the end (0 when it reaches).
  struct Pak {
    std::int64_t workers = 0;
    std::string from;
    domain::Money cost;
    domain::Money shortfall;
  };
  std::optional<Pak> pak;
};

nlohmann::ordered_json ProgramToJson(const ProgramView& program);
// The keys of the issue first ({"monthly_cost","whole_months","covered_until",
// "workers_until_end","shortfall"}), then the rest (docs/programs.md).
nlohmann::ordered_json SimulationToJson(const SimulationView& simulation);

}  // namespace jaring::services
