// Design notes
//
// Scope: everything is looked up inside the regency first. The regency's districts and
// villages are contiguous spans of the index (sorted by code), so a district's villages are a
// sub-span and "the villages of this district" needs no search. Keys (RegionIndex::NameKey)
// are computed once per resolver for the regency's few hundred regions.
//
// Order of decisions for names (village V, district D):
//  1. D given: exact in the regency, else old spelling / one typo (warning), else D unknown.
//  2. D unknown: the pair (D, V) elsewhere in the country -> VILLAGE_OUTSIDE_REGENCY naming
//     the regency. Without D a village name alone says too little (Kalirejo exists in dozens
//     of regencies), so it is only looked for inside the regency.
//  3. V in D's villages when D resolved, else in the regency's: exact (FindByName), else
//     fuzzy. One -> resolved. Several -> VILLAGE_AMBIGUOUS with all candidates.
//  4. V not in D but in the regency -> VILLAGE_NOT_IN_DISTRICT naming where it is.
//  5. D unknown but V unique in the regency: resolved, with DISTRICT_UNKNOWN as a warning;
//     otherwise DISTRICT_UNKNOWN and VILLAGE_UNKNOWN errors.
// One typo means optimal string alignment distance 1, only for keys of 5+ characters and only
// when exactly one candidate is that close: short names are too close to each other.
#include "intake/region_resolver.hpp"

#include <algorithm>

namespace jaring::intake {
namespace {

using domain::Region;
using domain::RegionIndex;
using domain::RegionLevel;

// Optimal string alignment distance, capped: returns 2 for anything beyond 1.
int DistanceAtMostOne(std::string_view a, std::string_view b) {
  if (a == b) return 0;
  const std::size_t n = a.size(), m = b.size();
  if (n > m + 1 || m > n + 1) return 2;
  std::size_t i = 0;
  while (i < n && i < m && a[i] == b[i]) ++i;
  if (n == m) {
    // Substitution at i, or transposition of i and i+1.
    if (a.substr(i + 1) == b.substr(i + 1)) return 1;
    if (i + 1 < n && a[i] == b[i + 1] && a[i + 1] == b[i] && a.substr(i + 2) == b.substr(i + 2)) {
      return 1;
    }
    return 2;
  }
  // One insertion/deletion at i.
  if (n > m) return a.substr(i + 1) == b.substr(i) ? 1 : 2;
  return b.substr(i + 1) == a.substr(i) ? 1 : 2;
}

// Old (pre-1972) spellings in modern form: oe->u, dj->j, tj->c.
std::string Modernise(std::string_view key) {
  std::string out;
  out.reserve(key.size());
  for (std::size_t i = 0; i < key.size(); ++i) {
    if (i + 1 < key.size()) {
      const std::string_view pair = key.substr(i, 2);
      if (pair == "oe") {
        out += 'u';
        ++i;
        continue;
      }
      if (pair == "dj") {
        out += 'j';
        ++i;
        continue;
      }
      if (pair == "tj") {
        out += 'c';
        ++i;
        continue;
      }
    }
    out += key[i];
  }
  return out;
}

std::string_view TrimText(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\'')) {
    s.remove_prefix(1);
  }
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) {
    s.remove_suffix(1);
  }
  return s;
}

std::string Quote(std::string_view text) { return "'" + std::string(text) + "'"; }

std::string DistrictOf(const RegionIndex& index, const Region& village) {
  const Region* district = index.Parent(village.code);
  return district ? domain::DisplayName(*district) : std::string("?");
}

std::string ListVillages(const RegionIndex& index, const std::vector<const Region*>& villages) {
  std::string list;
  for (const Region* v : villages) {
    if (!list.empty()) list += "; ";
    list += v->name + " di " + DistrictOf(index, *v) + " (" + v->code + ")";
  }
  return list;
}

}  // namespace

RegionResolver::RegionResolver(const RegionIndex& index, std::string regency_code)
    : index_(index), regency_code_(std::move(regency_code)) {
  regency_ = index_.Find(regency_code_);
  JARING_ASSERT(regency_ != nullptr && regency_->level == RegionLevel::kRegency,
                "RegionResolver needs an existing regency code");
  districts_ = index_.Within(regency_code_, RegionLevel::kDistrict);
  villages_ = index_.Within(regency_code_, RegionLevel::kVillage);
  district_keys_.reserve(districts_.size());
  for (const auto& d : districts_) {
    district_keys_.push_back(RegionIndex::NameKey(RegionLevel::kDistrict, d.name));
  }
  village_keys_.reserve(villages_.size());
  for (const auto& v : villages_) {
    village_keys_.push_back(RegionIndex::NameKey(RegionLevel::kVillage, v.name));
  }
}

