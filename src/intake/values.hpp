// Values: reading the cells of hand-made worker lists into domain values.
//
// Each parser takes the text (and, for dates, how the spreadsheet stored the cell) and returns
// the value or a precise reason it could not, so the row validator can quote it to an
// official. Nothing here guesses silently: a two-digit year, a month-first date or a phone
// number of the wrong length is reported, not "fixed". All functions are pure and
// thread-safe; none allocates on the common path except where it returns a string.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "domain/occupation.hpp"
#include "domain/worker.hpp"
#include "intake/source_row.hpp"

namespace jaring::intake {

// Removes ASCII whitespace and UTF-8 no-break spaces (U+00A0) at both ends.
std::string_view TrimCell(std::string_view text);

// ---- Dates ----

enum class TwoDigitYears {
  kReject,   // "12-05-75" is DATE_INVALID
  kResolve,  // the latest year not after the reference date (holder aged 0-99), with the
             // DATE_TWO_DIGIT_YEAR warning so that the reading is visible
};

struct DateOptions {
  // "Today": resolves two-digit years. Must be ok() when two_digit_years == kResolve.
  std::chrono::year_month_day reference_date{};
  TwoDigitYears two_digit_years = TwoDigitYears::kResolve;
  bool date1904 = false;  // the workbook counts serials from 1904 (XlsxReader::date1904())
};

enum class DateProblem {
  kNone,
  kEmpty,            // blank cell
  kUnreadable,       // no known form (includes month-first "05/25/1975" and "12051975")
  kNoSuchDate,       // a known form naming a date that does not exist ("31-02-1980")
  kTwoDigitYear,     // "12-05-75" under TwoDigitYears::kReject
  kSerialOutOfRange  // an Excel serial outside 1..2958465, or 60 (the phantom 1900-02-29)
};

struct DateValue {
  std::optional<std::chrono::year_month_day> date;  // set iff problem == kNone
  DateProblem problem = DateProblem::kNone;
  bool two_digit_year = false;  // the year was written with two digits and resolved
  bool excel_serial = false;    // read as an Excel serial number
};

// Accepts, after trimming, any case:
//   YYYY-MM-DD, YYYY/MM/DD (ISO order; one-digit day/month allowed);
//   D-M-YYYY, D/M/YYYY, D.M.YYYY (day first, the same separator twice);
//   D MMMM YYYY, D-MMM-YYYY, D MMM, YYYY ("12 Mei 1975", "12-Agt-1975", "12 Agustus, 1975") with
//   Indonesian or English month names and short forms (Jan Feb/Peb Mar Apr Mei/May Jun Jul
//   Agu/Agt/Ags/Agus/Aug Sep/Sept Okt/Oct Nov/Nop Des/Dec);
//   MMMM D, YYYY ("May 12, 1975": the month name makes the order unambiguous);
//   any of these followed by a time ("1975-05-12 00:00:00", "12/05/1975 0:00");
//   two-digit years per options.
// A cell the spreadsheet stored as a number or date (CellKind::kNumber/kDate) is read as an
// Excel serial (1900 system with Lotus's phantom 29 February, or 1904); a kDate cell holding
// ISO text (t="d") is read as ISO. A bare number typed as text is NOT a serial (kUnreadable):
// in a CSV nobody can tell 27000 from a typo.
DateValue ParseDate(SourceCell cell, const DateOptions& options);
DateValue ParseDateText(std::string_view text, const DateOptions& options);

// Indonesian sentence for a problem, e.g. "Tanggal tidak ada di kalender".
std::string_view DateProblemMessage(DateProblem problem);

// "Pasuruan, 12-05-1975" -> {"Pasuruan", "12-05-1975"}. Splits at the last comma; without a
// comma, before the first digit ("Pasuruan 12-05-1975"), or after a '/' ("Pasuruan / 12 Mei
// 1975"). Either part may come back empty. Both parts are trimmed.
struct PlaceAndDate {
  std::string_view place;
  std::string_view date;
};
PlaceAndDate SplitPlaceAndDate(std::string_view text);

// ---- Sex ----

// L, P, LK, PR, Laki-laki, Laki Laki, Lakilaki, Laki, Perempuan, Pria, Wanita, 1 (male),
// 2 (female) as in Dukcapil codes, M/F, Male/Female; any case, spaces and punctuation ignored.
// nullopt otherwise (including blank).
std::optional<domain::Sex> ParseSex(std::string_view text);

// ---- Names ----

// Trimmed, runs of whitespace (including tabs, newlines and no-break spaces) collapsed to one
// space. The source's spelling is otherwise untouched.
std::string CollapseSpaces(std::string_view text);

// The display form: CollapseSpaces, then each word that is all upper or all lower case gets an
// initial capital ("SITI AMINAH" -> "Siti Aminah", "ahmad" -> "Ahmad"; also after '-':
// "NUR-AINI" -> "Nur-Aini"; not after an apostrophe, which marks a glottal stop:
// "MA'RUF" -> "Ma'ruf"), "bin"/"binti" lower case, and words a person wrote in another mix of
// cases kept ("McDONALD"). Titles and initials keep the source's spelling: "H.", "Hj.", "KH.",
// "Ir.", "dr.", "M.", "S.Pd." (a word with an inner '.', or ending in '.' with at most 3
// letters); "MOCH." has 4 and becomes "Moch.". ASCII and Latin-1 letters ("É") change case;
// other UTF-8 is kept as is.
std::string DisplayCaseName(std::string_view text);

// ---- Phones ----

enum class PhoneProblem {
  kNone,
  kEmpty,
  kNotANumber,  // letters, scientific notation ("8.1234E+10"), no digits
  kBadPrefix,   // not 0…, 62…, +62… or a mobile 8… without its 0
  kTooShort,    // fewer than 9 national digits (after 0 / 62)
  kTooLong,     // more than 12 national digits
};
struct PhoneValue {
  std::string e164;  // "+6281234567890" when problem == kNone
  PhoneProblem problem = PhoneProblem::kNone;
  bool several = false;  // "0812… / 0813…": the first number was taken
};
// "0812-3456-7890", "62812…", "+62 812 3456 7890", "(0343) 123456", "812…" (a mobile whose
// leading 0 Excel dropped), "'0812…". Several numbers separated by '/', ',' or ';': the first.
// National significant number 9..12 digits (landlines with area code included).
PhoneValue ParsePhone(std::string_view text);
std::string_view PhoneProblemMessage(PhoneProblem problem);

// ---- Occupations ----

// domain::MatchOccupation, extended with the spellings of village lists ("Tani", "Buruh Tani",
// "Petani Tembakau", "Pedagang Kaki Lima", "Tukang Becak", "Kuli Bangunan" -> tukang_batu,
// "Ojol" -> ojek, ...). nullptr when nothing matches (the caller records "lainnya" and a
// warning) or the text is blank.
const domain::Occupation* MatchOccupationLoose(std::string_view text);

}  // namespace jaring::intake
