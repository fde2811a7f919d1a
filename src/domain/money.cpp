#include "domain/money.hpp"

#include <cstdlib>
#include <limits>

namespace jaring::domain {
namespace {

// Digits of |value| with a '.' every three digits from the right. Works for INT64_MIN.
std::string GroupedDigits(std::int64_t value) {
  std::uint64_t magnitude =
      value < 0 ? 0 - static_cast<std::uint64_t>(value) : static_cast<std::uint64_t>(value);
  std::string reversed;
  int count = 0;
  do {
    if (count > 0 && count % 3 == 0) reversed += '.';
    reversed += static_cast<char>('0' + magnitude % 10);
    magnitude /= 10;
    ++count;
  } while (magnitude != 0);
  return {reversed.rbegin(), reversed.rend()};
}

std::string_view Trim(std::string_view s) {
  constexpr std::string_view kSpace = " \t\r\n";
  const auto first = s.find_first_not_of(kSpace);
  if (first == std::string_view::npos) return {};
  return s.substr(first, s.find_last_not_of(kSpace) - first + 1);
}

Error ParseError(std::string_view text, std::string_view why) {
  return Error::InvalidArgument("Jumlah rupiah tidak valid: " + std::string(text),
                                std::string(why));
}

}  // namespace

Money Money::operator+(Money other) const {
  std::int64_t sum = 0;
  JARING_ASSERT(!__builtin_add_overflow(rupiah_, other.rupiah_, &sum), "Money + overflows");
  return Money(sum);
}

Money Money::operator-(Money other) const {
  std::int64_t difference = 0;
  JARING_ASSERT(!__builtin_sub_overflow(rupiah_, other.rupiah_, &difference), "Money - overflows");
  return Money(difference);
}

Money Money::operator-() const {
  JARING_ASSERT(rupiah_ != std::numeric_limits<std::int64_t>::min(), "Money negation overflows");
  return Money(-rupiah_);
}

Money Money::operator*(std::int64_t count) const {
  std::int64_t product = 0;
  JARING_ASSERT(!__builtin_mul_overflow(rupiah_, count, &product), "Money * overflows");
  return Money(product);
}

Result<Money> Money::CheckedAdd(Money a, Money b) {
  std::int64_t sum = 0;
  if (__builtin_add_overflow(a.rupiah_, b.rupiah_, &sum)) {
    return Fail(Error::InvalidArgument("Jumlah rupiah terlalu besar", "Money add overflow"));
  }
  return Money(sum);
}

Result<Money> Money::CheckedMultiply(Money a, std::int64_t count) {
  std::int64_t product = 0;
  if (__builtin_mul_overflow(a.rupiah_, count, &product)) {
    return Fail(Error::InvalidArgument("Jumlah rupiah terlalu besar", "Money multiply overflow"));
  }
  return Money(product);
}

std::int64_t Money::WholeTimes(Money part) const {
  JARING_ASSERT(part.rupiah_ > 0, "WholeTimes needs a positive part");
  return rupiah_ / part.rupiah_;  // truncates toward zero
}

std::string FormatThousands(std::int64_t value) {
  return (value < 0 ? "-" : "") + GroupedDigits(value);
}

std::string FormatRupiah(Money amount) {
  return (amount.is_negative() ? "-Rp " : "Rp ") + GroupedDigits(amount.rupiah());
}

std::string FormatRupiahShort(Money amount) {
  const std::int64_t value = amount.rupiah();
  const std::uint64_t magnitude =
      value < 0 ? 0 - static_cast<std::uint64_t>(value) : static_cast<std::uint64_t>(value);
  struct Unit {
    std::uint64_t size;
    std::string_view name;
  };
  constexpr Unit kUnits[] = {
      {1'000'000'000'000ULL, "triliun"}, {1'000'000'000ULL, "miliar"}, {1'000'000ULL, "juta"}};
  if (magnitude < 1'000'000) return FormatRupiah(amount);
  // The largest unit that still shows at least "1" after rounding to tenths (half up on the
  // magnitude = half away from zero). Rounding can thus carry into the next unit.
  for (const Unit& unit : kUnits) {
    const std::uint64_t tenth = unit.size / 10;
    const std::uint64_t tenths = magnitude / tenth + (magnitude % tenth >= tenth / 2 ? 1 : 0);
    if (tenths < 10) continue;
    std::string out = value < 0 ? "-Rp " : "Rp ";
    out += GroupedDigits(static_cast<std::int64_t>(tenths / 10));
    if (tenths % 10 != 0) {
      out += ',';
      out += static_cast<char>('0' + tenths % 10);
    }
    out += ' ';
    out += unit.name;
    return out;
  }
  return FormatRupiah(amount);
}

Result<Money> ParseRupiah(std::string_view text) {
  std::string_view s = Trim(text);
  bool negative = false;
  if (s.starts_with('-')) {
    negative = true;
    s = Trim(s.substr(1));
  }
  if (s.starts_with("Rp") || s.starts_with("RP") || s.starts_with("rp")) {
    s = Trim(s.substr(2));
    if (s.starts_with('.')) s = Trim(s.substr(1));  // "Rp. 16.800"
  }
  if (!negative && s.starts_with('-')) {
    negative = true;
    s = Trim(s.substr(1));
  }
  // A sen part is allowed only when it is zero: ",00" or ",0".
  if (const auto comma = s.find(','); comma != std::string_view::npos) {
    const std::string_view sen = s.substr(comma + 1);
    if (sen.empty() || sen.size() > 2 || sen.find_first_not_of('0') != std::string_view::npos) {
      return Fail(ParseError(text, "not whole rupiah"));
    }
    s = s.substr(0, comma);
  }
  if (s.empty()) return Fail(ParseError(text, "no digits"));
  // Either plain digits or groups of three separated by dots after a first group of 1-3.
  const bool grouped = s.find('.') != std::string_view::npos;
  std::uint64_t magnitude = 0;
  std::size_t group_length = 0;
  bool first_group = true;
  for (char c : s) {
    if (c == '.') {
      if (group_length == 0 || (first_group && group_length > 3) ||
          (!first_group && group_length != 3)) {
        return Fail(ParseError(text, "misplaced thousands separator"));
      }
      first_group = false;
      group_length = 0;
      continue;
    }
    if (c < '0' || c > '9') return Fail(ParseError(text, "unexpected character"));
    if (__builtin_mul_overflow(magnitude, 10u, &magnitude) ||
        __builtin_add_overflow(magnitude, static_cast<unsigned>(c - '0'), &magnitude)) {
      return Fail(ParseError(text, "overflow"));
    }
    ++group_length;
  }
  if (grouped && (group_length != 3 || first_group)) {
    return Fail(ParseError(text, "misplaced thousands separator"));
  }
  // Negative amounts reach one further: -9.223.372.036.854.775.808 is INT64_MIN.
  const std::uint64_t limit =
      static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()) + (negative ? 1 : 0);
  if (magnitude > limit) return Fail(ParseError(text, "overflow"));
  // Two's-complement negation in unsigned arithmetic, then a value-preserving conversion.
  const std::uint64_t bits = negative ? 0 - magnitude : magnitude;
  return Money::Rupiah(static_cast<std::int64_t>(bits));
}

}  // namespace jaring::domain
