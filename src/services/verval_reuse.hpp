// What a re-run of a month may take from the month's last run instead of computing it again.
//
// The matching-based groups of findings are the expensive part of a run (duplicates with their
// NIK conflicts, deaths, memberships). Each group is a pure function of a few inputs: the
// registry, one extract, the labels, the settings and the rules of this program version. A run
// stores a fingerprint of each group's inputs; the next run of the same month reuses a group's
// findings when its fingerprint is unchanged (a new death extract re-evaluates deaths only) and
// computes it afresh otherwise. The cheap groups (other regencies, NIK, age and domicile checks,
// changes since the last settled month) are always computed.
//
// Exactness rests on the fingerprints covering every input: the registry by each worker's id,
// status and last change (every import and decision moves updated_at), an extract by its rows'
// ids and batches (a newer version rewrites or withdraws rows), labels and settings by content,
// and kFindingRulesRevision for the code itself.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <span>
#include <string>
#include <string_view>

#include "storage/verval_repository.hpp"

namespace jaring::services {

// Bump whenever what a run computes for the reusable groups changes (matching, thresholds'
// meaning, evidence): a run then recomputes every group once.
inline constexpr int kFindingRulesRevision = 1;

enum class FindingGroup { kDuplicates, kDeaths, kMembers };
inline constexpr FindingGroup kReusableGroups[] = {FindingGroup::kDuplicates, FindingGroup::kDeaths,
                                                   FindingGroup::kMembers};

std::string_view GroupCode(FindingGroup group);  // "duplicates" | "deaths" | "members"
// The finding kinds a group produces.
std::span<const std::string_view> KindsOf(FindingGroup group);

// group code -> fingerprint (hex)
using RunFingerprints = std::map<std::string, std::string, std::less<>>;

struct RunInputsView {
  std::span<const storage::RegistryRecord> registry;
  std::span<const storage::ExtractRow> deaths, members;
  std::span<const storage::LabelledPair> labels;
  std::string_view settings_json;
};
RunFingerprints Fingerprint(const RunInputsView& inputs);

// The groups whose fingerprint equals the one stored in a run's inputs_json
// ({"fingerprints":{...}}); none when that run stored none.
std::set<FindingGroup> ReusableGroups(const RunFingerprints& now, std::string_view inputs_json);

}  // namespace jaring::services
