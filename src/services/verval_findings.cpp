#include "services/verval_findings.hpp"

#include <algorithm>

namespace jaring::services {

const std::vector<std::string_view>& AllFindingKinds() {
  using namespace finding_kinds;
  static const std::vector<std::string_view> kinds = {
      kDied, kDuplicate, kOtherRegency, kMemberWage, kMemberOther,
      kAge,  kDomicile,  kNikMismatch,  kInvalidNik, kChanged};
  return kinds;
}

bool IsFindingKind(std::string_view kind) {
  return std::ranges::find(AllFindingKinds(), kind) != AllFindingKinds().end();
}

bool IsBlockingKind(std::string_view kind) {
  using namespace finding_kinds;
  return kind != kChanged && kind != kInvalidNik && kind != kNikMismatch;
}

std::string_view ProposalFor(std::string_view kind) {
  using namespace finding_kinds;
  if (kind == kDuplicate || kind == kNikConflict) return "merge";
  if (kind == kDied) return "mark_deceased";
  if (kind == kInvalidNik || kind == kNikMismatch) return "fix_nik";
  if (kind == kChanged) return "note";
  return "remove";
}

std::optional<domain::WorkerStatus> StatusOnAccept(std::string_view kind) {
  using namespace finding_kinds;
  if (kind == kDied) return domain::WorkerStatus::kDeceased;
  if (kind == kDuplicate || kind == kNikConflict || kind == kOtherRegency || kind == kMemberWage ||
      kind == kMemberOther || kind == kAge || kind == kDomicile) {
    return domain::WorkerStatus::kRemoved;
  }
  return std::nullopt;
}

std::string ClusterSubject(std::string_view kind, std::vector<std::int64_t> worker_ids) {
  std::ranges::sort(worker_ids);
  std::string subject(kind);
  char separator = ':';
  for (const auto id : worker_ids) {
    subject += separator;
    subject += std::to_string(id);
    separator = ',';
  }
  return subject;
}

bool IsClusterKind(std::string_view kind) {
  return kind == finding_kinds::kDuplicate || kind == finding_kinds::kNikConflict;
}

std::string PairSubject(std::string_view kind, std::int64_t worker_id,
                        std::int64_t extract_row_id) {
  return std::string(kind) + ":" + std::to_string(worker_id) + ":" + ExtractKey(extract_row_id);
}

std::string WorkerSubject(std::string_view kind, std::int64_t worker_id, std::string_view detail) {
  std::string subject = std::string(kind) + ":" + std::to_string(worker_id);
  if (!detail.empty()) subject += ":" + std::string(detail);
  return subject;
}

nlohmann::json PairEvidence(const matching::MatchResult& result, std::size_t pair_index) {
  const auto& pair = result.pairs[pair_index];
  nlohmann::json fields = nlohmann::json::array();
  const auto& model_fields = result.model.fields;
  const std::size_t n = model_fields.size();
  for (std::size_t f = 0; f < n; ++f) {
    const std::size_t at = pair_index * n + f;
    if (at >= result.levels.size()) break;  // the run was not explained
    const int level = result.levels[at];
    fields.push_back({{"field", model_fields[f].name},
                      {"level", model_fields[f].labels[static_cast<std::size_t>(level)]},
                      {"weight", std::round(result.weights[at] * 100) / 100}});
  }
  return {{"probability", std::round(pair.probability * 1e6) / 1e6},
          {"weight", std::round(pair.weight * 100) / 100},
          {"fields", std::move(fields)}};
}

std::string WorkerKey(std::int64_t worker_id) { return "w" + std::to_string(worker_id); }
std::string ExtractKey(std::int64_t extract_row_id) { return "e" + std::to_string(extract_row_id); }

}  // namespace jaring::services
