// Design notes
//
// Recognition works on HeaderKey (lower-case ASCII letters and digits), in three tiers:
//  1. the canonical roster names (`nik`, `birth_date`, ...): confidence 1.0;
//  2. a table of known variants in key form ("noktp", "tgllahir", "desakelurahan"): 0.9;
//  3. a few guarded substring rules ("...kecamatan...", "tanggal lahir ..."): 0.6. Guards
//     matter: "Nama Ibu Kandung" is not the worker's name, "Status Nikah" is not a NIK.
// When several columns claim one field, the highest confidence wins, ties go to the leftmost
// column, and the losers are reported as duplicates (their cells stay with the row).
#include "intake/column_mapping.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

namespace jaring::intake {
namespace {

constexpr std::array<std::string_view, kFieldCount> kFieldNames = {
    "nik",
    "kk",
    "name",
    "sex",
    "birth_place",
    "birth_date",
    "birth_place_date",
    "address",
    "dusun",
    "rt",
    "rw",
    "rt_rw",
    "village",
    "district",
    "village_code",
    "occupation",
    "phone",
    "source_id",
    "row_number",
    "death_date",
    "kpj",
    "segment",
};
constexpr std::array<std::string_view, kFieldCount> kFieldLabels = {
    "NIK",
    "No. KK",
    "Nama",
    "Jenis kelamin",
    "Tempat lahir",
    "Tanggal lahir",
    "Tempat, tanggal lahir",
    "Alamat",
    "Dusun",
    "RT",
    "RW",
    "RT/RW",
    "Desa/kelurahan",
    "Kecamatan",
    "Kode desa",
    "Pekerjaan",
    "No. HP",
    "ID sumber",
    "No. urut",
    "Tanggal meninggal",
    "No. KPJ",
    "Segmen",
};

struct Alias {
  std::string_view key;  // HeaderKey form
  Field field;
};

// Canonical roster header (docs: id,nik,kk,name,sex,birth_place,birth_date,address,
// village_code,occupation,phone) plus the other field names: confidence 1.0.
constexpr std::array<Alias, 22> kCanonical = {{
    {"id", Field::kSourceId},
    {"nik", Field::kNik},
    {"kk", Field::kKk},
    {"name", Field::kName},
    {"sex", Field::kSex},
    {"birthplace", Field::kBirthPlace},
    {"birthdate", Field::kBirthDate},
    {"birthplacedate", Field::kBirthPlaceDate},
    {"address", Field::kAddress},
    {"dusun", Field::kDusun},
    {"rt", Field::kRt},
    {"rw", Field::kRw},
    {"rtrw", Field::kRtRw},
    {"village", Field::kVillage},
    {"district", Field::kDistrict},
    {"villagecode", Field::kVillageCode},
    {"occupation", Field::kOccupation},
    {"phone", Field::kPhone},
    {"sourceid", Field::kSourceId},
    {"deathdate", Field::kDeathDate},
    {"kpj", Field::kKpj},
    {"segment", Field::kSegment},
}};

// Known variants: confidence 0.9.
constexpr Alias kVariants[] = {
    // NIK
    {"noktp", Field::kNik},
    {"nomorktp", Field::kNik},
    {"nikktp", Field::kNik},
    {"noktpnik", Field::kNik},
    {"niknoktp", Field::kNik},
    {"nomorindukkependudukan", Field::kNik},
    {"niknomorindukkependudukan", Field::kNik},
    {"nonik", Field::kNik},
    {"nomornik", Field::kNik},
    {"ktp", Field::kNik},
    {"nikpeserta", Field::kNik},
    {"niktenagakerja", Field::kNik},
    {"nikpekerja", Field::kNik},
    {"nonikktp", Field::kNik},
    {"idnumber", Field::kNik},
    // KK
    {"nokk", Field::kKk},
    {"nomorkk", Field::kKk},
    {"nokartukeluarga", Field::kKk},
    {"nomorkartukeluarga", Field::kKk},
    {"kartukeluarga", Field::kKk},
    {"nkk", Field::kKk},
    {"familycard", Field::kKk},
    {"familycardnumber", Field::kKk},
    // Name
    {"nama", Field::kName},
    {"namalengkap", Field::kName},
    {"namapekerja", Field::kName},
    {"namapeserta", Field::kName},
    {"namatenagakerja", Field::kName},
    {"namasesuaiktp", Field::kName},
    {"namaanggota", Field::kName},
    {"fullname", Field::kName},
    {"namalengkapsesuaiktp", Field::kName},
    {"namatk", Field::kName},
    // Sex
    {"jeniskelamin", Field::kSex},
    {"jk", Field::kSex},
    {"lp", Field::kSex},
    {"gender", Field::kSex},
    {"kelamin", Field::kSex},
    {"jnskelamin", Field::kSex},
    {"jenkel", Field::kSex},
    {"jnskel", Field::kSex},
    {"jeniskelaminlp", Field::kSex},
    {"seks", Field::kSex},
    // Birth place / date
    {"tempatlahir", Field::kBirthPlace},
    {"tmplahir", Field::kBirthPlace},
    {"tmptlahir", Field::kBirthPlace},
    {"tptlahir", Field::kBirthPlace},
    {"tempatlhr", Field::kBirthPlace},
    {"placeofbirth", Field::kBirthPlace},
    {"tgllahir", Field::kBirthDate},
    {"tanggallahir", Field::kBirthDate},
    {"tgllhr", Field::kBirthDate},
    {"tanggallhr", Field::kBirthDate},
    {"dateofbirth", Field::kBirthDate},
    {"dob", Field::kBirthDate},
    {"tglahir", Field::kBirthDate},
    {"ttl", Field::kBirthPlaceDate},
    {"tempattanggallahir", Field::kBirthPlaceDate},
    {"tempattgllahir", Field::kBirthPlaceDate},
    {"tmptgllahir", Field::kBirthPlaceDate},
    {"tempatdantanggallahir", Field::kBirthPlaceDate},
    {"tempattgllhr", Field::kBirthPlaceDate},
    {"tmplahirtgllahir", Field::kBirthPlaceDate},
    {"tempatlahirtanggallahir", Field::kBirthPlaceDate},
    {"placeanddateofbirth", Field::kBirthPlaceDate},
    // Address
    {"alamat", Field::kAddress},
    {"alamatlengkap", Field::kAddress},
    {"alamatdomisili", Field::kAddress},
    {"alamatrumah", Field::kAddress},
    {"alamatktp", Field::kAddress},
    {"jalan", Field::kAddress},
    {"dsn", Field::kDusun},
    {"dukuh", Field::kDusun},
    {"namadusun", Field::kDusun},
    {"rtrw", Field::kRtRw},
    // Village / district / code
    {"desa", Field::kVillage},
    {"kelurahan", Field::kVillage},
    {"desakelurahan", Field::kVillage},
    {"kelurahandesa", Field::kVillage},
    {"desakel", Field::kVillage},
    {"deskel", Field::kVillage},
    {"namadesa", Field::kVillage},
    {"kel", Field::kVillage},
    {"kelurahandesa", Field::kVillage},
    {"kecamatan", Field::kDistrict},
    {"kec", Field::kDistrict},
    {"namakecamatan", Field::kDistrict},
    {"subdistrict", Field::kDistrict},
    {"kodedesa", Field::kVillageCode},
    {"kodedesakelurahan", Field::kVillageCode},
    {"kodekelurahan", Field::kVillageCode},
    {"kddesa", Field::kVillageCode},
    {"kodewilayah", Field::kVillageCode},
    {"kodewilayahdesa", Field::kVillageCode},
    // Occupation
    {"pekerjaan", Field::kOccupation},
    {"jenispekerjaan", Field::kOccupation},
    {"profesi", Field::kOccupation},
    {"matapencaharian", Field::kOccupation},
    {"pekerjaanutama", Field::kOccupation},
    {"job", Field::kOccupation},
    {"jenisusaha", Field::kOccupation},
    // Phone
    {"nohp", Field::kPhone},
    {"nomorhp", Field::kPhone},
    {"hp", Field::kPhone},
    {"telepon", Field::kPhone},
    {"telp", Field::kPhone},
    {"notelp", Field::kPhone},
    {"notelepon", Field::kPhone},
    {"nomortelepon", Field::kPhone},
    {"wa", Field::kPhone},
    {"nowa", Field::kPhone},
    {"nomorwa", Field::kPhone},
    {"nohpwa", Field::kPhone},
    {"handphone", Field::kPhone},
    {"phonenumber", Field::kPhone},
    {"nomorhandphone", Field::kPhone},
    {"telephone", Field::kPhone},
    {"mobile", Field::kPhone},
    {"notlp", Field::kPhone},
    {"whatsapp", Field::kPhone},
    // The extracts: death date, membership number, segment
    {"tglmeninggal", Field::kDeathDate},
    {"tanggalmeninggal", Field::kDeathDate},
    {"tglkematian", Field::kDeathDate},
    {"tanggalkematian", Field::kDeathDate},
    {"tglwafat", Field::kDeathDate},
    {"tanggalwafat", Field::kDeathDate},
    {"tanggalmeninggaldunia", Field::kDeathDate},
    {"dateofdeath", Field::kDeathDate},
    {"nokpj", Field::kKpj},
    {"nomorkpj", Field::kKpj},
    {"kpjno", Field::kKpj},
    {"nopeserta", Field::kKpj},
    {"nomorpeserta", Field::kKpj},
    {"nokartupeserta", Field::kKpj},
    {"nomorkartupeserta", Field::kKpj},
    {"membershipnumber", Field::kKpj},
    {"segmen", Field::kSegment},
    {"segmenpeserta", Field::kSegment},
    {"segmentasi", Field::kSegment},
    {"jeniskepesertaan", Field::kSegment},
    {"kepesertaan", Field::kSegment},
    {"kategoripeserta", Field::kSegment},
    // Running numbers
    {"no", Field::kRowNumber},
    {"nourut", Field::kRowNumber},
    {"nomorurut", Field::kRowNumber},
    {"nomor", Field::kRowNumber},
    {"urut", Field::kRowNumber},
};

bool Contains(std::string_view key, std::string_view part) {
  return key.find(part) != std::string_view::npos;
}
bool ContainsAny(std::string_view key, std::initializer_list<std::string_view> parts) {
  return std::ranges::any_of(parts, [&](std::string_view p) { return Contains(key, p); });
}

// Tier 3: guarded substring rules. `matched` names the rule for the preview.
std::optional<std::pair<Field, std::string_view>> Heuristic(std::string_view key) {
  if (key.empty()) return std::nullopt;
  // Other people's data in the same sheet: mother's, head of family's, heir's.
  // ("ayah" only as a word of its own: "wilayah" contains it.)
  const bool other_person =
      ContainsAny(key, {"ibu", "namaayah", "nikayah", "ayahkandung", "kepala", "waris", "suami",
                        "istri", "bapak", "orangtua", "pasangan"}) ||
      (key.ends_with("ayah") && !key.ends_with("wilayah"));
  if (other_person) return std::nullopt;
  const bool has_birth = ContainsAny(key, {"lahir", "lhr"});
  if (has_birth && ContainsAny(key, {"tempat", "tmp", "tpt"}) &&
      ContainsAny(key, {"tanggal", "tgl"})) {
    return std::pair{Field::kBirthPlaceDate, "tempat+tanggal lahir"};
  }
  if (has_birth && ContainsAny(key, {"tanggal", "tgl"})) {
    return std::pair{Field::kBirthDate, "tanggal lahir"};
  }
  if (has_birth && ContainsAny(key, {"tempat", "tmp", "tpt"})) {
    return std::pair{Field::kBirthPlace, "tempat lahir"};
  }
  if (ContainsAny(key, {"meninggal", "kematian", "wafat"}) &&
      ContainsAny(key, {"tanggal", "tgl"})) {
    return std::pair{Field::kDeathDate, "tanggal meninggal"};
  }
  if (Contains(key, "kpj")) return std::pair{Field::kKpj, "kpj"};
  if (Contains(key, "segmen")) return std::pair{Field::kSegment, "segmen"};
  if (Contains(key, "kode") && ContainsAny(key, {"desa", "kel", "wilayah"})) {
    return std::pair{Field::kVillageCode, "kode desa"};
  }
  if (Contains(key, "nik") && !Contains(key, "nikah")) return std::pair{Field::kNik, "nik"};
  if (Contains(key, "ktp") && !Contains(key, "alamat") && !Contains(key, "nama")) {
    return std::pair{Field::kNik, "ktp"};
  }
  if (Contains(key, "kartukeluarga") || key.starts_with("nokk") || key.starts_with("nomorkk")) {
    return std::pair{Field::kKk, "kartu keluarga"};
  }
  if (Contains(key, "kecamatan")) return std::pair{Field::kDistrict, "kecamatan"};
  if (ContainsAny(key, {"desa", "kelurahan"})) return std::pair{Field::kVillage, "desa"};
  if (Contains(key, "kelamin")) return std::pair{Field::kSex, "kelamin"};
  if (Contains(key, "pekerjaan")) return std::pair{Field::kOccupation, "pekerjaan"};
  if (ContainsAny(key, {"telp", "telepon", "handphone", "whatsapp"}) || key.starts_with("nohp") ||
      key.starts_with("nomorhp")) {
    return std::pair{Field::kPhone, "telepon"};
  }
  if (key.starts_with("alamat")) return std::pair{Field::kAddress, "alamat"};
  if (key.starts_with("nama")) return std::pair{Field::kName, "nama"};
  return std::nullopt;
}

struct Candidate {
  Field field;
  ColumnMatch match;
};

std::optional<Candidate> Recognise(int column, const std::string& header) {
  const std::string key = HeaderKey(header);
  if (key.empty()) return std::nullopt;
  for (const auto& alias : kCanonical) {
    if (alias.key == key) return Candidate{alias.field, {column, header, std::string(key), 1.0}};
  }
  for (const auto& alias : kVariants) {
    if (alias.key == key) return Candidate{alias.field, {column, header, std::string(key), 0.9}};
  }
  if (auto guess = Heuristic(key)) {
    return Candidate{guess->first, {column, header, std::string(guess->second), 0.6}};
  }
  return std::nullopt;
}

}  // namespace

std::string_view FieldName(Field field) { return kFieldNames[static_cast<std::size_t>(field)]; }

std::optional<Field> FieldFromName(std::string_view name) {
  for (std::size_t i = 0; i < kFieldCount; ++i) {
    if (kFieldNames[i] == name) return static_cast<Field>(i);
  }
  return std::nullopt;
}

std::string_view FieldLabel(Field field) { return kFieldLabels[static_cast<std::size_t>(field)]; }

bool IsWorkerField(Field field) {
  return field != Field::kDeathDate && field != Field::kKpj && field != Field::kSegment;
}

std::string HeaderKey(std::string_view header) {
  std::string key;
  key.reserve(header.size());
  for (char c : header) {
    if (c >= 'A' && c <= 'Z') {
      key += static_cast<char>(c - 'A' + 'a');
    } else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      key += c;
    }
  }
  return key;
}

