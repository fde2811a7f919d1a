// Design notes
//  - Bound mode only: a verval run, decision or settlement is one Transaction. Every call opens
//    a savepoint so that a failed call undoes only itself.
//  - Large reads (a regency's registry, a month's extract) are streamed: SQLite steps its
//    statement, PostgreSQL reads through a cursor (StreamRows).
//  - Bulk writes are multi-row statements of up to 1,000 rows, prepared once per batch size
//    and re-executed (ForEachBatch): one statement per batch instead of one round trip per row
//    on PostgreSQL, and one statement journal per batch instead of per row on SQLite (see
//    kRowsPerStatement in verval_extracts.cpp). Findings on SQLite are the exception, one
//    upsert each (SaveFindingsOneByOne in verval_findings.cpp says why).
#include "storage/sql/verval_repository.hpp"

#include <atomic>
#include <chrono>
#include <nlohmann/json.hpp>

#include "domain/date_format.hpp"
#include "domain/period.hpp"
#include "storage/sql/codec.hpp"
#include "storage/sql/connection.hpp"
#include "storage/sql/errors.hpp"
#include "storage/sql/verval_common.hpp"

namespace jaring::storage::sql {

Status SqlVervalRepository::InSavepoint(std::string_view operation,
                                        const std::function<Status(soci::session&)>& body) {
  soci::session& session = *session_;
  bool open = false;
  auto undo = [&] {
    if (!open) return;
    try {
      ExecuteScript(session, engine_,
                    "ROLLBACK TO SAVEPOINT jaring_verval; RELEASE SAVEPOINT jaring_verval",
                    operation);
    } catch (const std::exception&) {
      // The transaction itself is then unusable; its Commit() reports it.
    }
  };
  try {
    ExecuteScript(session, engine_, "SAVEPOINT jaring_verval", operation);
    open = true;
    Status result = body(session);
    if (!result) {
      undo();
      return result;
    }
    ExecuteScript(session, engine_, "RELEASE SAVEPOINT jaring_verval", operation);
    return result;
  } catch (const std::exception& e) {
    Error error = ErrorFromException(e, operation);
    undo();
    return Fail(std::move(error));
  }
}

std::int64_t SqlVervalRepository::NowMicros() const {
  return std::chrono::duration_cast<std::chrono::microseconds>(clock_->Now().time_since_epoch())
      .count();
}

}  // namespace jaring::storage::sql

