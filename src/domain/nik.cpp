// Design notes
//
// Parsing runs in two stages.
//  1. Cleaning (shared by NIK and KK) undoes what spreadsheets do to a number typed as text:
//     surrounding whitespace (ASCII and U+00A0 no-break space), a leading apostrophe (Excel's
//     "this is text" marker), digit groups typed for readability ("3514 0101 0190 0001"), and
//     a float rendering "3514010101900010.0". Scientific notation
//     ("3.51401E+15", also with a decimal comma) is recognised and expanded only for display:
//     its lost digits cannot be recovered, so no further check runs on it.
//  2. Checks. Length and digit checks always run and are independent (a value may fail both).
//     The structural checks (region, date, serial) run only on 16 ASCII digits, because the
//     positions mean nothing otherwise. Region checks cascade: an unknown province makes the
//     regency and district checks noise, so only the first unknown level is reported.
//
// Century of the two-digit birth year: with an entered birth date, the century that puts the
// NIK's year closest to the entered year (so 1999 vs 2000 typos still agree on the century);
// without one, the latest year not after the reference date (holder aged 0-99). The date must
// exist in the resolved year, which matters only for 29 February.
//
// Excel rounding: Excel keeps 15 significant digits, so a 16-digit NIK stored in a number cell
// ends in 0. A single value ending in 0 is legitimate (serial 0010), so it is flagged only when
// the value is known to have been a number (float rendering, or from_numeric_cell); whole files
// are judged statistically by CheckExcelRounding.
//
// NikDigitsAsWritten is the other reading, for record comparison: it does not clean or judge,
// it keeps the digits in the order written, because a damaged NIK still agrees with its
// holder's other copies (the matching engine grades a dropped, doubled or rounded digit and a
// scientific form's known prefix as near agreement). The matching benchmarks pin its exact
// behaviour; changing what it keeps changes pairs.
#include "domain/nik.hpp"

#include <algorithm>
#include <array>
#include <cstdio>
#include <cstdlib>

#include "domain/region.hpp"

