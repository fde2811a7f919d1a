// Prepared fields and their comparators: each input column turned once into the form its
// comparator needs (normalised names with token ids, parsed dates, digit strings...), so that
// comparing a pair costs no parsing and no allocation. Values are read with domain's vocabulary
// (names: domain/name_normalize.hpp; NIKs: domain/nik.hpp; dates: domain/date_format.hpp); the
// field kinds live in internal/ (one per file), the packed rows in packed_rows.cpp.
//
// Every comparator returns a graded agreement level: 0 means "missing on one side" (the field
// says nothing about the pair and gets weight 0), 1 means "disagree", higher levels mean closer
// agreement; the highest level is exact agreement. Levels and their labels per type:
//   nik     1 conflict: two well-formed NIKs (domain::NikDigitsWellFormed) more than one typo
//           apart, or one digit apart where the rows show two people: each NIK agrees with its
//           own row's birth date (date part: a father and his namesake son) or sex (sex part:
//           a brother and a sister), or the serials are consecutive or the sex part differs
//           under two names (twins; the spec's first name field, at least phonetic agreement);
//           2 damaged: different, one side malformed (or an Excel prefix that disagrees);
//           3 typo: one digit changed or two swapped in two well-formed NIKs where the rows do
//           not decide: the region part (both districts exist), serials not consecutive, the
//           next serial or the sex part under one name, the date part when the rows' dates do
//           not say which NIK is right;
//           4 one_edit: a digit dropped or doubled, a malformed copy one edit away, a district
//           that does not exist, Excel's last digit 0 (serial 0000 on both sides too: it does
//           not lift a veto as exact does), an Excel prefix of 12+ digits that agrees (a
//           shorter one: 3), one digit apart where only one NIK agrees with its own row's sex,
//           or with the birth date both rows give (the other is the damaged copy); 5 exact.
//           With a date field in the spec, the u of levels 3 and 4 is measured among rows born
//           the same day, as the candidates are (NikField::SharesAmongSameBirthDate).
//   name    1 different, 2 weak (soft token similarity >= 0.85 or rare-token overlap >= 0.67,
//           or every word of one name is in the other: "Eko" / "Eko Prasetyo"),
//           3 similar (soft >= 0.94 or overlap >= 0.8), 4 same phonetic key, 5 same canonical
//           tokens (any order); a disagreeing bin/binti tail caps the level at 2
//   date    1 different (the same year with another day and month too: a namesake born that
//           year), 2 same year, one date a placeholder (1 January or 31 December), 3 year ±1 or
//           one digit apart (year, month or day), 4 day/month swapped or day +40 (a woman's NIK
//           day), 5 exact
//   sex     1 different, 2 same
//   region  1 different, 2 same regency, 3 same district, 4 same village (exact code)
//   digits, phone (KK, ids, numbers)  1 different, 2 one edit apart, 3 exact
//   address 1 different, 2 token overlap >= 0.34, 3 >= 0.67, 4 same tokens
//   string  1 different, 2 JW >= 0.80, 3 JW >= 0.92, 4 exact
//   exact   1 different, 2 same
// All comparators are symmetric: Compare(a, b) == Compare(b, a).
// Prepared data is immutable after Prepare: concurrent Compare calls are safe.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.hpp"
#include "domain/date_format.hpp"
#include "domain/nik.hpp"
#include "matching/records.hpp"
#include "matching/spec.hpp"

