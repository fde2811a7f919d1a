// The query planner of the registry list (WorkerRepository::Find and ForEach): how a filtered,
// sorted page of one regency's workers is read, and the SQL text that reads it. Pure: it builds
// strings and decides from the filter, the sort and a count; it never touches a database, so
// its choices are tested without one (worker_query_plan_test.cpp) and the engines' own plans
// are measured by bench/registry (docs/benchmarks.md).
//
// Every statement filters on regency_code first (its first parameter), so one regency's list
// never reads another's rows. Values a request supplies are always bound as parameters; only
// numbers (limits, offsets, budgets) are written into the text.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.hpp"
#include "storage/sql/engine.hpp"
#include "storage/worker_repository.hpp"

namespace jaring::storage::sql {

// How a page sorted by birth date, last change or NIK (not a NIK search sorted by NIK) finds its
// rows when a filter narrows the list. No index holds a filter column and one of these sort
// keys together, so there are two ways, and which is cheap depends on where the matches lie:
//  - walk the sort's own index in order and test each row, stopping when the page is full:
//    cheap when the matches are many and spread through the sort order, but a walk may pass
//    most of the regency before the first match when they are clustered;
//  - find the matches through the filter's index and sort them (kSortMatches): cheap when they
//    are few, whatever their order.
// Lists cluster: they arrive per village and per source, so a district's, a village's or a
// source's rows share their import's last change and sit together in id order, and a NIK
// starts with its district's code. Nothing clusters by birth date, and occupations, statuses,
// sexes, ages and names are spread through every list.
// So, with at least kWalkSortFrom matches (about one row in a hundred of a regency of a
// million, so a walk fills a page of 50 within a few thousand rows):
//  - kWalkSortIndex when no filter clusters for the sort;
//  - kProbeSortIndex when one does: walk only the first ProbeBudget rows of the sort order; if
//    the page's rows are all among them, that is the page (exactly: no match can sort before
//    rows that were read), else sort the matches. A source holding most of the regency is then
//    answered by the probe, a district by the sort.
// Fewer matches: kSortMatches. Lists sorted by name read the filter's own (regency, column,
// name, id) index in order and are not planned here (kWalkSortIndex: the indexes steer them).
enum class SortPlan : std::uint8_t { kWalkSortIndex, kSortMatches, kProbeSortIndex };
inline constexpr std::int64_t kWalkSortFrom = 10'000;

// `matches_at_least`: how many rows the filter is known to match (its capped count), or 0 when
// not known (an export, which reads every match anyway and sorts them).
SortPlan SortPlanFor(const WorkerFilter& filter, WorkerSort sort, std::int64_t matches_at_least);

// Rows of the sort order a probe reads for the page at `offset`: twenty per row needed, within
// bounds that keep a failed probe cheap next to the sort that follows it (the probe reads each
// of its rows from the table).
std::int64_t ProbeBudget(std::int64_t offset, int limit);

// Which filter columns SQLite may read an index for. SQLite plans without statistics (jaring
// never runs ANALYZE), so it takes any equality or range on an indexed column as selective;
// a column written as `+column` is an expression to it and only tested, never searched. The
// rules of IndexUseFor make the index that keeps a list cheap drive it (migrations 0005 and
// 0007):
//  - A name search drives its query: the name-key index carries district and village, and its
//    hits are few next to "every worker of status calon" that a status index would return and
//    then sort by name key.
//  - A NIK prefix drives over the few-valued columns (status, source, sex); a district, village
//    or occupation may still be the smaller set.
//  - The page of a list not sorted by birth date walks its sort index and tests an age band
//    there (the name index carries birth date and sex), rather than sorting every worker of the
//    band; its count reads the band off the birth-date index, which carries sex.
// PostgreSQL plans with its own statistics and gets plain columns.
struct IndexUse {
  bool searches = true;    // NIK prefix, name key
  bool locations = true;   // district, village, occupation
  bool few_valued = true;  // status, source, sex
  bool birth_date = true;
  friend bool operator==(const IndexUse&, const IndexUse&) = default;
};

// For the count (`count`) or the page sorted by `sort` under `plan`.
IndexUse IndexUseFor(Engine engine, const WorkerFilter& filter, WorkerSort sort, bool count,
                     SortPlan plan);

// The smallest string greater than every string that starts with `prefix` (non-empty, ASCII):
// `col >= prefix AND col < upper` is a prefix match that both engines run as an index range.
std::string PrefixUpper(std::string prefix);

// WHERE clause of a filter and its parameters in order of appearance (positional binding).
struct FilterSql {
  std::string where;
  std::vector<std::string> params;

  void Add(std::string_view condition, std::string param);
};

// WHERE clause of a filter, for a count (`count`) or a page sorted by `sort` under `plan`; the
// regency is its first parameter. InvalidArgument for a NIK prefix that is not all digits.
Result<FilterSql> BuildFilter(std::string_view regency_code, const WorkerFilter& filter,
                              Engine engine, WorkerSort sort, bool count,
                              SortPlan plan = SortPlan::kSortMatches);

// ORDER BY of a list; ties are broken by id in the same direction. A search sorted by name
// (the default) lists in the order of what was searched, the order of its index: a NIK prefix
// by NIK, a name by its search key (see WorkerQuery::sort). A district is sorted by name
// within, as its index is (migration 0007).
// Under SortPlan::kSortMatches the sort key is written as an expression that no index provides,
// so that neither SQLite without statistics nor PostgreSQL with them (which cannot foresee
// clustering) walks the sort index instead.
std::string OrderBy(Engine engine, const WorkerFilter& filter, WorkerSort sort, bool descending,
                    SortPlan plan);

// How far Find counts the matches of `query`: 0 for an exact count, else
// max(exact_total_up_to, offset + limit), so that a further page is always known to exist.
std::int64_t CountCap(const WorkerQuery& query);

// The count of Find for the WHERE clause `where` (its parameters are the filter's): a capped
// count (cap > 0) reads at most cap + 1 index entries, because LIMIT inside the subquery stops
// the scan, where COUNT(*) over the whole filter would visit every match.
std::string CountSql(const std::string& where, std::int64_t cap);

// The SELECT of one page of Find (WorkerRecordColumns), for the WHERE clause `where` of its
// filter built under the same `plan`. When PageBindsRegencyFirst, the statement binds the
// regency once more before the filter's parameters.
std::string PageSql(Engine engine, const std::string& where, const WorkerQuery& query,
                    SortPlan plan);
// Under kProbeSortIndex, and for a deep page, whose rows are read by id: the id names the row
// only with its regency on PostgreSQL, where workers is partitioned by regency (0019).
bool PageBindsRegencyFirst(const WorkerQuery& query, SortPlan plan);

// The SELECT of ForEach (every match, WorkerRecordColumns), for the WHERE clause `where` built
// under the same `plan`.
std::string ExportSql(Engine engine, const std::string& where, const WorkerFilter& filter,
                      WorkerSort sort, bool descending, SortPlan plan);

}  // namespace jaring::storage::sql
