// PolicyBook: every rule version known, and which one is in force on a date or for a month.
//
// Append-only: versions are added, never edited or removed. An open-ended version (no
// effective_until) is in force until the day before the next version of its family begins; the
// stored version is not rewritten, its end is implied by its successor. A version whose range
// meets another of its family otherwise (same start, or a closed range reaching into the next
// start) is refused. A month is governed by the version in force on its first day.
//
// Const member functions may run concurrently; Add needs exclusive access. Pointers returned
// stay valid until the next Add.
#pragma once

#include <optional>
#include <span>
#include <vector>

#include "common/error.hpp"
#include "domain/period.hpp"
#include "policy/version.hpp"

namespace jaring::policy {

// A version with the end it has in this book: its own effective_until, or the day before its
// successor's start, or nullopt (still open).
struct VersionInForce {
  const RuleVersion* version = nullptr;
  std::optional<Date> until;
};

class PolicyBook {
 public:
  PolicyBook() = default;

  // The book of `versions` in any order (as loaded from storage); the first refusal of Add.
  static Result<PolicyBook> Of(std::vector<RuleVersion> versions);

  // Validates the version (version.hpp) and refuses an overlap with a version of its family
  // (InvalidArgument in Indonesian naming both versions). Nothing changes on failure.
  Status Add(RuleVersion version);
  // What Add would answer, without adding: services check before storing.
  Status CheckAdd(const RuleVersion& version) const;

  // The version of `family` in force on `date`; NotFound in Indonesian when none is.
  Result<VersionInForce> InForce(RuleFamily family, Date date) const;
  // ... for a month: the version in force on its first day.
  Result<VersionInForce> InForceFor(RuleFamily family, domain::Period month) const;
  // One entry per family that has a version in force on `date`, in RuleFamily order.
  std::vector<VersionInForce> AllInForce(Date date) const;
  // Every version of the family by effective_from, with its end in this book.
  std::vector<VersionInForce> History(RuleFamily family) const;
  // All versions, by family then effective_from (for serialising the whole book).
  std::vector<RuleVersion> AllVersions() const;
  bool empty() const;

  // Typed look-ups: RulesFor<ContributionRules>(month), RulesOn<BenefitRules>(date of death).
  template <typename R>
  Result<const R*> RulesOn(Date date) const {
    auto found = InForce(FamilyOf<R>(), date);
    if (!found) return Fail(std::move(found.error()));
    return &std::get<R>(found->version->rules);
  }
  template <typename R>
  Result<const R*> RulesFor(domain::Period month) const {
    return RulesOn<R>(month.FirstDay());
  }

 private:
  // Per family, sorted by effective_from.
  std::vector<RuleVersion> families_[std::size(kAllRuleFamilies)];
};

}  // namespace jaring::policy