namespace jaring::domain {
namespace {

using std::chrono::day;
using std::chrono::month;
using std::chrono::year;
using std::chrono::year_month_day;

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool AllDigits(std::string_view s) { return !s.empty() && std::ranges::all_of(s, IsDigit); }

int TwoDigits(std::string_view s, std::size_t at) { return (s[at] - '0') * 10 + (s[at + 1] - '0'); }

// Removes ASCII whitespace and UTF-8 no-break spaces (C2 A0) from both ends.
std::string_view TrimSpaces(std::string_view s) {
  while (true) {
    if (!s.empty() &&
        (s.front() == ' ' || s.front() == '\t' || s.front() == '\r' || s.front() == '\n')) {
      s.remove_prefix(1);
    } else if (s.starts_with("\xC2\xA0")) {
      s.remove_prefix(2);
    } else {
      break;
    }
  }
  while (true) {
    if (!s.empty() &&
        (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n')) {
      s.remove_suffix(1);
    } else if (s.ends_with("\xC2\xA0")) {
      s.remove_suffix(2);
    } else {
      break;
    }
  }
  return s;
}

struct Cleaned {
  std::string text;
  bool empty = false;
  bool scientific = false;
  bool float_rendering = false;  // "…​.0": the value was a number somewhere on its way
};

// "3.51401E+15" -> "3514010000000000"; nullopt if `s` is not scientific notation. The mantissa
// may use '.' or ',' as decimal mark; the exponent may carry '+'.
std::optional<std::string> ExpandScientific(std::string_view s) {
  const auto e = s.find_first_of("eE");
  if (e == std::string_view::npos || e == 0) return std::nullopt;
  std::string_view mantissa = s.substr(0, e);
  std::string_view exponent = s.substr(e + 1);
  if (exponent.starts_with('+')) exponent.remove_prefix(1);
  if (!AllDigits(exponent) || exponent.size() > 2) return std::nullopt;
  const auto mark = mantissa.find_first_of(".,");
  const std::string_view whole = mantissa.substr(0, mark);
  const std::string_view fraction =
      mark == std::string_view::npos ? std::string_view{} : mantissa.substr(mark + 1);
  if (!AllDigits(whole) || (mark != std::string_view::npos && !AllDigits(fraction))) {
    return std::nullopt;
  }
  const auto shift = static_cast<std::size_t>(std::atoi(std::string(exponent).c_str()));
  std::string digits(whole);
  if (shift >= fraction.size()) {
    digits += fraction;
    digits.append(shift - fraction.size(), '0');
  } else {
    digits += fraction.substr(0, shift);
    digits += '.';
    digits += fraction.substr(shift);
  }
  return digits;
}

// "3514 0101 0190 0001", "3514-0101-0190-0001", "3514.0101.0190.0001": a number typed in
// groups for readability. The digits when `s` is digit groups of at least two digits each,
// separated by spaces, no-break spaces, '-' or '.', and they are exactly 16; else nullopt (a
// group of one digit or a wrong total is damage to report, not formatting to undo).
std::optional<std::string> JoinDigitGroups(std::string_view s) {
  std::string digits;
  std::size_t group = 0, separators = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (IsDigit(c)) {
      digits += c;
      ++group;
      continue;
    }
    const bool nbsp = c == '\xC2' && i + 1 < s.size() && s[i + 1] == '\xA0';
    if (c != ' ' && c != '-' && c != '.' && !nbsp) return std::nullopt;
    if (nbsp) ++i;
    if (group == 1) return std::nullopt;
    if (group > 0) ++separators;
    group = 0;
  }
  if (group < 2 || separators == 0 || digits.size() != 16) return std::nullopt;
  return digits;
}

Cleaned Clean(std::string_view raw) {
  Cleaned out;
  std::string_view s = TrimSpaces(raw);
  if (s.starts_with('\'')) s = TrimSpaces(s.substr(1));
  if (s.empty()) {
    out.empty = true;
    return out;
  }
  if (auto expanded = ExpandScientific(s)) {
    out.scientific = true;
    out.text = std::move(*expanded);
    return out;
  }
  // A float rendering: digits, a decimal mark, zeros only.
  const auto mark = s.find_first_of(".,");
  if (mark != std::string_view::npos && mark > 0 && AllDigits(s.substr(0, mark)) &&
      s.size() > mark + 1 && s.find_first_not_of('0', mark + 1) == std::string_view::npos) {
    out.float_rendering = true;
    s = s.substr(0, mark);
  } else if (auto joined = JoinDigitGroups(s)) {
    out.text = std::move(*joined);
    return out;
  }
  out.text = std::string(s);
  return out;
}

enum class RegionProblem { kNone, kProvince, kRegency, kDistrict };

// `digits` is 16 ASCII digits.
RegionProblem CheckRegion(std::string_view digits, const RegionIndex* regions) {
  const std::string province(digits.substr(0, 2));
  const std::string regency = province + "." + std::string(digits.substr(2, 2));
  const std::string district = regency + "." + std::string(digits.substr(4, 2));
  if (province == "00" || (regions != nullptr && !regions->Exists(province))) {
    return RegionProblem::kProvince;
  }
  if (digits.substr(2, 2) == "00" || (regions != nullptr && !regions->Exists(regency))) {
    return RegionProblem::kRegency;
  }
  if (digits.substr(4, 2) == "00" || (regions != nullptr && !regions->Exists(district))) {
    return RegionProblem::kDistrict;
  }
  return RegionProblem::kNone;
}

int ResolveYear(int two_digit_year, int m, int d, const NikParseOptions& options) {
  if (options.entered_birth_date && options.entered_birth_date->ok()) {
    const int entered = static_cast<int>(options.entered_birth_date->year());
    const int base = entered - ((entered % 100) + 100) % 100 + two_digit_year;
    int best = base;
    for (int candidate : {base - 100, base + 100}) {
      if (std::abs(candidate - entered) < std::abs(best - entered)) best = candidate;
    }
    return best;
  }
  const year_month_day& ref = options.reference_date;
  const int ref_year = static_cast<int>(ref.year());
  int y = ref_year - ((ref_year % 100) - two_digit_year + 100) % 100;
  // Field-wise comparison; valid even when the day does not exist in that month.
  const year_month_day candidate{year{y}, month{static_cast<unsigned>(m)},
                                 day{static_cast<unsigned>(d)}};
  if (candidate > ref) y -= 100;
  return y;
}

constexpr std::array<std::pair<std::string_view, std::string_view>, 10> kNikTexts = {{
    {"NIK_EMPTY", "NIK kosong"},
    {"NIK_LENGTH", "NIK harus 16 digit"},
    {"NIK_NON_DIGIT", "NIK hanya boleh berisi angka"},
    {"NIK_SCIENTIFIC_NOTATION",
     "NIK tertulis dalam notasi ilmiah (misalnya 3.51401E+15) sehingga digitnya hilang; "
     "format kolom sebagai Teks lalu ketik ulang"},
    {"NIK_EXCEL_ROUNDED",
     "NIK tampaknya dibulatkan Excel (digit terakhir menjadi 0); format kolom sebagai Teks "
     "lalu periksa ulang"},
    {"NIK_UNKNOWN_PROVINCE", "Kode provinsi pada NIK tidak dikenal"},
    {"NIK_UNKNOWN_REGENCY", "Kode kabupaten/kota pada NIK tidak dikenal"},
    {"NIK_UNKNOWN_DISTRICT", "Kode kecamatan pada NIK tidak dikenal"},
    {"NIK_BAD_DATE", "Tanggal lahir pada NIK tidak valid"},
    {"NIK_SERIAL_ZERO", "Nomor urut NIK tidak boleh 0000"},
}};

constexpr std::array<std::pair<std::string_view, std::string_view>, 9> kKkTexts = {{
    {"KK_EMPTY", "Nomor KK kosong"},
    {"KK_LENGTH", "Nomor KK harus 16 digit"},
    {"KK_NON_DIGIT", "Nomor KK hanya boleh berisi angka"},
    {"KK_SCIENTIFIC_NOTATION",
     "Nomor KK tertulis dalam notasi ilmiah sehingga digitnya hilang; format kolom sebagai "
     "Teks lalu ketik ulang"},
    {"KK_EXCEL_ROUNDED",
     "Nomor KK tampaknya dibulatkan Excel (digit terakhir menjadi 0); format kolom sebagai "
     "Teks lalu periksa ulang"},
    {"KK_UNKNOWN_PROVINCE", "Kode provinsi pada nomor KK tidak dikenal"},
    {"KK_UNKNOWN_REGENCY", "Kode kabupaten/kota pada nomor KK tidak dikenal"},
    {"KK_UNKNOWN_DISTRICT", "Kode kecamatan pada nomor KK tidak dikenal"},
    {"KK_SERIAL_ZERO", "Nomor urut KK tidak boleh 0000"},
}};

}  // namespace

std::string_view NikIssueCode(NikIssue issue) {
  return kNikTexts[static_cast<std::size_t>(issue)].first;
}

std::string_view NikIssueMessage(NikIssue issue) {
  return kNikTexts[static_cast<std::size_t>(issue)].second;
}

std::optional<NikIssue> NikIssueFromCode(std::string_view code) {
  for (std::size_t i = 0; i < kNikTexts.size(); ++i) {
    if (kNikTexts[i].first == code) return static_cast<NikIssue>(i);
  }
  return std::nullopt;
}

bool NikCheck::Has(NikIssue issue) const {
  return std::ranges::find(issues, issue) != issues.end();
}

NikCheck ParseNik(std::string_view raw, const NikParseOptions& options) {
  NikCheck check;
  Cleaned cleaned = Clean(raw);
  check.cleaned = std::move(cleaned.text);
  auto& issues = check.issues;
  if (cleaned.empty) {
    issues.push_back(NikIssue::kEmpty);
    return check;
  }
  if (cleaned.scientific) {
    issues.push_back(NikIssue::kScientificNotation);
    return check;
  }
  const std::string& digits = check.cleaned;
  if (digits.size() != 16) issues.push_back(NikIssue::kLength);
  if (!std::ranges::all_of(digits, IsDigit)) issues.push_back(NikIssue::kNonDigit);
  if (!issues.empty()) return check;

  if ((cleaned.float_rendering || options.from_numeric_cell) && digits.back() == '0') {
    issues.push_back(NikIssue::kExcelRounded);
  }
  switch (CheckRegion(digits, options.regions)) {
    case RegionProblem::kProvince:
      issues.push_back(NikIssue::kUnknownProvince);
      break;
    case RegionProblem::kRegency:
      issues.push_back(NikIssue::kUnknownRegency);
      break;
    case RegionProblem::kDistrict:
      issues.push_back(NikIssue::kUnknownDistrict);
      break;
    case RegionProblem::kNone:
      break;
  }

  NikInfo info;
  info.digits = digits;
  info.province_code = digits.substr(0, 2);
  info.regency_code = info.province_code + "." + digits.substr(2, 2);
  info.district_code = info.regency_code + "." + digits.substr(4, 2);
  const int raw_day = TwoDigits(digits, 6);
  info.sex = raw_day > 40 ? Sex::kFemale : Sex::kMale;
  info.day = raw_day > 40 ? raw_day - 40 : raw_day;
  info.month = TwoDigits(digits, 8);
  info.two_digit_year = TwoDigits(digits, 10);
  info.serial = digits.substr(12, 4);

  const bool day_ok = (raw_day >= 1 && raw_day <= 31) || (raw_day >= 41 && raw_day <= 71);
  const bool month_ok = info.month >= 1 && info.month <= 12;
  if (day_ok && month_ok) {
    const bool need_reference = !(options.entered_birth_date && options.entered_birth_date->ok());
    JARING_ASSERT(!need_reference || options.reference_date.ok(),
                  "ParseNik needs a reference_date when no birth date is entered");
    const int y = ResolveYear(info.two_digit_year, info.month, info.day, options);
    const year_month_day date{year{y}, month{static_cast<unsigned>(info.month)},
                              day{static_cast<unsigned>(info.day)}};
    if (date.ok()) info.birth_date = date;
  }
  if (!info.birth_date) issues.push_back(NikIssue::kBadDate);
  if (info.serial == "0000") issues.push_back(NikIssue::kSerialZero);
  check.info = std::move(info);
  return check;
}

NikCheck ParseNik(std::string_view raw, const RegionIndex* regions,
                  std::optional<year_month_day> entered_birth_date, year_month_day reference_date) {
  NikParseOptions options;
  options.regions = regions;
  options.entered_birth_date = entered_birth_date;
  options.reference_date = reference_date;
  return ParseNik(raw, options);
}

NikDigits NikDigitsAsWritten(std::string_view raw) {
  auto digits_only = [](std::string_view s) {
    std::string out;
    for (char c : s) {
      if (IsDigit(c)) out += c;
    }
    return out;
  };
  const auto space = [](char c) { return c == ' ' || c == '\t' || c == '\r'; };
  while (!raw.empty() && space(raw.front())) raw.remove_prefix(1);
  while (!raw.empty() && space(raw.back())) raw.remove_suffix(1);
  NikDigits nik;
  if (const auto e = raw.find_first_of("eE"); e != std::string_view::npos) {
    // The mantissa's digits are the NIK's first digits; the exponent only says how many
    // were lost.
    nik.digits = digits_only(raw.substr(0, e));
    nik.partial = nik.digits.size() < 16;
    if (nik.digits.size() < 4) nik.digits.clear();
    return nik;
  }
  nik.digits = digits_only(raw);
  if (nik.digits.size() < 8 || std::ranges::all_of(nik.digits, [](char c) { return c == '0'; })) {
    nik.digits.clear();
  }
  return nik;
}

bool NikDigitsWellFormed(std::string_view d) {
  if (d.size() != 16 || !AllDigits(d)) return false;
  const int day = TwoDigits(d, 6), month = TwoDigits(d, 8);
  return TwoDigits(d, 0) >= 11 && TwoDigits(d, 2) != 0 && TwoDigits(d, 4) != 0 &&
         ((day >= 1 && day <= 31) || (day >= 41 && day <= 71)) && month >= 1 && month <= 12 &&
         d.substr(12) != "0000";
}

NikAgreement NikAgreesWith(const NikInfo& nik, Sex entered_sex, year_month_day entered_birth) {
  NikAgreement agreement;
  agreement.sex_agrees = nik.sex == entered_sex;
  if (!nik.birth_date || !entered_birth.ok()) {
    agreement.birth_date_agrees = false;
    return agreement;
  }
  const int entered_day = static_cast<int>(unsigned(entered_birth.day()));
  const int entered_month = static_cast<int>(unsigned(entered_birth.month()));
  const int entered_yy = ((static_cast<int>(entered_birth.year()) % 100) + 100) % 100;
  const bool same_year = entered_yy == nik.two_digit_year;
  agreement.birth_date_agrees = same_year && entered_day == nik.day && entered_month == nik.month;
  agreement.day_month_swapped = same_year && !agreement.birth_date_agrees &&
                                entered_day == nik.month && entered_month == nik.day;
  return agreement;
}

Result<std::string> EncodeNik(std::string_view district_code, year_month_day birth_date, Sex sex,
                              int serial) {
  if (LevelOfCode(district_code) != RegionLevel::kDistrict) {
    return Fail(Error::InvalidArgument("Kode kecamatan tidak valid",
                                       "EncodeNik needs a dotted district code like 35.14.01"));
  }
  if (!birth_date.ok()) {
    return Fail(Error::InvalidArgument("Tanggal lahir tidak valid", "EncodeNik birth date"));
  }
  if (serial < 1 || serial > 9999) {
    return Fail(Error::InvalidArgument("Nomor urut NIK harus 1-9999", "EncodeNik serial"));
  }
  const unsigned d = unsigned(birth_date.day()) + (sex == Sex::kFemale ? 40 : 0);
  const int yy = ((static_cast<int>(birth_date.year()) % 100) + 100) % 100;
  char tail[11];
  std::snprintf(tail, sizeof tail, "%02u%02u%02d%04d", d, unsigned(birth_date.month()), yy, serial);
  return CompactRegionCode(district_code) + tail;
}

ExcelRoundingSummary CheckExcelRounding(std::span<const std::string> cleaned_niks) {
  ExcelRoundingSummary summary;
  for (const auto& nik : cleaned_niks) {
    if (nik.size() != 16 || !AllDigits(nik)) continue;
    ++summary.sixteen_digit;
    if (nik.back() == '0') ++summary.ending_in_zero;
  }
  summary.suspected =
      summary.sixteen_digit >= 20 && summary.ending_in_zero * 10 > summary.sixteen_digit * 3;
  return summary;
}

std::string_view KkIssueCode(KkIssue issue) {
  return kKkTexts[static_cast<std::size_t>(issue)].first;
}

std::string_view KkIssueMessage(KkIssue issue) {
  return kKkTexts[static_cast<std::size_t>(issue)].second;
}

bool KkCheck::Has(KkIssue issue) const { return std::ranges::find(issues, issue) != issues.end(); }

KkCheck ParseKk(std::string_view raw, const RegionIndex* regions, bool from_numeric_cell) {
  KkCheck check;
  Cleaned cleaned = Clean(raw);
  check.cleaned = std::move(cleaned.text);
  auto& issues = check.issues;
  if (cleaned.empty) {
    issues.push_back(KkIssue::kEmpty);
    return check;
  }
  if (cleaned.scientific) {
    issues.push_back(KkIssue::kScientificNotation);
    return check;
  }
  const std::string& digits = check.cleaned;
  if (digits.size() != 16) issues.push_back(KkIssue::kLength);
  if (!std::ranges::all_of(digits, IsDigit)) issues.push_back(KkIssue::kNonDigit);
  if (!issues.empty()) return check;
  if ((cleaned.float_rendering || from_numeric_cell) && digits.back() == '0') {
    issues.push_back(KkIssue::kExcelRounded);
  }
  switch (CheckRegion(digits, regions)) {
    case RegionProblem::kProvince:
      issues.push_back(KkIssue::kUnknownProvince);
      break;
    case RegionProblem::kRegency:
      issues.push_back(KkIssue::kUnknownRegency);
      break;
    case RegionProblem::kDistrict:
      issues.push_back(KkIssue::kUnknownDistrict);
      break;
    case RegionProblem::kNone:
      break;
  }
  check.district_code = digits.substr(0, 2) + "." + digits.substr(2, 2) + "." + digits.substr(4, 2);
  if (digits.substr(12, 4) == "0000") issues.push_back(KkIssue::kSerialZero);
  return check;
}

}  // namespace jaring::domain
