// CallRunner: how one repository call reaches the database, for every repository that works
// in both of storage's modes:
//  - pooled (Database::Workers(), Accounts(), ...): the call leases a connection; writes run in
//    their own transaction (SQLite: BEGIN IMMEDIATE, so a writer waits for the lock up front
//    instead of failing at its first write), plain reads in autocommit.
//  - bound (Transaction::Workers(), ...): the call runs on the transaction's connection inside a
//    savepoint, so a failed call leaves the caller's transaction as it was before the call.
//
// Internal to storage/sql. A pooled runner is thread-safe; a bound one belongs to its
// transaction's thread. Failures are values: an exception thrown by the body (SOCI, NativeError)
// becomes the Error of errors.hpp, and a connection that failed as Unavailable is marked broken.
#pragma once

#include <soci/soci.h>

#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "common/error.hpp"
#include "storage/sql/connection.hpp"
#include "storage/sql/errors.hpp"

namespace jaring::storage::sql {

// kSnapshot: one read transaction (SQLite: deferred BEGIN, a consistent snapshot across the
// call's statements; PostgreSQL: needed for a cursor).
enum class CallMode { kRead, kWrite, kSnapshot };

class CallRunner {
 public:
  explicit CallRunner(ConnectionPool& pool) : engine_(pool.engine()), pool_(&pool) {}
  // `savepoint`: the name of the savepoint each call opens (an SQL identifier).
  CallRunner(Engine engine, soci::session& session, std::string_view savepoint)
      : engine_(engine), bound_(&session), savepoint_(savepoint) {}

  Engine engine() const { return engine_; }
  // The transaction's connection in bound mode, else null.
  soci::session* bound() const { return bound_; }

  // body(session) -> Result<T>. Writes, snapshots and every bound call run atomically: a
  // transaction (pooled) or a savepoint (bound), rolled back when body fails or throws.
  // Exceptions become Errors naming `operation`.
  //
  // A pooled call whose PostgreSQL connection is lost (a failover, a restart) is run once more
  // on a connection opened afresh when that cannot repeat a change: a plain read (kRead: the
  // bodies only return what they read), or any call that failed at its BEGIN, before the server
  // saw any of it. A lost COMMIT is never repeated: its outcome is unknown, and the caller gets
  // AmbiguousCommit (Unavailable) to pass on. A statement or lock timeout is not a lost
  // connection and is not repeated either.
  template <typename T, typename Body>
  Result<T> Run(std::string_view operation, CallMode mode, Body&& body) {
    if (bound_ != nullptr) return RunOn<T>(*bound_, nullptr, operation, mode, body);
    for (int attempt = 1;; ++attempt) {
      Result<Lease> acquired = pool_->Acquire();
      if (!acquired) return Fail(std::move(acquired.error()));
      Lease lease = std::move(*acquired);
      Stage failed_at = Stage::kNone;
      Result<T> result = RunOn<T>(lease.session(), &lease, operation, mode, body, &failed_at);
      const bool repeatable = failed_at == Stage::kBegin ||
                              (failed_at == Stage::kBody && mode == CallMode::kRead);
      if (result || attempt > 1 || !repeatable || !ConnectionLost(lease.session(), engine_)) {
        return result;
      }
    }
  }

 private:
  // Where a pooled call failed: nothing, its BEGIN, its body, its COMMIT.
  enum class Stage { kNone, kBegin, kBody, kCommit };

  template <typename T, typename Body>
  Result<T> RunOn(soci::session& session, Lease* lease, std::string_view operation,
                  CallMode mode, Body& body, Stage* failed_at = nullptr) {
    const bool atomic = bound_ != nullptr || mode != CallMode::kRead;
    const std::string begin = bound_ != nullptr ? "SAVEPOINT " + savepoint_
                              : engine_ == Engine::kSqlite && mode == CallMode::kWrite
                                  ? "BEGIN IMMEDIATE"
                                  : "BEGIN";
    const std::string commit = bound_ != nullptr ? "RELEASE SAVEPOINT " + savepoint_ : "COMMIT";
    const std::string rollback = bound_ != nullptr ? "ROLLBACK TO SAVEPOINT " + savepoint_ +
                                                         "; RELEASE SAVEPOINT " + savepoint_
                                                   : "ROLLBACK";
    Stage stage = Stage::kBegin;
    bool open = false;
    auto undo = [&] {
      if (!open) return;
      open = false;
      try {
        ExecuteScript(session, engine_, rollback, operation);
      } catch (const std::exception&) {
        if (lease) lease->MarkBroken();
      }
    };
    try {
      if (atomic) {
        ExecuteScript(session, engine_, begin, operation);
        open = true;
      }
      stage = Stage::kBody;
      Result<T> result = body(session);
      if (!result) {
        undo();
        if (failed_at) *failed_at = stage;
        return result;
      }
      if (atomic) {
        stage = Stage::kCommit;
        ExecuteScript(session, engine_, commit, operation);
        open = false;
      }
      return result;
    } catch (const std::exception& e) {
      Error error = stage == Stage::kCommit && lease && ConnectionLost(session, engine_)
                        ? AmbiguousCommit(operation)
                        : ErrorFromException(e, operation);
      undo();  // also after a failed COMMIT: SQLite keeps a busy transaction open
      if (lease && error.code == ErrorCode::kUnavailable) lease->MarkBroken();
      if (failed_at) *failed_at = stage;
      return Fail(std::move(error));
    }
  }

  Engine engine_;
  ConnectionPool* pool_ = nullptr;  // pooled mode
  soci::session* bound_ = nullptr;  // bound mode
  std::string savepoint_;
};

}  // namespace jaring::storage::sql
