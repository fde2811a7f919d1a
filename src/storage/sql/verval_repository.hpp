// SqlVervalRepository: VervalRepository over SOCI, bound to a Transaction's connection; each
// call runs inside a savepoint (see verval_repository.hpp). One class, three files by job:
// verval_extracts.cpp (extracts and their quarantine), verval_findings.cpp (settings, runs,
// findings, labels), verval_settled.cpp (the registry as verval reads and changes it, settled
// months); verval_repository.cpp holds what they share (verval_common.hpp).
#pragma once

#include <soci/soci.h>

#include <optional>
#include <utility>

#include "common/clock.hpp"
#include "storage/sql/engine.hpp"
#include "storage/verval_repository.hpp"

namespace jaring::storage::sql {

class SqlVervalRepository final : public VervalRepository {
 public:
  SqlVervalRepository(Engine engine, soci::session& session, const Clock& clock)
      : engine_(engine), session_(&session), clock_(&clock) {}

  Result<std::int64_t> InsertExtractBatch(const ExtractBatch& batch) override;
  Status FinishExtractBatch(const ExtractBatch& batch) override;
  Result<std::vector<ExtractBatch>> ListExtractBatches(std::string_view regency_code,
                                                       std::string_view period, int limit) override;
  Status ForEachExtractRow(std::string_view regency_code, std::string_view kind,
                           std::string_view period,
                           const std::function<bool(const ExtractRow&)>& visit) override;
  Status SaveExtractRows(std::span<const ExtractRow> rows) override;
  Status WithdrawExtractRows(std::string_view regency_code, std::int64_t batch_id,
                             std::span<const std::int64_t> row_ids) override;
  Result<ExtractRow> GetExtractRow(std::string_view regency_code, std::int64_t id) override;
  Status InsertExtractQuarantine(std::span<const ExtractQuarantineRow> rows) override;
  Result<std::vector<ExtractQuarantineRow>> ListExtractQuarantine(std::string_view regency_code,
                                                                  std::int64_t batch_id,
                                                                  std::int64_t after_id,
                                                                  int limit) override;

  Status ForEachRegistryRecord(std::string_view regency_code,
                               const std::function<bool(const RegistryRecord&)>& visit) override;
  Result<RegistryRecord> GetRegistryRecord(std::string_view regency_code,
                                           std::int64_t worker_id) override;
  Status ChangeWorkers(std::string_view regency_code,
                       std::span<const WorkerStatusChange> changes) override;
  Status ForEachAlias(std::string_view regency_code,
                      const std::function<bool(const std::string& source_id,
                                               std::int64_t worker_id)>& visit) override;
  Status ForEachPersonOutside(std::string_view regency_code,
                              const std::function<bool(const OutsidePerson&)>& visit) override;

  Result<std::optional<std::string>> GetSettings(std::string_view regency_code) override;
  Status SaveSettings(std::string_view regency_code, std::string_view settings_json,
                      std::string_view actor, std::int64_t at_us) override;

  Result<std::int64_t> InsertRun(const VervalRun& run) override;
  Status FinishRun(const VervalRun& run) override;
  Result<std::optional<VervalRun>> LatestRun(std::string_view regency_code,
                                             std::string_view period) override;
  Result<std::vector<VervalRun>> ListRuns(std::string_view regency_code, int limit) override;

  Result<std::vector<std::int64_t>> SaveFindings(std::span<const Finding> findings) override;
  Result<std::uint64_t> CarryFindings(std::string_view regency_code, std::string_view period,
                                      std::int64_t from_run, std::int64_t to_run,
                                      std::string_view kind) override;
  Result<Finding> GetFinding(std::string_view regency_code, std::int64_t id) override;
  Result<std::vector<Finding>> ListFindings(std::string_view regency_code,
                                            const FindingFilter& filter, FindingOrder order,
                                            std::int64_t offset, int limit) override;
  Status ForEachFinding(std::string_view regency_code, const FindingFilter& filter,
                        const std::function<bool(const Finding&)>& visit) override;
  Result<std::map<std::string, std::map<std::string, std::uint64_t>>> CountFindings(
      std::string_view regency_code, const FindingFilter& filter) override;
  Status DecideFindings(std::string_view regency_code,
                        std::span<const FindingDecision> decisions) override;

  Status SaveLabels(std::string_view regency_code, std::span<const LabelledPair> labels) override;
  Status ForEachLabel(std::string_view regency_code,
                      const std::function<bool(const LabelledPair&)>& visit) override;

  Result<SettledMonth> InsertSettled(const SettledMonth& month,
                                     std::span<const std::int64_t> worker_ids) override;
  Status SetMinutes(std::string_view regency_code, std::int64_t settled_id,
                    std::string_view checksum, std::string_view pdf) override;
  Result<std::string> GetMinutes(std::string_view regency_code, std::int64_t settled_id) override;
  Result<std::optional<SettledMonth>> LatestSettled(std::string_view regency_code,
                                                    std::string_view period) override;
  Result<std::optional<SettledMonth>> PreviousSettled(std::string_view regency_code,
                                                      std::string_view period) override;
  Result<std::vector<SettledMonth>> ListSettled(std::string_view regency_code) override;
  Status ForEachSettledMember(std::string_view regency_code, std::int64_t settled_id,
                              const std::function<bool(std::int64_t worker_id)>& visit) override;

 private:
  // Runs body(session) inside a savepoint; rolls back to it on an Error or exception.
  Status InSavepoint(std::string_view operation, const std::function<Status(soci::session&)>& body);
  template <typename T, typename Body>
  Result<T> Run(std::string_view operation, Body&& body) {
    std::optional<T> out;
    Status done = InSavepoint(operation, [&](soci::session& s) -> Status {
      Result<T> result = body(s);
      if (!result) return Fail(std::move(result.error()));
      out.emplace(std::move(*result));
      return {};
    });
    if (!done) return Fail(std::move(done.error()));
    return std::move(*out);
  }
  std::int64_t NowMicros() const;

  Engine engine_;
  soci::session* session_;
  const Clock* clock_;
};

}  // namespace jaring::storage::sql
