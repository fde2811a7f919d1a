// Internal to matching: the NIK field kind (Comparator::kNik; levels in features.hpp). Each
// row's NIK is read once with domain::NikDigitsAsWritten (digits as written; an Excel
// scientific form keeps its known prefix) and packed as a BCD word. Immutable after Build;
// concurrent comparisons are safe.
#pragma once

#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "matching/features.hpp"
#include "matching/internal/field_support.hpp"
#include "matching/records.hpp"

namespace jaring::matching::internal {

// How two NIKs as written relate, before the rows' other fields are consulted (levels in
// features.hpp). For two well-formed 16-digit NIKs one substitution or transposition apart, the
// part it touches: the region (district where first issued), the birth date, the sex (+40 on the
// day) or the serial, the next serial told apart (twins are registered one after the other).
enum class NikRelation {
  kMissing,
  kConflict,
  kDamaged,
  kRegionTypo,  // both districts exist: a typo, or a namesake born the same day next door;
                // also an Excel prefix of under 12 digits that agrees
  kDateTypo,
  kSexDigit,
  kNextSerial,  // serials one apart: twins, or a typo
  kSerialTypo,  // serials further apart: a typo, or two people of one district and day
  kOneEdit,
  kExact
};
NikRelation RelateNiks(std::string_view a, bool a_partial, std::string_view b, bool b_partial);
// The level of a relation when nothing else is known of the rows but whether their names agree
// at least phonetically (`same_name`).
int NikLevel(NikRelation relation, bool same_name);

class DateField;
class TextField;

class NikField final : public FieldData {
 public:
  int levels() const override { return 6; }
  std::string_view LevelLabel(int level) const override {
    static constexpr std::string_view kLabels[] = {"missing", "conflict", "damaged",
                                                   "typo",    "one_edit", "exact"};
    return kLabels[level];
  }
  int Compare(std::uint32_t a, std::uint32_t b) const override {
    return Level(digits_[a], partial_[a] != 0, digits_[b], partial_[b] != 0, a, b);
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
    // Equal and whole (a partial Excel prefix ends in 0xE nibbles): exact, unless both are
    // Excel's serial 0000 (the low four digits).
    if (x == y && (x & 0xF) != 0xE && (x & 0xffff) != 0) return 5;
    if ((x & 0xF) <= 9 && (y & 0xF) <= 9) {
      // 16 digits each, three or more apart (most pairs): no string needed (see RelateNiks).
      const std::uint64_t t = x ^ y;
      const std::uint64_t differ = (t | t >> 1 | t >> 2 | t >> 3) & 0x1111111111111111ull;
      if (std::popcount(differ) >= 3) return WellFormed(x) && WellFormed(y) ? 1 : 2;
    }
    char dx[16], dy[16];
    std::uint64_t pad_x, pad_y;
    std::string_view sx = FromBcd(x, dx, pad_x), sy = FromBcd(y, dy, pad_y);
    return Level(sx, pad_x == 0xE, sy, pad_y == 0xE, a, b);
  }
  int Level(std::string_view da, bool pa, std::string_view db, bool pb, std::uint32_t a,
            std::uint32_t b) const {
    const NikRelation relation = RelateNiks(da, pa, db, pb);
    const bool rows_decide = relation == NikRelation::kDateTypo ||
                             relation == NikRelation::kSexDigit ||
                             relation == NikRelation::kNextSerial;
    // Rare: the rows' other fields are read only for these pairs.
    return rows_decide ? LevelOneDigitApart(relation, da, db, a, b) : NikLevel(relation, false);
  }
  // The shares of the typo (3) and one_edit (4) levels among pairs of rows with a NIK whose
  // rows give the same birth date (across the two tables when left_rows > 0), from `pairs`
  // pairs drawn with `seed`; nullopt without a date field or when no two rows share a date.
  // These are the levels' u (Model::EstimateU): the candidates share the birth date, and among
  // people born the same day two NIKs one digit apart are common (serials restart per district
  // and date: neighbouring districts, the next serial), and so is a damaged NIK one edit from
  // another person's (Excel's last digit 0 fits ten serials, district 00 every district).
  // Random pairs almost never come that close, so their u would make these levels strong
  // evidence of a match.
  struct SameDayShares {
    double typo = 0, one_edit = 0;
  };
  std::optional<SameDayShares> SharesAmongSameBirthDate(std::uint64_t seed, std::size_t pairs,
                                                        std::size_t left_rows) const;
  bool BlockingValue(std::string_view t, std::uint32_t row, std::string& out) const override;
  void Build(const RecordTable& table, const std::vector<int>& columns);

  // The spec's first name, date and sex fields, if any: read for NIKs one digit apart.
  const FieldData* name_ = nullptr;
  const DateField* date_ = nullptr;
  const TextField* sex_ = nullptr;

 private:
  // domain::NikDigitsWellFormed of 16 digits in BCD (ToBcd).
  static bool WellFormed(std::uint64_t w) {
    auto two = [&](unsigned at) {  // the two digits from position `at`
      return static_cast<int>((w >> (60 - 4 * at)) & 0xF) * 10 +
             static_cast<int>((w >> (56 - 4 * at)) & 0xF);
    };
    const int day = two(6), month = two(8);
    return two(0) >= 11 && two(2) != 0 && two(4) != 0 &&
           ((day >= 1 && day <= 31) || (day >= 41 && day <= 71)) && month >= 1 && month <= 12 &&
           (w & 0xffff) != 0;
  }
  // Two well-formed NIKs one digit apart, judged with rows a and b (features.hpp, nik levels).
  int LevelOneDigitApart(NikRelation relation, std::string_view da, std::string_view db,
                         std::uint32_t a, std::uint32_t b) const;
  StringColumn digits_;
  std::vector<std::uint8_t> partial_;
};

}  // namespace jaring::matching::internal
