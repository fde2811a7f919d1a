// NIK (Nomor Induk Kependudukan, the 16-digit population number) and KK (family card number):
// parsing, validation, derivation of sex and birth date, and the damage spreadsheets do to them.
//
// NIK layout `PP RR DD ddmmyy ssss`: province, regency, district where it was first issued
// (Kemendagri codes without dots), birth date with 40 added to the day for women, and a serial
// >= 0001. There is no checksum. A NIK never changes when its holder moves, so its region may
// differ from the domicile. Nothing here reads a clock: callers pass the reference date.
// All functions are pure and thread-safe; RegionIndex pointers are only read.
#pragma once

#include <chrono>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.hpp"
#include "domain/worker.hpp"

namespace jaring::domain {

class RegionIndex;

// Every way a NIK can be wrong. A NIK may have several issues at once (e.g. kLength and
// kNonDigit); ParseNik reports all of them in this order.
enum class NikIssue {
  kEmpty,               // NIK_EMPTY: blank cell
  kLength,              // NIK_LENGTH: not 16 digits long
  kNonDigit,            // NIK_NON_DIGIT: characters other than digits
  kScientificNotation,  // NIK_SCIENTIFIC_NOTATION: "3.51401E+15", the digits are lost
  kExcelRounded,        // NIK_EXCEL_ROUNDED: came through a number cell, last digit forced to 0
  kUnknownProvince,     // NIK_UNKNOWN_PROVINCE: PP is not a province code
  kUnknownRegency,      // NIK_UNKNOWN_REGENCY: PP.RR is not a regency of that province
  kUnknownDistrict,     // NIK_UNKNOWN_DISTRICT: DD is 00 or PP.RR.DD is not a district
  kBadDate,             // NIK_BAD_DATE: day not 01-31/41-71, month not 01-12, or no such date
  kSerialZero,          // NIK_SERIAL_ZERO: serial 0000
};

// Stable machine code, e.g. "NIK_LENGTH" (used in RowIssue.code, APIs, exports).
std::string_view NikIssueCode(NikIssue issue);
// One Indonesian sentence for officials, e.g. "NIK harus 16 digit".
std::string_view NikIssueMessage(NikIssue issue);
std::optional<NikIssue> NikIssueFromCode(std::string_view code);

// What a structurally readable NIK says about its holder.
struct NikInfo {
  std::string digits;         // the 16 digits
  std::string province_code;  // "35"
  std::string regency_code;   // "35.14"
  std::string district_code;  // "35.14.01"
  Sex sex = Sex::kMale;       // female when the day field is 41-71
  int day = 0;                // 1-31, the 40 already removed
  int month = 0;              // 1-12
  int two_digit_year = 0;     // 0-99
  std::string serial;         // "0001"
  // The full birth date with the century resolved (see ParseNik); nullopt when the date part is
  // invalid (kBadDate).
  std::optional<std::chrono::year_month_day> birth_date;
};

struct NikCheck {
  // The input with whitespace, an Excel text-marker apostrophe and a float's ".0" removed;
  // for scientific notation the expanded integer ("3514010000000000").
  std::string cleaned;
  // Present when `cleaned` is 16 digits (even if other issues exist, e.g. unknown region).
  std::optional<NikInfo> info;
  std::vector<NikIssue> issues;  // empty == valid

