// The audit trail's hash chain (issue 3, item 6), as pure logic: the entry, its canonical bytes,
// its hash, and the verification `jaring audit verify` runs over the stored table.
//
// Each entry's hash covers the previous entry's hash and the entry itself, so changing,
// deleting, inserting or reordering any stored entry breaks the chain at that point. (A rewrite
// of the whole tail from some entry on, hashes recomputed, is only caught against a head hash
// kept elsewhere: ChainVerifier::AddAnchor, and `jaring audit anchor` / `audit verify --anchor`.)
//
// CANONICAL SERIALISATION, version 1 (changing any of this invalidates every stored chain):
//   hash = BLAKE2b-256( field(domain_tag) || field(prev_hash) || field(sequence) || field(at) ||
//                       field(actor_user_id) || field(actor_username) || field(remote_address) ||
//                       field(action) || field(record_type) || field(record_id) ||
//                       field(regency_code) || field(before_json) || field(after_json) )
//   field(x)       = 8-byte big-endian unsigned byte length of x, then the bytes of x
//   prev_hash      the previous entry's `hash` as its 64 lower-case hex characters; for the first
//                  entry kGenesisHash (64 '0', the hex of 32 zero bytes)
//   domain_tag     "jaring.audit.v1"
//   sequence       decimal ASCII, no sign, no leading zeros ("1", "2", ...)
//   at             decimal ASCII microseconds since 1970-01-01T00:00:00Z, '-' if negative;
//                  sub-microsecond parts are truncated towards the past (floor)
//   actor_user_id  decimal ASCII ("-" sign if negative), or empty when there is no user
//                  (a failed sign-in for an unknown name, a system job)
//   action         AuditActionCode(action), e.g. "update"
//   the rest       the strings' bytes exactly as stored (UTF-8), no normalisation
// Because every field carries its length, no two different entries serialise alike, whatever
// bytes their fields contain. hash is written as 64 lower-case hex characters.
//
// What storage must guarantee for this to verify: keep `at` to the microsecond (SQLite integer
// microseconds or PostgreSQL timestamptz), keep before_json/after_json as TEXT byte for byte
// (not PostgreSQL jsonb, which reorders keys), and append under a lock so that two writers
// cannot both extend the same head. All functions are pure and thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/clock.hpp"

namespace jaring::auth {

// What happened. Codes are stable: they are part of every stored hash.
enum class AuditAction {
  kCreate,          // create
  kUpdate,          // update
  kDelete,          // delete
  kImport,          // import: one entry per import run (counts in after_json)
  kDecision,        // decision: a verifikator's approval or rejection
  kSignIn,          // sign_in
  kSignInFailed,    // sign_in_failed
  kSignOut,         // sign_out
  kPasswordChange,  // password_change (never the password or its hash)
  kTokenIssue,      // token_issue: an API token created (never its secret)
  kTokenRevoke,     // token_revoke
  kExport,          // export: a file with personal data left the system
  kUnmask,          // unmask: one record's NIK shown unmasked
};

inline constexpr std::string_view kAuditChainDomainTag = "jaring.audit.v1";
// The prev_hash of the first entry: 32 zero bytes in hex.
inline constexpr std::string_view kGenesisHash =
    "0000000000000000000000000000000000000000000000000000000000000000";

std::string_view AuditActionCode(AuditAction action);
std::optional<AuditAction> AuditActionFromCode(std::string_view code);

struct AuditEntry {
  std::int64_t sequence = 0;  // 1, 2, 3, ... without gaps
  TimePoint at;               // when; hashed at microsecond precision (see above)
  std::optional<std::int64_t> actor_user_id;
  std::string actor_username;  // as it was at the time (users may be renamed)
  std::string remote_address;  // client IP as the server saw it; "" for the CLI
  AuditAction action = AuditAction::kUpdate;
  std::string record_type;   // "worker", "user", "session", "import", ...
  std::string record_id;     // the record's id as text; "" when none
  std::string regency_code;  // owning regency ("35.14"), "" when none (sign-in, province)
  std::string before_json;   // the record before the change; "" for create
  std::string after_json;    // the record after; "" for delete
  std::string prev_hash;     // hex, = previous entry's hash (kGenesisHash for the first)
  std::string hash;          // hex, = ComputeHash(prev_hash, *this)

