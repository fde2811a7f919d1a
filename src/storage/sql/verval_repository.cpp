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

std::string Base64(std::string_view bytes) {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  std::size_t i = 0;
  for (; i + 3 <= bytes.size(); i += 3) {
    const std::uint32_t n = (std::uint32_t(std::uint8_t(bytes[i])) << 16) |
                            (std::uint32_t(std::uint8_t(bytes[i + 1])) << 8) |
                            std::uint8_t(bytes[i + 2]);
    for (int shift : {18, 12, 6, 0}) out += kAlphabet[(n >> shift) & 63];
  }
  if (const std::size_t rest = bytes.size() - i; rest > 0) {
    std::uint32_t n = std::uint32_t(std::uint8_t(bytes[i])) << 16;
    if (rest == 2) n |= std::uint32_t(std::uint8_t(bytes[i + 1])) << 8;
    out += kAlphabet[(n >> 18) & 63];
    out += kAlphabet[(n >> 12) & 63];
    out += rest == 2 ? kAlphabet[(n >> 6) & 63] : '=';
    out += '=';
  }
  return out;
}

std::optional<std::string> FromBase64(std::string_view text) {
  if (text.size() % 4 != 0) return std::nullopt;
  auto value = [](char c) -> int {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+') return 62;
    if (c == '/') return 63;
    return -1;
  };
  std::string out;
  out.reserve(text.size() / 4 * 3);
  for (std::size_t i = 0; i < text.size(); i += 4) {
    const bool last = i + 4 == text.size();
    const int pad = last ? (text[i + 3] == '=') + (text[i + 2] == '=') : 0;
    std::uint32_t n = 0;
    for (int k = 0; k < 4; ++k) {
      const int v = k >= 4 - pad ? 0 : value(text[i + static_cast<std::size_t>(k)]);
      if (v < 0) return std::nullopt;
      n = (n << 6) | static_cast<std::uint32_t>(v);
    }
    out += static_cast<char>((n >> 16) & 0xff);
    if (pad < 2) out += static_cast<char>((n >> 8) & 0xff);
    if (pad < 1) out += static_cast<char>(n & 0xff);
  }
  return out;
}

std::optional<std::int64_t> ParseTimestampMicros(std::string_view text) {
  // YYYY-MM-DDTHH:MM:SS.ffffffZ
  if (text.size() != 27 || text[4] != '-' || text[7] != '-' || text[10] != 'T' || text[13] != ':' ||
      text[16] != ':' || text[19] != '.' || text[26] != 'Z') {
    return std::nullopt;
  }
  auto number = [&](std::size_t at, std::size_t digits) -> std::optional<int> {
    int n = 0;
    for (std::size_t k = 0; k < digits; ++k) {
      const char c = text[at + k];
      if (c < '0' || c > '9') return std::nullopt;
      n = n * 10 + (c - '0');
    }
    return n;
  };
  const auto y = number(0, 4), mo = number(5, 2), d = number(8, 2), h = number(11, 2),
             mi = number(14, 2), sec = number(17, 2), us = number(20, 6);
  if (!y || !mo || !d || !h || !mi || !sec || !us) return std::nullopt;
  const std::chrono::year_month_day date{std::chrono::year(*y),
                                         std::chrono::month(static_cast<unsigned>(*mo)),
                                         std::chrono::day(static_cast<unsigned>(*d))};
  if (!date.ok()) return std::nullopt;
  const auto days = std::chrono::sys_days(date).time_since_epoch().count();
  return ((static_cast<std::int64_t>(days) * 24 + *h) * 60 + *mi) * 60 * 1000000LL +
         static_cast<std::int64_t>(*sec) * 1000000LL + *us;
}

}  // namespace jaring::storage::sql::verval
