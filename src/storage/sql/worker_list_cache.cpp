// Design notes: see worker_list_cache.hpp. Here: the counters' SQL, loading a regency's index,
// and one Find.
#include "storage/sql/worker_list_cache.hpp"

#include <soci/sqlite3/soci-sqlite3.h>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

#include <algorithm>
#include <chrono>
#include <memory>
#include <shared_mutex>
#include <unordered_map>
#include <utility>
#include <variant>
#include <vector>

#include "domain/date_format.hpp"
#include "storage/sql/codec.hpp"
#include "storage/sql/errors.hpp"
#include "storage/sql/worker_query_plan.hpp"
#include "storage/sql/worker_rows.hpp"
#include "storage/worker_list_index.hpp"

namespace jaring::storage::sql {
namespace {

using soci::into;
using soci::use;

constexpr int kTries = 3;

const char* CounterName(ListChange change) {
  return change == ListChange::kRows ? "rows" : "reload";
}

// The listed columns; the last change as ISO text with microseconds on both engines.
std::string ListColumns(Engine engine) {
  return std::string(
             "id, nik, name, district_code, village_code, occupation, source, status, sex, "
             "has_issues, CAST(birth_date AS TEXT), name_key, ") +
         (engine == Engine::kPostgres
              ? "to_char(updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')"
              : "updated_at");
}

// "2026-11-23T03:00:00.123456Z" (fraction optional) as microseconds since the epoch; 0 when it
// does not parse (a row written behind jaring's back sorts first).
std::int64_t ParseMicros(std::string_view text) {
  auto digits = [&](std::size_t at, std::size_t n) -> int {
    int value = 0;
    for (std::size_t i = at; i < at + n && i < text.size(); ++i) {
      if (text[i] < '0' || text[i] > '9') return -1;
      value = value * 10 + (text[i] - '0');
    }
    return value;
  };
  if (text.size() < 19) return 0;
  const int y = digits(0, 4), mo = digits(5, 2), d = digits(8, 2), h = digits(11, 2),
            mi = digits(14, 2), s = digits(17, 2);
  if (y < 0 || mo < 1 || d < 1 || h < 0 || mi < 0 || s < 0) return 0;
  const std::chrono::year_month_day date{std::chrono::year{y},
                                         std::chrono::month{static_cast<unsigned>(mo)},
                                         std::chrono::day{static_cast<unsigned>(d)}};
  std::int64_t micros =
      std::chrono::sys_days(date).time_since_epoch().count() * 86'400'000'000LL +
      ((h * 60LL + mi) * 60LL + s) * 1'000'000LL;
  if (text.size() > 20 && text[19] == '.') {
    std::int64_t fraction = 0;
    std::size_t n = 0;
    for (std::size_t i = 20; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i, ++n) {
      if (n < 6) fraction = fraction * 10 + (text[i] - '0');
    }
    for (; n < 6; ++n) fraction *= 10;
    micros += fraction;
  }
  return micros;
}

// Fills `row` from the listed columns' text (birth date and last change parsed).
struct ListText {
  std::int64_t id = 0;
  std::string_view nik, name, district, village, occupation, source, status, sex;
  bool has_issues = false;
  std::optional<std::string_view> birth;
  std::string_view name_key, updated;

