// Design notes
//  - Every query that touches personal data filters on regency_code first; the indexes all
//    start with it, so one regency's work never scans another's rows.
//  - Writes are atomic: a pooled call opens its own transaction, a bound call (inside a caller's
//    Transaction) a savepoint, and any failure rolls back to where the call started.
//  - Bulk insert: SQLite reuses one prepared INSERT, its values bound in place through the
//    native API (one sqlite3_step per row, no SQL parsing), rebuilding the indexes afterwards
//    for a first large import; PostgreSQL streams COPY text through libpq. Both run in the call's
//    one transaction, so a bad row anywhere undoes the whole batch.
//  - Age bands are computed in SQL by turning each band edge into a birth-date cutoff
//    (age >= a  <=>  birth_date <= reference - a years) and comparing ISO dates, which works
//    the same on SQLite (text) and PostgreSQL (DATE) and uses no engine date functions.
//  - Group results are sorted in C++ so that the order never depends on a server collation.
#include "storage/sql/worker_repository.hpp"

#include <soci/sqlite3/soci-sqlite3.h>

#include <algorithm>
#include <array>
#include <optional>
#include <utility>
#include <variant>

#include "domain/date_format.hpp"
#include "matching/normalize.hpp"
#include "storage/sql/codec.hpp"
#include "storage/sql/errors.hpp"

namespace jaring::storage::sql {
namespace {

using soci::into;
using soci::use;

constexpr const char* kInsertColumns =
    "regency_code, nik, kk, name, name_original, sex, birth_place, birth_date, address, "
    "village_code, district_code, occupation, phone, status, source, created_at, updated_at, "
    "name_key, has_issues, last_batch_id";
constexpr std::size_t kInsertColumnCount = 20;
constexpr std::size_t kBirthDateColumn = 7;
constexpr std::size_t kBatchColumn = 19;

// Batches from this size on rebuild the SQLite indexes instead of updating them (see
// InsertManySqlite).
constexpr std::size_t kRebuildIndexesFrom = 20'000;

// The cast is renamed: PostgreSQL names it "birth_date", and an ORDER BY birth_date would then
// sort by the text (no index) instead of the column.
constexpr const char* kSelectColumns =
    "id, regency_code, nik, kk, name, name_original, sex, birth_place, "
    "CAST(birth_date AS TEXT) AS birth_date_text, address, village_code, occupation, phone, "
    "status, source";

std::string InsertSql() {
  std::string sql = "INSERT INTO workers (";
  sql += kInsertColumns;
  sql += ") VALUES (";
  for (std::size_t i = 0; i < kInsertColumnCount; ++i) {
    if (i > 0) sql += ", ";
    sql += ":p" + std::to_string(i);
  }
  sql += ")";
  return sql;
}

// The 20 inserted values of one worker, as text, in kInsertColumns order; birth_date is
// null when the date is unknown (not ok()), last_batch_id when there is no batch.
struct InsertValues {
  std::array<std::string, kInsertColumnCount> text;
  bool birth_date_known = false;
  bool batch_known = false;

  void Assign(const domain::Worker& w, const std::string& now,
              std::optional<std::int64_t> last_batch_id) {
    text[0] = w.regency_code;
    text[1] = w.nik;
    text[2] = w.kk;
    text[3] = w.name;
    text[4] = w.name_original;
    text[5] = domain::ToCode(w.sex);
    text[6] = w.birth_place;
    birth_date_known = w.birth_date.ok();
    text[kBirthDateColumn] = birth_date_known ? domain::FormatIsoDate(w.birth_date) : std::string();
    text[8] = w.address;
    text[9] = w.village_code;
    text[10] = DistrictOf(w.village_code);
    text[11] = w.occupation;
    text[12] = w.phone;
    text[13] = domain::ToCode(w.status);
    text[14] = w.source;
    text[15] = now;
    text[16] = now;
    text[17] = NameSearchKey(w.name);
    text[18] = domain::RecordHasIssues(w) ? "1" : "0";
    batch_known = last_batch_id.has_value();
    text[kBatchColumn] = batch_known ? std::to_string(*last_batch_id) : std::string();
  }
};

// Buffers a SELECT of kSelectColumns fetches into.
struct SelectRow {
  long long id = 0;
  std::string regency_code, nik, kk, name, name_original, sex, birth_place, birth_date, address,
      village_code, occupation, phone, status, source;
  soci::indicator birth_date_indicator = soci::i_ok;

  void BindTo(soci::details::prepare_temp_type& prepare) {
    prepare, into(id), into(regency_code), into(nik), into(kk), into(name), into(name_original),
        into(sex), into(birth_place), into(birth_date, birth_date_indicator), into(address),
        into(village_code), into(occupation), into(phone), into(status), into(source);
  }

