// VervalReview: the review queue of the monthly verification, for verifiers (issue 12, item 4):
// the month's findings grouped by kind and sorted by confidence, each with the records involved
// side by side, and the decisions on them (one finding, or every open finding of a filtered
// group at once), each audited and turned into labelled pairs (services/verval_decisions.hpp).
//
// Which findings belong to a month: those the month's newest run produced, and those decided on
// an earlier run (a death that applied itself is not found again once the worker is recorded
// dead, but it stays a finding of the month). Tenancy: every call names the regency; another
// regency's finding is NotFound. Records are returned unmasked: the HTTP layer masks NIKs for
// roles that must not see them. Thread safety: stateless apart from references; safe.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "common/clock.hpp"
#include "common/error.hpp"
#include "services/audit_trail.hpp"
#include "services/verval_decisions.hpp"
#include "services/verval_views.hpp"
#include "storage/database.hpp"

namespace jaring::services {

// One finding with the records it is about: an item of the review queue.
struct ReviewItem {
  FindingView finding;
  std::vector<RegistryRecordView> workers;  // the worker, then the others (duplicate)
  std::optional<ExtractRowView> extract;    // died, member_*
};

struct ReviewSummary {
  std::optional<VervalRunView> run;  // the month's newest run
  // kind -> state -> count, over the month's findings (see above).
  std::map<std::string, std::map<std::string, std::uint64_t>> counts;
  std::uint64_t open_blocking = 0;  // open findings that keep the month from being settled
};

struct ReviewQuery {
  std::string period;
  std::optional<std::string> kind, state, action;
  std::int64_t offset = 0;
  int limit = 50;  // 1..500
};

// Which open findings one decision covers.
struct DecisionScope {
  std::optional<std::int64_t> finding_id;  // one finding; or:
  std::optional<std::string> kind;         // every open finding of the kind (bulk); or neither:
                                           // every open finding of the month (--all)
  std::optional<std::string> action;       // bulk only: only "review" or "automatic" ones
};

class VervalReview {
 public:
  VervalReview(storage::Database& db, const AuditTrail* trail, const Clock& clock);

  Result<ReviewSummary> Summary(std::string_view regency_code, std::string_view period);
  // A page of the queue, most certain first.
  Result<std::vector<ReviewItem>> Queue(std::string_view regency_code, const ReviewQuery& query);
  Result<ReviewItem> Get(std::string_view regency_code, std::int64_t finding_id);

  // Decides the open findings of the month the scope selects, in one transaction: all or none.
  // Returns how many were decided. NotFound: no such finding; FailedPrecondition: the finding
  // was decided meanwhile or the month has no run; InvalidArgument: no reason, bad kind.
  Result<std::uint64_t> Decide(std::string_view regency_code, std::string_view period,
                               const DecisionScope& scope, const DecisionInput& input,
                               const Actor& actor);

  // The month's findings as CSV: kind,worker,other,confidence,action,state. `worker` is the
  // worker's id in the list it came from (source id), or "jaring:<id>" when it had none;
  // `other`: the other worker's (duplicate; one line per record merged into the survivor), the
  // extract row's id (died, member_*), the other regency's code (other_regency). Rows the
  // import merged into an earlier row of their file (the same person listed twice) are listed
  // as duplicates, automatic and accepted, beside the record they were merged into.
  Status ExportCsv(std::string_view regency_code, std::string_view period,
                   const std::filesystem::path& out);

 private:
  storage::Database& db_;
  const AuditTrail* trail_;
  const Clock& clock_;
};

// The month's findings filter for `run` (see the header comment): current or decided.
bool BelongsToMonth(const storage::Finding& finding, std::int64_t latest_run_id);

}  // namespace jaring::services
