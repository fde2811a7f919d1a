// Fuzz target for the district boundaries upload (services/boundary_file.hpp, issue 16):
// ReadBoundaryFile over the districts of Kabupaten Malang (35.07).
//
// Beyond "does not crash" (a deeply nested geometry used to overflow the stack when copied):
// an accepted file has matched at least one feature, matched and unmatched add up to the
// features read, and what is stored is a FeatureCollection of exactly the matched features,
// each on a district of the regency; a refusal is InvalidArgument with a message.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <string_view>

#include "domain/region.hpp"
#include "services/boundary_file.hpp"
#include "small_regions.hpp"

namespace {

void Check(bool ok) {
  if (!ok) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const auto districts = jaring::fuzz::SmallRegions().Children("35.07");
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto file = jaring::services::ReadBoundaryFile(text, districts, "Malang");
  if (!file) {
    Check(file.error().code == jaring::ErrorCode::kInvalidArgument);
    Check(!file.error().message.empty());
    return 0;
  }
  const auto& report = file->report;
  Check(report.matched >= 1);
  Check(report.matched + static_cast<int>(report.unmatched.size()) == report.features);
  const auto stored = nlohmann::json::parse(file->stored, nullptr, false);
  Check(stored.is_object() && stored["type"] == "FeatureCollection");
  Check(stored["features"].size() == static_cast<std::size_t>(report.matched));
  for (const auto& feature : stored["features"]) {
    const std::string code = feature["properties"]["district_code"].get<std::string>();
    Check(code.starts_with("35.07."));
  }
  return 0;
}
