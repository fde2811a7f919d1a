// Row validation: one row of an incoming list -> a domain::Worker, or the reasons it cannot be
// one.
//
// Contract: every problem found in a row is reported (not just the first), each as a RowIssue
// with a stable code, the column at fault and an Indonesian message. A row with any error is
// quarantined: the outcome keeps ALL its original cells so that nothing typed is lost and the
// row can be fixed and re-imported. Warnings never quarantine. Unmapped columns travel with
// the row (as extras of an accepted row, inside the original cells of a quarantined one).
//
// Choices (docs/domain.md "NIK and KK", "Workers"):
//  * A blank NIK, name, sex, birth date or village is REQUIRED_MISSING (field says which), not
//    NIK_EMPTY: one code for every blank required cell.
//  * NIK problems use the domain's codes (NIK_LENGTH, NIK_EXCEL_ROUNDED, ...), all errors.
//  * A blank birth date or sex is filled from a sound NIK (warning NIK_FILLED_BIRTHDATE /
//    NIK_FILLED_SEX): the NIK is what the civil registry issued, so it is the better source
//    than nothing. An entered value that cannot be read is NOT replaced: DATE_INVALID /
//    SEX_INVALID (a person must look at it).
//  * An entered sex or birth date that contradicts a sound NIK is an error (NIK_SEX_MISMATCH,
//    NIK_BIRTHDATE_MISMATCH): often the NIK belongs to someone else (a spouse's typed in).
//  * Age = whole years on the reference date; the program range is [min_age, max_age), default
//    15 to under 65. Outside is AGE_OUT_OF_RANGE, a warning: eligibility belongs to programs
//    (issue 13), so the person is stored as the village sent them and the import report says
//    why they are not covered. A birth date in the future is DATE_INVALID (an error).
//  * Phone, occupation and KK problems are warnings: they never cost a worker the cover. The
//    bad value stays in RowIssue::value.
// severity_overrides lets a service change any code's severity per import (e.g. treat
// NIK_BIRTHDATE_MISMATCH as a warning for a trusted source).
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "domain/region.hpp"
#include "domain/worker.hpp"
#include "intake/column_mapping.hpp"
#include "intake/issues.hpp"
#include "intake/region_resolver.hpp"
#include "intake/source_row.hpp"
#include "intake/values.hpp"

namespace jaring::intake {

struct ValidationOptions {
  std::string regency_code;                      // "35.14": must be a regency of the index
  std::chrono::year_month_day reference_date{};  // "today" for ages and two-digit years
  int min_age = 15;                              // inclusive
  int max_age = 65;                              // exclusive ("under 65")
  // Lists sent by one village often have no village column: the village (dotted code, of the
  // regency) to use when a row names none.
  std::string default_village_code;
  std::string source;  // Worker::source, e.g. "Dinas Pertanian"
  domain::WorkerStatus status = domain::WorkerStatus::kCandidate;  // of accepted workers
  TwoDigitYears two_digit_years = TwoDigitYears::kResolve;
  bool date1904 = false;      // XLSX workbooks with the 1904 date system
  bool fill_from_nik = true;  // fill blank birth date / sex from the NIK (with a warning)
  std::vector<std::pair<std::string, Severity>> severity_overrides;  // code -> severity
};

// Checks the options against the index: InvalidArgument for an unknown regency, an invalid
// reference date, an empty age range, or a default village outside the regency.
Status CheckOptions(const ValidationOptions& options, const domain::RegionIndex& regions);

struct RowOutcome {
  std::uint64_t line = 0;
  bool accepted = false;
  // Accepted: the worker to store. Quarantined: as much as could be read (for the fix-up form).
  domain::Worker worker;
  std::string source_id;         // the sender's id column, when mapped
  std::vector<RowIssue> issues;  // in the order found (roughly column order)
  // Quarantined rows: every cell exactly as read (mapped and unmapped).
  std::vector<std::string> original_cells;
  // Accepted rows: unmapped non-empty cells as (header, value); cells past the header get
  // the header "kolom N" (1-based).
  std::vector<std::pair<std::string, std::string>> extras;
  // Rows sharing a NIK with an earlier row of the same file (Validator): the same person listed
  // again (same name and birth date) is `same_as_line` that row and is not stored a second
  // time; a different name or birth date `conflicts_with_line` it: both rows are stored and the
  // month's verification puts them side by side for a person to decide.
  std::uint64_t same_as_line = 0;
  std::uint64_t conflicts_with_line = 0;

  bool HasErrors() const;
};

// Validates rows in isolation (DUPLICATE_NIK_IN_FILE needs the whole file: see Validator).
// Holds a RegionResolver cache: not thread-safe; one per import. `regions` must outlive it.
class RowValidator {
 public:
  // JARING_ASSERTs CheckOptions(options, regions) (callers check first; Validator::Create does).
  RowValidator(ColumnMapping mapping, const domain::RegionIndex& regions,
               ValidationOptions options);

  // Fills `out` (its buffers are reused: pass the same object for every row).
  void Validate(const SourceRow& row, RowOutcome& out);

  // Adds an issue with the configured severity for its code; used by Validator for file-wide
  // checks on a row. Marks the row quarantined when the issue is an error.
  void AddIssue(RowOutcome& out, const SourceRow& row, std::string_view code, Severity severity,
                int column, std::string_view field, std::string message,
                std::string_view value) const;

  const ColumnMapping& mapping() const { return mapping_; }
  const ValidationOptions& options() const { return options_; }
  RegionResolver& resolver() { return resolver_; }

 private:
  Severity SeverityOf(std::string_view code, Severity fallback) const;
  void Quarantine(RowOutcome& out, const SourceRow& row) const;

  ColumnMapping mapping_;
  const domain::RegionIndex& regions_;
  ValidationOptions options_;
  RegionResolver resolver_;
  std::array<int, kFieldCount> column_{};   // field -> column or -1, for the hot path
  std::vector<std::string> extra_headers_;  // header text by column, "" for mapped columns
};

}  // namespace jaring::intake
