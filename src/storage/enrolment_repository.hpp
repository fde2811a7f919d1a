// EnrolmentRepository: a program's enrolment batches and their members, the persons its rules
// leave out, the answers of the BPJS branch and each worker's coverage history (issue 13,
// items 3 and 5; migration 0011).
//
// It exists only inside a Transaction (Transaction::Enrolment()): a batch with its members and
// the program's ineligible list, or an answer with its member updates and coverage periods, are
// stored with their audit entry in one unit of work. Each call runs inside a savepoint: a failed
// call leaves the transaction as it was. Storage keeps what services decided (who is selected,
// what an answer means) and checks only shapes and its constraints.
//
// Tenancy: every call but BatchRegency names the regency ("NN.NN") and never reads or changes
// another regency's rows. Months are "YYYY-MM", dates "YYYY-MM-DD". Failures are values:
// InvalidArgument (bad regency, month, date, state), NotFound (no such batch in the regency),
// FailedPrecondition (a batch not in the state a change needs), Unavailable, Internal.
// One thread at a time.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.hpp"

namespace jaring::storage {

struct EnrolmentBatchRecord {
  std::int64_t id = 0;  // assigned by InsertBatch
  std::string regency_code;
  std::int64_t program_id = 0;
  std::string period;  // the settled month the persons were selected from
  std::int64_t settled_id = 0;
  std::string status = "created";  // "created" | "approved" | "answered"
  std::int64_t workers = 0;
  std::string counts_json = "{}";
  std::string actor;
  std::int64_t created_at_us = 0;  // 0 on insert: the Database clock's now
  std::string approved_by;
  std::int64_t approved_at_us = 0;
  std::int64_t answered_at_us = 0;
  friend bool operator==(const EnrolmentBatchRecord&, const EnrolmentBatchRecord&) = default;
};

struct EnrolmentMemberRecord {
  std::int64_t batch_id = 0;  // set when read
  std::int64_t worker_id = 0;
  int rank = 0;                // 1 = first in priority
  std::string nik, name;       // as sent to the branch
  std::string state = "sent";  // "sent" | "matched" | "name_differs" | "rejected"
  std::string kpj, answered_name;
  std::string start_date;  // "YYYY-MM-DD" or ""
  std::string reason;      // the branch's reason for a rejection
  friend bool operator==(const EnrolmentMemberRecord&, const EnrolmentMemberRecord&) = default;
};

// A member with its batch's program, month and status (for matching an answer).
struct ProgramMemberRecord {
  EnrolmentMemberRecord member;
  std::int64_t program_id = 0;
  std::string period;
  std::string batch_status;
};

struct IneligibleRecord {
  std::int64_t worker_id = 0;
  std::string period;
  std::string reasons;  // comma-separated codes, e.g. "age_above,occupation"
  friend bool operator==(const IneligibleRecord&, const IneligibleRecord&) = default;
};

struct CoverageRecord {
  std::int64_t id = 0;  // assigned on insert
  std::string regency_code;
  std::int64_t worker_id = 0;
  std::int64_t program_id = 0;
  std::int64_t batch_id = 0;
  std::string kpj;
  std::string start_date, end_date;  // "YYYY-MM-DD", both included
  std::string start_reason;          // "enrolled"
  std::string end_reason;            // "program_end" (planned), later "died", "removed", ...
  std::string actor;
  std::int64_t created_at_us = 0;  // 0 on insert: the Database clock's now
  friend bool operator==(const CoverageRecord&, const CoverageRecord&) = default;
};

struct AnswerRecord {
  std::int64_t id = 0;  // assigned on insert
  std::string regency_code;
  std::int64_t program_id = 0;
  std::string file_name, checksum;
  std::string counts_json = "{}";
  std::string actor;
  std::int64_t created_at_us = 0;  // 0 on insert: the Database clock's now
};

struct AnswerLineRecord {
  std::int64_t line = 0;  // the file's row number
  std::string kind;       // "unknown" | "rejected" | "name_differs"
  std::string nik;
  std::int64_t worker_id = 0, batch_id = 0;  // 0: none
  std::string name_sent, name_answered, kpj, reason;
  friend bool operator==(const AnswerLineRecord&, const AnswerLineRecord&) = default;
};

// What one answer changes: the answered members, the cover they start, the batches it touched.
struct AnswerWrite {
  AnswerRecord answer;
  std::vector<AnswerLineRecord> lines;
  std::vector<EnrolmentMemberRecord> members;  // by (batch_id, worker_id): state and answer
  std::vector<CoverageRecord> coverage;
  std::vector<std::int64_t> answered_batches;
};

class EnrolmentRepository {
 public:
  virtual ~EnrolmentRepository() = default;

