// AuditTrail: the tamper-evident audit log of issue 3, item 6, over storage.
//
// Every change is written by the service that makes it, in the SAME storage::Transaction as the
// change itself: either both are stored or neither. Append() reads the chain's head under a
// lock (PostgreSQL: the one-row audit_head table SELECT ... FOR UPDATE; SQLite: the write lock
// BEGIN IMMEDIATE already holds), seals the entry with auth::SealEntry and inserts it, so two
// writers can never extend the same head. Verify() reads the whole table in sequence order, in
// pages, into one auth::ChainVerifier: a row edited, deleted or inserted behind jaring's back
// is named by its sequence.
//
//   auto tx = db.Begin();
//   ... (*tx)->Workers().Insert(worker) ...
//   if (auto s = trail.Append(**tx, {actor, AuditAction::kCreate, "worker", id, "35.14", "",
//                                    json}); !s) return s;
//   return (*tx)->Commit();
//
// Thread-safe (stateless apart from the injected clock).
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "auth/audit_chain.hpp"
#include "auth/roles.hpp"
#include "common/clock.hpp"
#include "common/error.hpp"
#include "services/audit_anchor.hpp"
#include "storage/database.hpp"

namespace jaring::services {

// Who acts: a signed-in principal (web, API token) or the operator at the server's console.
struct Actor {
  // nullopt for the CLI, which runs with the database's own credentials and may do anything
  // (the first administrator is created this way).
  std::optional<auth::Principal> principal;
  std::string name;            // audit actor_username: principal.username, or "cli:<os user>"
  std::string remote_address;  // "" for the CLI

  static Actor ForPrincipal(const auth::Principal& principal, std::string remote_address);
  // "cli:<os_user>" (os_user from $USER / getlogin; "unknown" when empty).
  static Actor ForCli(std::string os_user);
  // The user id written into audit entries (principal's), nullopt for the CLI.
  std::optional<std::int64_t> user_id() const;
};

// One change to record. The trail adds the time (injected clock), sequence and hashes.
struct AuditEvent {
  std::optional<std::int64_t> actor_user_id;
  std::string actor_username;
  std::string remote_address;
  auth::AuditAction action = auth::AuditAction::kUpdate;
  std::string record_type;   // "worker", "user", "session", "api_token", "import", ...
  std::string record_id;     // "" when none
  std::string regency_code;  // owning regency, "" when none (sign-in, province-wide)
  std::string before_json;   // "" for create; never passwords, hashes or token secrets
  std::string after_json;    // "" for delete

  // The actor's three fields filled from `actor`, the rest as given.
  static AuditEvent By(const Actor& actor, auth::AuditAction action, std::string record_type,
                       std::string record_id, std::string regency_code = {},
                       std::string before_json = {}, std::string after_json = {});
};

// Filters of the auditors' view (issue 3: user, record, action, date). Empty fields do not
// filter. Results are newest first, keyset-paged by `before_sequence`.
struct AuditQuery {
  // Tenancy: entries whose regency_code is one of these; the caller builds this list with
  // auth::VisibleRegencies(principal, regions, Permission::kViewAudit), never from input.
  std::vector<std::string> regency_codes;
  // Also entries with no regency (sign-ins, accounts of province scope). Only for principals
  // whose kViewAudit covers a whole province.
  bool include_unscoped = false;
  std::string actor_username;
  std::string record_type;
  std::string record_id;
  std::optional<auth::AuditAction> action;
  std::optional<TimePoint> from;     // at >= from
  std::optional<TimePoint> until;    // at < until
  std::int64_t before_sequence = 0;  // 0: from the newest
  int limit = 100;                   // 1..1000
};

class AuditTrail {
 public:
  // `clock` must outlive the trail.
  explicit AuditTrail(const Clock& clock) : clock_(clock) {}

  // Seals `event` onto the current head and inserts it inside `tx`. On failure the caller must
  // not commit the change (a change without its entry must not exist).
  Status Append(storage::Transaction& tx, const AuditEvent& event) const {
    return AppendAll(tx, std::span(&event, 1));
  }
  // Append for many events, sealed in order onto one chain and inserted together (a run's
  // thousands of automatic decisions).
  Status AppendAll(storage::Transaction& tx, std::span<const AuditEvent> events) const;

  // Verifies the whole chain from the genesis, reading `page_size` entries at a time, and that
  // it reaches the head row (audit_head) with its hash: deleting the newest entries is a
  // SEQUENCE_GAP at the first missing one. A broken chain is a report with first_break set,
  // not an error; errors are storage failures.
  Result<auth::ChainReport> Verify(storage::Database& db, int page_size = 1000) const {
    return Verify(db, {}, page_size);
  }
  // Verify, and each of `anchors` (heads recorded outside the database, audit_anchor.hpp) must
  // be met with its hash: a rewritten history is ANCHOR_MISMATCH at the anchor even when its
  // hashes were all recomputed, and an anchor beyond the log's end (entries removed, head row
  // moved back) is ANCHOR_MISMATCH at the anchor. Anchors at sequence 0 hold trivially.
  Result<auth::ChainReport> Verify(storage::Database& db,
                                   std::span<const auth::ChainAnchor> anchors,
                                   int page_size = 1000) const;

  // The verified head as an anchor (sequence, hash, the entry's time, now, the engine);
  // `database` is the caller's label for where it was taken. FailedPrecondition with the first
  // break's description when the chain does not verify: a broken history is never anchored.
  Result<AuditAnchor> Anchor(storage::Database& db, std::string database) const;

  // Entries matching `query` (see AuditQuery), newest first. InvalidArgument for a bad limit.
  Result<std::vector<auth::AuditEntry>> Search(storage::Database& db,
                                               const AuditQuery& query) const;

 private:
  const Clock& clock_;
};

}  // namespace jaring::services
