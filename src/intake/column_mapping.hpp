// Column mapping: which column of an incoming list holds which worker field.
//
// Village staff and line offices write their own headers ("No. KTP", "Nama Lengkap", "L/P",
// "Tgl. Lahir", "Desa/Kelurahan", "No. HP", ...). DetectMapping recognises Indonesian and
// English headers and their common variants, ignoring case, spaces and punctuation, and says
// how sure it is; the operator confirms or corrects the result in the UI, and the corrected
// mapping is saved (ToJson) as a template for the next file from the same source
// (ApplyTemplate). Columns that map to nothing are never dropped: they are listed as unmapped
// and travel with each row (into quarantine, or as extras of an accepted row).
// All functions are pure and thread-safe.
#pragma once

#include <array>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.hpp"

namespace jaring::intake {

// The worker fields an import can fill. Names (FieldName) are stable: they appear in saved
// templates, RowIssue::field and APIs.
enum class Field : std::uint8_t {
  kNik,             // "nik"
  kKk,              // "kk"
  kName,            // "name"
  kSex,             // "sex"
  kBirthPlace,      // "birth_place"
  kBirthDate,       // "birth_date"
  kBirthPlaceDate,  // "birth_place_date": "Tempat, Tanggal Lahir" / "TTL" = "Pasuruan, 12-05-1975"
  kAddress,         // "address"
  kDusun,           // "dusun": hamlet, joined into the address
  kRt,              // "rt": joined into the address
  kRw,              // "rw"
  kRtRw,            // "rt_rw": "004/001"
  kVillage,         // "village": name of the desa/kelurahan
  kDistrict,        // "district": name of the kecamatan
  kVillageCode,     // "village_code": "35.14.01.2001" or "3514012001"
  kOccupation,      // "occupation"
  kPhone,           // "phone"
  kSourceId,        // "source_id": the sender's own record id (canonical roster `id`)
  kRowNumber,       // "row_number": "No", "No." running numbers; recognised and ignored
  // Fields of the month's extracts (deaths from the civil registry, BPJS memberships); a worker
  // list does not map them (IsWorkerField).
  kDeathDate,  // "death_date": "Tgl. Meninggal", "Tanggal Kematian"
  kKpj,        // "kpj": the BPJS membership number ("No. KPJ", "Nomor Peserta")
  kSegment,    // "segment": PU (wage earner) or BPU ("Segmen", "Jenis Kepesertaan")
};
inline constexpr std::size_t kFieldCount = 22;

// True for the fields a worker list can fill (all but the extracts' own).
bool IsWorkerField(Field field);

std::string_view FieldName(Field field);
std::optional<Field> FieldFromName(std::string_view name);
// Indonesian label for messages and the UI: "NIK", "Nama", "Tanggal lahir", ...
std::string_view FieldLabel(Field field);

// The key headers are compared by: ASCII letters lower-cased and digits, everything else
// (spaces, punctuation, non-ASCII) removed. "No. KTP" -> "noktp", "L/P" -> "lp".
std::string HeaderKey(std::string_view header);

// How a column was recognised.
struct ColumnMatch {
  int column = -1;      // 0-based
  std::string header;   // the header cell as written in the file
  std::string matched;  // the known form it matched ("no ktp"), or "manual" / "template"
  // 1.0: the canonical roster name or set by a person; 0.9: a known variant; 0.6: a
  // heuristic (e.g. any header containing "kecamatan"), worth a look in the preview.
  double confidence = 0;
};

struct UnmappedColumn {
  int column = -1;
  std::string header;
};

// Field -> column. Copyable value; no invariants beyond "a column maps to at most one field",
// which Set keeps.
class ColumnMapping {
 public:
  // The column of `field`, or nullopt.
  std::optional<int> ColumnOf(Field field) const;
  const std::optional<ColumnMatch>& Match(Field field) const {
    return fields_[static_cast<std::size_t>(field)];
  }
  bool Has(Field field) const { return Match(field).has_value(); }

  // A person's correction: maps `field` to `column` with confidence 1 (matched = "manual").
  // Any other field mapped to that column is unmapped first; the column leaves `unmapped`.
  void Set(Field field, int column, std::string header);
  // Removes the field; its column becomes unmapped (it still travels with the rows).
  void Clear(Field field);

  // Fields without which no row can be accepted (NIK and name) that have no column.
  std::vector<Field> MissingRequired() const;

  // Columns that could be the same field as a mapped one but lost (lower confidence or later
  // position): e.g. both "NIK" and "NIK KTP", or "No. HP" and "WA". Shown for the operator to
  // choose; they are also in `unmapped`, so their cells are kept.
  std::vector<std::pair<Field, ColumnMatch>> duplicates;
  // Columns mapped to nothing (kept with every row).
  std::vector<UnmappedColumn> unmapped;
  // Number of columns in the header the mapping was made for.
  int column_count = 0;

 private:
  std::array<std::optional<ColumnMatch>, kFieldCount> fields_{};
  friend ColumnMapping DetectMapping(std::span<const std::string>);
  friend Result<ColumnMapping> MappingFromJson(const nlohmann::json&);
  friend ColumnMapping ApplyTemplate(const ColumnMapping&, std::span<const std::string>);
};

// Recognises the header cells. Never fails: unknown headers become `unmapped`; check
// MissingRequired() before importing.
ColumnMapping DetectMapping(std::span<const std::string> header);

// Among the first rows of a sheet (title lines often sit above the header), the index of the
// row that looks most like a header: the most recognised cells, at least two of them, one of
// them NIK or name. nullopt when none qualifies.
std::optional<std::size_t> FindHeaderRow(std::span<const std::vector<std::string>> rows);

// Template JSON, stable (version 1):
//   {"version":1,"column_count":9,
//    "fields":{"nik":{"column":1,"header":"No. KTP","matched":"no ktp","confidence":0.9},...},
//    "unmapped":[{"column":8,"header":"Keterangan"}],
//    "duplicates":[{"field":"phone","column":7,"header":"WA",...}]}
nlohmann::json MappingToJson(const ColumnMapping& mapping);
// InvalidArgument on a wrong version, an unknown field name, a negative column or two fields
// on one column.
Result<ColumnMapping> MappingFromJson(const nlohmann::json& json);

// Applies a saved template to a new file's header: each field goes to the column whose
// HeaderKey equals the template's header key (files from one source reorder columns);
// fields whose header is gone are left to DetectMapping, whose result fills the rest.
ColumnMapping ApplyTemplate(const ColumnMapping& saved, std::span<const std::string> header);

}  // namespace jaring::intake
