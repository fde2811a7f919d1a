// OpenDatabase and the SQL Database: pool, migrations, transactions.
//
// Migrations run one per transaction. On PostgreSQL each takes a transaction-scoped advisory
// lock first, on SQLite BEGIN IMMEDIATE takes the write lock, so concurrent Migrate() calls (two
// server processes starting together) apply each migration exactly once: the second waits,
// then sees the version recorded and skips it.
#include "storage/database.hpp"

#include <filesystem>
#include <map>
#include <optional>
#include <system_error>

#include "storage/sql/account_repository.hpp"
#include "storage/sql/audit_repository.hpp"
#include "storage/sql/backup.hpp"
#include "storage/sql/bill_repository.hpp"
#include "storage/sql/card_repository.hpp"
#include "storage/sql/claim_repository.hpp"
#include "storage/sql/monev_repository.hpp"
#include "storage/sql/codec.hpp"
#include "storage/sql/connection.hpp"
#include "storage/sql/database_url.hpp"
#include "storage/sql/enrolment_repository.hpp"
#include "storage/sql/errors.hpp"
#include "storage/sql/import_repository.hpp"
#include "storage/sql/invoice_repository.hpp"
#include "storage/sql/migrations.hpp"
#include "storage/sql/payment_repository.hpp"
#include "storage/sql/policy_repository.hpp"
#include "storage/sql/program_repository.hpp"
#include "storage/sql/template_repository.hpp"
#include "storage/sql/verval_repository.hpp"
#include "storage/list_in_memory.hpp"
#include "storage/sql/worker_list_cache.hpp"
#include "storage/sql/worker_repository.hpp"

namespace jaring::storage {
namespace sql {
namespace {

using soci::into;
using soci::use;

// An arbitrary constant naming jaring's migration lock among PostgreSQL advisory locks.
constexpr const char* kMigrationLock = "SELECT pg_advisory_xact_lock(7470736581)";

// How a transaction begins. A write takes SQLite's write lock up front (a writer waits for it
// at BEGIN instead of failing at its first write); a read takes none and refuses writes.
const char* BeginStatement(Engine engine, bool read_only) {
  if (engine == Engine::kSqlite) {
    return read_only ? "PRAGMA query_only = 1; BEGIN DEFERRED" : "BEGIN IMMEDIATE";
  }
  return read_only ? "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY" : "BEGIN";
}
// Undoes the read's query_only on a SQLite connection going back to the pool.
constexpr const char* kSqliteWritable = "PRAGMA query_only = 0";

class SqlTransaction final : public Transaction {
 public:
  SqlTransaction(Lease lease, Engine engine, const Clock& clock, bool read_only)
      : lease_(std::move(lease)),
        engine_(engine),
        read_only_(read_only),
        workers_(engine, lease_.session(), clock),
        accounts_(engine, lease_.session()),
        audit_(engine, lease_.session()),
        imports_(engine, lease_.session(), clock),
        templates_(engine, lease_.session()),
        verval_(engine, lease_.session(), clock),
        policy_(engine, lease_.session(), clock),
        programs_(engine, lease_.session(), clock),
        enrolment_(engine, lease_.session(), clock),
        bills_(engine, lease_.session(), clock),
        cards_(engine, lease_.session(), clock),
        invoices_(engine, lease_.session(), clock),
        payments_(engine, lease_.session(), clock),
        claims_(engine, lease_.session(), clock),
        monev_(engine, lease_.session(), clock) {}

  ~SqlTransaction() override { Rollback(); }

  WorkerRepository& Workers() override { return workers_; }
  AccountRepository& Accounts() override { return accounts_; }
  AuditRepository& Audit() override { return audit_; }
  ImportRepository& Imports() override { return imports_; }
  TemplateRepository& Templates() override { return templates_; }
  VervalRepository& Verval() override { return verval_; }
  PolicyRepository& Policy() override { return policy_; }
  ProgramRepository& Programs() override { return programs_; }
  EnrolmentRepository& Enrolment() override { return enrolment_; }
  BillRepository& Bills() override { return bills_; }
  CardRepository& Cards() override { return cards_; }
  InvoiceRepository& Invoices() override { return invoices_; }
  PaymentRepository& Payments() override { return payments_; }
  ClaimRepository& Claims() override { return claims_; }
  MonevRepository& Monev() override { return monev_; }

