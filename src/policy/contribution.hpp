// Contribution of one worker for one month: JKK + JKM (the package) and optional JHT, from the
// contribution schedule in force that month.
//
// Integer rupiah only. A rate applies to the bracket's basis and is rounded half up to a whole
// rupiah: round(basis x rate_bp / 10000). The built-in brackets are whole thousands of rupiah,
// so 1 % and 2 % of them are exact and no rounding happens (Rp 1.000.000 -> JKK Rp 10.000);
// rounding only matters for a bracket whose basis is the declared income itself.
// Pure functions, thread-safe.
#pragma once

#include "common/error.hpp"
#include "domain/money.hpp"
#include "domain/period.hpp"
#include "policy/book.hpp"
#include "policy/version.hpp"

namespace jaring::policy {

// What a worker is insured for: the declared monthly income and whether JHT is added to the
// JKK + JKM package.
struct ContributionChoice {
  domain::Money declared_income = domain::Money::Rupiah(1'000'000);
  bool with_jht = false;
};

struct Contribution {
  domain::Money basis;  // the income the rates applied to
  domain::Money jkk;
  domain::Money jkm;
  domain::Money jht;  // zero without JHT
  domain::Money Total() const { return jkk + jkm + jht; }
};

// round(amount x rate / 10000), half up; amount 0..Rp 1 triliun and rate 0..10000 (asserted).
domain::Money ApplyRate(domain::Money amount, BasisPoints rate);

// The bracket a declared income falls into; InvalidArgument (Indonesian) when the income is
// not positive, above Rp 1 triliun, or above the highest bracket.
Result<IncomeBracket> FindBracket(const ContributionRules& rules, domain::Money declared_income);

// One worker's contribution under `rules` (errors as FindBracket).
Result<Contribution> ComputeContribution(const ContributionRules& rules,
                                         const ContributionChoice& choice);

// ... under the schedule in force in `month` (NotFound when none is).
Result<Contribution> ContributionFor(const PolicyBook& book, domain::Period month,
                                     const ContributionChoice& choice);

}  // namespace jaring::policy
