// Proration of a month's contribution when a cover starts, ends or a worker dies inside the
// month (issue 14, item 1; the rule is payment_terms' `proration`, a dated rule version):
// "whole_month" bills any covered day as the month; "by_day" bills the covered days of the
// month's calendar days, each part (JKK, JKM, JHT) rounded to the nearest rupiah, halves up.
// Pure; docs/bills.md "Proration".
#pragma once

#include <cstdint>
#include <string_view>

#include "domain/period.hpp"

namespace jaring::services {

// Days of `month` inside [start, end] (ISO dates, both included), the cover cut on the day of
// death when `death` (ISO or "") falls before its end. 0 when they do not meet.
int CoveredDays(std::string_view start, std::string_view end, std::string_view death,
                domain::Period month);

// `amount` for `days` of a month of `month_days` days, rounded half up.
std::int64_t Prorate(std::int64_t amount, int days, int month_days);

}  // namespace jaring::services
