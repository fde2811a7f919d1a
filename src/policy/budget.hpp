// Budget arithmetic for a program: what N workers cost per month and over a span, how long a
// budget lasts, how many workers it pays for, what a budget revision (PAK) adding workers costs,
// and a shortfall shown as a shortfall (a positive amount that is missing), never hidden in a
// negative balance.
//
// Every month is priced with the contribution schedule in force in that month (PolicyBook), so
// a rate change inside a span is honoured month by month. Integer rupiah; counts of workers and
// amounts come from outside, so overflow is an InvalidArgument, not an abort. Work is
// proportional to the number of schedule versions crossed, not to the number of months.
// Pure functions, thread-safe.
#pragma once

#include <cstdint>
#include <optional>

#include "common/error.hpp"
#include "domain/money.hpp"
#include "domain/period.hpp"
#include "policy/book.hpp"
#include "policy/contribution.hpp"

namespace jaring::policy {

// What `workers` workers cost in `month` (workers >= 0).
Result<domain::Money> MonthlyCost(const PolicyBook& book, const ContributionChoice& choice,
                                  domain::Period month, std::int64_t workers);

// What `workers` workers cost from `first` to `last` inclusive; InvalidArgument when the span
// ends before it starts; NotFound when a month has no schedule in force.
Result<domain::Money> SpanCost(const PolicyBook& book, const ContributionChoice& choice,
                               domain::Period first, domain::Period last, std::int64_t workers);

// A budget revision (PAK) adding `added_workers` from `from` to the program's `last` month.
inline Result<domain::Money> PakCost(const PolicyBook& book, const ContributionChoice& choice,
                                     std::int64_t added_workers, domain::Period from,
                                     domain::Period last) {
  return SpanCost(book, choice, from, last, added_workers);
}

// How far a budget carries `workers` workers month by month from a start month.
struct Runway {
  std::int64_t whole_months = 0;
  std::optional<domain::Period> covered_until;  // the last month paid in full; none if 0 months
  domain::Money spent;                          // cost of the whole months
  domain::Money left;                           // budget - spent
  // The first month the budget does not pay in full, its cost, and what is missing for it
  // (first_unpaid_cost - left, > 0). No first_unpaid only when the budget reaches December 9999.
  std::optional<domain::Period> first_unpaid;
  domain::Money first_unpaid_cost;
  domain::Money shortfall;
};
// budget >= 0 and workers > 0 (InvalidArgument otherwise); NotFound when a month before the
// money runs out has no schedule in force.
Result<Runway> ComputeRunway(const PolicyBook& book, const ContributionChoice& choice,
                             domain::Money budget, std::int64_t workers, domain::Period from);

// How many workers `budget` pays for every month from `first` to `last` (rounded down).
Result<std::int64_t> WorkersFunded(const PolicyBook& book, const ContributionChoice& choice,
                                   domain::Money budget, domain::Period first, domain::Period last);

// A budget against a cost: exactly one of surplus and shortfall is positive (or both zero).
struct FundingGap {
  domain::Money budget;
  domain::Money cost;
  domain::Money surplus;
  domain::Money shortfall;
};
FundingGap CompareToBudget(domain::Money budget, domain::Money cost);

// What a program's simulator shows: N workers from `from` to the program's `last` month.
struct Simulation {
  domain::Money monthly_cost;  // in `from`
  Runway runway;               // from `from`, not limited by `last`
  domain::Money cost_until_end;
  std::int64_t workers_until_end = 0;
  FundingGap until_end;  // budget against cost_until_end
};
Result<Simulation> Simulate(const PolicyBook& book, const ContributionChoice& choice,
                            domain::Money budget, std::int64_t workers, domain::Period from,
                            domain::Period last);

}  // namespace jaring::policy
