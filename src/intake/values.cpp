// Design notes
//
// Dates are tokenised once: the trimmed text (time-of-day suffix removed) is split into
// alternating runs of digits and letters, separators remembered. The shape of the token list
// decides the form (N sep N sep N, N word N, word N N), so no form is tried by re-scanning,
// and a form is rejected as soon as a part has the wrong width. Day-first is the only numeric
// order accepted unless the first number has four digits (ISO); a month-first date therefore
// fails on its "month" > 12 instead of being read wrongly.
#include "intake/values.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>

#include "formats/xlsx_reader.hpp"

namespace jaring::intake {
namespace {

using std::chrono::year_month_day;

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsUpper(char c) { return c >= 'A' && c <= 'Z'; }
bool IsLower(char c) { return c >= 'a' && c <= 'z'; }
bool IsAlpha(char c) { return IsUpper(c) || IsLower(c); }
char ToLower(char c) { return IsUpper(c) ? static_cast<char>(c - 'A' + 'a') : c; }
char ToUpper(char c) { return IsLower(c) ? static_cast<char>(c - 'a' + 'A') : c; }
bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

// Lower-case ASCII letters and digits only.
void KeyInto(std::string_view text, std::string& key) {
  key.clear();
  for (char c : text) {
    if (IsAlpha(c)) {
      key += ToLower(c);
    } else if (IsDigit(c)) {
      key += c;
    }
  }
}

std::optional<year_month_day> MakeDate(int y, int m, int d) {
  if (m < 1 || m > 12 || d < 1 || d > 31) return std::nullopt;
  const year_month_day date{std::chrono::year{y}, std::chrono::month{static_cast<unsigned>(m)},
                            std::chrono::day{static_cast<unsigned>(d)}};
  if (!date.ok()) return std::nullopt;
  return date;
}

struct MonthWord {
  std::string_view word;
  int month;
};
constexpr std::array<MonthWord, 44> kMonthWords = {{
    {"januari", 1},   {"january", 1},   {"jan", 1},      {"februari", 2},  {"pebruari", 2},
    {"february", 2},  {"feb", 2},       {"peb", 2},      {"maret", 3},     {"march", 3},
    {"mar", 3},       {"april", 4},     {"apr", 4},      {"mei", 5},       {"may", 5},
    {"juni", 6},      {"june", 6},      {"jun", 6},      {"juli", 7},      {"july", 7},
    {"jul", 7},       {"agustus", 8},   {"august", 8},   {"agu", 8},       {"agt", 8},
    {"ags", 8},       {"agus", 8},      {"aug", 8},      {"september", 9}, {"sep", 9},
    {"sept", 9},      {"oktober", 10},  {"october", 10}, {"okt", 10},      {"oct", 10},
    {"november", 11}, {"nopember", 11}, {"nov", 11},     {"nop", 11},      {"desember", 12},
    {"december", 12}, {"des", 12},      {"dec", 12},     {"pebuari", 2},
}};

std::optional<int> MonthFromWord(std::string_view word) {
  if (word.size() > 12) return std::nullopt;
  char lower[12];
  for (std::size_t i = 0; i < word.size(); ++i) lower[i] = ToLower(word[i]);
  const std::string_view key(lower, word.size());
  for (const auto& [name, m] : kMonthWords) {
    if (name == key) return m;
  }
  return std::nullopt;
}

struct Token {
  std::string_view text;
  bool number = false;
  char separator_before = 0;  // the non-space separator before this token ('-','/','.',',')
};

// Splits "12 Mei, 1975" into [12][Mei][1975]. False when a character is not a letter, digit,
// space or one of - / . , (such text is no date).
bool Tokenise(std::string_view s, std::array<Token, 4>& tokens, std::size_t& count) {
  count = 0;
  char separator = 0;
  std::size_t i = 0;
  while (i < s.size()) {
    const char c = s[i];
    if (IsSpace(c)) {
      ++i;
      continue;
    }
    if (c == '-' || c == '/' || c == '.' || c == ',') {
      if (separator != 0 && separator != ',') return false;  // "12--05"
      separator = c;
      ++i;
      continue;
    }
    const bool digit = IsDigit(c);
    if (!digit && !IsAlpha(c)) return false;
    std::size_t j = i;
    while (j < s.size() && (digit ? IsDigit(s[j]) : IsAlpha(s[j]))) ++j;
    if (count == tokens.size()) return false;
    tokens[count++] = {s.substr(i, j - i), digit, separator};
    separator = 0;
    i = j;
  }
  return true;
}

int ToInt(std::string_view digits) {
  int value = 0;
  for (char c : digits) value = value * 10 + (c - '0');
  return value;
}

// Drops a trailing time of day: "1975-05-12 00:00:00", "12/05/1975 0:00", "1975-05-12T00:00".
std::string_view DropTime(std::string_view s) {
  const auto colon = s.find(':');
  if (colon == std::string_view::npos) return s;
  auto cut = s.find_last_of(" T", colon);
  if (cut == std::string_view::npos) return s;
  return TrimCell(s.substr(0, cut));
}

DateValue Problem(DateProblem problem) { return DateValue{std::nullopt, problem}; }

DateValue FromParts(int y, int m, int d, std::size_t year_digits, const DateOptions& options) {
  DateValue value;
  if (year_digits == 2) {
    if (options.two_digit_years == TwoDigitYears::kReject)
      return Problem(DateProblem::kTwoDigitYear);
    JARING_ASSERT(options.reference_date.ok(), "two-digit years need a reference date");
    const int ref = static_cast<int>(options.reference_date.year());
    y += 2000;
    if (y > ref) y -= 100;
    value.two_digit_year = true;
  } else if (year_digits != 4) {
    return Problem(DateProblem::kUnreadable);
  }
  if (m < 1 || m > 12) return Problem(DateProblem::kUnreadable);
  value.date = MakeDate(y, m, d);
  if (!value.date) return Problem(DateProblem::kNoSuchDate);
  return value;
}

DateValue FromSerialText(std::string_view text, bool date1904) {
  double serial = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), serial);
  if (ec != std::errc() || end != text.data() + text.size()) {
    return Problem(DateProblem::kUnreadable);
  }
  const auto date = formats::ExcelSerialToDate(serial, date1904);
  if (!date) return Problem(DateProblem::kSerialOutOfRange);
  DateValue value;
  value.date = date;
  value.excel_serial = true;
  return value;
}

}  // namespace

