#include "services/verval_review.hpp"

#include <unordered_map>

#include "formats/csv.hpp"
#include "services/verval_findings.hpp"
#include "services/verval_view_of.hpp"

namespace jaring::services {
namespace {

std::int64_t MicrosOf(TimePoint t) {
  return std::chrono::duration_cast<std::chrono::microseconds>(t.time_since_epoch()).count();
}

// The month's newest run, or FailedPrecondition.
Result<storage::VervalRun> LatestRun(storage::VervalRepository& repo, std::string_view regency,
                                     std::string_view period) {
  auto run = repo.LatestRun(regency, period);
  if (!run) return Fail(std::move(run.error()));
  if (!*run) {
    return Fail(Error::FailedPrecondition("Verval bulan ini belum dijalankan",
                                          "no run for " + std::string(period)));
  }
  return **run;
}

Result<ReviewItem> ItemOf(storage::VervalRepository& repo, const storage::Finding& finding) {
  ReviewItem item;
  for (const auto id : ClusterOf(finding)) {
    auto record = repo.GetRegistryRecord(finding.regency_code, id);
    if (!record) return Fail(std::move(record.error()));
    item.workers.push_back(ViewOf(*record));
  }
  if (!IsClusterKind(finding.kind) && finding.other_worker_id) {
    auto record = repo.GetRegistryRecord(finding.regency_code, *finding.other_worker_id);
    if (!record) return Fail(std::move(record.error()));
    item.workers.push_back(ViewOf(*record));
  }
  // The worker the finding is about first (for a duplicate, the proposed survivor).
  std::ranges::stable_partition(
      item.workers, [&](const RegistryRecordView& r) { return r.worker.id == finding.worker_id; });
  if (finding.extract_row_id) {
    auto row = repo.GetExtractRow(finding.regency_code, *finding.extract_row_id);
    if (!row) return Fail(std::move(row.error()));
    item.extract = ViewOf(*row);
  }
  item.finding = ViewOf(finding);
  return item;
}

// "id:K-17" -> "K-17"; other keys as stored.
std::string ExtractIdOf(std::string_view row_key) {
  if (row_key.starts_with("id:")) return std::string(row_key.substr(3));
  return std::string(row_key);
}

}  // namespace

bool BelongsToMonth(const storage::Finding& finding, std::int64_t latest_run_id) {
  return finding.last_run_id == latest_run_id || finding.state != "open";
}

VervalReview::VervalReview(storage::Database& db, const AuditTrail* trail, const Clock& clock)
    : db_(db), trail_(trail), clock_(clock) {}

Result<ReviewSummary> VervalReview::Summary(std::string_view regency_code,
                                            std::string_view period) {
  auto tx = db_.Begin();
  if (!tx) return Fail(std::move(tx.error()));
  storage::VervalRepository& repo = (*tx)->Verval();
  ReviewSummary summary;
  auto run = repo.LatestRun(regency_code, period);
  if (!run) return Fail(std::move(run.error()));
  if (!*run) return summary;
  summary.run = ViewOf(**run);
  storage::FindingFilter all;
  all.period = period;
  auto counts = repo.CountFindings(regency_code, all);
  if (!counts) return Fail(std::move(counts.error()));
  storage::FindingFilter open = all;
  open.state = "open";
  open.run_id = summary.run->id;
  auto current_open = repo.CountFindings(regency_code, open);
  if (!current_open) return Fail(std::move(current_open.error()));
  for (auto& [kind, states] : *counts) {
    for (auto& [state, n] : states) {
      if (state != "open") summary.counts[kind][state] = n;
    }
  }
  for (auto& [kind, states] : *current_open) {
    const std::uint64_t n = states["open"];
    summary.counts[kind]["open"] = n;
    if (IsBlockingKind(kind)) summary.open_blocking += n;
  }
  return summary;
}

Result<std::vector<ReviewItem>> VervalReview::Queue(std::string_view regency_code,
                                                    const ReviewQuery& query) {
  if (query.limit < 1 || query.limit > 500 || query.offset < 0) {
    return Fail(Error::InvalidArgument("Batas halaman tidak sah"));
  }
  if (query.kind && !IsFindingKind(*query.kind)) {
    return Fail(Error::InvalidArgument("Jenis temuan tidak dikenal: " + *query.kind));
  }
  auto tx = db_.Begin();
  if (!tx) return Fail(std::move(tx.error()));
  storage::VervalRepository& repo = (*tx)->Verval();
  auto run = LatestRun(repo, regency_code, query.period);
  if (!run) return Fail(std::move(run.error()));
  storage::FindingFilter filter;
  filter.period = query.period;
  filter.kind = query.kind;
  filter.state = query.state;
  filter.action = query.action;
  // Open findings are the newest run's; decided ones are the month's, whichever run made them.
  if (!query.state || *query.state == "open") filter.run_id = run->id;
  auto page = repo.ListFindings(regency_code, filter, storage::FindingOrder::kConfidenceDesc,
                                query.offset, query.limit);
  if (!page) return Fail(std::move(page.error()));
  std::vector<ReviewItem> items;
  for (const auto& finding : *page) {
    if (!BelongsToMonth(finding, run->id)) continue;
    auto item = ItemOf(repo, finding);
    if (!item) return Fail(std::move(item.error()));
    items.push_back(std::move(*item));
  }
  return items;
}

Result<ReviewItem> VervalReview::Get(std::string_view regency_code, std::int64_t finding_id) {
  auto tx = db_.Begin();
  if (!tx) return Fail(std::move(tx.error()));
  storage::VervalRepository& repo = (*tx)->Verval();
  auto finding = repo.GetFinding(regency_code, finding_id);
  if (!finding) return Fail(std::move(finding.error()));
  return ItemOf(repo, *finding);
}

Result<std::uint64_t> VervalReview::Decide(std::string_view regency_code, std::string_view period,
                                           const DecisionScope& scope, const DecisionInput& input,
                                           const Actor& actor) {
  if (scope.kind && !IsFindingKind(*scope.kind)) {
    return Fail(Error::InvalidArgument("Jenis temuan tidak dikenal: " + *scope.kind));
  }
  if (input.reason.empty()) return Fail(Error::InvalidArgument("Alasan keputusan wajib diisi"));
  auto tx = db_.Begin();
  if (!tx) return Fail(std::move(tx.error()));
  storage::VervalRepository& repo = (*tx)->Verval();
  auto run = LatestRun(repo, regency_code, period);
  if (!run) return Fail(std::move(run.error()));
  std::vector<storage::Finding> chosen;
  if (scope.finding_id) {
    auto finding = repo.GetFinding(regency_code, *scope.finding_id);
    if (!finding) return Fail(std::move(finding.error()));
    if (finding->period != period) {
      return Fail(Error::NotFound("Temuan tidak ada di bulan ini"));
    }
    chosen.push_back(std::move(*finding));
  } else {
    storage::FindingFilter filter;
    filter.period = period;
    filter.kind = scope.kind;
    filter.action = scope.action;
    filter.state = "open";
    filter.run_id = run->id;
    if (auto ok = repo.ForEachFinding(regency_code, filter,
                                      [&](const storage::Finding& f) {
                                        chosen.push_back(f);
                                        return true;
                                      });
        !ok) {
      return Fail(ok.error());
    }
  }
  const std::int64_t now = MicrosOf(clock_.Now());
  const DecisionFacts facts = FactsFromStorage(repo, std::string(regency_code));
  if (auto ok = ApplyDecisions(**tx, trail_, chosen, input, actor, now, facts); !ok) {
    return Fail(ok.error());
  }
  if (auto ok = (*tx)->Commit(); !ok) return Fail(ok.error());
  return static_cast<std::uint64_t>(chosen.size());
}

Status VervalReview::ExportCsv(std::string_view regency_code, std::string_view period,
                               const std::filesystem::path& out) {
  auto tx = db_.Begin();
  if (!tx) return Fail(std::move(tx.error()));
  storage::VervalRepository& repo = (*tx)->Verval();
  auto run = LatestRun(repo, regency_code, period);
  if (!run) return Fail(std::move(run.error()));
  std::unordered_map<std::int64_t, std::string> source_ids;
  if (auto ok = repo.ForEachRegistryRecord(regency_code,
                                           [&](const storage::RegistryRecord& r) {
                                             source_ids[r.worker.id] =
                                                 r.source_id.empty()
                                                     ? "jaring:" + std::to_string(r.worker.id)
                                                     : r.source_id;
                                             return true;
                                           });
      !ok) {
    return ok;
  }
  auto name_of = [&](std::int64_t id) {
    const auto it = source_ids.find(id);
    return it == source_ids.end() ? "jaring:" + std::to_string(id) : it->second;
  };
  std::unordered_map<std::int64_t, std::string> extract_ids;
  auto extract_id_of = [&](std::int64_t row_id) -> Result<std::string> {
    if (auto it = extract_ids.find(row_id); it != extract_ids.end()) return it->second;
    auto row = repo.GetExtractRow(regency_code, row_id);
    if (!row) return Fail(std::move(row.error()));
    return extract_ids[row_id] = ExtractIdOf(row->row_key);
  };
  auto writer = formats::CsvWriter::Create(out.string());
  if (!writer) return Fail(writer.error());
  writer->WriteRow({"kind", "worker", "other", "confidence", "action", "state"});
  storage::FindingFilter filter;
  filter.period = period;
  Status failed;
  char confidence[32];
  auto line = [&](const storage::Finding& f, const std::string& worker, const std::string& other) {
    std::snprintf(confidence, sizeof confidence, "%.6f", f.confidence);
    writer->Cell(f.kind).Cell(worker).Cell(other).Cell(std::string_view(confidence));
    writer->Cell(f.action).Cell(f.state).EndRow();
  };
  if (auto ok = repo.ForEachFinding(regency_code, filter,
                                    [&](const storage::Finding& f) {
                                      if (!BelongsToMonth(f, run->id)) return true;
                                      if (IsClusterKind(f.kind)) {
                                        for (const auto id : ClusterOf(f)) {
                                          if (id != f.worker_id)
                                            line(f, name_of(id), name_of(f.worker_id));
                                        }
                                      } else if (f.extract_row_id) {
                                        auto other = extract_id_of(*f.extract_row_id);
                                        if (!other) {
                                          failed = Fail(std::move(other.error()));
                                          return false;
                                        }
                                        line(f, name_of(f.worker_id), *other);
                                      } else {
                                        line(f, name_of(f.worker_id), f.other_regency);
                                      }
                                      return true;
                                    });
      !ok) {
    return ok;
  }
  if (!failed) return failed;
  // Rows the import merged into an earlier row of their file: duplicates found and merged at
  // import, listed like a duplicate accepted automatically.
  if (auto ok = repo.ForEachAlias(regency_code,
                                  [&](const std::string& alias, std::int64_t worker_id) {
                                    if (worker_id == 0) return true;
                                    writer->Cell(finding_kinds::kDuplicate).Cell(alias);
                                    writer->Cell(name_of(worker_id)).Cell("1.000000");
                                    writer->Cell("automatic").Cell("accepted").EndRow();
                                    return true;
                                  });
      !ok) {
    return ok;
  }
  return writer->Close();
}

}  // namespace jaring::services
