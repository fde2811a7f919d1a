// Design notes
//  - A manifest counts every table of the schema, not a chosen few: comparing a backup's
//    manifest with its restored copy's then shows any table that did not come across.
//  - PendingFile flushes the file before the rename and the folder after it, so that after a
//    crash the final name holds the old file or the whole new one, never a torn one.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <utility>
#include <vector>

#include "storage/sql/backup.hpp"
#include "storage/sql/migrations.hpp"

namespace jaring::storage {

std::int64_t DatabaseManifest::RowsOf(std::string_view table) const {
  for (const TableRows& t : tables) {
    if (t.table == table) return t.rows;
  }
  return 0;
}

Result<std::string> BackupFileEngine(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) {
    return Fail(Error::NotFound("Berkas cadangan tidak ditemukan: " + path, "op=restore.open"));
  }
  if (!std::filesystem::is_regular_file(path, ec)) {
    return Fail(Error::InvalidArgument("Bukan berkas cadangan: " + path, "op=restore.open"));
  }
  std::ifstream in(path, std::ios::binary);
  char head[16] = {};
  in.read(head, sizeof head);
  const std::string_view bytes(head, static_cast<std::size_t>(in.gcount()));
  // SQLite's header string, NUL included; pg_dump's custom format begins with its magic "PGDMP".
  if (bytes == std::string_view("SQLite format 3\0", 16)) return std::string("sqlite");
  if (bytes.starts_with("PGDMP")) return std::string("postgresql");
  return Fail(Error::InvalidArgument(
      "Berkas ini bukan cadangan jaring (bukan basis data SQLite maupun arsip pg_dump format "
      "custom): " +
          path,
      "op=restore.sniff"));
}

