// District boundaries of a regency as uploaded (GeoJSON, issue 16): reading the file and placing
// each feature on a district, with no database, so that the monitoring service stores what this
// returns and the fuzz target (tests/fuzz/geojson_fuzz.cpp) reaches the same code.
//
//   ReadBoundaryFile   the FeatureCollection's Polygon/MultiPolygon features, each matched to a
//                      district by a property holding its code (with or without dots) or its
//                      name ("Kec. Pakis" matches "PAKIS"); what is kept is the stored form
// Refusals are InvalidArgument in Indonesian: over kBoundaryLimit, not JSON, nested deeper than
// formats::kMaxJsonDepth (copying a deeper value would overflow the stack), not a
// FeatureCollection, a feature that is not a polygon, no feature matched. Pure, thread-safe.
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.hpp"
#include "domain/region.hpp"

namespace jaring::services {

inline constexpr std::size_t kBoundaryLimit = 20u << 20;  // bytes of GeoJSON

// The features read, those placed on a district of the regency, and the names or codes of
// those that were not.
struct BoundaryImport {
  int features = 0, matched = 0;
  std::vector<std::string> unmatched;
};

struct BoundaryFile {
  BoundaryImport report;
  std::string stored;  // FeatureCollection of the matched features: district_code, name, geometry
};

Result<BoundaryFile> ReadBoundaryFile(std::string_view geojson,
                                      std::span<const domain::Region> districts,
                                      std::string_view regency_name);

}  // namespace jaring::services
