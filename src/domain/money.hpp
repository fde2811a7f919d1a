// Money: amounts in whole rupiah, as int64, with Indonesian formatting and parsing.
//
// Contributions, benefits and budgets are whole rupiah (Rp 16.800, Rp 42.000.000); the smallest
// coin in use is far above one sen, so no fractional part is kept. int64 holds about
// Rp 9,2 * 10^18, orders of magnitude above any regency or national budget, so overflow can
// only come from a bug or from hostile input:
//   * operators (+, -, *) abort with JARING_ASSERT on overflow (a bug, as for vector bounds);
//   * CheckedAdd / CheckedMultiply return Result for values that come from outside.
#pragma once

#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

#include "common/error.hpp"

namespace jaring::domain {

class Money {
 public:
  constexpr Money() = default;
  static constexpr Money Rupiah(std::int64_t rupiah) { return Money(rupiah); }
  static constexpr Money Zero() { return Money(0); }

  constexpr std::int64_t rupiah() const { return rupiah_; }
  constexpr bool is_zero() const { return rupiah_ == 0; }
  constexpr bool is_negative() const { return rupiah_ < 0; }

  // Abort on overflow (see the file comment).
  Money operator+(Money other) const;
  Money operator-(Money other) const;
  Money operator-() const;
  Money operator*(std::int64_t count) const;  // e.g. per-worker contribution * workers
  Money& operator+=(Money other) { return *this = *this + other; }
  Money& operator-=(Money other) { return *this = *this - other; }

  // InvalidArgument on overflow.
  static Result<Money> CheckedAdd(Money a, Money b);
  static Result<Money> CheckedMultiply(Money a, std::int64_t count);

  // How many whole times `part` fits into this amount (budget / monthly cost = whole months);
  // part must be positive (asserted).
  std::int64_t WholeTimes(Money part) const;

  friend constexpr auto operator<=>(Money, Money) = default;
  friend constexpr bool operator==(Money, Money) = default;

 private:
  constexpr explicit Money(std::int64_t rupiah) : rupiah_(rupiah) {}
  std::int64_t rupiah_ = 0;
};

inline Money operator*(std::int64_t count, Money m) { return m * count; }

// 28448 -> "28.448", -5 -> "-5": Indonesian thousands separator, for counts as well.
std::string FormatThousands(std::int64_t value);

// "Rp 2.800.000.000", "Rp 0", negative "-Rp 16.800".
std::string FormatRupiah(Money amount);

// Compact form for dashboards, one decimal with a comma, trailing ",0" dropped, rounded half
// away from zero: "Rp 2,8 miliar", "Rp 477,9 juta", "Rp 1,2 triliun", "Rp 3 miliar".
// Amounts below Rp 1 juta are written in full ("Rp 16.800"). Negative: "-Rp 2,8 miliar".
// Rounding may carry into the next unit: Rp 999.960.000 -> "Rp 1 miliar".
std::string FormatRupiahShort(Money amount);

// Parses "Rp 16.800", "Rp16.800", "16800", "16.800", "-Rp 16.800", "Rp -16.800",
// "Rp 16.800,00" (zero sen only), surrounding whitespace. Dots must group thousands
// correctly ("1.68.00" is rejected). InvalidArgument otherwise, including "16,8" (a decimal
// amount is not whole rupiah) and overflow.
Result<Money> ParseRupiah(std::string_view text);

}  // namespace jaring::domain
