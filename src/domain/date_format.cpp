#include "domain/date_format.hpp"

#include <array>
#include <cstdio>
#include <optional>

#include "domain/period.hpp"

namespace jaring::domain {
namespace {

using std::chrono::day;
using std::chrono::month;
using std::chrono::year;
using std::chrono::year_month_day;

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

std::string_view Trim(std::string_view s) {
  constexpr std::string_view kSpace = " \t\r\n";
  const auto first = s.find_first_not_of(kSpace);
  if (first == std::string_view::npos) return {};
  return s.substr(first, s.find_last_not_of(kSpace) - first + 1);
}

// The number in `s` if it is 1..max_digits ASCII digits.
std::optional<int> Number(std::string_view s, std::size_t min_digits, std::size_t max_digits) {
  if (s.size() < min_digits || s.size() > max_digits) return std::nullopt;
  int value = 0;
  for (char c : s) {
    if (!IsDigit(c)) return std::nullopt;
    value = value * 10 + (c - '0');
  }
  return value;
}

std::optional<year_month_day> MakeDate(int y, int m, int d) {
  if (m < 1 || m > 12 || d < 1 || d > 31) return std::nullopt;
  const year_month_day date{year{y}, month{static_cast<unsigned>(m)},
                            day{static_cast<unsigned>(d)}};
  if (!date.ok()) return std::nullopt;
  return date;
}

Error DateError(std::string_view text) {
  return Error::InvalidArgument("Tanggal tidak valid: " + std::string(text),
                                "expected an existing date");
}

// Month names and their short forms, lower case, Indonesian and English.
struct MonthWord {
  std::string_view word;
  int month;
};
constexpr std::array<MonthWord, 40> kMonthWords = {{
    {"januari", 1},   {"january", 1},   {"jan", 1},       {"februari", 2},  {"february", 2},
    {"feb", 2},       {"pebruari", 2},  {"maret", 3},     {"march", 3},     {"mar", 3},
    {"april", 4},     {"apr", 4},       {"mei", 5},       {"may", 5},       {"juni", 6},
    {"june", 6},      {"jun", 6},       {"juli", 7},      {"july", 7},      {"jul", 7},
    {"agustus", 8},   {"august", 8},    {"agu", 8},       {"agt", 8},       {"aug", 8},
    {"september", 9}, {"sep", 9},       {"sept", 9},      {"oktober", 10},  {"october", 10},
    {"okt", 10},      {"oct", 10},      {"november", 11}, {"nopember", 11}, {"nov", 11},
    {"desember", 12}, {"december", 12}, {"des", 12},      {"dec", 12},      {"agus", 8},
}};

std::optional<int> MonthFromWord(std::string_view word) {
  std::string lower;
  for (char c : word) lower += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  for (const auto& [name, m] : kMonthWords) {
    if (name == lower) return m;
  }
  return std::nullopt;
}

}  // namespace

std::string FormatIsoDate(year_month_day date) {
  JARING_ASSERT(date.ok(), "FormatIsoDate needs a valid date");
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u", static_cast<int>(date.year()),
                unsigned(date.month()), unsigned(date.day()));
  return buffer;
}

std::string FormatIsoTimestamp(TimePoint at) {
  const auto seconds = std::chrono::floor<std::chrono::seconds>(at);
  const auto day = std::chrono::floor<std::chrono::days>(seconds);
  const std::chrono::hh_mm_ss time(seconds - day);
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "T%02d:%02d:%02dZ", static_cast<int>(time.hours().count()),
                static_cast<int>(time.minutes().count()), static_cast<int>(time.seconds().count()));
  return FormatIsoDate(year_month_day(day)) + buffer;
}

std::string FormatDateIndonesian(year_month_day date) {
  JARING_ASSERT(date.ok(), "FormatDateIndonesian needs a valid date");
  return std::to_string(unsigned(date.day())) + " " +
         std::string(MonthNameIndonesian(static_cast<int>(unsigned(date.month())))) + " " +
         std::to_string(static_cast<int>(date.year()));
}

std::string FormatDateEnglish(year_month_day date) {
  JARING_ASSERT(date.ok(), "FormatDateEnglish needs a valid date");
  return std::to_string(unsigned(date.day())) + " " +
         std::string(MonthNameEnglish(static_cast<int>(unsigned(date.month())))) + " " +
         std::to_string(static_cast<int>(date.year()));
}

