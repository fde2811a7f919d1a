// Region resolution: the village a row names, as a Kemendagri code inside the import's regency.
//
// Lists name the village and district as people write them ("Ds. Lebak Rejo", "LEBAKREJO",
// "Kec. Purwodadi", "Lebakreja"), or give a village code ("35.14.01.2003" or "3514012003").
// The resolver turns these into a village of the regency, or into findings that say exactly
// what is wrong: unknown, ambiguous (with every candidate), in another district, or outside
// the regency (with the regency it belongs to). Findings carry the stable codes of issues.hpp
// and Indonesian messages, so the row validator copies them into RowIssues.
//
// Matching tiers: exact after RegionIndex::NameKey (case, spacing, punctuation and the kind
// word "Desa"/"Ds."/"Kel."/"Kec." ignored); then old spellings (oe->u, dj->j, tj->c); then one
// typo (insertion, deletion, substitution or transposition of adjacent letters) when exactly
// one name of the scope is that close and the name has at least 5 letters. A corrected name is
// a warning (VILLAGE_NAME_CORRECTED / DISTRICT_NAME_CORRECTED) naming what it was read as.
//
// A file has thousands of rows with the same few villages: results are cached per distinct
// (village, district) text and per code. Not thread-safe (the cache); use one resolver per
// import. The cache holds at most kMaxCached entries per kind (a hostile file with a million
// distinct names must not grow memory without bound); beyond, answers are computed each time.
// The RegionIndex must outlive the resolver.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "domain/region.hpp"
#include "intake/issues.hpp"

namespace jaring::intake {

struct RegionFinding {
  std::string_view code;  // codes::kVillageUnknown, ...
  Severity severity = Severity::kError;
  bool about_district = false;  // the district cell is at fault (else the village or code cell)
  std::string message;          // Indonesian
};

struct VillageResolution {
  // The village, set when it could be resolved inside the regency (possibly with warnings).
  const domain::Region* village = nullptr;
  // The district named in the row, when it resolved inside the regency.
  const domain::Region* district = nullptr;
  // Where a name that could not be settled exists: the villages of an ambiguous name, or the
  // regency's villages of that name outside the given district; for VILLAGE_OUTSIDE_REGENCY,
  // the matching village(s) elsewhere.
  std::vector<const domain::Region*> candidates;
  std::vector<RegionFinding> findings;  // errors and warnings, in cell order

  bool ok() const { return village != nullptr; }
};

class RegionResolver {
 public:
  // `regency_code` is dotted ("35.14"). JARING_ASSERTs that it is a regency of `index` (the
  // caller validated the import's parameters).
  RegionResolver(const domain::RegionIndex& index, std::string regency_code);

  static constexpr std::size_t kMaxCached = 50'000;

  // By names. `district` may be blank: then the village must be unique in the regency.
  // A blank village gives no village and no finding (the validator reports REQUIRED_MISSING).
  // The reference is valid until the next call (cached answers live as long as the resolver).
  const VillageResolution& ResolveNames(std::string_view village, std::string_view district);

  // By code, dotted or compact (10 digits; surrounding spaces and an Excel apostrophe allowed).
  // Unknown codes give VILLAGE_UNKNOWN; villages of another regency VILLAGE_OUTSIDE_REGENCY.
  const VillageResolution& ResolveCode(std::string_view code);

  const std::string& regency_code() const { return regency_code_; }
  // Distinct lookups computed so far (the rest were served from the cache).
  std::size_t cache_size() const { return by_names_.size() + by_code_.size(); }

 private:
  VillageResolution ComputeNames(std::string_view village, std::string_view district) const;
  VillageResolution ComputeCode(std::string_view code) const;
  // The unique region of `scope` within one typo or old spelling of `key`, or nullptr.
  const domain::Region* Fuzzy(std::span<const domain::Region> scope,
                              const std::vector<std::string>& keys, std::size_t offset,
                              std::string_view key) const;

  const domain::RegionIndex& index_;
  std::string regency_code_;
  const domain::Region* regency_ = nullptr;
  std::span<const domain::Region> districts_, villages_;   // of the regency, sorted by code
  std::vector<std::string> district_keys_, village_keys_;  // NameKey, parallel
  std::unordered_map<std::string, VillageResolution> by_names_, by_code_;
  std::string scratch_;         // cache key buffer, reused
  VillageResolution uncached_;  // the answer when the cache is full (hostile files)
};

}  // namespace jaring::intake
