// Test support for every suite that needs a database (storage, services, http): throw-away
// databases on each engine, opened and migrated for a fixture, and generated workers.
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>
#include <memory>
#include <ostream>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.hpp"
#include "domain/worker.hpp"
#include "storage/database.hpp"

namespace jaring::storage::testing {

// A calendar date, as the tests write them: Date(2025, 9, 30).
inline std::chrono::year_month_day Date(int y, unsigned m, unsigned d) {
  return {std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}};
}

enum class TestEngine { kSqlite, kPostgres };

// A database URL that only this object uses: a SQLite file in a fresh temporary folder, or a
// fresh schema (test_<pid>_<n>) in the PostgreSQL database of JARING_TEST_PG, selected through
// search_path in the URL. The destructor removes the folder / drops the schema, so tests can run
// in parallel against one server.
class ScratchDatabase {
 public:
  // FailedPrecondition when the engine is PostgreSQL and JARING_TEST_PG is unset; Unavailable
  // when the server cannot be reached.
  static Result<std::unique_ptr<ScratchDatabase>> Create(TestEngine engine);
  ~ScratchDatabase();
  ScratchDatabase(const ScratchDatabase&) = delete;
  ScratchDatabase& operator=(const ScratchDatabase&) = delete;

  const std::string& url() const { return url_; }

  // PostgreSQL only: runs `sql` on a connection of its own to the test server (to simulate
  // operator actions such as terminating connections). Connections made through url() carry
  // application_name = the schema name, so `sql` can single them out among parallel tests'.
  Status ExecuteOnServer(const std::string& sql) const;

  // Runs `sql` behind jaring's back, as an operator with database access (or an older jaring)
  // could: on SQLite over a connection of its own to the file, on PostgreSQL ExecuteOnServer.
  Status ExecuteRaw(const std::string& sql) const;

 private:
  ScratchDatabase() = default;
  TestEngine engine_ = TestEngine::kSqlite;
  std::string url_;
  std::string folder_;      // SQLite
  std::string server_url_;  // PostgreSQL
  std::string schema_;      // PostgreSQL
};

// True when `error` (from ScratchDatabase::Create) only says that PostgreSQL is not configured
// and the run does not require it (JARING_REQUIRE_PG is not "1"): the test may skip. Under
// `make test` PostgreSQL is required, so a missing server fails instead.
bool MaySkip(const Error& error);

// An opened, migrated database of its own for one test, on a ScratchDatabase. For a fixture:
//
//   void SetUp() override {
//     if (!db_.Open(GetParam(), {.clock = &clock_})) return;  // skipped or failed, recorded
//     ... db_->Workers(), *db_ ...
//   }
//
// Open records the outcome in GoogleTest when it returns false: a skip when the engine is
// PostgreSQL, JARING_TEST_PG is unset and the run does not require it (MaySkip), a fatal
// failure otherwise (so the test body does not run). The Database is closed before its scratch
// database is removed, by Close() or the destructor. One thread at a time.
class MigratedDatabase {
 public:
  MigratedDatabase() = default;
  MigratedDatabase(const MigratedDatabase&) = delete;
  MigratedDatabase& operator=(const MigratedDatabase&) = delete;
  ~MigratedDatabase() { Close(); }

  bool Open(TestEngine engine, DatabaseOptions options = {});
  // Open without migrating, for tests of the migrations themselves.
  bool OpenUnmigrated(TestEngine engine, DatabaseOptions options = {});
  // Another Database on the same scratch database (another process, a restart), with Open's
  // options or with `options`; null, with a failure recorded, when it cannot be opened.
  std::unique_ptr<Database> OpenAnother() const;
  std::unique_ptr<Database> OpenAnother(const DatabaseOptions& options) const;
  void Close();

  // Valid after a successful Open, until Close.
  Database& operator*() const { return *db_; }
  Database* operator->() const { return db_.get(); }
  Database* get() const { return db_.get(); }
  const ScratchDatabase& scratch() const { return *scratch_; }

 private:
  std::unique_ptr<ScratchDatabase> scratch_;
  DatabaseOptions options_;
  std::unique_ptr<Database> db_;
};

// The two engines as test parameters, and their names ("sqlite", "postgresql") for
// INSTANTIATE_TEST_SUITE_P(Engines, Suite, BothEngines(), EngineParamName).
inline auto BothEngines() { return ::testing::Values(TestEngine::kSqlite, TestEngine::kPostgres); }
std::string EngineParamName(const ::testing::TestParamInfo<TestEngine>& info);
// "sqlite" / "postgresql" in GoogleTest's messages (GetParam() = sqlite).
void PrintTo(TestEngine engine, std::ostream* out);

// The same for typed suites: TYPED_TEST_SUITE(Suite, BothEngineTypes, EngineTypeNames), with
// TypeParam::kEngine and TypeParam::kName in the tests.
struct SqliteEngine {
  static constexpr TestEngine kEngine = TestEngine::kSqlite;
  static constexpr std::string_view kName = "sqlite";
};
struct PostgresEngine {
  static constexpr TestEngine kEngine = TestEngine::kPostgres;
  static constexpr std::string_view kName = "postgresql";
};
using BothEngineTypes = ::testing::Types<SqliteEngine, PostgresEngine>;
struct EngineTypeNames {
  template <typename E>
  static std::string GetName(int) {
    return std::string(E::kName);
  }
};

// `n` plausible workers spread over `regencies` (codes "NN.NN"), three districts each, several
// occupations, both sexes, birth dates from 1950 to 2012 (some on 29 February, about 2 % unknown),
// names with apostrophes and non-ASCII letters, and addresses with tabs, backslashes and
// newlines (COPY escaping). Deterministic for a seed.
std::vector<domain::Worker> MakeWorkers(std::size_t n, std::uint64_t seed,
                                        std::span<const std::string> regencies);

// An import's writes in `tx`, without the import: a new batch of `regency` (source "Dinas
// Pertanian", checksum `checksum_char` x 64), a bulk load begun for all of `workers` (all of
// that regency) and the workers inserted in import-sized chunks (4,096), linked to the batch.
// The load is left open (the caller ends it, commits or rolls back). Returns the batch id;
// failures are recorded in GoogleTest.
std::int64_t BulkLoadWorkers(Transaction& tx, const std::string& regency,
                             std::span<const domain::Worker> workers, char checksum_char = 'a');

}  // namespace jaring::storage::testing
