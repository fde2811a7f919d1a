// Period: one calendar month, the unit of contributions, invoices and monthly verification.
//
// Written "2025-07" in files and APIs, "Juli 2025" for Indonesian readers, "July 2025" in
// English. A plain value: cheap to copy, totally ordered, valid by construction (years 1900 to
// 9999, months 1 to 12).
#pragma once

#include <chrono>
#include <compare>
#include <string>
#include <string_view>

#include "common/error.hpp"

namespace jaring::domain {

class Period {
 public:
  // Asserts 1900 <= year <= 9999 and 1 <= month <= 12 (use Parse for untrusted text).
  Period(int year, int month);
  // The month containing `date` (asserts date.ok()).
  static Period Of(std::chrono::year_month_day date);
  // Strictly "YYYY-MM" with a two-digit month ("2025-07"); InvalidArgument otherwise.
  static Result<Period> Parse(std::string_view text);

  int year() const { return year_; }
  int month() const { return month_; }

  std::string ToString() const;      // "2025-07"
  std::string ToIndonesian() const;  // "Juli 2025"
  std::string ToEnglish() const;     // "July 2025"

  Period Next() const { return Plus(1); }
  Period Previous() const { return Plus(-1); }
  Period Plus(int months) const;  // asserts the result stays within the valid years

  std::chrono::year_month_day FirstDay() const;
  std::chrono::year_month_day LastDay() const;
  // A day of this month, clamped to its length (Day(31) of February is the 28th/29th); used for
  // due dates such as "the 15th".
  std::chrono::year_month_day Day(int day) const;
  bool Contains(std::chrono::year_month_day date) const;

  friend auto operator<=>(const Period&, const Period&) = default;
  friend bool operator==(const Period&, const Period&) = default;

 private:
  int year_;  // declared first so that the defaulted ordering is chronological
  int month_;
};

// Signed number of months from `from` to `to`: MonthsBetween(2025-07, 2025-12) == 5.
int MonthsBetween(Period from, Period to);
// Inclusive count of months in [from, to]: July..December 2025 is 6; 0 when to < from.
int MonthsInclusive(Period from, Period to);

// "Januari".."Desember" and "January".."December"; month 1-12 (asserted).
std::string_view MonthNameIndonesian(int month);
std::string_view MonthNameEnglish(int month);

}  // namespace jaring::domain