const Region* RegionResolver::Fuzzy(std::span<const Region> scope,
                                    const std::vector<std::string>& keys, std::size_t offset,
                                    std::string_view key) const {
  if (key.empty()) return nullptr;
  // Old spellings first: exact after modernising both sides.
  const std::string modern = Modernise(key);
  const Region* found = nullptr;
  int hits = 0;
  for (std::size_t i = 0; i < scope.size(); ++i) {
    if (Modernise(keys[offset + i]) == modern) {
      found = &scope[i];
      ++hits;
    }
  }
  if (hits == 1) return found;
  if (hits > 1 || modern.size() < 5) return nullptr;
  found = nullptr;
  hits = 0;
  for (std::size_t i = 0; i < scope.size(); ++i) {
    if (DistanceAtMostOne(Modernise(keys[offset + i]), modern) <= 1) {
      found = &scope[i];
      ++hits;
    }
  }
  return hits == 1 ? found : nullptr;
}

VillageResolution RegionResolver::ComputeNames(std::string_view village_text,
                                               std::string_view district_text) const {
  VillageResolution result;
  village_text = TrimText(village_text);
  district_text = TrimText(district_text);
  const std::string regency_name = regency_->name;

  // 1. District.
  bool district_unknown = false;
  if (!district_text.empty()) {
    auto found = index_.FindByName(regency_code_, RegionLevel::kDistrict, district_text);
    if (found.size() == 1) {
      result.district = found.front();
    } else if (found.size() > 1) {
      result.findings.push_back(
          {codes::kDistrictAmbiguous, Severity::kError, true,
           "Kecamatan " + Quote(district_text) + " ada lebih dari satu di " + regency_name});
      return result;
    } else {
      const std::string key = RegionIndex::NameKey(RegionLevel::kDistrict, district_text);
      if (const Region* fuzzy = Fuzzy(districts_, district_keys_, 0, key)) {
        result.district = fuzzy;
        result.findings.push_back({codes::kDistrictNameCorrected, Severity::kWarning, true,
                                   "Kecamatan " + Quote(district_text) + " dibaca sebagai " +
                                       fuzzy->name + " (" + fuzzy->code + ")"});
      } else {
        district_unknown = true;
      }
    }
  }
  if (village_text.empty()) {
    if (district_unknown) {
      result.findings.push_back(
          {codes::kDistrictUnknown, Severity::kError, true,
           "Kecamatan " + Quote(district_text) + " tidak ada di " + regency_name});
    }
    return result;
  }

  // 2. A district of another regency: the pair elsewhere in the country.
  if (district_unknown) {
    for (const Region* district : index_.FindByName("", RegionLevel::kDistrict, district_text)) {
      if (district->code.starts_with(regency_code_ + ".")) continue;
      for (const Region* v :
           index_.FindByName(district->code, RegionLevel::kVillage, village_text)) {
        result.candidates.push_back(v);
      }
    }
    if (!result.candidates.empty()) {
      std::string where;
      for (const Region* v : result.candidates) {
        const auto path = index_.Path(v->code);
        if (!where.empty()) where += "; ";
        where += v->name + ", " + DistrictOf(index_, *v) + ", " +
                 (path.size() > 1 ? path[1]->name : std::string("?")) + " (" + v->code + ")";
      }
      result.findings.push_back({codes::kVillageOutsideRegency, Severity::kError, false,
                                 "Desa " + Quote(village_text) + " di kecamatan " +
                                     Quote(district_text) + " berada di luar " + regency_name +
                                     ": " + where});
      return result;
    }
  }
  // 3. Village in the district (when known) or the regency.
  std::span<const Region> scope = villages_;
  std::size_t offset = 0;
  if (result.district) {
    scope = index_.Within(result.district->code, RegionLevel::kVillage);
    offset = static_cast<std::size_t>(scope.data() - villages_.data());
  }
  const std::string_view scope_code =
      result.district ? std::string_view(result.district->code) : std::string_view(regency_code_);
  auto exact = index_.FindByName(scope_code, RegionLevel::kVillage, village_text);
  if (exact.size() == 1) {
    result.village = exact.front();
  } else if (exact.size() > 1) {
    result.candidates = std::move(exact);
    result.findings.push_back({codes::kVillageAmbiguous, Severity::kError, false,
                               "Desa " + Quote(village_text) +
                                   " ada di beberapa kecamatan; isi kolom Kecamatan: " +
                                   ListVillages(index_, result.candidates)});
    return result;
  } else {
    const std::string key = RegionIndex::NameKey(RegionLevel::kVillage, village_text);
    if (const Region* fuzzy = Fuzzy(scope, village_keys_, offset, key)) {
      result.village = fuzzy;
      result.findings.push_back({codes::kVillageNameCorrected, Severity::kWarning, false,
                                 "Desa " + Quote(village_text) + " dibaca sebagai " + fuzzy->name +
                                     " di " + DistrictOf(index_, *fuzzy) + " (" + fuzzy->code +
                                     ")"});
    }
  }
  if (result.village) {
    if (district_unknown) {
      result.findings.insert(
          result.findings.begin(),
          {codes::kDistrictUnknown, Severity::kWarning, true,
           "Kecamatan " + Quote(district_text) + " tidak ada di " + regency_name + "; desa " +
               result.village->name + " di " + DistrictOf(index_, *result.village) + " dipakai"});
    }
    return result;
  }

  // 4. Not in the given district, but in the regency.
  if (result.district) {
    auto elsewhere = index_.FindByName(regency_code_, RegionLevel::kVillage, village_text);
    if (!elsewhere.empty()) {
      result.candidates = std::move(elsewhere);
      result.findings.push_back({codes::kVillageNotInDistrict, Severity::kError, false,
                                 "Desa " + Quote(village_text) + " tidak ada di " +
                                     domain::DisplayName(*result.district) +
                                     "; yang ada: " + ListVillages(index_, result.candidates)});
      return result;
    }
  }

  if (district_unknown) {
    result.findings.push_back(
        {codes::kDistrictUnknown, Severity::kError, true,
         "Kecamatan " + Quote(district_text) + " tidak ada di " + regency_name});
  }
  result.findings.push_back(
      {codes::kVillageUnknown, Severity::kError, false,
       "Desa " + Quote(village_text) + " tidak ditemukan di " +
           (result.district ? domain::DisplayName(*result.district) : regency_name)});
  return result;
}

