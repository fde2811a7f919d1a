// Internal to matching: the field kinds compared as whole strings (Comparator kDigits, kPhone,
// kRegion, kSex, kExact, kString; levels in features.hpp). Each row's value is normalised for
// its kind once; KK and phone numbers keep the number itself as key, other values an interned
// id, and few distinct values get every level computed up front. Immutable after Build;
// concurrent comparisons are safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "matching/features.hpp"
#include "matching/internal/field_support.hpp"
#include "matching/records.hpp"
#include "matching/similarity.hpp"
#include "matching/spec.hpp"

namespace jaring::matching::internal {

// Strings compared whole: digits (with a small-edit level), phone, region, sex, exact, string.
class TextField final : public FieldData {
 public:
  explicit TextField(Comparator kind) : kind_(kind) {}
  int levels() const override {
    switch (kind_) {
      case Comparator::kSex:
      case Comparator::kExact:
        return 3;
      case Comparator::kDigits:
      case Comparator::kPhone:
        return 4;
      default:
        return 5;
    }
  }
  std::string_view LevelLabel(int level) const override {
    static constexpr std::string_view kBinary[] = {"missing", "different", "exact"};
    static constexpr std::string_view kDigits[] = {"missing", "different", "one_edit", "exact"};
    static constexpr std::string_view kRegion[] = {"missing", "different", "same_regency",
                                                   "same_district", "exact"};
    static constexpr std::string_view kString[] = {"missing", "different", "weak", "similar",
                                                   "exact"};
    switch (kind_) {
      case Comparator::kSex:
      case Comparator::kExact:
        return kBinary[level];
      case Comparator::kDigits:
      case Comparator::kPhone:
        return kDigits[level];
      case Comparator::kRegion:
        return kRegion[level];
      default:
        return kString[level];
    }
  }
  int Compare(std::uint32_t a, std::uint32_t b) const override {
    const std::uint64_t ia = keys_[a], ib = keys_[b];
    if (ia == 0 || ib == 0) return 0;
    if (!matrix_.empty()) return matrix_[ia * distinct_ + ib];
    return CompareValues(ia, ib, values_[a], values_[b]);
  }
  // The packed record: the row's key (8 bytes for numeric keys, else the 4-byte interned id).
  std::size_t PackedBytes() const { return numeric_ ? 8 : 4; }
  void Pack(std::uint32_t row, std::byte* out) const {
    if (numeric_) {
      std::memcpy(out, &keys_[row], 8);
    } else {
      auto id = static_cast<std::uint32_t>(keys_[row]);
      std::memcpy(out, &id, 4);
    }
  }
  int ComparePacked(const std::byte* px, const std::byte* py, std::uint32_t a,
                    std::uint32_t b) const {
    const std::uint64_t x = numeric_ ? Load<std::uint64_t>(px) : Load<std::uint32_t>(px);
    const std::uint64_t y = numeric_ ? Load<std::uint64_t>(py) : Load<std::uint32_t>(py);
    if (x == 0 || y == 0) return 0;
    if (!matrix_.empty()) return matrix_[x * distinct_ + y];
    switch (kind_) {
      case Comparator::kSex:
      case Comparator::kExact:
        return x == y ? 2 : 1;
      case Comparator::kDigits:
      case Comparator::kPhone: {
        if (x == y) return 3;
        if (!numeric_ || !HasBcd(x) || !HasBcd(y)) return Compare(a, b);
        char dx[16], dy[16];
        std::uint64_t pad;
        return ClassifyEdit(FromBcd(x, dx, pad), FromBcd(y, dy, pad)) != SmallEdit::kMore ? 2 : 1;
      }
      default:
        return x == y ? levels() - 1 : Compare(a, b);
    }
  }
  // Level of two values given their ids (a, b) and texts.
  int CompareValues(std::uint64_t a, std::uint64_t b, std::string_view va,
                    std::string_view vb) const;
  double AgreementFrequency(std::uint32_t a, std::uint32_t b, int level) const override;
  // The row's normalised value (sex: "L" or "P" when recognised); empty when missing.
  std::string_view Value(std::uint32_t row) const { return values_[row]; }
  bool BlockingValue(std::string_view t, std::uint32_t row, std::string& out) const override;
  void Build(const RecordTable& table, const std::vector<int>& columns, bool with_tf);

 private:
  std::string Normalise(std::string_view raw) const;

  static constexpr std::uint32_t kMatrixLimit = 1024;
  Comparator kind_;
  bool numeric_ = false;  // keys are the numbers themselves (KK, phone), not interned ids
  StringColumn values_;
  std::vector<std::uint64_t> keys_;    // equal values, equal keys; 0 = missing
  std::vector<std::uint32_t> counts_;  // per interned key (empty for numeric keys)
  std::uint32_t distinct_ = 0;
  std::vector<std::uint8_t> matrix_;  // distinct_ x distinct_ levels, when distinct_ is small
};

}  // namespace jaring::matching::internal