  bool ok() const { return issues.empty(); }
  bool Has(NikIssue issue) const;
};

struct NikParseOptions {
  // Region master data for the province/regency/district checks. nullptr skips the existence
  // checks; codes 00 are still rejected.
  const RegionIndex* regions = nullptr;
  // The birth date entered beside the NIK. When given, the NIK's two-digit year takes the
  // century that puts it closest to this date.
  std::optional<std::chrono::year_month_day> entered_birth_date;
  // "Today" for century resolution when no birth date is entered: the century that makes the
  // holder 0-99 years old on this date (a birth date after it moves back a century). Required:
  // leaving it unset (an invalid date) is a bug and aborts via JARING_ASSERT.
  std::chrono::year_month_day reference_date{};
  // The value came from a spreadsheet cell stored as a number (the xlsx reader knows). Such a
  // 16-digit value ending in 0 has lost its last digit: kExcelRounded.
  bool from_numeric_cell = false;
};

// Parses and validates one NIK as typed or imported. Accepts surrounding whitespace (including
// no-break spaces), a leading apostrophe (Excel's text marker) and a float rendering
// ("3514010101900010.0", which also implies kExcelRounded when it ends in 0). Never fails:
// problems are in NikCheck::issues.
NikCheck ParseNik(std::string_view raw, const NikParseOptions& options);
// Shorthand for the common call.
NikCheck ParseNik(std::string_view raw, const RegionIndex* regions,
                  std::optional<std::chrono::year_month_day> entered_birth_date,
                  std::chrono::year_month_day reference_date);

// The digits a NIK cell holds, as record comparison (the matching engine) reads them: ParseNik
// judges a NIK, this keeps whatever evidence a damaged one still carries. Excel's scientific
// form ("3.51401E+15", 15 significant digits kept at most) gives its mantissa's digits as a
// known prefix (`partial`); any other text gives its digits in order, whatever stands between
// them ("3514 0101-0190 0001", a float's ".0" counts as a digit 0). Values that say nothing
// about a person are empty: fewer than 8 digits, all zeros (a placeholder), or a scientific
// mantissa of fewer than 4 digits. Surrounding spaces, tabs and CRs are ignored.
struct NikDigits {
  std::string digits;
  bool partial = false;  // only a prefix is known (scientific notation with under 16 digits)
};
NikDigits NikDigitsAsWritten(std::string_view raw);

// Whether 16 digits have a NIK's shape: province 11 or more, regency and district not 00, day
// 01-31 or 41-71, month 01-12, serial not 0000. No region lookup and no calendar (31 April
// passes): a test cheap enough for code that compares millions of NIKs (the matching engine
// tells a damaged NIK from another person's valid one by it). False unless 16 digits.
bool NikDigitsWellFormed(std::string_view digits);

// Which entered values the NIK contradicts.
struct NikAgreement {
  bool sex_agrees = true;
  // Day, month and two-digit year agree (the century cannot disagree: it was resolved from
  // the entered date). False as well when the NIK's date part is invalid.
  bool birth_date_agrees = true;
  // The disagreement is only that day and month are swapped (a common typing slip).
  bool day_month_swapped = false;

  bool ok() const { return sex_agrees && birth_date_agrees; }
};
NikAgreement NikAgreesWith(const NikInfo& nik, Sex entered_sex,
                           std::chrono::year_month_day entered_birth_date);

// Builds a NIK: district "35.14.01" (dotted), birth date, sex, serial 1-9999. InvalidArgument
// when the district code is not a dotted district code, the date is invalid or the serial is
// out of range. Does not check that the district exists (the caller picked it from the index).
Result<std::string> EncodeNik(std::string_view district_code,
                              std::chrono::year_month_day birth_date, Sex sex, int serial);

// File-level Excel check: in genuine data about 1 NIK in 10 ends in 0; many more means the
// column went through a number cell. `suspected` when at least 20 NIKs were seen and the share
// ending in 0 is above 30 %.
struct ExcelRoundingSummary {
  std::size_t sixteen_digit = 0;  // NIKs of 16 digits considered
  std::size_t ending_in_zero = 0;
  bool suspected = false;
};
ExcelRoundingSummary CheckExcelRounding(std::span<const std::string> cleaned_niks);

// ---- KK (Kartu Keluarga number) ----
// 16 digits `PP RR DD ddmmyy ssss` where the date is the card's issue date (not validated:
// old cards do not follow it reliably). A household key, never a person key.
enum class KkIssue {
  kEmpty,               // KK_EMPTY
  kLength,              // KK_LENGTH
  kNonDigit,            // KK_NON_DIGIT
  kScientificNotation,  // KK_SCIENTIFIC_NOTATION
  kExcelRounded,        // KK_EXCEL_ROUNDED
  kUnknownProvince,     // KK_UNKNOWN_PROVINCE
  kUnknownRegency,      // KK_UNKNOWN_REGENCY
  kUnknownDistrict,     // KK_UNKNOWN_DISTRICT
  kSerialZero,          // KK_SERIAL_ZERO
};
std::string_view KkIssueCode(KkIssue issue);
std::string_view KkIssueMessage(KkIssue issue);

struct KkCheck {
  std::string cleaned;          // as NikCheck::cleaned
  std::string district_code;    // "35.14.01" when cleaned is 16 digits, else ""
  std::vector<KkIssue> issues;  // empty == valid

  bool ok() const { return issues.empty(); }
  bool Has(KkIssue issue) const;
};
// Same cleaning as ParseNik; `regions` may be nullptr (skips existence checks).
KkCheck ParseKk(std::string_view raw, const RegionIndex* regions, bool from_numeric_cell = false);

}  // namespace jaring::domain
