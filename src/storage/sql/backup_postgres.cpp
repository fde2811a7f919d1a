// Design notes
//  - One snapshot: the backup's connection begins a REPEATABLE READ transaction, exports its
//    snapshot (pg_export_snapshot) and reads the manifest in it; pg_dump --snapshot dumps that
//    same snapshot while the transaction stays open. The reported counts and audit head are
//    therefore exactly the archive's, however busy the server is.
//  - Only the connection's schema is dumped (--schema), as jaring keeps all its tables in one;
//    pg_dump's archive names that schema on every object, and pg_restore cannot rename it. So
//    a restore goes into a schema of the same name, in another database (or the same database
//    once the schema is gone): the target's schema is the first of its search_path, and a
//    different one is refused before anything is written.
//  - Before restoring, the archive is read with pg_restore alone: its table of contents (the
//    schema, and schema_migrations to know it is jaring's) and the schema_migrations rows (a
//    schema newer than this program is refused). When the target schema already exists (and
//    is empty), the archive's CREATE SCHEMA is left out through --use-list.
//  - pg_restore runs with --single-transaction --exit-on-error: a failed restore leaves the
//    target as it was. --no-owner --no-privileges: the restoring role owns what it creates.
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>

#include "storage/sql/backup.hpp"
#include "storage/sql/errors.hpp"
#include "storage/sql/pg_tools.hpp"