  // Stores the batch and its members (ranks as given); its id.
  virtual Result<std::int64_t> InsertBatch(const EnrolmentBatchRecord& batch,
                                           std::span<const EnrolmentMemberRecord> members) = 0;
  // Replaces the program's list of persons its rules leave out.
  virtual Status ReplaceIneligible(std::string_view regency_code, std::int64_t program_id,
                                   std::span<const IneligibleRecord> rows) = 0;
  // 'created' -> 'approved'; FailedPrecondition from any other status.
  virtual Status Approve(std::string_view regency_code, std::int64_t batch_id,
                         std::string_view actor, std::int64_t at_us) = 0;

  virtual Result<EnrolmentBatchRecord> GetBatch(std::string_view regency_code,
                                                std::int64_t batch_id) = 0;
  // The program's batches (0: every program's), newest first.
  virtual Result<std::vector<EnrolmentBatchRecord>> ListBatches(std::string_view regency_code,
                                                                std::int64_t program_id) = 0;
  // A batch's members by rank.
  virtual Result<std::vector<EnrolmentMemberRecord>> Members(std::string_view regency_code,
                                                             std::int64_t batch_id) = 0;
  // Every member of every batch of the regency, with its batch's program, month and status,
  // by batch then rank.
  virtual Result<std::vector<ProgramMemberRecord>> AllMembers(std::string_view regency_code) = 0;
  // A worker's memberships of batches, oldest batch first.
  virtual Result<std::vector<ProgramMemberRecord>> MembersOfWorker(std::string_view regency_code,
                                                                   std::int64_t worker_id) = 0;

  virtual Result<std::vector<IneligibleRecord>> Ineligible(std::string_view regency_code,
                                                           std::int64_t program_id) = 0;
  // The programs (with their reasons) a worker is left out of.
  struct WorkerIneligibility {
    std::int64_t program_id = 0;
    IneligibleRecord row;
  };
  virtual Result<std::vector<WorkerIneligibility>> IneligibleOfWorker(std::string_view regency_code,
                                                                      std::int64_t worker_id) = 0;

  // Stores an answer: its record and lines, the members' new states, the cover started, the
  // touched batches marked 'answered'; the answer's id.
  virtual Result<std::int64_t> InsertAnswer(const AnswerWrite& write) = 0;
  virtual Result<std::vector<AnswerRecord>> ListAnswers(std::string_view regency_code,
                                                        std::int64_t program_id) = 0;
  virtual Result<std::vector<AnswerLineRecord>> AnswerLines(std::string_view regency_code,
                                                            std::int64_t answer_id) = 0;

  // Coverage periods, by start date then id: of one worker, or of one program.
  virtual Result<std::vector<CoverageRecord>> CoverageOfWorker(std::string_view regency_code,
                                                               std::int64_t worker_id) = 0;
  virtual Result<std::vector<CoverageRecord>> CoverageOfProgram(std::string_view regency_code,
                                                                std::int64_t program_id) = 0;

  // A death (or another end) cuts the worker's cover: every period running past `end_date`
  // that started by then ends on it, with `reason` ("died"); the number of periods cut.
  virtual Result<int> EndCoverage(std::string_view regency_code, std::int64_t worker_id,
                                  std::string_view end_date, std::string_view reason) = 0;

  // The regency a batch id belongs to, nullopt when there is none (`jaring enrol approve ID`).
  virtual Result<std::optional<std::string>> BatchRegency(std::int64_t batch_id) = 0;
};

}  // namespace jaring::storage
