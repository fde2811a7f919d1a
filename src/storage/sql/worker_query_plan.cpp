// Design notes: see worker_query_plan.hpp (why each plan, why `+column`). Here: the rules.
#include "storage/sql/worker_query_plan.hpp"

#include <algorithm>
#include <utility>

#include "domain/date_format.hpp"
#include "storage/sql/worker_rows.hpp"

namespace jaring::storage::sql {
namespace {

bool HasNameKey(const WorkerFilter& filter) {
  return !filter.name.empty() && !NameSearchKey(filter.name).empty();
}

// Lists sorted by name (within a district, too) read their filter's name-ordered index; only the
// other sorts are planned.
bool SortedByName(WorkerSort sort) {
  return sort == WorkerSort::kName || sort == WorkerSort::kDistrict;
}

bool Narrows(const WorkerFilter& filter) {
  return !filter.district_code.empty() || !filter.village_code.empty() ||
         !filter.occupation.empty() || !filter.source.empty() || filter.status.has_value() ||
         filter.sex.has_value() || HasNameKey(filter) || filter.has_issues.has_value() ||
         !filter.nik_prefix.empty() || filter.born_after.has_value() ||
         filter.born_on_or_before.has_value();
}

}  // namespace

SortPlan SortPlanFor(const WorkerFilter& filter, WorkerSort sort, std::int64_t matches_at_least) {
  const bool sort_by_search = sort == WorkerSort::kNik && !filter.nik_prefix.empty();
  if (SortedByName(sort) || sort_by_search || !Narrows(filter)) {
    return SortPlan::kWalkSortIndex;
  }
  if (matches_at_least < kWalkSortFrom) return SortPlan::kSortMatches;
  const bool clusters = sort != WorkerSort::kBirthDate &&
                        (!filter.district_code.empty() || !filter.village_code.empty() ||
                         !filter.source.empty() || !filter.nik_prefix.empty());
  return clusters ? SortPlan::kProbeSortIndex : SortPlan::kWalkSortIndex;
}

std::int64_t ProbeBudget(std::int64_t offset, int limit) {
  return std::clamp<std::int64_t>(20 * (offset + limit), 2'000, 10'000);
}

IndexUse IndexUseFor(Engine engine, const WorkerFilter& filter, WorkerSort sort, bool count,
                     SortPlan plan) {
  IndexUse use;
  if (engine != Engine::kSqlite) return use;
  if (!count && plan != SortPlan::kSortMatches && !SortedByName(sort) && Narrows(filter)) {
    // The sort's own index drives (a walk, or the probe's rows); every filter is tested.
    use.searches = sort == WorkerSort::kNik;
    use.locations = use.few_valued = false;
    use.birth_date = sort == WorkerSort::kBirthDate;
    return use;
  }
  const bool by_name = HasNameKey(filter);
  const bool by_nik = !filter.nik_prefix.empty();
  use.locations = !by_name;
  use.few_valued = !by_name && !by_nik;
  // A band's matches that are to be sorted are found through the birth-date index too.
  const bool sorted_matches = !count && plan == SortPlan::kSortMatches && !SortedByName(sort);
  use.birth_date =
      sort == WorkerSort::kBirthDate || ((count || sorted_matches) && !by_name && !by_nik);
  return use;
}

std::string PrefixUpper(std::string prefix) {
  while (!prefix.empty() && static_cast<unsigned char>(prefix.back()) >= 0x7e) prefix.pop_back();
  if (prefix.empty()) return "\x7f";
  prefix.back() = static_cast<char>(prefix.back() + 1);
  return prefix;
}

void FilterSql::Add(std::string_view condition, std::string param) {
  where += " AND ";
  where += condition;
  params.push_back(std::move(param));
}

Result<FilterSql> BuildFilter(std::string_view regency_code, const WorkerFilter& filter,
                              Engine engine, WorkerSort sort, bool count, SortPlan plan) {
  const IndexUse use = IndexUseFor(engine, filter, sort, count, plan);
  auto column = [](const char* name, bool indexed) {
    return std::string(indexed ? "" : "+") + name;
  };
  FilterSql out;
  out.where = " WHERE regency_code = :r";
  out.params.emplace_back(regency_code);
  int n = 0;
  auto name = [&n] { return ":f" + std::to_string(n++); };
  if (!filter.nik_prefix.empty()) {
    if (!std::ranges::all_of(filter.nik_prefix, [](char c) { return c >= '0' && c <= '9'; })) {
      return Fail(Error::InvalidArgument("awalan NIK hanya boleh angka", "nik_prefix"));
    }
    out.Add(column("nik", use.searches) + " >= " + name(), filter.nik_prefix);
    out.Add(column("nik", use.searches) + " < " + name(), PrefixUpper(filter.nik_prefix));
  }
  if (!filter.name.empty()) {
    const std::string key = NameSearchKey(filter.name);
    if (!key.empty()) {
      out.Add(column("name_key", use.searches) + " >= " + name(), key);
      out.Add(column("name_key", use.searches) + " < " + name(), PrefixUpper(key));
    }
  }
  auto equals = [&](const char* col, bool indexed, std::string value) {
    out.Add(column(col, indexed) + " = " + name(), std::move(value));
  };
  if (!filter.district_code.empty()) equals("district_code", use.locations, filter.district_code);
  if (!filter.village_code.empty()) equals("village_code", use.locations, filter.village_code);
  if (!filter.occupation.empty()) equals("occupation", use.locations, filter.occupation);
  if (!filter.source.empty()) equals("source", use.few_valued, filter.source);
  if (filter.status) {
    equals("status", use.few_valued, std::string(domain::ToCode(*filter.status)));
  }
  if (filter.sex) equals("sex", use.few_valued, std::string(domain::ToCode(*filter.sex)));
  const std::string birth_date = column("birth_date", use.birth_date);
  if (filter.born_after) {
    out.Add(birth_date + " > " + name(), domain::FormatIsoDate(*filter.born_after));
  }
  if (filter.born_on_or_before) {
    out.Add(birth_date + " <= " + name(), domain::FormatIsoDate(*filter.born_on_or_before));
  }
  if (filter.has_issues)
    out.where += *filter.has_issues ? " AND has_issues = 1" : " AND has_issues = 0";
  return out;
}

std::string OrderBy(Engine engine, const WorkerFilter& filter, WorkerSort sort, bool descending,
                    SortPlan plan) {
  const char* direction = descending ? " DESC" : "";
  auto unindexed = [&](const char* col, const char* postgres_expression) {
    if (plan != SortPlan::kSortMatches) return std::string(col);
    return engine == Engine::kSqlite ? std::string("+") + col : std::string(postgres_expression);
  };
  std::string column = "name";
  switch (sort) {
    case WorkerSort::kName:
      if (!filter.nik_prefix.empty()) {
        column = "nik";
      } else if (HasNameKey(filter)) {
        column = "name_key";
      }
      break;
    case WorkerSort::kNik:
      column = filter.nik_prefix.empty() ? unindexed("nik", "(nik || '')") : "nik";
      break;
    case WorkerSort::kBirthDate:
      column = unindexed("birth_date", "(birth_date + 0)");
      break;
    case WorkerSort::kUpdatedAt:
      column = unindexed("updated_at", "(updated_at + INTERVAL '0 seconds')");
      break;
    case WorkerSort::kDistrict:
      column = std::string("district_code") + direction + ", name";
      break;
  }
  return " ORDER BY " + column + direction + ", id" + direction;
}

std::int64_t CountCap(const WorkerQuery& query) {
  return query.exact_total_up_to > 0 ? std::max(query.exact_total_up_to, query.offset + query.limit)
                                     : 0;
}

std::string CountSql(const std::string& where, std::int64_t cap) {
  return cap > 0 ? "SELECT COUNT(*) FROM (SELECT 1 FROM workers" + where + " LIMIT " +
                       std::to_string(cap + 1) + ") capped"
                 : "SELECT COUNT(*) FROM workers" + where;
}

std::string PageSql(Engine engine, const std::string& where, const WorkerQuery& query,
                    SortPlan plan) {
  const std::string order = OrderBy(engine, query.filter, query.sort, query.descending, plan);
  const std::string limit =
      " LIMIT " + std::to_string(query.limit) + " OFFSET " + std::to_string(query.offset);
  if (plan == SortPlan::kProbeSortIndex) {
    // The probe's rows come first in the sort order; `where` tests them (its first parameter,
    // :p, is the regency again).
    return "SELECT " + WorkerRecordColumns(engine) +
           " FROM (SELECT * FROM workers WHERE regency_code = :p" + order + " LIMIT " +
           std::to_string(ProbeBudget(query.offset, query.limit)) + ") head" + where + order +
           limit;
  }
  if (!PageBindsRegencyFirst(query, plan)) {
    return "SELECT " + WorkerRecordColumns(engine) + " FROM workers" + where + order + limit;
  }
  // The page's ids, then their rows (read by id: WorkerRegencyTest).
  return "SELECT " + WorkerRecordColumns(engine) + " FROM workers WHERE " +
         WorkerRegencyTest(engine) + " = :p AND id IN (SELECT id FROM workers" + where + order +
         limit + ")" + order;
}

bool PageBindsRegencyFirst(const WorkerQuery& query, SortPlan plan) {
  // A deep page skips its offset on ids alone, so the skipped rows are read from the sort's
  // index (PostgreSQL: an index-only scan) instead of each being fetched from the table, and
  // only the page's rows are read. Sorted matches likewise: their ids and sort keys are sorted
  // off the filter's index where it carries the key (the district and source indexes carry
  // last change and NIK, 0008).
  constexpr std::int64_t kDeferFrom = 1000;
  return plan != SortPlan::kWalkSortIndex || query.offset >= kDeferFrom;
}

std::string ExportSql(Engine engine, const std::string& where, const WorkerFilter& filter,
                      WorkerSort sort, bool descending, SortPlan plan) {
  return "SELECT " + WorkerRecordColumns(engine) + " FROM workers" + where +
         OrderBy(engine, filter, sort, descending, plan);
}

}  // namespace jaring::storage::sql
