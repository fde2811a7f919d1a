// JSON from outside (request bodies, GeoJSON uploads) parsed with a bound on nesting.
//
// nlohmann::json parses and destroys without recursion, but copying and dumping a value
// recurse once per level: a 1 MB body of "[[[[..." nests half a million deep, parses fine and
// then overflows the stack of whatever copies or prints it, taking the server down. No file or
// request jaring reads nests deeper than a GeoJSON MultiPolygon (about 8 levels), so anything
// deeper than kMaxJsonDepth is refused as a whole. Pure and thread-safe.
#pragma once

#include <nlohmann/json.hpp>
#include <string_view>

namespace jaring::formats {

inline constexpr int kMaxJsonDepth = 64;

struct BoundedJson {
  enum class Outcome { kOk, kMalformed, kTooDeep };
  Outcome outcome = Outcome::kMalformed;
  nlohmann::json value;  // null unless kOk
};

// `text` parsed; kTooDeep as soon as an array or object opens deeper than `max_depth` (the rest
// is only scanned, not built), kMalformed when it is not JSON.
BoundedJson ParseJsonBounded(std::string_view text, int max_depth = kMaxJsonDepth);

}  // namespace jaring::formats