namespace sql {

using soci::into;

namespace {

std::vector<std::string> TableNames(soci::session& session, Engine engine) {
  std::vector<std::string> names;
  std::string name;
  soci::statement statement =
      (session.prepare << (engine == Engine::kSqlite
                               ? "SELECT name FROM sqlite_master WHERE type = 'table'"
                                 " AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'"
                               : "SELECT tablename FROM pg_tables"
                                 " WHERE schemaname = current_schema()"),
       into(name));
  statement.execute();
  while (statement.fetch()) names.push_back(name);
  std::sort(names.begin(), names.end());
  return names;
}

}  // namespace

std::string QuoteIdentifier(std::string_view name) {
  std::string quoted = "\"";
  for (char c : name) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + "\"";
}

Result<DatabaseManifest> ReadManifest(soci::session& session, Engine engine) {
  DatabaseManifest manifest;
  manifest.engine = std::string(EngineName(engine));
  manifest.schema = "main";
  if (engine == Engine::kPostgres) {
    soci::indicator ind = soci::i_ok;
    session << "SELECT current_schema()", into(manifest.schema, ind);
    if (ind != soci::i_ok) manifest.schema.clear();  // no schema of the search_path exists
  }
  const std::vector<std::string> names = TableNames(session, engine);
  if (!std::ranges::binary_search(names, std::string("schema_migrations"))) {
    return Fail(Error::FailedPrecondition(
        "Basis data ini belum berisi skema jaring (jalankan `jaring migrate` atau pilih --db yang "
        "benar)",
        "op=backup.manifest no schema_migrations in " + manifest.schema));
  }
  for (const std::string& name : names) {
    long long rows = 0;
    session << "SELECT COUNT(*) FROM " + QuoteIdentifier(name), into(rows);
    manifest.tables.push_back({name, rows});
  }
  long long version = 0;
  session << "SELECT COALESCE(MAX(version), 0) FROM schema_migrations", into(version);
  manifest.schema_version = static_cast<int>(version);
  if (std::ranges::binary_search(names, std::string("audit_head"))) {
    long long sequence = 0;
    session << "SELECT sequence, hash FROM audit_head WHERE id = 1", into(sequence),
        into(manifest.audit_head.hash);
    manifest.audit_head.sequence = sequence;
  }
  return manifest;
}

Status CheckBackupVersion(int version) {
  const int known = EmbeddedMigrations().back().version;
  if (version <= 0) {
    return Fail(Error::InvalidArgument("Berkas ini bukan cadangan jaring (tanpa riwayat migrasi)",
                                       "op=restore.version none"));
  }
  if (version > known) {
    return Fail(Error::FailedPrecondition(
        "Cadangan ini dari versi jaring yang lebih baru (skema versi " + std::to_string(version) +
            ", program ini mengenal sampai versi " + std::to_string(known) +
            "): pulihkan dengan jaring yang lebih baru",
        "op=restore.version backup=" + std::to_string(version) +
            " known=" + std::to_string(known)));
  }
  return {};
}

ReadSnapshot::ReadSnapshot(Lease& lease, Engine engine) : lease_(lease), engine_(engine) {
  ExecuteScript(lease_.session(), engine_,
                engine_ == Engine::kSqlite ? "BEGIN DEFERRED"
                                           : "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY",
                "backup.begin");
}

ReadSnapshot::~ReadSnapshot() {
  try {
    ExecuteScript(lease_.session(), engine_, "ROLLBACK", "backup.end");
  } catch (const std::exception&) {
    lease_.MarkBroken();
  }
}

long long CountTables(soci::session& session, Engine engine, const std::string& schema) {
  long long tables = 0;
  if (engine == Engine::kSqlite) {
    session << "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table'", into(tables);
  } else {
    session << "SELECT COUNT(*) FROM pg_tables WHERE schemaname = :s", soci::use(schema),
        into(tables);
  }
  return tables;
}

Error TargetNotEmpty(long long tables) {
  return Error::FailedPrecondition(
      "Basis data tujuan tidak kosong (" + std::to_string(tables) +
          " tabel): pemulihan hanya ke basis data (atau skema) baru yang kosong, agar tidak ada "
          "data yang tertimpa",
      "op=restore.target tables=" + std::to_string(tables));
}

Error FileError(int err, std::string_view what, const std::string& path) {
  std::string message = std::string(what) + ": " + path;
  std::string details = "errno=" + std::to_string(err) + " " + std::strerror(err);
  if (err == ENOENT || err == ENOTDIR) return Error::NotFound(message, details);
  if (err == EACCES || err == EPERM || err == EROFS) {
    return Error::PermissionDenied(message, details);
  }
  return Error::Unavailable(message, details);
}

Result<PendingFile> PendingFile::Beside(const std::string& path) {
  std::string temp = path + ".tmp-XXXXXX";
  const int fd = ::mkstemp(temp.data());  // mode 0600
  if (fd < 0) return Fail(FileError(errno, "Berkas cadangan tidak dapat dibuat", path));
  ::close(fd);
  return PendingFile(path, std::move(temp));
}

PendingFile::PendingFile(PendingFile&& other) noexcept
    : path_(std::move(other.path_)), temp_(std::move(other.temp_)), done_(other.done_) {
  other.done_ = true;
}

PendingFile::~PendingFile() {
  if (done_) return;
  for (const char* suffix : {"", "-journal", "-wal", "-shm"}) {
    ::unlink((temp_ + suffix).c_str());
  }
}

Result<std::uint64_t> PendingFile::Commit() {
  const int fd = ::open(temp_.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return Fail(FileError(errno, "Berkas cadangan hilang sebelum selesai", temp_));
  struct stat st {};
  if (::fsync(fd) != 0 || ::fstat(fd, &st) != 0) {
    const int err = errno;
    ::close(fd);
    return Fail(FileError(err, "Berkas cadangan tidak dapat ditulis ke disk", temp_));
  }
  ::close(fd);
  if (::rename(temp_.c_str(), path_.c_str()) != 0) {
    return Fail(FileError(errno, "Berkas cadangan tidak dapat diberi nama akhirnya", path_));
  }
  done_ = true;
  std::string folder = std::filesystem::path(path_).parent_path().string();
  if (folder.empty()) folder = ".";
  if (const int dir = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC); dir >= 0) {
    ::fsync(dir);  // the rename itself durable; a failure here loses nothing written
    ::close(dir);
  }
  return static_cast<std::uint64_t>(st.st_size);
}

}  // namespace sql
}  // namespace jaring::storage