  Status Commit() override {
    if (!open_) {
      return Fail(Error::FailedPrecondition("transaksi sudah selesai", "op=commit twice"));
    }
    // A bulk load still open puts its indexes back first, inside the transaction.
    if (workers_.bulk_load_open()) {
      if (auto ended = workers_.EndBulkLoad(); !ended) {
        Rollback();
        return ended;
      }
    }
    // The audit chain's head, where this transaction's entries moved it.
    if (auto flushed = audit_.FlushHead(); !flushed) {
      Rollback();
      return flushed;
    }
    open_ = false;
    try {
      ExecuteScript(lease_.session(), engine_, "COMMIT", "commit");
      MakeWritable();
      return {};
    } catch (const std::exception& e) {
      Error error = ConnectionLost(lease_.session(), engine_) ? AmbiguousCommit("commit")
                                                              : ErrorFromException(e, "commit");
      try {
        ExecuteScript(lease_.session(), engine_, "ROLLBACK", "rollback");
      } catch (const std::exception&) {
        lease_.MarkBroken();
      }
      MakeWritable();
      if (error.code == ErrorCode::kUnavailable) lease_.MarkBroken();
      return Fail(std::move(error));
    }
  }

  void Rollback() override {
    if (!open_) return;
    open_ = false;
    try {
      ExecuteScript(lease_.session(), engine_, "ROLLBACK", "rollback");
    } catch (const std::exception&) {
      lease_.MarkBroken();  // the connection is in an unknown state: reopen it before reuse
    }
    MakeWritable();
    workers_.AbandonBulkLoad();  // the rollback brought any dropped index back
  }

 private:
  // A read-only SQLite transaction set query_only on its connection: the pool's next user
  // must be able to write (a connection that cannot be reset is reopened).
  void MakeWritable() {
    if (!read_only_ || engine_ != Engine::kSqlite) return;
    try {
      ExecuteScript(lease_.session(), engine_, kSqliteWritable, "end read");
    } catch (const std::exception&) {
      lease_.MarkBroken();
    }
  }

  Lease lease_;
  Engine engine_;
  bool read_only_;
  SqlWorkerRepository workers_;
  SqlAccountRepository accounts_;
  SqlAuditRepository audit_;
  SqlImportRepository imports_;
  SqlTemplateRepository templates_;
  SqlVervalRepository verval_;
  SqlPolicyRepository policy_;
  SqlProgramRepository programs_;
  SqlEnrolmentRepository enrolment_;
  SqlBillRepository bills_;
  SqlCardRepository cards_;
  SqlInvoiceRepository invoices_;
  SqlPaymentRepository payments_;
  SqlClaimRepository claims_;
  SqlMonevRepository monev_;
  bool open_ = true;
};

class SqlDatabase final : public Database {
 public:
  // `url`: the PostgreSQL URI the pool connects with (the backup tools connect alike); "" for
  // SQLite.
  SqlDatabase(std::unique_ptr<ConnectionPool> pool, const Clock* clock, std::string url)
      : pool_(std::move(pool)),
        url_(std::move(url)),
        clock_(clock != nullptr ? clock : &system_clock_),
        workers_(*pool_, *clock_),
        accounts_(*pool_),
        audit_(*pool_) {}

  std::string_view engine() const override { return EngineName(pool_->engine()); }

  WorkerRepository& Workers() override { return workers_; }
  AccountRepository& Accounts() override { return accounts_; }
  AuditRepository& Audit() override { return audit_; }

  WorkerListCache* list_cache() { return list_cache_.get(); }

  void ServeListsFromMemory() {
    list_cache_ = std::make_unique<WorkerListCache>(*pool_);
    workers_.UseListCache(list_cache_.get());
  }

  Result<std::unique_ptr<Transaction>> Begin() override { return Start(false); }
  Result<std::unique_ptr<Transaction>> BeginRead() override { return Start(true); }

  Result<DatabaseManifest> Describe() override {
    Result<Lease> lease = pool_->Acquire();
    if (!lease) return Fail(std::move(lease.error()));
    try {
      ReadSnapshot snapshot(*lease, pool_->engine());
      return ReadManifest(lease->session(), pool_->engine());
    } catch (const std::exception& e) {
      Error error = ErrorFromException(e, "describe");
      if (error.code == ErrorCode::kUnavailable) lease->MarkBroken();
      return Fail(std::move(error));
    }
  }

  Result<DatabaseManifest> BackupTo(const std::string& path,
                                    const BackupProgress& progress) override {
    if (pool_->engine() == Engine::kSqlite) return BackupSqlite(*pool_, path, progress);
    return BackupPostgres(*pool_, url_, path, progress);
  }

