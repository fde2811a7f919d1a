#include "matching/similarity.hpp"

#include <algorithm>
#include <vector>

namespace jaring::matching {

double JaroWinkler(std::string_view a, std::string_view b) {
  if (a.empty() && b.empty()) return 1.0;
  if (a.empty() || b.empty()) return 0.0;
  if (a == b) return 1.0;
  // Symmetric by construction: the shorter string plays the role of `a`; ties by content.
  if (a.size() > b.size() || (a.size() == b.size() && a > b)) std::swap(a, b);
  const std::size_t la = a.size(), lb = b.size();
  const std::size_t window = std::max<std::size_t>(lb / 2, 1) - 1;
  bool small = lb <= 64;
  unsigned char a_flags_small[64] = {}, b_flags_small[64] = {};
  std::vector<unsigned char> a_big, b_big;
  unsigned char* af = a_flags_small;
  unsigned char* bf = b_flags_small;
  if (!small) {
    a_big.assign(la, 0);
    b_big.assign(lb, 0);
    af = a_big.data();
    bf = b_big.data();
  }
  std::size_t matches = 0;
  for (std::size_t i = 0; i < la; ++i) {
    std::size_t lo = i > window ? i - window : 0;
    std::size_t hi = std::min(i + window + 1, lb);
    for (std::size_t j = lo; j < hi; ++j) {
      if (!bf[j] && a[i] == b[j]) {
        af[i] = bf[j] = 1;
        ++matches;
        break;
      }
    }
  }
  if (matches == 0) return 0.0;
  std::size_t transpositions = 0;
  for (std::size_t i = 0, j = 0; i < la; ++i) {
    if (!af[i]) continue;
    while (!bf[j]) ++j;
    if (a[i] != b[j]) ++transpositions;
    ++j;
  }
  double m = static_cast<double>(matches);
  double jaro = (m / la + m / lb + (m - transpositions / 2.0) / m) / 3.0;
  std::size_t prefix = 0;
  while (prefix < 4 && prefix < la && a[prefix] == b[prefix]) ++prefix;
  return jaro + prefix * 0.1 * (1.0 - jaro);
}

SmallEdit ClassifyEdit(std::string_view a, std::string_view b) {
  if (a == b) return SmallEdit::kEqual;
  if (a.size() == b.size()) {
    std::size_t first = 0;
    while (a[first] == b[first]) ++first;
    std::size_t last = a.size() - 1;
    while (a[last] == b[last]) --last;
    if (first == last) return SmallEdit::kOneSubstitution;
    if (last == first + 1 && a[first] == b[last] && a[last] == b[first]) {
      return SmallEdit::kOneTransposition;
    }
    return SmallEdit::kMore;
  }
  if (a.size() > b.size()) std::swap(a, b);
  if (b.size() - a.size() != 1) return SmallEdit::kMore;
  std::size_t i = 0;
  while (i < a.size() && a[i] == b[i]) ++i;
  return a.substr(i) == b.substr(i + 1) ? SmallEdit::kOneIndel : SmallEdit::kMore;
}

double WeightedDice(std::span<const std::uint32_t> a, std::span<const std::uint32_t> b,
                    std::span<const float> weight) {
  double wa = 0, wb = 0, shared = 0;
  std::size_t i = 0, j = 0;
  while (i < a.size() || j < b.size()) {
    if (j == b.size() || (i < a.size() && a[i] < b[j])) {
      wa += weight[a[i++]];
    } else if (i == a.size() || b[j] < a[i]) {
      wb += weight[b[j++]];
    } else {
      double w = weight[a[i]];
      wa += w;
      wb += w;
      shared += w;
      ++i;
      ++j;
    }
  }
  if (wa + wb <= 0) return 0.0;
  return 2.0 * shared / (wa + wb);
}

}  // namespace jaring::matching
