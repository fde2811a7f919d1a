// SqlClaimRepository: ClaimRepository over SOCI, bound to a Transaction's connection; each call
// runs inside a savepoint (see claim_repository.hpp).
#pragma once

#include <soci/soci.h>

#include "common/clock.hpp"
#include "storage/claim_repository.hpp"
#include "storage/sql/call_runner.hpp"

namespace jaring::storage::sql {

class SqlClaimRepository final : public ClaimRepository {
 public:
  SqlClaimRepository(Engine engine, soci::session& session, const Clock& clock)
      : runner_(engine, session, "jaring_claim"), clock_(&clock) {}

  Result<ClaimRecord> Insert(const ClaimRecord& claim) override;
  Status Update(const ClaimRecord& claim) override;
  Result<ClaimRecord> Get(std::string_view regency_code, std::int64_t id) override;
  Result<std::optional<ClaimRecord>> Find(std::string_view regency_code, std::int64_t worker_id,
                                          std::string_view kind,
                                          std::string_view event_date) override;
  Result<std::vector<ClaimRecord>> List(std::string_view regency_code,
                                        std::optional<std::string> state) override;
  Result<std::vector<ClaimRecord>> OfWorker(std::string_view regency_code,
                                            std::int64_t worker_id) override;
  Result<ClaimEventRecord> AddEvent(std::string_view regency_code, std::int64_t claim_id,
                                    const ClaimEventRecord& event) override;
  Result<std::vector<ClaimEventRecord>> Events(std::string_view regency_code,
                                               std::int64_t claim_id) override;
  Result<std::map<std::int64_t, std::vector<ClaimEventRecord>>> EventsOfCases(
      std::string_view regency_code, std::optional<std::string> state) override;
  Result<std::map<std::int64_t, ClaimWorkerRecord>> WorkersOfCases(
      std::string_view regency_code, std::optional<std::string> state) override;
  Result<std::map<std::int64_t, std::int64_t>> HeirCounts(std::string_view regency_code) override;
  Status ReplaceHeirs(std::string_view regency_code, std::int64_t claim_id,
                      const std::vector<HeirRecord>& heirs) override;
  Result<std::vector<HeirRecord>> Heirs(std::string_view regency_code,
                                        std::int64_t claim_id) override;
  Status PutDocument(std::string_view regency_code, std::int64_t claim_id,
                     const ClaimDocumentRecord& document) override;
  Result<std::vector<ClaimDocumentRecord>> Documents(std::string_view regency_code,
                                                     std::int64_t claim_id) override;
  Result<std::string> Settings(std::string_view regency_code) override;
  Status PutSettings(std::string_view regency_code, std::string_view json,
                     std::string_view actor) override;
  Result<std::string> DeathDate(std::string_view regency_code, std::int64_t worker_id) override;
  Result<std::optional<std::string>> RegencyOf(std::int64_t claim_id) override;

 private:
  CallRunner runner_;
  const Clock* clock_;
};

}  // namespace jaring::storage::sql
