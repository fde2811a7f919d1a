// Design notes: see worker_list_cache.hpp. Here: the counters' SQL, loading a regency's index,
// and one Find.
#include "storage/sql/worker_list_cache.hpp"

#include <algorithm>
#include <chrono>
#include <shared_mutex>
#include <unordered_map>
#include <utility>
#include <vector>

#include "domain/date_format.hpp"
#include "storage/sql/codec.hpp"
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
             "has_issues, CAST(birth_date AS TEXT), ") +
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

// Reads the listed columns of `sql` (bound to `regency` and then `after`, when given) into rows.
std::vector<ListRow> ReadListRows(soci::session& session, const std::string& sql,
                                  const std::string& regency, std::optional<long long> after) {
  std::vector<ListRow> rows;
  long long id = 0;
  int has_issues = 0;
  std::string nik, name, district, village, occupation, source, status, sex, birth, updated;
  soci::indicator birth_ind = soci::i_ok;
  soci::details::prepare_temp_type prepare = (session.prepare << sql);
  prepare, into(id), into(nik), into(name), into(district), into(village), into(occupation),
      into(source), into(status), into(sex), into(has_issues), into(birth, birth_ind),
      into(updated), use(regency);
  long long after_value = after.value_or(0);
  if (after) prepare, use(after_value);
  soci::statement statement(prepare);
  statement.execute();
  while (statement.fetch()) {
    ListRow row;
    row.id = id;
    row.nik = nik;
    row.name = name;
    row.district_code = district;
    row.village_code = village;
    row.occupation = occupation;
    row.source = source;
    row.status = domain::WorkerStatusFromCode(status).value_or(domain::WorkerStatus::kActive);
    row.sex = sex == "P" ? domain::Sex::kFemale : domain::Sex::kMale;
    row.has_issues = has_issues != 0;
    if (birth_ind == soci::i_ok) {
      if (auto date = domain::ParseIsoDate(birth)) {
        row.birth_days = static_cast<std::int32_t>(
            std::chrono::sys_days(*date).time_since_epoch().count());
      }
    }
    row.updated_us = ParseMicros(updated);
    rows.push_back(std::move(row));
  }
  return rows;
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

std::size_t WorkerListCache::Workers(std::string_view regency_code) {
  Regency& r = Get(regency_code);
  std::shared_lock read(r.lock);
  return r.index.size();
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
    Result<std::vector<ListRow>> rows = runner_.Run<std::vector<ListRow>>(
        "workers.list_load", CallMode::kRead,
        [&](soci::session& session) -> Result<std::vector<ListRow>> {
          return ReadListRows(session,
                              "SELECT " + ListColumns(engine_) +
                                  " FROM workers WHERE regency_code = :r",
                              code, std::nullopt);
        });
    if (!rows) return Fail(std::move(rows.error()));
    WorkerListIndex fresh;
    fresh.Upsert(*rows);
    rows->clear();
    rows->shrink_to_fit();
    std::unique_lock write(regency.lock);
    regency.index = std::move(fresh);
    regency.loaded = true;
    regency.held = seen;
    ++full_loads_;
    return {};
  }
  // The rows stamped since: found on the (regency_code, list_version) index.
  Result<std::vector<ListRow>> rows = runner_.Run<std::vector<ListRow>>(
      "workers.list_refresh", CallMode::kRead,
      [&](soci::session& session) -> Result<std::vector<ListRow>> {
        return ReadListRows(session,
                            "SELECT " + ListColumns(engine_) +
                                " FROM workers WHERE regency_code = :r AND list_version > :after",
                            code, regency.held.rows);
      });
  if (!rows) return Fail(std::move(rows.error()));
  std::unique_lock write(regency.lock);
  regency.index.Upsert(*rows);
  regency.held.rows = std::max(regency.held.rows, seen.rows);
  ++refreshes_;
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
    // A name search's candidates, in search-key order, off the (regency_code, name_key) index.
    // A list sorted by them alone needs only as many as it counts.
    std::optional<std::vector<std::int64_t>> candidates;
    if (!name_key.empty()) {
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
            long long id = 0;
            std::string low = name_key, high = PrefixUpper(name_key);
            std::string sql =
                "SELECT id FROM workers WHERE regency_code = :r AND name_key >= :a AND "
                "name_key < :b ORDER BY name_key, id";
            if (only_name) sql += " LIMIT " + std::to_string(cap + 1);
            soci::statement statement =
                (session.prepare << sql, into(id), use(code), use(low), use(high));
            statement.execute();
            while (statement.fetch()) out.push_back(id);
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
                                      " FROM workers WHERE regency_code = :r AND id IN (" +
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

}  // namespace jaring::storage::sql
