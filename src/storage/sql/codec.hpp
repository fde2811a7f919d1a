// How domain values are written in SQL columns, identically on both engines.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "common/clock.hpp"
#include "common/error.hpp"

namespace jaring::storage::sql {

// Dates are ISO 'YYYY-MM-DD' (domain/date_format.hpp), sex "L"/"P" and statuses "aktif", …
// (domain/worker.hpp ToCode): the domain's own stable codes.

// The same month and day `years` earlier; 29 February becomes 28 February in common years.
// birth_date <= YearsBefore(reference, a) holds exactly when
// domain::AgeInYears(birth_date, reference) >= a.
std::chrono::year_month_day YearsBefore(std::chrono::year_month_day reference, int years);

// 'YYYY-MM-DDTHH:MM:SS.ffffffZ' in UTC, accepted by PostgreSQL's TIMESTAMPTZ and ordered as
// text on SQLite.
std::string FormatTimestamp(TimePoint time);

// "35.14.01.2001" -> "35.14.01"; "" when the village code has no district part.
std::string DistrictOf(std::string_view village_code);

// True for a well-formed regency code "NN.NN" (existence is not checked).
bool IsRegencyCode(std::string_view code);
// IsRegencyCode as the repositories answer it: the InvalidArgument every call that names a
// regency returns for a malformed one.
Status CheckRegency(std::string_view regency_code);

}  // namespace jaring::storage::sql
