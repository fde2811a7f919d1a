// The date field kind: reading each row's date, its blocking keys, and the date comparator.
// See internal/date_field.hpp.
#include "matching/internal/date_field.hpp"

#include "matching/similarity.hpp"

namespace jaring::matching {
namespace internal {
namespace {

// YYYYMMDD as 8 characters (fields reduced modulo their width).
void DateDigits(const domain::DateFields& d, char out[8]) {
  int y = ((d.year % 10000) + 10000) % 10000, m = ((d.month % 100) + 100) % 100,
      day = ((d.day % 100) + 100) % 100;
  out[0] = static_cast<char>('0' + y / 1000);
  out[1] = static_cast<char>('0' + y / 100 % 10);
  out[2] = static_cast<char>('0' + y / 10 % 10);
  out[3] = static_cast<char>('0' + y % 10);
  out[4] = static_cast<char>('0' + m / 10);
  out[5] = static_cast<char>('0' + m % 10);
  out[6] = static_cast<char>('0' + day / 10);
  out[7] = static_cast<char>('0' + day % 10);
}

}  // namespace

bool DateField::BlockingValue(std::string_view t, std::uint32_t row, std::string& out) const {
  const domain::DateFields& d = dates_[row];
  out.clear();
  if (!d.present) return t.empty() || t == "year" || t == "md" || t == "ym";
  char digits[8];
  DateDigits(d, digits);
  std::string_view all(digits, 8);
  if (t.empty()) {
    out = all;
  } else if (t == "year") {
    out = all.substr(0, 4);
  } else if (t == "md") {
    out = all.substr(4, 4);
  } else if (t == "ym") {
    out = all.substr(0, 6);
  } else {
    return false;
  }
  return true;
}

void DateField::Build(const RecordTable& table, const std::vector<int>& columns) {
  ColumnJoin join(table, columns);
  dates_.resize(table.rows());
  std::string buffer;
  for (std::size_t i = 0; i < table.rows(); ++i)
    dates_[i] = domain::ParseDateFields(join.Get(i, buffer));
}

}  // namespace internal

int CompareDates(const domain::DateFields& a, const domain::DateFields& b) {
  if (!a.present || !b.present) return 0;
  if (a.year == b.year && a.month == b.month && a.day == b.day) return 5;
  if (a.year == b.year && a.month == b.day && a.day == b.month) return 4;
  if (a.year == b.year && a.month == b.month && (a.day - b.day == 40 || b.day - a.day == 40))
    return 4;
  if (a.month == b.month && a.day == b.day && (a.year - b.year == 1 || b.year - a.year == 1))
    return 3;
  char sa[8], sb[8];
  internal::DateDigits(a, sa);
  internal::DateDigits(b, sb);
  // One digit apart (1965/1985, the 12th/14th, March/August) is a typo of the same date. A
  // namesake born that year lands here one time in twenty; two NIKs tell them apart (NikField).
  SmallEdit e = ClassifyEdit(std::string_view(sa, 8), std::string_view(sb, 8));
  if (e == SmallEdit::kOneSubstitution || e == SmallEdit::kOneTransposition) return 3;
  // The same year with another day and month is another person born that year (namesakes of
  // one village and birth year are common), unless one date is a placeholder for an unknown
  // day: 1 January or 31 December, as on old KTPs and in BPJS records.
  auto placeholder = [](const domain::DateFields& d) {
    return (d.month == 1 && d.day == 1) || (d.month == 12 && d.day == 31);
  };
  if (a.year == b.year && (placeholder(a) || placeholder(b))) return 2;
  return 1;
}

}  // namespace jaring::matching
