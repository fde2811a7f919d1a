// Dates as people and files write them: ISO for machines, "24 September 2025" for readers, the
// day-first forms found in Indonesian spreadsheets, and age in whole years.
//
// English dates use the same day-month-year order as Indonesian ("24 September 2025"): it is
// unambiguous and keeps bilingual documents aligned. All functions are pure and thread-safe.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "common/clock.hpp"
#include "common/error.hpp"

namespace jaring::domain {

// "2025-09-24". Asserts date.ok().
std::string FormatIsoDate(std::chrono::year_month_day date);
// "2025-09-24T03:04:05Z": an instant in UTC to the second (sub-seconds truncated towards the
// past), as the API writes timestamps.
std::string FormatIsoTimestamp(TimePoint at);
// "24 September 2025", "1 Agustus 1970" (no leading zero on the day). Asserts date.ok().
std::string FormatDateIndonesian(std::chrono::year_month_day date);
// "24 September 2025", "1 August 1970". Asserts date.ok().
std::string FormatDateEnglish(std::chrono::year_month_day date);

// Strict ISO "YYYY-MM-DD": exactly 10 characters, zero-padded, an existing date. InvalidArgument
// otherwise ("2025-02-29", "2025-9-24", " 2025-09-24" are all rejected).
Result<std::chrono::year_month_day> ParseIsoDate(std::string_view text);

// Day-first dates as Indonesian spreadsheets hold them, after trimming whitespace:
// ISO "2025-09-24"; "24-09-2025", "24/09/2025", "24.09.2025" (day and month may have one
// digit, year four digits); "24 September 2025", "24 Sep 2025", "24 Agustus 2025",
// "24 Agt 2025" (Indonesian or English month names and their 3-letter forms, any case).
// Never month-first. InvalidArgument when nothing fits or the date does not exist.
Result<std::chrono::year_month_day> ParseDateLenient(std::string_view text);

// A date's year, month and day as written, not checked to exist: record comparison (the
// matching engine) grades "1980-05-47" (a woman's NIK day copied into the date) or a swapped
// day and month as near agreement, which a validating parser would have thrown away.
struct DateFields {
  int year = 0, month = 0, day = 0;
  bool present = false;  // the text had one of the forms below (fields may still be 0)
};
// After trimming spaces, tabs and CRs, and ignoring a time suffix ("T..." or " ..." after at
// least 8 characters): YYYYMMDD, or three digit groups (any non-digits between them) that are
// year-first when the first group has 4 digits ("1980-05-07", "1980/5/7") and else day-first
// when the last has 4 ("07/05/1980", "7.5.1980"). A group reads at most 8 digits. Anything
// else, and all-zero fields, give present == false. Month names are not read (see
// ParseDateLenient).
DateFields ParseDateFields(std::string_view text);

// Whole years from `birth` to `at`; the birthday counts on its day (29 February birthdays count
// on 1 March in common years). Negative when `at` is before `birth`. Asserts both dates ok().
int AgeInYears(std::chrono::year_month_day birth, std::chrono::year_month_day at);

}  // namespace jaring::domain
