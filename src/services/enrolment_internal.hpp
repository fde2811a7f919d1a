// What the three files of EnrolmentService share (batches, answers, coverage): the permission
// checks, the not-found errors and the batch view built from its record. Internal to services.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "auth/roles.hpp"
#include "common/error.hpp"
#include "domain/period.hpp"
#include "services/audit_trail.hpp"
#include "services/enrolment_views.hpp"
#include "storage/database.hpp"

namespace jaring::services::enrolment {

// The CLI's actor (no principal) may do everything; a principal needs `permission` there.
bool Allowed(const Actor& actor, auth::Permission permission, std::string_view regency);
Status Require(const Actor& actor, auth::Permission permission, std::string_view regency,
               std::string_view what);

// The finance office's work on a program's money (issuing a bill, reconciling the invoice,
// recording a payment): manage_enrolment or manage_programs in the regency.
Status RequireFinance(const Actor& actor, std::string_view regency, std::string_view what);

// "YYYY-MM" as a month; InvalidArgument in Indonesian otherwise.
Result<domain::Period> ParseMonth(std::string_view text);

Error ProgramNotFound(std::int64_t id);
// The regency's program; ProgramNotFound (not storage's wording) when it has none by that id.
Result<storage::ProgramRecord> GetProgram(storage::Transaction& tx, std::string_view regency,
                                          std::int64_t id);
Error BatchNotFound(std::int64_t id);
// NotFound from storage becomes `replacement`; other errors pass.
Error Translate(Error error, Error replacement);

inline std::int64_t ToMicros(TimePoint at) {
  return std::chrono::duration_cast<std::chrono::microseconds>(at.time_since_epoch()).count();
}
inline TimePoint FromMicros(std::int64_t us) { return TimePoint(std::chrono::microseconds(us)); }

// Every worker of the regency whose id is in `wanted`, by id: one pass over the registry (a
// batch holds up to a whole quota; one query per person would be thousands of round trips).
Result<std::unordered_map<std::int64_t, storage::WorkerRecord>> WorkersById(
    storage::Transaction& tx, std::string_view regency,
    const std::unordered_set<std::int64_t>& wanted);

// The persons of a settled version of a month, by worker id.
Result<std::unordered_set<std::int64_t>> SettledPersons(storage::Transaction& tx,
                                                        std::string_view regency,
                                                        std::int64_t settled_id);

BatchView ViewOf(const storage::EnrolmentBatchRecord& batch, std::string program_name);

}  // namespace jaring::services::enrolment
