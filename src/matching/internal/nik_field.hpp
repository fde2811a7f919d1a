// Internal to matching: the NIK field kind (Comparator::kNik; levels in features.hpp). Each
// row's NIK is read once with domain::NikDigitsAsWritten (digits as written; an Excel
// scientific form keeps its known prefix) and packed as a BCD word. Immutable after Build;
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

namespace jaring::matching::internal {

class NikField final : public FieldData {
 public:
  int levels() const override { return 6; }
  std::string_view LevelLabel(int level) const override {
    static constexpr std::string_view kLabels[] = {
        "missing", "different", "same_birth_part", "same_region_birth", "one_edit", "exact"};
    return kLabels[level];
  }
  int Compare(std::uint32_t a, std::uint32_t b) const override {
    return Level(digits_[a], partial_[a] != 0, digits_[b], partial_[b] != 0);
  }
  // The packed record: the digits as BCD (ToBcd), padded with 0xE for a partial (Excel) NIK and
  // 0xF otherwise; 0 when missing.
  static constexpr std::size_t kPackedBytes = 8;
  void Pack(std::uint32_t row, std::byte* out) const {
    std::string_view d = digits_[row];
    std::uint64_t w = d.empty() ? 0 : ToBcd(d, partial_[row] ? 0xE : 0xF);
    std::memcpy(out, &w, sizeof w);
  }
  int ComparePacked(const std::byte* px, const std::byte* py, std::uint32_t a,
                    std::uint32_t b) const {
    const auto x = Load<std::uint64_t>(px), y = Load<std::uint64_t>(py);
    if (x == 0 || y == 0) return 0;
    if (!HasBcd(x) || !HasBcd(y)) return Compare(a, b);
    char dx[16], dy[16];
    std::uint64_t pad_x, pad_y;
    std::string_view sx = FromBcd(x, dx, pad_x), sy = FromBcd(y, dy, pad_y);
    if (x == y && pad_x != 0xE) return 5;
    return Level(sx, pad_x == 0xE, sy, pad_y == 0xE);
  }
  int Level(std::string_view da, bool pa, std::string_view db, bool pb) const {
    int level = CompareNikDigits(da, pa, db, pb);
    // With a birth-date field in the spec, the NIK's date and region parts repeat evidence the
    // date and region fields already give; counting it twice breaks the independence the
    // Fellegi–Sunter sum assumes (every same-birthday pair would look like a match).
    // Likewise one digit apart inside the region part (first 6 digits) of two full NIKs with
    // the same date and serial is, more often than a typo, two people born on the same day in
    // neighbouring districts (serials restart per district and date).
    // And one digit changed or two swapped between two full NIKs is, more often than a typo,
    // two people: in the region part, born the same day in neighbouring districts; in the
    // date part, born a few days apart (the date field judges that); in the serial, born the
    // same day in the same district (serials count 0001, 0002... per district and date).
    // Only a serial of 0000 (Excel rounded the last digit) stays a damaged copy of the other.
    if (collapse_parts_ && level == 4 && da.size() == 16 && db.size() == 16 && !pa && !pb &&
        da.substr(12) != "0000" && db.substr(12) != "0000") {
      level = 1;
    }
    if (collapse_parts_ && (level == 2 || level == 3)) level = 1;
    return level;
  }
  bool BlockingValue(std::string_view t, std::uint32_t row, std::string& out) const override;
  void Build(const RecordTable& table, const std::vector<int>& columns);

  bool collapse_parts_ = false;  // the spec also has a date field (see Level)

 private:
  StringColumn digits_;
  std::vector<std::uint8_t> partial_;
};

}  // namespace jaring::matching::internal
