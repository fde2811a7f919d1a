#include "storage/sql/errors.hpp"

#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include <string>

namespace jaring::storage::sql {
namespace {

constexpr std::string_view kUnavailable =
    "Basis data sedang tidak dapat dihubungi atau sibuk (misalnya saat berpindah ke server "
    "cadangan); coba lagi sebentar lagi";
constexpr std::string_view kUnique = "data yang sama sudah tersimpan";
constexpr std::string_view kConstraint = "data melanggar aturan penyimpanan";
constexpr std::string_view kInternal = "kesalahan internal basis data";

std::string Details(std::string_view operation, std::string_view key, std::string_view value) {
  std::string out = "op=";
  out += operation;
  if (!value.empty()) {
    out += ' ';
    out += key;
    out += '=';
    out += value;
  }
  return out;
}

}  // namespace

Error ErrorFromSqlState(std::string_view sqlstate, std::string_view operation,
                        std::string_view constraint) {
  std::string details = Details(operation, "sqlstate", sqlstate);
  if (!constraint.empty()) {
    details += " constraint=";
    details += constraint;
  }
  if (sqlstate == "23505") return Error::AlreadyExists(std::string(kUnique), details);
  if (sqlstate.starts_with("23")) return Error::InvalidArgument(std::string(kConstraint), details);
  // 08 connection exception, 53 insufficient resources, 57 operator intervention (shutdown,
  // and 57014: statement_timeout), 40001 serialization failure, 40P01 deadlock, 55P03 lock
  // not available (lock_timeout), 25P03 idle in transaction timeout, and 25006 read-only SQL
  // transaction: a write reached a server that is (no longer) the primary, as a connection
  // opened before a failover does. The next attempt, on a fresh connection, may succeed.
  if (sqlstate.empty() || sqlstate.starts_with("08") || sqlstate.starts_with("53") ||
      sqlstate.starts_with("57") || sqlstate == "40001" || sqlstate == "40P01" ||
      sqlstate == "55P03" || sqlstate == "25P03" || sqlstate == "25006") {
    return Error::Unavailable(std::string(kUnavailable), details);
  }
  return Error::Internal(std::string(kInternal), details);
}

Error ErrorFromSqliteCode(int extended_code, std::string_view operation) {
  const std::string details = Details(operation, "sqlite", std::to_string(extended_code));
  switch (extended_code) {
    case SQLITE_CONSTRAINT_UNIQUE:
    case SQLITE_CONSTRAINT_PRIMARYKEY:
      return Error::AlreadyExists(std::string(kUnique), details);
    default:
      break;
  }
  switch (extended_code & 0xff) {
    case SQLITE_CONSTRAINT:
      return Error::InvalidArgument(std::string(kConstraint), details);
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
    case SQLITE_CANTOPEN:
    case SQLITE_IOERR:
    case SQLITE_FULL:
    case SQLITE_READONLY:
    case SQLITE_NOMEM:
    case SQLITE_PERM:
      return Error::Unavailable(std::string(kUnavailable), details);
    default:
      return Error::Internal(std::string(kInternal), details);
  }
}

Error ErrorFromException(const std::exception& e, std::string_view operation) {
  if (const auto* native = dynamic_cast<const NativeError*>(&e)) return native->error();
  if (const auto* pg = dynamic_cast<const soci::postgresql_soci_error*>(&e)) {
    const std::string state = pg->sqlstate();
    if (pg->get_error_category() == soci::soci_error::connection_error) {
      return Error::Unavailable(std::string(kUnavailable), Details(operation, "sqlstate", state));
    }
    return ErrorFromSqlState(state, operation);
  }
  if (const auto* lite = dynamic_cast<const soci::sqlite3_soci_error*>(&e)) {
    return ErrorFromSqliteCode(lite->result(), operation);
  }
  if (const auto* soci_error = dynamic_cast<const soci::soci_error*>(&e)) {
    switch (soci_error->get_error_category()) {
      case soci::soci_error::connection_error:
      case soci::soci_error::unknown_transaction_state:
        return Error::Unavailable(std::string(kUnavailable),
                                  Details(operation, "soci", "connection"));
      case soci::soci_error::constraint_violation:
        return Error::InvalidArgument(std::string(kConstraint),
                                      Details(operation, "soci", "constraint"));
      default:
        break;
    }
    // SOCI's own message (what()) may quote SQL text and values: keep it out.
    return Error::Internal(std::string(kInternal), Details(operation, "soci", "error"));
  }
  if (dynamic_cast<const std::bad_alloc*>(&e) != nullptr) {
    return Error::Unavailable(std::string(kUnavailable), Details(operation, "cause", "bad_alloc"));
  }
  return Error::Internal(std::string(kInternal), Details(operation, "cause", "exception"));
}

}  // namespace jaring::storage::sql
