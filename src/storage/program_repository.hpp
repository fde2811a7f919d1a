// ProgramRepository: a regency's programs (issue 13, item 2): who is paid for, with which
// money, for how long, and the budget lines (the original budget and each revision, PAK).
//
// It exists only inside a Transaction (Transaction::Programs()): a program, its funding and its
// original budget, or a revision, are stored with their audit entry in one unit of work. Each
// call runs inside a savepoint: a failed call leaves the transaction as it was. Storage keeps
// what services validated (periods, shares summing to 100 %, amounts > 0) and checks only what
// its constraints check; budget lines are appended, never updated.
//
// Tenancy: every call but RegencyOf names the regency ("NN.NN") and never reads or changes
// another regency's programs. Months are "YYYY-MM", dates "YYYY-MM-DD" or "". Failures are
// values: InvalidArgument (bad regency, month or date, a constraint), NotFound (no such program
// in the regency), Unavailable, Internal. One thread at a time.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.hpp"

namespace jaring::storage {

struct ProgramFunding {
  std::string source;  // "DBHCHT", "APBD", ... (domain/funding_source.hpp)
  int share_bp = 0;    // 1..10000
  friend bool operator==(const ProgramFunding&, const ProgramFunding&) = default;
};

struct ProgramBudgetLine {
  std::int64_t id = 0;      // assigned on insert; lines are read oldest first
  std::string kind;         // "original" | "revision"
  std::int64_t amount = 0;  // whole rupiah, the budget after this line
  std::string decree;       // "" for an original budget without one
  std::string decree_date;  // "YYYY-MM-DD" or ""
  std::string actor;
  std::int64_t created_at_us = 0;  // 0 on insert: the Database clock's now
  // The program's quota from this line on (0: none); nullopt when the line leaves it as it was.
  std::optional<std::int64_t> quota;
  friend bool operator==(const ProgramBudgetLine&, const ProgramBudgetLine&) = default;
};

struct ProgramRecord {
  std::int64_t id = 0;  // assigned by Insert
  std::string regency_code;
  std::string name;
  int fiscal_year = 0;
  std::string period_from, period_to;  // "YYYY-MM"
  // The quota in force (0: none): on Insert the program's own; read back, the newest budget
  // line's quota when a line set one (a PAK), else the program's own. original_quota is always
  // the program's own, as it was created.
  std::int64_t quota = 0;
  std::int64_t original_quota = 0;  // read only; Insert stores `quota`
  std::string participation_code;   // "SG", "SA", ... or ""
  std::int64_t declared_income = 0;
  bool with_jht = false;
  int age_min = 0, age_max = 0;  // both inclusive
  std::string occupations_json = "[]";
  bool domicile_in_regency = true;
  bool exclude_wage_earners = true;
  std::string priority_json = "[]";
  std::string actor;
  std::int64_t created_at_us = 0;               // 0 on Insert: the Database clock's now
  std::vector<ProgramFunding> funding;          // by source
  std::vector<ProgramBudgetLine> budget_lines;  // oldest first; the last is the current budget
  friend bool operator==(const ProgramRecord&, const ProgramRecord&) = default;
};

class ProgramRepository {
 public:
  virtual ~ProgramRepository() = default;

  // Stores the program with its funding and budget lines (at least the original); its id.
  virtual Result<std::int64_t> Insert(const ProgramRecord& program) = 0;
  // Appends a budget line to the regency's program; its id. NotFound for another regency's.
  virtual Result<std::int64_t> AddBudgetLine(std::string_view regency_code, std::int64_t program_id,
                                             const ProgramBudgetLine& line) = 0;
  virtual Result<ProgramRecord> Get(std::string_view regency_code, std::int64_t id) = 0;
  // The regency's programs by id.
  virtual Result<std::vector<ProgramRecord>> List(std::string_view regency_code) = 0;
  // The regency a program id belongs to, nullopt when there is none: for a caller that knows
  // only the id (`jaring program revise ID`), which must then check that regency's grants
  // before it reads anything else.
  virtual Result<std::optional<std::string>> RegencyOf(std::int64_t id) = 0;
};

}  // namespace jaring::storage
