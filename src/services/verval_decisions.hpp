// What a decision on a verval finding does, in one place, for a verifier's decision (review) and
// for a finding that applies itself (run): the finding's state, the registry change an accepted
// finding makes, the labelled pairs the decision teaches the engine, and the audit entries, all
// inside the caller's transaction.
//
//   accepted  duplicate      the other records are merged into the survivor (status
//                            'dikeluarkan', merged_into = survivor); every pair labelled same
//             died           the worker's death is recorded (status 'meninggal', death date from
//                            the extract); the pair labelled same
//             member_*, other_regency, age, domicile
//                            the worker leaves the list (status 'dikeluarkan', the kind as the
//                            reason); an extract pair labelled same
//             invalid_nik, nik_mismatch, changed   acknowledged; the registry is not changed
//   rejected  the registry is not changed; every pair labelled different, so the engine never
//             proposes it again; the finding keeps its state on later runs
//   deferred  nothing changes this month; the finding no longer blocks settling
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "common/error.hpp"
#include "domain/worker.hpp"
#include "services/audit_trail.hpp"
#include "storage/database.hpp"

namespace jaring::services {

enum class Verdict { kAccept, kReject, kDefer };
std::string_view VerdictState(Verdict verdict);  // "accepted" | "rejected" | "deferred"

struct DecisionInput {
  Verdict verdict = Verdict::kAccept;
  std::string reason;  // required of people; the run gives its own for automatic findings
  // duplicate: the record that survives a merge (one of the cluster's); nullopt: as proposed.
  std::optional<std::int64_t> survivor;
};

// What planning a decision needs to know of the registry and the extracts: a worker's current
// status (a worker an earlier decision took off the list is not changed again) and the death
// date of a death-extract row. FactsFromStorage reads them one at a time; a run that holds the
// registry and the extracts in memory answers from there instead.
struct DecisionFacts {
  std::function<Result<domain::WorkerStatus>(std::int64_t worker_id)> worker_status;
  std::function<Result<std::string>(std::int64_t extract_row_id)> death_date;
};
DecisionFacts FactsFromStorage(storage::VervalRepository& repo, std::string regency_code);

// Decides an open finding. InvalidArgument: no reason, a survivor outside the cluster;
// FailedPrecondition: the finding is no longer open (decided meanwhile by someone else).
Status ApplyDecision(storage::Transaction& tx, const AuditTrail* trail,
                     const storage::Finding& finding, const DecisionInput& input,
                     const Actor& actor, std::int64_t now_us);

// Decides many open findings of one regency alike (a run's automatic findings, a verifier's
// bulk accept): planned one after another exactly as ApplyDecision would, each seeing the
// registry changes of those before it, then written in a few statements (a run's thousands of
// automatic decisions would otherwise cost a database round trip per read and per write).
// Errors as ApplyDecision (a survivor must be in each finding's cluster); on an error the caller
// must not commit.
Status ApplyDecisions(storage::Transaction& tx, const AuditTrail* trail,
                      std::span<const storage::Finding> findings, const DecisionInput& input,
                      const Actor& actor, std::int64_t now_us, const DecisionFacts& facts);

// The worker ids of a duplicate finding's cluster (related_json), or {worker_id}.
std::vector<std::int64_t> ClusterOf(const storage::Finding& finding);

}  // namespace jaring::services