std::string_view TrimCell(std::string_view s) {
  while (true) {
    if (!s.empty() && IsSpace(s.front())) {
      s.remove_prefix(1);
    } else if (s.starts_with("\xC2\xA0")) {
      s.remove_prefix(2);
    } else {
      break;
    }
  }
  while (true) {
    if (!s.empty() && IsSpace(s.back())) {
      s.remove_suffix(1);
    } else if (s.ends_with("\xC2\xA0")) {
      s.remove_suffix(2);
    } else {
      break;
    }
  }
  return s;
}

DateValue ParseDate(SourceCell cell, const DateOptions& options) {
  const std::string_view text = TrimCell(cell.text);
  if (text.empty()) return Problem(DateProblem::kEmpty);
  if (cell.kind != CellKind::kText) {
    // t="d" cells hold ISO text; number cells a serial.
    if (text.find('-') != std::string_view::npos && text.size() >= 8) {
      return ParseDateText(text, options);
    }
    return FromSerialText(text, options.date1904);
  }
  return ParseDateText(text, options);
}

DateValue ParseDateText(std::string_view raw, const DateOptions& options) {
  const std::string_view s = DropTime(TrimCell(raw));
  if (s.empty()) return Problem(DateProblem::kEmpty);
  std::array<Token, 4> t;
  std::size_t n = 0;
  if (!Tokenise(s, t, n) || n != 3) return Problem(DateProblem::kUnreadable);
  for (std::size_t i = 0; i < 3; ++i) {
    if (t[i].number && t[i].text.size() > 4) return Problem(DateProblem::kUnreadable);
  }
  if (t[0].number && t[1].number && t[2].number) {
    // Numeric: the two separators must agree ("12-05/1975" is no date).
    if (t[1].separator_before == 0 || t[1].separator_before != t[2].separator_before ||
        t[1].separator_before == ',') {
      return Problem(DateProblem::kUnreadable);
    }
    if (t[0].text.size() == 4) {  // ISO order
      if (t[1].text.size() > 2 || t[2].text.size() > 2) return Problem(DateProblem::kUnreadable);
      return FromParts(ToInt(t[0].text), ToInt(t[1].text), ToInt(t[2].text), 4, options);
    }
    if (t[0].text.size() > 2 || t[1].text.size() > 2) return Problem(DateProblem::kUnreadable);
    return FromParts(ToInt(t[2].text), ToInt(t[1].text), ToInt(t[0].text), t[2].text.size(),
                     options);
  }
  if (t[0].number && !t[1].number && t[2].number) {  // 12 Mei 1975
    const auto m = MonthFromWord(t[1].text);
    if (!m || t[0].text.size() > 2) return Problem(DateProblem::kUnreadable);
    return FromParts(ToInt(t[2].text), *m, ToInt(t[0].text), t[2].text.size(), options);
  }
  if (!t[0].number && t[1].number && t[2].number) {  // May 12, 1975
    const auto m = MonthFromWord(t[0].text);
    if (!m || t[1].text.size() > 2) return Problem(DateProblem::kUnreadable);
    return FromParts(ToInt(t[2].text), *m, ToInt(t[1].text), t[2].text.size(), options);
  }
  return Problem(DateProblem::kUnreadable);
}