  Result<domain::Worker> ToWorker() const {
    domain::Worker w;
    w.id = id;
    w.regency_code = regency_code;
    w.nik = nik;
    w.kk = kk;
    w.name = name;
    w.name_original = name_original;
    const auto parsed_sex = domain::SexFromCode(sex);
    const auto parsed_status = domain::WorkerStatusFromCode(status);
    Result<std::chrono::year_month_day> date = std::chrono::year_month_day{};
    if (birth_date_indicator == soci::i_ok) date = domain::ParseIsoDate(birth_date);
    if (!parsed_sex || !parsed_status || !date) {
      return Fail(Error::Internal("data pekerja rusak di basis data",
                                  "op=workers.read id=" + std::to_string(id)));
    }
    w.sex = *parsed_sex;
    w.status = *parsed_status;
    w.birth_date = *date;
    w.birth_place = birth_place;
    w.address = address;
    w.village_code = village_code;
    w.occupation = occupation;
    w.phone = phone;
    w.source = source;
    return w;
  }
};

// The record columns: kSelectColumns, then the two timestamps as ISO text to the second, the
// issue flag and the batch link. Timestamps are TEXT on SQLite ('...ffffffZ') and TIMESTAMPTZ
// on PostgreSQL, so each engine formats its own.
std::string RecordColumns(Engine engine) {
  std::string sql = kSelectColumns;
  if (engine == Engine::kSqlite) {
    sql += ", substr(created_at, 1, 19) || 'Z', substr(updated_at, 1, 19) || 'Z'";
  } else {
    sql +=
        ", to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"
        ", to_char(updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')";
  }
  sql += ", has_issues, last_batch_id";
  return sql;
}

struct RecordRow {
  SelectRow row;
  std::string created_at, updated_at;
  int has_issues = 0;
  long long last_batch_id = 0;
  soci::indicator batch_indicator = soci::i_null;

  void BindTo(soci::details::prepare_temp_type& prepare) {
    row.BindTo(prepare);
    prepare, into(created_at), into(updated_at), into(has_issues),
        into(last_batch_id, batch_indicator);
  }

  Result<WorkerRecord> ToRecord() const {
    Result<domain::Worker> worker = row.ToWorker();
    if (!worker) return Fail(std::move(worker.error()));
    WorkerRecord out;
    out.worker = std::move(*worker);
    out.created_at = created_at;
    out.updated_at = updated_at;
    out.has_issues = has_issues != 0;
    if (batch_indicator == soci::i_ok) out.last_batch_id = last_batch_id;
    return out;
  }
};

// The smallest string greater than every string that starts with `prefix` (non-empty, ASCII):
// `col >= prefix AND col < upper` is a prefix match that both engines run as an index range.
std::string PrefixUpper(std::string prefix) {
  while (!prefix.empty() && static_cast<unsigned char>(prefix.back()) >= 0x7e) prefix.pop_back();
  if (prefix.empty()) return "\x7f";
  prefix.back() = static_cast<char>(prefix.back() + 1);
  return prefix;
}

// WHERE clause of a filter and its parameters in order of appearance (positional binding).
struct FilterSql {
  std::string where;
  std::vector<std::string> params;