  void Into(ListRow& row) const {
    row.id = id;
    row.nik.assign(nik);
    row.name.assign(name);
    row.district_code.assign(district);
    row.village_code.assign(village);
    row.occupation.assign(occupation);
    row.source.assign(source);
    row.status = domain::WorkerStatusFromCode(status).value_or(domain::WorkerStatus::kActive);
    row.sex = sex == "P" ? domain::Sex::kFemale : domain::Sex::kMale;
    row.has_issues = has_issues;
    row.birth_days.reset();
    if (birth) {
      if (auto date = domain::ParseIsoDate(*birth)) {
        row.birth_days = static_cast<std::int32_t>(
            std::chrono::sys_days(*date).time_since_epoch().count());
      }
    }
    row.name_key.assign(name_key.substr(0, 8));
    row.updated_us = ParseMicros(updated);
  }
};

// Reads the listed columns of `sql` (bound to `regency` and then `after`, when given) and hands
// each row to `take` (one ListRow, reused). SQLite is stepped through its own API (no copy of
// a value before the ListRow's); PostgreSQL reads through a cursor, 5,000 rows at a time, as
// libpq would otherwise hold a whole regency's result in memory (the caller's transaction).
template <typename Take>
void ReadListRows(soci::session& session, Engine engine, const std::string& sql,
                  const std::string& regency, std::optional<long long> after, Take&& take) {
  ListRow row;
  ListText text;
  if (engine == Engine::kSqlite) {
    sqlite_api::sqlite3* db = SqliteHandle(session);
    sqlite_api::sqlite3_stmt* statement = nullptr;
    auto fail = [&] {
      throw NativeError(
          ErrorFromSqliteCode(sqlite_api::sqlite3_extended_errcode(db), "workers.list_load"));
    };
    if (sqlite_api::sqlite3_prepare_v2(db, sql.c_str(), static_cast<int>(sql.size()), &statement,
                                       nullptr) != SQLITE_OK) {
      fail();
    }
    std::unique_ptr<sqlite_api::sqlite3_stmt, int (*)(sqlite_api::sqlite3_stmt*)> owned(
        statement, sqlite_api::sqlite3_finalize);
    sqlite_api::sqlite3_bind_text(statement, 1, regency.c_str(),
                                  static_cast<int>(regency.size()), nullptr);
    if (after) sqlite_api::sqlite3_bind_int64(statement, 2, *after);
    auto column = [&](int i) -> std::string_view {
      const auto* p = sqlite_api::sqlite3_column_text(statement, i);
      if (p == nullptr) return {};
      return {reinterpret_cast<const char*>(p),
              static_cast<std::size_t>(sqlite_api::sqlite3_column_bytes(statement, i))};
    };
    int rc = 0;
    while ((rc = sqlite_api::sqlite3_step(statement)) == SQLITE_ROW) {
      text.id = sqlite_api::sqlite3_column_int64(statement, 0);
      text.nik = column(1);
      text.name = column(2);
      text.district = column(3);
      text.village = column(4);
      text.occupation = column(5);
      text.source = column(6);
      text.status = column(7);
      text.sex = column(8);
      text.has_issues = sqlite_api::sqlite3_column_int(statement, 9) != 0;
      text.birth.reset();
      if (sqlite_api::sqlite3_column_type(statement, 10) != SQLITE_NULL) text.birth = column(10);
      text.name_key = column(11);
      text.updated = column(12);
      text.Into(row);
      take(row);
    }
    if (rc != SQLITE_DONE) fail();
    return;
  }
  {
    soci::details::prepare_temp_type prepare =
        (session.prepare << "DECLARE jaring_list NO SCROLL CURSOR FOR " + sql);
    long long after_value = after.value_or(0);
    prepare, use(regency);
    if (after) prepare, use(after_value);
    soci::statement declare(prepare);
    declare.execute(true);
  }
  long long id = 0;
  int has_issues = 0;
  std::string nik, name, district, village, occupation, source, status, sex, birth, name_key,
      updated;
  soci::indicator birth_ind = soci::i_ok;
  soci::statement fetch =
      (session.prepare << "FETCH 5000 FROM jaring_list", into(id), into(nik), into(name),
       into(district), into(village), into(occupation), into(source), into(status), into(sex),
       into(has_issues), into(birth, birth_ind), into(name_key), into(updated));
  for (bool more = true; more;) {
    fetch.execute();
    more = false;
    while (fetch.fetch()) {
      more = true;
      text = {id,  nik,        name,   district, village,      occupation, source,
              status, sex, has_issues != 0, std::nullopt, name_key, updated};
      if (birth_ind == soci::i_ok) text.birth = birth;
      text.Into(row);
      take(row);
    }
  }
  session << "CLOSE jaring_list";
}

// A full load builds a whole index beside the one in use and then frees the old one: megabytes
// per regency, in whichever thread's malloc arena ran the load. glibc keeps such freed blocks in
// its arenas, so each import (which makes its regency load afresh) left the server holding about
// 1 MB more: under the load test, 23 imports took RssAnon from 100 to 124 MB on PostgreSQL, and
// with the pages handed back it stayed at 64 -> 61 MB. Full loads are rare (imports, restarts).
void ReturnFreedMemory() {
#if defined(__GLIBC__)
  malloc_trim(0);
#endif
}

std::string IdList(const std::vector<std::int64_t>& ids) {
  std::string out;
  for (std::int64_t id : ids) {
    if (!out.empty()) out += ',';
    out += std::to_string(id);
  }
  return out;
}

constexpr const char* kVersionSum =
    "(SELECT CAST(COALESCE(SUM(value), 0) AS BIGINT) FROM worker_list_versions"
    " WHERE regency_code = :v)";

}  // namespace

std::int64_t BumpListVersion(soci::session& session, std::string_view regency_code,
                             ListChange change) {
  std::string regency(regency_code), counter(CounterName(change));
  long long value = 0;
  session << "INSERT INTO worker_list_versions (regency_code, counter, value) VALUES (:r, :c, 1)"
             " ON CONFLICT (regency_code, counter) DO UPDATE SET"
             " value = worker_list_versions.value + 1 RETURNING value",
      use(regency), use(counter), into(value);
  return value;
}

struct WorkerListCache::Regency {
  std::mutex refresh;        // one refresher at a time
  std::shared_mutex lock;    // readers of `index` / the refresher swapping it
  WorkerListIndex index;
  bool loaded = false;
  Versions held;             // the counters the index was brought to
};

WorkerListCache::WorkerListCache(ConnectionPool& pool)
    : engine_(pool.engine()), runner_(pool) {}

WorkerListCache::~WorkerListCache() = default;

WorkerListCache::Regency& WorkerListCache::Get(std::string_view regency_code) {
  std::lock_guard guard(mutex_);
  auto found = regencies_.find(regency_code);
  if (found == regencies_.end()) {
    found = regencies_.emplace(std::string(regency_code), std::make_unique<Regency>()).first;
  }
  return *found->second;
}

std::size_t WorkerListCache::MemoryBytes(std::string_view regency_code) {
  Regency& r = Get(regency_code);
  std::shared_lock read(r.lock);
  return r.loaded ? r.index.MemoryBytes() : 0;
}

Result<WorkerListCache::Versions> WorkerListCache::ReadVersions(std::string_view regency_code) {
  return runner_.Run<Versions>(
      "workers.list_versions", CallMode::kRead, [&](soci::session& session) -> Result<Versions> {
        Versions out;
        std::string regency(regency_code), counter;
        long long value = 0;
        soci::statement statement =
            (session.prepare << "SELECT counter, value FROM worker_list_versions"
                                " WHERE regency_code = :r",
             into(counter), into(value), use(regency));
        statement.execute();
        while (statement.fetch()) {
          (counter == "rows" ? out.rows : out.reload) = value;
        }
        return out;
      });
}

Status WorkerListCache::Refresh(Regency& regency, std::string_view regency_code, Versions seen) {
  std::lock_guard one_at_a_time(regency.refresh);
  if (regency.loaded && regency.held.reload >= seen.reload && regency.held.rows >= seen.rows) {
    return {};  // another thread got there first
  }
  const std::string code(regency_code);
  if (!regency.loaded || regency.held.reload < seen.reload) {
    // A full load, built beside the index in use, which readers keep using meanwhile.
    // The body may run twice (a connection lost at its BEGIN): each run starts afresh.
    WorkerListIndex fresh;
    Result<std::monostate> loaded = runner_.Run<std::monostate>(
        "workers.list_load", CallMode::kSnapshot,
        [&](soci::session& session) -> Result<std::monostate> {
          fresh = WorkerListIndex();
          ReadListRows(session, engine_,
                       "SELECT " + ListColumns(engine_) + " FROM workers WHERE " +
                           WorkerRegencyTest(engine_) + " = :r",
                       code, std::nullopt, [&](const ListRow& row) { fresh.Add(row); });
          return std::monostate{};
        });
    if (!loaded) return Fail(std::move(loaded.error()));
    fresh.Seal();
    {
      std::unique_lock write(regency.lock);
      std::swap(regency.index, fresh);
      regency.loaded = true;
      regency.held = seen;
    }
    fresh = WorkerListIndex();  // the replaced index, freed outside the readers' lock
    ReturnFreedMemory();
    return {};
  }
  // The rows stamped since: found on the (regency_code, list_version) index.
  Result<std::vector<ListRow>> rows = runner_.Run<std::vector<ListRow>>(
      "workers.list_refresh", CallMode::kSnapshot,
      [&](soci::session& session) -> Result<std::vector<ListRow>> {
        std::vector<ListRow> out;
        ReadListRows(session, engine_,
                     "SELECT " + ListColumns(engine_) +
                         " FROM workers WHERE regency_code = :r AND list_version > :after",
                     code, regency.held.rows, [&](const ListRow& row) { out.push_back(row); });
        return out;
      });
  if (!rows) return Fail(std::move(rows.error()));
  std::unique_lock write(regency.lock);
  regency.index.Upsert(*rows);
  regency.held.rows = std::max(regency.held.rows, seen.rows);
  return {};
}

Result<std::optional<WorkerPage>> WorkerListCache::Find(std::string_view regency_code,
                                                        const WorkerQuery& query) {
  const std::string code(regency_code);
  const std::string name_key = query.filter.name.empty() ? "" : NameSearchKey(query.filter.name);
  Regency& regency = Get(regency_code);
  for (int attempt = 0; attempt < kTries; ++attempt) {
    Result<Versions> seen = ReadVersions(regency_code);
    if (!seen) return Fail(std::move(seen.error()));
    if (auto fresh = Refresh(regency, regency_code, *seen); !fresh) return Fail(fresh.error());
    // A name search's candidates, in search-key order, off the name-key index, unless the index
    // tests the search itself (a short key, another order). A list sorted by them alone needs
    // only as many as it counts.
    std::optional<std::vector<std::int64_t>> candidates;
    if (!name_key.empty() && !WorkerListIndex::SearchesNamesItself(query)) {
      const bool only_name = query.sort == WorkerSort::kName && query.filter.nik_prefix.empty() &&
                             query.filter.district_code.empty() &&
                             query.filter.village_code.empty() && query.filter.occupation.empty() &&
                             query.filter.source.empty() && !query.filter.status &&
                             !query.filter.sex && !query.filter.born_after &&
                             !query.filter.born_on_or_before && !query.filter.has_issues &&
                             !query.descending && query.exact_total_up_to > 0;
      const std::int64_t cap = std::max(query.exact_total_up_to, query.offset + query.limit);
      Result<std::vector<std::int64_t>> ids = runner_.Run<std::vector<std::int64_t>>(
          "workers.list_names", CallMode::kRead,
          [&](soci::session& session) -> Result<std::vector<std::int64_t>> {
            std::vector<std::int64_t> out;
            std::vector<long long> ids(4096);  // fetched in bulk: a prefix may match 100,000
            std::string low = name_key, high = PrefixUpper(name_key);
            std::string sql =
                "SELECT id FROM workers WHERE regency_code = :r AND name_key >= :a AND "
                "name_key < :b";
            // A place is tested in the name-key index, which carries it (0007).
            const std::string& district = query.filter.district_code;
            const std::string& village = query.filter.village_code;
            if (!district.empty()) sql += " AND district_code = :d";
            if (!village.empty()) sql += " AND village_code = :v";
            sql += " ORDER BY name_key, id";
            if (only_name) sql += " LIMIT " + std::to_string(cap + 1);
            soci::details::prepare_temp_type prepare = (session.prepare << sql);
            prepare, into(ids), use(code), use(low), use(high);
            if (!district.empty()) prepare, use(district);
            if (!village.empty()) prepare, use(village);
            soci::statement statement(prepare);
            statement.execute();
            while (statement.fetch()) {
              out.insert(out.end(), ids.begin(), ids.end());
              ids.resize(4096);
            }
            return out;
          });
      if (!ids) return Fail(std::move(ids.error()));
      candidates = std::move(*ids);
    }
    Result<ListSelection> selection = ListSelection{};
    std::int64_t held = 0;
    {
      std::shared_lock read(regency.lock);
      selection = regency.index.Select(
          query, candidates ? std::optional(std::span<const std::int64_t>(*candidates))
                            : std::nullopt);
      held = regency.held.rows + regency.held.reload;
    }
    if (!selection) return Fail(std::move(selection.error()));
    // The page's rows and the counters, in one statement (one snapshot).
    struct Read {
      std::vector<WorkerRecord> records;
      std::int64_t version = 0;
    };
    Result<Read> read = runner_.Run<Read>(
        "workers.list_rows", CallMode::kRead, [&](soci::session& session) -> Result<Read> {
          Read out;
          long long version = 0;
          if (selection->ids.empty()) {
            session << std::string("SELECT ") + kVersionSum, into(version), use(code);
            out.version = version;
            return out;
          }
          WorkerRecordRow row;
          soci::details::prepare_temp_type prepare =
              (session.prepare << "SELECT " + WorkerRecordColumns(engine_) + ", " + kVersionSum +
                                      " FROM workers WHERE " + WorkerRegencyTest(engine_) +
                                      " = :r AND id IN (" +
                                      IdList(selection->ids) + ")");
          row.BindTo(prepare);
          prepare, into(version), use(code), use(code);
          soci::statement statement(prepare);
          statement.execute();
          while (statement.fetch()) {
            Result<WorkerRecord> record = row.ToRecord();
            if (!record) return Fail(std::move(record.error()));
            out.records.push_back(std::move(*record));
            out.version = version;
          }
          return out;
        });
    if (!read) return Fail(std::move(read.error()));
    if (read->version != held || read->records.size() != selection->ids.size()) continue;
    WorkerPage page;
    page.total = selection->total;
    page.total_exact = selection->total_exact;
    std::unordered_map<std::int64_t, std::size_t> at;
    for (std::size_t i = 0; i < read->records.size(); ++i) at[read->records[i].worker.id] = i;
    page.items.reserve(selection->ids.size());
    for (std::int64_t id : selection->ids) {
      page.items.push_back(std::move(read->records[at[id]]));
    }
    return std::optional<WorkerPage>(std::move(page));
  }
  return std::optional<WorkerPage>();
}

template <typename T, typename Counter>
Result<std::optional<T>> WorkerListCache::Counted(std::string_view regency_code,
                                                  Counter&& count) {
  Regency& regency = Get(regency_code);
  for (int attempt = 0; attempt < kTries; ++attempt) {
    Result<Versions> seen = ReadVersions(regency_code);
    if (!seen) return Fail(std::move(seen.error()));
    if (auto fresh = Refresh(regency, regency_code, *seen); !fresh) return Fail(fresh.error());
    std::optional<T> out;
    std::int64_t held = 0;
    {
      std::shared_lock read(regency.lock);
      out = count(regency.index);
      held = regency.held.rows + regency.held.reload;
    }
    Result<Versions> after = ReadVersions(regency_code);
    if (!after) return Fail(std::move(after.error()));
    if (after->rows + after->reload == held) return out;
  }
  return std::optional<T>();
}

Result<std::optional<std::int64_t>> WorkerListCache::Count(std::string_view regency_code) {
  return Counted<std::int64_t>(regency_code, [](const WorkerListIndex& index) {
    return static_cast<std::int64_t>(index.size());
  });
}

Result<std::optional<std::int64_t>> WorkerListCache::CountIfLoaded(
    std::string_view regency_code) {
  Regency& regency = Get(regency_code);
  Result<Versions> seen = ReadVersions(regency_code);
  if (!seen) return Fail(std::move(seen.error()));
  {
    std::shared_lock read(regency.lock);
    if (!regency.loaded || regency.held.reload < seen->reload) return std::optional<std::int64_t>();
  }
  return Count(regency_code);  // at most the rows stamped since (a reload in between: rare)
}

Result<std::optional<std::vector<CodeCount>>> WorkerListCache::CountByDistrict(
    std::string_view regency_code) {
  return Counted<std::vector<CodeCount>>(
      regency_code, [](const WorkerListIndex& index) { return index.CountByDistrict(); });
}

Result<std::optional<std::vector<CodeCount>>> WorkerListCache::CountByOccupation(
    std::string_view regency_code) {
  return Counted<std::vector<CodeCount>>(
      regency_code, [](const WorkerListIndex& index) { return index.CountByOccupation(); });
}

Result<std::optional<SexCount>> WorkerListCache::CountBySex(std::string_view regency_code) {
  return Counted<SexCount>(regency_code,
                           [](const WorkerListIndex& index) { return index.CountBySex(); });
}

Result<std::optional<AgeBandCounts>> WorkerListCache::CountByAgeBand(
    std::string_view regency_code, std::span<const int> lower_bounds,
    std::span<const std::int32_t> cutoffs) {
  return Counted<AgeBandCounts>(regency_code, [&](const WorkerListIndex& index) {
    return index.CountByAgeBand(lower_bounds, cutoffs);
  });
}

}  // namespace jaring::storage::sql
