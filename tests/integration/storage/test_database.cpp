#include "test_database.hpp"

#include <libpq-fe.h>
#include <sqlite3.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cstdlib>
#include <filesystem>

#include "common/random.hpp"
#include "storage/sql/database_url.hpp"

namespace jaring::storage::testing {
namespace {

std::atomic<int> counter{0};

Status ExecutePg(const std::string& url, const std::string& sql) {
  PGconn* conn = PQconnectdb(url.c_str());
  if (PQstatus(conn) != CONNECTION_OK) {
    std::string why = PQerrorMessage(conn);
    PQfinish(conn);
    return Fail(Error::Unavailable("cannot reach the test PostgreSQL", why));
  }
  const std::string quiet = "SET client_min_messages = warning; " + sql;
  PGresult* result = PQexec(conn, quiet.c_str());
  const bool ok =
      PQresultStatus(result) == PGRES_COMMAND_OK || PQresultStatus(result) == PGRES_TUPLES_OK;
  std::string why = ok ? "" : PQresultErrorMessage(result);
  PQclear(result);
  PQfinish(conn);
  if (!ok) return Fail(Error::Internal("test schema statement failed", why));
  return {};
}

}  // namespace

Result<std::unique_ptr<ScratchDatabase>> ScratchDatabase::Create(TestEngine engine) {
  std::unique_ptr<ScratchDatabase> db(new ScratchDatabase());
  db->engine_ = engine;
  const std::string suffix =
      std::to_string(::getpid()) + "_" + std::to_string(counter.fetch_add(1));
  if (engine == TestEngine::kSqlite) {
    const std::filesystem::path folder =
        std::filesystem::temp_directory_path() / ("jaring-storage-" + suffix);
    std::filesystem::remove_all(folder);
    // The database file is created by OpenDatabase, folder included.
    db->folder_ = folder.string();
    db->url_ = "sqlite:" + (folder / "registry.db").string();
    return db;
  }
  const char* server = std::getenv("JARING_TEST_PG");
  if (server == nullptr || *server == '\0') {
    return Fail(Error::FailedPrecondition(
        "JARING_TEST_PG is unset: run under scripts/with-postgres.sh to test PostgreSQL"));
  }
  db->server_url_ = server;
  db->schema_ = "test_" + suffix;
  if (auto created = ExecutePg(db->server_url_, "CREATE SCHEMA " + db->schema_); !created) {
    db->schema_.clear();
    return Fail(created.error());
  }
  const char separator = db->server_url_.find('?') == std::string::npos ? '?' : '&';
  // application_name tells this test's connections apart from parallel tests' on the server.
  db->url_ = db->server_url_ + separator + "options=-csearch_path%3D" + db->schema_ +
             "&application_name=" + db->schema_;
  return db;
}

ScratchDatabase::~ScratchDatabase() {
  if (engine_ == TestEngine::kSqlite) {
    std::error_code ignored;
    if (!folder_.empty()) std::filesystem::remove_all(folder_, ignored);
  } else if (!schema_.empty()) {
    (void)ExecutePg(server_url_, "DROP SCHEMA " + schema_ + " CASCADE");
  }
}

Status ScratchDatabase::ExecuteOnServer(const std::string& sql) const {
  return ExecutePg(url_, sql);
}

Status ScratchDatabase::ExecuteRaw(const std::string& sql) const {
  if (engine_ == TestEngine::kPostgres) return ExecuteOnServer(sql);
  Result<sql::DatabaseUrl> url = sql::ParseDatabaseUrl(url_);
  if (!url) return Fail(url.error());
  sqlite3* handle = nullptr;
  if (sqlite3_open(url->target.c_str(), &handle) != SQLITE_OK) {
    sqlite3_close(handle);
    return Fail(Error::Unavailable("cannot open the test SQLite file", url->target));
  }
  char* message = nullptr;
  const int rc = sqlite3_exec(handle, sql.c_str(), nullptr, nullptr, &message);
  const std::string why = message != nullptr ? message : "";
  sqlite3_free(message);
  sqlite3_close(handle);
  if (rc != SQLITE_OK) return Fail(Error::Internal("raw SQL failed", why));
  return {};
}

std::vector<domain::Worker> MakeWorkers(std::size_t n, std::uint64_t seed,
                                        std::span<const std::string> regencies) {
  static constexpr std::array kNames = {
      "Siti Ma'rufah", "Ngatemi",      "Moch. Sholeh", "Ni Luh Putu Ayu", "Slamet Riyadi",
      "Sri Wahyuni",   "Nur Hasanah",  "Soekarno",     "Djoko Tjahjono",  "Ahmad Syaifuddin",
      "Mbah Marijan",  "Éka Prasétya", "Ngadiyem",     "H. Abd. Rohman",  "Dewi Sartika",
  };
  static constexpr std::array kOccupations = {"petani",         "buruh_tani",   "nelayan",
                                              "pedagang_kecil", "tukang_becak", "ojek"};
  static constexpr std::array kPlaces = {"Pasuruan", "Jember", "Probolinggo", "Tuban"};
  static constexpr std::array kAddresses = {"Dusun Krajan RT 01/RW 02", "Jl. Raya\tNo. 5",
                                            "Gang Mawar\\3", "Desa Lebakrejo\nblok B", ""};
  using enum domain::WorkerStatus;
  static constexpr std::array kStatuses = {kActive,    kActive,   kActive, kCandidate,
                                           kSuspended, kDeceased, kRemoved};
  Random random(seed);
  std::vector<domain::Worker> workers;
  workers.reserve(n);
  for (std::size_t i = 0; i < n; ++i) {
    domain::Worker w;
    w.regency_code = regencies[random.Below(regencies.size())];
    const int district = static_cast<int>(random.Between(1, 3));
    const int village = static_cast<int>(random.Between(2001, 2012));
    w.village_code =
        w.regency_code + ".0" + std::to_string(district) + "." + std::to_string(village);
    if (random.Chance(0.01)) w.village_code.clear();  // unknown village: district ""
    const std::string compact = w.regency_code.substr(0, 2) + w.regency_code.substr(3, 2);
    w.name_original = kNames[random.Below(kNames.size())];
    w.name = w.name_original;
    w.sex = random.Chance(0.5) ? domain::Sex::kFemale : domain::Sex::kMale;
    if (random.Chance(0.02)) {
      w.birth_date = {};  // unknown
    } else if (random.Chance(0.02)) {
      w.birth_date = std::chrono::year_month_day{
          std::chrono::year{1952 + 4 * static_cast<int>(random.Between(0, 14))},
          std::chrono::February, std::chrono::day{29}};
    } else {
      const auto first = std::chrono::sys_days(std::chrono::year{1950} / 1 / 1);
      w.birth_date =
          std::chrono::year_month_day{first + std::chrono::days(random.Between(0, 22'600))};
    }
    w.nik = compact + "0" + std::to_string(district) + std::to_string(100000 + i % 900000) +
            std::to_string(1000 + random.Below(9000));
    w.kk = random.Chance(0.3) ? "" : compact + std::to_string(100000000000ULL + random.Below(1000));
    w.birth_place = kPlaces[random.Below(kPlaces.size())];
    w.address = kAddresses[random.Below(kAddresses.size())];
    w.occupation = kOccupations[random.Below(kOccupations.size())];
    w.phone = random.Chance(0.5) ? "+62812" + std::to_string(1000000 + random.Below(9000000)) : "";
    w.status = kStatuses[random.Below(kStatuses.size())];
    w.source = random.Chance(0.5) ? "Dinas Pertanian" : "demo";
    workers.push_back(std::move(w));
  }
  return workers;
}

namespace {

// GoogleTest's skip and fatal failure return from the function they are written in; here they
// only record the outcome, and MigratedDatabase's callers return from SetUp.
void RecordSkip(const std::string& why) { GTEST_SKIP() << why; }
void RecordFatalFailure(const std::string& why) { GTEST_FAIL() << why; }

}  // namespace

bool MigratedDatabase::OpenUnmigrated(TestEngine engine, DatabaseOptions options) {
  Close();
  Result<std::unique_ptr<ScratchDatabase>> scratch = ScratchDatabase::Create(engine);
  if (!scratch) {
    if (MaySkip(scratch.error())) {
      RecordSkip(scratch.error().message);
    } else {
      RecordFatalFailure(scratch.error().ToString());
    }
    return false;
  }
  scratch_ = std::move(*scratch);
  options_ = options;
  db_ = OpenAnother();
  return db_ != nullptr;
}

bool MigratedDatabase::Open(TestEngine engine, DatabaseOptions options) {
  if (!OpenUnmigrated(engine, options)) return false;
  Result<std::vector<int>> migrated = db_->Migrate();
  if (!migrated) {
    RecordFatalFailure(migrated.error().ToString());
    return false;
  }
  return true;
}

std::unique_ptr<Database> MigratedDatabase::OpenAnother() const { return OpenAnother(options_); }

std::unique_ptr<Database> MigratedDatabase::OpenAnother(const DatabaseOptions& options) const {
  Result<std::unique_ptr<Database>> db = OpenDatabase(scratch_->url(), options);
  if (!db) {
    RecordFatalFailure(db.error().ToString());
    return nullptr;
  }
  return std::move(*db);
}

void MigratedDatabase::Close() {
  db_.reset();  // connections closed before the scratch schema is dropped
  scratch_.reset();
}

std::string EngineParamName(const ::testing::TestParamInfo<TestEngine>& info) {
  return info.param == TestEngine::kPostgres ? "postgresql" : "sqlite";
}

void PrintTo(TestEngine engine, std::ostream* out) {
  *out << (engine == TestEngine::kPostgres ? "postgresql" : "sqlite");
}

bool MaySkip(const Error& error) {
  const char* require = std::getenv("JARING_REQUIRE_PG");
  const bool required = require != nullptr && std::string_view(require) == "1";
  return error.code == ErrorCode::kFailedPrecondition && !required;
}

std::int64_t BulkLoadWorkers(Transaction& tx, const std::string& regency,
                             std::span<const domain::Worker> workers, char checksum_char) {
  ImportBatch batch;
  batch.regency_code = regency;
  batch.source = "Dinas Pertanian";
  batch.checksum = std::string(64, checksum_char);
  auto id = tx.Imports().InsertBatch(batch);
  EXPECT_TRUE(id) << id.error().ToString();
  EXPECT_TRUE(tx.Workers().BeginBulkLoad(regency, workers.size()));
  for (std::size_t at = 0; at < workers.size(); at += 4096) {
    const std::size_t n = std::min<std::size_t>(4096, workers.size() - at);
    auto inserted = tx.Workers().InsertMany(workers.subspan(at, n), id.value_or(0));
    EXPECT_TRUE(inserted) << inserted.error().ToString();
  }
  return id.value_or(0);
}

}  // namespace jaring::storage::testing
