// Design notes
//  - The regency page reads one month's stored rows (a row per area), the regency's trend rows,
//    its denominators, targets, programs, bills and payments, and the claims report: a few
//    dozen small reads, however many persons the regency has.
//  - Districts are ranked by coverage when every district has a denominator of the same name,
//    else by the share of the verified list covered (participants ÷ persons): a ranking mixing
//    the two would compare unlike things.
//  - The province's overlap between two regencies is the smaller of the two regencies' counts of
//    each other: each regency counts, at settlement, the persons of its list whom the other
//    registers, and a person is on both lists only when each side still holds them (a regency
//    that took them off counts none). A pair one side never counted is no overlap.
#include "services/monev_service.hpp"

#include <algorithm>
#include <cctype>
#include <climits>
#include <map>
#include <set>
#include <span>

#include "auth/roles.hpp"
#include "domain/date_format.hpp"
#include "domain/period.hpp"
#include "intake/column_mapping.hpp"
#include "intake/fixed_columns.hpp"
#include "intake/source_file.hpp"
#include "intake/values.hpp"
#include "services/claim_service.hpp"
#include "services/dashboard_service.hpp"
#include "services/enrolment_internal.hpp"

namespace jaring::services {
namespace {

using auth::Permission;
using json = nlohmann::ordered_json;

const std::vector<DenominatorKind> kKinds = {
    {"working_population", "Penduduk bekerja", "Working population"},
    {"informal_workers", "Pekerja informal", "Informal workers"},
    {"bpu_universe", "Semesta pekerja bukan penerima upah (BPU)", "Non-wage worker universe"},
    {"vulnerable_mapped", "Pekerja rentan terdata", "Vulnerable workers mapped"},
};

std::optional<double> Ratio(double part, std::int64_t whole) {
  if (whole <= 0) return std::nullopt;
  return part / static_cast<double>(whole);
}

json Optional(const std::optional<double>& v) { return v ? json(*v) : json(nullptr); }

// The code asked for goes to the operators' details only: a refusal never repeats a region
// outside the caller's scope back to them.
Error NotFoundRegion(std::string_view code) {
  return Error::NotFound("Wilayah tidak ditemukan", "region " + std::string(code));
}

std::string ProvinceOf(std::string_view region) { return std::string(region.substr(0, 2)); }
std::string RegencyOf(std::string_view region) {
  return region.size() >= 5 ? std::string(region.substr(0, 5)) : std::string();
}

DenominatorView ViewOf(const storage::DenominatorRecord& d, const domain::RegionIndex& regions) {
  const domain::Region* region = regions.Find(d.region_code);
  return {d.region_code,
          region != nullptr ? region->name : d.region_code,
          d.year,
          d.name,
          DenominatorLabel(d.name),
          d.value,
          d.source,
          d.source_date,
          d.actor,
          enrolment::FromMicros(d.updated_at_us)};
}

TargetView ViewOf(const storage::TargetRecord& t, const domain::RegionIndex& regions) {
  const domain::Region* region = regions.Find(t.region_code);
  return {t.region_code,
          t.region_code == "ID" ? "Indonesia" : region != nullptr ? region->name : t.region_code,
          t.year,
          t.value,
          t.denominator,
          t.source,
          t.actor,
          enrolment::FromMicros(t.updated_at_us)};
}

Difference DifferenceOf(const storage::SnapshotRecord& r) {
  return {r.duplicates, r.other_regency, r.died, r.ineligible, r.other_removed};
}

AreaFigures FiguresOf(const storage::SnapshotRecord& r, const domain::RegionIndex& regions) {
  AreaFigures a;
  a.code = r.area_code;
  const domain::Region* region = regions.Find(r.area_code);
  a.name = region != nullptr ? region->name : r.area_code;
  a.level = r.level;
  a.rows = r.rows_listed;
  a.persons = r.persons;
  a.participants = r.participants;
  a.weighted = static_cast<double>(r.weighted_milli) / 1000.0;
  a.difference = DifferenceOf(r);
  a.share_covered = Ratio(static_cast<double>(r.participants), r.persons);
  return a;
}

// Each name's value for `year`, or for the newest year before it that has one (a published
// figure comes a year late), from one region's denominators ordered by year.
std::vector<storage::DenominatorRecord> NewestByName(std::vector<storage::DenominatorRecord> all,
                                                     int year) {
  std::map<std::string, storage::DenominatorRecord> newest;  // by name
  for (auto& d : all)
    if (d.year <= year) newest[d.name] = std::move(d);
  std::vector<storage::DenominatorRecord> out;
  for (auto& [name, d] : newest) out.push_back(std::move(d));
  return out;
}

// The region's denominators for `year` (NewestByName).
Result<std::vector<storage::DenominatorRecord>> DenominatorsFor(storage::Transaction& tx,
                                                                std::string_view region,
                                                                int year) {
  auto all = tx.Monev().Denominators(region, std::nullopt);
  if (!all) return Fail(std::move(all.error()));
  return NewestByName(std::move(*all), year);
}

// The denominator a figure uses: the target's, else the first known name present.
std::optional<storage::DenominatorRecord> Pick(const std::vector<storage::DenominatorRecord>& all,
                                               std::string_view wanted) {
  auto named = [&](std::string_view name) -> std::optional<storage::DenominatorRecord> {
    const auto it = std::ranges::find(all, name, &storage::DenominatorRecord::name);
    if (it == all.end()) return std::nullopt;
    return *it;
  };
  if (!wanted.empty())
    if (auto d = named(wanted)) return d;
  for (const auto& k : kKinds)
    if (auto d = named(k.name)) return d;
  if (!all.empty()) return all.front();
  return std::nullopt;
}

// The region's target for the year, else its province's, else the nation's.
Result<std::optional<storage::TargetRecord>> TargetFor(storage::Transaction& tx,
                                                       std::string_view region, int year) {
  for (const std::string& code : {std::string(region), ProvinceOf(region), std::string("ID")}) {
    auto targets = tx.Monev().Targets(code);
    if (!targets) return Fail(std::move(targets.error()));
    const auto it = std::ranges::find(*targets, year, &storage::TargetRecord::year);
    if (it != targets->end()) return std::optional<storage::TargetRecord>(*it);
  }
  return std::optional<storage::TargetRecord>();
}

bool ActiveIn(const storage::ProgramRecord& p, std::string_view period) {
  return p.period_from <= period && period <= p.period_to;
}

// Ranks 1.. by value, descending; entries without a value keep 0 and go last (stable by code).
template <typename T>
void RankBy(std::vector<T>& items, auto value, int T::*rank) {
  std::vector<T*> ranked;
  for (auto& item : items)
    if (value(item)) ranked.push_back(&item);
  std::ranges::stable_sort(ranked, [&](T* a, T* b) { return *value(*a) > *value(*b); });
  for (std::size_t i = 0; i < ranked.size(); ++i) ranked[i]->*rank = static_cast<int>(i) + 1;
}

template <typename T>
void SortByRank(std::vector<T>& items, int T::*rank) {
  std::ranges::stable_sort(items, [&](const T& a, const T& b) {
    const int ra = a.*rank == 0 ? INT32_MAX : a.*rank, rb = b.*rank == 0 ? INT32_MAX : b.*rank;
    return ra < rb;
  });
}

Result<domain::Period> PeriodOr(std::string_view period, const Clock& clock) {
  if (period.empty()) return domain::Period::Of(TodayInWib(clock));
  auto parsed = domain::Period::Parse(period);
  if (!parsed) return Fail(Error::InvalidArgument("Periode harus berbentuk YYYY-MM: " +
                                                  std::string(period)));
  return *parsed;
}

}  // namespace

const std::vector<DenominatorKind>& KnownDenominators() { return kKinds; }

std::string DenominatorLabel(std::string_view name) {
  for (const auto& k : kKinds)
    if (k.name == name) return std::string(k.label_id);
  return std::string(name);
}

// --- JSON ----------------------------------------------------------------------------------

json ToJson(const DenominatorView& d) {
  return {{"region_code", d.region_code}, {"region_name", d.region_name},
          {"year", d.year},               {"name", d.name},
          {"label", d.label},             {"value", d.value},
          {"source", d.source},           {"source_date", d.source_date},
          {"actor", d.actor},             {"updated_at", domain::FormatIsoTimestamp(d.updated_at)}};
}

json ToJson(const TargetView& t) {
  return {{"region_code", t.region_code}, {"region_name", t.region_name},
          {"year", t.year},               {"value", t.value},
          {"denominator", t.denominator}, {"source", t.source},
          {"actor", t.actor},             {"updated_at", domain::FormatIsoTimestamp(t.updated_at)}};
}

namespace {
json DifferenceJson(const Difference& d) {
  return {{"duplicates", d.duplicates}, {"other_regency", d.other_regency}, {"died", d.died},
          {"ineligible", d.ineligible}, {"other_removed", d.other_removed}};
}
json DenominatorJson(const std::optional<DenominatorView>& d) {
  return d ? ToJson(*d) : json(nullptr);
}
}  // namespace

json ToJson(const AreaFigures& a) {
  return {{"code", a.code},
          {"name", a.name},
          {"level", a.level},
          {"rows", a.rows},
          {"persons", a.persons},
          {"participants", a.participants},
          {"weighted_participants", a.weighted},
          {"difference", DifferenceJson(a.difference)},
          {"share_covered", Optional(a.share_covered)},
          {"denominator", DenominatorJson(a.denominator)},
          {"coverage", Optional(a.coverage)},
          {"rank", a.rank}};
}

json ToJson(const RegencyMonev& m) {
  json out = {{"regency", {{"code", m.regency_code}, {"name", m.regency_name}}},
              {"period_requested", m.period_requested},
              {"period", m.period.empty() ? json(nullptr) : json(m.period)},
              {"rows", m.totals.rows},
              {"persons", m.totals.persons},
              {"participants", m.totals.participants},
              {"denominator", DenominatorJson(m.denominator)},
              {"coverage", Optional(m.coverage)},
              {"target", m.target ? json(m.target->value) : json(nullptr)},
              {"difference", DifferenceJson(m.totals.difference)}};
  out["version"] = m.version;
  out["settled_at"] = m.period.empty() ? json(nullptr)
                                       : json(domain::FormatIsoTimestamp(m.settled_at));
  out["target_detail"] = m.target ? ToJson(*m.target) : json(nullptr);
  out["reported_coverage"] = Optional(m.reported_coverage);
  out["cleaned_coverage"] = Optional(m.cleaned_coverage);
  out["bpjs_view"] = {{"participants", m.totals.weighted}, {"coverage", Optional(m.bpjs_coverage)}};
  out["bpu_coverage"] = Optional(m.bpu_coverage);
  out["planned"] = {{"quota", m.planned_quota}, {"coverage", Optional(m.planned_coverage)}};
  json denominators = json::array();
  for (const auto& d : m.denominators) denominators.push_back(ToJson(d));
  out["denominators"] = denominators;
  json programs = json::array();
  for (const auto& p : m.programs) {
    json funding = json::array();
    for (const auto& [source, bp] : p.funding) funding.push_back({{"source", source}, {"share_bp", bp}});
    programs.push_back({{"id", p.id},
                        {"name", p.name},
                        {"quota", p.quota},
                        {"participants", p.participants},
                        {"weighted_participants", p.weighted},
                        {"funding", funding}});
  }
  out["programs"] = programs;
  json funding = json::array();
  for (const auto& [source, n] : m.funding)
    funding.push_back({{"source", source}, {"participants", n}});
  out["funding"] = funding;
  auto change = [](const std::optional<Change>& c) -> json {
    if (!c) return nullptr;
    return {{"period", c->period}, {"participants", c->participants}, {"delta", c->delta}};
  };
  out["change"] = {{"month", change(m.since_last_month)}, {"year", change(m.since_last_year)}};
  json trend = json::array();
  for (const auto& t : m.trend)
    trend.push_back({{"period", t.period},
                     {"rows", t.rows},
                     {"persons", t.persons},
                     {"participants", t.participants},
                     {"coverage", Optional(t.coverage)}});
  out["trend"] = trend;
  json districts = json::array();
  for (const auto& d : m.districts) districts.push_back(ToJson(d));
  out["districts"] = districts;
  json gaps = json::array();
  for (const auto& d : m.gaps) gaps.push_back(ToJson(d));
  out["gaps"] = gaps;
  out["claims"] = {{"cases", m.claims.cases},
                   {"deaths", m.claims.deaths},
                   {"paid_cases", m.claims.paid_cases},
                   {"amount_paid", m.claims.amount_paid},
                   {"waiting", m.claims.waiting},
                   {"overdue", m.claims.overdue},
                   {"median_days_to_payment", Optional(m.claims.median_days_to_payment)}};
  out["budget"] = {{"budget", m.budget.budget},
                   {"paid", m.budget.paid},
                   {"absorption", Optional(m.budget.absorption)},
                   {"arrears_months", m.budget.arrears_months},
                   {"arrears_amount", m.budget.arrears_amount}};
  out["unsettled_months"] = m.unsettled_months;
  return out;
}

json ToJson(const ProvinceMonev& p) {
  json regencies = json::array();
  for (const auto& r : p.regencies) {
    regencies.push_back({{"code", r.code},
                         {"name", r.name},
                         {"period", r.period.empty() ? json(nullptr) : json(r.period)},
                         {"rows", r.rows},
                         {"persons", r.persons},
                         {"participants", r.participants},
                         {"difference", DifferenceJson(r.difference)},
                         {"denominator", DenominatorJson(r.denominator)},
                         {"coverage", Optional(r.coverage)},
                         {"planned_quota", r.planned_quota},
                         {"planned_coverage", Optional(r.planned_coverage)},
                         {"target", Optional(r.target)},
                         {"rank", r.rank},
                         {"planned_rank", r.planned_rank}});
  }
  json overlaps = json::array();
  for (const auto& o : p.overlaps) overlaps.push_back({{"a", o.a}, {"b", o.b}, {"persons", o.persons}});
  return {{"province", {{"code", p.code}, {"name", p.name}}},
          {"period", p.period},
          {"regencies", regencies},
          {"overlap",
           {{"pairs", overlaps},
            {"persons", p.overlap_persons},
            {"persons_total", p.persons},
            {"participants_total", p.participants},
            {"participants_counted", p.participants_counted},
            {"without_denominator", p.without_denominator},
            {"denominator", DenominatorJson(p.denominator)},
            {"coverage", Optional(p.coverage)},
            {"coverage_after_overlap", Optional(p.coverage_after_overlap)}}},
          {"target", p.target ? ToJson(*p.target) : json(nullptr)}};
}

// --- permissions ---------------------------------------------------------------------------

Status MonevService::MayView(std::string_view regency, const Actor& actor) const {
  const domain::Region* region = regions_.Find(regency);
  if (region == nullptr || region->level != domain::RegionLevel::kRegency)
    return Fail(NotFoundRegion(regency));
  if (!enrolment::Allowed(actor, Permission::kViewDashboard, regency))
    return Fail(NotFoundRegion(regency));
  return {};
}

Status MonevService::MayManage(std::string_view region, const Actor& actor) const {
  if (region == "ID") {
    if (actor.principal) {
      return Fail(Error::PermissionDenied(
          "Target nasional hanya dapat diubah dari baris perintah oleh pengelola sistem"));
    }
    return {};
  }
  const domain::Region* found = regions_.Find(region);
  if (found == nullptr) return Fail(NotFoundRegion(region));
  if (found->level == domain::RegionLevel::kProvince) {
    for (const auto& r : regions_.Children(region)) {
      if (!enrolment::Allowed(actor, Permission::kManageTargets, r.code))
        return Fail(Error::PermissionDenied("Hanya admin provinsi yang dapat mengubah angka provinsi"));
    }
    return {};
  }
  if (!enrolment::Allowed(actor, Permission::kManageTargets, RegencyOf(region)))
    return Fail(Error::PermissionDenied("Tidak berwenang mengubah target dan penyebut wilayah ini"));
  return {};
}

// --- regency -------------------------------------------------------------------------------

Result<RegencyMonev> MonevService::Regency(std::string_view regency, std::string_view period,
                                           const Actor& actor) {
  if (auto ok = MayView(regency, actor); !ok) return Fail(ok.error());
  RegencyMonev m;
  m.regency_code = regency;
  m.regency_name = regions_.Find(regency)->name;
  m.period_requested = period;
  if (!period.empty() && !domain::Period::Parse(period))
    return Fail(Error::InvalidArgument("Periode harus berbentuk YYYY-MM: " + std::string(period)));
  auto tx = db_.BeginRead();
  if (!tx) return Fail(std::move(tx.error()));
  storage::Transaction& t = **tx;

  auto trend = t.Monev().RegencyTrend(regency);
  if (!trend) return Fail(std::move(trend.error()));
  const storage::SnapshotRecord* shown = nullptr;
  for (const auto& r : *trend)
    if (period.empty() || r.period <= period) shown = &r;
  const domain::Period month = shown != nullptr ? *domain::Period::Parse(shown->period)
                               : !period.empty() ? *domain::Period::Parse(period)
                                                 : domain::Period::Of(TodayInWib(clock_));
  const int year = month.year();

  // Denominators and the target.
  auto denominators = DenominatorsFor(t, regency, year);
  if (!denominators) return Fail(std::move(denominators.error()));
  for (const auto& d : *denominators) m.denominators.push_back(ViewOf(d, regions_));
  auto target = TargetFor(t, regency, year);
  if (!target) return Fail(std::move(target.error()));
  if (*target) m.target = ViewOf(**target, regions_);
  const auto denominator = Pick(*denominators, *target ? (*target)->denominator : "");
  if (denominator) m.denominator = ViewOf(*denominator, regions_);
  const std::int64_t divisor = denominator ? denominator->value : 0;
  const auto bpu = std::ranges::find(*denominators, "bpu_universe", &storage::DenominatorRecord::name);

  // Programs: the planned figure, names and quotas.
  auto programs = t.Programs().List(regency);
  if (!programs) return Fail(std::move(programs.error()));
  for (const auto& p : *programs)
    if (ActiveIn(p, month.ToString())) m.planned_quota += p.quota;
  m.planned_coverage = Ratio(static_cast<double>(m.planned_quota), divisor);

  for (const auto& r : *trend) {
    m.trend.push_back({r.period, r.rows_listed, r.persons, r.participants,
                       Ratio(static_cast<double>(r.participants), divisor)});
  }

  if (shown != nullptr) {
    m.period = shown->period;
    auto settled = t.Verval().LatestSettled(regency, shown->period);
    if (!settled) return Fail(std::move(settled.error()));
    if (*settled) {
      m.version = (*settled)->version;
      m.settled_at = enrolment::FromMicros((*settled)->settled_at_us);
    }
    auto rows = t.Monev().Snapshot(regency, shown->period, "");
    if (!rows) return Fail(std::move(rows.error()));
    // Every district's denominators in one read (one per district cost a regency of 24
    // districts 24 round trips on PostgreSQL), grouped by district.
    auto all_district_denominators = t.Monev().DistrictDenominators(regency, year);
    if (!all_district_denominators) return Fail(std::move(all_district_denominators.error()));
    std::map<std::string, std::vector<storage::DenominatorRecord>> district_denominators;
    for (auto& d : *all_district_denominators) {
      const std::string code = d.region_code;
      district_denominators[code].push_back(std::move(d));
    }
    for (const auto& r : *rows) {
      if (r.level == "regency") {
        m.totals = FiguresOf(r, regions_);
        const auto detail = nlohmann::json::parse(r.detail_json, nullptr, false);
        if (detail.is_object()) {
          for (const auto& p : detail.value("programs", nlohmann::json::array())) {
            ProgramFigures f;
            f.id = p.value("id", std::int64_t{0});
            f.participants = p.value("participants", std::int64_t{0});
            f.weighted = static_cast<double>(p.value("weighted_milli", std::int64_t{0})) / 1000.0;
            const auto it = std::ranges::find(*programs, f.id, &storage::ProgramRecord::id);
            if (it != programs->end()) {
              f.name = it->name;
              f.quota = it->quota;
              for (const auto& fs : it->funding) f.funding.emplace_back(fs.source, fs.share_bp);
            }
            m.programs.push_back(std::move(f));
          }
          for (const auto& f : detail.value("funding", nlohmann::json::array()))
            m.funding.emplace_back(f.value("source", ""), f.value("participants", std::int64_t{0}));
        }
      } else if (r.level == "district") {
        AreaFigures d = FiguresOf(r, regions_);
        auto found = district_denominators.find(r.area_code);
        const auto own = found != district_denominators.end()
                             ? NewestByName(std::move(found->second), year)
                             : std::vector<storage::DenominatorRecord>{};
        if (auto pick = Pick(own, denominator ? denominator->name : ""); pick) {
          d.denominator = ViewOf(*pick, regions_);
          d.coverage = Ratio(static_cast<double>(d.participants), pick->value);
        }
        m.districts.push_back(std::move(d));
      }
    }
    // Every district of the regency is listed, those without anyone on the list too.
    for (const auto& d : regions_.Children(regency)) {
      if (std::ranges::find(m.districts, d.code, &AreaFigures::code) != m.districts.end()) continue;
      AreaFigures empty;
      empty.code = d.code;
      empty.name = d.name;
      empty.level = "district";
      m.districts.push_back(std::move(empty));
    }
    std::ranges::sort(m.districts, {}, &AreaFigures::code);
    const bool all_denominated = std::ranges::all_of(
        m.districts, [](const AreaFigures& d) { return d.coverage.has_value(); });
    if (all_denominated) {
      RankBy(m.districts, [](const AreaFigures& d) { return d.coverage; }, &AreaFigures::rank);
    } else {
      RankBy(m.districts, [](const AreaFigures& d) { return d.share_covered; }, &AreaFigures::rank);
    }
    SortByRank(m.districts, &AreaFigures::rank);
    // Gaps: the districts with the most persons on the list not yet covered, where the share
    // covered is below the regency's.
    std::vector<AreaFigures> gaps;
    for (const auto& d : m.districts) {
      if (d.persons == 0 || d.persons == d.participants) continue;
      if (m.totals.share_covered && d.share_covered && *d.share_covered >= *m.totals.share_covered)
        continue;
      gaps.push_back(d);
    }
    std::ranges::stable_sort(gaps, [](const AreaFigures& a, const AreaFigures& b) {
      return a.persons - a.participants > b.persons - b.participants;
    });
    if (gaps.size() > 5) gaps.resize(5);
    m.gaps = std::move(gaps);

    m.coverage = Ratio(static_cast<double>(m.totals.participants), divisor);
    m.reported_coverage = Ratio(static_cast<double>(m.totals.rows), divisor);
    m.cleaned_coverage = Ratio(static_cast<double>(m.totals.persons), divisor);
    m.bpjs_coverage = Ratio(m.totals.weighted, divisor);
    if (bpu != denominators->end())
      m.bpu_coverage = Ratio(static_cast<double>(m.totals.participants), bpu->value);

    for (const auto& r : *trend) {
      if (r.period == month.Previous().ToString())
        m.since_last_month = Change{r.period, r.participants, m.totals.participants - r.participants};
      if (r.period == month.Plus(-12).ToString())
        m.since_last_year = Change{r.period, r.participants, m.totals.participants - r.participants};
    }
  }

  // Months not settled since the first settled one, up to the month shown or asked.
  if (!trend->empty()) {
    std::set<std::string> settled;
    for (const auto& r : *trend) settled.insert(r.period);
    const domain::Period last = period.empty() ? domain::Period::Of(TodayInWib(clock_))
                                               : *domain::Period::Parse(period);
    for (auto p = *domain::Period::Parse(trend->front().period); p <= last && m.unsettled_months.size() < 36;
         p = p.Next()) {
      if (!settled.contains(p.ToString())) m.unsettled_months.push_back(p.ToString());
    }
  }

  // Budget and arrears: the programs of the month's year.
  const std::string today = domain::FormatIsoDate(TodayInWib(clock_));
  for (const auto& p : *programs) {
    if (p.fiscal_year != year) continue;
    if (!p.budget_lines.empty()) m.budget.budget += p.budget_lines.back().amount;
    auto bills = t.Bills().List(regency, p.id);
    if (!bills) return Fail(std::move(bills.error()));
    auto payments = t.Payments().List(regency, p.id, std::nullopt);
    if (!payments) return Fail(std::move(payments.error()));
    std::map<std::string, std::int64_t> paid;
    for (const auto& pay : *payments) {
      m.budget.paid += pay.amount;
      paid[pay.period] += pay.amount;
    }
    std::map<std::string, const storage::BillRecord*> newest;
    for (const auto& b : *bills) {
      auto& slot = newest[b.period];
      if (slot == nullptr || b.version > slot->version) slot = &b;
    }
    for (const auto& [month_billed, b] : newest) {
      if (paid[month_billed] >= b->total || b->due_date >= today) continue;
      ++m.budget.arrears_months;
      m.budget.arrears_amount += b->total - paid[month_billed];
    }
  }
  m.budget.absorption = Ratio(static_cast<double>(m.budget.paid), m.budget.budget);
  tx->reset();

  if (claims_ != nullptr) {
    auto report = claims_->Report(regency, actor);
    if (report) {
      m.claims.cases = report->cases;
      m.claims.paid_cases = report->paid_cases;
      m.claims.amount_paid = report->amount_paid;
      m.claims.waiting = report->cases_waiting;
      m.claims.overdue = report->overdue;
      m.claims.median_days_to_payment = report->median_days_to_payment;
      for (const auto& [kind, states] : report->by_kind_state) {
        if (kind != "jkm") continue;
        for (const auto& [state, n] : states) m.claims.deaths += n;
      }
    } else if (report.error().code != ErrorCode::kPermissionDenied &&
               report.error().code != ErrorCode::kNotFound) {
      return Fail(std::move(report.error()));
    }
  }
  return m;
}

Result<std::vector<AreaFigures>> MonevService::Villages(std::string_view regency,
                                                        std::string_view district,
                                                        std::string_view period,
                                                        const Actor& actor) {
  if (auto ok = MayView(regency, actor); !ok) return Fail(ok.error());
  const domain::Region* d = regions_.Find(district);
  if (d == nullptr || d->level != domain::RegionLevel::kDistrict ||
      !district.starts_with(std::string(regency) + "."))
    return Fail(NotFoundRegion(district));
  auto tx = db_.BeginRead();
  if (!tx) return Fail(std::move(tx.error()));
  auto trend = (*tx)->Monev().RegencyTrend(regency);
  if (!trend) return Fail(std::move(trend.error()));
  std::string month;
  for (const auto& r : *trend)
    if (period.empty() || r.period <= period) month = r.period;
  std::vector<AreaFigures> out;
  if (!month.empty()) {
    auto rows = (*tx)->Monev().Snapshot(regency, month, "village");
    if (!rows) return Fail(std::move(rows.error()));
    for (const auto& r : *rows)
      if (r.area_code.starts_with(std::string(district) + ".")) out.push_back(FiguresOf(r, regions_));
  }
  for (const auto& v : regions_.Children(district)) {
    if (std::ranges::find(out, v.code, &AreaFigures::code) != out.end()) continue;
    AreaFigures empty;
    empty.code = v.code;
    empty.name = v.name;
    empty.level = "village";
    out.push_back(std::move(empty));
  }
  RankBy(out, [](const AreaFigures& a) { return a.share_covered; }, &AreaFigures::rank);
  SortByRank(out, &AreaFigures::rank);
  return out;
}

// --- province ------------------------------------------------------------------------------

namespace {

// Without a province figure: the sum of the regencies' figures of one name, over only those
// regencies. Dividing every regency's participants by a partial sum would overstate coverage.
void SumRegencyDenominators(ProvinceMonev& p) {
  std::string name = p.target ? p.target->denominator : "";
  if (std::ranges::none_of(p.regencies, [&](const RegencyRow& r) {
        return r.denominator && r.denominator->name == name;
      })) {
    std::map<std::string, int> uses;  // the name most regencies' figures use; ties: kKinds' order
    for (const auto& r : p.regencies)
      if (r.denominator) ++uses[r.denominator->name];
    name.clear();
    int best = 0;
    for (const auto& k : kKinds)
      if (auto it = uses.find(std::string(k.name)); it != uses.end() && it->second > best)
        best = it->second, name = it->first;
    for (const auto& [n, count] : uses)
      if (count > best) best = count, name = n;
  }
  if (name.empty()) return;
  std::set<std::string> summed;
  DenominatorView sum;
  for (const auto& r : p.regencies) {
    if (!r.denominator || r.denominator->name != name) {
      p.without_denominator.push_back(r.code);
      continue;
    }
    if (summed.empty()) sum = *r.denominator;
    else sum.value += r.denominator->value;
    summed.insert(r.code);
    p.participants_counted += r.participants;
  }
  std::ranges::sort(p.without_denominator);
  sum.region_code = p.code;
  sum.region_name = p.name;
  sum.source = "Jumlah penyebut " + std::to_string(summed.size()) + " dari " +
               std::to_string(p.regencies.size()) + " kabupaten/kota";
  sum.source_date.clear();
  sum.actor.clear();
  p.denominator = sum;
  // Overlap counts only between two regencies that are both in the sum.
  std::int64_t overlap = 0;
  for (const auto& o : p.overlaps)
    if (summed.contains(o.a) && summed.contains(o.b)) overlap += o.persons;
  p.coverage = Ratio(static_cast<double>(p.participants_counted), sum.value);
  p.coverage_after_overlap = Ratio(
      static_cast<double>(std::max<std::int64_t>(p.participants_counted - overlap, 0)), sum.value);
}

}  // namespace


Result<ProvinceMonev> MonevService::Province(std::string_view province, std::string_view period,
                                             const Actor& actor) {
  const domain::Region* region = regions_.Find(province);
  if (region == nullptr || region->level != domain::RegionLevel::kProvince)
    return Fail(NotFoundRegion(province));
  auto month = PeriodOr(period, clock_);
  if (!month) return Fail(std::move(month.error()));
  std::vector<std::string> visible;
  for (const auto& r : regions_.Children(province))
    if (enrolment::Allowed(actor, Permission::kViewDashboard, r.code)) visible.push_back(r.code);
  if (visible.empty()) return Fail(NotFoundRegion(province));

  ProvinceMonev p;
  p.code = province;
  p.name = region->name;
  p.period = month->ToString();
  auto tx = db_.BeginRead();
  if (!tx) return Fail(std::move(tx.error()));
  storage::Transaction& t = **tx;
  auto rows = t.Monev().NewestRegencyRows(visible, p.period);
  if (!rows) return Fail(std::move(rows.error()));
  if (period.empty() && !rows->empty()) {
    // No month asked: the newest month a regency has settled, as a regency's page opens on its
    // newest settled month. This month would measure the regencies' figures against the targets
    // and quotas of a month no one has settled yet (none, when the programs ended last year).
    p.period = std::ranges::max(*rows, {}, &storage::SnapshotRecord::period).period;
    auto newest = domain::Period::Parse(p.period);
    if (!newest) return Fail(Error::Internal("a settled month is not YYYY-MM: " + p.period));
    month = *newest;
  }
  const int year = month->year();
  auto province_target = TargetFor(t, province, year);
  if (!province_target) return Fail(std::move(province_target.error()));
  if (*province_target) p.target = ViewOf(**province_target, regions_);

  // The regencies' denominators, targets, planned quotas and overlaps, each in one read: the
  // page's cost on PostgreSQL is its round trips (docs/benchmarks.md, monitoring pages).
  auto all_denominators = t.Monev().RegencyDenominators(province, year);
  if (!all_denominators) return Fail(std::move(all_denominators.error()));
  std::map<std::string, std::vector<storage::DenominatorRecord>> denominators_of;
  for (auto& d : *all_denominators) denominators_of[d.region_code].push_back(std::move(d));
  auto targets = t.Monev().RegencyTargets(province, year);
  if (!targets) return Fail(std::move(targets.error()));
  auto quotas = t.Monev().PlannedQuotas(province, p.period);
  if (!quotas) return Fail(std::move(quotas.error()));
  auto all_overlaps = t.Monev().RegencyOverlaps(province, p.period);
  if (!all_overlaps) return Fail(std::move(all_overlaps.error()));
  std::map<std::pair<std::string, std::string>, std::vector<storage::OverlapRecord>>
      overlaps_of;  // by (regency, period)
  for (auto& o : *all_overlaps)
    overlaps_of[{o.regency_code, o.period}].push_back(std::move(o));

  // Each pair's counts by both sides (overlap rows exist only where a side counted someone).
  std::map<std::pair<std::string, std::string>, std::vector<std::int64_t>> counted;
  for (const auto& code : visible) {
    RegencyRow row;
    row.code = code;
    row.name = regions_.Find(code)->name;
    const auto snapshot = std::ranges::find(*rows, code, &storage::SnapshotRecord::regency_code);
    // The regency's own target, else the province's (which falls back to the nation's).
    const auto own_target = std::ranges::find(*targets, code, &storage::TargetRecord::region_code);
    const std::optional<storage::TargetRecord> target =
        own_target != targets->end() ? std::optional(*own_target) : *province_target;
    if (target) row.target = target->value;
    const auto denominator =
        Pick(NewestByName(std::move(denominators_of[code]), year), target ? target->denominator : "");
    if (denominator) row.denominator = ViewOf(*denominator, regions_);
    const std::int64_t divisor = denominator ? denominator->value : 0;
    if (const auto quota = quotas->find(code); quota != quotas->end())
      row.planned_quota = quota->second;
    row.planned_coverage = Ratio(static_cast<double>(row.planned_quota), divisor);
    if (snapshot != rows->end()) {
      row.period = snapshot->period;
      row.rows = snapshot->rows_listed;
      row.persons = snapshot->persons;
      row.participants = snapshot->participants;
      row.difference = DifferenceOf(*snapshot);
      row.coverage = Ratio(static_cast<double>(row.participants), divisor);
      for (const auto& o : overlaps_of[{code, snapshot->period}]) {
        if (std::ranges::find(visible, o.other_regency) == visible.end()) continue;
        const auto key = std::minmax(code, o.other_regency);
        counted[{key.first, key.second}].push_back(o.persons);
      }
    }
    p.persons += row.persons;
    p.participants += row.participants;
    p.regencies.push_back(std::move(row));
  }
  RankBy(p.regencies, [](const RegencyRow& r) { return r.coverage; }, &RegencyRow::rank);
  RankBy(p.regencies,
         [](const RegencyRow& r) {
           // Planned: the quota, or what is already reached when that is more.
           if (!r.planned_coverage) return r.coverage;
           return std::optional<double>(std::max(*r.planned_coverage, r.coverage.value_or(0)));
         },
         &RegencyRow::planned_rank);
  SortByRank(p.regencies, &RegencyRow::rank);
  for (const auto& [key, counts] : counted) {
    // Both sides must hold the person: a side with a counted month but no row holds none.
    if (counts.size() < 2) continue;
    const std::int64_t n = std::min(counts[0], counts[1]);
    p.overlaps.push_back({key.first, key.second, n});
    p.overlap_persons += n;
  }

  auto own = DenominatorsFor(t, province, year);
  if (!own) return Fail(std::move(own.error()));
  if (auto pick = Pick(*own, p.target ? p.target->denominator : ""); pick) {
    p.denominator = ViewOf(*pick, regions_);
    p.participants_counted = p.participants;
    if (p.denominator) {
      p.coverage = Ratio(static_cast<double>(p.participants), p.denominator->value);
      p.coverage_after_overlap = Ratio(
          static_cast<double>(std::max<std::int64_t>(p.participants - p.overlap_persons, 0)),
          p.denominator->value);
    }
    return p;
  }
  SumRegencyDenominators(p);
  return p;
}


// --- denominators and targets --------------------------------------------------------------

Result<std::vector<DenominatorView>> MonevService::Denominators(std::string_view region,
                                                                std::optional<int> year,
                                                                const Actor& actor) {
  if (region != "ID") {
    const domain::Region* found = regions_.Find(region);
    if (found == nullptr) return Fail(NotFoundRegion(region));
    const std::string regency = RegencyOf(region);
    if (!regency.empty()) {
      if (auto ok = MayView(regency, actor); !ok) return Fail(ok.error());
    } else if (actor.principal && !auth::AllowsAnywhere(*actor.principal, Permission::kViewDashboard)) {
      return Fail(NotFoundRegion(region));
    }
  }
  auto tx = db_.BeginRead();
  if (!tx) return Fail(std::move(tx.error()));
  auto rows = (*tx)->Monev().Denominators(region, year);
  if (!rows) return Fail(std::move(rows.error()));
  std::vector<DenominatorView> out;
  for (const auto& d : *rows) out.push_back(ViewOf(d, regions_));
  return out;
}

namespace {

Status CheckDenominator(const DenominatorInput& in) {
  if (in.year < 2000 || in.year > 2100)
    return Fail(Error::InvalidArgument("Tahun harus antara 2000 dan 2100"));
  if (in.name.empty()) return Fail(Error::InvalidArgument("Nama penyebut wajib diisi"));
  for (char c : in.name) {
    if (!(std::islower(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c)) ||
          c == '_')) {
      return Fail(Error::InvalidArgument(
          "Nama penyebut hanya huruf kecil, angka dan garis bawah (mis. working_population): " +
          in.name));
    }
  }
  if (in.value <= 0) return Fail(Error::InvalidArgument("Nilai penyebut harus lebih dari nol"));
  if (intake::TrimCell(in.source).empty())
    return Fail(Error::InvalidArgument("Sumber penyebut wajib diisi (mis. BPS Sakernas Agustus 2024)"));
  if (!in.source_date.empty() && !domain::ParseIsoDate(in.source_date))
    return Fail(Error::InvalidArgument("Tanggal sumber harus YYYY-MM-DD: " + in.source_date));
  return {};
}

Status PutDenominator(storage::Transaction& tx, const AuditTrail* trail,
                      const domain::RegionIndex& regions, const DenominatorInput& in,
                      const Actor& actor) {
  auto before = tx.Monev().Denominators(in.region_code, in.year);
  if (!before) return Fail(std::move(before.error()));
  const auto old = std::ranges::find(*before, in.name, &storage::DenominatorRecord::name);
  storage::DenominatorRecord record{in.region_code, in.year, in.name, in.value,
                                    std::string(intake::TrimCell(in.source)), in.source_date,
                                    actor.name, 0};
  if (auto ok = tx.Monev().PutDenominator(record); !ok) return ok;
  if (trail == nullptr) return {};
  auto view = [&](const storage::DenominatorRecord& d) {
    DenominatorView v = ViewOf(d, regions);
    json j = ToJson(v);
    j.erase("updated_at");
    return j.dump();
  };
  return trail->Append(
      tx, AuditEvent::By(actor, old == before->end() ? auth::AuditAction::kCreate
                                                     : auth::AuditAction::kUpdate,
                         "denominator", in.region_code + "/" + std::to_string(in.year) + "/" + in.name,
                         RegencyOf(in.region_code), old == before->end() ? "" : view(*old),
                         view(record)));
}

}  // namespace

