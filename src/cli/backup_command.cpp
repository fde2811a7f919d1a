#include "cli/backup_command.hpp"

#include <cstdio>
#include <memory>
#include <nlohmann/json.hpp>
#include <utility>

#include "cli/db_option.hpp"
#include "common/progress.hpp"
#include "domain/money.hpp"
#include "services/audit_anchor.hpp"

namespace jaring::cli {
namespace {

struct BackupArgs {
  std::string db_url, file;
  bool json = false;
};

// Runs `work` on the backups of `db_url`'s database, opened as it is (never migrated: a backup
// copies the database as it is, a restore needs its target empty), with a progress bar in bytes
// named `label` (drawn on a terminal only).
template <typename Work>
auto OnBackups(const Environment& env, const std::string& db_url, const std::string& label,
               Work work)
    -> decltype(work(std::declval<services::BackupService&>(), services::BackupProgressFn{})) {
  if (!env.open_backend) return Fail(Error::Internal("no database factory", "cli.backup"));
  auto backend = env.open_backend(db_url);
  if (!backend) return Fail(std::move(backend.error()));
  std::unique_ptr<Progress> bar;
  auto result = work((*backend)->Backups(), [&](std::uint64_t done, std::uint64_t total) {
    if (!bar) bar = std::make_unique<Progress>(label, total);
    bar->Set(done);
  });
  if (bar) bar->Finish();
  return result;
}

nlohmann::ordered_json SummaryJson(const services::DatabaseSummary& s) {
  nlohmann::ordered_json tables = nlohmann::ordered_json::object();
  for (const auto& t : s.tables) tables[t.table] = t.rows;
  return {{"engine", s.engine},
          {"schema", s.schema},
          {"schema_version", s.schema_version},
          {"audit", {{"sequence", s.audit_sequence}, {"hash", s.audit_hash}}},
          {"workers", s.workers},
          {"tables", std::move(tables)}};
}

void PrintSummary(const services::DatabaseSummary& s) {
  std::int64_t rows = 0;
  for (const auto& t : s.tables) rows += t.rows;
  std::printf("  rantai audit: kepala #%lld %s\n", static_cast<long long>(s.audit_sequence),
              s.audit_hash.c_str());
  std::printf("  %s pekerja; %zu tabel, %s baris\n", domain::FormatThousands(s.workers).c_str(),
              s.tables.size(), domain::FormatThousands(rows).c_str());
}

Status Backup(const Environment& env, const BackupArgs& args) {
  auto made = OnBackups(env, args.db_url, "cadangan", [&](auto& backups, const auto& progress) {
    return backups.Backup(args.file, progress);
  });
  if (!made) return Fail(std::move(made.error()));
  if (args.json) {
    nlohmann::ordered_json json{{"file", made->file}, {"bytes", made->bytes}};
    json.update(SummaryJson(made->contents));
    std::printf("%s\n", json.dump().c_str());
    return {};
  }
  std::printf("cadangan %s ditulis ke %s: %s byte, skema versi %d\n", made->contents.engine.c_str(),
              made->file.c_str(),
              domain::FormatThousands(static_cast<std::int64_t>(made->bytes)).c_str(),
              made->contents.schema_version);
  PrintSummary(made->contents);
  return {};
}

Status Restore(const Environment& env, const BackupArgs& args) {
  auto restored = OnBackups(
      env, args.db_url, "pemulihan",
      [&](auto& backups, const auto& progress) { return backups.Restore(args.file, progress); });
  if (!restored) return Fail(std::move(restored.error()));
  if (args.json) {
    nlohmann::ordered_json json{{"file", restored->file},
                                {"database", services::DatabaseLabel(args.db_url)},
                                {"migrations_applied", restored->migrations_applied},
                                {"audit_entries_verified", restored->audit_entries_verified}};
    json.update(SummaryJson(restored->contents));
    std::printf("%s\n", json.dump().c_str());
    return {};
  }
  std::printf("dipulihkan dari %s ke %s: skema versi %d (%zu migrasi diterapkan)\n",
              restored->file.c_str(), services::DatabaseLabel(args.db_url).c_str(),
              restored->contents.schema_version, restored->migrations_applied.size());
  std::printf("  rantai audit utuh: %lld entri\n",
              static_cast<long long>(restored->audit_entries_verified));
  PrintSummary(restored->contents);
  return {};
}

}  // namespace

void AddBackupCommands(CLI::App& root, const Environment& env, CommandAction& action) {
  auto backup_args = std::make_shared<BackupArgs>();
  auto* backup = root.add_subcommand(
      "backup", "Mencadangkan seluruh basis data selagi berjalan (back up the database)");
  backup->add_option("--out", backup_args->file, "Berkas cadangan yang ditulis")->required();
  AddDbOption(*backup, backup_args->db_url);
  backup->add_flag("--json", backup_args->json, "Ringkasan sebagai satu objek JSON di stdout");
  backup->callback([backup_args, &env, &action] {
    ResolveDbUrl(env, backup_args->db_url);
    action = [backup_args, &env] { return Backup(env, *backup_args); };
  });

  auto restore_args = std::make_shared<BackupArgs>();
  auto* restore = root.add_subcommand(
      "restore", "Memulihkan cadangan ke basis data baru yang kosong (restore a backup)");
  restore->add_option("FILE", restore_args->file, "Berkas cadangan dari `jaring backup`")
      ->required();
  restore
      ->add_option("--db", restore_args->db_url,
                   "Basis data tujuan yang kosong: sqlite:PATH atau postgresql://… (wajib)")
      ->required();
  restore->add_flag("--json", restore_args->json, "Ringkasan sebagai satu objek JSON di stdout");
  restore->callback([restore_args, &env, &action] {
    action = [restore_args, &env] { return Restore(env, *restore_args); };
  });
}

}  // namespace jaring::cli
