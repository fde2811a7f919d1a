// ExtractValidator: the rows of the month's extracts, checked before they are stored: the civil
// registry's death extract (Dukcapil) and the BPJS membership extract.
//
// The same idea as the worker lists' Validator (header mapping by DetectMapping, values read by
// the parsers of values.hpp and domain/nik, a bad row quarantined with every reason, never
// dropped), with the extracts' own rules: a death row needs a death date that is a real date,
// not in the future and not before the birth date; a membership row needs a membership number
// (KPJ) and its segment (PU, wage earner, or BPU). Both need someone to link: a NIK, or a name
// with a birth date. A NIK that fails its checks is kept as written with a warning: the civil
// registry's and BPJS's NIKs are the reference, and the matching engine weighs them.
//
// Each row gets a key that identifies it across versions of the same month's extract: the
// file's own id column when mapped, else the NIK (with the KPJ for memberships: one person may
// hold two), else the line. A second row with a key already seen in the file is quarantined.
// One Validator per file; not thread-safe.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <string>
#include <unordered_set>
#include <vector>

#include "common/error.hpp"
#include "domain/region.hpp"
#include "intake/column_mapping.hpp"
#include "intake/issues.hpp"
#include "intake/source_row.hpp"

namespace jaring::intake {

enum class ExtractKind : std::uint8_t { kDeaths, kMembers };
std::string_view ExtractKindCode(ExtractKind kind);  // "deaths" | "members"
std::optional<ExtractKind> ExtractKindFromCode(std::string_view code);

// One accepted row, in stored form: dates ISO "YYYY-MM-DD" or "", sex "L"/"P"/"".
struct ExtractRecord {
  std::string row_key;
  std::string nik;  // cleaned digits when readable, else as written
  std::string name;
  std::string sex;
  std::string birth_date;
  std::string death_date;    // deaths
  std::string village_code;  // deaths: dotted Kemendagri code, or ""
  std::string kpj;           // members
  std::string segment;       // members: "PU" | "BPU"
  friend bool operator==(const ExtractRecord&, const ExtractRecord&) = default;
};

struct ExtractOutcome {
  std::uint64_t line = 0;
  bool accepted = true;
  ExtractRecord record;                     // valid when accepted
  std::vector<RowIssue> issues;             // errors (when quarantined) and warnings
  std::vector<std::string> original_cells;  // when quarantined: every cell as read
};

struct ExtractSummary {
  std::uint64_t read = 0, accepted = 0, quarantined = 0;
  std::map<std::string, std::uint64_t> issues;  // code -> occurrences
};

// Stable codes of the extracts (beside intake::codes and the domain's NIK_* codes).
namespace codes {
inline constexpr std::string_view kDeathBeforeBirth = "DEATH_BEFORE_BIRTH";
inline constexpr std::string_view kDateInFuture = "DATE_IN_FUTURE";
inline constexpr std::string_view kKpjInvalid = "KPJ_INVALID";
inline constexpr std::string_view kSegmentInvalid = "SEGMENT_INVALID";
inline constexpr std::string_view kNobodyToLink = "NOBODY_TO_LINK";
inline constexpr std::string_view kDuplicateRowInFile = "DUPLICATE_ROW_IN_FILE";
inline constexpr std::string_view kNikInvalidKept = "NIK_INVALID_KEPT";
}  // namespace codes

class ExtractValidator {
 public:
  // InvalidArgument when a column the kind needs has no field in `mapping` (the message names
  // them): deaths need a death date, members a KPJ and a segment; both need NIK or name.
  static Result<ExtractValidator> Create(ExtractKind kind, ColumnMapping mapping,
                                         const domain::RegionIndex& regions,
                                         std::chrono::year_month_day today, bool date1904);

  const ColumnMapping& mapping() const { return mapping_; }
  // Checks one row. The reference stays valid until the next call.
  const ExtractOutcome& Add(const SourceRow& row);
  const ExtractSummary& summary() const { return summary_; }

 private:
  ExtractValidator(ExtractKind kind, ColumnMapping mapping, const domain::RegionIndex& regions,
                   std::chrono::year_month_day today, bool date1904);
  void Issue(std::string_view code, Severity severity, Field field, std::string message,
             std::string_view value);

  ExtractKind kind_;
  ColumnMapping mapping_;
  const domain::RegionIndex& regions_;
  std::chrono::year_month_day today_;
  bool date1904_;
  std::unordered_set<std::string> keys_;
  ExtractOutcome out_;
  const SourceRow* row_ = nullptr;
  ExtractSummary summary_;
};

// "PU", "PPU", "Penerima Upah", "Pekerja Penerima Upah" -> "PU"; "BPU", "Bukan Penerima Upah",
// "Pekerja Bukan Penerima Upah", "Informal" -> "BPU"; any case and spacing; "" otherwise.
std::string ParseSegment(std::string_view text);

}  // namespace jaring::intake