Result<DenominatorView> MonevService::SetDenominator(const DenominatorInput& input,
                                                     const Actor& actor) {
  if (auto ok = MayManage(input.region_code, actor); !ok) return Fail(ok.error());
  if (auto ok = CheckDenominator(input); !ok) return Fail(ok.error());
  auto tx = db_.Begin();
  if (!tx) return Fail(std::move(tx.error()));
  if (auto ok = PutDenominator(**tx, trail_, regions_, input, actor); !ok) return Fail(ok.error());
  auto stored = (*tx)->Monev().Denominators(input.region_code, input.year);
  if (!stored) return Fail(std::move(stored.error()));
  if (auto ok = (*tx)->Commit(); !ok) return Fail(ok.error());
  const auto it = std::ranges::find(*stored, input.name, &storage::DenominatorRecord::name);
  return ViewOf(*it, regions_);
}

Result<DenominatorImport> MonevService::ImportDenominators(const std::filesystem::path& file,
                                                           const Actor& actor) {
  enum class Column { kRegion, kYear, kName, kValue, kSource, kDate };
  static const intake::ColumnAliases<Column> kAliases[] = {
      {Column::kRegion, {"kodewilayah", "kode", "wilayah", "regioncode", "region"}},
      {Column::kYear, {"tahun", "year"}},
      {Column::kName, {"nama", "namapenyebut", "penyebut", "name", "denominator"}},
      {Column::kValue, {"nilai", "jumlah", "value"}},
      {Column::kSource, {"sumber", "source"}},
      {Column::kDate, {"tanggalsumber", "tanggal", "sourcedate", "date"}},
  };
  auto source = intake::SourceFile::Open(file, file.filename().string());
  if (!source) return Fail(std::move(source.error()));
  const auto columns = intake::FindColumns<Column>(source->header(), kAliases);
  for (const auto c : {Column::kRegion, Column::kYear, Column::kName, Column::kValue, Column::kSource}) {
    if (!columns.contains(c)) {
      return Fail(Error::InvalidArgument(
          "Berkas penyebut harus memiliki kolom kode_wilayah, tahun, nama, nilai dan sumber"));
    }
  }
  auto at = [&](const intake::SourceRow& row, Column c) -> std::string {
    const auto found = columns.find(c);
    return found == columns.end() ? std::string() : std::string(intake::TrimCell(row.At(found->second).text));
  };
  auto stream = source->OpenRows();
  if (!stream) return Fail(std::move(stream.error()));
  std::vector<DenominatorInput> inputs;
  intake::SourceRow row;
  DenominatorImport report;
  while ((*stream)->Next(row)) {
    const std::string where = "Baris " + std::to_string(row.line) + ": ";
    DenominatorInput in;
    in.region_code = at(row, Column::kRegion);
    const std::string year = at(row, Column::kYear), value = at(row, Column::kValue);
    in.name = at(row, Column::kName);
    in.source = at(row, Column::kSource);
    in.source_date = at(row, Column::kDate);
    if (in.region_code.empty() && year.empty() && in.name.empty() && value.empty()) continue;
    ++report.rows;
    try {
      in.year = std::stoi(year);
      std::string digits;
      for (char c : value)
        if (c != '.' && c != ' ' && c != ',') digits += c;
      std::size_t used = 0;
      in.value = std::stoll(digits, &used);
      if (used != digits.size()) throw std::invalid_argument(value);
    } catch (const std::exception&) {
      return Fail(Error::InvalidArgument(where + "tahun atau nilai bukan angka (\"" + year +
                                         "\", \"" + value + "\")"));
    }
    if (auto ok = MayManage(in.region_code, actor); !ok)
      return Fail(Error{ok.error().code, where + ok.error().message, ok.error().details});
    if (auto ok = CheckDenominator(in); !ok)
      return Fail(Error{ok.error().code, where + ok.error().message, ok.error().details});
    inputs.push_back(std::move(in));
  }
  if (inputs.empty()) return Fail(Error::InvalidArgument("Berkas penyebut tidak berisi baris"));
  auto tx = db_.Begin();
  if (!tx) return Fail(std::move(tx.error()));
  for (const auto& in : inputs) {
    if (auto ok = PutDenominator(**tx, trail_, regions_, in, actor); !ok) return Fail(ok.error());
    ++report.stored;
  }
  if (auto ok = (*tx)->Commit(); !ok) return Fail(ok.error());
  return report;
}

