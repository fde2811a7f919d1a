// MonevService: monitoring and evaluation (issue 16), the figures a monev meeting reads.
//
//   Regency        a regency's month: reported and cleaned figures with the difference split by
//                  cause, participants by program and funding source, coverage against a named
//                  denominator and the target, BPJS's six-paid-months view, the planned figure,
//                  change since last month and last year, the trend, districts ranked and the
//                  gaps, deaths and claims, budget absorption, the open problems
//   Villages       one district's villages (the drill-down)
//   Province       the regencies of a province ranked on the same indicators, actual and
//                  planned, each with its denominator, and the overlap between regencies
//   Denominators / SetDenominator / ImportDenominators, Targets / SetTarget: the data the
//                  figures are divided by and measured against, per region and year
//   RegencyPdf / RegencyXlsx / RegencyChart, ProvincePdf / ProvinceXlsx / ProvinceChart: the
//                  monev report and its charts (monev_report.hpp; defined in monev_report.cpp)
//
// Every figure comes from the counts stored when a month was settled (monev_snapshot.hpp);
// nothing here counts persons. Indicators are defined once (docs/monev.md):
//   coverage          participants ÷ the denominator named on the figure
//   reported / cleaned  rows of the lists ÷ denominator, distinct persons ÷ denominator
//   bpjs_coverage     participants as BPJS counts them (full after 6 paid months) ÷ denominator
//   bpu_coverage      participants ÷ the BPU universe, when the region has one
//   planned_coverage  the quota of the month's programs ÷ denominator
// The denominator: the one the target names, else the first of working_population,
// informal_workers, bpu_universe, vulnerable_mapped (KnownDenominators' order) that the region
// has, each for the month's year or its newest year before (published figures lag a year). The
// target: the region's own for the year, else its province's, else the nation's ("ID").
//
// Tenancy: a regency's figures need view_dashboard for it; the province lists only the
// regencies the actor may see (counts, never persons). Setting a target or a denominator needs
// manage_targets for the region's regency, or for every regency of a province; the nation's
// only from the command line. Each change is audited in its transaction.
#pragma once

#include <cstdint>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "common/clock.hpp"
#include "common/error.hpp"
#include "domain/region.hpp"
#include "services/audit_trail.hpp"
#include "services/boundary_file.hpp"
#include "storage/database.hpp"

namespace jaring::services {

class ClaimService;

struct DenominatorKind {
  std::string_view name, label_id, label_en;
};
// The denominators the product names, in their order of preference for coverage.
const std::vector<DenominatorKind>& KnownDenominators();
std::string DenominatorLabel(std::string_view name);  // Indonesian; the name itself if unknown

struct DenominatorView {
  std::string region_code, region_name;
  int year = 0;
  std::string name, label;
  std::int64_t value = 0;
  std::string source, source_date, actor;
  TimePoint updated_at;
};

struct TargetView {
  std::string region_code, region_name;  // where it is set (maybe the province or "ID")
  int year = 0;
  double value = 0;
  std::string denominator, source, actor;
  TimePoint updated_at;
};

struct Difference {
  std::int64_t duplicates = 0, other_regency = 0, died = 0, ineligible = 0, other_removed = 0;
};

struct AreaFigures {
  std::string code, name, level;
  std::int64_t rows = 0, persons = 0, participants = 0;
  double weighted = 0;  // participants as BPJS counts them
  Difference difference;
  std::optional<double> share_covered;  // participants ÷ persons of the list
  std::optional<DenominatorView> denominator;
  std::optional<double> coverage;
  int rank = 0;  // among its siblings: by coverage when each has a denominator, else share
};

struct ProgramFigures {
  std::int64_t id = 0;
  std::string name;
  std::int64_t quota = 0, participants = 0;
  double weighted = 0;
  std::vector<std::pair<std::string, int>> funding;  // source, share in basis points
};

struct MonthFigures {
  std::string period;
  std::int64_t rows = 0, persons = 0, participants = 0;
  std::optional<double> coverage;
};

struct Change {
  std::string period;  // the month compared with
  std::int64_t participants = 0, delta = 0;
};

struct ClaimFigures {
  std::int64_t cases = 0, deaths = 0, paid_cases = 0, amount_paid = 0, waiting = 0, overdue = 0;
  std::optional<double> median_days_to_payment;
};

struct BudgetFigures {
  std::int64_t budget = 0, paid = 0, arrears_months = 0, arrears_amount = 0;
  std::optional<double> absorption;
};

struct RegencyMonev {
  std::string regency_code, regency_name, period_requested;
  // The settled month shown (the newest on or before the one requested); empty when none.
  std::string period;
  int version = 0;
  TimePoint settled_at;
  AreaFigures totals;
  std::vector<DenominatorView> denominators;  // the region's, for the year used
  std::optional<DenominatorView> denominator;
  std::optional<double> coverage, reported_coverage, cleaned_coverage, bpjs_coverage,
      bpu_coverage, planned_coverage;
  std::optional<TargetView> target;
  std::int64_t planned_quota = 0;
  std::vector<ProgramFigures> programs;
  std::vector<std::pair<std::string, std::int64_t>> funding;  // source, participants
  std::optional<Change> since_last_month, since_last_year;
  std::vector<MonthFigures> trend;
  std::vector<AreaFigures> districts;  // by rank
  std::vector<AreaFigures> gaps;       // the districts with the most persons not covered
  ClaimFigures claims;
  BudgetFigures budget;
  std::vector<std::string> unsettled_months;  // since the first settled month
};

struct RegencyRow {
  std::string code, name, period;  // period: the regency's month shown, "" when none
  std::int64_t rows = 0, persons = 0, participants = 0, planned_quota = 0;
  Difference difference;
  std::optional<DenominatorView> denominator;
  std::optional<double> coverage, planned_coverage, target;
  int rank = 0, planned_rank = 0;  // 0: unranked (no settled month or no denominator)
};

struct OverlapPair {
  std::string a, b;  // regency codes, a < b
  std::int64_t persons = 0;
};

struct ProvinceMonev {
  std::string code, name, period;
  std::vector<RegencyRow> regencies;  // by rank, unranked last
  std::vector<OverlapPair> overlaps;
  std::int64_t persons = 0, participants = 0, overlap_persons = 0;
  // The province's own denominator; else the sum of the figures its regencies have under one
  // name (the target's, else the name most of them use). The province's coverage then divides
  // only the participants of the regencies summed (participants_counted), and says which
  // regencies had no such figure (without_denominator, codes) and so are not in it.
  std::optional<DenominatorView> denominator;
  std::int64_t participants_counted = 0;
  std::vector<std::string> without_denominator;
  std::optional<double> coverage, coverage_after_overlap;
  std::optional<TargetView> target;
};

struct DenominatorInput {
  std::string region_code;
  int year = 0;
  std::string name;
  std::int64_t value = 0;
  std::string source, source_date;
};

struct TargetInput {
  std::string region_code;
  int year = 0;
  double value = 0;
  std::string denominator, source;
};

struct DenominatorImport {
  std::int64_t rows = 0, stored = 0;
};


nlohmann::ordered_json ToJson(const DenominatorView& d);
nlohmann::ordered_json ToJson(const TargetView& t);
// The shape `jaring coverage --regency` prints (docs/monev.md): "rows", "persons",
// "participants", "denominator", "coverage", "target" (a fraction), "difference", then the rest.
nlohmann::ordered_json ToJson(const RegencyMonev& m);
nlohmann::ordered_json ToJson(const AreaFigures& a);
nlohmann::ordered_json ToJson(const ProvinceMonev& p);

class MonevService {
 public:
  MonevService(storage::Database& db, const domain::RegionIndex& regions, const AuditTrail* trail,
               const Clock& clock, ClaimService* claims = nullptr)
      : db_(db), regions_(regions), trail_(trail), clock_(clock), claims_(claims) {}

