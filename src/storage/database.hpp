// Database: the one entry point to persistent storage, SQLite by default, PostgreSQL at scale.
//
//   auto db = storage::OpenDatabase("sqlite:var/jaring.db", {});
//   if (!db) return Fail(db.error());
//   if (auto applied = (*db)->Migrate(); !applied) return Fail(applied.error());
//   auto n = (*db)->Workers().Count("35.14");
//
// A Database owns a pool of connections. Its repositories (Workers()) run each call on a
// leased connection in its own transaction. A Transaction (Begin()) holds one connection until
// it is committed or destroyed, and its repositories write inside it: services use it to store a
// change and its audit entry atomically (unit of work).
//
// Thread safety: Database and the repositories it returns are safe to use from many threads;
// at most `pool_size` calls or transactions run at once, the rest wait up to `lease_timeout`
// and then fail with Unavailable. A Transaction is used by one thread at a time. A thread that
// holds a Transaction must not wait on Database::Workers() for a write: on SQLite the second
// connection would wait for the first one's write lock (busy_timeout, then Unavailable).
// The Database must outlive its Transactions and repositories.
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/clock.hpp"
#include "common/error.hpp"
#include "storage/account_repository.hpp"
#include "storage/audit_repository.hpp"
#include "storage/backup.hpp"
#include "storage/bill_repository.hpp"
#include "storage/card_repository.hpp"
#include "storage/claim_repository.hpp"
#include "storage/enrolment_repository.hpp"
#include "storage/import_repository.hpp"
#include "storage/invoice_repository.hpp"
#include "storage/monev_repository.hpp"
#include "storage/payment_repository.hpp"
#include "storage/policy_repository.hpp"
#include "storage/program_repository.hpp"
#include "storage/template_repository.hpp"
#include "storage/verval_repository.hpp"
#include "storage/worker_repository.hpp"