  void Add(std::string_view condition, std::string param) {
    where += " AND ";
    where += condition;
    params.push_back(std::move(param));
  }
};

bool HasNameKey(const WorkerFilter& filter) {
  return !filter.name.empty() && !NameSearchKey(filter.name).empty();
}

// Which filter columns SQLite may read an index for. SQLite plans without statistics (jaring
// never runs ANALYZE), so it takes any equality or range on an indexed column as selective;
// a column written as `+column` is an expression to it and only tested, never searched. The
// rules below make the index that keeps a list cheap drive it (migrations 0005 and 0007):
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
};

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
constexpr std::int64_t kWalkSortFrom = 10'000;

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

// `matches_at_least`: how many rows the filter is known to match (its capped count), or 0 when
// not known (an export, which reads every match anyway and sorts them).
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

// Rows of the sort order a probe reads for the page at `offset`: twenty per row needed, within
// bounds that keep a failed probe cheap next to the sort that follows it (the probe reads each
// of its rows from the table).
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

// WHERE clause of a filter, for a count (`count`) or a page sorted by `sort`.
Result<FilterSql> BuildFilter(std::string_view regency_code, const WorkerFilter& filter,
                              Engine engine, WorkerSort sort, bool count,
                              SortPlan plan = SortPlan::kSortMatches) {
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

// ORDER BY of a list; ties are broken by id in the same direction. A search sorted by name
// (the default) lists in the order of what was searched, the order of its index: a NIK prefix
// by NIK, a name by its search key (see WorkerQuery::sort). A district is sorted by name
// within, as its index is (migration 0007).
// Under SortPlan::kSortMatches the sort key is written as an expression that no index provides,
// so that neither SQLite without statistics nor PostgreSQL with them (which cannot foresee
// clustering) walks the sort index instead.
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

// The SELECT of one page of Find, for the WHERE clause `where` of its filter.
std::string PageSql(Engine engine, const std::string& where, const WorkerQuery& query,
                    SortPlan plan) {
  const std::string order = OrderBy(engine, query.filter, query.sort, query.descending, plan);
  const std::string limit =
      " LIMIT " + std::to_string(query.limit) + " OFFSET " + std::to_string(query.offset);
  // A deep page skips its offset on ids alone, so the skipped rows are read from the sort's
  // index (PostgreSQL: an index-only scan) instead of each being fetched from the table, and
  // only the page's rows are read.
  constexpr std::int64_t kDeferFrom = 1000;
  if (plan == SortPlan::kProbeSortIndex) {
    // The probe's rows come first in the sort order; `where` tests them (its first parameter,
    // :p, is the regency again).
    return "SELECT " + RecordColumns(engine) +
           " FROM (SELECT * FROM workers WHERE regency_code = :p" + order + " LIMIT " +
           std::to_string(ProbeBudget(query.offset, query.limit)) + ") head" + where + order +
           limit;
  }
  // Sorted matches likewise: their ids and sort keys are sorted off the filter's index where
  // it carries the key (the district and source indexes carry last change and NIK, 0008).
  if (query.offset < kDeferFrom && plan != SortPlan::kSortMatches) {
    return "SELECT " + RecordColumns(engine) + " FROM workers" + where + order + limit;
  }
  return "SELECT " + RecordColumns(engine) + " FROM workers WHERE id IN (SELECT id FROM workers" +
         where + order + limit + ")" + order;
}

// "1,2,3" for an IN list; the values are integers, never text from a request.
std::string IdList(std::span<const std::int64_t> ids) {
  std::string out;
  for (std::int64_t id : ids) {
    if (!out.empty()) out += ',';
    out += std::to_string(id);
  }
  return out;
}

}  // namespace

SqlWorkerRepository::SqlWorkerRepository(ConnectionPool& pool, const Clock& clock)
    : engine_(pool.engine()), runner_(pool), clock_(&clock) {}

SqlWorkerRepository::SqlWorkerRepository(Engine engine, soci::session& session, const Clock& clock)
    : engine_(engine), runner_(engine, session, "jaring_call"), clock_(&clock) {}

Result<std::int64_t> SqlWorkerRepository::Insert(const domain::Worker& worker) {
  return runner_.Run<std::int64_t>(
      "workers.insert", CallMode::kWrite, [&](soci::session& session) -> Result<std::int64_t> {
        InsertValues values;
        values.Assign(worker, FormatTimestamp(clock_->Now()), std::nullopt);
        soci::indicator date_indicator = values.birth_date_known ? soci::i_ok : soci::i_null;
        soci::indicator batch_indicator = soci::i_null;
        long long id = 0;
        soci::details::prepare_temp_type prepare =
            (session.prepare << InsertSql() + " RETURNING id");
        for (std::size_t i = 0; i < kInsertColumnCount; ++i) {
          if (i == kBirthDateColumn) {
            prepare, use(values.text[i], date_indicator);
          } else if (i == kBatchColumn) {
            prepare, use(values.text[i], batch_indicator);
          } else {
            prepare, use(values.text[i]);
          }
        }
        prepare, into(id);
        soci::statement statement(prepare);
        statement.execute(true);
        return static_cast<std::int64_t>(id);
      });
}

Result<std::size_t> SqlWorkerRepository::InsertMany(std::span<const domain::Worker> workers,
                                                    std::optional<std::int64_t> last_batch_id) {
  if (workers.empty()) return std::size_t{0};
  return runner_.Run<std::size_t>("workers.insert_many", CallMode::kWrite,
                                  [&](soci::session& session) -> Result<std::size_t> {
                                    if (engine_ == Engine::kSqlite) {
                                      InsertManySqlite(session, workers, last_batch_id);
                                    } else {
                                      InsertManyPostgres(session, workers, last_batch_id);
                                    }
                                    return workers.size();
                                  });
}

namespace {

// One prepared INSERT of kInsertColumns, stepped once per row through SQLite's own API. The
// worker's strings are bound in place (SQLITE_STATIC: SQLite reads them during the step and
// keeps no pointer), so only the three derived values (birth date, district, name key) are
// made per row. Binding through SOCI's vectors first copied every value into a string of its
// own: 11.1 -> 9.0 CPU-s of the writer thread for a 1,000,000-row first import.
// Stored values are those of the SOCI path: text as text, an unknown birth date or batch as
// NULL, has_issues and last_batch_id as integers (their columns' integer affinity turned the
// text SOCI bound into the same integers).
class SqliteInsert {
 public:
  SqliteInsert(soci::session& session, const std::string& sql) : db_(SqliteHandle(session)) {
    if (sqlite_api::sqlite3_prepare_v3(db_, sql.c_str(), static_cast<int>(sql.size()),
                                       SQLITE_PREPARE_PERSISTENT, &statement_,
                                       nullptr) != SQLITE_OK) {
      Throw();
    }
  }
  SqliteInsert(const SqliteInsert&) = delete;
  SqliteInsert& operator=(const SqliteInsert&) = delete;
  ~SqliteInsert() { sqlite_api::sqlite3_finalize(statement_); }

  // batch: last_batch_id, or null for none.
  void Row(const domain::Worker& w, const std::string& now, const std::int64_t* batch) {
    birth_date_ = w.birth_date.ok() ? domain::FormatIsoDate(w.birth_date) : std::string();
    district_ = DistrictOf(w.village_code);
    name_key_ = NameSearchKey(w.name);
    Text(0, w.regency_code);
    Text(1, w.nik);
    Text(2, w.kk);
    Text(3, w.name);
    Text(4, w.name_original);
    Text(5, domain::ToCode(w.sex));
    Text(6, w.birth_place);
    if (w.birth_date.ok()) {
      Text(kBirthDateColumn, birth_date_);
    } else {
      Check(sqlite_api::sqlite3_bind_null(statement_, kBirthDateColumn + 1));
    }
    Text(8, w.address);
    Text(9, w.village_code);
    Text(10, district_);
    Text(11, w.occupation);
    Text(12, w.phone);
    Text(13, domain::ToCode(w.status));
    Text(14, w.source);
    Text(15, now);
    Text(16, now);
    Text(17, name_key_);
    Check(sqlite_api::sqlite3_bind_int(statement_, 19, domain::RecordHasIssues(w) ? 1 : 0));
    if (batch) {
      Check(sqlite_api::sqlite3_bind_int64(statement_, kBatchColumn + 1, *batch));
    } else {
      Check(sqlite_api::sqlite3_bind_null(statement_, kBatchColumn + 1));
    }
    const int stepped = sqlite_api::sqlite3_step(statement_);
    sqlite_api::sqlite3_reset(statement_);
    if (stepped != SQLITE_DONE) Throw();
  }

 private:
  // An empty view may have no data pointer, which SQLite would bind as NULL: bind "" then.
  void Text(std::size_t column, std::string_view value) {
    Check(sqlite_api::sqlite3_bind_text(statement_, static_cast<int>(column) + 1,
                                        value.empty() ? "" : value.data(),
                                        static_cast<int>(value.size()), kStatic));
  }
  void Check(int rc) {
    if (rc != SQLITE_OK) Throw();
  }
  [[noreturn]] void Throw() {
    throw NativeError(
        ErrorFromSqliteCode(sqlite_api::sqlite3_extended_errcode(db_), "workers.insert_many"));
  }

