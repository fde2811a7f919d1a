// The monev report (issue 16, item 6, and item 4's downloads): what a monthly or quarterly
// monitoring meeting takes away, made from the figures MonevService computes.
//
//   RegencyReportPdf    a regency's month as an official document in Bahasa Indonesia: cover,
//                       summary figures against the named denominator and the target, why the
//                       lists' figure differs from the cleaned one, the trend, districts ranked
//                       and the gaps, programs and funding sources, claims and budget, the open
//                       problems (overdue claims, arrears, unsettled months), the sources
//   RegencyReportXlsx   the same tables, a sheet each, with typed cells (counts, fractions
//                       formatted as percents, rupiah)
//   RegencyChartPng     one of its charts: "difference" (rows, persons, participants, planned,
//                       against the target), "trend" (by month), "districts" (ranked)
//   ProvinceReportPdf / ProvinceReportXlsx / ProvinceChartPng ("ranking"): the regencies of a
//                       province ranked, actual and planned, each with its denominator, and the
//                       overlap between regencies
//   FormatPercent       0.2134 -> "21,34 %"
//
// Pure: the figures and the moment the report is made (`made_at`, shown as the data's as-of
// date, WIB) in, bytes out; the same input gives the same PDF and PNG bytes. Charts are drawn
// here, on the server (formats/chart.hpp). A regency without a settled month has no report
// (FailedPrecondition): every figure is read from a settled month. MonevService's RegencyPdf,
// RegencyXlsx, RegencyChart and the province's are defined beside these (monev_report.cpp):
// they check view_reports and pass the service's clock as `made_at`.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "common/clock.hpp"
#include "common/error.hpp"
#include "services/monev_service.hpp"

namespace jaring::services {

// The charts a report draws, by the name downloads use.
const std::vector<std::string_view>& RegencyChartNames();   // difference, trend, districts
const std::vector<std::string_view>& ProvinceChartNames();  // ranking

Result<std::string> RegencyReportPdf(const RegencyMonev& m, TimePoint made_at);
Status RegencyReportXlsx(const RegencyMonev& m, TimePoint made_at,
                         const std::filesystem::path& out);
// NotFound for a name not in RegencyChartNames().
Result<std::string> RegencyChartPng(const RegencyMonev& m, std::string_view chart);

Result<std::string> ProvinceReportPdf(const ProvinceMonev& p, TimePoint made_at);
Status ProvinceReportXlsx(const ProvinceMonev& p, TimePoint made_at,
                          const std::filesystem::path& out);
Result<std::string> ProvinceChartPng(const ProvinceMonev& p, std::string_view chart);

// A fraction as an Indonesian percent with `decimals` places: 0.2134 -> "21,34 %".
std::string FormatPercent(double fraction, int decimals = 2);

}  // namespace jaring::services
