#include "policy/contribution.hpp"

#include "policy/internal/fmt.hpp"

namespace jaring::policy {

using domain::Money;

Money ApplyRate(Money amount, BasisPoints rate) {
  JARING_ASSERT(!amount.is_negative() && amount.rupiah() <= kMaxFigureRupiah,
                "ApplyRate needs an amount of Rp 0 to Rp 1 triliun");
  JARING_ASSERT(rate >= 0 && rate <= kWholeRate, "ApplyRate needs a rate of 0 to 10000 bp");
  // At most 10^12 x 10^4 = 10^16: far inside int64.
  return Money::Rupiah((amount.rupiah() * rate + kWholeRate / 2) / kWholeRate);
}

Result<IncomeBracket> FindBracket(const ContributionRules& rules, Money declared_income) {
  if (declared_income.rupiah() <= 0 || declared_income.rupiah() > kMaxFigureRupiah) {
    return Fail(Error::InvalidArgument(
        internal::Fmt("Penghasilan yang dilaporkan harus lebih dari Rp 0 dan paling banyak "
                      "Rp 1.000.000.000.000, bukan {}",
                      domain::FormatRupiah(declared_income))));
  }
  for (const IncomeBracket& bracket : rules.brackets) {
    if (!bracket.income_up_to || declared_income <= *bracket.income_up_to) return bracket;
  }
  return Fail(Error::InvalidArgument(internal::Fmt(
      "Penghasilan {} di atas golongan penghasilan tertinggi ({})",
      domain::FormatRupiah(declared_income),
      rules.brackets.empty() ? "tidak ada golongan"
                             : domain::FormatRupiah(*rules.brackets.back().income_up_to))));
}

Result<Contribution> ComputeContribution(const ContributionRules& rules,
                                         const ContributionChoice& choice) {
  auto bracket = FindBracket(rules, choice.declared_income);
  if (!bracket) return Fail(std::move(bracket.error()));
  Contribution c;
  c.basis = bracket->basis.value_or(choice.declared_income);
  c.jkk = ApplyRate(c.basis, rules.jkk_rate);
  c.jkm = rules.jkm_amount;
  c.jht = choice.with_jht ? ApplyRate(c.basis, rules.jht_rate) : Money::Zero();
  return c;
}

Result<Contribution> ContributionFor(const PolicyBook& book, domain::Period month,
                                     const ContributionChoice& choice) {
  auto rules = book.RulesFor<ContributionRules>(month);
  if (!rules) return Fail(std::move(rules.error()));
  return ComputeContribution(**rules, choice);
}

}  // namespace jaring::policy
