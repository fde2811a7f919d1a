#include "services/extract_service.hpp"

#include <nlohmann/json.hpp>
#include <unordered_map>

#include "domain/period.hpp"
#include "intake/column_mapping.hpp"
#include "intake/validator.hpp"
#include "services/verval_view_of.hpp"

namespace jaring::services {
namespace {

constexpr std::size_t kChunkRows = 4096;

std::uint64_t Fingerprint(const intake::ExtractRecord& r) {
  std::string key;
  for (const std::string* part : {&r.nik, &r.name, &r.sex, &r.birth_date, &r.death_date,
                                  &r.village_code, &r.kpj, &r.segment}) {
    key += *part;
    key += '\x1f';
  }
  return std::hash<std::string>{}(key);
}
std::uint64_t Fingerprint(const storage::ExtractRow& r) {
  return Fingerprint(intake::ExtractRecord{r.row_key, r.nik, r.name, r.sex, r.birth_date,
                                           r.death_date, r.village_code, r.kpj, r.segment});
}

std::string Dump(const nlohmann::json& json) {
  return json.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

struct Stored {
  std::int64_t id = 0;
  std::uint64_t fingerprint = 0;
  bool seen = false;
};

}  // namespace

nlohmann::ordered_json ExtractReportToJson(const ExtractReport& report) {
  nlohmann::ordered_json json = nlohmann::ordered_json::object();
  json["read"] = report.read;
  json["accepted"] = report.accepted;
  json["quarantined"] = report.quarantined;
  json["unchanged"] = report.unchanged;
  return json;
}

ExtractService::ExtractService(storage::Database& db, const AuditTrail* trail, const Clock& clock,
                               const domain::RegionIndex* regions)
    : db_(db),
      trail_(trail),
      clock_(clock),
      regions_(regions != nullptr ? *regions : domain::RegionIndex::Embedded()) {}

Result<ExtractReport> ExtractService::Import(const intake::SourceFile& file,
                                             const ExtractRequest& request,
                                             const ProgressFn& progress,
                                             const QuarantineSink& sink) {
  const domain::Region* regency = regions_.Find(request.regency_code);
  if (regency == nullptr || regency->level != domain::RegionLevel::kRegency) {
    return Fail(
        Error::InvalidArgument("Kode kabupaten/kota tidak dikenal: " + request.regency_code));
  }
  if (auto period = domain::Period::Parse(request.period); !period) {
    return Fail(Error::InvalidArgument("Periode harus berbentuk YYYY-MM: " + request.period));
  }
  const auto today = TodayInWib(clock_);
  auto validator = intake::ExtractValidator::Create(
      request.kind, intake::DetectMapping(file.header()), regions_, today, file.date1904());
  if (!validator) return Fail(std::move(validator.error()));
  auto rows = file.OpenRows();
  if (!rows) return Fail(std::move(rows.error()));
  const std::string kind(intake::ExtractKindCode(request.kind));

  auto begun = db_.Begin();
  if (!begun) return Fail(std::move(begun.error()));
  storage::Transaction& tx = **begun;
  storage::VervalRepository& repo = tx.Verval();

  // The month's stored rows, by key, and whether an earlier batch of the month had this file.
  std::unordered_map<std::string, Stored> stored;
  if (auto ok = repo.ForEachExtractRow(request.regency_code, kind, request.period,
                                       [&](const storage::ExtractRow& r) {
                                         stored[r.row_key] = {r.id, Fingerprint(r), false};
                                         return true;
                                       });
      !ok) {
    return Fail(ok.error());
  }
  auto earlier = repo.ListExtractBatches(request.regency_code, request.period, 1000);
  if (!earlier) return Fail(std::move(earlier.error()));
  std::int64_t same_file_batch = 0;
  for (const auto& b : *earlier) {
    if (b.kind == kind && b.checksum == file.checksum()) same_file_batch = b.id;
  }

  storage::ExtractBatch batch;
  batch.regency_code = request.regency_code;
  batch.kind = kind;
  batch.period = request.period;
  batch.file_name = file.name();
  batch.checksum = file.checksum();
  batch.actor = request.actor.name;
  batch.created_at_us =
      std::chrono::duration_cast<std::chrono::microseconds>(clock_.Now().time_since_epoch())
          .count();
  batch.header = file.header();
  auto id = repo.InsertExtractBatch(batch);
  if (!id) return Fail(std::move(id.error()));
  batch.id = *id;

  ExtractReport report;
  report.checksum = file.checksum();
  std::vector<storage::ExtractRow> chunk;
  std::vector<storage::ExtractQuarantineRow> quarantine;
  auto flush = [&]() -> Status {
    if (!chunk.empty()) {
      if (auto ok = repo.SaveExtractRows(chunk); !ok) return ok;
      chunk.clear();
    }
    if (!quarantine.empty()) {
      if (auto ok = repo.InsertExtractQuarantine(quarantine); !ok) return ok;
      quarantine.clear();
    }
    return {};
  };

  intake::SourceRow row;
  while ((*rows)->Next(row)) {
    const intake::ExtractOutcome& outcome = validator->Add(row);
    if (outcome.accepted) {
      const intake::ExtractRecord& r = outcome.record;
      const std::uint64_t fingerprint = Fingerprint(r);
      auto found = stored.find(r.row_key);
      std::int64_t row_id = 0;
      if (found != stored.end()) {
        found->second.seen = true;
        if (found->second.fingerprint == fingerprint) {
          ++report.unchanged;
          continue;
        }
        row_id = found->second.id;
        ++report.changed;
      } else {
        ++report.inserted;
      }
      chunk.push_back({row_id, request.regency_code, kind, request.period, r.row_key, batch.id,
                       r.nik, r.name, r.sex, r.birth_date, r.death_date, r.village_code, r.kpj,
                       r.segment});
    } else {
      nlohmann::json issues = nlohmann::json::array();
      for (const auto& issue : outcome.issues) issues.push_back(intake::IssueToJson(issue));
      quarantine.push_back(
          {0, batch.id, request.regency_code, outcome.line, outcome.original_cells, Dump(issues)});
      if (sink) sink(outcome);
    }
    if (chunk.size() >= kChunkRows || quarantine.size() >= kChunkRows) {
      if (auto ok = flush(); !ok) return Fail(ok.error());
    }
    if (progress) progress((*rows)->bytes_read(), (*rows)->total_bytes());
  }
  if (auto ok = (*rows)->status(); !ok) {
    return Fail(Error::InvalidArgument(
        "berkas tidak dapat dibaca: " + file.name() + " (" + ok.error().message + ")",
        ok.error().details));
  }
  if (auto ok = flush(); !ok) return Fail(ok.error());

  std::vector<std::int64_t> withdrawn;
  for (const auto& [key, s] : stored) {
    if (!s.seen) withdrawn.push_back(s.id);
  }
  report.withdrawn = withdrawn.size();
  const intake::ExtractSummary& summary = validator->summary();
  report.read = summary.read;
  report.quarantined = summary.quarantined;
  report.accepted = report.inserted + report.changed;
  report.issues = summary.issues;

  // The same file again, nothing new: store nothing at all.
  if (report.accepted == 0 && report.withdrawn == 0 && same_file_batch != 0) {
    tx.Rollback();
    report.batch_id = same_file_batch;
    return report;
  }
  if (!withdrawn.empty()) {
    if (auto ok = repo.WithdrawExtractRows(request.regency_code, batch.id, withdrawn); !ok) {
      return Fail(ok.error());
    }
  }
  batch.read = report.read;
  batch.accepted = report.accepted;
  batch.quarantined = report.quarantined;
  batch.unchanged = report.unchanged;
  batch.issues = report.issues;
  if (auto ok = repo.FinishExtractBatch(batch); !ok) return Fail(ok.error());
  if (trail_ != nullptr) {
    nlohmann::ordered_json after = ExtractReportToJson(report);
    after["kind"] = kind;
    after["period"] = request.period;
    after["file_name"] = batch.file_name;
    after["checksum"] = batch.checksum;
    after["inserted"] = report.inserted;
    after["changed"] = report.changed;
    after["withdrawn"] = report.withdrawn;
    auto event =
        AuditEvent::By(request.actor, auth::AuditAction::kImport, "extract",
                       std::to_string(batch.id), request.regency_code, "",
                       after.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    if (auto ok = trail_->Append(tx, event); !ok) return Fail(ok.error());
  }
  if (auto ok = tx.Commit(); !ok) return Fail(ok.error());
  report.batch_id = batch.id;
  report.stored = true;
  return report;
}

Result<std::vector<ExtractBatchView>> ExtractService::List(std::string_view regency_code,
                                                           std::string_view period) {
  auto tx = db_.Begin();
  if (!tx) return Fail(std::move(tx.error()));
  auto batches = (*tx)->Verval().ListExtractBatches(regency_code, period, 200);
  if (!batches) return Fail(std::move(batches.error()));
  std::vector<ExtractBatchView> views;
  views.reserve(batches->size());
  for (const auto& batch : *batches) views.push_back(ViewOf(batch));
  return views;
}

}  // namespace jaring::services