namespace jaring::matching {

class FieldData {
 public:
  virtual ~FieldData() = default;
  // Number of levels including level 0 (missing).
  virtual int levels() const = 0;
  virtual std::string_view LevelLabel(int level) const = 0;
  virtual int Compare(std::uint32_t a, std::uint32_t b) const = 0;
  // For fields with term-frequency adjustment: the relative frequency (0, 1] of the value the
  // pair agrees on at `level`, or 0 when the level is not an agreement on a value.
  virtual double AgreementFrequency(std::uint32_t /*a*/, std::uint32_t /*b*/, int /*level*/) const {
    return 0.0;
  }
  // The blocking key part of one record under a transform (see each type); empty = missing.
  // Returns false if the transform is unknown for this type.
  virtual bool BlockingValue(std::string_view transform, std::uint32_t row,
                             std::string& out) const = 0;
  // A sort key for the sliding window inside oversized blocks (usually the normalised value).
  virtual void SortValue(std::uint32_t row, std::string& out) const { BlockingValue("", row, out); }
  bool tf = false;
};

// Every field's per-row comparison data copied into one fixed-size record per row (the NIK as a
// number, the date packed into 32 bits, interned ids of the name's keys, village, KK, phone...),
// records laid out row after row. Comparing a pair then reads two records (for the roster spec
// one 64-byte cache line each) instead of a dozen column arrays of the whole table, and
// dispatches on each field's type without a virtual call. The levels are those of
// FieldData::Compare, which stays the reference: a field whose packed value cannot decide a
// pair (a value too long to pack) falls back to it for that pair.
class PackedRows {
 public:
  // Agreement pattern (4 bits per field, field 0 lowest) of rows a and b.
  std::uint64_t Compare(std::uint32_t a, std::uint32_t b) const;
  std::size_t stride() const { return stride_; }
  // Hint that row's record will be compared soon (candidate pairs visit rows in no useful order).
  void Prefetch(std::uint32_t row) const {
    const std::byte* p = bytes_.get() + std::size_t{row} * stride_;
    __builtin_prefetch(p);
    if (stride_ > 64) __builtin_prefetch(p + 64);
  }
  // Hint for what the comparison reads beyond the record (name and address token ids); the
  // record itself should be in cache by now (Prefetch some pairs earlier).
  void PrefetchTokens(std::uint32_t row) const;

  struct Field {
    int kind = 0;              // which FieldData subclass
    std::uint32_t offset = 0;  // byte offset inside a row's record
    const FieldData* data = nullptr;
  };

 private:
  friend PackedRows PackRows(const std::vector<std::unique_ptr<FieldData>>& fields,
                             std::size_t rows);
  struct Free {
    void operator()(std::byte* p) const;
  };
  std::vector<Field> fields_;  // in spec order
  std::size_t stride_ = 0;
  std::unique_ptr<std::byte[], Free> bytes_;
};

// The packed records of prepared fields (Prepare calls it; exposed for tests). Parallel over rows.
PackedRows PackRows(const std::vector<std::unique_ptr<FieldData>>& fields, std::size_t rows);

// All fields of a table (or of two tables laid end to end for linking), in spec order.
struct Prepared {
  std::size_t rows = 0;
  std::vector<std::unique_ptr<FieldData>> fields;
  std::unique_ptr<const PackedRows> packed;  // filled by Prepare
};

// Prepares every field of `spec` from `table`. The spec's columns must exist in the table
// (RestrictToColumns first): InvalidArgument otherwise. Parallel over rows (oneTBB, in the
// caller's arena); the result does not depend on the number of threads.
Result<Prepared> Prepare(const RecordTable& table, const Spec& spec);

// The comparator for two raw names on their own (normalisation + name levels, without
// term-frequency weighting; `nicknames` as FieldSpec::nicknames): for tests and golden tables.
int CompareRawNames(std::string_view a, std::string_view b, bool nicknames = false);

// The comparators of single values, exposed for tests. Values are read by domain's parsers, as
// Prepare reads them: dates with domain::ParseDateFields, NIKs with domain::NikDigitsAsWritten.
int CompareDates(const domain::DateFields& a, const domain::DateFields& b);
// `same_name`: the pair's names agree at least phonetically (see the nik levels above).
int CompareNiks(const domain::NikDigits& a, const domain::NikDigits& b, bool same_name = false);
int CompareNikDigits(std::string_view a, bool a_partial, std::string_view b, bool b_partial,
                     bool same_name = false);
int CompareRegions(std::string_view a, std::string_view b);

}  // namespace jaring::matching
