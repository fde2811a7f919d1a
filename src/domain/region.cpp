// Design notes
//
// * Storage: one vector per level, sorted by dotted code. Codes have fixed widths per segment
//   (2, 2, 2, 4 digits), so byte order equals numeric order and all descendants of a code at one
//   level form one contiguous range: [code + ".", code + "/") ('/' is the byte after '.').
//   Find is a binary search; Children/Within return spans into the vectors, never copies.
// * Validation on load: every code has the shape of its level, its parent column equals the
//   code minus its last segment, that parent exists, and no code repeats. A failure names the
//   file and line.
// * Names: FindByName compares NameKey()s precomputed at load (one per region), so a search
//   inside a regency touches a few hundred short strings.
// * The embedded CSVs are linked in by the generated region_data.S (see CMakeLists.txt) and
//   parsed once, under the thread-safe initialisation of a function-local static.
#include "domain/region.hpp"

#include <algorithm>
#include <array>
#include <fstream>
#include <sstream>
#include <string>

extern "C" {
extern const char jaring_region_provinces_csv_start[];
extern const char jaring_region_provinces_csv_end[];
extern const char jaring_region_regencies_csv_start[];
extern const char jaring_region_regencies_csv_end[];
extern const char jaring_region_districts_csv_start[];
extern const char jaring_region_districts_csv_end[];
extern const char jaring_region_villages_csv_start[];
extern const char jaring_region_villages_csv_end[];
}

namespace jaring::domain {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool AllDigits(std::string_view s) { return std::ranges::all_of(s, IsDigit); }

int LevelIndex(RegionLevel level) { return static_cast<int>(level); }

// Segment widths of a dotted code per level.
constexpr std::array<std::size_t, 4> kSegmentWidth = {2, 2, 2, 4};

std::string_view ParentOf(std::string_view code) {
  const auto dot = code.rfind('.');
  return dot == std::string_view::npos ? std::string_view{} : code.substr(0, dot);
}

// A minimal RFC 4180 reader: quoted fields, "" escapes, LF or CRLF line ends. Fields are views
// into the text; only a quoted field containing "" is copied (into a per-field scratch string).
class CsvRows {
 public:
  static constexpr std::size_t kMaxFields = 4;

  explicit CsvRows(std::string_view text) : text_(text) {}

  // Reads the next record; false at end of input. `count` may exceed kMaxFields (extra fields
  // are counted, not stored). `line` is the 1-based line where the record starts.
  bool Next(std::array<std::string_view, kMaxFields>& fields, std::size_t& count, int& line) {
    if (pos_ >= text_.size()) return false;
    count = 0;
    line = ++line_;
    while (true) {
      std::string_view field;
      if (pos_ < text_.size() && text_[pos_] == '"') {
        field = Quoted();
      } else {
        // A plain loop: string_view::find_first_of calls memchr once per character.
        std::size_t stop = pos_;
        while (stop < text_.size() && text_[stop] != ',' && text_[stop] != '\n') ++stop;
        field = text_.substr(pos_, stop - pos_);
        pos_ = stop;
      }
      if (count < kMaxFields) fields[count] = field;
      ++count;
      if (pos_ < text_.size() && text_[pos_] == ',') {
        ++pos_;
        continue;
      }
      // End of record. A CR before the LF ends an unquoted field or follows a closing quote.
      if (count <= kMaxFields && fields[count - 1].ends_with('\r')) {
        fields[count - 1].remove_suffix(1);
      }
      if (pos_ < text_.size() && text_[pos_] == '\r') ++pos_;
      if (pos_ < text_.size() && text_[pos_] != '\n') {
        // Text after a closing quote: report the record as malformed (count 0).
        const std::size_t end = text_.find('\n', pos_);
        pos_ = end == std::string_view::npos ? text_.size() : end + 1;
        count = 0;
        return true;
      }
      if (pos_ < text_.size()) ++pos_;  // the '\n'
      return true;
    }
  }

