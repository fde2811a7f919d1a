// Test helpers (tests only): dates, and versions of each family built from the defaults with
// the figures a test changes.
#pragma once

#include <chrono>
#include <optional>

#include "policy/version.hpp"

namespace jaring::policy::fixtures {

inline Date D(int y, unsigned m, unsigned d) {
  return Date{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}};
}

inline ContributionRules Schedule(std::int64_t jkm = 6'800) {
  ContributionRules r;
  r.brackets = {{domain::Money::Rupiah(1'000'000), domain::Money::Rupiah(1'000'000)},
                {domain::Money::Rupiah(20'700'000), std::nullopt}};
  r.jkk_rate = 100;
  r.jkm_amount = domain::Money::Rupiah(jkm);
  r.jht_rate = 200;
  return r;
}

inline RuleVersion Version(Rules rules, Date from, std::optional<Date> until = std::nullopt) {
  RuleVersion v;
  v.effective_from = from;
  v.effective_until = until;
  v.legal_reference = "PP 44/2015";
  v.rules = std::move(rules);
  return v;
}

inline RuleVersion ContributionVersion(Date from, std::optional<Date> until = std::nullopt,
                                       std::int64_t jkm = 6'800) {
  return Version(Schedule(jkm), from, until);
}

}  // namespace jaring::policy::fixtures
