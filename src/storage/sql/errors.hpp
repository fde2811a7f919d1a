// Turning SOCI, SQLite and libpq failures into Error values.
//
// Messages are short Indonesian sentences for people and never contain SQL text or row values
// (database messages often quote the failing row: personal data). `details` carries what an
// operator needs: the operation name, the SQLSTATE or SQLite result code, the constraint name.
//   SQLSTATE 23505 / SQLite UNIQUE, PRIMARY KEY    -> AlreadyExists
//   other integrity violations (class 23, SQLite CONSTRAINT) -> InvalidArgument
//   connection failures, busy or locked database, shutdown, out of resources,
//   serialization failure or deadlock, statement / lock / idle timeouts, a write refused by a
//   read-only server (after a failover) (retrying helps)   -> Unavailable
//   anything else (a bug in our SQL)                     -> Internal
#pragma once

#include <exception>
#include <string_view>
#include <utility>

#include "common/error.hpp"

namespace jaring::storage::sql {

// An error reported by a native call, already mapped; thrown so that SOCI and native paths
// share one catch in the repositories.
class NativeError : public std::exception {
 public:
  explicit NativeError(Error error) : error_(std::move(error)) {}
  const char* what() const noexcept override { return "native database error"; }
  const Error& error() const { return error_; }

 private:
  Error error_;
};

Error ErrorFromSqlState(std::string_view sqlstate, std::string_view operation,
                        std::string_view constraint = {});
Error ErrorFromSqliteCode(int extended_code, std::string_view operation);
// For an exception caught around SOCI calls (soci_error and its backend subclasses, and
// NativeError, included).
Error ErrorFromException(const std::exception& e, std::string_view operation);

}  // namespace jaring::storage::sql
