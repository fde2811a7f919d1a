#include "services/verval_settings.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "domain/period.hpp"

namespace jaring::services {
namespace {

Error Bad(std::string detail) {
  return Error::InvalidArgument("Pengaturan verval tidak sah: " + detail);
}

}  // namespace

bool VervalSettings::IsAutomatic(std::string_view kind) const {
  const auto it = automatic.find(kind);
  return it != automatic.end() && it->second;
}

const AgeRule& VervalSettings::AgeRuleFor(std::string_view period) const {
  const AgeRule* chosen = &age_rules.front();
  for (const AgeRule& rule : age_rules) {
    if (rule.from_period <= period) chosen = &rule;
  }
  return *chosen;
}

Result<VervalSettings> SettingsFromJson(std::string_view text) {
  const auto json = nlohmann::json::parse(text, nullptr, false);
  if (!json.is_object()) return Fail(Bad("bukan objek JSON"));
  VervalSettings s;
  for (const auto& [key, value] : json.items()) {
    if (key == "automatic") {
      if (!value.is_object()) return Fail(Bad("automatic"));
      for (const auto& [kind, on] : value.items()) {
        if (!on.is_boolean()) return Fail(Bad("automatic." + kind));
        s.automatic[kind] = on.get<bool>();
      }
    } else if (key == "age_rules") {
      if (!value.is_array() || value.empty()) return Fail(Bad("age_rules"));
      s.age_rules.clear();
      for (const auto& r : value) {
        AgeRule rule;
        if (!r.is_object() || !r.contains("from_period") || !r["from_period"].is_string() ||
            !domain::Period::Parse(r["from_period"].get<std::string>())) {
          return Fail(Bad("age_rules.from_period (YYYY-MM)"));
        }
        rule.from_period = r["from_period"].get<std::string>();
        rule.min_age = r.value("min_age", rule.min_age);
        rule.max_age = r.value("max_age", rule.max_age);
        rule.reference = r.value("reference", std::string());
        if (rule.min_age < 0 || rule.max_age <= rule.min_age || rule.max_age > 150) {
          return Fail(Bad("age_rules: 0 <= min_age < max_age <= 150"));
        }
        s.age_rules.push_back(std::move(rule));
      }
      std::ranges::sort(s.age_rules, {}, &AgeRule::from_period);
    } else if (key == "duplicate_threshold" || key == "death_threshold" ||
               key == "member_threshold") {
      if (!value.is_number() || value.get<double>() <= 0 || value.get<double>() >= 1) {
        return Fail(Bad(key + " (0 < x < 1)"));
      }
      (key == "duplicate_threshold" ? s.duplicate_threshold
       : key == "death_threshold"   ? s.death_threshold
                                    : s.member_threshold) = value.get<double>();
    } else if (key == "min_labels_per_class") {
      if (!value.is_number_integer() || value.get<int>() < 1) return Fail(Bad(key));
      s.min_labels_per_class = value.get<int>();
    } else {
      return Fail(Bad("kunci tidak dikenal: " + key));
    }
  }
  return s;
}

std::string SettingsToJson(const VervalSettings& s) {
  nlohmann::ordered_json json;
  json["automatic"] = nlohmann::ordered_json::object();
  for (const auto& [kind, on] : s.automatic) json["automatic"][kind] = on;
  json["age_rules"] = nlohmann::ordered_json::array();
  for (const auto& r : s.age_rules) {
    json["age_rules"].push_back({{"from_period", r.from_period},
                                 {"min_age", r.min_age},
                                 {"max_age", r.max_age},
                                 {"reference", r.reference}});
  }
  json["duplicate_threshold"] = s.duplicate_threshold;
  json["death_threshold"] = s.death_threshold;
  json["member_threshold"] = s.member_threshold;
  json["min_labels_per_class"] = s.min_labels_per_class;
  return json.dump();
}

}  // namespace jaring::services
