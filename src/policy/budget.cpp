#include "policy/budget.hpp"

#include <algorithm>

#include "policy/internal/fmt.hpp"

namespace jaring::policy {
namespace {

using domain::Money;
using domain::Period;

const Period kLastPeriod(9999, 12);

// A run of months priced alike: from `first` to `last`, each costing `per_worker` per worker.
struct PriceRun {
  Period last;
  Money per_worker;
};

// The run starting at `month`: up to the last month governed by the version in force then
// (a version governs the months whose first day it covers), or to kLastPeriod when it is open.
Result<PriceRun> RunFrom(const PolicyBook& book, const ContributionChoice& choice, Period month) {
  auto version = book.InForceFor(RuleFamily::kContribution, month);
  if (!version) return Fail(std::move(version.error()));
  auto contribution =
      ComputeContribution(std::get<ContributionRules>(version->version->rules), choice);
  if (!contribution) return Fail(std::move(contribution.error()));
  const Period last = version->until ? Period::Of(*version->until) : kLastPeriod;
  return PriceRun{last, contribution->Total()};
}

Status CheckWorkers(std::int64_t workers, std::int64_t minimum) {
  if (workers >= minimum) return {};
  return Fail(Error::InvalidArgument(
      internal::Fmt("Jumlah pekerja harus paling sedikit {}, bukan {}", minimum, workers)));
}

Status CheckSpan(Period first, Period last) {
  if (first <= last) return {};
  return Fail(Error::InvalidArgument(internal::Fmt("Periode berakhir ({}) sebelum dimulai ({})",
                                                   last.ToIndonesian(), first.ToIndonesian())));
}

Result<Money> Times(Money amount, std::int64_t count) {
  auto product = Money::CheckedMultiply(amount, count);
  if (!product) {
    return Fail(Error::InvalidArgument("Jumlah biaya terlalu besar untuk dihitung",
                                       "money overflow in budget arithmetic"));
  }
  return product;
}

}  // namespace

Result<Money> MonthlyCost(const PolicyBook& book, const ContributionChoice& choice, Period month,
                          std::int64_t workers) {
  return SpanCost(book, choice, month, month, workers);
}

Result<Money> SpanCost(const PolicyBook& book, const ContributionChoice& choice, Period first,
                       Period last, std::int64_t workers) {
  if (auto ok = CheckWorkers(workers, 0); !ok) return Fail(std::move(ok.error()));
  if (auto ok = CheckSpan(first, last); !ok) return Fail(std::move(ok.error()));
  Money total;
  for (Period month = first;;) {
    auto run = RunFrom(book, choice, month);
    if (!run) return Fail(std::move(run.error()));
    const Period end = std::min(run->last, last);
    auto cost = Times(run->per_worker, workers);
    if (cost) cost = Times(*cost, domain::MonthsInclusive(month, end));
    if (cost) cost = Money::CheckedAdd(total, *cost);
    if (!cost) return Fail(std::move(cost.error()));
    total = *cost;
    if (end == last) return total;
    month = end.Next();
  }
}

Result<Runway> ComputeRunway(const PolicyBook& book, const ContributionChoice& choice, Money budget,
                             std::int64_t workers, Period from) {
  if (auto ok = CheckWorkers(workers, 1); !ok) return Fail(std::move(ok.error()));
  if (budget.is_negative()) {
    return Fail(Error::InvalidArgument(
        internal::Fmt("Anggaran tidak boleh negatif: {}", domain::FormatRupiah(budget))));
  }
  Runway runway;
  runway.left = budget;
  for (Period month = from;;) {
    auto run = RunFrom(book, choice, month);
    if (!run) return Fail(std::move(run.error()));
    auto monthly = Times(run->per_worker, workers);
    if (!monthly) return Fail(std::move(monthly.error()));
    const std::int64_t months_in_run = domain::MonthsInclusive(month, run->last);
    const std::int64_t paid = std::min(months_in_run, runway.left.WholeTimes(*monthly));
    runway.whole_months += paid;
    runway.spent += *monthly * paid;
    runway.left -= *monthly * paid;
    if (paid > 0) runway.covered_until = month.Plus(static_cast<int>(paid - 1));
    if (paid < months_in_run) {
      runway.first_unpaid = month.Plus(static_cast<int>(paid));
      runway.first_unpaid_cost = *monthly;
      runway.shortfall = *monthly - runway.left;
      return runway;
    }
    if (run->last == kLastPeriod) return runway;
    month = run->last.Next();
  }
}

Result<std::int64_t> WorkersFunded(const PolicyBook& book, const ContributionChoice& choice,
                                   Money budget, Period first, Period last) {
  if (budget.is_negative()) {
    return Fail(Error::InvalidArgument(
        internal::Fmt("Anggaran tidak boleh negatif: {}", domain::FormatRupiah(budget))));
  }
  auto per_worker = SpanCost(book, choice, first, last, 1);
  if (!per_worker) return Fail(std::move(per_worker.error()));
  return budget.WholeTimes(*per_worker);
}

FundingGap CompareToBudget(Money budget, Money cost) {
  FundingGap gap{budget, cost, Money::Zero(), Money::Zero()};
  if (budget >= cost) {
    gap.surplus = budget - cost;
  } else {
    gap.shortfall = cost - budget;
  }
  return gap;
}

Result<Simulation> Simulate(const PolicyBook& book, const ContributionChoice& choice, Money budget,
                            std::int64_t workers, Period from, Period last) {
  Simulation simulation;
  auto runway = ComputeRunway(book, choice, budget, workers, from);
  if (!runway) return Fail(std::move(runway.error()));
  simulation.runway = *runway;
  auto monthly = MonthlyCost(book, choice, from, workers);
  if (!monthly) return Fail(std::move(monthly.error()));
  simulation.monthly_cost = *monthly;
  auto cost = SpanCost(book, choice, from, last, workers);
  if (!cost) return Fail(std::move(cost.error()));
  simulation.cost_until_end = *cost;
  auto funded = WorkersFunded(book, choice, budget, from, last);
  if (!funded) return Fail(std::move(funded.error()));
  simulation.workers_until_end = *funded;
  simulation.until_end = CompareToBudget(budget, *cost);
  return simulation;
}

}  // namespace jaring::policy