namespace jaring::storage::sql::verval {

Status CheckRegency(std::string_view regency_code) {
  if (IsRegencyCode(regency_code)) return {};
  return Fail(Error::InvalidArgument("kode kabupaten/kota tidak sah", "expected NN.NN"));
}

Status CheckPeriod(std::string_view period) {
  if (domain::Period::Parse(period)) return {};
  return Fail(Error::InvalidArgument("periode tidak sah", "expected YYYY-MM"));
}

Status CheckDate(std::string_view date, std::string_view what) {
  if (date.empty() || domain::ParseIsoDate(date)) return {};
  return Fail(
      Error::InvalidArgument("tanggal tidak sah", "expected YYYY-MM-DD in " + std::string(what)));
}

Status CheckJson(std::string_view json, std::string_view what) {
  if (nlohmann::json::accept(json)) return {};
  return Fail(Error::InvalidArgument("data JSON tidak sah", "field " + std::string(what)));
}

Status CheckLimit(int limit) {
  if (limit >= 0) return {};
  return Fail(Error::InvalidArgument("batas halaman tidak sah", "limit < 0"));
}

Error Corrupt(std::string_view operation) {
  return Error::Internal("data verval rusak di basis data", "op=" + std::string(operation));
}

std::string ValuesRows(std::size_t rows, const std::function<std::string(std::size_t)>& cells) {
  std::string out;
  for (std::size_t row = 0; row < rows; ++row) {
    if (row > 0) out += ", ";
    out += '(';
    out += cells(row);
    out += ')';
  }
  return out;
}

std::string ParameterRows(Engine engine, std::size_t rows,
                          std::span<const std::string_view> cells) {
  return ValuesRows(rows, [&](std::size_t row) {
    std::string out;
    for (std::size_t column = 0; column < cells.size(); ++column) {
      if (column > 0) out += ", ";
      const std::string_view cell = cells[column];
      const std::size_t mark = cell.find('?');
      if (engine == Engine::kSqlite || mark == std::string_view::npos) {
        out += cell;
        continue;
      }
      out += cell.substr(0, mark);
      out += ":c" + std::to_string(column) + "r" + std::to_string(row);
      out += cell.substr(mark + 1);
    }
    return out;
  });
}

std::string_view DateCell(Engine engine) {
  return engine == Engine::kPostgres ? "CAST(? AS DATE)" : "?";
}

std::string IdList(std::span<const std::int64_t> ids) {
  std::string out;
  for (std::size_t i = 0; i < ids.size(); ++i) {
    if (i > 0) out += ',';
    out += std::to_string(ids[i]);
  }
  return out;
}

SqliteBulkCache::SqliteBulkCache(soci::session& session, Engine engine) {
  if (engine != Engine::kSqlite) return;
  ExecuteScript(session, engine, "PRAGMA cache_size = -" + std::to_string(kSqliteBulkCacheKib),
                "verval.cache");
  session_ = &session;
}

SqliteBulkCache::~SqliteBulkCache() {
  if (session_ == nullptr) return;
  try {
    ExecuteScript(*session_, Engine::kSqlite,
                  "PRAGMA cache_size = -" + std::to_string(kSqliteCacheKib), "verval.cache");
  } catch (const std::exception&) {
    // Only memory use stays higher; the write's own outcome is what the caller needs.
  }
}

bool FetchById(soci::session& session, const std::string& select_from,
               std::string_view regency_code, std::int64_t id,
               const std::function<void(soci::details::prepare_temp_type&)>& bind_row) {
  std::string regency(regency_code);
  long long wanted = id;
  soci::details::prepare_temp_type prepare =
      (session.prepare << select_from + " WHERE regency_code = :r AND id = :id");
  bind_row(prepare);
  prepare, soci::use(regency), soci::use(wanted);
  soci::statement statement(prepare);
  return statement.execute(true);
}

Status StreamRows(soci::session& session, Engine engine, const std::string& select,
                  const std::function<void(soci::details::prepare_temp_type&)>& bind_params,
                  const std::function<void(soci::details::prepare_temp_type&)>& bind_row,
                  const std::function<Result<bool>()>& on_row) {
  // Drains what one execute() made available; false once there is nothing more to read.
  auto drain = [&](soci::statement& statement) -> Result<bool> {
    bool any = false;
    while (statement.fetch()) {
      any = true;
      Result<bool> more = on_row();
      if (!more) return Fail(std::move(more.error()));
      if (!*more) return false;
    }
    return any;
  };
  if (engine == Engine::kSqlite) {
    soci::details::prepare_temp_type prepare = (session.prepare << select);
    bind_row(prepare);
    bind_params(prepare);
    soci::statement statement(prepare);
    statement.execute();
    if (auto drained = drain(statement); !drained) return Fail(std::move(drained.error()));
    return {};
  }
  // A name of its own per call: a visitor may stream something else meanwhile.
  static std::atomic<std::uint64_t> cursors{0};
  const std::string cursor = "jaring_verval_" + std::to_string(cursors.fetch_add(1));
  {
    soci::details::prepare_temp_type prepare =
        (session.prepare << "DECLARE " + cursor + " NO SCROLL CURSOR FOR " + select);
    bind_params(prepare);
    soci::statement statement(prepare);
    statement.execute(true);
  }
  soci::details::prepare_temp_type prepare = (session.prepare << "FETCH 5000 FROM " + cursor);
  bind_row(prepare);
  soci::statement statement(prepare);
  while (true) {
    statement.execute();
    Result<bool> more = drain(statement);
    if (!more) return Fail(std::move(more.error()));
    if (!*more) break;
  }
  ExecuteScript(session, engine, "CLOSE " + cursor, "verval.stream");
  return {};
}

}  // namespace jaring::storage::sql::verval
