// Design notes
//  - A fix is one row of a one-row list whose header is the canonical field names: the mapping
//    is set by hand (ColumnMapping::Set), so the values go through exactly the validator the
//    import uses (same codes, messages, region resolution, NIK checks, age range).
//  - Everything a fix writes is in one transaction, the audit entry included; the row is
//    resolved with a conditional UPDATE (resolved_at IS NULL), so two operators fixing the same
//    row cannot both insert a worker: the second gets FailedPrecondition and rolls back.
#include "services/quarantine_service.hpp"

#include <nlohmann/json.hpp>

#include "domain/date_format.hpp"
#include "intake/row_validator.hpp"
#include "intake/source_row.hpp"

namespace jaring::services {
namespace {

std::int64_t Micros(TimePoint t) {
  return std::chrono::duration_cast<std::chrono::microseconds>(t.time_since_epoch()).count();
}

nlohmann::json WorkerJson(const domain::Worker& w) {
  return {{"id", w.id},
          {"nik", w.nik},
          {"kk", w.kk},
          {"name", w.name},
          {"name_original", w.name_original},
          {"sex", domain::ToCode(w.sex)},
          {"birth_place", w.birth_place},
          {"birth_date", w.birth_date.ok() ? domain::FormatIsoDate(w.birth_date) : ""},
          {"address", w.address},
          {"village_code", w.village_code},
          {"occupation", w.occupation},
          {"phone", w.phone},
          {"status", domain::ToCode(w.status)},
          {"source", w.source}};
}

}  // namespace

QuarantineService::QuarantineService(storage::Database& db, const AuditTrail* trail,
                                     const Clock& clock, ImportSettings settings)
    : db_(db), trail_(trail), clock_(clock), settings_(settings) {
  if (settings_.regions == nullptr) settings_.regions = &domain::RegionIndex::Embedded();
}

Result<std::vector<BatchSummary>> QuarantineService::Batches(std::string_view regency_code,
                                                             int limit) {
  auto tx = db_.Begin();
  if (!tx) return Fail(std::move(tx.error()));
  auto batches = (*tx)->Imports().ListBatches(regency_code, limit);
  if (!batches) return Fail(std::move(batches.error()));
  auto open = (*tx)->Imports().OpenQuarantineCounts(regency_code);
  if (!open) return Fail(std::move(open.error()));
  std::vector<BatchSummary> out;
  out.reserve(batches->size());
  for (auto& batch : *batches) {
    const auto it = open->find(batch.id);
    const std::uint64_t n = it == open->end() ? 0 : it->second;
    out.push_back({std::move(batch), n});
  }
  return out;
}

Result<QuarantinePage> QuarantineService::List(std::string_view regency_code, std::int64_t batch_id,
                                               std::int64_t after_id, int limit) {
  if (limit < 1 || limit > 1000) {
    return Fail(Error::InvalidArgument("Batas halaman harus 1 sampai 1000"));
  }
  auto tx = db_.Begin();
  if (!tx) return Fail(std::move(tx.error()));
  auto batch = (*tx)->Imports().GetBatch(regency_code, batch_id);
  if (!batch) return Fail(std::move(batch.error()));
  auto rows = (*tx)->Imports().ListQuarantine(regency_code, batch_id, after_id, limit);
  if (!rows) return Fail(std::move(rows.error()));
  QuarantinePage page;
  page.header = std::move(batch->header);
  page.rows = std::move(*rows);
  if (static_cast<int>(page.rows.size()) == limit) page.next_after = page.rows.back().id;
  return page;
}

Result<std::vector<storage::ImportTemplate>> QuarantineService::Templates(
    std::string_view regency_code) {
  auto tx = db_.Begin();
  if (!tx) return Fail(std::move(tx.error()));
  return (*tx)->Templates().List(regency_code);
}

Result<FixResult> QuarantineService::Fix(std::string_view regency_code, std::int64_t row_id,
                                         const std::map<std::string, std::string>& values,
                                         const Actor& actor) {
  auto begun = db_.Begin();
  if (!begun) return Fail(std::move(begun.error()));
  storage::Transaction& tx = **begun;
  auto row = tx.Imports().GetQuarantine(regency_code, row_id);
  if (!row) return Fail(std::move(row.error()));
  if (row->resolved_at_us) {
    return Fail(Error::FailedPrecondition("Baris karantina ini sudah diperbaiki"));
  }
  auto batch = tx.Imports().GetBatch(regency_code, row->batch_id);
  if (!batch) return Fail(std::move(batch.error()));

  FixResult result;
  // The values as a one-row list with the canonical names as its header.
  intake::ColumnMapping mapping;
  std::vector<std::string> header, cells;
  for (const auto& [name, value] : values) {
    const auto field = intake::FieldFromName(name);
    if (!field) {
      intake::RowIssue issue;
      issue.field = name;
      issue.code = kFieldUnknown;
      issue.message = "Isian '" + name + "' tidak dikenal";
      result.errors.push_back(std::move(issue));
      continue;
    }
    const int column = static_cast<int>(cells.size());
    header.push_back(name);
    cells.push_back(value);
    mapping.Set(*field, column, name);
  }
  mapping.column_count = static_cast<int>(cells.size());
  for (const auto field : mapping.MissingRequired()) {
    intake::RowIssue issue;
    issue.field = intake::FieldName(field);
    issue.code = intake::codes::kRequiredMissing;
    issue.message = std::string(intake::FieldLabel(field)) + " wajib diisi";
    result.errors.push_back(std::move(issue));
  }
  if (!result.errors.empty()) return result;

  intake::ValidationOptions options;
  options.regency_code = std::string(regency_code);
  options.reference_date = TodayInWib(clock_);
  options.min_age = settings_.min_age;
  options.max_age = settings_.max_age;
  options.source = batch->source;
  options.status = domain::WorkerStatus::kCandidate;
  if (auto ok = intake::CheckOptions(options, *settings_.regions); !ok) return Fail(ok.error());
  intake::RowValidator validator(std::move(mapping), *settings_.regions, options);
  intake::RowOutcome outcome;
  validator.Validate(intake::MakeRow(row->line, cells), outcome);
  for (auto& issue : outcome.issues) {
    (issue.severity == intake::Severity::kError ? result.errors : result.warnings)
        .push_back(std::move(issue));
  }
  if (!result.errors.empty()) return result;  // the transaction rolls back: nothing written

  domain::Worker worker = outcome.worker;
  worker.regency_code = std::string(regency_code);
  worker.source = batch->source;
  auto existing = tx.Imports().FindWorkerOfSource(regency_code, worker.source, worker.nik);
  if (!existing) return Fail(std::move(existing.error()));
  if (*existing) {
    intake::RowIssue issue;
    issue.field = "nik";
    issue.code = kNikAlreadyRegistered;
    issue.value = worker.nik;
    issue.message = "NIK ini sudah terdaftar dari sumber yang sama (pekerja #" +
                    std::to_string(**existing) + "); ubah data pekerja itu bila perlu";
    result.errors.push_back(std::move(issue));
    return result;
  }
  auto id = tx.Workers().Insert(worker);
  if (!id) return Fail(std::move(id.error()));
  worker.id = *id;
  if (auto ok = tx.Imports().LinkWorker(regency_code, *id, batch->id); !ok) {
    return Fail(ok.error());
  }
  if (auto ok = tx.Imports().ResolveQuarantine(regency_code, row_id, Micros(clock_.Now())); !ok) {
    return Fail(ok.error());
  }
  if (trail_ != nullptr) {
    nlohmann::json after = WorkerJson(worker);
    after["quarantine_row_id"] = row_id;
    after["batch_id"] = batch->id;
    after["line"] = row->line;
    auto event = AuditEvent::By(
        actor, auth::AuditAction::kCreate, "worker", std::to_string(*id), std::string(regency_code),
        "", after.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    if (auto ok = trail_->Append(tx, event); !ok) return Fail(ok.error());
  }
  if (auto ok = tx.Commit(); !ok) return Fail(ok.error());
  result.worker_id = *id;
  return result;
}

}  // namespace jaring::services
