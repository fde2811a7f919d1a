#include "services/boundary_file.hpp"

#include <cctype>
#include <nlohmann/json.hpp>

#include "formats/json_bounded.hpp"

namespace jaring::services {
namespace {

std::string Folded(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (std::isalnum(static_cast<unsigned char>(c)))
      out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  for (std::string_view prefix : {"kecamatan", "kec"}) {
    if (out.starts_with(prefix) && out.size() > prefix.size()) {
      out.erase(0, prefix.size());
      break;
    }
  }
  return out;
}

// The district of the regency a feature's properties name: a value equal to its code (dotted or
// digits only) or to its name.
const domain::Region* DistrictOf(const nlohmann::json& properties,
                                 std::span<const domain::Region> districts) {
  if (!properties.is_object()) return nullptr;
  for (const auto& [key, value] : properties.items()) {
    if (!value.is_string() && !value.is_number_integer()) continue;
    const std::string text = value.is_string() ? value.get<std::string>() : std::to_string(value.get<long long>());
    std::string digits;
    for (char c : text)
      if (std::isdigit(static_cast<unsigned char>(c))) digits += c;
    for (const auto& d : districts) {
      std::string code_digits;
      for (char c : d.code)
        if (c != '.') code_digits += c;
      if (text == d.code || (!digits.empty() && digits == code_digits && digits.size() == text.size()))
        return &d;
    }
  }
  for (const auto& [key, value] : properties.items()) {
    if (!value.is_string()) continue;
    const std::string folded = Folded(value.get<std::string>());
    if (folded.empty()) continue;
    for (const auto& d : districts)
      if (Folded(d.name) == folded) return &d;
  }
  return nullptr;
}

// A member's text, "" when it is missing or not a string (json::value would throw on a number).
std::string TextOf(const nlohmann::json& object, const char* key) {
  const auto found = object.find(key);
  return found != object.end() && found->is_string() ? found->get<std::string>() : std::string();
}

}  // namespace

Result<BoundaryFile> ReadBoundaryFile(std::string_view geojson,
                                      std::span<const domain::Region> districts,
                                      std::string_view regency_name) {
  if (geojson.size() > kBoundaryLimit)
    return Fail(Error::InvalidArgument("Berkas batas wilayah lebih dari 20 MB"));
  auto parsed = formats::ParseJsonBounded(geojson);
  if (parsed.outcome == formats::BoundedJson::Outcome::kTooDeep) {
    return Fail(Error::InvalidArgument("Berkas batas wilayah bersarang lebih dari " +
                                       std::to_string(formats::kMaxJsonDepth) + " tingkat"));
  }
  const nlohmann::json& doc = parsed.value;
  if (parsed.outcome != formats::BoundedJson::Outcome::kOk || !doc.is_object() ||
      TextOf(doc, "type") != "FeatureCollection" || !doc.contains("features") ||
      !doc["features"].is_array()) {
    return Fail(Error::InvalidArgument(
        "Berkas batas wilayah harus GeoJSON FeatureCollection (berkas .geojson)"));
  }
  BoundaryFile out;
  BoundaryImport& report = out.report;
  nlohmann::json features = nlohmann::json::array();
  for (const auto& f : doc["features"]) {
    ++report.features;
    const auto& geometry = f.is_object() ? f.value("geometry", nlohmann::json()) : nlohmann::json();
    const std::string type = geometry.is_object() ? TextOf(geometry, "type") : "";
    if ((type != "Polygon" && type != "MultiPolygon") || !geometry.contains("coordinates") ||
        !geometry["coordinates"].is_array()) {
      return Fail(Error::InvalidArgument("Fitur ke-" + std::to_string(report.features) +
                                         " bukan Polygon atau MultiPolygon"));
    }
    const auto properties = f.value("properties", nlohmann::json::object());
    const domain::Region* district = DistrictOf(properties, districts);
    if (district == nullptr) {
      std::string label = "fitur ke-" + std::to_string(report.features);
      for (const char* key : {"name", "nama", "NAMOBJ", "WADMKC", "kecamatan"})
        if (properties.is_object() && properties.contains(key) && properties[key].is_string())
          label = properties[key].get<std::string>();
      report.unmatched.push_back(label);
      continue;
    }
    ++report.matched;
    features.push_back({{"type", "Feature"},
                        {"properties", {{"district_code", district->code}, {"name", district->name}}},
                        {"geometry", geometry}});
  }
  if (report.matched == 0) {
    return Fail(Error::InvalidArgument("Tidak ada fitur yang cocok dengan kecamatan " +
                                       std::string(regency_name) + " (kode atau nama kecamatan)"));
  }
  out.stored = nlohmann::json{{"type", "FeatureCollection"}, {"features", features}}.dump(
      -1, ' ', false, nlohmann::json::error_handler_t::replace);
  return out;
}

}  // namespace jaring::services