 private:
  // pos_ is at the opening quote; leaves pos_ after the closing quote (and anything up to the
  // next ',' or '\n', which is appended as RFC 4180 parsers usually do).
  std::string_view Quoted() {
    ++pos_;
    const std::size_t start = pos_;
    std::string* scratch = nullptr;
    while (pos_ < text_.size()) {
      const char c = text_[pos_];
      if (c == '"') {
        if (pos_ + 1 < text_.size() && text_[pos_ + 1] == '"') {
          if (scratch == nullptr) {
            scratch = &scratch_[next_scratch_++ % scratch_.size()];
            scratch->assign(text_.substr(start, pos_ - start));
          }
          *scratch += '"';
          pos_ += 2;
          continue;
        }
        const std::string_view plain = text_.substr(start, pos_ - start);
        ++pos_;
        return scratch != nullptr ? std::string_view(*scratch) : plain;
      }
      if (c == '\n') ++line_;
      if (scratch != nullptr) *scratch += c;
      ++pos_;
    }
    return scratch != nullptr ? std::string_view(*scratch) : text_.substr(start);
  }

  std::string_view text_;
  std::size_t pos_ = 0;
  int line_ = 0;
  std::array<std::string, kMaxFields> scratch_;
  std::size_t next_scratch_ = 0;
};

Error LoadError(std::string_view file, int line, std::string_view what) {
  std::string details(file);
  details += ":";
  details += std::to_string(line);
  details += ": ";
  details += what;
  return Error::InvalidArgument("Data wilayah tidak valid", std::move(details));
}

// Reads one level's CSV into `out` (unsorted). Provinces have 2 columns, other levels 3.
Status ReadLevel(std::string_view text, RegionLevel level, std::string_view file,
                 std::vector<Region>& out) {
  const bool has_parent = level != RegionLevel::kProvince;
  const std::size_t columns = has_parent ? 3 : 2;
  out.reserve(static_cast<std::size_t>(std::ranges::count(text, '\n')));
  CsvRows rows(text);
  std::array<std::string_view, CsvRows::kMaxFields> fields;
  std::size_t count = 0;
  int line = 0;
  if (!rows.Next(fields, count, line) || count != columns || fields[0] != "code") {
    return Fail(LoadError(file, 1, "unexpected header"));
  }
  while (rows.Next(fields, count, line)) {
    if (count == 1 && fields[0].empty()) continue;  // blank line (e.g. at the end)
    if (count != columns) {
      return Fail(LoadError(file, line, "wrong number of columns or a malformed quoted field"));
    }
    const std::string_view code = fields[0];
    const std::string_view name = fields[columns - 1];
    if (LevelOfCode(code) != level) {
      return Fail(LoadError(file, line, "malformed code '" + std::string(code) + "'"));
    }
    if (name.empty()) return Fail(LoadError(file, line, "empty name"));
    if (has_parent && fields[1] != ParentOf(code)) {
      return Fail(
          LoadError(file, line, "parent '" + std::string(fields[1]) + "' does not prefix code"));
    }
    Region& region = out.emplace_back();
    region.code = code;
    region.name = name;
    region.level = level;
    if (has_parent) region.parent_code = fields[1];
  }
  return {};
}

bool CodeLess(const Region& a, const Region& b) { return a.code < b.code; }

Result<std::string> ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return Fail(Error::Unavailable("Berkas data wilayah tidak dapat dibaca", path.string()));
  }
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

// Kind words that may precede a region name, per level, and the kind they denote for
// regencies. Only the level's own words are stripped: a district may be called "Kota Bahagia".
enum class Kind { kNone, kKabupaten, kKota, kOther };
struct KindWord {
  RegionLevel level;
  std::string_view word;
  Kind kind;
};
constexpr std::array<KindWord, 13> kKindWords = {{
    {RegionLevel::kProvince, "provinsi", Kind::kOther},
    {RegionLevel::kProvince, "prov", Kind::kOther},
    {RegionLevel::kRegency, "kabupaten", Kind::kKabupaten},
    {RegionLevel::kRegency, "kab", Kind::kKabupaten},
    {RegionLevel::kRegency, "kota", Kind::kKota},
    {RegionLevel::kDistrict, "kecamatan", Kind::kOther},
    {RegionLevel::kDistrict, "kec", Kind::kOther},
    {RegionLevel::kDistrict, "distrik", Kind::kOther},
    {RegionLevel::kVillage, "kelurahan", Kind::kOther},
    {RegionLevel::kVillage, "kel", Kind::kOther},
    {RegionLevel::kVillage, "desa", Kind::kOther},
    {RegionLevel::kVillage, "ds", Kind::kOther},
    {RegionLevel::kVillage, "kampung", Kind::kOther},
}};