  friend bool operator==(const AuditEntry&, const AuditEntry&) = default;
};

// The canonical bytes of `entry` chained to `prev_hash`, as specified above (the input of the
// hash). entry.prev_hash and entry.hash are not read.
std::string CanonicalBytes(std::string_view prev_hash, const AuditEntry& entry);

// BLAKE2b-256 of CanonicalBytes(prev_hash, entry), 64 lower-case hex characters.
std::string ComputeHash(std::string_view prev_hash, const AuditEntry& entry);

// `at` truncated to whole microseconds (floor): what the hash covers and storage keeps.
TimePoint TruncateToMicros(TimePoint at);

// Makes `entry` the successor of the chain's head: sets sequence = head_sequence + 1,
// prev_hash = head_hash, truncates `at` to microseconds, and computes hash. For an empty
// chain pass 0 and kGenesisHash. Storage calls this inside the transaction of the change,
// after reading (and locking) the current head.
void SealEntry(AuditEntry& entry, std::int64_t head_sequence, std::string_view head_hash);

// --- Verification -------------------------------------------------------------------------

enum class ChainBreak {
  kSequenceGap,       // SEQUENCE_GAP: sequence is not the expected next one (an entry was
                      // deleted, inserted, duplicated or moved)
  kPrevLinkMismatch,  // PREV_LINK_MISMATCH: prev_hash differs from the previous entry's hash
  kHashMismatch,      // HASH_MISMATCH: hash differs from the recomputed one (entry edited)
  kAnchorMismatch,    // ANCHOR_MISMATCH: hash differs from a head recorded elsewhere
};

std::string_view ChainBreakCode(ChainBreak reason);

struct ChainBreakInfo {
  std::int64_t sequence = 0;           // the sequence stored on the first broken entry
  std::int64_t expected_sequence = 0;  // the sequence the chain expected at that place
  ChainBreak reason = ChainBreak::kHashMismatch;
  std::string expected;  // what was expected there (sequence, previous hash or recomputed hash)
  std::string found;     // what the entry holds

  // One Indonesian line for the CLI, e.g. "Entri audit #42 rusak: hash tidak cocok (...)".
  std::string Describe() const;
};

struct ChainReport {
  std::int64_t entries_checked = 0;  // entries that verified before the break (or all)
  std::int64_t head_sequence = 0;    // the last verified entry's sequence (0 if none)
  std::string head_hash;             // and its hash (kGenesisHash if none)
  std::optional<ChainBreakInfo> first_break;

  bool ok() const { return !first_break.has_value(); }
};

// A head recorded outside the database: the entry with this sequence must have this hash.
struct ChainAnchor {
  std::int64_t sequence = 0;
  std::string hash;
};

// Verifies entries fed in sequence order, in pages, so that a chain of millions never has to
// sit in memory: storage reads "ORDER BY sequence" in batches and calls Add for each.
// Not thread-safe (one verification, one thread).
class ChainVerifier {
 public:
  // Starts at the genesis: the first entry must have sequence 1 and prev_hash kGenesisHash.
  ChainVerifier() = default;
  // Resumes after a verified head (e.g. from a previous run).
  ChainVerifier(std::int64_t head_sequence, std::string head_hash);

  // Anchors to check on the way. Entries not reached by the end are not reported.
  void AddAnchor(ChainAnchor anchor);

  // Checks one entry in this order: sequence == head + 1, prev_hash == head's hash, hash ==
  // ComputeHash(prev_hash, entry), then any anchor at that sequence. Returns false at the first
  // break, which is kept; later calls do nothing and return false.
  bool Add(const AuditEntry& entry);

  const ChainReport& report() const { return report_; }

 private:
  std::vector<ChainAnchor> anchors_;
  ChainReport report_{0, 0, std::string(kGenesisHash), std::nullopt};
};

// The whole chain from the genesis, in storage order: OK, or the first broken entry and why.
ChainReport VerifyChain(std::span<const AuditEntry> entries,
                        std::span<const ChainAnchor> anchors = {});

}  // namespace jaring::auth
