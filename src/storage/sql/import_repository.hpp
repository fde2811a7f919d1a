// SqlImportRepository: ImportRepository over SOCI, bound to a Transaction's connection; each
// call runs inside a savepoint (see import_repository.hpp).
#pragma once

#include <soci/soci.h>

#include "common/clock.hpp"
#include "storage/import_repository.hpp"
#include "storage/sql/engine.hpp"

namespace jaring::storage::sql {

class SqlImportRepository final : public ImportRepository {
 public:
  SqlImportRepository(Engine engine, soci::session& session, const Clock& clock)
      : engine_(engine), session_(&session), clock_(&clock) {}

  Result<std::int64_t> InsertBatch(const ImportBatch& batch) override;
  Status FinishBatch(const ImportBatch& batch) override;
  Result<ImportBatch> GetBatch(std::string_view regency_code, std::int64_t id) override;
  Result<std::vector<ImportBatch>> ListBatches(std::string_view regency_code, int limit) override;
  Status InsertQuarantine(std::span<const QuarantineRow> rows) override;
  Status InsertAliases(std::span<const WorkerAlias> aliases) override;
  Result<std::vector<QuarantineRow>> ListQuarantine(std::string_view regency_code,
                                                    std::int64_t batch_id, std::int64_t after_id,
                                                    int limit) override;
  Status ForEachQuarantinedCellsOfSource(
      std::string_view regency_code, std::string_view source,
      const std::function<bool(const std::vector<std::string>& cells)>& visit) override;
  Status ForEachWorkerOfSource(std::string_view regency_code, std::string_view source,
                               const std::function<bool(const domain::Worker&)>& visit) override;
  Status UpdateWorker(const domain::Worker& worker, std::int64_t batch_id) override;
  Result<std::int64_t> MaxWorkerId() override;
  Result<std::int64_t> LinkNewWorkers(std::string_view regency_code, std::int64_t after_id,
                                      std::int64_t batch_id) override;
  Result<std::optional<std::int64_t>> LastBatchOf(std::string_view regency_code,
                                                  std::int64_t worker_id) override;
  Status LockSource(std::string_view regency_code, std::string_view source) override;
  Result<QuarantineRow> GetQuarantine(std::string_view regency_code, std::int64_t row_id) override;
  Status ResolveQuarantine(std::string_view regency_code, std::int64_t row_id,
                           std::int64_t resolved_at_us) override;
  Result<std::map<std::int64_t, std::uint64_t>> OpenQuarantineCounts(
      std::string_view regency_code) override;
  Result<std::optional<std::int64_t>> FindWorkerOfSource(std::string_view regency_code,
                                                         std::string_view source,
                                                         std::string_view nik) override;
  Status LinkWorker(std::string_view regency_code, std::int64_t worker_id,
                    std::int64_t batch_id) override;

 private:
  // Runs body(session) inside a savepoint; rolls back to it on an Error or exception.
  template <typename T, typename Body>
  Result<T> Run(std::string_view operation, Body&& body);

  Engine engine_;
  soci::session* session_;
  const Clock* clock_;
  // UpdateWorker runs once per changed row: its statement is prepared once.
  std::unique_ptr<soci::statement> update_statement_;
  // Regencies whose list counter UpdateWorker has bumped in this transaction (once is enough:
  // worker_list_cache.hpp).
  std::vector<std::string> reloads_bumped_;
};

}  // namespace jaring::storage::sql