Result<std::vector<TargetView>> MonevService::Targets(std::string_view region, const Actor& actor) {
  if (region != "ID") {
    if (regions_.Find(region) == nullptr) return Fail(NotFoundRegion(region));
    const std::string regency = RegencyOf(region);
    if (!regency.empty()) {
      if (auto ok = MayView(regency, actor); !ok) return Fail(ok.error());
    }
  }
  auto tx = db_.BeginRead();
  if (!tx) return Fail(std::move(tx.error()));
  auto rows = (*tx)->Monev().Targets(region);
  if (!rows) return Fail(std::move(rows.error()));
  std::vector<TargetView> out;
  for (const auto& t : *rows) out.push_back(ViewOf(t, regions_));
  return out;
}

Result<TargetView> MonevService::SetTarget(const TargetInput& input, const Actor& actor) {
  if (auto ok = MayManage(input.region_code, actor); !ok) return Fail(ok.error());
  if (input.year < 2000 || input.year > 2100)
    return Fail(Error::InvalidArgument("Tahun harus antara 2000 dan 2100"));
  if (!(input.value > 0 && input.value <= 1)) {
    return Fail(Error::InvalidArgument(
        "Target adalah pecahan lebih dari 0 dan paling banyak 1 (33 % ditulis 0.33)"));
  }
  auto tx = db_.Begin();
  if (!tx) return Fail(std::move(tx.error()));
  auto before = (*tx)->Monev().Targets(input.region_code);
  if (!before) return Fail(std::move(before.error()));
  const auto old = std::ranges::find(*before, input.year, &storage::TargetRecord::year);
  storage::TargetRecord record{input.region_code, input.year,  input.value, input.denominator,
                               input.source,      actor.name, 0};
  if (auto ok = (*tx)->Monev().PutTarget(record); !ok) return Fail(ok.error());
  auto after = (*tx)->Monev().Targets(input.region_code);
  if (!after) return Fail(std::move(after.error()));
  const auto stored = std::ranges::find(*after, input.year, &storage::TargetRecord::year);
  if (trail_ != nullptr) {
    auto dump = [&](const storage::TargetRecord& t) {
      json j = ToJson(ViewOf(t, regions_));
      j.erase("updated_at");
      return j.dump();
    };
    if (auto ok = trail_->Append(
            **tx, AuditEvent::By(actor,
                                 old == before->end() ? auth::AuditAction::kCreate
                                                      : auth::AuditAction::kUpdate,
                                 "target", input.region_code + "/" + std::to_string(input.year),
                                 RegencyOf(input.region_code),
                                 old == before->end() ? "" : dump(*old), dump(*stored)));
        !ok) {
      return Fail(ok.error());
    }
  }
  if (auto ok = (*tx)->Commit(); !ok) return Fail(ok.error());
  return ViewOf(*stored, regions_);
}

