// PaymentRepository: what the regency paid BPJS for a program's months (issue 14, item 3;
// migration 0014).
//
// It exists only inside a Transaction (Transaction::Payments()); each call runs inside a
// savepoint. Payments are inserted, never changed: a mistake is corrected by the finance office
// outside jaring and recorded as it was paid. A reference is unique in the regency: a second
// insert with the same reference fails with AlreadyExists.
//
// Tenancy: every call names the regency ("NN.NN"). Failures are values: InvalidArgument,
// AlreadyExists, Unavailable, Internal. One thread at a time.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.hpp"

namespace jaring::storage {

struct PaymentRecord {
  std::int64_t id = 0;  // assigned by Insert
  std::string regency_code;
  std::int64_t program_id = 0;
  std::string period;        // "YYYY-MM": the month paid for
  std::int64_t bill_id = 0;  // the bill version in force when it was paid
  std::int64_t amount = 0;
  std::string paid_on;  // "YYYY-MM-DD"
  std::string reference, funding_source, actor;
  std::int64_t created_at_us = 0;  // 0 on insert: the Database clock's now
  friend bool operator==(const PaymentRecord&, const PaymentRecord&) = default;
};

class PaymentRepository {
 public:
  virtual ~PaymentRepository() = default;
  virtual Result<PaymentRecord> Insert(const PaymentRecord& payment) = 0;
  virtual Result<std::optional<PaymentRecord>> ByReference(std::string_view regency_code,
                                                           std::string_view reference) = 0;
  // A program's payments by month and date; of one month when `period` is given.
  virtual Result<std::vector<PaymentRecord>> List(std::string_view regency_code,
                                                  std::int64_t program_id,
                                                  std::optional<std::string> period) = 0;
};

}  // namespace jaring::storage
