// VervalSettings: a regency's rules for its monthly verification, stored as data (JSON in
// verval_settings) and changed by its administrator, never constants in code.
//
// Which findings apply themselves and which go to a person (`automatic`), the program's age range
// as rules with the month they take effect from (the policy module of issue 13 will own age
// ranges per program; until then a regency has one range), and the thresholds of the run.
// Deaths are conservative whatever the setting: a `died` finding applies itself only with an
// exact, valid NIK and an agreeing name or birth date (VervalRules::DeathIsCertain).
// Plain value; thread-safe to read.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.hpp"

namespace jaring::services {

// An age range in force from a month on (inclusive), until the next rule's month.
struct AgeRule {
  std::string from_period;  // "YYYY-MM"
  int min_age = 15;         // covered from this age
  int max_age = 65;         // no longer covered at this age
  std::string reference;    // the rule's legal source, for the minutes
};

struct VervalSettings {
  // Finding kind -> whether a finding of that kind applies itself. Kinds not listed go to review.
  std::map<std::string, bool, std::less<>> automatic = {
      {"died", true},         {"changed", true},       {"duplicate", false},
      {"member_wage", false}, {"member_other", false}, {"other_regency", false},
      {"invalid_nik", false}, {"nik_mismatch", false}, {"age", false},
      {"domicile", false},    {"nik_conflict", false}};
  std::vector<AgeRule> age_rules = {{"2000-01", 15, 65,
                                     "Batas umur peserta BPU pemerintah daerah (bawaan; belum "
                                     "dipastikan, lihat docs/domain.md)"}};
  // Pairs below these match probabilities are not findings. The review threshold of deaths is
  // lower than the engine's default: a person decides them, and a missed death costs an heir.
  double duplicate_threshold = 0.9;
  double death_threshold = 0.5;
  double member_threshold = 0.9;
  // Decisions train the model only when there are at least this many labelled pairs of each
  // kind (same person / different people); with fewer, the model is estimated from the data.
  int min_labels_per_class = 200;

  bool IsAutomatic(std::string_view kind) const;
  // The age rule in force in `period`; the earliest rule when period precedes every rule.
  const AgeRule& AgeRuleFor(std::string_view period) const;
};

// The stored JSON form: every field optional (defaults above), unknown keys refused.
Result<VervalSettings> SettingsFromJson(std::string_view json);
std::string SettingsToJson(const VervalSettings& settings);

}  // namespace jaring::services