  // `period` "YYYY-MM" or "" for the newest settled month.
  Result<RegencyMonev> Regency(std::string_view regency, std::string_view period,
                               const Actor& actor);
  Result<std::vector<AreaFigures>> Villages(std::string_view regency, std::string_view district,
                                            std::string_view period, const Actor& actor);
  // `period` "" for the newest month any of the province's regencies has settled (this month,
  // WIB, when none has); each regency shows its newest settled month up to the period.
  Result<ProvinceMonev> Province(std::string_view province, std::string_view period,
                                 const Actor& actor);

  // The monev report (services/monev_report.hpp) for those who read reports (view_reports):
  // the regency's month as PDF bytes, as an .xlsx written to `out`, one chart as PNG bytes
  // ("difference", "trend", "districts"); the province's the same way (chart "ranking").
  // FailedPrecondition for a regency without a settled month.
  Result<std::string> RegencyPdf(std::string_view regency, std::string_view period,
                                 const Actor& actor);
  Status RegencyXlsx(std::string_view regency, std::string_view period,
                     const std::filesystem::path& out, const Actor& actor);
  Result<std::string> RegencyChart(std::string_view regency, std::string_view period,
                                   std::string_view chart, const Actor& actor);
  Result<std::string> ProvincePdf(std::string_view province, std::string_view period,
                                  const Actor& actor);
  Status ProvinceXlsx(std::string_view province, std::string_view period,
                      const std::filesystem::path& out, const Actor& actor);
  Result<std::string> ProvinceChart(std::string_view province, std::string_view period,
                                    std::string_view chart, const Actor& actor);

  Result<std::vector<DenominatorView>> Denominators(std::string_view region,
                                                    std::optional<int> year, const Actor& actor);
  Result<DenominatorView> SetDenominator(const DenominatorInput& input, const Actor& actor);
  // An .xlsx (or .csv) with the columns kode_wilayah, tahun, nama, nilai, sumber and
  // tanggal_sumber (optional): every row checked first, all stored or none.
  Result<DenominatorImport> ImportDenominators(const std::filesystem::path& file,
                                               const Actor& actor);
  Result<std::vector<TargetView>> Targets(std::string_view region, const Actor& actor);
  Result<TargetView> SetTarget(const TargetInput& input, const Actor& actor);

  // The district map's boundaries (manage_targets to set, view_dashboard to read): a GeoJSON
  // FeatureCollection of Polygon/MultiPolygon features, stored with only each feature's
  // geometry and {"district_code","name"}; refused when no feature names a district of the
  // regency. Boundaries: the stored collection, nullopt when none was uploaded.
  Result<BoundaryImport> SetBoundaries(std::string_view regency, std::string_view geojson,
                                       const Actor& actor);
  Result<std::optional<std::string>> Boundaries(std::string_view regency, const Actor& actor);

 private:
  Status MayView(std::string_view regency, const Actor& actor) const;
  Status MayManage(std::string_view region, const Actor& actor) const;

  storage::Database& db_;
  const domain::RegionIndex& regions_;
  const AuditTrail* trail_;
  const Clock& clock_;
  ClaimService* claims_;
};

}  // namespace jaring::services