namespace jaring::storage::sql {
namespace {

using soci::into;
using soci::use;

// The search_path entries in order, quotes removed (unquoted names fold to lower case).
std::vector<std::string> SearchPathEntries(std::string_view path) {
  std::vector<std::string> entries;
  std::string current;
  bool quoted = false, was_quoted = false;
  for (std::size_t i = 0; i < path.size(); ++i) {
    const char c = path[i];
    if (quoted) {
      if (c == '"' && i + 1 < path.size() && path[i + 1] == '"') {
        current += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        current += c;
      }
    } else if (c == '"') {
      quoted = was_quoted = true;
    } else if (c == ',') {
      entries.push_back(current);
      current.clear();
      was_quoted = false;
    } else if (c != ' ') {
      current += was_quoted ? c : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
  }
  entries.push_back(current);
  return entries;
}

// The schema a restore through this connection is meant for: the first entry of its
// search_path ("$user" when a schema of that name exists), whether it exists yet or not.
std::string TargetSchema(soci::session& session) {
  std::string path, user;
  session << "SELECT current_setting('search_path'), current_user", into(path), into(user);
  for (const std::string& entry : SearchPathEntries(path)) {
    if (entry.empty() || entry.starts_with("pg_")) continue;
    if (entry == "$user") {
      long long exists = 0;
      session << "SELECT COUNT(*) FROM pg_namespace WHERE nspname = :n", use(user), into(exists);
      if (exists > 0) return user;
      continue;
    }
    return entry;
  }
  return "";
}

// The schema an archive's table of contents creates ("6; 2615 16385 SCHEMA - name owner").
std::string ArchiveSchema(const std::string& toc) {
  std::istringstream lines(toc);
  for (std::string line; std::getline(lines, line);) {
    const std::size_t at = line.find(" SCHEMA - ");
    if (line.starts_with(";") || at == std::string::npos) continue;
    if (line.find(" COMMENT - SCHEMA ") != std::string::npos) continue;
    const std::string rest = line.substr(at + 10);
    return rest.substr(0, rest.rfind(' '));
  }
  return "";
}

// The table of contents without the schema's own entries (CREATE SCHEMA, its comment), for a
// target where the schema already exists.
std::string WithoutSchemaEntries(const std::string& toc, const std::string& schema) {
  std::istringstream lines(toc);
  std::string kept;
  for (std::string line; std::getline(lines, line);) {
    if (!line.starts_with(";") &&
        (line.find(" SCHEMA - " + schema + " ") != std::string::npos ||
         line.find(" COMMENT - SCHEMA " + schema + " ") != std::string::npos)) {
      continue;
    }
    kept += line + "\n";
  }
  return kept;
}

// The newest version among schema_migrations' rows as pg_restore prints them (a COPY block:
// one tab-separated row per line, version first, ended by "\.").
int NewestVersion(const std::string& script) {
  std::istringstream lines(script);
  bool in_copy = false;
  int newest = 0;
  for (std::string line; std::getline(lines, line);) {
    if (!in_copy) {
      in_copy = line.starts_with("COPY ") && line.ends_with("FROM stdin;");
      continue;
    }
    if (line == "\\.") break;
    newest = std::max(newest, std::atoi(line.substr(0, line.find('\t')).c_str()));
  }
  return newest;
}

Error NotAnArchive(const std::string& path, std::string details) {
  return Error::InvalidArgument("Berkas ini bukan cadangan jaring yang terbaca: " + path,
                                std::move(details));
}

// Runs pg_restore over the archive alone (no database): its list or a table's rows.
Result<std::string> ReadArchive(const std::string& pg_restore, std::vector<std::string> args,
                                const std::string& path) {
  args.insert(args.begin(), pg_restore);
  args.push_back(path);
  Result<ToolRun> run = RunTool(args, "");
  if (!run) return Fail(std::move(run.error()));
  if (run->exit_code != 0) {
    return Fail(NotAnArchive(path, "op=restore.read_archive " + ToolErrorTail(*run)));
  }
  return std::move(run->out);
}

// A small file in the temporary folder, removed when this goes away.
class TempList {
 public:
  static Result<TempList> Write(const std::string& text) {
    std::string path = (std::filesystem::temp_directory_path() / "jaring-restore-XXXXXX").string();
    const int fd = ::mkstemp(path.data());
    if (fd < 0) return Fail(FileError(errno, "Berkas sementara tidak dapat dibuat", path));
    ::close(fd);
    TempList list(path);
    std::ofstream out(path, std::ios::trunc);
    out << text;
    if (!out.flush()) return Fail(FileError(EIO, "Berkas sementara tidak dapat ditulis", path));
    return list;
  }
  TempList(TempList&& other) noexcept : path_(std::move(other.path_)) { other.path_.clear(); }
  ~TempList() {
    if (!path_.empty()) ::unlink(path_.c_str());
  }
  const std::string& path() const { return path_; }

 private:
  explicit TempList(std::string path) : path_(std::move(path)) {}
  std::string path_;
};

}  // namespace

Result<DatabaseManifest> BackupPostgres(ConnectionPool& pool, const std::string& url,
                                        const std::string& path, const BackupProgress& progress) {
  Result<std::string> pg_dump = FindPgTool("pg_dump");
  if (!pg_dump) return Fail(std::move(pg_dump.error()));
  Result<PgConnection> connection = SplitPassword(url);
  if (!connection) return Fail(std::move(connection.error()));
  Result<PendingFile> pending = PendingFile::Beside(path);
  if (!pending) return Fail(std::move(pending.error()));
  Result<Lease> lease = pool.Acquire();
  if (!lease) return Fail(std::move(lease.error()));
  Result<DatabaseManifest> manifest;
  Result<ToolRun> run;
  try {
    ReadSnapshot snapshot(*lease, Engine::kPostgres);
    std::string snapshot_id;
    lease->session() << "SELECT pg_export_snapshot()", into(snapshot_id);
    manifest = ReadManifest(lease->session(), Engine::kPostgres);
    if (!manifest) return manifest;
    const std::string& temp = pending->temp_path();
    auto tick = [&] {
      struct stat st {};
      if (progress && ::stat(temp.c_str(), &st) == 0) {
        progress(static_cast<std::uint64_t>(st.st_size), 0);
      }
    };
    run = RunTool({*pg_dump, "--format=custom", "--schema=" + QuoteIdentifier(manifest->schema),
                   "--snapshot=" + snapshot_id, "--no-password", "--file=" + temp,
                   "--dbname=" + connection->conninfo},
                  connection->password, tick);
  } catch (const std::exception& e) {
    Error error = ErrorFromException(e, "backup");
    error.message = "Pencadangan PostgreSQL gagal: " + error.message;
    if (error.code == ErrorCode::kUnavailable) lease->MarkBroken();
    return Fail(std::move(error));
  }
  if (!run) return Fail(std::move(run.error()));
  if (run->exit_code != 0) {
    return Fail(Error::Unavailable("pg_dump gagal; tidak ada berkas cadangan yang ditulis",
                                   "op=backup.pg_dump " + ToolErrorTail(*run)));
  }
  Result<std::uint64_t> bytes = pending->Commit();
  if (!bytes) return Fail(std::move(bytes.error()));
  manifest->bytes = *bytes;
  return manifest;
}

Status RestorePostgres(ConnectionPool& pool, const std::string& url, const std::string& path) {
  Result<std::string> pg_restore = FindPgTool("pg_restore");
  if (!pg_restore) return Fail(std::move(pg_restore.error()));
  Result<PgConnection> connection = SplitPassword(url);
  if (!connection) return Fail(std::move(connection.error()));

  // What the archive is, from the archive alone.
  Result<std::string> toc = ReadArchive(*pg_restore, {"--list"}, path);
  if (!toc) return Fail(std::move(toc.error()));
  const std::string schema = ArchiveSchema(*toc);
  if (schema.empty() ||
      toc->find(" TABLE " + schema + " schema_migrations ") == std::string::npos) {
    return Fail(NotAnArchive(path, "op=restore.toc no jaring schema"));
  }
  Result<std::string> versions = ReadArchive(
      *pg_restore, {"--data-only", "--schema=" + schema, "--table=schema_migrations", "--file=-"},
      path);
  if (!versions) return Fail(std::move(versions.error()));
  if (auto known = CheckBackupVersion(NewestVersion(*versions)); !known) return known;

  // Where it would go.
  std::vector<std::string> args{*pg_restore,
                                "--single-transaction",
                                "--exit-on-error",
                                "--no-owner",
                                "--no-privileges",
                                "--no-password",
                                "--dbname=" + connection->conninfo};
  std::optional<TempList> list;
  try {
    Result<Lease> lease = pool.Acquire();
    if (!lease) return Fail(std::move(lease.error()));
    soci::session& session = lease->session();
    const std::string target = TargetSchema(session);
    if (target != schema) {
      return Fail(Error::FailedPrecondition(
          "Cadangan ini berisi skema \"" + schema +
              "\", sedangkan basis data tujuan memakai skema \"" + target +
              "\": pulihkan ke skema bernama sama (options=-csearch_path=" + schema +
              ") di basis data lain",
          "op=restore.schema archive=" + schema + " target=" + target));
    }
    if (const long long tables = CountTables(session, Engine::kPostgres, schema); tables > 0) {
      return Fail(TargetNotEmpty(tables));
    }
    long long exists = 0;
    session << "SELECT COUNT(*) FROM pg_namespace WHERE nspname = :n", use(schema), into(exists);
    if (exists > 0) {
      Result<TempList> written = TempList::Write(WithoutSchemaEntries(*toc, schema));
      if (!written) return Fail(std::move(written.error()));
      list.emplace(std::move(*written));
      args.push_back("--use-list=" + list->path());
    }
  } catch (const std::exception& e) {
    return Fail(ErrorFromException(e, "restore.target"));
  }
  args.push_back(path);
  Result<ToolRun> run = RunTool(args, connection->password);
  if (!run) return Fail(std::move(run.error()));
  if (run->exit_code != 0) {
    return Fail(Error::Unavailable(
        "pg_restore gagal; basis data tujuan tidak berubah (pemulihan dalam satu transaksi)",
        "op=restore.pg_restore " + ToolErrorTail(*run)));
  }
  return {};
}

}  // namespace jaring::storage::sql
