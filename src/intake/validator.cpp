#include "intake/validator.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

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

const RowOutcome& Validator::Add(const SourceRow& row) {
  JARING_ASSERT(!finished_, "Validator::Add after Finish");
  rows_.Validate(row, outcome_);
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
    const auto [it, inserted] = damaged ? std::pair{first_line_of_nik_.end(), true}
                                        : first_line_of_nik_.try_emplace(key, row.line);
    if (!inserted) {
      const int column = rows_.mapping().ColumnOf(Field::kNik).value_or(-1);
      rows_.AddIssue(outcome_, row, codes::kDuplicateNikInFile, Severity::kError, column, "nik",
                     "NIK sama dengan baris " + std::to_string(it->second) + " di berkas ini", nik);
    }
  }
  ++summary_.read;
  bool warned = false;
  for (const RowIssue& issue : outcome_.issues) {
    ++summary_.issues[issue.code];
    warned |= issue.severity == Severity::kWarning;
  }
  if (outcome_.accepted) {
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
