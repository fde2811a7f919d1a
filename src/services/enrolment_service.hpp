// EnrolmentService: enrolment (kepesertaan, issue 13, items 3 and 5). A program selects the
// eligible persons of a settled month into a batch (quota and priority respected, the others
// marked ineligible with their reasons), a verifier approves it, its file goes to the BPJS branch
// for collective registration, and the branch's answer gives each person a membership number
// (KPJ) and a start date, which opens the person's coverage period under the program.
//
//   EnrolmentService enrolment(db, &trail, policy, clock);
//   auto batch = enrolment.CreateBatch({.regency_code = "35.14", .program_id = 1,
//                                       .period = "2025-09"}, operator_actor);
//   enrolment.Approve("35.14", batch->id, verifier_actor);
//   enrolment.WriteBatchFile("35.14", batch->id, "batch.xlsx", operator_actor);
//   auto answer = enrolment.ImportAnswer("35.14", 1, "jawaban.xlsx", "", operator_actor);
//
// Rules (docs/enrolment.md): a batch comes from the newest settled version of a month inside the
// program's period; persons already covered by the program or waiting in one of its batches are
// not selected again; with a quota, only the free places are filled, in priority order. Only an
// approved batch may be answered, and not by the person who created it. An answer row is matched
// to the program's batches by NIK; an answer naming a batch of another program, or giving a KPJ
// to a registry person the program never sent, refuses the whole file.
//
// Authorization: manage_enrolment in the regency to select, write files and import answers;
// decide to approve; view_dashboard to read batches and counts, view_workers for persons (NIKs
// as the viewer may see them). A batch of another regency is NotFound. The CLI's actor (no
// principal) may do everything. Audit: "enrolment_batch" create / decision / export,
// "enrolment_answer" import, in the transaction of the change. Failures: InvalidArgument
// (Indonesian), FailedPrecondition, NotFound, PermissionDenied, storage errors; nothing is
// half-stored. Thread-safe: no mutable state.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "common/clock.hpp"
#include "common/error.hpp"
#include "services/audit_trail.hpp"
#include "services/enrolment_views.hpp"
#include "services/policy_service.hpp"
#include "storage/database.hpp"

namespace jaring::services {

struct BatchRequest {
  std::string regency_code;
  std::int64_t program_id = 0;
  std::string period;  // "YYYY-MM", a settled month inside the program's period
};

class EnrolmentService {
 public:
  // db, trail (may be null: no audit), policy and clock must outlive it.
  EnrolmentService(storage::Database& db, const AuditTrail* trail, PolicyService& policy,
                   const Clock& clock)
      : db_(db), trail_(trail), policy_(policy), clock_(clock) {}

  // --- Batches (enrolment_service.cpp) ---------------------------------------------------------
  Result<BatchView> CreateBatch(const BatchRequest& request, const Actor& actor);
  Result<BatchView> Approve(std::string_view regency_code, std::int64_t batch_id,
                            const Actor& actor);
  Result<BatchView> GetBatch(std::string_view regency_code, std::int64_t batch_id,
                             const Actor& actor);
  // The program's batches (0: all the regency's), newest first.
  Result<std::vector<BatchView>> ListBatches(std::string_view regency_code, std::int64_t program_id,
                                             const Actor& actor);
  Result<std::vector<BatchMemberView>> BatchMembers(std::string_view regency_code,
                                                    std::int64_t batch_id, const Actor& actor);
  // The collective-registration file (.xlsx, docs/enrolment.md "The batch file").
  Status WriteBatchFile(std::string_view regency_code, std::int64_t batch_id,
                        const std::filesystem::path& out, const Actor& actor);
  // The regency of a batch id, NotFound when there is none (the command line names batches by
  // id alone and checks the --as user's grants there).
  Result<std::string> BatchRegency(std::int64_t batch_id);

  // --- Answers (enrolment_answer.cpp) ----------------------------------------------------------
  // Reads the branch's answer (.xlsx or .csv; header variants in docs/enrolment.md), matches it
  // to the program's approved batches and stores it with the coverage it starts.
  Result<AnswerView> ImportAnswer(std::string_view regency_code, std::int64_t program_id,
                                  const std::filesystem::path& file, std::string display_name,
                                  const Actor& actor);
  Result<std::vector<AnswerView>> ListAnswers(std::string_view regency_code,
                                              std::int64_t program_id, const Actor& actor);
  Result<AnswerView> GetAnswer(std::string_view regency_code, std::int64_t program_id,
                               std::int64_t answer_id, const Actor& actor);

  // --- Coverage (enrolment_coverage.cpp) -------------------------------------------------------
  Result<WorkerCoverageView> WorkerCoverage(std::string_view regency_code, std::int64_t worker_id,
                                            const Actor& actor);
  // The same for the person with this NIK in the regency (officials know NIKs, not registry ids).
  Result<WorkerCoverageView> WorkerCoverageByNik(std::string_view regency_code,
                                                 std::string_view nik, const Actor& actor);
  // Who the program's rules left out at its last selection, and why.
  Result<std::vector<IneligibleWorkerView>> Ineligible(std::string_view regency_code,
                                                       std::int64_t program_id, const Actor& actor);
  // The same as a spreadsheet for the villages (.xlsx bytes): export_personal_data, audited.
  Result<std::string> IneligibleXlsx(std::string_view regency_code, std::int64_t program_id,
                                     const Actor& actor);
  // Committed, billed and remaining by month of the program's period.
  Result<BudgetMonthsView> BudgetMonths(std::string_view regency_code, std::int64_t program_id,
                                        const Actor& actor);

 private:
  storage::Database& db_;
  const AuditTrail* trail_;
  PolicyService& policy_;
  const Clock& clock_;
};

// "JRG-35.14-P1-B3": the reference a batch's file carries in every row, read back from answers.
std::string BatchReference(std::string_view regency_code, std::int64_t program_id,
                           std::int64_t batch_id);
struct ParsedReference {
  std::string regency_code;
  std::int64_t program_id = 0, batch_id = 0;
};
std::optional<ParsedReference> ParseBatchReference(std::string_view text);

}  // namespace jaring::services
