#include "services/verval_decisions.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "services/verval_findings.hpp"

namespace jaring::services {
namespace {

std::string Dump(const nlohmann::json& json) {
  return json.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

Status Label(storage::VervalRepository& repo, const storage::Finding& finding, std::string a,
             std::string b, bool same, const Actor& actor, std::int64_t now_us) {
  if (b < a) std::swap(a, b);
  return repo.SaveLabel(finding.regency_code,
                        {std::move(a), std::move(b), same, finding.id, actor.name, now_us});
}

// Moves one worker to `change` unless it has left the list already; audits the change.
Status ChangeWorker(storage::Transaction& tx, const AuditTrail* trail,
                    const storage::Finding& finding, std::int64_t worker_id,
                    const storage::WorkerChange& change, const Actor& actor) {
  storage::VervalRepository& repo = tx.Verval();
  auto before = repo.GetRegistryRecord(finding.regency_code, worker_id);
  if (!before) return Fail(std::move(before.error()));
  const domain::WorkerStatus status = before->worker.status;
  if (status == domain::WorkerStatus::kDeceased || status == domain::WorkerStatus::kRemoved) {
    return {};  // an earlier decision took it off the list; nothing more to record
  }
  if (auto ok = repo.ChangeWorker(finding.regency_code, worker_id, change); !ok) return ok;
  if (trail == nullptr) return {};
  nlohmann::json after = {{"status", domain::ToCode(change.status)},
                          {"finding_id", finding.id},
                          {"finding_kind", finding.kind}};
  if (!change.death_date.empty()) after["death_date"] = change.death_date;
  if (change.merged_into != 0) after["merged_into"] = change.merged_into;
  if (!change.removed_reason.empty()) after["removed_reason"] = change.removed_reason;
  return trail->Append(tx, AuditEvent::By(actor, auth::AuditAction::kUpdate, "worker",
                                          std::to_string(worker_id), finding.regency_code,
                                          Dump({{"status", domain::ToCode(status)}}), Dump(after)));
}

}  // namespace

std::string_view VerdictState(Verdict verdict) {
  switch (verdict) {
    case Verdict::kAccept:
      return "accepted";
    case Verdict::kReject:
      return "rejected";
    case Verdict::kDefer:
      return "deferred";
  }
  return "deferred";
}

std::vector<std::int64_t> ClusterOf(const storage::Finding& finding) {
  std::vector<std::int64_t> ids;
  const auto json = nlohmann::json::parse(finding.related_json, nullptr, false);
  if (json.is_array()) {
    for (const auto& id : json) {
      if (id.is_number_integer()) ids.push_back(id.get<std::int64_t>());
    }
  }
  if (ids.empty()) ids.push_back(finding.worker_id);
  return ids;
}

Status ApplyDecision(storage::Transaction& tx, const AuditTrail* trail,
                     const storage::Finding& finding, const DecisionInput& input,
                     const Actor& actor, std::int64_t now_us) {
  using namespace finding_kinds;
  if (input.reason.empty()) {
    return Fail(Error::InvalidArgument("Alasan keputusan wajib diisi"));
  }
  if (finding.state != "open") {
    return Fail(Error::FailedPrecondition("Temuan ini sudah diputuskan (" + finding.state + ")"));
  }
  storage::VervalRepository& repo = tx.Verval();
  const std::vector<std::int64_t> cluster = ClusterOf(finding);
  std::int64_t survivor = finding.worker_id;
  if (input.survivor) {
    if (!IsClusterKind(finding.kind) ||
        std::ranges::find(cluster, *input.survivor) == cluster.end()) {
      return Fail(Error::InvalidArgument("Data yang dipertahankan harus salah satu dari klaster"));
    }
    survivor = *input.survivor;
  }
  const std::string_view state = VerdictState(input.verdict);
  if (auto ok = repo.DecideFinding(finding.regency_code, finding.id, "open", state, actor.name,
                                   input.reason, now_us);
      !ok) {
    return ok;
  }

  if (input.verdict == Verdict::kAccept) {
    if (IsClusterKind(finding.kind)) {
      for (const auto id : cluster) {
        if (id == survivor) continue;
        storage::WorkerChange change{domain::WorkerStatus::kRemoved, "", survivor,
                                     std::string(kDuplicate)};
        if (auto ok = ChangeWorker(tx, trail, finding, id, change, actor); !ok) return ok;
      }
    } else if (finding.kind == kDied) {
      std::string death_date;
      if (finding.extract_row_id) {
        auto row = repo.GetExtractRow(finding.regency_code, *finding.extract_row_id);
        if (!row) return Fail(std::move(row.error()));
        death_date = row->death_date;
      }
      storage::WorkerChange change{domain::WorkerStatus::kDeceased, death_date, 0, ""};
      if (auto ok = ChangeWorker(tx, trail, finding, finding.worker_id, change, actor); !ok) {
        return ok;
      }
    } else if (const auto status = StatusOnAccept(finding.kind)) {
      storage::WorkerChange change{*status, "", 0, finding.kind};
      if (auto ok = ChangeWorker(tx, trail, finding, finding.worker_id, change, actor); !ok) {
        return ok;
      }
    }
  }

  // What the decision teaches the engine: pairs of records that are, or are not, one person.
  if (input.verdict != Verdict::kDefer) {
    const bool same = input.verdict == Verdict::kAccept;
    if (IsClusterKind(finding.kind)) {
      for (std::size_t i = 0; i < cluster.size(); ++i) {
        for (std::size_t j = i + 1; j < cluster.size(); ++j) {
          if (auto ok = Label(repo, finding, WorkerKey(cluster[i]), WorkerKey(cluster[j]), same,
                              actor, now_us);
              !ok) {
            return ok;
          }
        }
      }
    } else if (finding.extract_row_id) {
      if (auto ok = Label(repo, finding, WorkerKey(finding.worker_id),
                          ExtractKey(*finding.extract_row_id), same, actor, now_us);
          !ok) {
        return ok;
      }
    }
  }

  if (trail == nullptr) return {};
  nlohmann::json after = {{"state", state}, {"kind", finding.kind}, {"reason", input.reason}};
  if (IsClusterKind(finding.kind) && input.verdict == Verdict::kAccept) {
    after["survivor"] = survivor;
  }
  return trail->Append(tx, AuditEvent::By(actor, auth::AuditAction::kDecision, "verval_finding",
                                          std::to_string(finding.id), finding.regency_code,
                                          Dump({{"state", "open"}}), Dump(after)));
}

}  // namespace jaring::services