VillageResolution RegionResolver::ComputeCode(std::string_view text) const {
  VillageResolution result;
  text = TrimText(text);
  if (text.empty()) return result;
  std::string code(text);
  if (std::ranges::all_of(code, [](char c) { return c >= '0' && c <= '9'; })) {
    if (auto expanded = domain::ExpandRegionCode(code)) code = *expanded;
  }
  const Region* region = index_.Find(code);
  if (region == nullptr || region->level != RegionLevel::kVillage) {
    result.findings.push_back({codes::kVillageUnknown, Severity::kError, false,
                               "Kode desa " + Quote(text) + " tidak dikenal"});
    return result;
  }
  if (!region->code.starts_with(regency_code_ + ".")) {
    result.candidates.push_back(region);
    const auto path = index_.Path(region->code);
    result.findings.push_back({codes::kVillageOutsideRegency, Severity::kError, false,
                               "Kode desa " + Quote(text) + " (" + region->name + ", " +
                                   (path.size() > 1 ? path[1]->name : std::string("?")) +
                                   ") berada di luar " + regency_->name});
    return result;
  }
  result.village = region;
  result.district = index_.Parent(region->code);
  return result;
}

const VillageResolution& RegionResolver::ResolveNames(std::string_view village,
                                                      std::string_view district) {
  scratch_.assign(village);
  scratch_ += '\x1f';
  scratch_ += district;
  auto it = by_names_.find(scratch_);
  if (it != by_names_.end()) return it->second;
  if (by_names_.size() >= kMaxCached) {
    uncached_ = ComputeNames(village, district);
    return uncached_;
  }
  return by_names_.emplace(scratch_, ComputeNames(village, district)).first->second;
}

const VillageResolution& RegionResolver::ResolveCode(std::string_view code) {
  scratch_.assign(code);
  auto it = by_code_.find(scratch_);
  if (it != by_code_.end()) return it->second;
  if (by_code_.size() >= kMaxCached) {
    uncached_ = ComputeCode(code);
    return uncached_;
  }
  return by_code_.emplace(scratch_, ComputeCode(code)).first->second;
}

}  // namespace jaring::intake
