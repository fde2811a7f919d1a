#include "intake/validator.hpp"

#include <algorithm>
#include <cctype>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "domain/date_format.hpp"
#include "domain/name_normalize.hpp"

namespace jaring::intake {

Result<Validator> Validator::Create(ImportPlan plan, const domain::RegionIndex& regions) {
  if (auto checked = CheckOptions(plan.options, regions); !checked) {
    return Fail(std::move(checked.error()));
  }
  const auto missing = plan.mapping.MissingRequired();
  if (!missing.empty()) {
    std::string labels, names;
    for (Field f : missing) {
      labels += (labels.empty() ? "" : ", ") + std::string(FieldLabel(f));
      names += (names.empty() ? "" : ",") + std::string(FieldName(f));
    }
    return Fail(Error::FailedPrecondition("Kolom wajib tidak ditemukan: " + labels,
                                          "missing required fields: " + names));
  }
  return Validator(RowValidator(std::move(plan.mapping), regions, std::move(plan.options)));
}

namespace {

// "JUMLAH", "Jumlah Total", "TOTAL :", "Jml.", "Jumlah 12 orang", any case: a total label and
// nothing after it but numbers, punctuation and the words that go with a total. "Total Wijaya"
// is a person's name, not a label.
bool IsTotalLabel(std::string_view text) {
  std::string lower;
  for (char c : text) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  std::vector<std::string> words;
  std::string word;
  for (char c : lower + " ") {
    if (c >= 'a' && c <= 'z') {
      word += c;
    } else if (!word.empty()) {
      words.push_back(std::move(word));
      word.clear();
    }
  }
  if (words.empty()) return false;
  const auto is_any = [](const std::string& w, std::initializer_list<std::string_view> set) {
    return std::ranges::find(set, w) != set.end();
  };
  if (!is_any(words.front(), {"jumlah", "total", "jml", "grand"})) return false;
  return std::ranges::all_of(words, [&](const std::string& w) {
    return is_any(w, {"jumlah", "total", "jml", "grand", "keseluruhan", "seluruhnya", "orang",
                      "pekerja", "semua", "akhir"});
  });
}

// A total line: no name (or the label in its place), no cell with a NIK's worth of digits, and
// a cell that says it is a total. Such a line is not a person; naming it so beats listing every
// field it lacks.
bool IsSummaryRow(const SourceRow& row, const ColumnMapping& mapping) {
  // The label often sits in the name column (cells merged across No. and Nama).
  const auto name_column = mapping.ColumnOf(Field::kName);
  if (name_column) {
    const std::string_view name = row.At(*name_column).text;
    if (name.find_first_not_of(" \t") != std::string_view::npos && !IsTotalLabel(name)) {
      return false;
    }
  }
  bool labelled = false;
  for (const SourceCell& cell : row.cells) {
    std::size_t digits = 0;
    for (char c : cell.text) digits += (c >= '0' && c <= '9') ? 1 : 0;
    if (digits >= 10) return false;
    labelled |= IsTotalLabel(cell.text);
  }
  return labelled;
}

// One person as a row gives it, for telling "listed twice" from "another person with this NIK":
// the phonetic key of the name (spelling and word order do not matter) and the birth date.
std::uint64_t PersonHash(const domain::Worker& w) {
  std::string key =
      domain::NormalizeName(w.name_original.empty() ? w.name : w.name_original).phonetic;
  key += '\x1f';
  if (w.birth_date.ok()) key += domain::FormatIsoDate(w.birth_date);
  return std::hash<std::string>{}(key);
}

}  // namespace

const RowOutcome& Validator::Add(const SourceRow& row) {
  JARING_ASSERT(!finished_, "Validator::Add after Finish");
  rows_.Validate(row, outcome_);
  if (!outcome_.accepted && IsSummaryRow(row, rows_.mapping())) {
    outcome_.issues.clear();
    rows_.AddIssue(outcome_, row, codes::kSummaryRow, Severity::kError, -1, "",
                   "Baris jumlah/total, bukan data pekerja", "");
  }
  const std::string& nik = outcome_.worker.nik;
  if (nik.size() == 16 && nik.find_first_not_of("0123456789") == std::string::npos) {
    ++summary_.nik_rounding.sixteen_digit;
    if (nik.back() == '0') ++summary_.nik_rounding.ending_in_zero;
    // Damaged NIKs lost digits: two of them may collide without being the same person.
    const bool damaged = std::ranges::any_of(outcome_.issues, [](const RowIssue& i) {
      return i.code == domain::NikIssueCode(domain::NikIssue::kScientificNotation) ||
             i.code == domain::NikIssueCode(domain::NikIssue::kExcelRounded);
    });
    std::uint64_t key = 0;
    for (char c : nik) key = key * 10 + static_cast<std::uint64_t>(c - '0');
    if (!damaged && outcome_.accepted) {
      const std::uint64_t person = PersonHash(outcome_.worker);
      const auto [it, inserted] = first_row_of_nik_.try_emplace(key, FirstRow{row.line, person});
      if (!inserted) {
        const int column = rows_.mapping().ColumnOf(Field::kNik).value_or(-1);
        const std::string first = std::to_string(it->second.line);
        if (it->second.person == person) {
          outcome_.same_as_line = it->second.line;
          rows_.AddIssue(
              outcome_, row, codes::kDuplicateRowMerged, Severity::kWarning, column, "nik",
              "Orang yang sama dengan baris " + first +
                  " (NIK, nama dan tanggal lahir sama): digabung, tidak disimpan dua kali",
              nik);
        } else {
          outcome_.conflicts_with_line = it->second.line;
          rows_.AddIssue(outcome_, row, codes::kNikConflictInFile, Severity::kWarning, column,
                         "nik",
                         "NIK sama dengan baris " + first +
                             " tetapi nama atau tanggal lahir berbeda: keduanya disimpan dan "
                             "diperiksa pada verval bulanan",
                         nik);
        }
      }
    }
  }
  ++summary_.read;
  bool warned = false;
  for (const RowIssue& issue : outcome_.issues) {
    ++summary_.issues[issue.code];
    warned |= issue.severity == Severity::kWarning;
  }
  if (outcome_.accepted && outcome_.same_as_line != 0) {
    ++summary_.merged;
  } else if (outcome_.accepted) {
    ++summary_.accepted;
    if (warned) ++summary_.with_warnings;
  } else {
    ++summary_.quarantined;
  }
  return outcome_;
}

const ImportSummary& Validator::Finish() {
  if (finished_) return summary_;
  finished_ = true;
  // domain::CheckExcelRounding's rule (at least 20 NIKs, over 30 % ending in 0), counted while
  // streaming instead of over a kept copy of every NIK.
  auto& r = summary_.nik_rounding;
  r.suspected = r.sixteen_digit >= 20 && r.ending_in_zero * 10 > r.sixteen_digit * 3;
  if (r.suspected) {
    RowIssue issue;
    issue.row = 0;
    issue.column = rows_.mapping().ColumnOf(Field::kNik).value_or(-1);
    issue.field = "nik";
    issue.code = codes::kExcelRoundedColumn;
    issue.severity = Severity::kWarning;
    issue.message = std::to_string(r.ending_in_zero) + " dari " + std::to_string(r.sixteen_digit) +
                    " NIK berakhiran 0: kolom NIK kemungkinan pernah disimpan sebagai angka di "
                    "Excel (digit terakhir hilang); periksa NIK berakhiran 0";
    ++summary_.issues[issue.code];
    summary_.file_issues.push_back(std::move(issue));
  }
  return summary_;
}

nlohmann::json IssueToJson(const RowIssue& issue) {
  nlohmann::json json = {{"row", issue.row},
                         {"code", issue.code},
                         {"severity", SeverityCode(issue.severity)},
                         {"message", issue.message}};
  if (issue.column >= 0) json["column"] = issue.column;
  if (!issue.field.empty()) json["field"] = issue.field;
  if (!issue.value.empty()) json["value"] = issue.value;
  return json;
}

nlohmann::json SummaryToJson(const ImportSummary& summary) {
  nlohmann::json issues = nlohmann::json::object();
  for (const auto& [code, count] : summary.issues) issues[code] = count;
  nlohmann::json file_issues = nlohmann::json::array();
  for (const auto& issue : summary.file_issues) file_issues.push_back(IssueToJson(issue));
  return {{"read", summary.read},
          {"accepted", summary.accepted},
          {"quarantined", summary.quarantined},
          {"with_warnings", summary.with_warnings},
          {"issues", std::move(issues)},
          {"file_issues", std::move(file_issues)}};
}

}  // namespace jaring::intake