std::optional<int> ColumnMapping::ColumnOf(Field field) const {
  const auto& match = Match(field);
  if (!match) return std::nullopt;
  return match->column;
}

void ColumnMapping::Set(Field field, int column, std::string header) {
  for (std::size_t i = 0; i < kFieldCount; ++i) {
    if (fields_[i] && fields_[i]->column == column && i != static_cast<std::size_t>(field)) {
      Clear(static_cast<Field>(i));
    }
  }
  Clear(field);
  std::erase_if(unmapped, [&](const UnmappedColumn& u) { return u.column == column; });
  std::erase_if(duplicates, [&](const auto& d) { return d.second.column == column; });
  fields_[static_cast<std::size_t>(field)] = ColumnMatch{column, std::move(header), "manual", 1.0};
}

void ColumnMapping::Clear(Field field) {
  auto& slot = fields_[static_cast<std::size_t>(field)];
  if (!slot) return;
  UnmappedColumn freed{slot->column, slot->header};
  slot.reset();
  const auto at = std::ranges::lower_bound(unmapped, freed.column, {}, &UnmappedColumn::column);
  unmapped.insert(at, std::move(freed));
}

std::vector<Field> ColumnMapping::MissingRequired() const {
  std::vector<Field> missing;
  for (Field field : {Field::kNik, Field::kName}) {
    if (!Has(field)) missing.push_back(field);
  }
  return missing;
}