char LowerAscii(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }
bool IsAlnumAscii(char c) { return IsDigit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// Splits a leading kind word ("Kab. ", "Kota ") from the rest; the word must be followed by a
// space or a dot so that "Kotabaru" keeps its name.
// If `text` starts with `word` (any case) followed by a space or a dot and more text, the text
// after it (leading punctuation removed); otherwise nullopt.
std::optional<std::string_view> AfterWord(std::string_view text, std::string_view word) {
  if (text.size() <= word.size()) return std::nullopt;
  for (std::size_t i = 0; i < word.size(); ++i) {
    if (LowerAscii(text[i]) != word[i]) return std::nullopt;
  }
  const char next = text[word.size()];
  if (next != ' ' && next != '.') return std::nullopt;
  std::string_view rest = text.substr(word.size());
  while (!rest.empty() && !IsAlnumAscii(rest.front())) rest.remove_prefix(1);
  if (rest.empty()) return std::nullopt;  // the name is only the kind word: keep it
  return rest;
}

std::pair<Kind, std::string_view> SplitKind(RegionLevel level, std::string_view name) {
  while (!name.empty() && !IsAlnumAscii(name.front())) name.remove_prefix(1);
  for (const auto& [word_level, word, kind] : kKindWords) {
    if (word_level != level) continue;
    auto rest = AfterWord(name, word);
    if (!rest) continue;
    // Jakarta: "Kota Administrasi Jakarta Pusat", "Kabupaten Administrasi Kepulauan Seribu".
    if (level == RegionLevel::kRegency) {
      if (auto after = AfterWord(*rest, "administrasi")) rest = after;
    }
    return {kind, *rest};
  }
  return {Kind::kNone, name};
}

std::string KeyOf(std::string_view text) {
  std::string key;
  key.reserve(text.size());
  for (char c : text) {
    if (IsAlnumAscii(c)) key += LowerAscii(c);
  }
  return key;
}

}  // namespace

std::string_view RegionLevelCode(RegionLevel level) {
  switch (level) {
    case RegionLevel::kProvince:
      return "provinsi";
    case RegionLevel::kRegency:
      return "kabupaten_kota";
    case RegionLevel::kDistrict:
      return "kecamatan";
    case RegionLevel::kVillage:
      return "desa_kelurahan";
  }
  return "provinsi";
}

std::optional<RegionLevel> LevelOfCode(std::string_view code) {
  std::size_t segment = 0;
  while (true) {
    if (segment >= kSegmentWidth.size()) return std::nullopt;
    const auto dot = code.find('.');
    const std::string_view part = code.substr(0, dot);
    if (part.size() != kSegmentWidth[segment] || !AllDigits(part)) return std::nullopt;
    if (dot == std::string_view::npos) return static_cast<RegionLevel>(segment);
    code.remove_prefix(dot + 1);
    ++segment;
  }
}

std::string CompactRegionCode(std::string_view dotted_code) {
  if (!LevelOfCode(dotted_code)) return {};
  std::string out;
  for (char c : dotted_code) {
    if (c != '.') out += c;
  }
  return out;
}

std::optional<std::string> ExpandRegionCode(std::string_view compact) {
  if (!AllDigits(compact)) return std::nullopt;
  const std::size_t n = compact.size();
  if (n != 2 && n != 4 && n != 6 && n != 10) return std::nullopt;
  std::string out(compact.substr(0, 2));
  std::size_t pos = 2;
  for (std::size_t segment = 1; pos < n; ++segment) {
    out += '.';
    out += compact.substr(pos, kSegmentWidth[segment]);
    pos += kSegmentWidth[segment];
  }
  return out;
}

