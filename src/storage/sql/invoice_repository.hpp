// SqlInvoiceRepository: InvoiceRepository over SOCI, bound to a Transaction's connection; each
// call runs inside a savepoint (see invoice_repository.hpp).
#pragma once

#include <soci/soci.h>

#include "common/clock.hpp"
#include "storage/invoice_repository.hpp"
#include "storage/sql/call_runner.hpp"

namespace jaring::storage::sql {

class SqlInvoiceRepository final : public InvoiceRepository {
 public:
  SqlInvoiceRepository(Engine engine, soci::session& session, const Clock& clock)
      : runner_(engine, session, "jaring_invoice"), clock_(&clock) {}

  Result<InvoiceRecord> Insert(const InvoiceRecord& invoice,
                               std::span<const ReconciliationLineRecord> lines) override;
  Result<std::optional<InvoiceRecord>> Find(std::string_view regency_code, std::int64_t bill_id,
                                            std::string_view checksum) override;
  Result<InvoiceRecord> Get(std::string_view regency_code, std::int64_t id) override;
  Result<std::optional<std::string>> RegencyOf(std::int64_t id) override;
  Result<std::vector<InvoiceRecord>> List(std::string_view regency_code, std::int64_t program_id,
                                          std::optional<std::string> period) override;
  Result<std::vector<ReconciliationLineRecord>> Lines(
      std::string_view regency_code, std::int64_t invoice_id,
      const ReconciliationLineFilter& filter) override;
  Result<std::map<std::string, std::int64_t>> CountByState(std::string_view regency_code,
                                                           std::int64_t invoice_id) override;
  Result<ReconciliationLineRecord> Resolve(std::string_view regency_code, std::int64_t invoice_id,
                                           std::int64_t line_no, std::string_view reason,
                                           std::string_view actor) override;

 private:
  CallRunner runner_;
  const Clock* clock_;
};

}  // namespace jaring::storage::sql