ColumnMapping DetectMapping(std::span<const std::string> header) {
  ColumnMapping mapping;
  mapping.column_count = static_cast<int>(header.size());
  std::vector<Candidate> losers;
  std::vector<bool> mapped(header.size(), false);
  for (std::size_t c = 0; c < header.size(); ++c) {
    auto candidate = Recognise(static_cast<int>(c), header[c]);
    if (!candidate) continue;
    auto& slot = mapping.fields_[static_cast<std::size_t>(candidate->field)];
    if (!slot) {
      slot = std::move(candidate->match);
    } else if (candidate->match.confidence > slot->confidence) {
      losers.push_back({candidate->field, std::move(*slot)});
      slot = std::move(candidate->match);
    } else {
      losers.push_back(std::move(*candidate));
    }
  }
  for (const auto& slot : mapping.fields_) {
    if (slot) mapped[static_cast<std::size_t>(slot->column)] = true;
  }
  for (std::size_t c = 0; c < header.size(); ++c) {
    if (!mapped[c]) mapping.unmapped.push_back({static_cast<int>(c), header[c]});
  }
  // Two running-number columns are not worth a question.
  std::erase_if(losers, [](const Candidate& l) { return l.field == Field::kRowNumber; });
  std::ranges::sort(losers, {}, [](const Candidate& l) { return l.match.column; });
  for (auto& loser : losers) mapping.duplicates.emplace_back(loser.field, std::move(loser.match));
  return mapping;
}