std::string_view DateProblemMessage(DateProblem problem) {
  switch (problem) {
    case DateProblem::kNone:
      return "Tanggal terbaca";
    case DateProblem::kEmpty:
      return "Tanggal kosong";
    case DateProblem::kUnreadable:
      return "Format tanggal tidak dikenali (gunakan HH-BB-TTTT, misalnya 12-05-1975)";
    case DateProblem::kNoSuchDate:
      return "Tanggal tidak ada di kalender";
    case DateProblem::kTwoDigitYear:
      return "Tahun harus ditulis 4 digit";
    case DateProblem::kSerialOutOfRange:
      return "Nomor seri tanggal Excel di luar rentang";
  }
  return "Tanggal tidak valid";
}

PlaceAndDate SplitPlaceAndDate(std::string_view text) {
  text = TrimCell(text);
  const auto comma = text.rfind(',');
  std::size_t cut = std::string_view::npos;
  std::size_t skip = 1;
  if (comma != std::string_view::npos) {
    // "12 Agustus, 1975" has its comma inside the date: cut only where a digit or month word
    // starts the rest; a comma with only a year after it belongs to the date.
    std::string_view after = TrimCell(text.substr(comma + 1));
    const bool only_year =
        !after.empty() && after.size() <= 4 && std::ranges::all_of(after, IsDigit);
    if (!only_year)
      cut = comma;
    else {
      const auto earlier = text.substr(0, comma).rfind(',');
      if (earlier != std::string_view::npos) cut = earlier;
    }
  }
  if (cut == std::string_view::npos) {
    const auto slash = text.find(" / ");
    if (slash != std::string_view::npos) {
      cut = slash;
      skip = 3;
    }
  }
  if (cut == std::string_view::npos) {
    const auto digit = std::ranges::find_if(text, IsDigit);
    cut = static_cast<std::size_t>(digit - text.begin());
    skip = 0;
  }
  if (cut >= text.size()) return {text, {}};
  return {TrimCell(text.substr(0, cut)), TrimCell(text.substr(cut + skip))};
}