  Status RestoreFrom(const std::string& path, const BackupProgress& progress) override {
    Result<std::string> made_by = BackupFileEngine(path);
    if (!made_by) return Fail(std::move(made_by.error()));
    if (*made_by != engine()) {
      return Fail(Error::FailedPrecondition(
          "Cadangan ini dibuat dari basis data " + NameForPeople(*made_by) +
              ", sedangkan tujuannya " + NameForPeople(engine()) +
              ": pulihkan ke basis data dengan mesin yang sama",
          "op=restore.engine backup=" + *made_by + " target=" + std::string(engine())));
    }
    if (pool_->engine() == Engine::kSqlite) return RestoreSqlite(*pool_, path, progress);
    return RestorePostgres(*pool_, url_, path);
  }

  Result<std::vector<int>> AppliedMigrations() override {
    Result<Lease> lease = pool_->Acquire();
    if (!lease) return Fail(std::move(lease.error()));
    try {
      return ReadVersions(lease->session());
    } catch (const std::exception& e) {
      Error error = ErrorFromException(e, "migrations.list");
      if (error.code == ErrorCode::kUnavailable) lease->MarkBroken();
      return Fail(std::move(error));
    }
  }

  Result<std::vector<int>> Migrate() override {
    Result<Lease> lease = pool_->Acquire();
    if (!lease) return Fail(std::move(lease.error()));
    soci::session& session = lease->session();
    const Engine engine = pool_->engine();
    std::vector<int> applied;
    bool open = false;
    try {
      // The bookkeeping table itself, created under the same lock as the migrations.
      Begin(session, engine);
      open = true;
      Result<std::string> create = ExpandPlaceholders(
          "CREATE TABLE IF NOT EXISTS schema_migrations ("
          " version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at {{timestamp}} NOT NULL)",
          engine);
      ExecuteScript(session, engine, *create, "migrations.bootstrap");
      ExecuteScript(session, engine, "COMMIT", "migrations.bootstrap");
      open = false;

      const std::span<const Migration> migrations = EmbeddedMigrations();
      const std::vector<int> before = ReadVersions(session);
      if (!before.empty() && before.back() > migrations.back().version) {
        return Fail(Error::FailedPrecondition(
            "skema basis data lebih baru dari program ini",
            "database at version " + std::to_string(before.back()) + ", program knows " +
                std::to_string(migrations.back().version)));
      }
      for (const Migration& migration : migrations) {
        Begin(session, engine);
        open = true;
        long long present = 0;
        int version = migration.version;
        session << "SELECT COUNT(*) FROM schema_migrations WHERE version = :v", use(version),
            into(present);
        if (present == 0) {
          Result<std::string> script = ExpandPlaceholders(migration.sql, engine);
          if (!script) {
            ExecuteScript(session, engine, "ROLLBACK", "migrations.apply");
            Error error = std::move(script.error());
            error.code = ErrorCode::kInternal;  // a bad embedded file is our bug
            error.details += " in migration " + std::to_string(version);
            return Fail(std::move(error));
          }
          const std::string operation = "migrations.apply version=" + std::to_string(version);
          ExecuteScript(session, engine, *script, operation);
          std::string name(migration.name);
          std::string now = FormatTimestamp(clock_->Now());
          session << "INSERT INTO schema_migrations (version, name, applied_at)"
                     " VALUES (:v, :n, :t)",
              use(version), use(name), use(now);
          applied.push_back(version);
        }
        ExecuteScript(session, engine, "COMMIT", "migrations.apply");
        open = false;
      }
      return applied;
    } catch (const std::exception& e) {
      Error error = ErrorFromException(e, "migrations");
      if (open) {
        try {
          ExecuteScript(session, engine, "ROLLBACK", "migrations.rollback");
        } catch (const std::exception&) {
          lease->MarkBroken();
        }
      }
      if (error.code == ErrorCode::kUnavailable) lease->MarkBroken();
      return Fail(std::move(error));
    }
  }

 private:
  Result<std::unique_ptr<Transaction>> Start(bool read_only) {
    // A BEGIN that fails for the connection's sake has done nothing, so it is tried once more
    // on a connection opened afresh (after a failover the new one reaches the new primary).
    for (int attempt = 1;; ++attempt) {
      Result<Lease> lease = pool_->Acquire();
      if (!lease) return Fail(std::move(lease.error()));
      const Engine engine = pool_->engine();
      try {
        ExecuteScript(lease->session(), engine, BeginStatement(engine, read_only),
                      read_only ? "begin read" : "begin");
      } catch (const std::exception& ex) {
        Error error = ErrorFromException(ex, "begin");
        // A SQLite read whose BEGIN failed may have left query_only set: reopen, not reset.
        if (error.code == ErrorCode::kUnavailable || (read_only && engine == Engine::kSqlite)) {
          lease->MarkBroken();
        }
        if (error.code == ErrorCode::kUnavailable && engine == Engine::kPostgres &&
            attempt == 1) {
          continue;
        }
        return Fail(std::move(error));
      }
      return std::make_unique<SqlTransaction>(std::move(*lease), engine, *clock_, read_only);
    }
  }

