#include "domain/worker.hpp"

#include <algorithm>
#include <array>
#include <utility>

#include "domain/nik.hpp"

namespace jaring::domain {
namespace {

std::string_view Trim(std::string_view s) {
  constexpr std::string_view kSpace = " \t\r\n";
  const auto first = s.find_first_not_of(kSpace);
  if (first == std::string_view::npos) return {};
  const auto last = s.find_last_not_of(kSpace);
  return s.substr(first, last - first + 1);
}

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  return std::ranges::equal(a, b, [](char x, char y) {
    auto lower = [](char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; };
    return lower(x) == lower(y);
  });
}

constexpr std::array<std::pair<std::string_view, Sex>, 8> kSexWords = {{
    {"L", Sex::kMale},
    {"P", Sex::kFemale},
    {"laki-laki", Sex::kMale},
    {"perempuan", Sex::kFemale},
    {"pria", Sex::kMale},
    {"wanita", Sex::kFemale},
    {"M", Sex::kMale},
    {"F", Sex::kFemale},
}};

constexpr std::array<std::pair<std::string_view, WorkerStatus>, 5> kStatusCodes = {{
    {"aktif", WorkerStatus::kActive},
    {"calon", WorkerStatus::kCandidate},
    {"ditangguhkan", WorkerStatus::kSuspended},
    {"meninggal", WorkerStatus::kDeceased},
    {"dikeluarkan", WorkerStatus::kRemoved},
}};

}  // namespace

std::string_view ToCode(Sex sex) { return sex == Sex::kFemale ? "P" : "L"; }

std::optional<Sex> SexFromCode(std::string_view code) {
  code = Trim(code);
  for (const auto& [word, sex] : kSexWords) {
    if (EqualsIgnoreCase(code, word)) return sex;
  }
  return std::nullopt;
}

std::string_view ToCode(WorkerStatus status) {
  for (const auto& [code, value] : kStatusCodes) {
    if (value == status) return code;
  }
  return "aktif";  // unreachable: every enumerator is in the table
}

std::optional<WorkerStatus> WorkerStatusFromCode(std::string_view code) {
  code = Trim(code);
  for (const auto& [word, status] : kStatusCodes) {
    if (EqualsIgnoreCase(code, word)) return status;
  }
  return std::nullopt;
}

bool RecordHasIssues(const Worker& worker) {
  if (worker.name.empty() || !worker.birth_date.ok()) return true;
  const NikCheck nik = ParseNik(worker.nik, nullptr, worker.birth_date, worker.birth_date);
  if (!nik.ok() || !nik.info) return true;
  if (!NikAgreesWith(*nik.info, worker.sex, worker.birth_date).ok()) return true;
  if (!worker.kk.empty() && !ParseKk(worker.kk, nullptr).ok()) return true;
  return false;
}

}  // namespace jaring::domain
