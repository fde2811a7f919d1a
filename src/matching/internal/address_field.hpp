// Internal to matching: the address field kind (Comparator::kAddress; levels in features.hpp).
// Each distinct address is tokenised once into canonical tokens ("jalan" = "jl", "No. 05" =
// "5"); rows keep their sorted token ids, and a pair's level is an idf-weighted overlap.
// Immutable after Build; concurrent comparisons are safe.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "matching/features.hpp"
#include "matching/internal/field_support.hpp"
#include "matching/records.hpp"
#include "matching/similarity.hpp"

namespace jaring::matching::internal {

class AddressField final : public FieldData {
 public:
  int levels() const override { return 5; }
  std::string_view LevelLabel(int level) const override {
    static constexpr std::string_view kLabels[] = {"missing", "different", "some_tokens",
                                                   "most_tokens", "same_tokens"};
    return kLabels[level];
  }
  int Compare(std::uint32_t a, std::uint32_t b) const override {
    return CompareTokens(Tokens(a), Tokens(b));
  }
  // The packed record: where the row's token ids start (bits 0-39) and how many (40-63).
  static constexpr std::size_t kPackedBytes = 8;
  static constexpr std::uint64_t kTooMany = 0xffffff;
  void Pack(std::uint32_t row, std::byte* out) const {
    std::uint64_t count = std::min<std::uint64_t>(offsets_[row + 1] - offsets_[row], kTooMany);
    std::uint64_t w =
        offsets_[row] < (std::uint64_t{1} << 40) ? offsets_[row] | count << 40 : kTooMany << 40;
    std::memcpy(out, &w, sizeof w);
  }
  void PrefetchTokens(const std::byte* packed) const {
    const auto w = Load<std::uint64_t>(packed);
    __builtin_prefetch(ids_.data() + (w & ((std::uint64_t{1} << 40) - 1)));
  }
  int ComparePacked(const std::byte* px, const std::byte* py, std::uint32_t a,
                    std::uint32_t b) const {
    const auto x = Load<std::uint64_t>(px), y = Load<std::uint64_t>(py);
    if ((x >> 40) == kTooMany || (y >> 40) == kTooMany) return Compare(a, b);
    auto tokens = [&](std::uint64_t w) {
      return std::span<const std::uint32_t>(ids_.data() + (w & ((std::uint64_t{1} << 40) - 1)),
                                            w >> 40);
    };
    return CompareTokens(tokens(x), tokens(y));
  }
  int CompareTokens(std::span<const std::uint32_t> ta, std::span<const std::uint32_t> tb) const {
    if (ta.empty() || tb.empty()) return 0;
    if (ta.size() == tb.size() && std::equal(ta.begin(), ta.end(), tb.begin())) return 4;
    double dice = WeightedDice(ta, tb, idf_);
    return dice >= 0.67 ? 3 : dice >= 0.34 ? 2 : 1;
  }
  bool BlockingValue(std::string_view t, std::uint32_t row, std::string& out) const override;
  void Build(const RecordTable& table, const std::vector<int>& columns);

 private:
  static std::vector<std::string> Tokenise(std::string_view raw);
  std::span<const std::uint32_t> Tokens(std::uint32_t row) const {
    return std::span<const std::uint32_t>(ids_.data() + offsets_[row],
                                          offsets_[row + 1] - offsets_[row]);
  }
  StringColumn text_;
  std::vector<std::uint32_t> ids_;
  std::vector<std::uint64_t> offsets_;
  std::vector<float> idf_;
};

}  // namespace jaring::matching::internal