bool IsKelurahan(const Region& region) {
  return region.level == RegionLevel::kVillage && region.code.size() == 13 && region.code[9] == '1';
}

std::string DisplayName(const Region& region) {
  switch (region.level) {
    case RegionLevel::kProvince:
      return "Provinsi " + region.name;
    case RegionLevel::kRegency:
      return region.name;  // already "Kabupaten X" / "Kota X"
    case RegionLevel::kDistrict:
      // Papua's provinces (9x) call their districts "distrik".
      return (region.code.starts_with('9') ? "Distrik " : "Kecamatan ") + region.name;
    case RegionLevel::kVillage:
      return (IsKelurahan(region) ? "Kelurahan " : "Desa ") + region.name;
  }
  return region.name;
}

std::string RegionIndex::NameKey(RegionLevel level, std::string_view name) {
  return KeyOf(SplitKind(level, name).second);
}

Result<RegionIndex> RegionIndex::LoadFromText(std::string_view provinces_csv,
                                              std::string_view regencies_csv,
                                              std::string_view districts_csv,
                                              std::string_view villages_csv) {
  RegionIndex index;
  const std::array<std::pair<std::string_view, std::string_view>, 4> inputs = {{
      {provinces_csv, "provinces.csv"},
      {regencies_csv, "regencies.csv"},
      {districts_csv, "districts.csv"},
      {villages_csv, "villages.csv"},
  }};
  std::array<std::vector<Region>*, 4> levels = {&index.provinces_, &index.regencies_,
                                                &index.districts_, &index.villages_};
  std::array<std::vector<std::string>*, 4> keys = {&index.province_keys_, &index.regency_keys_,
                                                   &index.district_keys_, &index.village_keys_};
  for (int i = 0; i < 4; ++i) {
    const auto level = static_cast<RegionLevel>(i);
    auto& regions = *levels[i];
    if (auto read = ReadLevel(inputs[i].first, level, inputs[i].second, regions); !read) {
      return Fail(std::move(read.error()));
    }
    if (!std::ranges::is_sorted(regions, CodeLess)) std::ranges::sort(regions, CodeLess);
    std::string_view known_parent;  // sorted input: consecutive regions share a parent
    for (std::size_t r = 0; r < regions.size(); ++r) {
      if (r > 0 && regions[r].code == regions[r - 1].code) {
        return Fail(LoadError(inputs[i].second, 0, "duplicate code '" + regions[r].code + "'"));
      }
      if (i == 0 || regions[r].parent_code == known_parent) continue;
      known_parent = regions[r].parent_code;
      if (!index.Exists(known_parent)) {
        return Fail(LoadError(
            inputs[i].second, 0,
            "unknown parent '" + regions[r].parent_code + "' of '" + regions[r].code + "'"));
      }
    }
    keys[i]->reserve(regions.size());
    for (const auto& region : regions) keys[i]->push_back(NameKey(level, region.name));
  }
  return index;
}

Result<RegionIndex> RegionIndex::LoadFromCsv(const std::filesystem::path& provinces_csv,
                                             const std::filesystem::path& regencies_csv,
                                             const std::filesystem::path& districts_csv,
                                             const std::filesystem::path& villages_csv) {
  auto provinces = ReadFile(provinces_csv);
  if (!provinces) return Fail(std::move(provinces.error()));
  auto regencies = ReadFile(regencies_csv);
  if (!regencies) return Fail(std::move(regencies.error()));
  auto districts = ReadFile(districts_csv);
  if (!districts) return Fail(std::move(districts.error()));
  auto villages = ReadFile(villages_csv);
  if (!villages) return Fail(std::move(villages.error()));
  return LoadFromText(*provinces, *regencies, *districts, *villages);
}