std::optional<std::size_t> FindHeaderRow(std::span<const std::vector<std::string>> rows) {
  std::optional<std::size_t> best;
  std::size_t best_count = 0;
  for (std::size_t r = 0; r < rows.size(); ++r) {
    const ColumnMapping mapping = DetectMapping(rows[r]);
    std::size_t count = 0;
    for (std::size_t f = 0; f < kFieldCount; ++f) {
      if (mapping.Has(static_cast<Field>(f))) ++count;
    }
    const bool key_field = mapping.Has(Field::kNik) || mapping.Has(Field::kName);
    if (count >= 2 && key_field && count > best_count) {
      best = r;
      best_count = count;
    }
  }
  return best;
}

namespace {
nlohmann::json MatchToJson(const ColumnMatch& m) {
  return {{"column", m.column},
          {"header", m.header},
          {"matched", m.matched},
          {"confidence", m.confidence}};
}
}  // namespace

nlohmann::json MappingToJson(const ColumnMapping& mapping) {
  nlohmann::json json;
  json["version"] = 1;
  json["column_count"] = mapping.column_count;
  nlohmann::json fields = nlohmann::json::object();
  for (std::size_t f = 0; f < kFieldCount; ++f) {
    const auto& match = mapping.Match(static_cast<Field>(f));
    if (match) fields[std::string(kFieldNames[f])] = MatchToJson(*match);
  }
  json["fields"] = std::move(fields);
  nlohmann::json unmapped = nlohmann::json::array();
  for (const auto& u : mapping.unmapped) {
    unmapped.push_back({{"column", u.column}, {"header", u.header}});
  }
  json["unmapped"] = std::move(unmapped);
  nlohmann::json duplicates = nlohmann::json::array();
  for (const auto& [field, match] : mapping.duplicates) {
    auto entry = MatchToJson(match);
    entry["field"] = FieldName(field);
    duplicates.push_back(std::move(entry));
  }
  json["duplicates"] = std::move(duplicates);
  return json;
}

