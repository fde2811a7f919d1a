// SqlBillRepository: BillRepository over SOCI, bound to a Transaction's connection; each call
// runs inside a savepoint (see bill_repository.hpp).
#pragma once

#include <soci/soci.h>

#include "common/clock.hpp"
#include "storage/bill_repository.hpp"
#include "storage/sql/call_runner.hpp"

namespace jaring::storage::sql {

class SqlBillRepository final : public BillRepository {
 public:
  SqlBillRepository(Engine engine, soci::session& session, const Clock& clock)
      : runner_(engine, session, "jaring_bill"), clock_(&clock) {}

  Result<BillRecord> Insert(const BillRecord& bill, std::span<const BillLineRecord> lines) override;
  Result<std::optional<BillRecord>> Latest(std::string_view regency_code, std::int64_t program_id,
                                           std::string_view period) override;
  Result<BillRecord> Get(std::string_view regency_code, std::int64_t bill_id) override;
  Result<std::vector<BillRecord>> List(std::string_view regency_code,
                                       std::int64_t program_id) override;
  Result<std::vector<BillLineRecord>> Lines(std::string_view regency_code,
                                            std::int64_t bill_id) override;

 private:
  CallRunner runner_;
  const Clock* clock_;
};

}  // namespace jaring::storage::sql
