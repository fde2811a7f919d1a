// Packed rows: every field's comparison data copied into one fixed-size record per row, and the
// agreement pattern of a pair read from two records (see PackedRows in features.hpp). The
// field kinds are told apart once, here, so a pair dispatches with a switch and the kinds'
// inline comparisons (internal/*_field.hpp) instead of virtual calls.
#include <sys/mman.h>
#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <new>

#include "matching/features.hpp"
#include "matching/internal/address_field.hpp"
#include "matching/internal/date_field.hpp"
#include "matching/internal/name_field.hpp"
#include "matching/internal/nik_field.hpp"
#include "matching/internal/text_field.hpp"

namespace jaring::matching {
namespace {

using internal::AddressField;
using internal::DateField;
using internal::NameField;
using internal::NikField;
using internal::TextField;

enum PackKind : int { kPackName = 1, kPackDate, kPackNik, kPackText, kPackAddress };

}  // namespace

void PackedRows::Free::operator()(std::byte* p) const { std::free(p); }

PackedRows PackRows(const std::vector<std::unique_ptr<FieldData>>& fields, std::size_t rows) {
  PackedRows packed;
  std::vector<std::size_t> size(fields.size());
  for (std::size_t f = 0; f < fields.size(); ++f) {
    PackedRows::Field field;
    field.data = fields[f].get();
    if (dynamic_cast<const NameField*>(field.data) != nullptr) {
      field.kind = kPackName;
      size[f] = NameField::kPackedBytes;
    } else if (dynamic_cast<const DateField*>(field.data) != nullptr) {
      field.kind = kPackDate;
      size[f] = DateField::kPackedBytes;
    } else if (dynamic_cast<const NikField*>(field.data) != nullptr) {
      field.kind = kPackNik;
      size[f] = NikField::kPackedBytes;
    } else if (const auto* text = dynamic_cast<const TextField*>(field.data)) {
      field.kind = kPackText;
      size[f] = text->PackedBytes();
    } else {
      field.kind = kPackAddress;
      size[f] = AddressField::kPackedBytes;
    }
    packed.fields_.push_back(field);
  }
  // Largest first, so that every value sits at a multiple of its own size.
  std::vector<std::size_t> order(fields.size());
  for (std::size_t f = 0; f < order.size(); ++f) order[f] = f;
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t x, std::size_t y) { return size[x] > size[y]; });
  std::size_t offset = 0;
  for (std::size_t f : order) {
    packed.fields_[f].offset = static_cast<std::uint32_t>(offset);
    offset += size[f];
  }
  // A record never straddles two cache lines when it fits in one.
  std::size_t stride = 8;
  while (stride < offset && stride < 64) stride *= 2;
  if (stride < offset) stride = (offset + 63) / 64 * 64;
  packed.stride_ = stride;
  // Pairs visit records in no useful order: 2 MB pages (where the kernel gives them on request)
  // spare most of the TLB misses of a 640 MB array at 10M rows.
  constexpr std::size_t kHugePage = std::size_t{2} << 20;
  const std::size_t bytes =
      std::max<std::size_t>((rows * stride + kHugePage - 1) / kHugePage, 1) * kHugePage;
  packed.bytes_.reset(static_cast<std::byte*>(std::aligned_alloc(kHugePage, bytes)));
  if (!packed.bytes_) throw std::bad_alloc();
  madvise(packed.bytes_.get(), bytes, MADV_HUGEPAGE);
  std::byte* base = packed.bytes_.get();
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, rows, 8192), [&](const auto& r) {
    for (std::size_t i = r.begin(); i < r.end(); ++i) {
      std::byte* row = base + i * stride;
      std::memset(row, 0, stride);
      for (const auto& field : packed.fields_) {
        std::byte* out = row + field.offset;
        auto id = static_cast<std::uint32_t>(i);
        switch (field.kind) {
          case kPackName:
            static_cast<const NameField*>(field.data)->Pack(id, out);
            break;
          case kPackDate:
            static_cast<const DateField*>(field.data)->Pack(id, out);
            break;
          case kPackNik:
            static_cast<const NikField*>(field.data)->Pack(id, out);
            break;
          case kPackText:
            static_cast<const TextField*>(field.data)->Pack(id, out);
            break;
          default:
            static_cast<const AddressField*>(field.data)->Pack(id, out);
        }
      }
    }
  });
  return packed;
}

void PackedRows::PrefetchTokens(std::uint32_t row) const {
  const std::byte* record = bytes_.get() + std::size_t{row} * stride_;
  for (const Field& field : fields_) {
    if (field.kind == kPackName) {
      static_cast<const NameField*>(field.data)->PrefetchTokens(record + field.offset);
    } else if (field.kind == kPackAddress) {
      static_cast<const AddressField*>(field.data)->PrefetchTokens(record + field.offset);
    }
  }
}

std::uint64_t PackedRows::Compare(std::uint32_t a, std::uint32_t b) const {
  const std::byte* ra = bytes_.get() + std::size_t{a} * stride_;
  const std::byte* rb = bytes_.get() + std::size_t{b} * stride_;
  std::uint64_t pattern = 0;
  for (std::size_t f = 0; f < fields_.size(); ++f) {
    const Field& field = fields_[f];
    const std::byte* x = ra + field.offset;
    const std::byte* y = rb + field.offset;
    int level;
    switch (field.kind) {
      case kPackName:
        level = static_cast<const NameField*>(field.data)->ComparePacked(x, y, a, b);
        break;
      case kPackDate:
        level = static_cast<const DateField*>(field.data)->ComparePacked(x, y, a, b);
        break;
      case kPackNik:
        level = static_cast<const NikField*>(field.data)->ComparePacked(x, y, a, b);
        break;
      case kPackText:
        level = static_cast<const TextField*>(field.data)->ComparePacked(x, y, a, b);
        break;
      default:
        level = static_cast<const AddressField*>(field.data)->ComparePacked(x, y, a, b);
    }
    pattern |= std::uint64_t(level) << (4 * f);
  }
  return pattern;
}

}  // namespace jaring::matching