Result<ColumnMapping> MappingFromJson(const nlohmann::json& json) {
  const auto bad = [](std::string why) {
    return Fail(Error::InvalidArgument("Templat pemetaan kolom tidak valid", std::move(why)));
  };
  try {
    if (!json.is_object() || json.value("version", 0) != 1) return bad("version must be 1");
    ColumnMapping mapping;
    mapping.column_count = json.value("column_count", 0);
    const auto read_match = [](const nlohmann::json& j) {
      return ColumnMatch{j.at("column").get<int>(), j.value("header", std::string()),
                         j.value("matched", std::string("template")), j.value("confidence", 1.0)};
    };
    std::vector<int> used;
    for (const auto& [name, entry] : json.at("fields").items()) {
      const auto field = FieldFromName(name);
      if (!field) return bad("unknown field '" + name + "'");
      ColumnMatch match = read_match(entry);
      if (match.column < 0) return bad("negative column for '" + name + "'");
      if (std::ranges::find(used, match.column) != used.end()) {
        return bad("two fields on column " + std::to_string(match.column));
      }
      used.push_back(match.column);
      mapping.fields_[static_cast<std::size_t>(*field)] = std::move(match);
    }
    if (json.contains("unmapped")) {
      for (const auto& u : json.at("unmapped")) {
        mapping.unmapped.push_back({u.at("column").get<int>(), u.value("header", std::string())});
      }
    }
    if (json.contains("duplicates")) {
      for (const auto& d : json.at("duplicates")) {
        const auto field = FieldFromName(d.at("field").get<std::string>());
        if (!field) return bad("unknown duplicate field");
        mapping.duplicates.emplace_back(*field, read_match(d));
      }
    }
    return mapping;
  } catch (const nlohmann::json::exception& e) {
    return bad(e.what());
  }
}

