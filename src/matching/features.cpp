// Design notes: each field type is one FieldData subclass holding column-oriented arrays
// (one StringColumn or POD vector per derived value), one kind per file (internal/*_field.hpp,
// *_field.cpp). Prepare runs the expensive part (normalisation) in parallel into per-row slots,
// then interns tokens sequentially in row order (internal/interner.hpp), so token ids, and
// therefore everything downstream, are the same for any thread count.
#include "matching/features.hpp"

#include <tbb/parallel_for.h>

#include "matching/internal/address_field.hpp"
#include "matching/internal/date_field.hpp"
#include "matching/internal/name_field.hpp"
#include "matching/internal/nik_field.hpp"
#include "matching/internal/text_field.hpp"

namespace jaring::matching {
namespace {

bool UsesTransform(const Spec& spec, const std::string& field, std::string_view transform) {
  for (const auto& r : spec.blocking) {
    for (const auto& k : r.keys) {
      if (k.field == field && k.transform.ends_with(transform)) return true;
    }
  }
  return false;
}

}  // namespace

Result<Prepared> Prepare(const RecordTable& table, const Spec& spec) {
  Prepared prepared;
  prepared.rows = table.rows();
  std::vector<std::vector<int>> columns(spec.fields.size());
  for (std::size_t f = 0; f < spec.fields.size(); ++f) {
    for (const auto& c : spec.fields[f].columns) {
      int index = table.ColumnIndex(c);
      if (index < 0) {
        return Fail(Error::InvalidArgument("kolom tidak ditemukan", "column '" + c + "' missing"));
      }
      columns[f].push_back(index);
    }
  }
  // Fields are independent: built side by side (each also parallel inside), same result for
  // any thread count.
  prepared.fields.resize(spec.fields.size());
  tbb::parallel_for(std::size_t{0}, spec.fields.size(), [&](std::size_t index) {
    const FieldSpec& f = spec.fields[index];
    std::unique_ptr<FieldData> data;
    switch (f.comparator) {
      case Comparator::kName: {
        auto name = std::make_unique<internal::NameField>();
        name->nicknames_ = f.nicknames;
        name->Build(table, columns[index]);
        if (UsesTransform(spec, f.name, "rare")) name->PrepareRareIndex();
        data = std::move(name);
        break;
      }
      case Comparator::kDate: {
        auto date = std::make_unique<internal::DateField>();
        date->Build(table, columns[index]);
        data = std::move(date);
        break;
      }
      case Comparator::kNik: {
        auto nik = std::make_unique<internal::NikField>();
        nik->Build(table, columns[index]);
        data = std::move(nik);
        break;
      }
      case Comparator::kAddress: {
        auto address = std::make_unique<internal::AddressField>();
        address->Build(table, columns[index]);
        data = std::move(address);
        break;
      }
      default: {
        auto text = std::make_unique<internal::TextField>(f.comparator);
        text->Build(table, columns[index], f.tf);
        data = std::move(text);
      }
    }
    data->tf = f.tf;
    prepared.fields[index] = std::move(data);
  });
  // The NIK reads the name, birth date and sex for pairs one digit apart (see NikField::Level);
  // the first field of each kind, hence the backward walk.
  for (std::size_t f = 0; f < spec.fields.size(); ++f) {
    auto* nik = dynamic_cast<internal::NikField*>(prepared.fields[f].get());
    if (nik == nullptr) continue;
    for (std::size_t g = spec.fields.size(); g-- > 0;) {
      const FieldData* other = prepared.fields[g].get();
      switch (spec.fields[g].comparator) {
        case Comparator::kName:
          nik->name_ = other;
          break;
        case Comparator::kDate:
          nik->date_ = dynamic_cast<const internal::DateField*>(other);
          break;
        case Comparator::kSex:
          nik->sex_ = dynamic_cast<const internal::TextField*>(other);
          break;
        default:
          break;
      }
    }
  }
  prepared.packed = std::make_unique<const PackedRows>(PackRows(prepared.fields, prepared.rows));
  // Check blocking transforms once, so that a typo in a spec is an error, not silence.
  std::string scratch;
  for (const auto& r : spec.blocking) {
    for (const auto& k : r.keys) {
      std::size_t index = 0;
      while (index < spec.fields.size() && spec.fields[index].name != k.field) ++index;
      if (index == spec.fields.size() ||
          (prepared.rows > 0 && !prepared.fields[index]->BlockingValue(k.transform, 0, scratch))) {
        return Fail(Error::InvalidArgument("transformasi blocking tidak dikenal",
                                           "unknown blocking key " + k.field + ":" + k.transform));
      }
    }
  }
  return prepared;
}

}  // namespace jaring::matching
