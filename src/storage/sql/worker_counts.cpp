// Counts of workers: a regency's total, the capped count of a filtered list (Find), the
// dashboard's groups (district, occupation, sex, age band) and the province's per-regency totals.
// The total and the groups come from the list in memory when it is served
// (worker_list_cache.hpp): in SQL each reads all of a regency's entries.
//
// Design notes
//  - Age bands are computed in SQL by turning each band edge into a birth-date cutoff
//    (age >= a  <=>  birth_date <= reference - a years) and comparing ISO dates, which works
//    the same on SQLite (text) and PostgreSQL (DATE) and uses no engine date functions.
//  - Group results are sorted in C++ so that the order never depends on a server collation.
#include <algorithm>
#include <string>
#include <vector>

#include "domain/date_format.hpp"
#include "storage/sql/codec.hpp"
#include "storage/sql/worker_list_cache.hpp"
#include "storage/sql/worker_query_plan.hpp"
#include "storage/sql/worker_repository.hpp"

namespace jaring::storage::sql {

using soci::into;
using soci::use;

Result<std::int64_t> SqlWorkerRepository::Count(std::string_view regency_code) {
  if (auto ok = CheckRegency(regency_code); !ok) return Fail(ok.error());
  if (list_cache_ != nullptr) {
    auto counted = list_cache_->Count(regency_code);
    if (!counted) return Fail(std::move(counted.error()));
    if (*counted) return **counted;
  }
  return CountRows(regency_code);
}

Result<std::int64_t> SqlWorkerRepository::CountRows(std::string_view regency_code) {
  return runner_.Run<std::int64_t>(
      "workers.count", CallMode::kRead, [&](soci::session& session) -> Result<std::int64_t> {
        long long count = 0;
        std::string regency(regency_code);
        session << "SELECT COUNT(*) FROM workers WHERE regency_code = :r", use(regency),
            into(count);
        return static_cast<std::int64_t>(count);
      });
}

Result<std::vector<CodeCount>> SqlWorkerRepository::CountGroupedBy(
    std::string_view operation, std::string_view column,
    std::optional<std::string_view> regency_code) {
  return runner_.Run<std::vector<CodeCount>>(
      operation, CallMode::kRead, [&](soci::session& session) -> Result<std::vector<CodeCount>> {
        std::string sql = "SELECT ";
        sql += column;
        sql += ", COUNT(*) FROM workers";
        std::string regency(regency_code.value_or(""));
        if (regency_code) sql += " WHERE regency_code = :r";
        sql += " GROUP BY ";
        sql += column;
        std::string code;
        long long count = 0;
        soci::details::prepare_temp_type prepare = (session.prepare << sql);
        prepare, into(code), into(count);
        if (regency_code) prepare, use(regency);
        soci::statement statement(prepare);
        statement.execute();
        std::vector<CodeCount> out;
        while (statement.fetch()) out.push_back({code, static_cast<std::int64_t>(count)});
        std::ranges::sort(out, {}, &CodeCount::code);
        return out;
      });
}

Result<std::vector<CodeCount>> SqlWorkerRepository::CountByDistrict(std::string_view regency_code) {
  if (auto ok = CheckRegency(regency_code); !ok) return Fail(ok.error());
  if (list_cache_ != nullptr) {
    auto counted = list_cache_->CountByDistrict(regency_code);
    if (!counted) return Fail(std::move(counted.error()));
    if (*counted) return std::move(**counted);
  }
  return CountGroupedBy("workers.count_by_district", "district_code", regency_code);
}

Result<std::vector<CodeCount>> SqlWorkerRepository::CountByOccupation(
    std::string_view regency_code) {
  if (auto ok = CheckRegency(regency_code); !ok) return Fail(ok.error());
  if (list_cache_ != nullptr) {
    auto counted = list_cache_->CountByOccupation(regency_code);
    if (!counted) return Fail(std::move(counted.error()));
    if (*counted) return std::move(**counted);
  }
  return CountGroupedBy("workers.count_by_occupation", "occupation", regency_code);
}

Result<std::vector<CodeCount>> SqlWorkerRepository::CountsByRegency() {
  if (list_cache_ == nullptr) {
    return CountGroupedBy("workers.counts_by_regency", "regency_code", std::nullopt);
  }
  // Served (the province's list of regencies, at every start of the web app): the regencies
  // found by skipping through the index (one probe each), each counted in memory when its list
  // is loaded, else in SQL. The GROUP BY read every worker's index entry (2,000,000: 106-139 ms
  // on SQLite).
  Result<std::vector<std::string>> codes = runner_.Run<std::vector<std::string>>(
      "workers.regencies", CallMode::kRead,
      [&](soci::session& session) -> Result<std::vector<std::string>> {
        std::vector<std::string> out;
        std::string code;
        soci::indicator ind = soci::i_null;
        soci::statement statement =
            (session.prepare << "WITH RECURSIVE r (code) AS (SELECT MIN(regency_code) FROM "
                                "workers UNION ALL SELECT (SELECT MIN(regency_code) FROM workers "
                                "WHERE regency_code > r.code) FROM r WHERE r.code IS NOT NULL) "
                                "SELECT code FROM r WHERE code IS NOT NULL",
             into(code, ind));
        statement.execute();
        while (statement.fetch()) out.push_back(code);
        return out;
      });
  if (!codes) return Fail(std::move(codes.error()));
  std::vector<CodeCount> out;
  for (const std::string& code : *codes) {
    auto counted = list_cache_->CountIfLoaded(code);
    if (!counted) return Fail(std::move(counted.error()));
    if (*counted) {
      out.push_back({code, **counted});
      continue;
    }
    auto total = CountRows(code);
    if (!total) return Fail(std::move(total.error()));
    out.push_back({code, *total});
  }
  return out;
}

Result<SexCount> SqlWorkerRepository::CountBySex(std::string_view regency_code) {
  if (auto ok = CheckRegency(regency_code); !ok) return Fail(ok.error());
  if (list_cache_ != nullptr) {
    auto counted = list_cache_->CountBySex(regency_code);
    if (!counted) return Fail(std::move(counted.error()));
    if (*counted) return **counted;
  }
  Result<std::vector<CodeCount>> groups =
      CountGroupedBy("workers.count_by_sex", "sex", regency_code);
  if (!groups) return Fail(std::move(groups.error()));
  SexCount out;
  for (const CodeCount& group : *groups) {
    const auto sex = domain::SexFromCode(group.code);
    if (!sex) return Fail(Error::Internal("data pekerja rusak di basis data", "op=count_by_sex"));
    (*sex == domain::Sex::kMale ? out.male : out.female) += group.count;
  }
  return out;
}

Result<AgeBandCounts> SqlWorkerRepository::CountByAgeBand(std::string_view regency_code,
                                                          std::chrono::year_month_day reference,
                                                          std::span<const int> lower_bounds) {
  if (auto ok = CheckRegency(regency_code); !ok) return Fail(ok.error());
  constexpr std::size_t kMaxBands = 64;
  bool valid = reference.ok() && !lower_bounds.empty() && lower_bounds.size() <= kMaxBands &&
               lower_bounds.front() >= 0 && lower_bounds.back() <= 200;
  for (std::size_t i = 1; valid && i < lower_bounds.size(); ++i) {
    valid = lower_bounds[i] > lower_bounds[i - 1];
  }
  if (!valid) {
    return Fail(Error::InvalidArgument("kelompok umur tidak sah",
                                       "need 1-64 strictly increasing bounds in [0, 200] and a "
                                       "valid reference date"));
  }
  if (list_cache_ != nullptr) {
    std::vector<std::int32_t> cutoffs;
    for (int bound : lower_bounds) {
      cutoffs.push_back(static_cast<std::int32_t>(
          std::chrono::sys_days(YearsBefore(reference, bound)).time_since_epoch().count()));
    }
    auto counted = list_cache_->CountByAgeBand(regency_code, lower_bounds, cutoffs);
    if (!counted) return Fail(std::move(counted.error()));
    if (*counted) return std::move(**counted);
  }
  return runner_.Run<AgeBandCounts>(
      "workers.count_by_age_band", CallMode::kRead,
      [&](soci::session& session) -> Result<AgeBandCounts> {
        // cutoff[i]: born on or before it <=> at least lower_bounds[i] years old on `reference`.
        std::vector<std::string> cutoffs;
        for (int bound : lower_bounds)
          cutoffs.push_back(domain::FormatIsoDate(YearsBefore(reference, bound)));
        // Positional parameters, one per occurrence (a reused name is not portable in SOCI).
        std::vector<const std::string*> params;
        std::string sql = "SELECT COUNT(CASE WHEN birth_date IS NULL THEN 1 END)";
        sql += ", COUNT(CASE WHEN birth_date > :y THEN 1 END)";
        params.push_back(&cutoffs[0]);
        for (std::size_t i = 0; i < cutoffs.size(); ++i) {
          const std::string n = std::to_string(i);
          if (i + 1 < cutoffs.size()) {
            sql += ", COUNT(CASE WHEN birth_date <= :a" + n + " AND birth_date > :b" + n +
                   " THEN 1 END)";
            params.push_back(&cutoffs[i]);
            params.push_back(&cutoffs[i + 1]);
          } else {
            sql += ", COUNT(CASE WHEN birth_date <= :a" + n + " THEN 1 END)";
            params.push_back(&cutoffs[i]);
          }
        }
        sql += " FROM workers WHERE regency_code = :r";
        std::string regency(regency_code);
        std::vector<long long> counts(cutoffs.size() + 2, 0);
        soci::details::prepare_temp_type prepare = (session.prepare << sql);
        for (long long& count : counts) prepare, into(count);
        for (const std::string* param : params) prepare, use(*param);
        prepare, use(regency);
        soci::statement statement(prepare);
        statement.execute(true);
        AgeBandCounts out;
        out.unknown = counts[0];
        out.younger = counts[1];
        for (std::size_t i = 0; i < lower_bounds.size(); ++i) {
          out.bands.push_back({lower_bounds[i],
                               i + 1 < lower_bounds.size() ? lower_bounds[i + 1] : -1,
                               static_cast<std::int64_t>(counts[i + 2])});
        }
        return out;
      });
}

std::int64_t SqlWorkerRepository::CountMatches(soci::session& session, const FilterSql& filter,
                                               std::int64_t cap) {
  long long total = 0;
  soci::details::prepare_temp_type prepare = (session.prepare << CountSql(filter.where, cap));
  prepare, into(total);
  for (const std::string& param : filter.params) prepare, use(param);
  soci::statement statement(prepare);
  statement.execute(true);
  return total;
}

}  // namespace jaring::storage::sql