ColumnMapping ApplyTemplate(const ColumnMapping& saved, std::span<const std::string> header) {
  ColumnMapping detected = DetectMapping(header);
  ColumnMapping result;
  result.column_count = static_cast<int>(header.size());
  std::vector<bool> taken(header.size(), false);
  // Saved fields first, found by header key.
  for (std::size_t f = 0; f < kFieldCount; ++f) {
    const auto& match = saved.fields_[f];
    if (!match) continue;
    const std::string key = HeaderKey(match->header);
    for (std::size_t c = 0; c < header.size(); ++c) {
      if (!taken[c] && HeaderKey(header[c]) == key) {
        result.fields_[f] = ColumnMatch{static_cast<int>(c), header[c], "template", 1.0};
        taken[c] = true;
        break;
      }
    }
  }
  // Then what detection found, for fields and columns still free.
  for (std::size_t f = 0; f < kFieldCount; ++f) {
    const auto& match = detected.fields_[f];
    if (result.fields_[f] || !match || taken[static_cast<std::size_t>(match->column)]) continue;
    result.fields_[f] = *match;
    taken[static_cast<std::size_t>(match->column)] = true;
  }
  for (std::size_t c = 0; c < header.size(); ++c) {
    if (!taken[c]) result.unmapped.push_back({static_cast<int>(c), header[c]});
  }
  for (const auto& [field, match] : detected.duplicates) {
    if (!taken[static_cast<std::size_t>(match.column)])
      result.duplicates.emplace_back(field, match);
  }
  return result;
}

}  // namespace jaring::intake
