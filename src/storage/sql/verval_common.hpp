// What the files of SqlVervalRepository share: argument checks, the date and JSON conventions
// of the verval tables, reading a large result without holding it, and multi-row statements.
// Internal to storage/sql. Every function that talks to the database throws what SOCI throws
// (the repository's Run turns it into an Error).
#pragma once

#include <soci/soci.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.hpp"
#include "storage/sql/codec.hpp"
#include "storage/sql/engine.hpp"
#include "storage/sql/multi_row.hpp"

namespace jaring::storage::sql::verval {

// (Regency codes: codec.hpp CheckRegency, shared with the other repositories.)
// "YYYY-MM" (domain::Period).
Status CheckPeriod(std::string_view period);
// "" or an ISO date.
Status CheckDate(std::string_view date, std::string_view what);
// A JSON text that parses (stored byte for byte, read back by services).
Status CheckJson(std::string_view json, std::string_view what);
Status CheckLimit(int limit);

// The Internal error for a row that does not read back as written.
Error Corrupt(std::string_view operation);

// Standard base64 (RFC 4648, with padding): binary documents kept in TEXT columns, which both
// engines store and return byte for byte.
std::string Base64(std::string_view bytes);
// nullopt for text that is not base64.
std::optional<std::string> FromBase64(std::string_view text);

// 'YYYY-MM-DDTHH:MM:SS.ffffffZ' (codec.hpp FormatTimestamp's form) -> microseconds since the
// epoch; nullopt otherwise.
std::optional<std::int64_t> ParseTimestampMicros(std::string_view text);

// A {{date}} column's value: "" is NULL. Bind value with its indicator.
struct DateValue {
  std::string value;
  soci::indicator indicator = soci::i_null;
  void Set(std::string_view iso) {
    value.assign(iso);
    indicator = iso.empty() ? soci::i_null : soci::i_ok;
  }
  // What was read back: ISO text, or "" for NULL.
  std::string Get() const { return indicator == soci::i_ok ? value : std::string(); }
};

// A {{date}} cell inside a VALUES list that is not an INSERT's: PostgreSQL would type a bare
// parameter as text there, which a DATE column does not take; SQLite stores dates as text.
std::string_view DateCell(Engine engine);

// A comma-separated list of ids, for IN (...): integers, so they are written as literals.
std::string IdList(std::span<const std::int64_t> ids);

// For one bulk write on SQLite: the page cache raised to kSqliteBulkCacheKib (connection.hpp)
// until destroyed, as WorkerRepository::InsertMany does. A month's million extract rows arrive
// in their file's order, not their key's, so the key index's pages are written in random order;
// with the ordinary cache they spill and are read back for later rows.
class SqliteBulkCache {
 public:
  SqliteBulkCache(soci::session& session, Engine engine);
  ~SqliteBulkCache();
  SqliteBulkCache(const SqliteBulkCache&) = delete;
  SqliteBulkCache& operator=(const SqliteBulkCache&) = delete;

 private:
  soci::session* session_ = nullptr;  // null on PostgreSQL
};

// Fetches the row `select_from` ("SELECT <columns> FROM <table>") has with this id in this
// regency into what bind_row bound; false when there is none.
bool FetchById(soci::session& session, const std::string& select_from,
               std::string_view regency_code, std::int64_t id,
               const std::function<void(soci::details::prepare_temp_type&)>& bind_row);

// Reads the rows of `select` one at a time: bind_params adds the use()s of its parameters,
// bind_row the into()s of one row, and on_row() runs after each fetch (false: stop). SQLite
// steps the statement as rows are fetched; PostgreSQL reads through a cursor a few thousand
// rows at a time, as libpq would otherwise hold the whole result (a million workers) in memory.
Status StreamRows(soci::session& session, Engine engine, const std::string& select,
                  const std::function<void(soci::details::prepare_temp_type&)>& bind_params,
                  const std::function<void(soci::details::prepare_temp_type&)>& bind_row,
                  const std::function<Result<bool>()>& on_row);

}  // namespace jaring::storage::sql::verval
