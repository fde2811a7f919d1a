// SqlWorkerRepository: the calls that read and edit single workers and pages of the list. The
// rest of the class lives beside it, one job a file: worker_rows.* (a worker as SQL columns),
// worker_query_plan.* (how a filtered, sorted page is read), worker_bulk_load.cpp (InsertMany
// and bulk loads) and worker_counts.cpp (totals and the dashboard's groups).
//
// Design notes
//  - Every query that touches personal data filters on regency_code first; the indexes all
//    start with it, so one regency's work never scans another's rows.
//  - Writes are atomic: a pooled call opens its own transaction, a bound call (inside a caller's
//    Transaction) a savepoint, and any failure rolls back to where the call started
//    (call_runner.hpp).
#include "storage/sql/worker_repository.hpp"

#include <algorithm>
#include <optional>
#include <utility>
#include <variant>

#include "domain/date_format.hpp"
#include "domain/name_normalize.hpp"
#include "domain/nik.hpp"
#include "storage/sql/codec.hpp"
#include "storage/sql/errors.hpp"
#include "storage/sql/worker_list_cache.hpp"
#include "storage/sql/worker_partitions.hpp"
#include "storage/sql/worker_query_plan.hpp"
#include "storage/sql/worker_rows.hpp"

namespace jaring::storage::sql {
namespace {

using soci::into;
using soci::use;

// "1,2,3" for an IN list; the values are integers, never text from a request.
std::string IdList(std::span<const std::int64_t> ids) {
  std::string out;
  for (std::int64_t id : ids) {
    if (!out.empty()) out += ',';
    out += std::to_string(id);
  }
  return out;
}

// The ids in ascending order, each once.
std::vector<std::int64_t> SortedUnique(std::span<const std::int64_t> ids) {
  std::vector<std::int64_t> sorted(ids.begin(), ids.end());
  std::ranges::sort(sorted);
  sorted.erase(std::unique(sorted.begin(), sorted.end()), sorted.end());
  return sorted;
}

// Runs `statement` (its columns bound to `row`) and appends every row it returns to `out`.
Status AppendRecords(soci::statement& statement, WorkerRecordRow& row,
                     std::vector<WorkerRecord>& out) {
  statement.execute();
  while (statement.fetch()) {
    Result<WorkerRecord> record = row.ToRecord();
    if (!record) return Fail(std::move(record.error()));
    out.push_back(std::move(*record));
  }
  return {};
}

}  // namespace

SqlWorkerRepository::SqlWorkerRepository(ConnectionPool& pool, const Clock& clock)
    : engine_(pool.engine()), runner_(pool), clock_(&clock) {}

SqlWorkerRepository::SqlWorkerRepository(Engine engine, soci::session& session, const Clock& clock)
    : engine_(engine), runner_(engine, session, "jaring_call"), clock_(&clock) {}

Result<std::int64_t> SqlWorkerRepository::Insert(const domain::Worker& worker) {
  return runner_.Run<std::int64_t>(
      "workers.insert", CallMode::kWrite, [&](soci::session& session) -> Result<std::int64_t> {
        if (engine_ == Engine::kPostgres) {
          EnsureWorkerPartitions(session, std::span(&worker.regency_code, 1));
        }
        WorkerValues values;
        values.Assign(worker, FormatTimestamp(clock_->Now()), std::nullopt);
        soci::indicator date_indicator = values.birth_date_known ? soci::i_ok : soci::i_null;
        soci::indicator batch_indicator = soci::i_null;
        long long id = 0;
        soci::details::prepare_temp_type prepare =
            (session.prepare << WorkerInsertSql() + " RETURNING id");
        for (std::size_t i = 0; i < kWorkerInsertColumnCount; ++i) {
          if (i == kWorkerBirthDateColumn) {
            prepare, use(values.text[i], date_indicator);
          } else if (i == kWorkerBatchColumn) {
            prepare, use(values.text[i], batch_indicator);
          } else {
            prepare, use(values.text[i]);
          }
        }
        prepare, into(id);
        soci::statement statement(prepare);
        statement.execute(true);
        // Stamped for the lists in memory (worker_list_cache.hpp).
        const std::int64_t stamp =
            BumpListVersion(session, worker.regency_code, ListChange::kRows);
        session << "UPDATE workers SET list_version = " + std::to_string(stamp) +
                       " WHERE id = :id",
            use(id);
        return static_cast<std::int64_t>(id);
      });
}

Result<domain::Worker> SqlWorkerRepository::Get(std::string_view regency_code, std::int64_t id) {
  if (auto ok = CheckRegency(regency_code); !ok) return Fail(ok.error());
  return runner_.Run<domain::Worker>(
      "workers.get", CallMode::kRead, [&](soci::session& session) -> Result<domain::Worker> {
        WorkerRow row;
        std::string regency(regency_code);
        long long wanted = id;
        soci::details::prepare_temp_type prepare =
            (session.prepare << std::string("SELECT ") + kWorkerSelectColumns +
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
        WorkerRow row;
        std::string regency(regency_code);
        long long after = after_id;
        long long max_rows = limit;
        soci::details::prepare_temp_type prepare =
            (session.prepare << std::string("SELECT ") + kWorkerSelectColumns +
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

Result<WorkerRecord> SqlWorkerRepository::ReadRecord(soci::session& session,
                                                     std::string_view regency_code,
                                                     std::int64_t id) {
  WorkerRecordRow row;
  std::string regency(regency_code);
  long long wanted = id;
  soci::details::prepare_temp_type prepare =
      (session.prepare << "SELECT " + WorkerRecordColumns(engine_) +
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
  if (list_cache_ != nullptr) {
    Result<std::optional<WorkerPage>> served = list_cache_->Find(regency_code, query);
    if (!served) return Fail(std::move(served.error()));
    if (*served) return std::move(**served);
  }
  Result<FilterSql> count_filter =
      BuildFilter(regency_code, query.filter, engine_, query.sort, /*count=*/true);
  if (!count_filter) return Fail(std::move(count_filter.error()));
  return runner_.Run<WorkerPage>(
      "workers.find", CallMode::kSnapshot, [&](soci::session& session) -> Result<WorkerPage> {
        WorkerPage page;
        const std::int64_t cap = CountCap(query);
        const std::int64_t total = CountMatches(session, *count_filter, cap);
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
          WorkerRecordRow row;
          soci::details::prepare_temp_type prepare =
              (session.prepare << PageSql(engine_, filter->where, query, page_plan));
          row.BindTo(prepare);
          if (PageBindsRegencyFirst(query, page_plan)) prepare, use(regency);
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
  const std::string select = ExportSql(engine_, where->where, filter, sort, descending, plan);
  Result<std::monostate> done = runner_.Run<std::monostate>(
      "workers.for_each", CallMode::kSnapshot,
      [&](soci::session& session) -> Result<std::monostate> {
        // SQLite steps the statement lazily. libpq would hold the whole result in memory, so
        // PostgreSQL reads through a cursor, a few thousand rows at a time.
        WorkerRecordRow row;
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

Result<std::vector<WorkerRecord>> SqlWorkerRepository::GetRecords(
    std::string_view regency_code, std::span<const std::int64_t> ids) {
  if (auto ok = CheckRegency(regency_code); !ok) return Fail(ok.error());
  const std::vector<std::int64_t> sorted = SortedUnique(ids);
  return runner_.Run<std::vector<WorkerRecord>>(
      "workers.get_records", CallMode::kSnapshot,
      [&](soci::session& session) -> Result<std::vector<WorkerRecord>> {
        std::vector<WorkerRecord> out;
        out.reserve(sorted.size());
        std::string regency(regency_code);
        constexpr std::size_t kChunk = 500;
        for (std::size_t start = 0; start < sorted.size(); start += kChunk) {
          const auto chunk =
              std::span(sorted).subspan(start, std::min(kChunk, sorted.size() - start));
          WorkerRecordRow row;
          soci::details::prepare_temp_type prepare =
              (session.prepare << "SELECT " + WorkerRecordColumns(engine_) +
                                      " FROM workers WHERE " + WorkerRegencyTest(engine_) +
                                      " = :r AND id IN (" + IdList(chunk) + ") ORDER BY id");
          row.BindTo(prepare);
          prepare, use(regency);
          soci::statement statement(prepare);
          if (auto read = AppendRecords(statement, row, out); !read) return Fail(read.error());
        }
        return out;
      });
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
        WorkerRecordRow row;
        std::string regency(regency_code), wanted(kk);
        soci::details::prepare_temp_type prepare =
            (session.prepare << "SELECT " + WorkerRecordColumns(engine_) +
                                    " FROM workers WHERE regency_code = :r AND kk = :kk"
                                    " ORDER BY id LIMIT " +
                                    std::to_string(limit));
        row.BindTo(prepare);
        prepare, use(regency), use(wanted);
        soci::statement statement(prepare);
        if (auto read = AppendRecords(statement, row, out); !read) return Fail(read.error());
        return out;
      });
}

Result<WorkerUpdate> SqlWorkerRepository::Update(const domain::Worker& worker) {
  if (auto ok = CheckRegency(worker.regency_code); !ok) return Fail(ok.error());
  return runner_.Run<WorkerUpdate>(
      "workers.update", CallMode::kWrite, [&](soci::session& session) -> Result<WorkerUpdate> {
        Result<WorkerRecord> before = ReadRecord(session, worker.regency_code, worker.id);
        if (!before) return Fail(std::move(before.error()));
        WorkerValues v;
        v.Assign(worker, FormatTimestamp(clock_->Now()), std::nullopt);
        soci::indicator date_indicator = v.birth_date_known ? soci::i_ok : soci::i_null;
        long long id = worker.id;
        const std::int64_t stamp =
            BumpListVersion(session, worker.regency_code, ListChange::kRows);
        // Columns by WorkerValues index: 2 kk, 1 nik, 3 name, ...; regency (0), source (14) and
        // created_at (15) stay.
        session << "UPDATE workers SET nik = :nik, kk = :kk, name = :name, "
                   "name_original = :orig, sex = :sex, birth_place = :bp, birth_date = :bd, "
                   "address = :addr, village_code = :vc, district_code = :dc, "
                   "occupation = :occ, phone = :ph, status = :st, updated_at = :now, "
                   "name_key = :nk, has_issues = :hi, list_version = " +
                       std::to_string(stamp) + " WHERE regency_code = :r AND id = :id",
            use(v.text[1]), use(v.text[2]), use(v.text[3]), use(v.text[4]), use(v.text[5]),
            use(v.text[6]), use(v.text[kWorkerBirthDateColumn], date_indicator), use(v.text[8]),
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
  const std::vector<std::int64_t> sorted = SortedUnique(ids);
  return runner_.Run<std::vector<StatusChange>>(
      "workers.set_status", CallMode::kWrite,
      [&](soci::session& session) -> Result<std::vector<StatusChange>> {
        std::vector<StatusChange> out;
        std::string regency(regency_code);
        std::string code(domain::ToCode(status));
        const std::string now = FormatTimestamp(clock_->Now());
        const std::string stamp =
            std::to_string(BumpListVersion(session, regency_code, ListChange::kRows));
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
          session << "UPDATE workers SET status = :s, updated_at = :now, list_version = " +
                         stamp +
                         " WHERE regency_code = :r AND status <> :s2 AND id IN (" +
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
            (session.prepare << "UPDATE workers SET name_key = :k, has_issues = :h"
                                " WHERE regency_code = :r AND id = :id",
             use(key), use(issues), use(regency), use(id));
        while (true) {
          std::vector<WorkerRecord> stale;
          WorkerRecordRow row;
          soci::details::prepare_temp_type prepare =
              (session.prepare << "SELECT " + WorkerRecordColumns(engine_) +
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
          if (!stale.empty() && refreshed == static_cast<std::int64_t>(stale.size())) {
            BumpListVersion(session, regency_code, ListChange::kReload);  // names searchable anew
          }
          if (stale.size() < static_cast<std::size_t>(kChunk)) return refreshed;
          after = stale.back().worker.id;
        }
      });
}

}  // namespace jaring::storage::sql

namespace jaring::storage {

std::string NameSearchKey(std::string_view raw_name) {
  const domain::NormalizedName normalized = domain::NormalizeName(raw_name);
  std::string key;
  for (const std::string& token : normalized.tokens) {
    if (!key.empty()) key += ' ';
    key += domain::PhoneticKey(token);
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
