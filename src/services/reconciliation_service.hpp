// ReconciliationService: the BPJS invoice for a program's month compared with our bill (issue
// 14, item 2). The invoice file is read whole (invoice_file.hpp), compared with the newest bill
// version of the month (reconciliation.hpp: the rules and the five kinds of difference), and
// stored with its difference lines in one transaction; each line is then resolved by a person
// with a reason.
//
//   ReconciliationService recon(db, &trail);
//   auto invoice = recon.Reconcile({"35.14", program, "2025-10"}, "tagihan.xlsx", "", actor);
//   recon.Resolve("35.14", invoice->id, 3, "KPJ ganda sudah dilaporkan ke BPJS", actor);
//   recon.WriteCsv("35.14", invoice->id, "selisih.csv", actor);  // kind,nik,kpj,billed,expected
//
// Reading the same file again against the same bill version finds the stored reconciliation
// (`repeated`), nothing is added. A month never billed is FailedPrecondition (issue the bill
// first). Authorization: reading needs view_reports in the regency; a line's NIK and name need
// view_workers (masked as the account sees NIKs); reconciling and resolving need
// manage_enrolment or manage_programs; the CSV needs export_personal_data (audited as export).
// Audit: "invoice" create (with the counts), "reconciliation_line" update (state and reason).
// Failures: InvalidArgument (Indonesian, the file's line named), FailedPrecondition, NotFound,
// PermissionDenied, storage errors. Thread-safe: no mutable state.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.hpp"
#include "services/audit_trail.hpp"
#include "storage/database.hpp"

namespace jaring::services {

struct InvoiceRequest {
  std::string regency_code;
  std::int64_t program_id = 0;
  std::string period;  // "YYYY-MM"
};

struct InvoiceView {
  std::int64_t id = 0;
  std::int64_t program_id = 0;
  std::string period, file_name;
  std::int64_t bill_id = 0;
  int bill_version = 0;
  std::int64_t bill_workers = 0, bill_total = 0;
  std::int64_t invoice_lines = 0, invoice_total = 0;
  std::map<std::string, std::int64_t> counts;  // every kind
  std::int64_t open = 0, resolved = 0;
  std::string actor, created_at;  // ISO timestamp
  bool repeated = false;          // this file was already reconciled against this bill
};

struct ReconciliationLineView {
  std::int64_t line_no = 0;
  std::string kind;
  std::int64_t source_line = 0, worker_id = 0;
  std::string nik, kpj, name;  // NIK as the viewer may see it; name "" without view_workers
  std::int64_t billed = 0, expected = 0;
  std::string state, reason, resolved_by, resolved_at;
};

// {"lines":{"billed_not_listed":N,...},"id":N,...}: the CLI's and the API's form.
nlohmann::ordered_json ToJson(const InvoiceView& invoice);
nlohmann::ordered_json ToJson(const ReconciliationLineView& line);

class ReconciliationService {
 public:
  ReconciliationService(storage::Database& db, const AuditTrail* trail) : db_(db), trail_(trail) {}

  Result<InvoiceView> Reconcile(const InvoiceRequest& request, const std::filesystem::path& file,
                                std::string display_name, const Actor& actor);
  Result<InvoiceView> Get(std::string_view regency_code, std::int64_t invoice_id,
                          const Actor& actor);
  // The regency of an invoice, for the command line, which names invoices by id alone.
  Result<std::string> RegencyOf(std::int64_t invoice_id);
  // A program's invoices, newest first; of one month when `period` is given.
  Result<std::vector<InvoiceView>> List(std::string_view regency_code, std::int64_t program_id,
                                        std::optional<std::string> period, const Actor& actor);
  Result<std::vector<ReconciliationLineView>> Lines(std::string_view regency_code,
                                                    std::int64_t invoice_id,
                                                    const storage::ReconciliationLineFilter& filter,
                                                    const Actor& actor);
  Result<ReconciliationLineView> Resolve(std::string_view regency_code, std::int64_t invoice_id,
                                         std::int64_t line_no, std::string_view reason,
                                         const Actor& actor);
  // Every line as CSV (header kind,nik,kpj,billed,expected,line,state,name), full NIKs.
  Status WriteCsv(std::string_view regency_code, std::int64_t invoice_id,
                  const std::filesystem::path& out, const Actor& actor);
  // The same in memory, for a download.
  Result<std::string> Csv(std::string_view regency_code, std::int64_t invoice_id,
                          const Actor& actor);

 private:
  Result<InvoiceView> ViewOf(storage::Transaction& tx, const storage::InvoiceRecord& invoice);
  Status WriteCsvTo(std::ostream& out, std::string_view regency_code, std::int64_t invoice_id,
                    const Actor& actor);

  storage::Database& db_;
  const AuditTrail* trail_;
};

}  // namespace jaring::services
