// InvoiceRepository: the BPJS invoices read for a program's month and the reconciliation lines
// found against the bill (issue 14, item 2; migration 0014).
//
// It exists only inside a Transaction (Transaction::Invoices()): an invoice, its lines and the
// audit entry are stored in one unit of work; each call runs inside a savepoint. An invoice
// is inserted once with its lines; afterwards only a line's state changes (Resolve). Services
// classify; storage checks shapes (kinds and states are CHECKed by the schema too).
//
// Tenancy: every call but RegencyOf names the regency ("NN.NN"). Failures are values:
// InvalidArgument, NotFound, FailedPrecondition (resolving a line already resolved), Unavailable,
// Internal. One thread at a time.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.hpp"

namespace jaring::storage {

struct InvoiceRecord {
  std::int64_t id = 0;  // assigned by Insert
  std::string regency_code;
  std::int64_t program_id = 0;
  std::string period;  // "YYYY-MM"
  std::int64_t bill_id = 0;
  std::string file_name, checksum;
  std::int64_t invoice_lines = 0, invoice_total = 0;
  std::string counts_json = "{}";  // {"billed_not_listed":N,...}
  std::string actor;
  std::int64_t created_at_us = 0;  // 0 on insert: the Database clock's now
  friend bool operator==(const InvoiceRecord&, const InvoiceRecord&) = default;
};

struct ReconciliationLineRecord {
  std::int64_t line_no = 0;  // 1.. within the invoice
  std::string kind;
  std::int64_t source_line = 0;  // the invoice file's line, 0 for listed_not_billed
  std::int64_t worker_id = 0;    // 0 when nobody in the registry matched
  std::string nik, kpj, name;
  std::int64_t billed = 0, expected = 0;
  std::string state = "open";  // "open" | "resolved"
  std::string reason, resolved_by;
  std::int64_t resolved_at_us = 0;
  friend bool operator==(const ReconciliationLineRecord&,
                         const ReconciliationLineRecord&) = default;
};

struct ReconciliationLineFilter {
  std::string kind;   // "" for all
  std::string state;  // "" for all
  std::int64_t offset = 0;
  std::int64_t limit = 0;  // 0: no limit
};

class InvoiceRepository {
 public:
  virtual ~InvoiceRepository() = default;
  // Stores the invoice and its lines; returns it with id and created_at_us set.
  virtual Result<InvoiceRecord> Insert(const InvoiceRecord& invoice,
                                       std::span<const ReconciliationLineRecord> lines) = 0;
  // The invoice with this checksum read against this bill version, nullopt when none.
  virtual Result<std::optional<InvoiceRecord>> Find(std::string_view regency_code,
                                                    std::int64_t bill_id,
                                                    std::string_view checksum) = 0;
  virtual Result<InvoiceRecord> Get(std::string_view regency_code, std::int64_t id) = 0;
  // The regency an invoice belongs to (the command line names invoices by id alone).
  virtual Result<std::optional<std::string>> RegencyOf(std::int64_t id) = 0;
  // A program's invoices, newest first; of one month when `period` is given.
  virtual Result<std::vector<InvoiceRecord>> List(std::string_view regency_code,
                                                  std::int64_t program_id,
                                                  std::optional<std::string> period) = 0;
  // An invoice's lines by number, filtered.
  virtual Result<std::vector<ReconciliationLineRecord>> Lines(
      std::string_view regency_code, std::int64_t invoice_id,
      const ReconciliationLineFilter& filter) = 0;
  // Lines by state ({"open":N,"resolved":N}) and by kind, for the invoice.
  virtual Result<std::map<std::string, std::int64_t>> CountByState(std::string_view regency_code,
                                                                   std::int64_t invoice_id) = 0;
  // Sets a line resolved with its reason; FailedPrecondition when it is not open, NotFound when
  // there is no such line. Returns the line as it is now.
  virtual Result<ReconciliationLineRecord> Resolve(std::string_view regency_code,
                                                   std::int64_t invoice_id, std::int64_t line_no,
                                                   std::string_view reason,
                                                   std::string_view actor) = 0;
};

}  // namespace jaring::storage
