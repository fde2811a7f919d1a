// Validator: a whole incoming list, streamed row by row, into accepted workers, quarantined
// rows and a summary of counts per issue code.
//
// This is the import's pure core; the import service around it reads the file, shows the
// preview, and stores accepted workers and quarantined rows in one transaction. Typical use:
//
//   ImportPlan plan{DetectMapping(header), options};
//   auto validator = Validator::Create(std::move(plan), RegionIndex::Embedded());
//   if (!validator) return Fail(validator.error());      // required column missing, bad options
//   SourceRow row;
//   while (reader.Next(csv_row)) {
//     FromCsvRow(csv_row, row);
//     const RowOutcome& outcome = validator->Add(row);  // valid until the next Add
//     outcome.accepted ? store(outcome.worker) : quarantine(outcome);
//   }
//   const ImportSummary& summary = validator->Finish();  // + file-level issues
//
// Memory: constant per row; the duplicate check keeps one 16-byte entry per distinct NIK
// (about 32 MB for 1,000,000 rows) and the region cache one entry per distinct village text.
// Not thread-safe; one Validator per import.
#pragma once

#include <cstdint>
#include <map>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <unordered_map>
#include <vector>

#include "common/error.hpp"
#include "domain/nik.hpp"
#include "intake/row_validator.hpp"

namespace jaring::intake {

// What an import will do: how the columns map and the rules to apply.
struct ImportPlan {
  ColumnMapping mapping;
  ValidationOptions options;
};

struct ImportSummary {
  std::uint64_t read = 0;           // data rows seen
  std::uint64_t accepted = 0;       // rows without errors, not merged
  std::uint64_t merged = 0;         // rows of a person listed earlier in the file (same_as_line)
  std::uint64_t quarantined = 0;    // rows with at least one error
  std::uint64_t with_warnings = 0;  // accepted rows with at least one warning
  // Occurrences per code, errors and warnings (a row with two codes counts in both); ordered
  // by code for stable JSON output.
  std::map<std::string, std::uint64_t> issues;
  // File-level findings (row 0), known only after the last row: EXCEL_ROUNDED_COLUMN.
  std::vector<RowIssue> file_issues;
  domain::ExcelRoundingSummary nik_rounding;  // the statistics behind EXCEL_ROUNDED_COLUMN
};

class Validator {
 public:
  // FailedPrecondition when the mapping lacks a required field (NIK, name: the message names
  // them in Indonesian); InvalidArgument when the options are invalid (CheckOptions).
  static Result<Validator> Create(ImportPlan plan, const domain::RegionIndex& regions);

  // Validates the next row, including rows that share a NIK with an earlier accepted row of the
  // file (RowOutcome::same_as_line / conflicts_with_line, with the warning DUPLICATE_ROW_MERGED
  // or NIK_CONFLICT_IN_FILE naming that row; NIKs damaged by Excel, which lost digits, are not
  // compared). The reference is valid until the next Add.
  const RowOutcome& Add(const SourceRow& row);

  // Adds the file-level issues (counted in `issues` too) and returns the summary. Call once,
  // after the last row; Add must not be called afterwards.
  const ImportSummary& Finish();

  // Counts so far (for progress displays).
  const ImportSummary& summary() const { return summary_; }
  const ColumnMapping& mapping() const { return rows_.mapping(); }

 private:
  explicit Validator(RowValidator rows) : rows_(std::move(rows)) {}

  RowValidator rows_;
  RowOutcome outcome_;
  ImportSummary summary_;
  // NIK -> the first accepted row with it: its line and a hash of its person (name's phonetic
  // key and birth date), 16 bytes a row.
  struct FirstRow {
    std::uint64_t line = 0;
    std::uint64_t person = 0;
  };
  std::unordered_map<std::uint64_t, FirstRow> first_row_of_nik_;
  bool finished_ = false;
};

// Summary as the CLI's --json and the API print it (the storage-dependent counts, updated and
// unchanged, are the service's to add):
//   {"read":N,"accepted":N,"quarantined":N,"with_warnings":N,"issues":{"CODE":N,...},
//    "file_issues":[{"code":...,"severity":"warning","message":...}]}
nlohmann::json SummaryToJson(const ImportSummary& summary);
// One issue as the API and quarantine export carry it.
nlohmann::json IssueToJson(const RowIssue& issue);

}  // namespace jaring::intake
