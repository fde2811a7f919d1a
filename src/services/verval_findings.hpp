// The vocabulary of the monthly verification's findings: their kinds, which of them block
// settling a month, what accepting one does to the registry, their stable subjects, and the
// engine's evidence in stored form. Pure functions, shared by the run, the review and the
// settlement.
//
// Kinds (stable codes; stored, exported, shown):
//   duplicate      a cluster of records of one person in the regency: merge into the survivor
//   nik_conflict   records sharing one valid NIK that the engine does not judge one person
//                  (another name): accepted, they are merged as a duplicate; rejected, they
//                  stay as two people and one NIK must be corrected
//   other_regency  the person is also registered by another regency (only its code is known)
//   died           linked to the civil registry's death extract: record the death
//   member_wage    already a wage-earning (PU) BPJS member: not eligible
//   member_other   already a non-wage (BPU) member paid by someone else
//   invalid_nik    the NIK fails its checks
//   nik_mismatch   the NIK's birth date or sex disagrees with the entered ones
//   age            outside the age range in force in the month
//   domicile       the village is outside the regency
//   changed        new, removed or changed since the last settled month (information)
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/worker.hpp"
#include "matching/engine.hpp"

namespace jaring::services {

namespace finding_kinds {
inline constexpr std::string_view kDuplicate = "duplicate";
inline constexpr std::string_view kNikConflict = "nik_conflict";
inline constexpr std::string_view kOtherRegency = "other_regency";
inline constexpr std::string_view kDied = "died";
inline constexpr std::string_view kMemberWage = "member_wage";
inline constexpr std::string_view kMemberOther = "member_other";
inline constexpr std::string_view kInvalidNik = "invalid_nik";
inline constexpr std::string_view kNikMismatch = "nik_mismatch";
inline constexpr std::string_view kAge = "age";
inline constexpr std::string_view kDomicile = "domicile";
inline constexpr std::string_view kChanged = "changed";
}  // namespace finding_kinds

// Every kind, in the order the review queue and the minutes list them.
const std::vector<std::string_view>& AllFindingKinds();
bool IsFindingKind(std::string_view kind);

// Whether an open finding of this kind keeps the month from being settled. Information
// (changed) and NIK problems that leave the person on the list (invalid_nik, nik_mismatch) do
// not; everything that would change who is covered does.
bool IsBlockingKind(std::string_view kind);

// What accepting a finding of this kind proposes: "merge", "mark_deceased", "remove", "fix_nik",
// "note".
std::string_view ProposalFor(std::string_view kind);

// The registry status a worker gets when a finding about it is accepted; nullopt: no change.
std::optional<domain::WorkerStatus> StatusOnAccept(std::string_view kind);

// Subjects: a finding's identity within its regency and month, the same on every run.
// Cluster findings (duplicate, nik_conflict): "<kind>:<sorted ids>".
std::string ClusterSubject(std::string_view kind, std::vector<std::int64_t> worker_ids);
bool IsClusterKind(std::string_view kind);
std::string PairSubject(std::string_view kind, std::int64_t worker_id, std::int64_t extract_row_id);
std::string WorkerSubject(std::string_view kind, std::int64_t worker_id,
                          std::string_view detail = {});

// The engine's evidence of one pair: match probability and weight, and per field its agreement
// level (the model's label, e.g. "exact", "phonetic", "one_edit") and weight.
// {"probability":0.998,"weight":11.2,"fields":[{"field":"nik","level":"exact","weight":6.1},...]}
nlohmann::json PairEvidence(const matching::MatchResult& result, std::size_t pair_index);

// Labelled-pair keys of the stored records: "w<worker id>", "e<extract row id>".
std::string WorkerKey(std::int64_t worker_id);
std::string ExtractKey(std::int64_t extract_row_id);

}  // namespace jaring::services
