// Internal to matching (the field kinds of features.hpp): the small pieces every field kind
// shares: trimming and digits, unaligned reads of packed records, decimal digits as packed BCD
// words, the "prefixN"/"suffixN" blocking transforms, and joining a field's columns.
// Pure functions and read-only views; thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "matching/records.hpp"

namespace jaring::matching::internal {

inline std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r'))
    s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

inline std::string DigitsOnly(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c >= '0' && c <= '9') out += c;
  }
  return out;
}

// A value of a packed record (values sit at any byte offset; memcpy is the portable unaligned
// read and compiles to one load).
template <typename T>
T Load(const std::byte* p) {
  T value;
  std::memcpy(&value, p, sizeof value);
  return value;
}

// Up to 16 decimal digits as one word of packed BCD: the first digit in the top nibble, the
// nibbles after the last digit set to `pad` (0xE or 0xF, never a digit), so that length and
// leading zeros are kept, equal strings give equal words, and a pair's digits are unpacked by
// shifts instead of divisions. A top nibble of 0xA marks a value that has no code (longer than
// 16 digits, or 16 zeros, whose code would be the "missing" 0).
constexpr std::uint64_t kNoBcd = std::uint64_t{0xA} << 60;
inline bool HasBcd(std::uint64_t code) { return (code >> 60) != 0xA; }
inline std::uint64_t ToBcd(std::string_view digits, std::uint64_t pad = 0xF) {
  if (digits.size() > 16) return kNoBcd;
  std::uint64_t w = 0;
  for (char c : digits) w = w << 4 | static_cast<std::uint64_t>(c - '0');
  for (std::size_t k = digits.size(); k < 16; ++k) w = w << 4 | pad;
  return w == 0 ? kNoBcd : w;
}
// The digits of a code; `pad` gets the nibble after the last digit (0 after 16 digits).
inline std::string_view FromBcd(std::uint64_t code, char out[16], std::uint64_t& pad) {
  pad = 0;
  std::size_t n = 0;
  for (; n < 16; ++n) {
    std::uint64_t nibble = code >> (60 - 4 * n) & 0xF;
    if (nibble > 9) {
      pad = nibble;
      break;
    }
    out[n] = static_cast<char>('0' + nibble);
  }
  return std::string_view(out, n);
}

// "prefixN"/"headN" and "suffixN"/"tailN" on any string value: true and `out` set (empty when
// the value is shorter than N) if `transform` is one of them, else false.
bool SliceTransform(std::string_view transform, std::string_view value, std::string& out);

// Joins the columns of one field for one row.
class ColumnJoin {
 public:
  ColumnJoin(const RecordTable& table, const std::vector<int>& columns)
      : table_(table), columns_(columns) {}
  std::string_view Get(std::size_t row, std::string& buffer) const {
    if (columns_.size() == 1) return Trim(table_.columns[columns_[0]][row]);
    buffer.clear();
    for (int c : columns_) {
      std::string_view v = Trim(table_.columns[c][row]);
      if (v.empty()) continue;
      if (!buffer.empty()) buffer += ' ';
      buffer += v;
    }
    return buffer;
  }

 private:
  const RecordTable& table_;
  const std::vector<int>& columns_;
};

}  // namespace jaring::matching::internal
