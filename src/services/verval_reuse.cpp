#include "services/verval_reuse.hpp"

#include <array>
#include <cstdint>
#include <cstdio>

#include "services/verval_findings.hpp"

namespace jaring::services {
namespace {

// FNV-1a, 64 bits: stable across processes and builds (std::hash is neither), and enough to
// tell one run's inputs from the next's; not a defence against a forger, who would need write
// access to the database anyway.
class Digest {
 public:
  Digest& Add(std::string_view bytes) {
    for (const char c : bytes) Mix(static_cast<unsigned char>(c));
    Mix(0xff);  // a separator no UTF-8 text contains: "ab"+"c" differs from "a"+"bc"
    return *this;
  }
  Digest& Add(std::int64_t value) {
    for (int i = 0; i < 8; ++i) Mix(static_cast<unsigned char>(value >> (8 * i)));
    return *this;
  }
  std::string Hex() const {
    char out[17];
    std::snprintf(out, sizeof out, "%016llx", static_cast<unsigned long long>(state_));
    return out;
  }

 private:
  void Mix(unsigned char byte) {
    state_ ^= byte;
    state_ *= 0x100000001b3ULL;
  }
  std::uint64_t state_ = 0xcbf29ce484222325ULL;
};

std::string RegistryDigest(std::span<const storage::RegistryRecord> registry) {
  Digest d;
  for (const auto& r : registry) {
    d.Add(r.worker.id).Add(r.updated_at_us).Add(domain::ToCode(r.worker.status));
  }
  return d.Hex();
}

std::string ExtractDigest(std::span<const storage::ExtractRow> rows) {
  Digest d;
  for (const auto& r : rows) d.Add(r.id).Add(r.batch_id);
  return d.Hex();
}

std::string LabelsDigest(std::span<const storage::LabelledPair> labels) {
  Digest d;
  for (const auto& l : labels) d.Add(l.left_key).Add(l.right_key).Add(l.same ? 1 : 0);
  return d.Hex();
}

}  // namespace

std::string_view GroupCode(FindingGroup group) {
  switch (group) {
    case FindingGroup::kDuplicates:
      return "duplicates";
    case FindingGroup::kDeaths:
      return "deaths";
    case FindingGroup::kMembers:
      return "members";
  }
  return "duplicates";
}

std::span<const std::string_view> KindsOf(FindingGroup group) {
  using namespace finding_kinds;
  static constexpr std::array<std::string_view, 2> kDuplicates = {kDuplicate, kNikConflict};
  static constexpr std::array<std::string_view, 1> kDeaths = {kDied};
  static constexpr std::array<std::string_view, 2> kMembers = {kMemberWage, kMemberOther};
  switch (group) {
    case FindingGroup::kDuplicates:
      return kDuplicates;
    case FindingGroup::kDeaths:
      return kDeaths;
    case FindingGroup::kMembers:
      return kMembers;
  }
  return {};
}

RunFingerprints Fingerprint(const RunInputsView& in) {
  const std::string common = Digest()
                                 .Add(kFindingRulesRevision)
                                 .Add(RegistryDigest(in.registry))
                                 .Add(LabelsDigest(in.labels))
                                 .Add(in.settings_json)
                                 .Hex();
  RunFingerprints out;
  out[std::string(GroupCode(FindingGroup::kDuplicates))] = common;
  out[std::string(GroupCode(FindingGroup::kDeaths))] =
      Digest().Add(common).Add(ExtractDigest(in.deaths)).Hex();
  out[std::string(GroupCode(FindingGroup::kMembers))] =
      Digest().Add(common).Add(ExtractDigest(in.members)).Hex();
  return out;
}

std::set<FindingGroup> ReusableGroups(const RunFingerprints& now, std::string_view inputs_json) {
  std::set<FindingGroup> out;
  const auto json = nlohmann::json::parse(inputs_json, nullptr, false);
  if (!json.is_object() || !json.contains("fingerprints")) return out;
  const auto& stored = json["fingerprints"];
  if (!stored.is_object()) return out;
  for (const FindingGroup group : kReusableGroups) {
    const std::string code(GroupCode(group));
    const auto mine = now.find(code);
    if (mine == now.end() || !stored.contains(code) || !stored[code].is_string()) continue;
    if (stored[code].get<std::string>() == mine->second) out.insert(group);
  }
  return out;
}

}  // namespace jaring::services
