// SqlProgramRepository: ProgramRepository over SOCI, bound to a Transaction's connection; each
// call runs inside a savepoint (see program_repository.hpp).
#pragma once

#include <soci/soci.h>

#include "common/clock.hpp"
#include "storage/program_repository.hpp"
#include "storage/sql/call_runner.hpp"

namespace jaring::storage::sql {

class SqlProgramRepository final : public ProgramRepository {
 public:
  SqlProgramRepository(Engine engine, soci::session& session, const Clock& clock)
      : runner_(engine, session, "jaring_program"), clock_(&clock) {}

  Result<std::int64_t> Insert(const ProgramRecord& program) override;
  Result<std::int64_t> AddBudgetLine(std::string_view regency_code, std::int64_t program_id,
                                     const ProgramBudgetLine& line) override;
  Result<ProgramRecord> Get(std::string_view regency_code, std::int64_t id) override;
  Result<std::vector<ProgramRecord>> List(std::string_view regency_code) override;
  Result<std::optional<std::string>> RegencyOf(std::int64_t id) override;

 private:
  CallRunner runner_;
  const Clock* clock_;
};

}  // namespace jaring::storage::sql