  static std::string NameForPeople(std::string_view engine) {
    return engine == "sqlite" ? "SQLite" : "PostgreSQL";
  }

  static void Begin(soci::session& session, Engine engine) {
    if (engine == Engine::kSqlite) {
      ExecuteScript(session, engine, "BEGIN IMMEDIATE", "migrations.begin");
    } else {
      ExecuteScript(session, engine, "BEGIN", "migrations.begin");
      ExecuteScript(session, engine, kMigrationLock, "migrations.lock");
    }
  }

  static std::vector<int> ReadVersions(soci::session& session) {
    std::vector<int> versions;
    int version = 0;
    soci::statement statement =
        (session.prepare << "SELECT version FROM schema_migrations ORDER BY version",
         into(version));
    statement.execute();
    while (statement.fetch()) versions.push_back(version);
    return versions;
  }

  std::unique_ptr<ConnectionPool> pool_;  // first: destroyed last
  std::string url_;
  SystemClock system_clock_;
  const Clock* clock_;
  std::unique_ptr<WorkerListCache> list_cache_;  // ServeListsFromMemory
  SqlWorkerRepository workers_;
  SqlAccountRepository accounts_;
  SqlAuditRepository audit_;
};

}  // namespace
}  // namespace sql

Result<std::unique_ptr<Database>> OpenDatabase(std::string_view url, DatabaseOptions options) {
  Result<sql::DatabaseUrl> parsed = sql::ParseDatabaseUrl(url);
  if (!parsed) return Fail(std::move(parsed.error()));
  sql::PoolSettings settings;
  settings.engine = parsed->engine;
  settings.size = std::max(1, options.pool_size);
  settings.lease_timeout = options.lease_timeout;
  settings.busy_timeout = options.busy_timeout;
  settings.map_reads = options.map_reads;
  settings.statement_timeout = options.statement_timeout;
  settings.lock_timeout = options.lock_timeout;
  settings.idle_in_transaction_timeout = options.idle_in_transaction_timeout;
  if (parsed->engine == sql::Engine::kSqlite) {
    const std::string& path = parsed->target;
    if (path == ":memory:") {
      settings.sqlite_file = false;
      settings.size = 1;  // every connection to :memory: is a database of its own
    } else {
      const std::filesystem::path parent = std::filesystem::path(path).parent_path();
      std::error_code ignored;
      if (!parent.empty()) std::filesystem::create_directories(parent, ignored);
    }
    // SOCI's SQLite connect string: quote the path so that spaces survive.
    settings.connect_string = "db=\"" + path + "\"";
  } else {
    // SOCI 4.0 rewrites a URI without a query string into "…/db=" (its key=value parser sees
    // the last path segment as a key), so libpq would look for database "db=". Any query
    // parameter avoids that; application_name also labels our sessions in pg_stat_activity.
    const std::string& uri = parsed->target;
    settings.connect_string =
        uri.find('?') == std::string::npos ? uri + "?application_name=jaring" : uri;
    // Without connect_timeout libpq waits for an unreachable host as long as the kernel does
    // (minutes), and a reconnection after a failover holds its request that long; with several
    // hosts the timeout applies to each in turn.
    if (uri.find("connect_timeout=") == std::string::npos) {
      settings.connect_string += "&connect_timeout=10";
    }
    settings.require_primary = uri.find("target_session_attrs=read-write") != std::string::npos ||
                               uri.find("target_session_attrs=primary") != std::string::npos;
  }
  Result<std::unique_ptr<sql::ConnectionPool>> pool = sql::ConnectionPool::Open(settings);
  if (!pool) return Fail(std::move(pool.error()));
  std::string url_for_tools =
      parsed->engine == sql::Engine::kPostgres ? parsed->target : std::string();
  return std::make_unique<sql::SqlDatabase>(std::move(*pool), options.clock,
                                            std::move(url_for_tools));
}

Status ServeListsFromMemory(Database& database) {
  auto* sql = dynamic_cast<sql::SqlDatabase*>(&database);
  if (sql == nullptr) {
    return Fail(Error::FailedPrecondition("daftar di memori tidak tersedia",
                                          "op=serve_lists_from_memory not an SqlDatabase"));
  }
  sql->ServeListsFromMemory();
  return {};
}

std::size_t ListIndexBytes(Database& database, std::string_view regency_code) {
  auto* sql = dynamic_cast<sql::SqlDatabase*>(&database);
  if (sql == nullptr || sql->list_cache() == nullptr) return 0;
  return sql->list_cache()->MemoryBytes(regency_code);
}

}  // namespace jaring::storage
