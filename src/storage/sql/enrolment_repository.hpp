// SqlEnrolmentRepository: EnrolmentRepository over SOCI, bound to a Transaction's connection;
// each call runs inside a savepoint (see enrolment_repository.hpp).
#pragma once

#include <soci/soci.h>

#include "common/clock.hpp"
#include "storage/enrolment_repository.hpp"
#include "storage/sql/call_runner.hpp"

namespace jaring::storage::sql {

class SqlEnrolmentRepository final : public EnrolmentRepository {
 public:
  SqlEnrolmentRepository(Engine engine, soci::session& session, const Clock& clock)
      : runner_(engine, session, "jaring_enrolment"), clock_(&clock) {}

  Result<std::int64_t> InsertBatch(const EnrolmentBatchRecord& batch,
                                   std::span<const EnrolmentMemberRecord> members) override;
  Status ReplaceIneligible(std::string_view regency_code, std::int64_t program_id,
                           std::span<const IneligibleRecord> rows) override;
  Status Approve(std::string_view regency_code, std::int64_t batch_id, std::string_view actor,
                 std::int64_t at_us) override;
  Result<EnrolmentBatchRecord> GetBatch(std::string_view regency_code,
                                        std::int64_t batch_id) override;
  Result<std::vector<EnrolmentBatchRecord>> ListBatches(std::string_view regency_code,
                                                        std::int64_t program_id) override;
  Result<std::vector<EnrolmentMemberRecord>> Members(std::string_view regency_code,
                                                     std::int64_t batch_id) override;
  Result<std::vector<ProgramMemberRecord>> AllMembers(std::string_view regency_code) override;
  Result<std::vector<ProgramMemberRecord>> MembersOfWorker(std::string_view regency_code,
                                                           std::int64_t worker_id) override;
  Result<std::vector<IneligibleRecord>> Ineligible(std::string_view regency_code,
                                                   std::int64_t program_id) override;
  Result<std::vector<WorkerIneligibility>> IneligibleOfWorker(std::string_view regency_code,
                                                              std::int64_t worker_id) override;
  Result<std::int64_t> InsertAnswer(const AnswerWrite& write) override;
  Result<std::vector<AnswerRecord>> ListAnswers(std::string_view regency_code,
                                                std::int64_t program_id) override;
  Result<std::vector<AnswerLineRecord>> AnswerLines(std::string_view regency_code,
                                                    std::int64_t answer_id) override;
  Result<int> EndCoverage(std::string_view regency_code, std::int64_t worker_id,
                          std::string_view end_date, std::string_view reason) override;
  Result<std::vector<CoverageRecord>> CoverageOfWorker(std::string_view regency_code,
                                                       std::int64_t worker_id) override;
  Result<std::vector<CoverageRecord>> CoverageOfProgram(std::string_view regency_code,
                                                        std::int64_t program_id) override;
  Result<std::optional<std::string>> BatchRegency(std::int64_t batch_id) override;

 private:
  CallRunner runner_;
  const Clock* clock_;
};

}  // namespace jaring::storage::sql