Result<year_month_day> ParseIsoDate(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return Fail(DateError(text));
  const auto y = Number(text.substr(0, 4), 4, 4);
  const auto m = Number(text.substr(5, 2), 2, 2);
  const auto d = Number(text.substr(8, 2), 2, 2);
  if (!y || !m || !d) return Fail(DateError(text));
  const auto date = MakeDate(*y, *m, *d);
  if (!date) return Fail(DateError(text));
  return *date;
}

Result<year_month_day> ParseDateLenient(std::string_view text) {
  const std::string_view s = Trim(text);
  if (auto iso = ParseIsoDate(s)) return iso;
  // Day-first with a separator: d-m-yyyy, d/m/yyyy, d.m.yyyy (the same separator twice).
  for (char separator : {'-', '/', '.'}) {
    const auto first = s.find(separator);
    if (first == std::string_view::npos) continue;
    const auto second = s.find(separator, first + 1);
    if (second == std::string_view::npos) continue;
    const auto d = Number(s.substr(0, first), 1, 2);
    const auto m = Number(s.substr(first + 1, second - first - 1), 1, 2);
    const auto y = Number(s.substr(second + 1), 4, 4);
    if (!d || !m || !y) continue;
    if (const auto date = MakeDate(*y, *m, *d)) return *date;
    return Fail(DateError(text));
  }
  // "24 September 2025", "24 Sep 2025" (a dot after a short month is allowed: "24 Sep. 2025").
  const auto first = s.find(' ');
  const auto last = s.rfind(' ');
  if (first != std::string_view::npos && last != first) {
    std::string_view month_word = Trim(s.substr(first + 1, last - first - 1));
    if (month_word.ends_with('.')) month_word.remove_suffix(1);
    const auto d = Number(s.substr(0, first), 1, 2);
    const auto m = MonthFromWord(month_word);
    const auto y = Number(s.substr(last + 1), 4, 4);
    if (d && m && y) {
      if (const auto date = MakeDate(*y, *m, *d)) return *date;
    }
  }
  return Fail(DateError(text));
}

DateFields ParseDateFields(std::string_view text) {
  const auto space = [](char c) { return c == ' ' || c == '\t' || c == '\r'; };
  while (!text.empty() && space(text.front())) text.remove_prefix(1);
  while (!text.empty() && space(text.back())) text.remove_suffix(1);
  if (auto t = text.find_first_of("T "); t != std::string_view::npos && t >= 8)
    text = text.substr(0, t);
  DateFields d;
  int parts[3] = {0, 0, 0};
  std::size_t lens[3] = {0, 0, 0};
  int count = 0;
  std::size_t i = 0;
  while (i < text.size() && count < 3) {
    if (!IsDigit(text[i])) {
      ++i;
      continue;
    }
    std::size_t start = i;
    int v = 0;
    while (i < text.size() && IsDigit(text[i]) && i - start < 8) v = v * 10 + (text[i++] - '0');
    lens[count] = i - start;
    parts[count++] = v;
  }
  if (count == 1 && lens[0] == 8) {
    d.year = parts[0] / 10000;
    d.month = parts[0] / 100 % 100;
    d.day = parts[0] % 100;
  } else if (count == 3 && lens[0] == 4) {
    d.year = parts[0];
    d.month = parts[1];
    d.day = parts[2];
  } else if (count == 3 && lens[2] == 4) {
    d.day = parts[0];
    d.month = parts[1];
    d.year = parts[2];
  } else {
    return d;
  }
  d.present = d.year > 0 || d.month > 0 || d.day > 0;
  return d;
}

int AgeInYears(year_month_day birth, year_month_day at) {
  JARING_ASSERT(birth.ok() && at.ok(), "AgeInYears needs valid dates");
  // Compare (month, day) pairs; a 29 February birthday in a common year is reached on
  // 1 March, which the pair comparison gives for free (02-29 > 02-28).
  const int years = static_cast<int>(at.year()) - static_cast<int>(birth.year());
  const auto key = [](year_month_day d) { return unsigned(d.month()) * 100 + unsigned(d.day()); };
  if (years >= 0) return key(at) >= key(birth) ? years : years - 1;
  return key(at) <= key(birth) ? years : years + 1;
}

}  // namespace jaring::domain
