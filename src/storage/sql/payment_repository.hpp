// SqlPaymentRepository: PaymentRepository over SOCI, bound to a Transaction's connection; each
// call runs inside a savepoint (see payment_repository.hpp).
#pragma once

#include <soci/soci.h>

#include "common/clock.hpp"
#include "storage/payment_repository.hpp"
#include "storage/sql/call_runner.hpp"

namespace jaring::storage::sql {

class SqlPaymentRepository final : public PaymentRepository {
 public:
  SqlPaymentRepository(Engine engine, soci::session& session, const Clock& clock)
      : runner_(engine, session, "jaring_payment"), clock_(&clock) {}

  Result<PaymentRecord> Insert(const PaymentRecord& payment) override;
  Result<std::optional<PaymentRecord>> ByReference(std::string_view regency_code,
                                                   std::string_view reference) override;
  Result<std::vector<PaymentRecord>> List(std::string_view regency_code, std::int64_t program_id,
                                          std::optional<std::string> period) override;

 private:
  CallRunner runner_;
  const Clock* clock_;
};

}  // namespace jaring::storage::sql
