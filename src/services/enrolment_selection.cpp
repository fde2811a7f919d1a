#include "services/enrolment_selection.hpp"

#include <algorithm>

#include "domain/date_format.hpp"
#include "domain/occupation.hpp"

namespace jaring::services {

using std::chrono::year_month_day;

std::vector<std::string_view> IneligibilityReasons(const domain::Worker& worker,
                                                   const EligibilityRules& rules,
                                                   year_month_day on) {
  namespace r = ineligibility;
  std::vector<std::string_view> out;
  if (worker.nik.size() != 16 || worker.nik.find_first_not_of("0123456789") != std::string::npos)
    out.push_back(r::kNikInvalid);
  if (!worker.birth_date.ok()) {
    out.push_back(r::kNoBirthDate);
  } else {
    const int age = domain::AgeInYears(worker.birth_date, on);
    if (age < rules.age_min) out.push_back(r::kAgeBelow);
    if (age > rules.age_max) out.push_back(r::kAgeAbove);
  }
  if (!rules.occupations.empty() && std::find(rules.occupations.begin(), rules.occupations.end(),
                                              worker.occupation) == rules.occupations.end()) {
    out.push_back(r::kOccupation);
  }
  // A village code "35.14.01.2001" lies in regency "35.14" when it starts with "35.14.".
  if (rules.domicile_in_regency && !(worker.village_code.size() > rules.regency_code.size() &&
                                     worker.village_code.starts_with(rules.regency_code) &&
                                     worker.village_code[rules.regency_code.size()] == '.')) {
    out.push_back(r::kDomicile);
  }
  // A candidate (calon: on a list, not yet a member) or an active member may be paid for; the
  // dead, the suspended and the removed may not.
  if (worker.status != domain::WorkerStatus::kActive &&
      worker.status != domain::WorkerStatus::kCandidate) {
    out.push_back(r::kStatus);
  }
  return out;
}

std::vector<std::string> SharedNiks(std::span<const domain::Worker* const> workers) {
  std::vector<std::string> niks;
  niks.reserve(workers.size());
  for (const domain::Worker* w : workers) niks.push_back(w->nik);
  std::sort(niks.begin(), niks.end());
  std::vector<std::string> shared;
  for (std::size_t i = 1; i < niks.size(); ++i) {
    if (niks[i] == niks[i - 1] && (shared.empty() || shared.back() != niks[i]))
      shared.push_back(niks[i]);
  }
  return shared;
}

std::string JoinReasons(std::span<const std::string_view> reasons) {
  std::string out;
  for (std::string_view code : reasons) {
    if (!out.empty()) out += ',';
    out += code;
  }
  return out;
}

std::string_view ReasonLabel(std::string_view code, bool english) {
  namespace r = ineligibility;
  struct Label {
    std::string_view code, id, en;
  };
  static constexpr Label kLabels[] = {
      {r::kNikInvalid, "NIK tidak sah (bukan 16 angka)", "NIK not 16 digits"},
      {r::kNikShared, "NIK sama dengan orang lain di daftar", "NIK shared with another person"},
      {r::kNoBirthDate, "Tanggal lahir tidak diketahui", "Birth date unknown"},
      {r::kAgeBelow, "Usia di bawah batas program", "Younger than the program allows"},
      {r::kAgeAbove, "Usia di atas batas program", "Older than the program allows"},
      {r::kOccupation, "Pekerjaan tidak termasuk sasaran program",
       "Occupation not covered by the program"},
      {r::kDomicile, "Domisili di luar kabupaten", "Lives outside the regency"},
      {r::kStatus, "Status di registri: meninggal, ditangguhkan atau dikeluarkan",
       "Registry record: died, suspended or removed"},
  };
  for (const Label& l : kLabels) {
    if (l.code == code) return english ? l.en : l.id;
  }
  return code;
}

bool PriorityHasData(std::string_view code) { return code != "extreme_poor"; }

void RankByPriority(std::vector<Candidate>& candidates, std::span<const std::string> priority) {
  std::stable_sort(candidates.begin(), candidates.end(),
                   [&](const Candidate& a, const Candidate& b) {
                     for (const std::string& rule : priority) {
                       if (rule == "tobacco_sector" && a.tobacco_sector != b.tobacco_sector)
                         return a.tobacco_sector;
                       if (rule == "longest_waiting" && a.registered_at != b.registered_at)
                         return a.registered_at < b.registered_at;
                     }
                     return a.worker_id < b.worker_id;
                   });
}

}  // namespace jaring::services
