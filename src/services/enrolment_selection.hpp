// Enrolment selection (issue 13, items 3 and 5), pure: whether a person of a settled month may be
// paid for by a program, and in which order the eligible come when they outnumber the quota.
//
//   auto reasons = IneligibilityReasons(worker, rules, period.FirstDay());  // {} = eligible
//   RankByPriority(candidates, {"extreme_poor", "tobacco_sector", "longest_waiting"});
//
// Eligibility is judged on the first day of the settled month the batch is selected from (the
// month whose list is paid for). Reasons are stable codes (kept with the program's list of who
// was left out, shown through ReasonLabel). No I/O; thread-safe.
#pragma once

#include <chrono>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "domain/worker.hpp"

namespace jaring::services {

namespace ineligibility {
inline constexpr std::string_view kNoBirthDate = "no_birth_date";  // age cannot be told
inline constexpr std::string_view kAgeBelow = "age_below";
inline constexpr std::string_view kAgeAbove = "age_above";
inline constexpr std::string_view kOccupation = "occupation";   // not one the program pays for
inline constexpr std::string_view kDomicile = "domicile";       // village outside the regency
inline constexpr std::string_view kNikInvalid = "nik_invalid";  // not 16 digits: BPJS refuses it
inline constexpr std::string_view kNikShared = "nik_shared";    // another person on the list has it
inline constexpr std::string_view kStatus = "status";  // died, suspended or removed in the registry
}  // namespace ineligibility

// A program's eligibility rules as selection reads them.
struct EligibilityRules {
  std::string regency_code;              // the program's
  int age_min = 0, age_max = 0;          // both inclusive
  std::vector<std::string> occupations;  // empty: any
  bool domicile_in_regency = true;
};

// The reasons `worker` is not eligible on `on`, in the order above (nik_shared excepted: it
// needs the whole list, see SharedNiks); empty when eligible.
std::vector<std::string_view> IneligibilityReasons(const domain::Worker& worker,
                                                   const EligibilityRules& rules,
                                                   std::chrono::year_month_day on);
// The NIKs that more than one of `workers` holds: BPJS registers one person per NIK, so none
// of them can be enrolled until verval tells the persons apart.
std::vector<std::string> SharedNiks(std::span<const domain::Worker* const> workers);
// "age_above,occupation" and back.
std::string JoinReasons(std::span<const std::string_view> reasons);
// Indonesian (or English) label of a reason code: "Usia di atas batas program".
std::string_view ReasonLabel(std::string_view code, bool english = false);

// An eligible person, with what the priority rules read.
struct Candidate {
  std::int64_t worker_id = 0;
  bool tobacco_sector = false;  // occupation in the tobacco sector
  std::string registered_at;    // ISO 8601 UTC of the registry record: who has waited longest
};

// Priority codes whose data the registry does not hold yet: they are accepted in a program's
// order and rank nobody ahead of anybody (the batch says so).
bool PriorityHasData(std::string_view code);

// Sorts `candidates` so the first come first: by each rule of `priority` in turn (tobacco sector
// before others; registered earlier before later), then by worker id. Stable and total.
void RankByPriority(std::vector<Candidate>& candidates, std::span<const std::string> priority);

}  // namespace jaring::services