// --- boundaries ----------------------------------------------------------------------------

Result<BoundaryImport> MonevService::SetBoundaries(std::string_view regency,
                                                   std::string_view geojson, const Actor& actor) {
  const domain::Region* found = regions_.Find(regency);
  if (found == nullptr || found->level != domain::RegionLevel::kRegency)
    return Fail(NotFoundRegion(regency));
  if (auto ok = MayManage(regency, actor); !ok) return Fail(ok.error());
  auto file = ReadBoundaryFile(geojson, regions_.Children(regency), found->name);
  if (!file) return Fail(std::move(file.error()));
  const BoundaryImport& report = file->report;
  const std::string& stored = file->stored;
  auto tx = db_.Begin();
  if (!tx) return Fail(std::move(tx.error()));
  if (auto ok = (*tx)->Monev().PutBoundaries(regency, stored, report.matched, actor.name); !ok)
    return Fail(ok.error());
  if (trail_ != nullptr) {
    json after = {{"features", report.features},
                  {"matched", report.matched},
                  {"unmatched", report.unmatched},
                  {"bytes", stored.size()}};
    if (auto ok = trail_->Append(**tx, AuditEvent::By(actor, auth::AuditAction::kImport,
                                                      "boundaries", std::string(regency),
                                                      std::string(regency), "", after.dump()));
        !ok) {
      return Fail(ok.error());
    }
  }
  if (auto ok = (*tx)->Commit(); !ok) return Fail(ok.error());
  return report;
}

Result<std::optional<std::string>> MonevService::Boundaries(std::string_view regency,
                                                            const Actor& actor) {
  if (auto ok = MayView(regency, actor); !ok) return Fail(ok.error());
  auto tx = db_.BeginRead();
  if (!tx) return Fail(std::move(tx.error()));
  return (*tx)->Monev().Boundaries(regency);
}

}  // namespace jaring::services