  // SQLITE_STATIC, spelled out: the macro names its type outside SOCI's sqlite_api namespace.
  static constexpr sqlite_api::sqlite3_destructor_type kStatic = nullptr;

  sqlite_api::sqlite3* db_;
  sqlite_api::sqlite3_stmt* statement_ = nullptr;
  std::string birth_date_, district_, name_key_;
};

// The CREATE INDEX statements of the workers table's secondary indexes, in creation order
// (automatic indexes have no SQL and are not listed).
std::vector<std::pair<std::string, std::string>> SqliteWorkerIndexes(soci::session& session) {
  std::vector<std::pair<std::string, std::string>> out;
  std::string name, sql;
  soci::statement indexes =
      (session.prepare << "SELECT name, sql FROM sqlite_master WHERE type = 'index'"
                          " AND tbl_name = 'workers' AND sql IS NOT NULL ORDER BY rowid",
       into(name), into(sql));
  indexes.execute();
  while (indexes.fetch()) out.emplace_back(name, sql);
  return out;
}

// An upper bound of the workers table's row count without counting it: ids only grow.
long long SqliteMaxWorkerId(soci::session& session) {
  long long max_id = 0;
  soci::indicator max_indicator = soci::i_ok;
  session << "SELECT MAX(id) FROM workers", into(max_id, max_indicator);
  return max_indicator == soci::i_ok ? max_id : 0;
}

void SetSqliteCache(soci::session& session, int kib) {
  ExecuteScript(session, Engine::kSqlite, "PRAGMA cache_size = -" + std::to_string(kib), "cache");
}

// Builds indexes on kSqliteIndexBuildCacheKib (see there): sorts that spill past the cache
// are sorted in runs, on a helper thread with PRAGMA threads. The caller restores its cache.
void CreateSqliteIndexes(soci::session& session, const std::vector<std::string>& statements) {
  if (statements.empty()) return;
  SetSqliteCache(session, kSqliteIndexBuildCacheKib);
  ExecuteScript(session, Engine::kSqlite, "PRAGMA threads = 2", "threads");
  for (const std::string& sql : statements) {
    ExecuteScript(session, Engine::kSqlite, sql, "create_index");
  }
  ExecuteScript(session, Engine::kSqlite, "PRAGMA threads = 0", "threads");
}

}  // namespace

Status SqlWorkerRepository::BeginBulkLoad(std::size_t expected_rows) {
  if (runner_.bound() == nullptr) {
    return Fail(Error::FailedPrecondition("muat massal hanya di dalam transaksi",
                                          "op=workers.bulk_begin pooled repository"));
  }
  if (bulk_) {
    return Fail(
        Error::FailedPrecondition("muat massal sudah dimulai", "op=workers.bulk_begin twice"));
  }
  if (engine_ != Engine::kSqlite) {
    bulk_.emplace();
    return {};
  }
  auto begun = runner_.Run<BulkLoad>(
      "workers.bulk_begin", CallMode::kWrite, [&](soci::session& session) -> Result<BulkLoad> {
        BulkLoad load;
        if (expected_rows >= kRebuildIndexesFrom &&
            SqliteMaxWorkerId(session) <= static_cast<long long>(expected_rows)) {
          for (auto& [name, sql] : SqliteWorkerIndexes(session)) {
            ExecuteScript(session, Engine::kSqlite, "DROP INDEX \"" + name + "\"", "drop_index");
            load.dropped_indexes.push_back(std::move(sql));
          }
        }
        // Without its indexes the table only grows at its end: a small cache serves, and it
        // writes the load's pages to the WAL as it goes instead of holding them all until the
        // commit. With them, the index pages need the large cache.
        SetSqliteCache(session,
                       load.dropped_indexes.empty() ? kSqliteBulkCacheKib : kSqliteAppendCacheKib);
        return load;
      });
  if (!begun) {
    try {
      SetSqliteCache(*runner_.bound(), kSqliteCacheKib);
    } catch (const std::exception&) {
      // Only memory use stays higher until the connection is closed.
    }
    return Fail(std::move(begun.error()));
  }
  bulk_ = std::move(*begun);
  return {};
}

Status SqlWorkerRepository::EndBulkLoad() {
  if (runner_.bound() == nullptr || !bulk_) {
    return Fail(
        Error::FailedPrecondition("muat massal belum dimulai", "op=workers.bulk_end not begun"));
  }
  if (engine_ != Engine::kSqlite) {
    bulk_.reset();
    return {};
  }
  auto ended = runner_.Run<std::monostate>("workers.bulk_end", CallMode::kWrite,
                                           [&](soci::session& session) -> Result<std::monostate> {
                                             CreateSqliteIndexes(session, bulk_->dropped_indexes);
                                             return std::monostate{};
                                           });
  // On failure the savepoint undid the rebuild and the load stays open: a Commit tries the
  // rebuild again (and fails and rolls back when it fails again); a rollback ends it.
  if (!ended) return Fail(std::move(ended.error()));
  AbandonBulkLoad();
  return {};
}

void SqlWorkerRepository::AbandonBulkLoad() noexcept {
  const bool was_open = bulk_.has_value();
  bulk_.reset();
  if (!was_open || engine_ != Engine::kSqlite || runner_.bound() == nullptr) return;
  try {
    SetSqliteCache(*runner_.bound(), kSqliteCacheKib);
  } catch (const std::exception&) {
    // Only memory use stays higher until the connection is closed.
  }
}

void SqlWorkerRepository::InsertManySqlite(soci::session& session,
                                           std::span<const domain::Worker> workers,
                                           std::optional<std::int64_t> last_batch_id) {
  // Inside a bulk load the load's settings hold; a lone batch makes its own.
  struct CacheForBatch {
    soci::session* session = nullptr;
    explicit CacheForBatch(soci::session* s) : session(s) {
      if (session != nullptr) SetSqliteCache(*session, kSqliteBulkCacheKib);
    }
    ~CacheForBatch() {
      if (session == nullptr) return;
      try {
        SetSqliteCache(*session, kSqliteCacheKib);
      } catch (const NativeError&) {
        // Only memory use stays higher; the batch's own outcome is what the caller needs.
      }
    }
  } cache_for_batch(bulk_ ? nullptr : &session);

  // A large lone batch into a table no larger than itself (e.g. the demo seed): drop the
  // secondary indexes, insert, and build them again, as a bulk load does (see BeginBulkLoad in
  // the header). CREATE INDEX sorts once, where keeping the B-trees up to date row by row in
  // random key order costs ~40 % more CPU (measured on 300,000 rows). All of it runs in the
  // call's savepoint, so a failure brings the indexes back with the old rows, and WAL readers
  // keep seeing the committed table, indexes included.
  std::vector<std::string> rebuild;
  if (!bulk_ && workers.size() >= kRebuildIndexesFrom &&
      SqliteMaxWorkerId(session) <= static_cast<long long>(workers.size())) {
    for (auto& [name, sql] : SqliteWorkerIndexes(session)) {
      ExecuteScript(session, Engine::kSqlite, "DROP INDEX \"" + name + "\"", "drop_index");
      rebuild.push_back(std::move(sql));
    }
  }

  SqliteInsert insert(session, InsertSql());
  const std::string now = FormatTimestamp(clock_->Now());
  const std::int64_t* batch = last_batch_id ? &*last_batch_id : nullptr;
  for (const domain::Worker& worker : workers) insert.Row(worker, now, batch);
  CreateSqliteIndexes(session, rebuild);
}

void SqlWorkerRepository::InsertManyPostgres(soci::session& session,
                                             std::span<const domain::Worker> workers,
                                             std::optional<std::int64_t> last_batch_id) {
  PostgresCopy copy(session, std::string("workers (") + kInsertColumns + ")", "workers.copy");
  const std::string now = FormatTimestamp(clock_->Now());
  InsertValues values;
  for (const domain::Worker& worker : workers) {
    values.Assign(worker, now, last_batch_id);
    for (std::size_t i = 0; i < kInsertColumnCount; ++i) {
      if ((i == kBirthDateColumn && !values.birth_date_known) ||
          (i == kBatchColumn && !values.batch_known)) {
        copy.Null();
      } else {
        copy.Field(values.text[i]);
      }
    }
    copy.EndRow();
  }
  copy.Finish();
}

Result<domain::Worker> SqlWorkerRepository::Get(std::string_view regency_code, std::int64_t id) {
  if (auto ok = CheckRegency(regency_code); !ok) return Fail(ok.error());
  return runner_.Run<domain::Worker>(
      "workers.get", CallMode::kRead, [&](soci::session& session) -> Result<domain::Worker> {
        SelectRow row;
        std::string regency(regency_code);
        long long wanted = id;
        soci::details::prepare_temp_type prepare =
            (session.prepare << std::string("SELECT ") + kSelectColumns +
                                    " FROM workers WHERE regency_code = :r AND id = :id");
        row.BindTo(prepare);
        prepare, use(regency), use(wanted);
        soci::statement statement(prepare);
        if (!statement.execute(true)) {
          return Fail(Error::NotFound("pekerja tidak ditemukan", "op=workers.get"));
        }
        return row.ToWorker();
      });
}

Result<std::vector<domain::Worker>> SqlWorkerRepository::List(std::string_view regency_code,
                                                              std::int64_t after_id, int limit) {
  if (auto ok = CheckRegency(regency_code); !ok) return Fail(ok.error());
  if (limit < 0) return Fail(Error::InvalidArgument("batas halaman tidak sah", "limit < 0"));
  return runner_.Run<std::vector<domain::Worker>>(
      "workers.list", CallMode::kRead,
      [&](soci::session& session) -> Result<std::vector<domain::Worker>> {
        std::vector<domain::Worker> out;
        SelectRow row;
        std::string regency(regency_code);
        long long after = after_id;
        long long max_rows = limit;
        soci::details::prepare_temp_type prepare =
            (session.prepare << std::string("SELECT ") + kSelectColumns +
                                    " FROM workers WHERE regency_code = :r AND id > :after"
                                    " ORDER BY id LIMIT :limit");
        row.BindTo(prepare);
        prepare, use(regency), use(after), use(max_rows);
        soci::statement statement(prepare);
        statement.execute();
        while (statement.fetch()) {
          Result<domain::Worker> worker = row.ToWorker();
          if (!worker) return Fail(std::move(worker.error()));
          out.push_back(std::move(*worker));
        }
        return out;
      });
}

Result<std::int64_t> SqlWorkerRepository::Count(std::string_view regency_code) {
  if (auto ok = CheckRegency(regency_code); !ok) return Fail(ok.error());
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
  return CountGroupedBy("workers.count_by_district", "district_code", regency_code);
}

Result<std::vector<CodeCount>> SqlWorkerRepository::CountByOccupation(
    std::string_view regency_code) {
  if (auto ok = CheckRegency(regency_code); !ok) return Fail(ok.error());
  return CountGroupedBy("workers.count_by_occupation", "occupation", regency_code);
}

Result<std::vector<CodeCount>> SqlWorkerRepository::CountsByRegency() {
  return CountGroupedBy("workers.counts_by_regency", "regency_code", std::nullopt);
}

Result<SexCount> SqlWorkerRepository::CountBySex(std::string_view regency_code) {
  if (auto ok = CheckRegency(regency_code); !ok) return Fail(ok.error());
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

Result<WorkerRecord> SqlWorkerRepository::ReadRecord(soci::session& session,
                                                     std::string_view regency_code,
                                                     std::int64_t id) {
  RecordRow row;
  std::string regency(regency_code);
  long long wanted = id;
  soci::details::prepare_temp_type prepare =
      (session.prepare << "SELECT " + RecordColumns(engine_) +
                              " FROM workers WHERE regency_code = :r AND id = :id");
  row.BindTo(prepare);
  prepare, use(regency), use(wanted);
  soci::statement statement(prepare);
  if (!statement.execute(true)) {
    return Fail(Error::NotFound("pekerja tidak ditemukan", "op=workers.get_record"));
  }
  return row.ToRecord();
}

Result<WorkerRecord> SqlWorkerRepository::GetRecord(std::string_view regency_code,
                                                    std::int64_t id) {
  if (auto ok = CheckRegency(regency_code); !ok) return Fail(ok.error());
  return runner_.Run<WorkerRecord>(
      "workers.get_record", CallMode::kSnapshot,
      [&](soci::session& session) -> Result<WorkerRecord> {
        Result<WorkerRecord> record = ReadRecord(session, regency_code, id);
        if (!record || !record->last_batch_id) return record;
        WorkerBatchRef batch;
        long long batch_id = *record->last_batch_id, created = 0;
        std::string regency(regency_code);
        soci::statement statement =
            (session.prepare << "SELECT file_name, source, created_at FROM import_batches"
                                " WHERE regency_code = :r AND id = :id",
             into(batch.file_name), into(batch.source), into(created), use(regency), use(batch_id));
        if (statement.execute(true)) {
          batch.id = batch_id;
          batch.created_at_us = created;
          record->batch = std::move(batch);
        }
        return record;
      });
}

Result<WorkerPage> SqlWorkerRepository::Find(std::string_view regency_code,
                                             const WorkerQuery& query) {
  if (auto ok = CheckRegency(regency_code); !ok) return Fail(ok.error());
  if (query.limit < 0 || query.limit > 1000 || query.offset < 0) {
    return Fail(Error::InvalidArgument("halaman tidak sah", "limit 0..1000, offset >= 0"));
  }
  if (query.exact_total_up_to < 0) {
    return Fail(Error::InvalidArgument("batas hitungan tidak sah", "exact_total_up_to < 0"));
  }
  Result<FilterSql> count_filter =
      BuildFilter(regency_code, query.filter, engine_, query.sort, /*count=*/true);
  if (!count_filter) return Fail(std::move(count_filter.error()));
  return runner_.Run<WorkerPage>(
      "workers.find", CallMode::kSnapshot, [&](soci::session& session) -> Result<WorkerPage> {
        WorkerPage page;
        long long total = 0;
        // A capped count reads at most cap + 1 index entries: LIMIT inside the subquery stops
        // the scan, where COUNT(*) over the whole filter would visit every match.
        const std::int64_t cap = query.exact_total_up_to > 0
                                     ? std::max(query.exact_total_up_to, query.offset + query.limit)
                                     : 0;
        {
          const std::string count_sql =
              cap > 0 ? "SELECT COUNT(*) FROM (SELECT 1 FROM workers" + count_filter->where +
                            " LIMIT " + std::to_string(cap + 1) + ") capped"
                      : "SELECT COUNT(*) FROM workers" + count_filter->where;
          soci::details::prepare_temp_type prepare = (session.prepare << count_sql);
          prepare, into(total);
          for (const std::string& param : count_filter->params) prepare, use(param);
          soci::statement statement(prepare);
          statement.execute(true);
        }
        page.total = total;
        if (cap > 0 && total > cap) {
          page.total = cap;
          page.total_exact = false;
        }
        if (query.limit == 0 || query.offset >= total) return page;
        // Without a cap the count is exact, and an exact count of at least kWalkSortFrom
        // serves the plan as well.
        const SortPlan plan = SortPlanFor(query.filter, query.sort, total);
        auto read_page = [&](SortPlan page_plan) -> Status {
          Result<FilterSql> filter = BuildFilter(regency_code, query.filter, engine_, query.sort,
                                                 /*count=*/false, page_plan);
          if (!filter) return Fail(std::move(filter.error()));
          const std::string regency(regency_code);
          RecordRow row;
          soci::details::prepare_temp_type prepare =
              (session.prepare << PageSql(engine_, filter->where, query, page_plan));
          row.BindTo(prepare);
          if (page_plan == SortPlan::kProbeSortIndex) prepare, use(regency);
          for (const std::string& param : filter->params) prepare, use(param);
          soci::statement statement(prepare);
          statement.execute();
          page.items.clear();
          while (statement.fetch()) {
            Result<WorkerRecord> record = row.ToRecord();
            if (!record) return Fail(std::move(record.error()));
            page.items.push_back(std::move(*record));
          }
          return {};
        };
        if (plan == SortPlan::kProbeSortIndex) {
          if (auto probed = read_page(plan); !probed) return Fail(probed.error());
          if (std::cmp_equal(page.items.size(), query.limit)) return page;
        }
        if (auto read =
                read_page(plan == SortPlan::kProbeSortIndex ? SortPlan::kSortMatches : plan);
            !read) {
          return Fail(read.error());
        }
        return page;
      });
}

Status SqlWorkerRepository::ForEach(std::string_view regency_code, const WorkerFilter& filter,
                                    WorkerSort sort, bool descending,
                                    const std::function<bool(const WorkerRecord&)>& visit) {
  if (auto ok = CheckRegency(regency_code); !ok) return Fail(ok.error());
  // An export reads every match: a narrowed one is found through its filter and sorted.
  const SortPlan plan = SortPlanFor(filter, sort, /*matches_at_least=*/0);
  Result<FilterSql> where = BuildFilter(regency_code, filter, engine_, sort, /*count=*/false, plan);
  if (!where) return Fail(std::move(where.error()));
  const std::string select = "SELECT " + RecordColumns(engine_) + " FROM workers" + where->where +
                             OrderBy(engine_, filter, sort, descending, plan);
  Result<std::monostate> done = runner_.Run<std::monostate>(
      "workers.for_each", CallMode::kSnapshot,
      [&](soci::session& session) -> Result<std::monostate> {
        // SQLite steps the statement lazily. libpq would hold the whole result in memory, so
        // PostgreSQL reads through a cursor, a few thousand rows at a time.
        RecordRow row;
        auto drain = [&](soci::statement& statement, bool& stopped) -> Status {
          std::size_t fetched = 0;
          while (statement.fetch()) {
            ++fetched;
            Result<WorkerRecord> record = row.ToRecord();
            if (!record) return Fail(std::move(record.error()));
            if (!visit(*record)) {
              stopped = true;
              return {};
            }
          }
          if (fetched == 0) stopped = true;
          return {};
        };
        bool stopped = false;
        if (engine_ == Engine::kSqlite) {
          soci::details::prepare_temp_type prepare = (session.prepare << select);
          row.BindTo(prepare);
          for (const std::string& param : where->params) prepare, use(param);
          soci::statement statement(prepare);
          statement.execute();
          if (auto done = drain(statement, stopped); !done) return Fail(done.error());
          return std::monostate{};
        }
        {
          soci::details::prepare_temp_type prepare =
              (session.prepare << "DECLARE jaring_export NO SCROLL CURSOR FOR " + select);
          for (const std::string& param : where->params) prepare, use(param);
          soci::statement statement(prepare);
          statement.execute(true);
        }
        soci::details::prepare_temp_type prepare =
            (session.prepare << "FETCH 2000 FROM jaring_export");
        row.BindTo(prepare);
        soci::statement statement(prepare);
        while (!stopped) {
          statement.execute();
          if (auto done = drain(statement, stopped); !done) return Fail(done.error());
        }
        ExecuteScript(session, engine_, "CLOSE jaring_export", "workers.for_each");
        return std::monostate{};
      });
  if (!done) return Fail(std::move(done.error()));
  return {};
}

Result<std::vector<WorkerRecord>> SqlWorkerRepository::ListByKk(std::string_view regency_code,
                                                                std::string_view kk, int limit) {
  if (auto ok = CheckRegency(regency_code); !ok) return Fail(ok.error());
  if (kk.empty() || limit < 0) {
    return Fail(Error::InvalidArgument("nomor KK kosong", "kk empty or limit < 0"));
  }
  return runner_.Run<std::vector<WorkerRecord>>(
      "workers.list_by_kk", CallMode::kRead,
      [&](soci::session& session) -> Result<std::vector<WorkerRecord>> {
        std::vector<WorkerRecord> out;
        RecordRow row;
        std::string regency(regency_code), wanted(kk);
        soci::details::prepare_temp_type prepare =
            (session.prepare << "SELECT " + RecordColumns(engine_) +
                                    " FROM workers WHERE regency_code = :r AND kk = :kk"
                                    " ORDER BY id LIMIT " +
                                    std::to_string(limit));
        row.BindTo(prepare);
        prepare, use(regency), use(wanted);
        soci::statement statement(prepare);
        statement.execute();
        while (statement.fetch()) {
          Result<WorkerRecord> record = row.ToRecord();
          if (!record) return Fail(std::move(record.error()));
          out.push_back(std::move(*record));
        }
        return out;
      });
}

Result<WorkerUpdate> SqlWorkerRepository::Update(const domain::Worker& worker) {
  if (auto ok = CheckRegency(worker.regency_code); !ok) return Fail(ok.error());
  return runner_.Run<WorkerUpdate>(
      "workers.update", CallMode::kWrite, [&](soci::session& session) -> Result<WorkerUpdate> {
        Result<WorkerRecord> before = ReadRecord(session, worker.regency_code, worker.id);
        if (!before) return Fail(std::move(before.error()));
        InsertValues v;
        v.Assign(worker, FormatTimestamp(clock_->Now()), std::nullopt);
        soci::indicator date_indicator = v.birth_date_known ? soci::i_ok : soci::i_null;
        long long id = worker.id;
        // Columns by InsertValues index: 2 kk, 1 nik, 3 name, ...; regency (0), source (14) and
        // created_at (15) stay.
        session << "UPDATE workers SET nik = :nik, kk = :kk, name = :name, "
                   "name_original = :orig, sex = :sex, birth_place = :bp, birth_date = :bd, "
                   "address = :addr, village_code = :vc, district_code = :dc, "
                   "occupation = :occ, phone = :ph, status = :st, updated_at = :now, "
                   "name_key = :nk, has_issues = :hi WHERE regency_code = :r AND id = :id",
            use(v.text[1]), use(v.text[2]), use(v.text[3]), use(v.text[4]), use(v.text[5]),
            use(v.text[6]), use(v.text[kBirthDateColumn], date_indicator), use(v.text[8]),
            use(v.text[9]), use(v.text[10]), use(v.text[11]), use(v.text[12]), use(v.text[13]),
            use(v.text[16]), use(v.text[17]), use(v.text[18]), use(v.text[0]), use(id);
        Result<WorkerRecord> after = ReadRecord(session, worker.regency_code, worker.id);
        if (!after) return Fail(std::move(after.error()));
        return WorkerUpdate{std::move(*before), std::move(*after)};
      });
}

Result<std::vector<StatusChange>> SqlWorkerRepository::SetStatus(std::string_view regency_code,
                                                                 std::span<const std::int64_t> ids,
                                                                 domain::WorkerStatus status) {
  if (auto ok = CheckRegency(regency_code); !ok) return Fail(ok.error());
  constexpr std::size_t kMaxIds = 10'000;
  if (ids.size() > kMaxIds) {
    return Fail(Error::InvalidArgument("paling banyak 10.000 pekerja sekali ubah", "ids > 10000"));
  }
  std::vector<std::int64_t> sorted(ids.begin(), ids.end());
  std::ranges::sort(sorted);
  sorted.erase(std::unique(sorted.begin(), sorted.end()), sorted.end());
  return runner_.Run<std::vector<StatusChange>>(
      "workers.set_status", CallMode::kWrite,
      [&](soci::session& session) -> Result<std::vector<StatusChange>> {
        std::vector<StatusChange> out;
        std::string regency(regency_code);
        std::string code(domain::ToCode(status));
        const std::string now = FormatTimestamp(clock_->Now());
        constexpr std::size_t kChunk = 500;
        for (std::size_t start = 0; start < sorted.size(); start += kChunk) {
          const auto chunk =
              std::span(sorted).subspan(start, std::min(kChunk, sorted.size() - start));
          const std::string in = IdList(chunk);
          long long id = 0;
          std::string old;
          soci::statement select =
              (session.prepare << "SELECT id, status FROM workers WHERE regency_code = :r"
                                  " AND status <> :s AND id IN (" +
                                      in + ") ORDER BY id",
               into(id), into(old), use(regency), use(code));
          select.execute();
          while (select.fetch()) {
            const auto before = domain::WorkerStatusFromCode(old);
            if (!before) {
              return Fail(Error::Internal("data pekerja rusak di basis data",
                                          "op=workers.set_status id=" + std::to_string(id)));
            }
            out.push_back({id, *before});
          }
          session << "UPDATE workers SET status = :s, updated_at = :now WHERE regency_code = :r"
                     " AND status <> :s2 AND id IN (" +
                         in + ")",
              use(code), use(now), use(regency), use(code);
        }
        return out;
      });
}

Result<std::int64_t> SqlWorkerRepository::RefreshDerived(std::string_view regency_code) {
  if (auto ok = CheckRegency(regency_code); !ok) return Fail(ok.error());
  return runner_.Run<std::int64_t>(
      "workers.refresh_derived", CallMode::kWrite,
      [&](soci::session& session) -> Result<std::int64_t> {
        // The stale rows are found on the (regency_code, name_key) index, so a regency with
        // none costs one index probe. They are read in id-ordered chunks (keyset), so a
        // million of them never sit in memory at once; a name whose key is blank (titles only)
        // stays '' and is simply passed by the keyset.
        constexpr int kChunk = 5000;
        std::int64_t refreshed = 0;
        long long after = 0;
        std::string regency(regency_code);
        std::string key, issues;
        long long id = 0;
        soci::statement update =
            (session.prepare << "UPDATE workers SET name_key = :k, has_issues = :h WHERE id = :id",
             use(key), use(issues), use(id));
        while (true) {
          std::vector<WorkerRecord> stale;
          RecordRow row;
          soci::details::prepare_temp_type prepare =
              (session.prepare << "SELECT " + RecordColumns(engine_) +
                                      " FROM workers WHERE regency_code = :r AND name_key = ''"
                                      " AND name <> '' AND id > :after ORDER BY id LIMIT " +
                                      std::to_string(kChunk));
          row.BindTo(prepare);
          prepare, use(regency), use(after);
          soci::statement select(prepare);
          select.execute();
          while (select.fetch()) {
            Result<WorkerRecord> record = row.ToRecord();
            if (!record) return Fail(std::move(record.error()));
            stale.push_back(std::move(*record));
          }
          for (const WorkerRecord& record : stale) {
            key = NameSearchKey(record.worker.name);
            issues = domain::RecordHasIssues(record.worker) ? "1" : "0";
            id = record.worker.id;
            update.execute(true);
          }
          refreshed += static_cast<std::int64_t>(stale.size());
          if (stale.size() < static_cast<std::size_t>(kChunk)) return refreshed;
          after = stale.back().worker.id;
        }
      });
}

}  // namespace jaring::storage::sql

namespace jaring::storage {

std::string NameSearchKey(std::string_view raw_name) {
  const matching::NormalizedName normalized = matching::NormalizeName(raw_name);
  std::string key;
  for (const std::string& token : normalized.tokens) {
    if (!key.empty()) key += ' ';
    key += matching::PhoneticKey(token);
  }
  return key;
}

Result<std::int64_t> RefreshDerivedEverywhere(WorkerRepository& workers) {
  Result<std::vector<CodeCount>> regencies = workers.CountsByRegency();
  if (!regencies) return Fail(std::move(regencies.error()));
  std::int64_t refreshed = 0;
  for (const CodeCount& regency : *regencies) {
    Result<std::int64_t> done = workers.RefreshDerived(regency.code);
    if (!done) return Fail(std::move(done.error()));
    refreshed += *done;
  }
  return refreshed;
}

}  // namespace jaring::storage
