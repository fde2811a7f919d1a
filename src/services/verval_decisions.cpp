#include "services/verval_decisions.hpp"

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <unordered_map>
#include <utility>

#include "services/verval_findings.hpp"

namespace jaring::services {
namespace {

std::string Dump(const nlohmann::json& json) {
  return json.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

// The writes a set of decisions makes, gathered while planning them in order, then written
// together: finding states, registry changes, labelled pairs and audit entries.
class DecisionPlan {
 public:
  DecisionPlan(std::string regency_code, const DecisionFacts& facts, const AuditTrail* trail,
               const Actor& actor, std::int64_t now_us)
      : regency_(std::move(regency_code)),
        facts_(facts),
        trail_(trail),
        actor_(actor),
        now_us_(now_us) {}

  Status Add(const storage::Finding& finding, const DecisionInput& input);
  Status Write(storage::Transaction& tx) const;

 private:
  // Moves one worker to `change` unless it has left the list already (in the registry, or by an
  // earlier decision of this plan); audits the change.
  Status ChangeWorker(const storage::Finding& finding, std::int64_t worker_id,
                      const storage::WorkerChange& change);
  // A pair of records that are, or are not, one person; a later label of a pair replaces an
  // earlier one, as saving them one by one would.
  void Label(const storage::Finding& finding, std::string a, std::string b, bool same);

  std::string regency_;
  const DecisionFacts& facts_;
  const AuditTrail* trail_;
  const Actor& actor_;
  std::int64_t now_us_;
  std::vector<storage::FindingDecision> decisions_;
  std::vector<storage::WorkerStatusChange> changes_;
  std::unordered_map<std::int64_t, std::size_t> change_of_worker_;
  std::vector<storage::LabelledPair> labels_;
  std::map<std::pair<std::string, std::string>, std::size_t> label_of_pair_;
  std::vector<AuditEvent> events_;
};

Status DecisionPlan::ChangeWorker(const storage::Finding& finding, std::int64_t worker_id,
                                  const storage::WorkerChange& change) {
  domain::WorkerStatus status;
  const auto earlier = change_of_worker_.find(worker_id);
  if (earlier != change_of_worker_.end()) {
    status = changes_[earlier->second].change.status;
  } else {
    auto stored = facts_.worker_status(worker_id);
    if (!stored) return Fail(std::move(stored.error()));
    status = *stored;
  }
  if (status == domain::WorkerStatus::kDeceased || status == domain::WorkerStatus::kRemoved) {
    return {};  // an earlier decision took it off the list; nothing more to record
  }
  if (earlier != change_of_worker_.end()) {
    changes_[earlier->second].change = change;
  } else {
    change_of_worker_.emplace(worker_id, changes_.size());
    changes_.push_back({worker_id, change});
  }
  if (trail_ == nullptr) return {};
  nlohmann::json after = {{"status", domain::ToCode(change.status)},
                          {"finding_id", finding.id},
                          {"finding_kind", finding.kind}};
  if (!change.death_date.empty()) after["death_date"] = change.death_date;
  if (change.merged_into != 0) after["merged_into"] = change.merged_into;
  if (!change.removed_reason.empty()) after["removed_reason"] = change.removed_reason;
  events_.push_back(AuditEvent::By(actor_, auth::AuditAction::kUpdate, "worker",
                                   std::to_string(worker_id), finding.regency_code,
                                   Dump({{"status", domain::ToCode(status)}}), Dump(after)));
  return {};
}

void DecisionPlan::Label(const storage::Finding& finding, std::string a, std::string b, bool same) {
  if (b < a) std::swap(a, b);
  storage::LabelledPair label{a, b, same, finding.id, actor_.name, now_us_};
  const auto [at, inserted] =
      label_of_pair_.try_emplace({std::move(a), std::move(b)}, labels_.size());
  if (inserted) {
    labels_.push_back(std::move(label));
  } else {
    labels_[at->second] = std::move(label);
  }
}

Status DecisionPlan::Add(const storage::Finding& finding, const DecisionInput& input) {
  using namespace finding_kinds;
  if (input.reason.empty()) {
    return Fail(Error::InvalidArgument("Alasan keputusan wajib diisi"));
  }
  if (finding.state != "open") {
    return Fail(Error::FailedPrecondition("Temuan ini sudah diputuskan (" + finding.state + ")"));
  }
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
  decisions_.push_back(
      {finding.id, "open", std::string(state), actor_.name, input.reason, now_us_});

  if (input.verdict == Verdict::kAccept) {
    if (IsClusterKind(finding.kind)) {
      for (const auto id : cluster) {
        if (id == survivor) continue;
        storage::WorkerChange change{domain::WorkerStatus::kRemoved, "", survivor,
                                     std::string(kDuplicate)};
        if (auto ok = ChangeWorker(finding, id, change); !ok) return ok;
      }
    } else if (finding.kind == kDied) {
      std::string death_date;
      if (finding.extract_row_id) {
        auto date = facts_.death_date(*finding.extract_row_id);
        if (!date) return Fail(std::move(date.error()));
        death_date = std::move(*date);
      }
      storage::WorkerChange change{domain::WorkerStatus::kDeceased, death_date, 0, ""};
      if (auto ok = ChangeWorker(finding, finding.worker_id, change); !ok) return ok;
    } else if (const auto status = StatusOnAccept(finding.kind)) {
      storage::WorkerChange change{*status, "", 0, finding.kind};
      if (auto ok = ChangeWorker(finding, finding.worker_id, change); !ok) return ok;
    }
  }

  // What the decision teaches the engine: pairs of records that are, or are not, one person.
  if (input.verdict != Verdict::kDefer) {
    const bool same = input.verdict == Verdict::kAccept;
    if (IsClusterKind(finding.kind)) {
      for (std::size_t i = 0; i < cluster.size(); ++i) {
        for (std::size_t j = i + 1; j < cluster.size(); ++j) {
          Label(finding, WorkerKey(cluster[i]), WorkerKey(cluster[j]), same);
        }
      }
    } else if (finding.extract_row_id) {
      Label(finding, WorkerKey(finding.worker_id), ExtractKey(*finding.extract_row_id), same);
    }
  }

  if (trail_ == nullptr) return {};
  nlohmann::json after = {{"state", state}, {"kind", finding.kind}, {"reason", input.reason}};
  if (IsClusterKind(finding.kind) && input.verdict == Verdict::kAccept) {
    after["survivor"] = survivor;
  }
  events_.push_back(AuditEvent::By(actor_, auth::AuditAction::kDecision, "verval_finding",
                                   std::to_string(finding.id), finding.regency_code,
                                   Dump({{"state", "open"}}), Dump(after)));
  return {};
}

Status DecisionPlan::Write(storage::Transaction& tx) const {
  if (decisions_.empty()) return {};
  storage::VervalRepository& repo = tx.Verval();
  if (auto ok = repo.DecideFindings(regency_, decisions_); !ok) return ok;
  if (auto ok = repo.ChangeWorkers(regency_, changes_); !ok) return ok;
  if (auto ok = repo.SaveLabels(regency_, labels_); !ok) return ok;
  if (trail_ == nullptr) return {};
  return trail_->AppendAll(tx, events_);
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

DecisionFacts FactsFromStorage(storage::VervalRepository& repo, std::string regency_code) {
  return {.worker_status = [&repo, regency_code](std::int64_t id) -> Result<domain::WorkerStatus> {
            auto record = repo.GetRegistryRecord(regency_code, id);
            if (!record) return Fail(std::move(record.error()));
            return record->worker.status;
          },
          .death_date = [&repo, regency_code](std::int64_t id) -> Result<std::string> {
            auto row = repo.GetExtractRow(regency_code, id);
            if (!row) return Fail(std::move(row.error()));
            return row->death_date;
          }};
}

Status ApplyDecisions(storage::Transaction& tx, const AuditTrail* trail,
                      std::span<const storage::Finding> findings, const DecisionInput& input,
                      const Actor& actor, std::int64_t now_us, const DecisionFacts& facts) {
  if (findings.empty()) return {};
  DecisionPlan plan(findings.front().regency_code, facts, trail, actor, now_us);
  for (const storage::Finding& finding : findings) {
    if (finding.regency_code != findings.front().regency_code) {
      return Fail(Error::InvalidArgument("Temuan dari kabupaten/kota yang berbeda"));
    }
    if (auto ok = plan.Add(finding, input); !ok) return ok;
  }
  return plan.Write(tx);
}

Status ApplyDecision(storage::Transaction& tx, const AuditTrail* trail,
                     const storage::Finding& finding, const DecisionInput& input,
                     const Actor& actor, std::int64_t now_us) {
  const DecisionFacts facts = FactsFromStorage(tx.Verval(), finding.regency_code);
  return ApplyDecisions(tx, trail, std::span(&finding, 1), input, actor, now_us, facts);
}

}  // namespace jaring::services
