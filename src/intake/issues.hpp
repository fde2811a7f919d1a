// RowIssue: why a row of an incoming list was quarantined or flagged, as data (not an Error).
//
// Codes are STABLE: they are stored with quarantined rows, counted in import summaries
// ({"issues":{"CODE":N}}), grouped in the preview and matched by the UI, so never rename one.
// NIK and KK codes are the domain's (domain::NikIssueCode / KkIssueCode: NIK_LENGTH,
// NIK_NON_DIGIT, NIK_SCIENTIFIC_NOTATION, NIK_EXCEL_ROUNDED, ...); the rest are listed in
// `codes` below. Messages are one Indonesian sentence for officials.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace jaring::intake {

// An error quarantines the row; a warning lets it through and is reported.
enum class Severity : std::uint8_t { kError, kWarning };
std::string_view SeverityCode(Severity severity);  // "error" | "warning"

struct RowIssue {
  std::uint64_t row = 0;  // SourceRow::line; 0 for a file-level issue
  int column = -1;        // 0-based source column; -1 when no single column is at fault
  std::string field;      // the mapped field ("nik", "birth_date", ...; see FieldName), or ""
  std::string code;       // stable machine code, e.g. "NIK_LENGTH"
  Severity severity = Severity::kError;
  std::string message;  // Indonesian, e.g. "NIK harus 16 digit"
  std::string value;    // the offending cell text as read ("" when none)
};

// The intake's own stable codes (beside the domain's NIK_* and KK_* codes).
namespace codes {
// Row errors.
inline constexpr std::string_view kRequiredMissing = "REQUIRED_MISSING";  // field says which
inline constexpr std::string_view kNikSexMismatch = "NIK_SEX_MISMATCH";
inline constexpr std::string_view kNikBirthdateMismatch = "NIK_BIRTHDATE_MISMATCH";
inline constexpr std::string_view kDateInvalid = "DATE_INVALID";
inline constexpr std::string_view kSexInvalid = "SEX_INVALID";
inline constexpr std::string_view kAgeOutOfRange = "AGE_OUT_OF_RANGE";
inline constexpr std::string_view kVillageUnknown = "VILLAGE_UNKNOWN";
inline constexpr std::string_view kVillageAmbiguous = "VILLAGE_AMBIGUOUS";
inline constexpr std::string_view kVillageOutsideRegency = "VILLAGE_OUTSIDE_REGENCY";
inline constexpr std::string_view kVillageNotInDistrict = "VILLAGE_NOT_IN_DISTRICT";
inline constexpr std::string_view kDistrictUnknown = "DISTRICT_UNKNOWN";
inline constexpr std::string_view kDistrictAmbiguous = "DISTRICT_AMBIGUOUS";
// No longer raised (rows sharing a NIK are merged or go to verval, see below); kept because
// quarantined rows of older imports carry it.
inline constexpr std::string_view kDuplicateNikInFile = "DUPLICATE_NIK_IN_FILE";
// A total line of the sheet ("JUMLAH", "TOTAL") with no name and no NIK: kept in quarantine
// with this one reason instead of a list of missing fields.
inline constexpr std::string_view kSummaryRow = "SUMMARY_ROW";
// A row of a CSV whose other lines are UTF-8 but whose own bytes are not: read as Windows-1252
// (formats::Encoding::kMixed), a guess an official checks before the row is kept.
inline constexpr std::string_view kEncodingGuessed = "ENCODING_GUESSED";
// Row warnings.
inline constexpr std::string_view kDateTwoDigitYear = "DATE_TWO_DIGIT_YEAR";
inline constexpr std::string_view kNikFilledBirthdate = "NIK_FILLED_BIRTHDATE";
inline constexpr std::string_view kNikFilledSex = "NIK_FILLED_SEX";
inline constexpr std::string_view kPhoneInvalid = "PHONE_INVALID";
inline constexpr std::string_view kOccupationUnknown = "OCCUPATION_UNKNOWN";
inline constexpr std::string_view kOccupationMissing = "OCCUPATION_MISSING";
inline constexpr std::string_view kVillageNameCorrected = "VILLAGE_NAME_CORRECTED";
inline constexpr std::string_view kDistrictNameCorrected = "DISTRICT_NAME_CORRECTED";
// A row with the NIK, name and birth date of an earlier row of the file: the same person listed
// twice, counted as merged and not stored again.
inline constexpr std::string_view kDuplicateRowMerged = "DUPLICATE_ROW_MERGED";
// A row with the NIK of an earlier row but another name or birth date: both are kept and the
// month's verification shows them side by side (finding nik_conflict).
inline constexpr std::string_view kNikConflictInFile = "NIK_CONFLICT_IN_FILE";
// File-level warning: the NIK column went through a number cell (domain::CheckExcelRounding).
inline constexpr std::string_view kExcelRoundedColumn = "EXCEL_ROUNDED_COLUMN";
}  // namespace codes

}  // namespace jaring::intake
