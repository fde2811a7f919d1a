// Test support for the storage suite: throw-away databases on each engine and generated workers.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "common/error.hpp"
#include "domain/worker.hpp"

namespace jaring::storage::testing {

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

// `n` plausible workers spread over `regencies` (codes "NN.NN"), three districts each, several
// occupations, both sexes, birth dates from 1950 to 2012 (some on 29 February, about 2 % unknown),
// names with apostrophes and non-ASCII letters, and addresses with tabs, backslashes and
// newlines (COPY escaping). Deterministic for a seed.
std::vector<domain::Worker> MakeWorkers(std::size_t n, std::uint64_t seed,
                                        std::span<const std::string> regencies);

}  // namespace jaring::storage::testing
