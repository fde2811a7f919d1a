// The "rules" object of a version in the policy file (docs/policy.md), one family at a time:
// writing it, reading it strictly, and telling whether a path names one of its fields.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string_view>

#include "policy/internal/json_reader.hpp"
#include "policy/version.hpp"

namespace jaring::policy::internal {

// Keys in the order docs/policy.md lists them (nlohmann::ordered_json keeps it).
nlohmann::ordered_json RulesToJson(const Rules& rules);

// Reads `rules` (at field path "rules") as the family's rules. Types only: ranges and
// consistency are Validate's (version.hpp). The first problem goes to `problem`.
Rules RulesFromJson(RuleFamily family, ObjectReader& rules);

// True when `path` ("jkk.stmb_after_rate_bp", "brackets") names a member of the rules' JSON
// object, descending through objects only.
bool NamesField(const nlohmann::ordered_json& rules_json, std::string_view path);

}  // namespace jaring::policy::internal
