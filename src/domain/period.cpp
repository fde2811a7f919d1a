#include "domain/period.hpp"

#include <array>
#include <cstdio>

namespace jaring::domain {
namespace {

namespace chr = std::chrono;
using std::chrono::year_month_day;

constexpr int kMinYear = 1900;
constexpr int kMaxYear = 9999;

constexpr std::array<std::string_view, 12> kIndonesian = {
    "Januari", "Februari", "Maret",     "April",   "Mei",      "Juni",
    "Juli",    "Agustus",  "September", "Oktober", "November", "Desember"};
constexpr std::array<std::string_view, 12> kEnglish = {
    "January", "February", "March",     "April",   "May",      "June",
    "July",    "August",   "September", "October", "November", "December"};

bool Valid(int y, int m) { return y >= kMinYear && y <= kMaxYear && m >= 1 && m <= 12; }

}  // namespace

Period::Period(int year, int month) : year_(year), month_(month) {
  JARING_ASSERT(Valid(year, month), "Period needs year 1900-9999 and month 1-12");
}

Period Period::Of(year_month_day date) {
  JARING_ASSERT(date.ok(), "Period::Of needs a valid date");
  return Period(static_cast<int>(date.year()), static_cast<int>(unsigned(date.month())));
}

Result<Period> Period::Parse(std::string_view text) {
  auto digit = [&](std::size_t i) { return text[i] >= '0' && text[i] <= '9'; };
  if (text.size() != 7 || text[4] != '-' || !digit(0) || !digit(1) || !digit(2) || !digit(3) ||
      !digit(5) || !digit(6)) {
    return Fail(Error::InvalidArgument("Periode harus berbentuk TTTT-BB, misalnya 2025-07",
                                       "period '" + std::string(text) + "'"));
  }
  const int y =
      (text[0] - '0') * 1000 + (text[1] - '0') * 100 + (text[2] - '0') * 10 + (text[3] - '0');
  const int m = (text[5] - '0') * 10 + (text[6] - '0');
  if (!Valid(y, m)) {
    return Fail(Error::InvalidArgument("Periode tidak valid: " + std::string(text),
                                       "year 1900-9999, month 01-12"));
  }
  return Period(y, m);
}

std::string Period::ToString() const {
  char buffer[8];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d", year_, month_);
  return buffer;
}

std::string Period::ToIndonesian() const {
  return std::string(MonthNameIndonesian(month_)) + " " + std::to_string(year_);
}

std::string Period::ToEnglish() const {
  return std::string(MonthNameEnglish(month_)) + " " + std::to_string(year_);
}

Period Period::Plus(int months) const {
  const long index = static_cast<long>(year_) * 12 + (month_ - 1) + months;
  const long y = index >= 0 ? index / 12 : (index - 11) / 12;  // floor division
  const int m = static_cast<int>(index - y * 12) + 1;
  JARING_ASSERT(y >= kMinYear && y <= kMaxYear, "Period::Plus leaves years 1900-9999");
  return Period(static_cast<int>(y), m);
}

year_month_day Period::FirstDay() const {
  return chr::year{year_} / chr::month{static_cast<unsigned>(month_)} / chr::day{1};
}

year_month_day Period::LastDay() const {
  return year_month_day{chr::year_month_day_last{
      chr::year{year_}, chr::month_day_last{chr::month{static_cast<unsigned>(month_)}}}};
}

year_month_day Period::Day(int d) const {
  JARING_ASSERT(d >= 1, "Period::Day needs a day >= 1");
  const unsigned last = unsigned(LastDay().day());
  const unsigned chosen = static_cast<unsigned>(d) < last ? static_cast<unsigned>(d) : last;
  return chr::year{year_} / chr::month{static_cast<unsigned>(month_)} / chr::day{chosen};
}

bool Period::Contains(year_month_day date) const {
  return date.ok() && static_cast<int>(date.year()) == year_ &&
         static_cast<int>(unsigned(date.month())) == month_;
}

int MonthsBetween(Period from, Period to) {
  return (to.year() - from.year()) * 12 + (to.month() - from.month());
}

int MonthsInclusive(Period from, Period to) {
  const int between = MonthsBetween(from, to);
  return between < 0 ? 0 : between + 1;
}

std::string_view MonthNameIndonesian(int m) {
  JARING_ASSERT(m >= 1 && m <= 12, "month 1-12");
  return kIndonesian[static_cast<std::size_t>(m - 1)];
}

std::string_view MonthNameEnglish(int m) {
  JARING_ASSERT(m >= 1 && m <= 12, "month 1-12");
  return kEnglish[static_cast<std::size_t>(m - 1)];
}

}  // namespace jaring::domain
