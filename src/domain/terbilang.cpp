#include "domain/terbilang.hpp"

#include <array>
#include <cstdint>
#include <string_view>

namespace jaring::domain {
namespace {

constexpr std::array<std::string_view, 10> kDigits = {
    "", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan"};

void Append(std::string& out, std::string_view word) {
  if (word.empty()) return;
  if (!out.empty()) out += ' ';
  out += word;
}

// 1..999 in words; "seratus", "sebelas", "sepuluh".
void Hundreds(std::string& out, int n) {
  const int h = n / 100, rest = n % 100;
  if (h == 1) {
    Append(out, "seratus");
  } else if (h > 1) {
    Append(out, kDigits[h]);
    Append(out, "ratus");
  }
  if (rest == 0) return;
  if (rest < 10) {
    Append(out, kDigits[rest]);
  } else if (rest == 10) {
    Append(out, "sepuluh");
  } else if (rest == 11) {
    Append(out, "sebelas");
  } else if (rest < 20) {
    Append(out, kDigits[rest - 10]);
    Append(out, "belas");
  } else {
    Append(out, kDigits[rest / 10]);
    Append(out, "puluh");
    Append(out, kDigits[rest % 10]);
  }
}

}  // namespace

std::string Terbilang(Money amount) {
  std::int64_t value = amount.rupiah();
  if (value == 0) return "nol rupiah";
  std::string out;
  // Work in unsigned so that the most negative int64 has a magnitude.
  std::uint64_t n =
      value < 0 ? 0 - static_cast<std::uint64_t>(value) : static_cast<std::uint64_t>(value);
  if (value < 0) out = "minus";
  static constexpr std::array<std::string_view, 7> kScales = {
      "", "ribu", "juta", "miliar", "triliun", "kuadriliun", "kuintiliun"};
  std::array<int, 7> groups{};
  for (std::size_t i = 0; i < groups.size(); ++i) {
    groups[i] = static_cast<int>(n % 1000);
    n /= 1000;
  }
  for (std::size_t i = groups.size(); i-- > 0;) {
    const int g = groups[i];
    if (g == 0) continue;
    if (i == 1 && g == 1) {
      Append(out, "seribu");
      continue;
    }
    Hundreds(out, g);
    Append(out, kScales[i]);
  }
  Append(out, "rupiah");
  return out;
}

}  // namespace jaring::domain
