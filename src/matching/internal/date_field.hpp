// Internal to matching: the date field kind (Comparator::kDate; levels in features.hpp). Each
// row's date is read once with domain::ParseDateFields (fields as written, not validated) and
// packed into 32 bits. Immutable after Build; concurrent comparisons are safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "domain/date_format.hpp"
#include "matching/features.hpp"
#include "matching/internal/field_support.hpp"
#include "matching/records.hpp"

namespace jaring::matching::internal {

class DateField final : public FieldData {
 public:
  int levels() const override { return 6; }
  std::string_view LevelLabel(int level) const override {
    static constexpr std::string_view kLabels[] = {"missing", "different", "placeholder",
                                                   "near",    "swapped",   "exact"};
    return kLabels[level];
  }
  int Compare(std::uint32_t a, std::uint32_t b) const override {
    return CompareDates(dates_[a], dates_[b]);
  }
  // The packed record: present (bit 0), year (bits 1-14), month (15-21), day (22-28; a woman's
  // NIK day reaches 71); 0 when missing; all ones when a part is out of range (then the dates
  // are compared unpacked).
  static constexpr std::size_t kPackedBytes = 4;
  static constexpr std::uint32_t kUnpackable = 0xffffffffu;
  void Pack(std::uint32_t row, std::byte* out) const {
    const domain::DateFields& d = dates_[row];
    std::uint32_t w = 0;
    if (d.present) {
      bool fits = d.year >= 0 && d.year < (1 << 14) && d.month >= 0 && d.month < 128 &&
                  d.day >= 0 && d.day < 128;
      w = fits ? 1u | std::uint32_t(d.year) << 1 | std::uint32_t(d.month) << 15 |
                     std::uint32_t(d.day) << 22
               : kUnpackable;
    }
    std::memcpy(out, &w, sizeof w);
  }
  int ComparePacked(const std::byte* px, const std::byte* py, std::uint32_t a,
                    std::uint32_t b) const {
    const auto x = Load<std::uint32_t>(px), y = Load<std::uint32_t>(py);
    if (x == 0 || y == 0) return 0;
    if (x == y && x != kUnpackable) return 5;
    if (x == kUnpackable || y == kUnpackable) return Compare(a, b);
    auto unpack = [](std::uint32_t w) {
      domain::DateFields d;
      d.present = true;
      d.year = static_cast<int>(w >> 1 & 0x3fff);
      d.month = static_cast<int>(w >> 15 & 127);
      d.day = static_cast<int>(w >> 22 & 127);
      return d;
    };
    return CompareDates(unpack(x), unpack(y));
  }
  bool BlockingValue(std::string_view t, std::uint32_t row, std::string& out) const override;
  void Build(const RecordTable& table, const std::vector<int>& columns);
  // A number per date as written (year 1800-2199, month 1-12, day 1-71: a woman's NIK day
  // included), below kDayKeys; -1 when the row has no such date.
  static constexpr std::int32_t kDayKeys = 400 * 13 * 72;
  std::int32_t DayKey(std::uint32_t row) const {
    const domain::DateFields& d = dates_[row];
    if (!d.present || d.year < 1800 || d.year >= 2200 || d.month < 1 || d.month > 12 || d.day < 1 ||
        d.day > 71)
      return -1;
    return ((d.year - 1800) * 13 + d.month) * 72 + d.day;
  }
  // Whether the row's date is this NIK date part (ddmmyy, a woman's day + 40); false as well
  // when the row has no date (see HasDate).
  bool HasDate(std::uint32_t row) const { return dates_[row].present; }
  bool AgreesWithNikDate(std::uint32_t row, std::string_view ddmmyy) const {
    const domain::DateFields& d = dates_[row];
    if (!d.present || ddmmyy.size() != 6) return false;
    int day = (ddmmyy[0] - '0') * 10 + (ddmmyy[1] - '0');
    if (day > 40) day -= 40;
    const int month = (ddmmyy[2] - '0') * 10 + (ddmmyy[3] - '0');
    const int yy = (ddmmyy[4] - '0') * 10 + (ddmmyy[5] - '0');
    return d.day == day && d.month == month && ((d.year % 100) + 100) % 100 == yy;
  }

 private:
  std::vector<domain::DateFields> dates_;
};

}  // namespace jaring::matching::internal
