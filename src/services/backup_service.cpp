#include "services/backup_service.hpp"

#include <utility>

namespace jaring::services {
namespace {

DatabaseSummary SummaryOf(const storage::DatabaseManifest& manifest) {
  DatabaseSummary summary;
  summary.engine = manifest.engine;
  summary.schema = manifest.schema;
  summary.schema_version = manifest.schema_version;
  summary.audit_sequence = manifest.audit_head.sequence;
  summary.audit_hash = manifest.audit_head.hash;
  summary.workers = manifest.RowsOf("workers");
  for (const storage::TableRows& table : manifest.tables) {
    summary.tables.push_back({table.table, table.rows});
  }
  return summary;
}

}  // namespace

Result<BackupReport> BackupService::Backup(const std::string& file,
                                           const BackupProgressFn& progress) {
  Result<storage::DatabaseManifest> made = db_.BackupTo(file, progress);
  if (!made) return Fail(std::move(made.error()));
  return BackupReport{file, made->bytes, SummaryOf(*made)};
}

Result<RestoreReport> BackupService::Restore(const std::string& file,
                                             const BackupProgressFn& progress) {
  if (auto restored = db_.RestoreFrom(file, progress); !restored) {
    return Fail(std::move(restored.error()));
  }
  RestoreReport report;
  report.file = file;
  Result<std::vector<int>> migrated = db_.Migrate();
  if (!migrated) return Fail(std::move(migrated.error()));
  report.migrations_applied = std::move(*migrated);
  Result<auth::ChainReport> chain = trail_.Verify(db_);
  if (!chain) return Fail(std::move(chain.error()));
  if (!chain->ok()) {
    const auth::ChainBreakInfo& broken = *chain->first_break;
    return Fail(Error::FailedPrecondition(
        "Cadangan dipulihkan, tetapi rantai auditnya rusak. " + broken.Describe(),
        "AUDIT_CHAIN_BROKEN sequence=" + std::to_string(broken.sequence) +
            " reason=" + std::string(auth::ChainBreakCode(broken.reason))));
  }
  report.audit_entries_verified = chain->entries_checked;
  Result<storage::DatabaseManifest> now = db_.Describe();
  if (!now) return Fail(std::move(now.error()));
  report.contents = SummaryOf(*now);
  return report;
}

}  // namespace jaring::services
