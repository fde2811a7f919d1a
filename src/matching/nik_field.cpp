// The NIK field kind: reading each row's NIK, its blocking keys, and the NIK comparator.
// See internal/nik_field.hpp.
#include "matching/internal/nik_field.hpp"

#include <algorithm>

#include "domain/nik.hpp"
#include "matching/similarity.hpp"

namespace jaring::matching {
namespace internal {

bool NikField::BlockingValue(std::string_view t, std::uint32_t row, std::string& out) const {
  std::string_view d = digits_[row];
  out.clear();
  if (partial_[row]) {
    // Only a prefix is known: it can share "head" keys up to its length, nothing else.
    if (t.starts_with("head") || t.starts_with("prefix")) {
      std::string tmp;
      if (!SliceTransform(t, d, tmp)) return false;
      out = tmp;
    }
    return true;
  }
  if (t.empty()) {
    out = d;
    return true;
  }
  if (t == "date") {
    if (d.size() == 16) out = d.substr(6, 6);
    return true;
  }
  if (t == "region") {
    if (d.size() == 16) out = d.substr(0, 6);
    return true;
  }
  return SliceTransform(t, d, out);
}

void NikField::Build(const RecordTable& table, const std::vector<int>& columns) {
  ColumnJoin join(table, columns);
  std::string buffer;
  partial_.resize(table.rows());
  for (std::size_t i = 0; i < table.rows(); ++i) {
    domain::NikDigits nik = domain::NikDigitsAsWritten(join.Get(i, buffer));
    digits_.Append(nik.digits);
    partial_[i] = nik.partial ? 1 : 0;
  }
}

}  // namespace internal

int CompareNikDigits(std::string_view a, bool a_partial, std::string_view b, bool b_partial) {
  if (a.empty() || b.empty()) return 0;
  if (a_partial || b_partial) {
    std::size_t n = std::min(a.size(), b.size());
    return a.substr(0, n) == b.substr(0, n) ? 4 : 1;
  }
  if (a == b) return 5;
  SmallEdit e = ClassifyEdit(a, b);
  if (e != SmallEdit::kMore) return 4;  // one digit changed, swapped, dropped or doubled
  if (a.size() == 16 && b.size() == 16) {
    if (a.substr(0, 12) == b.substr(0, 12)) return 3;
    if (a.substr(6, 6) == b.substr(6, 6)) return 2;
  }
  return 1;
}

int CompareNiks(const domain::NikDigits& a, const domain::NikDigits& b) {
  return CompareNikDigits(a.digits, a.partial, b.digits, b.partial);
}

}  // namespace jaring::matching