namespace jaring::storage {

struct DatabaseOptions {
  // Connections in the pool. SQLite in WAL mode serves several readers beside one writer.
  // `sqlite::memory:` always uses 1 (each connection would see its own empty database).
  int pool_size = 4;
  // How long a call waits for a free connection before failing with Unavailable.
  std::chrono::milliseconds lease_timeout{30'000};
  // SQLite: how long a writer waits for another connection's write lock (busy_timeout).
  std::chrono::milliseconds busy_timeout{10'000};
  // PostgreSQL, set on every connection of the pool when above zero (zero leaves the server's
  // or the role's setting): statement_timeout, lock_timeout and
  // idle_in_transaction_session_timeout. A statement cut by one of them fails with
  // Unavailable. Batch commands leave them at zero (a first import's index builds run for
  // many seconds); `jaring serve` sets them (docs/operations.md).
  std::chrono::milliseconds statement_timeout{0};
  std::chrono::milliseconds lock_timeout{0};
  std::chrono::milliseconds idle_in_transaction_timeout{0};
  // Source of created_at / updated_at; SystemClock when null. Must outlive the Database.
  const Clock* clock = nullptr;
  // SQLite file: read through a memory map (the server, whose pooled connections then share the
  // pages the OS holds). A command-line import leaves it off: the mapped pages it reads would
  // count as its own memory.
  bool map_reads = false;
};

// A unit of work on one connection. Destroying it without Commit() rolls it back.
// After a failed repository call, Commit() still commits what succeeded before it (failed
// writes are undone through savepoints); callers that want all-or-nothing simply do not commit.
class Transaction {
 public:
  virtual ~Transaction() = default;
  virtual WorkerRepository& Workers() = 0;
  virtual AccountRepository& Accounts() = 0;
  // Appending to the audit log happens here, in the transaction of the change it records.
  virtual AuditRepository& Audit() = 0;
  // Commits; on failure everything is rolled back. The transaction is finished either way.
  virtual Status Commit() = 0;
  virtual void Rollback() = 0;
  // Batches, quarantine and batch links of an import (issue 4), in this transaction.
  virtual ImportRepository& Imports() = 0;
  // Column-mapping templates per regency and source (issue 4, item 2), in this transaction.
  virtual TemplateRepository& Templates() = 0;
  // The monthly verification's extracts, runs, findings, labels and settled lists (issue 12),
  // and the registry changes its decisions make, in this transaction.
  virtual VervalRepository& Verval() = 0;
  // Rule versions (issue 13, item 1), append-only, in this transaction.
  virtual PolicyRepository& Policy() = 0;
  // A regency's programs, funding and budget lines (issue 13, item 2), in this transaction.
  virtual ProgramRepository& Programs() = 0;
  // Enrolment batches, answers, ineligibility and coverage history (issue 13, items 3 and 5).
  virtual EnrolmentRepository& Enrolment() = 0;
  // Monthly bills and their lines (issue 14, item 1).
  virtual BillRepository& Bills() = 0;
  // Membership cards and their revocation (issue 14, item 4).
  virtual CardRepository& Cards() = 0;
  // BPJS invoices and their reconciliation lines (issue 14, item 2).
  virtual InvoiceRepository& Invoices() = 0;
  // Payments against a program's months (issue 14, item 3).
  virtual PaymentRepository& Payments() = 0;
  // Death and work-accident claims, heirs, dossiers and clock targets (issue 15).
  virtual ClaimRepository& Claims() = 0;
  // Denominators, targets and the counted figures of settled months (issue 16).
  virtual MonevRepository& Monev() = 0;
};

class Database {
 public:
  virtual ~Database() = default;

  // "sqlite" or "postgresql".
  virtual std::string_view engine() const = 0;

  // Applies the embedded migrations (src/storage/migrations) that this database lacks, each in
  // its own transaction, in version order. Returns the versions applied now (empty when the
  // schema was current). Safe to run concurrently from several processes.
  virtual Result<std::vector<int>> Migrate() = 0;

  // Versions recorded in schema_migrations, ascending.
  virtual Result<std::vector<int>> AppliedMigrations() = 0;

  // Repositories that run each call in its own transaction on a pooled connection.
  virtual WorkerRepository& Workers() = 0;
  virtual AccountRepository& Accounts() = 0;
  virtual AuditRepository& Audit() = 0;

  // Starts a unit of work (SQLite: BEGIN IMMEDIATE, so the write lock is taken up front).
  virtual Result<std::unique_ptr<Transaction>> Begin() = 0;

  // Starts a unit of work that only reads, for checks that must neither wait behind a writer
  // nor hold one up (the public card check): one consistent snapshot and no write lock.
  // SQLite: PRAGMA query_only and a deferred BEGIN (in WAL mode readers and the writer do not
  // block each other); PostgreSQL: BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY. Any write
  // through its repositories fails (an Error, never a silent write); Commit() and Rollback()
  // just end it. Its connection is back to writable when it is returned to the pool.
  virtual Result<std::unique_ptr<Transaction>> BeginRead() = 0;

  // --- Backup and restore (storage/backup.hpp) ----------------------------------------------

  // Engine, schema version, audit head and the rows of every table, read in one snapshot.
  // FailedPrecondition when the database holds no jaring schema (never migrated).
  virtual Result<DatabaseManifest> Describe() = 0;

  // Writes a consistent copy of the whole database to `path` while it stays in use, and
  // returns the manifest of exactly that copy (with its size in bytes). SQLite: the online
  // backup API, a few MiB per step inside one read transaction (WAL: writers go on meanwhile);
  // PostgreSQL: pg_dump --format=custom of the connection's schema, in a snapshot exported by a
  // transaction that also reads the manifest. The copy goes to a temporary file beside `path`
  // (mode 0600: it holds personal data), renamed over `path` once complete: a failed backup
  // never leaves a partial file under that name. Errors: FailedPrecondition (no jaring schema),
  // NotFound / PermissionDenied (the folder), Unavailable (pg_dump missing or failed, disk).
  virtual Result<DatabaseManifest> BackupTo(const std::string& path,
                                            const BackupProgress& progress = {}) = 0;

  // Loads a backup written by BackupTo into this database, which must be empty: no table at all
  // (a new SQLite file, or a PostgreSQL schema that is new or has no tables). Does not migrate.
  // Refuses before writing anything: NotFound (no file), InvalidArgument (not a jaring backup),
  // FailedPrecondition (the other engine's backup, a target that is not empty, a schema newer
  // than this program's, a PostgreSQL archive of another schema than the target's).
  // SQLite: the online backup API into the target; PostgreSQL: pg_restore in one transaction
  // (a failure leaves the target as it was), without owners or privileges.
  virtual Status RestoreFrom(const std::string& path, const BackupProgress& progress = {}) = 0;
};

// Opens a database:
//   sqlite:PATH            a file, relative to the working directory; its folder is created.
//                          WAL journal, foreign keys on, synchronous=NORMAL, busy timeout.
//   sqlite::memory:        a private in-memory database (tests).
//   postgresql://user@host:port/db?options   a libpq connection URI (postgres:// too).
//                          With several hosts and target_session_attrs=read-write
//                          (postgresql://u@h1:5432,h2:5432/db?target_session_attrs=read-write)
//                          every connection, and every reconnection, reaches the current
//                          primary; a connect_timeout of 10 s is added when the URL has none.
// Does not migrate. Unavailable if the database cannot be opened, InvalidArgument if the URL
// has another scheme.
Result<std::unique_ptr<Database>> OpenDatabase(std::string_view url, DatabaseOptions options = {});

}  // namespace jaring::storage
