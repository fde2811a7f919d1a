#include "services/bill_proration.hpp"

#include <algorithm>
#include <chrono>

#include "domain/date_format.hpp"

namespace jaring::services {

int CoveredDays(std::string_view start, std::string_view end, std::string_view death,
                domain::Period month) {
  using std::chrono::sys_days;
  const auto first = domain::ParseIsoDate(start);
  auto last = domain::ParseIsoDate(end);
  if (!first || !last) return 0;
  if (const auto died = domain::ParseIsoDate(death); died && sys_days(*died) < sys_days(*last))
    last = *died;
  const sys_days from = std::max(sys_days(*first), sys_days(month.FirstDay()));
  const sys_days to = std::min(sys_days(*last), sys_days(month.LastDay()));
  if (to < from) return 0;
  return static_cast<int>((to - from).count()) + 1;
}

std::int64_t Prorate(std::int64_t amount, int days, int month_days) {
  if (month_days <= 0 || days >= month_days) return amount;
  if (days <= 0) return 0;
  return (amount * days * 2 + month_days) / (2 * month_days);
}

}  // namespace jaring::services