std::optional<domain::Sex> ParseSex(std::string_view text) {
  char buffer[24];
  std::size_t n = 0;
  for (char c : text) {
    if (IsAlpha(c) || IsDigit(c)) {
      if (n == sizeof buffer) return std::nullopt;
      buffer[n++] = ToLower(c);
    }
  }
  const std::string_view key(buffer, n);
  using domain::Sex;
  static constexpr std::array<std::pair<std::string_view, Sex>, 16> kWords = {{
      {"l", Sex::kMale},
      {"lk", Sex::kMale},
      {"lakilaki", Sex::kMale},
      {"laki", Sex::kMale},
      {"pria", Sex::kMale},
      {"1", Sex::kMale},
      {"m", Sex::kMale},
      {"male", Sex::kMale},
      {"lelaki", Sex::kMale},
      {"p", Sex::kFemale},
      {"pr", Sex::kFemale},
      {"perempuan", Sex::kFemale},
      {"wanita", Sex::kFemale},
      {"2", Sex::kFemale},
      {"f", Sex::kFemale},
      {"female", Sex::kFemale},
  }};
  for (const auto& [word, sex] : kWords) {
    if (word == key) return sex;
  }
  return std::nullopt;
}

std::string CollapseSpaces(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool pending_space = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    const bool nbsp = c == '\xC2' && i + 1 < text.size() && text[i + 1] == '\xA0';
    if (IsSpace(c) || nbsp) {
      if (nbsp) ++i;
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out += ' ';
    pending_space = false;
    out += c;
  }
  return out;
}

namespace {

// Titles and abbreviations keep the source's spelling.
bool IsTitleLike(std::string_view word) {
  const auto dot = word.find('.');
  if (dot == std::string_view::npos) return false;
  if (dot + 1 < word.size()) return true;  // "S.Pd", "S.Pd."
  std::size_t letters = 0;
  for (char c : word) letters += IsAlpha(c) ? 1 : 0;
  return letters <= 3;  // "H.", "Hj.", "KH.", "Ir.", "dr.", "M."
}

// A letter of the word: ASCII, or a Latin-1 letter in UTF-8 (C3 80-BE, e.g. "É"/"é"), the only
// non-ASCII letters seen in Indonesian names. `size` is its length in bytes.
struct Letter {
  std::size_t size = 1;
  bool letter = false, upper = false, lower = false;
};
Letter LetterAt(std::string_view word, std::size_t i) {
  const char c = word[i];
  if (IsUpper(c)) return {1, true, true, false};
  if (IsLower(c)) return {1, true, false, true};
  if (c == '\xC3' && i + 1 < word.size()) {
    const auto b = static_cast<unsigned char>(word[i + 1]);
    if (b >= 0x80 && b <= 0x9E && b != 0x97) return {2, true, true, false};
    if (b >= 0xA0 && b <= 0xBE && b != 0xB7) return {2, true, false, true};
    return {2, false, false, false};
  }
  return {1, false, false, false};
}

// Appends the letter at i in the wanted case.
void AppendLetter(std::string_view word, std::size_t i, const Letter& l, bool upper,
                  std::string& out) {
  if (l.size == 1) {
    out += upper ? ToUpper(word[i]) : ToLower(word[i]);
    return;
  }
  auto b = static_cast<unsigned char>(word[i + 1]);
  if (upper && l.lower) b = static_cast<unsigned char>(b - 0x20);
  if (!upper && l.upper) b = static_cast<unsigned char>(b + 0x20);
  out += word[i];
  out += static_cast<char>(b);
}

void AppendWord(std::string_view word, std::string& out) {
  std::string key;
  KeyInto(word, key);
  if ((key == "bin" || key == "binti") && word.size() == key.size()) {
    out += key;
    return;
  }
  if (IsTitleLike(word)) {
    out += word;
    return;
  }
  // A word already in initial capitals, or in one case only, is normalised; any other mix
  // ("McDONALD") was written on purpose and is kept.
  bool has_upper = false, has_lower = false, initial_caps = true, start = true;
  for (std::size_t i = 0; i < word.size();) {
    const Letter l = LetterAt(word, i);
    if (l.letter) {
      has_upper |= l.upper;
      has_lower |= l.lower;
      if (!start && l.upper) initial_caps = false;
      start = false;
    } else {
      start = word[i] == '-' || word[i] == '(';
    }
    i += l.size;
  }
  if (has_upper && has_lower && !initial_caps) {
    out += word;
    return;
  }
  start = true;
  for (std::size_t i = 0; i < word.size();) {
    const Letter l = LetterAt(word, i);
    if (l.letter) {
      AppendLetter(word, i, l, start, out);
      start = false;
    } else {
      out.append(word.substr(i, l.size));
      start = word[i] == '-' || word[i] == '(';
    }
    i += l.size;
  }
}

}  // namespace

