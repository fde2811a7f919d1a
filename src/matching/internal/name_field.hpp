// Internal to matching: the name field kind (Comparator::kName; levels in features.hpp). A name
// is normalised once per distinct text (domain::NormalizeName), and each row keeps interned ids
// of its sorted, phonetic and compact keys, of its bin/binti tail and of its tokens, so that
// comparing two rows is id equality first and token similarity only when the keys differ.
// Immutable after Build (and PrepareRareIndex); concurrent comparisons are safe.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "matching/features.hpp"
#include "matching/internal/field_support.hpp"
#include "matching/records.hpp"

namespace jaring::matching::internal {

class NameField final : public FieldData {
 public:
  int levels() const override { return 6; }
  std::string_view LevelLabel(int level) const override {
    static constexpr std::string_view kLabels[] = {"missing", "different", "weak",
                                                   "similar", "phonetic",  "exact"};
    return kLabels[level];
  }
  // The packed record: interned ids of the name's keys (the sorted one's top bit says "has a
  // bin/binti tail") and where the row's token ids are (offset | count << 27; all ones when they
  // do not fit, then the token offsets are read instead).
  struct Packed {
    std::uint32_t sorted, phonetic, compact, tokens;
  };
  static constexpr std::size_t kPackedBytes = sizeof(Packed);
  static constexpr std::uint32_t kHasTail = 1u << 31, kNoTokenRef = 0xffffffffu;
  void Pack(std::uint32_t row, std::byte* out) const {
    std::uint64_t offset = token_offsets_[row], count = token_offsets_[row + 1] - offset;
    Packed p{sorted_id_[row] | (tail_id_[row] != 0 ? kHasTail : 0), phonetic_id_[row],
             compact_id_[row],
             offset < (1u << 27) && count < 31 ? static_cast<std::uint32_t>(offset | count << 27)
                                               : kNoTokenRef};
    std::memcpy(out, &p, sizeof p);
  }
  void PrefetchTokens(const std::byte* packed) const {
    const auto p = Load<Packed>(packed);
    if (p.tokens != kNoTokenRef) __builtin_prefetch(token_ids_.data() + (p.tokens & 0x7ffffff));
  }
  int Compare(std::uint32_t a, std::uint32_t b) const override {
    std::byte x[kPackedBytes], y[kPackedBytes];
    Pack(a, x);
    Pack(b, y);
    return ComparePacked(x, y, a, b);
  }
  int ComparePacked(const std::byte* px, const std::byte* py, std::uint32_t a,
                    std::uint32_t b) const;
  double AgreementFrequency(std::uint32_t a, std::uint32_t b, int level) const override {
    if (level == 5) return std::max(freq_sorted_[a], freq_sorted_[b]);
    if (level == 4) return std::max(freq_phonetic_[a], freq_phonetic_[b]);
    return 0.0;
  }
  bool BlockingValue(std::string_view t, std::uint32_t row, std::string& out) const override;
  void SortValue(std::uint32_t row, std::string& out) const override { out = phonetic_[row]; }

  void Build(const RecordTable& table, const std::vector<int>& columns);
  // The idf of each canonical token by its text, for the "rare" blocking transforms; called
  // only when the spec's blocking uses one.
  void PrepareRareIndex();

  bool nicknames_ = false;  // FieldSpec::nicknames: set before the first comparison

 private:
  std::span<const std::uint32_t> Tokens(std::uint32_t row) const {
    return std::span<const std::uint32_t>(token_ids_.data() + token_offsets_[row],
                                          token_offsets_[row + 1] - token_offsets_[row]);
  }
  double SoftTokenSimilarity(std::span<const std::uint32_t> a,
                             std::span<const std::uint32_t> b) const;
  std::string RareToken(std::uint32_t row) const;
  double TokenJaroWinkler(std::uint32_t x, std::uint32_t y) const;

  StringColumn sorted_, phonetic_, canonical_, tail_;
  std::vector<std::uint32_t> sorted_id_, phonetic_id_, compact_id_, tail_id_;  // 0 = empty
  std::vector<std::string> tail_text_;                                         // by tail id
  std::vector<std::uint32_t> token_ids_;
  std::vector<std::uint64_t> token_offsets_;
  // TokenJaroWinkler's cache of rounded token similarities (see there).
  static constexpr std::size_t kJwCacheSlots = std::size_t{1} << 17;
  mutable std::unique_ptr<std::atomic<std::uint64_t>[]> jw_cache_ {
    new std::atomic<std::uint64_t>[ kJwCacheSlots ]()
  };
  std::vector<float> idf_;
  std::vector<std::string> token_text_;  // by token id
  std::vector<float> freq_sorted_, freq_phonetic_;
  std::unordered_map<std::string, float> token_idf_by_text_;
};

}  // namespace jaring::matching::internal