const RegionIndex& RegionIndex::Embedded() {
  static const RegionIndex* const index = [] {
    auto view = [](const char* start, const char* end) {
      return std::string_view(start, static_cast<std::size_t>(end - start));
    };
    auto loaded =
        LoadFromText(view(jaring_region_provinces_csv_start, jaring_region_provinces_csv_end),
                     view(jaring_region_regencies_csv_start, jaring_region_regencies_csv_end),
                     view(jaring_region_districts_csv_start, jaring_region_districts_csv_end),
                     view(jaring_region_villages_csv_start, jaring_region_villages_csv_end));
    JARING_ASSERT(loaded.has_value(), "embedded idn-area-data must parse");
    return new RegionIndex(std::move(*loaded));  // never freed: lives for the process
  }();
  return *index;
}

const std::vector<Region>& RegionIndex::Level(RegionLevel level) const {
  switch (level) {
    case RegionLevel::kProvince:
      return provinces_;
    case RegionLevel::kRegency:
      return regencies_;
    case RegionLevel::kDistrict:
      return districts_;
    case RegionLevel::kVillage:
      return villages_;
  }
  return provinces_;
}

std::span<const Region> RegionIndex::All(RegionLevel level) const { return Level(level); }

const Region* RegionIndex::Find(std::string_view code) const {
  const auto level = LevelOfCode(code);
  if (!level) return nullptr;
  const auto& regions = Level(*level);
  const auto it = std::ranges::lower_bound(
      regions, code, {}, [](const Region& r) { return std::string_view(r.code); });
  return (it != regions.end() && it->code == code) ? &*it : nullptr;
}

const Region* RegionIndex::Parent(std::string_view code) const {
  const Region* region = Find(code);
  if (region == nullptr || region->parent_code.empty()) return nullptr;
  return Find(region->parent_code);
}

std::span<const Region> RegionIndex::Within(std::string_view code, RegionLevel level) const {
  const auto& regions = Level(level);
  if (code.empty()) return regions;
  const auto own = LevelOfCode(code);
  if (!own || LevelIndex(level) <= LevelIndex(*own)) return {};
  std::string low(code);
  low += '.';
  std::string high(code);
  high += '/';
  auto key = [](const Region& r) { return std::string_view(r.code); };
  const auto first = std::ranges::lower_bound(regions, std::string_view(low), {}, key);
  const auto last = std::ranges::lower_bound(first, regions.end(), std::string_view(high), {}, key);
  return {first, last};
}

std::span<const Region> RegionIndex::Children(std::string_view code) const {
  if (code.empty()) return provinces_;
  const auto own = LevelOfCode(code);
  if (!own || *own == RegionLevel::kVillage) return {};
  return Within(code, static_cast<RegionLevel>(LevelIndex(*own) + 1));
}

std::vector<const Region*> RegionIndex::Path(std::string_view code) const {
  std::vector<const Region*> path;
  for (const Region* r = Find(code); r != nullptr; r = Parent(r->code)) path.push_back(r);
  std::ranges::reverse(path);
  return path;
}

std::vector<const Region*> RegionIndex::FindByName(std::string_view parent_code, RegionLevel level,
                                                   std::string_view name) const {
  std::vector<const Region*> found;
  const auto [query_kind, rest] = SplitKind(level, name);
  const std::string key = KeyOf(rest);
  if (key.empty()) return found;
  const std::span<const Region> candidates = Within(parent_code, level);
  if (candidates.empty()) return found;
  const auto& all = Level(level);
  const std::vector<std::string>& keys = level == RegionLevel::kProvince   ? province_keys_
                                         : level == RegionLevel::kRegency  ? regency_keys_
                                         : level == RegionLevel::kDistrict ? district_keys_
                                                                           : village_keys_;
  const auto offset = static_cast<std::size_t>(candidates.data() - all.data());
  // Only regencies have two kinds sharing names (Kabupaten/Kota Pasuruan).
  const bool filter_kind = level == RegionLevel::kRegency &&
                           (query_kind == Kind::kKabupaten || query_kind == Kind::kKota);
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    if (keys[offset + i] != key) continue;
    if (filter_kind && SplitKind(level, candidates[i].name).first != query_kind) continue;
    found.push_back(&candidates[i]);
  }
  return found;
}

}  // namespace jaring::domain
