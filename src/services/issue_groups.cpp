#include "services/issue_groups.hpp"

#include <algorithm>
#include <array>
#include <utility>

#include "intake/column_mapping.hpp"

namespace jaring::services {
namespace {

namespace codes = intake::codes;

// The intake codes whose row messages quote the row's value ("Tanggal lahir '31 Februari
// 1980': ..."), described for a whole group. The domain's NIK_* and KK_* messages are general
// already (one sentence per code), so they need no entry here.
constexpr std::array<std::pair<std::string_view, std::string_view>, 20> kGeneral = {{
    {codes::kNikSexMismatch, "Jenis kelamin tidak sesuai NIK"},
    {codes::kNikBirthdateMismatch, "Tanggal lahir tidak sesuai NIK"},
    {codes::kDateInvalid, "Tanggal lahir tidak dapat dibaca"},
    {codes::kSexInvalid, "Jenis kelamin tidak dikenali (gunakan L atau P)"},
    {codes::kVillageUnknown, "Desa/kelurahan tidak ditemukan"},
    {codes::kVillageAmbiguous, "Nama desa ada di beberapa kecamatan; isi kolom Kecamatan"},
    {codes::kVillageOutsideRegency, "Desa berada di luar kabupaten/kota ini"},
    {codes::kVillageNotInDistrict, "Desa tidak berada di kecamatan yang tertulis"},
    {codes::kDistrictUnknown, "Kecamatan tidak ditemukan di kabupaten/kota ini"},
    {codes::kDistrictAmbiguous, "Nama kecamatan ada lebih dari satu"},
    {codes::kDuplicateNikInFile, "NIK yang sama muncul lebih dari sekali di berkas ini"},
    {codes::kSummaryRow, "Baris jumlah/total, bukan data pekerja"},
    {codes::kDateTwoDigitYear, "Tahun lahir ditulis 2 digit; abadnya ditebak"},
    {codes::kNikFilledBirthdate, "Tanggal lahir kosong, diisi dari NIK"},
    {codes::kNikFilledSex, "Jenis kelamin kosong, diisi dari NIK"},
    {codes::kPhoneInvalid, "Nomor HP tidak valid (tidak disimpan)"},
    {codes::kOccupationUnknown,
     "Pekerjaan tidak dikenali, dicatat sebagai pekerja informal lainnya"},
    {codes::kOccupationMissing, "Pekerjaan kosong, dicatat sebagai pekerja informal lainnya"},
    {codes::kVillageNameCorrected, "Ejaan nama desa diperbaiki"},
    {codes::kDistrictNameCorrected, "Ejaan nama kecamatan diperbaiki"},
}};

// At most `max_bytes` of `text`, cut between UTF-8 characters, with "…" when cut.
std::string Shortened(std::string_view text, std::size_t max_bytes) {
  if (text.size() <= max_bytes) return std::string(text);
  std::size_t end = max_bytes;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return std::string(text.substr(0, end)) + "…";
}

}  // namespace

std::string GroupMessage(std::string_view code, const std::vector<std::string>& fields,
                         std::string_view same_message, const IssueGroupSettings& settings) {
  if (code == codes::kRequiredMissing) {
    std::string labels;
    for (const std::string& name : fields) {
      const auto field = intake::FieldFromName(name);
      if (!labels.empty()) labels += ", ";
      labels += field ? std::string(intake::FieldLabel(*field)) : name;
    }
    return labels.empty() ? "Kolom wajib kosong" : "Kolom wajib kosong: " + labels;
  }
  if (code == codes::kAgeOutOfRange) {
    return "Umur di luar rentang program (" + std::to_string(settings.min_age) + "–" +
           std::to_string(settings.max_age - 1) + " tahun)";
  }
  for (const auto& [known, message] : kGeneral) {
    if (known == code) return std::string(message);
  }
  if (!same_message.empty()) return std::string(same_message);
  return "Masalah " + std::string(code) + " (lihat contoh)";
}

void IssueGroups::Add(const intake::RowOutcome& outcome) {
  for (const intake::RowIssue& issue : outcome.issues) {
    auto [at, added] = groups_.try_emplace(issue.code);
    Building& building = at->second;
    IssueGroup& group = building.group;
    if (added) {
      group.code = issue.code;
      group.severity = issue.severity;
      building.first_message = issue.message;
    } else if (issue.message != building.first_message) {
      building.same_message = false;
    }
    ++group.count;
    if (!issue.field.empty() &&
        std::ranges::find(building.fields, issue.field) == building.fields.end())
      building.fields.push_back(issue.field);
    if (group.lines.size() < settings_.max_lines &&
        (group.lines.empty() || group.lines.back() != outcome.line)) {
      group.lines.push_back(outcome.line);
    }
    if (group.examples.size() < settings_.max_examples && !issue.value.empty()) {
      std::string value = Shortened(issue.value, settings_.max_value_bytes);
      if (std::ranges::find(group.examples, value, &IssueExample::value) == group.examples.end())
        group.examples.push_back({outcome.line, std::move(value)});
    }
  }
}

std::vector<IssueGroup> IssueGroups::Take() && {
  std::vector<IssueGroup> sorted;
  sorted.reserve(groups_.size());
  for (auto& [code, building] : groups_) {
    building.group.message = GroupMessage(
        code, building.fields, building.same_message ? building.first_message : "", settings_);
    sorted.push_back(std::move(building.group));
  }
  groups_.clear();
  // Stable over the map's code order: equal counts keep their codes' order.
  std::ranges::stable_sort(sorted, [](const IssueGroup& a, const IssueGroup& b) {
    if (a.severity != b.severity) return a.severity == intake::Severity::kError;
    return a.count > b.count;
  });
  return sorted;
}

}  // namespace jaring::services