std::string DisplayCaseName(std::string_view text) {
  const std::string collapsed = CollapseSpaces(text);
  std::string out;
  out.reserve(collapsed.size());
  std::size_t i = 0;
  while (i < collapsed.size()) {
    auto j = collapsed.find(' ', i);
    if (j == std::string::npos) j = collapsed.size();
    if (!out.empty()) out += ' ';
    AppendWord(std::string_view(collapsed).substr(i, j - i), out);
    i = j + 1;
  }
  return out;
}

PhoneValue ParsePhone(std::string_view text) {
  PhoneValue value;
  text = TrimCell(text);
  if (text.empty()) {
    value.problem = PhoneProblem::kEmpty;
    return value;
  }
  if (const auto split = text.find_first_of("/,;"); split != std::string_view::npos) {
    const std::string_view rest = TrimCell(text.substr(split + 1));
    value.several = std::ranges::any_of(rest, IsDigit);
    text = TrimCell(text.substr(0, split));
  }
  if (text.starts_with('\'')) text.remove_prefix(1);
  std::string digits;
  bool plus = false;
  for (char c : text) {
    if (IsDigit(c)) {
      digits += c;
    } else if (c == '+' && digits.empty() && !plus) {
      plus = true;
    } else if (c == ' ' || c == '-' || c == '.' || c == '(' || c == ')') {
      continue;
    } else {
      value.problem = PhoneProblem::kNotANumber;
      return value;
    }
  }
  if (digits.empty()) {
    value.problem = PhoneProblem::kNotANumber;
    return value;
  }
  std::string_view national;
  if (digits.starts_with("62")) {
    national = std::string_view(digits).substr(2);
    if (national.starts_with('0')) national.remove_prefix(1);  // "+62 (0)812…"
  } else if (plus) {
    value.problem = PhoneProblem::kBadPrefix;  // another country
    return value;
  } else if (digits.starts_with('0')) {
    national = std::string_view(digits).substr(1);
  } else if (digits.starts_with('8')) {
    national = digits;  // a mobile whose leading 0 Excel dropped
  } else {
    value.problem = PhoneProblem::kBadPrefix;
    return value;
  }
  if (national.empty() || national.front() == '0') {
    value.problem = PhoneProblem::kBadPrefix;
    return value;
  }
  if (national.size() < 9) {
    value.problem = PhoneProblem::kTooShort;
    return value;
  }
  if (national.size() > 12) {
    value.problem = PhoneProblem::kTooLong;
    return value;
  }
  value.e164.reserve(3 + national.size());
  value.e164 = "+62";
  value.e164 += national;
  return value;
}

std::string_view PhoneProblemMessage(PhoneProblem problem) {
  switch (problem) {
    case PhoneProblem::kNone:
      return "Nomor telepon terbaca";
    case PhoneProblem::kEmpty:
      return "Nomor telepon kosong";
    case PhoneProblem::kNotANumber:
      return "Nomor telepon berisi karakter selain angka";
    case PhoneProblem::kBadPrefix:
      return "Nomor telepon harus diawali 0, 62 atau +62";
    case PhoneProblem::kTooShort:
      return "Nomor telepon terlalu pendek";
    case PhoneProblem::kTooLong:
      return "Nomor telepon terlalu panjang";
  }
  return "Nomor telepon tidak valid";
}

const domain::Occupation* MatchOccupationLoose(std::string_view text) {
  text = TrimCell(text);
  if (text.empty()) return nullptr;
  if (const auto* found = domain::MatchOccupation(text)) return found;
  struct Alias {
    std::string_view key;
    std::string_view code;
  };
  // Key form (lower-case letters and digits). Checked after the domain's own table.
  static constexpr Alias kAliases[] = {
      {"tani", "petani"},
      {"petanipadi", "petani"},
      {"petanisawah", "petani"},
      {"petanipenggarap", "petani"},
      {"petanipekebun", "petani"},
      {"pekebun", "petani"},
      {"petanicengkeh", "petani_tembakau"},  // DBHCHT puts clove with tobacco
      {"petanitembakau", "petani_tembakau"},
      {"tanitembakau", "petani_tembakau"},
      {"buruhtani", "buruh_tani"},
      {"buruhtanikebun", "buruh_tani"},
      {"buruhkebun", "buruh_tani"},
      {"buruhperkebunan", "buruh_tani"},
      {"buruhtanitembakau", "buruh_tani_tembakau"},
      {"buruhtembakau", "buruh_tani_tembakau"},
      {"buruhpabrikrokok", "buruh_pabrik_rokok"},
      {"buruhrokok", "buruh_pabrik_rokok"},
      {"buruhlintingrokok", "buruh_pabrik_rokok"},
      {"pelintingrokok", "buruh_pabrik_rokok"},
      {"buruhlinting", "buruh_pabrik_rokok"},
      {"karyawanpabrikrokok", "buruh_pabrik_rokok"},
      {"nelayan", "nelayan"},
      {"nelayantradisional", "nelayan"},
      {"buruhnelayan", "nelayan"},
      {"nelayankecil", "nelayan"},
      {"pedagang", "pedagang_kecil"},
      {"dagang", "pedagang_kecil"},
      {"pedagangkakilima", "pedagang_kecil"},
      {"pkl", "pedagang_kecil"},
      {"pedagangasongan", "pedagang_kecil"},
      {"pedagangkeliling", "pedagang_kecil"},
      {"pedagangsayur", "pedagang_kecil"},
      {"pedaganganeka", "pedagang_kecil"},
      {"tukangbecak", "tukang_becak"},
      {"penarikbecak", "tukang_becak"},
      {"abangbecak", "tukang_becak"},
      {"pengayuhbecak", "tukang_becak"},
      {"becak", "tukang_becak"},
      {"tukangbatu", "tukang_batu"},
      {"kulibangunan", "tukang_batu"},
      {"buruhbangunan", "tukang_batu"},
      {"tukangbangunan", "tukang_batu"},
      {"kenek", "tukang_batu"},
      {"kernetbangunan", "tukang_batu"},
      {"ojek", "ojek"},
      {"ojol", "ojek"},
      {"ojekonline", "ojek"},
      {"ojekpangkalan", "ojek"},
      {"tukangojek", "ojek"},
      {"pengemudiojek", "ojek"},
      {"buruhharianlepas", "lainnya"},
      {"bhl", "lainnya"},
      {"serabutan", "lainnya"},
      {"pekerjaserabutan", "lainnya"},
  };
  std::string key;
  KeyInto(text, key);
  for (const auto& alias : kAliases) {
    if (alias.key == key) return domain::FindOccupation(alias.code);
  }
  return nullptr;
}

}  // namespace jaring::intake
